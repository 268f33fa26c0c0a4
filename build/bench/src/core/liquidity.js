"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.DEFAULT_RELPERF_WINDOW = void 0;
exports.daysToCover = daysToCover;
exports.shortInterestShare = shortInterestShare;
exports.relativePerformance = relativePerformance;
/** Liquidity: short interest against volume and float, and the relative strength that moves passive money. */
const errors_1 = require("./errors");
const NO_VOLUME = (0, errors_1.coreError)("DIV0", "avg_daily_volume must be positive");
const NEGATIVE_SHORT = (0, errors_1.coreError)("NUM", "short_interest must not be negative");
const NO_FLOAT = (0, errors_1.coreError)("DIV0", "float_shares must be positive");
/** Days to cover = short interest / average daily volume, both in shares. */
function daysToCover(shortInterest, avgDailyVolume) {
    if (avgDailyVolume <= 0)
        return NO_VOLUME;
    if (shortInterest < 0)
        return NEGATIVE_SHORT;
    return shortInterest / avgDailyVolume;
}
/** Short interest as a share of the free float (0.15 is 15% of float sold short). */
function shortInterestShare(shortInterest, floatShares) {
    if (floatShares <= 0)
        return NO_FLOAT;
    if (shortInterest < 0)
        return NEGATIVE_SHORT;
    return shortInterest / floatShares;
}
/** 20 trading days: the rolling window over which benchmark outperformance triggers rebalancing. */
exports.DEFAULT_RELPERF_WINDOW = 20;
const PRICE_NOT_POSITIVE = (0, errors_1.coreError)("NUM", "a price must be positive");
function priceAt(series, t) {
    const price = series[t];
    if (price instanceof errors_1.CoreError)
        return price;
    return price > 0 ? price : PRICE_NOT_POSITIVE;
}
/**
 * Rolling relative return of one price series over another:
 * (S[t] / S[t-window]) / (L[t] / L[t-window]) - 1, oldest first. The first `window` results
 * are `#N/A`; a bad price spoils only the results that use it.
 */
function relativePerformance(small, large, window) {
    const warmUp = (0, errors_1.coreError)("NA", `needs ${window} earlier prices`);
    const out = new Array(small.length);
    for (let t = 0; t < small.length; t++) {
        if (t < window) {
            out[t] = warmUp;
            continue;
        }
        const s1 = priceAt(small, t);
        const s0 = priceAt(small, t - window);
        const l1 = priceAt(large, t);
        const l0 = priceAt(large, t - window);
        const firstError = [s1, s0, l1, l0].find((v) => v instanceof errors_1.CoreError);
        out[t] = firstError ?? s1 / s0 / (l1 / l0) - 1;
    }
    return out;
}
