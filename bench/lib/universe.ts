/**
 * A synthetic screening universe, seeded: the same table every run, for the node screen, the
 * pandas screen (through a CSV), the memory child and the Excel adapter's mock workbook.
 *
 * Headers are ones the screen recognises by itself (no mapping): three periods of EBIT and
 * interest feed the multi-year zombie test, the latest of them the ICR. Cells are what Excel's
 * `Range.values` hands over: numbers, text, and "" for an empty cell. About 2% of each numeric
 * field is blank, 3% of companies have no interest expense, 8% no debt, so every branch of the
 * criteria (pass, fail, unknown, infinite coverage, no debt) is exercised.
 */
import { Random } from "./random";

export const UNIVERSE_HEADERS = [
  "Ticker",
  "Market Cap",
  "Total Debt",
  "EBIT 2022",
  "EBIT 2023",
  "EBIT 2024",
  "Interest Expense 2022",
  "Interest Expense 2023",
  "Interest Expense 2024",
  "Floating Rate Share",
  "WAM",
  "FCF",
  "Domestic Share",
  "Fwd P/E",
] as const;

export type UniverseCell = number | string;

export interface Universe {
  readonly headers: readonly string[];
  readonly rows: UniverseCell[][];
}

function ticker(i: number): string {
  let s = "";
  let n = i;
  for (let k = 0; k < 5; k++) {
    s = String.fromCharCode(65 + (n % 26)) + s;
    n = Math.floor(n / 26);
  }
  return s;
}

export function makeUniverse(count: number, seed = 20241): Universe {
  const rows: UniverseCell[][] = new Array(count);
  let i = 0;
  for (const row of universeRows(count, seed)) rows[i++] = row;
  return { headers: [...UNIVERSE_HEADERS], rows };
}

/** The universe's rows one at a time, as makeUniverse has them: for a consumer that must not hold them all. */
export function* universeRows(count: number, seed = 20241): Generator<UniverseCell[]> {
  const rnd = new Random(seed);
  const blank = (value: number): UniverseCell => (rnd.chance(0.02) ? "" : value);
  const round = (x: number, d: number) => Math.round(x * 10 ** d) / 10 ** d;
  for (let i = 0; i < count; i++) {
    const marketCap = round(Math.exp(rnd.normal(Math.log(1200), 0.9)), 1);
    const debt = rnd.chance(0.08) ? 0 : round(marketCap * rnd.uniform(0.05, 1.2), 1);
    const margin = rnd.normal(0.08, 0.09);
    const revenue = marketCap * rnd.uniform(0.4, 2);
    const rate = rnd.uniform(0.03, 0.09);
    const noInterest = debt === 0 || rnd.chance(0.03);
    const ebit: number[] = [];
    const interest: number[] = [];
    for (let t = 0; t < 3; t++) {
      ebit.push(round(revenue * (margin + rnd.normal(0, 0.03)), 2));
      interest.push(noInterest ? 0 : round(-debt * rate * rnd.uniform(0.85, 1.15), 2));
    }
    const share = rnd.chance(0.1) ? 0 : round(Math.min(1, Math.max(0, rnd.normal(0.4, 0.25))), 3);
    const fcf = round(ebit[2] * rnd.uniform(0.3, 1.1) + rnd.normal(0, 0.02 * revenue), 2);
    const pe = rnd.chance(0.2) ? round(-rnd.uniform(2, 40), 1) : round(Math.exp(rnd.normal(Math.log(15), 0.45)), 1);
    yield [
      ticker(i),
      blank(marketCap),
      blank(debt),
      blank(ebit[0]),
      blank(ebit[1]),
      blank(ebit[2]),
      blank(interest[0]),
      blank(interest[1]),
      blank(interest[2]),
      blank(share),
      blank(round(rnd.uniform(0.5, 9), 2)),
      blank(fcf),
      blank(round(Math.min(1, rnd.uniform(0.55, 1.05)), 3)),
      blank(pe),
    ];
  }
}

/** The universe as CSV: numbers in JavaScript's shortest round-trip form, so Python reads the same doubles. */
export function universeCsv(universe: Universe): string {
  const lines: string[] = [universe.headers.map((h) => (/[",]/.test(h) ? `"${h.replace(/"/g, '""')}"` : h)).join(",")];
  for (const row of universe.rows) lines.push(row.map((v) => (typeof v === "number" ? String(v) : v)).join(","));
  return lines.join("\n") + "\n";
}
