/**
 * Per-row measures the criteria, the score and the summary share, computed column by column
 * through the core's own functions: interest coverage (`coverage.ts`), rate-shocked coverage
 * (`rates.ts`) and the multi-year zombie test (`zombie.ts`).
 *
 * Conventions of the screen (docs/SCREENER.md):
 * - Zero interest expense is infinite coverage (`Infinity` here, null in a result row): nothing
 *   to cover, so it passes coverage tests and is not a zombie, whatever EBIT is.
 * - A company with no debt, or none of it floating, takes no rate shock: its shocked ICR is its
 *   plain ICR. A pro-forma interest of zero or less also counts as infinite coverage.
 * - Where a measure is unknown, a bit mask names the fields that made it so.
 */
import { coverageRatio } from "../coverage";
import { DEFAULT_ZOMBIE_YEARS } from "../defaults";
import { CoreError, coreError } from "../errors";
import { shockedRatio } from "../rates";
import { periodFails } from "../zombie";
import { NUMERIC_FIELDS, NumericFieldId, ScreenRecords, problemAt } from "./records";

/** A field that can make a measure unknown. */
export type CauseField = NumericFieldId | "ebitHistory" | "interestHistory";
export const CAUSE_FIELDS: readonly CauseField[] = Object.freeze([...NUMERIC_FIELDS, "ebitHistory", "interestHistory"] as CauseField[]);

const BIT = new Map<CauseField, number>(CAUSE_FIELDS.map((f, i) => [f, 1 << i]));
/** The bit of a field in a cause mask. */
export function causeBit(field: CauseField): number {
  return BIT.get(field) as number;
}
/** The fields in a cause mask, in field order. */
export function causeFields(mask: number): CauseField[] {
  const out: CauseField[] = [];
  for (let i = 0; i < CAUSE_FIELDS.length; i++) if ((mask & (1 << i)) !== 0) out.push(CAUSE_FIELDS[i]);
  return out;
}

const EBIT = causeBit("ebit");
const INTEREST = causeBit("interestExpense");
const DEBT = causeBit("totalDebt");
const SHARE = causeBit("floatingShare");
const FCF = causeBit("fcf");
const MARKET_CAP = causeBit("marketCap");
const EBIT_HISTORY = causeBit("ebitHistory");
const INTEREST_HISTORY = causeBit("interestHistory");

export interface CoverageColumns {
  /** EBIT / |interest|; Infinity for zero interest; NaN unknown. */
  readonly icr: Float64Array;
  readonly icrCause: Int32Array;
  /** After the rate shock on floating debt; Infinity for zero pro-forma interest; NaN unknown. */
  readonly shockedIcr: Float64Array;
  readonly shockedCause: Int32Array;
}

export function coverageColumns(records: ScreenRecords, shockBps: number): CoverageColumns {
  const n = records.count;
  const ebit = records.numbers.ebit.values;
  const interest = records.numbers.interestExpense.values;
  const debt = records.numbers.totalDebt.values;
  const share = records.numbers.floatingShare.values;
  const icr = new Float64Array(n);
  const icrCause = new Int32Array(n);
  const shockedIcr = new Float64Array(n);
  const shockedCause = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const e = ebit[i];
    const x = interest[i];
    let cover = NaN;
    let cause = 0;
    if (x !== x) cause = INTEREST | (e !== e ? EBIT : 0);
    else if (x === 0) cover = Infinity;
    else if (e !== e) cause = EBIT;
    else cover = coverageRatio(e, x);
    icr[i] = cover;
    icrCause[i] = cause;

    const d = debt[i];
    const s = share[i];
    if (d === 0 || s === 0) {
      shockedIcr[i] = cover;
      shockedCause[i] = cause;
      continue;
    }
    let shockCause = (x !== x ? INTEREST : 0) | (d !== d ? DEBT : 0) | (s !== s ? SHARE : 0);
    let shocked = NaN;
    if (shockCause === 0) {
      // shockedRatio is shockedCoverage as a plain number (no error object to box): NaN where
      // EBIT is unknown, the share or debt is out of range (records never let that through),
      // or pro-forma interest is not above zero, which is infinite coverage.
      const r = shockedRatio(e, x, d, s, shockBps);
      if (r === r) shocked = r;
      else if (e !== e) shockCause = EBIT;
      else if (s < 0 || s > 1 || d < 0) shockCause = DEBT | SHARE;
      else shocked = Infinity;
    } else if (e !== e) shockCause |= EBIT;
    shockedIcr[i] = shocked;
    shockedCause[i] = shockCause;
  }
  return { icr, icrCause, shockedIcr, shockedCause };
}

