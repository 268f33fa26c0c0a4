/**
 * Rates and debt: what a rate move on the floating-rate part of the debt does to coverage,
 * and when the debt falls due.
 */
import { coreError } from "./errors";
import type { NumberOrError } from "./values";

export const SHARE_OUT_OF_RANGE = coreError("NUM", "floating_share must be between 0 and 1");
export const NEGATIVE_DEBT = coreError("NUM", "total_debt must not be negative");
const NO_PROFORMA_INTEREST = coreError("DIV0", "pro-forma interest expense is zero or negative");

/** The extra interest a shock of `shockBps` basis points costs on the floating part of the debt. */
export function shockInterest(totalDebt: number, floatingShare: number, shockBps: number): number {
  return (totalDebt * floatingShare * shockBps) / 10000;
}

/**
 * Pro-forma ICR after a rate move on the floating part of the debt:
 * ebit / (|interest| + total_debt * floating_share * shock_bps / 10000).
 */
export function shockedCoverage(
  ebit: number,
  interestExpense: number,
  totalDebt: number,
  floatingShare: number,
  shockBps: number,
): NumberOrError {
  if (floatingShare < 0 || floatingShare > 1) return SHARE_OUT_OF_RANGE;
  if (totalDebt < 0) return NEGATIVE_DEBT;
  const interest = proFormaInterest(interestExpense, totalDebt, floatingShare, shockBps);
  if (!(interest > 0)) return NO_PROFORMA_INTEREST;
  return ebit / interest;
}

/**
 * `shockedCoverage` as a plain number (the same checks), NaN where it is an error: the custom-function
 * adapter's fast path (`elementwise`'s `numeric`). A function that may return an error object
 * makes V8 box every double it returns; one that returns only doubles keeps them unboxed.
 */
export function shockedRatio(ebit: number, interestExpense: number, totalDebt: number, floatingShare: number, shockBps: number): number {
  const interest = proFormaInterest(interestExpense, totalDebt, floatingShare, shockBps);
  return floatingShare >= 0 && floatingShare <= 1 && totalDebt >= 0 && interest > 0 ? ebit / interest : NaN;
}

/** |interest| plus the shock's extra interest on the floating part of the debt. */
function proFormaInterest(interestExpense: number, totalDebt: number, floatingShare: number, shockBps: number): number {
  return Math.abs(interestExpense) + shockInterest(totalDebt, floatingShare, shockBps);
}

const NO_DEBT = coreError("DIV0", "no debt outstanding");
const NEGATIVE_AMOUNT = coreError("NUM", "a maturity amount is negative");
const NEGATIVE_YEARS = coreError("NUM", "years to maturity must not be negative");

/** Checks a maturity schedule and returns its total, or the error that makes it unusable. */
function scheduleTotal(amounts: readonly number[], years: readonly number[]): NumberOrError {
  let total = 0;
  for (let i = 0; i < amounts.length; i++) {
    if (amounts[i] < 0) return NEGATIVE_AMOUNT;
    if (years[i] < 0) return NEGATIVE_YEARS;
    total += amounts[i];
  }
  return total > 0 ? total : NO_DEBT;
}

/**
 * The maturity wall: the share of debt that falls due within `horizonYears` (a bucket due in
 * exactly `horizonYears` counts as within). 0.6 means 60% must be refinanced by then.
 */
export function maturityWall(amounts: readonly number[], years: readonly number[], horizonYears: number): NumberOrError {
  if (horizonYears < 0) return coreError("NUM", "horizon_years must not be negative");
  const total = scheduleTotal(amounts, years);
  if (typeof total !== "number") return total;
  let due = 0;
  for (let i = 0; i < amounts.length; i++) if (years[i] <= horizonYears) due += amounts[i];
  return due / total;
}

/** Weighted-average maturity in years: sum(amount * years) / sum(amount). */
export function weightedAverageMaturity(amounts: readonly number[], years: readonly number[]): NumberOrError {
  const total = scheduleTotal(amounts, years);
  if (typeof total !== "number") return total;
  let weighted = 0;
  for (let i = 0; i < amounts.length; i++) weighted += amounts[i] * years[i];
  return weighted / total;
}
