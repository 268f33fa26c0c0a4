/**
 * Zod schemas for what crosses a boundary as JSON: a column mapping and a screen config, as
 * saved in a workbook, typed on a command line or edited in the pane. Parse, don't trust.
 */
import "../zod";
import { z } from "zod";
import { SHOCK_BPS_RANGE } from "../defaults";
import { failure, success, type Result } from "../result";
import { MAX_COLUMN, describeIssues } from "./config-check";
import { CRITERION_IDS, FIELD_IDS, PRESET_IDS } from "./ids";
import type { ColumnMapping, ScreenConfig } from "./types";

const columnIndex = z.number().int().min(0).max(MAX_COLUMN);

export const fieldIdSchema = z.enum(FIELD_IDS);
export const criterionIdSchema = z.enum(CRITERION_IDS);
export const presetIdSchema = z.enum(PRESET_IDS);

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
  shockBps: z.number().min(SHOCK_BPS_RANGE.min).max(SHOCK_BPS_RANGE.max),
  zombieYears: z.number().int().min(1).optional(),
  interestSign: z.literal("magnitude").optional(),
});

export function parseColumnMapping(value: unknown): Result<ColumnMapping> {
  const parsed = columnMappingSchema.safeParse(value);
  if (!parsed.success) return failure("mapping-invalid", { issues: describeIssues(parsed.error.issues, "mapping") });
  return success(parsed.data);
}

export function parseScreenConfig(value: unknown): Result<ScreenConfig> {
  const parsed = screenConfigSchema.safeParse(value);
  if (!parsed.success) return failure("config-invalid", { issues: describeIssues(parsed.error.issues, "config") });
  return success(parsed.data);
}
