/**
 * The headless refresh on real .xlsx files written and read back by exceljs: formula text is
 * kept, cached values are exactly what SMALLCAP_FUNCTIONS return for the same inputs, spills
 * land where Excel spills them, and every other cell is left as it was.
 */
import ExcelJS from "exceljs";
import { SMALLCAP_FUNCTIONS } from "../../src/functions/definitions";
import { refreshFormulas, type RefreshReport } from "../../src/cli/refresh";
import { refreshText } from "../../src/cli/refresh-command";
import { toStoredValue } from "../../src/cli/cell-values";
import type { Grid } from "../../src/core/grid";
import { roundTrip, snapshot, snapshotWorkbook, tempDir } from "./helpers";

const stored = (grid: Grid): unknown[][] => grid.map((row) => row.map(toStoredValue));
const call = (name: string, ...args: unknown[]): unknown[][] => stored(SMALLCAP_FUNCTIONS[name](...args));

/** Inputs of five companies; row 2..6. Includes numeric text, a blank, an error cell and zero interest. */
const EBIT = [120, "1,234.5", -40, null, 75];
const INTEREST = [40, "(250)", 10, 12, 0];
const DEBT = [800, 3000, 200, 150, 0];
const FLOATING = [0.4, 0.1, 1, 0.5, 0];
const EBIT_HISTORY = [
  [100, 110, 120],
  [900, 1100, 1234.5],
  [-10, -20, -40],
  [5, { error: "#N/A" }, 6],
  [70, 72, 75],
];
const INTEREST_HISTORY = [
  [30, 35, 40],
  [200, 220, 250],
  [8, 9, 10],
  [10, 11, 12],
  [0, 0, 0],
];
const STALE = 999;

function formula(sheet: ExcelJS.Worksheet, address: string, text: string, result: unknown = STALE): void {
  sheet.getCell(address).value = { formula: text, result } as ExcelJS.CellValue;
}

