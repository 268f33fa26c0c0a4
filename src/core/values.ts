/**
 * Reading one worksheet value as a number, the same way for every caller.
 *
 * The rules are docs/CONVENTIONS.md's: blank is missing (`#N/A`), en-US accounting text is a number,
 * other text and booleans are `#VALUE!`, an input error passes through, non-finite is `#NUM!`.
 *
 * Excel hands a custom function a cell holding one of its data types as that value's JSON
 * object (the metadata's `allowCustomDataForDataTypeAny`; Microsoft, "Use data types with
 * custom functions in Excel", and the Excel JavaScript API's `CellValue` types): a
 * `{ type: "Double", basicValue: 12.5, numberFormat }`, a `FormattedNumber`, a `String`, a
 * `Boolean`, an `Error`, an entity card (`Entity`, `LinkedEntity`: Stocks, Geography, an
 * add-in's own)... `plainCell` reads such a value as the plain cell it stands for, so every
 * rule above applies to it unchanged. Only objects are looked at: a plain number never pays
 * for it.
 */
import { CoreError, coreError, errorFromHost } from "./errors";

/** A number, or the error that stands for it. */
export type NumberOrError = number | CoreError;

/**
 * `1,234.5`, `-12`, `(250)`, `$1,000`, `12%`, `1e3`, with spaces around. Commas must group
 * thousands (`1,23` is not a number). Parentheses mean negative, as accounting formats print.
 */
const ACCOUNTING_NUMBER =
  /^(\()?\s*([+-])?\s*\$?\s*((?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d*)?|\.\d+)(?:[eE]([+-]?\d+))?\s*(%)?\s*(\))?$/;

/** Parses accounting text; undefined when the text is not a number. */
export function parseAccountingNumber(text: string): number | undefined {
  const match = ACCOUNTING_NUMBER.exec(text.trim());
  if (match === null) return undefined;
  const [, open, sign, digits, exponent, percent, close] = match;
  if ((open === undefined) !== (close === undefined)) return undefined;
  if (open !== undefined && sign !== undefined) return undefined;
  let value = Number(digits.replace(/,/g, "") + (exponent !== undefined ? "e" + exponent : ""));
  if (percent !== undefined) value /= 100;
  if (sign === "-" || open !== undefined) value = -value;
  return value;
}

/** Blank is missing: an empty cell, an empty string, or a string of spaces only (also as a data-type value). */
export function isBlank(value: unknown): boolean {
  if (value === null || value === undefined) return true;
  if (typeof value === "string") return value.trim() === "";
  if (typeof value !== "object") return false;
  const basic = basicOf(value);
  return basic !== value && (basic === null || (typeof basic === "string" && basic.trim() === ""));
}

/** A data-type value: an object whose `type` is a string (Excel's `CellValue` types). */
interface DataTypeValue {
  readonly type: string;
  readonly basicValue?: unknown;
  readonly basicType?: unknown;
}

/**
 * The basic value (number, text, TRUE/FALSE or null) of a data-type value that has one, such
 * as `Double`, `FormattedNumber`, `String`, `Boolean`, `Empty`; the value itself otherwise
 * (not a data type, an error, an entity card, an image...).
 */
function basicOf(value: object): unknown {
  const record = value as DataTypeValue;
  if (typeof record.type !== "string" || record.type === "Error" || record.basicType === "Error" || isEntity(record.type)) return value;
  const basic = record.basicValue;
  if (basic === null || typeof basic === "number" || typeof basic === "string" || typeof basic === "boolean") return basic;
  return value;
}

function isEntity(type: string): boolean {
  return type === "Entity" || type === "LinkedEntity";
}

/**
 * A data-type value as the plain cell it stands for, for an argument called `name`:
 * - a value with a basic value (`Double`, `FormattedNumber`, `String`, `Boolean`, `Empty`):
 *   that basic value, which the caller reads by the plain rules (a number is a number,
 *   numeric text is read as text is, TRUE/FALSE is `#VALUE!`, empty is missing);
 * - an `Error` value: that error (`errorFromHost`);
 * - an entity card: `#VALUE!` saying how to take a number from it (a field reference such as
 *   `=A2.EBIT`, Microsoft's "dot syntax" for data types, or `FIELDVALUE`);
 * - any other data type (an image, an array, a function...): `#VALUE!` naming its type.
 * Anything that is not a data-type value comes back as it is.
 */
export function plainCell(value: object, name: string): unknown {
  const basic = basicOf(value);
  if (basic !== value) return basic;
  const type = (value as DataTypeValue).type;
  if (typeof type !== "string" || value instanceof CoreError) return value;
  if (type === "Error") return errorFromHost(value);
  if (!("basicValue" in value) && !("basicType" in value)) return value;
  const kind = type.slice(0, 40);
  if (isEntity(type)) {
    return coreError("VALUE", `${name} is a data-type card (${kind}), not a number: pass one of its fields, e.g. A2.EBIT or FIELDVALUE(A2, "EBIT")`);
  }
  return coreError("VALUE", `${name} is an Excel ${kind} value, not a number`);
}

/** Reads a value as a number, or the error that explains why it is not one. */
export function readNumber(value: unknown, name: string): NumberOrError {
  if (typeof value === "number") {
    return value - value === 0 ? value : coreError("NUM", `${name} is not a finite number`);
  }
  if (value === null || value === undefined) return coreError("NA", `missing ${name}`);
  if (typeof value === "string") {
    if (value.trim() === "") return coreError("NA", `missing ${name}`);
    const parsed = parseAccountingNumber(value);
    if (parsed === undefined) return coreError("VALUE", `${name} is text, not a number`);
    return parsed - parsed === 0 ? parsed : coreError("NUM", `${name} is not a finite number`);
  }
  if (typeof value === "boolean") return coreError("VALUE", `${name} is TRUE/FALSE, not a number`);
  if (typeof value === "object") {
    const error = errorFromHost(value);
    if (error !== undefined) return error;
    const plain = plainCell(value, name);
    if (plain !== value) return plain instanceof CoreError ? plain : readNumber(plain, name);
  }
  return coreError("VALUE", `${name} is not a number`);
}

/**
 * Reads a yes/no argument: TRUE/FALSE, or a number (0 is FALSE) as Excel does.
 * Blank gives the default.
 */
export function readBoolean(value: unknown, name: string, fallback: boolean): boolean | CoreError {
  if (isBlank(value)) return fallback;
  if (typeof value === "boolean") return value;
  if (typeof value === "number") {
    return value - value === 0 ? value !== 0 : coreError("NUM", `${name} is not a finite number`);
  }
  if (typeof value === "string") {
    const upper = value.trim().toUpperCase();
    if (upper === "TRUE") return true;
    if (upper === "FALSE") return false;
    return coreError("VALUE", `${name} must be TRUE or FALSE`);
  }
  if (typeof value === "object" && value !== null) {
    const error = errorFromHost(value);
    if (error !== undefined) return error;
    const plain = plainCell(value, name);
    if (plain !== value) return plain instanceof CoreError ? plain : readBoolean(plain, name, fallback);
  }
  return coreError("VALUE", `${name} must be TRUE or FALSE`);
}
