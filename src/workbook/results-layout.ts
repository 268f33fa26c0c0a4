/**
 * The layout of a screen's results sheet, as a pure function of the result: which value goes
 * in which cell, with which number format. The CLI writes it with exceljs; the pane's hosts
 * write the same layout through `results-sheet.ts`, so a results sheet looks the same whichever
 * wrote it.
 *
 * Layout ("SMALLCAP Results"):
 * - A1:I1 the header: Rank, Ticker, Name, Pass, Score, ICR, Shocked ICR, Zombie, Reason.
 * - One row per screened row: passing rows first by rank, then the others in source order.
 *   A blank number is a value that is unknown or infinite (no interest to cover); the Reason
 *   column says which.
 * - K1 onwards, after a blank column: the summary block (label in K, value in L), then the
 *   criteria that ran, one per row, then the rate-shock sweep (K..O): the share of the screened
 *   rows below 1x and 1.5x ICR from 0 to +500 bp, the screen's own shock marked.
 *
 * Cell text that comes from the data (tickers, names, reasons) is marked `fromData`: a host
 * that parses what it enters (Office.js `range.values`, a CSV) must enter it as text (see
 * `enteredText`); exceljs writes strings as text cells already.
 */
import { RowResult, ScreenResult, criterionDef, describeContext } from "../core/screen";
import type { ScreenSummary } from "../core/screen";
import { shareOrNull } from "../core/sweep";
import { cellAddress } from "./a1";
import { RESULTS_SHEET_PREFIX } from "./sheets";

/** A one-off run's results sheet. */
export const RESULTS_SHEET_NAME = RESULTS_SHEET_PREFIX;

export const RESULTS_HEADERS = ["Rank", "Ticker", "Name", "Pass", "Score", "ICR", "Shocked ICR", "Zombie", "Reason"] as const;

export type LayoutValue = number | string | boolean | null;

export interface LayoutCell {
  /** 1-based. */
  readonly row: number;
  /** 1-based. */
  readonly col: number;
  readonly value: LayoutValue;
  /** Excel number format, e.g. `0.00`. */
  readonly numFmt?: string;
  readonly bold?: boolean;
  /** Text taken from the screened data: enter it as text, never as a formula. */
  readonly fromData?: boolean;
}

export interface ResultsSheetLayout {
  readonly sheetName: string;
  readonly cells: readonly LayoutCell[];
  /** 1-based column -> width in characters. */
  readonly columnWidths: readonly { readonly col: number; readonly width: number }[];
  /** The results table with its header, e.g. `A1:I601`. */
  readonly tableRange: string;
  /** The summary block, e.g. `K1:L20`. */
  readonly summaryRange: string;
  /**
   * The rate-shock sweep under it, header row included (e.g. `K23:O35`): the shock in bp, the
   * share below each line, and the same shares again on the screen's own shock row only (the
   * mark a chart draws as points).
   */
  readonly sweepRange: string;
  /** Rows to keep frozen at the top (the header). */
  readonly freezeRows: number;
}

export interface ResultsSheetOptions {
  readonly sheetName?: string;
  /** Where the screened table came from, e.g. `Universe!A3:AB603` or `universe.csv`. */
  readonly source?: string;
  /** A title for the summary block (a saved screen's name). */
  readonly title?: string;
}

const SUMMARY_COL = RESULTS_HEADERS.length + 2;

const FORMAT = {
  rank: "0",
  score: "0.0",
  ratio: "0.00",
  share: "0.0%",
  pe: "0.0",
  count: "#,##0",
} as const;

function finiteOrNull(value: number | null): number | null {
  return value !== null && Number.isFinite(value) ? value : null;
}

/** One column of the results table: what a row puts in it, and how it is formatted. */
export interface ResultsColumnDef {
  readonly header: (typeof RESULTS_HEADERS)[number];
  readonly value: (r: RowResult) => LayoutValue;
  readonly numFmt?: string;
  /** Text from the screened data. */
  readonly fromData?: boolean;
}

