/** Header recognition: the names real exports use (FactSet, Bloomberg, CapIQ, hand-built sheets). */
import { FIELD_HEADERS, FIELD_IDS, describeMapping, mapColumns, recogniseHeader } from "../../../src/core/screen/headers";
import type { FieldId } from "../../../src/core/screen/types";

describe("recogniseHeader: one plain column per field", () => {
  it.each<[string, FieldId]>([
    ["Ticker", "ticker"],
    ["Symbol", "ticker"],
    ["Company", "name"],
    ["Name", "name"],
    ["Sector", "sector"],
    ["GICS Sector", "sector"],
    ["Market Cap", "marketCap"],
    ["Mkt Cap", "marketCap"],
    ["Market Capitalization", "marketCap"],
    ["Market Cap ($m)", "marketCap"],
    ["market_cap_usd_m", "marketCap"],
    ["MarketCap", "marketCap"],
    ["Revenue", "revenue"],
    ["Sales", "revenue"],
    ["Total Revenue", "revenue"],
    ["Revenue Prior", "revenuePrior"],
    ["Prior Revenue", "revenuePrior"],
    ["Revenue (Prior Year)", "revenuePrior"],
    ["Revenue LY", "revenuePrior"],
    ["EBIT", "ebit"],
    ["Operating Income", "ebit"],
    ["Operating Income (Loss)", "ebit"],
    ["Op. Income", "ebit"],
    ["Op Inc", "ebit"],
    ["EBIT (USD mn)", "ebit"],
    ["EBIT Prior", "ebitPrior"],
    ["Prior EBIT", "ebitPrior"],
    ["Operating Income (Prior Year)", "ebitPrior"],
    ["Interest Expense", "interestExpense"],
    ["Interest Expense, Net", "interestExpense"],
    ["Int. Exp.", "interestExpense"],
    ["Total Debt", "totalDebt"],
    ["Debt", "totalDebt"],
    ["Floating Rate Share", "floatingShare"],
    ["Floating %", "floatingShare"],
    ["% Floating Debt", "floatingShare"],
    ["Floating-Rate Debt %", "floatingShare"],
    ["Floating Rate Debt", "floatingDebt"],
    ["Floating Debt", "floatingDebt"],
    ["WAM", "wamYears"],
    ["Weighted Avg Maturity", "wamYears"],
    ["Avg Debt Maturity (yrs)", "wamYears"],
    ["FCF", "fcf"],
    ["Free Cash Flow", "fcf"],
    ["Domestic Revenue %", "domesticShare"],
    ["US Revenue Share", "domesticShare"],
    ["Domestic Share", "domesticShare"],
    ["Infrastructure Revenue %", "infrastructureShare"],
    ["Fwd P/E", "forwardPe"],
    ["Forward P/E", "forwardPe"],
    ["P/E (NTM)", "forwardPe"],
    ["Earnings", "earnings"],
    ["Net Income", "earnings"],
    ["Short Interest", "shortInterest"],
    ["Float", "floatShares"],
    ["Shares Float", "floatShares"],
    ["Free Float", "floatShares"],
    ["Avg Daily Volume", "avgDailyVolume"],
    ["ADV", "avgDailyVolume"],
    ["Average Volume", "avgDailyVolume"],
  ])("%p feeds %p", (header, field) => {
    // Units a header declares come back too (issue 11: `unit`), tested in dialects.test.ts.
    const { unit, ...seen } = recogniseHeader(header) ?? {};
    void unit;
    expect(seen).toEqual({ field });
  });

  it.each([
    ["  ticker  ", "ticker"],
    ["TICKER", "ticker"],
    ["ticker:", "ticker"],
    ["Free-Cash-Flow", "fcf"],
    ["free_cash_flow", "fcf"],
    // "(%)" and "percent" make the floating-rate debt a share, not an amount.
    ["FLOATING RATE DEBT (%)", "floatingShare"],
    ["floating rate debt percent", "floatingShare"],
  ])("%p is recognised regardless of case and punctuation, as %p", (header, field) => {
    expect(recogniseHeader(header)).toEqual({ field });
  });

  it.each(["EPS", "Diluted EPS", "P/E", "Interest", "Notes", "", "   ", "Ticker 2024"])("%p feeds nothing", (header) => {
    expect(recogniseHeader(header)).toBeUndefined();
  });

  it.each([null, undefined, 2024, true, { error: "#N/A" }])("non-text header %p feeds nothing", (header) => {
    expect(recogniseHeader(header)).toBeUndefined();
  });

  it("every documented header name maps back to its own field", () => {
    for (const field of FIELD_IDS) {
      for (const header of FIELD_HEADERS[field]) expect([header, recogniseHeader(header)?.field]).toEqual([header, field]);
    }
  });
});

describe("recogniseHeader: period columns", () => {
  it.each<[string, FieldId, number, string]>([
    ["EBIT 2022", "ebit", 20220, "2022"],
    ["Operating Income FY2023", "ebit", 20230, "FY2023"],
    ["EBIT FY23", "ebit", 20230, "FY2023"],
    ["ebit_2023", "ebit", 20230, "2023"],
    ["Interest Expense 2022", "interestExpense", 20220, "2022"],
    ["Interest Expense FY 2024", "interestExpense", 20240, "FY2024"],
    ["EBIT Q1 2024", "ebit", 20241, "2024 Q1"],
    ["1Q24 EBIT", "ebit", 20241, "2024 Q1"],
  ])("%p is %p for period %p", (header, field, periodKey, period) => {
    expect(recogniseHeader(header)).toEqual({ field, periodKey, period });
  });
});

