/**
 * The screen's closed sets of ids, as plain lists: the canonical fields, the criteria and the
 * presets. The types are inferred from the lists, and the zod enums of schema.ts are built
 * from them; this module imports nothing, so the engine and the custom functions carry no zod.
 */

/** Text fields are labels. `period`: the period of a row in a long (panel) table (`Fiscal Year`, `FY`, `Period End`); `restated`: when a row was restated (`Restated Date`): of two rows for one company and period, the later one is used. */
export const TEXT_FIELDS = Object.freeze(["ticker", "name", "sector", "period", "restated"] as const);

/**
 * Numeric fields are read as numbers; money fields are in whatever one unit the sheet uses.
 * `longTermDebt` (Compustat `dltt`) and `shortTermDebt` (debt in current liabilities, `dlc`)
 * give totalDebt where there is no total column; `floatingShare` is the floating-rate share of
 * debt, a fraction 0..1; `floatingDebt` is floating-rate debt in money (floatingShare =
 * floatingDebt / totalDebt when only this is given); `wamYears` is the weighted-average debt
 * maturity, years.
 */
export const NUMERIC_FIELDS = Object.freeze([
  "marketCap",
  "revenue",
  "revenuePrior",
  "ebit",
  "ebitPrior",
  "interestExpense",
  "totalDebt",
  "longTermDebt",
  "shortTermDebt",
  "floatingShare",
  "floatingDebt",
  "wamYears",
  "fcf",
  "domesticShare",
  "infrastructureShare",
  "forwardPe",
  "earnings",
  "shortInterest",
  "floatShares",
  "avgDailyVolume",
] as const);

export type TextFieldId = (typeof TEXT_FIELDS)[number];
export type NumericFieldId = (typeof NUMERIC_FIELDS)[number];
/** The canonical fields a screen can use. */
export type FieldId = TextFieldId | NumericFieldId;

/** Every field, in the order the pane lists them. */
export const FIELD_IDS = Object.freeze([...TEXT_FIELDS, ...NUMERIC_FIELDS] as const);

/**
 * Every criterion, the quality preset's first in the framework's order; `isZombie` (zombie
 * preset) keeps rows that ARE zombies, `shockedIcrAbove` (stress preset) keeps rate-shocked
 * ICR at or above the line.
 */
export const CRITERION_IDS = Object.freeze([
  "positiveFcf",
  "floatingShare",
  "maturity",
  "domesticRevenue",
  "notZombie",
  "icr",
  "shockedIcr",
  "isZombie",
  "shockedIcrAbove",
] as const);
export type CriterionId = (typeof CRITERION_IDS)[number];

export const PRESET_IDS = Object.freeze(["quality", "zombies", "stress"] as const);
export type PresetId = (typeof PRESET_IDS)[number];
