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
import { areaAddress, areaColumns, areaOf, areaRows, inArea, parseRange, splitQualified, type Area } from "../workbook/a1";
import { COLUMN, TABLE_TOP, resultsSheetConflict, type Cell, type ResultsSheet } from "../workbook/results-sheet";
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
import type { SavedScreen } from "../core/screen/saved";

export type Visibility = "Visible" | "Hidden" | "VeryHidden";

export class MemorySheet {
  /** row -> column -> value, both 1-based. */
  readonly cells = new Map<number, Map<number, unknown>>();
  readonly formats: { rect: Area; format: string }[] = [];
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
      if (inArea(rect, row, column)) return format;
    }
    return "General";
  }

  /** Bottom-right of the used cells: the last row and the last column holding a value. */
  extent(): { rows: number; columns: number } {
    let rows = 0;
    let columns = 0;
    for (const [row, cells] of this.cells) {
      if (cells.size === 0) continue;
      rows = Math.max(rows, row);
      for (const c of cells.keys()) columns = Math.max(columns, c);
    }
    return { rows, columns };
  }
}

export interface MemoryTable {
  name: string;
  sheet: MemorySheet;
  rect: Area;
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
    rows.forEach((row, r) => row.forEach((value, c) => this.setCell(sheet, r + 1, c + 1, value, false)));
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
  read(sheet: MemorySheet, rect: Area): unknown[][] {
    const out: unknown[][] = [];
    for (let r = rect.top; r <= rect.bottom; r++) {
      const row: unknown[] = [];
      for (let c = rect.left; c <= rect.right; c++) row.push(sheet.get(r, c));
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
      this.formulaCells.push(`${sheet.name}!${areaAddress(areaOf(row, column, 1, 1))}`);
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
      address: areaAddress(t.rect),
      rows: areaRows(t.rect) - 1,
      columns: areaColumns(t.rect),
    }));
  }

  async getSelection(): Promise<SelectionInfo | null> {
    if (this.selection === null) return null;
    const sheet = this.sheet(this.selection.sheet);
    const rect = parseRange(this.selection.address);
    if (sheet === undefined || rect === undefined) return null;
    if (areaRows(rect) === 1 && areaColumns(rect) === 1) {
      const region = this.region(sheet, rect);
      if (areaRows(region) * areaColumns(region) > 1) return { sheet: sheet.name, address: areaAddress(region), widened: true };
    }
    return { sheet: sheet.name, address: areaAddress(rect), widened: false };
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
        source: { sheet: table.sheet.name, table: table.name, address: areaAddress(table.rect) },
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
    const shape = this.shape();
    const conflict = resultsSheetConflict(results, shape.sheets.map((s) => s.name), shape.tables);
    if (conflict.problem !== undefined) throw new WorkbookError(conflict.problem);
    const existing = this.sheet(results.sheet);
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
      sheet.formats.push({ rect: areaOf(cell.row, cell.column, 1, 1), format: cell.numberFormat });
      this.setCell(sheet, cell.row, cell.column, cell.value);
      if (cell.bold) sheet.bold.add(`${cell.row}:${cell.column}`);
    }
    sheet.formats.push({ rect: areaOf(TABLE_TOP, 1, 1, width), format: "@" });
    results.columns.forEach((column, c) => {
      this.setCell(sheet, TABLE_TOP, c + 1, column.header);
      sheet.formats.push({ rect: areaOf(TABLE_TOP + 1, c + 1, Math.max(n, 1), 1), format: column.numberFormat });
      sheet.widths.set(c + 1, column.width);
    });
    for (const extra of results.extraWidths) sheet.widths.set(extra.column, extra.width);
    results.rows.forEach((row, r) => row.forEach((value, c) => this.setCell(sheet, TABLE_TOP + 1 + r, c + 1, value)));

    const tableRect = areaOf(TABLE_TOP, 1, Math.max(n, 1) + 1, width);
    this.tables.push({ name: results.tableName, sheet, rect: tableRect });
    sheet.freezeRows = results.freezeRows;
    let chart = "";
    if (n > 0) {
      const body = areaAddress(areaOf(TABLE_TOP + 1, 1, n, width));
      sheet.conditionalFormats.push(
        { type: "Custom", address: body, rule: "row does not pass" },
        { type: "CellValue", address: areaAddress(areaOf(TABLE_TOP + 1, COLUMN.zombie + 1, n, 1)), rule: "= TRUE" },
        { type: "DataBar", address: areaAddress(areaOf(TABLE_TOP + 1, COLUMN.score + 1, n, 1)), rule: "score" },
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
    return { sheet: results.sheet, table: results.tableName, chart, tableAddress: areaAddress(tableRect), rowsWritten: n, replaced: existing !== undefined };
  }

  async loadSavedScreens(): Promise<SavedScreensRead> {
    const sheet = this.sheet(STATE_SHEET);
    return parseSavedScreensCell(sheet === undefined ? undefined : sheet.get(1, 1));
  }

  async saveSavedScreens(screens: readonly SavedScreen[]): Promise<void> {
    const json = serializeSavedScreens(screens);
    const sheet = this.sheet(STATE_SHEET) ?? this.addSheet(STATE_SHEET, [], "VeryHidden");
    sheet.visibility = "VeryHidden";
    sheet.formats.push({ rect: areaOf(1, 1, 1, 1), format: "@" });
    this.setCell(sheet, 1, 1, json);
    this.changed();
  }

  // ---- Excel's geometry -----------------------------------------------------------------

  /** Bounding box of the non-empty cells inside rect. */
  private used(sheet: MemorySheet, rect: Area): Area | undefined {
    let top = Infinity;
    let bottom = -Infinity;
    let left = Infinity;
    let right = -Infinity;
    for (const [row, cells] of sheet.cells) {
      if (row < rect.top || row > rect.bottom) continue;
      for (const column of cells.keys()) {
        if (column < rect.left || column > rect.right) continue;
        top = Math.min(top, row);
        bottom = Math.max(bottom, row);
        left = Math.min(left, column);
        right = Math.max(right, column);
      }
    }
    return top === Infinity ? undefined : { top, left, bottom, right };
  }

  /** Ctrl+A's current region: grow while a neighbouring row or column holds something. */
  private region(sheet: MemorySheet, start: Area): Area {
    let r = start;
    for (;;) {
      const ring = { top: Math.max(1, r.top - 1), left: Math.max(1, r.left - 1), bottom: r.bottom + 1, right: r.right + 1 };
      const used = this.used(sheet, ring);
      if (used === undefined) return r;
      const next = {
        top: Math.min(r.top, used.top),
        left: Math.min(r.left, used.left),
        bottom: Math.max(r.bottom, used.bottom),
        right: Math.max(r.right, used.right),
      };
      if (next.top === r.top && next.left === r.left && next.bottom === r.bottom && next.right === r.right) return r;
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
