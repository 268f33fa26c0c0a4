/**
 * The results sheet as data, for the pane's workbook hosts (Excel, the preview). The cell
 * layout is `resultsSheetLayout` (`results-layout.ts`), which the CLI writes too: a results
 * sheet looks the same whether the pane or the headless CLI wrote it. On top of that layout the pane adds what only Excel
 * renders: an Excel table over the results, conditional formats and two charts.
 *
 *     A1:I1      Rank | Ticker | Name | Pass | Score | ICR | Shocked ICR | Zombie | Reason
 *     A2:I(n+1)  one row per screened row, passing rows first by rank
 *     K1:L...    summary block, then the criteria that ran
 *     K..:O..    below the criteria, the rate-shock sweep: share below 1x and 1.5x ICR, 0 to +500 bp
 *     K..:L..    below it, the charts: interest cover before and after the rate shock, then the
 *                sweep as two lines with the screen's own shock marked
 *
 * Numbers keep two more decimals than their column shows (score 0.001, ICR 0.0001): the sheet
 * is a report, and shorter numbers keep a 50,000-row write inside Excel's request limits
 * (see src/excel/payload.ts). Text from the data goes into text-formatted cells, so a ticker
 * such as `=HYPERLINK(...)` stays text.
 */
import type { ScreenResult } from "../core/screen/types";
import { clipCellText } from "../core/excel-limits";
import { cellAddress } from "./a1";
import { RESULTS_COLUMNS, RESULTS_HEADERS, resultsSheetLayout, type LayoutValue } from "./results-layout";
import { RESULTS_SHEET_PREFIX } from "./sheets";

/** A value as written: "" is a blank cell. */
export type Cell = string | number | boolean;

export interface ResultsColumn {
  readonly header: string;
  /** Excel number format; "@" (text) for the columns holding text from the data. */
  readonly numberFormat: string;
  /** Width in characters of the default font. */
  readonly width: number;
}

/** A cell outside the results table (summary, criteria). Rows and columns 1-based, as in the layout. */
export interface PlacedCell {
  readonly row: number;
  readonly column: number;
  readonly value: Cell;
  /** "@" for every text cell: a saved screen's name or a source label never becomes a formula. */
  readonly numberFormat: string;
  readonly bold: boolean;
}

export interface ResultsSheet {
  readonly sheet: string;
  /** The Excel table over the results; derived from the sheet name (table names are workbook-wide). */
  readonly tableName: string;
  /** Charts are named per sheet, so every results sheet uses the same name. */
  readonly chartName: string;
  readonly columns: readonly ResultsColumn[];
  /** Table body in sheet order (passing rows by rank first). Rectangular. */
  readonly rows: readonly (readonly Cell[])[];
  /** Summary block and criteria list. */
  readonly cells: readonly PlacedCell[];
  /** Widths of columns outside the table (1-based column, characters). */
  readonly extraWidths: readonly { readonly column: number; readonly width: number }[];
  readonly freezeRows: number;
  /** The chart's top-left and bottom-right cells. */
  readonly chartFrom: string;
  readonly chartTo: string;
  readonly chartTitle: string;
  /**
   * The second chart: the rate-shock sweep (share below 1x and 1.5x ICR, 0 to +500 bp, the
   * screen's shock marked) over the sweep block of the layout, placed below the first chart.
   */
  readonly sweepChart: SweepChart;
  readonly rowsScreened: number;
  readonly rowsPassing: number;
}

export interface SweepChart {
  readonly name: string;
  readonly title: string;
  /** The sweep block, header row included (`K24:O36`): the first column is the shock, the others one series each. */
  readonly source: string;
  readonly from: string;
  readonly to: string;
  /** The shocks the x axis spans, in bp. */
  readonly minShock: number;
  readonly maxShock: number;
}

/** The results table's header row (row 1); data from row 2. */
export const TABLE_TOP = 1;

