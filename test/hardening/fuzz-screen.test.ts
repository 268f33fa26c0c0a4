/**
 * Fuzzing the screen engine (runScreen), and proving it never changes its input.
 *
 * SCREEN_RUNS (default 10,000) generated tables, configs and mappings (support/screen-arbitraries.ts):
 * recognised and junk headers, period columns, ragged and non-array rows, hostile cells, presets
 * with criteria switched and thresholds moved (in and out of range), garbage configs and
 * mappings. Every run must return `{ ok: false, message }` in words or a result that keeps the
 * engine's own promises (types.ts): pass exactly when nothing failed or was unknown, a 0-100
 * score and a unique rank for each passing row only, finite numbers or null everywhere, a
 * summary that agrees with the rows. The engine's catch-all ("The screen stopped unexpectedly")
 * counts as a throw: it means something inside threw.
 *
 * Inputs are deep-frozen, so any write to them throws inside the engine (and is counted), and
 * are also compared with a snapshot taken before the run: "nothing lost" item (a).
 */
import fc from "fast-check";
import { presetConfig, runScreen, runScreenAsync, runScreenRows } from "../../src/core/screen";
import type { ColumnMapping, ScreenConfig, ScreenInput, ScreenOutcome, ScreenResult } from "../../src/core/screen";
import { config, mapping, table } from "./support/screen-arbitraries";
import { deepFreeze, difference, snapshotOf } from "./support/deep";
import { preview } from "./support/outputs";

const RUNS = Number(process.env.SCREEN_RUNS ?? process.env.FUZZ_RUNS ?? 10_000);
const SEED = Number(process.env.FUZZ_SEED ?? 20_240_611);
const BIG = 100_000;

const VERDICTS = new Set(["pass", "fail", "unknown"]);
const UNEXPECTED = /stopped unexpectedly/;

/** Non-finite numbers anywhere in a value (rows and summary must be plain JSON-safe data; the typed columns hold NaN by design). */
function nonFinite(value: unknown, path = "result"): string | undefined {
  if (typeof value === "number") return Number.isFinite(value) ? undefined : `${path} = ${String(value)}`;
  if (value === null || typeof value !== "object") return undefined;
  for (const [k, v] of Object.entries(value)) {
    const found = nonFinite(v, `${path}.${k}`);
    if (found !== undefined) return found;
  }
  return undefined;
}

const isNullOrFinite = (v: unknown): boolean => v === null || (typeof v === "number" && Number.isFinite(v));
const isShare = (v: unknown): boolean => v === null || (typeof v === "number" && v >= 0 && v <= 1);

