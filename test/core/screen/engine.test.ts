/**
 * The screen engine end to end, on small universes whose every number is worked by hand below
 * (docs/SCREENER.md; the score's formula is in src/core/screen/score.ts and
 * docs/SCREENER.md).
 */
import { presetConfig } from "../../../src/core/screen/criteria";
import { applySettings, setCriterion } from "../../../src/core/screen/settings";
import { runScreen, runScreenAsync, runScreenRows } from "../../../src/core/screen/engine";
import type { RowResult, ScreenConfig, ScreenInput, ScreenResult } from "../../../src/core/screen/types";

/**
 * The hand-computed universe has one period of EBIT and interest. Since issue 11 the zombie
 * test needs the framework's three fiscal periods unless told otherwise (a one-period table
 * leaves ICR < 1 unknown, never a one-year zombie); these tables set zombieYears=1 to test
 * the one-period rule, and the default is tested on its own below.
 */
const ONE_PERIOD: ScreenConfig = { ...presetConfig("quality"), zombieYears: 1 };
const oneYear = (config: ScreenConfig): ScreenConfig => ({ ...config, zombieYears: 1 });

function screen(input: ScreenInput, config: ScreenConfig = ONE_PERIOD): ScreenResult {
  const outcome = runScreen(input, config);
  if (!outcome.ok) throw new Error(outcome.message);
  return outcome.result;
}

function byTicker(result: ScreenResult, ticker: string): RowResult {
  const row = result.rows.find((r) => r.ticker === ticker);
  if (row === undefined) throw new Error(`no row ${ticker}`);
  return row;
}

/*
 * The hand-computed universe. Quality preset, +200 bp shock (0.02 on floating debt).
 *
 * | row | ICR = EBIT/|int|  | shocked ICR = EBIT / (|int| + debt*float*0.02) | verdicts                      |
 * |-----|-------------------|------------------------------------------------|-------------------------------|
 * | A   | 100/20 = 5        | 100 / (20 + 400*0.10*0.02 = 0.8) = 4.807692    | all pass                      |
 * | B   | 40/0: infinite    | no debt: same as ICR, infinite                 | all pass (no debt: 2, 3 pass) |
 * | C   | 90/30 = 3         | 90 / (30 + 600*0.20*0.02 = 2.4) = 2.777778     | all pass (ICR 3 >= 3)         |
 * | D   | -6/20 = -0.3      | -6 / (20 + 500*0.60*0.02 = 6) = -0.230769      | all seven fail; zombie        |
 * | E   | 54/12 = 4.5       | 54 / (12 + 300*0.30*0.02 = 1.8) = 3.913043     | fails floating share (30%)    |
 * | F   | 45/10 = 4.5       | 45 / (10 + 200*0.15*0.02 = 0.6) = 4.245283     | domestic share text: unknown  |
 *
 * Percentiles over all six rows, P = (rank - 1) / (n - 1), ties share the average rank:
 * - value (lower P/E better): F 25 -> 0, C 20 -> 0.2, D 15 -> 0.4, E 12 -> 0.6, A 10 -> 0.8, B 8 -> 1
 * - ICR: D -0.3 -> 0, C 3 -> 0.2, E = F 4.5 -> ranks 3, 4 -> 0.5, A 5 -> 0.8, B infinite -> 1
 * - FCF yield: D -10/300 -> 0, E 25/600 = 0.0417 -> 0.2, C 40/800 = F 20/400 = 0.05 -> 0.5,
 *   B 30/500 = 0.06 -> 0.8, A 80/1000 = 0.08 -> 1
 * Scores of the passing rows, 100 * (0.5 value + 0.25 ICR + 0.25 FCF yield):
 * - A: 100 * (0.40 + 0.20 + 0.25) = 85    -> rank 2
 * - B: 100 * (0.50 + 0.25 + 0.20) = 95    -> rank 1
 * - C: 100 * (0.10 + 0.05 + 0.125) = 27.5 -> rank 3
 * Summary: 6 screened, 3 pass; zombies (latest ICR < 1, interest non-zero): D only, 1/6;
 * unprofitable (EBIT < 0): D, 1/6; index P/E = 3600 / 186 = 19.354839; without D's loss:
 * 3300 / 191 = 17.277487. Stress (shocked ICR): 6 known, 1 below 1, 1 below 1.5 (D).
 */
