/**
 * Source rows into typed columns, once per run.
 *
 * Worksheet rows are untrusted: every mapped numeric field becomes a `Float64Array` (NaN where
 * the cell cannot be used) with a parallel, lazily allocated list of the `CoreError` that says
 * why, read by `readNumber` so the messages are the core's (`missing ebit`,
 * `ebit is text, not a number`). The criteria then work column by column: no per-row objects,
 * no header lookups in the hot loops.
 */
import { CoreError, EXCEL_ERROR_TEXT, coreError, errorFromHost } from "../errors";
import { isBlank, plainCell, readNumber } from "../values";
import { headerText } from "./headers";
import type { ColumnMapping, ScreenInput } from "./types";

export type { NumericFieldId, TextFieldId } from "./ids";
export { NUMERIC_FIELDS, TEXT_FIELDS } from "./ids";
import { NUMERIC_FIELDS, TEXT_FIELDS, type NumericFieldId, type TextFieldId } from "./ids";

/** Shares are fractions (docs/CONVENTIONS.md, Units): 40% is 0.4. */
const FRACTION_FIELDS: ReadonlySet<NumericFieldId> = new Set<NumericFieldId>(["floatingShare", "domesticShare", "infrastructureShare"]);
/** Amounts that cannot be negative. */
const NON_NEGATIVE_FIELDS: ReadonlySet<NumericFieldId> = new Set<NumericFieldId>([
  "marketCap",
  "totalDebt",
  "floatingDebt",
  "wamYears",
  "shortInterest",
  "floatShares",
  "avgDailyVolume",
]);

/** One field of every row: values, and why a value is missing. */
export interface NumberColumn {
  /** The name messages use (`ebit`, or `EBIT 2023` for a period column). */
  readonly name: string;
  readonly mapped: boolean;
  /** NaN where the cell cannot be used. Shared and read-only for an unmapped field. */
  readonly values: Float64Array;
  /** Why `values[row]` is NaN, by row; null until some row has a problem. A map: problems are few, rows many. */
  readonly problems: ReadonlyMap<number, CoreError> | null;
  /** The problem of every row where `problems` has none and the value is NaN (an unmapped field). */
  readonly absent: CoreError;
  /** The blank-cell error: `missing <name>`. A problem identical to it means the cell was blank. */
  readonly missing: CoreError;
  /** How the mapped cells read: non-blank cells, those that are no number (text, a data type), and the first such cell as text. */
  readonly reading?: ColumnReading;
}

/** How a mapped column's cells read, for the "unreadable column" warning. */
export interface ColumnReading {
  /** The sheet column and its header. */
  readonly column: number;
  readonly header: string;
  filled: number;
  unreadable: number;
  example: string | null;
}

export interface ScreenRecords {
  /** Rows screened (fully blank source rows are left out). */
  readonly count: number;
  /** 1-based source data row of each record. */
  readonly sourceRows: Int32Array;
  /** Identity text per record; null for an unmapped field. */
  readonly text: Readonly<Record<TextFieldId, readonly (string | null)[] | null>>;
  readonly numbers: Readonly<Record<NumericFieldId, NumberColumn>>;
  /** One column per period, oldest first, paired with interestHistory. */
  readonly ebitHistory: readonly NumberColumn[];
  readonly interestHistory: readonly NumberColumn[];
}

export interface RecordOptions {
  /** Names used in messages instead of the field ids (the QUALITY formula uses `interest_expense`). */
  readonly names?: Partial<Record<NumericFieldId, string>>;
  /** Keep rows in which every cell is blank (default: leave them out, as trailing sheet rows). */
  readonly keepBlankRows?: boolean;
  /** A factor per sheet column, bringing money in declared units to one unit (`($bn)` x 1,000 to millions). */
  readonly scales?: ReadonlyMap<number, number>;
}

/** Why the value of `row` is unusable; undefined when it is a number. */
export function problemAt(column: NumberColumn, row: number): CoreError | undefined {
  const problem = column.problems === null ? undefined : column.problems.get(row);
  if (problem !== undefined) return problem;
  const value = column.values[row];
  return value !== value ? column.absent : undefined;
}

