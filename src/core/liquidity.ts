/** Liquidity: short interest against volume and float, and the relative strength that moves passive money. */
import { CoreError, coreError } from "./errors";
import type { NumberOrError } from "./values";

const NO_VOLUME = coreError("DIV0", "avg_daily_volume must be positive");
const NEGATIVE_SHORT = coreError("NUM", "short_interest must not be negative");
const NO_FLOAT = coreError("DIV0", "float_shares must be positive");

/** Days to cover = short interest / average daily volume, both in shares. */
export function daysToCover(shortInterest: number, avgDailyVolume: number): NumberOrError {
  if (avgDailyVolume <= 0) return NO_VOLUME;
  if (shortInterest < 0) return NEGATIVE_SHORT;
  return shortInterest / avgDailyVolume;
}

/** Short interest as a share of the free float (0.15 is 15% of float sold short). */
export function shortInterestShare(shortInterest: number, floatShares: number): NumberOrError {
  if (floatShares <= 0) return NO_FLOAT;
  if (shortInterest < 0) return NEGATIVE_SHORT;
  return shortInterest / floatShares;
}

/** 20 trading days: the rolling window over which benchmark outperformance triggers rebalancing. */
export const DEFAULT_RELPERF_WINDOW = 20;

const PRICE_NOT_POSITIVE = coreError("NUM", "a price must be positive");

function priceAt(series: readonly NumberOrError[], t: number): NumberOrError {
  const price = series[t];
  if (price instanceof CoreError) return price;
  return price > 0 ? price : PRICE_NOT_POSITIVE;
}

/**
 * Rolling relative return of one price series over another:
 * (S[t] / S[t-window]) / (L[t] / L[t-window]) - 1, oldest first. The first `window` results
 * are `#N/A`; a bad price spoils only the results that use it.
 */
export function relativePerformance(
  small: readonly NumberOrError[],
  large: readonly NumberOrError[],
  window: number,
): NumberOrError[] {
  const warmUp = coreError("NA", `needs a price ${window} ${window === 1 ? "row" : "rows"} earlier`);
  const out: NumberOrError[] = new Array(small.length);
  for (let t = 0; t < small.length; t++) {
    if (t < window) {
      out[t] = warmUp;
      continue;
    }
    const s1 = priceAt(small, t);
    const s0 = priceAt(small, t - window);
    const l1 = priceAt(large, t);
    const l0 = priceAt(large, t - window);
    const firstError = [s1, s0, l1, l0].find((v): v is CoreError => v instanceof CoreError);
    out[t] = firstError ?? (s1 as number) / (s0 as number) / ((l1 as number) / (l0 as number)) - 1;
  }
  return out;
}
