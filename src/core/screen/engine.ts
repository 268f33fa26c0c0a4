/**
 * The screen engine: a table in (header row and data rows, as read from a sheet), a ranked,
 * explained result out. Shared by the task pane, the CLI and the QUALITY formula.
 *
 * It never throws: an unusable table or config is `{ ok: false, message }` in words an analyst
 * reads, and a bad cell is that row's "unknown" with the field named. Work is linear in rows
 * apart from the score's sorts (O(n log n)); columns are read once into typed arrays.
 */
import { CoreError } from "../errors";
import { Evaluator, Measure, criterionDef, describeContext, newMeasure, screenContext, validateConfig, zombieThreshold } from "./criteria";
import { FIELD_HEADERS, FIELD_IDS, describeMapping, headerText, mapColumns } from "./headers";
import { causeFields, fcfYieldColumn } from "./metrics";
import { NUMERIC_FIELDS, NumberColumn, ScreenRecords, buildRecords, isMissingAt, problemAt } from "./records";
import { parseColumnMapping } from "./schema";
import { scoreRows } from "./score";
import { summarise } from "./summary";
import type {

  ColumnMapping,
  CriterionId,
  CriterionSetting,
  FieldId,
  FieldProblem,
  MappingReport,
  RowResult,
  ScreenConfig,
  ScreenInput,
  ScreenResult,
  Verdict,
} from "./types";

/** The reason's note for a row whose ICR is blank because it pays no interest. */
const NO_INTEREST_NOTE = "no interest: ICR unlimited";

export type ScreenOutcome = { ok: true; result: ScreenResult } | { ok: false; message: string };

export interface ScreenProgress {
  /** Rows judged so far. */
  readonly done: number;
  readonly total: number;
}

export interface ScreenOptions {
  /** Called as rows are judged, at most about 100 times, last with done === total. */
  readonly onProgress?: (done: number, total: number) => void;
}

export interface AsyncScreenOptions extends ScreenOptions {
  /** Lets the host breathe between chunks; default: a zero-delay timer. */
  readonly yieldControl?: () => Promise<void>;
}

const EXAMPLE_FIELDS: readonly FieldId[] = ["ticker", "ebit", "interestExpense", "totalDebt", "floatingShare", "wamYears", "fcf", "domesticShare", "forwardPe"];
const STRESS_LINE = 1.5;
const EMPTY: readonly never[] = Object.freeze([]);

function fail(message: string): ScreenOutcome {
  return { ok: false, message };
}

function listHeaders(headers: readonly unknown[], limit: number): string {
  const seen = headers.map(headerText).filter((h) => h !== "");
  if (seen.length === 0) return "no header text at all";
  const shown = seen.slice(0, limit).join(", ");
  return seen.length > limit ? `${shown} and ${seen.length - limit} more` : shown;
}

function noColumnsMessage(headers: readonly unknown[]): string {
  return (
    `No columns recognised. Expected headers such as ${EXAMPLE_FIELDS.map((f) => FIELD_HEADERS[f][0]).join(", ")}. ` +
    `Found: ${listHeaders(headers, 8)}. Check that the first row of the range is the header row.`
  );
}

function missingFieldsMessage(active: readonly CriterionSetting[], report: MappingReport): string {
  const needed: FieldId[] = [];
  for (const setting of active) for (const f of criterionDef(setting.id).fields) if (!needed.includes(f)) needed.push(f);
  const recognised = report.recognised.map((r) => r.header).filter((h) => h !== "");
  return (
    `None of the columns this screen needs were found. It needs columns such as ${needed.map((f) => FIELD_HEADERS[f][0]).join(", ")}` +
    ` (recognised: ${recognised.length === 0 ? "none" : recognised.slice(0, 8).join(", ")}).`
  );
}

function finiteOrNull(value: number): number | null {
  return value - value === 0 ? value : null;
}

/** What an unknown criterion's missing fields were, as problems and as words for the reason. */
function causeProblems(records: ScreenRecords, i: number, mask: number, note: CoreError | undefined): FieldProblem[] {
  const out: FieldProblem[] = [];
  for (const field of causeFields(mask)) {
    if (field === "ebitHistory" || field === "interestHistory") {
      if (note !== undefined) out.push({ field, message: note.message });
      continue;
    }
    const problem = problemAt(records.numbers[field], i);
    if (problem !== undefined) out.push({ field, message: problem.message });
  }
  if (out.length === 0 && note !== undefined) out.push({ field: "ebitHistory", message: note.message });
  return out;
}

