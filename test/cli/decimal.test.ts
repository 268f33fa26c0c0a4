/**
 * A CSV's decimal mark (issue 11): which cells read only one way, how a file's tally decides,
 * and how a decimal-comma cell becomes a number. The CLI end to end: vendor-layouts.test.ts.
 */
import { writeFileSync } from "fs";
import * as path from "path";
import { runCli } from "../../src/cli/cli";
import { chooseDecimal, csvValue, decimalEvidence, parseEuropeanNumber, tallyDecimals } from "../../src/cli/source";
import { tempDir } from "./helpers";

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

describe("the whole file decides, though the CLI guesses from its start while it reads the rows", () => {
  const tmp = tempDir("smallcap-decimal-");
  afterAll(() => tmp.cleanup());
  const header = "Ticker;EBIT 2023;EBIT 2024;Interest Expense 2023;Interest Expense 2024;Total Debt";
  /** 3,000 rows of whole numbers (about 100 KB, past the start the CLI looks at), then `late` rows written with a decimal comma. */
  function file(name: string, late: (k: number) => string): string {
    const rows = [header];
    for (let k = 0; k < 3000; k++) rows.push(`T${k};${100 + k};${120 + k};-${10 + (k % 7)};-${12 + (k % 5)};${1000 + k}`);
    for (let k = 0; k < 40; k++) rows.push(late(k));
    const target = path.join(tmp.dir, name);
    writeFileSync(target, rows.join("\n") + "\n");
    return target;
  }
  async function screen(args: string[]): Promise<{ out: string; err: string }> {
    let out = "";
    let err = "";
    const code = await runCli(["screen", ...args, "--json", "--preset", "zombies"], {
      stdout: { write: (text: string) => (out += text) },
      stderr: { write: (text: string) => (err += text) },
    });
    expect(code).toBe(0);
    return { out, err };
  }
  const messages = (out: string): string[] => (JSON.parse(out) as { messages: { message: string }[] }).messages.map((m) => m.message);

  it("reads every row with a decimal comma when the rows after the start settle it, as if --decimal , were given, with the note", async () => {
    const late = file("late-comma.csv", (k) => `L${k};1.347,5;-38,${k % 10};-7,25;-9,5;2.000,75`);
    const guessed = await screen([late]);
    const forced = await screen([late, "--decimal", ","]);
    expect(messages(guessed.out)).toContain("Numbers read with a decimal comma and dots for thousands (1.347,5): 200 cells read only that way (--decimal . to override).");
    const rows = (out: string): unknown => (JSON.parse(out) as { rows: unknown }).rows;
    expect(rows(guessed.out)).toEqual(rows(forced.out));
    expect(JSON.stringify(rows(guessed.out))).toContain('"L0"');
  });

  it("warns with the whole file's counts when late rows contradict the mark the start points to", async () => {
    const mixed = file("late-mixed.csv", (k) => (k < 30 ? `L${k};12.5;13.5;-1.5;-1.5;100.25` : `L${k};1.347,5;-38,0;-7,25;-9,5;2.000,75`));
    const { out, err } = await screen([mixed]);
    const warning = "Numbers read with a decimal point (1,234.5): 150 cells read only that way, but 50 read only the other way (they will be unreadable); --decimal , or --decimal . to choose.";
    expect(messages(out)).toContain(warning);
    expect(err).toContain(`warning: ${warning}`);
  });
});
