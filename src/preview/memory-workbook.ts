/**
 * An in-memory workbook behind the same `ScreenWorkbook` interface as the Excel adapter: the
 * browser preview (and tests) run the real pane, engine and results layout against it.
 *
 * It keeps only what a screen touches: sheets with values and number formats, tables, one
 * chart record per results sheet, conditional-format records and a selection. It follows
 * Excel's rules where they matter to the screener: error cells read as their spelling
 * (`#N/A`), text written into a cell not formatted as text that starts with = + - @ would be
 * a formula (recorded in `formulaCells`, which must stay empty), very hidden sheets are not
 * listed, a sheet name is unique regardless of case.
 */
import { parseRange, rangeAddress, splitQualified, type Rect } from "../taskpane/a1";
import { COLUMN, TABLE_TOP, isOwnResultsSheet, type Cell, type ResultsSheet } from "../taskpane/results-sheet";
import { parseSavedList, serializeSavedList } from "../taskpane/saved-list";
import { fromHostRows, outputSheetProblem } from "../taskpane/source";
import {
  STATE_SHEET,
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
} from "../taskpane/workbook";
import type { SavedScreen } from "../core/screen/saved";

export type Visibility = "Visible" | "Hidden" | "VeryHidden";

export class MemorySheet {
  /** row (1-based) -> column (0-based) -> value. */
  readonly cells = new Map<number, Map<number, unknown>>();
  readonly formats: { rect: Rect; format: string }[] = [];
  readonly bold = new Set<string>();
  readonly widths = new Map<number, number>();
  readonly conditionalFormats: { type: string; address: string; rule: string }[] = [];
  chart: { name: string; title: string; from: string; to: string; points: [number, number][] } | undefined;
  /** The second chart: the rate-shock sweep over the sheet's sweep block (`ResultsSheet.sweepChart`). */
  sweepChart: { name: string; title: string; from: string; to: string; source: string } | undefined;
  freezeRows = 0;
  visibility: Visibility = "Visible";
  constructor(public name: string) {}

  get(row: number, column: number): unknown {
    return this.cells.get(row)?.get(column) ?? "";
  }

  formatAt(row: number, column: number): string {
    for (let i = this.formats.length - 1; i >= 0; i--) {
      const { rect, format } = this.formats[i];
      if (row >= rect.top && row < rect.top + rect.rows && column >= rect.left && column < rect.left + rect.columns) return format;
    }
    return "General";
  }

  /** Bottom-right of the used cells (1-based row count, column count). */
  extent(): { rows: number; columns: number } {
    let rows = 0;
    let columns = 0;
    for (const [row, cells] of this.cells) {
      if (cells.size === 0) continue;
      rows = Math.max(rows, row);
      for (const c of cells.keys()) columns = Math.max(columns, c + 1);
    }
    return { rows, columns };
  }
}

export interface MemoryTable {
  name: string;
  sheet: MemorySheet;
  rect: Rect;
}

export class MemoryWorkbook implements ScreenWorkbook {
  readonly hostName = "Preview";
  readonly sheets: MemorySheet[] = [];
  readonly tables: MemoryTable[] = [];
  selection: { sheet: string; address: string } | null = null;
  active: MemorySheet | undefined;
  /** Cells where text would have become a formula in Excel: must stay empty. */
  readonly formulaCells: string[] = [];
  /** Batches each operation took, counted as Excel would (for the preview's footer). */
  private readonly listeners = new Set<() => void>();

  // ---- building and inspecting ----------------------------------------------------------

  addSheet(name: string, rows: readonly (readonly unknown[])[] = [], visibility: Visibility = "Visible"): MemorySheet {
    if (this.sheet(name) !== undefined) throw new Error(`sheet ${name} exists`);
    const sheet = new MemorySheet(name);
    sheet.visibility = visibility;
    this.sheets.push(sheet);
    // Placed as the cells already are (a text cell stays a text cell), not typed in.
    rows.forEach((row, r) => row.forEach((value, c) => this.setCell(sheet, r + 1, c, value, false)));
    if (this.active === undefined && visibility === "Visible") this.active = sheet;
    return sheet;
  }

