/** Valuation gap: small caps' forward P/E against large caps', and the re-rating a return to the mean implies. */
import { coreError } from "./errors";
import type { NumberOrError } from "./values";

/** The 20-year average premium of small-cap over large-cap forward P/E, per the framework: +12%. */
export const MEAN_RELATIVE_PE_PREMIUM = 0.12;

const PE_NOT_POSITIVE = coreError("NUM", "a P/E must be positive: P/E is undefined for losses");

/** small_pe / large_pe - 1: premium (+) or discount (-) of the first P/E over the second. */
export function relativePe(smallPe: number, largePe: number): NumberOrError {
  if (smallPe <= 0 || largePe <= 0) return PE_NOT_POSITIVE;
  return smallPe / largePe - 1;
}

/**
 * Re-rating implied by a return to the mean: (1 + mean) / (1 + current) - 1.
 * A -20% discount reverting to +12% gives +40%.
 */
export function meanReversionUpside(currentPremium: number, meanPremium: number = MEAN_RELATIVE_PE_PREMIUM): NumberOrError {
  if (currentPremium <= -1) return coreError("NUM", "current_premium must be above -1 (-100%)");
  if (meanPremium <= -1) return coreError("NUM", "mean_premium must be above -1 (-100%)");
  return (1 + meanPremium) / (1 + currentPremium) - 1;
}
