/**
 * The screen engine's contract: shared by the task pane, the Excel adapter, the browser
 * preview host, the CLI and the QUALITY formula. The engine is pure (no Office globals):
 * values in (a header row and data rows, as read from a sheet), a ranked, explained result out.
 *
 * docs/SCREENER.md: each criterion gives pass, fail or unknown; a row passes
 * only when every active criterion passes; passing rows are ranked by a 0-100 score of
 * percentile ranks within the screened universe.
 */

import type { ShockCurve } from "../sweep";

export type { CriterionId, FieldId, PresetId } from "./ids";
import type { CriterionId, FieldId, PresetId } from "./ids";

/** Which sheet column (0-based, within the source table) feeds each field. */
export interface ColumnMapping {
  readonly fields: Readonly<Partial<Record<FieldId, number>>>;
  /** Period columns for the multi-year zombie test (e.g. `EBIT 2022 | EBIT 2023 | EBIT 2024`), oldest first. */
  readonly ebitHistory: readonly number[];
  /** Interest expense per period, same periods and order as ebitHistory. */
  readonly interestHistory: readonly number[];
}

/** What mapColumns recognised, for the pane to show and let the analyst edit. */
export interface MappingReport {
  readonly mapping: ColumnMapping;
  /** One entry per recognised column: its index, header text and what it feeds. */
  readonly recognised: readonly {
    readonly column: number;
    readonly header: string;
    readonly field: FieldId | "ebitHistory" | "interestHistory";
    readonly period?: string;
    /**
     * Other fields the same column also feeds, e.g. the latest `EBIT 2024` column is
     * `ebitHistory` and also feeds `ebit` when there is no plain EBIT column.
     */
    readonly alsoFeeds?: readonly FieldId[];
  }[];
  /** Headers that feed nothing (not an error); `reason` says why where the header was understood (an estimate column). */
  readonly ignored: readonly { readonly column: number; readonly header: string; readonly reason?: string }[];
  /** What the mapping assumed from the headers, in words (estimates left out, units, periods). */
  readonly notes?: readonly ScreenMessage[];
}

/** Something a run assumed or found, for the pane, the CLI's text and its JSON. */
export interface ScreenMessage {
  /** error: the result cannot be trusted as it stands (every row unknown); warning: part of it; info: an assumption. */
  readonly level: "error" | "warning" | "info";
  readonly message: string;
}

/** How the table was read: one row per company (wide) or one row per company and period (panel). */
export interface LayoutReport {
  readonly kind: "wide" | "panel";
  /** Companies judged (panel) or rows (wide). */
  readonly companies: number;
  /** Panel: most fiscal periods one company has, and the first and last fiscal year seen. */
  readonly maxPeriods?: number;
  readonly firstYear?: number;
  readonly lastYear?: number;
  /** Panel: company-and-period pairs given more than once (one row used, see messages). */
  readonly duplicates?: number;
  /** Fiscal periods the zombie test considers. */
  readonly zombieYears: number;
}

export type Verdict = "pass" | "fail" | "unknown";

/** One active or inactive criterion with its editable threshold. */
export interface CriterionSetting {
  readonly id: CriterionId;
  readonly enabled: boolean;
  /** The editable number (e.g. 0.25 for floatingShare <= 0.25); meaning per criterion, see criteria.ts. */
  readonly threshold: number;
}

export interface ScreenConfig {
  readonly preset: PresetId;
  readonly criteria: readonly CriterionSetting[];
  /** Rate shock on the floating-rate part of the debt, basis points (quality preset: 200). */
  readonly shockBps: number;
  /**
   * Fiscal periods the zombie test considers: ICR below the line in each of the latest N
   * (default 3, the framework's); fewer known periods is unknown, never a shorter test.
   */
  readonly zombieYears?: number;
  /**
   * How an interest column with values of both signs is read: by its convention (the
   * default: the minority sign is net interest income, no net expense) or `magnitude` (every
   * value is an expense of its size, the single-cell functions' rule).
   */
  readonly interestSign?: "magnitude";
}

/** Why a field of a row could not be used: `{ field: "ebit", message: "ebit is text, not a number" }`. */
export interface FieldProblem {
  readonly field: FieldId | "ebitHistory" | "interestHistory";
  readonly message: string;
}