  addTable(sheetName: string, name: string, address: string): void {
    const sheet = this.sheet(sheetName);
    const rect = parseRange(address);
    if (sheet === undefined || rect === undefined) throw new Error("bad table");
    this.tables.push({ name, sheet, rect });
  }

  sheet(name: string): MemorySheet | undefined {
    return this.sheets.find((s) => s.name.toLowerCase() === name.toLowerCase());
  }

  /** Values of a rectangle as Excel gives them ("" for empty). */
  read(sheet: MemorySheet, rect: Rect): unknown[][] {
    const out: unknown[][] = [];
    for (let r = 0; r < rect.rows; r++) {
      const row: unknown[] = [];
      for (let c = 0; c < rect.columns; c++) row.push(sheet.get(rect.top + r, rect.left + c));
      out.push(row);
    }
    return out;
  }

  /** Called after every change (the preview re-renders its sheet view). */
  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  activate(name: string): void {
    const sheet = this.sheet(name);
    if (sheet !== undefined && sheet.visibility === "Visible") {
      this.active = sheet;
      this.changed();
    }
  }

  select(sheet: string, address: string): void {
    this.selection = { sheet, address };
    this.changed();
  }

  private changed(): void {
    for (const listener of this.listeners) listener();
  }

  /** Enters a value as Office.js would (`typed`), or places it as the cell already is. */
  private setCell(sheet: MemorySheet, row: number, column: number, value: unknown, typed = true): void {
    if (typed && typeof value === "string" && /^[=+\-@]/.test(value) && sheet.formatAt(row, column) !== "@") {
      this.formulaCells.push(`${sheet.name}!${rangeAddress({ top: row, left: column, rows: 1, columns: 1 })}`);
    }
    let cells = sheet.cells.get(row);
    if (cells === undefined) {
      cells = new Map();
      sheet.cells.set(row, cells);
    }
    if (value === "" || value === null || value === undefined) cells.delete(column);
    else cells.set(column, value);
  }

  private shape(): WorkbookShape {
    return {
      sheets: this.sheets.map((s, i) => ({ name: s.name, position: i, visibility: s.visibility })),
      tables: this.tables.map((t) => ({ name: t.name, sheet: t.sheet.name })),
    };
  }

  // ---- ScreenWorkbook -------------------------------------------------------------------

  async listTables(): Promise<readonly TableInfo[]> {
    return this.tables.map((t) => ({
      name: t.name,
      sheet: t.sheet.name,
      address: rangeAddress(t.rect),
      rows: t.rect.rows - 1,
      columns: t.rect.columns,
    }));
  }

  async getSelection(): Promise<SelectionInfo | null> {
    if (this.selection === null) return null;
    const sheet = this.sheet(this.selection.sheet);
    const rect = parseRange(this.selection.address);
    if (sheet === undefined || rect === undefined) return null;
    if (rect.rows === 1 && rect.columns === 1) {
      const region = this.region(sheet, rect);
      if (region.rows * region.columns > 1) return { sheet: sheet.name, address: rangeAddress(region), widened: true };
    }
    return { sheet: sheet.name, address: rangeAddress(rect), widened: false };
  }

