/**
 * The sample workbook's "Model" sheet: a small analyst model built on the SMALLCAP outputs with
 * native Excel formulas (lookups, conditional counts, IF/AND, rounding, a defined name), so
 * `smallcap refresh` (and `npm run demo`) shows a whole model recalculated, not only the
 * SMALLCAP cells. Every formula here is one the headless engine evaluates.
 */
import type ExcelJS from "exceljs";

export const MODEL_SHEET = "Model";
/** The portfolio table: the universe's first names, one per row. */
const PORTFOLIO_ROWS = 10;
const FIRST = 14;

/**
 * Adds the Model sheet. `universeSheet` holds the companies from row `headerRow + 1` to
 * `lastRow`; its columns are those of `UNIVERSE_COLUMNS` (A ticker, J EBIT 2024, M interest
 * 2024, R forward P/E, W ICR, Y zombie).
 */
export function addModelSheet(workbook: ExcelJS.Workbook, universeSheet: string, headerRow: number, lastRow: number): void {
  const sheet = workbook.addWorksheet(MODEL_SHEET);
  const u = (column: string): string => `${universeSheet}!$${column}$${headerRow + 1}:$${column}$${lastRow}`;
  const f = (address: string, formula: string, numFmt?: string): void => {
    sheet.getCell(address).value = { formula } as ExcelJS.CellValue;
    if (numFmt !== undefined) sheet.getCell(address).numFmt = numFmt;
  };
  sheet.getCell("A1").value = "A small model on the SMALLCAP outputs: change an input, run `smallcap refresh`, every cell follows.";
  sheet.getCell("A1").font = { bold: true };
  sheet.getColumn(1).width = 30;
  const inputs: [string, number, string][] = [
    ["Risk-free rate", 0.042, "0.0%"],
    ["Portfolio ($m)", 100, "#,##0"],
    ["Minimum ICR", 3, "0.0"],
  ];
  inputs.forEach(([label, value, numFmt], i) => {
    sheet.getCell(3 + i, 1).value = label;
    sheet.getCell(3 + i, 2).value = value;
    sheet.getCell(3 + i, 2).numFmt = numFmt;
  });
  workbook.definedNames.add(`${MODEL_SHEET}!$B$3`, "RiskFree");

  const summary: [string, string, string?][] = [
    ["Companies", `COUNTA(${u("A")})`],
    ["ICR at or above the minimum", `COUNTIFS(${u("W")},">="&$B$5)`],
    ["Share covered", "IFERROR(B8/B7,0)", "0.0%"],
    ["Zombies", `COUNTIFS(${u("Y")},TRUE)`],
    ["Median forward P/E", `MEDIAN(${u("R")})`, "0.0"],
  ];
  summary.forEach(([label, formula, numFmt], i) => {
    sheet.getCell(7 + i, 1).value = label;
    f(`B${7 + i}`, formula, numFmt);
  });

  const headers = ["Ticker", "EBIT 2024", "Interest 2024", "ICR", "Spread", "Cost of debt", "Covered", "Weight", "Position ($m)"];
  headers.forEach((h, i) => {
    sheet.getCell(FIRST - 1, i + 1).value = h;
    sheet.getCell(FIRST - 1, i + 1).font = { bold: true };
  });
  const last = FIRST + PORTFOLIO_ROWS - 1;
  for (let r = FIRST; r <= last; r++) {
    f(`A${r}`, `INDEX(${u("A")},ROWS(A$${FIRST}:A${r}))`);
    f(`B${r}`, `_xlfn.XLOOKUP(A${r},${u("A")},${u("J")})`, "#,##0.00");
    f(`C${r}`, `_xlfn.XLOOKUP(A${r},${u("A")},${u("M")})`, "#,##0.00");
    f(`D${r}`, `SMALLCAP.ICR(B${r},C${r})`, "0.00");
    f(`E${r}`, `SMALLCAP.SPREAD(B${r},C${r})`, "0.00%");
    f(`F${r}`, `IFERROR(RiskFree+E${r},"n/a")`, "0.00%");
    f(`G${r}`, `IF(ISNUMBER(D${r}),D${r}>=$B$5,FALSE)`);
    f(`H${r}`, `IF(G${r},1/COUNTIF(G$${FIRST}:G$${last},TRUE),0)`, "0.0%");
    f(`I${r}`, `ROUND(H${r}*$B$4,2)`, "#,##0.00");
  }
  sheet.getCell(last + 1, 1).value = "Total";
  f(`H${last + 1}`, `SUM(H${FIRST}:H${last})`, "0.0%");
  f(`I${last + 1}`, `SUM(I${FIRST}:I${last})`, "#,##0.00");
  f(`F${last + 2}`, `IFERROR(AVERAGEIFS(F${FIRST}:F${last},G${FIRST}:G${last},TRUE),"n/a")`, "0.00%");
  sheet.getCell(last + 2, 1).value = "Average cost of debt, covered names";
}
