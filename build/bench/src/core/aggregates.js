"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.indexPe = indexPe;
/** Index-level aggregates: what the weak tail does to the index's headline numbers. */
const errors_1 = require("./errors");
const values_1 = require("./values");
/**
 * Aggregate P/E = sum of market caps / sum of earnings, over the rows where both are
 * present (a row with a blank is skipped). Text is `#VALUE!`, an error cell passes through.
 */
function indexPe(marketCaps, earnings, options) {
    let capSum = 0;
    let earningsSum = 0;
    let rows = 0;
    for (let i = 0; i < marketCaps.length; i++) {
        if ((0, values_1.isBlank)(marketCaps[i]) || (0, values_1.isBlank)(earnings[i]))
            continue;
        const cap = (0, values_1.readNumber)(marketCaps[i], "market_caps");
        if (cap instanceof errors_1.CoreError)
            return cap;
        const earned = (0, values_1.readNumber)(earnings[i], "earnings");
        if (earned instanceof errors_1.CoreError)
            return earned;
        if (cap < 0)
            return (0, errors_1.coreError)("NUM", "market_caps must not be negative");
        if (options.excludeUnprofitable && earned <= 0)
            continue;
        capSum += cap;
        earningsSum += earned;
        rows++;
    }
    if (rows === 0)
        return (0, errors_1.coreError)("NUM", "no rows with both market cap and earnings");
    if (earningsSum <= 0)
        return (0, errors_1.coreError)("NUM", "sum of earnings is zero or negative");
    return capSum / earningsSum;
}
