/** The canonical fields, split by kind: text fields are labels, numeric fields are read as numbers. */
import type { FieldId } from "./types";

export type TextFieldId = "ticker" | "name" | "sector" | "period" | "restated";
export type NumericFieldId = Exclude<FieldId, TextFieldId>;

export const TEXT_FIELDS: readonly TextFieldId[] = Object.freeze(["ticker", "name", "sector", "period", "restated"] as TextFieldId[]);
export const NUMERIC_FIELDS: readonly NumericFieldId[] = Object.freeze([
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
] as NumericFieldId[]);

/** Every field, in the order the pane lists them. */
export const FIELD_IDS: readonly FieldId[] = Object.freeze([...TEXT_FIELDS, ...NUMERIC_FIELDS]);
