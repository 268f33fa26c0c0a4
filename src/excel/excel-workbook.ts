/**
 * The screener's workbook over Office.js: every call is one `Excel.run` batch with a small
 * number of `context.sync()` round trips; every request and every response stays under 4 MB
 * (Excel on the web refuses either over 5 MB; see payload.ts).
 *
 * - readSource: 1 sync for a source of up to 2,000 rows (its size, the header and those rows,
 *   plus the workbook's sheet and table lists so that the write in the same run needs no
 *   probe). A longer source continues in row blocks planned from the measured bytes per row,
 *   as many per sync as fit 4 MB of response: 1 + ceil(remaining bytes / 4 MB) syncs. The
 *   source is only ever loaded.
 * - writeResults: 2 syncs when given the shape from the read (3 without it): one with a
 *   staging sheet holding every value, one that swaps it in for the old results sheet and adds
 *   the table, conditional formats and both charts. A failure part-way leaves the old sheet whole.
 *   The values travel in blocks just under 1 MB each, all queued before the first sync as long
 *   as they and their operations fit 4 MB; a larger total spills into the second sync, and past
 *   about 7.9 MB one more sync per ~3.95 MB (see payload.ts).
 * - Saved screens live in A1 of the very hidden sheet `_smallcap` as a JSON array.
 *
 * A run (read, screen, write) is therefore 3 syncs for a typical source (100 rows); on the test
 * fake with 14 sample columns, 5 at 50,000 rows and 8 at 100,000.
 */
import type { SavedScreen } from "../core/screen/saved";
import { areaAddress, areaOf, cellAddress, columnLetters, splitQualified, type Area } from "../workbook/a1";
import { COLUMN, RESULTS_TABLE_STYLE, TABLE_TOP, resultsSheetConflict, resultsTableName, type Cell, type ResultsSheet } from "../workbook/results-sheet";
import { parseSavedScreensCell, serializeSavedScreens } from "../workbook/saved-screens";
import { STATE_SHEET, fromHostRows, outputSheetProblem } from "../workbook/sheets";
import {
  WorkbookError,
  type SavedScreensRead,
  type ScreenWorkbook,
  type SelectionInfo,
  type ReadOptions,
  type SourceData,
  type SourceRef,
  type TableInfo,
  type WorkbookShape,
  type WriteOptions,
  type WriteReport,
} from "../workbook/workbook";
import { CHUNK_BUDGET, FIRST_READ_ROWS, SYNC_BUDGET, groupChunks, jsonBytes, planChunks, planReadSync, WRITE_CHUNK_BUDGET, type Chunk } from "./payload";

/** `Excel.run`, injectable so tests can hand in a mock context. */
export type ExcelRunner = <T>(batch: (context: Excel.RequestContext) => Promise<T>) => Promise<T>;

/** Fluent-ish colours that read on Excel's default white grid. */
const FILL_FAIL = "#FDE7E9";
const FILL_ZOMBIE = "#C50F1F";
const FONT_ZOMBIE = "#FFFFFF";
const BAR_SCORE = "#0F6CBD";
const AXIS_MIN = -2;
const AXIS_MAX = 10;

export class ExcelWorkbook implements ScreenWorkbook {
  readonly hostName = "Excel";
  private readonly run: ExcelRunner;

  constructor(run?: ExcelRunner) {
    this.run = run ?? ((batch) => Excel.run(batch));
  }

  async listTables(): Promise<readonly TableInfo[]> {
    return this.guard(() =>
      this.run(async (context) => {
        const tables = context.workbook.tables;
        tables.load("items/name, items/worksheet/name");
        await context.sync();
        const ranges = tables.items.map((table) => tableRows(table).load("address, rowCount, columnCount"));
        await context.sync();
        return tables.items.map((table, i) => ({
          name: table.name,
          sheet: table.worksheet.name,
          address: splitQualified(ranges[i].address).address,
          rows: Math.max(0, ranges[i].rowCount - 1),
          columns: ranges[i].columnCount,
        }));
      }),
    );
  }