const HEADERS = [
  "Ticker",
  "Company",
  "Market Cap",
  "FCF",
  "Total Debt",
  "Floating Rate Share",
  "WAM",
  "Domestic Revenue %",
  "EBIT",
  "Interest Expense",
  "Fwd P/E",
  "Net Income",
];
const UNIVERSE: ScreenInput = {
  headers: HEADERS,
  rows: [
    ["A", "Alpha Industrials", 1000, 80, 400, 0.1, 5, 0.9, 100, 20, 10, 60],
    ["B", "Beta Services", 500, 30, 0, "", null, 0.85, 40, 0, 8, 30],
    // Interest 30: a column of mixed signs is read by its sign convention since issue 11 (tested below).
    ["C", "Gamma Builders", 800, 40, 600, 0.2, 4, 0.95, 90, 30, 20, 50],
    ["D", "Delta Retail", 300, -10, 500, 0.6, 2, 0.7, -6, 20, 15, -5],
    ["E", "Epsilon Freight", 600, 25, 300, "30%", 6, 0.82, 54, 12, 12, 35],
    ["F", "Phi Utilities", 400, 20, 200, 0.15, 4, "n/a", 45, 10, 25, 16],
  ],
};

describe("the hand-computed universe, quality preset", () => {
  const result = screen(UNIVERSE);

  it("computes ICR and shocked ICR per row", () => {
    const expected: Record<string, [number | null, number | null]> = {
      A: [5, 100 / 20.8],
      B: [null, null],
      C: [3, 90 / 32.4],
      D: [-0.3, -6 / 26],
      E: [4.5, 54 / 13.8],
      F: [4.5, 45 / 10.6],
    };
    for (const [ticker, [icr, shocked]] of Object.entries(expected)) {
      const row = byTicker(result, ticker);
      if (icr === null) expect(row.icr).toBeNull();
      else expect(row.icr).toBeCloseTo(icr, 10);
      if (shocked === null) expect(row.shockedIcr).toBeNull();
      else expect(row.shockedIcr).toBeCloseTo(shocked, 10);
    }
    expect(byTicker(result, "A").shockedIcr).toBeCloseTo(4.807692, 6);
    expect(byTicker(result, "C").shockedIcr).toBeCloseTo(2.777778, 6);
  });

  it("gives each row its verdicts", () => {
    expect(result.rows.map((r) => r.pass)).toEqual([true, true, true, false, false, false]);
    expect(byTicker(result, "B").verdicts).toEqual({
      positiveFcf: "pass",
      floatingShare: "pass",
      maturity: "pass",
      domesticRevenue: "pass",
      notZombie: "pass",
      icr: "pass",
      shockedIcr: "pass",
    });
    expect(byTicker(result, "D").failed).toEqual(["positiveFcf", "floatingShare", "maturity", "domesticRevenue", "notZombie", "icr", "shockedIcr"]);
    expect(byTicker(result, "E").failed).toEqual(["floatingShare"]);
    expect(byTicker(result, "E").unknown).toEqual([]);
    expect(byTicker(result, "F").failed).toEqual([]);
    expect(byTicker(result, "F").unknown).toEqual(["domesticRevenue"]);
    expect(byTicker(result, "F").verdicts.domesticRevenue).toBe("unknown");
  });

  it("explains every row that does not pass in words", () => {
    expect(byTicker(result, "A").reason).toBe("passes");
    expect(byTicker(result, "E").reason).toBe("fails: floating-rate share <= 25% (30%)");
    expect(byTicker(result, "F").reason).toBe("unknown: domestic revenue share (domesticShare is text, not a number)");
    expect(byTicker(result, "F").problems).toEqual([{ field: "domesticShare", message: "domesticShare is text, not a number" }]);
    expect(byTicker(result, "D").reason).toBe(
      "fails: free cash flow > 0 (-10), floating-rate share <= 25% (60%), debt maturity >= 3 years (2 years), " +
        "domestic revenue share >= 80% (70%), not a zombie (ICR >= 1 in the latest fiscal period) (latest ICR -0.3x), ICR >= 3 (-0.3x), " +
        "ICR after a +200 bp shock >= 1.5 (-0.23x)",
    );
  });

  it("scores and ranks the passing rows", () => {
    expect(byTicker(result, "A").score).toBeCloseTo(85, 10);
    expect(byTicker(result, "B").score).toBeCloseTo(95, 10);
    expect(byTicker(result, "C").score).toBeCloseTo(27.5, 10);
    expect(["A", "B", "C"].map((t) => byTicker(result, t).rank)).toEqual([2, 1, 3]);
    for (const t of ["D", "E", "F"]) {
      expect(byTicker(result, t).score).toBeNull();
      expect(byTicker(result, t).rank).toBeNull();
    }
  });

  it("reports forward P/E, FCF yield and the zombie flag", () => {
    expect(byTicker(result, "A").fcfYield).toBeCloseTo(0.08, 12);
    expect(byTicker(result, "E").fcfYield).toBeCloseTo(25 / 600, 12);
    expect(byTicker(result, "B").forwardPe).toBe(8);
    expect(result.rows.map((r) => r.zombie)).toEqual([false, false, false, true, false, false]);
  });

  it("summarises the universe", () => {
    const s = result.summary;
    expect(s.rowsScreened).toBe(6);
    expect(s.rowsPassing).toBe(3);
    expect(s.zombieCount).toBe(1);
    expect(s.zombieShare).toBeCloseTo(1 / 6, 12);
    expect(s.unprofitableShare).toBeCloseTo(1 / 6, 12);
    expect(s.indexPe).toBeCloseTo(3600 / 186, 10);
    expect(s.indexPe).toBeCloseTo(19.354839, 6);
    expect(s.indexPeExUnprofitable).toBeCloseTo(3300 / 191, 10);
    expect(s.stress).toEqual({ shockBps: 200, threshold: 1.5, rowsKnown: 6, belowOne: 1, belowThreshold: 1 });
  });

  it("keeps source order and 1-based source rows", () => {
    expect(result.rows.map((r) => r.row)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(result.rows.map((r) => r.name)).toEqual(["Alpha Industrials", "Beta Services", "Gamma Builders", "Delta Retail", "Epsilon Freight", "Phi Utilities"]);
  });

  it("changing a threshold changes the verdicts", () => {
    const relaxed = screen(UNIVERSE, oneYear(setCriterion(presetConfig("quality"), "floatingShare", 0.3)));
    expect(byTicker(relaxed, "E").pass).toBe(true);
    const off = screen(UNIVERSE, oneYear(setCriterion(presetConfig("quality"), "domesticRevenue", "off")));
    expect(byTicker(off, "F").pass).toBe(true);
    expect(byTicker(off, "F").verdicts.domesticRevenue).toBeUndefined();
  });

  it("a bigger shock lowers shocked ICR: C at +1000 bp is 90 / (30 + 12) = 2.142857", () => {
    const shocked = screen(UNIVERSE, oneYear(setCriterion(presetConfig("quality"), "shockBps", 1000)));
    expect(byTicker(shocked, "C").shockedIcr).toBeCloseTo(90 / 42, 10);
    expect(byTicker(shocked, "C").reason).toBe("passes");
  });
});

describe("presets zombies and stress on the same universe", () => {
  it("zombies keeps the zombies, with the same summary", () => {
    const result = screen(UNIVERSE, oneYear(presetConfig("zombies")));
    expect(result.rows.filter((r) => r.pass).map((r) => r.ticker)).toEqual(["D"]);
    expect(byTicker(result, "D").rank).toBe(1);
    expect(byTicker(result, "A").reason).toBe("fails: is a zombie (ICR < 1 in the latest fiscal period) (latest ICR 5x)");
    expect(result.summary.zombieCount).toBe(1);
    expect(result.summary.indexPe).toBeCloseTo(3600 / 186, 10);
  });

  it("by default the zombie test needs three fiscal periods: one period never makes a zombie", () => {
    const result = screen(UNIVERSE, presetConfig("zombies"));
    // D's ICR -0.3 is below 1 in the one period given: unknown, not a zombie; A's 5 clears it.
    expect(byTicker(result, "D").zombie).toBeNull();
    expect(byTicker(result, "D").reason).toBe(
      "unknown: zombie test (the zombie test needs 3 fiscal periods; the table gives only the latest EBIT and interest)",
    );
    expect(byTicker(result, "A").zombie).toBe(false);
    expect(result.summary.zombieCount).toBe(0);
    expect(result.mapping.notes?.map((n) => n.message)).toContain(
      "Zombie test: ICR < 1 in each of the latest 3 fiscal periods; the table gives only the latest EBIT and interest, so a company with ICR >= 1 is not a zombie and the others are unknown (zombieYears=1 for a one-period test).",
    );
  });

  it("an interest column of mixed signs is read by its convention: the minority sign is no net interest expense", () => {
    const rows = UNIVERSE.rows.map((row) => (row[0] === "C" ? row.map((v, k) => (k === 9 ? -30 : v)) : row));
    const result = screen({ headers: HEADERS, rows }, presetConfig("stress"));
    // Five of the six are positive (or zero): positive is expense, C's -30 is net interest income.
    expect(byTicker(result, "C").icr).toBeNull();
    expect(byTicker(result, "C").reason).toBe("passes; no interest: ICR unlimited");
    expect(result.messages?.map((m) => m.message)).toContain(
      "Interest Expense: positive values are interest expense (4 cells); 1 negative value is net interest income, read as no net interest expense for the zombie and coverage tests (interestSign=magnitude reads every value as an expense of its size).",
    );
    // The assumption can be changed: by magnitude, C's -30 is an expense of 30 (ICR 3), as before issue 11.
    const settings = applySettings(presetConfig("stress"), ["interestSign=magnitude"]);
    if (!settings.ok) throw new Error(settings.message);
    const magnitude = screen({ headers: HEADERS, rows }, settings.config);
    expect(byTicker(magnitude, "C").icr).toBeCloseTo(3, 12);
    expect(magnitude.messages?.some((m) => m.message.includes("net interest income"))).toBe(false);
    expect(applySettings(presetConfig("stress"), ["interestSign=sometimes"])).toMatchObject({
      ok: false,
      code: "setting-bad-value",
      message: 'interestSign needs auto (a column of both signs is read by its convention) or magnitude (every value is an expense of its size), got "sometimes"',
    });
  });

  it("stress keeps shocked ICR >= 1.5 and reports ICR and shocked ICR for every row", () => {
    const result = screen(UNIVERSE, presetConfig("stress"));
    expect(result.rows.filter((r) => r.pass).map((r) => r.ticker)).toEqual(["A", "B", "C", "E", "F"]);
    expect(byTicker(result, "D").reason).toBe("fails: ICR after a +200 bp shock >= 1.5 (-0.23x)");
    expect(byTicker(result, "D").icr).toBeCloseTo(-0.3, 12);
    expect(byTicker(result, "F").shockedIcr).toBeCloseTo(45 / 10.6, 12);
    expect(result.summary.stress?.belowOne).toBe(1);
  });

  it("stress at +800 bp: E's shocked ICR is 54 / (12 + 7.2) = 2.8125; C's 90 / 39.6 = 2.2727", () => {
    const config = setCriterion(setCriterion(presetConfig("stress"), "shockBps", 800), "shockedIcrAbove", 2.5);
    const result = screen(UNIVERSE, config);
    expect(byTicker(result, "E").shockedIcr).toBeCloseTo(2.8125, 10);
    expect(byTicker(result, "C").shockedIcr).toBeCloseTo(90 / 39.6, 10);
    expect(byTicker(result, "C").pass).toBe(false);
    expect(result.summary.stress).toEqual({ shockBps: 800, threshold: 2.5, rowsKnown: 6, belowOne: 1, belowThreshold: 2 });
  });
});

describe("bad cells become that row's unknown, with the field named", () => {
  const headers = ["Ticker", "FCF", "Total Debt", "Floating %", "WAM", "Domestic Share", "EBIT", "Interest Expense"];
  const good = [1, 100, 0.1, 5, 0.9, 50, 10];
  const rowWith = (index: number, value: unknown): unknown[] => {
    const cells: unknown[] = ["X", ...good];
    cells[index] = value;
    return cells;
  };

  it.each<[string, unknown, string]>([
    ["text", "n/a", "fcf is text, not a number"],
    ["blank", "", "missing fcf"],
    ["null", null, "missing fcf"],
    ["an Excel error", { error: "#N/A" }, "fcf is #N/A"],
    ["a CustomFunctions error", { code: "#DIV/0!", message: "no data" }, "fcf is #DIV/0! (no data)"],
    ["a boolean", true, "fcf is TRUE/FALSE, not a number"],
    ["not finite", Infinity, "fcf is not a finite number"],
  ])("FCF as %s", (_kind, value, message) => {
    const result = screen({ headers, rows: [rowWith(1, value)] });
    const row = result.rows[0];
    expect(row.pass).toBe(false);
    expect(row.verdicts.positiveFcf).toBe("unknown");
    expect(row.unknown).toEqual(["positiveFcf"]);
    expect(row.problems).toContainEqual({ field: "fcf", message });
    expect(row.reason).toBe(`unknown: free cash flow (${message})`);
  });

  it("a bad EBIT makes every coverage criterion unknown and names ebit in each", () => {
    const row = screen({ headers, rows: [rowWith(6, "tbd")] }).rows[0];
    expect(row.unknown).toEqual(["notZombie", "icr", "shockedIcr"]);
    expect(row.problems).toEqual([{ field: "ebit", message: "ebit is text, not a number" }]);
    expect(row.reason).toContain("ICR (ebit is text, not a number)");
    expect(row.zombie).toBeNull();
  });

  it("numeric text is read as a number, as everywhere in the core", () => {
    const row = screen({ headers, rows: [["X", "1,000", "(0)", "10%", "5", "90%", "$50", "(10)"]] }).rows[0];
    expect(row.pass).toBe(true);
    expect(row.icr).toBeCloseTo(5, 12);
  });

  it("a share outside 0..1 is a problem, not a fail (40 is not 40%)", () => {
    const row = screen({ headers, rows: [rowWith(3, 40)] }).rows[0];
    expect(row.verdicts.floatingShare).toBe("unknown");
    expect(row.problems).toContainEqual({ field: "floatingShare", message: "floatingShare must be a fraction from 0 to 1 (40% is 0.4)" });
  });

  it("a bad cell in a column no criterion needs is still reported, and the row can pass", () => {
    const row = screen({ headers: [...headers, "Fwd P/E"], rows: [["X", ...good, "n.m."]] }).rows[0];
    expect(row.pass).toBe(true);
    expect(row.problems).toEqual([{ field: "forwardPe", message: "forwardPe is text, not a number" }]);
    expect(row.forwardPe).toBeNull();
  });

  it("ragged and non-array rows are rows of missing cells; fully blank rows are skipped", () => {
    const result = screen({ headers, rows: [["Y", 5], ["", null, undefined], "junk" as unknown as unknown[], ["X", ...good]] });
    expect(result.rows.map((r) => r.row)).toEqual([1, 4]);
    expect(result.rows[0].ticker).toBe("Y");
    expect(result.rows[0].verdicts.positiveFcf).toBe("pass");
    expect(result.rows[0].problems).toContainEqual({ field: "domesticShare", message: "missing domesticShare" });
    expect(result.summary.rowsScreened).toBe(2);
  });

  it("identity cells are text, never evaluated", () => {
    const result = screen({ headers, rows: [[" =1+1 ", ...good], [42, ...good], [{ error: "#REF!" }, ...good]] });
    expect(result.rows.map((r) => r.ticker)).toEqual(["=1+1", "42", "#REF!"]);
  });
});

describe("no debt and zero interest", () => {
  const headers = ["Ticker", "Total Debt", "Floating %", "WAM", "EBIT", "Interest Expense"];
  const config = presetConfig("quality");

  it("no debt passes floating share and maturity with both blank", () => {
    const row = screen({ headers, rows: [["N", 0, "", "", 10, 0]] }, config).rows[0];
    expect(row.verdicts.floatingShare).toBe("pass");
    expect(row.verdicts.maturity).toBe("pass");
  });

  it("debt with a blank floating share and maturity is unknown, not a pass", () => {
    const row = screen({ headers, rows: [["N", 100, "", "", 10, 2]] }, config).rows[0];
    expect(row.verdicts.floatingShare).toBe("unknown");
    expect(row.verdicts.maturity).toBe("unknown");
    expect(row.reason).toContain("floating-rate share (missing floatingShare)");
  });

  it("blank debt with a known share is judged on the share", () => {
    const row = screen({ headers, rows: [["N", "", 0.1, 4, 10, 2]] }, config).rows[0];
    expect(row.verdicts.floatingShare).toBe("pass");
    expect(row.verdicts.maturity).toBe("pass");
  });

  it("zero interest: infinite coverage passes ICR, shocked ICR and the zombie test, whatever EBIT is", () => {
    const row = screen({ headers, rows: [["Z", 0, "", "", -5, 0]] }, config).rows[0];
    expect(row.verdicts.icr).toBe("pass");
    expect(row.verdicts.shockedIcr).toBe("pass");
    expect(row.verdicts.notZombie).toBe("pass");
    expect(row.icr).toBeNull();
    expect(row.zombie).toBe(false);
  });

  it("zero interest with floating debt takes the shock: 10 / (100 * 0.5 * 0.02) = 10", () => {
    const row = screen({ headers, rows: [["Z", 100, 0.5, 4, 10, 0]] }, config).rows[0];
    expect(row.icr).toBeNull();
    expect(row.shockedIcr).toBeCloseTo(10, 12);
    expect(row.verdicts.shockedIcr).toBe("pass");
  });

  it("no floating debt takes no shock: shocked ICR = ICR = 2, and 2 < 3 fails ICR but passes 1.5", () => {
    const row = screen({ headers, rows: [["Z", 100, 0, 4, 20, 10]] }, config).rows[0];
    expect(row.shockedIcr).toBeCloseTo(2, 12);
    expect(row.verdicts.icr).toBe("fail");
    expect(row.verdicts.shockedIcr).toBe("pass");
  });

  it("floating share derives from floating debt / total debt: 30 / 120 = 25% passes, 40 / 120 fails", () => {
    const h = ["Ticker", "Total Debt", "Floating Debt", "EBIT", "Interest Expense"];
    const result = screen({ headers: h, rows: [["P", 120, 30, 50, 5], ["Q", 120, 40, 50, 5], ["R", 0, "", 50, 5]] });
    expect(result.rows.map((r) => r.verdicts.floatingShare)).toEqual(["pass", "fail", "pass"]);
    expect(result.rows[1].reason).toContain("floating-rate share <= 25% (33.3%)");
    // 50 / (5 + 120 * 0.25 * 0.02 = 0.6) = 8.928571
    expect(result.rows[0].shockedIcr).toBeCloseTo(50 / 5.6, 10);
  });
});

describe("the multi-year zombie test where history is given", () => {
  /*
   * ICR per period (EBIT / interest), oldest first:
   * Z1: 0.5, 0.8, 0.9  -> below 1 in all three: zombie
   * Z2: 0.5, 1.5, 0.8  -> 2023 covers: not a zombie over 3 years; over the last 1 (0.8): zombie
   * Z3: 0.5, zero interest in 2023, 0.7 -> a zero-interest period is not failing: not a zombie
   * Z4: 0.5, blank EBIT 2023, 0.7 -> unknown over 3 years; zombie over the last 1
   */
  const input: ScreenInput = {
    headers: ["Ticker", "EBIT 2022", "EBIT 2023", "EBIT 2024", "Interest Expense 2022", "Interest Expense 2023", "Interest Expense 2024"],
    rows: [
      ["Z1", 5, 8, 9, 10, 10, 10],
      ["Z2", 5, 15, 8, 10, 10, 10],
      ["Z3", 5, 6, 7, 10, 0, 10],
      ["Z4", 5, "", 7, 10, 10, 10],
    ],
  };

  it("over the latest three fiscal periods by default", () => {
    const result = screen(input, presetConfig("zombies"));
    expect(result.rows.map((r) => r.zombie)).toEqual([true, false, false, null]);
    expect(result.rows.map((r) => r.verdicts.isZombie)).toEqual(["pass", "fail", "fail", "unknown"]);
    expect(result.rows[3].problems).toEqual([{ field: "ebitHistory", message: "missing EBIT 2023" }]);
    expect(result.rows[3].reason).toBe("unknown: zombie test (missing EBIT 2023)");
    expect(result.rows[1].reason).toBe("fails: is a zombie (ICR < 1 in each of the latest 3 fiscal periods) (latest ICR 0.8x)");
    expect(result.summary.zombieCount).toBe(1);
    expect(result.summary.zombieShare).toBeCloseTo(1 / 3, 12);
    // The latest period feeds the plain ICR: Z1 9 / 10.
    expect(result.rows[0].icr).toBeCloseTo(0.9, 12);
  });

  it("over the last `zombieYears` periods", () => {
    const result = screen(input, { ...presetConfig("zombies"), zombieYears: 1 });
    expect(result.rows.map((r) => r.zombie)).toEqual([true, true, true, true]);
    const two = screen(input, { ...presetConfig("zombies"), zombieYears: 2 });
    // Z4: 2024 fails, 2023 is blank: unknown (a blank is never a pass).
    expect(two.rows.map((r) => r.zombie)).toEqual([true, false, false, null]);
  });

  it("a company cleared by one known period is not a zombie even when another period is blank", () => {
    const rows = [["Z5", 15, "", 7, 10, 10, 10]];
    const result = screen({ headers: input.headers, rows }, presetConfig("zombies"));
    // 2022: 15 / 10 = 1.5 >= 1 clears it, whatever 2023 held.
    expect(result.rows[0].zombie).toBe(false);
  });

  it("notZombie in the quality preset uses the same test", () => {
    const result = screen(input, presetConfig("quality"));
    expect(result.rows.map((r) => r.verdicts.notZombie)).toEqual(["fail", "pass", "pass", "unknown"]);
  });

  it("more zombie years than periods: unknown unless a known period clears it, and the mapping says so (was an error before issue 11)", () => {
    const outcome = runScreen(input, { ...presetConfig("zombies"), zombieYears: 4 });
    if (!outcome.ok) throw new Error(outcome.message);
    expect(outcome.result.rows.map((r) => r.zombie)).toEqual([null, false, false, null]);
    expect(outcome.result.rows[0].reason).toBe(
      "unknown: zombie test (the zombie test needs 4 fiscal periods; the table gives 3 periods of EBIT and interest)",
    );
    expect(outcome.result.mapping.notes?.map((n) => n.message)).toContain(
      "Zombie test: ICR < 1 in each of the latest 4 fiscal periods; the table gives 3 (2022, 2023, 2024), so a company no known period clears is unknown, never a zombie on fewer periods.",
    );
  });
});

describe("tables the engine cannot screen", () => {
  it("no recognisable columns", () => {
    const outcome = runScreen({ headers: ["Foo", "Bar", ""], rows: [[1, 2, 3]] }, presetConfig("quality"));
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) {
      expect(outcome.message).toMatch(/^No columns recognised\. Expected headers such as Ticker, EBIT, Interest Expense/);
      expect(outcome.message).toContain("Found: Foo, Bar.");
    }
  });

  it("none of the fields an active criterion needs", () => {
    const outcome = runScreen({ headers: ["Ticker", "Sector", "Fwd P/E"], rows: [["A", "Tech", 10]] }, presetConfig("stress"));
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) {
      expect(outcome.message).toBe(
        "None of the columns this screen needs were found. It needs columns such as EBIT, Interest Expense, Total Debt, " +
          "Floating Rate Share, Floating Rate Debt (recognised: Ticker, Sector, Fwd P/E).",
      );
    }
  });

  it("a bad config or mapping is a message, not an exception", () => {
    const badThreshold = runScreen(UNIVERSE, setCriterion(presetConfig("quality"), "floatingShare", 25));
    expect(badThreshold).toMatchObject({
      ok: false,
      code: "config-setting-out-of-range",
      problem: { code: "setting-out-of-range", key: "floatingShare", value: 25 },
      message: "The screen settings are not valid: floatingShare must be a fraction from 0 to 1 (25% is 0.25), got 25.",
    });
    const notAConfig = runScreen(UNIVERSE, { preset: "value" } as unknown as ScreenConfig);
    expect(notAConfig).toMatchObject({ ok: false, code: "config-invalid" });
    if (!notAConfig.ok) expect(notAConfig.message).toMatch(/^The screen settings are not valid: config\.preset: /);
    const badMapping = runScreen(UNIVERSE, presetConfig("quality"), { fields: { ebit: -1 }, ebitHistory: [], interestHistory: [] });
    expect(badMapping).toMatchObject({ ok: false, code: "mapping-invalid" });
    if (!badMapping.ok) expect(badMapping.message).toMatch(/^The column mapping is not valid: mapping\.fields\.ebit: /);
    expect(runScreen(null as unknown as ScreenInput, presetConfig("quality"))).toEqual({ ok: false, code: "no-table", message: "There is no table to screen." });
  });
});

