/** The criteria as data, the presets, and the `criterion=value` settings the CLI's --set takes. */
import { validateConfig } from "../../../src/core/screen/config-check";
import { CRITERIA, criterionDef, presetConfig } from "../../../src/core/screen/criteria";
import { applySettings, parseSetting, setCriterion } from "../../../src/core/screen/settings";

describe("CRITERIA and presets", () => {
  it("the quality preset is the framework's seven criteria, in its order, at its thresholds (docs/SCREENER.md)", () => {
    const config = presetConfig("quality");
    expect(config.criteria).toEqual([
      { id: "positiveFcf", enabled: true, threshold: 0 },
      { id: "floatingShare", enabled: true, threshold: 0.25 },
      { id: "maturity", enabled: true, threshold: 3 },
      { id: "domesticRevenue", enabled: true, threshold: 0.8 },
      { id: "notZombie", enabled: true, threshold: 1 },
      { id: "icr", enabled: true, threshold: 3 },
      { id: "shockedIcr", enabled: true, threshold: 1.5 },
    ]);
    expect(config.shockBps).toBe(200);
    expect(config.preset).toBe("quality");
  });

  it("zombies and stress presets", () => {
    expect(presetConfig("zombies").criteria).toEqual([{ id: "isZombie", enabled: true, threshold: 1 }]);
    expect(presetConfig("stress")).toEqual({ preset: "stress", criteria: [{ id: "shockedIcrAbove", enabled: true, threshold: 1.5 }], shockBps: 200 });
  });

  it("labels read as docs/SCREENER.md words them", () => {
    expect(CRITERIA.map((c) => c.label)).toEqual([
      "free cash flow > 0",
      "floating-rate share <= 25%",
      "debt maturity >= 3 years",
      "domestic revenue share >= 80%",
      "not a zombie (ICR >= 1 in at least one of the latest 3 fiscal periods)",
      "ICR >= 3",
      "ICR after a +200 bp shock >= 1.5",
      "is a zombie (ICR < 1 in each of the latest 3 fiscal periods)",
      "ICR after a +200 bp shock >= 1.5",
    ]);
    expect(criterionDef("icr").describe(2.5, { shockBps: 200, zombieYears: 0 })).toBe("ICR >= 2.5");
    expect(criterionDef("notZombie").describe(1, { shockBps: 200, zombieYears: 3 })).toBe("not a zombie (ICR >= 1 in at least one of the latest 3 fiscal periods)");
    expect(criterionDef("shockedIcr").describe(1.5, { shockBps: 300, zombieYears: 0 })).toBe("ICR after a +300 bp shock >= 1.5");
  });

  it("every criterion declares the fields it needs and a threshold meaning", () => {
    for (const c of CRITERIA) {
      expect(c.fields.length).toBeGreaterThan(0);
      expect(c.threshold.meaning.length).toBeGreaterThan(10);
    }
    expect(criterionDef("floatingShare").threshold).toMatchObject({ unit: "fraction", min: 0, max: 1, default: 0.25 });
  });
});

describe("parseSetting", () => {
  it.each([
    ["icr=2.5", "icr", 2.5],
    ["floatingShare=0.3", "floatingShare", 0.3],
    ["floatingShare=30%", "floatingShare", 0.3],
    ["floating_share = 0.3", "floatingShare", 0.3],
    ["ICR=4", "icr", 4],
    ["shockBps=300", "shockBps", 300],
    ["shockBps=300bp", "shockBps", 300],
    ["shockBps=-100", "shockBps", -100],
    ["fcf=1,000", "positiveFcf", 1000],
    ["wam=2.5", "maturity", 2.5],
    ["zombieYears=3", "zombieYears", 3],
    ["icr=off", "icr", "off"],
    ["domesticRevenue=ON", "domesticRevenue", "on"],
    ["zombieYears=all", "zombieYears", "all"],
  ])("%p sets %p to %p", (text, key, value) => {
    expect(parseSetting(text)).toEqual({ ok: true, key, value });
  });

  it.each([
    ["icr", "setting-malformed", 'expected criterion=value (e.g. icr=2.5), got "icr"'],
    ["icrr=2", "unknown-setting", 'unknown criterion "icrr"; expected one of positiveFcf, floatingShare, maturity, domesticRevenue, notZombie, icr, shockedIcr, isZombie, shockedIcrAbove, shockBps, zombieYears, interestSign'],
    ["=2", "unknown-setting", 'unknown criterion ""; expected one of positiveFcf, floatingShare, maturity, domesticRevenue, notZombie, icr, shockedIcr, isZombie, shockedIcrAbove, shockBps, zombieYears, interestSign'],
    ["icr=abc", "setting-bad-value", 'icr needs a number, on or off, got "abc"'],
    ["icr=", "setting-missing-value", "icr needs a value, e.g. icr=3"],
    ["floatingShare=30", "setting-out-of-range", "floatingShare must be a fraction from 0 to 1 (25% is 0.25), got 30"],
    ["domesticRevenue=-0.1", "setting-out-of-range", "domesticRevenue must be a fraction from 0 to 1 (25% is 0.25), got -0.1"],
    ["maturity=-1", "setting-out-of-range", "maturity must be 0 or more, got -1"],
    ["shockBps=off", "setting-cannot-switch", "shockBps cannot be switched off; give a number"],
    ["shockBps=20000", "setting-out-of-range", "shockBps must be from -10000 to 10000 basis points (200 is +2.00 percentage points), got 20000"],
    ["shockBps=lots", "setting-bad-value", 'shockBps needs a number of basis points, got "lots"'],
    ["zombieYears=2.5", "setting-out-of-range", "zombieYears must be a whole number of periods, 1 or more, got 2.5"],
    ["zombieYears=0", "setting-out-of-range", "zombieYears must be a whole number of periods, 1 or more, got 0"],
    ["icr=all", "setting-bad-value", 'icr needs a number, on or off, got "all"'],
  ])("%p is refused (%s): %s", (text, code, message) => {
    // The words of each code, pinned here (built in src/core/result.ts).
    expect(parseSetting(text)).toMatchObject({ ok: false, code, message });
  });
});

