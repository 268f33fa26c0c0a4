/**
 * Every SMALLCAP function as the shared adapter runs it: worksheet-shaped arguments in,
 * a grid of numbers, booleans, text and `CoreError`s out. Excel's entry points
 * (`functions.ts`) and the headless refresh both call these, so a number is the same
 * wherever an analyst meets it. No body here coerces a cell: `src/core/grid.ts` does.
 */
import { CoreError, coreError } from "../core/errors";
import { Grid, SHAPE_MISMATCH, asSeries, elementwise, elementwiseCells, finite, isFiniteNumber, pairedCells, rowwise, single, singleValue } from "../core/grid";
import { isBlank, readBoolean, readNumber } from "../core/values";
import { coverageRatio, defaultSpread, interestCoverage, syntheticRating } from "../core/coverage";
import { isZombie, DEFAULT_ZOMBIE_THRESHOLD } from "../core/zombie";
import { maturityWall, shockedCoverage, shockedRatio, weightedAverageMaturity } from "../core/rates";
import { operatingLeverage } from "../core/gearing";
import { MEAN_RELATIVE_PE_PREMIUM, meanReversionUpside, relativePe } from "../core/valuation";
import { DEFAULT_RELPERF_WINDOW, daysToCover, relativePerformance, shortInterestShare } from "../core/liquidity";
import { indexPe } from "../core/aggregates";
import { QUALITY_ARGUMENTS, qualityVerdict } from "../core/screen/quality";
import type { NumberOrError } from "../core/values";

/** Default horizon of the maturity wall: the framework's "maturities beyond three years". */
export const DEFAULT_WALL_HORIZON_YEARS = 3;

/** The numbers of a row, or the first error among them (the argument's own errors first). */
function firstError(values: readonly NumberOrError[]): CoreError | undefined {
  for (const v of values) if (v instanceof CoreError) return v;
  return undefined;
}

const schedule = (fn: (amounts: number[], years: number[], scalars: number[]) => NumberOrError) =>
  (rows: NumberOrError[][], scalars: (NumberOrError | undefined)[]) => {
    const error = firstError(rows[0]) ?? firstError(rows[1]) ?? firstError(scalars as NumberOrError[]);
    return error ?? fn(rows[0] as number[], rows[1] as number[], scalars as number[]);
  };

/** ICR's numeric fast path over a row (`NumericRow` in grid.ts). */
function icrRow(out: number[], lines: readonly unknown[][]): void {
  const ebit = lines[0];
  const interest = lines[1];
  for (let c = 0; c < out.length; c++) {
    const e = ebit[c];
    const x = interest[c];
    if (isFiniteNumber(e) && isFiniteNumber(x)) out[c] = coverageRatio(e, x);
    else out[c] = NaN;
  }
}

export const ICR = elementwise([{ name: "ebit" }, { name: "interest_expense" }], interestCoverage, icrRow);

export const ZOMBIE = rowwise(
  [{ name: "ebit" }, { name: "interest_expense" }],
  [{ name: "years", optional: true }, { name: "threshold", default: DEFAULT_ZOMBIE_THRESHOLD }],
  (series, scalars) => isZombie(series[0], series[1], scalars[0] ?? series[0].length, scalars[1] as NumberOrError),
);

/** SHOCKICR's numeric fast path over a row (`NumericRow` in grid.ts). */
function shockIcrRow(out: number[], lines: readonly unknown[][]): void {
  const [ebit, interest, debt, share, shock] = lines;
  for (let c = 0; c < out.length; c++) {
    const e = ebit[c];
    const x = interest[c];
    const d = debt[c];
    const s = share[c];
    const b = shock[c];
    if (isFiniteNumber(e) && isFiniteNumber(x) && isFiniteNumber(d) && isFiniteNumber(s) && isFiniteNumber(b)) {
      out[c] = shockedRatio(e, x, d, s, b);
    } else out[c] = NaN;
  }
}

export const SHOCKICR = elementwise(
  [{ name: "ebit" }, { name: "interest_expense" }, { name: "total_debt" }, { name: "floating_share" }, { name: "shock_bps" }],
  shockedCoverage,
  shockIcrRow,
);

export const DOL = elementwise(
  [{ name: "ebit_prior" }, { name: "ebit_current" }, { name: "revenue_prior" }, { name: "revenue_current" }],
  operatingLeverage,
);

