/**
 * Fuzzing every SMALLCAP function (docs/CONVENTIONS.md, "Errors are Excel errors ... a function never
 * throws to Excel and one bad row never blanks the others").
 *
 * For each function in SMALLCAP_FUNCTIONS: FUZZ_RUNS (default 10,000) generated argument lists
 * (see support/arbitraries.ts: mixed numbers, blanks, text, accounting text, booleans, huge and
 * tiny magnitudes, NaN, +-Infinity, -0, errors in both hosts' shapes, exceljs cell objects,
 * mismatched shapes, ragged and empty arrays, too few and too many arguments), then one
 * dedicated 1 x 100,000 range. Every call must return, never throw, a non-empty rectangular grid
 * whose every element is a finite number, a boolean, a string or a CoreError; element-wise
 * functions must spill with the shape of their ranges (or give one #VALUE! when the shapes
 * disagree), row-wise ones one column.
 *
 * Counts are printed per function. A failure is re-run through fast-check to shrink it, and
 * the shrunk counterexample is printed; it then belongs in regressions.test.ts.
 */
import fc from "fast-check";
import { CoreError } from "../../src/core/errors";
import { CATALOGUE, FunctionDef, call, catalogueProblems } from "./support/catalogue";
import { callArguments, plausibleArguments, wideRange } from "./support/arbitraries";
import { gridProblem, preview } from "./support/outputs";
import { figure, report } from "../helpers/report";

const RUNS = Number(process.env.FUZZ_RUNS ?? 10_000);
const SEED = Number(process.env.FUZZ_SEED ?? 20_240_611);
const WIDE = 100_000;

type Shape = readonly [number, number];

/** The shape the adapter reads an argument as; null for an empty or ragged array (an error). */
function shapeOf(arg: unknown): Shape | null {
  if (!Array.isArray(arg)) return [1, 1];
  if (arg.length === 0) return null;
  if (!Array.isArray(arg[0])) return [1, arg.length];
  const width = (arg[0] as unknown[]).length;
  if (width === 0) return null;
  for (const row of arg) if (!Array.isArray(row) || row.length !== width) return null;
  return [arg.length, width];
}

const isOneByOne = (grid: unknown[][]): boolean => grid.length === 1 && grid[0].length === 1;

/** Shape rules the contract (docs/CONVENTIONS.md) states, checked against what the function returned. */
function shapeProblem(def: FunctionDef, args: readonly unknown[], result: unknown[][]): string | undefined {
  const rows = result.length;
  const cols = result[0].length;
  const roles = new Set(def.args.map((a) => a.role));
  if (roles.has("cell")) {
    // Element-wise: a single value pairs with every element; ranges must share one shape.
    const shapes: Shape[] = [];
    let invalid = false;
    def.args.forEach((spec, i) => {
      const arg = args[i];
      if (spec.optional === true && (arg === null || arg === undefined)) return;
      const shape = shapeOf(arg);
      if (shape === null) invalid = true;
      else if (!(shape[0] === 1 && shape[1] === 1)) shapes.push(shape);
    });
    const agree = shapes.every((s) => s[0] === shapes[0][0] && s[1] === shapes[0][1]);
    if (invalid || !agree) {
      if (!isOneByOne(result) || !(result[0][0] instanceof CoreError) || result[0][0].code !== "VALUE") {
        return `bad shapes ${preview(args.map(shapeOf))} should give one #VALUE!, got ${rows}x${cols}`;
      }
      return undefined;
    }
    const expected: Shape = shapes.length === 0 ? [1, 1] : shapes[0];
    if (rows !== expected[0] || cols !== expected[1]) return `expected a ${expected[0]}x${expected[1]} spill, got ${rows}x${cols}`;
    return undefined;
  }
  // SCREEN spills as wide as its columns and as tall as its passing companies: any rectangle (checked by gridProblem).
  if (roles.has("table")) return undefined;
  if (roles.has("shocks")) {
    const shape = shapeOf(args[def.args.findIndex((a) => a.role === "shocks")]);
    if (isOneByOne(result) || (shape !== null && shape[0] === rows && shape[1] === cols)) return undefined;
    return `expected one value or the shape of shocks_bps ${preview(shape)}, got ${rows}x${cols}`;
  }
  if (def.fn === "INDEXPE" && !isOneByOne(result)) return `INDEXPE must give one value, got ${rows}x${cols}`;
  if (cols !== 1) return `expected one column, got ${rows}x${cols}`;
  return undefined;
}

/** Is `a` the same result cell as `b` (errors are interned, so identity; numbers by Object.is)? */
function sameCell(a: unknown, b: unknown): boolean {
  return Object.is(a, b);
}

const isPlainCell = (v: unknown): boolean => !Array.isArray(v);

