/** The saved-screen record the pane stores in the workbook and the CLI re-runs. */
import { presetConfig } from "../../../src/core/screen/criteria";
import { SAVED_SCREENS_SETTING, parseSavedScreen, parseSavedScreens } from "../../../src/core/screen/saved";
import { VALID_SAVED_SCREEN } from "../../helpers/saved-screen";

const VALID = VALID_SAVED_SCREEN;

describe("parseSavedScreen", () => {
  it("the setting key", () => {
    expect(SAVED_SCREENS_SETTING).toBe("smallcap.savedScreens");
  });

  it("accepts a valid record, as a value or as JSON text", () => {
    expect(parseSavedScreen(VALID)).toEqual({ ok: true, screen: VALID });
    expect(parseSavedScreen(JSON.stringify(VALID))).toEqual({ ok: true, screen: VALID });
  });

  it("accepts an explicit mapping, an address, zombie years and a timestamp with offset", () => {
    const screen = {
      ...VALID,
      source: { sheet: "Data", address: "A1:K500" },
      mapping: { fields: { ticker: 0, ebit: 3 }, ebitHistory: [4, 5], interestHistory: [6, 7] },
      config: { ...presetConfig("zombies"), zombieYears: 2 },
      savedAt: "2026-11-28T09:30:00+01:00",
    };
    const parsed = parseSavedScreen(screen);
    expect(parsed.ok).toBe(true);
    if (parsed.ok) expect(parsed.screen.mapping?.ebitHistory).toEqual([4, 5]);
  });

  it.each<[string, unknown, RegExp]>([
    ["not JSON", "{oops", /^The saved screen is not valid JSON\.$/],
    ["a wrong version", { ...VALID, version: 2 }, /^The saved screen is not valid: version: /],
    ["an empty name", { ...VALID, name: "  " }, /^The saved screen is not valid: name: must not be empty$/],
    ["no source sheet", { ...VALID, source: {} }, /source\.sheet: /],
    ["a mapping to a negative column", { ...VALID, mapping: { fields: { ebit: -1 }, ebitHistory: [], interestHistory: [] } }, /mapping\.fields\.ebit: /],
    ["a mapping to an unknown field", { ...VALID, mapping: { fields: { eps: 1 }, ebitHistory: [], interestHistory: [] } }, /mapping\.fields/],
    ["unpaired history", { ...VALID, mapping: { fields: {}, ebitHistory: [1, 2], interestHistory: [3] } }, /ebitHistory and interestHistory must list the same number of periods/],
    ["an unknown criterion", { ...VALID, config: { ...VALID.config, criteria: [{ id: "momentum", enabled: true, threshold: 1 }] } }, /config\.criteria\[0\]\.id: /],
    ["a text threshold", { ...VALID, config: { ...VALID.config, criteria: [{ id: "icr", enabled: true, threshold: "3" }] } }, /config\.criteria\[0\]\.threshold: /],
    ["a fractional zombieYears", { ...VALID, config: { ...VALID.config, zombieYears: 1.5 } }, /config\.zombieYears: /],
    ["a date that is not ISO", { ...VALID, savedAt: "28/11/2026" }, /savedAt: /],
    ["no output sheet", { ...VALID, output: undefined }, /output: /],
    ["null", null, /^The saved screen is not valid: /],
  ])("refuses %s", (_what, value, message) => {
    const parsed = parseSavedScreen(value);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.message).toMatch(message);
  });
});

describe("parseSavedScreens", () => {
  it("keeps the valid entries and says why each other was skipped", () => {
    const parsed = parseSavedScreens(JSON.stringify([VALID, { ...VALID, version: 9 }, { ...VALID, id: "scr-2" }]));
    expect(parsed.ok).toBe(true);
    if (parsed.ok) {
      expect(parsed.screens.map((s) => s.id)).toEqual(["scr-1", "scr-2"]);
      expect(parsed.skipped).toHaveLength(1);
      expect(parsed.skipped[0].index).toBe(1);
    }
  });

  it("an absent setting is an empty list; a non-list is an error", () => {
    expect(parseSavedScreens(undefined)).toEqual({ ok: true, screens: [], skipped: [] });
    expect(parseSavedScreens("{}")).toEqual({
      ok: false,
      code: "saved-list-not-list",
      setting: "smallcap.savedScreens",
      message: "The smallcap.savedScreens setting must be a list of saved screens.",
    });
    expect(parseSavedScreens("[")).toMatchObject({ ok: false, code: "saved-list-not-json", message: "The smallcap.savedScreens setting is not valid JSON." });
  });
});
