/**
 * The one adapter between worksheet-shaped arguments and the core's scalar arithmetic:
 * shapes, broadcasting of single values, blanks, numeric text and errors, for every
 * SMALLCAP function and every host (Excel, the CLI's refresh, tests).
 *
 * A function body never coerces: it receives numbers (or, for row-wise functions, numbers
 * and the errors that stand for unreadable cells) and returns a number, boolean, text or a
 * `CoreError`. One bad element yields an error in that element only. Why the loops are
 * written as they are (V8's element kinds, inlining and boxing): docs/PERFORMANCE.md, "How the
 * adapter stays fast in V8".
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
 * How a host wants the error cells of a result: Excel as `CustomFunctions.Error`
 * (`src/functions/excel.ts`); the CLI and tests take the `CoreError` itself (no converter).
 */
export type ErrorConverter = (error: CoreError) => unknown;

/** A function of this adapter as it really runs: the arguments, and the host's converter or null. */
type Runner = (args: readonly unknown[], convert: ErrorConverter | null) => unknown[][];

/**
 * The runner behind each function this adapter builds. The functions themselves stay plain
 * `(...args) => Grid` (what `SMALLCAP_FUNCTIONS` and the CLI call); a host that converts
 * errors reaches the runner through `callConverting` and gets its error objects written as
 * the grid is built, instead of a second pass over every cell.
 */
const runners = new WeakMap<(...args: unknown[]) => Grid, Runner>();

function adapterFunction(run: Runner): (...args: unknown[]) => Grid {
  const fn = (...args: unknown[]): Grid => run(args, null) as Grid;
  runners.set(fn, run);
  return fn;
}

/**
 * A result cell as the host wants it: a `CoreError` through the converter, anything else as
 * is. `typeof` first: an `instanceof` test of a primitive (a boolean per company for ZOMBIE)
 * is not folded away and costs a call per cell.
 */
function hostCell(cell: Cell, convert: ErrorConverter | null): unknown {
  return convert !== null && typeof cell === "object" && cell instanceof CoreError ? convert(cell) : cell;
}

/** A one-cell result, converted for the host. */
function singleFor(cell: Cell, convert: ErrorConverter | null): unknown[][] {
  return [[hostCell(cell, convert)]];
}

/** Replaces the `CoreError`s of a grid, in place, with what `convert` makes of them. */
export function convertErrors(grid: Grid, convert: ErrorConverter): unknown[][] {
  const out = grid as unknown[][];
  for (let r = 0; r < out.length; r++) {
    const row = out[r];
    for (let c = 0; c < row.length; c++) {
      const cell = row[c];
      if (cell instanceof CoreError) row[c] = convert(cell);
    }
  }
  return out;
}

/**
 * Calls a SMALLCAP function for a host whose error cells are not `CoreError`s. For a function
 * built by this adapter, the errors are converted where they are written; for any other (a
 * one-value or one-column function such as INDEXPE or RELPERF), one pass over its result.
 */
export function callConverting(fn: (...args: unknown[]) => Grid, args: readonly unknown[], convert: ErrorConverter): unknown[][] {
  const run = runners.get(fn);
  return run !== undefined ? run(args, convert) : convertErrors(fn(...args), convert);
}

/**
 * Element by element, handing `fn` the raw cells rather than numbers: for functions whose
 * reading of a cell is itself the calculation (a screen that treats a blank as "unknown",
 * not as an error). An argument with a default is the exception: `fn` gets it read, as a
 * number or the error that stands for its cell, the default where it is blank or omitted.
 * Shapes and broadcasting as `elementwise`.
 */
export function elementwiseCells(specs: readonly ArgSpec[], fn: (cells: unknown[]) => Scalar): (...args: unknown[]) => Grid {
  return adapterFunction((args, convert) => {
    const shape = broadcast(specs, args);
    if (shape instanceof CoreError) return singleFor(shape, convert);
    const { grids, fixed, rows, cols } = shape;
    const out: unknown[][] = new Array(rows);
    for (let r = 0; r < rows; r++) {
      const line: unknown[] = new Array(cols);
      for (let c = 0; c < cols; c++) {
        const cells = grids.map((grid, i) => {
          const value = grid === null ? fixed[i] : grid[r][c];
          return specs[i].default === undefined ? value : readArg(value, specs[i]);
        });
        line[c] = hostCell(finite(fn(cells)), convert);
      }
      out[r] = line;
    }
    return out;
  });
}

