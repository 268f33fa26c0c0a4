/**
 * The screen's summary: how many rows, how many pass, how many are zombies, how much of the
 * universe loses money, and the "index drag" of the weak tail: the aggregate P/E with and
 * without unprofitable rows (docs/SCREENER.md), through `indexPe`.
 */
import { indexPe } from "../aggregates";
import { COVER_LINE } from "../defaults";
import { CoreError } from "../errors";
import type { CoverageColumns, ZombieColumn } from "./metrics";
import type { ScreenRecords } from "./records";
import type { ScreenSummary } from "./types";

/** What a screen of a table with a header and no data rows says, in the pane and the CLI alike. */
export const NO_DATA_ROWS = "No data rows below the header: nothing to screen.";

export interface SummaryInput {
  readonly records: ScreenRecords;
  readonly rowsPassing: number;
  /** The run's zombie test (multi-year where history is mapped, else latest ICR). */
  readonly zombie: ZombieColumn;
  readonly coverage: CoverageColumns;
  readonly shockBps: number;
  /** The shocked-ICR line the stress counts use. */
  readonly stressThreshold: number;
}

/** Known values as numbers, unusable ones as blanks, so indexPe skips them. */
function asCells(values: Float64Array): (number | null)[] {
  const out = new Array<number | null>(values.length);
  for (let i = 0; i < values.length; i++) out[i] = values[i] === values[i] ? values[i] : null;
  return out;
}

/**
 * Aggregate P/E over rows with both market cap and earnings known. Earnings are never
 * invented from forward P/E: without an earnings column the figure is null.
 */
function aggregatePe(records: ScreenRecords, excludeUnprofitable: boolean, caps: (number | null)[], earnings: (number | null)[]): number | null {
  if (!records.numbers.earnings.mapped || !records.numbers.marketCap.mapped) return null;
  const pe = indexPe(caps, earnings, { excludeUnprofitable });
  return pe instanceof CoreError ? null : pe;
}

export function summarise(input: SummaryInput): ScreenSummary {
  const { records, zombie, coverage } = input;
  const n = records.count;
  let zombieCount = 0;
  let zombieKnown = 0;
  for (let i = 0; i < n; i++) {
    const s = zombie.status[i];
    if (s >= 0) {
      zombieKnown++;
      if (s === 1) zombieCount++;
    }
  }
  let ebitKnown = 0;
  let unprofitable = 0;
  const ebit = records.numbers.ebit.values;
  for (let i = 0; i < n; i++) {
    const e = ebit[i];
    if (e === e) {
      ebitKnown++;
      if (e < 0) unprofitable++;
    }
  }
  let stressKnown = 0;
  let belowOne = 0;
  let belowThreshold = 0;
  for (let i = 0; i < n; i++) {
    const s = coverage.shockedIcr[i];
    if (s !== s) continue;
    stressKnown++;
    if (s < COVER_LINE) belowOne++;
    if (s < input.stressThreshold) belowThreshold++;
  }
  const pricing = records.numbers.earnings.mapped && records.numbers.marketCap.mapped;
  const caps = pricing ? asCells(records.numbers.marketCap.values) : [];
  const earnings = pricing ? asCells(records.numbers.earnings.values) : [];
  return {
    rowsScreened: n,
    rowsPassing: input.rowsPassing,
    zombieCount,
    zombieShare: zombieKnown === 0 ? null : zombieCount / zombieKnown,
    unprofitableShare: ebitKnown === 0 ? null : unprofitable / ebitKnown,
    indexPe: aggregatePe(records, false, caps, earnings),
    indexPeExUnprofitable: aggregatePe(records, true, caps, earnings),
    stress: {
      shockBps: input.shockBps,
      threshold: input.stressThreshold,
      rowsKnown: stressKnown,
      belowOne,
      belowThreshold,
    },
  };
}
