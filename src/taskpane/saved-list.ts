/**
 * The saved-screens list as stored: a JSON array in A1 of the very hidden sheet `_smallcap`
 * (the CLI reads the same cell). Both workbook hosts read it through here.
 */
import { parseSavedScreens } from "../core/screen/saved";
import { STATE_SHEET, type SavedScreensRead } from "./workbook";

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

