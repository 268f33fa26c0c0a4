/**
 * fast-check generators for the hardening suite: every kind of value a worksheet, exceljs, a
 * CSV reader or another caller of the core can hand a SMALLCAP function or the screen engine.
 *
 * The mix is deliberately hostile: blanks of every spelling, accounting text, plain and
 * formula-like text, booleans, NaN, +-Infinity, -0, numbers near the limits of a double,
 * Excel error cells in both hosts' shapes, exceljs cell objects (formula, rich text, hyperlink),
 * dates, and arrays where a cell was expected.
 */
import fc from "fast-check";
import { coreError } from "../../../src/core/errors";

/** Excel's own error spellings, plus ones the core does not know. */
export const ERROR_TEXTS = ["#N/A", "#VALUE!", "#DIV/0!", "#NUM!", "#NULL!", "#NAME?", "#REF!", "#SPILL!", "#CALC!", "#GETTING_DATA"] as const;

/** Numbers of every magnitude, including the awkward ones. */
export const anyNumber: fc.Arbitrary<number> = fc.oneof(
  { weight: 4, arbitrary: fc.double() },
  { weight: 3, arbitrary: fc.integer({ min: -1_000_000, max: 1_000_000 }) },
  { weight: 2, arbitrary: fc.double({ min: -10, max: 10, noNaN: true }) },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      0,
      -0,
      1,
      -1,
      Number.NaN,
      Infinity,
      -Infinity,
      Number.MAX_VALUE,
      -Number.MAX_VALUE,
      Number.MIN_VALUE,
      -Number.MIN_VALUE,
      Number.EPSILON,
      Number.MAX_SAFE_INTEGER,
      -Number.MAX_SAFE_INTEGER,
      1e308,
      -1e308,
      1e-308,
      5e-324,
      0.1 + 0.2,
      1e15 + 0.3,
    ),
  },
);

/** en-US accounting spellings of a number: `1,234.5`, `(250)`, `12%`, `$1,000`, `1e3`, padded. */
export const accountingText: fc.Arbitrary<string> = fc
  .tuple(
    fc.oneof(fc.integer({ min: 0, max: 10_000_000_000 }), fc.double({ min: 0, max: 1e12, noNaN: true })),
    fc.constantFrom("plain", "grouped", "parens", "minus", "plus", "percent", "dollar", "exp", "dot"),
    fc.constantFrom("", " ", "  ", "\t"),
  )
  .map(([x, style, pad]) => {
    const grouped = x.toLocaleString("en-US", { maximumFractionDigits: 6 });
    const plain = grouped.replace(/,/g, "");
    const body =
      style === "grouped"
        ? grouped
        : style === "parens"
          ? `(${grouped})`
          : style === "minus"
            ? `-${plain}`
            : style === "plus"
              ? `+${plain}`
              : style === "percent"
                ? `${plain}%`
                : style === "dollar"
                  ? `$${grouped}`
                  : style === "exp"
                    ? `${(x / 1000).toFixed(3)}e3`
                    : style === "dot"
                      ? `.${String(Math.floor(x)).slice(0, 4)}`
                      : plain;
    return pad + body + pad;
  });

/** Text that is not a number, some of it dangerous elsewhere (formulas, markup, huge). */
export const plainText: fc.Arbitrary<string> = fc.oneof(
  fc.string(),
  fc.string({ unit: "grapheme" }),
  fc.constantFrom(
    "abc",
    "n/a",
    "NA",
    "-",
    "--",
    "1,23",
    "12abc",
    "1.2.3",
    "((1))",
    "(1",
    "1)",
    "%",
    "$",
    "1e",
    "e5",
    "1e400",
    "-1e400",
    "TRUE",
    "FALSE",
    "=1+1",
    "=SUM(A1:A2)",
    "+1+1",
    "@SUM(A1)",
    "=cmd|'/c calc'!A1",
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "javascript:alert(1)",
    "\u0000",
    "\u200b12",
    "１２",
    "NaN",
    "Infinity",
    "-Infinity",
    "0x10",
    "1_000",
    "constructor",
    "__proto__",
    "toString",
  ),
);

/** A blank in each spelling a host may use. */
export const blank: fc.Arbitrary<unknown> = fc.constantFrom(null, undefined, "", " ", "   ", "\t", "\n");

/** An error arriving as data: Office.js (`code`), exceljs (`error`) and the core's own. */
export const errorCell: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(...ERROR_TEXTS).map((code) => ({ code })),
  fc.constantFrom(...ERROR_TEXTS).map((code) => ({ code, message: "from the sheet" })),
  fc.constantFrom(...ERROR_TEXTS).map((error) => ({ error })),
  fc.constantFrom(coreError("DIV0", "upstream"), coreError("NA", ""), coreError("REF", "deleted")),
);

