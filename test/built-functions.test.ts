/**
 * The BUILT custom functions, loaded the way Excel loads them: dist/functions.js runs in a
 * fresh `vm` context whose only globals are what Office's custom-functions runtime provides
 * (`CustomFunctions.associate`, `CustomFunctions.Error`, `CustomFunctions.ErrorCode`, and an
 * `Office` stub). This catches what unit tests of the sources cannot: a function the
 * metadata declares but the bundle never associates (Excel shows #NAME?), an id associated
 * twice, arguments in the wrong order, errors that do not reach Excel as Excel errors.
 *
 * Arguments are passed as Excel passes them to `any[][]` parameters: every value is a
 * matrix (`[[10]]` for one cell), an omitted optional argument is `null`.
 * @see https://learn.microsoft.com/office/dev/add-ins/excel/custom-functions-parameter-options
 * @see https://learn.microsoft.com/office/dev/add-ins/excel/custom-functions-errors
 */
import * as fs from "fs";
import { ErrorCode, ExcelError } from "./helpers/custom-functions";
import { ENTITY_CARD, ENTITY_GUIDANCE, LINKED_ENTITY_CARD, dataTypesOf, errorValue } from "./helpers/data-types";
import * as path from "path";
import * as vm from "vm";
import { REGISTRY } from "../src/functions/registry";

const ROOT = path.join(__dirname, "..");
const BUNDLE_PATH = path.join(ROOT, "dist", "functions.js");
const METADATA_PATH = path.join(ROOT, "dist", "functions.json");
const EXAMPLES_PATH = path.join(ROOT, "docs", "function-examples.json");


type ExcelFunction = (...args: unknown[]) => unknown;

interface LoadedBundle {
  /** Every associate call, in order. */
  associations: [string, ExcelFunction][];
  functions: Map<string, ExcelFunction>;
}

interface Metadata {
  allowErrorForDataTypeAny?: unknown;
  allowCustomDataForDataTypeAny?: unknown;
  functions: { id: string; parameters: { name: string; optional?: boolean; type?: string; dimensionality?: string }[] }[];
}

type Value = number | string | boolean | null;
type Arg = Value | Value[][];
interface Examples {
  functions: Record<string, { examples: { formula: string; args: Arg[]; result: Value | Value[][] }[] }>;
}

function requireBuilt(file: string): string {
  if (!fs.existsSync(file)) {
    throw new Error(`${path.relative(ROOT, file)} is missing: run npm run build first (npm test builds before jest)`);
  }
  return fs.readFileSync(file, "utf8");
}

/** Runs dist/functions.js as the custom-functions runtime would, recording associations. */
function loadBundle(): LoadedBundle {
  const code = requireBuilt(BUNDLE_PATH);
  const associations: [string, ExcelFunction][] = [];
  const CustomFunctions = {
    // Both forms of the API: associate(id, fn) and associate({ id: fn, ... }).
    associate(idOrMap: string | Record<string, ExcelFunction>, fn?: ExcelFunction): void {
      if (typeof idOrMap === "string") {
        associations.push([idOrMap, fn as ExcelFunction]);
      } else {
        for (const [id, f] of Object.entries(idOrMap)) associations.push([id, f]);
      }
    },
    Error: ExcelError,
    ErrorCode,
  };
  const Office = { onReady: () => Promise.resolve({}), actions: { associate(): void {} } };
  const sandbox: Record<string, unknown> = { CustomFunctions, Office, console };
  sandbox.window = sandbox;
  sandbox.self = sandbox;
  vm.createContext(sandbox);
  vm.runInContext(code, sandbox, { filename: BUNDLE_PATH });
  const functions = new Map<string, ExcelFunction>();
  for (const [id, fn] of associations) if (!functions.has(id)) functions.set(id, fn);
  return { associations, functions };
}

const metadata = JSON.parse(requireBuilt(METADATA_PATH)) as Metadata;
const bundle = loadBundle();

/** Calls a registered function as Excel does. */
function call(id: string, ...args: unknown[]): unknown[][] {
  const fn = bundle.functions.get(id);
  if (fn === undefined) throw new Error(`${id} was not associated by dist/functions.js`);
  const result = fn(...args);
  if (!Array.isArray(result) || !result.every((row) => Array.isArray(row))) {
    throw new Error(`${id} returned ${JSON.stringify(result)}, not a matrix`);
  }
  return result as unknown[][];
}

