/** Operating gearing: how much EBIT moves for a given move in revenue. */
import { coreError } from "./errors";
import type { NumberOrError } from "./values";

const NO_PRIOR_EBIT = coreError("DIV0", "ebit_prior is zero");
const NO_PRIOR_REVENUE = coreError("DIV0", "revenue_prior is zero");
const REVENUE_UNCHANGED = coreError("DIV0", "revenue is unchanged");

/** Percentage change, measured against the magnitude of the base. */
export function relativeChange(prior: number, current: number): number {
  return (current - prior) / Math.abs(prior);
}

/**
 * Degree of operating leverage, DOL = %change in EBIT / %change in revenue.
 * A 2% revenue beat that lifts EBIT 17.5% is a DOL of 8.75.
 */
export function operatingLeverage(
  ebitPrior: number,
  ebitCurrent: number,
  revenuePrior: number,
  revenueCurrent: number,
): NumberOrError {
  if (ebitPrior === 0) return NO_PRIOR_EBIT;
  if (revenuePrior === 0) return NO_PRIOR_REVENUE;
  const revenueChange = relativeChange(revenuePrior, revenueCurrent);
  if (revenueChange === 0) return REVENUE_UNCHANGED;
  return relativeChange(ebitPrior, ebitCurrent) / revenueChange;
}
