/**
 * Where a workbook keeps its saved screens, for every host to read and write alike: inside
 * the workbook itself, where both Office.js (the pane) and exceljs (this CLI) can reach it.
 *
 * - a worksheet named `_smallcap`, state "veryHidden" (not listed by Excel's Unhide dialog);
 * - cell A1 holds the JSON array of SavedScreen records (`src/core/screen/saved.ts`) as text;
 * - Excel keeps at most 32,767 characters in a cell, so the array must fit in A1 (about 30
 *   screens): a writer refuses a longer one, as the pane does (docs/SCREENER-PANE.md);
 * - nothing else on the sheet has meaning; readers ignore other cells.
 *
 * docs/HEADLESS.md documents the format; the pane's `src/taskpane/saved-list.ts` reads and
 * writes the same cell.
 */
import type ExcelJS from "exceljs";
import { SAVED_SCREENS_SETTING, SavedScreen, parseSavedScreens } from "../core/screen";
import { STORAGE_SHEET } from "./source";

export { STORAGE_SHEET };

/** Excel's limit on the characters in one cell. */
import { MAX_CELL_TEXT as CELL_TEXT_LIMIT } from "../core/excel-limits";
export { CELL_TEXT_LIMIT };

export interface StoredScreens {
  readonly screens: readonly SavedScreen[];
  /** Entries that could not be read, and why (the others still run). */
  readonly skipped: readonly { readonly index: number; readonly message: string }[];
  /** Set when the stored text as a whole cannot be read. */
  readonly problem?: string;
}

function storageSheet(workbook: ExcelJS.Workbook): ExcelJS.Worksheet | undefined {
  return workbook.worksheets.find((s) => s.name === STORAGE_SHEET);
}

/** The stored JSON text, or undefined when the workbook has none. */
export function readStoredText(workbook: ExcelJS.Workbook): string | undefined {
  const value = storageSheet(workbook)?.findCell(1, 1)?.value;
  if (typeof value === "string") return value === "" ? undefined : value;
  if (typeof value === "object" && value !== null && Array.isArray((value as { richText?: unknown }).richText)) {
    return (value as { richText: { text: string }[] }).richText.map((run) => run.text).join("");
  }
  return undefined;
}

export function readSavedScreens(workbook: ExcelJS.Workbook): StoredScreens {
  const text = readStoredText(workbook);
  if (text === undefined) return { screens: [], skipped: [] };
  const parsed = parseSavedScreens(text);
  if (!parsed.ok) return { screens: [], skipped: [], problem: `${parsed.message} (sheet ${STORAGE_SHEET}, cell A1)` };
  return { screens: parsed.screens, skipped: parsed.skipped };
}

/** Stores the saved screens in A1 of the very hidden `_smallcap` sheet, replacing what was there. */
export function writeSavedScreens(workbook: ExcelJS.Workbook, screens: readonly SavedScreen[]): void {
  const json = JSON.stringify(screens);
  if (json.length > CELL_TEXT_LIMIT) {
    throw new Error(`${screens.length} saved screens need ${json.length} characters; a cell holds at most ${CELL_TEXT_LIMIT}`);
  }
  const sheet = storageSheet(workbook) ?? workbook.addWorksheet(STORAGE_SHEET, { state: "veryHidden" });
  sheet.state = "veryHidden";
  sheet.getCell(1, 1).value = json;
}

export { SAVED_SCREENS_SETTING };
