/**
 * Table-driven cases with cited reference values, through the same definitions Excel and the
 * headless refresh call.
 *
 * Sources:
 * - SEED: the small-cap framework this add-in implements (DEVELOPERS.md, "The framework"):
 *   a -20% discount reverting to the +12% 20-year mean implies +40%; a 2% revenue beat that
 *   lifts EBIT 17.5% is a DOL of 8.75.
 * - SPEC: the contract as docs/CONVENTIONS.md states it (conventions and the function table).
 * - DAMODARAN-RATINGS: Damodaran Online, ratings.htm, "For smaller and riskier non-financial
 *   service firms" (bands D < 0.5 <= C < 0.8 <= CC < 1.25 <= CCC < 1.5 <= B- < 2 <= B < 2.5 <=
 *   B+ < 3 <= BB < 3.5 <= BB+ < 4 <= BBB < 4.5 <= A- < 6 <= A < 7.5 <= A+ < 9.5 <= AA < 12.5 <= AAA).
 * - DAMODARAN-VALUATION: "Damodaran on Valuation" (2nd ed.), ch. 2: "a private firm with
 *   $10 million in earnings before interest and taxes and $3 million in interest expenses ...
 *   has an interest coverage ratio of 3.33 ... a synthetic rating of BB".
 * - TEXTBOOK: ratio definitions (days to cover = short interest / ADV; weighted-average
 *   maturity = sum(amount x years) / sum(amount)).
 */
import { SMALLCAP_FUNCTIONS } from "../../src/functions/definitions";
import { DAMODARAN_SMALL_FIRM_BANDS } from "../../src/core/coverage";
import { CoreError } from "../../src/core/errors";
import { errorOf, only, shown, shownGrid } from "../helpers/cells";

const f = SMALLCAP_FUNCTIONS;

describe("SMALLCAP.ICR (SPEC: ebit / abs(interest_expense))", () => {
  it.each([
    // [ebit, interest, expected, source]
    [10, 3, 10 / 3, "DAMODARAN-VALUATION: 3.33x"],
    [10, -4, 2.5, "SPEC: interest printed negative, magnitude used"],
    [-6, 4, -1.5, "SPEC: may be negative"],
    [0, 4, 0, "SPEC"],
  ])("ICR(%p, %p) = %p (%s)", (ebit, interest, expected) => {
    expect(only(f.ICR(ebit, interest))).toBeCloseTo(expected as number, 12);
  });
  it("interest 0 is #DIV/0! 'no interest expense' (SPEC)", () => {
    expect(errorOf(only(f.ICR(5, 0)))).toEqual({ code: "#DIV/0!", message: "no interest expense" });
  });
});

describe("SMALLCAP.ZOMBIE (SPEC)", () => {
  const ebit = [
    [5, 8, 9], // below 1x interest of 10 in each period: zombie
    [5, 8, 12], // recovered in the latest period
    [5, 8, 9],
    [-3, -2, -1], // losses: zombie
  ];
  const interest = [
    [10, 10, 10],
    [10, 10, 10],
    [10, 0, 10], // a period with zero interest is not a failing period
    [-4, -4, -4], // sign ignored
  ];
  it("defaults years to every column and threshold to 1", () => {
    expect(shownGrid(f.ZOMBIE(ebit, interest, null, null))).toEqual([[true], [false], [false], [true]]);
  });
  it("years looks only at the latest periods", () => {
    expect(shownGrid(f.ZOMBIE(ebit, interest, 1, null))).toEqual([[true], [false], [true], [true]]);
  });
  it("threshold moves the line (ICR 1.2 fails a 1.5 line)", () => {
    expect(shownGrid(f.ZOMBIE([[12, 12]], [[10, 10]], null, 1.5))).toEqual([[true]]);
    expect(shownGrid(f.ZOMBIE([[12, 12]], [[10, 10]], null, null))).toEqual([[false]]);
  });
  it("years must be a whole number 1..columns, else #NUM!", () => {
    for (const years of [0, 4, 1.5, -1]) expect(shown(only(f.ZOMBIE([[1, 2, 3]], [[5, 5, 5]], years, null)))).toBe("#NUM!");
  });
  it("a missing value in a considered period is #N/A for that company; outside the window it is ignored", () => {
    expect(errorOf(only(f.ZOMBIE([[null, 5, 5]], [[10, 10, 10]], null, null)))).toEqual({ code: "#N/A", message: "missing ebit" });
    expect(only(f.ZOMBIE([[null, 5, 5]], [[10, 10, 10]], 2, null))).toBe(true);
  });
  it("one value per company for years and threshold", () => {
    expect(shownGrid(f.ZOMBIE([[12, 12], [12, 12]], [[10, 10], [10, 10]], null, [[1.5], [1]]))).toEqual([[true], [false]]);
  });
});