  async getSelection(): Promise<SelectionInfo | null> {
    try {
      return await this.run(async (context) => {
        const range = context.workbook.getSelectedRange();
        range.load("address, cellCount");
        const region = range.getSurroundingRegion();
        region.load("address, cellCount");
        await context.sync();
        const single = range.cellCount === 1;
        const chosen = single && region.cellCount > 1 ? region : range;
        const { sheet, address } = splitQualified(chosen.address);
        if (sheet === undefined) return null;
        return { sheet, address, widened: chosen === region };
      });
    } catch {
      // A chart, a shape or several areas selected: nothing a screen could read.
      return null;
    }
  }

  async readSource(source: SourceRef, options: ReadOptions = {}): Promise<SourceData> {
    // A header-only read takes the first body row too: an empty table's one blank row is no data.
    const below = options.headerOnly === true ? 1 : FIRST_READ_ROWS;
    return this.guard(async () => {
      const first = { done: false };
      try {
        return await this.readOnce(source, options, below, first);
      } catch (error) {
        // A wide source: the header and 2,000 rows passed Excel's response or cell limit in the
        // first sync, which returned nothing. Again with the header and one row; the rest is
        // then planned from that row's measured size. Never after rows went out to `onRows`.
        if (!first.done && below > 1 && tooLargeToRead(error)) return this.readOnce(source, options, 1, first);
        throw error;
      }
    });
  }

  /** One read of the source with a first block of `below` rows under the header; `first.done` once the first sync returned. */
  private readOnce(source: SourceRef, options: ReadOptions, below: number, first: { done: boolean }): Promise<SourceData> {
    return this.run(async (context) => {
      const shape = loadShape(context);
      if (source.table !== undefined) {
        const table = context.workbook.tables.getItem(source.table);
        table.load("name");
        table.worksheet.load("name");
        const whole = tableRows(table).load("address, rowCount, columnCount");
        const head = firstBlock(whole, below);
        await syncOr(context, `The table "${source.table}" is not in this workbook any more. Pick the source again.`);
        first.done = true;
        return {
          source: { sheet: table.worksheet.name, table: table.name, address: splitQualified(whole.address).address },
          ...(await readBody(context, whole, whole.rowCount, head.values, options, true)),
          shape: readShape(shape),
        };
      }
      if (source.address === undefined) throw new WorkbookError("The source names neither a table nor an address.");
      const sheet = context.workbook.worksheets.getItem(source.sheet);
      // Only the used part: a whole-column source (A:K) reads its filled rows, not a million.
      const used = sheet.getRange(source.address).getUsedRangeOrNullObject(true);
      used.load("isNullObject, address, rowCount, columnCount");
      const head = firstBlock(used, below);
      await syncOr(context, `Cannot read ${source.sheet}!${source.address}: the sheet or the address is not there any more.`);
      first.done = true;
      const empty = used.isNullObject;
      return {
        source: { sheet: source.sheet, address: source.address },
        ...(await readBody(context, used, empty ? 0 : used.rowCount, empty ? [] : head.values, options, false)),
        shape: readShape(shape),
      };
    });
  }

