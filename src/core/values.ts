/**
 * Reading one worksheet value as a number, the same way for every caller.
 *
 * The rules are docs/CONVENTIONS.md's: blank is missing (`#N/A`), en-US accounting text is a number,
 * other text and booleans are `#VALUE!`, an input error passes through, non-finite is `#NUM!`.
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

/** Blank is missing: an empty cell, an empty string, or a string of spaces only. */
export function isBlank(value: unknown): boolean {
  return value === null || value === undefined || (typeof value === "string" && value.trim() === "");
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
  }
  return coreError("VALUE", `${name} must be TRUE or FALSE`);
}
