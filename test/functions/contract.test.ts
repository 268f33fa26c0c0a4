/**
 * The contract every SMALLCAP function passes (docs/CONVENTIONS.md, "Conventions that hold for every
 * function"): blanks, empty strings, text, accounting text, booleans, non-finite numbers,
 * input errors, single values against ranges, mismatched shapes, multi-row and
 * multi-column ranges, omitted optional arguments arriving as null; and every function's
 * registry entry (src/functions/registry.ts): its defaults, its single-valued arguments and the
 * rules on its arguments' values. The cases are generated from the registry.
 */
import { SMALLCAP_FUNCTIONS } from "../../src/functions/definitions";
import { REGISTRY, docsOf, type Bound, type FunctionEntry } from "../../src/functions/registry";
import { coreError, EXCEL_ERROR_TEXT } from "../../src/core/errors";
import { errorOf, only, shownGrid } from "../helpers/cells";
import { ENTITY_CARD, ENTITY_GUIDANCE, LINKED_ENTITY_CARD, dataTypesOf, errorValue } from "../helpers/data-types";
import { CATALOGUE, withValue } from "../hardening/support/catalogue";

type Family = "elementwise" | "rowwise";

interface Case {
  readonly fn: string;
  readonly family: Family;
  /** Argument names, as the error messages name them. */
  readonly names: readonly string[];
  /** A valid value per argument (null for an optional one left out). */
  readonly valid: readonly unknown[];
  /** Index of optional arguments, with the value equal to their default. */
  readonly optional?: Readonly<Record<number, unknown>>;
}

/**
 * The functions that work cell by cell or company row by company row, from the registry, with
 * the entry's valid call (row-wise functions take one company's row). The entry's valid call
 * gives each optional argument its default (ZOMBIE's years: every column).
 */
const CASES: readonly Case[] = REGISTRY.filter((e) => e.kind === "elementwise" || e.kind === "rowwise").map((entry) => {
  const valid = docsOf(entry).valid;
  const optional = entry.args.flatMap((a, i) => (a.optional === true ? [[i, valid[i]] as const] : []));
  return {
    fn: entry.name,
    family: entry.kind as Family,
    names: entry.args.map((a) => a.name),
    valid,
    ...(optional.length > 0 ? { optional: Object.fromEntries(optional) } : {}),
  };
});

function call(fn: string, args: readonly unknown[]) {
  return SMALLCAP_FUNCTIONS[fn](...args);
}

/** Replaces argument `i` (or, for row-wise series, one cell of it) with `value`. */
function withArg(c: Case, i: number, value: unknown): unknown[] {
  const args = [...c.valid];
  const original = args[i];
  if (Array.isArray(original)) {
    const grid = (original as unknown[][]).map((row) => [...row]);
    grid[0][grid[0].length - 1] = value;
    args[i] = grid;
  } else {
    args[i] = value;
  }
  return args;
}

const required = (c: Case) => c.names.map((_, i) => i).filter((i) => !(c.optional && i in c.optional));

