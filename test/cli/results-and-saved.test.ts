/** The results sheet layout, formula-like text from cells, and the `_smallcap` storage of saved screens. */
import { readFileSync } from "fs";
import * as path from "path";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { SavedScreen, presetConfig, runScreen } from "../../src/core/screen";
import type { ScreenResult } from "../../src/core/screen";
import { RESULTS_HEADERS, enteredText, resultsSheetLayout, resultsTableRows } from "../../src/workbook/results-layout";
import { putResultsSheet, resultsCsv } from "../../src/cli/output";
import { readSavedScreens, readStoredText, writeSavedScreens } from "../../src/cli/saved-screens";
import { MAX_CELL_TEXT as CELL_TEXT_LIMIT, STATE_SHEET as STORAGE_SHEET } from "../../src/workbook/sheets";
import { rerunSavedScreens } from "../../src/cli/rerun-screens";
import { refreshWorkbookFile } from "../../src/cli/refresh-command";
import { listTables } from "../../src/cli/source";
import { isOwnResultsSheet, resultsTableName } from "../../src/workbook/results-sheet";
import { readWorkbook, roundTrip, tempDir } from "./helpers";

const HEADERS = ["Ticker", "Company", "EBIT", "Interest Expense", "Total Debt", "Floating Share", "WAM", "FCF", "Domestic Revenue %", "Fwd P/E"];
/** Three rows: one passes, one fails ICR, one has a ticker and name that would read as formulas. */
const ROWS: unknown[][] = [
  ["GOOD", "Good Co", 100, 10, 200, 0.1, 5, 50, 0.9, 12],
  ["WEAK", "Weak Co", 20, 10, 200, 0.1, 5, 10, 0.9, 8],
  ["=HYPERLINK(\"http://x\")", "-2+3 Holdings", 90, 10, 200, 0.1, 5, 40, 0.95, 10],
];

function screen(): ScreenResult {
  const outcome = runScreen({ headers: HEADERS, rows: ROWS }, presetConfig("quality"));
  if (!outcome.ok) throw new Error(outcome.message);
  return outcome.result;
}

