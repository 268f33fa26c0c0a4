/**
 * The sample generator: deterministic to the byte, distributions on the framework's numbers,
 * plainly marked synthetic, and the committed files in samples/ are what it generates.
 */
import { readFileSync } from "fs";
import * as path from "path";
import ExcelJS from "exceljs";
import { SMALLCAP_FUNCTIONS } from "../../src/functions/definitions";
import { readCell, toStoredValue } from "../../src/cli/cell-values";
import { readSavedScreens } from "../../src/cli/saved-screens";
import {
  SCREEN_SHOCK_ROW,
  SCREEN_SPILL_ROW,
  SYNTHETIC_NOTE,
  VALUATION_MONTHS,
  distributionStats,
  generateCompanies,
  generateValuationHistory,
  writeSample,
} from "../../scripts/make-sample";
import { readWorkbook, tempDir } from "./helpers";

const ROOT = path.resolve(__dirname, "..", "..");
const tmp = tempDir("smallcap-sample-");
let first: Awaited<ReturnType<typeof writeSample>>;
let workbook: ExcelJS.Workbook;

beforeAll(async () => {
  first = await writeSample(path.join(tmp.dir, "a"));
  workbook = await readWorkbook(first.workbookPath);
}, 60_000);

afterAll(() => tmp.cleanup());

test("the same bytes every run", async () => {
  const second = await writeSample(path.join(tmp.dir, "b"));
  expect(readFileSync(second.workbookPath).equals(readFileSync(first.workbookPath))).toBe(true);
  expect(readFileSync(second.csvPath, "utf8")).toBe(readFileSync(first.csvPath, "utf8"));
});

test("the committed samples are the generator's output (run `npm run sample` after changing it)", () => {
  expect(readFileSync(path.join(ROOT, "samples", "smallcap-universe.xlsx")).equals(readFileSync(first.workbookPath))).toBe(true);
  expect(readFileSync(path.join(ROOT, "samples", "universe.csv"), "utf8")).toBe(readFileSync(first.csvPath, "utf8"));
});

test("distributions follow the framework", () => {
  const s = first.stats;
  expect(s.companies).toBeGreaterThanOrEqual(500);
  expect(s.meanFloatingShare).toBeGreaterThan(0.35);
  expect(s.meanFloatingShare).toBeLessThan(0.45);
  expect(s.unprofitableShare).toBeGreaterThan(0.2);
  expect(s.unprofitableShare).toBeLessThan(0.3);
  expect(s.zombieShare).toBeGreaterThan(0.12);
  expect(s.zombieShare).toBeLessThan(0.18);
  expect(s.domesticAbove80).toBeGreaterThan(0.6);
  expect(s.forwardPe.p90 / s.forwardPe.p10).toBeGreaterThan(3);
  expect(s.indexPe).toBeGreaterThan(s.indexPeExUnprofitable);
  expect(s.premiumMean).toBeCloseTo(0.12, 2);
  expect(s.premiumLatest).toBeCloseTo(-0.2, 2);
  expect(s.premiumMin).toBeGreaterThan(-0.25);
});

test("the quota of zombies holds at any size", () => {
  for (const n of [500, 1000, 5000]) {
    const stats = distributionStats(generateCompanies(n, 7), generateValuationHistory(7));
    expect(stats.zombieShare).toBeCloseTo(0.15, 2);
  }
});

test("it says plainly that the companies are synthetic, on the data sheet and a Read me sheet", () => {
  expect(workbook.worksheets.map((s) => s.name)).toEqual([
    "Read me",
    "Universe",
    "Valuation",
    "Screen",
    "Model",
    "_smallcap",
    "SMALLCAP Results",
    "SMALLCAP Results (stress)",
  ]);
  expect((workbook.getWorksheet("Universe") as ExcelJS.Worksheet).getCell("A1").value).toBe(SYNTHETIC_NOTE);
  expect(SYNTHETIC_NOTE).toMatch(/^SYNTHETIC DATA: every company, ticker and number in this workbook is invented/);
  const readMe = workbook.getWorksheet("Read me") as ExcelJS.Worksheet;
  expect(readMe.getCell("A3").value).toBe(SYNTHETIC_NOTE);
  expect(readFileSync(first.csvPath, "utf8").split("\r\n")[0]).toMatch(/Operating Income \(Loss\) FY2022.*"Interest Expense, Net FY2022".*Free Cash Flow.*Fwd P\/E/);
});