describe("SMALLCAP.SHOCKICR (SPEC)", () => {
  it("adds debt x floating share x shock to interest", () => {
    // 30 / (5 + 100 * 0.4 * 200 / 10000) = 30 / 5.8
    expect(only(f.SHOCKICR(30, 5, 100, 0.4, 200))).toBeCloseTo(30 / 5.8, 12);
    // The framework's 40% floating share and a +500 bp shock: 50 / (10 + 200 * 0.4 * 0.05) = 50 / 14
    expect(only(f.SHOCKICR(50, -10, 200, "40%", 500))).toBeCloseTo(50 / 14, 12);
  });
  it("no shock gives plain ICR", () => {
    expect(only(f.SHOCKICR(30, 5, 100, 0.4, 0))).toBeCloseTo(6, 12);
  });
  it("floating_share outside 0..1 or negative debt is #NUM!; pro-forma interest <= 0 is #DIV/0!", () => {
    expect(shown(only(f.SHOCKICR(30, 5, 100, 1.2, 200)))).toBe("#NUM!");
    expect(shown(only(f.SHOCKICR(30, 5, -1, 0.4, 200)))).toBe("#NUM!");
    expect(shown(only(f.SHOCKICR(30, 0, 100, 0, 200)))).toBe("#DIV/0!");
    expect(shown(only(f.SHOCKICR(30, 1, 100, 1, -100)))).toBe("#DIV/0!"); // a 100 bp cut wipes out interest of 1
  });
});

describe("SMALLCAP.DOL (SEED: a 2% revenue beat with EBIT up 17.5% is 8.75)", () => {
  it("gives 8.75 for the seed's numbers", () => {
    expect(only(f.DOL(100, 117.5, 1000, 1020))).toBeCloseTo(8.75, 12);
  });
  it("measures against the magnitude of a negative base", () => {
    // EBIT from -10 to -5 is +50%; revenue +10%: DOL 5
    expect(only(f.DOL(-10, -5, 100, 110))).toBeCloseTo(5, 12);
  });
  it("ebit_prior 0, revenue_prior 0, unchanged revenue: #DIV/0!, in that order", () => {
    expect(errorOf(only(f.DOL(0, 5, 0, 0))).message).toBe("ebit_prior is zero");
    expect(errorOf(only(f.DOL(1, 5, 0, 10))).message).toBe("revenue_prior is zero");
    expect(errorOf(only(f.DOL(1, 5, 10, 10))).message).toBe("revenue is unchanged");
  });
});

describe("SMALLCAP.RELPE and SMALLCAP.REVERSION (SEED)", () => {
  it("a small-cap P/E of 16 against 20 is a 20% discount", () => {
    expect(only(f.RELPE(16, 20))).toBeCloseTo(-0.2, 12);
    expect(only(f.RELPE(22.4, 20))).toBeCloseTo(0.12, 12);
  });
  it("a P/E <= 0 is #NUM!", () => {
    expect(shown(only(f.RELPE(-5, 20)))).toBe("#NUM!");
    expect(shown(only(f.RELPE(16, 0)))).toBe("#NUM!");
  });
  it("a -20% discount reverting to +12% implies +40%", () => {
    expect(only(f.REVERSION(-0.2, null))).toBeCloseTo(0.4, 12);
    expect(only(f.REVERSION("-20%", "12%"))).toBeCloseTo(0.4, 12);
  });
  it("at the mean there is no re-rating; a premium above it implies a de-rating", () => {
    expect(only(f.REVERSION(0.12, null))).toBeCloseTo(0, 12);
    expect(only(f.REVERSION(0.4, 0.12))).toBeCloseTo(1.12 / 1.4 - 1, 12);
  });
  it("current_premium <= -1 is #NUM!", () => {
    expect(shown(only(f.REVERSION(-1, null)))).toBe("#NUM!");
  });
});

