/**
 * Stand-ins for the part of Office's custom-functions runtime the SMALLCAP bundle touches:
 * `CustomFunctions.ErrorCode` (the strings Excel shows) and `CustomFunctions.Error`. Used by
 * the test of the built bundle and by the bench's adapter lines.
 */

/** The error codes of Office's `CustomFunctions.ErrorCode`, with the strings Excel shows. */
export const ErrorCode = Object.freeze({
  invalidValue: "#VALUE!",
  notAvailable: "#N/A",
  divisionByZero: "#DIV/0!",
  invalidNumber: "#NUM!",
  nullReference: "#NULL!",
  invalidName: "#NAME?",
  invalidReference: "#REF!",
});
const EXCEL_CODES: readonly string[] = Object.values(ErrorCode);

/** Stands in for `CustomFunctions.Error`: a code from ErrorCode and an optional message. */
export class ExcelError {
  readonly code: string;
  readonly message?: string;
  constructor(code: string, message?: string) {
    if (!EXCEL_CODES.includes(code)) throw new TypeError(`not a CustomFunctions.ErrorCode: ${String(code)}`);
    this.code = code;
    if (message !== undefined) this.message = message;
  }
}
