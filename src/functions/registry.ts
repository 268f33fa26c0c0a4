/**
 * The SMALLCAP functions, each declared once: its name, its arguments (name, role in the grid
 * adapter, default, bounds), its implementation (calls into `src/core`) and its documentation
 * (descriptions, a valid call). Everything else is generated or derived from this list:
 *
 * - `src/functions/functions.ts`, Excel's entry points and the JSDoc the metadata plugin turns
 *   into `dist/functions.json` (`npm run functions`; a test fails while it is stale);
 * - `SMALLCAP_FUNCTIONS` (`definitions.ts`), through the adapter (`adapter.ts`), which applies
 *   the defaults and the bounds of single-valued arguments;
 * - the contract suite, the hardening catalogue and the metadata check (`test/functions/`,
 *   `test/hardening/support/catalogue.ts`, `test/reference.test.ts`).
 *
 * The texts sit under `docs`, which is `false` in the webpack bundles (`WITH_DOCS`), so
 * `functions.js` carries the rules and the code but not the prose (Excel reads that from
 * `functions.json`).
 */
import { CoreError, type ErrorCode, coreError } from "../core/errors";
import { type Grid, SHAPE_MISMATCH, asGrid, asSeries, finite, isFiniteNumber, pairedCells, single, singleValue } from "../core/grid";
import { isBlank, readNumber } from "../core/values";
import type { NumberOrError } from "../core/values";
import { coverageRatio, defaultSpread, interestCoverage, syntheticRating } from "../core/coverage";
import { isZombie, DEFAULT_ZOMBIE_THRESHOLD } from "../core/zombie";
import { NEGATIVE_DEBT, SHARE_OUT_OF_RANGE, maturityWall, shockedCoverage, shockedRatio, weightedAverageMaturity } from "../core/rates";
import { operatingLeverage } from "../core/gearing";
import { MEAN_RELATIVE_PE_PREMIUM, meanReversionUpside, relativePe } from "../core/valuation";
import { DEFAULT_RELPERF_WINDOW, daysToCover, relativePerformance, shortInterestShare } from "../core/liquidity";
import { indexPe } from "../core/aggregates";
import { QUALITY_ARGUMENTS, qualityVerdict } from "../core/screen/quality";
import { DEFAULT_SWEEP_THRESHOLD, sweepPoint } from "../core/sweep";
import { runScreen } from "../core/screen/engine";
import { presetConfig } from "../core/screen/criteria";
import { PRESET_IDS } from "../core/screen/ids";
import { applySettings } from "../core/screen/settings";
import { DEFAULT_SHOCK_BPS } from "../core/defaults";
import { screenSpill } from "../core/screen/spill";
import type { PresetId } from "../core/screen/types";

declare const SMALLCAP_FUNCTION_DOCS: boolean | undefined;

/**
 * False where webpack.config.js defines `SMALLCAP_FUNCTION_DOCS` as false (the add-in's
 * bundles: the minifier then drops every `docs` block); true in jest, the CLI and the scripts.
 */
export const WITH_DOCS: boolean = typeof SMALLCAP_FUNCTION_DOCS === "undefined" || SMALLCAP_FUNCTION_DOCS;

/**
 * What an argument is to the adapter (and to the tests generated from this list):
 * - `cell`: element-wise; a single value or a range, broadcast against the other ranges.
 * - `series`: row-wise; one row per company, one column per period or bucket.
 * - `perRow`: row-wise; one value or one per company.
 * - `paired`: INDEXPE's columns, aggregated into one value; rows with a blank are skipped.
 * - `universe`: SHOCKSWEEP's company columns: rows with a blank are left out, and every cell
 *   feeds every element of the result (an error there is each element's).
 * - `prices`: RELPERF's series, one column or one row, oldest first.
 * - `flag`: one TRUE/FALSE.
 * - `window`, `scalar`: one number (`window` a whole count of rows).
 * - `shocks`: SHOCKSWEEP's shocks, one row or one column; the result takes its shape.
 * - `table`: SCREEN's table, header row first; a bad cell makes that company unknown, never an
 *   error of the formula.
 * - `preset`, `settings`: SCREEN's text arguments.
 */
