/**
 * SMALLCAP.SHOCKSWEEP and SMALLCAP.SCREEN beyond the contract: hand-computed values, what a
 * company's blank does, settings in both forms, and properties that tie each to the functions
 * and the engine it stands on.
 */
import fc from "fast-check";
import { CoreError } from "../../src/core/errors";
import { applySettings, presetConfig, runScreen } from "../../src/core/screen";
import { noPassMessage, screenSpillHeaders } from "../../src/core/screen/spill";
import { scenarioShocks } from "../../src/core/sweep";
import type { PresetId } from "../../src/core/screen";
import { SMALLCAP_FUNCTIONS } from "../../src/functions/definitions";
import { errorOf, only, shownGrid } from "../helpers/cells";

const { SHOCKSWEEP, SHOCKICR, SCREEN } = SMALLCAP_FUNCTIONS;

function applySettingsOrThrow(preset: PresetId, settings: string[]) {
  const config = applySettings(presetConfig(preset), settings);
  if (!config.ok) throw new Error(config.message);
  return config.config;
}

describe("SMALLCAP.SHOCKSWEEP", () => {
  it("gives the shares computed by hand", () => {
    // Pro-forma ICR = ebit / (|interest| + debt x floating share x shock / 10000), docs/CONVENTIONS.md.
    //   company 1: 12 / 10 = 1.2; +200 bp: 12 / (10 + 100 x 0.5 x 0.02) = 12 / 11 = 1.09; +400 bp: 12 / 12 = 1.0 (not below 1)
    //   company 2: no debt: 9 / 10 = 0.9 at every shock (below 1)
    //   company 3: interest printed negative: 22 / 10 = 2.2; 22 / (10 + 400 x 1 x 0.02) = 22 / 18 = 1.22; 22 / 26 = 0.846
    //   company 4: no interest and no debt: pro-forma interest 0, left out of the share
    //   company 5: a blank floating share: left out
    const result = SHOCKSWEEP([[12], [9], [22], [50], [30]], [[10], [10], [-10], [0], [1]], [[100], [0], [400], [0], [10]], [[0.5], [0], [1], [0], [null]], [[0, 200, 400]]);
    expect(result).toHaveLength(1);
    const [at0, at200, at400] = result[0] as number[];
    expect(at0).toBeCloseTo(1 / 3, 12);
    expect(at200).toBeCloseTo(1 / 3, 12);
    expect(at400).toBeCloseTo(2 / 3, 12);
    // The stress line of 1.5x: 1.2 and 0.9 below at 0 bp; 1.09, 0.9 and 1.22 at +200 bp.
    expect(shownGrid(SHOCKSWEEP([[12], [9], [22]], [[10], [10], [-10]], [[100], [0], [400]], [[0.5], [0], [1]], [[0], [200]], 1.5))).toEqual([[2 / 3], [1]]);
  });

  it("a shock that leaves no company counted is #DIV/0! in that element only", () => {
    // A company with no interest but floating debt is counted once the shock adds interest.
    const result = shownGrid(SHOCKSWEEP([[5]], [[0]], [[100]], [[1]], [[0, 100, -100]]));
    expect(result).toEqual([["#DIV/0!", 0, "#DIV/0!"]]);
    expect(errorOf(SHOCKSWEEP([[5]], [[0]], [[100]], [[1]], [[0]])[0][0]).message).toBe("no company has every input and a pro-forma interest above zero");
  });

  it("a floating share outside 0..1 or a negative debt is #NUM!, after the cells' own errors", () => {
    expect(errorOf(only(SHOCKSWEEP([[1], [2]], [[1], [1]], [[1], [1]], [[0.5], [1.5]], 100)))).toEqual({ code: "#NUM!", message: "floating_share must be between 0 and 1" });
    expect(errorOf(only(SHOCKSWEEP([[1], [2]], [[1], [1]], [[-1], [1]], [[0.5], [0.5]], 100)))).toEqual({ code: "#NUM!", message: "total_debt must not be negative" });
    expect(errorOf(only(SHOCKSWEEP([[1], ["x"]], [[1], [1]], [[-1], [1]], [[0.5], [0.5]], 100))).code).toBe("#VALUE!");
  });

  /** Companies as cells: mostly plausible numbers, some blanks. */
  const company = fc.tuple(
    fc.oneof({ weight: 9, arbitrary: fc.double({ min: -500, max: 500, noNaN: true }) }, { weight: 1, arbitrary: fc.constant(null) }),
    fc.oneof(fc.double({ min: -100, max: 100, noNaN: true }), fc.constant(0)),
    fc.oneof(fc.double({ min: 0, max: 2000, noNaN: true }), fc.constant(0)),
    fc.oneof({ weight: 9, arbitrary: fc.double({ min: 0, max: 1, noNaN: true }) }, { weight: 1, arbitrary: fc.constant(null) }),
  );

  it("equals, per shock, the share of SHOCKICR results below the threshold among those that are numbers", () => {
    fc.assert(
      fc.property(
        fc.array(company, { minLength: 1, maxLength: 30 }),
        fc.array(fc.integer({ min: -300, max: 800 }), { minLength: 1, maxLength: 5 }),
        fc.double({ min: 0.1, max: 4, noNaN: true }),
        (companies, shocks, threshold) => {
          const columns = [0, 1, 2, 3].map((k) => companies.map((c) => [c[k]]));
          const sweep = SHOCKSWEEP(...columns, [shocks], threshold)[0];
          return shocks.every((shock, s) => {
            // A cover too large for a double (a tiny pro-forma interest) is SHOCKICR's #NUM!
            // overflow: the company is counted, below the line only when its EBIT is a loss.
            const icrs = SHOCKICR(...columns, shock).flatMap((row, i) => {
              const v = row[0];
              if (typeof v === "number") return [v];
              return v instanceof CoreError && v.message === "result is not a finite number" ? [(companies[i][0] as number) < 0 ? -Infinity : Infinity] : [];
            });
            const expected = icrs.length === 0 ? "#DIV/0!" : icrs.filter((v) => v < threshold).length / icrs.length;
            const got = sweep[s];
            return got instanceof CoreError ? got.code === "DIV0" && expected === "#DIV/0!" : typeof expected === "number" && Math.abs(got as number - expected) < 1e-12;
          });
        },
      ),
      { numRuns: 300 },
    );
  });

  it("the screen's curve counts from the screened table the shares SHOCKSWEEP gives on the same cells", () => {
    const cells = [
      ["Ticker", "EBIT", "Interest Expense", "Total Debt", "Floating Rate Share"],
      ["A", 12, 10, 100, 0.5],
      ["B", 9, 10, 0, 0],
      // All interest of one sign: a mixed-sign column is read by its convention in the screen, by magnitude in SHOCKSWEEP (issue 11).
      ["C", 22, 10, 400, 1],
      ["D", 50, 0, 0, 0],
    ];
    const outcome = runScreen({ headers: cells[0], rows: cells.slice(1) }, applySettingsOrThrow("stress", ["shockBps=250"]));
    if (!outcome.ok) throw new Error(outcome.message);
    const columns = [1, 2, 3, 4].map((k) => cells.slice(1).map((row) => [row[k]]));
    const curve = outcome.result.shockCurve();
    expect(curve.marked).toBe(250);
    expect(curve.shocks).toEqual([0, 50, 100, 150, 200, 250, 300, 350, 400, 450, 500]);
    expect(scenarioShocks(275)).toEqual([0, 50, 100, 150, 200, 250, 275, 300, 350, 400, 450, 500]);
    expect(curve.lines.map((line) => line.threshold)).toEqual([1, 1.5]);
    curve.lines.forEach((line) => {
      const formula = SHOCKSWEEP(...columns, [curve.shocks], line.threshold)[0];
      expect(line.points.map((p) => p.share)).toEqual(formula);
    });
  });
});