  async readSource(source: SourceRef, options: ReadOptions = {}): Promise<SourceData> {
    // One block: the whole source (an in-memory workbook has no request limits).
    const data = (values: unknown[][]): Pick<SourceData, "headers" | "rows" | "rowCount"> => {
      if (options.headerOnly === true) return { headers: values[0] ?? [], rows: [], rowCount: Math.max(0, values.length - 1) };
      if (options.onRows === undefined) return { headers: values[0] ?? [], rows: values.slice(1) };
      options.onRows(values);
      return { headers: values[0] ?? [], rows: [] };
    };
    if (source.table !== undefined) {
      const table = this.tables.find((t) => t.name.toLowerCase() === source.table?.toLowerCase());
      if (table === undefined) throw new WorkbookError(`The table "${source.table}" is not in this workbook any more. Pick the source again.`);
      const values = fromHostRows(this.read(table.sheet, table.rect));
      return {
        source: { sheet: table.sheet.name, table: table.name, address: rangeAddress(table.rect) },
        ...data(values),
        shape: this.shape(),
      };
    }
    const sheet = this.sheet(source.sheet);
    const rect = source.address === undefined ? undefined : parseRange(splitQualified(source.address).address);
    if (sheet === undefined || rect === undefined) {
      throw new WorkbookError(`Cannot read ${source.sheet}!${source.address ?? ""}: the sheet or the address is not there any more.`);
    }
    const used = this.used(sheet, rect);
    const values = used === undefined ? [] : fromHostRows(this.read(sheet, used));
    return {
      source: { sheet: sheet.name, address: source.address as string },
      ...data(values),
      shape: this.shape(),
    };
  }

  async writeResults(results: ResultsSheet, options: WriteOptions = {}): Promise<WriteReport> {
    const problem = outputSheetProblem(results.sheet);
    if (problem !== undefined) throw new WorkbookError(problem);
    const existing = this.sheet(results.sheet);
    const ownTable = this.tables.find((t) => t.name.toLowerCase() === results.tableName.toLowerCase());
    if (existing !== undefined && !isOwnResultsSheet(existing.name, this.tables.filter((t) => t.sheet === existing).map((t) => t.name))) {
      throw new WorkbookError(`The sheet "${existing.name}" already exists and was not written by SMALLCAP. Choose another results sheet, or rename that one.`);
    }
    if (ownTable !== undefined && ownTable.sheet !== existing) {
      throw new WorkbookError(`A table named ${ownTable.name} is on the sheet "${ownTable.sheet.name}". Delete or rename that table, or choose another results sheet.`);
    }
    const progress = options.onProgress ?? (() => undefined);
    const n = results.rows.length;
    const width = results.columns.length;
    progress({ phase: "write", message: `Writing ${n.toLocaleString("en-US")} rows to "${results.sheet}"…`, fraction: 0 });

    let position = this.sheets.length;
    if (existing !== undefined) {
      position = this.sheets.indexOf(existing);
      this.sheets.splice(position, 1);
      for (let i = this.tables.length - 1; i >= 0; i--) if (this.tables[i].sheet === existing) this.tables.splice(i, 1);
    }
    const sheet = new MemorySheet(results.sheet);
    this.sheets.splice(position, 0, sheet);

    for (const cell of results.cells) {
      sheet.formats.push({ rect: { top: cell.row, left: cell.column - 1, rows: 1, columns: 1 }, format: cell.numberFormat });
      this.setCell(sheet, cell.row, cell.column - 1, cell.value);
      if (cell.bold) sheet.bold.add(`${cell.row}:${cell.column - 1}`);
    }
    sheet.formats.push({ rect: { top: TABLE_TOP, left: 0, rows: 1, columns: width }, format: "@" });
    results.columns.forEach((column, c) => {
      this.setCell(sheet, TABLE_TOP, c, column.header);
      sheet.formats.push({ rect: { top: TABLE_TOP + 1, left: c, rows: Math.max(n, 1), columns: 1 }, format: column.numberFormat });
      sheet.widths.set(c, column.width);
    });
    for (const extra of results.extraWidths) sheet.widths.set(extra.column - 1, extra.width);
    results.rows.forEach((row, r) => row.forEach((value, c) => this.setCell(sheet, TABLE_TOP + 1 + r, c, value)));

    const tableRect = { top: TABLE_TOP, left: 0, rows: Math.max(n, 1) + 1, columns: width };
    this.tables.push({ name: results.tableName, sheet, rect: tableRect });
    sheet.freezeRows = results.freezeRows;
    let chart = "";
    if (n > 0) {
      const body = rangeAddress({ top: TABLE_TOP + 1, left: 0, rows: n, columns: width });
      sheet.conditionalFormats.push(
        { type: "Custom", address: body, rule: "row does not pass" },
        { type: "CellValue", address: rangeAddress({ top: TABLE_TOP + 1, left: COLUMN.zombie, rows: n, columns: 1 }), rule: "= TRUE" },
        { type: "DataBar", address: rangeAddress({ top: TABLE_TOP + 1, left: COLUMN.score, rows: n, columns: 1 }), rule: "score" },
      );
      const points: [number, number][] = [];
      for (const row of results.rows) {
        const x = row[COLUMN.icr];
        const y = row[COLUMN.shockedIcr];
        if (typeof x === "number" && typeof y === "number") points.push([x, y]);
      }
      sheet.chart = { name: results.chartName, title: results.chartTitle, from: results.chartFrom, to: results.chartTo, points };
      chart = results.chartName;
      const sweep = results.sweepChart;
      sheet.sweepChart = { name: sweep.name, title: sweep.title, from: sweep.from, to: sweep.to, source: sweep.source };
    }
    if (options.activate === true) this.active = sheet;
    else if (this.active === existing) this.active = sheet;
    progress({ phase: "write", message: `Wrote ${n.toLocaleString("en-US")} rows to "${results.sheet}".`, fraction: 1 });
    this.changed();
    return { sheet: results.sheet, table: results.tableName, chart, tableAddress: rangeAddress(tableRect), rowsWritten: n, replaced: existing !== undefined };
  }

