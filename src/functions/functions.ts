/*
 * Excel's entry points for the SMALLCAP functions. GENERATED from src/functions/registry.ts by
 * scripts/gen-functions.ts (npm run functions): do not edit by hand. The JSDoc on each function
 * is what CustomFunctionsMetadataPlugin turns into functions.json (and it registers each function
 * with CustomFunctions.associate); each body hands the arguments to the shared definitions and
 * converts errors for Excel.
 *
 * Range parameters are `any[][]` (the metadata generator's "matrix"); results spill.
 * Optional parameters arrive as null when omitted.
 */
/* eslint-disable @typescript-eslint/no-explicit-any -- Excel hands cells of any type; the adapter reads them. */
import { SMALLCAP_FUNCTIONS } from "./definitions";
import { forExcel } from "./excel";

/**
 * Interest coverage (x): EBIT divided by the magnitude of interest expense; negative when EBIT is a loss.
 * @customfunction ICR
 * @helpurl https://localhost:3000/functions.html#icr
 * @param {any[][]} ebit Operating income (EBIT), in the sheet's money unit. A cell or a range.
 * @param {any[][]} interest_expense Interest expense, same money unit; either sign (its magnitude is used).
 * @returns {any[][]} Times interest is covered (x). #DIV/0! when interest is zero.
 */
export function icr(ebit: any[][], interest_expense: any[][]): any[][] {
  return forExcel(SMALLCAP_FUNCTIONS.ICR, ebit, interest_expense);
}

/**
 * Zombie test (TRUE/FALSE per company): EBIT / interest below the threshold in each of the last periods; a period with no interest does not fail.
 * @customfunction ZOMBIE
 * @helpurl https://localhost:3000/functions.html#zombie
 * @param {any[][]} ebit EBIT, one row per company, one column per fiscal period, oldest to newest.
 * @param {any[][]} interest_expense Interest expense, same shape as ebit; either sign.
 * @param {any[][]} [years] How many latest periods must all fail: one whole number (1 to the number of columns) or one per company. Default: every column.
 * @param {any[][]} [threshold] Coverage below which a period fails (x): one value or one per company. Default 1.
 * @returns {any[][]} TRUE or FALSE, one row per company.
 */
export function zombie(ebit: any[][], interest_expense: any[][], years?: any[][], threshold?: any[][]): any[][] {
  return forExcel(SMALLCAP_FUNCTIONS.ZOMBIE, ebit, interest_expense, years, threshold);
}

/**
 * Pro-forma interest coverage (x) after a rate move on the floating-rate part of the debt.
 * @customfunction SHOCKICR
 * @helpurl https://localhost:3000/functions.html#shockicr
 * @param {any[][]} ebit Operating income (EBIT), money.
 * @param {any[][]} interest_expense Current interest expense, money; either sign.
 * @param {any[][]} total_debt Total debt, money; not negative.
 * @param {any[][]} floating_share Floating-rate share of the debt, a fraction from 0 to 1 (40% is 0.4).
 * @param {any[][]} shock_bps Rate move in basis points (200 = +2.00 percentage points; negative for a cut).
 * @returns {any[][]} EBIT / (interest + debt x floating share x shock / 10000), in x.
 */
export function shockicr(
  ebit: any[][],
  interest_expense: any[][],
  total_debt: any[][],
  floating_share: any[][],
  shock_bps: any[][],
): any[][] {
  return forExcel(SMALLCAP_FUNCTIONS.SHOCKICR, ebit, interest_expense, total_debt, floating_share, shock_bps);
}

/**
 * Degree of operating leverage (a multiple): percentage change in EBIT over percentage change in revenue.
 * @customfunction DOL
 * @helpurl https://localhost:3000/functions.html#dol
 * @param {any[][]} ebit_prior EBIT of the earlier period, money; not zero.
 * @param {any[][]} ebit_current EBIT of the later period, money.
 * @param {any[][]} revenue_prior Revenue of the earlier period, money; not zero.
 * @param {any[][]} revenue_current Revenue of the later period, money; must differ from revenue_prior.
 * @returns {any[][]} DOL (a 2% revenue rise with EBIT up 17.5% gives 8.75).
 */