/** Where each column sits in a row of `ResultsSheet.rows` (an array index, 0-based; the sheet column is one more), looked up from the layout's headers. */
export const COLUMN = Object.freeze({
  rank: RESULTS_HEADERS.indexOf("Rank"),
  ticker: RESULTS_HEADERS.indexOf("Ticker"),
  pass: RESULTS_HEADERS.indexOf("Pass"),
  score: RESULTS_HEADERS.indexOf("Score"),
  icr: RESULTS_HEADERS.indexOf("ICR"),
  shockedIcr: RESULTS_HEADERS.indexOf("Shocked ICR"),
  zombie: RESULTS_HEADERS.indexOf("Zombie"),
});

/** The results table's style, in every host (Excel's default table style). */
export const RESULTS_TABLE_STYLE = "TableStyleMedium2";

export const RESULTS_CHART_NAME = "SMALLCAP_Coverage";
export const SWEEP_CHART_NAME = "SMALLCAP_ShockSweep";

export interface ResultsOptions {
  readonly sheet: string;
  /** The saved screen's name; omitted for a one-off run. */
  readonly screenName?: string;
  /** `table Universe (Data!A1:V61)`. */
  readonly sourceLabel: string;
}

/** Builds the sheet description from an engine result. Pure. */
export function buildResultsSheet(result: ScreenResult, options: ResultsOptions): ResultsSheet {
  // The layout's summary block; the table's rows are built here straight from RESULTS_COLUMNS,
  // a row array each, without a cell object per value (900,000 of them at 100,000 rows).
  const layout = resultsSheetLayout(result, { sheetName: options.sheet, source: options.sourceLabel, title: options.screenName }, false);
  const width = RESULTS_HEADERS.length;
  const decimals = RESULTS_COLUMNS.map((column) => (column.numFmt === undefined ? undefined : (/\.(0+)/.exec(column.numFmt)?.[1].length ?? 0) + 2));
  const rows: Cell[][] = new Array(result.count);
  result.order.forEach((index, k) => {
    const r = result.row(index);
    const row = new Array<Cell>(width);
    for (let c = 0; c < width; c++) row[c] = tableValue(RESULTS_COLUMNS[c].value(r), decimals[c]);
    rows[k] = row;
  });
  const cells: PlacedCell[] = [];
  let lastRow = 1;
  for (const cell of layout.cells) {
    if (cell.row === TABLE_TOP && cell.col <= width) continue; // the table's header: the columns below
    const value = plain(cell.value);
    cells.push({
      row: cell.row,
      column: cell.col,
      value,
      numberFormat: typeof value === "string" ? "@" : (cell.numFmt ?? "General"),
      bold: cell.bold === true,
    });
    lastRow = Math.max(lastRow, cell.row);
  }

  const widths = new Map(layout.columnWidths.map((w) => [w.col, w.width]));
  // Text columns are text even when every row is blank (no names mapped).
  const columns: ResultsColumn[] = RESULTS_COLUMNS.map((column, c) => ({
    header: column.header,
    numberFormat: column.fromData === true ? "@" : (column.numFmt ?? "General"),
    width: widths.get(c + 1) ?? 10,
  }));
  const summaryColumn = Math.min(...cells.map((c) => c.column));
  const curve = result.shockCurve();

  return {
    sheet: options.sheet,
    tableName: resultsTableName(options.sheet),
    chartName: RESULTS_CHART_NAME,
    columns,
    rows,
    cells,
    extraWidths: layout.columnWidths.filter((w) => w.col > width).map((w) => ({ column: w.col, width: w.width })),
    freezeRows: layout.freezeRows,
    chartFrom: cellAddress(lastRow + 2, summaryColumn),
    chartTo: cellAddress(lastRow + 19, summaryColumn + 1),
    chartTitle: `Interest cover before and after a +${result.config.shockBps} bp shock`,
    sweepChart: {
      name: SWEEP_CHART_NAME,
      title: `Share below 1x and 1.5x ICR as rates rise (this screen: +${curve.marked} bp)`,
      source: layout.sweepRange,
      from: cellAddress(lastRow + 21, summaryColumn),
      to: cellAddress(lastRow + 38, summaryColumn + 1),
      minShock: curve.shocks[0],
      maxShock: curve.shocks[curve.shocks.length - 1],
    },
    rowsScreened: result.summary.rowsScreened,
    rowsPassing: result.summary.rowsPassing,
  };
}

