/**
 * Plain regression tests for defects the hardening suite found. Each names what failed, where
 * the cause is, and the fix recommended (docs/RELIABILITY.md keeps the same list). They fail
 * until the fix lands in src/, and guard it afterwards.
 */
import ExcelJS from "exceljs";
import { SMALLCAP_FUNCTIONS } from "../../src/functions/definitions";
import { CoreError, EXCEL_ERROR_TEXT } from "../../src/core/errors";
import { indexPe } from "../../src/core/aggregates";
import { presetConfig, runScreen } from "../../src/core/screen";
import { putResultsSheet } from "../../src/cli/output";
import { refreshFormulas } from "../../src/cli/refresh";
import { resultsSheetLayout } from "../../src/workbook/results-layout";
import { ExcelWorkbook } from "../../src/excel/excel-workbook";
import { SAMPLE_HEADERS, sampleRows } from "../../src/preview/sample-data";
import { columnLetters } from "../../src/workbook/a1";
import { refreshSaved, upsertScreen } from "../../src/workbook/screens";
import { FakeExcel, FakeOfficeError } from "../excel/fake-excel";

const only = (grid: unknown[][]): unknown => grid[0][0];
const shown = (v: unknown): unknown => (v instanceof CoreError ? `${EXCEL_ERROR_TEXT[v.code]} ${v.message}` : v);

/**
 * D1. A whitespace-only cell ("   ") is blank to the shared reader (readNumber gives
 * "#N/A missing x", and the contract suite treats it as blank), but `isBlank`
 * (src/core/values.ts:33) only knows null, undefined and "". So where "blank" has a meaning
 * other than #N/A it is not applied to "   ": an optional argument does not take its default
 * (grid.ts:63 and :282, definitions.ts:96 and :115, values.ts:61), INDEXPE does not skip the
 * row (aggregates.ts:28) but fails the whole aggregate with #N/A, and the screen counts a row of
 * spaces as a company (records.ts:110). Found by the bad-input matrix.
 * Fix: `isBlank` = null, undefined, or a string whose trim() is "".
 */
describe('D1: "   " (spaces only) is blank wherever blank has a meaning', () => {
  test.each([
    ["REVERSION mean_premium", () => SMALLCAP_FUNCTIONS.REVERSION(-0.2, "   "), () => SMALLCAP_FUNCTIONS.REVERSION(-0.2, null)],
    ["ZOMBIE years", () => SMALLCAP_FUNCTIONS.ZOMBIE([[5, 8, 9]], [[10, 10, 10]], "   "), () => SMALLCAP_FUNCTIONS.ZOMBIE([[5, 8, 9]], [[10, 10, 10]], null)],
    [
      "ZOMBIE threshold",
      () => SMALLCAP_FUNCTIONS.ZOMBIE([[5, 8, 9]], [[10, 10, 10]], null, "   "),
      () => SMALLCAP_FUNCTIONS.ZOMBIE([[5, 8, 9]], [[10, 10, 10]], null, null),
    ],
    ["MATURITYWALL horizon_years", () => SMALLCAP_FUNCTIONS.MATURITYWALL([[10, 20, 70]], [[1, 3, 7]], "   "), () => SMALLCAP_FUNCTIONS.MATURITYWALL([[10, 20, 70]], [[1, 3, 7]], null)],
    ["RELPERF window", () => SMALLCAP_FUNCTIONS.RELPERF([[100], [102], [105]], [[50], [50.5], [51]], "   "), () => SMALLCAP_FUNCTIONS.RELPERF([[100], [102], [105]], [[50], [50.5], [51]], null)],
    ["QUALITY shock_bps", () => SMALLCAP_FUNCTIONS.QUALITY(50, 0.1, 5, 0.9, 100, 10, 200, "   "), () => SMALLCAP_FUNCTIONS.QUALITY(50, 0.1, 5, 0.9, 100, 10, 200, null)],
    [
      "INDEXPE exclude_unprofitable",
      () => SMALLCAP_FUNCTIONS.INDEXPE([[100], [200]], [[10], [-20]], "   "),
      () => SMALLCAP_FUNCTIONS.INDEXPE([[100], [200]], [[10], [-20]], null),
    ],
    // Was: "#N/A missing market_caps" for the whole aggregate.
    ["INDEXPE market_caps row", () => SMALLCAP_FUNCTIONS.INDEXPE([["   "], [200], [300]], [[10], [20], [15]]), () => SMALLCAP_FUNCTIONS.INDEXPE([[200], [300]], [[20], [15]])],
    ["INDEXPE earnings row", () => SMALLCAP_FUNCTIONS.INDEXPE([[100], [200], [300]], [["   "], [20], [15]]), () => SMALLCAP_FUNCTIONS.INDEXPE([[200], [300]], [[20], [15]])],
  ])("%s", (_name, withSpaces, withBlank) => {
    expect(shown(only(withSpaces()))).toEqual(shown(only(withBlank())));
  });

  test("the screen leaves out a row whose cells are all spaces, as it leaves out an empty row", () => {
    const headers = ["Ticker", "EBIT", "Interest Expense", "FCF"];
    const spaces = runScreen({ headers, rows: [["A", 10, 2, 5], ["   ", " ", "\t", "   "]] }, presetConfig("quality"));
    const empty = runScreen({ headers, rows: [["A", 10, 2, 5], [null, "", null, ""]] }, presetConfig("quality"));
    expect(spaces.ok && spaces.result.summary.rowsScreened).toBe(empty.ok && empty.result.summary.rowsScreened);
  });
});

