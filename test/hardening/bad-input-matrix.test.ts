/**
 * The bad-input matrix: every kind of bad (or awkward) input x every argument of every SMALLCAP
 * function, each checked against what docs/CONVENTIONS.md demands ("Conventions that hold for every
 * function"):
 *
 * - blank (null, "", and "   ", which the contract suite treats as blank too): `#N/A` naming the
 *   argument; an optional argument takes its default; INDEXPE skips the row;
 * - plain text, TRUE, FALSE: `#VALUE!` naming the argument (INDEXPE's flag takes TRUE/FALSE as 1/0);
 * - NaN, Infinity: `#NUM!`;
 * - an Excel error `{code:"#REF!"}` (Office.js) or `{error:"#N/A"}` (exceljs): the same error;
 * - accounting text "(250)", "1,234.5", "12%": exactly the result for -250, 1234.5, 0.12
 *   (INDEXPE's flag is not a number: `#VALUE!`, as Excel's own =AND("1") is);
 * - a range of the wrong shape: `#VALUE!`, and "ranges must have the same shape" when two ranges
 *   disagree.
 *
 * The bad value goes in one argument at a time (in the last period of a series, the newest
 * price, the first INDEXPE row), the others stay valid, so exactly one rule applies. The matrix
 * is printed with its count of checks.
 */
import { CoreError, EXCEL_ERROR_TEXT } from "../../src/core/errors";
import { CATALOGUE, ArgDef, FunctionDef, call, clone, withValue } from "./support/catalogue";
import { preview, shown } from "./support/outputs";
import { figure, report } from "../helpers/report";

interface Kind {
  readonly label: string;
  readonly value: unknown;
}

const WRONG_SHAPE = Symbol("wrong shape");

const KINDS: readonly Kind[] = [
  { label: "null", value: null },
  { label: '""', value: "" },
  { label: '"   "', value: "   " },
  { label: "text", value: "abc" },
  { label: "TRUE", value: true },
  { label: "FALSE", value: false },
  { label: "NaN", value: Number.NaN },
  { label: "Inf", value: Infinity },
  { label: "#REF!", value: { code: "#REF!" } },
  { label: "{error}", value: { error: "#N/A" } },
  { label: "(250)", value: "(250)" },
  { label: "1,234.5", value: "1,234.5" },
  { label: "12%", value: "12%" },
  { label: "shape", value: WRONG_SHAPE },
];

const NUMBER_OF: Readonly<Record<string, number>> = { "(250)": -250, "1,234.5": 1234.5, "12%": 0.12 };

/** What one matrix cell must be: an error (code, words the message must hold) or the same result as another call. */
type Expected =
  | { readonly kind: "error"; readonly code: string; readonly message?: string; readonly exactMessage?: string; readonly tag: string }
  | { readonly kind: "same"; readonly args: readonly unknown[]; readonly tag: string };

/** The valid call with argument `i` given a range of the wrong shape. */
function withWrongShape(def: FunctionDef, i: number): unknown[] {
  const spec = def.args[i];
  switch (spec.role) {
    case "cell": {
      // Every element-wise argument becomes a 2 x 1 range; this one a 3 x 1 range.
      return def.valid.map((v, j) => (j === i ? [[v], [v], [v]] : [[v], [v]]));
    }
    case "series": {
      const args = def.valid.map(clone);
      const row = (args[i] as unknown[][])[0];
      args[i] = [[...row, row[row.length - 1]]];
      return args;
    }
    case "paired":
    case "prices": {
      const args = def.valid.map(clone);
      const grid = args[i] as unknown[][];
      args[i] = [...grid, grid[grid.length - 1]];
      return args;
    }
    case "shocks": {
      // Shocks may be a row or a column: a 2 x 2 block is the wrong shape.
      const args = def.valid.map(clone);
      args[i] = [[def.valid[i], def.valid[i]], [def.valid[i], def.valid[i]]];
      return args;
    }
    case "table": {
      // One value is not a table with a header row.
      const args = def.valid.map(clone);
      args[i] = 5;
      return args;
    }
    default: {
      // A single-valued argument (per-row value, flag, window) given a 2 x 2 or 2 x 1 range.
      const args = def.valid.map(clone);
      args[i] = spec.role === "perRow" ? [[def.valid[i], def.valid[i]], [def.valid[i], def.valid[i]]] : [[def.valid[i]], [def.valid[i]]];
      return args;
    }
  }
}

