/** Index-level aggregates: what the weak tail does to the index's headline numbers. */
import { CoreError, coreError } from "./errors";
import { isBlank, readNumber } from "./values";

export interface IndexPeOptions {
  /**
   * Leave out rows with earnings <= 0, as "ex-unprofitable" index P/Es do; a CoreError when
   * the flag itself could not be read (reported after the cells' own errors).
   */
  readonly excludeUnprofitable: boolean | CoreError;
}

/**
 * Aggregate P/E = sum of market caps / sum of earnings, over the rows where both are
 * present (a row with a blank is skipped). Which error wins (docs/CONVENTIONS.md): the arguments' own
 * errors first in argument order (any market cap, then any earnings, then the flag), then
 * the rules: a negative market cap, no usable row, a sum of earnings <= 0 (`#NUM!`).
 */
export function indexPe(marketCaps: readonly unknown[], earnings: readonly unknown[], options: IndexPeOptions): number | CoreError {
  const excludeUnprofitable = options.excludeUnprofitable;
  const caps: number[] = [];
  const earned: number[] = [];
  for (const [values, name, out] of [
    [marketCaps, "market_caps", caps],
    [earnings, "earnings", earned],
  ] as const) {
    for (let i = 0; i < values.length; i++) {
      if (isBlank(marketCaps[i]) || isBlank(earnings[i])) {
        out.push(Number.NaN);
        continue;
      }
      const value = readNumber(values[i], name);
      if (value instanceof CoreError) return value;
      out.push(value);
    }
  }
  if (excludeUnprofitable instanceof CoreError) return excludeUnprofitable;
  let capSum = 0;
  let earningsSum = 0;
  let rows = 0;
  for (let i = 0; i < caps.length; i++) {
    if (Number.isNaN(caps[i])) continue;
    if (caps[i] < 0) return coreError("NUM", "market_caps must not be negative");
    if (excludeUnprofitable && earned[i] <= 0) continue;
    capSum += caps[i];
    earningsSum += earned[i];
    rows++;
  }
  if (rows === 0) return coreError("NUM", "no rows with both market cap and earnings");
  if (earningsSum <= 0) return coreError("NUM", "sum of earnings is zero or negative");
  const pe = capSum / earningsSum;
  return Number.isFinite(pe) ? pe : coreError("NUM", "aggregate P/E is not a finite number");
}
