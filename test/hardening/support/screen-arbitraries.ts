/**
 * Generators for the screen engine: header rows (recognised names in export spellings, period
 * columns, junk and non-text headers), ragged data rows of hostile cells, configs (valid,
 * out of range, and garbage) and column mappings (valid, out of range, and garbage).
 */
import fc from "fast-check";
import { CRITERION_IDS, FIELD_HEADERS, FIELD_IDS, PRESET_IDS, presetConfig } from "../../../src/core/screen";
import type { PresetId, ScreenInput } from "../../../src/core/screen";
import { anyCell, mostlyNumber, plainText } from "./arbitraries";

const KNOWN_HEADERS: readonly string[] = FIELD_IDS.flatMap((f) => FIELD_HEADERS[f]);

/** A recognised header as an export might spell it: case, padding, units, punctuation. */
const knownHeader: fc.Arbitrary<string> = fc
  .tuple(fc.constantFrom(...KNOWN_HEADERS), fc.constantFrom("", " ($m)", " (LTM)", " %", " (x)", "  ", " USD"), fc.constantFrom("as is", "upper", "lower"))
  .map(([h, suffix, casing]) => {
    const text = h + suffix;
    return casing === "upper" ? text.toUpperCase() : casing === "lower" ? text.toLowerCase() : text;
  });

/** Period columns for the multi-year zombie test, in the spellings headers.ts reads. */
const periodHeader: fc.Arbitrary<string> = fc
  .tuple(
    fc.constantFrom("EBIT", "Operating Income", "Interest Expense", "Int. Exp.", "Finance Costs", "Revenue"),
    fc.integer({ min: 2015, max: 2026 }),
    fc.constantFrom("{n} {y}", "{n} FY{y}", "{n} FY{yy}", "{n}{y}", "{n} {y}A", "{n} {y}E", "{n} Q1 {y}", "{y} {n}"),
  )
  .map(([name, year, pattern]) =>
    pattern.replace("{n}", name).replace("{yy}", String(year % 100).padStart(2, "0")).replace("{y}", String(year)),
  );

export const headerCell: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 8, arbitrary: knownHeader },
  { weight: 4, arbitrary: periodHeader },
  { weight: 2, arbitrary: plainText },
  { weight: 1, arbitrary: anyCell },
);

/** A data row: usually as wide as the header row, sometimes ragged, sometimes not an array at all. */
function dataRow(width: number): fc.Arbitrary<unknown> {
  const cell = fc.oneof({ weight: 3, arbitrary: mostlyNumber }, { weight: 1, arbitrary: anyCell });
  return fc.oneof(
    { weight: 20, arbitrary: fc.array(cell, { minLength: width, maxLength: width }) },
    { weight: 3, arbitrary: fc.array(cell, { minLength: 0, maxLength: width + 3 }) },
    { weight: 1, arbitrary: fc.array(fc.constantFrom<unknown>(null, "", "   ", undefined), { minLength: 0, maxLength: width }) },
    { weight: 1, arbitrary: fc.constantFrom<unknown>(null, undefined, "row", 42, {}, [[1, 2]]) },
  );
}

/**
 * A table as a sheet or another host might hand it over. Typed as the engine's ScreenInput, though
 * some rows are deliberately not arrays (the engine promises to read those as rows of blanks).
 */
export const table: fc.Arbitrary<ScreenInput> = fc
  .array(headerCell, { minLength: 0, maxLength: 16 })
  .chain((headers) => fc.record({ headers: fc.constant(headers), rows: fc.array(dataRow(headers.length), { minLength: 0, maxLength: 30 }) }))
  .map((t) => t as unknown as ScreenInput);

const threshold: fc.Arbitrary<number> = fc.oneof(
  { weight: 6, arbitrary: fc.double({ min: -5, max: 10, noNaN: true }) },
  { weight: 4, arbitrary: fc.double({ min: 0, max: 1, noNaN: true }) },
  { weight: 1, arbitrary: fc.constantFrom(Number.NaN, Infinity, -Infinity, -0, 1e300, -1e300) },
);