describe("Liquidity: DAYSTOCOVER and SIFLOAT (TEXTBOOK)", () => {
  it("5m shares short on 400k a day is 12.5 days to cover", () => {
    expect(only(f.DAYSTOCOVER(5_000_000, 400_000))).toBeCloseTo(12.5, 12);
  });
  it("volume <= 0 is #DIV/0! before short interest < 0 is #NUM!", () => {
    expect(shown(only(f.DAYSTOCOVER(-1, 0)))).toBe("#DIV/0!");
    expect(shown(only(f.DAYSTOCOVER(-1, 10)))).toBe("#NUM!");
  });
  it("5m short of a 40m float is 12.5% of float", () => {
    expect(only(f.SIFLOAT(5_000_000, 40_000_000))).toBeCloseTo(0.125, 12);
    expect(shown(only(f.SIFLOAT(5, 0)))).toBe("#DIV/0!");
    expect(shown(only(f.SIFLOAT(-5, 10)))).toBe("#NUM!");
  });
});

describe("SMALLCAP.INDEXPE (SPEC)", () => {
  const caps = [[100], [200], [300], [null], [50]];
  const earnings = [[10], [20], [-30], [5], [""]];
  it("sums market caps over earnings where both are present: the unprofitable tail drags it", () => {
    // (100 + 200 + 300) / (10 + 20 - 30): earnings sum 0 -> #NUM!
    expect(shown(only(f.INDEXPE(caps, earnings, null)))).toBe("#NUM!");
    // excluding unprofitable rows: (100 + 200) / (10 + 20) = 10
    expect(only(f.INDEXPE(caps, earnings, true))).toBeCloseTo(10, 12);
    // with a small loss the aggregate P/E balloons: 600 / 20 = 30 against 10 ex-unprofitable
    expect(only(f.INDEXPE([[100], [200], [300]], [[10], [20], [-10]], false))).toBeCloseTo(30, 12);
  });
  it("text is #VALUE!, mismatched shapes are #VALUE!", () => {
    expect(shown(only(f.INDEXPE([[1], ["x"]], [[1], [1]], null)))).toBe("#VALUE!");
    expect(errorOf(only(f.INDEXPE([[1], [2]], [[1, 2]], null))).message).toBe("ranges must have the same shape");
  });
  it("the arguments' own errors come before the rules, in argument order (SPEC)", () => {
    // a negative market cap (a rule, #NUM!) in row 1 loses to text (#VALUE!) in row 2
    expect(shown(only(f.INDEXPE([[-1], ["x"]], [[1], [1]], null)))).toBe("#VALUE!");
    // any market-cap error comes before any earnings error
    expect(errorOf(only(f.INDEXPE([[1], ["x"]], [["y"], [1]], null))).message).toBe("market_caps is text, not a number");
    // the flag's error comes after the cells'
    expect(errorOf(only(f.INDEXPE([[1], [2]], [["y"], [1]], "maybe"))).message).toBe("earnings is text, not a number");
  });
  it("exclude_unprofitable takes TRUE/FALSE or 1/0", () => {
    expect(only(f.INDEXPE([[100], [300]], [[10], [-5]], 1))).toBeCloseTo(10, 12);
    expect(shown(only(f.INDEXPE([[100], [300]], [[10], [-5]], "maybe")))).toBe("#VALUE!");
  });
});

