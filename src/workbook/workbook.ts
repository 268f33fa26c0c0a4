/**
 * What the screener pane needs from a host workbook, and nothing more. Two hosts implement
 * it: `src/excel/excel-workbook.ts` over Office.js (`Excel.run`) and
 * `src/preview/memory-workbook.ts` over an in-memory workbook for the browser preview and
 * tests. The pane, the refresh logic and the results layout only ever see this interface, so
 * the preview exercises the same code paths Excel does.
 *
 * Rules every host keeps:
 * - A source is read in one batch (one `context.sync()` in Excel) and never written to.
 * - Results go to one sheet the host owns; rewriting it leaves the same sheets, tables,
 *   charts and names as the first write (names are derived from the sheet name).
 * - Cell text is written as text, never as a formula.
 * - Expected problems (a table that is gone, an output sheet that belongs to the analyst)
 *   reject with a `WorkbookError` whose message is written for the analyst.
 */
import type { SavedScreen } from "../core/screen/saved";
import type { ResultsSheet } from "./results-sheet";

/** Where a screen reads: a table by name, or a sheet and an address. The shape of `SavedScreen.source`. */
export interface SourceRef {
  readonly sheet: string;
  readonly table?: string;
  readonly address?: string;
}

export interface TableInfo {
  readonly name: string;
  readonly sheet: string;
  /** Local address of the whole table, header row included (`A1:K61`). */
  readonly address: string;
  /** Data rows, header excluded. */
  readonly rows: number;
  readonly columns: number;
}

/** The selected block, as a source would store it. */
export interface SelectionInfo {
  readonly sheet: string;
  readonly address: string;
  /** A single selected cell was widened to its surrounding region (Ctrl+A), as Excel does. */
  readonly widened: boolean;
}

/** The sheets and tables as they stood at a read: lets a write in the same run skip a probe. */
export interface WorkbookShape {
  readonly sheets: readonly { readonly name: string; readonly position: number; readonly visibility: string }[];
  readonly tables: readonly { readonly name: string; readonly sheet: string }[];
}

/** A source as read: header row first, values as the host gives them (errors as `{ error: "#N/A" }`). */
export interface SourceData {
  /** The source resolved: a table's sheet and address are filled in. */
  readonly source: SourceRef & { readonly address: string };
  readonly headers: readonly unknown[];
  readonly rows: readonly (readonly unknown[])[];
  /** The number of data rows below the header; set by a `headerOnly` read, which leaves `rows` empty. */
  readonly rowCount?: number;
  /** The workbook's sheets and tables at the moment of the read (same batch). */
  readonly shape?: WorkbookShape;
}

export interface ReadOptions {
  /** Receives the source's rows, header row first, a block at a time in sheet order. May throw to stop the read. */
  readonly onRows?: (rows: readonly (readonly unknown[])[]) => void;
  /** Only the header row and the number of data rows (`SourceData.rowCount`): no data row is read. */
  readonly headerOnly?: boolean;
}

export interface ProgressStep {
  readonly phase: "read" | "screen" | "write" | "save";
  readonly message: string;
  /** 0..1 where known. */
  readonly fraction?: number;
}

export type ProgressListener = (step: ProgressStep) => void;

export interface WriteOptions {
  /** The shape from a read in the same run: the host may trust it instead of probing again. */
  readonly shape?: WorkbookShape;
  /** Bring the results sheet to the front (a single run does; "refresh all" does not). */
  readonly activate?: boolean;
  readonly onProgress?: ProgressListener;
}

export interface WriteReport {
  readonly sheet: string;
  readonly table: string;
  readonly chart: string;
  /** Local address of the results table, header included. */
  readonly tableAddress: string;
  readonly rowsWritten: number;
  /** The results sheet existed and was replaced. */
  readonly replaced: boolean;
}

/** The saved screens list as read, with the entries that could not be understood. */
export interface SavedScreensRead {
  readonly screens: readonly SavedScreen[];
  /** One line per unreadable entry (or for unreadable storage); the readable ones still load. */
  readonly problems: readonly string[];
}

export interface ScreenWorkbook {
  /** "Excel" or "Preview": shown in the pane. */
  readonly hostName: string;
  listTables(): Promise<readonly TableInfo[]>;
  /** The current selection; null when there is none a screen could read (a chart, an empty sheet). */
  getSelection(): Promise<SelectionInfo | null>;
  /**
   * Reads a source in one batch; never writes to it. With `options.onRows`, the rows (the
   * header row first) are handed over block by block as they are read and not kept:
   * `SourceData.rows` is then empty.
   */
  readSource(source: SourceRef, options?: ReadOptions): Promise<SourceData>;
  /** Writes (or rewrites) a results sheet. */
  writeResults(results: ResultsSheet, options?: WriteOptions): Promise<WriteReport>;
  loadSavedScreens(): Promise<SavedScreensRead>;
  saveSavedScreens(screens: readonly SavedScreen[]): Promise<void>;
}

/** An expected problem, worded for the analyst. Anything else is a bug or a host failure. */
export class WorkbookError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "WorkbookError";
  }
}
