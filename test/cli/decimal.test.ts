/**
 * A CSV's decimal mark (issue 11): which cells read only one way, how a file's tally decides,
 * and how a decimal-comma cell becomes a number. The CLI end to end: vendor-layouts.test.ts.
 */
import { chooseDecimal, csvValue, decimalEvidence, parseEuropeanNumber, tallyDecimals } from "../../src/cli/source";

test.each([
  ["1.347,5", "eu"],
  ["-38,0", "eu"],
  ["-79,000000", "eu"],
  ["1.234.567", "eu"],
  ["(1.234,5)", "eu"],
  ["12,5%", "eu"],
  ["1,234.5", "us"],
  ["1.5", "us"],
  ["1,234,567", "us"],
  ["1234.567", "us"],
  ["1.200", "either"],
  ["1,200", "either"],
  ["2017-10-31", undefined],
  ["1234", undefined],
  ["n/a", undefined],
] as const)("%p reads %p", (cell, kind) => {
  expect(decimalEvidence(cell)).toBe(kind);
});

test("a file's tally: quoted cells are whole, the majority decides, an ambiguous file says which reading it chose", () => {
  expect(tallyDecimals(['A;"1.347,5";-38,0;1.200', "B;2;3"], ";")).toEqual({ us: 0, eu: 2, either: 1 });
  expect(tallyDecimals(['A,"1,234.5",1.5', 'B,"1,200",7'], ",")).toEqual({ us: 2, eu: 0, either: 1 });
  expect(chooseDecimal({ us: 0, eu: 2, either: 1 }, ";").mark).toBe(",");
  expect(chooseDecimal({ us: 2, eu: 0, either: 1 }, ",")).toEqual({ mark: "." });
  expect(chooseDecimal({ us: 0, eu: 0, either: 4 }, ";").message?.level).toBe("warning");
  expect(chooseDecimal({ us: 0, eu: 0, either: 4 }, ",").mark).toBe(".");
  expect(chooseDecimal({ us: 1, eu: 9, either: 0 }, ";").message?.message).toBe(
    "Numbers read with a decimal comma and dots for thousands (1.347,5): 9 cells read only that way, but 1 read only the other way (they will be unreadable); --decimal , or --decimal . to choose.",
  );
});

test("decimal-comma cells become numbers; en-US files are read as before", () => {
  expect(parseEuropeanNumber("1.347,000000")).toBe(1347);
  expect(parseEuropeanNumber("(1.200)")).toBe(-1200);
  expect(parseEuropeanNumber("12,5%")).toBeCloseTo(0.125, 15);
  expect(parseEuropeanNumber("1,234.5")).toBeUndefined();
  expect(csvValue("-79,000000", ",")).toBe(-79);
  expect(csvValue("2017-10-31", ",")).toBe("2017-10-31");
  expect(csvValue("1.200", ".")).toBe(1.2);
  expect(csvValue("1,234.5", ".")).toBe("1,234.5");
});
