"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.SMALLCAP_FUNCTIONS = exports.WAM = exports.MATURITYWALL = exports.SPREAD = exports.RATING = exports.SIFLOAT = exports.DAYSTOCOVER = exports.REVERSION = exports.RELPE = exports.DOL = exports.SHOCKICR = exports.ZOMBIE = exports.ICR = exports.DEFAULT_WALL_HORIZON_YEARS = void 0;
exports.INDEXPE = INDEXPE;
exports.RELPERF = RELPERF;
/**
 * Every SMALLCAP function as the shared adapter runs it: worksheet-shaped arguments in,
 * a grid of numbers, booleans, text and `CoreError`s out. Excel's entry points
 * (`functions.ts`) and the headless refresh both call these, so a number is the same
 * wherever an analyst meets it. No body here coerces a cell: `src/core/grid.ts` does.
 */
const errors_1 = require("../core/errors");
const grid_1 = require("../core/grid");
const values_1 = require("../core/values");
const coverage_1 = require("../core/coverage");
const zombie_1 = require("../core/zombie");
const rates_1 = require("../core/rates");
const gearing_1 = require("../core/gearing");
const valuation_1 = require("../core/valuation");
const liquidity_1 = require("../core/liquidity");
const aggregates_1 = require("../core/aggregates");
/** Default horizon of the maturity wall: the framework's "maturities beyond three years". */
exports.DEFAULT_WALL_HORIZON_YEARS = 3;
/** The numbers of a row, or the first error among them (the argument's own errors first). */
function firstError(values) {
    for (const v of values)
        if (v instanceof errors_1.CoreError)
            return v;
    return undefined;
}
const schedule = (fn) => (rows, scalars) => {
    const error = firstError(rows[0]) ?? firstError(rows[1]) ?? firstError(scalars);
    return error ?? fn(rows[0], rows[1], scalars);
};
exports.ICR = (0, grid_1.elementwise)([{ name: "ebit" }, { name: "interest_expense" }], coverage_1.interestCoverage);
exports.ZOMBIE = (0, grid_1.rowwise)([{ name: "ebit" }, { name: "interest_expense" }], [{ name: "years", optional: true }, { name: "threshold", default: zombie_1.DEFAULT_ZOMBIE_THRESHOLD }], ([ebit, interest], [years, threshold]) => (0, zombie_1.isZombie)(ebit, interest, years ?? ebit.length, threshold));
exports.SHOCKICR = (0, grid_1.elementwise)([{ name: "ebit" }, { name: "interest_expense" }, { name: "total_debt" }, { name: "floating_share" }, { name: "shock_bps" }], rates_1.shockedCoverage);
exports.DOL = (0, grid_1.elementwise)([{ name: "ebit_prior" }, { name: "ebit_current" }, { name: "revenue_prior" }, { name: "revenue_current" }], gearing_1.operatingLeverage);
exports.RELPE = (0, grid_1.elementwise)([{ name: "small_pe" }, { name: "large_pe" }], valuation_1.relativePe);
exports.REVERSION = (0, grid_1.elementwise)([{ name: "current_premium" }, { name: "mean_premium", default: valuation_1.MEAN_RELATIVE_PE_PREMIUM }], valuation_1.meanReversionUpside);
exports.DAYSTOCOVER = (0, grid_1.elementwise)([{ name: "short_interest" }, { name: "avg_daily_volume" }], liquidity_1.daysToCover);
exports.SIFLOAT = (0, grid_1.elementwise)([{ name: "short_interest" }, { name: "float_shares" }], liquidity_1.shortInterestShare);
exports.RATING = (0, grid_1.elementwise)([{ name: "ebit" }, { name: "interest_expense" }], coverage_1.syntheticRating);
exports.SPREAD = (0, grid_1.elementwise)([{ name: "ebit" }, { name: "interest_expense" }], coverage_1.defaultSpread);
exports.MATURITYWALL = (0, grid_1.rowwise)([{ name: "amounts" }, { name: "years_to_maturity" }], [{ name: "horizon_years", default: exports.DEFAULT_WALL_HORIZON_YEARS }], schedule((amounts, years, [horizon]) => (0, rates_1.maturityWall)(amounts, years, horizon)));
exports.WAM = (0, grid_1.rowwise)([{ name: "amounts" }, { name: "years_to_maturity" }], [], schedule((amounts, years) => (0, rates_1.weightedAverageMaturity)(amounts, years)));
function INDEXPE(marketCaps, earnings, excludeUnprofitable) {
    const cells = (0, grid_1.pairedCells)(marketCaps, "market_caps", earnings, "earnings");
    if (cells instanceof errors_1.CoreError)
        return (0, grid_1.single)(cells);
    const flag = (0, grid_1.singleValue)(excludeUnprofitable ?? null, "exclude_unprofitable");
    if (flag instanceof errors_1.CoreError)
        return (0, grid_1.single)(flag);
    const exclude = (0, values_1.readBoolean)(flag, "exclude_unprofitable", false);
    if (exclude instanceof errors_1.CoreError)
        return (0, grid_1.single)(exclude);
    return (0, grid_1.single)((0, aggregates_1.indexPe)(cells[0], cells[1], { excludeUnprofitable: exclude }));
}
function RELPERF(smallPrices, largePrices, window) {
    const small = (0, grid_1.asSeries)(smallPrices, "small_prices");
    if (small instanceof errors_1.CoreError)
        return (0, grid_1.single)(small);
    const large = (0, grid_1.asSeries)(largePrices, "large_prices");
    if (large instanceof errors_1.CoreError)
        return (0, grid_1.single)(large);
    if (small.length !== large.length)
        return (0, grid_1.single)((0, errors_1.coreError)("VALUE", "ranges must have the same shape"));
    const rawWindow = (0, grid_1.singleValue)(window ?? null, "window");
    if (rawWindow instanceof errors_1.CoreError)
        return (0, grid_1.single)(rawWindow);
    const w = rawWindow === null || rawWindow === undefined || rawWindow === ""
        ? liquidity_1.DEFAULT_RELPERF_WINDOW
        : (0, values_1.readWholeNumber)(rawWindow, "window", 1, Number.MAX_SAFE_INTEGER);
    if (w instanceof errors_1.CoreError)
        return (0, grid_1.single)(w);
    const result = (0, liquidity_1.relativePerformance)(small.map((p) => (0, values_1.readNumber)(p, "small_prices")), large.map((p) => (0, values_1.readNumber)(p, "large_prices")), w);
    return result.map((cell) => [(0, grid_1.finite)(cell)]);
}
/** Name -> implementation, as Excel's `SMALLCAP.<NAME>` spells it. */
exports.SMALLCAP_FUNCTIONS = Object.freeze({
    ICR: exports.ICR,
    ZOMBIE: exports.ZOMBIE,
    SHOCKICR: exports.SHOCKICR,
    DOL: exports.DOL,
    RELPE: exports.RELPE,
    REVERSION: exports.REVERSION,
    DAYSTOCOVER: exports.DAYSTOCOVER,
    INDEXPE: INDEXPE,
    RELPERF: RELPERF,
    SIFLOAT: exports.SIFLOAT,
    RATING: exports.RATING,
    SPREAD: exports.SPREAD,
    MATURITYWALL: exports.MATURITYWALL,
    WAM: exports.WAM,
});