describe.each(CASES)("SMALLCAP.$fn follows the contract", (c) => {
  const expected = only(call(c.fn, c.valid));

  it("computes a plain value (not an error) for valid numbers", () => {
    expect(typeof expected === "number" || typeof expected === "boolean" || typeof expected === "string").toBe(true);
  });

  it.each(required(c))("a blank argument %i (null, undefined, \"\", spaces) is #N/A naming it", (i) => {
    for (const blank of [null, undefined, "", "   "]) {
      const error = errorOf(only(call(c.fn, withArg(c, i, blank))));
      expect(error.code).toBe("#N/A");
      expect(error.message).toBe(`missing ${c.names[i]}`);
    }
  });

  it.each(required(c))("plain text and booleans in argument %i are #VALUE! naming it", (i) => {
    for (const bad of ["abc", "12abc", "1,23", TRUE_FALSE[0], TRUE_FALSE[1]]) {
      const error = errorOf(only(call(c.fn, withArg(c, i, bad))));
      expect(error.code).toBe("#VALUE!");
      expect(error.message).toContain(c.names[i]);
    }
  });

  it.each(required(c))("NaN and Infinity in argument %i are #NUM!", (i) => {
    for (const bad of [Number.NaN, Infinity, -Infinity]) {
      expect(errorOf(only(call(c.fn, withArg(c, i, bad)))).code).toBe("#NUM!");
    }
  });

  it.each(required(c))("an Excel error in argument %i passes through", (i) => {
    const fromExcel = { code: "#REF!", message: "" };
    expect(errorOf(only(call(c.fn, withArg(c, i, fromExcel)))).code).toBe("#REF!");
    const fromExceljs = { error: "#N/A" };
    expect(errorOf(only(call(c.fn, withArg(c, i, fromExceljs)))).code).toBe("#N/A");
    expect(only(call(c.fn, withArg(c, i, coreError("DIV0", "upstream"))))).toBe(coreError("DIV0", "upstream"));
  });

  it.each(required(c))("Excel data-type values in argument %i are read by their basic value, as a plain cell", (i) => {
    const original = c.valid[i];
    const value = Array.isArray(original) ? (original as number[][])[0][(original as number[][])[0].length - 1] : (original as number);
    const plain = (v: unknown) => only(call(c.fn, withArg(c, i, v)));
    const typed = (v: unknown) => dataTypesOf(v).map((d) => only(call(c.fn, withArg(c, i, d))));
    // A number, numeric text, other text, TRUE/FALSE and a blank: each as its data type gives what the plain cell gives.
    for (const v of [value, String(value), "abc", true, null]) {
      for (const result of typed(v)) expect(result).toEqual(plain(v));
    }
    expect(typed(value)[0]).toEqual(expected);
    // An error value is that error; an Excel error without a core code is #VALUE! naming it.
    expect(errorOf(plain(errorValue("#N/A"))).code).toBe("#N/A");
    expect(errorOf(plain(errorValue("#REF!"))).code).toBe("#REF!");
    expect(errorOf(plain(errorValue("#SPILL!")))).toEqual({ code: "#VALUE!", message: "an input holds Excel's #SPILL! error" });
    // An entity card (Stocks and the like) is #VALUE!, saying how to take a field from it.
    for (const card of [ENTITY_CARD, LINKED_ENTITY_CARD]) {
      const error = errorOf(plain(card));
      expect(error.code).toBe("#VALUE!");
      expect(error.message).toContain(c.names[i]);
      expect(error.message).toContain(ENTITY_GUIDANCE);
    }
  });

  it.each(required(c))("accounting text in argument %i reads as its number", (i) => {
    const original = c.valid[i];
    const value = Array.isArray(original) ? (original as number[][])[0][(original as number[][])[0].length - 1] : (original as number);
    const texts = [accounting(value), ` ${value} `, `${value * 100}%`];
    for (const text of texts) {
      expect(only(call(c.fn, withArg(c, i, text)))).toEqual(only(call(c.fn, withArg(c, i, value))));
    }
  });

  if (c.optional) {
    it("omitted optional arguments (null) and blank cells take the documented defaults", () => {
      const explicit = only(call(c.fn, c.valid));
      for (const i of Object.keys(c.optional ?? {}).map(Number)) {
        expect(only(call(c.fn, withArg(c, i, null)))).toEqual(explicit);
        expect(only(call(c.fn, withArg(c, i, [[""]])))).toEqual(explicit);
        expect(only(call(c.fn, c.valid.slice(0, i)))).toEqual(explicit);
      }
    });
  }

  it("an empty or ragged range is #VALUE!, never an exception", () => {
    expect(errorOf(only(call(c.fn, withArg(c, 0, undefined).map((a, i) => (i === 0 ? [] : a)))))).toEqual({
      code: "#VALUE!",
      message: `${c.names[0]} is an empty range`,
    });
    const ragged = [[1, 2], [3]];
    expect(errorOf(only(call(c.fn, c.valid.map((a, i) => (i === 0 ? ragged : a))))).code).toBe("#VALUE!");
  });
});

const TRUE_FALSE = [true, false] as const;

/** 1234.5 -> "1,234.5"; -250 -> "(250)". */
function accounting(value: number): string {
  const text = Math.abs(value).toLocaleString("en-US", { maximumFractionDigits: 10 });
  return value < 0 ? `(${text})` : text;
}

