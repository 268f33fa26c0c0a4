/**
 * Errors as values, from a closed set that mirrors Excel's error codes.
 *
 * The core never throws for bad data: it returns a `CoreError`, and each host converts it
 * once at its boundary (the custom-function adapter to `CustomFunctions.Error`, the pane and
 * the CLI to words). Instances are interned, so a million `#DIV/0!` results share one object.
 */

/** The codes the core produces, plus the ones Excel may hand us in an input cell. */
export type ErrorCode = "NA" | "VALUE" | "DIV0" | "NUM" | "NULL" | "NAME" | "REF";

/** How Excel spells each code in a cell. */
export const EXCEL_ERROR_TEXT: Readonly<Record<ErrorCode, string>> = Object.freeze({
  NA: "#N/A",
  VALUE: "#VALUE!",
  DIV0: "#DIV/0!",
  NUM: "#NUM!",
  NULL: "#NULL!",
  NAME: "#NAME?",
  REF: "#REF!",
});

/**
 * Every error spelling Excel shows in a cell: the core's codes, then the errors only a host
 * produces (`#SPILL!`, `#CALC!`, data types' and linked data's errors). One list for every
 * reader of cell text: the pane's sheet values, the CLI's formula parser.
 */
export const EXCEL_ERROR_SPELLINGS: readonly string[] = Object.freeze([
  ...Object.values(EXCEL_ERROR_TEXT),
  "#SPILL!",
  "#CALC!",
  "#FIELD!",
  "#BLOCKED!",
  "#CONNECT!",
  "#BUSY!",
  "#UNKNOWN!",
  "#GETTING_DATA",
]);

const SPELLINGS: ReadonlySet<string> = new Set(EXCEL_ERROR_SPELLINGS);

/** True for any of Excel's error spellings, exactly as Excel writes it (`#N/A`, `#SPILL!`). */
export function isExcelErrorSpelling(text: string): boolean {
  return SPELLINGS.has(text);
}

const CODE_BY_TEXT: ReadonlyMap<string, ErrorCode> = new Map(
  (Object.keys(EXCEL_ERROR_TEXT) as ErrorCode[]).map((code) => [EXCEL_ERROR_TEXT[code], code]),
);

export class CoreError {
  readonly code: ErrorCode;
  readonly message: string;
  constructor(code: ErrorCode, message: string) {
    this.code = code;
    this.message = message;
    Object.freeze(this);
  }
  /** `#DIV/0! no interest expense`: the Excel spelling followed by the message. */
  toString(): string {
    return this.message ? `${EXCEL_ERROR_TEXT[this.code]} ${this.message}` : EXCEL_ERROR_TEXT[this.code];
  }
}

const interned = new Map<string, CoreError>();

/** The one shared instance for a code and message. */
export function coreError(code: ErrorCode, message: string): CoreError {
  const key = code + "\u0000" + message;
  let error = interned.get(key);
  if (error === undefined) {
    error = new CoreError(code, message);
    if (interned.size < 10_000) interned.set(key, error);
  }
  return error;
}

/** `#N/A` -> "NA"; undefined for anything that is not an Excel error spelling. */
export function errorCodeFromText(text: string): ErrorCode | undefined {
  return CODE_BY_TEXT.get(text);
}

/**
 * Excel's `ErrorCellValue.errorType` (Excel JavaScript API, ExcelApi 1.16) for the codes the
 * core has. Excel's other errors (`#SPILL!`, `#CALC!`, `#BUSY!`, `#GETTING_DATA`, ...) have
 * no code here: see `errorFromHost`.
 */
const CODE_BY_ERROR_TYPE: ReadonlyMap<string, ErrorCode> = new Map<string, ErrorCode>([
  ["NotAvailable", "NA"],
  ["Value", "VALUE"],
  ["Div0", "DIV0"],
  ["Num", "NUM"],
  ["Null", "NULL"],
  ["Name", "NAME"],
  ["Ref", "REF"],
]);

/**
 * Recognises an error that arrived as data from some host: a `CoreError`, a
 * `CustomFunctions.Error` (`{ code: "#N/A", message }`), an exceljs error cell
 * (`{ error: "#N/A" }`), or one of Excel's data-type error values (`{ type: "Error",
 * errorType: "NotAvailable", basicValue: "#N/A" }`, as a custom function receives a cell
 * when its metadata allows data types). Returns undefined for anything else.
 *
 * An Excel error the core has no code for (`#SPILL!`, `#CALC!`, `#BUSY!`...) arriving as a
 * data-type value is `#VALUE!` naming it: it is still an error in that element, and the
 * closest error every host can show.
 */
export function errorFromHost(value: object): CoreError | undefined {
  if (value instanceof CoreError) return value;
  const record = value as { code?: unknown; error?: unknown; message?: unknown; type?: unknown };
  if (record.type === "Error") return dataTypeError(value as { basicValue?: unknown; errorType?: unknown });
  const text = typeof record.code === "string" ? record.code : typeof record.error === "string" ? record.error : undefined;
  if (text === undefined) return undefined;
  const code = errorCodeFromText(text);
  if (code === undefined) return undefined;
  return coreError(code, typeof record.message === "string" ? record.message : "");
}

/** An Excel `ErrorCellValue` as a core error: by its spelling, else by its `errorType`. */
function dataTypeError(value: { basicValue?: unknown; errorType?: unknown }): CoreError {
  const spelling = typeof value.basicValue === "string" ? value.basicValue : undefined;
  const code =
    (spelling !== undefined ? errorCodeFromText(spelling) : undefined) ??
    (typeof value.errorType === "string" ? CODE_BY_ERROR_TYPE.get(value.errorType) : undefined);
  if (code !== undefined) return coreError(code, "");
  const shown = spelling ?? (typeof value.errorType === "string" ? value.errorType : "an unknown error");
  return coreError("VALUE", `an input holds Excel's ${shown.slice(0, 40)} error`);
}
