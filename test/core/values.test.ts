/** docs/CONVENTIONS.md: "Numeric text is read as a number when it reads as one in en-US accounting notation". */
import { isBlank, parseAccountingNumber, plainCell, readBoolean, readNumber } from "../../src/core/values";
import { CoreError, coreError, errorFromHost } from "../../src/core/errors";
import { ENTITY_CARD, ENTITY_GUIDANCE, LINKED_ENTITY_CARD, WEB_IMAGE, dataTypesOf, errorValue } from "../helpers/data-types";

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

describe("Excel data-type values read by their basic value, as a plain cell", () => {
  it("a Double or FormattedNumber is its number; a String is read as text is; a Boolean is #VALUE!", () => {
    for (const v of dataTypesOf(12.5)) expect(readNumber(v, "ebit")).toBe(12.5);
    expect(readNumber(dataTypesOf("(250)")[0], "ebit")).toBe(-250);
    expect(readNumber(dataTypesOf("abc")[0], "ebit")).toBe(coreError("VALUE", "ebit is text, not a number"));
    expect(readNumber(dataTypesOf(true)[0], "ebit")).toBe(coreError("VALUE", "ebit is TRUE/FALSE, not a number"));
    expect(readBoolean(dataTypesOf(true)[0], "flag", false)).toBe(true);
    expect(readBoolean(dataTypesOf(0)[0], "flag", true)).toBe(false);
  });
  it("an Empty value or blank text is blank: missing, or the default", () => {
    const empty = dataTypesOf(null)[0];
    expect(isBlank(empty)).toBe(true);
    expect(isBlank(dataTypesOf("  ")[0])).toBe(true);
    expect(isBlank(dataTypesOf(0)[0])).toBe(false);
    expect(isBlank(ENTITY_CARD)).toBe(false);
    expect(readNumber(empty, "ebit")).toBe(coreError("NA", "missing ebit"));
    expect(readBoolean(empty, "flag", true)).toBe(true);
  });
  it("an Error value is that error, by its spelling or its errorType", () => {
    expect((readNumber(errorValue("#N/A"), "ebit") as CoreError).code).toBe("NA");
    expect((readNumber(errorValue("#REF!"), "ebit") as CoreError).code).toBe("REF");
    expect((readNumber({ type: "Error", errorType: "Div0" }, "ebit") as CoreError).code).toBe("DIV0");
    expect(errorFromHost(errorValue("#NUM!"))).toBe(coreError("NUM", ""));
  });
  it("an Excel error the core has no code for (#SPILL!, #BUSY!) is #VALUE! naming it", () => {
    expect(readNumber(errorValue("#SPILL!"), "ebit")).toBe(coreError("VALUE", "an input holds Excel's #SPILL! error"));
    expect(readNumber({ type: "Error", errorType: "Busy" }, "ebit")).toBe(coreError("VALUE", "an input holds Excel's Busy error"));
  });
  it("an entity card is #VALUE! saying how to take a field from it", () => {
    for (const card of [ENTITY_CARD, LINKED_ENTITY_CARD]) {
      const error = readNumber(card, "ebit") as CoreError;
      expect(error.code).toBe("VALUE");
      expect(error.message).toMatch(/^ebit is a data-type card \((Linked)?Entity\), not a number/);
      expect(error.message).toContain(ENTITY_GUIDANCE);
    }
    expect((readBoolean(ENTITY_CARD, "flag", false) as CoreError).message).toContain(ENTITY_GUIDANCE);
  });
  it("another data type (an image) is #VALUE! naming its type; an object that is no data type is 'not a number'", () => {
    expect(readNumber(WEB_IMAGE, "ebit")).toBe(coreError("VALUE", "ebit is an Excel WebImage value, not a number"));
    expect(readNumber({ type: "Double" }, "ebit")).toBe(coreError("VALUE", "ebit is not a number"));
    expect(readNumber({ basicValue: 3 }, "ebit")).toBe(coreError("VALUE", "ebit is not a number"));
    expect(plainCell({ x: 1 }, "ebit")).toEqual({ x: 1 });
  });
});
