/**
 * The contract every SMALLCAP function passes (docs/CONVENTIONS.md, "Conventions that hold for every
 * function"): blanks, empty strings, text, accounting text, booleans, non-finite numbers,
 * input errors, single values against ranges, mismatched shapes, multi-row and
 * multi-column ranges, omitted optional arguments arriving as null.
 */
import { SMALLCAP_FUNCTIONS } from "../../src/functions/definitions";
import { coreError } from "../../src/core/errors";
import { errorOf, only, shownGrid } from "../helpers/cells";

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

/** One valid set of arguments per function; row-wise functions take one company's row. */
const CASES: readonly Case[] = [
  { fn: "ICR", family: "elementwise", names: ["ebit", "interest_expense"], valid: [10, 4] },
  {
    fn: "SHOCKICR",
    family: "elementwise",
    names: ["ebit", "interest_expense", "total_debt", "floating_share", "shock_bps"],
    valid: [30, 5, 100, 0.4, 200],
  },
  { fn: "DOL", family: "elementwise", names: ["ebit_prior", "ebit_current", "revenue_prior", "revenue_current"], valid: [100, 117.5, 1000, 1020] },
  { fn: "RELPE", family: "elementwise", names: ["small_pe", "large_pe"], valid: [16, 20] },
  { fn: "REVERSION", family: "elementwise", names: ["current_premium", "mean_premium"], valid: [-0.2, 0.12], optional: { 1: 0.12 } },
  { fn: "DAYSTOCOVER", family: "elementwise", names: ["short_interest", "avg_daily_volume"], valid: [5_000_000, 400_000] },
  { fn: "SIFLOAT", family: "elementwise", names: ["short_interest", "float_shares"], valid: [5_000_000, 40_000_000] },
  { fn: "RATING", family: "elementwise", names: ["ebit", "interest_expense"], valid: [10, 3] },
  { fn: "SPREAD", family: "elementwise", names: ["ebit", "interest_expense"], valid: [10, 3] },
  {
    fn: "ZOMBIE",
    family: "rowwise",
    names: ["ebit", "interest_expense", "years", "threshold"],
    valid: [[[5, 8, 9]], [[10, 10, 10]], 3, 1],
    optional: { 2: 3, 3: 1 },
  },
  {
    fn: "MATURITYWALL",
    family: "rowwise",
    names: ["amounts", "years_to_maturity", "horizon_years"],
    valid: [[[10, 20, 70]], [[1, 3, 7]], 3],
    optional: { 2: 3 },
  },
  { fn: "WAM", family: "rowwise", names: ["amounts", "years_to_maturity"], valid: [[[10, 20, 70]], [[1, 3, 7]]] },
];

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