test("SMALLCAP formulas sit beside the data with cached results computed by the core", () => {
  const universe = workbook.getWorksheet("Universe") as ExcelJS.Worksheet;
  expect(universe.getCell("Y4").formula).toBe("SMALLCAP.ZOMBIE(H4:J4,K4:M4)");
  expect(universe.getCell("Z4").formula).toBe("SMALLCAP.RATING(J4,M4)");
  const v = (address: string): unknown => readCell(universe.getCell(address));
  expect(universe.getCell("Z4").model.result).toBe(SMALLCAP_FUNCTIONS.RATING(v("J4"), v("M4"))[0][0]);
  expect(universe.getCell("AB4").model.result).toEqual(toStoredValue(SMALLCAP_FUNCTIONS.DOL(v("I4"), v("J4"), v("E4"), v("F4"))[0][0]));
});

test("debt-free companies read sensibly: not rated instead of AAA, and the Read me sheet explains their error cells", () => {
  const universe = workbook.getWorksheet("Universe") as ExcelJS.Worksheet;
  const rows: { debt: unknown; ebit: unknown; icr: unknown; shocked: unknown; rating: unknown }[] = [];
  for (let r = 4; r <= universe.rowCount; r++) {
    const result = (col: string): unknown => universe.getCell(`${col}${r}`).model.result;
    if (readCell(universe.getCell(`G${r}`)) === 0) rows.push({ debt: 0, ebit: readCell(universe.getCell(`J${r}`)), icr: result("W"), shocked: result("X"), rating: result("Z") });
  }
  expect(rows.length).toBeGreaterThan(0);
  for (const row of rows) {
    expect(row.icr).toEqual({ error: "#DIV/0!" });
    expect(row.shocked).toEqual({ error: "#N/A" });
    expect(row.rating).toEqual((row.ebit as number) > 0 ? "AAA" : { error: "#N/A" });
  }
  const readMe = (workbook.getWorksheet("Read me") as ExcelJS.Worksheet).getColumn(1).values.map(String).join("\n");
  const losses = rows.filter((r) => (r.ebit as number) <= 0).length;
  expect(readMe).toContain(`${rows.length} companies carry no debt (Total Debt 0, no interest expense; ${losses} of them have an operating loss in 2024)`);
  expect(readMe).toContain("Synthetic rating #N/A when EBIT <= 0");
  expect(readMe).toContain("--out samples/out/refreshed.xlsx");
});

test("the Valuation sheet: RELPE, REVERSION and a spilled RELPERF over 20 years of months", () => {
  const sheet = workbook.getWorksheet("Valuation") as ExcelJS.Worksheet;
  const last = 1 + VALUATION_MONTHS;
  expect(sheet.getCell(`D${last}`).formula).toBe(`SMALLCAP.RELPE(B${last},C${last})`);
  const anchor = sheet.getCell("H2").model as { formula?: string; shareType?: string; ref?: string };
  expect(anchor).toMatchObject({ formula: `SMALLCAP.RELPERF(F2:F${last},G2:G${last},12)`, shareType: "array", ref: `H2:H${last}` });
  const column = (c: string): unknown[][] => Array.from({ length: VALUATION_MONTHS }, (_, i) => [readCell(sheet.getCell(`${c}${i + 2}`))]);
  const expected = SMALLCAP_FUNCTIONS.RELPERF(column("F"), column("G"), 12).map((row) => toStoredValue(row[0]));
  const actual = Array.from({ length: VALUATION_MONTHS }, (_, i) => (i === 0 ? sheet.getCell("H2").model.result : sheet.getCell(`H${i + 2}`).value));
  expect(actual).toEqual(expected);
  expect(readCell(sheet.getCell("A2"))).toBe(38383); // 2005-01-31
  expect(sheet.getCell("K5").formula).toBe("SMALLCAP.REVERSION(K4,K3)");
  expect(sheet.getCell("K5").model.result).toBeCloseTo(0.4, 2); // a -20% discount reverting to +12% is +40%
});

