/** Failures: a code, its details, and words built from them in one place (src/core/result.ts). */
import { failure } from "../../src/core/result";

describe("failure", () => {
  it("carries its code, its details and its words", () => {
    expect(failure("no-data-rows", { source: "table Universe (Data!A1:V1)" })).toEqual({
      ok: false,
      code: "no-data-rows",
      source: "table Universe (Data!A1:V1)",
      message: "table Universe (Data!A1:V1) has a header row but no data rows to screen.",
    });
  });

  it.each([
    [failure("no-table", {}), "There is no table to screen."],
    [failure("no-header-row", {}), "The table has no header row."],
    [failure("rows-unreadable", {}), "The table's data rows could not be read."],
    [failure("table-unreadable", {}), "The table could not be read."],
    [failure("unexpected", { detail: "boom" }), "The screen stopped unexpectedly (boom). Please report this with the table that caused it."],
    [
      failure("no-columns-recognised", { expected: ["Ticker", "EBIT"], found: ["A", "B", "C", "D", "E", "F", "G", "H", "I", "J"] }),
      "No columns recognised. Expected headers such as Ticker, EBIT. Found: A, B, C, D, E, F, G, H and 2 more. Check that the first row of the range is the header row.",
    ],
    [
      failure("no-columns-recognised", { expected: ["Ticker"], found: [] }),
      "No columns recognised. Expected headers such as Ticker. Found: no header text at all. Check that the first row of the range is the header row.",
    ],
    [failure("no-needed-columns", { needed: ["EBIT"], recognised: [] }), "None of the columns this screen needs were found. It needs columns such as EBIT (recognised: none)."],
    [failure("saved-not-json", {}), "The saved screen is not valid JSON."],
    [failure("saved-invalid", { issues: "name: must not be empty" }), "The saved screen is not valid: name: must not be empty"],
    [failure("setting-not-text", {}), "a setting must be text such as icr=2.5"],
    [failure("setting-not-a-word", { key: "interestSign" }), "interestSign takes auto or magnitude, not a number"],
    [failure("setting-not-finite", { key: "icr" }), "icr must be a finite number"],
    [failure("setting-out-of-range", { key: "icr", value: 99, rule: "max", max: 10 }), "icr must be 10 or less, got 99"],
    [
      failure("saved-too-large", { characters: 40000, limit: 32767 }),
      "The saved screens need 40,000 characters, more than the 32,767 an Excel cell holds. Delete a few saved screens first.",
    ],
    [failure("output-sheet-invalid", { problem: "A sheet name has at most 31 characters." }), "A sheet name has at most 31 characters."],
    [failure("workbook-refused", { reason: 'The table "Deleted" is not in this workbook any more. Pick the source again.' }), 'The table "Deleted" is not in this workbook any more. Pick the source again.'],
    [failure("host-failed", { detail: "boom" }), "Something went wrong: boom"],
  ])("%#: %s", (made, message) => {
    expect(made.message).toBe(message);
  });
});