export type Role = "cell" | "series" | "perRow" | "paired" | "universe" | "prices" | "flag" | "window" | "scalar" | "shocks" | "table" | "preset" | "settings";

/**
 * A rule on an argument's value, with the error it gives. An argument's `bound` is checked by
 * the adapter as it reads a single-valued argument: the body never sees a value outside. The
 * rules under `docs.rules` belong to the calculation and its order of errors
 * (docs/CONVENTIONS.md) and are checked in `src/core`; they are declared here so that the
 * contract suite checks them (and they stay out of the bundle with the other texts).
 */
export interface Bound {
  /** Lowest allowed value (inclusive). */
  readonly min?: number;
  /** Values must be strictly above this. */
  readonly above?: number;
  /** Highest allowed value (inclusive). */
  readonly max?: number;
  readonly whole?: boolean;
  readonly code: ErrorCode;
  /** The error's message; omitted where it depends on the call (ZOMBIE's years: "from 1 to <columns>"). */
  readonly message?: string;
}

export interface ArgEntry {
  readonly name: string;
  readonly role: Role;
  /** Optional in Excel: omitted (null) or blank takes `default`, or reaches the body as undefined. */
  readonly optional?: boolean;
  readonly default?: number | boolean;
  /** Checked by the adapter (single-valued arguments only). */
  readonly bound?: Bound;
}

export interface FunctionDocs {
  readonly description: string;
  /** Each argument's description, by name. */
  readonly args: Readonly<Record<string, string>>;
  readonly result: string;
  /** Rules on argument values that `src/core` checks, by argument name (see `Bound`). */
  readonly rules?: Readonly<Record<string, Bound>>;
  /** A valid call whose result is a plain value (not an error): the generated tests start from it. */
  readonly valid: readonly unknown[];
}

type Scalar = number | boolean | string | CoreError;
type RowFn = (rows: NumberOrError[][], scalars: (NumberOrError | undefined)[]) => Scalar;

/** How the adapter runs the function (`adapter.ts`), and the function's calculation. */
export type Implementation =
  | { readonly kind: "elementwise"; readonly calc: (...xs: number[]) => Scalar; readonly numericRow?: (out: number[], lines: readonly unknown[][]) => void }
  | { readonly kind: "cells"; readonly calc: (cells: unknown[]) => Scalar }
  | { readonly kind: "rowwise"; readonly calc: RowFn }
  /** The body gets the arguments with every `flag`, `window` and `scalar` one already read (default applied, bounds checked). */
  | { readonly kind: "whole"; readonly calc: (args: unknown[]) => Grid };

export type FunctionEntry = Implementation & {
  /** As Excel spells it: `SMALLCAP.<name>`. */
  readonly name: string;
  readonly args: readonly ArgEntry[];
  readonly docs: FunctionDocs | false;
};

const cell = (name: string, extra: Partial<ArgEntry> = {}): ArgEntry => ({ name, role: "cell", ...extra });

/** Default horizon of the maturity wall: the framework's "maturities beyond three years". */
export const DEFAULT_WALL_HORIZON_YEARS = 3;


const NOT_NEGATIVE_DEBT: Bound = { min: 0, code: "NUM", message: "total_debt must not be negative" };
const SHARE: Bound = { min: 0, max: 1, code: "NUM", message: "floating_share must be between 0 and 1" };
const POSITIVE_PE: Bound = { above: 0, code: "NUM", message: "a P/E must be positive: P/E is undefined for losses" };
const NOT_NEGATIVE_SHORT: Bound = { min: 0, code: "NUM", message: "short_interest must not be negative" };
const POSITIVE_PRICE: Bound = { above: 0, code: "NUM", message: "a price must be positive" };
const premium = (name: string): Bound => ({ above: -1, code: "NUM", message: `${name} must be above -1 (-100%)` });

/** The numbers of a row, or the first error among them (the argument's own errors first). */
function firstError(values: readonly NumberOrError[]): CoreError | undefined {
  for (const v of values) if (v instanceof CoreError) return v;
  return undefined;
}