describe("results sheet layout", () => {
  test("header row, passing rows by rank first, then the others, and a summary block to the right", () => {
    const result = screen();
    const layout = resultsSheetLayout(result, { source: "Data!A1:J4" });
    const table = resultsTableRows(layout);
    expect(table[0]).toEqual([...RESULTS_HEADERS]);
    const passing = result.rows.filter((r) => r.pass).sort((a, b) => (a.rank as number) - (b.rank as number));
    expect(table.slice(1, 1 + passing.length).map((r) => r[1])).toEqual(passing.map((r) => r.ticker));
    expect(table[table.length - 1][1]).toBe("WEAK");
    expect(table[table.length - 1][3]).toBe(false);
    expect(layout.tableRange).toBe("A1:I4");
    const summary = layout.cells.filter((c) => c.col === 11).map((c) => c.value);
    expect(summary).toEqual(expect.arrayContaining(["Summary", "Rows screened", "Rows passing", "Zombie share", "Index P/E", "Criteria"]));
    expect(layout.cells.find((c) => c.col === 12 && c.row === 4)?.value).toBe(3);
  });

  test("below the criteria, the rate-shock sweep: shares below 1x and 1.5x from 0 to +500 bp, the screen's shock marked", () => {
    const result = screen();
    const layout = resultsSheetLayout(result);
    const match = /^K(\d+):O(\d+)$/.exec(layout.sweepRange);
    expect(match).not.toBeNull();
    const top = Number(match?.[1]);
    const at = (row: number, col: number) => layout.cells.find((c) => c.row === row && c.col === col);
    expect(at(top, 11)?.value).toBe("Rate shock (bp)");
    expect(at(top - 1, 11)?.bold).toBe(true);
    const curve = result.shockCurve();
    curve.shocks.forEach((bp, i) => {
      expect(at(top + 1 + i, 11)?.value).toBe(bp);
      curve.lines.forEach((line, k) => {
        const share = typeof line.points[i].share === "number" ? line.points[i].share : null;
        expect(at(top + 1 + i, 12 + k)).toMatchObject({ value: share, numFmt: "0.0%" });
        expect(at(top + 1 + i, 14 + k)?.value).toBe(bp === 200 ? share : null);
      });
    });
    expect(Number(match?.[2])).toBe(top + curve.shocks.length);
    // The CSV of the results table leaves the block out: it is the table only.
    expect(resultsTableRows(layout).every((row) => row.length === RESULTS_HEADERS.length)).toBe(true);
  });

  test("text from the data that looks like a formula is written as text: a string cell in .xlsx, apostrophe in CSV", async () => {
    const tmp = tempDir();
    try {
      const layout = resultsSheetLayout(screen());
      const workbook = new ExcelJS.Workbook();
      putResultsSheet(workbook, layout);
      const back = await roundTrip(workbook, tmp.dir);
      const sheet = back.getWorksheet("SMALLCAP Results") as ExcelJS.Worksheet;
      const cells: ExcelJS.Cell[] = [];
      sheet.eachRow((row) => row.eachCell((cell) => cells.push(cell)));
      const hostile = cells.filter((c) => typeof c.value === "string" && /^[=-]/.test(c.value));
      expect(hostile.map((c) => c.value)).toEqual(expect.arrayContaining(['=HYPERLINK("http://x")', "-2+3 Holdings"]));
      for (const cell of hostile) expect(cell.type).toBe(ExcelJS.ValueType.String);
      expect(cells.some((c) => c.type === ExcelJS.ValueType.Formula)).toBe(false);

      const csv = resultsCsv(layout);
      expect(csv).toContain(`"'=HYPERLINK(""http://x"")"`);
      expect(csv).toContain("'-2+3 Holdings");
      const hostileCell = layout.cells.find((c) => c.value === "-2+3 Holdings");
      expect(hostileCell !== undefined && enteredText(hostileCell)).toBe("'-2+3 Holdings");
    } finally {
      tmp.cleanup();
    }
  });
});

function saved(overrides: Partial<SavedScreen> = {}): SavedScreen {
  return {
    version: 1,
    id: "s1",
    name: "Quality",
    source: { sheet: "Data", address: "A1:J4" },
    mapping: null,
    config: presetConfig("quality"),
    output: { sheet: "SMALLCAP Results" },
    savedAt: "2025-01-01T00:00:00.000Z",
    ...overrides,
  };
}

/** A workbook whose sheet Data holds HEADERS and ROWS from A1. */
function dataWorkbook(): ExcelJS.Workbook {
  const workbook = new ExcelJS.Workbook();
  const data = workbook.addWorksheet("Data");
  [HEADERS, ...ROWS].forEach((row, i) => (data.getRow(i + 1).values = row as ExcelJS.CellValue[]));
  return workbook;
}

/** A sheet whose first row is the results header. */
function sheetWithResultsHeader(workbook: ExcelJS.Workbook, name: string): ExcelJS.Worksheet {
  const sheet = workbook.addWorksheet(name);
  RESULTS_HEADERS.forEach((h, i) => (sheet.getCell(1, i + 1).value = h));
  return sheet;
}

