/**
 * The zod-free check of a saved screen (src/core/screen/saved.ts) against the zod schema it
 * replaced at runtime (`savedScreenSchema`, src/core/screen/schema.ts): the same verdict, the
 * same words issue by issue, the same clean copy (texts trimmed), on generated saved screens and
 * on hand-picked oddities, one at a time and as a stored list.
 */
import fc from "fast-check";
import { failure } from "../../../src/core/result";
import { describeIssues } from "../../../src/core/screen/config-check";
import { presetConfig } from "../../../src/core/screen/criteria";
import { ISO_DATETIME, SAVED_SCREENS_SETTING, parseSavedScreen, parseSavedScreens } from "../../../src/core/screen/saved";
import { savedScreenSchema } from "../../../src/core/screen/schema";
import { config as arbitraryConfig, mapping as arbitraryMapping } from "../../hardening/support/screen-arbitraries";
import { VALID_SAVED_SCREEN } from "../../helpers/saved-screen";

/** What the zod schema says, in the words and codes of src/core/result.ts (text is read as JSON first, as before). */
function viaZod(json: unknown): unknown {
  let value = json;
  if (typeof json === "string") {
    try {
      value = JSON.parse(json);
    } catch {
      return failure("saved-not-json", {});
    }
  }
  const parsed = savedScreenSchema.safeParse(value);
  return parsed.success ? { ok: true, screen: parsed.data } : failure("saved-invalid", { issues: describeIssues(parsed.error.issues, "") });
}

/** A stored list as parseSavedScreens reads it, each entry judged by the zod schema. */
function listViaZod(list: readonly unknown[]): unknown {
  const judged = list.map((entry, index) => ({ index, parsed: viaZod(entry) as { ok: boolean; screen?: unknown; message?: string } }));
  return {
    ok: true,
    screens: judged.filter((j) => j.parsed.ok).map((j) => j.parsed.screen),
    skipped: judged.filter((j) => !j.parsed.ok).map((j) => ({ index: j.index, message: j.parsed.message })),
  };
}

const VALID = VALID_SAVED_SCREEN;

/** Values that are not what a field wants, or are on the edge of it. */
const ODD_VALUES: readonly unknown[] = [undefined, null, "", "  ", " x ", "\t\n", [], [""], ["a"], { length: 0 }, { length: 2 }, { length: "x" }, { length: null }, 0, 1, NaN, true, {}, "1", new Date(0)];
const odd = fc.constantFrom<unknown>(...ODD_VALUES);

const text: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom("Universe", " Screen ", "tblUniverse", "A1:K500", "\u00a0x\u2028") },
  { weight: 4, arbitrary: fc.string({ maxLength: 6, unit: fc.constantFrom("a", " ", "\t", "\n", "\u00a0", "\ufeff", "\u3000", "\u200b") }) },
  { weight: 2, arbitrary: odd },
);

const validTimestamp = fc.date({ min: new Date("0001-01-01T00:00:00Z"), max: new Date("9999-12-31T23:59:59Z"), noInvalidDate: true }).map((d) => d.toISOString());
/** Timestamps: valid ones in the forms people write, valid ones with one character changed, and junk. */
const timestamp: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: validTimestamp },
  {
    weight: 3,
    arbitrary: fc
      .tuple(validTimestamp, fc.constantFrom("Z", "+01:00", "-23:59", "+24:00", "+1:00", "+0100", "", "z"), fc.constantFrom(".000", "", ".5", ".123456789", ":00"))
      .map(([iso, zone, fraction]) => iso.slice(0, 19) + fraction + zone),
  },
  {
    weight: 3,
    arbitrary: fc
      .tuple(validTimestamp, fc.nat(), fc.constantFrom(..."0123456789-:T Z+.t"))
      .map(([iso, at, c]) => iso.slice(0, at % iso.length) + c + iso.slice((at % iso.length) + 1)),
  },
  { weight: 1, arbitrary: fc.constantFrom("2024-02-29T00:00:00Z", "2023-02-29T00:00:00Z", "2100-02-29T00:00:00Z", "2000-02-29T00:00:00Z", "2026-04-31T00:00:00Z") },
  { weight: 1, arbitrary: odd },
);

/** A key left out now and then (fields with this value are dropped from the record). */
const ABSENT = Symbol("absent");
const sometimesAbsent = <T>(arbitrary: fc.Arbitrary<T>, freq = 10): fc.Arbitrary<T | typeof ABSENT> =>
  fc.oneof({ weight: freq, arbitrary }, { weight: 1, arbitrary: fc.constant(ABSENT) });
const withoutAbsent = (record: Record<string, unknown>): Record<string, unknown> => Object.fromEntries(Object.entries(record).filter(([, v]) => v !== ABSENT));

const source: fc.Arbitrary<unknown> = fc.oneof(
  {
    weight: 8,
    arbitrary: fc
      .record({ sheet: sometimesAbsent(text), table: sometimesAbsent(text, 1), address: sometimesAbsent(text, 1) })
      .map(withoutAbsent),
  },
  { weight: 1, arbitrary: odd },
);

/** A saved screen: mostly the right shape with fields valid or not; now and then anything at all. */
const savedScreen: fc.Arbitrary<unknown> = fc.oneof(
  {
    weight: 20,
    arbitrary: fc
      .record({
        version: sometimesAbsent(fc.oneof({ weight: 10, arbitrary: fc.constant<unknown>(1) }, { weight: 1, arbitrary: fc.constantFrom<unknown>(2, "1", 0, -0, null, true) })),
        id: sometimesAbsent(text),
        name: sometimesAbsent(text),
        source: sometimesAbsent(source),
        mapping: sometimesAbsent(arbitraryMapping),
        config: sometimesAbsent(arbitraryConfig),
        output: sometimesAbsent(fc.oneof({ weight: 6, arbitrary: fc.record({ sheet: text }) }, { weight: 1, arbitrary: odd })),
        savedAt: sometimesAbsent(timestamp),
        extra: sometimesAbsent(fc.anything(), 1),
      })
      .map(withoutAbsent),
  },
  { weight: 1, arbitrary: fc.anything() },
);

