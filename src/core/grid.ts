/**
 * The one adapter between worksheet-shaped arguments and the core's scalar arithmetic:
 * shapes, broadcasting of single values, blanks, numeric text and errors, for every
 * SMALLCAP function and every host (Excel, the CLI's refresh, tests).
 *
 * A function body never coerces: it receives numbers (or, for row-wise functions, numbers
 * and the errors that stand for unreadable cells) and returns a number, boolean, text or a
 * `CoreError`. One bad element yields an error in that element only.
 */
import { CoreError, coreError } from "./errors";
import { NumberOrError, isBlank, readNumber } from "./values";

/** What a SMALLCAP result cell holds before a host converts errors. */
export type Cell = number | string | boolean | CoreError;
export type Grid = Cell[][];

/** An argument: its name (used in messages) and, for an optional one, its default. */
export interface ArgSpec {
  readonly name: string;
  /** Present for an optional argument: used when it is omitted (`null`) or blank. */
  readonly default?: number;
  /** An optional argument without a fixed default: omitted or blank reaches the function as `undefined`. */
  readonly optional?: boolean;
}

export const SHAPE_MISMATCH = coreError("VALUE", "ranges must have the same shape");
const NOT_FINITE_RESULT = coreError("NUM", "result is not a finite number");

/**
 * A worksheet argument as rows of cells: a range arrives as `any[][]`, a single value is a
 * 1 x 1 grid, a flat array (from a non-Excel caller) is one row. Ragged or empty arrays are
 * errors, not exceptions.
 */
export function asGrid(value: unknown, name: string): unknown[][] | CoreError {
  if (!Array.isArray(value)) return [[value]];
  if (value.length === 0) return coreError("VALUE", `${name} is an empty range`);
  if (!Array.isArray(value[0])) return [value];
  const width = (value[0] as unknown[]).length;
  if (width === 0) return coreError("VALUE", `${name} is an empty range`);
  for (let r = 1; r < value.length; r++) {
    const row: unknown = value[r];
    if (!Array.isArray(row) || row.length !== width) return coreError("VALUE", `${name} is not a rectangular range`);
  }
  return value as unknown[][];
}

/** A result grid of one cell. */
export function single(cell: Cell): Grid {
  return [[cell]];
}

/** Numbers must stay finite on the way out: Infinity and NaN become `#NUM!`. */
export function finite(cell: Cell): Cell {
  return typeof cell === "number" && cell - cell !== 0 ? NOT_FINITE_RESULT : cell;
}

function isSingle(grid: unknown[][]): boolean {
  return grid.length === 1 && grid[0].length === 1;
}

/** Reads an argument, applying an optional argument's default when it is omitted or blank. */
function readArg(value: unknown, spec: ArgSpec): NumberOrError {
  if (spec.default !== undefined && isBlank(value)) return spec.default;
  return readNumber(value, spec.name);
}

function omitted(value: unknown, spec: ArgSpec): boolean {
  return (spec.default !== undefined || spec.optional === true) && (value === null || value === undefined);
}

type Scalar = number | boolean | string | CoreError;

/** The common shape of element-wise arguments: ranges as grids, single values as `fixed`. */
interface Broadcast {
  /** A range argument's grid, or null where the argument is a single value. */
  readonly grids: (unknown[][] | null)[];
  /** The single value of each non-range argument (raw, as the host gave it). */
  readonly fixed: unknown[];
  readonly rows: number;
  readonly cols: number;
}

/**
 * Works out the shape of an element-wise call: every argument is a single value or a range;
 * ranges must share one shape (`#VALUE!` "ranges must have the same shape" otherwise).
 */
function broadcast(specs: readonly ArgSpec[], args: readonly unknown[]): Broadcast | CoreError {
  const grids: (unknown[][] | null)[] = new Array(specs.length).fill(null);
  const fixed: unknown[] = new Array(specs.length).fill(null);
  let rows = 1;
  let cols = 1;
  let shaped = false;
  for (let i = 0; i < specs.length; i++) {
    if (omitted(args[i], specs[i])) continue;
    const grid = asGrid(args[i], specs[i].name);
    if (grid instanceof CoreError) return grid;
    if (isSingle(grid)) {
      fixed[i] = grid[0][0];
      continue;
    }
    if (shaped && (grid.length !== rows || grid[0].length !== cols)) return SHAPE_MISMATCH;
    shaped = true;
    rows = grid.length;
    cols = grid[0].length;
    grids[i] = grid;
  }
  return { grids, fixed, rows, cols };
}