/** A result as Excel shows it: each error as its code (`#DIV/0!`). */
function shown(grid: unknown[][]): unknown[][] {
  return grid.map((row) =>
    row.map((cell) => {
      if (cell instanceof ExcelError) return cell.code;
      if (typeof cell === "object" && cell !== null) throw new Error(`a result cell is an object that is not a CustomFunctions.Error: ${JSON.stringify(cell)}`);
      return cell;
    }),
  );
}

/** The one cell of a 1 x 1 result. */
function only(grid: unknown[][]): unknown {
  expect(grid.length).toBe(1);
  expect(grid[0].length).toBe(1);
  return grid[0][0];
}

function expectError(cell: unknown, code: string, messagePart?: string): void {
  expect(cell).toBeInstanceOf(ExcelError);
  const error = cell as ExcelError;
  expect(error.code).toBe(code);
  if (messagePart !== undefined) expect(error.message).toContain(messagePart);
}

function expectNumber(cell: unknown, expected: number): void {
  expect(typeof cell).toBe("number");
  expect(cell as number).toBeCloseTo(expected, 10);
}

/** An example's argument as Excel hands it over: one cell as [[v]]; an omitted optional as null. */
function asExcelArg(arg: Arg): unknown {
  if (arg === null) return null;
  return Array.isArray(arg) ? arg : [[arg]];
}

describe("dist/functions.js registers exactly the functions in dist/functions.json", () => {
  const declared = metadata.functions.map((fn) => fn.id);

  it("associates every declared id exactly once, and nothing else", () => {
    const associated = bundle.associations.map(([id]) => id);
    expect([...associated].sort()).toEqual([...declared].sort());
    expect(new Set(associated).size).toBe(associated.length);
  });

  it.each(metadata.functions.map((fn) => [fn.id, fn.parameters.length] as const))(
    "%s is a function taking its %d declared parameters",
    (id, arity) => {
      const fn = bundle.functions.get(id);
      expect(typeof fn).toBe("function");
      expect((fn as ExcelFunction).length).toBe(arity);
    },
  );
});

/** The functions with a test of their own below; a new function adds its test and its id here. */
const HAND_TESTED = ["ICR", "ZOMBIE", "SHOCKICR", "DOL", "RELPE", "REVERSION", "DAYSTOCOVER", "INDEXPE", "RELPERF", "SIFLOAT", "RATING", "SPREAD", "MATURITYWALL", "WAM", "QUALITY", "SCREEN", "SHOCKSWEEP"];