function buildWorkbook(): ExcelJS.Workbook {
  const workbook = new ExcelJS.Workbook();
  const data = workbook.addWorksheet("Data");
  data.getRow(1).values = ["Ticker", "EBIT", "Interest", "Debt", "Floating", "EBIT 2022", "EBIT 2023", "EBIT 2024", "Int 2022", "Int 2023", "Int 2024"];
  for (let i = 0; i < 5; i++) {
    const r = i + 2;
    data.getCell(r, 1).value = ["AAA", "=BBB", "CCC", "DDD", "EEE"][i];
    data.getCell(r, 2).value = EBIT[i] as ExcelJS.CellValue;
    data.getCell(r, 3).value = INTEREST[i] as ExcelJS.CellValue;
    data.getCell(r, 4).value = DEBT[i];
    data.getCell(r, 5).value = FLOATING[i];
    EBIT_HISTORY[i].forEach((v, t) => (data.getCell(r, 6 + t).value = v as ExcelJS.CellValue));
    INTEREST_HISTORY[i].forEach((v, t) => (data.getCell(r, 9 + t).value = v));
  }
  formula(data, "L2", "SMALLCAP.ICR(B2,C2)");
  formula(data, "L3", "_xldudf_SMALLCAP_ICR(B3,C3)");
  formula(data, "L4", "_xludf.SMALLCAP.ICR(B4,$C$4)");
  formula(data, "L5", "SMALLCAP.ICR(B5,C5)");
  formula(data, "L6", "SMALLCAP.ICR(B6,C6)");
  formula(data, "M2", "SMALLCAP.SHOCKICR(B2,C2,D2,E2,200)");
  formula(data, "N2", "SMALLCAP.ZOMBIE(F2:H2,I2:K2)");
  formula(data, "N3", "_xldudf_SMALLCAP_ZOMBIE(F3:H3,I3:K3,2,0.8)");
  formula(data, "N4", "SMALLCAP.ZOMBIE(F4:H4,I4:K4,,1.5)");
  formula(data, "N5", "SMALLCAP.ZOMBIE(F5:H5,I5:K5)");
  formula(data, "O2", "SMALLCAP.ICR(B2:B6,C2:C6)");
  formula(data, "P2", "SMALLCAP.RATING(B2,C2)", "stale");
  formula(data, "Q2", "SMALLCAP.REVERSION(SMALLCAP.RELPE(20,25))");
  formula(data, "Q3", "SMALLCAP.ICR(B2,C2)*2");
  formula(data, "Q4", "IF(B2>0,SMALLCAP.ICR(B2,C2),0)", 42);
  formula(data, "Q5", "SMALLCAP.ICR('My Sheet'!B2,'My Sheet'!C2)");
  formula(data, "Q6", "SMALLCAP.ICR(Other!A1,Other!A2)");
  formula(data, "Q7", "SMALLCAP.NOPE(B2)", 7);
  formula(data, "Q8", 'CONCATENATE("SMALLCAP.ICR(",B2)', "SMALLCAP.ICR(120");
  formula(data, "Q9", "SUM(B2:B6)", 123);
  // A chain: A9 reads L10, which comes later in reading order and is itself stale.
  formula(data, "A9", "SMALLCAP.ICR(L10,1)");
  formula(data, "L10", "SMALLCAP.ICR(B2,C2)");
  // A spill blocked by a value.
  formula(data, "S2", "SMALLCAP.ICR(B2:B4,C2:C4)");
  data.getCell("S3").value = "in the way";
  // A circular pair.
  formula(data, "T2", "SMALLCAP.ICR(T3,1)");
  formula(data, "T3", "SMALLCAP.ICR(T2,1)");
  // A horizontal spill: one result per period.
  formula(data, "U2", "SMALLCAP.ICR(F2:H2,I2:K2)");
  // An old array formula whose range is larger than its new result: the leftovers are emptied.
  data.getCell("Y2").value = { formula: "SMALLCAP.ICR(B2:B4,C2:C4)", result: STALE, shareType: "array", ref: "Y2:Y6" } as unknown as ExcelJS.CellValue;
  for (let r = 3; r <= 6; r++) data.getCell(r, 25).value = STALE;
  // A shared formula filled down, as Excel stores one.
  data.fillFormula("X2:X6", "SMALLCAP.ICR(B2,C2)", [STALE, STALE, STALE, STALE, STALE]);
  // Untouched cells of every kind.
  data.getCell("Z2").value = "=not a formula";
  data.getCell("Z3").value = new Date(Date.UTC(2024, 5, 30));
  data.getCell("Z3").numFmt = "yyyy-mm-dd";
  data.getCell("Z4").value = { richText: [{ text: "rich " }, { text: "text", font: { bold: true } }] };
  data.getCell("Z5").value = true;
  data.getCell("Z6").value = { error: "#REF!" };

  const mine = workbook.addWorksheet("My Sheet");
  mine.getCell("B2").value = 90;
  mine.getCell("C2").value = 30;
  const other = workbook.addWorksheet("Other");
  other.getCell("A1").value = 50;
  other.getCell("A2").value = -20;

  const prices = workbook.addWorksheet("Prices");
  for (let r = 1; r <= 8; r++) {
    prices.getCell(r, 1).value = 100 + r * 3;
    prices.getCell(r, 2).value = 100 + r;
  }
  formula(prices, "C1", "SMALLCAP.RELPERF(A1:A8,B1:B8,3)");
  return workbook;
}

