/**
 * Evaluates a parsed formula with Excel's semantics: references read the workbook through a
 * `Resolver` (which makes sure a cell it reads is already recalculated), operators lift over
 * arrays element by element, native functions come from the registry in `functions.ts`
 * (`@formulajs/formulajs` behind it, and the evaluator's own where the library lacks a
 * function or differs from Excel), and SMALLCAP calls run the very implementations Excel's
 * custom functions run (`SMALLCAP_FUNCTIONS`), so a refreshed cell holds what Excel would show.
 *
 * Arguments reach a SMALLCAP function as Excel hands them to a custom function: a reference or
 * an array as a 2-D array of its cells (blank = null), a single value as itself, an omitted
 * optional argument as null.
 */
import type { Grid } from "../../core/grid";
import { SMALLCAP_FUNCTIONS } from "../../functions/definitions";
import type { BinaryOp, Cause, Expr, RefNode } from "./ast";
import { NATIVE_FUNCTIONS, VOLATILE_FUNCTIONS } from "./functions";
import {
  ArrayValue, DIV0, NA, NUM, RangeValue, Scalar, VALUE, Value, XlError, compare, fromHost, isBlock, isError, rowsOf, toNumber, toText,
} from "./values";

export class NotEvaluable extends Error {
  constructor(message: string, readonly cause: Cause = "unsupported function") {
    super(message);
  }
}

export function notEvaluable(reason: string, cause: Cause = "unsupported function"): never {
  throw new NotEvaluable(reason, cause);
}

/** What the evaluator asks the workbook. Each method throws NotEvaluable when it cannot answer. */
export interface Resolver {
  ref(ref: RefNode): RangeValue;
  /** `A1#`: the range A1's formula spills into now. */
  spill(ref: RefNode): Value;
  /** A defined name's value (a range, or a constant or formula evaluated in its own scope). */
  name(name: string, sheet: string | undefined): Value;
  struct(table: string | undefined, spec: string): RangeValue;
  /** The formula's own cell, for implicit intersection and ROW()/COLUMN(). */
  readonly row: number;
  readonly col: number;
  /** Whether the workbook counts dates in the 1904 date system. */
  readonly date1904: boolean;
}

/** An argument as a function sees it: its expression, evaluated on demand (once). */
export interface Arg {
  readonly expr: Expr;
  readonly omitted: boolean;
  value(): Value;
}

export interface CallContext {
  readonly resolver: Resolver;
  /** Evaluates an expression with extra LET bindings in scope. */
  evaluateWith(expr: Expr, bindings: ReadonlyMap<string, Value>): Value;
}

/** A native function as the registry holds it. */
export interface NativeFunction {
  readonly min: number;
  readonly max: number;
  /** Where its semantics come from: the library, or the evaluator's own code (with its reason in functions.ts). */
  readonly source: "formulajs" | "own";
  readonly call: (args: readonly Arg[], ctx: CallContext) => Value;
}

const ARITHMETIC: Partial<Record<BinaryOp, (a: number, b: number) => number | XlError>> = {
  "+": (a, b) => a + b,
  "-": (a, b) => a - b,
  "*": (a, b) => a * b,
  "/": (a, b) => (b === 0 ? DIV0 : a / b),
  "^": (a, b) => (a === 0 && b === 0 ? NUM : a === 0 && b < 0 ? DIV0 : Math.pow(a, b)),
};

/** A number result as a cell: not finite is #NUM!. */
export function numberResult(n: number | XlError): Scalar {
  if (isError(n)) return n;
  return Number.isFinite(n) ? n : NUM;
}

export function binaryScalar(op: BinaryOp, a: Scalar, b: Scalar): Scalar {
  if (isError(a)) return a;
  if (isError(b)) return b;
  const arithmetic = ARITHMETIC[op];
  if (arithmetic !== undefined) {
    const x = toNumber(a);
    if (isError(x)) return x;
    const y = toNumber(b);
    if (isError(y)) return y;
    return numberResult(arithmetic(x, y));
  }
  if (op === "&") {
    const x = toText(a);
    const y = toText(b);
    if (isError(x)) return x;
    if (isError(y)) return y;
    // Excel's cell text limit: a longer result is #VALUE!.
    return x.length + y.length > 32_767 ? VALUE : x + y;
  }
  const c = compare(a, b);
  switch (op) {
    case "=": return c === 0;
    case "<>": return c !== 0;
    case "<": return c < 0;
    case ">": return c > 0;
    case "<=": return c <= 0;
    default: return c >= 0;
  }
}

/**
 * Applies a scalar function element by element, as Excel lifts a scalar operation over arrays:
 * a 1-row or 1-column operand stretches across the other's size; where sizes differ
 * otherwise, cells beyond the smaller operand are #N/A.
 */
export function lift(values: readonly Value[], fn: (...cells: Scalar[]) => Scalar): Value {
  if (!values.some(isBlock)) return fn(...(values as Scalar[]));
  const grids = values.map(rowsOf);
  const height = Math.max(...grids.map((g) => g.length));
  const width = Math.max(...grids.map((g) => g[0]?.length ?? 0));
  if (grids.every((g) => g.length === 1 && g[0].length === 1)) return fn(...grids.map((g) => g[0][0]));
  const out: Scalar[][] = new Array(height);
  const cells: Scalar[] = new Array(grids.length);
  for (let r = 0; r < height; r++) {
    const line: Scalar[] = new Array(width);
    for (let c = 0; c < width; c++) {
      let missing = false;
      for (let k = 0; k < grids.length; k++) {
        const g = grids[k];
        const gr = g.length === 1 ? 0 : r;
        const gc = g[0].length === 1 ? 0 : c;
        if (gr >= g.length || gc >= g[0].length) missing = true;
        else cells[k] = g[gr][gc];
      }
      line[c] = missing ? NA : fn(...cells);
    }
    out[r] = line;
  }
  return new ArrayValue(out);
}

