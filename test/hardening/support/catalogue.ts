/**
 * Every SMALLCAP function as the hardening suite sees it: its arguments in order, what role
 * each plays in the shared adapter (src/core/grid.ts), and one valid call. The bad-input matrix
 * and the fuzzers read this; a function added to SMALLCAP_FUNCTIONS without an entry here
 * fails the suite (see `catalogueProblems`).
 */
import { SMALLCAP_FUNCTIONS } from "../../../src/functions/definitions";

/**
 * - `cell`: element-wise; a single value or a range, broadcast against the other ranges.
 * - `series`: row-wise; one row per company, one column per period (a bad value goes in the last period).
 * - `perRow`: row-wise; one value or one per company.
 * - `paired`: INDEXPE's two columns; rows with a blank are skipped.
 * - `flag`: a single TRUE/FALSE.
 * - `prices`: RELPERF's columns, oldest first (a bad value goes in the newest row).
 * - `window`: a single whole number.
 * - `shocks`: SHOCKSWEEP's shocks, one row or one column (a single value here); the result takes its shape.
 * - `scalar`: a single number (SHOCKSWEEP's threshold).
 * - `table`: SCREEN's table, header row first; a bad value goes in the first company's EBIT and
 *   makes that company unknown (it cannot pass), never an error of the formula.
 * - `preset`, `settings`: SCREEN's text arguments.
 */
export type Role = "cell" | "series" | "perRow" | "paired" | "flag" | "prices" | "window" | "shocks" | "scalar" | "table" | "preset" | "settings";

export interface ArgDef {
  readonly name: string;
  readonly role: Role;
  /** Optional: blank or omitted takes the default. */
  readonly optional?: boolean;
}

export interface FunctionDef {
  readonly fn: string;
  readonly args: readonly ArgDef[];
  /** A valid call whose result is a plain value (not an error). */
  readonly valid: readonly unknown[];
  /**
   * How the result is read: the last row for RELPERF; for SCREEN the passing tickers in order
   * (`passing: BBB, AAA`) or its one error; else the only cell.
   */
  readonly output: "only" | "lastRow" | "screen";
}

const cell = (name: string, optional = false): ArgDef => ({ name, role: "cell", optional });

export const CATALOGUE: readonly FunctionDef[] = [
  { fn: "ICR", args: [cell("ebit"), cell("interest_expense")], valid: [10, 4], output: "only" },
  {
    fn: "ZOMBIE",
    args: [
      { name: "ebit", role: "series" },
      { name: "interest_expense", role: "series" },
      { name: "years", role: "perRow", optional: true },
      { name: "threshold", role: "perRow", optional: true },
    ],
    valid: [[[5, 8, 9]], [[10, 10, 10]], 3, 1],
    output: "only",
  },
  {
    fn: "SHOCKICR",
    args: [cell("ebit"), cell("interest_expense"), cell("total_debt"), cell("floating_share"), cell("shock_bps")],
    valid: [30, 5, 100, 0.4, 200],
    output: "only",
  },
  {
    fn: "DOL",
    args: [cell("ebit_prior"), cell("ebit_current"), cell("revenue_prior"), cell("revenue_current")],
    valid: [100, 117.5, 1000, 1020],
    output: "only",
  },
  { fn: "RELPE", args: [cell("small_pe"), cell("large_pe")], valid: [16, 20], output: "only" },
  { fn: "REVERSION", args: [cell("current_premium"), cell("mean_premium", true)], valid: [-0.2, 0.12], output: "only" },
  { fn: "DAYSTOCOVER", args: [cell("short_interest"), cell("avg_daily_volume")], valid: [5_000_000, 400_000], output: "only" },
  {
    fn: "INDEXPE",
    args: [
      { name: "market_caps", role: "paired" },
      { name: "earnings", role: "paired" },
      { name: "exclude_unprofitable", role: "flag", optional: true },
    ],
    valid: [[[100], [200], [300]], [[10], [20], [15]], false],
    output: "only",
  },
  {
    fn: "RELPERF",
    args: [
      { name: "small_prices", role: "prices" },
      { name: "large_prices", role: "prices" },
      { name: "window", role: "window", optional: true },
    ],
    valid: [[[100], [102], [105]], [[50], [50.5], [51]], 1],
    output: "lastRow",
  },
  { fn: "SIFLOAT", args: [cell("short_interest"), cell("float_shares")], valid: [5_000_000, 40_000_000], output: "only" },
  { fn: "RATING", args: [cell("ebit"), cell("interest_expense")], valid: [10, 3], output: "only" },
  { fn: "SPREAD", args: [cell("ebit"), cell("interest_expense")], valid: [10, 3], output: "only" },
  {
    fn: "MATURITYWALL",
    args: [
      { name: "amounts", role: "series" },
      { name: "years_to_maturity", role: "series" },
      { name: "horizon_years", role: "perRow", optional: true },
    ],
    valid: [[[10, 20, 70]], [[1, 3, 7]], 3],
    output: "only",
  },
  {
    fn: "WAM",
    args: [
      { name: "amounts", role: "series" },
      { name: "years_to_maturity", role: "series" },
    ],
    valid: [[[10, 20, 70]], [[1, 3, 7]]],
    output: "only",
  },
  {
    fn: "QUALITY",
    args: [
      cell("fcf"),
      cell("floating_share"),
      cell("wam_years"),
      cell("domestic_share"),
      cell("ebit"),
      cell("interest_expense"),
      cell("total_debt"),
      cell("shock_bps", true),
    ],
    // Passes every quality criterion: ICR 10, shocked ICR 9.6, 10% floating, 5-year WAM, 90% domestic.
    valid: [50, 0.1, 5, 0.9, 100, 10, 200, 200],
    output: "only",
  },
  {
    fn: "SCREEN",
    args: [
      { name: "table", role: "table" },
      { name: "preset", role: "preset", optional: true },
      { name: "settings", role: "settings", optional: true },
    ],
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
    output: "screen",
  },
  {
    fn: "SHOCKSWEEP",
    args: [
      { name: "ebit", role: "paired" },
      { name: "interest_expense", role: "paired" },
      { name: "total_debt", role: "paired" },
      { name: "floating_share", role: "paired" },
      { name: "shocks_bps", role: "shocks" },
      { name: "threshold", role: "scalar", optional: true },
    ],
    // ICRs after +200 bp: 12 / 11 = 1.09, 9 / 10 = 0.9, 22 / 18 = 1.22: one of three below 1.
    valid: [[[12], [9], [22]], [[10], [10], [-10]], [[100], [0], [400]], [[0.5], [0], [1]], 200, 1],
    output: "only",
  },
];

export function call(fn: string, args: readonly unknown[]): unknown[][] {
  return SMALLCAP_FUNCTIONS[fn](...args) as unknown[][];
}

/** Functions in SMALLCAP_FUNCTIONS without an entry here, and entries for functions that are gone. */
export function catalogueProblems(): string[] {
  const known = new Set(CATALOGUE.map((d) => d.fn));
  const actual = Object.keys(SMALLCAP_FUNCTIONS);
  return [
    ...actual.filter((fn) => !known.has(fn)).map((fn) => `SMALLCAP.${fn} has no entry in test/hardening/support/catalogue.ts`),
    ...[...known].filter((fn) => !actual.includes(fn)).map((fn) => `catalogue entry ${fn} is not in SMALLCAP_FUNCTIONS`),
  ];
}
