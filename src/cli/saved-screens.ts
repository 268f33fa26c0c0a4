/**
 * The saved screens in an exceljs workbook: the text of A1 on the very hidden `_smallcap`
 * sheet, in and out. The format and its rules (the JSON array, the 32,767-character limit,
 * damaged entries skipped with a reason) are `src/workbook/saved-screens.ts`, which the pane's
 * hosts use too.
 */
import type ExcelJS from "exceljs";
import type { SavedScreen } from "../core/screen/saved";
import { parseSavedScreensCell, serializeSavedScreens } from "../workbook/saved-screens";
import { STATE_SHEET } from "../workbook/sheets";
import type { SavedScreensRead } from "../workbook/workbook";

function storageSheet(workbook: ExcelJS.Workbook): ExcelJS.Worksheet | undefined {
  return workbook.worksheets.find((s) => s.name === STATE_SHEET);
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

/** The saved screens stored in the workbook, and a line for each entry (or the whole cell) that could not be read. */
export function readSavedScreens(workbook: ExcelJS.Workbook): SavedScreensRead {
  return parseSavedScreensCell(readStoredText(workbook));
}

/** Stores the saved screens in A1 of the very hidden `_smallcap` sheet, replacing what was there. */
export function writeSavedScreens(workbook: ExcelJS.Workbook, screens: readonly SavedScreen[]): void {
  const json = serializeSavedScreens(screens);
  const sheet = storageSheet(workbook) ?? workbook.addWorksheet(STATE_SHEET, { state: "veryHidden" });
  sheet.state = "veryHidden";
  sheet.getCell(1, 1).value = json;
}
