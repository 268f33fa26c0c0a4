"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.shockInterest = shockInterest;
exports.shockedCoverage = shockedCoverage;
exports.maturityWall = maturityWall;
exports.weightedAverageMaturity = weightedAverageMaturity;
/**
 * Rates and debt: what a rate move on the floating-rate part of the debt does to coverage,
 * and when the debt falls due.
 */
const errors_1 = require("./errors");
const SHARE_OUT_OF_RANGE = (0, errors_1.coreError)("NUM", "floating_share must be between 0 and 1");
const NEGATIVE_DEBT = (0, errors_1.coreError)("NUM", "total_debt must not be negative");
const NO_PROFORMA_INTEREST = (0, errors_1.coreError)("DIV0", "pro-forma interest expense is zero or negative");
/** The extra interest a shock of `shockBps` basis points costs on the floating part of the debt. */
function shockInterest(totalDebt, floatingShare, shockBps) {
    return (totalDebt * floatingShare * shockBps) / 10000;
}
/**
 * Pro-forma ICR after a rate move on the floating part of the debt:
 * ebit / (|interest| + total_debt * floating_share * shock_bps / 10000).
 */
function shockedCoverage(ebit, interestExpense, totalDebt, floatingShare, shockBps) {
    if (floatingShare < 0 || floatingShare > 1)
        return SHARE_OUT_OF_RANGE;
    if (totalDebt < 0)
        return NEGATIVE_DEBT;
    const interest = Math.abs(interestExpense) + shockInterest(totalDebt, floatingShare, shockBps);
    if (!(interest > 0))
        return NO_PROFORMA_INTEREST;
    return ebit / interest;
}
const NO_DEBT = (0, errors_1.coreError)("DIV0", "no debt outstanding");
const NEGATIVE_AMOUNT = (0, errors_1.coreError)("NUM", "a maturity amount is negative");
const NEGATIVE_YEARS = (0, errors_1.coreError)("NUM", "years to maturity must not be negative");
/** Checks a maturity schedule and returns its total, or the error that makes it unusable. */
function scheduleTotal(amounts, years) {
    let total = 0;
    for (let i = 0; i < amounts.length; i++) {
        if (amounts[i] < 0)
            return NEGATIVE_AMOUNT;
        if (years[i] < 0)
            return NEGATIVE_YEARS;
        total += amounts[i];
    }
    return total > 0 ? total : NO_DEBT;
}
/**
 * The maturity wall: the share of debt that falls due within `horizonYears` (a bucket due in
 * exactly `horizonYears` counts as within). 0.6 means 60% must be refinanced by then.
 */
function maturityWall(amounts, years, horizonYears) {
    if (horizonYears < 0)
        return (0, errors_1.coreError)("NUM", "horizon_years must not be negative");
    const total = scheduleTotal(amounts, years);
    if (typeof total !== "number")
        return total;
    let due = 0;
    for (let i = 0; i < amounts.length; i++)
        if (years[i] <= horizonYears)
            due += amounts[i];
    return due / total;
}
/** Weighted-average maturity in years: sum(amount * years) / sum(amount). */
function weightedAverageMaturity(amounts, years) {
    const total = scheduleTotal(amounts, years);
    if (typeof total !== "number")
        return total;
    let weighted = 0;
    for (let i = 0; i < amounts.length; i++)
        weighted += amounts[i] * years[i];
    return weighted / total;
}