export interface ZombieColumn {
  /** 1 zombie, 0 not a zombie, -1 unknown. */
  readonly status: Int8Array;
  readonly cause: Int32Array;
  /** For rows unknown through the history: the period's own error (`missing EBIT 2023`). */
  readonly notes: readonly (CoreError | undefined)[] | null;
  /** True when the multi-year test ran (history mapped). */
  readonly multiYear: boolean;
  /** Periods the test considers. */
  readonly years: number;
}


/**
 * The zombie test per row, over the latest `years` fiscal periods (default 3):
 * - a zombie when every one of them is known and fails (interest non-zero, EBIT / |interest|
 *   below the line: `periodFails`, the rule of SMALLCAP.ZOMBIE);
 * - not a zombie as soon as one considered period is known and does not fail, even when
 *   another is blank;
 * - otherwise unknown, naming the first period that is missing. A table with fewer period
 *   columns than `years` (or only the latest EBIT and interest) gives fewer periods than the
 *   test needs: never a zombie on fewer periods, unknown unless a known period clears it.
 */
export function zombieColumn(records: ScreenRecords, coverage: CoverageColumns, threshold: number, years: number | undefined): ZombieColumn {
  const n = records.count;
  const status = new Int8Array(n);
  const cause = new Int32Array(n);
  const span = years ?? DEFAULT_ZOMBIE_YEARS;
  const periods = records.ebitHistory.length;
  const notes = new Array<CoreError | undefined>(n);
  if (periods === 0) {
    // Only the latest EBIT and interest: one period of the `span` the test needs.
    const short = span > 1 ? coreError("NA", `the zombie test needs ${span} fiscal periods; the table gives only the latest EBIT and interest`) : undefined;
    for (let i = 0; i < n; i++) {
      const cover = coverage.icr[i];
      if (cover !== cover) {
        status[i] = -1;
        cause[i] = coverage.icrCause[i];
      } else if (cover >= threshold) status[i] = 0;
      else if (short === undefined) status[i] = 1;
      else {
        status[i] = -1;
        cause[i] = EBIT_HISTORY;
        notes[i] = short;
      }
    }
    return { status, cause, notes, multiYear: false, years: span };
  }
  const considered = Math.min(span, periods);
  const first = periods - considered;
  const short =
    considered < span
      ? coreError("NA", `the zombie test needs ${span} fiscal periods; the table gives ${periods} period${periods === 1 ? "" : "s"} of EBIT and interest`)
      : undefined;
  const ebitColumns = records.ebitHistory.map((c) => c.values);
  const interestColumns = records.interestHistory.map((c) => c.values);
  for (let i = 0; i < n; i++) {
    let cleared = false;
    let unknownAt = -1;
    let unknownInterest = false;
    for (let t = periods - 1; t >= first; t--) {
      const e = ebitColumns[t][i];
      const x = interestColumns[t][i];
      if (x === 0 || (x === x && e === e)) {
        if (!periodFails(e, x, threshold)) {
          cleared = true;
          break;
        }
      } else if (unknownAt < 0 || t < unknownAt) {
        unknownAt = t;
        unknownInterest = x !== x && e === e;
      }
    }
    if (cleared) status[i] = 0;
    else if (unknownAt < 0 && short === undefined) status[i] = 1;
    else {
      status[i] = -1;
      if (unknownAt >= 0) {
        const column = unknownInterest ? records.interestHistory[unknownAt] : records.ebitHistory[unknownAt];
        cause[i] = unknownInterest ? INTEREST_HISTORY : EBIT_HISTORY;
        notes[i] = problemAt(column, i);
      } else {
        cause[i] = EBIT_HISTORY;
        notes[i] = short;
      }
    }
  }
  return { status, cause, notes, multiYear: true, years: span };
}

export interface YieldColumn {
  /** fcf / marketCap where market cap is above zero; NaN unknown. */
  readonly fcfYield: Float64Array;
  readonly cause: Int32Array;
}

export function fcfYieldColumn(records: ScreenRecords): YieldColumn {
  const n = records.count;
  const fcf = records.numbers.fcf.values;
  const cap = records.numbers.marketCap.values;
  const fcfYield = new Float64Array(n);
  const cause = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const f = fcf[i];
    const m = cap[i];
    const c = (f !== f ? FCF : 0) | (m !== m || m === 0 ? MARKET_CAP : 0);
    cause[i] = c;
    fcfYield[i] = c === 0 ? f / m : NaN;
  }
  return { fcfYield, cause };
}
