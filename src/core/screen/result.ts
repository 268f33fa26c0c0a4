/**
 * A screen's result: typed columns for what every row decided, and each row in full (its
 * verdicts, problems and reason in words) built only when a host asks for it.
 *
 * Why lazy: at 100,000 rows the words are most of the cost and most of the memory of a run
 * (11 million characters of reasons, a verdict object and three arrays per row), while a pane
 * shows ten names and a results sheet writes rows in chunks. The row a host asks for is built
 * by the same evaluators that judged the run, so its words cannot disagree with its verdicts.
 */
import type { CoreError } from "../errors";
import { shockCurve, type ShockCurve } from "../sweep";
import type { CriterionDef, Evaluator, Measure } from "./criteria";
import { newMeasure } from "./criteria";
import type { CoverageColumns } from "./metrics";
import { causeFields } from "./metrics";
import { NumberColumn, NumericFieldId, ScreenRecords, isMissingAt, problemAt } from "./records";
import {
  VERDICT_FAIL,
  VERDICT_PASS,
  type CriterionId,
  type FieldProblem,
  type LayoutReport,
  type MappingReport,
  type ScreenMessage,
  type ResultColumns,
  type RowResult,
  type ScreenConfig,
  type ScreenResult,
  type ScreenSummary,
  type Verdict,
} from "./types";

const EMPTY: readonly never[] = Object.freeze([]);

/** What a run keeps so that any row can be described later. */
export interface RunDetail {
  readonly records: ScreenRecords;
  readonly coverage: CoverageColumns;
  readonly defs: readonly CriterionDef[];
  readonly evaluators: readonly Evaluator[];
  /** Each criterion's rule in words, with its threshold: `ICR >= 3`. */
  readonly rules: readonly string[];
  /** Columns whose cells can be bad: a row's problems list their unreadable cells even where no criterion needed them. */
  readonly checkedColumns: readonly { readonly field: FieldProblem["field"]; readonly column: NumberColumn }[];
}

export interface ResultParts {
  readonly mapping: MappingReport;
  readonly config: ScreenConfig;
  readonly summary: ScreenSummary;
  readonly criteria: readonly CriterionId[];
  readonly columns: ResultColumns;
  readonly order: Int32Array;
  readonly rowsWithUnknown: number;
  readonly messages?: readonly ScreenMessage[];
  readonly layout?: LayoutReport;
}

function finiteOrNull(value: number): number | null {
  return value - value === 0 ? value : null;
}

/** What an unknown criterion's missing fields were, as problems. */
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

/**
 * A note for every number a results row leaves blank, so no blank goes unexplained. A note is
 * left out only where the reason already names the number (`label`) and every cause (an
 * unknown criterion's words), and for a field the table has no column for: the mapping report
 * says that once. `scored`: the row passes, so a blank part of the score is said to count as 0.
 */
/** A coverage whose loss is beyond any number a cell holds (EBIT over a vanishing interest). */
const OVERFLOW_NOTE = (label: string): string => `${label} blank: EBIT / interest is below the most negative number a cell holds (a loss against almost no interest)`;

/** An FCF yield beyond any number a cell holds (free cash flow over a vanishing market cap). */
const YIELD_OVERFLOW_NOTE = "FCF yield blank: free cash flow / market cap is beyond the largest number a cell holds (a market cap of almost zero)";