describe("calling the built functions with Excel's arguments", () => {
  it("ICR: values, spills, and Excel errors element by element", () => {
    expect(call("ICR", [[10]], [[-4]])).toEqual([[2.5]]);
    expectError(only(call("ICR", [[10]], [[0]])), "#DIV/0!");
    // Excel shows custom messages only for #VALUE! and #N/A; the others carry none.
    expect((only(call("ICR", [[10]], [[0]])) as ExcelError).message).toBeUndefined();
    expectError(only(call("ICR", [["abc"]], [[4]])), "#VALUE!", "ebit");
    expectError(only(call("ICR", [[10]], [[true]])), "#VALUE!", "interest_expense");
    expectError(only(call("ICR", [[10]], [[null]])), "#N/A", "missing interest_expense");
    expectError(only(call("ICR", [[10]], [[""]])), "#N/A", "missing interest_expense");
    // #REF! and #NAME? are input-only errors in Excel: they come back as #VALUE! naming them.
    expectError(only(call("ICR", [[new ExcelError("#REF!")]], [[4]])), "#VALUE!", "an input is #REF!");
    expectError(only(call("ICR", [[10]], [[new ExcelError("#NAME?")]])), "#VALUE!", "an input is #NAME?");
    expectError(only(call("ICR", [[1, 2]], [[1], [2]])), "#VALUE!", "ranges must have the same shape");
    expect(call("ICR", [["(250)"]], [["1,000"]])).toEqual([[-0.25]]);

    const spill = call("ICR", [[120], [-15], [40]], [[30], [10], [0]]);
    expect(spill.length).toBe(3);
    expect(shown(spill)).toEqual([[4], [-1.5], ["#DIV/0!"]]);
    // A single value pairs with every element of a range.
    expect(call("ICR", [[100, 50, 20]], [[10]])).toEqual([[10, 5, 2]]);
  });

  it("ZOMBIE: one row per company, optional years and threshold", () => {
    expect(call("ZOMBIE", [[5, 4, 3], [12, 9, 10]], [[10, 8, 6], [4, 4, 4]], null, null)).toEqual([[true], [false]]);
    expect(call("ZOMBIE", [[15, 4, 3]], [[10, 8, 6]], [[2]], null)).toEqual([[true]]);
    expect(call("ZOMBIE", [[12, 12]], [[10, 10]], null, [[1.5]])).toEqual([[true]]);
    expectError(only(call("ZOMBIE", [[5, 4, 3]], [[10, 8, 6]], [[4]], null)), "#NUM!");
    const rows = call("ZOMBIE", [[5, null], [5, 5]], [[10, 10], [10, 10]], null, null);
    expectError(rows[0][0], "#N/A", "missing ebit");
    expect(rows[1][0]).toBe(true);
  });

  it("SHOCKICR: pro-forma coverage after a rate shock", () => {
    expect(call("SHOCKICR", [[30]], [[10]], [[250]], [[0.4]], [[500]])).toEqual([[2]]);
    expectNumber(only(call("SHOCKICR", [[24]], [[-8]], [[100]], [["50%"]], [[200]])), 24 / 9);
    expectError(only(call("SHOCKICR", [[30]], [[10]], [[250]], [[1.2]], [[500]])), "#NUM!");
    expectError(only(call("SHOCKICR", [[5]], [[1]], [[100]], [[1]], [[-200]])), "#DIV/0!");
  });

  it("DOL: the seed's 2% revenue beat with EBIT up 17.5% is 8.75", () => {
    expectNumber(only(call("DOL", [[100]], [[117.5]], [[1000]], [[1020]])), 8.75);
    expectError(only(call("DOL", [[100]], [[110]], [[1000]], [[1000]])), "#DIV/0!");
    expectError(only(call("DOL", [[0]], [[110]], [[1000]], [[1100]])), "#DIV/0!");
  });

  it("RELPE: premium or discount of one forward P/E over another", () => {
    const result = call("RELPE", [[14.4], [-5]], [[18]]);
    expect(result.length).toBe(2);
    expectNumber(result[0][0], -0.2);
    expectError(result[1][0], "#NUM!");
  });

  it("REVERSION: a -20% discount reverting to +12% implies +40%", () => {
    expectNumber(only(call("REVERSION", [[-0.2]], null)), 0.4);
    expectNumber(only(call("REVERSION", [[-0.2]], [[0]])), 0.25);
    expectError(only(call("REVERSION", [[-1]], null)), "#NUM!");
  });

  it("DAYSTOCOVER: short interest over volume", () => {
    expect(call("DAYSTOCOVER", [["1,250,000"]], [[400000]])).toEqual([[3.125]]);
    expectError(only(call("DAYSTOCOVER", [[1000]], [[0]])), "#DIV/0!");
    expectError(only(call("DAYSTOCOVER", [[-1]], [[1000]])), "#NUM!");
  });

  it("INDEXPE: one aggregate value, with and without the unprofitable tail", () => {
    expect(call("INDEXPE", [[500], [300], [200]], [[25], [20], [-5]], null)).toEqual([[25]]);
    expectNumber(only(call("INDEXPE", [[500], [300], [200]], [[25], [20], [-5]], [[true]])), 800 / 45);
    // A row with a blank is skipped, not zero.
    expect(call("INDEXPE", [[500], [300], [200]], [[25], [null], [15]], null)).toEqual([[700 / 40]]);
    expectError(only(call("INDEXPE", [[500], [300]], [[25], ["n/a"]], null)), "#VALUE!", "earnings");
    expectError(only(call("INDEXPE", [[500], [300]], [[10], [-15]], null)), "#NUM!");
  });

  it("RELPERF: one column as tall as the inputs, warm-up rows #N/A", () => {
    const result = call("RELPERF", [[100], [110], [99]], [[50], [50], [55]], [[1]]);
    expect(result.length).toBe(3);
    expectError(result[0][0], "#N/A");
    expectNumber(result[1][0], 0.1);
    expectNumber(result[2][0], 0.9 / 1.1 - 1);
    expect(shown(call("RELPERF", [[100], [101], [102]], [[100], [100], [100]], null))).toEqual([["#N/A"], ["#N/A"], ["#N/A"]]);
    expectError(only(call("RELPERF", [[100], [110]], [[50], [50]], [[1.5]])), "#NUM!");
  });

  it("SIFLOAT: short interest as a share of float", () => {
    expect(call("SIFLOAT", [[400000, 2500000]], [[8000000, 10000000]])).toEqual([[0.05, 0.25]]);
    expectError(only(call("SIFLOAT", [[1]], [[0]])), "#DIV/0!");
  });

  it("RATING: Damodaran's synthetic rating (EBIT 10m over interest 3m is BB)", () => {
    expect(call("RATING", [[10]], [[3]])).toEqual([["BB"]]);
    expect(call("RATING", [[10], [25], [-5]], [[0], [2], [10]])).toEqual([["AAA"], ["AAA"], ["D"]]);
    expectError(only(call("RATING", [["x"]], [[3]])), "#VALUE!", "ebit");
  });

  it("SPREAD: the rating's default spread", () => {
    expect(call("SPREAD", [[10]], [[3]])).toEqual([[0.0183]]);
    expect(call("SPREAD", [[10]], [[0]])).toEqual([[0.0045]]);
  });

  it("MATURITYWALL: share of debt due within the horizon, one row per company", () => {
    expect(call("MATURITYWALL", [[100, 200, 300, 400]], [[1, 2, 5, 7]], null)).toEqual([[0.3]]);
    expect(call("MATURITYWALL", [[100, 200, 300, 400], [500, 0, 0, 500]], [[1, 2, 5, 7]], [[5]])).toEqual([[0.6], [0.5]]);
    expectError(only(call("MATURITYWALL", [[0, 0]], [[1, 2]], null)), "#DIV/0!");
  });

  it("QUALITY: one verdict per company, #N/A naming what is missing", () => {
    const result = call("QUALITY", [[50], [-1]], [[0.1]], [[5]], [[0.9]], [[100]], [[10]], [[200]], null);
    expect(result).toEqual([[true], [false]]);
    expectError(only(call("QUALITY", [[50]], [[0.1]], [[5]], [[""]], [[100]], [[10]], [[200]], null)), "#N/A", "unknown: domestic_share (missing)");
  });

  it("WAM: weighted-average maturity, one row per company", () => {
    const result = call("WAM", [[100, 200, 300, 400], [500, 0, 0, 500]], [[1, 2, 5, 7]]);
    expectNumber(result[0][0], 4.8);
    expectNumber(result[1][0], 4);
    expectError(only(call("WAM", [[100, -200]], [[1, 2]])), "#NUM!");
  });

  it("SCREEN: a header row, then the passing companies by rank; #VALUE! naming what is wrong", () => {
    // Excel hands the range over with its text header row; an omitted optional is null.
    const table = [
      ["Ticker", "Company", "EBIT", "Interest Expense", "Total Debt", "Floating Rate Share", "WAM", "FCF", "Domestic Revenue %", "Fwd P/E"],
      ["AAA", "Alpha", 100, 10, 200, 0.1, 5, 50, 0.9, 12],
      ["BBB", "Beta", 80, 10, 200, 0.1, 5, 50, 0.9, 10],
      ["CCC", "Gamma", 10, 10, 200, 0.5, 5, 50, 0.9, 10],
    ];
    const result = call("SCREEN", table, null, null);
    expect(result[0]).toEqual(["Rank", "Ticker", "Name", "Score", "ICR", "Shocked ICR", "Zombie", "Forward P/E", "Note"]);
    expect(result.slice(1).map((row) => row.slice(0, 3))).toEqual([
      [1, "BBB", "Beta"],
      [2, "AAA", "Alpha"],
    ]);
    expect(call("SCREEN", table, [["zombies"]], null)[1][0]).toBe("No company passes every criterion (3 screened).");
    expectError(only(call("SCREEN", table, null, [["icr=2.5; foo=3"]])), "#VALUE!", 'unknown criterion "foo"');
    expectError(only(call("SCREEN", table, [["growth"]], null)), "#VALUE!", "preset must be");
    expectError(only(call("SCREEN", [["Code", "Profit"], ["AAA", 1]], null, null)), "#VALUE!", "Expected headers such as Ticker, EBIT");
  });

  it("SHOCKSWEEP: one share per shock, in the shape of the shocks", () => {
    const args = [[[12], [9], [22], [50]], [[10], [10], [-10], [0]], [[100], [0], [400], [0]], [[0.5], [0], [1], [0]]];
    const row = call("SHOCKSWEEP", ...args, [[0, 200, 400]], null);
    expect(row.length).toBe(1);
    [1 / 3, 1 / 3, 2 / 3].forEach((share, i) => expectNumber(row[0][i], share));
    expect(shown(call("SHOCKSWEEP", ...args, [[0], [500]], [[1.5]]))).toEqual([[2 / 3], [1]]);
    expectError(only(call("SHOCKSWEEP", [[50]], [[0]], [[0]], [[0]], [[200]], null)), "#DIV/0!");
    expectError(only(call("SHOCKSWEEP", [[12], ["n/a"]], [[10], [10]], [[100], [0]], [[0.5], [0]], [[200]], null)), "#VALUE!", "ebit");
  });

  it("has a hand-written call above for every function in dist/functions.json", () => {
    const untested = metadata.functions.map((fn) => fn.id).filter((id) => !HAND_TESTED.includes(id));
    expect({ "functions without a hand-written call in test/built-functions.test.ts": untested }).toEqual({
      "functions without a hand-written call in test/built-functions.test.ts": [],
    });
  });
});