type MutableRow = { -readonly [K in keyof RowResult]: RowResult[K] };

/**
 * The engine as steps: yields progress between chunks of rows and returns the outcome, so a
 * host can drive it synchronously (runScreen) or give the event loop room (runScreenAsync).
 */
export function* screenSteps(
  input: ScreenInput,
  config: ScreenConfig,
  mapping?: ColumnMapping | null,
): Generator<ScreenProgress, ScreenOutcome, void> {
  if (input === null || typeof input !== "object") return fail("There is no table to screen.");
  const headers: unknown = input.headers;
  if (!Array.isArray(headers)) return fail("The table has no header row.");
  const rows: unknown = input.rows;
  if (!Array.isArray(rows)) return fail("The table's data rows could not be read.");

  let report: MappingReport;
  if (mapping !== undefined && mapping !== null) {
    const parsed = parseColumnMapping(mapping);
    if (!parsed.ok) return fail(parsed.message);
    report = describeMapping(headers, parsed.mapping);
  } else {
    report = mapColumns(headers);
  }
  const map = report.mapping;
  const periods = map.ebitHistory.length;
  if (!FIELD_IDS.some((f) => map.fields[f] !== undefined) && periods === 0) return fail(noColumnsMessage(headers));

  const checked = validateConfig(config, periods);
  if (!checked.ok) return fail(checked.message);
  const cfg = checked.config;
  const active = cfg.criteria.filter((c) => c.enabled);
  const usable = active.some((setting) => {
    const def = criterionDef(setting.id);
    return def.fields.some((f) => map.fields[f] !== undefined) || (def.usesHistory && periods > 0);
  });
  if (active.length > 0 && !usable) return fail(missingFieldsMessage(active, report));

  const records = buildRecords({ headers, rows }, map);
  const n = records.count;
  const context = screenContext(records, cfg);
  const coverage = context.coverage();
  const zombie = context.zombie(zombieThreshold(cfg));
  const yields = fcfYieldColumn(records);
  const words = describeContext(cfg, periods);
  const k = active.length;
  const ids: CriterionId[] = active.map((c) => c.id);
  const defs = ids.map(criterionDef);
  const evaluators: Evaluator[] = active.map((c, j) => defs[j].prepare(context, c.threshold));
  const rules = active.map((c, j) => defs[j].describe(c.threshold, words));
  // Columns whose cells can be bad (text, errors, out of range): checked for every row's problems.
  const checkedColumns: { field: FieldProblem["field"]; column: NumberColumn }[] = [];
  for (const field of NUMERIC_FIELDS) {
    const column = records.numbers[field];
    if (column.mapped) checkedColumns.push({ field, column });
  }
  for (const column of records.ebitHistory) checkedColumns.push({ field: "ebitHistory", column });
  for (const column of records.interestHistory) checkedColumns.push({ field: "interestHistory", column });

  const tickers = records.text.ticker;
  const names = records.text.name;
  const sectors = records.text.sector;
  const forwardPe = records.numbers.forwardPe.values;
  const pass = new Uint8Array(n);
  const out: MutableRow[] = new Array<MutableRow>(n);
  const measure: Measure = newMeasure();
  const chunk = Math.max(1, Math.ceil(n / 100));
  let passing = 0;

  for (let i = 0; i < n; i++) {
    const verdicts: Partial<Record<CriterionId, Verdict>> = {};
    let failed: CriterionId[] | null = null;
    let unknown: CriterionId[] | null = null;
    let problems: FieldProblem[] | null = null;
    let fails: string[] | null = null;
    let unknowns: string[] | null = null;
    for (let j = 0; j < k; j++) {
      measure.value = NaN;
      measure.cause = 0;
      measure.note = undefined;
      const verdict = evaluators[j](i, measure);
      verdicts[ids[j]] = verdict;
      if (verdict === "fail") {
        (failed ??= []).push(ids[j]);
        const value = measure.value;
        (fails ??= []).push(value === value ? `${rules[j]} (${defs[j].formatValue(value)})` : rules[j]);
      } else if (verdict === "unknown") {
        (unknown ??= []).push(ids[j]);
        const causes = causeProblems(records, i, measure.cause, measure.note);
        for (const p of causes) {
          problems ??= [];
          if (!problems.some((q) => q.field === p.field && q.message === p.message)) problems.push(p);
        }
        const detail = causes.map((p) => p.message).join("; ");
        (unknowns ??= []).push(detail === "" ? defs[j].name : `${defs[j].name} (${detail})`);
      }
    }
    // Cells that are there but unreadable are worth reporting even where no criterion needed them.
    for (let c = 0; c < checkedColumns.length; c++) {
      const { field, column } = checkedColumns[c];
      if (column.problems === null) continue;
      const problem = column.problems[i];
      if (problem === undefined || isMissingAt(column, i)) continue;
      problems ??= [];
      if (!problems.some((q) => q.field === field && q.message === problem.message)) problems.push({ field, message: problem.message });
    }
    const passes = failed === null && unknown === null;
    if (passes) {
      pass[i] = 1;
      passing++;
    }
    const parts: string[] = [];
    if (fails !== null) parts.push("fails: " + fails.join(", "));
    if (unknowns !== null) parts.push("unknown: " + unknowns.join(", "));
    const z = zombie.status[i];
    out[i] = {
      row: records.sourceRows[i],
      ticker: tickers === null ? null : tickers[i],
      name: names === null ? null : names[i],
      sector: sectors === null ? null : sectors[i],
      pass: passes,
      score: null,
      rank: null,
      icr: finiteOrNull(coverage.icr[i]),
      shockedIcr: finiteOrNull(coverage.shockedIcr[i]),
      zombie: z < 0 ? null : z === 1,
      forwardPe: finiteOrNull(forwardPe[i]),
      fcfYield: finiteOrNull(yields.fcfYield[i]),
      verdicts,
      failed: failed ?? EMPTY,
      unknown: unknown ?? EMPTY,
      problems: problems ?? EMPTY,
      // A passing row's ICR is blank when it pays no interest; say why, so the blank is not read as missing data.
      reason: passes ? (coverage.icr[i] === Infinity ? `passes; ${NO_INTEREST_NOTE}` : "passes") : parts.join("; "),
    };
    if ((i + 1) % chunk === 0 && i + 1 < n) yield { done: i + 1, total: n };
  }

  const scores = scoreRows({
    forwardPe,
    icr: coverage.icr,
    fcfYield: yields.fcfYield,
    pass,
    tickers,
    sourceRows: records.sourceRows,
  });
  for (let i = 0; i < n; i++) {
    if (pass[i] !== 1) continue;
    out[i].score = scores.score[i];
    out[i].rank = scores.rank[i];
  }
  const stressSetting = cfg.criteria.find((c) => c.id === "shockedIcrAbove" || c.id === "shockedIcr");
  const summary = summarise({
    records,
    rowsPassing: passing,
    zombie,
    coverage,
    shockBps: cfg.shockBps,
    stressThreshold: stressSetting === undefined ? STRESS_LINE : stressSetting.threshold,
  });
  yield { done: n, total: n };
  return { ok: true, result: { mapping: report, config: cfg, rows: out, summary } };
}