/** `@` and legacy implicit intersection: the cell of a range on the formula's row or column. */
export function intersect(value: Value, row: number, col: number): Scalar {
  if (value instanceof ArrayValue) return value.rows()[0]?.[0] ?? null;
  if (!(value instanceof RangeValue)) return value;
  const { area } = value;
  const rows = value.rows();
  if (area.top === area.bottom && area.left === area.right) return rows[0][0];
  if (area.left === area.right && row >= area.top && row <= area.bottom) return rows[row - area.top][0];
  if (area.top === area.bottom && col >= area.left && col <= area.right) return rows[0][col - area.left];
  return VALUE;
}

/** A SMALLCAP argument as Excel hands it to a custom function. */
function hostArgument(value: Value, omitted: boolean): unknown {
  if (omitted) return null;
  return isBlock(value) ? value.rows() : value;
}

export class Evaluator implements CallContext {
  /** SMALLCAP calls made, for tests. */
  calls = 0;
  private scopes: ReadonlyMap<string, Value>[] = [];

  constructor(readonly resolver: Resolver) {}

  /** The formula's result as a grid of cells (1 x 1 for a single value; a blank reads as 0, as Excel shows it). */
  evaluate(expr: Expr): Scalar[][] {
    const value = this.value(expr);
    const rows = rowsOf(value);
    if (rows.length === 0 || rows[0].length === 0) return [[VALUE]];
    return rows.map((row) => row.map((cell) => (cell === null ? 0 : cell)));
  }

  evaluateWith(expr: Expr, bindings: ReadonlyMap<string, Value>): Value {
    this.scopes.push(bindings);
    try {
      return this.value(expr);
    } finally {
      this.scopes.pop();
    }
  }

  value(expr: Expr): Value {
    switch (expr.kind) {
      case "literal":
        return fromHost(expr.value);
      case "omitted":
        return null;
      case "array":
        return new ArrayValue(expr.rows.map((row) => row.map(fromHost)));
      case "ref":
        return this.resolver.ref(expr);
      case "spill":
        return this.resolver.spill(expr.ref);
      case "struct":
        return this.resolver.struct(expr.table, expr.spec);
      case "name": {
        if (expr.sheet === undefined) {
          for (let i = this.scopes.length - 1; i >= 0; i--) {
            const bound = this.scopes[i].get(expr.name.toUpperCase());
            if (bound !== undefined) return bound;
          }
        }
        return this.resolver.name(expr.name, expr.sheet);
      }
      case "call":
        return expr.smallcap ? this.smallcap(expr.name, expr.spelled, expr.args) : this.native(expr.name, expr.args);
      case "unary": {
        const operand = this.value(expr.operand);
        if (expr.op === "@") return intersect(operand, this.resolver.row, this.resolver.col);
        return lift([operand], (cell) => {
          const n = toNumber(cell);
          if (isError(n)) return n;
          return expr.op === "-" ? -n : expr.op === "%" ? n / 100 : n;
        });
      }
      case "binary": {
        const left = this.value(expr.left);
        const right = this.value(expr.right);
        return lift([left, right], (a, b) => binaryScalar(expr.op, a, b));
      }
    }
  }

  private smallcap(name: string, spelled: string, args: readonly Expr[]): Value {
    const fn = SMALLCAP_FUNCTIONS[name];
    if (fn === undefined) return notEvaluable(`${spelled} is not a SMALLCAP function`);
    const values = args.map((arg) => hostArgument(this.value(arg), arg.kind === "omitted"));
    this.calls++;
    return gridValue(fn(...values));
  }

  private native(name: string, exprs: readonly Expr[]): Value {
    if (name === "ANCHORARRAY" && exprs.length === 1 && exprs[0].kind === "ref") {
      // `A1#` as Excel stores it in a file.
      return this.resolver.spill(exprs[0]);
    }
    if (VOLATILE_FUNCTIONS.has(name)) {
      return notEvaluable(`calls ${name}(), which is volatile or computes its target at run time`, "volatile or dynamic reference");
    }
    const fn = NATIVE_FUNCTIONS.get(name);
    if (fn === undefined) return notEvaluable(`calls ${name}(), which the headless engine does not evaluate`);
    if (exprs.length < fn.min || exprs.length > fn.max) {
      return notEvaluable(`calls ${name}() with ${exprs.length} arguments; it takes ${fn.min === fn.max ? fn.min : `${fn.min} to ${fn.max}`}`, "unreadable formula");
    }
    const args: Arg[] = exprs.map((expr) => {
      let cached: Value | undefined;
      let done = false;
      return {
        expr,
        omitted: expr.kind === "omitted",
        value: () => {
          if (!done) {
            cached = this.value(expr);
            done = true;
          }
          return cached as Value;
        },
      };
    });
    return fn.call(args, this);
  }
}

/** A SMALLCAP result grid as a value: 1 x 1 as a scalar. */
export function gridValue(grid: Grid | unknown[][]): Value {
  if (grid.length === 1 && grid[0].length === 1) return fromHost(grid[0][0]);
  return new ArrayValue(grid.map((row) => row.map(fromHost)));
}

export { isError, XlError };