describe("refreshFormulas on a workbook read from disk", () => {
  const tmp = tempDir();
  afterAll(() => tmp.cleanup());

  let before: ExcelJS.Workbook;
  let after: ExcelJS.Workbook;
  let report: ReturnType<typeof refreshFormulas>;

  beforeAll(async () => {
    before = await roundTrip(buildWorkbook(), tmp.dir, "before.xlsx");
    const working = await roundTrip(buildWorkbook(), tmp.dir, "working.xlsx");
    report = refreshFormulas(working);
    after = await roundTrip(working, tmp.dir, "after.xlsx");
  });

  const data = (): ExcelJS.Worksheet => after.getWorksheet("Data") as ExcelJS.Worksheet;
  const result = (address: string, sheet = "Data"): unknown => (after.getWorksheet(sheet) as ExcelJS.Worksheet).getCell(address).model.result;
  const value = (address: string, sheet = "Data"): unknown => (after.getWorksheet(sheet) as ExcelJS.Worksheet).getCell(address).model.value;
  const col = (values: readonly unknown[]): unknown[][] => values.map((v) => [v]);

  test("every formula keeps its exact text in the file", () => {
    const beforeFormulas = [...snapshotWorkbook(before)].filter(([, s]) => s.formula !== undefined || s.sharedFormula !== undefined);
    for (const [address, snap] of beforeFormulas) {
      const now = snapshotWorkbook(after).get(address);
      expect({ address, formula: now?.formula, sharedFormula: now?.sharedFormula }).toEqual({
        address,
        formula: snap.formula,
        sharedFormula: snap.sharedFormula,
      });
    }
  });

  test("single-cell results equal SMALLCAP_FUNCTIONS for the same inputs, in every spelling", () => {
    expect(result("L2")).toEqual(call("ICR", 120, 40)[0][0]);
    expect(result("L3")).toEqual(call("ICR", "1,234.5", "(250)")[0][0]);
    expect(result("L4")).toEqual(call("ICR", -40, 10)[0][0]);
    expect(result("L5")).toEqual({ error: "#N/A" }); // blank EBIT is missing, never zero
    expect(result("L5")).toEqual(call("ICR", null, 12)[0][0]);
    expect(result("L6")).toEqual({ error: "#DIV/0!" });
    expect(result("M2")).toBe(call("SHOCKICR", 120, 40, 800, 0.4, 200)[0][0]);
    expect(result("N2")).toBe(call("ZOMBIE", [EBIT_HISTORY[0]], [INTEREST_HISTORY[0]])[0][0]);
    expect(result("N3")).toBe(call("ZOMBIE", [EBIT_HISTORY[1]], [INTEREST_HISTORY[1]], 2, 0.8)[0][0]);
    expect(result("N4")).toBe(call("ZOMBIE", [EBIT_HISTORY[2]], [INTEREST_HISTORY[2]], null, 1.5)[0][0]);
    expect(result("N4")).toBe(true);
    expect(result("N5")).toEqual(call("ZOMBIE", [EBIT_HISTORY[3]], [INTEREST_HISTORY[3]])[0][0]);
    expect(result("N5")).toEqual({ error: "#N/A" });
    expect(result("P2")).toBe(call("RATING", 120, 40)[0][0]);
    expect(typeof result("P2")).toBe("string");
  });

  test("nested calls, literals, arithmetic and other sheets", () => {
    const relpe = SMALLCAP_FUNCTIONS.RELPE(20, 25);
    expect(result("Q2")).toBe(call("REVERSION", relpe)[0][0]);
    expect(result("Q3")).toBe((call("ICR", 120, 40)[0][0] as number) * 2);
    expect(result("Q5")).toBe(call("ICR", [[90]], [[30]])[0][0]);
    expect(result("Q6")).toBe(call("ICR", 50, -20)[0][0]);
  });

  test("a chain is computed in dependency order, not reading order", () => {
    const icr = call("ICR", 120, 40)[0][0];
    expect(result("L10")).toBe(icr);
    expect(result("A9")).toBe(call("ICR", icr, 1)[0][0]);
  });

  test("a vertical spill lands below its formula: the anchor keeps the formula, the rest get values", () => {
    const expected = call("ICR", col(EBIT), col(INTEREST));
    const anchor = data().getCell("O2").model as { formula?: string; shareType?: string; ref?: string; result?: unknown };
    expect(anchor.formula).toBe("SMALLCAP.ICR(B2:B6,C2:C6)");
    expect(anchor.shareType).toBe("array");
    expect(anchor.ref).toBe("O2:O6");
    expect(anchor.result).toEqual(expected[0][0]);
    for (let i = 1; i < 5; i++) expect(value(`O${2 + i}`)).toEqual(expected[i][0]);
    expect(value("O7")).toBeUndefined();
  });

  test("a horizontal spill lands to the right", () => {
    const expected = call("ICR", [EBIT_HISTORY[0]], [INTEREST_HISTORY[0]]);
    expect(data().getCell("U2").model.result).toBe(expected[0][0]);
    expect(value("V2")).toBe(expected[0][1]);
    expect(value("W2")).toBe(expected[0][2]);
    expect((data().getCell("U2").model as { ref?: string }).ref).toBe("U2:W2");
  });

  test("a spilled time series (RELPERF) fills its column with #N/A warm-up first", () => {
    const small = col([1, 2, 3, 4, 5, 6, 7, 8].map((r) => 100 + r * 3));
    const large = col([1, 2, 3, 4, 5, 6, 7, 8].map((r) => 100 + r));
    const expected = call("RELPERF", small, large, 3);
    expect(result("C1", "Prices")).toEqual(expected[0][0]);
    for (let i = 1; i < 8; i++) expect(value(`C${1 + i}`, "Prices")).toEqual(expected[i][0]);
    expect(value("C2", "Prices")).toEqual({ error: "#N/A" });
  });

  test("a shrinking array empties the cells it no longer covers", () => {
    const expected = call("ICR", col(EBIT.slice(0, 3)), col(INTEREST.slice(0, 3)));
    expect((data().getCell("Y2").model as { ref?: string }).ref).toBe("Y2:Y4");
    expect(value("Y3")).toEqual(expected[1][0]);
    expect(value("Y4")).toEqual(expected[2][0]);
    expect(value("Y5")).toBeUndefined();
    expect(value("Y6")).toBeUndefined();
  });

  test("shared formulas stay shared and each follower gets its own row's value", () => {
    const master = data().getCell("X2").model as { formula?: string; shareType?: string; ref?: string; result?: unknown };
    expect(master.shareType).toBe("shared");
    expect(master.ref).toBe("X2:X6");
    for (let i = 0; i < 5; i++) {
      const cell = data().getCell(`X${2 + i}`);
      expect(cell.model.result).toEqual(call("ICR", EBIT[i], INTEREST[i])[0][0]);
      if (i > 0) expect((cell.model as { sharedFormula?: string }).sharedFormula).toBe("X2");
    }
  });

  test("formulas it cannot evaluate keep their old value and are reported with cell and reason", () => {
    const reasons = new Map(report.problems.map((p) => [p.cell, p.reason]));
    // SMALLCAP inside IF is evaluated now: IF(120>0, ICR(120,40), 0) = 3.
    expect(reasons.has("Data!Q4")).toBe(false);
    expect(result("Q4")).toBe(3);
    expect(reasons.get("Data!Q7")).toMatch(/SMALLCAP\.NOPE is not a SMALLCAP function/);
    expect(result("Q7")).toBe(7);
    expect(reasons.get("Data!S2")).toMatch(/blocked by the value in S3.*#SPILL!/);
    expect(result("S2")).toBe(STALE);
    expect(value("S3")).toBe("in the way");
    expect(reasons.get("Data!T2")).toBe("circular reference among Data!T2, Data!T3");
    expect(reasons.get("Data!T3")).toBe("circular reference among Data!T2, Data!T3");
    expect(result("T2")).toBe(STALE);
    expect(report.problems).toHaveLength(4);
    expect(report.formulas).toBe(report.refreshed + report.problems.length + report.stale.length);
  });

  test("cells that are not formulas are identical; formulas keep their text", () => {
    const formulaCells = new Set<string>();
    const beforeCells = snapshotWorkbook(before);
    const afterCells = snapshotWorkbook(after);
    for (const [address, snap] of beforeCells) {
      if (snap.formula !== undefined || snap.sharedFormula !== undefined) {
        formulaCells.add(address);
        expect({ address, formula: afterCells.get(address)?.formula }).toEqual({ address, formula: snap.formula });
      }
    }
    // Spill areas written by the refresh.
    const spilled = /^Data!(O[3-6]|V2|W2|Y[3-6])$|^Prices!C[2-8]$/;
    for (const [address, snap] of beforeCells) {
      if (formulaCells.has(address) || spilled.test(address)) continue;
      expect({ address, cell: afterCells.get(address) }).toEqual({ address, cell: snap });
    }
    for (const address of afterCells.keys()) {
      if (!beforeCells.has(address)) expect(address).toMatch(spilled);
    }
    // SUM of a range skips text ("1,234.5") and blanks: 120 - 40 + 75.
    expect(snapshot(data().getCell("Q9"))).toEqual({ formula: "SUM(B2:B6)", result: 155 });
    expect(snapshot(data().getCell("Q8"))).toEqual({ formula: 'CONCATENATE("SMALLCAP.ICR(",B2)', result: "SMALLCAP.ICR(120" });
    expect(data().getCell("Z2").type).toBe(ExcelJS.ValueType.String);
  });

  test("a second refresh changes nothing", async () => {
    const again = await roundTrip(after, tmp.dir, "again.xlsx");
    const second = refreshFormulas(again);
    expect(second.changedCells).toBe(0);
    expect(second.problems.map((p) => p.cell)).toEqual(report.problems.map((p) => p.cell));
  });
});

describe("refreshFormulas edge cases", () => {
  const tmp = tempDir();
  afterAll(() => tmp.cleanup());

  test("whole-column references read the sheet's used rows", async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet("S");
    sheet.getRow(1).values = ["Cap", "Earnings"];
    [[100, 5], [200, -10], [300, 20]].forEach(([cap, e], i) => (sheet.getRow(i + 2).values = [cap, e]));
    sheet.getCell("D1").value = { formula: "SMALLCAP.INDEXPE(A:A,B:B,TRUE)" } as ExcelJS.CellValue;
    const back = await roundTrip(workbook, tmp.dir, "cols.xlsx");
    const report = refreshFormulas(back);
    expect(report.problems).toEqual([]);
    const expected = call("INDEXPE", [["Cap"], [100], [200], [300]], [["Earnings"], [5], [-10], [20]], true)[0][0];
    expect((back.getWorksheet("S") as ExcelJS.Worksheet).getCell("D1").model.result).toEqual(expected);
  });

  test("a long chain of formulas is computed in order without overflowing the stack", () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet("Chain");
    const n = 5000;
    // A1 reads A2, which reads A3, ...: reading order is the reverse of dependency order.
    for (let r = 1; r < n; r++) sheet.getCell(r, 1).value = { formula: `SMALLCAP.REVERSION(A${r + 1},0)` } as ExcelJS.CellValue;
    sheet.getCell(n, 1).value = { formula: "SMALLCAP.RELPE(11,10)" } as ExcelJS.CellValue;
    sheet.getCell(1, 2).value = { formula: "SMALLCAP.ICR(B1,1)", result: 3 } as ExcelJS.CellValue;
    const report = refreshFormulas(workbook);
    expect(report.problems).toEqual([{ cell: "Chain!B1", reason: "circular reference (it reads its own cell)", cause: "circular reference" }]);
    let expected = SMALLCAP_FUNCTIONS.RELPE(11, 10)[0][0];
    for (let r = n - 1; r >= 1; r--) expected = SMALLCAP_FUNCTIONS.REVERSION(expected, 0)[0][0];
    expect(sheet.getCell(1, 1).model.result).toBe(expected);
    expect(sheet.getCell(1, 2).model.result).toBe(3);
  });

  test("SCREEN reads its range with the text header row and spills like any function; SHOCKSWEEP spills along its shocks", async () => {
    const workbook = new ExcelJS.Workbook();
    const data = workbook.addWorksheet("Universe");
    const table = [
      ["Ticker", "Company", "EBIT", "Interest Expense", "Total Debt", "Floating Rate Share", "WAM", "FCF", "Domestic Revenue %", "Fwd P/E"],
      ["AAA", "Alpha", 100, 10, 200, 0.1, 5, 50, 0.9, 12],
      ["BBB", "Beta", 80, 10, 200, 0.1, 5, 50, 0.9, 10],
      ["CCC", "Gamma", 10, 10, 200, 0.5, 5, 50, 0.9, 10],
    ];
    table.forEach((row, r) => (data.getRow(r + 1).values = row));
    const screen = workbook.addWorksheet("Screen");
    screen.getCell("A1").value = { formula: 'SMALLCAP.SCREEN(Universe!A1:J4,"quality","icr=2.5")', result: STALE } as ExcelJS.CellValue;
    ["B10", "C10", "D10"].forEach((address, k) => (screen.getCell(address).value = [0, 200, 400][k]));
    screen.getCell("B11").value = { formula: "SMALLCAP.SHOCKSWEEP(Universe!C2:C4,Universe!D2:D4,Universe!E2:E4,Universe!F2:F4,B10:D10)" } as ExcelJS.CellValue;
    const back = await roundTrip(workbook, tmp.dir, "screen.xlsx");
    const report = refreshFormulas(back);
    expect(report.problems).toEqual([]);
    const sheet = back.getWorksheet("Screen") as ExcelJS.Worksheet;
    const expected = call("SCREEN", table, "quality", "icr=2.5");
    expect(expected.map((row) => row[1])).toEqual(["Ticker", "BBB", "AAA"]);
    expected.forEach((row, r) =>
      row.forEach((value, c) => {
        const cell = sheet.getCell(r + 1, c + 1);
        expect(r === 0 && c === 0 ? cell.model.result : cell.value).toEqual(value);
      }),
    );
    expect(sheet.getCell("A1").model).toMatchObject({ shareType: "array", ref: "A1:I3" });
    const sweep = call("SHOCKSWEEP", [[100], [80], [10]], [[10], [10], [10]], [[200], [200], [200]], [[0.1], [0.1], [0.5]], [[0, 200, 400]]);
    expect([sheet.getCell("B11").model.result, sheet.getCell("C11").value, sheet.getCell("D11").value]).toEqual(sweep[0]);
    expect(sweep[0][1]).toBeCloseTo(1 / 3, 12);
  });

  test("a formula referring to a missing sheet is reported, not guessed", async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet("S");
    sheet.getCell("A1").value = { formula: "SMALLCAP.ICR(Gone!A1,2)", result: 5 } as ExcelJS.CellValue;
    sheet.getCell("A2").value = { formula: "SMALLCAP.ICR(Table1[EBIT],2)", result: 6 } as ExcelJS.CellValue;
    sheet.getCell("A3").value = { formula: "SMALLCAP.ICR(myName,2)", result: 7 } as ExcelJS.CellValue;
    const back = await roundTrip(workbook, tmp.dir, "missing.xlsx");
    const report = refreshFormulas(back);
    expect(report.problems).toEqual([
      { cell: "S!A1", reason: "refers to the sheet Gone, which is not in the workbook", cause: "missing sheet" },
      { cell: "S!A2", reason: "refers to the table Table1, which is not in the workbook", cause: "unknown name" },
      { cell: "S!A3", reason: "uses the name myName, which is not defined in the workbook", cause: "unknown name" },
    ]);
    expect((back.getWorksheet("S") as ExcelJS.Worksheet).getCell("A1").model.result).toBe(5);
  });
});