export const RELPE = elementwise([{ name: "small_pe" }, { name: "large_pe" }], relativePe);

export const REVERSION = elementwise(
  [{ name: "current_premium" }, { name: "mean_premium", default: MEAN_RELATIVE_PE_PREMIUM }],
  meanReversionUpside,
);

export const DAYSTOCOVER = elementwise([{ name: "short_interest" }, { name: "avg_daily_volume" }], daysToCover);

export const SIFLOAT = elementwise([{ name: "short_interest" }, { name: "float_shares" }], shortInterestShare);

export const RATING = elementwise([{ name: "ebit" }, { name: "interest_expense" }], syntheticRating);

export const SPREAD = elementwise([{ name: "ebit" }, { name: "interest_expense" }], defaultSpread);

export const MATURITYWALL = rowwise(
  [{ name: "amounts" }, { name: "years_to_maturity" }],
  [{ name: "horizon_years", default: DEFAULT_WALL_HORIZON_YEARS }],
  schedule((amounts, years, [horizon]) => maturityWall(amounts, years, horizon)),
);

export const WAM = rowwise(
  [{ name: "amounts" }, { name: "years_to_maturity" }],
  [],
  schedule((amounts, years) => weightedAverageMaturity(amounts, years)),
);

export function INDEXPE(marketCaps: unknown, earnings: unknown, excludeUnprofitable?: unknown): Grid {
  const cells = pairedCells(marketCaps, "market_caps", earnings, "earnings");
  if (cells instanceof CoreError) return single(cells);
  const flag = singleValue(excludeUnprofitable ?? null, "exclude_unprofitable");
  const exclude = flag instanceof CoreError ? flag : readBoolean(flag, "exclude_unprofitable", false);
  return single(finite(indexPe(cells[0], cells[1], { excludeUnprofitable: exclude })));
}

export function RELPERF(smallPrices: unknown, largePrices: unknown, window?: unknown): Grid {
  const small = asSeries(smallPrices, "small_prices");
  if (small instanceof CoreError) return single(small);
  const large = asSeries(largePrices, "large_prices");
  if (large instanceof CoreError) return single(large);
  if (small.length !== large.length) return single(SHAPE_MISMATCH);
  const rawWindow = singleValue(window ?? null, "window");
  if (rawWindow instanceof CoreError) return single(rawWindow);
  const w = isBlank(rawWindow) ? DEFAULT_RELPERF_WINDOW : readNumber(rawWindow, "window");
  if (w instanceof CoreError) return single(w);
  if (!Number.isInteger(w) || w < 1) return single(coreError("NUM", "window must be a whole number of at least 1"));
  const result = relativePerformance(
    small.map((p) => readNumber(p, "small_prices")),
    large.map((p) => readNumber(p, "large_prices")),
    w,
  );
  return result.map((cell) => [finite(cell)]);
}

/** Shock the quality test applies to floating-rate debt, basis points (the quality preset: +200 bp). */
export const DEFAULT_QUALITY_SHOCK_BPS = 200;

export const QUALITY = elementwiseCells(
  [...QUALITY_ARGUMENTS.map(({ name }) => ({ name })), { name: "shock_bps", default: DEFAULT_QUALITY_SHOCK_BPS }],
  (cells) => {
    const values: Record<string, unknown> = {};
    QUALITY_ARGUMENTS.forEach(({ field }, i) => (values[field] = cells[i]));
    const shock = isBlank(cells[7]) ? DEFAULT_QUALITY_SHOCK_BPS : readNumber(cells[7], "shock_bps");
    return shock instanceof CoreError ? shock : qualityVerdict(values, shock);
  },
);

/** Name -> implementation, as Excel's `SMALLCAP.<NAME>` spells it. */
export const SMALLCAP_FUNCTIONS: Readonly<Record<string, (...args: unknown[]) => Grid>> = Object.freeze({
  ICR,
  ZOMBIE,
  SHOCKICR,
  DOL,
  RELPE,
  REVERSION,
  DAYSTOCOVER,
  INDEXPE: INDEXPE as (...args: unknown[]) => Grid,
  RELPERF: RELPERF as (...args: unknown[]) => Grid,
  SIFLOAT,
  RATING,
  SPREAD,
  MATURITYWALL,
  WAM,
  QUALITY,
});
