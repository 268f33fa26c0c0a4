/**
 * The boundary to Excel: core errors become `CustomFunctions.Error` here and nowhere else.
 * Excel shows a custom message only for `#VALUE!` and `#N/A`, so only those carry one.
 */
import { CoreError, ErrorCode } from "../core/errors";
import { Grid, callConverting, convertErrors } from "../core/grid";

const EXCEL_CODE: Readonly<Record<ErrorCode, CustomFunctions.ErrorCode>> = {
  NA: "#N/A" as CustomFunctions.ErrorCode.notAvailable,
  VALUE: "#VALUE!" as CustomFunctions.ErrorCode.invalidValue,
  DIV0: "#DIV/0!" as CustomFunctions.ErrorCode.divisionByZero,
  NUM: "#NUM!" as CustomFunctions.ErrorCode.invalidNumber,
  NULL: "#NULL!" as CustomFunctions.ErrorCode.nullReference,
  NAME: "#NAME?" as CustomFunctions.ErrorCode.invalidName,
  REF: "#REF!" as CustomFunctions.ErrorCode.invalidReference,
};

const converted = new Map<CoreError, CustomFunctions.Error>();

/** The `CustomFunctions.Error` for a core error; one shared instance per distinct error. */
export function toExcelError(error: CoreError): CustomFunctions.Error {
  let excel = converted.get(error);
  if (excel === undefined) {
    const carriesMessage = error.code === "VALUE" || error.code === "NA";
    excel = carriesMessage && error.message
      ? new CustomFunctions.Error(EXCEL_CODE[error.code], error.message)
      : new CustomFunctions.Error(EXCEL_CODE[error.code]);
    converted.set(error, excel);
  }
  return excel;
}

/** Replaces core errors with Excel errors, in place, and hands the grid to Excel. */
export function toExcel(grid: Grid): unknown[][] {
  return convertErrors(grid, toExcelError);
}

/**
 * Runs a SMALLCAP function for Excel. A function of the shared adapter writes each error as
 * a `CustomFunctions.Error` while it builds the grid (one pass, and its number rows are never
 * touched again); any other function's result goes through `toExcel`.
 */
export function forExcel(fn: (...args: unknown[]) => Grid, ...args: unknown[]): unknown[][] {
  return callConverting(fn, args, toExcelError);
}