describe("an explicit mapping", () => {
  it("is used as given instead of the headers", () => {
    const input: ScreenInput = { headers: ["Code", "Profit", "Cost of debt"], rows: [["K", 30, 10]] };
    const outcome = runScreen(input, presetConfig("stress"), { fields: { ticker: 0, ebit: 1, interestExpense: 2 }, ebitHistory: [], interestHistory: [] });
    expect(outcome.ok).toBe(true);
    if (outcome.ok) {
      expect(outcome.result.rows[0].icr).toBe(3);
      expect(outcome.result.mapping.recognised.map((r) => r.field)).toEqual(["ticker", "ebit", "interestExpense"]);
      // No debt column: the shock cannot be sized, so stress is unknown.
      expect(outcome.result.rows[0].reason).toBe("unknown: rate-shocked ICR (no totalDebt column; no floatingShare column)");
    }
  });
});

describe("progress", () => {
  const rows = Array.from({ length: 1234 }, (_, i) => [`T${i}`, 10 + (i % 7), 5]);
  const input: ScreenInput = { headers: ["Ticker", "EBIT", "Interest Expense"], rows };

  it("is reported at most ~100 times, ending with done = total", () => {
    const calls: [number, number][] = [];
    const outcome = runScreen(input, presetConfig("stress"), null, { onProgress: (done, total) => calls.push([done, total]) });
    expect(outcome.ok).toBe(true);
    expect(calls.length).toBeGreaterThan(10);
    expect(calls.length).toBeLessThanOrEqual(101);
    expect(calls[calls.length - 1]).toEqual([1234, 1234]);
    for (let i = 1; i < calls.length; i++) expect(calls[i][0]).toBeGreaterThanOrEqual(calls[i - 1][0]);
  });

  it("the async variant gives the same result", async () => {
    let pauses = 0;
    const outcome = await runScreenAsync(input, presetConfig("stress"), null, {
      yieldControl: async () => {
        pauses++;
      },
    });
    const sync = runScreen(input, presetConfig("stress"));
    expect(pauses).toBeGreaterThan(10);
    expect(outcome).toEqual(sync);
  });
});

