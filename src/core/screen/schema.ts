/**
 * Zod schemas for what crosses a boundary as JSON: a column mapping, a screen config and a
 * saved screen as stored in a workbook, and the ids of the CLI's `--json` schema (the contract
 * other tools validate against, src/cli/json-schema.ts). Each enum is built from the plain id
 * lists of ids.ts.
 *
 * Nothing on a runtime path imports this module: the engine checks a config and a mapping
 * (config-check.ts) and saved.ts a saved screen without zod, to the same rules and words, so
 * neither the pane, the custom functions nor `smallcap screen` carries zod. These schemas are
 * the reference those checks are tested against (test/core/screen/config-check.test.ts,
 * saved-check.test.ts) and document the stored shapes.
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

const text = z.string().trim().min(1, "must not be empty");

/** A saved screen (saved.ts, `SavedScreen`). */
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