/** A table cell: blanks as "", numbers kept to `decimals` (two more than their format shows). */
function tableValue(layoutValue: LayoutValue, decimals: number | undefined): Cell {
  const value = plain(layoutValue);
  if (typeof value !== "number" || decimals === undefined) return value;
  return roundTo(value, decimals);
}

function plain(value: LayoutValue): Cell {
  if (value === null) return "";
  if (typeof value === "number") return Number.isFinite(value) ? value : "";
  if (typeof value === "string") return clipCellText(value);
  return value;
}

function roundTo(value: number, decimals: number): number {
  const factor = 10 ** decimals;
  const rounded = Math.round(value * factor) / factor;
  if (!Number.isFinite(rounded)) return value;
  return Object.is(rounded, -0) ? 0 : rounded;
}

/**
 * The results table's name, from the sheet name alone: letters, digits and underscores, plus
 * a hash of the exact sheet name so that `Q 1` and `Q_1` do not collide.
 */
export function resultsTableName(sheet: string): string {
  const slug = sheet
    .replace(/^SMALLCAP\s*/i, "")
    .replace(/[^A-Za-z0-9_]/g, "_")
    .slice(0, 40);
  return `SMALLCAP_${slug}_${fnv1a(sheet)}`;
}

/** 32-bit FNV-1a of the UTF-16 code units, as 8 hex digits. */
function fnv1a(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(16).padStart(8, "0");
}

/**
 * The one rule for "is this sheet ours to replace?", for every host: its name starts with
 * `SMALLCAP Results` exactly as the add-in writes it, or it holds the results table named for
 * it (`resultsTableName`), which only the add-in writes. Anything else is never replaced: a
 * sheet renamed to `smallcap results ...`, or one that merely starts with the results header
 * (a copy the analyst made and annotated). The pane accepted the first and the CLI the second;
 * the one rule is the stricter of the two on each (test/cli/results-and-saved.test.ts, "one
 * rule for the add-in's own results sheets"). `tablesOnSheet`: the tables on that sheet.
 */
export function isOwnResultsSheet(sheet: string, tablesOnSheet: readonly string[]): boolean {
  const table = resultsTableName(sheet).toLowerCase();
  return sheet.startsWith(RESULTS_SHEET_PREFIX) || tablesOnSheet.some((t) => t.toLowerCase() === table);
}

/**
 * Why `results` cannot be written over what the workbook holds, or undefined when it can: a
 * sheet of its name that is not the add-in's (`isOwnResultsSheet`), or its results table on
 * another sheet (a renamed results sheet). Returns the existing sheet of that name, if any.
 */
export function resultsSheetConflict(
  results: Pick<ResultsSheet, "sheet" | "tableName">,
  sheets: readonly string[],
  tables: readonly { readonly name: string; readonly sheet: string }[],
): { existing?: string; problem?: string } {
  const existing = sheets.find((name) => name.toLowerCase() === results.sheet.toLowerCase());
  if (existing !== undefined && !isOwnResultsSheet(existing, tables.filter((t) => t.sheet === existing).map((t) => t.name))) {
    return { existing, problem: `The sheet "${existing}" already exists and was not written by SMALLCAP. Choose another results sheet, or rename that one.` };
  }
  const ownTable = tables.find((t) => t.name.toLowerCase() === results.tableName.toLowerCase());
  if (ownTable !== undefined && ownTable.sheet !== existing) {
    return {
      existing,
      problem: `A table named ${ownTable.name} is on the sheet "${ownTable.sheet}" (a renamed results sheet?). Delete or rename that table, or choose another results sheet.`,
    };
  }
  return existing === undefined ? {} : { existing };
}