test("it carries saved screens in the _smallcap sheet, with their results sheets", () => {
  const stored = readSavedScreens(workbook);
  expect(stored.problems).toEqual([]);
  expect(stored.screens.map((s) => [s.name, s.output.sheet, s.source])).toEqual([
    ["Quality small caps", "SMALLCAP Results", { sheet: "Universe", address: "A3:AB603" }],
    ["Rate stress +300 bp", "SMALLCAP Results (stress)", { sheet: "Universe", address: "A3:AB603" }],
  ]);
  expect((workbook.getWorksheet("_smallcap") as ExcelJS.Worksheet).state).toBe("veryHidden");
});

test("the Screen sheet: a live SCREEN of the universe, the same names as the saved quality screen, and a SHOCKSWEEP row", () => {
  const sheet = workbook.getWorksheet("Screen") as ExcelJS.Worksheet;
  const universe = workbook.getWorksheet("Universe") as ExcelJS.Worksheet;
  const anchor = sheet.getCell(SCREEN_SPILL_ROW, 1).model as { formula?: string; shareType?: string; ref?: string; result?: unknown };
  expect(anchor).toMatchObject({ formula: "SMALLCAP.SCREEN(Universe!A3:AB603)", shareType: "array", result: "Rank" });
  // What the refresh cached is what SCREEN gives on the universe's cells (header row included).
  const table = Array.from({ length: 601 }, (_, r) => Array.from({ length: 28 }, (_, c) => readCell(universe.getCell(3 + r, c + 1))));
  const expected = SMALLCAP_FUNCTIONS.SCREEN(table).map((row) => row.map(toStoredValue));
  expect(anchor.ref).toBe(`A${SCREEN_SPILL_ROW}:I${SCREEN_SPILL_ROW + expected.length - 1}`);
  const spilled = expected.map((row, r) => row.map((_, c) => (r === 0 && c === 0 ? anchor.result : sheet.getCell(SCREEN_SPILL_ROW + r, c + 1).value)));
  expect(spilled).toEqual(expected);
  // The saved "Quality small caps" screen wrote its results sheet from the same range: same names, same order.
  const results = workbook.getWorksheet("SMALLCAP Results") as ExcelJS.Worksheet;
  const saved: unknown[] = [];
  for (let r = 2; results.getCell(r, 4).value === true; r++) saved.push(results.getCell(r, 2).value);
  expect(expected.slice(1).map((row) => row[1])).toEqual(saved);
  expect(saved.length).toBeGreaterThan(10);

  const shocks = Array.from({ length: 11 }, (_, i) => sheet.getCell(SCREEN_SHOCK_ROW, 2 + i).value);
  expect(shocks).toEqual([0, 50, 100, 150, 200, 250, 300, 350, 400, 450, 500]);
  const column = (letter: string) => Array.from({ length: 600 }, (_, i) => [readCell(universe.getCell(`${letter}${4 + i}`))]);
  for (const [row, threshold] of [[SCREEN_SHOCK_ROW + 1, null], [SCREEN_SHOCK_ROW + 2, 1.5]] as const) {
    const shares = SMALLCAP_FUNCTIONS.SHOCKSWEEP(column("J"), column("M"), column("G"), column("N"), [shocks], threshold)[0];
    const cached = shocks.map((_, i) => (i === 0 ? sheet.getCell(row, 2).model.result : sheet.getCell(row, 2 + i).value));
    expect(cached).toEqual(shares);
    expect(shares.every((share) => typeof share === "number" && share > 0 && share < 1)).toBe(true);
  }
});