describe.each(CASES.filter((c) => c.family === "elementwise"))("SMALLCAP.$fn element by element", (c) => {
  const single = only(call(c.fn, c.valid));

  it("a single value pairs with every element of a multi-row, multi-column range; the result spills with its shape", () => {
    for (let i = 0; i < c.names.length; i++) {
      const range = [
        [c.valid[i], c.valid[i], c.valid[i]],
        [c.valid[i], c.valid[i], c.valid[i]],
      ];
      const args = c.valid.map((a, j) => (j === i ? range : a));
      expect(call(c.fn, args)).toEqual([
        [single, single, single],
        [single, single, single],
      ]);
    }
  });

  it("ranges of one shape are worked element by element", () => {
    const args = c.valid.map((a) => [[a], [a], [a], [a]]);
    expect(call(c.fn, args)).toEqual([[single], [single], [single], [single]]);
  });

  it("one bad element yields an error in that element only", () => {
    const args = c.valid.map((a) => [[a, a, a]]);
    (args[0] as unknown[][])[0][1] = "n/a";
    const result = shownGrid(call(c.fn, args));
    expect(result[0][0]).toEqual(single);
    expect(result[0][1]).toBe("#VALUE!");
    expect(result[0][2]).toEqual(single);
  });

  it("two ranges of different shapes give #VALUE! 'ranges must have the same shape'", () => {
    if (c.names.length < 2) return;
    const args = c.valid.map((a, i) => (i === 0 ? [[a], [a]] : i === 1 ? [[a, a]] : a));
    expect(errorOf(only(call(c.fn, args)))).toEqual({ code: "#VALUE!", message: "ranges must have the same shape" });
  });
});

describe.each(CASES.filter((c) => c.family === "rowwise"))("SMALLCAP.$fn row by row", (c) => {
  const single = only(call(c.fn, c.valid));

  it("gives one result per company row, as one column", () => {
    const args = c.valid.map((a) => (Array.isArray(a) ? [(a as unknown[][])[0], (a as unknown[][])[0], (a as unknown[][])[0]] : a));
    expect(call(c.fn, args)).toEqual([[single], [single], [single]]);
  });

  it("one bad company row yields an error in that row only", () => {
    const rows = c.valid.map((a) => (Array.isArray(a) ? [[...(a as unknown[][])[0]], [...(a as unknown[][])[0]]] : a));
    const first = rows[0] as unknown[][];
    first[1][first[1].length - 1] = "oops";
    const result = shownGrid(call(c.fn, rows));
    expect(result[0][0]).toEqual(single);
    expect(result[1][0]).toBe("#VALUE!");
  });

  it("series of different widths give #VALUE! 'ranges must have the same shape'", () => {
    const args = c.valid.map((a, i) => (i === 1 ? [[...(a as unknown[][])[0], 5]] : a));
    expect(errorOf(only(call(c.fn, args)))).toEqual({ code: "#VALUE!", message: "ranges must have the same shape" });
  });
});

/**
 * SHOCKSWEEP aggregates its four company columns as INDEXPE does: a row with a blank is left
 * out; text, TRUE/FALSE, non-finite numbers and input errors in any row give that error for
 * every shock (each share is over every company). Its shocks are worked element by element,
 * the result in their shape.
 */