  /**
   * Writes the results on a staging sheet and swaps it in at the last sync: a write that fails
   * part-way (a dropped connection, Excel busy) leaves the previous results as they were, and the
   * staging sheet is removed again (or, if even that fails, by the next write).
   */
  async writeResults(results: ResultsSheet, options: WriteOptions = {}): Promise<WriteReport> {
    const problem = outputSheetProblem(results.sheet);
    if (problem !== undefined) throw new WorkbookError(problem);
    const width = results.columns.length;
    if (results.rows.some((row) => row.length !== width)) throw new Error("results rows must all have one cell per column");
    const staging = stagingSheetName(results.sheet);
    // Set just before the last sync: a failure from then on may have deleted the old sheet after
    // every staging operation ran.
    let lastSync = false;
    let replacing = false;

    try {
      return await this.guard(() =>
        this.run(async (context) => {
          const progress = options.onProgress ?? (() => undefined);
          let shape = options.shape;
          if (shape === undefined) {
            const loaded = loadShape(context);
            await context.sync();
            shape = readShape(loaded);
          }
          const existing = checkOutput(shape, results);
          replacing = existing !== undefined;
          const leftover = shape.sheets.find((s) => s.name === staging);

          const n = results.rows.length;
          const block = placedBlock(results);
          const groups = groupChunks(planChunks(results.rows, WRITE_CHUNK_BUDGET), SYNC_BUDGET, block.bytes);
          const tableRows = Math.max(n, 1);

          // First sync: the staging sheet with every value; number formats go before values, so text stays text.
          const worksheets = context.workbook.worksheets;
          if (leftover !== undefined) worksheets.getItem(leftover.name).delete();
          const sheet = worksheets.add(staging);

          if (block.rect !== undefined) {
            const range = sheet.getRange(areaAddress(block.rect));
            range.numberFormat = block.formats;
            range.values = block.values;
          }
          const header = sheet.getRange(areaAddress(areaOf(TABLE_TOP, 1, 1, width)));
          setFormat(header, "@");
          header.values = [results.columns.map((c) => c.header)];
          results.columns.forEach((column, c) => {
            setFormat(sheet.getRange(areaAddress(areaOf(TABLE_TOP + 1, c + 1, tableRows, 1))), column.numberFormat);
          });

          let written = 0;
          const writeGroup = (group: readonly Chunk[]) => {
            for (const chunk of group) {
              const rows = results.rows.slice(chunk.start, chunk.start + chunk.count) as Cell[][];
              sheet.getRange(areaAddress(areaOf(TABLE_TOP + 1 + chunk.start, 1, chunk.count, width))).values = rows;
              written += chunk.count;
            }
          };
          const say = (message: string) => progress({ phase: "write", message, fraction: n === 0 ? 1 : written / n });

          writeGroup(groups[0]);
          say(`Writing ${formatCount(written)} of ${formatCount(n)} rows to "${results.sheet}"…`);
          await context.sync();
          for (let g = 1; g < groups.length; g++) {
            writeGroup(groups[g]);
            if (g < groups.length - 1) {
              say(`Writing ${formatCount(written)} of ${formatCount(n)} rows…`);
              await context.sync();
            }
          }

          // Last sync: the table, widths, formats and charts on the staging sheet (the table under a
          // staging name, since table names are unique in a workbook), plus the last values when
          // they did not fit the first; then the staging sheet takes the old one's place and
          // focus; only then the swap: old sheet out, staging sheet and table renamed into place.
          // Excel runs a batch in order and stops at the first failure, keeping what ran before
          // it, so everything that can fail comes before the delete, and a failure after the
          // delete leaves a complete staging sheet that `settleFailedWrite` renames into place.
          const tableAddress = areaAddress(areaOf(TABLE_TOP, 1, tableRows + 1, width));
          const table = sheet.tables.add(tableAddress, true);
          table.name = stagingTableName(results.tableName);
          table.style = RESULTS_TABLE_STYLE;
          decorate(sheet, results);
          const chartName = n > 0 ? addChart(sheet, results) : "";
          if (n > 0) addSweepChart(sheet, results);
          if (existing !== undefined) sheet.position = existing.position;
          if (options.activate === true) sheet.activate();
          if (existing !== undefined) worksheets.getItem(existing.name).delete();
          sheet.name = results.sheet;
          table.name = results.tableName;
          say(`Formatting "${results.sheet}"…`);
          lastSync = true;
          await context.sync();
          progress({ phase: "write", message: `Wrote ${formatCount(n)} rows to "${results.sheet}".`, fraction: 1 });
          return { sheet: results.sheet, table: results.tableName, chart: chartName, tableAddress, rowsWritten: n, replaced: existing !== undefined };
        }),
      );
    } catch (error) {
      await this.settleFailedWrite(results, staging, lastSync && replacing);
      throw error;
    }
  }

