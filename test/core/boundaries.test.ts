/**
 * Every threshold of the core at its boundary, and each function's domain edges (zero,
 * negative, the smallest and largest finite doubles), with the expected value worked by hand
 * in a comment beside it. Which side of each boundary passes comes from the calculation
 * contract as the code documents it (src/core/*.ts): a zombie period is ICR *below* the line
 * (ICR exactly 1 is not one); a Damodaran band's lower bound is inclusive; a maturity bucket due
 * in exactly the horizon counts as within it.
 *
 * Numbers chosen so the arithmetic is exact in binary floating point (10/10, 30/10, 0.25,
 * 400 * 0.25 * 200 / 10000 = 2), so "exactly" means exactly.
 */
import { indexPe } from "../../src/core/aggregates";
import { CoreError } from "../../src/core/errors";
import { finite } from "../../src/core/grid";
import { DAMODARAN_SMALL_FIRM_BANDS, coverageRatio, interestCoverage, syntheticRating } from "../../src/core/coverage";
import { operatingLeverage, relativeChange } from "../../src/core/gearing";
import { DEFAULT_RELPERF_WINDOW, daysToCover, relativePerformance, shortInterestShare } from "../../src/core/liquidity";
import { maturityWall, shockInterest, shockedCoverage, shockedRatio, weightedAverageMaturity } from "../../src/core/rates";
import { MEAN_RELATIVE_PE_PREMIUM, meanReversionUpside, relativePe } from "../../src/core/valuation";
import { DEFAULT_ZOMBIE_THRESHOLD, isZombie, periodFails } from "../../src/core/zombie";

const MAX = Number.MAX_VALUE; // 1.7976931348623157e308
const MIN = Number.MIN_VALUE; // 5e-324, the smallest positive (subnormal) double

function code(value: unknown): string | undefined {
  return value instanceof CoreError ? value.code : undefined;
}

describe("the zombie line: ICR below 1 is a failing period, exactly 1 is not", () => {
  test("the default line is 1", () => {
    expect(DEFAULT_ZOMBIE_THRESHOLD).toBe(1);
  });

  test("one period at, just below and just above the line", () => {
    // 10 / |10| = 1: not below 1, so the period does not fail.
    expect(periodFails(10, 10, 1)).toBe(false);
    // Interest printed negative: |-10| = 10, still exactly 1.
    expect(periodFails(10, -10, 1)).toBe(false);
    // The largest double below 10: 9.999999999999998 / 10 < 1, a failing period.
    expect(periodFails(9.999999999999998, 10, 1)).toBe(true);
    // 10.000000000000002 / 10 > 1: not failing.
    expect(periodFails(10.000000000000002, 10, 1)).toBe(false);
    // Zero interest is infinite cover, whatever EBIT: never failing.
    expect(periodFails(-1e6, 0, 1)).toBe(false);
    expect(periodFails(0, -0, 1)).toBe(false);
    // EBIT 0 with interest: 0 < 1, failing.
    expect(periodFails(0, 5, 1)).toBe(true);
  });

  test("three periods: exactly 1 in any one of them clears the company", () => {
    // ICRs 0.5, 0.5, 1 -> the last is not below 1 -> not a zombie.
    expect(isZombie([5, 5, 10], [10, 10, 10], 3, 1)).toBe(false);
    // ICRs 1, 0.5, 0.5 -> the first is exactly 1 -> not a zombie.
    expect(isZombie([10, 5, 5], [10, 10, 10], 3, 1)).toBe(false);
    // ICRs 0.5, 0.5, 0.999...: all below 1 -> zombie.
    expect(isZombie([5, 5, 9.999999999999998], [10, 10, 10], 3, 1)).toBe(true);
    // Exactly 1 everywhere: never a zombie.
    expect(isZombie([10, 10, 10], [10, -10, 10], 3, 1)).toBe(false);
  });

  test("the window is the last `years` periods: off by one either side changes the answer", () => {
    // ICRs 2, 0.5, 0.5: the last 2 are zombie periods; the last 3 include the clearing 2.
    const ebit = [20, 5, 5];
    const interest = [10, 10, 10];
    expect(isZombie(ebit, interest, 2, 1)).toBe(true);
    expect(isZombie(ebit, interest, 3, 1)).toBe(false);
    // ICRs 0.5, 0.5, 2: the latest clears it for any window.
    expect(isZombie([5, 5, 20], interest, 1, 1)).toBe(false);
    // years must be 1..periods: 0 and 4 are #NUM!.
    expect(code(isZombie(ebit, interest, 0, 1))).toBe("NUM");
    expect(code(isZombie(ebit, interest, 4, 1))).toBe("NUM");
    expect(isZombie(ebit, interest, 1, 1)).toBe(true); // latest ICR 0.5
  });
});