const schedule = (fn: (amounts: number[], years: number[], scalars: number[]) => NumberOrError): RowFn =>
  (rows, scalars) => {
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

/** Two series of a maturity schedule, as MATURITYWALL and WAM take them, and their rules. */
const SCHEDULE_ARGS: readonly ArgEntry[] = [
  { name: "amounts", role: "series" },
  { name: "years_to_maturity", role: "series" },
];
const SCHEDULE_RULES: Readonly<Record<string, Bound>> = {
  amounts: { min: 0, code: "NUM", message: "a maturity amount is negative" },
  years_to_maturity: { min: 0, code: "NUM", message: "years to maturity must not be negative" },
};

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
 * SHOCKSWEEP: for each shock, the share of companies whose pro-forma ICR is below the
 * threshold (`src/core/sweep.ts`). The result takes the shape of `shocks_bps`; a shock's own
 * error stays in its element, and an error in the company columns is in every element.
 */
function shockSweep([ebit, interestExpense, totalDebt, floatingShare, shocksBps, line]: unknown[]): Grid {
  const shocks = asGrid(shocksBps, "shocks_bps");
  if (shocks instanceof CoreError) return single(shocks);
  if (shocks.length > 1 && shocks[0].length > 1) return single(SHOCKS_SHAPE);
  // Every shock's share is over every company: an error in the company columns is each shock's.
  const columns = sweepColumns([ebit, interestExpense, totalDebt, floatingShare]);
  if (columns instanceof CoreError) return shocks.map((row) => row.map(() => columns));
  const universe = { ebit: columns[0], interest: columns[1], debt: columns[2], floatingShare: columns[3] };
  return shocks.map((row) =>
    row.map((cell) => {
      const shock = readNumber(cell, "shocks_bps");
      if (shock instanceof CoreError) return shock;
      if (line instanceof CoreError) return line;
      return finite(sweepPoint(universe, shock, line as number).share);
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
 * SCREEN: the screen engine on a table with its header row, as the pane and the CLI run it
 * (same mapping, criteria and ranking). Spills the passing companies (`spill.ts`).
 */
function screen([table, preset, settings]: unknown[]): Grid {
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

export const REGISTRY: readonly FunctionEntry[] = [
  {
    name: "ICR",
    args: [cell("ebit"), cell("interest_expense")],
    kind: "elementwise", calc: interestCoverage, numericRow: icrRow,
    docs: WITH_DOCS && {
      description: "Interest coverage (x): EBIT divided by the magnitude of interest expense; negative when EBIT is a loss.",
      args: {
        ebit: "Operating income (EBIT), in the sheet's money unit. A cell or a range.",
        interest_expense: "Interest expense, same money unit; either sign (its magnitude is used).",
      },
      result: "Times interest is covered (x). #DIV/0! when interest is zero.",
      valid: [10, 4],
    },
  },
  {
    name: "ZOMBIE",
    args: [
      { name: "ebit", role: "series" },
      { name: "interest_expense", role: "series" },
      { name: "years", role: "perRow", optional: true },
      { name: "threshold", role: "perRow", optional: true, default: DEFAULT_ZOMBIE_THRESHOLD },
    ],
    kind: "rowwise",
    calc: (series, scalars) => isZombie(series[0], series[1], scalars[0] ?? series[0].length, scalars[1] as NumberOrError),
    docs: WITH_DOCS && {
      description: "Zombie test (TRUE/FALSE per company): EBIT / interest below the threshold in each of the last periods; a period with no interest does not fail.",
      args: {
        ebit: "EBIT, one row per company, one column per fiscal period, oldest to newest.",
        interest_expense: "Interest expense, same shape as ebit; either sign.",
        years: "How many latest periods must all fail: one whole number (1 to the number of columns) or one per company. Default: every column.",
        threshold: "Coverage below which a period fails (x): one value or one per company. Default 1.",
      },
      result: "TRUE or FALSE, one row per company.",
      rules: { years: { min: 1, whole: true, code: "NUM" } },
      valid: [[[5, 8, 9]], [[10, 10, 10]], 3, 1],
    },
  },
  {
    name: "SHOCKICR",
    args: [cell("ebit"), cell("interest_expense"), cell("total_debt"), cell("floating_share"), cell("shock_bps")],
    kind: "elementwise", calc: shockedCoverage, numericRow: shockIcrRow,
    docs: WITH_DOCS && {
      description: "Pro-forma interest coverage (x) after a rate move on the floating-rate part of the debt.",
      args: {
        ebit: "Operating income (EBIT), money.",
        interest_expense: "Current interest expense, money; either sign.",
        total_debt: "Total debt, money; not negative.",
        floating_share: "Floating-rate share of the debt, a fraction from 0 to 1 (40% is 0.4).",
        shock_bps: "Rate move in basis points (200 = +2.00 percentage points; negative for a cut).",
      },
      result: "EBIT / (interest + debt x floating share x shock / 10000), in x.",
      rules: { total_debt: NOT_NEGATIVE_DEBT, floating_share: SHARE },
      valid: [30, 5, 100, 0.4, 200],
    },
  },
  {
    name: "DOL",
    args: [cell("ebit_prior"), cell("ebit_current"), cell("revenue_prior"), cell("revenue_current")],
    kind: "elementwise", calc: operatingLeverage,
    docs: WITH_DOCS && {
      description: "Degree of operating leverage (a multiple): percentage change in EBIT over percentage change in revenue.",
      args: {
        ebit_prior: "EBIT of the earlier period, money; not zero.",
        ebit_current: "EBIT of the later period, money.",
        revenue_prior: "Revenue of the earlier period, money; not zero.",
        revenue_current: "Revenue of the later period, money; must differ from revenue_prior.",
      },
      result: "DOL (a 2% revenue rise with EBIT up 17.5% gives 8.75).",
      valid: [100, 117.5, 1000, 1020],
    },
  },
  {
    name: "RELPE",
    args: [cell("small_pe"), cell("large_pe")],
    kind: "elementwise", calc: relativePe,
    docs: WITH_DOCS && {
      description: "Relative forward P/E (a fraction): the premium (+) or discount (-) of the first P/E over the second.",
      args: {
        small_pe: "Forward P/E of small caps (or of one company), positive.",
        large_pe: "Forward P/E of large caps (or of a benchmark), positive.",
      },
      result: "small_pe / large_pe - 1, as a fraction (-0.2 is a 20% discount).",
      rules: { small_pe: POSITIVE_PE, large_pe: POSITIVE_PE },
      valid: [16, 20],
    },
  },
  {
    name: "REVERSION",
    args: [
      cell("current_premium"),
      cell("mean_premium", { optional: true, default: MEAN_RELATIVE_PE_PREMIUM }),
    ],
    kind: "elementwise", calc: meanReversionUpside,
    docs: WITH_DOCS && {
      description: "Re-rating implied by a return of the relative P/E to its mean (a fraction: 0.4 is +40%).",
      args: {
        current_premium: "Current premium (+) or discount (-) as a fraction, above -1 (-0.2 is a 20% discount).",
        mean_premium: "Mean premium to revert to, as a fraction above -1: a cell or a range like current_premium. Default 0.12, the 20-year average.",
      },
      result: "(1 + mean) / (1 + current) - 1, as a fraction (-20% to +12% gives 0.40).",
      rules: { current_premium: premium("current_premium"), mean_premium: premium("mean_premium") },
      valid: [-0.2, 0.12],
    },
  },
  {
    name: "DAYSTOCOVER",
    args: [cell("short_interest"), cell("avg_daily_volume")],
    kind: "elementwise", calc: daysToCover,
    docs: WITH_DOCS && {
      description: "Days to cover (trading days): short interest over average daily trading volume.",
      args: {
        short_interest: "Shares sold short; not negative.",
        avg_daily_volume: "Average daily volume in shares; positive.",
      },
      result: "Trading days the shorts need to buy back.",
      rules: { short_interest: NOT_NEGATIVE_SHORT, avg_daily_volume: { above: 0, code: "DIV0", message: "avg_daily_volume must be positive" } },
      valid: [5_000_000, 400_000],
    },
  },
  {
    name: "INDEXPE",
    args: [
      { name: "market_caps", role: "paired" },
      { name: "earnings", role: "paired" },
      { name: "exclude_unprofitable", role: "flag", optional: true, default: false },
    ],
    kind: "whole",
    calc: ([marketCaps, earnings, exclude]) => {
      const cells = pairedCells(marketCaps, "market_caps", earnings, "earnings");
      if (cells instanceof CoreError) return single(cells);
      return single(finite(indexPe(cells[0], cells[1], { excludeUnprofitable: exclude as boolean | CoreError })));
    },
    docs: WITH_DOCS && {
      description: "Aggregate (index-level) P/E, one value: sum of market caps over sum of earnings.",
      args: {
        market_caps: "Market capitalisations, money; rows with a blank are skipped.",
        earnings: "Earnings in the same money unit, same shape as market_caps.",
        exclude_unprofitable: "One value: TRUE to leave out rows with earnings of zero or less. Default FALSE.",
      },
      result: "One value: the aggregate P/E.",
      rules: { market_caps: { min: 0, code: "NUM", message: "market_caps must not be negative" } },
      valid: [[[100], [200], [300]], [[10], [20], [15]], false],
    },
  },
  {
    name: "RELPERF",
    args: [
      { name: "small_prices", role: "prices" },
      { name: "large_prices", role: "prices" },
      {
        name: "window",
        role: "window",
        optional: true,
        default: DEFAULT_RELPERF_WINDOW,
        bound: { min: 1, whole: true, code: "NUM", message: "window must be a whole number of at least 1" },
      },
    ],
    kind: "whole",
    calc: ([smallPrices, largePrices, window]) => {
      const small = asSeries(smallPrices, "small_prices");
      if (small instanceof CoreError) return single(small);
      const large = asSeries(largePrices, "large_prices");
      if (large instanceof CoreError) return single(large);
      if (small.length !== large.length) return single(SHAPE_MISMATCH);
      if (window instanceof CoreError) return single(window);
      const result = relativePerformance(
        small.map((p) => readNumber(p, "small_prices")),
        large.map((p) => readNumber(p, "large_prices")),
        window as number,
      );
      return result.map((c) => [finite(c)]);
    },
    docs: WITH_DOCS && {
      description: "Rolling relative return (a fraction) of one price series over another, e.g. Russell 2000 over S&P 500; spills one column.",
      args: {
        small_prices: "Prices or index levels, one column (or row), oldest first; positive.",
        large_prices: "Benchmark prices, as many as small_prices; positive.",
        window: "One value: the look-back in rows (trading days), a whole number of at least 1. Default 20.",
      },
      result: "One column as tall as the inputs; the first window rows are #N/A.",
      rules: { small_prices: POSITIVE_PRICE, large_prices: POSITIVE_PRICE },
      valid: [[[100], [102], [105]], [[50], [50.5], [51]], 1],
    },
  },
  {
    name: "SIFLOAT",
    args: [cell("short_interest"), cell("float_shares")],
    kind: "elementwise", calc: shortInterestShare,
    docs: WITH_DOCS && {
      description: "Short interest as a share of the free float (a fraction: 0.15 is 15%).",
      args: {
        short_interest: "Shares sold short; not negative.",
        float_shares: "Shares in the free float; positive.",
      },
      result: "Fraction of the float sold short (0.15 is 15%).",
      rules: { short_interest: NOT_NEGATIVE_SHORT, float_shares: { above: 0, code: "DIV0", message: "float_shares must be positive" } },
      valid: [5_000_000, 40_000_000],
    },
  },
  {
    name: "RATING",
    args: [cell("ebit"), cell("interest_expense")],
    kind: "elementwise", calc: syntheticRating,
    docs: WITH_DOCS && {
      description: "Synthetic credit rating (AAA to D) from interest coverage, on Damodaran's bands for smaller firms (market cap under $5bn).",
      args: {
        ebit: "Operating income (EBIT), money.",
        interest_expense: "Interest expense, money; either sign. Zero with EBIT > 0 is AAA (Damodaran: no interest, infinite coverage); zero with EBIT <= 0 is #N/A, not rated.",
      },
      result: "An S&P-style rating, from AAA to D.",
      valid: [10, 3],
    },
  },
  {
    name: "SPREAD",
    args: [cell("ebit"), cell("interest_expense")],
    kind: "elementwise", calc: defaultSpread,
    docs: WITH_DOCS && {
      description: "Default spread (a fraction) over the risk-free rate for the synthetic rating, on Damodaran's smaller-firm table.",
      args: {
        ebit: "Operating income (EBIT), money.",
        interest_expense: "Interest expense, money; either sign. Zero with EBIT > 0 is the AAA spread; zero with EBIT <= 0 is #N/A, not rated.",
      },
      result: "The spread as a fraction (0.0183 is 1.83%).",
      valid: [10, 3],
    },
  },
  {
    name: "MATURITYWALL",
    args: [
      ...SCHEDULE_ARGS,
      {
        name: "horizon_years",
        role: "perRow",
        optional: true,
        default: DEFAULT_WALL_HORIZON_YEARS,
      },
    ],
    kind: "rowwise", calc: schedule((amounts, years, [horizon]) => maturityWall(amounts, years, horizon)),
    docs: WITH_DOCS && {
      description: "Maturity wall (a fraction per company): the share of debt falling due within a horizon.",
      args: {
        amounts: "Debt due in each maturity bucket, money; one row per company, one column per bucket.",
        years_to_maturity: "Years until each bucket falls due; same shape as amounts, or one header row shared by all companies.",
        horizon_years: "Horizon in years, one value or one per company; buckets due at or before it count. Default 3.",
      },
      result: "Fraction of debt due within the horizon, one row per company.",
      rules: { ...SCHEDULE_RULES, horizon_years: { min: 0, code: "NUM", message: "horizon_years must not be negative" } },
      valid: [[[10, 20, 70]], [[1, 3, 7]], 3],
    },
  },
  {
    name: "WAM",
    args: SCHEDULE_ARGS,
    kind: "rowwise", calc: schedule((amounts, years) => weightedAverageMaturity(amounts, years)),
    docs: WITH_DOCS && {
      description: "Weighted-average maturity of the debt (years per company).",
      args: {
        amounts: "Debt due in each maturity bucket, money; one row per company, one column per bucket.",
        years_to_maturity: "Years until each bucket falls due; same shape as amounts, or one header row shared by all companies.",
      },
      result: "Sum of amount x years over the sum of amounts, one row per company.",
      rules: SCHEDULE_RULES,
      valid: [[[10, 20, 70]], [[1, 3, 7]]],
    },
  },
  {
    name: "QUALITY",
    // The seven company inputs in QUALITY_ARGUMENTS' order (a test checks the names agree).
    args: [
      cell("fcf"),
      cell("floating_share"),
      cell("wam_years"),
      cell("domestic_share"),
      cell("ebit"),
      cell("interest_expense"),
      cell("total_debt"),
      cell("shock_bps", {
        optional: true,
        default: DEFAULT_SHOCK_BPS,
         }),
    ],
    kind: "cells",
    calc: (cells) => {
      const values: Record<string, unknown> = {};
      QUALITY_ARGUMENTS.forEach(({ field }, i) => (values[field] = cells[i]));
      const shock = cells[7] as NumberOrError;
      return shock instanceof CoreError ? shock : qualityVerdict(values, shock);
    },
    docs: WITH_DOCS && {
      description: "The framework's quality test for one company (TRUE/FALSE): positive free cash flow, floating-rate share <= 25%, debt maturity >= 3 years, domestic revenue >= 80%, not a zombie, ICR >= 3, and ICR >= 1.5 after a +200 bp shock. #N/A names the inputs it lacks.",
      args: {
        fcf: "Free cash flow, money.",
        floating_share: "Floating-rate share of the debt, a fraction from 0 to 1; may be blank when there is no debt.",
        wam_years: "Weighted-average debt maturity, years; may be blank when there is no debt.",
        domestic_share: "Domestic share of revenue, a fraction from 0 to 1.",
        ebit: "Operating income (EBIT), money.",
        interest_expense: "Interest expense, money; either sign.",
        total_debt: "Total debt, money; 0 means no debt.",
        shock_bps: "Rate shock on floating-rate debt for the stressed-coverage test, basis points. Default 200.",
      },
      result: "TRUE when every criterion passes, FALSE when any fails.",
      rules: { shock_bps: { min: -10000, max: 10000, code: "NUM", message: "shock_bps must be a number of basis points from -10000 to 10000" } },
      // Passes every quality criterion: ICR 10, shocked ICR 9.6, 10% floating, 5-year WAM, 90% domestic.
      valid: [50, 0.1, 5, 0.9, 100, 10, 200, 200],
    },
  },
  {
    name: "SCREEN",
    args: [
      { name: "table", role: "table" },
      { name: "preset", role: "preset", optional: true },
      { name: "settings", role: "settings", optional: true },
    ],
    kind: "whole", calc: screen,
    docs: WITH_DOCS && {
      description: "The screen engine as a formula: the companies of a table that pass a preset screen, ranked by score, with their cover and valuation; the same result as the task pane and the smallcap CLI.",
      args: {
        table: "The companies, a range that starts with its header row (e.g. A1:N601 or Table1[#All]); headers are recognised as the pane recognises them.",
        preset: "\"quality\" (default), \"zombies\" or \"stress\".",
        settings: "Thresholds as the CLI's --set keys, in text (\"icr=2.5; shockBps=300\") or a two-column range of keys and values. Default: the preset's own.",
      },
      result: "A header row, then one row per passing company in rank order: Rank, Ticker, Name (when the table has names), Score, ICR, Shocked ICR, Zombie, Forward P/E, Note.",
      // Both companies pass the quality screen with ICR >= 2.5 or the default 3 (ICR 10 and 8).
      valid: [
        [
          ["Ticker", "EBIT", "Interest Expense", "Total Debt", "Floating Rate Share", "WAM", "FCF", "Domestic Revenue %", "Fwd P/E"],
          ["AAA", 100, 10, 200, 0.1, 5, 50, 0.9, 12],
          ["BBB", 80, 10, 200, 0.1, 5, 50, 0.9, 10],
        ],
        "quality",
        "icr=2.5",
      ],
    },
  },
  {
    name: "SHOCKSWEEP",
    args: [
      { name: "ebit", role: "universe" },
      { name: "interest_expense", role: "universe" },
      { name: "total_debt", role: "universe" },
      { name: "floating_share", role: "universe" },
      { name: "shocks_bps", role: "shocks" },
      { name: "threshold", role: "scalar", optional: true, default: DEFAULT_SWEEP_THRESHOLD },
    ],
    kind: "whole", calc: shockSweep,
    docs: WITH_DOCS && {
      description: "Rate-shock sweep (a fraction per shock): the share of companies whose interest cover after each rate move is below a threshold.",
      args: {
        ebit: "Operating income (EBIT) of each company, money; a column (or any range), rows with a blank are left out.",
        interest_expense: "Current interest expense, same shape as ebit; either sign.",
        total_debt: "Total debt, same shape as ebit; not negative.",
        floating_share: "Floating-rate share of the debt, same shape as ebit; a fraction from 0 to 1.",
        shocks_bps: "Rate moves in basis points, one row or one column (e.g. 0, 100, ..., 500); the result takes its shape.",
        threshold: "One value: the cover (x) below which a company counts. Default 1.",
      },
      result: "For each shock, the fraction of companies (with every input and pro-forma interest above zero) below the threshold.",
      rules: { total_debt: NOT_NEGATIVE_DEBT, floating_share: SHARE },
      // ICRs after +200 bp: 12 / 11 = 1.09, 9 / 10 = 0.9, 22 / 18 = 1.22: one of three below 1.
      valid: [[[12], [9], [22]], [[10], [10], [-10]], [[100], [0], [400]], [[0.5], [0], [1]], 200, 1],
    },
  },
];

/** An entry's texts; throws in a bundle built without them. */
export function docsOf(entry: FunctionEntry): FunctionDocs {
  if (entry.docs === false) throw new Error(`SMALLCAP.${entry.name}: this build carries no function docs`);
  return entry.docs;
}