describe("every worked example in docs/function-examples.json, through the built bundle", () => {
  const examples = JSON.parse(fs.readFileSync(EXAMPLES_PATH, "utf8")) as Examples;
  const cases = Object.entries(examples.functions).flatMap(([id, entry]) => entry.examples.map((example) => ({ id, ...example })));

  it.each(cases)("$formula", ({ id, args, result }) => {
    const arity = metadata.functions.find((fn) => fn.id === id)?.parameters.length ?? args.length;
    const excelArgs: unknown[] = [];
    for (let i = 0; i < arity; i++) excelArgs.push(asExcelArg(i < args.length ? args[i] : null));
    const actual = shown(call(id, ...excelArgs));
    const expected: Value[][] = Array.isArray(result) ? result : [[result]];
    expect([actual.length, actual[0].length]).toEqual([expected.length, expected[0].length]);
    expected.forEach((row, r) =>
      row.forEach((cell, c) => {
        if (typeof cell === "number") expectNumber(actual[r][c], cell);
        else expect(actual[r][c]).toEqual(cell);
      }),
    );
  });
});

describe("dist/functions.json as Excel must read it", () => {
  // Microsoft, custom-functions-json.md ("allowErrorForDataTypeAny", "allowCustomDataForDataTypeAny"):
  // top-level flags; without the first, Excel never calls a function whose range holds an error.
  it("has allowErrorForDataTypeAny and allowCustomDataForDataTypeAny set to true, at the top level", () => {
    expect(metadata.allowErrorForDataTypeAny).toBe(true);
    expect(metadata.allowCustomDataForDataTypeAny).toBe(true);
  });

  it("types every parameter `any` (the flags apply to any and any[][] parameters only)", () => {
    const typed = metadata.functions.flatMap((fn) => fn.parameters.filter((p) => p.type !== "any").map((p) => `${fn.id}(${p.name}): ${p.type}`));
    expect(typed).toEqual([]);
  });
});