describe("SMALLCAP.SCREEN", () => {
  const HEADERS = ["Ticker", "Company", "EBIT", "Interest Expense", "Total Debt", "Floating Rate Share", "WAM", "FCF", "Domestic Revenue %", "Fwd P/E"];
  const table = [
    HEADERS,
    ["AAA", "Alpha", 100, 10, 200, 0.1, 5, 50, 0.9, 12],
    ["BBB", "Beta", 80, 10, 200, 0.1, 5, 50, 0.9, 10],
    ["CCC", "Gamma", 10, 10, 200, 0.5, 5, 50, 0.9, 10],
    ["DDD", "Delta", 40, 0, 0, "", "", 20, 0.95, 15],
  ];

  it("spills the header and the passing companies by rank, with the name column when the table has one", () => {
    const result = SCREEN(table);
    expect(result[0]).toEqual(screenSpillHeaders(true));
    expect(result.map((row) => row[0])).toEqual(["Rank", 1, 2, 3]);
    expect(result.slice(1).map((row) => row[1]).sort()).toEqual(["AAA", "BBB", "DDD"]);
    expect(result.find((row) => row[1] === "BBB")?.[2]).toBe("Beta");
    // DDD pays no interest and has no debt: its ICR and shocked ICR are blank and the Note says why (not missing data).
    const ddd = result.find((row) => row[1] === "DDD");
    expect([ddd?.[4], ddd?.[5]]).toEqual(["", ""]);
    expect(ddd?.[8]).toBe("passes; no interest: ICR and shocked ICR unlimited");
    const withoutNames = SCREEN(table.map((row) => row.filter((_, c) => c !== 1)));
    expect(withoutNames[0]).toEqual(screenSpillHeaders(false));
    expect(withoutNames.map((row) => row[1])).toEqual(result.map((row) => row[1]));
  });

  it("ranks as the engine ranks: the same order as runScreen's result", () => {
    const outcome = runScreen({ headers: table[0], rows: table.slice(1) }, presetConfig("quality"));
    if (!outcome.ok) throw new Error(outcome.message);
    const engine = Array.from(outcome.result.order.subarray(0, outcome.result.summary.rowsPassing), (i) => outcome.result.row(i).ticker);
    expect(SCREEN(table).slice(1).map((row) => row[1])).toEqual(engine);
    expect(engine.length).toBe(3);
  });

  it("takes settings as text (; or new lines) or as a two-column range of keys and values", () => {
    const text = SCREEN(table, null, "icr = 9;\nshockBps=300");
    const range = SCREEN(table, null, [["icr", 9], ["", ""], ["shockBps", "300"]]);
    expect(range).toEqual(text);
    // Only AAA (10x) and DDD (no interest) clear 9x; AAA ranks first: P/E 12 beats 15 (scores 33.3 and 25).
    expect(text.slice(1).map((row) => row[1])).toEqual(["AAA", "DDD"]);
    // TRUE/FALSE in a value cell switch a criterion on or off.
    // CCC fails only these three (ICR 1x, shocked 0.83x, 50% floating).
    const switchedOff = SCREEN(table, null, [["icr", false], ["shockedIcr", false], ["floatingShare", false]]);
    expect(switchedOff).toEqual(SCREEN(table, null, "icr=off; shockedIcr=off; floatingShare=off"));
    expect(switchedOff.slice(1).map((row) => row[1]).sort()).toEqual(["AAA", "BBB", "CCC", "DDD"]);
  });

  it("an unknown key or a bad value is #VALUE! naming it", () => {
    expect(errorOf(only(SCREEN(table, null, "icr=2.5; colour=blue"))).message).toContain('unknown criterion "colour"');
    expect(errorOf(only(SCREEN(table, null, [["shockBps", "lots"]]))).message).toBe('settings: shockBps needs a number of basis points, got "lots"');
    expect(errorOf(only(SCREEN(table, null, "floatingShare=2"))).message).toContain("floatingShare must be a fraction from 0 to 1");
    expect(errorOf(only(SCREEN(table, null, [["icr", 1, 2]]))).message).toContain("two-column range");
    expect(errorOf(only(SCREEN(table, null, [[7, 1]]))).message).toBe("settings: a key must be text such as icr, got 7");
  });

  it("the preset is read in any case; no passing company is one row saying so", () => {
    expect(SCREEN(table, "QUALITY ")).toEqual(SCREEN(table));
    const zombies = SCREEN(table, "zombies");
    expect(zombies).toHaveLength(2);
    expect(zombies[1][0]).toBe(noPassMessage(4));
    expect(zombies[1].slice(1).every((cell) => cell === "")).toBe(true);
  });

  it("a table it cannot map is #VALUE! naming the fields it needs", () => {
    const error = errorOf(only(SCREEN([["Code", "Profit"], ["AAA", 1]])));
    expect(error.code).toBe("#VALUE!");
    expect(error.message).toMatch(/^No columns recognised\. Expected headers such as Ticker, EBIT, Interest Expense, Total Debt/);
    expect(error.message).toContain("Found: Code, Profit");
    const onlyNames = errorOf(only(SCREEN([["Ticker", "Company", "Sector"], ["AAA", "Alpha", "Tech"]])));
    expect(onlyNames.message).toMatch(/None of the columns this screen needs were found\. It needs columns such as FCF/);
  });
});