/**
 * D2. The screen summary's aggregate P/E can be Infinity: `indexPe` (src/core/aggregates.ts:51)
 * returns capSum / earningsSum unchecked, which overflows when the market caps sum past
 * Number.MAX_VALUE or earnings are tiny, and `aggregatePe` (src/core/screen/summary.ts:37)
 * passes it on. SMALLCAP.INDEXPE itself is protected by `finite()`; the summary is not, so
 * ScreenSummary.indexPe breaks its "number or null" promise. Seen from outside: `smallcap screen
 * --out x.xlsx` writes <v>Infinity</v> (index P/E) and <v>NaN</v> (index drag, Infinity minus
 * Infinity) into the results sheet (`resultsSheetLayout`, now in src/workbook/results-layout.ts), numeric cells
 * Excel cannot read. Found by the screen fuzzer (shrunk: one row, market cap 8.9e-16, net income
 * 5e-324). Fix: in indexPe, return #NUM! when the quotient is not finite (or map a non-finite
 * value to null in aggregatePe); as defence in depth, pass the summary numbers in
 * resultsSheetLayout through its finiteOrNull as the row numbers already are.
 */
describe("D2: the aggregate P/E is finite or absent, never Infinity", () => {
  test("the CLI results sheet holds no non-finite number", () => {
    const outcome = runScreen(
      { headers: ["Ticker", "Market Cap", "Net Income", "EBIT", "Interest Expense", "FCF"], rows: [["A", 1e308, 1, 10, 2, 5], ["B", 1e308, 1, 10, 2, 5]] },
      presetConfig("quality"),
    );
    expect(outcome.ok).toBe(true);
    if (!outcome.ok) return;
    const sheet = putResultsSheet(new ExcelJS.Workbook(), resultsSheetLayout(outcome.result, { source: "in.csv" }));
    const bad: string[] = [];
    sheet.eachRow((row) => row.eachCell((cell) => typeof cell.value === "number" && !Number.isFinite(cell.value) && bad.push(`${cell.address}=${cell.value}`)));
    // Was: L9 and L10 = Infinity (index P/E with and without the unprofitable rows), L11 = NaN (index drag).
    expect(bad).toEqual([]);
  });

  test("indexPe on sums that overflow", () => {
    const pe = indexPe([1e308, 1e308], [1, 1], { excludeUnprofitable: false });
    expect(typeof pe === "number" ? Number.isFinite(pe) : pe instanceof CoreError).toBe(true);
  });

  test.each([
    ["tiny earnings", [["A", 8.881784197001252e-16, 5e-324, 5]]],
    ["market caps that sum past Number.MAX_VALUE", [["A", 1e308, 1, 5], ["B", 1e308, 1, 5]]],
  ])("runScreen summary with %s", (_name, rows) => {
    const outcome = runScreen({ headers: ["Ticker", "Market Cap", "Net Income", "FCF"], rows }, presetConfig("quality"));
    expect(outcome.ok).toBe(true);
    if (!outcome.ok) return;
    for (const pe of [outcome.result.summary.indexPe, outcome.result.summary.indexPeExUnprofitable]) {
      expect(pe === null || Number.isFinite(pe)).toBe(true);
    }
  });
});

/**
 * D3. `smallcap screen --out results.xlsx` writes data text longer than Excel's 32,767-character
 * cell limit into the results sheet as is: `putResultsSheet` (src/cli/output.ts:63,
 * `target.value = cell.value`) does not clip, and [MS-OI29500] 2.1.706 says Excel restricts a
 * cell's text to 32,767 characters, so Excel reports the file as damaged and repairs it. Found by
 * the CLI hostile-text test (a 100 KB ticker and name). The pane clips
 * (`plain` in src/workbook/results-sheet.ts: 32,766 characters and "…"); CSV output has no limit and
 * keeps the whole string. Fix: clip strings in putResultsSheet (or in resultsSheetLayout for
 * the xlsx path only) the same way as the pane.
 */
test("D3: the CLI's results sheet keeps every cell within Excel's 32,767 characters", () => {
  const big = "A".repeat(100_000);
  const outcome = runScreen({ headers: ["Ticker", "Company", "EBIT", "Interest Expense", "FCF"], rows: [[big, big, 10, 2, 5]] }, presetConfig("quality"));
  expect(outcome.ok).toBe(true);
  if (!outcome.ok) return;
  const book = new ExcelJS.Workbook();
  const sheet = putResultsSheet(book, resultsSheetLayout(outcome.result, { source: "in.csv" }));
  const lengths: number[] = [];
  sheet.eachRow((row) => row.eachCell((cell) => typeof cell.value === "string" && lengths.push(cell.value.length)));
  expect(Math.max(...lengths)).toBeLessThanOrEqual(32_767);
});