/**
 * The one allocation site of result rows that hold only numbers, so they stay unboxed double
 * arrays (docs/PERFORMANCE.md, "How the adapter stays fast in V8": allocation sites).
 */
function numberLine(cols: number): number[] {
  return new Array(cols);
}

/**
 * A row of numbers (read at every column but the noted ones) and noted cells, as one new
 * array: the allocation site of every row that holds a non-number (docs/PERFORMANCE.md).
 */
function mixedRow(values: number[], at: Int32Array, cells: Scalar[], count: number, convert: ErrorConverter | null): unknown[] {
  const cols = values.length;
  const line: unknown[] = new Array(cols);
  let k = 0;
  let next = at[0];
  for (let c = 0; c < cols; c++) {
    if (c !== next) {
      line[c] = values[c];
      continue;
    }
    line[c] = hostCell(cells[k], convert);
    k++;
    next = k < count ? at[k] : cols;
  }
  return line;
}

/**
 * A function's numeric fast path over one row, for `elementwise`: `lines` holds the row of
 * each argument (a single value as a row of that value), and for every column `c`, `out[c]`
 * must be a finite number only where the cells `lines[0][c]`, `lines[1][c]`, ... are all
 * finite numbers (`isFiniteNumber`) and `fn` returns that finite number for them; anything
 * not finite (NaN) elsewhere. The adapter keeps a finite `out[c]` without looking at the
 * cells again and works out every other element by the full rules. It must not write other
 * columns or keep `out`. Why a row and not a cell: docs/PERFORMANCE.md, "How the adapter stays
 * fast in V8".
 */
export type NumericRow = (out: number[], lines: readonly unknown[][]) => void;

/**
 * A cell a `NumericRow` may compute with. Use it as a condition (`if`), not in
 * `check ? cell : NaN`: a conditional whose arms TurboFan cannot prove to be both doubles
 * makes it box the number read.
 */
export function isFiniteNumber(cell: unknown): cell is number {
  return typeof cell === "number" && cell - cell === 0;
}

/**
 * Element by element: every argument is a single value or a range; ranges must share one
 * shape and the result takes it. Single values are read once and paired with every element.
 * The error of an element is its arguments' first error, in argument order, then `fn`'s
 * result; a result that is not finite is `#NUM!`. `numericRow`, when given, is `fn`'s
 * numeric fast path over a row (see `NumericRow`); `fn` then only sees the elements it
 * leaves out.
 */
export function elementwise(specs: readonly ArgSpec[], fn: (...xs: number[]) => Scalar, numericRow?: NumericRow): (...args: unknown[]) => Grid {
  const arity = specs.length;
  /** One element whose cells are not all finite numbers, or of a call with more than five arguments. */
  const slowCell = (lines: readonly unknown[][], c: number): Scalar => {
    const xs: number[] = new Array(arity);
    for (let i = 0; i < arity; i++) {
      const x = readArg(lines[i][c], specs[i]);
      if (typeof x !== "number") return x;
      xs[i] = x;
    }
    return finite(fn(...xs));
  };
  return adapterFunction((args, convert) => {
    const shape = broadcast(specs, args);
    if (shape instanceof CoreError) return singleFor(shape, convert);
    const { grids, rows, cols } = shape;
    // A single value, read once, is a row of that value paired with every row.
    const same: unknown[][] = shape.fixed.map((value, i) =>
      grids[i] !== null ? [] : new Array(cols).fill(omitted(value, specs[i]) ? (specs[i].default as number) : readArg(value, specs[i])),
    );
    return elementRows(grids, same, rows, cols, fn, numericRow ?? null, slowCell, convert);
  });
}