/**
 * Element by element, handing `fn` the raw cells rather than numbers: for functions whose
 * reading of a cell is itself the calculation (a screen that treats a blank as "unknown",
 * not as an error). Shapes and broadcasting as `elementwise`.
 */
export function elementwiseCells(specs: readonly ArgSpec[], fn: (cells: unknown[]) => Scalar): (...args: unknown[]) => Grid {
  return (...args: unknown[]): Grid => {
    const shape = broadcast(specs, args);
    if (shape instanceof CoreError) return single(shape);
    const { grids, fixed, rows, cols } = shape;
    const out: Grid = new Array(rows);
    for (let r = 0; r < rows; r++) {
      const line: Cell[] = new Array(cols);
      for (let c = 0; c < cols; c++) {
        const cells = grids.map((grid, i) => (grid === null ? fixed[i] : grid[r][c]));
        line[c] = finite(fn(cells));
      }
      out[r] = line;
    }
    return out;
  };
}

/**
 * The first `count` cells of a result row of numbers, copied into a new generic array: its
 * own allocation site, so the site of the number rows never learns "objects". Called once per
 * row at most.
 */
function genericCopy(line: Cell[], count: number): Cell[] {
  const copy: Cell[] = [];
  for (let k = 0; k < count; k++) copy.push(line[k]);
  return copy;
}

/**
 * Element by element: every argument is a single value or a range; ranges must share one
 * shape and the result takes it. Single values are read once and paired with every element.
 *
 * One loop for any number of arguments, row by row: each argument's row is first read into
 * its own `Float64Array` (a tight loop over one kind of array), the first error of each
 * element, in argument order, noted aside; then `fn` runs over the buffers. A result row is
 * written as plain numbers and is copied into a separate generic array only at its first
 * cell that is not a finite number: V8 tracks element kinds per allocation site, and a site
 * whose arrays once held an object boxes every double of the arrays it makes afterwards.
 */
