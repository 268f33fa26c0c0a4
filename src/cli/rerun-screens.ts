/**
 * Re-runs the screens saved in a workbook (see saved-screens.ts) against its current data and
 * replaces each one's results sheet, as the pane's "refresh" does.
 *
 * A results sheet is only ever replaced when it is one (the pane's rule, docs/SCREENER-PANE.md):
 * a sheet whose name starts with `SMALLCAP Results` or whose first row is the results header
 * (Rank, Ticker, ...), or no sheet of that name at all. A saved screen that names a data sheet
 * as its output is reported, and nothing is overwritten.
 */
import type ExcelJS from "exceljs";
import { SavedScreen, runScreen } from "../core/screen";
import { CliFailure } from "./failure";
import { putResultsSheet } from "./output";
import { RESULTS_HEADERS, resultsSheetLayout } from "./results-sheet";
import { readSavedScreens } from "./saved-screens";
import { RESULTS_SHEET_PREFIX, STORAGE_SHEET, tableFromWorkbook } from "./source";

export interface ScreenRerun {
  readonly name: string;
  readonly outputSheet: string;
  /** Set when the screen ran and its sheet was written. */
  readonly rowsScreened?: number;
  readonly rowsPassing?: number;
  /** Set when it did not run, or its sheet was not written, and why. */
  readonly problem?: string;
}

export interface RerunReport {
  readonly screens: readonly ScreenRerun[];
  /** Stored entries that could not be read at all. */
  readonly skipped: readonly string[];
}

/** The add-in's own results sheets (the pane's rule too): the `SMALLCAP Results` prefix, or the results header in row 1. */
function isResultsSheet(sheet: ExcelJS.Worksheet): boolean {
  if (sheet.name.startsWith(RESULTS_SHEET_PREFIX)) return true;
  return RESULTS_HEADERS.every((header, i) => sheet.findCell(1, i + 1)?.value === header);
}

function rerun(workbook: ExcelJS.Workbook, screen: SavedScreen): ScreenRerun {
  const base = { name: screen.name, outputSheet: screen.output.sheet };
  const output = screen.output.sheet;
  if (output === STORAGE_SHEET || output.toLowerCase() === screen.source.sheet.toLowerCase()) {
    return { ...base, problem: `its output sheet "${output}" is its own source or the storage sheet; not run` };
  }
  const existing = workbook.worksheets.find((s) => s.name.toLowerCase() === output.toLowerCase());
  if (existing !== undefined && !isResultsSheet(existing)) {
    return { ...base, problem: `the sheet "${existing.name}" holds other data (its first row is not the results header); not replaced` };
  }
  let table;
  try {
    table = tableFromWorkbook(
      workbook,
      {
        sheet: screen.source.sheet,
        ...(screen.source.table !== undefined ? { table: screen.source.table } : {}),
        ...(screen.source.address !== undefined && screen.source.table === undefined ? { address: screen.source.address } : {}),
      },
      "the workbook",
    );
  } catch (error) {
    if (error instanceof CliFailure) return { ...base, problem: error.message };
    throw error;
  }
  const outcome = runScreen(table.input, screen.config, screen.mapping);
  if (!outcome.ok) return { ...base, problem: outcome.message };
  const source = `${table.location.sheet}${table.location.range !== undefined ? `!${table.location.range}` : ""}`;
  putResultsSheet(workbook, resultsSheetLayout(outcome.result, { sheetName: existing?.name ?? output, source, title: screen.name }));
  return { ...base, rowsScreened: outcome.result.summary.rowsScreened, rowsPassing: outcome.result.summary.rowsPassing };
}

export function rerunSavedScreens(workbook: ExcelJS.Workbook): RerunReport {
  const stored = readSavedScreens(workbook);
  const skipped = stored.skipped.map((s) => `saved screen #${s.index + 1}: ${s.message}`);
  if (stored.problem !== undefined) skipped.push(stored.problem);
  return { screens: stored.screens.map((screen) => rerun(workbook, screen)), skipped };
}
