/**
 * The engine's zod-free check of a config and a mapping (src/core/screen/config-check.ts)
 * against the zod schemas of the boundaries (src/core/screen/schema.ts): the same verdict, the
 * same words issue by issue, the same clean copy, on the fuzz suite's generated configs and
 * mappings and on hand-picked oddities.
 */
import fc from "fast-check";
import { checkColumnMapping, describeIssues, validateConfig } from "../../../src/core/screen/config-check";
import { presetConfig } from "../../../src/core/screen/criteria";
import { columnMappingSchema, screenConfigSchema } from "../../../src/core/screen/schema";
import { settingProblem } from "../../../src/core/screen/settings";
import { config as arbitraryConfig, mapping as arbitraryMapping } from "../../hardening/support/screen-arbitraries";

/** What the zod schema says, then the engine's extra rules (no criterion twice, thresholds in range). */
function viaZod(value: unknown): unknown {
  const parsed = screenConfigSchema.safeParse(value);
  if (!parsed.success) return { ok: false, code: "config-invalid", message: `The screen settings are not valid: ${describeIssues(parsed.error.issues, "config")}` };
  const seen = new Set<string>();
  for (const setting of parsed.data.criteria) {
    if (seen.has(setting.id)) return { ok: false, code: "config-criterion-twice", message: `The screen settings list ${setting.id} twice.` };
    seen.add(setting.id);
    const problem = settingProblem(setting.id, setting.threshold);
    if (problem !== null) return { ok: false, code: "config-setting-out-of-range", message: `The screen settings are not valid: ${problem.message}.` };
  }
  return { ok: true, config: parsed.data };
}

function viaEngine(value: unknown): unknown {
  const checked = validateConfig(value);
  return checked.ok ? checked : { ok: false, code: checked.code, message: checked.message };
}

const BASE = presetConfig("quality");
const ODD_CONFIGS: unknown[] = [
  [],
  7,
  new Date(0),
  Object.assign(new Map(), BASE),
  Object.create(BASE) as unknown,
  { ...BASE, extra: 1, criteria: [{ id: "icr", enabled: true, threshold: 2, note: "x" }] },
  { ...BASE, preset: 5, criteria: new Set(), shockBps: "200", zombieYears: null, interestSign: null },
  { ...BASE, criteria: [null, 5, [], { id: null, enabled: "true", threshold: {} }, { id: "icr", enabled: true, threshold: BigInt(2) }] },
  { ...BASE, shockBps: Infinity, zombieYears: -Infinity, interestSign: "auto" },
  { ...BASE, shockBps: -10001, zombieYears: 0.5 },
  { ...BASE, shockBps: 1e20, zombieYears: 1e20 },
  { ...BASE, zombieYears: -1e20 },
  { ...BASE, zombieYears: undefined, interestSign: "magnitude" },
  { ...BASE, criteria: [{ id: "icr", enabled: true, threshold: -Infinity }, { id: "icr", enabled: true, threshold: 1 }] },
];
const ODD_MAPPINGS: unknown[] = [
  null,
  [],
  "A:B",
  { fields: new Map(), ebitHistory: [], interestHistory: [] },
  { fields: [1], ebitHistory: [], interestHistory: [] },
  { fields: new Date(0), ebitHistory: [], interestHistory: [] },
  { fields: Object.create(null) as unknown, ebitHistory: [], interestHistory: [] },
  { fields: { nope: 1, ebit: 2, toString: 3 }, ebitHistory: [1], interestHistory: [] },
  { fields: { ebit: undefined }, ebitHistory: [], interestHistory: [] },
  { fields: { ebit: 1.5, ticker: "2" }, ebitHistory: [-1.5, 1e20, -1e20, 16384, NaN, Infinity], interestHistory: [] },
  { fields: { ebit: 16384 }, ebitHistory: [1, 2], interestHistory: [3] },
  { fields: {}, ebitHistory: "x", interestHistory: [1] },
  { fields: "x", ebitHistory: [1], interestHistory: null },
  JSON.parse('{"fields":{"__proto__":1,"ebit":2},"ebitHistory":[],"interestHistory":[],"more":1}') as unknown,
];

describe("the engine's config check agrees with the zod schema", () => {
  it("on hand-picked oddities", () => {
    for (const value of ODD_CONFIGS) expect([value, viaEngine(value)]).toEqual([value, viaZod(value)]);
  });

  it("on the fuzz suite's generated configs", () => {
    fc.assert(
      fc.property(arbitraryConfig, (value) => {
        expect(viaEngine(value)).toEqual(viaZod(value));
      }),
      { numRuns: 2000 },
    );
  });

  it("words pinned: a config that is not one", () => {
    expect(validateConfig({ preset: "value", criteria: [{ id: "icr" }], shockBps: 20000 })).toMatchObject({
      ok: false,
      code: "config-invalid",
      message:
        'The screen settings are not valid: config.preset: Invalid option: expected one of "quality"|"zombies"|"stress"; ' +
        "config.criteria[0].enabled: Invalid input: expected boolean, received undefined; " +
        "config.criteria[0].threshold: Invalid input: expected number, received undefined (and 1 more)",
    });
  });
});

describe("the engine's mapping check agrees with the zod schema", () => {
  const strip = (r: ReturnType<typeof checkColumnMapping>) => (r.ok ? r : { ok: false, code: r.code, message: r.message });
  const parseColumnMapping = (value: unknown) => {
    const parsed = columnMappingSchema.safeParse(value);
    return parsed.success
      ? { ok: true, value: parsed.data }
      : { ok: false, code: "mapping-invalid", message: `The column mapping is not valid: ${describeIssues(parsed.error.issues, "mapping")}` };
  };
  it("on hand-picked oddities", () => {
    for (const value of ODD_MAPPINGS) expect([value, strip(checkColumnMapping(value))]).toEqual([value, parseColumnMapping(value)]);
  });

  it("on the fuzz suite's generated mappings", () => {
    fc.assert(
      fc.property(arbitraryMapping, (value) => {
        expect(strip(checkColumnMapping(value))).toEqual(parseColumnMapping(value));
      }),
      { numRuns: 2000 },
    );
  });

  it("words pinned: an unknown field and histories of two lengths", () => {
    expect(checkColumnMapping({ fields: { nope: 1, ebit: 2 }, ebitHistory: [1], interestHistory: [] })).toEqual({
      ok: false,
      code: "mapping-invalid",
      issues: 'mapping.fields: Unrecognized key: "nope"; mapping.interestHistory: ebitHistory and interestHistory must list the same number of periods',
      message:
        'The column mapping is not valid: mapping.fields: Unrecognized key: "nope"; mapping.interestHistory: ebitHistory and interestHistory must list the same number of periods',
    });
  });
});
