/**
 * Fuzzing the CLI's formula reader (src/cli/formula/parser.ts), which reads formula text out of
 * workbooks the refresh is handed: untrusted input. `parseFormula` promises never to throw: a
 * formula it cannot read is `{ ok: false, reason }`, kept with its old value and reported, and
 * the other formulas still refresh.
 *
 * FUZZ_RUNS (default 10,000) formulas assembled from the tokens of real ones (SMALLCAP calls in
 * both spellings, references with sheets and $, ranges, whole rows and columns, numbers, strings
 * with doubled quotes, error literals, array constants, operators, unbalanced parentheses,
 * stray characters), plus random text, plus dedicated deeply nested formulas up to 100,000
 * levels (longer than Excel allows, as a crafted file could hold).
 */
import fc from "fast-check";
import ExcelJS from "exceljs";
import { mentionsSmallcap, parseFormula } from "../../src/cli/formula/parser";
import { parseArea } from "../../src/workbook/a1";
import { refreshFormulas } from "../../src/cli/refresh";
import { preview } from "./support/outputs";
import { figure, report } from "../helpers/report";

const RUNS = Number(process.env.FUZZ_RUNS ?? 10_000);
const SEED = Number(process.env.FUZZ_SEED ?? 20_240_611);

const token = fc.oneof(
  fc.constantFrom(
    "SMALLCAP.ICR(",
    "SMALLCAP.ZOMBIE(",
    "_xldudf_SMALLCAP_ICR(",
    "_xludf.SMALLCAP.RELPE(",
    "SUM(",
    "IF(",
    "(",
    ")",
    ",",
    ";",
    "+",
    "-",
    "*",
    "/",
    "^",
    "&",
    "%",
    "=",
    "<>",
    "<=",
    ":",
    "!",
    "A1",
    "$B$2",
    "XFD1048576",
    "XFE1",
    "A0",
    "A:A",
    "1:1",
    "B2:C9",
    "Sheet1!A1",
    "'My Sheet'!B2:B6",
    "'It''s'!A1",
    "'unclosed!A1",
    '"text"',
    '"a""b"',
    '"unclosed',
    "#N/A",
    "#REF!",
    "#DIV/0!",
    "TRUE",
    "FALSE",
    "{1,2;3,4}",
    "{",
    "}",
    "1e308",
    "1e400",
    ".5",
    "0",
    " ",
    "@",
    "[1]Sheet!A1",
    "Name_1",
  ),
  fc.double({ noNaN: true }).map(String),
  fc.string({ maxLength: 3 }),
);

const formula = fc.oneof(
  { weight: 8, arbitrary: fc.array(token, { maxLength: 24 }).map((parts) => parts.join("")) },
  { weight: 1, arbitrary: fc.string({ maxLength: 60 }) },
  { weight: 1, arbitrary: fc.integer({ min: 1, max: 80 }).map((n) => "SMALLCAP.ICR(".repeat(n) + "1" + ")".repeat(n)) },
);

/** Undefined when parseFormula keeps its promise for `text`. */
function problem(text: string): string | undefined {
  try {
    const result = parseFormula(text);
    if (result.ok) return result.expr !== null && typeof result.expr === "object" ? undefined : `ok without an expression`;
    return typeof result.reason === "string" && result.reason !== "" ? undefined : "a refusal without a reason";
  } catch (error) {
    return `threw ${String(error)}`;
  }
}

test(`parseFormula, mentionsSmallcap and parseArea: ${RUNS} generated formulas, never a throw`, () => {
  const samples = fc.sample(formula, { numRuns: RUNS, seed: SEED });
  let throws = 0;
  let parsed = 0;
  const examples: string[] = [];
  for (const text of samples) {
    const p = problem(text);
    try {
      mentionsSmallcap(text);
      parseArea(text);
    } catch (error) {
      throws++;
      if (examples.length < 3) examples.push(`mentionsSmallcap/parseArea ${preview(text)}: ${String(error)}`);
    }
    if (p === undefined) {
      if (parseFormula(text).ok) parsed++;
      continue;
    }
    throws++;
    if (examples.length < 3) examples.push(`${preview(text)}: ${p}`);
  }
  figure(`fuzz parseFormula: ${samples.length} formulas, ${throws} throws (${parsed} parsed, ${samples.length - parsed - throws} refused with a reason)`);
  expect(examples).toEqual([]);
});

test("deeply nested formulas are parsed or refused in words, never a stack overflow (parser and refresh)", () => {
  // Within Excel's 8,192-character formula limit, then far beyond it (a crafted file).
  const cases: [string, string][] = [
    ["4,000 parentheses", `SMALLCAP.ICR(${"(".repeat(4000)}1${")".repeat(4000)},1)`],
    ["8,000 unary minus signs", `SMALLCAP.ICR(${"-".repeat(8000)}1,1)`],
  ];
  for (const depth of [64, 1_000, 10_000, 100_000]) {
    cases.push([`${depth} parentheses`, `SMALLCAP.ICR(${"(".repeat(depth)}1${")".repeat(depth)},1)`]);
    cases.push([`${depth} nested calls`, `${"SMALLCAP.REVERSION(".repeat(depth)}0.1${")".repeat(depth)}`]);
    cases.push([`${depth} unary minus signs`, `SMALLCAP.ICR(${"-".repeat(depth)}1,1)`]);
  }
  /** The whole refresh of a one-formula workbook: parsing, dependency order, evaluation. */
  const refreshProblem = (text: string): string | undefined => {
    const book = new ExcelJS.Workbook();
    book.addWorksheet("Data").getCell("A1").value = { formula: text, result: 0 } as ExcelJS.CellValue;
    try {
      refreshFormulas(book);
      return undefined;
    } catch (error) {
      return `refreshFormulas threw ${String(error)}`;
    }
  };
  const outcomes = cases.map(([name, text]) => ({ name, length: text.length, problem: problem(text) ?? refreshProblem(text) }));
  const thrown = outcomes.filter((o) => o.problem !== undefined);
  report(
    `deep formulas: ${cases.length} cases from 64 to 100,000 levels, ${thrown.length} throws` +
      (thrown.length > 0 ? ` (${thrown.map((o) => `${o.name}, ${o.length} characters`).join("; ")})` : ""),
  );
  expect(thrown.map((o) => `${o.name} (${o.length} characters): ${o.problem}`)).toEqual([]);
});
