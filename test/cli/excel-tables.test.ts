/**
 * Tables as Excel saves them. Excel leaves `headerRowCount` out of a table's XML when the table
 * has its one header row (ECMA-376 Part 1, 18.5.1.2: the attribute defaults to 1); exceljs 4.4
 * reads a missing attribute as "no header row". src/cli/exceljs-fixes.ts corrects the reading;
 * these tests write a file the way Excel does and check what the CLI makes of it.
 */
import { readFileSync, writeFileSync } from "fs";
import * as path from "path";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { refreshWorkbookFile } from "../../src/cli/refresh-command";
import { loadWorkbook } from "../../src/cli/source";
import { readWorkbook, tempDir } from "./helpers";

const SILENT = { stdout: { write: () => true }, stderr: { write: () => true } };

/** A sheet with Table1 (header + 3 rows) and formulas over it, its table XML rewritten by `edit`. */
async function excelLikeBook(file: string, edit: (tableXml: string) => string): Promise<void> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet("Data");
  sheet.addTable({
    name: "Table1",
    ref: "A1",
    headerRow: true,
    columns: [{ name: "Ticker" }, { name: "EBIT" }],
    rows: [["AAA", 10], ["BBB", 20], ["CCC", 30]],
  });
  sheet.getCell("D1").value = { formula: "COUNTA(Table1[EBIT])", result: 0 };
  sheet.getCell("D2").value = { formula: "SUM(Table1[EBIT])", result: 0 };
  sheet.getCell("D3").value = { formula: "INDEX(Table1[Ticker],1)", result: "" };
  const zip = await JSZip.loadAsync(await workbook.xlsx.writeBuffer());
  const part = Object.keys(zip.files).find((name) => /^xl\/tables\/table\d+\.xml$/.test(name)) as string;
  zip.file(part, edit(await zip.file(part)!.async("string")));
  writeFileSync(file, await zip.generateAsync({ type: "nodebuffer" }));
}

async function tableXml(file: string): Promise<string> {
  const zip = await JSZip.loadAsync(readFileSync(file));
  const part = Object.keys(zip.files).find((name) => /^xl\/tables\/table\d+\.xml$/.test(name)) as string;
  return zip.file(part)!.async("string");
}

const withoutHeaderCount = (xml: string): string => xml.replace(/\s+headerRowCount="1"/, "");

describe("tables as Excel saves them (no headerRowCount attribute)", () => {
  const tmp = tempDir();
  afterAll(() => tmp.cleanup());

  test("the file really has no headerRowCount (the case this guards)", async () => {
    const file = path.join(tmp.dir, "plain.xlsx");
    await excelLikeBook(file, withoutHeaderCount);
    expect(await tableXml(file)).not.toMatch(/headerRowCount/);
  });

  test("the CLI reads the table with its header row", async () => {
    const file = path.join(tmp.dir, "read.xlsx");
    await excelLikeBook(file, withoutHeaderCount);
    const workbook = await loadWorkbook(file);
    const table = (workbook.getWorksheet("Data") as ExcelJS.Worksheet).getTable("Table1") as unknown as { table: { headerRow: boolean } };
    expect(table.table.headerRow).toBe(true);
  });

  test("refresh: structured references leave the header out, and the table keeps its header row in the file", async () => {
    const input = path.join(tmp.dir, "model.xlsx");
    const output = path.join(tmp.dir, "model.refreshed.xlsx");
    await excelLikeBook(input, withoutHeaderCount);
    await refreshWorkbookFile(input, output, SILENT);
    const sheet = (await readWorkbook(output)).getWorksheet("Data") as ExcelJS.Worksheet;
    // Header "EBIT" counted as data would give 4; the first ticker would be the header "Ticker".
    expect((sheet.getCell("D1").value as { result: unknown }).result).toBe(3);
    expect((sheet.getCell("D2").value as { result: unknown }).result).toBe(60);
    expect((sheet.getCell("D3").value as { result: unknown }).result).toBe("AAA");
    expect(await tableXml(output)).not.toMatch(/headerRowCount="0"/);
  });

  test('an explicit headerRowCount="0" still reads as a table without a header row', async () => {
    const file = path.join(tmp.dir, "headerless.xlsx");
    await excelLikeBook(file, (xml) => xml.replace(/headerRowCount="1"/, 'headerRowCount="0"'));
    const workbook = await loadWorkbook(file);
    const table = (workbook.getWorksheet("Data") as ExcelJS.Worksheet).getTable("Table1") as unknown as { table: { headerRow: boolean } };
    expect(table.table.headerRow).toBe(false);
  });
});