/**
 * The valid call without the first row of INDEXPE's and SHOCKSWEEP's columns (what skipping a
 * blank row must give), or without SCREEN's first company (what an unknown company gives).
 */
function withoutFirstRow(def: FunctionDef): unknown[] {
  return def.valid.map((v, j) => {
    const role = def.args[j].role;
    if (role === "paired") return (v as unknown[][]).slice(1);
    if (role === "table") return (v as unknown[][]).filter((_, r) => r !== 1);
    return v;
  });
}

/** The valid call with optional argument `i` left out (null, as Excel passes it). */
function omitted(def: FunctionDef, i: number): unknown[] {
  return def.valid.map((v, j) => (j === i ? null : v));
}

function expectation(def: FunctionDef, i: number, kind: Kind): Expected {
  const spec: ArgDef = def.args[i];
  const name = spec.name;
  const blank = kind.value === null || kind.value === "" || kind.value === "   ";
  if (spec.role === "table" && kind.value !== WRONG_SHAPE) {
    // The screen reads a bad cell as unknown: that company cannot pass. Numeric text is its number.
    const number = NUMBER_OF[kind.label];
    return number === undefined ? { kind: "same", args: withoutFirstRow(def), tag: "unknown" } : { kind: "same", args: withValue(def, i, number), tag: `=${number}` };
  }
  if ((spec.role === "preset" || spec.role === "settings") && NUMBER_OF[kind.label] !== undefined) {
    return { kind: "error", code: "#VALUE!", message: name, tag: "#VALUE!" };
  }
  if (kind.value === WRONG_SHAPE) {
    const twoRanges = spec.role === "cell" || spec.role === "series" || spec.role === "paired" || spec.role === "prices";
    return twoRanges
      ? { kind: "error", code: "#VALUE!", exactMessage: "ranges must have the same shape", tag: "#VALUE!" }
      : { kind: "error", code: "#VALUE!", message: name, tag: "#VALUE!" };
  }
  if (blank) {
    if (spec.optional === true) return { kind: "same", args: omitted(def, i), tag: "default" };
    if (spec.role === "paired") return { kind: "same", args: withoutFirstRow(def), tag: "skip row" };
    return { kind: "error", code: "#N/A", message: name, tag: "#N/A" };
  }
  if (kind.value === true || kind.value === false) {
    if (spec.role === "flag") return { kind: "same", args: withValue(def, i, kind.value ? 1 : 0), tag: kind.value ? "=1" : "=0" };
    return { kind: "error", code: "#VALUE!", message: name, tag: "#VALUE!" };
  }
  if (kind.value === "abc") return { kind: "error", code: "#VALUE!", message: name, tag: "#VALUE!" };
  if (typeof kind.value === "number") return { kind: "error", code: "#NUM!", tag: "#NUM!" };
  if (kind.label === "#REF!") return { kind: "error", code: "#REF!", tag: "#REF!" };
  if (kind.label === "{error}") return { kind: "error", code: "#N/A", tag: "#N/A" };
  const number = NUMBER_OF[kind.label];
  if (spec.role === "flag") return { kind: "error", code: "#VALUE!", message: name, tag: "#VALUE!" };
  return { kind: "same", args: withValue(def, i, number), tag: `=${number}` };
}

/** The one result cell a single-company call gives (RELPERF: the newest row). */
function pick(def: FunctionDef, grid: unknown[][]): unknown {
  if (def.output === "lastRow") return grid[grid.length - 1][0];
  if (def.output === "screen" && !(grid.length === 1 && grid[0].length === 1)) return `passing: ${grid.slice(1).map((row) => row[1]).join(", ")}`;
  if (grid.length !== 1 || grid[0].length !== 1) return `a ${grid.length}x${grid[0]?.length ?? 0} grid`;
  return grid[0][0];
}

