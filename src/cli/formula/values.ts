/**
 * Values while a formula is evaluated, with Excel's coercions: what a number, a truth value
 * or a text is when Excel reads a cell or a literal as one.
 *
 * - A scalar is a number, a text, TRUE/FALSE, `null` (an empty cell) or an `XlError`.
 * - A `RangeValue` is a reference (cells of a sheet, read when needed); an `ArrayValue` a computed
 *   block (an array constant, a function's or an operator's array result).
 */
import { CoreError, EXCEL_ERROR_TEXT } from "../../core/errors";
import { parseAccountingNumber } from "../../core/values";
import type { Area } from "../../workbook/a1";

/** An Excel error value, by its spelling (`#N/A`, `#CALC!`...). One instance per spelling. */
export class XlError {
  private constructor(readonly error: string) {
    Object.freeze(this);
  }
  private static readonly known = new Map<string, XlError>();
  static of(text: string): XlError {
    let e = XlError.known.get(text);
    if (e === undefined) {
      e = new XlError(text);
      XlError.known.set(text, e);
    }
    return e;
  }
}

export const NA = XlError.of("#N/A");
export const VALUE = XlError.of("#VALUE!");
export const DIV0 = XlError.of("#DIV/0!");
export const NUM = XlError.of("#NUM!");
export const REF = XlError.of("#REF!");
export const NAME = XlError.of("#NAME?");
export const CALC = XlError.of("#CALC!");
export const SPILL = XlError.of("#SPILL!");

export type Scalar = number | string | boolean | null | XlError;

/** Where a sheet's cells come from (the refresh's workbook). */
export interface SheetHandle {
  readonly name: string;
  cells(area: Area): Scalar[][];
  /** Whether a row is hidden (SUBTOTAL 101-111 leave hidden rows out). */
  hiddenRow?(row: number): boolean;
  /** A cell's formula text, if it has one (SUBTOTAL leaves other subtotals out). */
  formula?(row: number, col: number): string | undefined;
}

export class RangeValue {
  private cache: Scalar[][] | undefined;
  constructor(readonly sheet: SheetHandle, readonly area: Area) {}
  get height(): number {
    return this.area.bottom - this.area.top + 1;
  }
  get width(): number {
    return this.area.right - this.area.left + 1;
  }
  rows(): Scalar[][] {
    if (this.cache === undefined) this.cache = this.sheet.cells(this.area);
    return this.cache;
  }
}

export class ArrayValue {
  constructor(readonly data: Scalar[][]) {}
  get height(): number {
    return this.data.length;
  }
  get width(): number {
    return this.data[0]?.length ?? 0;
  }
  rows(): Scalar[][] {
    return this.data;
  }
}

export type Value = Scalar | RangeValue | ArrayValue;
export type Block = RangeValue | ArrayValue;

export function isBlock(v: Value): v is Block {
  return v instanceof RangeValue || v instanceof ArrayValue;
}

export function isError(v: unknown): v is XlError {
  return v instanceof XlError;
}

/** A core (SMALLCAP) result or a cell's `{ error }` as an XlError; anything else unchanged. */
export function fromHost(value: unknown): Scalar {
  if (value === undefined || value === null) return null;
  if (value instanceof XlError) return value;
  if (value instanceof CoreError) return XlError.of(EXCEL_ERROR_TEXT[value.code]);
  if (typeof value === "object" && typeof (value as { error?: unknown }).error === "string") return XlError.of((value as { error: string }).error);
  if (typeof value === "number") return Number.isFinite(value) ? value : NUM;
  if (typeof value === "string" || typeof value === "boolean") return value;
  return VALUE;
}

/** A block's cells, or a scalar as a 1 x 1 block. */
export function rowsOf(v: Value): Scalar[][] {
  return isBlock(v) ? v.rows() : [[v]];
}

/** Every cell of a value, row by row. */
export function flat(v: Value): Scalar[] {
  if (!isBlock(v)) return [v];
  const out: Scalar[] = [];
  for (const row of v.rows()) for (const cell of row) out.push(cell);
  return out;
}

