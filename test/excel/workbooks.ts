/**
 * Workbooks for the adapter's tests: the sample universe as a table on a fake Excel, and
 * snapshots of what a reader of the workbook sees.
 */
import { SAMPLE_HEADERS } from "../../src/preview/sample-data";
import { columnLetters } from "../../src/workbook/a1";
import { rangeAddress } from "./fake-excel";
import { FakeExcel, type FakeOptions, type FakeSheet } from "./fake-excel";

/** The sample headers and `rows` as the table "Universe" on the sheet "Universe", plus a "Notes" sheet. */
export function universe(rows: unknown[][], extra?: (fake: FakeExcel) => void, options?: FakeOptions): FakeExcel {
  const fake = new FakeExcel(options);
  fake.addSheet("Universe", [[...SAMPLE_HEADERS], ...rows]);
  fake.addTable("Universe", "Universe", `A1:${columnLetters(SAMPLE_HEADERS.length)}${rows.length + 1}`);
  fake.addSheet("Notes", [["Analyst notes"], ["Check the covenants"]]);
  extra?.(fake);
  return fake;
}

/** Every cell of a sheet, with its visibility and number formats. */
export function cells(sheet: FakeSheet | undefined): string {
  if (sheet === undefined) return "missing";
  const out: string[] = [];
  for (const [row, columns] of [...sheet.rows].sort((a, b) => a[0] - b[0])) {
    for (const [column, value] of [...columns].sort((a, b) => a[0] - b[0])) out.push(`${row}:${column}=${JSON.stringify(value)}`);
  }
  return `${sheet.visibility}|${JSON.stringify(sheet.formats)}|${out.join(";")}`;
}

/**
 * What a reader of the results sees: the workbook's structure (sheets in order, tables with
 * their ranges, charts with their settings, names, conditional formats) and the cells,
 * formats, widths and frozen rows of the sheet `output`.
 */
export function resultsState(fake: FakeExcel, output: string): string {
  const sheet = fake.sheet(output);
  return JSON.stringify({
    structure: fake.structure(),
    tables: fake.tables.map((t) => `${t.sheet.name}!${t.name}@${rangeAddress(t.rect)}/${t.style}`).sort(),
    charts: sheet?.charts.map((c) => JSON.stringify(c)),
    widths: sheet === undefined ? [] : [...sheet.columnWidths],
    styles: sheet?.styles,
    frozen: sheet?.frozenRows,
    cells: cells(sheet),
  });
}