/** The engine's promises about a result (types.ts); the first broken one, or undefined. */
function resultProblem(result: ScreenResult): string | undefined {
  const { rows, summary } = result;
  const bad = nonFinite({ rows, summary, mapping: result.mapping, config: result.config });
  if (bad !== undefined) return `non-finite number: ${bad}`;
  if (summary.rowsScreened !== rows.length || result.count !== rows.length) return `rowsScreened ${summary.rowsScreened}, count ${result.count} but ${rows.length} rows`;
  // The typed columns and the order say what the rows say.
  const seen = new Uint8Array(rows.length);
  for (let k = 0; k < result.order.length; k++) {
    const i = result.order[k];
    if (seen[i] === 1) return `order lists row index ${i} twice`;
    seen[i] = 1;
    const r = rows[i];
    if (r.pass !== (k < summary.rowsPassing)) return `order position ${k} holds row ${r.row} (pass ${r.pass}) with ${summary.rowsPassing} passing`;
    if (r.pass && r.rank !== k + 1) return `order position ${k} holds rank ${preview(r.rank)}`;
    if (result.columns.pass[i] !== (r.pass ? 1 : 0)) return `columns.pass[${i}] disagrees with row ${r.row}`;
  }
  if (result.order.length !== rows.length) return `order has ${result.order.length} entries for ${rows.length} rows`;
  if (result.rowsWithUnknown !== rows.filter((r) => r.unknown.length > 0).length) return `rowsWithUnknown ${result.rowsWithUnknown} disagrees with the rows`;
  let passing = 0;
  let lastRow = 0;
  const ranks: number[] = [];
  for (const r of rows) {
    const at = `row ${r.row}`;
    if (!Number.isInteger(r.row) || r.row <= lastRow) return `${at}: row numbers must rise (after ${lastRow})`;
    lastRow = r.row;
    if (typeof r.pass !== "boolean") return `${at}: pass is ${preview(r.pass)}`;
    const verdicts = Object.entries(r.verdicts);
    if (verdicts.some(([, v]) => !VERDICTS.has(v as string))) return `${at}: verdicts ${preview(r.verdicts)}`;
    const failed = verdicts.filter(([, v]) => v === "fail").map(([k]) => k);
    const unknown = verdicts.filter(([, v]) => v === "unknown").map(([k]) => k);
    if (preview([...r.failed].sort()) !== preview(failed.sort())) return `${at}: failed ${preview(r.failed)} but verdicts ${preview(r.verdicts)}`;
    if (preview([...r.unknown].sort()) !== preview(unknown.sort())) return `${at}: unknown ${preview(r.unknown)} but verdicts ${preview(r.verdicts)}`;
    if (r.pass !== (failed.length === 0 && unknown.length === 0)) return `${at}: pass ${r.pass} with failed ${preview(failed)}, unknown ${preview(unknown)}`;
    if (typeof r.reason !== "string" || r.reason === "") return `${at}: no reason`;
    if (r.pass !== /^passes(; |$)/.test(r.reason)) return `${at}: pass ${r.pass} but reason "${r.reason}"`;
    if (r.pass) {
      passing++;
      if (typeof r.score !== "number" || r.score < 0 || r.score > 100) return `${at}: passing with score ${preview(r.score)}`;
      if (typeof r.rank !== "number" || !Number.isInteger(r.rank)) return `${at}: passing with rank ${preview(r.rank)}`;
      ranks.push(r.rank);
    } else if (r.score !== null || r.rank !== null) return `${at}: not passing but score ${preview(r.score)}, rank ${preview(r.rank)}`;
    for (const key of ["icr", "shockedIcr", "forwardPe", "fcfYield"] as const) if (!isNullOrFinite(r[key])) return `${at}: ${key} ${preview(r[key])}`;
    if (r.zombie !== null && typeof r.zombie !== "boolean") return `${at}: zombie ${preview(r.zombie)}`;
    for (const key of ["ticker", "name"] as const) if (r[key] !== null && typeof r[key] !== "string") return `${at}: ${key} ${preview(r[key])}`;
    if (!r.problems.every((p) => typeof p.field === "string" && typeof p.message === "string" && p.message !== "")) return `${at}: problems ${preview(r.problems)}`;
  }
  ranks.sort((a, b) => a - b);
  if (ranks.some((rank, i) => rank !== i + 1)) return `ranks of passing rows are not 1..${passing}: ${preview(ranks)}`;
  if (summary.rowsPassing !== passing) return `rowsPassing ${summary.rowsPassing} but ${passing} rows pass`;
  if (summary.zombieCount < 0 || summary.zombieCount > rows.length) return `zombieCount ${summary.zombieCount}`;
  if (summary.zombieCount !== rows.filter((r) => r.zombie === true).length) return `zombieCount ${summary.zombieCount} but ${rows.filter((r) => r.zombie === true).length} rows are zombies`;
  if (!isShare(summary.zombieShare) || !isShare(summary.unprofitableShare)) return `shares ${preview([summary.zombieShare, summary.unprofitableShare])}`;
  if (!isNullOrFinite(summary.indexPe) || !isNullOrFinite(summary.indexPeExUnprofitable)) return `index P/E ${preview(summary)}`;
  if (summary.stress !== undefined) {
    const s = summary.stress;
    if (!(s.belowOne <= s.rowsKnown && s.belowThreshold <= s.rowsKnown && s.rowsKnown <= rows.length)) return `stress counts ${preview(s)}`;
  }
  return undefined;
}

