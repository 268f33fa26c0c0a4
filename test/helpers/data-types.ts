/**
 * Excel's data-type cell values as a custom function receives them when its metadata has
 * `allowCustomDataForDataTypeAny` (Microsoft: "Use data types with custom functions in Excel";
 * the shapes are the Excel JavaScript API's `CellValue` types: `DoubleCellValue`,
 * `FormattedNumberCellValue`, `StringCellValue`, `BooleanCellValue`, `EmptyCellValue`,
 * `ErrorCellValue`, `EntityCellValue`, `LinkedEntityCellValue`, `WebImageCellValue`).
 */

/** `#N/A` -> `NotAvailable`: `ErrorCellValue.errorType` for each spelling. */
const ERROR_TYPE: Readonly<Record<string, string>> = Object.freeze({
  "#N/A": "NotAvailable",
  "#VALUE!": "Value",
  "#DIV/0!": "Div0",
  "#NUM!": "Num",
  "#NULL!": "Null",
  "#NAME?": "Name",
  "#REF!": "Ref",
  "#SPILL!": "Spill",
  "#CALC!": "Calc",
  "#BUSY!": "Busy",
});

/** An error cell as a data type: `{ type: "Error", basicType: "Error", basicValue: "#N/A", errorType: "NotAvailable" }`. */
export function errorValue(spelling: string): object {
  return { type: "Error", basicType: "Error", basicValue: spelling, errorType: ERROR_TYPE[spelling] ?? "Unknown" };
}

/**
 * The data-type values that stand for a plain cell value: a number as a `Double` (with a
 * number format) and as a `FormattedNumber`; text as a `String`; TRUE/FALSE as a `Boolean`;
 * a blank as `Empty`.
 */
export function dataTypesOf(value: unknown): object[] {
  if (typeof value === "number") {
    return [
      { type: "Double", basicType: "Double", basicValue: value, numberFormat: "#,##0.00" },
      { type: "FormattedNumber", basicType: "Double", basicValue: value, numberFormat: "0.0%" },
    ];
  }
  if (typeof value === "string") return [{ type: "String", basicType: "String", basicValue: value }];
  if (typeof value === "boolean") return [{ type: "Boolean", basicType: "Boolean", basicValue: value }];
  if (value === null || value === undefined) return [{ type: "Empty", basicType: "Empty", basicValue: "" }];
  return [];
}

/** A Stocks-style entity card: its basic value is `#VALUE!`, its numbers are in `properties`. */
export const ENTITY_CARD: object = Object.freeze({
  type: "Entity",
  basicType: "Error",
  basicValue: "#VALUE!",
  text: "Contoso Ltd",
  properties: {
    EBIT: { type: "Double", basicValue: 120 },
    "Interest expense": { type: "Double", basicValue: 30 },
  },
});

/** A linked entity (a card Excel refreshes from a service). */
export const LINKED_ENTITY_CARD: object = Object.freeze({
  type: "LinkedEntity",
  basicType: "Error",
  basicValue: "#VALUE!",
  text: "Contoso Ltd",
  id: { entityId: "CONTOSO", domainId: "stocks", serviceId: 268435456, culture: "en-US" },
});

/** An image in a cell: no number behind it. */
export const WEB_IMAGE: object = Object.freeze({ type: "WebImage", basicType: "Error", basicValue: "#VALUE!", address: "https://example.invalid/logo.png" });

/** What a card's message tells the analyst to do. */
export const ENTITY_GUIDANCE = "pass one of its fields, e.g. A2.EBIT";
