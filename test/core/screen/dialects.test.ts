/**
 * Header dialects as vendors write them (issue 11): bracketed and suffixed periods and units,
 * estimates, identifiers, the vendor dictionary header by header, money units brought to one,
 * two header rows, and SMALLCAP.SCREEN reading a long table through the same engine.
 */
import { combineHeaderRows, declaredUnit, mapColumns, parseHeader, recogniseHeader, VENDOR_HEADERS } from "../../../src/core/screen/headers";
import { parsePeriodCell } from "../../../src/core/screen/periods";
import { presetConfig } from "../../../src/core/screen/criteria";
import { runScreen } from "../../../src/core/screen/engine";
import { SMALLCAP_FUNCTIONS } from "../../../src/functions/definitions";
import type { ScreenResult } from "../../../src/core/screen/types";

describe("the vendor dictionary, header by header", () => {
  it.each(VENDOR_HEADERS.map((v) => [v.vendor, v.header, v.field] as const))("%s %p feeds %p", (_vendor, header, field) => {
    expect(recogniseHeader(header)?.field).toBe(field);
  });

  it("names every vendor the issue lists, each entry with what the field is", () => {
    expect([...new Set(VENDOR_HEADERS.map((v) => v.vendor))]).toEqual(["SimFin", "Capital IQ", "Bloomberg", "FactSet", "LSEG/Refinitiv", "Compustat"]);
    for (const v of VENDOR_HEADERS) expect(v.meaning.length).toBeGreaterThan(2);
    expect(VENDOR_HEADERS.filter((v) => v.vendor === "Compustat").map((v) => v.header)).toEqual(["tic", "conm", "fyear", "oiadp", "xint", "dltt", "dlc", "revt", "ni"]);
  });
});

describe("bracketed and suffixed periods and units", () => {
  it.each([
    ["EBIT [FY 2021] ($USDmm)", "ebit", 20210, "FY2021", 1e6],
    ["Interest Expense [CY 2020]", "interestExpense", 20200, "CY2020", undefined],
    ["EBIT_2021", "ebit", 20210, "2021", undefined],
    ["EBIT FY21", "ebit", 20210, "FY2021", undefined],
    ["EBIT 2021A", "ebit", 20210, "2021A", undefined],
    ["Operating Income (Loss) FY2023 (USD, thousands)", "ebit", 20230, "FY2023", 1e3],
  ] as const)("%p: %p, period %p (%p), unit %p", (header, field, periodKey, period, scale) => {
    const seen = recogniseHeader(header);
    expect(seen).toMatchObject({ field, periodKey, period });
    expect(seen?.unit?.scale).toBe(scale);
    expect(seen?.estimate).toBeUndefined();
  });

  it.each([
    ["EBIT ($mm)", 1e6, "millions"],
    ["Interest Expense (USD, thousands)", 1e3, "thousands"],
    ["Market Cap ($bn)", 1e9, "billions"],
    ["Total Debt [EURm]", 1e6, "millions"],
    ["Revenue in millions", 1e6, "millions"],
  ])("%p declares %p", (header, scale, label) => {
    expect(declaredUnit(header)).toEqual({ scale, label });
  });

  it("one-letter words outside brackets are no unit: P/B, Class B", () => {
    expect(declaredUnit("P/B")).toBeUndefined();
    expect(declaredUnit("Class B Shares")).toBeUndefined();
  });

  it.each(["EBIT 2022E", "EBIT [FY 2023E] ($USDmm)", "FY2023E EBIT", "EBIT Est.", "EBIT Forecast 2023", "EBIT NTM", "Interest Expense Consensus"])(
    "%p is an estimate: shown, never history",
    (header) => {
      expect(parseHeader(header).estimate).toBe(true);
      const report = mapColumns(["Ticker", "EBIT 2020", "EBIT 2021", "Interest Expense 2020", "Interest Expense 2021", header]);
      expect(report.mapping.ebitHistory).toEqual([1, 2]);
      expect(report.ignored).toContainEqual(expect.objectContaining({ column: 5, header, reason: expect.stringMatching(/^estimate.*never part of the actual history$/) }));
    },
  );

  it("NTM P/E stays the forward P/E (the estimate word is its name), and LTM is a current value, not a period", () => {
    expect(recogniseHeader("NTM P/E")).toEqual({ field: "forwardPe" });
    expect(recogniseHeader("EBIT [LTM]")).toEqual({ field: "ebit", ltm: true });
    const report = mapColumns(["Ticker", "EBIT [LTM]", "EBIT 2021", "Interest Expense 2021"]);
    expect(report.recognised).toContainEqual({ column: 1, header: "EBIT [LTM]", field: "ebit", period: "LTM" });
    expect(report.mapping.ebitHistory).toEqual([2]);
  });

  it("identifiers: Exchange:Ticker, Ticker Symbol, Symbol, Identifier", () => {
    for (const header of ["Exchange:Ticker", "Ticker Symbol", "Symbol", "Identifier"]) expect(recogniseHeader(header)).toEqual({ field: "ticker" });
  });

  it("period columns in any order are ordered by their label", () => {
    const report = mapColumns(["Ticker", "EBIT FY21", "EBIT FY19", "EBIT FY20", "Interest Expense 2020", "Interest Expense 2021", "Interest Expense 2019"]);
    expect(report.mapping.ebitHistory).toEqual([2, 3, 1]);
    expect(report.mapping.interestHistory).toEqual([6, 4, 5]);
    expect(report.mapping.fields.ebit).toBe(1);
  });
});

