/**
 * Evaluates a parsed formula against a workbook's values, calling the very implementations
 * Excel's custom functions run (`SMALLCAP_FUNCTIONS`), so a refreshed cell holds exactly what
 * Excel would show.
 *
 * Arguments reach a SMALLCAP function as Excel hands them to a custom function: a reference
 * as a 2-D array of its cells (blank = null), a literal as a single value, an omitted optional
 * argument as null. Arithmetic around a call works on single values with Excel's coercions
 * (a blank is 0, TRUE is 1, numeric text is its number, an error propagates).
 */
import { CoreError, coreError, isCoreError } from "../../core/errors";
import type { Cell, Grid } from "../../core/grid";
import { parseAccountingNumber } from "../../core/values";
import { SMALLCAP_FUNCTIONS } from "../../functions/definitions";
import type { Expr, RefNode } from "./ast";

/** What a reference or an argument holds while a formula is evaluated. */
export type EvalCell = number | string | boolean | null | { readonly error: string } | CoreError;

/** Where the evaluator gets cell values; the refresh makes sure a cell it reads is already up to date. */
export interface ValueSource {
  /** The cells of a reference, rows of columns; a string is the reason it cannot be read. */
  read(ref: RefNode): EvalCell[][] | string;
}

export class NotEvaluable extends Error {}

function notEvaluable(reason: string): never {
  throw new NotEvaluable(reason);
}

/** A scalar literal or a block of cells, as an argument or a sub-result. */
type Value = { readonly single: EvalCell } | { readonly grid: readonly (readonly EvalCell[])[] };

const DIV0 = coreError("DIV0", "division by zero");
const NOT_FINITE = coreError("NUM", "result is not a finite number");

function scalarOf(value: Value, what: string): EvalCell {
  if ("single" in value) return value.single;
  const grid = value.grid;
  if (grid.length === 1 && grid[0].length === 1) return grid[0][0];
  return notEvaluable(`${what} on a range or a spilled result is not evaluated`);
}

/** Excel's reading of a value as a number in arithmetic. */
function arithmeticNumber(value: EvalCell): number | CoreError {
  if (value === null) return 0;
  if (typeof value === "number") return value;
  if (typeof value === "boolean") return value ? 1 : 0;
  if (typeof value === "string") {
    const parsed = value.trim() === "" ? undefined : parseAccountingNumber(value);
    return parsed === undefined ? coreError("VALUE", "text in arithmetic is not a number") : parsed;
  }
  if (isCoreError(value)) return value;
  return errorOf(value.error);
}

function errorOf(text: string): CoreError {
  switch (text) {
    case "#N/A": return coreError("NA", "");
    case "#DIV/0!": return coreError("DIV0", "");
    case "#NUM!": return coreError("NUM", "");
    case "#NULL!": return coreError("NULL", "");
    case "#NAME?": return coreError("NAME", "");
    case "#REF!": return coreError("REF", "");
    case "#VALUE!": return coreError("VALUE", "");
    default: return notEvaluable(`the error ${text} cannot be written back`);
  }
}

function arithmetic(op: "+" | "-" | "*" | "/" | "^", a: number, b: number): Cell {
  let result: number;
  switch (op) {
    case "+": result = a + b; break;
    case "-": result = a - b; break;
    case "*": result = a * b; break;
    case "/":
      if (b === 0) return DIV0;
      result = a / b;
      break;
    case "^":
      if (a === 0 && b === 0) return coreError("NUM", "0^0 is undefined");
      if (a === 0 && b < 0) return DIV0;
      result = Math.pow(a, b);
      break;
  }
  return Number.isFinite(result) ? result : NOT_FINITE;
}

function asCell(value: EvalCell): Cell {
  if (value === null) return 0; // a formula that is only a reference to a blank cell shows 0 in Excel
  if (typeof value === "object" && !isCoreError(value)) return errorOf(value.error);
  return value;
}

/** A function's argument, as Excel hands it to a custom function. */
function argument(value: Value): unknown {
  return "single" in value ? value.single : value.grid;
}

export class Evaluator {
  /** SMALLCAP calls made, for progress reporting and tests. */
  calls = 0;

  constructor(private readonly source: ValueSource) {}

  /** The formula's result as a grid (1 x 1 for a single value). Throws NotEvaluable with the reason. */
  evaluate(expr: Expr): Grid {
    const value = this.value(expr);
    if ("single" in value) return [[asCell(value.single)]];
    return value.grid.map((row) => row.map(asCell));
  }

  private value(expr: Expr): Value {
    switch (expr.kind) {
      case "literal":
        return { single: expr.value };
      case "omitted":
        return { single: null };
      case "array":
        return { grid: expr.rows };
      case "ref": {
        const cells = this.source.read(expr);
        if (typeof cells === "string") return notEvaluable(cells);
        return { grid: cells };
      }
      case "call": {
        const fn = SMALLCAP_FUNCTIONS[expr.name];
        if (fn === undefined) return notEvaluable(`${expr.spelled} is not a SMALLCAP function`);
        const args = expr.args.map((arg) => argument(this.value(arg)));
        this.calls++;
        return { grid: fn(...args) };
      }
      case "unary": {
        const operand = arithmeticNumber(scalarOf(this.value(expr.operand), "arithmetic"));
        if (isCoreError(operand)) return { single: operand };
        const result = expr.op === "-" ? -operand : expr.op === "%" ? operand / 100 : operand;
        return { single: result };
      }
      case "binary": {
        const left = arithmeticNumber(scalarOf(this.value(expr.left), "arithmetic"));
        const right = arithmeticNumber(scalarOf(this.value(expr.right), "arithmetic"));
        if (isCoreError(left)) return { single: left };
        if (isCoreError(right)) return { single: right };
        return { single: arithmetic(expr.op, left, right) };
      }
    }
  }
}
