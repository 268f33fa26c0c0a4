"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.relativeChange = relativeChange;
exports.operatingLeverage = operatingLeverage;
/** Operating gearing: how much EBIT moves for a given move in revenue. */
const errors_1 = require("./errors");
const NO_PRIOR_EBIT = (0, errors_1.coreError)("DIV0", "ebit_prior is zero");
const NO_PRIOR_REVENUE = (0, errors_1.coreError)("DIV0", "revenue_prior is zero");
const REVENUE_UNCHANGED = (0, errors_1.coreError)("DIV0", "revenue is unchanged");
/** Percentage change, measured against the magnitude of the base. */
function relativeChange(prior, current) {
    return (current - prior) / Math.abs(prior);
}
/**
 * Degree of operating leverage, DOL = %change in EBIT / %change in revenue.
 * A 2% revenue beat that lifts EBIT 17.5% is a DOL of 8.75.
 */
function operatingLeverage(ebitPrior, ebitCurrent, revenuePrior, revenueCurrent) {
    if (ebitPrior === 0)
        return NO_PRIOR_EBIT;
    if (revenuePrior === 0)
        return NO_PRIOR_REVENUE;
    const revenueChange = relativeChange(revenuePrior, revenueCurrent);
    if (revenueChange === 0)
        return REVENUE_UNCHANGED;
    return relativeChange(ebitPrior, ebitCurrent) / revenueChange;
}
