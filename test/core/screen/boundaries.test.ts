/**
 * Every threshold of the screen's quality preset at its boundary, by hand (docs/SCREENER.md's criteria, as
 * src/core/screen/criteria.ts compares them):
 *   1. FCF > 0 (strict: exactly 0 fails)          4. domestic share >= 0.80 (0.80 passes)
 *   2. floating share <= 0.25 (0.25 passes)       5. not a zombie: a zombie period is ICR < 1 (ICR 1 is not)
 *   3. maturity >= 3 years (3 passes)             6. ICR >= 3 (3 passes)
 *   7. ICR after +200 bp >= 1.5 (1.5 passes)
 * Each boundary row differs from a passing base row in one field; its neighbour moves that field
 * by one double (the next representable number) to the failing side. The base row: FCF 10, debt
 * 400, floating 0.1, maturity 5, domestic 0.9, EBIT 100, interest 10: ICR 100 / 10 = 10; shock
 * 400 * 0.1 * 200 / 10000 = 0.8, shocked ICR 100 / 10.8 = 9.26.
 */
import { presetConfig } from "../../../src/core/screen/criteria";
import { runScreen } from "../../../src/core/screen/engine";
import type { CriterionId, ScreenConfig, ScreenInput, ScreenResult } from "../../../src/core/screen/types";

const HEADERS = ["Ticker", "FCF", "Total Debt", "Floating Rate Share", "WAM", "Domestic Revenue %", "EBIT", "Interest Expense"];
const BASE = { fcf: 10, debt: 400, float: 0.1, wam: 5, domestic: 0.9 as number | string, ebit: 100, interest: 10 };

function row(ticker: string, change: Partial<Record<keyof typeof BASE, number | string>>): unknown[] {
  const r = { ...BASE, ...change };
  return [ticker, r.fcf, r.debt, r.float, r.wam, r.domestic, r.ebit, r.interest];
}

function screen(input: ScreenInput, config: ScreenConfig): ScreenResult {
  const outcome = runScreen(input, config);
  if (!outcome.ok) throw new Error(outcome.message);
  return outcome.result;
}

/** [ticker, field changes, criterion at its boundary, expected verdict, why] */
const CASES: [string, Partial<Record<keyof typeof BASE, number | string>>, CriterionId, "pass" | "fail", string][] = [
  ["FCF0", { fcf: 0 }, "positiveFcf", "fail", "0 > 0 is false"],
  ["FCF-0", { fcf: -0 }, "positiveFcf", "fail", "-0 > 0 is false"],
  ["FCFMIN", { fcf: Number.MIN_VALUE }, "positiveFcf", "pass", "5e-324 > 0"],
  ["FCFNEG", { fcf: -Number.MIN_VALUE }, "positiveFcf", "fail", "-5e-324 > 0 is false"],
  ["FL25", { float: 0.25 }, "floatingShare", "pass", "0.25 <= 0.25"],
  ["FL25TXT", { float: "25%" }, "floatingShare", "pass", '"25%" reads as 0.25'],
  ["FL25UP", { float: 0.25000000000000006 }, "floatingShare", "fail", "the next double above 0.25"],
  ["FL0", { float: 0 }, "floatingShare", "pass", "no floating debt"],
  ["NODEBTF", { debt: 0, float: 0.9 }, "floatingShare", "pass", "no debt passes whatever the share"],
  ["WAM3", { wam: 3 }, "maturity", "pass", "3 >= 3"],
  ["WAM3DN", { wam: 2.9999999999999996 }, "maturity", "fail", "the next double below 3"],
  ["NODEBTW", { debt: 0, wam: 0.5 }, "maturity", "pass", "no debt passes whatever the maturity"],
  ["DOM80", { domestic: 0.8 }, "domesticRevenue", "pass", "0.8 >= 0.8"],
  ["DOM80TXT", { domestic: "80%" }, "domesticRevenue", "pass", '"80%" reads as 80 / 100 = 0.8 exactly'],
  ["DOM80DN", { domestic: 0.7999999999999999 }, "domesticRevenue", "fail", "the next double below 0.8"],
  ["ICR1", { ebit: 10 }, "notZombie", "pass", "10 / 10 = 1 is not below 1: not a zombie"],
  ["ICR1NEG", { ebit: 10, interest: -10 }, "notZombie", "pass", "|-10| = 10: ICR 1, not a zombie"],
  ["ICR1DN", { ebit: 9.999999999999998 }, "notZombie", "fail", "ICR just below 1: a zombie"],
  ["ICR3", { ebit: 30 }, "icr", "pass", "30 / 10 = 3 >= 3"],
  ["ICR3DN", { ebit: 29.999999999999996 }, "icr", "fail", "ICR just below 3"],
  ["ICRINT0", { ebit: -50, interest: 0, debt: 0 }, "icr", "pass", "no interest is infinite coverage (and no debt, no shock)"],
  ["SHK15", { ebit: 18, float: 0.25 }, "shockedIcr", "pass", "400 * 0.25 * 200 / 10000 = 2; 18 / (10 + 2) = 1.5"],
  ["SHK15DN", { ebit: 17.999999999999996, float: 0.25 }, "shockedIcr", "fail", "just below 1.5"],
];

