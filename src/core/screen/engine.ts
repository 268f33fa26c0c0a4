/**
 * The screen engine: a table in (header row and data rows, as read from a sheet), a ranked,
 * explained result out. Shared by the task pane, the CLI and the QUALITY formula.
 *
 * It never throws: an unusable table or config is `{ ok: false, code, message }` in words an analyst
 * reads, and a bad cell is that row's "unknown" with the field named. Work is linear in rows
 * apart from the score's sorts (O(n log n)); columns are read once into typed arrays, and the
 * result is typed columns too: a row's words are built when a host asks for that row
 * (`result.ts`).
 */
import { STRESS_LINE } from "../defaults";
import { failure, type Failure } from "../result";
import { checkColumnMapping, validateConfig } from "./config-check";
import { Judge, criterionDef, describeContext, screenContext, zombieThreshold } from "./criteria";
import { FIELD_HEADERS, FIELD_IDS, combineHeaderRows, describeMapping, headerText, mapColumns } from "./headers";
import { layoutNotes, readRecords } from "./layout";
import { fcfYieldColumn } from "./metrics";
import { NUMERIC_FIELDS, NumberColumn, RecordsBuilder, ScreenRecords } from "./records";
import { LazyScreenResult } from "./result";
import { scoreRows } from "./score";
import { summarise } from "./summary";
import {
  VERDICT_PASS,
  VERDICT_UNKNOWN,
  type ColumnMapping,
  type CriterionId,
  type CriterionSetting,
  type FieldId,
  type FieldProblem,
  type MappingReport,
  type ResultColumns,
  type ScreenConfig,
  type ScreenInput,
  type ScreenMessage,
  type ScreenResult,
} from "./types";

export type ScreenOutcome = { ok: true; result: ScreenResult } | Failure;

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

function noColumns(headers: readonly unknown[]): Failure {
  const expected = EXAMPLE_FIELDS.map((f) => FIELD_HEADERS[f][0]);
  return failure("no-columns-recognised", { expected, found: headers.map(headerText).filter((h) => h !== "") });
}

function missingFields(active: readonly CriterionSetting[], report: MappingReport): Failure {
  const needed: FieldId[] = [];
  for (const setting of active) for (const f of criterionDef(setting.id).fields) if (!needed.includes(f)) needed.push(f);
  const recognised = report.recognised.map((r) => r.header).filter((h) => h !== "");
  return failure("no-needed-columns", { needed: needed.map((f) => FIELD_HEADERS[f][0]), recognised });
}

/** What a run knows before it reads a row: the mapping it uses, its checked config and criteria. */
export interface Plan {
  readonly report: MappingReport;
  readonly config: ScreenConfig;
  readonly active: readonly CriterionSetting[];
  readonly headers: readonly unknown[];
  /** Factors per sheet column that bring money columns in declared units to one unit. */
  readonly scales: ReadonlyMap<number, number>;
  /** A long table: an entity column and a period column, no period columns of EBIT and interest. */
  readonly panel: boolean;
}

/** A long table: an entity column and a period column, and no EBIT/interest period columns. */
function isPanel(report: MappingReport): boolean {
  const map = report.mapping;
  return map.fields.period !== undefined && (map.fields.ticker !== undefined || map.fields.name !== undefined) && map.ebitHistory.length === 0;
}

/**
 * What a run on these headers will assume, before it runs (the pane shows it under the
 * mapping): the mapping's own notes, then units and the zombie window and its periods.
 */
export function mappingNotes(headers: readonly unknown[], report: MappingReport, config: ScreenConfig): ScreenMessage[] {
  return [...(report.notes ?? []), ...layoutNotes(headers, report, config, isPanel(report)).notes];
}

/** Checks the mapping and the config against the headers: a plan, or the message why not. */
function plan(headers: unknown, config: ScreenConfig, mapping?: ColumnMapping | null): Plan | Failure {
  if (!Array.isArray(headers)) return failure("no-header-row", {});
  let report: MappingReport;
  if (mapping !== undefined && mapping !== null) {
    const parsed = checkColumnMapping(mapping);
    if (!parsed.ok) return parsed;
    report = describeMapping(headers, parsed.value);
  } else {
    report = mapColumns(headers);
  }
  const map = report.mapping;
  const periods = map.ebitHistory.length;
  if (!FIELD_IDS.some((f) => map.fields[f] !== undefined) && periods === 0) return noColumns(headers);

  const checked = validateConfig(config);
  if (!checked.ok) return checked;
  const cfg = checked.config;
  const active = cfg.criteria.filter((c) => c.enabled);
  const usable = active.some((setting) => {
    const def = criterionDef(setting.id);
    return def.fields.some((f) => map.fields[f] !== undefined) || (def.usesHistory && periods > 0);
  });
  if (active.length > 0 && !usable) return missingFields(active, report);
  const panel = isPanel(report);
  const notes = layoutNotes(headers, report, cfg, panel);
  return { report: { ...report, notes: [...(report.notes ?? []), ...notes.notes] }, config: cfg, active, headers, scales: notes.scales, panel };
}