export function dol(ebit_prior: any[][], ebit_current: any[][], revenue_prior: any[][], revenue_current: any[][]): any[][] {
  return forExcel(SMALLCAP_FUNCTIONS.DOL, ebit_prior, ebit_current, revenue_prior, revenue_current);
}

/**
 * Relative forward P/E (a fraction): the premium (+) or discount (-) of the first P/E over the second.
 * @customfunction RELPE
 * @helpurl https://localhost:3000/functions.html#relpe
 * @param {any[][]} small_pe Forward P/E of small caps (or of one company), positive.
 * @param {any[][]} large_pe Forward P/E of large caps (or of a benchmark), positive.
 * @returns {any[][]} small_pe / large_pe - 1, as a fraction (-0.2 is a 20% discount).
 */
export function relpe(small_pe: any[][], large_pe: any[][]): any[][] {
  return forExcel(SMALLCAP_FUNCTIONS.RELPE, small_pe, large_pe);
}

/**
 * Re-rating implied by a return of the relative P/E to its mean (a fraction: 0.4 is +40%).
 * @customfunction REVERSION
 * @helpurl https://localhost:3000/functions.html#reversion
 * @param {any[][]} current_premium Current premium (+) or discount (-) as a fraction, above -1 (-0.2 is a 20% discount).
 * @param {any[][]} [mean_premium] Mean premium to revert to, as a fraction above -1: a cell or a range like current_premium. Default 0.12, the 20-year average.
 * @returns {any[][]} (1 + mean) / (1 + current) - 1, as a fraction (-20% to +12% gives 0.40).
 */
export function reversion(current_premium: any[][], mean_premium?: any[][]): any[][] {
  return forExcel(SMALLCAP_FUNCTIONS.REVERSION, current_premium, mean_premium);
}

/**
 * Days to cover (trading days): short interest over average daily trading volume.
 * @customfunction DAYSTOCOVER
 * @helpurl https://localhost:3000/functions.html#daystocover
 * @param {any[][]} short_interest Shares sold short; not negative.
 * @param {any[][]} avg_daily_volume Average daily volume in shares; positive.
 * @returns {any[][]} Trading days the shorts need to buy back.
 */
export function daystocover(short_interest: any[][], avg_daily_volume: any[][]): any[][] {
  return forExcel(SMALLCAP_FUNCTIONS.DAYSTOCOVER, short_interest, avg_daily_volume);
}

/**
 * Aggregate (index-level) P/E, one value: sum of market caps over sum of earnings.
 * @customfunction INDEXPE
 * @helpurl https://localhost:3000/functions.html#indexpe
 * @param {any[][]} market_caps Market capitalisations, money; rows with a blank are skipped.
 * @param {any[][]} earnings Earnings in the same money unit, same shape as market_caps.
 * @param {any[][]} [exclude_unprofitable] One value: TRUE to leave out rows with earnings of zero or less. Default FALSE.
 * @returns {any[][]} One value: the aggregate P/E.
 */
export function indexpe(market_caps: any[][], earnings: any[][], exclude_unprofitable?: any[][]): any[][] {
  return forExcel(SMALLCAP_FUNCTIONS.INDEXPE, market_caps, earnings, exclude_unprofitable);
}

/**
 * Rolling relative return (a fraction) of one price series over another, e.g. Russell 2000 over S&P 500; spills one column.
 * @customfunction RELPERF
 * @helpurl https://localhost:3000/functions.html#relperf
 * @param {any[][]} small_prices Prices or index levels, one column (or row), oldest first; positive.
 * @param {any[][]} large_prices Benchmark prices, as many as small_prices; positive.
 * @param {any[][]} [window] One value: the look-back in rows (trading days), a whole number of at least 1. Default 20.
 * @returns {any[][]} One column as tall as the inputs; the first window rows are #N/A.
 */