/**
 * `elementwise`'s loop: one for one to five arguments (every SMALLCAP function), row by row.
 *
 * Where the function has a `numericRow`, that fills the row first, and an element with a
 * finite result there is done. Otherwise the loop holds the row of each argument in a local
 * of its own (a single value is a row of that value; an unused slot repeats the first
 * argument's row), takes an element whose cells are all finite numbers straight to `fn`, and
 * any other element to `slowCell`, which reads each cell by the shared rules. Each cell stays
 * in its own `const`. More than five arguments take `slowCell` for every element.
 *
 * A row is computed into `values`, a `numberLine` that only ever holds numbers, with the
 * cells that are not finite numbers noted aside (column in `at`, cell in `cells`, in column
 * order). A row of numbers only is then handed out as it is, and the next row gets a fresh
 * `numberLine`; a row with a non-number is copied once by `mixedRow`, and `values` is reused.
 *
 * Why it is written so (the locals, a top-level function with no state object): docs/PERFORMANCE.md,
 * "How the adapter stays fast in V8".
 */
function elementRows(
  grids: readonly (unknown[][] | null)[],
  same: readonly unknown[][],
  rows: number,
  cols: number,
  fn: (...xs: number[]) => Scalar,
  numericRow: NumericRow | null,
  slowCell: (lines: readonly unknown[][], c: number) => Scalar,
  convert: ErrorConverter | null,
): unknown[][] {
  const arity = grids.length;
  const fast = arity <= 5;
  const lines: unknown[][] = new Array(arity);
  const out: unknown[][] = new Array(rows);
  let values = numberLine(cols);
  const at = new Int32Array(cols);
  const cells: Scalar[] = new Array<Scalar>(cols).fill(0);
  for (let r = 0; r < rows; r++) {
    for (let i = 0; i < arity; i++) {
      const grid = grids[i];
      lines[i] = grid === null ? same[i] : grid[r];
    }
    const l0 = lines[0];
    const l1 = arity > 1 ? lines[1] : l0;
    const l2 = arity > 2 ? lines[2] : l0;
    const l3 = arity > 3 ? lines[3] : l0;
    const l4 = arity > 4 ? lines[4] : l0;
    if (numericRow !== null) numericRow(values, lines);
    let count = 0;
    for (let c = 0; c < cols; c++) {
      if (numericRow !== null) {
        const x = values[c];
        if (x - x === 0) continue;
      }
      const a = l0[c];
      const b = l1[c];
      const d = l2[c];
      const e = l3[c];
      const f = l4[c];
      let result: Scalar;
      if (
        fast &&
        typeof a === "number" && typeof b === "number" && typeof d === "number" && typeof e === "number" && typeof f === "number" &&
        a - a === 0 && b - b === 0 && d - d === 0 && e - e === 0 && f - f === 0
      ) {
        switch (arity) {
          case 1: result = fn(a); break;
          case 2: result = fn(a, b); break;
          case 3: result = fn(a, b, d); break;
          case 4: result = fn(a, b, d, e); break;
          default: result = fn(a, b, d, e, f);
        }
      } else result = slowCell(lines, c);
      if (typeof result === "number" && result - result === 0) values[c] = result;
      else {
        at[count] = c;
        cells[count] = finite(result);
        count++;
      }
    }
    if (count === 0) {
      out[r] = values;
      values = numberLine(cols);
    } else out[r] = mixedRow(values, at, cells, count, convert);
  }
  return out;
}

/**
 * Row by row: `series` arguments are ranges with one row per company and one column per
 * period or bucket (a single value pairs with every cell, a single row with every row);
 * `perRow` arguments are a single value or a column with one value per company. The
 * result is one column, one row per company.
 *
 * `fn` gets the same scratch arrays for every row, refilled: it must read them and keep
 * nothing (no allocation per company). A per-row argument given as one value (or omitted)
 * is read once, before the loop.
 */