/** Cell objects exceljs hands back, and other non-primitive values. */
export const objectCell: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom<unknown>(
    {},
    { formula: "SUM(A1:A2)", result: 3 },
    { formula: "A1", result: { error: "#N/A" } },
    { sharedFormula: "A2", result: 7 },
    { richText: [{ text: "12" }] },
    { text: "link", hyperlink: "https://example.invalid" },
    new Date(Date.UTC(2024, 0, 31)),
    [],
    [[]],
    [1],
    [[1, 2]],
    { code: 404 },
    { error: 7 },
    { code: "#N/A", error: "#REF!" },
    Object.create(null) as object,
  ),
);

/** One cell, from any host. */
export const anyCell: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 8, arbitrary: anyNumber },
  { weight: 3, arbitrary: blank },
  { weight: 3, arbitrary: accountingText },
  { weight: 3, arbitrary: plainText },
  { weight: 2, arbitrary: fc.boolean() },
  { weight: 2, arbitrary: errorCell },
  { weight: 1, arbitrary: objectCell },
);

/** Mostly usable numbers: so the arithmetic paths, not only the error paths, get exercised. */
export const mostlyNumber: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 10, arbitrary: fc.double({ min: -1e6, max: 1e6, noNaN: true }) },
  { weight: 6, arbitrary: fc.double({ min: 0, max: 1, noNaN: true }) },
  { weight: 4, arbitrary: fc.integer({ min: -5, max: 40 }) },
  { weight: 4, arbitrary: anyCell },
);

const cellOf = fc.oneof({ weight: 1, arbitrary: anyCell }, { weight: 1, arbitrary: mostlyNumber });

/** A rectangular range of `rows` x `cols`. */
export function rectangle(rows: number, cols: number, cell: fc.Arbitrary<unknown> = cellOf): fc.Arbitrary<unknown[][]> {
  return fc.array(fc.array(cell, { minLength: cols, maxLength: cols }), { minLength: rows, maxLength: rows });
}

/**
 * One argument: a single value, a rectangle of a shape shared by the call (so element-wise
 * work happens), a rectangle of some other shape, a ragged or empty array, a flat array.
 */
export function argument(shape: { rows: number; cols: number }): fc.Arbitrary<unknown> {
  return fc.oneof(
    { weight: 5, arbitrary: cellOf },
    { weight: 6, arbitrary: rectangle(shape.rows, shape.cols) },
    { weight: 2, arbitrary: fc.integer({ min: 1, max: 5 }).chain((r) => fc.integer({ min: 1, max: 5 }).chain((c) => rectangle(r, c))) },
    { weight: 1, arbitrary: fc.array(fc.array(cellOf, { maxLength: 5 }), { maxLength: 5 }) },
    { weight: 1, arbitrary: fc.array(cellOf, { maxLength: 6 }) },
    { weight: 1, arbitrary: fc.constantFrom<unknown>([], [[]], [[], []], [[1], 2], [1, [2, 3]], [[1, 2], [3]], [null], [[null]]) },
  );
}

/** The arguments of one call: zero to `maxArgs + 2` of them, sharing a shape most of the time. */
export function callArguments(maxArgs: number): fc.Arbitrary<unknown[]> {
  return fc
    .record({ rows: fc.integer({ min: 1, max: 6 }), cols: fc.integer({ min: 1, max: 6 }) })
    .chain((shape) => fc.array(argument(shape), { minLength: 0, maxLength: maxArgs + 2 }));
}

/**
 * A deterministic 1 x `width` range cycling through every kind of cell, for the dedicated
 * large-range case (not random: the same range every run).
 */
export function wideRange(width: number, offset = 0): unknown[][] {
  const kinds: unknown[] = [
    12.5,
    4,
    -3,
    0,
    -0,
    0.25,
    1e308,
    5e-324,
    null,
    "",
    "   ",
    "(250)",
    "1,234.5",
    "12%",
    "abc",
    true,
    false,
    Number.NaN,
    Infinity,
    -Infinity,
    { code: "#REF!" },
    { error: "#N/A" },
    7,
    0.8,
    3,
  ];
  const row = new Array<unknown>(width);
  for (let i = 0; i < width; i++) row[i] = kinds[(i + offset) % kinds.length];
  // Mostly plain numbers after the first cycle, so the arithmetic path carries the bulk.
  for (let i = kinds.length; i < width; i++) if ((i + offset) % 3 !== 0) row[i] = ((i * 7919 + offset) % 1000) / 10 + 0.5;
  return [row];
}