  /**
   * Best effort after a failed write, so that the workbook holds the old results or the new
   * ones, whole:
   * - the old sheet gone and the staging sheet there (only possible when the last sync failed
   *   after its delete, so every staging operation before it ran): finish the swap;
   * - the sheet renamed but its table still under the staging name: rename the table;
   * - otherwise drop the staging sheet (the old results are untouched).
   * If this fails too, the next write removes a leftover staging sheet (see `leftover`).
   */
  private async settleFailedWrite(results: ResultsSheet, staging: string, afterDelete: boolean): Promise<void> {
    const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();
    try {
      await this.run(async (context) => {
        const sheets = context.workbook.worksheets;
        sheets.load("items/name");
        const tables = context.workbook.tables;
        tables.load("items/name, items/worksheet/name");
        await context.sync();
        const target = sheets.items.find((s) => same(s.name, results.sheet));
        const stagingSheet = sheets.items.find((s) => s.name === staging);
        const stagingTable = tables.items.find((t) => same(t.name, stagingTableName(results.tableName)));
        if (target === undefined && stagingSheet !== undefined && afterDelete) {
          stagingSheet.name = results.sheet;
          if (stagingTable !== undefined && stagingTable.worksheet.name === staging) stagingTable.name = results.tableName;
        } else if (target !== undefined && stagingSheet === undefined && stagingTable !== undefined && same(stagingTable.worksheet.name, results.sheet)) {
          stagingTable.name = results.tableName;
        } else if (stagingSheet !== undefined) {
          stagingSheet.delete();
        } else return;
        await context.sync();
      });
    } catch {
      // The next write removes a leftover staging sheet (see `leftover`).
    }
  }

  async loadSavedScreens(): Promise<SavedScreensRead> {
    return this.guard(() =>
      this.run(async (context) => {
        const sheet = context.workbook.worksheets.getItemOrNullObject(STATE_SHEET);
        sheet.load("isNullObject");
        await context.sync();
        if (sheet.isNullObject) return { screens: [], problems: [] };
        const cell = sheet.getRange("A1").load("values");
        await context.sync();
        return parseSavedScreensCell(cell.values[0]?.[0]);
      }),
    );
  }

  async saveSavedScreens(screens: readonly SavedScreen[]): Promise<void> {
    const json = serializeSavedScreens(screens);
    await this.guard(() =>
      this.run(async (context) => {
        const probe = context.workbook.worksheets.getItemOrNullObject(STATE_SHEET);
        probe.load("isNullObject");
        await context.sync();
        const sheet = probe.isNullObject ? context.workbook.worksheets.add(STATE_SHEET) : context.workbook.worksheets.getItem(STATE_SHEET);
        sheet.visibility = "VeryHidden";
        const cell = sheet.getRange("A1");
        setFormat(cell, "@");
        cell.values = [[json]];
        await context.sync();
      }),
    );
  }

  /** Office errors become messages; WorkbookErrors pass through. */
  private async guard<T>(action: () => Promise<T>): Promise<T> {
    try {
      return await action();
    } catch (error) {
      if (error instanceof WorkbookError) throw error;
      throw new WorkbookError(describeOfficeError(error));
    }
  }
}

/**
 * The staging sheet of a results sheet: deterministic, so that a leftover from a failed write is
 * recognised and removed by the next one; 18 characters, inside Excel's 31.
 */
/** The results table's name while it sits on the staging sheet (Excel caps table names at 255 characters). */
export function stagingTableName(table: string): string {
  return `${table}_staging`.slice(0, 255);
}


export function stagingSheetName(sheet: string): string {
  return `~SMALLCAP ${resultsTableName(sheet).slice(-8)}`;
}

/**
 * A table's header row and data body as one range: `getRange()` would include the totals row
 * when the table shows one, and a totals row is no company.
 */
function tableRows(table: Excel.Table): Excel.Range {
  return table.getHeaderRowRange().getBoundingRect(table.getDataBodyRange());
}

/** Queues the loads of the sheet and table lists (cheap: names only). */
function loadShape(context: Excel.RequestContext): { sheets: Excel.WorksheetCollection; tables: Excel.TableCollection } {
  const sheets = context.workbook.worksheets;
  sheets.load("items/name, items/position, items/visibility");
  const tables = context.workbook.tables;
  tables.load("items/name, items/worksheet/name");
  return { sheets, tables };
}

