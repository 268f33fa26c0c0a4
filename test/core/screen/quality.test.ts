/** qualityVerdict: the quality preset for one company, through the screen's own criteria. */
import { CoreError } from "../../../src/core/errors";
import { qualityVerdict } from "../../../src/core/screen/quality";

/** Row A of the engine's hand-computed universe: passes all seven. */
const A = { fcf: 80, floatingShare: 0.1, wamYears: 5, domesticShare: 0.9, ebit: 100, interestExpense: 20, totalDebt: 400 };

function expectError(result: unknown, code: string, message: string): void {
  expect(result).toBeInstanceOf(CoreError);
  expect((result as CoreError).code).toBe(code);
  expect((result as CoreError).message).toBe(message);
}

describe("qualityVerdict", () => {
  it("TRUE when every criterion passes", () => {
    expect(qualityVerdict(A)).toBe(true);
  });

  it("FALSE when one fails: ICR 2.9 < 3", () => {
    expect(qualityVerdict({ ...A, ebit: 58 })).toBe(false);
  });

  it("the shock matters: ICR 46 / 15 = 3.07 passes; shocked at +200 bp 46 / (15 + 1000 * 0.1 * 0.02) = 2.71 passes, at +2000 bp 46 / 35 = 1.31 fails", () => {
    const company = { ...A, ebit: 46, interestExpense: 15, totalDebt: 1000 };
    expect(qualityVerdict(company)).toBe(true);
    expect(qualityVerdict(company, 200)).toBe(true);
    expect(qualityVerdict(company, 2000)).toBe(false);
    // A at +2000 bp: 100 / (20 + 400 * 0.1 * 0.2) = 3.57 still passes.
    expect(qualityVerdict(A, 2000)).toBe(true);
  });

  it("#N/A listing the unknown fields when a blank leaves a criterion unknown", () => {
    expectError(qualityVerdict({ ...A, domesticShare: "" }), "NA", "unknown: domestic_share (missing)");
    expectError(qualityVerdict({ ...A, domesticShare: null, wamYears: undefined }), "NA", "unknown: wam_years (missing), domestic_share (missing)");
    expectError(qualityVerdict({ ...A, ebit: "" }), "NA", "unknown: ebit (missing)");
  });

  it("FALSE beats unknown: a failing company fails whatever the blanks", () => {
    expect(qualityVerdict({ ...A, fcf: -1, domesticShare: "" })).toBe(false);
  });

  it("no debt passes floating share and maturity with both blank; zero interest is infinite coverage", () => {
    expect(qualityVerdict({ ...A, totalDebt: 0, floatingShare: "", wamYears: null, interestExpense: 0 })).toBe(true);
  });

  it("arguments' own errors first, in argument order", () => {
    expectError(qualityVerdict({ ...A, wamYears: "soon", ebit: true }), "VALUE", "wam_years is text, not a number");
    expectError(qualityVerdict({ ...A, ebit: true }), "VALUE", "ebit is TRUE/FALSE, not a number");
    expect((qualityVerdict({ ...A, fcf: { error: "#DIV/0!" } }) as CoreError).code).toBe("DIV0");
    expectError(qualityVerdict({ ...A, floatingShare: 25 }), "NUM", "floating_share must be a fraction from 0 to 1 (40% is 0.4)");
    expectError(qualityVerdict({ ...A, totalDebt: -5 }), "NUM", "total_debt must not be negative");
    expectError(qualityVerdict(A, NaN), "NUM", "shock_bps must be a number of basis points from -10000 to 10000");
  });

  it("reads numeric text and snake_case keys", () => {
    expect(qualityVerdict({ fcf: "80", floating_share: "10%", wam_years: 5, domestic_share: "90%", ebit: "100", interest_expense: "(20)", total_debt: "400" })).toBe(true);
  });
});