describe("SMALLCAP.RELPERF (SPEC: rolling relative return, window 20 by default)", () => {
  it("the first window rows are #N/A; then (S[t]/S[t-w]) / (L[t]/L[t-w]) - 1", () => {
    const small = [[100], [110], [121]];
    const large = [[100], [100], [110]];
    const result = f.RELPERF(small, large, 1);
    expect(shown(result[0][0])).toBe("#N/A");
    expect(result[1][0]).toBeCloseTo(0.1, 12);
    expect(result[2][0]).toBeCloseTo(1.1 / 1.1 - 1, 12);
    expect(result).toHaveLength(3);
  });
  it("defaults to 20 rows", () => {
    const small = Array.from({ length: 22 }, (_, t) => [100 * 1.01 ** t]);
    const large = Array.from({ length: 22 }, () => [50]);
    const result = f.RELPERF(small, large, null);
    expect(result.slice(0, 20).every((row) => shown(row[0]) === "#N/A")).toBe(true);
    expect(result[20][0]).toBeCloseTo(1.01 ** 20 - 1, 12);
  });
  it("a window longer than the series gives all #N/A; a window below 1 or fractional is #NUM!", () => {
    expect(shownGrid(f.RELPERF([[1], [2]], [[1], [1]], 5))).toEqual([["#N/A"], ["#N/A"]]);
    expect(shown(only(f.RELPERF([[1], [2]], [[1], [1]], 0)))).toBe("#NUM!");
    expect(shown(only(f.RELPERF([[1], [2]], [[1], [1]], 1.5)))).toBe("#NUM!");
  });
  it("a price <= 0 spoils only the results that use it", () => {
    const result = shownGrid(f.RELPERF([[1], [0], [2], [4]], [[1], [1], [1], [1]], 2));
    expect(result).toEqual([["#N/A"], ["#N/A"], [2 - 1], ["#NUM!"]]);
  });
});

describe("SMALLCAP.RATING and SMALLCAP.SPREAD (DAMODARAN-RATINGS, smaller firms)", () => {
  it("EBIT 10m over interest 3m (3.33x) is BB (DAMODARAN-VALUATION)", () => {
    expect(only(f.RATING(10, 3))).toBe("BB");
  });
  it("each band's lower bound is inclusive, and just below it is the band under", () => {
    const bands = DAMODARAN_SMALL_FIRM_BANDS;
    for (let i = 0; i < bands.length - 1; i++) {
      expect(only(f.RATING(bands[i].minIcr, 1))).toBe(bands[i].rating);
      expect(only(f.RATING(bands[i].minIcr - 1e-9, 1))).toBe(bands[i + 1].rating);
    }
  });
  it.each([
    [13, "AAA"], [10, "AA"], [8, "A+"], [7, "A"], [5, "A-"], [4.2, "BBB"], [3.7, "BB+"], [3.2, "BB"],
    [2.7, "B+"], [2.2, "B"], [1.7, "B-"], [1.3, "CCC"], [1, "CC"], [0.6, "C"], [0.3, "D"], [-2, "D"],
  ])("ICR %p rates %p", (icr, rating) => {
    expect(only(f.RATING(icr, 1))).toBe(rating);
  });
  it("no interest expense with an operating profit is AAA (Damodaran: 'your interest coverage ratio will be infinite')", () => {
    expect(only(f.RATING(5, 0))).toBe("AAA");
    expect(only(f.SPREAD(5, 0))).toBeCloseTo(0.0045, 12);
  });
  it("no interest expense with EBIT <= 0 is not rated: #N/A with the reason, for RATING and SPREAD alike (docs/CONVENTIONS.md)", () => {
    for (const ebit of [-40, 0]) {
      for (const fn of [f.RATING, f.SPREAD]) {
        const value = only(fn(ebit, 0));
        expect(value).toBeInstanceOf(CoreError);
        expect(value).toMatchObject({ code: "NA", message: "not rated: no interest expense and EBIT <= 0, so there is no coverage to rate" });
      }
    }
  });
  it("the spread follows the rating: BB is 1.83%, D is 19.00%", () => {
    expect(only(f.SPREAD(10, 3))).toBeCloseTo(0.0183, 12);
    expect(only(f.SPREAD(-1, 3))).toBeCloseTo(0.19, 12);
  });
});