describe("interest coverage", () => {
  test("exactly 3 and the domain edges", () => {
    expect(interestCoverage(30, 10)).toBe(3); // 30 / 10
    expect(interestCoverage(30, -10)).toBe(3); // |-10| = 10
    expect(interestCoverage(0, 10)).toBe(0);
    expect(interestCoverage(-30, 10)).toBe(-3); // coverage may be negative
    expect(code(interestCoverage(30, 0))).toBe("DIV0");
    expect(code(interestCoverage(30, -0))).toBe("DIV0"); // -0 === 0
    expect(Number.isNaN(coverageRatio(30, 0))).toBe(true);
    expect(interestCoverage(MAX, 1)).toBe(MAX);
    expect(interestCoverage(MIN, 1)).toBe(MIN);
    expect(interestCoverage(1, MAX)).toBe(1 / MAX); // 5.56e-309, subnormal but finite
    // MAX / MIN overflows to Infinity in the core; the formula layer turns it into #NUM!.
    expect(interestCoverage(MAX, MIN)).toBe(Infinity);
    expect(code(finite(Infinity))).toBe("NUM");
    expect(interestCoverage(-MAX, MIN)).toBe(-Infinity);
  });

  test("Damodaran's bands: a band's lower bound is inclusive", () => {
    // ICR exactly 3 is BB (">= 3"); the double just below 3 is B+.
    expect(syntheticRating(30, 10)).toBe("BB");
    expect(syntheticRating(2.9999999999999996, 1)).toBe("B+");
    // Exactly 1.5 is B-, just below is CCC; exactly 0.5 is C, just below is D.
    expect(syntheticRating(15, 10)).toBe("B-");
    expect(syntheticRating(1.4999999999999998, 1)).toBe("CCC");
    expect(syntheticRating(5, 10)).toBe("C");
    expect(syntheticRating(0.49999999999999994, 1)).toBe("D");
    // 12.5 exactly is the top band; no interest with a profit is infinite coverage, also AAA
    // (Damodaran's rule); no interest with EBIT <= 0 has no coverage to rate: #N/A, not AAA.
    expect(syntheticRating(125, 10)).toBe("AAA");
    expect(syntheticRating(5, 0)).toBe("AAA");
    expect(syntheticRating(Number.MIN_VALUE, 0)).toBe("AAA");
    for (const ebit of [0, -0, -5]) expect(syntheticRating(ebit, 0)).toMatchObject({ code: "NA" });
    // Every band's own lower bound rates as that band.
    for (const band of DAMODARAN_SMALL_FIRM_BANDS.slice(0, -1)) expect(syntheticRating(band.minIcr, 1)).toBe(band.rating);
    expect(syntheticRating(-MAX, 1)).toBe("D");
  });
});

