/**
 * The screen engine's public surface: one import for the pane, the Excel adapter, the CLI and
 * the QUALITY formula. It carries no zod: the zod schemas (schema.ts) are imported from their
 * module by what needs them (the tests, the `--json` contract), never through here.
 */
export * from "./types";
export { FIELD_IDS, FIELD_HEADERS, mapColumns, describeMapping, recogniseHeader, parseHeader, headerText } from "./headers";
export type { ParsedHeader } from "./headers";
export { RecordsBuilder, buildRecords, problemAt, isMissingAt, textOf, readCell, NUMERIC_FIELDS, TEXT_FIELDS } from "./records";
export type { NumberColumn, ScreenRecords, RecordOptions, NumericFieldId, TextFieldId } from "./records";
export { CRITERIA, PRESET_CRITERIA, criterionDef, presetConfig, zombieThreshold, describeContext } from "./criteria";
export type { CriterionDef, DescribeContext, ThresholdUnit } from "./criteria";
export { DEFAULT_SHOCK_BPS } from "../defaults";
export { setCriterion, parseSetting, applySettings, checkSetting, settingProblem } from "./settings";
export type { ParsedSetting, SettingKey, SettingValue } from "./settings";
export { validateConfig, checkColumnMapping } from "./config-check";
export { CRITERION_IDS, PRESET_IDS } from "./ids";
export { SCORE_WEIGHTS, percentileRanks, scoreRows } from "./score";
export type { ScoreInput, Scores } from "./score";
export { NO_DATA_ROWS, summarise } from "./summary";
export { mappingNotes, runScreen, runScreenAsync, runScreenRows, screenSteps, startScreen } from "./engine";
export { VENDOR_HEADERS, combineHeaderRows, declaredUnit } from "./headers";
export type { ScreenOutcome, ScreenOptions, AsyncScreenOptions, ScreenProgress, ScreenFeed } from "./engine";
export { SAVED_SCREENS_SETTING, parseSavedScreen, parseSavedScreens } from "./saved";
export type { SavedScreen, ParsedSavedScreen } from "./saved";
export { qualityVerdict, QUALITY_ARGUMENTS } from "./quality";
export { COMPACT_FROM, formatFixed, formatNumber, formatPercent, formatRatio, formatYears } from "./format";