describe("a sheet column feeding two fields (the latest period is also the plain EBIT)", () => {
  const input: ScreenInput = {
    headers: ["Ticker", "EBIT 2023", "EBIT 2024", "Interest Expense 2023", "Interest Expense 2024"],
    rows: [
      ["OK", 50, 60, 10, 10],
      ["TXT", 50, "n/a", 10, 10],
      ["BLANK", 50, "", 10, 10],
      ["ZOMB", 5, 6, 10, 10],
    ],
  };
  const result = screen(input, { ...presetConfig("zombies"), zombieYears: 2 });

  it("gives both fields the same values and names each field's own problem", () => {
    // TXT and BLANK: 2023 (50 / 10 = 5) clears them, whatever 2024 holds (issue 11).
    expect(result.rows.map((r) => [r.ticker, r.icr, r.zombie])).toEqual([
      ["OK", 6, false],
      ["TXT", null, false],
      ["BLANK", null, false],
      ["ZOMB", 0.6, true],
    ]);
    expect(byTicker(result, "TXT").problems).toEqual([
      { field: "ebit", message: "ebit is text, not a number" },
      { field: "ebitHistory", message: "EBIT 2024 is text, not a number" },
    ]);
    expect(byTicker(result, "BLANK").problems).toEqual([]);
    // The blank latest EBIT leaves ICR and shocked ICR blank: the reason says so (issue 16, item 7).
    expect(byTicker(result, "BLANK").reason).toBe("fails: is a zombie (ICR < 1 in each of the latest 2 fiscal periods); ICR blank: missing ebit; shocked ICR blank: as ICR");
  });
});