/** The cell was blank, or the field has no column: missing rather than bad. */
export function isMissingAt(column: NumberColumn, row: number): boolean {
  const problem = problemAt(column, row);
  return problem !== undefined && (problem === column.missing || (!column.mapped && problem === column.absent));
}

/** A row's cells, whatever arrived: a non-array row has none. */
function cellsOf(row: unknown): readonly unknown[] | null {
  return Array.isArray(row) ? row : null;
}

function rowIsBlank(row: unknown): boolean {
  const cells = cellsOf(row);
  if (cells === null) return true;
  for (let c = 0; c < cells.length; c++) if (!isBlank(cells[c])) return false;
  return true;
}

/** Identity text: any value as trimmed text, never evaluated; blank is null. */
export function textOf(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === "string") {
    const text = value.trim();
    return text === "" ? null : text;
  }
  if (typeof value === "number" || typeof value === "bigint") return String(value);
  if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
  if (typeof value === "object") {
    const error = errorFromHost(value);
    if (error !== undefined) return EXCEL_ERROR_TEXT[error.code];
    // A data-type value: its basic value, or for a card (a Stocks entity...) the text it shows.
    const plain = plainCell(value, "");
    if (!(plain instanceof CoreError) && plain !== value) return textOf(plain);
    const shown = (value as { text?: unknown }).text;
    if (plain instanceof CoreError) return typeof shown === "string" && shown.trim() !== "" ? shown.trim() : null;
  }
  try {
    const text = String(value).trim();
    return text === "" ? null : text;
  } catch {
    return null;
  }
}

/**
 * Reads a cell as the core does, naming the field; an error arriving as data is named too. A
 * data-type value is read by its basic value (`plainCell`).
 */
export function readCell(value: unknown, name: string, field: NumericFieldId | null): number | CoreError {
  if (typeof value === "object" && value !== null) {
    const error = errorFromHost(value);
    if (error !== undefined) {
      const detail = error.message === "" ? "" : ` (${error.message})`;
      return coreError(error.code, `${name} is ${EXCEL_ERROR_TEXT[error.code]}${detail}`);
    }
    const plain = plainCell(value, name);
    if (plain !== value) return plain instanceof CoreError ? plain : readCell(plain, name, field);
  }
  const n = readNumber(value, name);
  if (typeof n !== "number") return n;
  if (field !== null) {
    if (FRACTION_FIELDS.has(field) && (n < 0 || n > 1)) {
      return coreError("NUM", `${name} must be a fraction from 0 to 1 (40% is 0.4)`);
    }
    if (NON_NEGATIVE_FIELDS.has(field) && n < 0) return coreError("NUM", `${name} must not be negative`);
  }
  return n;
}

interface MutableColumn {
  name: string;
  mapped: boolean;
  values: Float64Array;
  problems: Map<number, CoreError> | null;
  absent: CoreError;
  missing: CoreError;
  reading?: ColumnReading;
}

/** One mapped column being read: where from, what rules, and where to. */
interface ColumnReader {
  readonly column: number;
  readonly field: NumericFieldId | null;
  readonly fraction: boolean;
  readonly nonNegative: boolean;
  /** Declared-unit factor: 1 unless the run brings money columns to one unit. */
  scale: number;
  readonly reading: ColumnReading;
  readonly out: MutableColumn;
  /** Fields fed by the same sheet column under the same rules: they share `out.values` and name their own problems. */
  readonly aliases: ColumnReader[];
}

const NO_VALUES = new Float64Array(0);

function reader(column: number, name: string, field: NumericFieldId | null, header: string): ColumnReader {
  const missing = coreError("NA", `missing ${name}`);
  const reading: ColumnReading = { column, header, filled: 0, unreadable: 0, example: null };
  return {
    column,
    field,
    fraction: field !== null && FRACTION_FIELDS.has(field),
    nonNegative: field !== null && NON_NEGATIVE_FIELDS.has(field),
    scale: 1,
    reading,
    // values: allocated by the builder, or shared with the reader of the same sheet column.
    out: { name, mapped: true, values: NO_VALUES, problems: null, absent: missing, missing, reading },
    aliases: [],
  };
}

