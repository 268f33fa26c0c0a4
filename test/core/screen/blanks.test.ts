/**
 * Issue 16, items 7 and 8: every blank number in a results row is explained in its reason,
 * passing or failing, and a value read as non-finite is an unknown with its reason, never
 * silently dropped from a score. Extremes print compactly.
 */
import { presetConfig } from "../../../src/core/screen/criteria";
import { runScreen } from "../../../src/core/screen/engine";
import { formatFixed, formatNumber } from "../../../src/core/screen/format";
import type { RowResult, ScreenInput, ScreenResult } from "../../../src/core/screen/types";

const HEADERS = ["Ticker", "Market Cap", "FCF", "Total Debt", "Floating Rate Share", "WAM", "Domestic Revenue %", "EBIT", "Interest Expense", "Fwd P/E"];

function screen(rows: unknown[][]): ScreenResult {
  const input: ScreenInput = { headers: HEADERS, rows };
  const outcome = runScreen(input, presetConfig("quality"));
  if (!outcome.ok) throw new Error(outcome.message);
  return outcome.result;
}

const row = (result: ScreenResult, ticker: string): RowResult => result.rows.find((r) => r.ticker === ticker) as RowResult;

// A passes every criterion; the others are A with one change.
const A = ["A", 1000, 80, 400, 0.1, 5, 0.9, 100, 20, 10];
const with_ = (ticker: string, column: string, value: unknown): unknown[] => {
  const r: unknown[] = [...A];
  r[0] = ticker;
  r[HEADERS.indexOf(column)] = value;
  return r;
};

describe("blank numbers in a results row are explained", () => {
  const result = screen([
    A,
    // No debt and no interest, a loss-maker: fails on FCF, its ICR and shocked ICR are blank (unlimited).
    ["BURN", 500, -30, 0, "", null, 0.9, -20, 0, 12],
    with_("PEBIG", "Fwd P/E", "1e400"),
    with_("PENONE", "Fwd P/E", null),
    with_("NOCAP", "Market Cap", null),
    with_("NOINT", "Interest Expense", null),
  ]);

  test("a failing row with no interest says why its ICR and shocked ICR are blank", () => {
    const burn = row(result, "BURN");
    expect([burn.pass, burn.icr, burn.shockedIcr]).toEqual([false, null, null]);
    expect(burn.reason).toBe("fails: free cash flow > 0 (-30); no interest: ICR and shocked ICR unlimited");
  });

  test("a forward P/E of 1e400 is an unknown with its reason, and the score says it got no value credit", () => {
    const big = row(result, "PEBIG");
    expect(big.forwardPe).toBeNull();
    expect(big.pass).toBe(true);
    expect(big.problems).toEqual([{ field: "forwardPe", message: "forwardPe is not a finite number" }]);
    expect(big.reason).toBe("passes; forward P/E blank: forwardPe is not a finite number, no value credit in the score");
    // The same row with its P/E blank scores the same, and says so too.
    expect(row(result, "PENONE").reason).toBe("passes; forward P/E blank: missing forwardPe, no value credit in the score");
    expect(big.score).toBe(row(result, "PENONE").score);
    expect(big.score as number).toBeLessThan(row(result, "A").score as number);
  });

  test("a blank FCF yield and a blank ICR are explained too", () => {
    expect(row(result, "NOCAP").reason).toBe("passes; FCF yield blank: missing marketCap, no FCF-yield credit in the score");
    const noInt = row(result, "NOINT");
    expect(noInt.icr).toBeNull();
    expect(noInt.reason).toBe("unknown: zombie test (missing interestExpense), ICR (missing interestExpense), rate-shocked ICR (missing interestExpense)");
    expect(noInt.reason).not.toMatch(/ICR blank/);
  });

  test("a row with every number known says only that it passes", () => {
    expect(row(result, "A").reason).toBe("passes");
  });
});

describe("extreme numbers print compactly", () => {
  test.each([
    [1.6835016835016835e306, "1.68e+306"],
    [-2.5e20, "-2.50e+20"],
    [1e15, "1.00e+15"],
    [999_999_999_999_999, "999,999,999,999,999.00"],
    [1234.5, "1,234.50"],
    [-0.001, "0.00"],
  ])("formatFixed(%p) is %p", (value, text) => {
    expect(formatFixed(value)).toBe(text);
  });
  test("non-finite is blank in a table, and named in words", () => {
    expect(formatFixed(Infinity)).toBe("");
    expect(formatFixed(NaN)).toBe("");
    expect(formatNumber(1e308)).toBe("1.00e+308");
  });
});

// Found by the screen property test (seed -1727986910): free cash flow over a market cap of
// Number.MIN_VALUE overflows to -Infinity, and the blank FCF yield went unexplained.
test("an FCF yield that overflows (a market cap of almost zero) is explained", () => {
  const tinyLoss = with_("TINYNEG", "Market Cap", Number.MIN_VALUE);
  tinyLoss[HEADERS.indexOf("FCF")] = -8.881784197001252e-16;
  const result = screen([A, with_("TINY", "Market Cap", Number.MIN_VALUE), tinyLoss]);
  for (const ticker of ["TINY", "TINYNEG"]) {
    const tiny = row(result, ticker);
    expect(tiny.fcfYield).toBeNull();
    expect(tiny.reason).toContain("FCF yield blank: free cash flow / market cap is beyond the largest number a cell holds (a market cap of almost zero)");
  }
  // A finite yield from the same tiny market cap needs no note.
  expect(row(result, "A").reason).not.toContain("FCF yield blank");
});