describe("SMALLCAP.SHOCKSWEEP follows the contract", () => {
  const NAMES = ["ebit", "interest_expense", "total_debt", "floating_share"];
  /** Three companies, each counted: ICRs 1.2, 0.9 and 2.2 before any shock. */
  const columns = (): unknown[][][] => [[[12], [9], [22]], [[10], [10], [-10]], [[100], [0], [400]], [[0.5], [0], [1]]];
  const sweep = (cols: unknown[][][], shocks: unknown = [[0, 400]], threshold: unknown = null) => SMALLCAP_FUNCTIONS.SHOCKSWEEP(...cols, shocks, threshold);
  const withCell = (arg: number, row: number, value: unknown): unknown[][][] => {
    const cols = columns();
    cols[arg][row][0] = value;
    return cols;
  };
  const withoutRow = (row: number): unknown[][][] => columns().map((col) => col.filter((_, r) => r !== row));
  const expected = sweep(columns());
  /** An error in the company columns is every shock's: the one element of the default shocks' 1 x 2 result. */
  const everyShock = (grid: unknown[][]): unknown => {
    expect(grid.length).toBe(1);
    expect(grid[0].length).toBe(2);
    expect(grid[0][1]).toBe(grid[0][0]);
    return grid[0][0];
  };

  it("computes plain shares for valid numbers", () => {
    expect(shownGrid(expected)).toEqual([[1 / 3, 2 / 3]]);
  });

  it.each([0, 1, 2, 3])("a blank in argument %i (null, undefined, \"\", spaces) leaves that company out", (arg) => {
    for (const blank of [null, undefined, "", "   "]) expect(sweep(withCell(arg, 1, blank))).toEqual(sweep(withoutRow(1)));
  });

  it.each([0, 1, 2, 3])("text and booleans in argument %i are #VALUE! naming it, for every shock", (arg) => {
    for (const bad of ["abc", "12abc", "1,23", true, false]) {
      const result = sweep(withCell(arg, 1, bad));
      expect(errorOf(everyShock(result)).code).toBe("#VALUE!");
      expect(errorOf(everyShock(result)).message).toContain(NAMES[arg]);
    }
  });

  it.each([0, 1, 2, 3])("NaN and Infinity in argument %i are #NUM!; an Excel error passes through", (arg) => {
    for (const bad of [Number.NaN, Infinity, -Infinity]) expect(errorOf(everyShock(sweep(withCell(arg, 1, bad)))).code).toBe("#NUM!");
    expect(errorOf(everyShock(sweep(withCell(arg, 1, { code: "#REF!", message: "" })))).code).toBe("#REF!");
    expect(errorOf(everyShock(sweep(withCell(arg, 1, { error: "#N/A" })))).code).toBe("#N/A");
    expect(everyShock(sweep(withCell(arg, 1, coreError("DIV0", "upstream"))))).toBe(coreError("DIV0", "upstream"));
  });

  it("accounting text reads as its number", () => {
    expect(sweep(withCell(0, 0, "12"))).toEqual(expected);
    expect(sweep(withCell(1, 2, "(10)"))).toEqual(expected);
    expect(sweep(withCell(3, 0, "50%"))).toEqual(expected);
    expect(sweep(columns(), [["0", "4%"]])).toEqual(sweep(columns(), [[0, 0.04]]));
  });

  it("a shock's own blank, text or error stays in its element", () => {
    const result = shownGrid(sweep(columns(), [[0, null, "x", 400, Number.NaN]]));
    expect(result).toEqual([[1 / 3, "#N/A", "#VALUE!", 2 / 3, "#NUM!"]]);
    expect(errorOf(sweep(columns(), [[null]])[0][0]).message).toBe("missing shocks_bps");
  });

  it("the result takes the shape of the shocks: a row, a column or one cell", () => {
    expect(shownGrid(sweep(columns(), [[0], [400]]))).toEqual([[1 / 3], [2 / 3]]);
    expect(shownGrid(sweep(columns(), 400))).toEqual([[2 / 3]]);
    expect(errorOf(only(sweep(columns(), [[0, 1], [2, 3]])))).toEqual({ code: "#VALUE!", message: "shocks_bps must be one row or one column" });
  });

  it("the threshold defaults to 1 when omitted or blank, and must be one number", () => {
    expect(sweep(columns(), [[0, 400]], 1)).toEqual(expected);
    expect(sweep(columns(), [[0, 400]], [[""]])).toEqual(expected);
    expect(SMALLCAP_FUNCTIONS.SHOCKSWEEP(...columns(), [[0, 400]])).toEqual(expected);
    expect(errorOf(sweep(columns(), [[0]], "high")[0][0])).toEqual({ code: "#VALUE!", message: "threshold is text, not a number" });
    expect(errorOf(only(sweep(columns(), [[0]], [[1], [2]]))).message).toBe("threshold must be a single value");
  });

  it("company ranges of different shapes give #VALUE! 'ranges must have the same shape'; empty or ragged ranges #VALUE!", () => {
    const cols = columns();
    cols[2] = [[100], [0]];
    expect(errorOf(everyShock(sweep(cols)))).toEqual({ code: "#VALUE!", message: "ranges must have the same shape" });
    const empty = columns();
    empty[0] = [];
    expect(errorOf(everyShock(sweep(empty)))).toEqual({ code: "#VALUE!", message: "ebit is an empty range" });
    const ragged = columns();
    ragged[1] = [[1, 2], [3]];
    expect(errorOf(everyShock(sweep(ragged))).code).toBe("#VALUE!");
  });
});