/**
 * Element-wise consistency: each element of a spilled result equals the call on that element's
 * own values (a single value pairs with every element). Row-wise: each company's row equals the
 * call on that row alone. RELPERF: each result equals the two-row call on its own prices.
 * Returns a description of the first disagreement, or undefined (also when not applicable).
 */
function consistencyProblem(def: FunctionDef, args: readonly unknown[], result: unknown[][]): string | undefined {
  const roles = new Set(def.args.map((a) => a.role));
  const shapes = def.args.map((_, i) => shapeOf(args[i]));
  if (shapes.some((s) => s === null)) return undefined;
  if (roles.has("cell")) {
    if (isOneByOne(result)) return undefined;
    for (let r = 0; r < result.length; r++) {
      for (let c = 0; c < result[0].length; c++) {
        const scalars = def.args.map((_, i) => {
          const arg = args[i];
          const shape = shapes[i] as Shape;
          if (!Array.isArray(arg) || (shape[0] === 1 && shape[1] === 1)) return arg;
          return shape[0] === 1 && !Array.isArray(arg[0]) ? (arg as unknown[])[c] : (arg as unknown[][])[r][c];
        });
        if (!scalars.every(isPlainCell)) continue;
        const alone = call(def.fn, scalars)[0][0];
        if (!sameCell(alone, result[r][c])) {
          return `element [${r}][${c}] is ${preview(result[r][c])} but the same values alone give ${preview(alone)}`;
        }
      }
    }
    return undefined;
  }
  if (roles.has("series")) {
    if (result.length < 2) return undefined;
    for (let r = 0; r < result.length; r++) {
      const rowArgs = def.args.map((spec, i) => {
        const arg = args[i];
        const shape = shapes[i] as Shape;
        if (!Array.isArray(arg) || shape[0] === 1) return arg;
        if (spec.role === "series") return [(arg as unknown[][])[r]];
        return [[(arg as unknown[][])[r][0]]];
      });
      const alone = call(def.fn, rowArgs);
      if (alone.length !== 1 || !sameCell(alone[0][0], result[r][0])) {
        return `company row ${r} is ${preview(result[r][0])} but that row alone gives ${preview(alone)}`;
      }
    }
    return undefined;
  }
  if (roles.has("shocks")) {
    // Each shock's share equals the call on that shock alone.
    if (isOneByOne(result)) return undefined;
    const at = def.args.findIndex((a) => a.role === "shocks");
    // The shocks as the adapter reads them (a flat list is one row), then in order.
    const raw = args[at];
    const shocks = (Array.isArray(raw) ? (Array.isArray(raw[0]) ? (raw as unknown[][]) : [raw]) : [[raw]]).flat();
    for (let k = 0; k < shocks.length; k++) {
      if (!isPlainCell(shocks[k])) continue;
      const alone = call(def.fn, args.map((a, i) => (i === at ? shocks[k] : a)))[0][0];
      const cell = result[0].length === 1 ? result[k][0] : result[0][k];
      if (!sameCell(alone, cell)) return `shock ${k} gives ${preview(cell)} but alone ${preview(alone)}`;
    }
    return undefined;
  }
  if (def.fn === "RELPERF") {
    const window = args[2] === null || args[2] === undefined ? 20 : args[2];
    if (typeof window !== "number" || !Number.isInteger(window) || window < 1) return undefined;
    const column = (arg: unknown): unknown[] | undefined =>
      Array.isArray(arg) && Array.isArray(arg[0]) && (arg[0] as unknown[]).length === 1 ? (arg as unknown[][]).map((row) => row[0]) : undefined;
    const small = column(args[0]);
    const large = column(args[1]);
    if (small === undefined || large === undefined || small.length !== large.length || small.length !== result.length) return undefined;
    for (let t = window; t < small.length; t++) {
      const alone = call("RELPERF", [[[small[t - window]], [small[t]]], [[large[t - window]], [large[t]]], 1]);
      if (!sameCell(alone[1][0], result[t][0])) return `row ${t} is ${preview(result[t][0])} but its two prices alone give ${preview(alone[1][0])}`;
    }
  }
  return undefined;
}

/** Undefined when the call returns a well-formed result; otherwise what went wrong. */
function callProblem(def: FunctionDef, args: readonly unknown[]): { kind: "throw" | "malformed" | "inconsistent"; detail: string } | undefined {
  let result: unknown;
  try {
    result = call(def.fn, args);
  } catch (error) {
    return { kind: "throw", detail: error instanceof Error ? `${error.name}: ${error.message}` : String(error) };
  }
  const problem = gridProblem(result) ?? shapeProblem(def, args, result as unknown[][]);
  if (problem !== undefined) return { kind: "malformed", detail: problem };
  const inconsistent = consistencyProblem(def, args, result as unknown[][]);
  return inconsistent === undefined ? undefined : { kind: "inconsistent", detail: inconsistent };
}

