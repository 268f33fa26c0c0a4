/**
 * Zod schemas for what crosses a boundary as JSON: a column mapping and a screen config, as
 * saved in a workbook, typed on a command line or edited in the pane. Parse, don't trust.
 */
import "../zod";
import { z } from "zod";
import { FIELD_IDS } from "./headers";
import type { ColumnMapping, CriterionId, FieldId, PresetId, ScreenConfig } from "./types";

export const CRITERION_IDS: readonly CriterionId[] = Object.freeze([
  "positiveFcf",
  "floatingShare",
  "maturity",
  "domesticRevenue",
  "notZombie",
  "icr",
  "shockedIcr",
  "isZombie",
  "shockedIcrAbove",
] as CriterionId[]);

export const PRESET_IDS: readonly PresetId[] = Object.freeze(["quality", "zombies", "stress"] as PresetId[]);

/** Excel's last column is XFD, the 16,384th. */
const MAX_COLUMN = 16383;
const columnIndex = z.number().int().min(0).max(MAX_COLUMN);

export const fieldIdSchema = z.enum(FIELD_IDS as [FieldId, ...FieldId[]]);
export const criterionIdSchema = z.enum(CRITERION_IDS as [CriterionId, ...CriterionId[]]);
export const presetIdSchema = z.enum(PRESET_IDS as [PresetId, ...PresetId[]]);

export const columnMappingSchema = z
  .object({
    fields: z.partialRecord(fieldIdSchema, columnIndex),
    ebitHistory: z.array(columnIndex),
    interestHistory: z.array(columnIndex),
  })
  .refine((m) => m.ebitHistory.length === m.interestHistory.length, {
    message: "ebitHistory and interestHistory must list the same number of periods",
    path: ["interestHistory"],
  });

export const criterionSettingSchema = z.object({
  id: criterionIdSchema,
  enabled: z.boolean(),
  // z.number() rejects NaN and Infinity (zod 4).
  threshold: z.number(),
});

export const screenConfigSchema = z.object({
  preset: presetIdSchema,
  criteria: z.array(criterionSettingSchema),
  shockBps: z.number().min(-10000).max(10000),
  zombieYears: z.number().int().min(1).optional(),
  interestSign: z.literal("magnitude").optional(),
});

/** `config.criteria[0].threshold: Invalid input: expected number, received string`. */
export function describeIssues(error: z.ZodError, root: string): string {
  const parts = error.issues.slice(0, 3).map((issue) => {
    let path = root;
    for (const key of issue.path) path += typeof key === "number" ? `[${key}]` : path === "" ? String(key) : `.${String(key)}`;
    return (path === "" ? "" : `${path}: `) + issue.message;
  });
  const more = error.issues.length > 3 ? ` (and ${error.issues.length - 3} more)` : "";
  return parts.join("; ") + more;
}

export function parseColumnMapping(value: unknown): { ok: true; mapping: ColumnMapping } | { ok: false; message: string } {
  const parsed = columnMappingSchema.safeParse(value);
  if (!parsed.success) return { ok: false, message: `The column mapping is not valid: ${describeIssues(parsed.error, "mapping")}` };
  return { ok: true, mapping: parsed.data };
}

export function parseScreenConfig(value: unknown): { ok: true; config: ScreenConfig } | { ok: false; message: string } {
  const parsed = screenConfigSchema.safeParse(value);
  if (!parsed.success) return { ok: false, message: `The screen settings are not valid: ${describeIssues(parsed.error, "config")}` };
  return { ok: true, config: parsed.data };
}