export function relperf(small_prices: any[][], large_prices: any[][], window?: any[][]): any[][] {
  return forExcel(SMALLCAP_FUNCTIONS.RELPERF, small_prices, large_prices, window);
}

/**
 * Short interest as a share of the free float (a fraction: 0.15 is 15%).
 * @customfunction SIFLOAT
 * @helpurl https://localhost:3000/functions.html#sifloat
 * @param {any[][]} short_interest Shares sold short; not negative.
 * @param {any[][]} float_shares Shares in the free float; positive.
 * @returns {any[][]} Fraction of the float sold short (0.15 is 15%).
 */
export function sifloat(short_interest: any[][], float_shares: any[][]): any[][] {
  return forExcel(SMALLCAP_FUNCTIONS.SIFLOAT, short_interest, float_shares);
}

/**
 * Synthetic credit rating (AAA to D) from interest coverage, on Damodaran's bands for smaller firms (market cap under $5bn).
 * @customfunction RATING
 * @helpurl https://localhost:3000/functions.html#rating
 * @param {any[][]} ebit Operating income (EBIT), money.
 * @param {any[][]} interest_expense Interest expense, money; either sign. Zero with EBIT > 0 is AAA (Damodaran: no interest, infinite coverage); zero with EBIT <= 0 is #N/A, not rated.
 * @returns {any[][]} An S&P-style rating, from AAA to D.
 */
export function rating(ebit: any[][], interest_expense: any[][]): any[][] {
  return forExcel(SMALLCAP_FUNCTIONS.RATING, ebit, interest_expense);
}

/**
 * Default spread (a fraction) over the risk-free rate for the synthetic rating, on Damodaran's smaller-firm table.
 * @customfunction SPREAD
 * @helpurl https://localhost:3000/functions.html#spread
 * @param {any[][]} ebit Operating income (EBIT), money.
 * @param {any[][]} interest_expense Interest expense, money; either sign. Zero with EBIT > 0 is the AAA spread; zero with EBIT <= 0 is #N/A, not rated.
 * @returns {any[][]} The spread as a fraction (0.0183 is 1.83%).
 */
export function spread(ebit: any[][], interest_expense: any[][]): any[][] {
  return forExcel(SMALLCAP_FUNCTIONS.SPREAD, ebit, interest_expense);
}

/**
 * Maturity wall (a fraction per company): the share of debt falling due within a horizon.
 * @customfunction MATURITYWALL
 * @helpurl https://localhost:3000/functions.html#maturitywall
 * @param {any[][]} amounts Debt due in each maturity bucket, money; one row per company, one column per bucket.
 * @param {any[][]} years_to_maturity Years until each bucket falls due; same shape as amounts, or one header row shared by all companies.
 * @param {any[][]} [horizon_years] Horizon in years, one value or one per company; buckets due at or before it count. Default 3.
 * @returns {any[][]} Fraction of debt due within the horizon, one row per company.
 */
export function maturitywall(amounts: any[][], years_to_maturity: any[][], horizon_years?: any[][]): any[][] {
  return forExcel(SMALLCAP_FUNCTIONS.MATURITYWALL, amounts, years_to_maturity, horizon_years);
}

/**
 * Weighted-average maturity of the debt (years per company).
 * @customfunction WAM
 * @helpurl https://localhost:3000/functions.html#wam
 * @param {any[][]} amounts Debt due in each maturity bucket, money; one row per company, one column per bucket.
 * @param {any[][]} years_to_maturity Years until each bucket falls due; same shape as amounts, or one header row shared by all companies.
 * @returns {any[][]} Sum of amount x years over the sum of amounts, one row per company.
 */
export function wam(amounts: any[][], years_to_maturity: any[][]): any[][] {
  return forExcel(SMALLCAP_FUNCTIONS.WAM, amounts, years_to_maturity);
}