describe("the refresh's first line says what changed", () => {
  const text = (counts: Pick<RefreshReport, "formulas" | "refreshed" | "changedCells" | "problems">): string =>
    refreshText({
      input: "in.xlsx",
      output: "out.xlsx",
      formulas: { ...counts, stale: [], groups: [], cycles: [], fullCalcOnLoad: false, dynamicArrays: new Map() },
      screens: { screens: [], skipped: [] },
      seconds: 1,
      timings: { read: 0, formulas: 0, screens: 0, write: 0 },
    }).split("\n")[0];
  test.each([
    [{ formulas: 4086, refreshed: 4086, changedCells: 0, problems: [] }, "Refreshed 4,086 of 4,086 formulas (the saved values were already current: no cell value changed)."],
    [{ formulas: 10, refreshed: 10, changedCells: 1, problems: [] }, "Refreshed 10 of 10 formulas (1 cell value changed)."],
    [{ formulas: 10, refreshed: 9, changedCells: 2500, problems: [] }, "Refreshed 9 of 10 formulas (2,500 cell values changed)."],
    [{ formulas: 0, refreshed: 0, changedCells: 0, problems: [] }, "Refreshed 0 of 0 formulas (no cell value changed)."],
  ])("%j", (formulas, line) => {
    expect(text(formulas)).toBe(line);
  });
});
