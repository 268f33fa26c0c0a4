/** The score's percentile ranks and ranking rules (formula: src/core/screen/score.ts). */
import fc from "fast-check";
import { percentileRanks, scoreRows } from "../../../src/core/screen/score";

/** The definition, by brute force: (number below + (number equal - 1) / 2) / (n - 1). O(n^2). */
function naivePercentiles(values: readonly number[]): number[] {
  const known = values.filter((v) => v === v);
  return values.map((v) => {
    if (v !== v) return NaN;
    if (known.length === 1) return 0.5;
    const below = known.filter((w) => w < v).length;
    const equal = known.filter((w) => w === v).length;
    return (below + (equal - 1) / 2) / (known.length - 1);
  });
}

describe("percentileRanks", () => {
  it("spreads distinct values from 0 (worst) to 1 (best): (rank - 1) / (n - 1)", () => {
    const p = percentileRanks(Float64Array.from([30, 10, 20, 40, 50]));
    expect(Array.from(p)).toEqual([0.5, 0, 0.25, 0.75, 1]);
  });

  it("ties share the average rank; unknown stays unknown", () => {
    // 1, 2, 2, 3 -> ranks 1, 2.5, 2.5, 4 -> 0, 0.5, 0.5, 1
    const p = percentileRanks(Float64Array.from([2, NaN, 1, 2, 3]));
    expect(p[0]).toBeCloseTo(0.5, 12);
    expect(p[1]).toBeNaN();
    expect(p[2]).toBe(0);
    expect(p[3]).toBeCloseTo(0.5, 12);
    expect(p[4]).toBe(1);
  });

  it("infinite coverage ranks best; one known value or all tied is 0.5", () => {
    expect(Array.from(percentileRanks(Float64Array.from([Infinity, 3, -1])))).toEqual([1, 0.5, 0]);
    expect(Array.from(percentileRanks(Float64Array.from([7, NaN])))).toEqual([0.5, NaN]);
    expect(Array.from(percentileRanks(Float64Array.from([4, 4, 4])))).toEqual([0.5, 0.5, 0.5]);
  });

  it("equals the definition for any doubles: negatives, -0 and 0 as one value, infinities, ties, NaN", () => {
    const special = fc.constantFrom(0, -0, Infinity, -Infinity, NaN, 1, -1, 5e-324, -5e-324, Number.MAX_VALUE, -Number.MAX_VALUE);
    const value = fc.oneof(special, fc.double(), fc.integer({ min: -3, max: 3 }));
    fc.assert(
      fc.property(fc.array(value, { maxLength: 300 }), (values) => {
        const got = Array.from(percentileRanks(Float64Array.from(values)));
        expect(got).toEqual(naivePercentiles(values));
      }),
      { numRuns: 2000 },
    );
  });

  it("equals the definition on 200,000 values whose bits differ in every 16-bit digit", () => {
    let state = 12345;
    const next = () => ((state = (Math.imul(state, 1103515245) + 12345) >>> 0) / 2 ** 32);
    const values = Float64Array.from({ length: 200_000 }, (_, i) => (i % 7 === 0 ? Math.round(next() * 50) : (next() - 0.3) * 10 ** (next() * 40 - 20)));
    const got = percentileRanks(values);
    // A sort-based reference: sorted copy, first and last index of each value.
    const sorted = Array.from(values).sort((a, b) => a - b);
    const first = new Map<number, number>();
    const last = new Map<number, number>();
    sorted.forEach((v, k) => {
      if (!first.has(v)) first.set(v, k);
      last.set(v, k);
    });
    let wrong = 0;
    values.forEach((v, i) => {
      const want = ((first.get(v) as number) + (last.get(v) as number)) / 2 / (sorted.length - 1);
      if (got[i] !== want) wrong++;
    });
    expect(wrong).toBe(0);
  });
});

describe("scoreRows", () => {
  it("P/E <= 0 earns no value credit; missing components count 0; ties in score go by ticker then row", () => {
    /*
     * Three passing rows with identical ICR (5) and FCF yield (0.1): those components are all
     * tied, 0.5 each -> 0.25 * 0.5 + 0.25 * 0.5 = 0.25 of the score.
     * Value: P/E 10 (row 0) and 10 (row 1) tie among the positive P/Es {10, 10, 20} -> ranks 2.5
     * -> 0.75; row 2's P/E -5 gets nothing. Row 3 (P/E 20, failing) anchors the bottom at 0.
     * Scores: rows 0, 1: 100 * (0.5 * 0.75 + 0.25) = 62.5; row 2: 100 * 0.25 = 25.
     * Rows 0 and 1 tie at 62.5: ticker "AB" before "B", so row 1 ranks first.
     */
    const scores = scoreRows({
      forwardPe: Float64Array.from([10, 10, -5, 20]),
      icr: Float64Array.from([5, 5, 5, 5]),
      fcfYield: Float64Array.from([0.1, 0.1, 0.1, 0.1]),
      pass: Uint8Array.from([1, 1, 1, 0]),
      tickers: ["B", "AB", "C", "D"],
      sourceRows: Int32Array.from([1, 2, 3, 4]),
    });
    expect(scores.score[0]).toBeCloseTo(62.5, 12);
    expect(scores.score[1]).toBeCloseTo(62.5, 12);
    expect(scores.score[2]).toBeCloseTo(25, 12);
    expect(scores.score[3]).toBeNaN();
    expect(Array.from(scores.rank)).toEqual([2, 1, 3, 0]);
  });

  it("same score and ticker: source row decides; no ticker comes last", () => {
    const scores = scoreRows({
      forwardPe: Float64Array.from([NaN, NaN, NaN]),
      icr: Float64Array.from([NaN, NaN, NaN]),
      fcfYield: Float64Array.from([NaN, NaN, NaN]),
      pass: Uint8Array.from([1, 1, 1]),
      tickers: [null, "X", "X"],
      sourceRows: Int32Array.from([1, 9, 4]),
    });
    expect(Array.from(scores.score)).toEqual([0, 0, 0]);
    expect(Array.from(scores.rank)).toEqual([3, 2, 1]);
  });
});