function blankNotes(records: ScreenRecords, coverage: CoverageColumns, fcfYield: number, i: number, said: string, scored: boolean): string[] {
  const notes: string[] = [];
  const mapped = (...fields: NumericFieldId[]): boolean => fields.every((f) => records.numbers[f].mapped);
  const credit = (part: string): string => (scored ? `, no ${part} credit in the score` : "");
  /** "<label> blank: <causes><credit>", or nothing when the reason already says all of it. */
  const note = (label: string, labels: readonly string[], causes: readonly string[], part?: string): void => {
    const known = labels.some((l) => said.includes(l)) && causes.every((c) => said.includes(c));
    if (known && !(scored && part !== undefined)) return;
    notes.push(`${label} blank${causes.length > 0 ? `: ${causes.join("; ")}` : ""}${part === undefined ? "" : credit(part)}`);
  };
  const messages = (mask: number): string[] => causeProblems(records, i, mask, undefined).map((p) => p.message);
  const icr = coverage.icr[i];
  const shocked = coverage.shockedIcr[i];
  if (icr === Infinity) notes.push(shocked === Infinity ? "no interest: ICR and shocked ICR unlimited" : "no interest: ICR unlimited");
  else if (icr === -Infinity) notes.push(OVERFLOW_NOTE("ICR"));
  else if (icr !== icr && mapped("ebit", "interestExpense")) note("ICR", [", ICR (", ": ICR (", "ICR >=", "ICR <"], messages(coverage.icrCause[i]), "ICR");
  if (shocked === Infinity && icr !== Infinity) notes.push("interest after the shock is zero or less: shocked ICR unlimited");
  else if (shocked === -Infinity && icr !== -Infinity) notes.push(OVERFLOW_NOTE("shocked ICR"));
  else if (shocked !== shocked) {
    if (icr === icr) {
      if (mapped("totalDebt", "floatingShare")) note("shocked ICR", ["shocked ICR", "rate-shocked ICR"], messages(coverage.shockedCause[i]));
    } else if (mapped("ebit", "interestExpense") && !said.includes("shocked ICR")) {
      // Blank for the ICR's own causes, said just above.
      notes.push("shocked ICR blank: as ICR");
    }
  }
  const pe = problemAt(records.numbers.forwardPe, i);
  if (pe !== undefined && mapped("forwardPe")) note("forward P/E", ["P/E"], [pe.message], "value");
  const fcf = problemAt(records.numbers.fcf, i);
  const cap = problemAt(records.numbers.marketCap, i);
  const capZero = records.numbers.marketCap.values[i] === 0;
  if ((fcf !== undefined || cap !== undefined || capZero) && mapped("fcf", "marketCap")) {
    const causes = [...(fcf === undefined ? [] : [fcf.message]), ...(cap === undefined ? [] : [cap.message]), ...(capZero ? ["market cap is zero"] : [])];
    note("FCF yield", ["FCF yield", "free cash flow"], causes, "FCF-yield");
  } else if ((fcfYield === Infinity || fcfYield === -Infinity) && mapped("fcf", "marketCap")) {
    notes.push(YIELD_OVERFLOW_NOTE);
  }
  return notes;
}

function addProblem(problems: FieldProblem[], p: FieldProblem): void {
  if (!problems.some((q) => q.field === p.field && q.message === p.message)) problems.push(p);
}

export class LazyScreenResult implements ScreenResult {
  readonly mapping: MappingReport;
  readonly config: ScreenConfig;
  readonly summary: ScreenSummary;
  readonly count: number;
  readonly criteria: readonly CriterionId[];
  readonly columns: ResultColumns;
  readonly order: Int32Array;
  readonly rowsWithUnknown: number;
  readonly messages: readonly ScreenMessage[];
  readonly layout?: LayoutReport;
  readonly #detail: RunDetail;
  readonly #measure: Measure = newMeasure();
  #rows: readonly RowResult[] | undefined;
  #curve: ShockCurve | undefined;

  constructor(parts: ResultParts, detail: RunDetail) {
    this.mapping = parts.mapping;
    this.config = parts.config;
    this.summary = parts.summary;
    this.count = parts.columns.pass.length;
    this.criteria = parts.criteria;
    this.columns = parts.columns;
    this.order = parts.order;
    this.rowsWithUnknown = parts.rowsWithUnknown;
    this.messages = parts.messages ?? [];
    if (parts.layout !== undefined) this.layout = parts.layout;
    this.#detail = detail;
  }