  async loadSavedScreens(): Promise<SavedScreensRead> {
    const sheet = this.sheet(STATE_SHEET);
    return parseSavedList(sheet === undefined ? undefined : sheet.get(1, 0));
  }

  async saveSavedScreens(screens: readonly SavedScreen[]): Promise<void> {
    const json = serializeSavedList(screens);
    const sheet = this.sheet(STATE_SHEET) ?? this.addSheet(STATE_SHEET, [], "VeryHidden");
    sheet.visibility = "VeryHidden";
    sheet.formats.push({ rect: { top: 1, left: 0, rows: 1, columns: 1 }, format: "@" });
    this.setCell(sheet, 1, 0, json);
    this.changed();
  }

  // ---- Excel's geometry -----------------------------------------------------------------

  /** Bounding box of the non-empty cells inside rect. */
  private used(sheet: MemorySheet, rect: Rect): Rect | undefined {
    let top = Infinity;
    let bottom = -Infinity;
    let left = Infinity;
    let right = -Infinity;
    for (const [row, cells] of sheet.cells) {
      if (row < rect.top || row >= rect.top + rect.rows) continue;
      for (const column of cells.keys()) {
        if (column < rect.left || column >= rect.left + rect.columns) continue;
        top = Math.min(top, row);
        bottom = Math.max(bottom, row);
        left = Math.min(left, column);
        right = Math.max(right, column);
      }
    }
    return top === Infinity ? undefined : { top, left, rows: bottom - top + 1, columns: right - left + 1 };
  }

  /** Ctrl+A's current region: grow while a neighbouring row or column holds something. */
  private region(sheet: MemorySheet, start: Rect): Rect {
    let r = start;
    for (;;) {
      const top = Math.max(1, r.top - 1);
      const left = Math.max(0, r.left - 1);
      const ring = { top, left, rows: r.top + r.rows + 1 - top, columns: r.left + r.columns + 1 - left };
      const used = this.used(sheet, ring);
      if (used === undefined) return r;
      const nextTop = Math.min(r.top, used.top);
      const nextLeft = Math.min(r.left, used.left);
      const next = {
        top: nextTop,
        left: nextLeft,
        rows: Math.max(r.top + r.rows, used.top + used.rows) - nextTop,
        columns: Math.max(r.left + r.columns, used.left + used.columns) - nextLeft,
      };
      if (next.top === r.top && next.left === r.left && next.rows === r.rows && next.columns === r.columns) return r;
      r = next;
    }
  }
}

/** A cell as the preview's sheet view prints it. */
export function displayCell(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
  if (typeof value === "number") return Number.isInteger(value) ? String(value) : String(Math.round(value * 1000) / 1000);
  return String(value);
}

export type { Cell };