export function elementwise(specs: readonly ArgSpec[], fn: (...xs: number[]) => Scalar): (...args: unknown[]) => Grid {
  const arity = specs.length;
  /**
   * The two-argument case (most functions) without the buffers: a finite number pair goes
   * straight to `fn`; anything else is read by the shared rules. Rows copied at their first
   * non-number as below.
   */
  const binary = (
    g0: unknown[][] | null,
    g1: unknown[][] | null,
    f0: NumberOrError,
    f1: NumberOrError,
    rows: number,
    cols: number,
  ): Grid => {
    const out: Grid = new Array(rows);
    let mixedRows = 0;
    for (let r = 0; r < rows; r++) {
      const row0 = g0 === null ? null : g0[r];
      const row1 = g1 === null ? null : g1[r];
      // Once most rows have held a non-number, those are dense: start rows generic.
      // (Two `new Array` expressions on purpose: each is its own allocation site, and only the
      // first must keep making arrays of unboxed numbers.)
      let mixed = mixedRows > 8 && mixedRows * 2 > r;
      let line: Cell[] = mixed ? new Array<Cell>(cols) : new Array(cols);
      let counted = false;
      for (let c = 0; c < cols; c++) {
        let a = row0 === null ? f0 : (row0[c] as NumberOrError);
        let b = row1 === null ? f1 : (row1[c] as NumberOrError);
        let result: Scalar;
        if (typeof a !== "number" || a - a !== 0) a = readArg(a, specs[0]);
        if (typeof b !== "number" || b - b !== 0) b = readArg(b, specs[1]);
        if (typeof a !== "number") result = a;
        else if (typeof b !== "number") result = b;
        else {
          result = fn(a, b);
          if (typeof result === "number") {
            if (result - result === 0) {
              line[c] = result;
              continue;
            }
            result = NOT_FINITE_RESULT;
          }
        }
        if (!counted) {
          counted = true;
          mixedRows++;
        }
        if (!mixed) {
          line = genericCopy(line, c);
          mixed = true;
        }
        line[c] = result;
      }
      out[r] = line;
    }
    return out;
  };
  return (...args: unknown[]): Grid => {
    const shape = broadcast(specs, args);
    if (shape instanceof CoreError) return single(shape);
    const { grids, rows, cols } = shape;
    const fixed: NumberOrError[] = shape.fixed.map((value, i) =>
      omitted(value, specs[i]) ? (specs[i].default as number) : readArg(value, specs[i]),
    );
    if (arity === 2) return binary(grids[0], grids[1], fixed[0], fixed[1], rows, cols);
    const buffers: Float64Array[] = new Array(arity);
    for (let i = 0; i < arity; i++) {
      buffers[i] = new Float64Array(cols);
      const x = fixed[i];
      if (grids[i] === null) buffers[i].fill(typeof x === "number" ? x : NaN);
    }
    const errors: (CoreError | undefined)[] = new Array(cols).fill(undefined);
    const b0 = buffers[0];
    const b1 = arity > 1 ? buffers[1] : b0;
    const b2 = arity > 2 ? buffers[2] : b0;
    const b3 = arity > 3 ? buffers[3] : b0;
    const b4 = arity > 4 ? buffers[4] : b0;
    const xs: number[] = new Array(arity).fill(0);
    const out: Grid = new Array(rows);
    let mixedRows = 0;
    for (let r = 0; r < rows; r++) {
      let errorCount = 0;
      for (let i = 0; i < arity; i++) {
        const grid = grids[i];
        if (grid === null) {
          const x = fixed[i];
          if (x instanceof CoreError) {
            for (let c = 0; c < cols; c++) {
              if (errors[c] === undefined) {
                errors[c] = x;
                errorCount++;
              }
            }
          }
          continue;
        }
        const raw = grid[r];
        const buffer = buffers[i];
        for (let c = 0; c < cols; c++) {
          const v = raw[c];
          if (typeof v === "number" && v - v === 0) {
            buffer[c] = v;
            continue;
          }
          const x = readArg(v, specs[i]);
          if (typeof x === "number") buffer[c] = x;
          else if (errors[c] === undefined) {
            errors[c] = x;
            errorCount++;
          }
        }
      }
      // Once most rows have held a non-number, those are dense: start rows generic.
      // (Two `new Array` expressions on purpose: each is its own allocation site, and only the
      // first must keep making arrays of unboxed numbers.)
      let mixed = mixedRows > 8 && mixedRows * 2 > r;
      let line: Cell[] = mixed ? new Array<Cell>(cols) : new Array(cols);
      let counted = false;
      for (let c = 0; c < cols; c++) {
        let result: Scalar;
        if (errorCount > 0 && errors[c] !== undefined) {
          result = errors[c] as CoreError;
          errors[c] = undefined;
        } else {
          switch (arity) {
            case 1: result = fn(b0[c]); break;
            case 2: result = fn(b0[c], b1[c]); break;
            case 3: result = fn(b0[c], b1[c], b2[c]); break;
            case 4: result = fn(b0[c], b1[c], b2[c], b3[c]); break;
            case 5: result = fn(b0[c], b1[c], b2[c], b3[c], b4[c]); break;
            default:
              for (let i = 0; i < arity; i++) xs[i] = buffers[i][c];
              result = fn(...xs);
          }
          if (typeof result === "number") {
            if (result - result === 0) {
              line[c] = result;
              continue;
            }
            result = NOT_FINITE_RESULT;
          }
        }
        if (!counted) {
          counted = true;
          mixedRows++;
        }
        if (!mixed) {
          line = genericCopy(line, c);
          mixed = true;
        }
        line[c] = result;
      }
      out[r] = line;
    }
    return out;
  };
}

/**
 * Row by row: `series` arguments are ranges with one row per company and one column per
 * period or bucket (a single value pairs with every cell, a single row with every row);
 * `perRow` arguments are a single value or a column with one value per company. The
 * result is one column, one row per company.
 *
 * `fn` gets the same scratch arrays for every row, refilled: it must read them and keep
 * nothing (no allocation per company).
 */
