/** Index-level aggregates: what the weak tail does to the index's headline numbers. */
import { CoreError, coreError } from "./errors";
import { isBlank, readNumber } from "./values";

export interface IndexPeOptions {
  /** Leave out rows with earnings <= 0, as "ex-unprofitable" index P/Es do. */
  readonly excludeUnprofitable: boolean;
}

/**
 * Aggregate P/E = sum of market caps / sum of earnings, over the rows where both are
 * present (a row with a blank is skipped). Text is `#VALUE!`, an error cell passes through.
 */
export function indexPe(marketCaps: readonly unknown[], earnings: readonly unknown[], options: IndexPeOptions): number | CoreError {
  let capSum = 0;
  let earningsSum = 0;
  let rows = 0;
  for (let i = 0; i < marketCaps.length; i++) {
    if (isBlank(marketCaps[i]) || isBlank(earnings[i])) continue;
    const cap = readNumber(marketCaps[i], "market_caps");
    if (cap instanceof CoreError) return cap;
    const earned = readNumber(earnings[i], "earnings");
    if (earned instanceof CoreError) return earned;
    if (cap < 0) return coreError("NUM", "market_caps must not be negative");
    if (options.excludeUnprofitable && earned <= 0) continue;
    capSum += cap;
    earningsSum += earned;
    rows++;
  }
  if (rows === 0) return coreError("NUM", "no rows with both market cap and earnings");
  if (earningsSum <= 0) return coreError("NUM", "sum of earnings is zero or negative");
  return capSum / earningsSum;
}