/** A cell as the warning quotes it: `"-79,000000"`. */
function cellText(value: unknown): string {
  let text: string;
  try {
    text = typeof value === "string" ? value : typeof value === "object" && value !== null ? JSON.stringify(value) : String(value);
  } catch {
    text = "?";
  }
  return text.length > 40 ? text.slice(0, 39) + "…" : text;
}

/** A Float64Array of `length` holding the first `count` values of `values`. */
function grown(values: Float64Array, count: number, length: number): Float64Array {
  const out = new Float64Array(length);
  out.set(values.subarray(0, count));
  return out;
}

/**
 * Source rows into typed columns, a row at a time: from an array the engine was handed, or
 * from a file being parsed, so a host need never hold the whole table as cells.
 *
 * Each row is read once, every mapped column of it together (a row's cells sit together in
 * memory: one visit per row beats one pass per column, 4x over 100,000 rows). A sheet column
 * that feeds two fields under the same rules (the latest `EBIT 2024` is both `ebit` and a
 * period of the zombie history) is read once; the second field shares its values and names
 * its own problems. The floating share is never shared: it is filled in place from floating
 * debt.
 */
export class RecordsBuilder {
  private count = 0;
  private seen = 0;
  private capacity: number;
  private sourceRows: Int32Array;
  private readonly keepBlankRows: boolean;
  private readonly readers: ColumnReader[] = [];
  private readonly text: { field: TextFieldId; column: number; out: (string | null)[] }[] = [];
  private readonly numbers = {} as Record<NumericFieldId, MutableColumn>;
  private readonly ebitHistory: MutableColumn[];
  private readonly interestHistory: MutableColumn[];
  private readonly absent: MutableColumn[] = [];

  /** `expectedRows`: the row count when known (an array), so the columns are sized once. */
  constructor(headers: readonly unknown[], mapping: ColumnMapping, options: RecordOptions = {}, expectedRows = 1024) {
    this.capacity = Math.max(1, expectedRows);
    this.sourceRows = new Int32Array(this.capacity);
    this.keepBlankRows = options.keepBlankRows === true;
    const all: ColumnReader[] = [];
    for (const field of TEXT_FIELDS) {
      const column = mapping.fields[field];
      if (validColumn(column)) this.text.push({ field, column, out: [] });
    }
    for (const field of NUMERIC_FIELDS) {
      const name = options.names?.[field] ?? field;
      const column = mapping.fields[field];
      if (validColumn(column)) {
        const r = reader(column, name, field, headerText(headers[column]));
        all.push(r);
        this.numbers[field] = r.out;
      } else this.numbers[field] = this.absentField(name);
    }
    const periods = Math.min(mapping.ebitHistory.length, mapping.interestHistory.length);
    const history = (columns: readonly number[], fallback: string): MutableColumn[] => {
      const out: MutableColumn[] = [];
      for (let k = 0; k < periods; k++) {
        const column = columns[k];
        const name = headerText(headers[column]) || `${fallback} period ${k + 1}`;
        if (validColumn(column)) {
          const r = reader(column, name, null, headerText(headers[column]));
          all.push(r);
          out.push(r.out);
        } else out.push(this.absentField(name));
      }
      return out;
    };
    this.ebitHistory = history(mapping.ebitHistory, options.names?.ebit ?? "ebit");
    this.interestHistory = history(mapping.interestHistory, options.names?.interestExpense ?? "interestExpense");
    for (const r of all) r.scale = options.scales?.get(r.column) ?? 1;
    for (const r of all) {
      const of = r.field === "floatingShare" ? undefined : this.readers.find((q) => q.column === r.column && q.field !== "floatingShare" && q.fraction === r.fraction && q.nonNegative === r.nonNegative);
      if (of === undefined) {
        r.out.values = new Float64Array(this.capacity);
        this.readers.push(r);
      } else of.aliases.push(r);
    }
  }