/**
 * Every function registered in dist/functions.json (a function added later is covered without
 * a change here), called with Excel's inputs: error cells and data-type cells in its ranges.
 * Valid arguments come from the function's first worked example in docs/function-examples.json
 * with a result that is not an error. Arguments the example gives as single values become
 * ranges of three rows when the example has no range at all (an element-wise call); otherwise
 * its ranges are stacked twice when they all have one height (two companies instead of one).
 */
describe("every registered function, through the built bundle, with Excel's error and data-type cells", () => {
  const examples = JSON.parse(fs.readFileSync(EXAMPLES_PATH, "utf8")) as Examples;
  const ids = metadata.functions.map((fn) => fn.id);

  /** A shown cell: an Excel error as its code and message, anything else as it is. */
  const view = (cell: unknown): unknown => (cell instanceof ExcelError ? { error: cell.code, message: cell.message ?? "" } : cell);
  const viewGrid = (grid: unknown[][]): unknown[][] => grid.map((row) => row.map(view));

  function validArgs(id: string): unknown[] {
    const arity = metadata.functions.find((fn) => fn.id === id)?.parameters.length ?? 0;
    const example = examples.functions[id]?.examples.find((e) => !isErrorResult(e.result));
    if (example === undefined) throw new Error(`${id} has no worked example with a plain result in docs/function-examples.json`);
    const args: Arg[] = [];
    for (let i = 0; i < arity; i++) args.push(i < example.args.length ? example.args[i] : null);
    const ranges = args.filter((a): a is Value[][] => Array.isArray(a));
    if (ranges.length === 0) return args.map((a) => (a === null ? null : [[a], [a], [a]]));
    const heights = new Set(ranges.map((r) => r.length));
    return args.map((a) => (Array.isArray(a) ? (heights.size === 1 ? [...a, ...a] : a).map((row) => [...row]) : asExcelArg(a)));
  }

  function isErrorResult(result: Value | Value[][]): boolean {
    const cells = Array.isArray(result) ? result.flat() : [result];
    return cells.every((c) => typeof c === "string" && c.startsWith("#"));
  }

  const isSingleCell = (arg: unknown): boolean => Array.isArray(arg) && arg.length === 1 && (arg[0] as unknown[]).length === 1;

  /** Every cell of every argument: [argument, row, column]. */
  function cellsOf(args: unknown[]): [number, number, number][] {
    const out: [number, number, number][] = [];
    args.forEach((a, i) => {
      if (Array.isArray(a)) (a as unknown[][]).forEach((row, r) => row.forEach((_, c) => out.push([i, r, c])));
    });
    return out;
  }

  function withCell(args: unknown[], [i, r, c]: [number, number, number], value: unknown): unknown[] {
    return args.map((a, j) => (j === i ? (a as unknown[][]).map((row, k) => (k === r ? row.map((v, l) => (l === c ? value : v)) : row)) : a));
  }

  /**
   * The result with one cell replaced holds `expected` (code and, when given, message part)
   * wherever it differs from the clean result, and holds it in at least one element; where the
   * result has several elements, at least one is untouched. A cell that is a whole argument
   * of one value (RELPERF's window) feeds every element: its error may be the one result.
   */
  function expectOnlyThere(id: string, clean: unknown[][], got: unknown[][], where: string, code: string, messagePart?: string, wholeArgument = false): void {
    if (wholeArgument && got.length === 1 && got[0].length === 1) clean = [[clean[0][0]]];
    expect([got.length, got[0].length]).toEqual([clean.length, clean[0].length]);
    let hit = 0;
    let untouched = 0;
    got.forEach((row, r) =>
      row.forEach((cell, c) => {
        if (JSON.stringify(view(cell)) === JSON.stringify(view(clean[r][c]))) {
          untouched++;
          return;
        }
        const shown = view(cell) as { error?: string; message?: string };
        if (shown.error !== code || (messagePart !== undefined && !(shown.message ?? "").includes(messagePart))) {
          throw new Error(`${id} with ${where}: element [${r}][${c}] is ${JSON.stringify(shown)}, expected ${code}${messagePart ? ` "${messagePart}"` : ""} or ${JSON.stringify(view(clean[r][c]))}`);
        }
        hit++;
      }),
    );
    if (hit === 0 && !(clean.flat().some((v) => v instanceof ExcelError && v.code === code))) throw new Error(`${id} with ${where}: no element shows ${code}`);
    if (got.length * got[0].length > 1 && clean.flat().length > 1 && untouched === 0) throw new Error(`${id} with ${where}: every element changed`);
  }

  /** Excel error inputs and what the element shows: the same error, except input-only ones. */
  const ERROR_INPUTS: { label: string; value: unknown; code: string; message?: string }[] = [
    { label: "#N/A (CustomFunctions.Error)", value: new ExcelError("#N/A"), code: "#N/A" },
    { label: "#DIV/0! (CustomFunctions.Error)", value: new ExcelError("#DIV/0!"), code: "#DIV/0!" },
    { label: "#NULL! (CustomFunctions.Error)", value: new ExcelError("#NULL!"), code: "#NULL!" },
    { label: "#NUM! (data-type Error value)", value: errorValue("#NUM!"), code: "#NUM!" },
    { label: "#N/A (data-type Error value)", value: errorValue("#N/A"), code: "#N/A" },
    { label: "#REF! (input-only)", value: new ExcelError("#REF!"), code: "#VALUE!", message: "an input is #REF!" },
    { label: "#NAME? (input-only, data-type value)", value: errorValue("#NAME?"), code: "#VALUE!", message: "an input is #NAME?" },
    { label: "#SPILL! (data-type value)", value: errorValue("#SPILL!"), code: "#VALUE!", message: "#SPILL!" },
  ];

  /**
   * Arguments whose every cell feeds every element of the result, the registry's `universe`
   * role: SHOCKSWEEP's four company columns (each shock's share is over every company), so an
   * error there is the error of each shock, in the shape of shocks_bps.
   */
  const FEEDS_EVERY_ELEMENT: Readonly<Record<string, readonly number[]>> = Object.fromEntries(
    REGISTRY.map((e) => [e.name, e.args.flatMap((a, i) => (a.role === "universe" ? [i] : []))]),
  );
  const feedsEvery = (id: string, argument: number): boolean => FEEDS_EVERY_ELEMENT[id]?.includes(argument) ?? false;

  /** The result with `bad` in a cell that feeds every element: that error in every element, in the clean shape. */
  function expectEverywhere(id: string, clean: unknown[][], got: unknown[][], where: string, code: string, messagePart?: string): void {
    expect([got.length, got[0].length]).toEqual([clean.length, clean[0].length]);
    for (const cell of got.flat()) {
      const shown = view(cell) as { error?: string; message?: string };
      if (shown.error !== code || (messagePart !== undefined && !(shown.message ?? "").includes(messagePart))) {
        throw new Error(`${id} with ${where}: an element is ${JSON.stringify(shown)}, expected ${code}${messagePart ? ` "${messagePart}"` : ""}`);
      }
    }
  }

  /**
   * Functions that screen a table (their first argument has the registry's `table` role, header row on top): a bad cell makes that
   * company unknown, as in the pane and the CLI, and never an error of the formula. The result
   * keeps the clean header row and holds no error element.
   */
  const TABLE_FUNCTIONS: ReadonlySet<string> = new Set(REGISTRY.filter((e) => e.args[0]?.role === "table").map((e) => e.name));
  function expectScreened(id: string, clean: unknown[][], got: unknown[][], where: string): void {
    if (got.flat().some((cell) => cell instanceof ExcelError)) throw new Error(`${id} with ${where}: the result holds an error ${JSON.stringify(viewGrid(got))}`);
    expect(got[0]).toEqual(clean[0]);
  }

  /** What a bad input cell does to the result, by the kind of argument it sits in. */
  function expectBadCell(id: string, args: unknown[], at: [number, number, number], clean: unknown[][], got: unknown[][], where: string, code: string, messagePart?: string): void {
    if (TABLE_FUNCTIONS.has(id) && at[0] === 0) expectScreened(id, clean, got, where);
    else if (feedsEvery(id, at[0])) expectEverywhere(id, clean, got, where, code, messagePart);
    else expectOnlyThere(id, clean, got, where, code, messagePart, isSingleCell(args[at[0]]));
  }

  it.each(ids)("%s: an error cell in any range gives that error in the elements it feeds, and only there", (id) => {
    const args = validArgs(id);
    const clean = call(id, ...args);
    const numeric = cellsOf(args).filter(([i, r, c]) => typeof (args[i] as unknown[][])[r][c] === "number");
    expect(numeric.length).toBeGreaterThan(0);
    for (const at of numeric) {
      for (const input of ERROR_INPUTS) {
        expectBadCell(id, args, at, clean, call(id, ...withCell(args, at, input.value)), `${input.label} at argument ${at[0] + 1} [${at[1]}][${at[2]}]`, input.code, input.message);
      }
    }
  });

  it.each(ids)("%s: a data-type cell gives what its plain value gives; an entity card gives #VALUE! with how to take a field", (id) => {
    const args = validArgs(id);
    const clean = call(id, ...args);
    for (const at of cellsOf(args)) {
      const [i, r, c] = at;
      const plain = (args[i] as unknown[][])[r][c];
      for (const typed of dataTypesOf(plain)) expect(viewGrid(call(id, ...withCell(args, at, typed)))).toEqual(viewGrid(clean));
      // Other values behind a data type read as the same plain values do.
      for (const other of [true, "abc", null]) {
        const expected = viewGrid(call(id, ...withCell(args, at, other)));
        for (const typed of dataTypesOf(other)) expect(viewGrid(call(id, ...withCell(args, at, typed)))).toEqual(expected);
      }
      if (typeof plain === "number") {
        for (const card of [ENTITY_CARD, LINKED_ENTITY_CARD]) {
          expectBadCell(id, args, at, clean, call(id, ...withCell(args, at, card)), `an entity card at argument ${i + 1} [${r}][${c}]`, "#VALUE!", ENTITY_GUIDANCE);
        }
      }
    }
  });
});
