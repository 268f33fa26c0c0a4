/**
 * Interest coverage: how many times operating income (EBIT) covers interest expense, and
 * the synthetic credit rating that coverage implies for a small firm.
 */
import { CoreError, coreError } from "./errors";
import type { NumberOrError } from "./values";

const NO_INTEREST = coreError("DIV0", "no interest expense");

/** ICR = EBIT / |interest expense|; data sources print interest with either sign. */
export function interestCoverage(ebit: number, interestExpense: number): NumberOrError {
  if (interestExpense === 0) return NO_INTEREST;
  return coverageRatio(ebit, interestExpense);
}

/**
 * `interestCoverage` as a plain number, NaN where it is an error: the custom-function
 * adapter's fast path (`elementwise`'s `numeric`). A function that may return an error object
 * makes V8 box every double it returns; one that returns only doubles keeps them unboxed.
 */
export function coverageRatio(ebit: number, interestExpense: number): number {
  return interestExpense === 0 ? NaN : ebit / Math.abs(interestExpense);
}

/** One band of Damodaran's coverage table: an ICR at or above `minIcr` earns `rating`. */
export interface RatingBand {
  readonly minIcr: number;
  readonly rating: string;
  readonly moodys: string;
  /** Default spread over the risk-free rate, as a fraction (0.0183 is 1.83%). */
  readonly spread: number;
}

/**
 * Damodaran's interest-coverage bands "for smaller and riskier non-financial service firms"
 * (market capitalisation under $5 billion), from Damodaran Online, `ratings.htm`
 * (https://pages.stern.nyu.edu/adamodar/New_Home_Page/datafile/ratings.htm), read on
 * 2026-11-28 in the copy whose spreads run from 0.45% (Aaa/AAA) to 19.00% (D2/D). The page
 * writes each band as "greater than X, <= to Y" with Y = the next X less 0.000001, so a
 * band's lower bound is inclusive. The bands have been stable for years; the spreads are
 * re-estimated every January, so check the page for the current year's spreads.
 * Highest band first.
 */
export const DAMODARAN_SMALL_FIRM_BANDS: readonly RatingBand[] = Object.freeze([
  { minIcr: 12.5, rating: "AAA", moodys: "Aaa", spread: 0.0045 },
  { minIcr: 9.5, rating: "AA", moodys: "Aa2", spread: 0.006 },
  { minIcr: 7.5, rating: "A+", moodys: "A1", spread: 0.0077 },
  { minIcr: 6, rating: "A", moodys: "A2", spread: 0.0085 },
  { minIcr: 4.5, rating: "A-", moodys: "A3", spread: 0.0095 },
  { minIcr: 4, rating: "BBB", moodys: "Baa2", spread: 0.012 },
  { minIcr: 3.5, rating: "BB+", moodys: "Ba1", spread: 0.0155 },
  { minIcr: 3, rating: "BB", moodys: "Ba2", spread: 0.0183 },
  { minIcr: 2.5, rating: "B+", moodys: "B1", spread: 0.0261 },
  { minIcr: 2, rating: "B", moodys: "B2", spread: 0.03 },
  { minIcr: 1.5, rating: "B-", moodys: "B3", spread: 0.0442 },
  { minIcr: 1.25, rating: "CCC", moodys: "Caa", spread: 0.0728 },
  { minIcr: 0.8, rating: "CC", moodys: "Ca2", spread: 0.101 },
  { minIcr: 0.5, rating: "C", moodys: "C2", spread: 0.155 },
  { minIcr: -Infinity, rating: "D", moodys: "D2", spread: 0.19 },
]);

/** RATING and SPREAD of a company with no interest expense and no operating profit. */
export const NOT_RATED = coreError("NA", "not rated: no interest expense and EBIT <= 0, so there is no coverage to rate");

/**
 * The band a company's coverage falls in.
 *
 * No interest expense with an operating profit (EBIT > 0) is the top band, as Damodaran's
 * own rating spreadsheet (linked from ratings.htm) treats it: it sets the coverage of a firm
 * with no interest expense to 100,000 ("If you have no interest expenses, your interest
 * coverage ratio will be infinite: AAA rating"). No interest expense with EBIT <= 0 is not rated (`#N/A`, the
 * message says why): Damodaran's rule would make a cash-burning company with no debt AAA,
 * which an analyst reads as an error, and 0 / 0 or a loss over nothing is no coverage.
 */
export function syntheticRatingBand(ebit: number, interestExpense: number): RatingBand | CoreError {
  if (interestExpense === 0) return ebit > 0 ? DAMODARAN_SMALL_FIRM_BANDS[0] : NOT_RATED;
  const coverage = ebit / Math.abs(interestExpense);
  for (const band of DAMODARAN_SMALL_FIRM_BANDS) {
    if (coverage >= band.minIcr) return band;
  }
  return DAMODARAN_SMALL_FIRM_BANDS[DAMODARAN_SMALL_FIRM_BANDS.length - 1];
}

export function syntheticRating(ebit: number, interestExpense: number): string | CoreError {
  const band = syntheticRatingBand(ebit, interestExpense);
  return band instanceof CoreError ? band : band.rating;
}

export function defaultSpread(ebit: number, interestExpense: number): number | CoreError {
  const band = syntheticRatingBand(ebit, interestExpense);
  return band instanceof CoreError ? band : band.spread;
}