/** The results table's columns, in RESULTS_HEADERS order: the one definition both hosts lay out. */
export const RESULTS_COLUMNS: readonly ResultsColumnDef[] = Object.freeze([
  { header: "Rank", value: (r) => r.rank, numFmt: FORMAT.rank },
  { header: "Ticker", value: (r) => r.ticker, fromData: true },
  { header: "Name", value: (r) => r.name, fromData: true },
  { header: "Pass", value: (r) => r.pass },
  { header: "Score", value: (r) => finiteOrNull(r.score), numFmt: FORMAT.score },
  { header: "ICR", value: (r) => finiteOrNull(r.icr), numFmt: FORMAT.ratio },
  { header: "Shocked ICR", value: (r) => finiteOrNull(r.shockedIcr), numFmt: FORMAT.ratio },
  { header: "Zombie", value: (r) => r.zombie },
  { header: "Reason", value: (r) => r.reason, fromData: true },
] satisfies ResultsColumnDef[]);

/** The layout of the results table's rows, in the sheet's order, each row built as it is laid out. */
function tableCells(result: ScreenResult): LayoutCell[] {
  const cells: LayoutCell[] = [];
  RESULTS_HEADERS.forEach((header, i) => cells.push({ row: 1, col: i + 1, value: header, bold: true }));
  // result.order: passing rows by rank, then the rest in source order.
  result.order.forEach((index, i) => {
    const r = result.row(index);
    const row = i + 2;
    for (let c = 0; c < RESULTS_COLUMNS.length; c++) {
      const { value, numFmt, fromData } = RESULTS_COLUMNS[c];
      const col = c + 1;
      if (numFmt !== undefined) cells.push({ row, col, value: value(r), numFmt });
      else if (fromData === true) cells.push({ row, col, value: value(r), fromData });
      else cells.push({ row, col, value: value(r) });
    }
  });
  return cells;
}

/**
 * The layout of a results sheet: the table (header and rows) and the summary block beside it.
 * `table: false` leaves out the table's rows, for a host that writes them from RESULTS_COLUMNS
 * itself (the pane, which hands Excel whole rows).
 */
export function resultsSheetLayout(result: ScreenResult, options: ResultsSheetOptions = {}, table = true): ResultsSheetLayout {
  const cells: LayoutCell[] = table ? tableCells(result) : [];

  const s = result.summary;
  const config = result.config;
  const periods = result.mapping.mapping.ebitHistory.length;
  const words = describeContext(config, periods);
  const drag = indexDrag(s);
  const summary: [string, LayoutValue, string?][] = [
    ["Preset", config.preset],
    ["Source", options.source ?? null],
    ["Rows screened", s.rowsScreened, FORMAT.count],
    ["Rows passing", s.rowsPassing, FORMAT.count],
    ["Zombies", s.zombieCount, FORMAT.count],
    ["Zombie share", s.zombieShare, FORMAT.share],
    ["Unprofitable share (EBIT < 0)", s.unprofitableShare, FORMAT.share],
    ["Index P/E", s.indexPe, FORMAT.pe],
    ["Index P/E ex-unprofitable", s.indexPeExUnprofitable, FORMAT.pe],
    ["Index drag of the unprofitable tail (P/E points)", drag, FORMAT.pe],
    ["Rate shock (bp)", config.shockBps, "0"],
  ];
  let row = 1;
  cells.push({ row, col: SUMMARY_COL, value: options.title ?? "Summary", bold: true });
  for (const [label, value, numFmt] of summary) {
    row++;
    cells.push({ row, col: SUMMARY_COL, value: label });
    cells.push({ row, col: SUMMARY_COL + 1, value, ...(numFmt !== undefined ? { numFmt } : {}), ...(label === "Source" ? { fromData: true } : {}) });
  }
  row += 2;
  cells.push({ row, col: SUMMARY_COL, value: "Criteria", bold: true });
  for (const setting of config.criteria) {
    row++;
    const def = criterionDef(setting.id);
    cells.push({ row, col: SUMMARY_COL, value: def.describe(setting.threshold, words) });
    cells.push({ row, col: SUMMARY_COL + 1, value: setting.enabled ? "on" : "off" });
  }

  const summaryRange = `${cellAddress(1, SUMMARY_COL)}:${cellAddress(row, SUMMARY_COL + 1)}`;
  row += 2;
  cells.push({ row, col: SUMMARY_COL, value: "Rate-shock sweep: share of the screened rows below the line", bold: true });
  row++;
  const sweepTop = row;
  const sweep = sweepCells(result, row);
  cells.push(...sweep.cells);
  row = sweep.lastRow;

  return {
    sheetName: options.sheetName ?? RESULTS_SHEET_NAME,
    cells,
    columnWidths: [
      { col: 1, width: 6 },
      { col: 2, width: 10 },
      { col: 3, width: 28 },
      { col: 4, width: 7 },
      { col: 5, width: 7 },
      { col: 6, width: 8 },
      { col: 7, width: 11 },
      { col: 8, width: 8 },
      { col: 9, width: 60 },
      { col: SUMMARY_COL, width: 44 },
      { col: SUMMARY_COL + 1, width: 18 },
      ...sweep.widths,
    ],
    tableRange: `A1:${cellAddress(result.count + 1, RESULTS_HEADERS.length)}`,
    summaryRange,
    sweepRange: `${cellAddress(sweepTop, SUMMARY_COL)}:${cellAddress(row, sweep.lastCol)}`,
    freezeRows: 1,
  };
}

