/**
 * The 0-100 score of a passing row, and its rank.
 *
 *   score = 100 * (0.5 * P(value) + 0.25 * P(ICR) + 0.25 * P(FCF yield))
 *
 * where P(metric) is the row's percentile rank of that metric within the screened universe:
 * every screened row with the metric known, passing or not.
 *
 * - P = (r - 1) / (n - 1), with r the row's 1-based rank from worst to best among the n rows
 *   with the metric known; tied values share the average of their ranks. Best is 1, worst 0,
 *   an all-tied metric 0.5, and a universe of one row 0.5 (the all-tied case).
 * - value: forward P/E, lower is better. A P/E <= 0 or missing earns no value credit (P = 0)
 *   and is left out of the universe: a loss-making P/E is not cheap.
 * - ICR: EBIT / |interest|, higher is better; zero interest is infinite coverage (the best).
 * - FCF yield: fcf / market cap (market cap > 0), higher is better.
 * - A component that is unknown for a row counts as 0.
 *
 * Rank 1 is the highest score; equal scores are ordered by ticker (plain code-unit order, no
 * ticker last), then by source row, so ranks are unique. O(n log n) in rows.
 * @see docs/SCREENER.md
 */

export const SCORE_WEIGHTS = Object.freeze({ value: 0.5, icr: 0.25, fcfYield: 0.25 });

function lowerBound(sorted: Float64Array, value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Percentile rank of each value among the known (non-NaN) values, higher value = higher
 * percentile, 0..1; NaN stays NaN. Ties share the average rank.
 *
 * One binary search per value finds the first of its ties; a table built in one pass over
 * the sorted values gives the last (instead of a second search).
 */
export function percentileRanks(values: Float64Array): Float64Array {
  const sorted = values.filter((v) => v === v).sort();
  const n = sorted.length;
  const lastTie = new Int32Array(n);
  for (let k = n - 1; k >= 0; k--) lastTie[k] = k + 1 < n && sorted[k + 1] === sorted[k] ? lastTie[k + 1] : k;
  const out = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v !== v) {
      out[i] = NaN;
      continue;
    }
    if (n === 1) {
      out[i] = 0.5;
      continue;
    }
    const first = lowerBound(sorted, v);
    out[i] = (first + lastTie[first]) / 2 / (n - 1);
  }
  return out;
}

export interface ScoreInput {
  /** Forward P/E per row; NaN unknown. */
  readonly forwardPe: Float64Array;
  /** ICR per row; Infinity for zero interest; NaN unknown. */
  readonly icr: Float64Array;
  /** FCF / market cap per row; NaN unknown. */
  readonly fcfYield: Float64Array;
  /** 1 for a passing row. */
  readonly pass: Uint8Array;
  /** For tie-breaks. */
  readonly tickers: readonly (string | null)[] | null;
  readonly sourceRows: Int32Array;
}

export interface Scores {
  /** 0-100 for passing rows, NaN otherwise. */
  readonly score: Float64Array;
  /** 1-based rank for passing rows, 0 otherwise. */
  readonly rank: Int32Array;
  /** The components, 0..1 (NaN where unknown), for every row. */
  readonly valuePercentile: Float64Array;
  readonly icrPercentile: Float64Array;
  readonly fcfYieldPercentile: Float64Array;
}

export function scoreRows(input: ScoreInput): Scores {
  const n = input.pass.length;
  const cheapness = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const pe = input.forwardPe[i];
    cheapness[i] = pe > 0 ? -pe : NaN;
  }
  const valuePercentile = percentileRanks(cheapness);
  const icrPercentile = percentileRanks(input.icr);
  const fcfYieldPercentile = percentileRanks(input.fcfYield);
  const score = new Float64Array(n).fill(NaN);
  const passing: number[] = [];
  for (let i = 0; i < n; i++) {
    if (input.pass[i] !== 1) continue;
    const v = valuePercentile[i];
    const c = icrPercentile[i];
    const f = fcfYieldPercentile[i];
    const raw =
      100 *
      (SCORE_WEIGHTS.value * (v === v ? v : 0) + SCORE_WEIGHTS.icr * (c === c ? c : 0) + SCORE_WEIGHTS.fcfYield * (f === f ? f : 0));
    score[i] = Math.min(100, Math.max(0, raw));
    passing.push(i);
  }
  const tickers = input.tickers;
  passing.sort((a, b) => {
    if (score[a] !== score[b]) return score[b] - score[a];
    const ta = tickers === null ? null : tickers[a];
    const tb = tickers === null ? null : tickers[b];
    if (ta !== tb) {
      if (ta === null) return 1;
      if (tb === null) return -1;
      return ta < tb ? -1 : 1;
    }
    return input.sourceRows[a] - input.sourceRows[b];
  });
  const rank = new Int32Array(n);
  for (let k = 0; k < passing.length; k++) rank[passing[k]] = k + 1;
  return { score, rank, valuePercentile, icrPercentile, fcfYieldPercentile };
}
