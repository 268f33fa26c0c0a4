/**
 * The quality screen for one company, as a formula gives it (SMALLCAP.QUALITY): TRUE when it
 * passes all seven quality criteria, FALSE when it fails any, else `#N/A` naming the unknown
 * fields. It runs the screen's own criteria on a one-row table, so the formula and the pane
 * cannot disagree.
 *
 * Which result wins (docs/CONVENTIONS.md conventions, then the screen's rules):
 * 1. the arguments' own errors, in argument order: an Excel error passes through, text and
 *    TRUE/FALSE are `#VALUE!`, a share outside 0..1 or negative debt or maturity is `#NUM!`;
 *    then a shock that is not a finite number of basis points (-10000..10000) is `#NUM!`;
 * 2. FALSE when any criterion fails, even if others are unknown (it cannot pass any more);
 * 3. `#N/A` "unknown: domestic_share (missing)" when a blank leaves a criterion unknown. A blank
 *    is not always needed: no debt passes the floating-share and maturity tests without them.
 */
import { DEFAULT_SHOCK_BPS, SHOCK_BPS_RANGE } from "../defaults";
import { CoreError, coreError, errorFromHost } from "../errors";
import { isBlank } from "../values";
import { criterionDef, newMeasure, presetConfig, screenContext } from "./criteria";
import { causeFields } from "./metrics";
import { NumericFieldId, buildRecords, readCell } from "./records";

/** The QUALITY arguments in order: the key in `values` and the argument's name in messages. */
export const QUALITY_ARGUMENTS: readonly { readonly field: NumericFieldId; readonly name: string }[] = Object.freeze([
  { field: "fcf", name: "fcf" },
  { field: "floatingShare", name: "floating_share" },
  { field: "wamYears", name: "wam_years" },
  { field: "domesticShare", name: "domestic_share" },
  { field: "ebit", name: "ebit" },
  { field: "interestExpense", name: "interest_expense" },
  { field: "totalDebt", name: "total_debt" },
]);

const BAD_SHOCK = coreError("NUM", `shock_bps must be a number of basis points from ${SHOCK_BPS_RANGE.min} to ${SHOCK_BPS_RANGE.max}`);

/**
 * `values` holds fcf, floatingShare, wamYears, domesticShare, ebit, interestExpense and
 * totalDebt as worksheet values (snake_case keys such as `floating_share` are read too).
 */
export function qualityVerdict(values: Record<string, unknown>, shockBps = DEFAULT_SHOCK_BPS): boolean | CoreError {
  const source: Record<string, unknown> = values !== null && typeof values === "object" ? values : {};
  const cells: unknown[] = QUALITY_ARGUMENTS.map(({ field, name }) => (source[field] !== undefined ? source[field] : source[name]));
  for (let a = 0; a < QUALITY_ARGUMENTS.length; a++) {
    const value = cells[a];
    if (isBlank(value)) continue;
    if (typeof value === "object" && value !== null) {
      const error = errorFromHost(value);
      if (error !== undefined) return error;
    }
    const read = readCell(value, QUALITY_ARGUMENTS[a].name, QUALITY_ARGUMENTS[a].field);
    if (read instanceof CoreError) return read;
  }
  if (typeof shockBps !== "number" || !(shockBps >= SHOCK_BPS_RANGE.min && shockBps <= SHOCK_BPS_RANGE.max)) return BAD_SHOCK;

  const fields: Partial<Record<NumericFieldId, number>> = {};
  const names: Partial<Record<NumericFieldId, string>> = {};
  QUALITY_ARGUMENTS.forEach(({ field, name }, column) => {
    fields[field] = column;
    names[field] = name;
  });
  const records = buildRecords(
    { headers: QUALITY_ARGUMENTS.map((a) => a.name), rows: [cells] },
    { fields, ebitHistory: [], interestHistory: [] },
    { names, keepBlankRows: true },
  );
  const config = { ...presetConfig("quality"), shockBps };
  const context = screenContext(records, config);
  const measure = newMeasure();
  let failed = false;
  let unknownMask = 0;
  for (const setting of config.criteria) {
    measure.cause = 0;
    const verdict = criterionDef(setting.id).prepare(context, setting.threshold).row(0, measure);
    if (verdict === "fail") failed = true;
    else if (verdict === "unknown") unknownMask |= measure.cause;
  }
  if (failed) return false;
  if (unknownMask === 0) return true;
  const unknown = new Set(causeFields(unknownMask));
  const listed = QUALITY_ARGUMENTS.filter((a) => unknown.has(a.field)).map((a) => `${a.name} (missing)`);
  return coreError("NA", `unknown: ${listed.join(", ")}`);
}
