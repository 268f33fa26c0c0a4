/**
 * A saved screen: what the pane stores in the workbook and the CLI re-runs. Both keep a JSON
 * array of these records in cell A1 of the very hidden worksheet `_smallcap`, inside the
 * workbook file itself, where exceljs and Office.js can both read it (docs/HEADLESS.md).
 *
 * Stored JSON is untrusted (hand-edited, older versions, other tools): it is parsed with zod
 * into a tagged result, never trusted by cast.
 */
import "../zod";
import { z } from "zod";
import { failure, type FailureOf } from "../result";
import { describeIssues } from "./config-check";
import { columnMappingSchema, screenConfigSchema } from "./schema";
import type { ColumnMapping, ScreenConfig } from "./types";

/** The very hidden worksheet whose cell A1 holds the saved screens as a JSON array. */
export const SAVED_SCREENS_SHEET = "_smallcap";

/** The name messages give the stored list of saved screens (kept in `_smallcap`!A1). */
export const SAVED_SCREENS_SETTING = "smallcap.savedScreens";

export interface SavedScreen {
  readonly version: 1;
  readonly id: string;
  readonly name: string;
  /** Where the rows come from: a sheet, optionally a table on it or an address (`A1:K500`). */
  readonly source: { readonly sheet: string; readonly table?: string; readonly address?: string };
  /** null: recognise the headers afresh on each refresh. */
  readonly mapping: ColumnMapping | null;
  readonly config: ScreenConfig;
  readonly output: { readonly sheet: string };
  /** ISO 8601 timestamp. */
  readonly savedAt: string;
}

const text = z.string().trim().min(1, "must not be empty");

export const savedScreenSchema = z.object({
  version: z.literal(1),
  id: text,
  name: text,
  source: z.object({
    sheet: text,
    table: text.optional(),
    address: text.optional(),
  }),
  mapping: columnMappingSchema.nullable(),
  config: screenConfigSchema,
  output: z.object({ sheet: text }),
  savedAt: z.iso.datetime({ offset: true }),
});

export type ParsedSavedScreen = { ok: true; screen: SavedScreen } | FailureOf<"saved-not-json" | "saved-invalid">;

function fromJsonText(json: unknown): { ok: true; value: unknown } | undefined {
  if (typeof json !== "string") return { ok: true, value: json };
  try {
    return { ok: true, value: JSON.parse(json) as unknown };
  } catch {
    return undefined;
  }
}

/** Reads one saved screen from a parsed value or from JSON text. */
export function parseSavedScreen(json: unknown): ParsedSavedScreen {
  const read = fromJsonText(json);
  if (read === undefined) return failure("saved-not-json", {});
  const parsed = savedScreenSchema.safeParse(read.value);
  if (!parsed.success) return failure("saved-invalid", { issues: describeIssues(parsed.error.issues, "") });
  return { ok: true, screen: parsed.data as SavedScreen };
}

/**
 * Reads the setting's whole list. A damaged entry does not lose the others: valid screens are
 * returned, and each skipped entry says why.
 */
export function parseSavedScreens(
  json: unknown,
): { ok: true; screens: SavedScreen[]; skipped: { index: number; message: string }[] } | FailureOf<"saved-list-not-json" | "saved-list-not-list"> {
  const read = fromJsonText(json);
  if (read === undefined) return failure("saved-list-not-json", { setting: SAVED_SCREENS_SETTING });
  if (read.value === null || read.value === undefined) return { ok: true, screens: [], skipped: [] };
  if (!Array.isArray(read.value)) return failure("saved-list-not-list", { setting: SAVED_SCREENS_SETTING });
  const screens: SavedScreen[] = [];
  const skipped: { index: number; message: string }[] = [];
  read.value.forEach((entry: unknown, index: number) => {
    const parsed = parseSavedScreen(entry);
    if (parsed.ok) screens.push(parsed.screen);
    else skipped.push({ index, message: parsed.message });
  });
  return { ok: true, screens, skipped };
}