/** A config: a preset with criteria switched, thresholds moved, extra criteria; or garbage. */
export const config: fc.Arbitrary<unknown> = fc.oneof(
  {
    weight: 20,
    arbitrary: fc
      .record({
        preset: fc.constantFrom<PresetId>(...PRESET_IDS),
        // Mostly the preset's own thresholds, so most runs reach the engine's work; sometimes moved, in range or not.
        edits: fc.array(fc.record({ enabled: fc.boolean(), threshold: fc.oneof({ weight: 6, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: threshold }) }), { minLength: 7, maxLength: 7 }),
        extra: fc.array(fc.constantFrom(...CRITERION_IDS), { maxLength: 3 }),
        shockBps: fc.oneof(
          { weight: 10, arbitrary: fc.integer({ min: -1000, max: 1000 }) },
          { weight: 1, arbitrary: fc.constantFrom(0, 200, -10000, 10000, 10001, Number.NaN) },
        ),
        zombieYears: fc.option(
          fc.oneof({ weight: 8, arbitrary: fc.integer({ min: 1, max: 4 }) }, { weight: 1, arbitrary: fc.constantFrom(0, 1.5, -1, 8, Number.NaN) }),
          { freq: 3 },
        ),
      })
      .map(({ preset, edits, extra, shockBps, zombieYears }) => {
        const base = presetConfig(preset);
        const criteria = base.criteria.map((c, i) => ({
          id: c.id,
          enabled: edits[i % edits.length].enabled || i === 0,
          threshold: edits[i % edits.length].threshold ?? c.threshold,
        }));
        for (const id of extra) if (!criteria.some((c) => c.id === id)) criteria.push({ id, enabled: true, threshold: 1 });
        return { ...base, criteria, shockBps, ...(zombieYears === null ? {} : { zombieYears }) };
      }),
  },
  {
    weight: 1,
    arbitrary: fc.constantFrom<unknown>(
      null,
      undefined,
      {},
      "quality",
      { preset: "quality" },
      { preset: "nope", criteria: [], shockBps: 200 },
      { preset: "quality", criteria: [{ id: "icr", enabled: true, threshold: "3" }], shockBps: 200 },
      { preset: "quality", criteria: [{ id: "icr" }], shockBps: 200 },
      { preset: "quality", criteria: [{ id: "icr", enabled: true, threshold: 3 }, { id: "icr", enabled: true, threshold: 2 }], shockBps: 200 },
      { preset: "quality", criteria: [], shockBps: 200 },
      { preset: "quality", criteria: null, shockBps: 200 },
    ),
  },
);

const column: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 10, arbitrary: fc.integer({ min: 0, max: 18 }) },
  { weight: 1, arbitrary: fc.constantFrom<unknown>(-1, 1.5, 16383, 16384, Number.NaN, "2", null) },
);

/** Mostly null (recognise the headers); sometimes a chosen mapping, valid or not. */
export const mapping: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 6, arbitrary: fc.constant(null) },
  {
    weight: 3,
    arbitrary: fc
      .record({
        fields: fc.dictionary(fc.constantFrom(...FIELD_IDS), column, { maxKeys: 10 }),
        ebit: fc.array(column, { minLength: 4, maxLength: 4 }),
        interest: fc.array(column, { minLength: 4, maxLength: 4 }),
        periods: fc.integer({ min: 0, max: 4 }),
        // Now and then the two histories disagree in length (the schema refuses that).
        extra: fc.oneof({ weight: 8, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.integer({ min: 1, max: 2 }) }),
      })
      .map(({ fields, periods, ebit, interest, extra }) => ({
        fields,
        ebitHistory: ebit.slice(0, periods),
        interestHistory: interest.slice(0, Math.min(4, periods + extra)),
      })),
  },
  { weight: 1, arbitrary: fc.constantFrom<unknown>({}, { fields: {} }, { fields: { nope: 1 }, ebitHistory: [], interestHistory: [] }, "A:B", 7) },
);
