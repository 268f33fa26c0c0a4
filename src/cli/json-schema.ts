/**
 * `smallcap screen --json`: the output contract, as a zod schema other tools (and the tests)
 * validate against. Numbers that are unknown, or infinite (no interest to cover), are null;
 * the row's `reason` says which.
 *
 * The CLI builds its output to this contract (json-output.ts, which imports only the types
 * from here) and does not validate it as it runs, so no run loads zod.
 */
import "../core/zod";
import { z } from "zod";
import { criterionIdSchema as criterionId, fieldIdSchema as fieldId, presetIdSchema } from "../core/screen/schema";

const nullableNumber = z.number().nullable();

export const screenJsonRowSchema = z.object({
  /** 1-based data row within the source table (the header row is not counted). */
  row: z.number().int().min(1),
  /** The worksheet row (or CSV line) the data row sits on. */
  sheetRow: z.number().int().min(1),
  ticker: z.string().nullable(),
  name: z.string().nullable(),
  pass: z.boolean(),
  /** 1 = best; null for rows that do not pass. */
  rank: z.number().int().min(1).nullable(),
  /** 0-100 for passing rows, null otherwise. */
  score: z.number().min(0).max(100).nullable(),
  icr: nullableNumber,
  shockedIcr: nullableNumber,
  zombie: z.boolean().nullable(),
  failed: z.array(criterionId),
  unknown: z.array(criterionId),
  reason: z.string(),
});

export const screenJsonSchema = z.object({
  summary: z.object({
    source: z.object({
      file: z.string(),
      kind: z.enum(["sheet", "table", "csv"]),
      sheet: z.string().optional(),
      table: z.string().optional(),
      range: z.string().optional(),
      headerRow: z.number().int().min(1),
    }),
    preset: presetIdSchema,
    shockBps: z.number(),
    criteria: z.array(z.object({ id: criterionId, enabled: z.boolean(), threshold: z.number(), rule: z.string() })),
    rowsScreened: z.number().int().min(0),
    rowsPassing: z.number().int().min(0),
    zombieCount: z.number().int().min(0),
    zombieShare: nullableNumber,
    unprofitableShare: nullableNumber,
    indexPe: nullableNumber,
    indexPeExUnprofitable: nullableNumber,
  }),
  mapping: z.object({
    fields: z.partialRecord(fieldId, z.number().int().min(0)),
    ebitHistory: z.array(z.number().int().min(0)),
    interestHistory: z.array(z.number().int().min(0)),
    recognised: z.array(
      z.object({
        column: z.number().int().min(0),
        header: z.string(),
        field: z.union([fieldId, z.literal("ebitHistory"), z.literal("interestHistory")]),
        period: z.string().optional(),
      }),
    ),
    ignored: z.array(z.object({ column: z.number().int().min(0), header: z.string(), reason: z.string().optional() })),
    /** What the mapping assumed (estimates left out, units, the zombie window and its periods). */
    notes: z.array(z.object({ level: z.enum(["error", "warning", "info"]), message: z.string() })),
    /** The layout read: one row per company (wide) or per company and period (panel). */
    layout: z
      .object({
        kind: z.enum(["wide", "panel"]),
        companies: z.number().int().min(0),
        maxPeriods: z.number().int().min(0).optional(),
        firstYear: z.number().int().optional(),
        lastYear: z.number().int().optional(),
        duplicates: z.number().int().min(0).optional(),
        zombieYears: z.number().int().min(1),
      })
      .optional(),
  }),
  /** Every warning and assumption of the run, most serious first (also printed by the text output). */
  messages: z.array(z.object({ level: z.enum(["error", "warning", "info"]), message: z.string() })),
  rows: z.array(screenJsonRowSchema),
});

export type ScreenJson = z.infer<typeof screenJsonSchema>;
export type ScreenJsonRow = z.infer<typeof screenJsonRowSchema>;