function readShape(loaded: { sheets: Excel.WorksheetCollection; tables: Excel.TableCollection }): WorkbookShape {
  return {
    sheets: loaded.sheets.items.map((s) => ({ name: s.name, position: s.position, visibility: String(s.visibility) })),
    tables: loaded.tables.items.map((t) => ({ name: t.name, sheet: t.worksheet.name })),
  };
}

/** A table whose body is empty still has one blank row in Excel: drop an all-blank body. */
function bodyRows(rows: unknown[][]): unknown[][] {
  return rows.length === 1 && rows[0].every((v) => v === "" || v === null) ? [] : rows;
}

/**
 * A source's header and rows after the first sync (`head`: its first block), by the read's
 * mode: only the header and the number of data rows (`headerOnly`); every row handed to
 * `onRows` block by block and none kept; or the rows joined. `table`: an empty table's one
 * blank body row is no data.
 */
async function readBody(
  context: Excel.RequestContext,
  whole: Excel.Range,
  rowCount: number,
  head: unknown[][],
  options: ReadOptions,
  table: boolean,
): Promise<Pick<SourceData, "headers" | "rows" | "rowCount">> {
  if (options.headerOnly === true) {
    const rows = fromHostRows(head.slice(0, Math.min(2, rowCount)));
    const body = rows.slice(1);
    return { headers: rows[0] ?? [], rows: [], rowCount: table && rowCount === 2 ? bodyRows(body).length : Math.max(0, rowCount - 1) };
  }
  const onRows = options.onRows;
  const joined: unknown[][] = [];
  let headers: unknown[] = [];
  await readRest(context, whole, rowCount, head, (block, first) => {
    const rows = fromHostRows(block);
    if (first) headers = rows[0] ?? [];
    if (onRows !== undefined) onRows(rows);
    else for (const row of rows) joined.push(row);
  });
  if (onRows !== undefined) return { headers, rows: [] };
  const body = joined.slice(1);
  return { headers, rows: table ? bodyRows(body) : body };
}

/**
 * The first read block, queued with the first sync: the header and up to FIRST_READ_ROWS rows
 * (or `below`) of `whole` (clipped to it, so nothing outside the source is read).
 */
function firstBlock(whole: Excel.Range, below = FIRST_READ_ROWS): Excel.Range {
  return whole.getIntersectionOrNullObject(whole.getRow(0).getResizedRange(below, 0)).load("values");
}

/** Rows differ in length: the planned size of a row is its measured average plus 5%. */
const READ_MARGIN = 1.05;

/**
 * A source's rows handed to `each` block by block as they arrive (`first` marks the block
 * holding the header): its first block (already loaded), then the rest in row blocks whose
 * JSON response stays under SYNC_BUDGET per sync (Excel on the web refuses a response over
 * 5 MB). The size of a row is measured on what came back (the largest average of any block
 * so far), so a source whose first block fits returns with no further sync. Only loads: the
 * source is never written.
 */

async function readRest(
  context: Excel.RequestContext,
  whole: Excel.Range,
  rowCount: number,
  first: unknown[][],
  each: (block: unknown[][], first: boolean) => void,
): Promise<void> {
  let read = 0;
  const take = (block: unknown[][]): void => {
    if (block.length === 0) return;
    each(block, read === 0);
    read += block.length;
  };
  const head = first.slice(0, rowCount);
  // Measured on the data rows when there are any: a short header row would make a wide source
  // look smaller than it is when only one data row came with it (see readSource's retry).
  const sample = head.length > 1 ? head.slice(1) : head;
  let perRow = sample.length === 0 ? 0 : jsonBytes(sample) / sample.length;
  take(head);
  while (read < rowCount) {
    const blocks = planReadSync(read, rowCount, perRow * READ_MARGIN, SYNC_BUDGET, CHUNK_BUDGET).map((block) => ({
      ...block,
      range: whole.getRow(block.start).getResizedRange(block.count - 1, 0).load("values"),
    }));
    await context.sync();
    for (const block of blocks) {
      const values = block.range.values;
      perRow = Math.max(perRow, jsonBytes(values) / Math.max(1, values.length));
      take(values);
    }
  }
}

