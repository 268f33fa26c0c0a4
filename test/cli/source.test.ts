/** Finding and reading the table to screen, from real .xlsx files and CSV text. */
import ExcelJS from "exceljs";
import { Readable } from "stream";
import { csvSource, csvValue, tableFromWorkbook } from "../../src/cli/source";
import { dateToSerial, readCell } from "../../src/cli/cell-values";
import { CliFailure } from "../../src/cli/failure";
import { roundTrip, tempDir } from "./helpers";

const HEADERS = ["Ticker", "EBIT", "Interest Expense", "Total Debt"];

function expectInputError(fn: () => unknown, pattern: RegExp): void {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(CliFailure);
    expect((error as CliFailure).exitCode).toBe(1);
    expect((error as Error).message).toMatch(pattern);
    return;
  }
  throw new Error("expected an input error");
}

describe("cell values as the engines read them", () => {
  const tmp = tempDir();
  afterAll(() => tmp.cleanup());

  test("formula results, rich text, dates, errors and booleans", async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet("S");
    sheet.getCell("A1").value = { formula: "1-1", result: 0 } as ExcelJS.CellValue;
    sheet.getCell("A2").value = { formula: "FALSE()", result: false } as ExcelJS.CellValue;
    sheet.getCell("A3").value = { richText: [{ text: "Acme " }, { text: "Corp", font: { italic: true } }] };
    sheet.getCell("A4").value = new Date(Date.UTC(2024, 11, 31));
    sheet.getCell("A5").value = { error: "#N/A" };
    sheet.getCell("A6").value = true;
    sheet.getCell("A7").value = { text: "link", hyperlink: "https://example.com" };
    sheet.getCell("A8").value = { formula: "NA()", result: { error: "#N/A" } } as ExcelJS.CellValue;
    const back = (await roundTrip(workbook, tmp.dir)).getWorksheet("S") as ExcelJS.Worksheet;
    expect(readCell(back.getCell("A1"))).toBe(0);
    expect(readCell(back.getCell("A2"))).toBe(false);
    expect(readCell(back.getCell("A3"))).toBe("Acme Corp");
    expect(readCell(back.getCell("A4"))).toBe(45657); // 2024-12-31 in Excel's 1900 date system
    expect(readCell(back.getCell("A5"))).toEqual({ error: "#N/A" });
    expect(readCell(back.getCell("A6"))).toBe(true);
    expect(readCell(back.getCell("A7"))).toBe("link");
    expect(readCell(back.getCell("A8"))).toEqual({ error: "#N/A" });
    expect(readCell(back.findCell(20, 20))).toBeNull();
    expect(dateToSerial(new Date(Date.UTC(1904, 0, 1)), true)).toBe(0);
  });
});

