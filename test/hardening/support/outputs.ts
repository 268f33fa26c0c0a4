/** What a well-formed SMALLCAP result is, and a short printable form of any value. */
import { CoreError, EXCEL_ERROR_TEXT } from "../../../src/core/errors";

const CODES = new Set(Object.keys(EXCEL_ERROR_TEXT));

/** Why one result element is not a finite number, boolean, string or CoreError; undefined when it is. */
export function elementProblem(value: unknown): string | undefined {
  if (typeof value === "number") return Number.isFinite(value) ? undefined : `non-finite number ${String(value)}`;
  if (typeof value === "boolean" || typeof value === "string") return undefined;
  if (value instanceof CoreError) {
    if (!CODES.has(value.code)) return `error with unknown code ${String(value.code)}`;
    if (typeof value.message !== "string") return "error without a string message";
    return undefined;
  }
  return `element of type ${value === null ? "null" : typeof value}: ${preview(value)}`;
}

/** Why a result is not a non-empty rectangular grid of well-formed elements; undefined when it is. */
export function gridProblem(result: unknown): string | undefined {
  if (!Array.isArray(result)) return `result is not an array: ${preview(result)}`;
  if (result.length === 0) return "result has no rows";
  let width = -1;
  for (let r = 0; r < result.length; r++) {
    const row: unknown = result[r];
    if (!Array.isArray(row)) return `row ${r} is not an array`;
    if (row.length === 0) return `row ${r} is empty`;
    if (width === -1) width = row.length;
    else if (row.length !== width) return `row ${r} has ${row.length} cells, row 0 has ${width}`;
    for (let c = 0; c < row.length; c++) {
      const problem = elementProblem(row[c]);
      if (problem !== undefined) return `[${r}][${c}]: ${problem}`;
    }
  }
  return undefined;
}

/** A short, printable rendering of a value for reports (NaN, -0, Infinity, errors kept visible). */
export function preview(value: unknown, limit = 300): string {
  const seen = new WeakSet<object>();
  const text = JSON.stringify(value, (_key, v: unknown) => {
    if (typeof v === "number") {
      if (Number.isNaN(v)) return "NaN";
      if (v === Infinity) return "Infinity";
      if (v === -Infinity) return "-Infinity";
      if (Object.is(v, -0)) return "-0";
      return v;
    }
    if (v === undefined) return "undefined";
    if (typeof v === "bigint") return `${v}n`;
    if (v instanceof CoreError) return `${EXCEL_ERROR_TEXT[v.code]} ${v.message}`.trim();
    if (typeof v === "object" && v !== null) {
      if (seen.has(v)) return "[circular]";
      seen.add(v);
    }
    return v;
  });
  const shown = text === undefined ? String(value) : text;
  return shown.length > limit ? `${shown.slice(0, limit)}... (${shown.length} chars)` : shown;
}

/** A value as Excel shows it: the error spelling for an error, the value itself otherwise. */
export function shown(value: unknown): unknown {
  return value instanceof CoreError ? EXCEL_ERROR_TEXT[value.code] : value;
}