/** A cell that is usually a plausible number for `role`, sometimes anything at all. */
function roleCell(kind: "price" | "share" | "money" | "years", noise = 12): fc.Arbitrary<unknown> {
  const plausible =
    kind === "price"
      ? fc.double({ min: 0.01, max: 5000, noNaN: true })
      : kind === "share"
        ? fc.double({ min: 0, max: 1, noNaN: true })
        : kind === "years"
          ? fc.integer({ min: 0, max: 30 })
          : fc.oneof(fc.double({ min: -1e9, max: 1e9, noNaN: true }), fc.integer({ min: -100, max: 100 }));
  return fc.oneof({ weight: noise, arbitrary: plausible }, { weight: 1, arbitrary: anyCell });
}

/** The value kind of a named argument, so generated numbers sit in its usual range. */
function kindOf(name: string): "price" | "share" | "money" | "years" {
  if (/price|_pe$|cap/.test(name)) return "price";
  if (/share|premium/.test(name)) return "share";
  if (/years|horizon|wam|window/.test(name)) return "years";
  return "money";
}

/** Headers the screen recognises (and one it does not), for generated SCREEN tables. */
const SCREEN_HEADERS = ["Ticker", "Company", "EBIT", "Interest Expense", "Total Debt", "Floating Rate Share", "WAM", "FCF", "Domestic Revenue %", "Fwd P/E", "Market Cap", "EBIT 2023", "EBIT 2024", "Interest Expense 2023", "Interest Expense 2024", "Notes"];

/** A table with a header row of recognised headers (some of them) and rows of mostly plausible cells. */
function screenTable(rows: number): fc.Arbitrary<unknown[][]> {
  return fc
    .shuffledSubarray(SCREEN_HEADERS, { minLength: 1 })
    .chain((headers) =>
      fc.array(fc.array(roleCell("money"), { minLength: headers.length, maxLength: headers.length }), { minLength: 0, maxLength: rows + 3 }).map((body) => [headers, ...body]),
    );
}

/**
 * Arguments shaped as a careful analyst would pass them (ranges of one shape, series as wide as
 * each other, a window shorter than the prices), filled with mostly plausible numbers and the
 * odd bad cell: this drives the arithmetic, where overflow and 0/0 live.
 */
export function plausibleArguments(args: readonly { readonly name: string; readonly role: string; readonly optional?: boolean }[]): fc.Arbitrary<unknown[]> {
  return fc
    .record({
      rows: fc.integer({ min: 1, max: 6 }),
      cols: fc.integer({ min: 1, max: 6 }),
      length: fc.integer({ min: 1, max: 30 }),
      omit: fc.array(fc.boolean(), { minLength: args.length, maxLength: args.length }),
      single: fc.array(fc.boolean(), { minLength: args.length, maxLength: args.length }),
    })
    .chain(({ rows, cols, length, omit, single }) =>
      fc.tuple(
        ...args.map((spec, i): fc.Arbitrary<unknown> => {
          if (spec.optional === true && omit[i]) return fc.constant(null);
          const cell = roleCell(kindOf(spec.name));
          switch (spec.role) {
            case "cell":
              return single[i] ? cell : rectangle(rows, cols, cell);
            case "series":
              return rectangle(rows, cols, cell);
            case "perRow":
              return single[i]
                ? fc.oneof(fc.integer({ min: 0, max: cols + 1 }), cell)
                : rectangle(rows, 1, fc.oneof(fc.integer({ min: 0, max: cols + 1 }), cell));
            case "paired":
            case "prices":
              // Long columns: a lower rate of bad cells, or nearly every call would be an error.
              return rectangle(length, 1, roleCell(kindOf(spec.name), 80));
            case "window":
              return fc.oneof(fc.integer({ min: 0, max: length + 1 }), cell);
            case "flag":
              return fc.oneof(fc.boolean(), fc.constantFrom<unknown>(0, 1, "TRUE", "false", null), anyCell);
            case "shocks":
              return single[i] ? cell : fc.oneof(rectangle(1, cols, cell), rectangle(rows, 1, cell));
            case "table":
              return screenTable(rows);
            case "preset":
              return fc.oneof(fc.constantFrom<unknown>("quality", "zombies", "stress", " Stress ", "growth"), anyCell);
            case "settings":
              return fc.oneof(
                fc.constantFrom<unknown>("icr=2.5", "shockBps=300; zombieYears=1", "maturity=off\nicr=1", "colour=blue", "icr=", [["icr", 2], ["floatingShare", "30%"]], [["icr", true, 1]]),
                anyCell,
              );
            default:
              return cell;
          }
        }),
      ),
    );
}
