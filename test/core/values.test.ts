/** docs/CONVENTIONS.md: "Numeric text is read as a number when it reads as one in en-US accounting notation". */
import { parseAccountingNumber, readBoolean, readNumber } from "../../src/core/values";
import { CoreError, coreError } from "../../src/core/errors";

describe("parseAccountingNumber", () => {
  it.each([
    ["1,234.5", 1234.5],
    ["(250)", -250],
    ["12%", 0.12],
    ["  42  ", 42],
    ["-1,000,000", -1e6],
    ["$1,000", 1000],
    ["($1,234.50)", -1234.5],
    ["(12%)", -0.12],
    ["+7", 7],
    [".5", 0.5],
    ["1e3", 1000],
    ["2.5E-2", 0.025],
  ])("%p reads as %p", (text, value) => {
    expect(parseAccountingNumber(text)).toBeCloseTo(value, 12);
  });
  it.each(["", "abc", "1,23", "12,34.5", "(250", "250)", "-(250)", "1.2.3", "%", "$", "--1", "1 000", "0x10", "Infinity", "NaN", "TRUE"])(
    "%p is not a number",
    (text) => {
      expect(parseAccountingNumber(text)).toBeUndefined();
    },
  );
});

describe("readNumber", () => {
  it("names the argument in every message", () => {
    expect(readNumber(null, "ebit")).toBe(coreError("NA", "missing ebit"));
    expect(readNumber("x", "ebit")).toBe(coreError("VALUE", "ebit is text, not a number"));
    expect(readNumber(true, "ebit")).toBe(coreError("VALUE", "ebit is TRUE/FALSE, not a number"));
    expect(readNumber(Number.NaN, "ebit")).toBe(coreError("NUM", "ebit is not a finite number"));
    expect(readNumber("1e999", "ebit")).toBe(coreError("NUM", "ebit is not a finite number"));
  });
  it("shares one error object per message, so a million errors allocate nothing", () => {
    expect(readNumber(undefined, "ebit")).toBe(readNumber("", "ebit"));
  });
  it("passes Excel errors from any host through with their code", () => {
    const fromExcel = readNumber({ code: "#N/A", message: "upstream" }, "ebit") as CoreError;
    expect([fromExcel.code, fromExcel.message]).toEqual(["NA", "upstream"]);
    expect((readNumber({ error: "#REF!" }, "ebit") as CoreError).code).toBe("REF");
    expect((readNumber({ code: "#NOT-AN-ERROR" }, "ebit") as CoreError).code).toBe("VALUE");
  });
});

describe("readBoolean", () => {
  it("reads TRUE/FALSE, numbers as Excel does, and blank as the default", () => {
    expect(readBoolean(true, "flag", false)).toBe(true);
    expect(readBoolean(0, "flag", true)).toBe(false);
    expect(readBoolean(2, "flag", false)).toBe(true);
    expect(readBoolean(" true ", "flag", false)).toBe(true);
    expect(readBoolean(null, "flag", true)).toBe(true);
    expect((readBoolean("yes", "flag", false) as CoreError).code).toBe("VALUE");
  });
});