/**
 * D4. A pane refresh that failed after its first write round trip left a half-written results
 * sheet: `ExcelWorkbook.writeResults` (src/excel/excel-workbook.ts) deleted the previous results
 * sheet and wrote the new values in the first sync, and added the table, formats and chart only
 * in the last, so a dropped connection (or Excel busy) between the two left values without
 * their table or chart. Found by the fault-injection test (excel-adapter.test.ts). Fixed in
 * src/ during this work: the new results are written to a staging sheet and swapped in at the
 * last sync, and a failed write removes the staging sheet. This test guards the fix.
 */
test("D4: a refresh that fails between its write round trips keeps the previous results whole", async () => {
  const fake = new FakeExcel();
  const rows = sampleRows(20);
  fake.addSheet("Universe", [[...SAMPLE_HEADERS], ...rows]);
  fake.addTable("Universe", "Universe", `A1:${columnLetters(SAMPLE_HEADERS.length)}${rows.length + 1}`);
  const workbook = new ExcelWorkbook(fake.run);
  const { saved } = upsertScreen(
    [],
    { name: "Q", source: { sheet: "Universe", table: "Universe" }, mapping: null, config: presetConfig("quality"), output: "SMALLCAP Results Q" },
    new Date(0),
    () => "q",
  );
  const first = await refreshSaved(workbook, saved);
  expect(first.ok ? "ok" : first.message).toBe("ok");
  const before = fake.structure();
  const context = fake.context as { sync: () => Promise<void> };
  const original = context.sync;
  let count = 0;
  context.sync = async () => {
    // The refresh's second round trip (its first write) fails: the connection dropped.
    if (++count === 2) throw new FakeOfficeError("GeneralException", "The connection to Excel was lost.");
    return original();
  };
  const outcome = await refreshSaved(workbook, saved);
  context.sync = original;
  expect(outcome.ok).toBe(false);
  // Was: the results table and chart gone, the sheet holding bare values.
  expect(fake.structure()).toEqual(before);
});

/**
 * D5. One formula nested a few thousand levels deep makes the refresh overflow the call stack:
 * 4,000 parentheses or 8,000 unary minus signs fit in Excel's 8,192-character formula limit, and
 * a crafted or third-party-written file can hold more. `parseFormula`
 * (src/cli/formula/parser.ts:483; its comment says "Never throws", but line 490 rethrows) lets the
 * RangeError from its recursive descent escape (parseUnary :294 -> parsePrimary ->
 * parseComparison -> ... -> parseUnary), and a formula it does parse (8,000 minus signs)
 * overflows `references` (src/cli/refresh.ts:71, whose comment assumes Excel's 64-level limit). `smallcap refresh` then stops with "internal error:
 * Maximum call stack size exceeded" (exit 70) and refreshes nothing, instead of keeping that one
 * formula's value and reporting it; the input file is not touched. Found by
 * fuzz-formula.test.ts; reproduced end to end with the CLI. Fix: count nesting depth in the
 * parser (e.g. in parseUnary, which every nested operand passes through) and refuse past 256
 * levels with `Unsupported`; that bounds the tree, so references() and the evaluator are safe.
 */
test("D5: a formula nested too deeply is reported, and the other formulas still refresh", () => {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet("Data");
  sheet.getCell("A1").value = 10;
  sheet.getCell("B1").value = 2;
  sheet.getCell("C1").value = { formula: "SMALLCAP.ICR(A1,B1)", result: 0 } as ExcelJS.CellValue;
  sheet.getCell("C2").value = { formula: `SMALLCAP.ICR(${"(".repeat(100_000)}1${")".repeat(100_000)},1)`, result: 0 } as ExcelJS.CellValue;
  sheet.getCell("C3").value = { formula: `SMALLCAP.ICR(${"-".repeat(100_000)}1,1)`, result: 0 } as ExcelJS.CellValue;
  sheet.getCell("C4").value = { formula: `SMALLCAP.ICR(${"(".repeat(4000)}1${")".repeat(4000)},1)`, result: 0 } as ExcelJS.CellValue;
  sheet.getCell("C5").value = { formula: `SMALLCAP.ICR(${"-".repeat(8000)}1,1)`, result: 0 } as ExcelJS.CellValue;
  let report: ReturnType<typeof refreshFormulas> | undefined;
  expect(() => (report = refreshFormulas(book))).not.toThrow();
  expect(sheet.getCell("C1").result).toBe(5);
  expect(report?.problems.map((p) => p.cell).sort()).toEqual(["Data!C2", "Data!C3", "Data!C4", "Data!C5"]);
});