/** Syncs; an ItemNotFound becomes the given analyst-facing message. */
async function syncOr(context: Excel.RequestContext, notFound: string): Promise<void> {
  try {
    await context.sync();
  } catch (error) {
    if (officeCode(error) === "ItemNotFound" || officeCode(error) === "InvalidArgument") throw new WorkbookError(notFound);
    throw error;
  }
}

/**
 * One number format for every cell of a range. Office.js applies a single value to the whole
 * range (https://learn.microsoft.com/office/dev/add-ins/excel/excel-add-ins-core-concepts,
 * "Update all cells in a range"); the typings only admit the 2-D form, hence the cast. A
 * scalar keeps the payload constant instead of one string per row.
 */
function setFormat(range: Excel.Range, format: string): void {
  range.numberFormat = format as unknown as string[][];
}

/** The sheet that will be replaced, if any; throws when the sheet or its table is not the add-in's (`resultsSheetConflict`). */
function checkOutput(shape: WorkbookShape, results: ResultsSheet): WorkbookShape["sheets"][number] | undefined {
  const { existing, problem } = resultsSheetConflict(results, shape.sheets.map((s) => s.name), shape.tables);
  if (problem !== undefined) throw new WorkbookError(problem);
  return shape.sheets.find((s) => s.name === existing);
}

/** The summary and criteria cells as one rectangular block: one values and one format assignment. */
function placedBlock(results: ResultsSheet): { rect?: Area; values: Cell[][]; formats: string[][]; bytes: number } {
  if (results.cells.length === 0) return { values: [], formats: [], bytes: 0 };
  const top = Math.min(...results.cells.map((c) => c.row));
  const bottom = Math.max(...results.cells.map((c) => c.row));
  const left = Math.min(...results.cells.map((c) => c.column));
  const right = Math.max(...results.cells.map((c) => c.column));
  const rect: Area = { top, left, bottom, right };
  const values: Cell[][] = Array.from({ length: bottom - top + 1 }, () => new Array<Cell>(right - left + 1).fill(""));
  const formats: string[][] = Array.from({ length: bottom - top + 1 }, () => new Array<string>(right - left + 1).fill("General"));
  for (const cell of results.cells) {
    values[cell.row - top][cell.column - left] = cell.value;
    formats[cell.row - top][cell.column - left] = cell.numberFormat;
  }
  return { rect, values, formats, bytes: jsonBytes(values) + jsonBytes(formats) + 8192 };
}

/** Points from a width in characters of the default font (7 px a character plus 5 px padding, at 0.75 pt a pixel). */
function widthPoints(characters: number): number {
  return Math.round((characters * 7 + 5) * 0.75);
}

function decorate(sheet: Excel.Worksheet, results: ResultsSheet): void {
  const n = results.rows.length;
  results.columns.forEach((column, c) => {
    sheet.getRange(`${columnLetters(c + 1)}:${columnLetters(c + 1)}`).format.columnWidth = widthPoints(column.width);
  });
  for (const extra of results.extraWidths) {
    const letters = columnLetters(extra.column);
    sheet.getRange(`${letters}:${letters}`).format.columnWidth = widthPoints(extra.width);
  }
  for (const cell of results.cells) {
    if (cell.bold) sheet.getRange(cellAddress(cell.row, cell.column)).format.font.bold = true;
  }
  if (results.freezeRows > 0) sheet.freezePanes.freezeRows(results.freezeRows);
  if (n === 0) return;

  const top = TABLE_TOP + 1;
  const body = sheet.getRange(areaAddress(areaOf(top, 1, n, results.columns.length)));
  // Rows that do not pass: a light red band (the formula is relative to the body's first row).
  const failing = body.conditionalFormats.add("Custom");
  failing.custom.rule.formula = `=$${columnLetters(COLUMN.pass + 1)}${top}=FALSE`;
  failing.custom.format.fill.color = FILL_FAIL;
  // Zombies: the Zombie cell in strong red.
  const zombies = sheet.getRange(areaAddress(areaOf(top, COLUMN.zombie + 1, n, 1))).conditionalFormats.add("CellValue");
  zombies.cellValue.rule = { formula1: "=TRUE", operator: "EqualTo" };
  zombies.cellValue.format.fill.color = FILL_ZOMBIE;
  zombies.cellValue.format.font.color = FONT_ZOMBIE;
  // Scores: a data bar.
  const scores = sheet.getRange(areaAddress(areaOf(top, COLUMN.score + 1, n, 1))).conditionalFormats.add("DataBar");
  scores.dataBar.positiveFormat.fillColor = BAR_SCORE;
}