/** Each field made odd in turn, and the records and non-records that have tripped parsers before. */
const ODD_SCREENS: unknown[] = [
  VALID,
  { ...VALID, id: " scr-1 ", name: "\tQuality\n", source: { sheet: " Universe ", table: " tbl ", address: " A1:K500 " }, output: { sheet: " Screen " } },
  { ...VALID, source: { sheet: "Universe", table: undefined, address: undefined } },
  { ...VALID, source: Object.assign(Object.create({ table: " inherited " }) as object, { sheet: "Universe" }) },
  Object.assign(Object.create(VALID) as object, { id: "own" }),
  { ...VALID, mapping: { fields: { ticker: 0, ebit: 3 }, ebitHistory: [4, 5], interestHistory: [6, 7] }, config: { ...presetConfig("zombies"), zombieYears: 2 } },
  { ...VALID, config: { ...VALID.config, criteria: [{ id: "icr", enabled: true, threshold: 1e9 }, { id: "icr", enabled: false, threshold: -5 }] } },
  ...ODD_VALUES.flatMap((v) => [{ ...VALID, version: v }, { ...VALID, name: v }, { ...VALID, source: { sheet: v } }, { ...VALID, source: { sheet: "S", table: v } }, { ...VALID, output: v }, { ...VALID, savedAt: v }]),
  { ...VALID, version: BigInt(1), id: Symbol("id") },
  { ...VALID, name: () => 0 },
  ...[
    "2026-11-28T09:30:00Z",
    "2026-11-28T09:30:00.123456+05:45",
    "2026-11-28T09:30:00+24:00",
    "2026-11-28T09:30:00-00:00",
    "2026-11-28T09:30Z",
    "2026-11-28t09:30:00z",
    "2026-11-28 09:30:00Z",
    " 2026-11-28T09:30:00Z",
    "2026-11-28T24:00:00Z",
    "2026-11-28T09:60:00Z",
    "2026-11-28T09:30:60Z",
    "+012026-11-28T09:30:00Z",
    "2024-02-29T00:00:00Z",
    "2023-02-29T00:00:00Z",
    "1900-02-29T00:00:00Z",
    "2000-02-29T00:00:00Z",
  ].map((savedAt) => ({ ...VALID, savedAt })),
  { ...VALID, mapping: undefined },
  { ...VALID, mapping: {} },
  { ...VALID, config: null },
  { version: 2, id: [], name: { length: 0 }, source: [], mapping: 5, config: "quality", output: { sheet: "" }, savedAt: 0 },
  {},
  [],
  "text",
  null,
  undefined,
  5,
  new Date(0),
  Object.create(null) as unknown,
  JSON.parse('{"__proto__":{"id":"x"},"version":1}') as unknown,
];

describe("the saved-screen check agrees with the zod schema", () => {
  it("builds the timestamp rule as zod does", () => {
    const def = savedScreenSchema.shape.savedAt._zod.def as { pattern?: RegExp };
    expect(ISO_DATETIME.source).toBe(def.pattern?.source);
  });

  it("on hand-picked oddities", () => {
    for (const value of ODD_SCREENS) expect([value, parseSavedScreen(value)]).toEqual([value, viaZod(value)]);
  });

  it("on generated saved screens", () => {
    fc.assert(
      fc.property(savedScreen, (value) => {
        expect(parseSavedScreen(value)).toEqual(viaZod(value));
      }),
      { numRuns: 3000 },
    );
  });

  it("on generated stored lists, as values and as JSON text", () => {
    fc.assert(
      fc.property(fc.array(savedScreen, { maxLength: 5 }), (list) => {
        expect(parseSavedScreens(list)).toEqual(listViaZod(list));
        const json = JSON.stringify(list);
        // JSON drops what it cannot hold (undefined, symbols); judge what a workbook would store.
        if (json !== undefined) expect(parseSavedScreens(json)).toEqual(listViaZod(JSON.parse(json) as unknown[]));
      }),
      { numRuns: 500 },
    );
  });

  it("words pinned: an empty name given as a list, a timestamp without seconds, and more", () => {
    expect(parseSavedScreen({ ...VALID, name: [], savedAt: "2026-11-28T09:30Z", output: {} })).toEqual({
      ok: false,
      code: "saved-invalid",
      issues: "name: Invalid input: expected string, received array; name: must not be empty; output.sheet: Invalid input: expected string, received undefined (and 1 more)",
      message:
        "The saved screen is not valid: name: Invalid input: expected string, received array; name: must not be empty; " +
        "output.sheet: Invalid input: expected string, received undefined (and 1 more)",
    });
    expect(parseSavedScreen({ ...VALID, name: " Quality ", savedAt: "2026-11-28T09:30:00+01:00" })).toEqual({
      ok: true,
      screen: { ...VALID, name: "Quality", savedAt: "2026-11-28T09:30:00+01:00" },
    });
    expect(parseSavedScreens(JSON.stringify([{ ...VALID, version: 2 }]))).toEqual({
      ok: true,
      screens: [],
      skipped: [{ index: 0, message: "The saved screen is not valid: version: Invalid input: expected 1" }],
    });
    expect(parseSavedScreens("5")).toMatchObject({ ok: false, code: "saved-list-not-list", setting: SAVED_SCREENS_SETTING });
  });
});
