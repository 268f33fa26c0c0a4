/**
 * A saved screen: what the pane stores in the workbook and the CLI re-runs. Both keep a JSON
 * array of these records in cell A1 of the very hidden worksheet `_smallcap`, inside the
 * workbook file itself, where exceljs and Office.js can both read it (docs/HEADLESS.md).
 *
 * Stored JSON is untrusted (hand-edited, older versions, other tools): it is checked into a
 * tagged result, never trusted by cast. The check needs no zod (the pane and `smallcap screen`
 * read saved screens and carry none): it accepts and refuses exactly what `savedScreenSchema`
 * (schema.ts) does, with zod's words issue by issue, and returns the same clean copy, trimmed
 * texts included (test/core/screen/saved-check.test.ts compares the two).
 */
import { failure, type FailureOf } from "../result";
import { configShape, describeIssues, Issues, mappingShape, type Issue } from "./config-check";
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

/** The timestamp rule of zod's `z.iso.datetime({ offset: true })`, built as zod builds it (node_modules/zod/v4/core/regexes.js, `datetime`): seconds required, a fraction optional, `Z` or an offset. */
const ISO_DATE =
  "(?:(?:\\d\\d[2468][048]|\\d\\d[13579][26]|\\d\\d0[48]|[02468][048]00|[13579][26]00)-02-29|\\d{4}-(?:(?:0[13578]|1[02])-(?:0[1-9]|[12]\\d|3[01])|(?:0[469]|11)-(?:0[1-9]|[12]\\d|30)|(?:02)-(?:0[1-9]|1\\d|2[0-8])))";
const ISO_TIME = "(?:[01]\\d|2[0-3]):[0-5]\\d:[0-5]\\d(?:\\.\\d+)?";
const ISO_OFFSET = "([+-](?:[01]\\d|2[0-3]):[0-5]\\d)";
export const ISO_DATETIME = new RegExp(`^${ISO_DATE}T(?:${ISO_TIME}(?:Z|${ISO_OFFSET}))$`);

const EMPTY = "must not be empty";

/**
 * `z.string().trim().min(1, "must not be empty")`: the text trimmed. zod's length check also
 * runs on a value that is not text but has a length (an empty array is "not a string" and
 * "empty"), so this does too.
 */
function text(found: Issues, path: readonly PropertyKey[], value: unknown): string | undefined {
  if (typeof value === "string") {
    const trimmed = value.trim();
    if (trimmed.length >= 1) return trimmed;
    found.add(path, EMPTY, false);
    return undefined;
  }
  found.type(path, "string", value);
  const length = value === null || value === undefined ? undefined : (value as { length?: unknown }).length;
  if (length !== undefined && !((length as number) >= 1)) found.add(path, EMPTY, false);
  return undefined;
}

/** `text.optional()` under `key`: an absent key stays absent, a key present as undefined stays present (as zod keeps it). */
function optionalText(found: Issues, at: readonly PropertyKey[], input: Record<string, unknown>, key: string): { [key: string]: string | undefined } {
  if (!(key in input)) return {};
  const value = input[key];
  return { [key]: value === undefined ? undefined : text(found, [...at, key], value) };
}

/** The issues of a nested object's own walk, under its key (zod checks a nested object on its own, then prefixes the paths). */
function nested(found: Issues, key: string, inner: readonly Issue[]): void {
  for (const issue of inner) found.add([key, ...issue.path], issue.message);
}

/** A saved screen as the schema reads it, issue by issue in the schema's key order. */
function savedShape(value: unknown): { ok: true; screen: SavedScreen } | { ok: false; issues: readonly Issue[] } {
  const found = new Issues();
  if (!found.object([], value)) return found;
  found.oneOf(["version"], value.version, [1] as const);
  const id = text(found, ["id"], value.id);
  const name = text(found, ["name"], value.name);
  let source: SavedScreen["source"] | undefined;
  if (found.object(["source"], value.source)) {
    const sheet = text(found, ["source", "sheet"], value.source.sheet);
    source = { sheet: sheet as string, ...optionalText(found, ["source"], value.source, "table"), ...optionalText(found, ["source"], value.source, "address") };
  }
  let mapping: ColumnMapping | null = null;
  if (value.mapping !== null) {
    const shaped = mappingShape(value.mapping);
    if (shaped.ok) mapping = shaped.value;
    else nested(found, "mapping", shaped.issues);
  }
  const config = configShape(value.config);
  if (!config.ok) nested(found, "config", config.issues);
  let outputSheet: string | undefined;
  if (found.object(["output"], value.output)) outputSheet = text(found, ["output", "sheet"], value.output.sheet);
  const savedAt = value.savedAt;
  if (typeof savedAt !== "string") found.type(["savedAt"], "string", savedAt);
  else if (!ISO_DATETIME.test(savedAt)) found.add(["savedAt"], "Invalid ISO datetime");
  if (found.issues.length > 0 || !config.ok || typeof savedAt !== "string") return found;
  const screen: SavedScreen = {
    version: 1,
    id: id as string,
    name: name as string,
    source: source as SavedScreen["source"],
    mapping,
    config: config.config,
    output: { sheet: outputSheet as string },
    savedAt,
  };
  return { ok: true, screen };
}

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
  const checked = savedShape(read.value);
  if (!checked.ok) return failure("saved-invalid", { issues: describeIssues(checked.issues, "") });
  return { ok: true, screen: checked.screen };
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