describe("mapColumns", () => {
  it("maps a typical export and reports the rest as ignored", () => {
    const report = mapColumns(["Symbol", "Company", "Mkt Cap", "EPS", "Op. Income", "Int. Exp.", "", null, "Notes"]);
    expect(report.mapping.fields).toEqual({ ticker: 0, name: 1, marketCap: 2, ebit: 4, interestExpense: 5 });
    expect(report.ignored.map((i) => i.column)).toEqual([3, 6, 7, 8]);
    expect(report.ignored[0]).toEqual({ column: 3, header: "EPS" });
    expect(report.recognised).toContainEqual({ column: 4, header: "Op. Income", field: "ebit" });
  });

  it("first match wins; the second claimant is ignored", () => {
    const report = mapColumns(["EBIT", "Operating Income", "Ticker", "Symbol"]);
    expect(report.mapping.fields).toEqual({ ebit: 0, ticker: 2 });
    expect(report.ignored).toEqual([
      { column: 1, header: "Operating Income" },
      { column: 3, header: "Symbol" },
    ]);
  });

  it("floating share and floating debt are different fields", () => {
    const report = mapColumns(["Floating Debt", "% Floating Debt"]);
    expect(report.mapping.fields).toEqual({ floatingDebt: 0, floatingShare: 1 });
  });

  it("period columns go to history oldest first, and the latest feeds ebit and interest", () => {
    const headers = ["Ticker", "EBIT 2024", "EBIT 2022", "EBIT 2023", "Interest Expense 2023", "Interest Expense 2024", "Interest Expense 2022"];
    const report = mapColumns(headers);
    expect(report.mapping.ebitHistory).toEqual([2, 3, 1]);
    expect(report.mapping.interestHistory).toEqual([6, 4, 5]);
    expect(report.mapping.fields).toEqual({ ticker: 0, ebit: 1, ebitPrior: 3, interestExpense: 5 });
    expect(report.recognised).toContainEqual({ column: 1, header: "EBIT 2024", field: "ebitHistory", period: "2024", alsoFeeds: ["ebit"] });
    expect(report.recognised).toContainEqual({ column: 2, header: "EBIT 2022", field: "ebitHistory", period: "2022" });
    expect(report.ignored).toEqual([]);
  });

  it("a plain EBIT column wins over the periods for ebit; history still pairs", () => {
    const report = mapColumns(["EBIT", "EBIT 2023", "EBIT 2024", "Interest Expense", "Interest Expense 2023", "Interest Expense 2024"]);
    // The plain column may be LTM, not the latest period: the periods then feed history only.
    expect(report.mapping.fields).toEqual({ ebit: 0, interestExpense: 3 });
    expect(report.mapping.ebitHistory).toEqual([1, 2]);
    expect(report.mapping.interestHistory).toEqual([4, 5]);
  });

  it("history pairs only periods present in both EBIT and interest", () => {
    const report = mapColumns(["Operating Income FY2021", "Operating Income FY2022", "Operating Income FY2023", "Int. Exp. FY2022", "Int. Exp. FY2023", "Int. Exp. FY2024"]);
    expect(report.mapping.ebitHistory).toEqual([1, 2]);
    expect(report.mapping.interestHistory).toEqual([3, 4]);
    // Latest of each series feeds the plain field, even when unpaired.
    expect(report.mapping.fields.ebit).toBe(2);
    expect(report.mapping.fields.interestExpense).toBe(5);
    expect(report.recognised).toContainEqual({ column: 5, header: "Int. Exp. FY2024", field: "interestExpense", period: "FY2024" });
    expect(report.ignored).toEqual([{ column: 0, header: "Operating Income FY2021" }]);
  });

  it("a repeated period is ignored the second time", () => {
    const report = mapColumns(["EBIT 2023", "Operating Income 2023", "Interest Expense 2023"]);
    expect(report.mapping.ebitHistory).toEqual([0]);
    expect(report.ignored).toEqual([{ column: 1, header: "Operating Income 2023" }]);
  });

  it("blank and non-text headers are ignored, not errors", () => {
    const report = mapColumns([null, undefined, "", 2024, true]);
    expect(report.recognised).toEqual([]);
    expect(report.ignored.map((i) => i.header)).toEqual(["", "", "", "2024", "true"]);
  });
});

describe("describeMapping", () => {
  it("reports an analyst's mapping column by column", () => {
    const report = describeMapping(["Code", "Op Profit", "Interest"], { fields: { ticker: 0, ebit: 1, interestExpense: 2 }, ebitHistory: [], interestHistory: [] });
    expect(report.recognised).toEqual([
      { column: 0, header: "Code", field: "ticker" },
      { column: 1, header: "Op Profit", field: "ebit" },
      { column: 2, header: "Interest", field: "interestExpense" },
    ]);
    expect(report.ignored).toEqual([]);
  });
});
