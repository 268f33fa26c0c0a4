/**
 * The boundary to Excel: core errors become `CustomFunctions.Error` here and nowhere else.
 * Excel shows a custom message only for `#VALUE!` and `#N/A`, so only those carry one.
 *
 * `#NAME?` and `#REF!` are input-only: Microsoft's "Handle and return errors from your
 * custom function" (https://learn.microsoft.com/office/dev/add-ins/excel/custom-functions-errors)
 * lists `invalidName` and `invalidReference` as "supported as a custom function input error,
 * but not as a custom function output error". Such an input error, passing through to a
 * result, reaches Excel as `#VALUE!` (the nearest error that carries a message) with a
 * message naming it. The other hosts (the CLI, the pane's words) keep `#NAME?` and `#REF!`.
 */
import { CoreError, EXCEL_ERROR_TEXT, ErrorCode } from "../core/errors";
import { Grid, callConverting } from "../core/grid";

/** The codes Excel takes as inputs to a custom function but not as its results. */
type InputOnly = "NAME" | "REF";

const EXCEL_CODE: Readonly<Record<Exclude<ErrorCode, InputOnly>, CustomFunctions.ErrorCode>> = {
  NA: "#N/A" as CustomFunctions.ErrorCode.notAvailable,
  VALUE: "#VALUE!" as CustomFunctions.ErrorCode.invalidValue,
  DIV0: "#DIV/0!" as CustomFunctions.ErrorCode.divisionByZero,
  NUM: "#NUM!" as CustomFunctions.ErrorCode.invalidNumber,
  NULL: "#NULL!" as CustomFunctions.ErrorCode.nullReference,
};

function isInputOnly(code: ErrorCode): code is InputOnly {
  return code === "NAME" || code === "REF";
}

const converted = new Map<CoreError, CustomFunctions.Error>();

/** The `CustomFunctions.Error` for a core error; one shared instance per distinct error. */
export function toExcelError(error: CoreError): CustomFunctions.Error {
  let excel = converted.get(error);
  if (excel === undefined) {
    excel = newExcelError(error);
    converted.set(error, excel);
  }
  return excel;
}

function newExcelError(error: CoreError): CustomFunctions.Error {
  const code = error.code;
  if (isInputOnly(code)) {
    const text = EXCEL_ERROR_TEXT[code];
    const detail = error.message ? ` (${error.message})` : "";
    return new CustomFunctions.Error(EXCEL_CODE.VALUE, `an input is ${text}${detail}; Excel accepts ${text} from a cell but not as an add-in function's result`);
  }
  const carriesMessage = code === "VALUE" || code === "NA";
  return carriesMessage && error.message ? new CustomFunctions.Error(EXCEL_CODE[code], error.message) : new CustomFunctions.Error(EXCEL_CODE[code]);
}

/**
 * Runs a SMALLCAP function for Excel. A function of the shared adapter writes each error as
 * a `CustomFunctions.Error` while it builds the grid (one pass, and its number rows are never
 * touched again); any other function's result is converted in one pass afterwards.
 */
export function forExcel(fn: (...args: unknown[]) => Grid, ...args: unknown[]): unknown[][] {
  return callConverting(fn, args, toExcelError);
}