  get rows(): readonly RowResult[] {
    if (this.#rows === undefined) {
      const rows = new Array<RowResult>(this.count);
      for (let i = 0; i < this.count; i++) rows[i] = this.row(i);
      this.#rows = rows;
    }
    return this.#rows;
  }

  shockCurve(): ShockCurve {
    if (this.#curve === undefined) {
      const numbers = this.#detail.records.numbers;
      const columns = {
        ebit: numbers.ebit.values,
        interest: numbers.interestExpense.values,
        debt: numbers.totalDebt.values,
        floatingShare: numbers.floatingShare.values,
      };
      this.#curve = shockCurve(columns, this.config.shockBps);
    }
    return this.#curve;
  }

  row(i: number): RowResult {
    if (!Number.isInteger(i) || i < 0 || i >= this.count) throw new RangeError(`row ${i} is not one of the ${this.count} rows screened`);
    const { records, coverage, defs, evaluators, rules, checkedColumns } = this.#detail;
    const columns = this.columns;
    const measure = this.#measure;
    const verdicts: Partial<Record<CriterionId, Verdict>> = {};
    let failed: CriterionId[] | null = null;
    let unknown: CriterionId[] | null = null;
    let problems: FieldProblem[] | null = null;
    const fails: string[] = [];
    const unknowns: string[] = [];
    for (let j = 0; j < evaluators.length; j++) {
      const id = this.criteria[j];
      const code = columns.verdicts[j][i];
      const verdict: Verdict = code === VERDICT_PASS ? "pass" : code === VERDICT_FAIL ? "fail" : "unknown";
      verdicts[id] = verdict;
      if (verdict === "pass") continue;
      // Measure again for the words: the same evaluator, the same row, the same verdict.
      measure.value = NaN;
      measure.cause = 0;
      measure.note = undefined;
      evaluators[j](i, measure);
      if (verdict === "fail") {
        (failed ??= []).push(id);
        const value = measure.value;
        fails.push(value === value ? `${rules[j]} (${defs[j].formatValue(value)})` : rules[j]);
      } else {
        (unknown ??= []).push(id);
        const causes = causeProblems(records, i, measure.cause, measure.note);
        for (const p of causes) addProblem((problems ??= []), p);
        const detail = causes.map((p) => p.message).join("; ");
        unknowns.push(detail === "" ? defs[j].name : `${defs[j].name} (${detail})`);
      }
    }
    // Cells that are there but unreadable are worth reporting even where no criterion needed them.
    for (const { field, column } of checkedColumns) {
      if (column.problems === null) continue;
      const problem = column.problems.get(i);
      if (problem === undefined || isMissingAt(column, i)) continue;
      addProblem((problems ??= []), { field, message: problem.message });
    }
    const passes = columns.pass[i] === 1;
    const parts: string[] = [];
    if (passes) parts.push("passes");
    if (fails.length > 0) parts.push("fails: " + fails.join(", "));
    if (unknowns.length > 0) parts.push("unknown: " + unknowns.join(", "));
    parts.push(...blankNotes(records, coverage, columns.fcfYield[i], i, parts.join("; "), passes));
    const text = records.text;
    const z = columns.zombie[i];
    return {
      row: columns.sourceRow[i],
      ticker: text.ticker === null ? null : text.ticker[i],
      name: text.name === null ? null : text.name[i],
      sector: text.sector === null ? null : text.sector[i],
      pass: passes,
      score: passes ? columns.score[i] : null,
      rank: passes ? columns.rank[i] : null,
      icr: finiteOrNull(columns.icr[i]),
      shockedIcr: finiteOrNull(columns.shockedIcr[i]),
      zombie: z < 0 ? null : z === 1,
      forwardPe: finiteOrNull(columns.forwardPe[i]),
      fcfYield: finiteOrNull(columns.fcfYield[i]),
      verdicts,
      failed: failed ?? EMPTY,
      unknown: unknown ?? EMPTY,
      problems: problems ?? EMPTY,
      // Every blank number is explained, so no blank is read as missing data or passes unseen.
      reason: parts.join("; "),
    };
  }
}