describe("finding the table in a workbook", () => {
  const tmp = tempDir();
  afterAll(() => tmp.cleanup());

  async function workbookWith(build: (wb: ExcelJS.Workbook) => void): Promise<ExcelJS.Workbook> {
    const workbook = new ExcelJS.Workbook();
    build(workbook);
    return roundTrip(workbook, tmp.dir);
  }

  test("the first visible sheet with a recognisable header row, below a title", async () => {
    const workbook = await workbookWith((wb) => {
      wb.addWorksheet("Notes").getCell("A1").value = "Nothing to screen here";
      const hidden = wb.addWorksheet("Hidden", { state: "hidden" });
      hidden.getRow(1).values = HEADERS;
      const data = wb.addWorksheet("Data");
      data.getCell("B1").value = "Universe as of 2024-12-31";
      data.getRow(3).values = [null, ...HEADERS];
      data.getRow(4).values = [null, "AAA", 10, 2, 100];
      data.getRow(5).values = [null, "BBB", -1, 1, 50];
      data.getRow(7).values = [];
    });
    const table = tableFromWorkbook(workbook, {});
    expect(table.location).toEqual({ kind: "sheet", sheet: "Data", headerRow: 3, range: "B3:E5" });
    expect(table.input.headers).toEqual(HEADERS);
    expect(table.input.rows).toEqual([
      ["AAA", 10, 2, 100],
      ["BBB", -1, 1, 50],
    ]);
  });

  test("a named sheet, case-insensitively; an unknown one is a one-line error listing the sheets", async () => {
    const workbook = await workbookWith((wb) => {
      wb.addWorksheet("One").getRow(1).values = HEADERS;
      wb.addWorksheet("Two").getRow(2).values = HEADERS;
    });
    expect(tableFromWorkbook(workbook, { sheet: "two" }).location).toMatchObject({ sheet: "Two", headerRow: 2 });
    expectInputError(() => tableFromWorkbook(workbook, { sheet: "Three" }, "book.xlsx"), /^no sheet named "Three" in book.xlsx \(sheets: One, Two\)$/);
  });

  test("an Excel table by name, through exceljs's table API, without its totals row", async () => {
    const workbook = await workbookWith((wb) => {
      const sheet = wb.addWorksheet("Sheet1");
      sheet.getCell("A1").value = "Some title";
      sheet.addTable({
        name: "Universe",
        ref: "C3",
        headerRow: true,
        totalsRow: true,
        columns: [
          { name: "Ticker", totalsRowLabel: "Total" },
          { name: "EBIT", totalsRowFunction: "sum" },
          { name: "Interest Expense" },
        ],
        rows: [
          ["AAA", 10, 2],
          ["BBB", 20, 4],
        ],
      });
    });
    const table = tableFromWorkbook(workbook, { table: "universe" });
    expect(table.location).toEqual({ kind: "table", sheet: "Sheet1", table: "Universe", headerRow: 3, range: "C3:E5" });
    expect(table.input.headers).toEqual(["Ticker", "EBIT", "Interest Expense"]);
    expect(table.input.rows).toEqual([
      ["AAA", 10, 2],
      ["BBB", 20, 4],
    ]);
    expectInputError(() => tableFromWorkbook(workbook, { table: "Nope" }, "book.xlsx"), /^no table named "Nope" in book.xlsx \(tables: Universe\)$/);
  });

  test("no recognisable header anywhere is a one-line error", async () => {
    const workbook = await workbookWith((wb) => {
      wb.addWorksheet("S").getRow(1).values = ["Date", "Price"];
    });
    expectInputError(() => tableFromWorkbook(workbook, {}, "prices.xlsx"), /^no sheet in prices.xlsx has a header row the screen recognises/);
  });
});

describe("CSV", () => {
  test("values: blanks, plain numbers, accounting text kept for the core, errors and booleans", () => {
    expect(csvValue("")).toBeNull();
    expect(csvValue("  ")).toBeNull();
    expect(csvValue("12.5")).toBe(12.5);
    expect(csvValue("-3e2")).toBe(-300);
    expect(csvValue("(250)")).toBe("(250)");
    expect(csvValue("1,234.5")).toBe("1,234.5");
    expect(csvValue("#N/A")).toEqual({ error: "#N/A" });
    expect(csvValue("TRUE")).toBe(true);
    expect(csvValue("NM")).toBe("NM");
  });

  /** The text as a stream in small pieces, as a file arrives. */
  async function opened(text: string) {
    const pieces = text.match(/[\s\S]{1,7}/g) ?? [];
    const csv = await csvSource(Readable.from(pieces), text);
    const rows: unknown[][] = [];
    for await (const row of csv.rows) rows.push(row);
    return { csv, rows };
  }

  test("header row below a title line, BOM, quoted fields, semicolons; data rows stream out, blank ones kept for the numbering", async () => {
    const text = '\uFEFFExported 2024-12-31;;;\nSymbol;Operating Income (Loss);"Interest Expense, Net";Free Cash Flow\nAAA;"1,234.5";(12);5\n\nBBB;7;1;\n';
    const { csv, rows } = await opened(text);
    expect(csv.location).toEqual({ kind: "csv", headerRow: 2 });
    expect(csv.headers).toEqual(["Symbol", "Operating Income (Loss)", "Interest Expense, Net", "Free Cash Flow"]);
    expect(rows).toEqual([["AAA", "1,234.5", "(12)", 5], [null], ["BBB", 7, 1, null]]);
  });

  test("no header recognised in the first rows: the first non-blank row is the header; an empty file and a broken one are input errors", async () => {
    const { csv, rows } = await opened("\n\nColour,Size\nred,2\n");
    expect(csv.location.headerRow).toBe(3);
    expect(rows).toEqual([["red", 2]]);
    await expect(opened("\n\n")).rejects.toThrow(/is empty/);
    const broken = 'Ticker,EBIT,Interest Expense\n' + 'A,1,2\n'.repeat(50) + 'B,"3\n';
    await expect(opened(broken)).rejects.toThrow(/is not a readable CSV file/);
  });
});