/**
 * ICR against shocked ICR, one point per row (blanks are skipped): rows far below the
 * diagonal are the ones floating-rate debt hurts. Both axes stop at -2 and 10: beyond 10x
 * the cover is ample and one outlier would flatten the rest.
 */
function addChart(sheet: Excel.Worksheet, results: ResultsSheet): string {
  const n = results.rows.length;
  const source = sheet.getRange(areaAddress(areaOf(TABLE_TOP, COLUMN.icr + 1, n + 1, 2)));
  const chart = sheet.charts.add("XYScatter", source, "Columns");
  chart.name = results.chartName;
  chart.title.text = results.chartTitle;
  chart.legend.visible = false;
  for (const axis of [chart.axes.categoryAxis, chart.axes.valueAxis]) {
    axis.minimum = AXIS_MIN;
    axis.maximum = AXIS_MAX;
  }
  chart.axes.categoryAxis.title.text = "ICR";
  chart.axes.valueAxis.title.text = "Shocked ICR";
  chart.setPosition(results.chartFrom, results.chartTo);
  return results.chartName;
}

/**
 * The rate-shock sweep: the share of the screened rows below 1x and below 1.5x ICR as the shock
 * runs from 0 to +500 bp, one line each, and the screen's own shock as two marked points (the
 * block's mark columns hold a value on that row only). Built over the sheet's sweep block,
 * which the core's SHOCKSWEEP rules filled, as the first chart is built over the table.
 */
function addSweepChart(sheet: Excel.Worksheet, results: ResultsSheet): void {
  const sweep = results.sweepChart;
  const chart = sheet.charts.add("XYScatterLines", sheet.getRange(sweep.source), "Columns");
  chart.name = sweep.name;
  chart.title.text = sweep.title;
  chart.legend.position = "Bottom";
  chart.axes.categoryAxis.minimum = sweep.minShock;
  chart.axes.categoryAxis.maximum = sweep.maxShock;
  chart.axes.categoryAxis.title.text = "Rate shock (bp)";
  chart.axes.valueAxis.minimum = 0;
  chart.axes.valueAxis.numberFormat = "0%";
  chart.axes.valueAxis.title.text = "Share of screened rows";
  chart.setPosition(sweep.from, sweep.to);
}

function formatCount(n: number): string {
  return n.toLocaleString("en-US");
}

/** Excel refused a read as too large: over the web's 5 MB response, or over 5,000,000 cells. */
function tooLargeToRead(error: unknown): boolean {
  const code = officeCode(error);
  return code === "ResponsePayloadSizeLimitExceeded" || code === "RangeExceedsLimit";
}

function officeCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "string" ? code : undefined;
}

/** An Office.js failure in words, with Excel's code for support. */
export function describeOfficeError(error: unknown): string {
  const code = officeCode(error);
  const message = error instanceof Error ? error.message : String(error);
  if (code === "RequestPayloadSizeLimitExceeded") return "Excel refused the write as too large for one request. Screen fewer rows, or use Excel on the desktop.";
  if (code === "InvalidOperation" || code === "InvalidOperationInCellEditMode") return `Excel is busy (editing a cell?). Press Enter or Esc in the sheet and try again. (${message})`;
  return code !== undefined ? `Excel could not finish: ${message} (${code})` : `Excel could not finish: ${message}`;
}