/** What is wrong with one run: a throw, an escaped internal error, a broken promise, a changed input. */
function runProblem(input: ScreenInput, cfg: unknown, map: unknown): { kind: "throw" | "malformed" | "mutated"; detail: string } | undefined {
  const frozen = deepFreeze({ input, cfg, map });
  const before = snapshotOf(frozen);
  let outcome: ScreenOutcome;
  try {
    outcome = runScreen(input, cfg as ScreenConfig, map as ColumnMapping | null);
  } catch (error) {
    return { kind: "throw", detail: String(error) };
  }
  const changed = difference(before, snapshotOf(frozen));
  if (changed !== "") return { kind: "mutated", detail: changed };
  if (outcome === null || typeof outcome !== "object") return { kind: "malformed", detail: `outcome ${preview(outcome)}` };
  if (!outcome.ok) {
    if (UNEXPECTED.test(outcome.message)) return { kind: "throw", detail: outcome.message };
    if (typeof outcome.message !== "string" || outcome.message.trim() === "") return { kind: "malformed", detail: "empty message" };
    return undefined;
  }
  const problem = resultProblem(outcome.result);
  return problem === undefined ? undefined : { kind: "malformed", detail: problem };
}

const run = fc.record({ input: table, cfg: config, map: mapping });

test(`runScreen: ${RUNS} generated tables, configs and mappings: no throw, results keep their promises, inputs unchanged`, () => {
  const samples = fc.sample(run, { numRuns: RUNS, seed: SEED });
  const counts = { throw: 0, malformed: 0, mutated: 0 };
  let ok = 0;
  let refused = 0;
  let rowsJudged = 0;
  let passing = 0;
  const examples: string[] = [];
  for (const { input, cfg, map } of samples) {
    const problem = runProblem(input, cfg, map);
    if (problem !== undefined) {
      counts[problem.kind]++;
      if (examples.length < 3) examples.push(`${problem.kind}: ${problem.detail}\n  ${preview({ input, cfg, map }, 1500)}`);
      continue;
    }
    const outcome = runScreen(input, cfg as ScreenConfig, map as ColumnMapping | null);
    if (outcome.ok) {
      ok++;
      rowsJudged += outcome.result.rows.length;
      passing += outcome.result.summary.rowsPassing;
    } else refused++;
  }
  console.log(
    `fuzz runScreen: ${samples.length} inputs, ${counts.throw} throws, ${counts.malformed} malformed outputs, ${counts.mutated} inputs mutated ` +
      `(${ok} screened: ${rowsJudged} rows judged, ${passing} passing; ${refused} refused with a message)`,
  );
  let shrunk = "";
  if (counts.throw + counts.malformed + counts.mutated > 0) {
    const details = fc.check(fc.property(run, ({ input, cfg, map }) => runProblem(input, cfg, map) === undefined), { numRuns: RUNS, seed: SEED });
    if (details.failed && details.counterexample !== null) {
      const [c] = details.counterexample;
      shrunk = `shrunk counterexample: ${preview(c, 2000)} -> ${preview(runProblem(c.input, c.cfg, c.map))}`;
      console.log(`fuzz runScreen: ${shrunk}`);
    }
  }
  expect({ ...counts, examples, shrunk }).toEqual({ throw: 0, malformed: 0, mutated: 0, examples: [], shrunk: "" });
  // The generators must reach the engine's real work, not only its refusals.
  expect(ok).toBeGreaterThan(RUNS / 4);
  expect(passing).toBeGreaterThan(0);
});

/** An outcome as text, its rows' words included (the result builds them on demand, so JSON alone would leave them out). */
function outcomeText(outcome: ScreenOutcome): string {
  return JSON.stringify(outcome.ok ? { ...outcome, rows: outcome.result.rows } : outcome);
}

async function* arriving(rows: readonly unknown[]): AsyncGenerator<readonly unknown[]> {
  for (const row of rows) yield row as readonly unknown[];
}

