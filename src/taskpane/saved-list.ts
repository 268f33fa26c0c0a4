/**
 * The saved-screens list as stored: a JSON array in A1 of the very hidden sheet `_smallcap`
 * (the CLI reads the same cell). Both workbook hosts read and write it through here.
 */
import { parseSavedScreens, type SavedScreen } from "../core/screen/saved";
import { MAX_CELL_TEXT, STATE_SHEET, WorkbookError, type SavedScreensRead } from "./workbook";

/** The text for A1 of the state sheet; a list too long for one Excel cell is refused in words. */
export function serializeSavedList(screens: readonly SavedScreen[]): string {
  const json = JSON.stringify(screens);
  if (json.length > MAX_CELL_TEXT) {
    throw new WorkbookError(
      `The saved screens need ${json.length.toLocaleString("en-US")} characters, more than the 32,767 an Excel cell holds. Delete a few saved screens first.`,
    );
  }
  return json;
}

/** Parses A1 of the state sheet: a JSON array of saved screens; bad entries are reported, good ones kept. */
export function parseSavedList(cell: unknown): SavedScreensRead {
  if (cell === undefined || cell === null || cell === "") return { screens: [], problems: [] };
  if (typeof cell !== "string") return { screens: [], problems: [`${STATE_SHEET}!A1 does not hold text; the saved screens cannot be read.`] };
  const parsed = parseSavedScreens(cell);
  if (!parsed.ok) return { screens: [], problems: [`${STATE_SHEET}!A1: ${parsed.message}`] };
  return {
    screens: parsed.screens,
    problems: parsed.skipped.map((s) => `Saved screen ${s.index + 1} was skipped: ${s.message}`),
  };
}