/**
 * SCREEN reads a table as the screen engine does: a bad cell in the table is that company's
 * "unknown" (it cannot pass), never an error of the formula. Its own arguments follow the
 * conventions: a blank table is #N/A, text where a preset or setting is expected #VALUE!
 * naming it, non-finite numbers #NUM!, input errors pass through.
 */
describe("SMALLCAP.SCREEN follows the contract", () => {
  const table = (): unknown[][] => [
    ["Ticker", "EBIT", "Interest Expense", "Total Debt", "Floating Rate Share", "WAM", "FCF", "Domestic Revenue %", "Fwd P/E"],
    ["AAA", 100, 10, 200, 0.1, 5, 50, 0.9, 12],
    ["BBB", 80, 10, 200, 0.1, 5, 50, 0.9, 10],
  ];
  const screen = (...args: unknown[]) => SMALLCAP_FUNCTIONS.SCREEN(...args);
  const tickers = (grid: unknown[][]) => grid.slice(1).map((row) => row[1]);

  it("spills a header and both passing companies", () => {
    expect(tickers(screen(table()))).toEqual(["BBB", "AAA"]);
  });

  it("a blank, text, boolean, non-finite or error cell in the table leaves that company unknown, not an error", () => {
    for (const bad of [null, "", "abc", true, Number.NaN, { code: "#REF!" }, { error: "#N/A" }]) {
      const t = table();
      t[1][1] = bad;
      expect(tickers(screen(t))).toEqual(["BBB"]);
    }
    const t = table();
    t[1][1] = "100";
    expect(screen(t)).toEqual(screen(table()));
  });

  it("a blank table is #N/A 'missing table'; a single value, an empty or ragged range #VALUE!", () => {
    for (const blank of [null, undefined, "", "  "]) expect(errorOf(only(screen(blank)))).toEqual({ code: "#N/A", message: "missing table" });
    expect(errorOf(only(screen(5))).code).toBe("#VALUE!");
    expect(errorOf(only(screen([]))).message).toBe("table is an empty range");
    expect(errorOf(only(screen([["Ticker", "EBIT"], ["A"]]))).message).toBe("table is not a rectangular range");
  });

  it("omitted (null) and blank preset and settings take the defaults", () => {
    const plain = screen(table());
    for (const blank of [null, undefined, "", [[""]], [[null]]]) {
      expect(screen(table(), blank, blank)).toEqual(plain);
    }
    expect(screen(table(), "quality", "")).toEqual(plain);
  });

  it("text, booleans and numbers that are not a preset or a setting are #VALUE! naming the argument", () => {
    for (const bad of ["abc", true, 3, "(250)"]) {
      const error = errorOf(only(screen(table(), bad)));
      expect(error.code).toBe("#VALUE!");
      expect(error.message).toContain("preset");
      const setting = errorOf(only(screen(table(), null, bad)));
      expect(setting.code).toBe("#VALUE!");
      expect(setting.message).toContain("settings");
    }
  });

  it("NaN is #NUM! and an input error passes through, in preset and settings", () => {
    for (const i of [1, 2]) {
      const args: unknown[] = [table(), null, null];
      args[i] = Number.NaN;
      expect(errorOf(only(screen(...args))).code).toBe("#NUM!");
      args[i] = { code: "#REF!" };
      expect(errorOf(only(screen(...args))).code).toBe("#REF!");
      args[i] = [["quality"], ["stress"]];
      expect(errorOf(only(screen(...args))).code).toBe("#VALUE!");
    }
  });
});

const SINGLE_VALUED = new Set(["flag", "window", "scalar"]);

/** The values just outside a rule (each must give the rule's error) and on its edge (which must not). */
function probes(bound: Bound): { outside: number[]; edge: number[] } {
  const outside: number[] = [];
  const edge: number[] = [];
  if (bound.min !== undefined) {
    outside.push(bound.min - 1);
    edge.push(bound.min);
    if (bound.whole === true) outside.push(bound.min + 0.5);
  }
  if (bound.above !== undefined) outside.push(bound.above, bound.above - 0.5);
  if (bound.max !== undefined) {
    outside.push(bound.max + 1);
    edge.push(bound.max);
  }
  return { outside, edge };
}

