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

/** Where the high and low 32 bits of a double sit in its Uint32Array view (byte order of this machine). */
const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;
const HI = LITTLE_ENDIAN ? 1 : 0;
const LO = 1 - HI;
const DIGIT_BITS = 16;
const BUCKETS = 1 << DIGIT_BITS;

/** Working arrays of percentileRanks, sized for `n` values, reusable across calls of one size. */
export class RankScratch {
  readonly source: Uint32Array;
  readonly hi: Uint32Array;
  readonly lo: Uint32Array;
  readonly order: Uint32Array;
  readonly spare: Uint32Array;
  readonly counts = new Uint32Array(BUCKETS);
  constructor(n: number) {
    this.source = new Uint32Array(n);
    this.hi = new Uint32Array(n);
    this.lo = new Uint32Array(n);
    this.order = new Uint32Array(n);
    this.spare = new Uint32Array(n);
  }
}

/**
 * Sorts the first `n` entries of `hi`/`lo` (unsigned 32-bit words, `hi` the more significant)
 * and returns their order as indexes 0..n-1: a least-significant-digit radix sort, 16 bits a
 * pass, stable; a pass whose digit is the same for every key is skipped. O(n), where a
 * comparison sort of 100,000 values and a binary search for each took five times as long.
 */
function radixOrder(n: number, scratch: RankScratch): Uint32Array {
  const { hi, lo, counts } = scratch;
  let order = scratch.order;
  let spare = scratch.spare;
  for (let k = 0; k < n; k++) order[k] = k;
  for (let pass = 0; pass < 4; pass++) {
    const words = pass < 2 ? lo : hi;
    const shift = (pass % 2) * DIGIT_BITS;
    counts.fill(0);
    for (let k = 0; k < n; k++) counts[(words[k] >>> shift) & (BUCKETS - 1)]++;
    if (counts[(words[0] >>> shift) & (BUCKETS - 1)] === n) continue;
    let start = 0;
    for (let d = 0; d < BUCKETS; d++) {
      const c = counts[d];
      counts[d] = start;
      start += c;
    }
    for (let k = 0; k < n; k++) {
      const at = order[k];
      spare[counts[(words[at] >>> shift) & (BUCKETS - 1)]++] = at;
    }
    const swap = order;
    order = spare;
    spare = swap;
  }
  return order;
}

/** One double's IEEE-754 bits, read through a shared view. */
const BITS_OF = new Float64Array(1);
const WORDS_OF = new Uint32Array(BITS_OF.buffer);

/**
 * Percentile rank of each value among the known (non-NaN) values, higher value = higher
 * percentile, 0..1; NaN stays NaN. Ties share the average rank.
 *
 * The known values are sorted by radix on their IEEE-754 bits, turned into unsigned keys that
 * order as the numbers do (a positive number's sign bit set, a negative number's bits all
 * flipped); then one walk over the sorted values gives each run of equal values (-0 and 0
 * included, which sit next to each other) its average rank. `scratch` (at least
 * `values.length` long) saves the working arrays when several columns are ranked.
 */
export function percentileRanks(values: Float64Array, scratch: RankScratch = new RankScratch(values.length)): Float64Array {
  const out = new Float64Array(values.length);
  const { source, hi, lo } = scratch;
  let n = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v !== v) {
      out[i] = NaN;
      continue;
    }
    BITS_OF[0] = v;
    const h = WORDS_OF[HI];
    const l = WORDS_OF[LO];
    const negative = (h & 0x80000000) !== 0;
    hi[n] = negative ? ~h >>> 0 : (h | 0x80000000) >>> 0;
    lo[n] = negative ? ~l >>> 0 : l;
    source[n++] = i;
  }
  if (n === 0) return out;
  if (n === 1) {
    out[source[0]] = 0.5;
    return out;
  }
  const order = radixOrder(n, scratch);
  for (let first = 0; first < n; ) {
    const v = values[source[order[first]]];
    let last = first;
    while (last + 1 < n && values[source[order[last + 1]]] === v) last++;
    const p = (first + last) / 2 / (n - 1);
    for (let k = first; k <= last; k++) out[source[order[k]]] = p;
    first = last + 1;
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
  const scratch = new RankScratch(n);
  const valuePercentile = percentileRanks(cheapness, scratch);
  const icrPercentile = percentileRanks(input.icr, scratch);
  const fcfYieldPercentile = percentileRanks(input.fcfYield, scratch);
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
    // A sign, not a difference: a double returned from a comparator is boxed on every call.
    if (score[a] !== score[b]) return score[a] > score[b] ? -1 : 1;
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