  private absentField(name: string): MutableColumn {
    const column = absentColumn(name, NO_VALUES);
    this.absent.push(column);
    return column;
  }

  /** Rows kept so far (fully blank rows are left out unless kept). */
  get rows(): number {
    return this.count;
  }

  /** A source row that is no data (the period row of a two-row header): counted for the row numbers, not screened. */
  skip(): void {
    this.seen++;
  }

  /** The next source data row (the first added is source row 1). A fully blank row is left out unless kept. */
  add(row: unknown): void {
    this.seen++;
    if (!this.keepBlankRows && rowIsBlank(row)) return;
    const i = this.count;
    if (i === this.capacity) this.grow();
    this.count = i + 1;
    this.sourceRows[i] = this.seen;
    const cells = cellsOf(row);
    for (const t of this.text) t.out.push(textOf(cells === null ? undefined : cells[t.column]));
    const readers = this.readers;
    for (let k = 0; k < readers.length; k++) {
      const r = readers[k];
      const value = cells === null ? undefined : cells[r.column];
      // Plain numbers in range are the common case: skip the general reader for them.
      if (typeof value === "number" && value - value === 0 && !(r.fraction && (value < 0 || value > 1)) && !(r.nonNegative && value < 0)) {
        r.out.values[i] = value * r.scale;
        r.reading.filled++;
        continue;
      }
      // A blank is the column's own `missing` error: no message to build, and the identity
      // that isMissingAt checks holds however many distinct errors the run has made.
      const blank = value === null || value === undefined || value === "";
      const n = blank ? r.out.missing : readCell(value, r.out.name, r.field);
      if (!blank && !isBlank(value)) r.reading.filled++;
      if (typeof n === "number") {
        r.out.values[i] = n * r.scale;
        continue;
      }
      if (!blank && n.code === "VALUE") {
        r.reading.unreadable++;
        r.reading.example ??= cellText(value);
      }
      r.out.values[i] = NaN;
      (r.out.problems ??= new Map<number, CoreError>()).set(i, n);
      for (const alias of r.aliases) {
        (alias.out.problems ??= new Map<number, CoreError>()).set(i, blank ? alias.out.missing : (readCell(value, alias.out.name, alias.field) as CoreError));
      }
    }
  }

  private grow(): void {
    const capacity = this.capacity * 2;
    for (const r of this.readers) r.out.values = grown(r.out.values, this.count, capacity);
    const rows = new Int32Array(capacity);
    rows.set(this.sourceRows);
    this.sourceRows = rows;
    this.capacity = capacity;
  }

  /** The records of every row added. The builder is spent. */
  finish(): ScreenRecords {
    const count = this.count;
    // Columns grown well past the count are cut to it (a copy, so the spare capacity is freed);
    // a little spare (columns sized from an estimate) is kept rather than copied.
    const fit = (values: Float64Array): Float64Array =>
      values.length === count ? values : values.length - count <= count >> 3 ? values.subarray(0, count) : values.slice(0, count);
    for (const r of this.readers) {
      r.out.values = fit(r.out.values);
      for (const alias of r.aliases) alias.out.values = r.out.values;
    }
    const nan = new Float64Array(count).fill(NaN);
    for (const column of this.absent) column.values = nan;
    const text = {} as Record<TextFieldId, (string | null)[] | null>;
    for (const field of TEXT_FIELDS) text[field] = null;
    for (const t of this.text) text[t.field] = t.out;
    const numbers = this.numbers;
    if (!numbers.totalDebt.mapped && numbers.longTermDebt.mapped && numbers.shortTermDebt.mapped) {
      numbers.totalDebt = sumOfParts("totalDebt", numbers.longTermDebt, numbers.shortTermDebt, count);
    }
    if (numbers.floatingDebt.mapped && numbers.totalDebt.mapped) {
      numbers.floatingShare = deriveFloatingShare(numbers.floatingShare, numbers.floatingDebt, numbers.totalDebt, count);
    }
    const sourceRows = this.sourceRows.length === count ? this.sourceRows : this.sourceRows.length - count <= count >> 3 ? this.sourceRows.subarray(0, count) : this.sourceRows.slice(0, count);
    return { count, sourceRows, text, numbers, ebitHistory: this.ebitHistory, interestHistory: this.interestHistory };
  }
}

