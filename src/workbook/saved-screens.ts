/**
 * The saved-screens list as stored, for every host: a JSON array of `SavedScreen` records
 * (`src/core/screen/saved.ts`) as text in A1 of the very hidden sheet `_smallcap`, inside the
 * workbook itself, where both Office.js (the pane) and exceljs (the CLI) reach it.
 *
 * - Excel keeps at most 32,767 characters in a cell, so the array must fit in A1 (about 30
 *   screens): `serializeSavedScreens` refuses a longer one in words;
 * - nothing else on the sheet has meaning; readers ignore other cells;
 * - a damaged entry is skipped with a reason and the readable ones still load.
 *
 * The hosts only move the text in and out of the cell (docs/HEADLESS.md documents the format).
 */
import { MAX_CELL_TEXT } from "../core/excel-limits";
import { failure } from "../core/result";
import { parseSavedScreens, type SavedScreen } from "../core/screen/saved";
import { STATE_SHEET } from "./sheets";
import { WorkbookError, type SavedScreensRead } from "./workbook";

/** The text for A1 of the state sheet; a list too long for one Excel cell is refused in words (a `WorkbookError`). */
export function serializeSavedScreens(screens: readonly SavedScreen[]): string {
  const json = JSON.stringify(screens);
  if (json.length > MAX_CELL_TEXT) {
    throw new WorkbookError(failure("saved-too-large", { characters: json.length, limit: MAX_CELL_TEXT }).message);
  }
  return json;
}

/** Parses A1 of the state sheet (empty: no saved screens); bad entries are reported, good ones kept. */
export function parseSavedScreensCell(cell: unknown): SavedScreensRead {
  if (cell === undefined || cell === null || cell === "") return { screens: [], problems: [] };
  if (typeof cell !== "string") return { screens: [], problems: [`${STATE_SHEET}!A1 does not hold text; the saved screens cannot be read.`] };
  const parsed = parseSavedScreens(cell);
  if (!parsed.ok) return { screens: [], problems: [`${STATE_SHEET}!A1: ${parsed.message}`] };
  return {
    screens: parsed.screens,
    problems: parsed.skipped.map((s) => `Saved screen ${s.index + 1} was skipped: ${s.message}`),
  };
}