describe("the rate shock", () => {
  test("exactly 1.5 after a +200 bp shock", () => {
    // 400 * 0.25 * 200 / 10000 = 2 extra interest; 18 / (10 + 2) = 1.5.
    expect(shockInterest(400, 0.25, 200)).toBe(2);
    expect(shockedCoverage(18, 10, 400, 0.25, 200)).toBe(1.5);
    expect(shockedCoverage(18, -10, 400, 0.25, 200)).toBe(1.5); // |interest|
    expect(shockedRatio(18, 10, 400, 0.25, 200)).toBe(1.5);
  });

  test("floating share at its edges 0 and 1, just outside them, and negative debt", () => {
    // Share 0: no shock, 18 / 10 = 1.8. Share 1: 400 * 200 / 10000 = 8; 18 / 18 = 1.
    expect(shockedCoverage(18, 10, 400, 0, 200)).toBe(1.8);
    expect(shockedCoverage(18, 10, 400, 1, 200)).toBe(1);
    expect(code(shockedCoverage(18, 10, 400, -MIN, 200))).toBe("NUM");
    expect(code(shockedCoverage(18, 10, 400, 1.0000000000000002, 200))).toBe("NUM");
    expect(code(shockedCoverage(18, 10, -MIN, 0.25, 200))).toBe("NUM");
    expect(shockedCoverage(18, 10, 0, 0.25, 200)).toBe(1.8); // no debt: no shock
    expect(Number.isNaN(shockedRatio(18, 10, 400, 1.0000000000000002, 200))).toBe(true);
  });

  test("pro-forma interest of zero or less is #DIV/0!; a negative shock can get it there", () => {
    // |0| + 0 * 0.25 * 200 / 10000 = 0; with debt, |0| + 2 = 2 and 18 / 2 = 9.
    expect(code(shockedCoverage(18, 0, 0, 0.25, 200))).toBe("DIV0");
    expect(shockedCoverage(18, 0, 400, 0.25, 200)).toBe(9);
    // 10 + 400 * 0.25 * (-1000) / 10000 = 10 - 10 = 0.
    expect(code(shockedCoverage(18, 10, 400, 0.25, -1000))).toBe("DIV0");
    // 10 - 9.999 > 0: 18 / 0.001 (to rounding).
    expect(shockedCoverage(18, 10, 400, 0.25, -999.9)).toBeCloseTo(18 / 0.001, 6);
    expect(shockedCoverage(MAX, 1, 0, 0, 200)).toBe(MAX);
  });
});

describe("maturities", () => {
  test("weighted-average maturity exactly 3 and the horizon's inclusive edge", () => {
    // (100 * 2 + 100 * 4) / 200 = 3.
    expect(weightedAverageMaturity([100, 100], [2, 4])).toBe(3);
    // Due within 3 years, a bucket at exactly 3 counts: (100 + 100) / 300.
    expect(maturityWall([100, 100, 100], [1, 3, 5], 3)).toBeCloseTo(2 / 3, 15);
    // Horizon just below 3: only the 1-year bucket.
    expect(maturityWall([100, 100, 100], [1, 3, 5], 2.9999999999999996)).toBeCloseTo(1 / 3, 15);
    // Horizon 0 counts buckets due now; negative is #NUM!.
    expect(maturityWall([100, 100], [0, 5], 0)).toBe(0.5);
    expect(code(maturityWall([100], [1], -MIN))).toBe("NUM");
  });

  test("zero, negative and extreme schedules", () => {
    expect(code(weightedAverageMaturity([0, 0], [1, 2]))).toBe("DIV0"); // no debt
    expect(code(weightedAverageMaturity([-1, 2], [1, 2]))).toBe("NUM");
    expect(code(weightedAverageMaturity([1, 2], [1, -MIN]))).toBe("NUM");
    expect(weightedAverageMaturity([MIN], [3])).toBe(3); // 3 * 5e-324 = 1.5e-323 exactly (subnormals are multiples of 5e-324), / 5e-324 = 3
    expect(weightedAverageMaturity([MAX], [1])).toBe(1);
    expect(weightedAverageMaturity([1], [0])).toBe(0);
  });
});

describe("liquidity", () => {
  test("days to cover and short share at zero and the edges", () => {
    expect(daysToCover(0, 1)).toBe(0);
    expect(code(daysToCover(1, 0))).toBe("DIV0");
    expect(code(daysToCover(1, -1))).toBe("DIV0");
    expect(code(daysToCover(-MIN, 1))).toBe("NUM");
    expect(daysToCover(MAX, 1)).toBe(MAX);
    expect(daysToCover(1, MIN)).toBe(Infinity); // 1 / 5e-324 overflows; #NUM! at the formula layer
    expect(shortInterestShare(25, 100)).toBe(0.25);
    expect(code(shortInterestShare(1, 0))).toBe("DIV0");
    expect(code(shortInterestShare(-1, 10))).toBe("NUM");
  });

  test("relative performance: the first `window` results are #N/A, the window is exactly `window` rows back", () => {
    expect(DEFAULT_RELPERF_WINDOW).toBe(20);
    const small = [100, 110, 121];
    const large = [100, 100, 110];
    const out = relativePerformance(small, large, 1);
    expect(code(out[0])).toBe("NA");
    // t = 1: (110 / 100) / (100 / 100) - 1 = 0.1; t = 2: (121 / 110) / (110 / 100) - 1 = 0.
    expect(out[1]).toBeCloseTo(0.1, 15);
    expect(out[2]).toBeCloseTo(0, 15);
    const two = relativePerformance(small, large, 2);
    expect(two.slice(0, 2).map(code)).toEqual(["NA", "NA"]);
    // t = 2 against t = 0: (121 / 100) / (110 / 100) - 1 = 0.1.
    expect(two[2]).toBeCloseTo(0.1, 15);
    expect(code(relativePerformance([0, 1], [1, 1], 1)[1])).toBe("NUM"); // a price of 0
    expect(code(relativePerformance([1, 1], [1, -1], 1)[1])).toBe("NUM");
  });
});