test("runScreen is deterministic; runScreenAsync and runScreenRows (rows streamed) agree with it (500 generated inputs)", async () => {
  const samples = fc.sample(run, { numRuns: 500, seed: SEED + 1 });
  let differing = 0;
  let streamed = 0;
  for (const { input, cfg, map } of samples) {
    const a = outcomeText(runScreen(input, cfg as ScreenConfig, map as ColumnMapping | null));
    const b = outcomeText(runScreen(input, cfg as ScreenConfig, map as ColumnMapping | null));
    const c = outcomeText(await runScreenAsync(input, cfg as ScreenConfig, map as ColumnMapping | null, { yieldControl: async () => undefined }));
    let d = a;
    if (input !== null && typeof input === "object" && Array.isArray(input.headers) && Array.isArray(input.rows)) {
      streamed++;
      d = outcomeText(await runScreenRows(input.headers, arriving(input.rows), cfg as ScreenConfig, map as ColumnMapping | null));
    }
    if (a !== b || a !== c || a !== d) differing++;
  }
  console.log(`determinism runScreen: ${samples.length} inputs, ${differing} differing outcomes (sync twice, async once, ${streamed} streamed)`);
  expect(differing).toBe(0);
  expect(streamed).toBeGreaterThan(250);
});

/** A realistic header row, and rows cycling through every kind of cell. */
function bigTable(rows: number): ScreenInput {
  const headers = [
    "Ticker", "Company", "Market Cap", "EBIT 2022", "EBIT 2023", "EBIT 2024", "Interest Expense 2022", "Interest Expense 2023",
    "Interest Expense 2024", "Total Debt", "Floating Rate %", "WAM", "FCF", "Domestic Revenue %", "Fwd P/E", "Net Income",
  ];
  const odd: unknown[] = [null, "", "   ", "n/a", true, Number.NaN, Infinity, { error: "#N/A" }, { code: "#REF!" }, "(250)", "1,234.5", "12%", -0, 1e308];
  const data: unknown[][] = new Array<unknown[]>(rows);
  for (let i = 0; i < rows; i++) {
    const x = (i * 2654435761) % 1000;
    const row: unknown[] = [
      i % 97 === 0 ? "=cmd|'/c calc'!A1" : `T${i}`,
      `Company ${i}`,
      500 + x * 10,
      40 + (x % 50),
      45 + (x % 60),
      50 + (x % 70) - (i % 11 === 0 ? 80 : 0),
      10 + (x % 7),
      11 + (x % 9),
      12 + (x % 13),
      x % 5 === 0 ? 0 : 100 + x,
      (x % 100) / 100,
      1 + (x % 9),
      (x % 40) - 5,
      0.5 + (x % 50) / 100,
      5 + (x % 30),
      20 + (x % 80) - 30,
    ];
    if (i % 7 === 0) row[3 + (i % 13)] = odd[i % odd.length];
    data[i] = row;
  }
  return { headers, rows: data };
}

test(`runScreen on a ${BIG.toLocaleString("en-US")}-row table: well formed, input unchanged`, () => {
  const input = bigTable(BIG);
  const before = snapshotOf(input);
  const started = process.hrtime.bigint();
  const outcome = runScreen(input, presetConfig("quality"));
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  expect(outcome.ok).toBe(true);
  if (!outcome.ok) return;
  const problem = resultProblem(outcome.result);
  const changed = difference(before, snapshotOf(input));
  console.log(
    `big runScreen: ${BIG} rows x ${input.headers.length} columns screened in ${ms.toFixed(0)} ms, ` +
      `${outcome.result.summary.rowsPassing} passing, ${problem === undefined ? 0 : 1} malformed, ${changed === "" ? 0 : 1} inputs mutated`,
  );
  expect(problem).toBeUndefined();
  expect(changed).toBe("");
  expect(outcome.result.rows).toHaveLength(BIG);
});

test("no mutation, shown directly: 2,000 generated tables compared as JSON before and after (not frozen)", () => {
  // Freezing could hide a write that the engine catches; here the tables are left writable and
  // compared as JSON text, the plainest possible check.
  const samples = fc.sample(run, { numRuns: 2000, seed: SEED + 2 });
  let mutated = 0;
  for (const { input, cfg, map } of samples) {
    const before = JSON.stringify([input, cfg, map]);
    runScreen(input, cfg as ScreenConfig, map as ColumnMapping | null);
    if (JSON.stringify([input, cfg, map]) !== before) mutated++;
  }
  console.log(`no-mutation runScreen: ${samples.length} writable inputs compared as JSON, ${mutated} changed`);
  expect(mutated).toBe(0);
});
