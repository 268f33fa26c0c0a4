/**
 * Every SMALLCAP function as the shared adapter runs it: worksheet-shaped arguments in,
 * a grid of numbers, booleans, text and `CoreError`s out. Excel's entry points
 * (`functions.ts`) and the headless refresh both call these, so a number is the same
 * wherever an analyst meets it. No body here coerces a cell: `src/core/grid.ts` does.
 */
import { CoreError, coreError } from "../core/errors";
import { Grid, SHAPE_MISMATCH, asGrid, asSeries, elementwise, elementwiseCells, finite, isFiniteNumber, pairedCells, rowwise, single, singleValue } from "../core/grid";
import { isBlank, readBoolean, readNumber } from "../core/values";
import { coverageRatio, defaultSpread, interestCoverage, syntheticRating } from "../core/coverage";
import { isZombie, DEFAULT_ZOMBIE_THRESHOLD } from "../core/zombie";
import { NEGATIVE_DEBT, SHARE_OUT_OF_RANGE, maturityWall, shockedCoverage, shockedRatio, weightedAverageMaturity } from "../core/rates";
import { operatingLeverage } from "../core/gearing";
import { MEAN_RELATIVE_PE_PREMIUM, meanReversionUpside, relativePe } from "../core/valuation";
import { DEFAULT_RELPERF_WINDOW, daysToCover, relativePerformance, shortInterestShare } from "../core/liquidity";
import { indexPe } from "../core/aggregates";
import { QUALITY_ARGUMENTS, qualityVerdict } from "../core/screen/quality";
import type { NumberOrError } from "../core/values";
import { DEFAULT_SWEEP_THRESHOLD, sweepPoint } from "../core/sweep";
import { runScreen } from "../core/screen/engine";
import { presetConfig } from "../core/screen/criteria";
import { PRESET_IDS } from "../core/screen/ids";
import { applySettings } from "../core/screen/settings";
import { screenSpill } from "../core/screen/spill";
import type { PresetId } from "../core/screen/types";

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

const SWEEP_COLUMNS = ["ebit", "interest_expense", "total_debt", "floating_share"] as const;
const SHOCKS_SHAPE = coreError("VALUE", "shocks_bps must be one row or one column");

/**
 * The four company columns of SHOCKSWEEP as numbers, NaN for a company with a blank (left out),
 * or the first error: the arguments' own errors in argument order (as INDEXPE), then a share
 * outside 0..1 or a negative debt (SHOCKICR's rules).
 */
function sweepColumns(args: readonly unknown[]): Float64Array[] | CoreError {
  const grids: unknown[][][] = [];
  for (let a = 0; a < SWEEP_COLUMNS.length; a++) {
    const grid = asGrid(args[a], SWEEP_COLUMNS[a]);
    if (grid instanceof CoreError) return grid;
    if (a > 0 && (grid.length !== grids[0].length || grid[0].length !== grids[0][0].length)) return SHAPE_MISMATCH;
    grids.push(grid);
  }
  const cells = grids.map((grid) => grid.flat());
  const n = cells[0].length;
  const columns = cells.map(() => new Float64Array(n));
  for (let i = 0; i < n; i++) {
    if (isBlank(cells[0][i]) || isBlank(cells[1][i]) || isBlank(cells[2][i]) || isBlank(cells[3][i])) {
      for (const column of columns) column[i] = NaN;
    }
  }
  for (let a = 0; a < columns.length; a++) {
    const column = columns[a];
    const from = cells[a];
    for (let i = 0; i < n; i++) {
      if (column[i] !== column[i]) continue;
      const value = readNumber(from[i], SWEEP_COLUMNS[a]);
      if (value instanceof CoreError) return value;
      column[i] = value;
    }
  }
  const [, , debt, share] = columns;
  for (let i = 0; i < n; i++) {
    if (share[i] < 0 || share[i] > 1) return SHARE_OUT_OF_RANGE;
    if (debt[i] < 0) return NEGATIVE_DEBT;
  }
  return columns;
}

/**
 * SMALLCAP.SHOCKSWEEP: for each shock, the share of companies whose pro-forma ICR is below the
 * threshold (`src/core/sweep.ts`). The result takes the shape of `shocks_bps`; a shock's own
 * error stays in its element, and an error in the company columns is in every element.
 */