/** A 1 x 1 block's cell; a bigger block's top-left cell (the caller decides whether that is right). */
export function topLeft(v: Value): Scalar {
  if (!isBlock(v)) return v;
  const rows = v.rows();
  return rows[0]?.[0] ?? null;
}

/** Text as Excel reads it as a number: `1,234.5`, ` 12 `, `50%`, `(3)`, `1E3`. */
export function textNumber(text: string): number | undefined {
  const t = text.trim();
  if (t === "") return undefined;
  const percent = /^([+-]?[\d.,]+(?:[eE][+-]?\d+)?)\s*%$/.exec(t);
  if (percent !== null) {
    const n = parseAccountingNumber(percent[1]);
    return n === undefined ? undefined : n / 100;
  }
  const n = parseAccountingNumber(t);
  return n === undefined || !Number.isFinite(n) ? undefined : n;
}

/** Excel's number for a scalar in arithmetic: blank 0, TRUE 1, numeric text its number, other text #VALUE!. */
export function toNumber(v: Scalar): number | XlError {
  if (typeof v === "number") return v;
  if (v === null) return 0;
  if (typeof v === "boolean") return v ? 1 : 0;
  if (typeof v === "string") return textNumber(v) ?? VALUE;
  return v;
}

/** Excel's truth value: blank FALSE, a number its non-zero-ness, "TRUE"/"FALSE" text, other text #VALUE!. */
export function toBool(v: Scalar): boolean | XlError {
  if (typeof v === "boolean") return v;
  if (v === null) return false;
  if (typeof v === "number") return v !== 0;
  if (typeof v === "string") {
    const u = v.toUpperCase();
    return u === "TRUE" ? true : u === "FALSE" ? false : VALUE;
  }
  return v;
}

/** A number as Excel's General format shows it (up to 15 significant digits, no trailing zeros). */
export function numberText(n: number): string {
  if (Number.isInteger(n) && Math.abs(n) < 1e15) return String(n);
  const abs = Math.abs(n);
  if (abs !== 0 && (abs < 1e-9 || abs >= 1e15)) {
    const [mantissa, exponent] = n.toExponential(14).split("e");
    const m = mantissa.replace(/\.?0+$/, "");
    const e = Number(exponent);
    return `${m}E${e < 0 ? "-" : "+"}${String(Math.abs(e)).padStart(2, "0")}`;
  }
  return String(Number(n.toPrecision(15)));
}

/** Excel's text for a scalar in `&` and text functions. */
export function toText(v: Scalar): string | XlError {
  if (typeof v === "string") return v;
  if (v === null) return "";
  if (typeof v === "number") return numberText(v);
  if (typeof v === "boolean") return v ? "TRUE" : "FALSE";
  return v;
}

/** Kinds in Excel's sort and comparison order: numbers < text < booleans (< errors, which callers test first). */
function rank(v: Exclude<Scalar, null>): number {
  return typeof v === "number" ? 0 : typeof v === "string" ? 1 : typeof v === "boolean" ? 2 : 3;
}

/**
 * Excel's comparison of two non-error scalars: -1, 0 or 1. Text compares case-insensitively;
 * a blank compares as 0, "" or FALSE, whichever the other side is.
 */
export function compare(a: Scalar, b: Scalar): number {
  const left = a === null ? blankLike(b) : a;
  const right = b === null ? blankLike(a) : b;
  const ra = rank(left);
  const rb = rank(right);
  if (ra !== rb) return ra < rb ? -1 : 1;
  if (ra === 3) return left === right ? 0 : (left as XlError).error < (right as XlError).error ? -1 : 1;
  if (typeof left === "string") {
    const x = left.toLowerCase();
    const y = (right as string).toLowerCase();
    return x < y ? -1 : x > y ? 1 : 0;
  }
  const x = Number(left);
  const y = Number(right);
  return x < y ? -1 : x > y ? 1 : 0;
}

function blankLike(other: Scalar): number | string | boolean {
  if (typeof other === "string") return "";
  if (typeof other === "boolean") return false;
  return 0;
}
