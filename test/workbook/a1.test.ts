/** The one A1 module (src/workbook/a1.ts): 1-based rows and columns for every host and the formula reader. */
import { areaAddress, areaOf, cellAddress, columnLetters, columnNumber, parseArea, parseRange, qualified, quoteSheet, splitQualified } from "../../src/workbook/a1";

test("columns: 1 is A, 26 Z, 27 AA, 16,384 XFD, and back; nothing past XFD", () => {
  expect([1, 26, 27, 52, 703, 16_384].map(columnLetters)).toEqual(["A", "Z", "AA", "AZ", "AAA", "XFD"]);
  expect(["A", "z", "AA", "XFD"].map(columnNumber)).toEqual([1, 26, 27, 16_384]);
  expect(["XFE", "", "A1", "ABCD"].map(columnNumber)).toEqual([undefined, undefined, undefined, undefined]);
  expect(cellAddress(2, 11)).toBe("K2");
});

test("areas: one type, 1-based and inclusive, whatever the address form", () => {
  expect(parseArea("$C$9:B2")).toEqual({ top: 2, left: 2, bottom: 9, right: 3 });
  expect(parseRange("b2:c9")).toEqual(parseArea("B2:C9"));
  expect(parseRange("A:C")).toEqual({ top: 1, left: 1, bottom: 1_048_576, right: 3 });
  expect(parseRange("2:5")).toEqual({ top: 2, left: 1, bottom: 5, right: 16_384 });
  expect(parseArea("A:C")).toBeUndefined();
  expect(["A0", "A1048577", "XFE1", "A1:B2:C3", ":A1"].map(parseRange)).toEqual([undefined, undefined, undefined, undefined, undefined]);
  expect(areaAddress(areaOf(1, 1, 61, 9))).toBe("A1:I61");
  expect(areaAddress(areaOf(5, 3, 1, 1))).toBe("C5");
});

test("sheet names are quoted as Excel prints them, and split back", () => {
  expect(quoteSheet("Universe")).toBe("Universe");
  expect(quoteSheet("My sheet")).toBe("'My sheet'");
  expect(quoteSheet("A1")).toBe("'A1'");
  expect(qualified("O'Brien Co", "A1:B2")).toBe("'O''Brien Co'!A1:B2");
  expect(splitQualified("'O''Brien Co'!A1:B2")).toEqual({ sheet: "O'Brien Co", address: "A1:B2" });
  expect(splitQualified("A1")).toEqual({ address: "A1" });
});