describe("Debt maturities: MATURITYWALL and WAM (TEXTBOOK)", () => {
  const amounts = [
    [10, 20, 70],
    [50, 50, 0],
  ];
  const header = [[1, 3, 7]];
  it("share of debt due within 3 years, with one header row shared by all companies", () => {
    expect(shownGrid(f.MATURITYWALL(amounts, header, null))).toEqual([[0.3], [1]]);
    expect(shownGrid(f.MATURITYWALL(amounts, header, 1))).toEqual([[0.1], [0.5]]);
  });
  it("weighted-average maturity: (10*1 + 20*3 + 70*7) / 100 = 5.6 years", () => {
    const result = f.WAM(amounts, header);
    expect(result[0][0]).toBeCloseTo(5.6, 12);
    expect(result[1][0]).toBeCloseTo(2, 12);
  });
  it("no debt is #DIV/0!; a negative amount is #NUM!", () => {
    expect(shown(only(f.WAM([[0, 0]], [[1, 2]])))).toBe("#DIV/0!");
    expect(shown(only(f.MATURITYWALL([[-1, 2]], [[1, 2]], null)))).toBe("#NUM!");
  });
});

describe("SMALLCAP.QUALITY (SPEC: the quality preset for one company)", () => {
  // fcf, floating_share, wam_years, domestic_share, ebit, interest_expense, total_debt
  const good = [50, 0.1, 5, 0.9, 100, 10, 200];
  it("passes a company that meets all seven criteria", () => {
    // ICR 10 >= 3; shocked: 100 / (10 + 200 * 0.1 * 0.02) = 100 / 10.4 >= 1.5
    expect(only(f.QUALITY(...good))).toBe(true);
  });
  it.each([
    [0, -1, "free cash flow must be > 0"],
    [1, 0.3, "floating-rate share must be <= 25%"],
    [2, 2.5, "maturity must be >= 3 years"],
    [3, 0.7, "domestic revenue must be >= 80%"],
    [4, 25, "ICR 2.5 < 3"],
  ])("fails when argument %i is %p (%s)", (i, value) => {
    const args = [...good];
    args[i] = value;
    expect(only(f.QUALITY(...args))).toBe(false);
  });
  it("fails the +200 bp stress alone: ICR 3 passes, but 30 / (10 + 10000 * 0.25 * 0.02) = 0.5 < 1.5", () => {
    expect(only(f.QUALITY(50, 0.25, 5, 0.9, 30, 10, 1000))).toBe(true); // 30 / (10 + 5) = 2 >= 1.5
    expect(only(f.QUALITY(50, 0.25, 5, 0.9, 30, 10, 10000))).toBe(false);
  });
  it("no debt passes the floating-share and maturity tests without them", () => {
    expect(only(f.QUALITY(50, null, null, 0.9, 100, 0, 0))).toBe(true);
  });
  it("a blank that leaves a criterion unknown is #N/A naming it", () => {
    expect(errorOf(only(f.QUALITY(50, 0.1, 5, null, 100, 10, 200)))).toEqual({ code: "#N/A", message: "unknown: domestic_share (missing)" });
  });
  it("text is #VALUE! and a share outside 0..1 is #NUM!", () => {
    expect(shown(only(f.QUALITY("abc", 0.1, 5, 0.9, 100, 10, 200)))).toBe("#VALUE!");
    expect(shown(only(f.QUALITY(50, 1.5, 5, 0.9, 100, 10, 200)))).toBe("#NUM!");
  });
  it("spills over ranges, one verdict per company, and takes a shock", () => {
    const col = (xs: unknown[]) => xs.map((x) => [x]);
    expect(shownGrid(f.QUALITY(col([50, -1]), 0.1, 5, 0.9, 100, 10, 200, null))).toEqual([[true], [false]]);
    // 100 / (10 + 200 * 1 * 5000 / 10000 = 100) < 1.5 fails under a +5000 bp shock
    expect(only(f.QUALITY(50, 1 / 4, 5, 0.9, 100, 10, 800, 5000))).toBe(false);
  });
});