/**
 * The framework's quality test for one company (TRUE/FALSE): positive free cash flow, floating-rate share <= 25%, debt maturity >= 3 years, domestic revenue >= 80%, not a zombie, ICR >= 3, and ICR >= 1.5 after a +200 bp shock. #N/A names the inputs it lacks.
 * @customfunction QUALITY
 * @helpurl https://localhost:3000/functions.html#quality
 * @param {any[][]} fcf Free cash flow, money.
 * @param {any[][]} floating_share Floating-rate share of the debt, a fraction from 0 to 1; may be blank when there is no debt.
 * @param {any[][]} wam_years Weighted-average debt maturity, years; may be blank when there is no debt.
 * @param {any[][]} domestic_share Domestic share of revenue, a fraction from 0 to 1.
 * @param {any[][]} ebit Operating income (EBIT), money.
 * @param {any[][]} interest_expense Interest expense, money; either sign.
 * @param {any[][]} total_debt Total debt, money; 0 means no debt.
 * @param {any[][]} [shock_bps] Rate shock on floating-rate debt for the stressed-coverage test, basis points. Default 200.
 * @returns {any[][]} TRUE when every criterion passes, FALSE when any fails.
 */
export function quality(
  fcf: any[][],
  floating_share: any[][],
  wam_years: any[][],
  domestic_share: any[][],
  ebit: any[][],
  interest_expense: any[][],
  total_debt: any[][],
  shock_bps?: any[][],
): any[][] {
  return forExcel(SMALLCAP_FUNCTIONS.QUALITY, fcf, floating_share, wam_years, domestic_share, ebit, interest_expense, total_debt, shock_bps);
}

/**
 * The screen engine as a formula: the companies of a table that pass a preset screen, ranked by score, with their cover and valuation; the same result as the task pane and the smallcap CLI.
 * @customfunction SCREEN
 * @helpurl https://localhost:3000/functions.html#screen
 * @param {any[][]} table The companies, a range that starts with its header row (e.g. A1:N601 or Table1[#All]); headers are recognised as the pane recognises them.
 * @param {any[][]} [preset] "quality" (default), "zombies" or "stress".
 * @param {any[][]} [settings] Thresholds as the CLI's --set keys, in text ("icr=2.5; shockBps=300") or a two-column range of keys and values. Default: the preset's own.
 * @returns {any[][]} A header row, then one row per passing company in rank order: Rank, Ticker, Name (when the table has names), Score, ICR, Shocked ICR, Zombie, Forward P/E, Note.
 */
export function screen(table: any[][], preset?: any[][], settings?: any[][]): any[][] {
  return forExcel(SMALLCAP_FUNCTIONS.SCREEN, table, preset, settings);
}

/**
 * Rate-shock sweep (a fraction per shock): the share of companies whose interest cover after each rate move is below a threshold.
 * @customfunction SHOCKSWEEP
 * @helpurl https://localhost:3000/functions.html#shocksweep
 * @param {any[][]} ebit Operating income (EBIT) of each company, money; a column (or any range), rows with a blank are left out.
 * @param {any[][]} interest_expense Current interest expense, same shape as ebit; either sign.
 * @param {any[][]} total_debt Total debt, same shape as ebit; not negative.
 * @param {any[][]} floating_share Floating-rate share of the debt, same shape as ebit; a fraction from 0 to 1.
 * @param {any[][]} shocks_bps Rate moves in basis points, one row or one column (e.g. 0, 100, ..., 500); the result takes its shape.
 * @param {any[][]} [threshold] One value: the cover (x) below which a company counts. Default 1.
 * @returns {any[][]} For each shock, the fraction of companies (with every input and pro-forma interest above zero) below the threshold.
 */
export function shocksweep(
  ebit: any[][],
  interest_expense: any[][],
  total_debt: any[][],
  floating_share: any[][],
  shocks_bps: any[][],
  threshold?: any[][],
): any[][] {
  return forExcel(SMALLCAP_FUNCTIONS.SHOCKSWEEP, ebit, interest_expense, total_debt, floating_share, shocks_bps, threshold);
}