export interface RowResult {
  /** 1-based data row within the source (the header row is not counted). */
  readonly row: number;
  readonly ticker: string | null;
  readonly name: string | null;
  /** The sector text where a sector column is mapped. */
  readonly sector?: string | null;
  readonly pass: boolean;
  /** 0-100 for passing rows, null otherwise. */
  readonly score: number | null;
  /** 1 = best; null for rows that do not pass. */
  readonly rank: number | null;
  /** EBIT / |interest|; null when unknown or when interest is zero (infinite coverage: the verdicts say so). */
  readonly icr: number | null;
  /** ICR after the config's rate shock; null when unknown or when pro-forma interest is zero. */
  readonly shockedIcr: number | null;
  readonly zombie: boolean | null;
  readonly forwardPe: number | null;
  readonly fcfYield: number | null;
  readonly verdicts: Readonly<Partial<Record<CriterionId, Verdict>>>;
  readonly failed: readonly CriterionId[];
  readonly unknown: readonly CriterionId[];
  readonly problems: readonly FieldProblem[];
  /**
   * Plain words: "passes" or e.g. "fails: ICR >= 3 (1.8x), floating-rate share <= 25% (40%);
   * unknown: domestic revenue share (missing domesticShare)".
   */
  readonly reason: string;
}

export interface ScreenSummary {
  readonly rowsScreened: number;
  readonly rowsPassing: number;
  readonly zombieCount: number;
  /** zombieCount / rows whose zombie test is known; null when none is known. */
  readonly zombieShare: number | null;
  /** Share of rows with EBIT < 0 among rows with EBIT known; null when none. */
  readonly unprofitableShare: number | null;
  /** Aggregate P/E (sum market cap / sum earnings) over rows with both; null when not computable. */
  readonly indexPe: number | null;
  readonly indexPeExUnprofitable: number | null;
  /**
   * The rate-stress counts (every preset): rows whose shocked ICR is known, and how many
   * of them fall below 1 and below the stress line (the shocked-ICR criterion's threshold, else 1.5).
   */
  readonly stress?: {
    readonly shockBps: number;
    readonly threshold: number;
    readonly rowsKnown: number;
    readonly belowOne: number;
    readonly belowThreshold: number;
  };
}

/** Verdict codes of the typed verdict columns. */
export const VERDICT_PASS = 1;
export const VERDICT_FAIL = 0;
export const VERDICT_UNKNOWN = -1;

/**
 * A run's per-row results as typed columns, one entry per screened row in source order: what
 * the screen decided, without one object or one string per row.
 */
export interface ResultColumns {
  /** 1-based data row within the source. */
  readonly sourceRow: Int32Array;
  /** 1 for a passing row. */
  readonly pass: Uint8Array;
  /** 0-100 for passing rows, NaN otherwise. */
  readonly score: Float64Array;
  /** 1-based rank for passing rows, 0 otherwise. */
  readonly rank: Int32Array;
  /** EBIT / |interest|; Infinity for zero interest, NaN unknown. */
  readonly icr: Float64Array;
  /** After the rate shock; Infinity for zero pro-forma interest, NaN unknown. */
  readonly shockedIcr: Float64Array;
  /** 1 zombie, 0 not, -1 unknown. */
  readonly zombie: Int8Array;
  /** NaN unknown. */
  readonly forwardPe: Float64Array;
  /** fcf / market cap; NaN unknown. */
  readonly fcfYield: Float64Array;
  /** One column per enabled criterion, in `ScreenResult.criteria` order: VERDICT_PASS, VERDICT_FAIL or VERDICT_UNKNOWN. */
  readonly verdicts: readonly Int8Array[];
}

export interface ScreenResult {
  readonly mapping: MappingReport;
  /** Warnings and assumptions of the run (unreadable columns, duplicate tickers, the panel...). */
  readonly messages?: readonly ScreenMessage[];
  /** The layout the run read. */
  readonly layout?: LayoutReport;
  readonly config: ScreenConfig;
  readonly summary: ScreenSummary;
  /** Rows screened (fully blank source rows are left out). */
  readonly count: number;
  /** The enabled criteria, in the order of `columns.verdicts`. */
  readonly criteria: readonly CriterionId[];
  readonly columns: ResultColumns;
  /** Row indexes in the order a results sheet lists them: passing rows by rank, then the others in source order. */
  readonly order: Int32Array;
  /** Rows with at least one criterion unknown (missing or unreadable data). */
  readonly rowsWithUnknown: number;
  /**
   * Row `i` (source order) in full, with its verdicts, problems and reason in words, built when
   * asked: a host that writes 100,000 rows builds each row as it writes it, and holds none.
   */
  row(i: number): RowResult;
  /**
   * Every row in source order, built on first use and kept: convenient for small tables and
   * tests. Hosts writing large results walk `order` with `row(i)` instead.
   */
  readonly rows: readonly RowResult[];
  /**
   * The screened universe's rate-shock curve, the shares below 1x and 1.5x from 0 to
   * +500 bp with the run's own shock marked, by the rules of SMALLCAP.SHOCKSWEEP on the rows'
   * EBIT, interest, debt and floating share (`src/core/sweep.ts`). Computed on first use.
   */
  shockCurve(): ShockCurve;
}

/** What the engine takes: the source table as read, header row first. */
export interface ScreenInput {
  readonly headers: readonly unknown[];
  readonly rows: readonly (readonly unknown[])[];
}
