/**
 * Cell values across the exceljs boundary: what a worksheet cell holds, as the screen engine
 * and the SMALLCAP functions read it, and what the CLI writes back.
 *
 * Read: numbers, text and TRUE/FALSE as they are; an error cell as `{ error: "#N/A" }` (the
 * core's `errorFromHost` reads that shape); a formula cell as its cached result (what Excel
 * last computed); rich text as its plain text; a hyperlink as its text; a date as its Excel
 * serial number; an empty cell as null.
 */
import type ExcelJS from "exceljs";
import { CoreError, EXCEL_ERROR_TEXT } from "../core/errors";
import type { Cell as CoreCell } from "../core/grid";
import { looksLikeFormula } from "../workbook/results-layout";

/** An Excel error as exceljs stores it. */
export interface ErrorCellValue {
  readonly error: string;
}

/** A cell's value as the engines read it. */
export type SheetValue = number | string | boolean | ErrorCellValue | null;

const MS_PER_DAY = 24 * 60 * 60 * 1000;
/** Days between Excel's 1900 epoch (serial 0 = 1899-12-30, after the 1900 leap-year bug) and 1970-01-01. */
const UNIX_EPOCH_SERIAL = 25569;
/** The 1904 date system starts 1,462 days later. */
const DATE_1904_OFFSET = 1462;

/** A JavaScript date (as exceljs reads a date-formatted cell, in UTC) as an Excel serial number. */
export function dateToSerial(date: Date, date1904 = false): number {
  return UNIX_EPOCH_SERIAL + date.getTime() / MS_PER_DAY - (date1904 ? DATE_1904_OFFSET : 0);
}

/** exceljs keeps the cell model loosely typed; these are the fields the CLI reads. */
interface CellModelLike {
  readonly type?: number;
  readonly value?: unknown;
  readonly result?: unknown;
  readonly formula?: string;
  readonly sharedFormula?: string;
  readonly shareType?: string;
  readonly ref?: string;
  readonly text?: string;
}

/** Reads any exceljs value (a plain value or a formula's cached result) as a SheetValue. */
export function plainValue(value: unknown, date1904 = false): SheetValue {
  if (value === null || value === undefined) return null;
  if (typeof value === "number" || typeof value === "boolean") return value;
  if (typeof value === "string") return value;
  if (value instanceof Date) return dateToSerial(value, date1904);
  if (typeof value === "object") {
    const record = value as { error?: unknown; richText?: unknown; text?: unknown; result?: unknown; formula?: unknown; sharedFormula?: unknown };
    if (typeof record.error === "string") return { error: record.error };
    if (Array.isArray(record.richText)) {
      return (record.richText as { text?: unknown }[]).map((run) => (typeof run.text === "string" ? run.text : "")).join("");
    }
    if (record.formula !== undefined || record.sharedFormula !== undefined) return plainValue(record.result, date1904);
    if (typeof record.text === "string") return record.text;
  }
  return null;
}

/**
 * A cell's value as the engines read it. Reads the model, not `cell.value`: exceljs's
 * `cell.value` drops a formula's cached result when it is 0 or FALSE.
 */
export function readCell(cell: ExcelJS.Cell | undefined, date1904 = false): SheetValue {
  if (cell === undefined) return null;
  const model = cell.model as CellModelLike;
  if (model.formula !== undefined || model.sharedFormula !== undefined || model.shareType !== undefined) {
    return plainValue(model.result, date1904);
  }
  // A merged cell other than the top-left one holds nothing, as in Excel.
  if (cell.isMerged && cell.master !== cell) return null;
  return plainValue(model.value ?? (model.text !== undefined ? model.text : undefined), date1904);
}

/** The formula storage of a cell, or undefined for a cell without a formula. */
export interface FormulaStorage {
  /** The formula text without its leading `=` (for a shared formula's follower, exceljs's translation of the master's). */
  readonly formula: string;
  /** "array" for an array (spilled) formula, "shared" for a shared formula's master, undefined otherwise. */
  readonly shareType: "array" | "shared" | undefined;
  /** The array's or the shared block's range, as written in the file. */
  readonly ref: string | undefined;
  /** For a follower of a shared formula: the master's address. */
  readonly sharedFormula: string | undefined;
  readonly result: unknown;
}

export function formulaStorage(cell: ExcelJS.Cell | undefined): FormulaStorage | undefined {
  if (cell === undefined) return undefined;
  const model = cell.model as CellModelLike;
  const hasFormula = model.formula !== undefined || model.sharedFormula !== undefined || model.shareType !== undefined;
  if (!hasFormula) return undefined;
  const formula = model.formula ?? (cell.formula as string | undefined);
  if (typeof formula !== "string") return undefined;
  return {
    formula,
    shareType: model.shareType === "array" || model.shareType === "shared" ? model.shareType : undefined,
    ref: model.ref,
    sharedFormula: model.sharedFormula,
    result: model.result,
  };
}

/** A core result cell as exceljs stores it: errors as `{ error: "#DIV/0!" }`. */
export function toStoredValue(cell: CoreCell): number | string | boolean | ErrorCellValue {
  if (cell instanceof CoreError) return { error: EXCEL_ERROR_TEXT[cell.code] };
  return cell;
}

/** Is this value a stored Excel error? */
export function isErrorCellValue(value: unknown): value is ErrorCellValue {
  return typeof value === "object" && value !== null && typeof (value as { error?: unknown }).error === "string";
}

/**
 * Text from a cell, made safe for a CSV that a spreadsheet will open: a leading apostrophe
 * makes Excel show the rest as text. (In an .xlsx the CLI always writes such values as
 * string cells, which are text whatever they start with.)
 */
export function csvSafeText(text: string): string {
  return looksLikeFormula(text) ? "'" + text : text;
}
