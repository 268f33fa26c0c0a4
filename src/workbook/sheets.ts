/**
 * Sheet names and the rules about them, for every host (the pane's Excel and preview
 * workbooks, the CLI): which names a results sheet may take, which sheets are the add-in's,
 * how a source is named in words, and how a host's cell values reach the engine.
 */
import { isExcelErrorSpelling } from "../core/errors";
import { SAVED_SCREENS_SHEET } from "../core/screen/saved";
import { qualified } from "./a1";
import type { SourceRef } from "./workbook";

export { MAX_CELL_TEXT, MAX_COLUMNS, MAX_ROWS, clipCellText } from "../core/excel-limits";

/** The very hidden sheet whose A1 holds the saved screens as a JSON array (every host reads it). */
export const STATE_SHEET = SAVED_SCREENS_SHEET;

/**
 * Sheets whose name starts with this are the add-in's results sheets: a one-off run writes
 * `SMALLCAP Results`, a saved screen `SMALLCAP Results <name>`. The CLI never reads one as a source.
 */
export const RESULTS_SHEET_PREFIX = "SMALLCAP Results";

/** Excel's limit on a sheet name's length. */
export const MAX_SHEET_NAME = 31;

/**
 * Excel's `Range.values` gives an error cell as its spelling (`"#N/A"`). The screen engine
 * reads errors as `{ error: "#N/A" }` (the shape exceljs uses), so an error cell counts as that
 * error rather than as text. A literal text `#N/A` typed by an analyst means the same thing.
 */
export function fromHostValue(value: unknown): unknown {
  return typeof value === "string" && isExcelErrorSpelling(value) ? { error: value } : value;
}

export function fromHostRows(rows: readonly (readonly unknown[])[]): unknown[][] {
  return rows.map((row) => row.map(fromHostValue));
}

/** `table Universe (Data!A1:V61)` or `Data!A1:V61`: how the pane and the results sheet name a source. */
export function sourceLabel(source: SourceRef): string {
  const where = source.address !== undefined ? qualified(source.sheet, source.address) : source.sheet;
  return source.table !== undefined ? `table ${source.table} (${where})` : where;
}

/**
 * Why a sheet name cannot be a results sheet, or undefined when it can. Excel's own rules
 * (1-31 characters, none of `\ / ? * : [ ]`, no leading or trailing apostrophe, not "History"),
 * plus ours: not the saved-screens sheet and not the source's sheet.
 */
export function outputSheetProblem(name: string, sourceSheet?: string): string | undefined {
  if (name.trim() === "") return "Give the results sheet a name.";
  if (name.length > MAX_SHEET_NAME) return "A sheet name has at most 31 characters.";
  if (/[\\/?*:[\]]/.test(name)) return "A sheet name cannot contain \\ / ? * : [ or ].";
  if (name.startsWith("'") || name.endsWith("'")) return "A sheet name cannot start or end with an apostrophe.";
  if (name.toLowerCase() === "history") return "Excel reserves the sheet name History.";
  if (name.toLowerCase() === STATE_SHEET) return `${STATE_SHEET} is where SMALLCAP keeps saved screens; choose another name.`;
  if (sourceSheet !== undefined && name.toLowerCase() === sourceSheet.toLowerCase()) {
    return "The results sheet cannot be the sheet the data comes from.";
  }
  return undefined;
}

/**
 * The results sheet for a screen: `SMALLCAP Results` for a one-off run, `SMALLCAP Results
 * <name>` for a saved one, cut to Excel's 31 characters. The prefix marks the sheet as the
 * add-in's (the CLI never reads such a sheet as a source).
 */
export function defaultOutputSheet(screenName?: string): string {
  const cleaned = (screenName ?? "").replace(/[\\/?*:[\]]/g, " ").replace(/\s+/g, " ").trim().replace(/^'+|'+$/g, "");
  return `${RESULTS_SHEET_PREFIX} ${cleaned}`.slice(0, MAX_SHEET_NAME).trim();
}
