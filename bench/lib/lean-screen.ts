/**
 * The quality screen written as lean JavaScript: the same criteria, percentile-rank score and
 * ranking as src/core/screen (and bench/pandas_screen.py), over the same `any[][]` rows, but
 * column-at-a-time into typed arrays with no per-row objects, no reason text and no problem
 * lists. Not a product: it shows what JavaScript itself costs for this screen, so the engine's
 * distance from pandas splits into "JavaScript vs numpy" and "what the engine does besides".
 * Columns are found by exact header (the bench universe's), not by recognition.
 */
import type { Universe } from "./universe";
import { percentileRanks } from "../../src/core/screen/score";

const SHOCK_BPS = 200;

export interface LeanResult {
  readonly pass: Uint8Array;
  readonly score: Float64Array;
  /** Passing rows (0-based) in rank order. */
  readonly ranked: Int32Array;
}

function column(universe: Universe, header: string, rule: "any" | "fraction" | "nonNegative"): Float64Array {
  const index = universe.headers.indexOf(header);
  const rows = universe.rows;
  const out = new Float64Array(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const v = rows[i][index];
    let x = typeof v === "number" && v - v === 0 ? v : NaN;
    if (rule === "fraction" && !(x >= 0 && x <= 1)) x = NaN;
    else if (rule === "nonNegative" && !(x >= 0)) x = NaN;
    out[i] = x;
  }
  return out;
}


export function leanScreen(universe: Universe): LeanResult {
  const n = universe.rows.length;
  const tickerAt = universe.headers.indexOf("Ticker");
  const mcap = column(universe, "Market Cap", "nonNegative");
  const debt = column(universe, "Total Debt", "nonNegative");
  const share = column(universe, "Floating Rate Share", "fraction");
  const wam = column(universe, "WAM", "nonNegative");
  const fcf = column(universe, "FCF", "any");
  const domestic = column(universe, "Domestic Share", "fraction");
  const pe = column(universe, "Fwd P/E", "any");
  const ebitHistory = ["2022", "2023", "2024"].map((y) => column(universe, `EBIT ${y}`, "any"));
  const interestHistory = ["2022", "2023", "2024"].map((y) => column(universe, `Interest Expense ${y}`, "any"));
  const ebit = ebitHistory[2];
  const interest = interestHistory[2];

  const icr = new Float64Array(n);
  const cheap = new Float64Array(n);
  const yields = new Float64Array(n);
  const pass = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const e = ebit[i];
    const x = interest[i];
    const d = debt[i];
    const s = share[i];
    const cover = x === 0 ? Infinity : e / Math.abs(x);
    icr[i] = cover;
    let shocked: number;
    if (d === 0 || s === 0) shocked = cover;
    else if (x !== x || d !== d || s !== s) shocked = NaN;
    else {
      const proforma = Math.abs(x) + (d * s * SHOCK_BPS) / 10000;
      shocked = proforma > 0 ? e / proforma : Infinity;
    }
    // Not a zombie as soon as one period with both values known does not fail (another may be blank).
    let cleared = false;
    for (let t = 0; t < 3; t++) {
      const et = ebitHistory[t][i];
      const xt = interestHistory[t][i];
      if (et !== et || xt !== xt) continue;
      const c = Math.abs(xt);
      if (c === 0 || et / c >= 1) cleared = true;
    }
    const f = fcf[i];
    const ok =
      f > 0 &&
      (d === 0 || share[i] <= 0.25) &&
      (d === 0 || wam[i] >= 3) &&
      domestic[i] >= 0.8 &&
      cleared &&
      cover >= 3 &&
      shocked >= 1.5;
    pass[i] = ok ? 1 : 0;
    cheap[i] = pe[i] > 0 ? -pe[i] : NaN;
    const m = mcap[i];
    yields[i] = f === f && m === m && m !== 0 ? f / m : NaN;
  }
  const pv = percentileRanks(cheap);
  const pc = percentileRanks(icr);
  const pf = percentileRanks(yields);
  const score = new Float64Array(n).fill(NaN);
  const passing: number[] = [];
  for (let i = 0; i < n; i++) {
    if (pass[i] !== 1) continue;
    const v = pv[i];
    const c = pc[i];
    const f = pf[i];
    score[i] = Math.min(100, Math.max(0, 100 * (0.5 * (v === v ? v : 0) + 0.25 * (c === c ? c : 0) + 0.25 * (f === f ? f : 0))));
    passing.push(i);
  }
  const rows = universe.rows;
  passing.sort((a, b) => {
    if (score[a] !== score[b]) return score[b] - score[a];
    const ta = rows[a][tickerAt] as string;
    const tb = rows[b][tickerAt] as string;
    return ta !== tb ? (ta < tb ? -1 : 1) : a - b;
  });
  return { pass, score, ranked: Int32Array.from(passing) };
}