describe("saved screens in the very hidden _smallcap sheet", () => {
  const tmp = tempDir();
  afterAll(() => tmp.cleanup());

  test("A1 holds the JSON array; the sheet is very hidden; it survives a trip to disk", async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet("Data");
    writeSavedScreens(workbook, [saved()]);
    const back = await roundTrip(workbook, tmp.dir);
    const sheet = back.getWorksheet(STORAGE_SHEET) as ExcelJS.Worksheet;
    expect(sheet.state).toBe("veryHidden");
    expect(JSON.parse(sheet.getCell("A1").value as string)).toEqual([saved()]);
    expect(readSavedScreens(back)).toEqual({ screens: [saved()], problems: [] });
  });

  test("the array must fit in A1 (Excel keeps 32,767 characters in a cell), as the pane requires", () => {
    const many = Array.from({ length: 200 }, (_, i) => saved({ id: `s${i}`, name: `Screen ${i} ${"x".repeat(200)}` }));
    const workbook = new ExcelJS.Workbook();
    expect(() => writeSavedScreens(workbook, many)).toThrow(/more than the 32,767 an Excel cell holds/);
    writeSavedScreens(workbook, [saved()]);
    expect(readStoredText(workbook)).toBe(JSON.stringify([saved()]));
    expect(JSON.stringify([saved()]).length).toBeLessThan(CELL_TEXT_LIMIT);
  });

  test("damaged entries are skipped with a reason; unreadable JSON is a problem, not a crash", () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet(STORAGE_SHEET, { state: "veryHidden" });
    sheet.getCell("A1").value = JSON.stringify([saved(), { version: 2 }]);
    const read = readSavedScreens(workbook);
    expect(read.screens).toHaveLength(1);
    expect(read.problems).toEqual([expect.stringMatching(/^Saved screen 2 was skipped: .*not valid/)]);
    sheet.getCell("A1").value = "[not json";
    expect(readSavedScreens(workbook).problems).toEqual([expect.stringMatching(/^_smallcap!A1: .*not valid JSON/)]);
  });

  test("re-running replaces the results sheet in place, but never a sheet that holds other data", async () => {
    const workbook = dataWorkbook();
    const old = sheetWithResultsHeader(workbook, "SMALLCAP Results");
    old.getCell("B2").value = "STALE";
    workbook.addWorksheet("After");
    const notes = workbook.addWorksheet("Notes");
    notes.getCell("A1").value = "my notes";
    writeSavedScreens(workbook, [saved(), saved({ id: "s2", name: "Clobber", output: { sheet: "Notes" } })]);
    const back = await roundTrip(workbook, tmp.dir);

    const report = rerunSavedScreens(back);
    expect(report.screens[0]).toEqual({ name: "Quality", outputSheet: "SMALLCAP Results", rowsScreened: 3, rowsPassing: 2 });
    expect(report.screens[1].problem).toMatch(/holds other data/);
    const written = await roundTrip(back, tmp.dir, "after.xlsx");
    expect(written.worksheets.map((s) => s.name)).toEqual(["Data", "SMALLCAP Results", "After", "Notes", STORAGE_SHEET]);
    const results = written.getWorksheet("SMALLCAP Results") as ExcelJS.Worksheet;
    expect(results.getCell("B2").value).not.toBe("STALE");
    expect(results.getCell("K1").value).toBe("Quality");
    expect((written.getWorksheet("Notes") as ExcelJS.Worksheet).getCell("A1").value).toBe("my notes");
  });
});

describe("one rule for the add-in's own results sheets, the CLI's as the pane's", () => {
  const tmp = tempDir();
  afterAll(() => tmp.cleanup());

  test("ours: the prefix as the add-in writes it, or the results table named for the sheet; not a copy of the header, nor the prefix in other case", async () => {
    // Before src/workbook/ the two hosts differed: the CLI also replaced any sheet whose first
    // row was the results header (a copy an analyst made and annotated), the pane any sheet
    // whose name started with the prefix in any case. The one rule (isOwnResultsSheet) keeps
    // the stricter of the two on each: neither is replaced now.
    const workbook = dataWorkbook();
    const copy = sheetWithResultsHeader(workbook, "Q1 picks");
    copy.getCell("J2").value = "my comment";
    workbook.addWorksheet("smallcap results lower").getCell("A1").value = "old";
    const tabled = workbook.addWorksheet("Picks 2");
    tabled.addTable({ name: resultsTableName("Picks 2"), ref: "A1", headerRow: true, columns: [{ name: "Rank" }], rows: [[1]] });
    writeSavedScreens(workbook, [
      saved({ id: "a", name: "Copy", output: { sheet: "Q1 picks" } }),
      saved({ id: "b", name: "Lower", output: { sheet: "SMALLCAP Results lower" } }),
      saved({ id: "c", name: "Tabled", output: { sheet: "Picks 2" } }),
      saved({ id: "d", name: "Storage", output: { sheet: "_SMALLCAP" } }),
    ]);
    const back = await roundTrip(workbook, tmp.dir, "own.xlsx");

    const report = rerunSavedScreens(back);
    expect(report.screens.map((s) => [s.name, s.problem ?? "ran"])).toEqual([
      ["Copy", 'the sheet "Q1 picks" holds other data (it was not written by SMALLCAP); not replaced'],
      ["Lower", 'the sheet "smallcap results lower" holds other data (it was not written by SMALLCAP); not replaced'],
      ["Tabled", "ran"],
      ["Storage", expect.stringMatching(/^its output sheet "_SMALLCAP" cannot be written: _smallcap is where SMALLCAP keeps saved screens/)],
    ]);
    expect((back.getWorksheet("Q1 picks") as ExcelJS.Worksheet).getCell("J2").value).toBe("my comment");
    // The pane's hosts decide with the same function.
    expect(isOwnResultsSheet("Q1 picks", [])).toBe(false);
    expect(isOwnResultsSheet("smallcap results lower", [])).toBe(false);
    expect(isOwnResultsSheet("SMALLCAP Results lower", [])).toBe(true);
    expect(isOwnResultsSheet("Picks 2", [resultsTableName("Picks 2")])).toBe(true);
    expect(isOwnResultsSheet("Picks 2", [resultsTableName("Picks 3")])).toBe(false);
  });
});