/**
 * The engine as steps: yields progress between chunks of rows and returns the outcome, so a
 * host can drive it synchronously (runScreen) or give the event loop room (runScreenAsync).
 */
export function* screenSteps(
  input: ScreenInput,
  config: ScreenConfig,
  mapping?: ColumnMapping | null,
): Generator<ScreenProgress, ScreenOutcome, void> {
  if (input === null || typeof input !== "object") return failure("no-table", {});
  const headers: unknown = input.headers;
  if (!Array.isArray(headers)) return failure("no-header-row", {});
  const rows: unknown = input.rows;
  if (!Array.isArray(rows)) return failure("rows-unreadable", {});
  // Two header rows (metric over period) are one header; the period row is no company.
  const combined = rows.length > 0 ? combineHeaderRows(headers, rows[0]) : undefined;
  const p = plan(combined ?? headers, config, mapping);
  if ("ok" in p) return p;
  const builder = new RecordsBuilder(p.headers, p.report.mapping, { scales: p.scales }, rows.length);
  for (let r = 0; r < rows.length; r++) {
    if (r === 0 && combined !== undefined) builder.skip();
    else builder.add(rows[r]);
  }
  return yield* judgeSteps(builder.finish(), p);
}

/** Judges the records of a planned run, in chunks of rows. */
function* judgeSteps(rowRecords: ScreenRecords, p: Plan): Generator<ScreenProgress, ScreenOutcome, void> {
  const { report, config: cfg, active } = p;
  const read = readRecords(rowRecords, p);
  const records = read.records;
  const messages: ScreenMessage[] = [...read.messages, ...(report.notes ?? [])];
  const periods = records.ebitHistory.length;
  const n = records.count;
  const context = screenContext(records, cfg);
  const coverage = context.coverage();
  const zombie = context.zombie(zombieThreshold(cfg));
  const yields = fcfYieldColumn(records);
  const words = describeContext(cfg, periods);
  const k = active.length;
  const ids: CriterionId[] = active.map((c) => c.id);
  const defs = ids.map(criterionDef);
  const judges: Judge[] = active.map((c, j) => defs[j].prepare(context, c.threshold));
  // Columns whose cells can be bad (text, errors, out of range): a row's problems name them.
  const checkedColumns: { field: FieldProblem["field"]; column: NumberColumn }[] = [];
  for (const field of NUMERIC_FIELDS) {
    const column = records.numbers[field];
    if (column.mapped) checkedColumns.push({ field, column });
  }
  for (const column of records.ebitHistory) checkedColumns.push({ field: "ebitHistory", column });
  for (const column of records.interestHistory) checkedColumns.push({ field: "interestHistory", column });

  // The verdicts, criterion by criterion over a chunk of rows: one evaluator per inner loop,
  // one byte per verdict, no object or text per row (those are built when a row is asked for).
  const verdicts: Int8Array[] = ids.map(() => new Int8Array(n));
  const pass = new Uint8Array(n).fill(1);
  const chunk = Math.max(1, Math.ceil(n / 100));
  let passing = 0;
  let rowsWithUnknown = 0;
  for (let from = 0; from < n; from += chunk) {
    const to = Math.min(n, from + chunk);
    for (let j = 0; j < k; j++) {
      const column = verdicts[j];
      judges[j].column(from, to, column);
      for (let i = from; i < to; i++) if (column[i] !== VERDICT_PASS) pass[i] = 0;
    }
    for (let i = from; i < to; i++) {
      passing += pass[i];
      if (pass[i] === 1) continue;
      for (let j = 0; j < k; j++) {
        if (verdicts[j][i] === VERDICT_UNKNOWN) {
          rowsWithUnknown++;
          break;
        }
      }
    }
    if (to < n) yield { done: to, total: n };
  }

  const forwardPe = records.numbers.forwardPe.values;
  const scores = scoreRows({
    forwardPe,
    icr: coverage.icr,
    fcfYield: yields.fcfYield,
    pass,
    tickers: records.text.ticker,
    sourceRows: records.sourceRows,
  });
  // Results order: passing rows at their rank, then the others in source order.
  const order = new Int32Array(n);
  let next = passing;
  for (let i = 0; i < n; i++) {
    if (pass[i] === 1) order[scores.rank[i] - 1] = i;
    else order[next++] = i;
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
  const columns: ResultColumns = {
    sourceRow: records.sourceRows,
    pass,
    score: scores.score,
    rank: scores.rank,
    icr: coverage.icr,
    shockedIcr: coverage.shockedIcr,
    zombie: zombie.status,
    forwardPe,
    fcfYield: yields.fcfYield,
    verdicts,
  };
  const rules = active.map((c, j) => defs[j].describe(c.threshold, words));
  messages.push(...verdictMessages(records, p, verdicts, pass, passing, rowsWithUnknown));
  yield { done: n, total: n };
  const result = new LazyScreenResult(
    { mapping: report, config: cfg, summary, criteria: ids, columns, order, rowsWithUnknown, messages, layout: read.layout },
    { records, coverage, defs, evaluators: judges.map((j) => j.row), rules, checkedColumns },
  );
  return { ok: true, result };
}

/**
 * What the verdicts say as a whole: every row unknown is an error, not a quiet success; no row
 * passing only because some criteria have no column says so, with the rows that pass every
 * criterion that could be judged.
 */
function verdictMessages(records: ScreenRecords, p: Plan, verdicts: readonly Int8Array[], pass: Uint8Array, passing: number, rowsWithUnknown: number): ScreenMessage[] {
  const out: ScreenMessage[] = [];
  const n = records.count;
  if (n === 0 || passing > 0) return out;
  const map = p.report.mapping;
  const noColumn: number[] = [];
  p.active.forEach((setting, j) => {
    const def = criterionDef(setting.id);
    const judged = def.fields.some((f) => map.fields[f] !== undefined) || (def.usesHistory && (map.ebitHistory.length > 0 || p.panel));
    if (!judged) noColumn.push(j);
  });
  if (rowsWithUnknown === n) {
    const counts = verdicts.map((column) => column.reduce((k, code) => k + (code === VERDICT_UNKNOWN ? 1 : 0), 0));
    const worst = counts.indexOf(Math.max(...counts));
    out.push({
      level: "error",
      message:
        `Every one of the ${n.toLocaleString("en-US")} rows has a criterion that could not be judged ` +
        `(most often: ${criterionDef(p.active[worst].id).name}, ${counts[worst].toLocaleString("en-US")} rows); ` +
        `check the mapping and the warnings: the result says nothing about these companies.`,
    });
  }
  if (noColumn.length > 0) {
    let passJudged = 0;
    for (let i = 0; i < n; i++) {
      let ok = true;
      for (let j = 0; j < verdicts.length && ok; j++) if (!noColumn.includes(j) && verdicts[j][i] !== VERDICT_PASS) ok = false;
      if (ok) passJudged++;
    }
    const names = noColumn.map((j) => criterionDef(p.active[j].id).name).join(", ");
    out.push({
      level: "warning",
      message:
        `No row passes because ${noColumn.length === 1 ? "one criterion has" : `${noColumn.length} criteria have`} no column (${names}); ` +
        `${passJudged.toLocaleString("en-US")} row${passJudged === 1 ? " passes" : "s pass"} every criterion that could be judged. Switch ${noColumn.length === 1 ? "it" : "them"} off or map a column.`,
    });
  }
  void pass;
  return out;
}

function unexpected(error: unknown): Failure {
  let detail = "";
  try {
    detail = error instanceof Error ? error.message : String(error);
  } catch {
    detail = "unknown error";
  }
  return failure("unexpected", { detail });
}

/**
 * Runs a screen. `mapping` null or omitted: headers are recognised automatically.
 * Never throws: every failure is a `Failure` (`{ ok: false, code, message }`, src/core/result.ts).
 */
export function runScreen(input: ScreenInput, config: ScreenConfig, mapping?: ColumnMapping | null, options: ScreenOptions = {}): ScreenOutcome {
  return drive(() => screenSteps(input, config, mapping), options);
}

/** Runs the steps to the end in one go, reporting progress; never throws. */
function drive(steps: () => Generator<ScreenProgress, ScreenOutcome, void>, options: ScreenOptions): ScreenOutcome {
  try {
    const running = steps();
    for (;;) {
      const step = running.next();
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
  return driveAsync(() => screenSteps(input, config, mapping), options);
}

/** Runs the steps to the end, yielding to the host between chunks; never throws. */
async function driveAsync(steps: () => Generator<ScreenProgress, ScreenOutcome, void>, options: AsyncScreenOptions): Promise<ScreenOutcome> {
  try {
    const running = steps();
    const pause = options.yieldControl ?? nextTick;
    for (;;) {
      const step = running.next();
      if (step.done === true) return step.value;
      options.onProgress?.(step.value.done, step.value.total);
      await pause();
    }
  } catch (error) {
    return unexpected(error);
  }
}

/**
 * A screen fed a row at a time, for a host that reads its source in pieces (a file being
 * parsed, a sheet read in blocks): the rows go into typed columns as they come and are not
 * kept. Made by startScreen once the header row is known.
 */
export interface ScreenFeed {
  /** The next data row (the first added is source row 1); a fully blank row is counted but not screened. */
  add(row: unknown): void;
  /** Rows that will be screened so far (not blank). */
  readonly rows: number;
  /** Judges the rows added; the feed is spent. Never throws. */
  finish(options?: ScreenOptions): ScreenOutcome;
  /** finish, yielding to the host between chunks of rows. */
  finishAsync(options?: AsyncScreenOptions): Promise<ScreenOutcome>;
}

/**
 * Checks the mapping and config against the headers before any row is read: a feed for the
 * rows, or a `Failure` saying why this table cannot be screened.
 */
export function startScreen(
  headers: readonly unknown[],
  config: ScreenConfig,
  mapping?: ColumnMapping | null,
  expectedRows?: number,
): ScreenFeed | Failure {
  let planned: Plan | Failure;
  let builder: RecordsBuilder | undefined;
  try {
    planned = plan(headers, config, mapping);
    if ("ok" in planned) {
      // A metric row with merged (blank) cells may only make sense with the period row below it.
      const blanks = Array.isArray(headers) && headers.some((h, c) => c > 0 && headerText(h) === "" && headerText(headers[c - 1]) !== "");
      if (!blanks) return planned;
    } else builder = new RecordsBuilder(headers, planned.report.mapping, { scales: planned.scales }, expectedRows);
  } catch (error) {
    return unexpected(error);
  }
  let p = planned;
  let first = true;
  const add = (row: unknown): void => {
    if (first) {
      first = false;
      const combined = combineHeaderRows(headers, row);
      if (combined !== undefined) {
        const again = plan(combined, config, mapping);
        p = again;
        builder = "ok" in again ? undefined : new RecordsBuilder(combined, again.report.mapping, { scales: again.scales }, expectedRows);
        builder?.skip();
        return;
      }
    }
    builder?.add(row);
  };
  const finish = (): Generator<ScreenProgress, ScreenOutcome, void> | ScreenOutcome => {
    if ("ok" in p) return p;
    if (builder === undefined) return failure("table-unreadable", {});
    return judgeSteps(builder.finish(), p);
  };
  return {
    add,
    get rows() {
      return builder?.rows ?? 0;
    },
    finish: (options = {}) => {
      const steps = finish();
      return "ok" in steps ? steps : drive(() => steps, options);
    },
    finishAsync: async (options = {}) => {
      const steps = finish();
      return "ok" in steps ? steps : driveAsync(() => steps, options);
    },
  };
}

/**
 * runScreen over rows that arrive one at a time (a file being parsed), so the host never holds
 * the table as cells: each row goes into typed columns as it comes. The same checks, result and
 * words as runScreen. An error thrown by `rows` itself (an unreadable file) is the host's and
 * is thrown on; every other failure is a `Failure`. `expectedRows`, when the host can tell (a
 * file's size), sizes the typed columns once.
 */
export async function runScreenRows(
  headers: readonly unknown[],
  rows: AsyncIterable<readonly unknown[]> | Iterable<readonly unknown[]>,
  config: ScreenConfig,
  mapping?: ColumnMapping | null,
  options: ScreenOptions = {},
  expectedRows?: number,
): Promise<ScreenOutcome> {
  const feed = startScreen(headers, config, mapping, expectedRows);
  if ("ok" in feed) return feed;
  if (Symbol.iterator in rows) {
    // Rows already in memory (a CSV split at once): no await per row.
    for (const row of rows) feed.add(row);
  } else {
    for await (const row of rows) feed.add(row);
  }
  return feed.finish(options);
}