interface Outcome {
  readonly checks: number;
  readonly failures: string[];
}

function check(def: FunctionDef, i: number, kind: Kind): Outcome & { tag: string } {
  const expected = expectation(def, i, kind);
  const args = kind.value === WRONG_SHAPE ? withWrongShape(def, i) : withValue(def, i, kind.value);
  const where = `SMALLCAP.${def.fn} ${def.args[i].name} = ${kind.label}`;
  let grid: unknown[][];
  try {
    grid = call(def.fn, args);
  } catch (error) {
    return { checks: 1, failures: [`${where}: threw ${String(error)}`], tag: expected.tag };
  }
  const got = kind.value === WRONG_SHAPE ? (grid.length === 1 && grid[0].length === 1 ? grid[0][0] : `a ${grid.length}x${grid[0].length} grid`) : pick(def, grid);
  const failures: string[] = [];
  let checks = 1;
  if (expected.kind === "same") {
    const want = pick(def, call(def.fn, expected.args));
    if (!Object.is(got, want)) failures.push(`${where}: expected ${preview(want)} (${expected.tag}), got ${preview(got)}`);
  } else {
    if (!(got instanceof CoreError) || EXCEL_ERROR_TEXT[got.code] !== expected.code) {
      failures.push(`${where}: expected ${expected.code}, got ${preview(got)}`);
    } else if (expected.message !== undefined || expected.exactMessage !== undefined) {
      checks++;
      if (expected.exactMessage !== undefined && got.message !== expected.exactMessage) {
        failures.push(`${where}: expected the message "${expected.exactMessage}", got "${got.message}"`);
      }
      if (expected.message !== undefined && !got.message.includes(expected.message)) {
        failures.push(`${where}: expected a message naming ${expected.message}, got "${got.message}"`);
      }
    }
  }
  return { checks, failures, tag: expected.tag };
}

const table: string[][] = [];
let totalChecks = 0;
let totalFailures = 0;

afterAll(() => {
  const header = ["function", ...KINDS.map((k) => k.label)];
  const rows = [header, ...table];
  const widths = header.map((_, c) => Math.max(...rows.map((r) => (r[c] ?? "").length)));
  const line = (r: string[]): string => r.map((cell, c) => cell.padEnd(widths[c])).join(" | ");
  const rule = widths.map((w) => "-".repeat(w)).join("-+-");
  report(
    [
      "bad-input matrix: one row per function argument; each cell is what the contract (docs/CONVENTIONS.md) demands, ",
      "checked (= n: the result for that number; default: the optional argument's default; skip row: as if the row were absent)",
      "",
      line(rows[0]),
      rule,
      ...table.map(line),
    ].join("\n"),
  );
  figure(`bad-input matrix: ${table.length} arguments x ${KINDS.length} input kinds, ${totalChecks} checks, ${totalFailures} failures`);
});

describe.each(CATALOGUE.map((def) => ({ def, fn: def.fn })))("bad inputs to SMALLCAP.$fn", ({ def }) => {
  test("every argument x every input kind gives what docs/CONVENTIONS.md demands", () => {
    const failures: string[] = [];
    def.args.forEach((spec, i) => {
      const row = [`${def.fn}(${spec.name}${spec.optional === true ? "?" : ""})`];
      for (const kind of KINDS) {
        const outcome = check(def, i, kind);
        totalChecks += outcome.checks;
        totalFailures += outcome.failures.length;
        failures.push(...outcome.failures);
        row.push(outcome.failures.length === 0 ? outcome.tag : `FAIL ${outcome.tag}`);
      }
      table.push(row);
    });
    expect(failures).toEqual([]);
  });

  test("the valid call itself gives a plain value", () => {
    const value = pick(def, call(def.fn, def.valid));
    expect(shown(value)).toEqual(expect.anything());
    expect(value instanceof CoreError).toBe(false);
  });
});