describe("setCriterion and applySettings", () => {
  it("sets a threshold and switches the criterion on", () => {
    const off = setCriterion(presetConfig("quality"), "icr", "off");
    expect(off.criteria.find((c) => c.id === "icr")).toEqual({ id: "icr", enabled: false, threshold: 3 });
    const back = setCriterion(off, "icr", 2.5);
    expect(back.criteria.find((c) => c.id === "icr")).toEqual({ id: "icr", enabled: true, threshold: 2.5 });
    expect(back.criteria.map((c) => c.id)).toEqual(presetConfig("quality").criteria.map((c) => c.id));
  });

  it("adds a criterion the preset lacks, at its default", () => {
    const config = setCriterion(presetConfig("stress"), "icr", "on");
    expect(config.criteria).toEqual([
      { id: "shockedIcrAbove", enabled: true, threshold: 1.5 },
      { id: "icr", enabled: true, threshold: 3 },
    ]);
  });

  it("does not change the config it was given", () => {
    const config = presetConfig("quality");
    setCriterion(config, "icr", 9);
    setCriterion(config, "shockBps", 500);
    expect(config).toEqual(presetConfig("quality"));
  });

  it("applies several settings, stopping at the first bad one", () => {
    const applied = applySettings(presetConfig("quality"), ["icr=2.5", "shockBps=300", "zombieYears=2", "domesticRevenue=off"]);
    expect(applied.ok).toBe(true);
    if (applied.ok) {
      expect(applied.config.shockBps).toBe(300);
      expect(applied.config.zombieYears).toBe(2);
      expect(applied.config.criteria.find((c) => c.id === "domesticRevenue")?.enabled).toBe(false);
      const all = applySettings(applied.config, ["zombieYears=all"]);
      expect(all.ok && all.config.zombieYears).toBeUndefined();
    }
    expect(applySettings(presetConfig("quality"), ["icr=2", "bogus=1"])).toMatchObject({ ok: false, code: "unknown-setting", key: "bogus" });
  });
});

describe("validateConfig", () => {
  it("accepts the presets", () => {
    for (const preset of ["quality", "zombies", "stress"] as const) expect(validateConfig(presetConfig(preset)).ok).toBe(true);
  });

  it("refuses a criterion listed twice, NaN thresholds and unknown ids", () => {
    const twice = { ...presetConfig("stress"), criteria: [...presetConfig("stress").criteria, ...presetConfig("stress").criteria] };
    expect(validateConfig(twice)).toMatchObject({ ok: false, code: "config-criterion-twice", id: "shockedIcrAbove", message: "The screen settings list shockedIcrAbove twice." });
    const nan = { ...presetConfig("stress"), criteria: [{ id: "shockedIcrAbove", enabled: true, threshold: NaN }] };
    expect(validateConfig(nan)).toMatchObject({ ok: false, code: "config-invalid" });
    const unknown = { ...presetConfig("stress"), criteria: [{ id: "momentum", enabled: true, threshold: 1 }] };
    expect(validateConfig(unknown)).toMatchObject({ ok: false, code: "config-invalid" });
    expect(validateConfig(undefined)).toMatchObject({ ok: false, code: "config-invalid" });
  });
});