describe("period cells of long tables", () => {
  it.each([
    ["2021", 2021, false],
    ["FY2021", 2021, false],
    ["FY 2021", 2021, false],
    ["FY21", 2021, false],
    ["2021A", 2021, false],
    ["2022E", 2022, true],
    ["2021-10-31", 2021, false],
    ["10/31/2021", 2021, false],
    ["44500", 2021, false],
  ] as const)("%p is fiscal year %p (estimate %p)", (text, year, estimate) => {
    expect(parsePeriodCell(text)).toEqual({ year, estimate });
  });

  it.each(["Q1", "n/a", "", "12"])("%p is no period", (text) => expect(parsePeriodCell(text)).toBeUndefined());
});

function screened(headers: unknown[], rows: unknown[][], config = presetConfig("quality")): ScreenResult {
  const outcome = runScreen({ headers, rows }, config);
  if (!outcome.ok) throw new Error(outcome.message);
  return outcome.result;
}

describe("money in different declared units is brought to one unit before a ratio mixes them", () => {
  it("FCF yield: FCF ($mm) 50 over Market Cap ($bn) 1 is 5%, not 50x", () => {
    const result = screened(["Ticker", "Market Cap ($bn)", "FCF ($mm)", "EBIT ($mm)", "Interest Expense ($mm)"], [["U", 1, 50, 30, 10]]);
    expect(result.rows[0].fcfYield).toBeCloseTo(0.05, 12);
    expect(result.rows[0].icr).toBeCloseTo(3, 12);
    expect(result.mapping.notes?.map((n) => n.message)).toContain(
      "Money columns declare different units; brought to millions before any ratio: Market Cap ($bn) x 1,000.",
    );
  });

  it("where some money columns declare no unit, the mapping says the units could not be brought to one", () => {
    const result = screened(["Ticker", "Market Cap ($bn)", "FCF ($mm)", "EBIT"], [["U", 1, 50, 30]]);
    expect(result.rows[0].fcfYield).toBeCloseTo(50, 12);
    expect(result.mapping.notes?.find((n) => n.level === "warning")?.message).toBe(
      "Money columns declare different units (billions, millions) and EBIT declares none: the units could not be brought to one, so ratios that mix them (ICR, FCF yield, P/E) may be off by a factor of 1,000. Put the unit in every money header.",
    );
  });
});

describe("two header rows read as one", () => {
  it("years as numbers under a merged metric cell; an identity label in the period row", () => {
    const combined = combineHeaderRows(["Ticker", "EBIT", null, "Interest Expense", null], ["Fiscal Year", 2020, 2021, "2020", "2021"]);
    expect(combined).toEqual(["Ticker", "EBIT 2020", "EBIT 2021", "Interest Expense 2020", "Interest Expense 2021"]);
  });

  it("a data row is never taken for a period row", () => {
    expect(combineHeaderRows(["Ticker", "EBIT", "Interest Expense"], ["AAPL", 2020, 2021])).toBeUndefined();
    expect(combineHeaderRows(["Ticker", "EBIT", "Interest Expense"], ["", 120.5, 30])).toBeUndefined();
  });

  it("the engine screens below the period row and counts it in the row numbers", () => {
    const result = screened(
      ["Ticker", "EBIT", null, null, "Interest Expense", null, null],
      [
        [null, 2019, 2020, 2021, 2019, 2020, 2021],
        ["Z", 5, 6, 7, 10, 10, 10],
      ],
      presetConfig("zombies"),
    );
    expect(result.rows.map((r) => [r.row, r.ticker, r.zombie])).toEqual([[2, "Z", true]]);
  });
});

describe("SMALLCAP.SCREEN reads a long table through the same engine", () => {
  it("one row per company, the zombie test over its latest three fiscal years", () => {
    const table = [
      ["Ticker", "Fiscal Year", "EBIT", "Interest Expense"],
      ["Z", 2019, 5, 10],
      ["Z", 2020, 6, 10],
      ["Z", 2021, 7, 10],
      ["OK", 2020, 50, 10],
      ["OK", 2021, 60, 10],
    ];
    const grid = SMALLCAP_FUNCTIONS.SCREEN(table, "zombies", "");
    const ticker = grid[0].indexOf("Ticker");
    expect(grid.slice(1).map((row) => row[ticker])).toEqual(["Z"]);
    const two = SMALLCAP_FUNCTIONS.SCREEN(table, "zombies", "zombieYears=2");
    expect(two.slice(1).map((row) => row[ticker])).toEqual(["Z"]);
  });
});

describe("a wide table's period columns with a gap", () => {
  it("EBIT 2019 | EBIT 2021: 2020 is a missing period, not two consecutive ones", () => {
    const headers = ["Ticker", "EBIT 2021", "EBIT 2019", "Interest Expense 2019", "Interest Expense 2021"];
    const result = screened(headers, [["Z", 5, 6, 10, 10], ["OK", 5, 60, 10, 10]], presetConfig("zombies"));
    // Z fails in both years it has, but 2020 is missing: unknown, never a zombie on two years.
    expect(result.rows.map((r) => [r.ticker, r.zombie])).toEqual([
      ["Z", null],
      ["OK", false],
    ]);
    expect(result.rows[0].reason).toBe("unknown: zombie test (no EBIT column for 2020: a missing period)");
    expect(result.mapping.notes?.map((n) => n.message)).toContain("Zombie test: ICR < 1 in each of the latest 3 fiscal periods: 2019, 2020 (no column), 2021.");
  });
});