/** Totals over every function, for the one line after the run. */
const totals = { functions: 0, inputs: 0, problems: 0 };

afterAll(() => {
  figure(
    `fuzz functions: ${totals.functions} functions x ${RUNS} inputs (FUZZ_RUNS), seed ${SEED} (FUZZ_SEED): ${totals.problems} throws, malformed outputs or inconsistencies`,
  );
});

test("the catalogue lists exactly the functions in SMALLCAP_FUNCTIONS", () => {
  expect(catalogueProblems()).toEqual([]);
});

describe.each(CATALOGUE.map((def, index) => ({ def, index, fn: def.fn })))("fuzz SMALLCAP.$fn", ({ def, index }) => {
  test(`${RUNS} generated inputs: no throw, every element a finite number, boolean, string or error`, () => {
    // Half wild (any value, any shape, any number of arguments), half plausible (the arithmetic).
    const arbitrary = fc.oneof(callArguments(def.args.length), plausibleArguments(def.args));
    const seed = SEED + index;
    const inputs = fc.sample(arbitrary, { numRuns: RUNS, seed });
    let throws = 0;
    let malformed = 0;
    let inconsistent = 0;
    let errors = 0;
    let values = 0;
    const examples: string[] = [];
    for (const args of inputs) {
      const problem = callProblem(def, args);
      if (problem === undefined) {
        const result = call(def.fn, args);
        for (const row of result) {
          for (const v of row) {
            if (v instanceof CoreError) errors++;
            else values++;
          }
        }
        continue;
      }
      if (problem.kind === "throw") throws++;
      else if (problem.kind === "malformed") malformed++;
      else inconsistent++;
      if (examples.length < 3) examples.push(`${problem.kind}: ${problem.detail}\n  args ${preview(args)}`);
    }
    totals.functions++;
    totals.inputs += inputs.length;
    totals.problems += throws + malformed + inconsistent;
    report(
      `fuzz ${def.fn}: ${inputs.length} inputs, ${throws} throws, ${malformed} malformed outputs, ` +
        `${inconsistent} element/row inconsistencies (${values} value cells, ${errors} error cells)`,
    );
    let shrunk = "";
    if (throws + malformed + inconsistent > 0) {
      const details = fc.check(
        fc.property(arbitrary, (args) => callProblem(def, args) === undefined),
        { numRuns: RUNS, seed },
      );
      if (details.failed && details.counterexample !== null) {
        const [args] = details.counterexample;
        shrunk = `shrunk counterexample: SMALLCAP.${def.fn}(${preview(args, 1000)}) -> ${preview(callProblem(def, args))}`;
        report(`fuzz ${def.fn}: ${shrunk}`);
      }
    }
    expect({ throws, malformed, inconsistent, examples, shrunk }).toEqual({ throws: 0, malformed: 0, inconsistent: 0, examples: [], shrunk: "" });
    expect(inputs).toHaveLength(RUNS);
  });

  test(`a 1 x ${WIDE.toLocaleString("en-US")} range in every range argument`, () => {
    const args = def.args.map((spec, i) => {
      switch (spec.role) {
        case "cell":
        case "series":
        case "paired":
        case "prices":
        case "table":
          return wideRange(WIDE, i);
        case "window":
          return 20;
        default:
          // Optional per-row arguments left out: ZOMBIE then considers all 100,000 periods.
          return spec.optional === true ? null : def.valid[i];
      }
    });
    const started = process.hrtime.bigint();
    let result: unknown[][] | undefined;
    let thrown: unknown;
    try {
      result = call(def.fn, args);
    } catch (error) {
      thrown = error;
    }
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    const problem = thrown !== undefined ? `threw ${String(thrown)}` : (gridProblem(result) ?? shapeProblem(def, args, result as unknown[][]));
    const grid = result ?? [[]];
    let errors = 0;
    for (const row of grid) for (const v of row) if (v instanceof CoreError) errors++;
    report(
      `wide ${def.fn}: 1 x ${WIDE} input -> ${grid.length} x ${grid[0]?.length ?? 0} result in ${ms.toFixed(0)} ms, ` +
        `${thrown === undefined ? 0 : 1} throws, ${problem === undefined ? 0 : 1} malformed, ${errors} error cells`,
    );
    expect(problem).toBeUndefined();
    const roles = new Set(def.args.map((a) => a.role));
    if (roles.has("cell")) expect([grid.length, grid[0].length]).toEqual([1, WIDE]);
    else if (def.fn === "RELPERF") expect([grid.length, grid[0].length]).toEqual([WIDE, 1]);
    else expect([grid.length, grid[0].length]).toEqual([1, 1]);
  });
});
