/** The numbers of a screen's reasons (src/core/screen/format.ts). */
import fc from "fast-check";
import { formatNumber, formatPercent, formatRatio, formatYears } from "../../../src/core/screen/format";

/** The first, plainly written version (split and two patterns), kept as the reference. */
function reference(value: number, decimals = 2): string {
  if (value !== value) return "n/a";
  if (value === Infinity) return "infinite";
  if (value === -Infinity) return "-infinite";
  const fixed = Math.abs(value) >= 1e15 ? value.toExponential(2) : value.toFixed(decimals);
  if (fixed.includes("e")) return fixed;
  let [whole, fraction = ""] = fixed.split(".");
  fraction = fraction.replace(/0+$/, "");
  const negative = whole.startsWith("-");
  if (negative) whole = whole.slice(1);
  whole = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  const text = (negative ? "-" : "") + whole + (fraction === "" ? "" : "." + fraction);
  return text === "-0" ? "0" : text;
}

describe("formatNumber", () => {
  it("groups thousands, drops trailing zeros, keeps the sign, says n/a and infinite", () => {
    expect(formatNumber(1234.5)).toBe("1,234.5");
    expect(formatNumber(-1234567.891, 2)).toBe("-1,234,567.89");
    expect(formatNumber(2.5, 1)).toBe("2.5");
    expect(formatNumber(3, 2)).toBe("3");
    expect(formatNumber(0.004, 2)).toBe("0");
    expect(formatNumber(-0.004, 2)).toBe("0");
    expect(formatNumber(100, 0)).toBe("100");
    expect(formatNumber(1e15)).toBe("1.00e+15");
    expect(formatNumber(NaN)).toBe("n/a");
    expect(formatNumber(-Infinity)).toBe("-infinite");
    expect(formatPercent(0.253)).toBe("25.3%");
    expect(formatRatio(1.8)).toBe("1.8x");
    expect(formatRatio(Infinity)).toBe("no interest");
    expect(formatYears(1)).toBe("1 year");
  });

  it("writes what the plain version writes, for any double and any number of decimals", () => {
    fc.assert(
      fc.property(fc.oneof(fc.double(), fc.integer(), fc.double({ min: -1e7, max: 1e7 })), fc.integer({ min: 0, max: 6 }), (value, decimals) => {
        expect(formatNumber(value, decimals)).toBe(reference(value, decimals));
      }),
      { numRuns: 20_000 },
    );
  });
});