/**
 * Every function against its registry entry: the checks that hold whatever the function's
 * family, with arguments placed by role (`withValue`: a series' last period, the newest price,
 * the first paired row).
 */
describe.each(REGISTRY.map((entry, index) => ({ entry, def: CATALOGUE[index], fn: entry.name })))("SMALLCAP.$fn keeps its registry entry", ({ entry, def }) => {
  const { valid, rules = {} } = docsOf(entry);
  /** The result cell an argument's value lands in: RELPERF's newest row, else the first. */
  const at = (args: unknown[]): unknown => {
    const grid = call(entry.name, args);
    return def.output === "lastRow" ? grid[grid.length - 1][0] : grid[0][0];
  };
  const data = entry.args.map((arg, i) => ({ arg, i })).filter(({ arg }) => !["table", "preset", "settings"].includes(arg.role) && arg.optional !== true);

  it("the valid call gives a plain value", () => {
    const cell = at([...valid]);
    expect(typeof cell === "number" || typeof cell === "boolean" || typeof cell === "string").toBe(true);
  });

  if (data.length > 0) it.each(data.map(({ arg, i }) => [arg.name, i] as const))("%s: text is #VALUE! naming it, NaN #NUM!, and an Excel error passes through", (name, i) => {
    const text = errorOf(at(withValue(def, i, "abc")));
    expect(text.code).toBe("#VALUE!");
    expect(text.message).toContain(name);
    expect(errorOf(at(withValue(def, i, Number.NaN))).code).toBe("#NUM!");
    expect(errorOf(at(withValue(def, i, { code: "#REF!", message: "" }))).code).toBe("#REF!");
    expect(at(withValue(def, i, coreError("DIV0", "upstream")))).toBe(coreError("DIV0", "upstream"));
  });

  const defaults = entry.args.flatMap((arg, i) => (arg.default !== undefined ? [[arg.name, i, arg.default] as const] : []));
  if (defaults.length > 0) it.each(defaults)("%s left out (null), blank or omitted at the end takes the default (argument %i = %p)", (_name, i, value) => {
    const explicit = call(entry.name, withValue(def, i, value));
    expect(call(entry.name, withValue(def, i, null))).toEqual(explicit);
    expect(call(entry.name, withValue(def, i, ""))).toEqual(explicit);
    if (i === entry.args.length - 1) expect(call(entry.name, valid.slice(0, i))).toEqual(explicit);
  });

  const singles = entry.args.flatMap((arg, i) => (SINGLE_VALUED.has(arg.role) ? [[arg.name, i] as const] : []));
  if (singles.length > 0) it.each(singles)("%s takes one value: a range of two is #VALUE! (must be a single value)", (name, i) => {
    const grid = call(entry.name, withValue(def, i, [[valid[i]], [valid[i]]]));
    expect(errorOf(grid[0][0])).toEqual({ code: "#VALUE!", message: `${name} must be a single value` });
  });

  const bounded = entry.args.flatMap((arg, i) => {
    const bound = arg.bound ?? rules[arg.name];
    return bound === undefined ? [] : [[arg.name, i, bound] as const];
  });
  if (bounded.length > 0) it.each(bounded)("%s: a value outside its rule gives the rule's error; one on its edge does not", (name, i, bound) => {
    const { outside, edge } = probes(bound);
    expect(outside.length).toBeGreaterThan(0);
    for (const value of outside) {
      const error = errorOf(at(withValue(def, i, value)));
      expect({ value, code: error.code }).toEqual({ value, code: EXCEL_ERROR_TEXT[bound.code] });
      if (bound.message !== undefined) expect({ value, message: error.message }).toEqual({ value, message: bound.message });
      else expect(error.message).toContain(name);
    }
    for (const value of edge) {
      const cell = at(withValue(def, i, value));
      const error = typeof cell === "object" && cell !== null ? errorOf(cell) : undefined;
      expect({ value, error }).not.toEqual({ value, error: { code: EXCEL_ERROR_TEXT[bound.code], message: bound.message } });
    }
  });
});

test("the contract covers every function of SMALLCAP_FUNCTIONS", () => {
  expect(REGISTRY.map((e: FunctionEntry) => e.name)).toEqual(Object.keys(SMALLCAP_FUNCTIONS));
});