export function SHOCKSWEEP(
  ebit: unknown,
  interestExpense: unknown,
  totalDebt: unknown,
  floatingShare: unknown,
  shocksBps: unknown,
  threshold?: unknown,
): Grid {
  const shocks = asGrid(shocksBps, "shocks_bps");
  if (shocks instanceof CoreError) return single(shocks);
  if (shocks.length > 1 && shocks[0].length > 1) return single(SHOCKS_SHAPE);
  // Every shock's share is over every company: an error in the company columns is each shock's.
  const columns = sweepColumns([ebit, interestExpense, totalDebt, floatingShare]);
  if (columns instanceof CoreError) return shocks.map((row) => row.map(() => columns));
  const rawLine = singleValue(threshold ?? null, "threshold");
  const line = rawLine instanceof CoreError ? rawLine : isBlank(rawLine) ? DEFAULT_SWEEP_THRESHOLD : readNumber(rawLine, "threshold");
  const universe = { ebit: columns[0], interest: columns[1], debt: columns[2], floatingShare: columns[3] };
  return shocks.map((row) =>
    row.map((cell) => {
      const shock = readNumber(cell, "shocks_bps");
      if (shock instanceof CoreError) return shock;
      if (line instanceof CoreError) return line;
      return finite(sweepPoint(universe, shock, line).share);
    }),
  );
}

/** An optional text argument: undefined when omitted or blank, else the text or the error that stands for the value. */
function optionalText(value: unknown, name: string): string | undefined | CoreError {
  const raw = singleValue(value ?? null, name);
  if (raw instanceof CoreError) return raw;
  if (isBlank(raw)) return undefined;
  if (typeof raw === "string") return raw.trim();
  const read = readNumber(raw, name);
  return read instanceof CoreError ? read : coreError("VALUE", `${name} must be text`);
}

function readPreset(value: unknown): PresetId | CoreError {
  const text = optionalText(value, "preset");
  if (text instanceof CoreError) {
    return text.message === "preset must be text" ? coreError("VALUE", PRESET_CHOICES) : text;
  }
  if (text === undefined) return "quality";
  return PRESET_IDS.find((p) => p === text.toLowerCase()) ?? coreError("VALUE", PRESET_CHOICES);
}

const PRESET_CHOICES = `preset must be ${PRESET_IDS.map((p) => `"${p}"`).join(", ")}`;

/** A setting's value cell as `--set` text: TRUE/FALSE switch a criterion on or off. */
function settingValue(value: unknown): string | CoreError {
  if (typeof value === "boolean") return value ? "on" : "off";
  if (typeof value === "number") return value - value === 0 ? String(value) : coreError("NUM", "settings hold a number that is not finite");
  if (typeof value === "string") return value;
  if (value === null || value === undefined) return "";
  return readNumber(value, "settings") as CoreError;
}

/**
 * The settings of SCREEN as `--set` texts: `"icr=2.5; shockBps=300"` (separated by `;` or new
 * lines) or a two-column range of keys and values (blank rows skipped).
 */
function settingTexts(value: unknown): string[] | CoreError {
  const grid = asGrid(value ?? null, "settings");
  if (grid instanceof CoreError) return grid;
  if (grid.length === 1 && grid[0].length === 1) {
    const text = optionalText(grid[0][0], "settings");
    if (text instanceof CoreError) return text.message === "settings must be text" ? coreError("VALUE", SETTINGS_FORM) : text;
    if (text === undefined) return [];
    return text.split(/[;\n]/).map((s) => s.trim()).filter((s) => s !== "");
  }
  if (grid[0].length !== 2) return coreError("VALUE", SETTINGS_FORM);
  const texts: string[] = [];
  for (const [key, raw] of grid) {
    if (isBlank(key) && isBlank(raw)) continue;
    if (typeof key !== "string") {
      const error = typeof key === "object" && key !== null ? readNumber(key, "settings") : undefined;
      return error instanceof CoreError ? error : coreError("VALUE", `settings: a key must be text such as icr, got ${String(key)}`);
    }
    const text = settingValue(raw);
    if (text instanceof CoreError) return text;
    texts.push(`${key}=${text}`);
  }
  return texts;
}

const SETTINGS_FORM = 'settings must be text such as "icr=2.5; shockBps=300" or a two-column range of keys and values';

/**
 * SMALLCAP.SCREEN: the screen engine on a table with its header row, as the pane and the CLI
 * run it (same mapping, criteria and ranking). Spills the passing companies (`spill.ts`).
 */
export function SCREEN(table: unknown, preset?: unknown, settings?: unknown): Grid {
  if (!Array.isArray(table)) {
    return single(isBlank(table) ? coreError("NA", "missing table") : coreError("VALUE", "table must be a range that starts with its header row"));
  }
  const grid = asGrid(table, "table");
  if (grid instanceof CoreError) return single(grid);
  const presetId = readPreset(preset);
  if (presetId instanceof CoreError) return single(presetId);
  const texts = settingTexts(settings);
  if (texts instanceof CoreError) return single(texts);
  const config = applySettings(presetConfig(presetId), texts);
  if (!config.ok) return single(coreError("VALUE", `settings: ${config.message}`));
  const outcome = runScreen({ headers: grid[0], rows: grid.slice(1) }, config.config);
  if (!outcome.ok) return single(coreError("VALUE", outcome.message));
  return screenSpill(outcome.result);
}

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
  SCREEN: SCREEN as (...args: unknown[]) => Grid,
  SHOCKSWEEP: SHOCKSWEEP as (...args: unknown[]) => Grid,
});