function unexpected(error: unknown): ScreenOutcome {
  let detail = "";
  try {
    detail = error instanceof Error ? error.message : String(error);
  } catch {
    detail = "unknown error";
  }
  return fail(`The screen stopped unexpectedly (${detail}). Please report this with the table that caused it.`);
}

/**
 * Runs a screen. `mapping` null or omitted: headers are recognised automatically.
 * Never throws: every failure is `{ ok: false, message }`.
 */
export function runScreen(input: ScreenInput, config: ScreenConfig, mapping?: ColumnMapping | null, options: ScreenOptions = {}): ScreenOutcome {
  try {
    const steps = screenSteps(input, config, mapping);
    for (;;) {
      const step = steps.next();
      if (step.done === true) return step.value;
      options.onProgress?.(step.value.done, step.value.total);
    }
  } catch (error) {
    return unexpected(error);
  }
}

const nextTick = (): Promise<void> => new Promise<void>((resolve) => setTimeout(resolve, 0));

/** runScreen in chunks, yielding to the host between them so a pane stays responsive. */
export async function runScreenAsync(
  input: ScreenInput,
  config: ScreenConfig,
  mapping?: ColumnMapping | null,
  options: AsyncScreenOptions = {},
): Promise<ScreenOutcome> {
  try {
    const steps = screenSteps(input, config, mapping);
    const pause = options.yieldControl ?? nextTick;
    for (;;) {
      const step = steps.next();
      if (step.done === true) return step.value;
      options.onProgress?.(step.value.done, step.value.total);
      await pause();
    }
  } catch (error) {
    return unexpected(error);
  }
}