describe("runScreenRows: rows as they arrive (a file being parsed)", () => {
  function table(n: number): unknown[][] {
    const rows: unknown[][] = [];
    for (let i = 0; i < n; i++) {
      // Blank rows, text, accounting text and blanks among plain numbers, so every path of the reader runs.
      if (i % 97 === 5) {
        rows.push(["", null, "", ""]);
        continue;
      }
      rows.push([`T${i}`, i % 13 === 0 ? "" : 10 + (i % 50), i % 31 === 0 ? "n/a" : i % 29 === 0 ? "(1,200)" : 5 + (i % 7), i % 10 === 0 ? 0 : 100 + i]);
    }
    return rows;
  }
  const headers = ["Ticker", "EBIT", "Interest Expense", "Total Debt"];
  const rows = table(2500);
  const config = presetConfig("stress");

  it("gives the result runScreen gives for the same rows, from an async source that grows its columns", async () => {
    async function* arriving() {
      for (const row of rows) yield row;
    }
    const streamed = await runScreenRows(headers, arriving(), config);
    const whole = runScreen({ headers, rows }, config);
    if (!streamed.ok || !whole.ok) throw new Error("a screen refused the table");
    expect(streamed.result.count).toBe(whole.result.count);
    expect(streamed.result.summary).toEqual(whole.result.summary);
    expect(Array.from(streamed.result.order)).toEqual(Array.from(whole.result.order));
    expect(streamed.result.rows).toEqual(whole.result.rows);
    expect(whole.result.rows.some((r) => r.problems.length > 0)).toBe(true);
  });

  it("says what is wrong with the headers or config before reading a row, and lets the source's own error through", async () => {
    let pulled = 0;
    function* counted() {
      for (const row of rows) {
        pulled++;
        yield row;
      }
    }
    const refused = await runScreenRows(["Colour", "Size"], counted(), config);
    expect(refused).toMatchObject({ ok: false, code: "no-columns-recognised", message: expect.stringMatching(/^No columns recognised/) });
    expect(pulled).toBe(0);
    async function* broken(): AsyncGenerator<unknown[]> {
      yield rows[0];
      throw new Error("disk gone");
    }
    await expect(runScreenRows(headers, broken(), config)).rejects.toThrow("disk gone");
  });
});