/** How many P/E points the unprofitable tail adds to the index P/E; null when either P/E is unknown. */
export function indexDrag(summary: Pick<ScreenSummary, "indexPe" | "indexPeExUnprofitable">): number | null {
  return summary.indexPe !== null && summary.indexPeExUnprofitable !== null ? summary.indexPe - summary.indexPeExUnprofitable : null;
}

/**
 * The rate-shock sweep as cells from row `top` (`ScreenResult.shockCurve`, SMALLCAP.SHOCKSWEEP's
 * rules): a header, then one row per shock from 0 to +500 bp. The screen's own shock row repeats
 * its shares in the mark columns (blank elsewhere), so a chart over the block marks it.
 */
function sweepCells(result: ScreenResult, top: number): { cells: LayoutCell[]; lastRow: number; lastCol: number; widths: { col: number; width: number }[] } {
  const curve = result.shockCurve();
  const marked = `+${curve.marked} bp`;
  const headers = [
    "Rate shock (bp)",
    ...curve.lines.map((line) => `Below ${line.threshold}x ICR`),
    ...curve.lines.map((line) => `Below ${line.threshold}x at this screen's ${marked}`),
  ];
  const cells: LayoutCell[] = headers.map((header, c) => ({ row: top, col: SUMMARY_COL + c, value: header, bold: true }));
  curve.shocks.forEach((bp, i) => {
    const row = top + 1 + i;
    const mark = bp === curve.marked;
    cells.push({ row, col: SUMMARY_COL, value: bp, numFmt: "0", ...(mark ? { bold: true } : {}) });
    curve.lines.forEach((line, k) => {
      const share = shareOrNull(line.points[i]);
      cells.push({ row, col: SUMMARY_COL + 1 + k, value: share, numFmt: FORMAT.share });
      cells.push({ row, col: SUMMARY_COL + 1 + curve.lines.length + k, value: mark ? share : null, numFmt: FORMAT.share });
    });
  });
  const lastCol = SUMMARY_COL + headers.length - 1;
  const widths: { col: number; width: number }[] = [];
  for (let col = SUMMARY_COL + 2; col <= lastCol; col++) widths.push({ col, width: col <= SUMMARY_COL + curve.lines.length ? 14 : 22 });
  return { cells, lastRow: top + curve.shocks.length, lastCol, widths };
}

/**
 * Text that a spreadsheet would read as a formula when typed or imported (OWASP's CSV
 * injection list: `=`, `+`, `-`, `@`, and a leading tab or carriage return).
 */
export function looksLikeFormula(text: string): boolean {
  return /^[=+\-@\t\r]/.test(text);
}

/**
 * A value as a host that parses its input must enter it: text that would read as a formula
 * gets Excel's text prefix, an apostrophe (shown by no one, kept as text by Excel).
 */
export function enteredText(cell: LayoutCell): LayoutValue {
  return cell.fromData === true && typeof cell.value === "string" && looksLikeFormula(cell.value) ? "'" + cell.value : cell.value;
}

/** The results table (not the summary) as rows of values, for CSV and text output. */
export function resultsTableRows(layout: ResultsSheetLayout): LayoutValue[][] {
  const rows: LayoutValue[][] = [];
  for (const cell of layout.cells) {
    if (cell.col > RESULTS_HEADERS.length) continue;
    (rows[cell.row - 1] ??= new Array(RESULTS_HEADERS.length).fill(null))[cell.col - 1] = cell.value;
  }
  return rows;
}