describe("the CLI writes the results table the pane writes, so a results sheet under the analyst's name stays the add-in's", () => {
  const tmp = tempDir();
  afterAll(() => tmp.cleanup());
  const SILENT = { stdout: { write: () => true }, stderr: { write: () => true } };
  const PICKS = "My picks";

  /** The tables of a workbook as `sheet: name ref [columns]`. */
  function tablesOf(workbook: ExcelJS.Workbook): string[] {
    return listTables(workbook).map((t) => `${t.sheet.name}: ${t.model.name} ${t.model.tableRef} [${(t.model.columns ?? []).map((c) => c.name).join(", ")}]`);
  }

  test("a pane-saved screen with a custom output sheet is refreshed by `smallcap refresh` twice, the file written and read back between", async () => {
    // As the pane leaves it: the sheet "My picks" holding the results table named for it.
    const workbook = dataWorkbook();
    const pane = workbook.addWorksheet(PICKS);
    pane.addTable({
      name: resultsTableName(PICKS),
      ref: "A1",
      headerRow: true,
      columns: RESULTS_HEADERS.map((name) => ({ name })),
      rows: [[1, "STALE", "Old Co", true, 50, 2, 1.5, false, ""]],
    });
    writeSavedScreens(workbook, [saved({ output: { sheet: PICKS } })]);
    const files = ["pane.xlsx", "refreshed-1.xlsx", "refreshed-2.xlsx"].map((name) => path.join(tmp.dir, name));
    await workbook.xlsx.writeFile(files[0]);

    const table = `${PICKS}: ${resultsTableName(PICKS)} A1:I4 [${RESULTS_HEADERS.join(", ")}]`;
    for (let i = 1; i <= 2; i++) {
      const outcome = await refreshWorkbookFile(files[i - 1], files[i], SILENT);
      expect(outcome.screens).toEqual({ screens: [{ name: "Quality", outputSheet: PICKS, rowsScreened: 3, rowsPassing: 2 }], skipped: [] });
      const back = await readWorkbook(files[i]);
      expect(back.worksheets.map((s) => s.name)).toEqual(["Data", PICKS, STORAGE_SHEET]);
      // The one table, over the header and the three rows, its columns the header's cells.
      expect(tablesOf(back)).toEqual([table]);
      const sheet = back.getWorksheet(PICKS) as ExcelJS.Worksheet;
      expect(RESULTS_HEADERS.map((_, c) => sheet.getCell(1, c + 1).value)).toEqual([...RESULTS_HEADERS]);
      // This run's rows (the failing one last) where the pane's stale row was.
      expect(sheet.getCell("B4").value).toBe("WEAK");
      expect([2, 3, 4].map((r) => sheet.getCell(r, 2).value)).not.toContain("STALE");
      expect(sheet.getCell("K1").value).toBe("Quality");
      // In the package: one table part, on the sheet's relationships, with its header row and filter.
      const zip = await JSZip.loadAsync(readFileSync(files[i]));
      const parts = Object.keys(zip.files).filter((name) => /^xl\/tables\/table\d+\.xml$/.test(name));
      expect(parts).toHaveLength(1);
      const xml = await (zip.file(parts[0]) as JSZip.JSZipObject).async("string");
      expect(xml).toMatch(new RegExp(`<table [^>]*name="${resultsTableName(PICKS)}"[^>]*ref="A1:I4"[^>]*headerRowCount="1"`));
      expect(xml).toContain('<autoFilter ref="A1:I4">');
      expect(xml).toContain('<tableStyleInfo name="TableStyleMedium2"');
      const rels = await (zip.file("xl/worksheets/_rels/sheet2.xml.rels") as JSZip.JSZipObject).async("string");
      expect(rels).toContain(`Target="../tables/${parts[0].slice("xl/tables/".length)}"`);
    }
  });

  test("a sheet of that name the analyst wrote (no results table, no prefix) is still refused and left as it was", async () => {
    const workbook = dataWorkbook();
    workbook.addWorksheet(PICKS).getCell("A1").value = "my own list";
    writeSavedScreens(workbook, [saved({ output: { sheet: PICKS } })]);
    const input = path.join(tmp.dir, "mine.xlsx");
    const output = path.join(tmp.dir, "mine.refreshed.xlsx");
    await workbook.xlsx.writeFile(input);
    const outcome = await refreshWorkbookFile(input, output, SILENT);
    expect(outcome.screens.screens).toEqual([
      { name: "Quality", outputSheet: PICKS, problem: `the sheet "${PICKS}" holds other data (it was not written by SMALLCAP); not replaced` },
    ]);
    const back = await readWorkbook(output);
    expect((back.getWorksheet(PICKS) as ExcelJS.Worksheet).getCell("A1").value).toBe("my own list");
    expect(tablesOf(back)).toEqual([]);
  });

  test("`screen --out`'s sheet gets the table too; none when a renamed results sheet already holds a table of that name", async () => {
    const layout = resultsSheetLayout(screen());
    const fresh = new ExcelJS.Workbook();
    putResultsSheet(fresh, layout);
    expect(tablesOf(await roundTrip(fresh, tmp.dir, "fresh.xlsx"))).toEqual([`SMALLCAP Results: ${resultsTableName("SMALLCAP Results")} A1:I4 [${RESULTS_HEADERS.join(", ")}]`]);

    // A results sheet renamed to "Q1" keeps its table; a second of that name would make Excel repair the file.
    const renamed = await roundTrip(fresh, tmp.dir, "renamed.xlsx");
    (renamed.getWorksheet("SMALLCAP Results") as ExcelJS.Worksheet).name = "Q1";
    putResultsSheet(renamed, layout);
    const back = await roundTrip(renamed, tmp.dir, "renamed-2.xlsx");
    expect(back.worksheets.map((s) => s.name)).toEqual(["Q1", "SMALLCAP Results"]);
    expect(tablesOf(back)).toEqual([`Q1: ${resultsTableName("SMALLCAP Results")} A1:I4 [${RESULTS_HEADERS.join(", ")}]`]);
    expect((back.getWorksheet("SMALLCAP Results") as ExcelJS.Worksheet).getCell("B4").value).toBe("WEAK");

    // Nothing screened: the header and one blank row, as Excel keeps an empty table and the pane writes it.
    const none = runScreen({ headers: HEADERS, rows: [] }, presetConfig("quality"));
    if (!none.ok) throw new Error(none.message);
    const empty = new ExcelJS.Workbook();
    putResultsSheet(empty, resultsSheetLayout(none.result));
    expect(tablesOf(await roundTrip(empty, tmp.dir, "empty.xlsx"))).toEqual([`SMALLCAP Results: ${resultsTableName("SMALLCAP Results")} A1:I2 [${RESULTS_HEADERS.join(", ")}]`]);
  });
});