function absentColumn(name: string, nan: Float64Array): MutableColumn {
  return {
    name,
    mapped: false,
    values: nan,
    problems: null,
    absent: coreError("NA", `no ${name} column`),
    missing: coreError("NA", `missing ${name}`),
  };
}

function validColumn(column: number | undefined): column is number {
  return typeof column === "number" && Number.isInteger(column) && column >= 0;
}

/**
 * totalDebt = long-term + short-term debt where there is no total column (Compustat `dltt` +
 * `dlc`, SimFin's two balance-sheet lines). A blank part is missing, so the total is unknown:
 * a blank `dlc` is not read as zero.
 */
function sumOfParts(name: string, a: MutableColumn, b: MutableColumn, count: number): MutableColumn {
  const values = new Float64Array(count);
  let problems: Map<number, CoreError> | null = null;
  for (let i = 0; i < count; i++) {
    values[i] = a.values[i] + b.values[i];
    if (values[i] !== values[i]) (problems ??= new Map()).set(i, (problemAt(a, i) ?? problemAt(b, i)) as CoreError);
  }
  const missing = coreError("NA", `missing ${name}`);
  return { name, mapped: true, values, problems, absent: missing, missing };
}

/**
 * floatingShare = floatingDebt / totalDebt where the share itself is blank or has no column
 * and both amounts are known with debt above zero. Zero debt leaves the share missing: the
 * criteria pass a company without debt on their own.
 */
function deriveFloatingShare(share: MutableColumn, floatingDebt: MutableColumn, totalDebt: MutableColumn, count: number): MutableColumn {
  // A mapped share column was built for this run, so filling its gaps in place is safe.
  const values = share.mapped ? share.values : new Float64Array(count).fill(NaN);
  let problems = share.problems;
  const setProblem = (row: number, problem: CoreError | undefined): void => {
    if (problem === undefined) problems?.delete(row);
    else (problems ??= new Map<number, CoreError>()).set(row, problem);
  };
  const exceeds = coreError("NUM", `${floatingDebt.name} exceeds ${totalDebt.name}`);
  for (let i = 0; i < count; i++) {
    if (values[i] === values[i]) continue;
    // A share cell that is there but bad stays bad: only blanks are filled in.
    if (share.mapped && !isMissingAt(share, i)) continue;
    const fd = floatingDebt.values[i];
    const td = totalDebt.values[i];
    if (fd === fd && td === td && td > 0) {
      if (fd > td) setProblem(i, exceeds);
      else {
        values[i] = fd / td;
        setProblem(i, undefined);
      }
    } else if (!share.mapped && !(td === 0)) {
      // Say what stopped the derivation; zero debt needs no share at all.
      setProblem(i, fd !== fd ? problemAt(floatingDebt, i) : problemAt(totalDebt, i));
    }
  }
  return { ...share, values, problems };
}

/**
 * Reads the mapped columns of every non-blank row. Never throws: a missing or bad cell is a NaN
 * with its problem, a ragged or non-array row is a row of missing cells.
 */
export function buildRecords(input: ScreenInput, mapping: ColumnMapping, options: RecordOptions = {}): ScreenRecords {
  const rows: readonly unknown[] = Array.isArray(input.rows) ? input.rows : [];
  const headers: readonly unknown[] = Array.isArray(input.headers) ? input.headers : [];
  const builder = new RecordsBuilder(headers, mapping, options, rows.length);
  for (let r = 0; r < rows.length; r++) builder.add(rows[r]);
  return builder.finish();
}