describe("the quality preset at each threshold", () => {
  // The table has one period and one negative interest among positive ones. The boundaries here
  // are the comparisons, so the zombie window is set to that one period (the default of three
  // would leave every row unknown: docs/SCREENER.md) and interest is read by magnitude (the
  // default would read the lone negative as net interest income); both defaults have their own
  // tests in engine.test.ts and vendor-layouts.test.ts.
  const config: ScreenConfig = { ...presetConfig("quality"), zombieYears: 1, interestSign: "magnitude" };
  const result = screen({ headers: HEADERS, rows: [row("BASE", {}), ...CASES.map(([t, change]) => row(t, change))] }, config);
  const byTicker = new Map(result.rows.map((r) => [r.ticker, r]));

  test("the base row passes everything", () => {
    expect(byTicker.get("BASE")?.pass).toBe(true);
  });

  test.each(CASES)("%s: %s -> %s %s (%s)", (ticker, _change, criterion, verdict) => {
    const r = byTicker.get(ticker);
    expect(r?.verdicts[criterion]).toBe(verdict);
    // Only the boundary's own criterion can fail: the row changes nothing else that matters...
    const others = Object.entries(r?.verdicts ?? {}).filter(([id]) => id !== criterion);
    // ...except that a lower EBIT also lowers ICR (ICR1, ICR1NEG, ICR1DN, SHK*: below 3) and the shocked ICR (ICR1*: 10 / 10.8 < 1.5).
    const lowEbit = ["ICR1", "ICR1NEG", "ICR1DN", "SHK15", "SHK15DN"].includes(ticker);
    const expectedOthers = others.map(([id]) => {
      if (lowEbit && id === "icr") return [id, "fail"];
      if (lowEbit && ticker.startsWith("ICR1") && id === "shockedIcr") return [id, "fail"];
      return [id, "pass"];
    });
    expect(others).toEqual(expectedOthers);
    expect(r?.pass).toBe(verdict === "pass" && !lowEbit);
  });

  test("zombie count and flag: only the row with ICR just below 1", () => {
    expect(byTicker.get("ICR1")?.zombie).toBe(false);
    expect(byTicker.get("ICR1NEG")?.zombie).toBe(false);
    expect(byTicker.get("ICR1DN")?.zombie).toBe(true);
    expect(result.summary.zombieCount).toBe(1);
  });
});

describe("the stress preset's count at 1 and 1.5", () => {
  test("shocked ICR exactly 1.5 is not below 1.5; exactly 1 is not below 1", () => {
    const rows = [
      row("S15", { ebit: 18, float: 0.25 }), // 18 / 12 = 1.5
      row("S15DN", { ebit: 17.999999999999996, float: 0.25 }), // just below 1.5
      row("S1", { ebit: 12, float: 0.25 }), // 12 / 12 = 1
      row("S1DN", { ebit: 11.999999999999998, float: 0.25 }), // just below 1
    ];
    const result = screen({ headers: HEADERS, rows }, presetConfig("stress"));
    expect(Object.fromEntries(result.rows.map((r) => [r.ticker, r.shockedIcr]))).toEqual({
      S15: 1.5,
      S15DN: 17.999999999999996 / 12,
      S1: 1,
      S1DN: 11.999999999999998 / 12,
    });
    // Below 1.5: S15DN, S1, S1DN; below 1: S1DN only.
    expect(result.summary.stress).toMatchObject({ shockBps: 200, threshold: 1.5, rowsKnown: 4, belowThreshold: 3, belowOne: 1 });
    expect(result.rows.filter((r) => r.pass).map((r) => r.ticker)).toEqual(["S15"]);
  });
});

describe("the zombie test over periods: a period at exactly ICR 1 clears the company", () => {
  const headers = ["Ticker", "EBIT 2022", "EBIT 2023", "EBIT 2024", "Interest Expense 2022", "Interest Expense 2023", "Interest Expense 2024"];
  const rows = [
    ["LAST1", 5, 5, 10, 10, 10, 10], // ICRs 0.5, 0.5, 1
    ["FIRST1", 10, 5, 5, 10, 10, 10], // ICRs 1, 0.5, 0.5
    ["ALLDN", 5, 5, 9.999999999999998, 10, 10, 10], // 0.5, 0.5, just below 1
    ["ALL1", 10, 10, 10, 10, -10, 10], // 1, 1, 1 (interest printed negative once)
  ];

  test("three periods (the default count)", () => {
    const result = screen({ headers, rows }, presetConfig("zombies"));
    expect(Object.fromEntries(result.rows.map((r) => [r.ticker, r.zombie]))).toEqual({ LAST1: false, FIRST1: false, ALLDN: true, ALL1: false });
    expect(result.summary.zombieCount).toBe(1);
  });

  test("two periods: FIRST1's clearing period falls out of the window", () => {
    const result = screen({ headers, rows }, { ...presetConfig("zombies"), zombieYears: 2 });
    expect(Object.fromEntries(result.rows.map((r) => [r.ticker, r.zombie]))).toEqual({ LAST1: false, FIRST1: true, ALLDN: true, ALL1: false });
  });
});

describe("the summary's unprofitable share: EBIT below 0, so exactly 0 is not unprofitable", () => {
  test("EBIT 0, -0 and the smallest negative double", () => {
    const rows = [row("Z", { ebit: 0 }), row("NZ", { ebit: -0 }), row("NEG", { ebit: -Number.MIN_VALUE }), row("POS", {})];
    const result = screen({ headers: HEADERS, rows }, presetConfig("quality"));
    // 1 of 4 (NEG) is below 0.
    expect(result.summary.unprofitableShare).toBe(0.25);
  });
});
