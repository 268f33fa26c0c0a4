/**
 * Zod schemas for what crosses a boundary as JSON: a column mapping and a screen config as
 * saved in a workbook (saved.ts), and the ids of the CLI's `--json` schema. Parse, don't trust.
 * Each enum is built from the plain id lists of ids.ts. The engine checks a config and a
 * mapping without zod (config-check.ts), to the same rules and words.
 */
import "../zod";
import { z } from "zod";
import { SHOCK_BPS_RANGE } from "../defaults";
import { MAX_COLUMN } from "./config-check";
import { CRITERION_IDS, FIELD_IDS, PRESET_IDS } from "./ids";

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
