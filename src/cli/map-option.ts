/**
 * `--map field="Header"`: the CLI's hand mapping, as the pane's mapping editor. Starts from
 * what the screen recognises and changes the fields named: `--map ebit="Op Inc FY21"`,
 * `--map period="Fiscal Year"`, `--map interestExpense=none` (no column).
 */
import { FIELD_IDS, headerText, mapColumns } from "../core/screen";
import type { ColumnMapping, FieldId } from "../core/screen";
import { usageError } from "./failure";

const FIELD_BY_NAME: ReadonlyMap<string, FieldId> = new Map<string, FieldId>([
  ...FIELD_IDS.map((f) => [f.toLowerCase(), f] as [string, FieldId]),
  ["interest", "interestExpense"],
  ["debt", "totalDebt"],
  ["mcap", "marketCap"],
  ["company", "name"],
  ["year", "period"],
  ["fiscalyear", "period"],
]);

/** Which field a `--map` key names; a usage error listing the fields otherwise. */
function fieldOf(key: string): FieldId {
  const field = FIELD_BY_NAME.get(key.toLowerCase().replace(/[^a-z]/g, ""));
  if (field === undefined) throw usageError(`--map: unknown field "${key}"; expected one of ${FIELD_IDS.join(", ")}`);
  return field;
}

/** Parses `field=Header` texts against the header row: the mapping to run with, or undefined when none was given. */
export function handMapping(headers: readonly unknown[], specs: readonly string[]): ColumnMapping | undefined {
  if (specs.length === 0) return undefined;
  const base = mapColumns(headers).mapping;
  const fields: Partial<Record<FieldId, number>> = { ...base.fields };
  const texts = headers.map((h) => headerText(h));
  for (const spec of specs) {
    const eq = spec.indexOf("=");
    if (eq <= 0) throw usageError(`--map needs field="Header", e.g. --map ebit="Op Inc FY21", got "${spec}"`);
    const field = fieldOf(spec.slice(0, eq).trim());
    const wanted = spec.slice(eq + 1).trim().replace(/^"(.*)"$/, "$1");
    if (wanted.toLowerCase() === "none") {
      delete fields[field];
      continue;
    }
    let column = texts.findIndex((t) => t === wanted);
    if (column < 0) column = texts.findIndex((t) => t.toLowerCase() === wanted.toLowerCase());
    if (column < 0) {
      const shown = texts.filter((t) => t !== "").slice(0, 12).join(", ");
      throw usageError(`--map ${field}: no column headed "${wanted}" (headers: ${shown}${texts.length > 12 ? ", ..." : ""})`);
    }
    fields[field] = column;
  }
  return { ...base, fields };
}