export function rowwise(
  series: readonly ArgSpec[],
  perRow: readonly ArgSpec[],
  fn: (rows: NumberOrError[][], scalars: (NumberOrError | undefined)[]) => Scalar,
): (...args: unknown[]) => Grid {
  return adapterFunction((args, convert) => {
    const seriesGrids: unknown[][][] = [];
    let rows = 1;
    let cols = 1;
    for (let i = 0; i < series.length; i++) {
      const grid = asGrid(args[i], series[i].name);
      if (grid instanceof CoreError) return singleFor(grid, convert);
      seriesGrids.push(grid);
    }
    for (const grid of seriesGrids) {
      if (grid.length > 1) {
        if (rows > 1 && grid.length !== rows) return singleFor(SHAPE_MISMATCH, convert);
        rows = grid.length;
      }
      if (grid[0].length > 1) {
        if (cols > 1 && grid[0].length !== cols) return singleFor(SHAPE_MISMATCH, convert);
        cols = grid[0].length;
      }
    }
    // The scalars, refilled for every row: a per-row argument given as one value (or
    // omitted) is read here once; one given as a column is read row by row.
    const scalars: (NumberOrError | undefined)[] = new Array(perRow.length).fill(undefined);
    const columns: (unknown[][] | null)[] = new Array(perRow.length).fill(null);
    for (let j = 0; j < perRow.length; j++) {
      const spec = perRow[j];
      const value = args[series.length + j];
      if (omitted(value, spec)) {
        scalars[j] = readPerRow(null, spec, false);
        continue;
      }
      const grid = asGrid(value, spec.name);
      if (grid instanceof CoreError) return singleFor(grid, convert);
      if (grid[0].length !== 1 || (grid.length !== 1 && grid.length !== rows)) {
        return singleFor(coreError("VALUE", `${spec.name} must be a single value or one value per row`), convert);
      }
      if (grid.length === 1) scalars[j] = readPerRow(grid[0][0], spec, true);
      else columns[j] = grid;
    }
    return companyRows(seriesGrids, series, columns, perRow, scalars, rows, cols, fn, convert);
  });
}

/** A per-row argument's value, or `undefined` for an optional one left blank. */
function readPerRow(value: unknown, spec: ArgSpec, given: boolean): NumberOrError | undefined {
  if (spec.optional === true && isBlank(value)) return undefined;
  if (!given) return spec.default as number;
  return readArg(value, spec);
}

/**
 * `rowwise`'s loop, a top-level function so that its optimised code is kept between calls
 * (see `elementRows`). Each company's series are read into one scratch array per series,
 * reused for every row (numbers only, unless a cell is unreadable: then its error).
 */
function companyRows(
  seriesGrids: readonly unknown[][][],
  series: readonly ArgSpec[],
  columns: readonly (unknown[][] | null)[],
  perRow: readonly ArgSpec[],
  scalars: (NumberOrError | undefined)[],
  rows: number,
  cols: number,
  fn: (rows: NumberOrError[][], scalars: (NumberOrError | undefined)[]) => Scalar,
  convert: ErrorConverter | null,
): unknown[][] {
  // Filled with NaN, not 0: a double array from the start (docs/PERFORMANCE.md).
  const rowValues: NumberOrError[][] = seriesGrids.map(() => new Array<NumberOrError>(cols).fill(NaN));
  const out: unknown[][] = new Array(rows);
  for (let r = 0; r < rows; r++) {
    for (let i = 0; i < seriesGrids.length; i++) {
      const grid = seriesGrids[i];
      const line = grid.length === 1 ? grid[0] : grid[r];
      const values = rowValues[i];
      if (line.length === 1) {
        const v = line[0];
        const x = typeof v === "number" && v - v === 0 ? v : readNumber(v, series[i].name);
        for (let c = 0; c < cols; c++) values[c] = x;
      } else {
        for (let c = 0; c < cols; c++) {
          // Two stores, not one of `cond ? v : readNumber(...)`: a value that may be an error
          // object is tagged, and TurboFan would box every number read into it.
          const v = line[c];
          if (typeof v === "number" && v - v === 0) values[c] = v;
          else values[c] = readNumber(v, series[i].name);
        }
      }
    }
    for (let j = 0; j < columns.length; j++) {
      const column = columns[j];
      if (column !== null) scalars[j] = readPerRow(column[r][0], perRow[j], true);
    }
    out[r] = [hostCell(finite(fn(rowValues, scalars)), convert)];
  }
  return out;
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
