/**
 * `criterion=value` settings, as the CLI's `--set` and SMALLCAP.SCREEN's `settings` argument
 * write them (`icr=2.5`, `floatingShare=30%`, `shockBps=300`, `icr=off`, `zombieYears=all`):
 * read, range-checked and applied to a config. A config built here from a preset needs no
 * schema pass: every value is checked as it is read. No zod, so the custom functions can use it.
 */
import { SHOCK_BPS_RANGE } from "../defaults";
import { failure, type SettingFailure } from "../result";
import { parseAccountingNumber } from "../values";
import { criterionDef } from "./criteria";
import { formatNumber } from "./format";
import { CRITERION_IDS } from "./ids";
import type { CriterionId, CriterionSetting, ScreenConfig } from "./types";

/** Anything a setting can change: a criterion's threshold or switch, the shock, the zombie years, how interest signs are read. */
export type SettingKey = CriterionId | "shockBps" | "zombieYears" | "interestSign";
/**
 * A threshold, `off`/`on` for a criterion, `all` (back to the default 3 periods) for
 * zombieYears, `auto`/`magnitude` for interestSign.
 */
export type SettingValue = number | "off" | "on" | "all" | "auto" | "magnitude";

export type ParsedSetting = { ok: true; key: SettingKey; value: SettingValue } | SettingFailure;

const SETTING_KEYS: readonly SettingKey[] = [...CRITERION_IDS, "shockBps", "zombieYears", "interestSign"];
const ALIASES: ReadonlyMap<string, SettingKey> = new Map<string, SettingKey>([
  ...SETTING_KEYS.map((k) => [k.toLowerCase(), k] as [string, SettingKey]),
  ["fcf", "positiveFcf"],
  ["freecashflow", "positiveFcf"],
  ["floating", "floatingShare"],
  ["floatingrateshare", "floatingShare"],
  ["wam", "maturity"],
  ["wamyears", "maturity"],
  ["domestic", "domesticRevenue"],
  ["domesticshare", "domesticRevenue"],
  ["zombie", "notZombie"],
  ["shockedicrbelow", "shockedIcr"],
  ["shock", "shockBps"],
  ["bps", "shockBps"],
]);

/** Why a number does not fit a key, or null when it does. */
export function settingProblem(key: SettingKey, value: number): SettingFailure | null {
  if (!Number.isFinite(value)) return failure("setting-not-finite", { key });
  if (key === "shockBps") {
    const { min, max } = SHOCK_BPS_RANGE;
    return value < min || value > max ? failure("setting-out-of-range", { key, value, rule: "shock", min, max }) : null;
  }
  if (key === "zombieYears") {
    return Number.isInteger(value) && value >= 1 ? null : failure("setting-out-of-range", { key, value, rule: "periods", min: 1 });
  }
  if (key === "interestSign") return failure("setting-not-a-word", { key });
  const { min, max, unit } = criterionDef(key).threshold;
  if (unit === "fraction" && (value < (min ?? -Infinity) || value > (max ?? Infinity))) {
    return failure("setting-out-of-range", { key, value, rule: "fraction", min, max });
  }
  if (min !== undefined && value < min) return failure("setting-out-of-range", { key, value, rule: "min", min });
  if (max !== undefined && value > max) return failure("setting-out-of-range", { key, value, rule: "max", max });
  return null;
}

/** Checks a number for a key; a message in words, or null when it is acceptable. */
export function checkSetting(key: SettingKey, value: number): string | null {
  return settingProblem(key, value)?.message ?? null;
}

/**
 * Reads `criterion=value`: `icr=2.5`, `floatingShare=30%`, `shockBps=300`, `icr=off`,
 * `zombieYears=all`. Keys are case- and punctuation-insensitive (`floating_share`).
 */
export function parseSetting(text: string): ParsedSetting {
  if (typeof text !== "string") return failure("setting-not-text", {});
  const eq = text.indexOf("=");
  if (eq < 0) return failure("setting-malformed", { text });
  const rawKey = text.slice(0, eq).trim();
  const rawValue = text.slice(eq + 1).trim();
  const key = ALIASES.get(rawKey.toLowerCase().replace(/[^a-z0-9]/g, ""));
  if (key === undefined) return failure("unknown-setting", { key: rawKey, known: SETTING_KEYS });
  const word = rawValue.toLowerCase();
  if (key === "interestSign") {
    if (word === "auto" || word === "magnitude") return { ok: true, key, value: word };
    return failure("setting-bad-value", { key, text: rawValue, wanted: "sign-rule" });
  }
  if (word === "off" || word === "on") {
    if (key === "shockBps" || key === "zombieYears") return failure("setting-cannot-switch", { key, word });
    return { ok: true, key, value: word };
  }
  if (word === "all") {
    if (key !== "zombieYears") return failure("setting-bad-value", { key, text: rawValue, wanted: "number-on-off" });
    return { ok: true, key, value: "all" };
  }
  if (rawValue === "") return failure("setting-missing-value", { key, example: example(key) });
  const number = parseAccountingNumber(key === "shockBps" ? rawValue.replace(/\s*bps?$/i, "") : rawValue);
  if (number === undefined) {
    const wanted = key === "shockBps" ? "basis-points" : key === "zombieYears" ? "whole-or-all" : "number-on-off";
    return failure("setting-bad-value", { key, text: rawValue, wanted });
  }
  return settingProblem(key, number) ?? { ok: true, key, value: number };
}

function example(key: SettingKey): string {
  if (key === "shockBps") return "300";
  if (key === "zombieYears") return "3";
  if (key === "interestSign") return "magnitude";
  return formatNumber(criterionDef(key).threshold.default);
}

/**
 * Sets a threshold (and switches the criterion on), switches it `off`/`on`, or sets the shock
 * or zombie years. A criterion the config lacks is added at the end. Returns a new config.
 */
export function setCriterion(config: ScreenConfig, key: SettingKey, value: SettingValue): ScreenConfig {
  if (key === "shockBps") return typeof value === "number" ? { ...config, shockBps: value } : config;
  if (key === "interestSign") {
    if (value === "magnitude") return { ...config, interestSign: "magnitude" };
    const rest = { ...config };
    delete (rest as { interestSign?: string }).interestSign;
    return rest;
  }
  if (key === "zombieYears") {
    if (value === "all") {
      const rest = { ...config };
      delete (rest as { zombieYears?: number }).zombieYears;
      return rest;
    }
    return typeof value === "number" ? { ...config, zombieYears: value } : config;
  }
  const update = (setting: CriterionSetting): CriterionSetting =>
    value === "off"
      ? { ...setting, enabled: false }
      : value === "on"
        ? { ...setting, enabled: true }
        : typeof value === "number"
          ? { ...setting, enabled: true, threshold: value }
          : setting;
  const index = config.criteria.findIndex((c) => c.id === key);
  if (index >= 0) return { ...config, criteria: config.criteria.map((c, i) => (i === index ? update(c) : c)) };
  const added = update({ id: key, enabled: true, threshold: criterionDef(key).threshold.default });
  return { ...config, criteria: [...config.criteria, added] };
}

/** Parses and applies several `criterion=value` settings in order; the first bad one stops. */
export function applySettings(config: ScreenConfig, texts: readonly string[]): { ok: true; config: ScreenConfig } | SettingFailure {
  let current = config;
  for (const text of texts) {
    const parsed = parseSetting(text);
    if (!parsed.ok) return parsed;
    current = setCriterion(current, parsed.key, parsed.value);
  }
  return { ok: true, config: current };
}

