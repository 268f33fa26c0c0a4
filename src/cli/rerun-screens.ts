/**
 * Re-runs the screens saved in a workbook (see saved-screens.ts) against its current data and
 * replaces each one's results sheet, as the pane's "refresh" does.
 *
 * The sheet rules are the pane's, from `src/workbook/`: the output sheet must be a name a
 * results sheet may take (`outputSheetProblem`: not the source's sheet, not `_smallcap`), and
 * an existing sheet of that name is replaced only when it is the add-in's own
 * (`isOwnResultsSheet`: its name starts with `SMALLCAP Results`, or it holds the results table
 * the pane names for it). A saved screen that names a data sheet as its output is reported,
 * and nothing is overwritten.
 */
import type ExcelJS from "exceljs";
import { SavedScreen, runScreen } from "../core/screen";
import { resultsSheetLayout } from "../workbook/results-layout";
import { isOwnResultsSheet } from "../workbook/results-sheet";
import { outputSheetProblem } from "../workbook/sheets";
import { CliFailure } from "./failure";
import { putResultsSheet } from "./output";
import { readSavedScreens } from "./saved-screens";
import { listTables, tableFromWorkbook } from "./source";

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

/** Whether a sheet is the add-in's to replace, by the one rule every host keeps (the tables in the file count). */
function isOwnSheet(workbook: ExcelJS.Workbook, sheet: ExcelJS.Worksheet): boolean {
  const tables = listTables(workbook).filter((t) => t.sheet === sheet);
  return isOwnResultsSheet(sheet.name, tables.map((t) => t.model.name ?? t.model.displayName ?? ""));
}

function rerun(workbook: ExcelJS.Workbook, screen: SavedScreen): ScreenRerun {
  const base = { name: screen.name, outputSheet: screen.output.sheet };
  const output = screen.output.sheet;
  const outputProblem = outputSheetProblem(output, screen.source.sheet);
  if (outputProblem !== undefined) return { ...base, problem: `its output sheet "${output}" cannot be written: ${outputProblem} Not run.` };
  const existing = workbook.worksheets.find((s) => s.name.toLowerCase() === output.toLowerCase());
  if (existing !== undefined && !isOwnSheet(workbook, existing)) {
    return { ...base, problem: `the sheet "${existing.name}" holds other data (it was not written by SMALLCAP); not replaced` };
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
  return { screens: stored.screens.map((screen) => rerun(workbook, screen)), skipped: stored.problems };
}