export function rowwise(
  series: readonly ArgSpec[],
  perRow: readonly ArgSpec[],
  fn: (rows: NumberOrError[][], scalars: (NumberOrError | undefined)[]) => Scalar,
): (...args: unknown[]) => Grid {
  return (...args: unknown[]): Grid => {
    const seriesGrids: unknown[][][] = [];
    let rows = 1;
    let cols = 1;
    for (let i = 0; i < series.length; i++) {
      const grid = asGrid(args[i], series[i].name);
      if (grid instanceof CoreError) return single(grid);
      seriesGrids.push(grid);
    }
    for (const grid of seriesGrids) {
      if (grid.length > 1) {
        if (rows > 1 && grid.length !== rows) return single(SHAPE_MISMATCH);
        rows = grid.length;
      }
      if (grid[0].length > 1) {
        if (cols > 1 && grid[0].length !== cols) return single(SHAPE_MISMATCH);
        cols = grid[0].length;
      }
    }
    const rowGrids: (unknown[][] | null)[] = [];
    for (let j = 0; j < perRow.length; j++) {
      const spec = perRow[j];
      const value = args[series.length + j];
      if (omitted(value, spec)) {
        rowGrids.push(null);
        continue;
      }
      const grid = asGrid(value, spec.name);
      if (grid instanceof CoreError) return single(grid);
      if (grid[0].length !== 1 || (grid.length !== 1 && grid.length !== rows)) {
        return single(coreError("VALUE", `${spec.name} must be a single value or one value per row`));
      }
      rowGrids.push(grid);
    }
    // Scratch series and scalars, refilled for every row: `fn` reads them and keeps nothing.
    const rowValues: NumberOrError[][] = seriesGrids.map(() => new Array<NumberOrError>(cols).fill(0));
    const scalars: (NumberOrError | undefined)[] = new Array(perRow.length).fill(undefined);
    const out: Grid = new Array(rows);
    for (let r = 0; r < rows; r++) {
      for (let i = 0; i < seriesGrids.length; i++) {
        const grid = seriesGrids[i];
        const line = grid.length === 1 ? grid[0] : grid[r];
        const values = rowValues[i];
        const name = series[i].name;
        if (line.length === 1) {
          const v = line[0];
          const x = typeof v === "number" && v - v === 0 ? v : readNumber(v, name);
          for (let c = 0; c < cols; c++) values[c] = x;
        } else {
          for (let c = 0; c < cols; c++) {
            const v = line[c];
            values[c] = typeof v === "number" && v - v === 0 ? v : readNumber(v, name);
          }
        }
      }
      for (let j = 0; j < perRow.length; j++) {
        const spec = perRow[j];
        const grid = rowGrids[j];
        const value = grid === null ? null : (grid.length === 1 ? grid[0] : grid[r])[0];
        if (spec.optional === true && isBlank(value)) scalars[j] = undefined;
        else if (grid === null) scalars[j] = spec.default as number;
        else scalars[j] = readArg(value, spec);
      }
      out[r] = [finite(fn(rowValues, scalars))];
    }
    return out;
  };
}

/**
 * A price or value series given as one column or one row, in reading order; a single cell
 * is a series of one.
 */
export function asSeries(value: unknown, name: string): unknown[] | CoreError {
  const grid = asGrid(value, name);
  if (grid instanceof CoreError) return grid;
  if (grid[0].length === 1) return grid.map((row) => row[0]);
  if (grid.length === 1) return grid[0];
  return coreError("VALUE", `${name} must be one column or one row`);
}

/** All cells of two same-shaped ranges, flattened in reading order. */
export function pairedCells(a: unknown, aName: string, b: unknown, bName: string): [unknown[], unknown[]] | CoreError {
  const ga = asGrid(a, aName);
  if (ga instanceof CoreError) return ga;
  const gb = asGrid(b, bName);
  if (gb instanceof CoreError) return gb;
  if (ga.length !== gb.length || ga[0].length !== gb[0].length) return SHAPE_MISMATCH;
  return [ga.flat(), gb.flat()];
}

/** A single-valued argument: a range of more than one cell is `#VALUE!`. */
export function singleValue(value: unknown, name: string): unknown | CoreError {
  const grid = asGrid(value, name);
  if (grid instanceof CoreError) return grid;
  if (!isSingle(grid)) return coreError("VALUE", `${name} must be a single value`);
  return grid[0][0];
}