describe("gearing and valuation", () => {
  test("operating leverage: the worked example, zeros and signs", () => {
    // EBIT 100 -> 117.5 (+17.5%) on revenue 1000 -> 1020 (+2%): 8.75.
    expect(operatingLeverage(100, 117.5, 1000, 1020)).toBeCloseTo(8.75, 12);
    // The base's magnitude: from -100 to -50 is +50%.
    expect(relativeChange(-100, -50)).toBe(0.5);
    expect(relativeChange(100, 50)).toBe(-0.5);
    expect(code(operatingLeverage(0, 1, 100, 110))).toBe("DIV0");
    expect(code(operatingLeverage(1, 2, 0, 110))).toBe("DIV0");
    expect(code(operatingLeverage(1, 2, 100, 100))).toBe("DIV0");
    // Arguments in order: swapping prior and current flips the sign of both changes.
    expect(operatingLeverage(100, 150, 1000, 1100)).toBe(5); // 0.5 / 0.1
    expect(operatingLeverage(150, 100, 1100, 1000)).toBeCloseTo((-50 / 150) / (-100 / 1100), 12); // 3.6667
  });

  test("relative P/E and the re-rating: positive P/Es only, premiums above -100%", () => {
    expect(relativePe(12, 10)).toBeCloseTo(0.2, 15);
    expect(relativePe(10, 12)).toBeCloseTo(-1 / 6, 15); // argument order matters
    expect(code(relativePe(0, 10))).toBe("NUM");
    expect(code(relativePe(10, -MIN))).toBe("NUM");
    expect(relativePe(MIN, 1)).toBe(-1); // 5e-324 - 1 rounds to -1
    expect(MEAN_RELATIVE_PE_PREMIUM).toBe(0.12);
    // (1 + 0.12) / (1 - 0.2) - 1 = 0.4.
    expect(meanReversionUpside(-0.2)).toBeCloseTo(0.4, 15);
    expect(meanReversionUpside(0.12)).toBe(0);
    expect(code(meanReversionUpside(-1))).toBe("NUM");
    expect(code(meanReversionUpside(0, -1))).toBe("NUM");
    expect(meanReversionUpside(-0.9999999999999999)).toBeCloseTo(1.12 / 1.1102230246251565e-16 - 1, 0);
  });
});

describe("index P/E: earnings of exactly 0", () => {
  test("a row earning exactly 0 counts in the plain P/E and is left out of the ex-unprofitable one", () => {
    // Plain: (100 + 100) / (10 + 0) = 20; ex-unprofitable (earnings <= 0 out): 100 / 10 = 10.
    expect(indexPe([100, 100], [10, 0], { excludeUnprofitable: false })).toBe(20);
    expect(indexPe([100, 100], [10, 0], { excludeUnprofitable: true })).toBe(10);
    // A sum of earnings of exactly 0 is #NUM! by the earnings rule (not as an infinite P/E that
    // happens to be refused too), as is a negative one; market cap 0 is allowed.
    expect(String(indexPe([100, 100], [10, -10], { excludeUnprofitable: false }))).toBe("#NUM! sum of earnings is zero or negative");
    expect(String(indexPe([0], [0], { excludeUnprofitable: false }))).toBe("#NUM! sum of earnings is zero or negative");
    expect(code(indexPe([100], [-MIN], { excludeUnprofitable: false }))).toBe("NUM");
    expect(indexPe([0, 100], [10, 10], { excludeUnprofitable: false })).toBe(5);
    expect(code(indexPe([-MIN], [10], { excludeUnprofitable: false }))).toBe("NUM");
    // Only the row earning 0 was left: no usable row.
    expect(code(indexPe([100], [0], { excludeUnprofitable: true }))).toBe("NUM");
  });
});
