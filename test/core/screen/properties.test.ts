/**
 * Properties of the screen engine over arbitrary tables: it never throws, a row passes only
 * when every verdict passes, passing rows score 0-100 with unique ranks 1..k; and it screens a
 * 100,000-row universe (the size of the pandas benchmark) in one call.
 */
import fc from "fast-check";
import { CRITERIA, presetConfig } from "../../../src/core/screen/criteria";
import { FIELD_HEADERS, FIELD_IDS } from "../../../src/core/screen/headers";
import { runScreen } from "../../../src/core/screen/engine";
import type { ColumnMapping, ScreenConfig, ScreenInput } from "../../../src/core/screen/types";
import { report } from "../../helpers/report";

/** Anything a worksheet, a CSV or another caller might hand the engine as one cell. */
const cell = fc.oneof(
  { weight: 4, arbitrary: fc.double({ min: -1e4, max: 1e4, noNaN: true }) },
  { weight: 2, arbitrary: fc.double({ min: 0, max: 1, noNaN: true }) },
  fc.constantFrom(0, -0, 1, 3, 0.25, null, undefined, "", " ", "(250)", "1,234.5", "12%", "abc", true, false, NaN, Infinity, -Infinity),
  fc.constantFrom({ error: "#N/A" }, { code: "#DIV/0!", message: "x" }, { code: "#SPILL!" }, {}, [], Object.create(null) as object),
  fc.string({ maxLength: 6 }),
  fc.anything(),
);

/** Known header names, period headers, junk and non-text. */
const header = fc.oneof(
  fc.constantFrom(...FIELD_IDS.flatMap((f) => FIELD_HEADERS[f].slice(0, 2))),
  fc.constantFrom("EBIT 2022", "EBIT 2023", "Interest Expense 2022", "Interest Expense 2023", "Operating Income FY2024", "Int. Exp. FY2024"),
  fc.string({ maxLength: 8 }),
  fc.constantFrom(null, 7, ""),
);

const table: fc.Arbitrary<ScreenInput> = fc.record({
  headers: fc.array(header, { maxLength: 12 }),
  rows: fc.array(
    fc.oneof({ weight: 8, arbitrary: fc.array(cell, { maxLength: 14 }) }, fc.constantFrom(null, "row", 5) as unknown as fc.Arbitrary<unknown[]>),
    { maxLength: 12 },
  ),
});

const config: fc.Arbitrary<ScreenConfig> = fc.oneof(
  fc.constantFrom(presetConfig("quality"), presetConfig("zombies"), presetConfig("stress")),
  fc.record({
    preset: fc.constantFrom("quality" as const, "zombies" as const, "stress" as const),
    criteria: fc.uniqueArray(
      fc.record({
        id: fc.constantFrom(...CRITERIA.map((c) => c.id)),
        enabled: fc.boolean(),
        threshold: fc.double({ min: 0, max: 1, noNaN: true }),
      }),
      { selector: (c) => c.id, maxLength: 9 },
    ),
    shockBps: fc.integer({ min: -500, max: 2000 }),
    zombieYears: fc.option(fc.integer({ min: 1, max: 3 }), { nil: undefined }),
  }),
  // Not a config at all: the engine must say so, not throw.
  fc.anything() as fc.Arbitrary<ScreenConfig>,
);

const mapping: fc.Arbitrary<ColumnMapping | null> = fc.oneof(
  fc.constant(null),
  fc.record({
    fields: fc.dictionary(fc.constantFrom(...FIELD_IDS), fc.integer({ min: 0, max: 15 })),
    ebitHistory: fc.constant([1, 2]),
    interestHistory: fc.constant([3, 4]),
  }),
  fc.anything() as fc.Arbitrary<ColumnMapping>,
);

/** Checks the invariants of one screen result; returns the number of passing rows it checked. */
function checkResult(result: Extract<ReturnType<typeof runScreen>, { ok: true }>["result"]): number {
  const ranks: number[] = [];
  for (const row of result.rows) {
    const verdicts = Object.values(row.verdicts);
    const allPass = verdicts.every((v) => v === "pass");
    expect(row.pass).toBe(allPass);
    if (verdicts.some((v) => v === "fail" || v === "unknown")) expect(row.pass).toBe(false);
    expect(row.failed.length + row.unknown.length === 0).toBe(row.pass);
    if (row.pass) {
      expect(row.score).not.toBeNull();
      expect(row.score as number).toBeGreaterThanOrEqual(0);
      expect(row.score as number).toBeLessThanOrEqual(100);
      ranks.push(row.rank as number);
      expect(row.reason).toMatch(/^passes(;|$)/);
    } else {
      expect(row.score).toBeNull();
      expect(row.rank).toBeNull();
      expect(row.reason).toMatch(/^(fails: |unknown: )/);
    }
    // Every blank number is explained in the reason, unless the table has no column for it (the mapping report says so once).
    const has = (field: string): boolean => result.mapping.mapping.fields[field as keyof typeof result.mapping.mapping.fields] !== undefined;
    if (row.icr === null && has("ebit") && has("interestExpense")) expect(row.reason).toMatch(/ICR/);
    if (row.forwardPe === null && has("forwardPe")) expect(row.reason).toMatch(/P\/E/);
    if (row.fcfYield === null && has("fcf") && has("marketCap")) expect(row.reason).toMatch(/FCF yield|free cash flow/);
    for (const v of [row.icr, row.shockedIcr, row.forwardPe, row.fcfYield]) if (v !== null) expect(Number.isFinite(v)).toBe(true);
  }
  ranks.sort((a, b) => a - b);
  expect(ranks).toEqual(ranks.map((_, i) => i + 1));
  expect(result.summary.rowsScreened).toBe(result.rows.length);
  expect(result.summary.rowsPassing).toBe(ranks.length);
  // The result survives the trip to a workbook setting or a CLI's JSON output.
  expect(() => JSON.stringify(result)).not.toThrow();
  return ranks.length;
}

describe("runScreen properties", () => {
  it("never throws on anything: a refusal is a message, a result keeps its invariants (both branches reached)", () => {
    let refused = 0;
    let screened = 0;
    const runs = 400;
    fc.assert(
      fc.property(table, config, mapping, (input, cfg, map) => {
        const outcome = runScreen(input, cfg, map);
        if (!outcome.ok) {
          refused++;
          expect(typeof outcome.message).toBe("string");
          expect(outcome.message.length).toBeGreaterThan(0);
          return;
        }
        screened++;
        checkResult(outcome.result);
      }),
      { numRuns: runs },
    );
    report(`hostile input: ${refused} of ${runs} refused with a message, ${screened} screened`);
    // Coverage guard: neither branch is a quiet pass (measured: about 70% refused, 30% screened; each guard is 20%).
    expect(refused).toBeGreaterThanOrEqual(runs * 0.2);
    expect(screened).toBeGreaterThanOrEqual(runs * 0.2);
  });

  it("on screenable tables with hostile cells: passes only when every verdict passes; scores 0-100; ranks 1..k", () => {
    const runs = 400;
    let withRows = 0;
    let withPassing = 0;
    let passingChecked = 0;
    fc.assert(
      fc.property(screenable, screenableConfig, (input, cfg) => {
        const outcome = runScreen(input, cfg, null);
        expect(outcome.ok).toBe(true);
        if (!outcome.ok) return;
        if (outcome.result.rows.length > 0) withRows++;
        const passing = checkResult(outcome.result);
        if (passing > 0) withPassing++;
        passingChecked += passing;
      }),
      { numRuns: runs },
    );
    report(`screenable tables: ${withPassing} of ${runs} samples with passing rows, ${passingChecked} passing rows checked`);
    // Coverage guards: every sample screens rows, and most reach the score and rank assertions
    // (measured: about two thirds of samples, about 1,000 passing rows; the guard is 50%).
    expect(withRows).toBe(runs);
    expect(withPassing).toBeGreaterThanOrEqual(runs * 0.5);
    expect(passingChecked).toBeGreaterThanOrEqual(runs * 1.5);
  });
});

/** Realistic universes: every quality column present, mostly plausible numbers, some bad cells. */
const QUALITY_HEADERS = ["Ticker", "Market Cap", "FCF", "Total Debt", "Floating %", "WAM", "Domestic Share", "EBIT", "Interest Expense", "Fwd P/E"];
const plausible = (min: number, max: number): fc.Arbitrary<unknown> =>
  fc.oneof({ weight: 12, arbitrary: fc.double({ min, max, noNaN: true }) }, { weight: 1, arbitrary: fc.constantFrom(0, "", "n/a", { error: "#N/A" }, true) });
const universeRow = fc.tuple(
  fc.string({ maxLength: 4 }),
  plausible(1, 5000),
  plausible(-5, 100),
  plausible(0, 1000),
  plausible(0, 0.4),
  plausible(0, 10),
  plausible(0.6, 1),
  plausible(-10, 200),
  plausible(-30, 30),
  plausible(-5, 40),
);

/** The quality columns in any order, rows of plausible numbers with a hostile cell here and there. */
const screenable: fc.Arbitrary<ScreenInput> = fc
  .tuple(fc.shuffledSubarray(QUALITY_HEADERS.map((h, i) => [h, i] as const), { minLength: QUALITY_HEADERS.length }), fc.array(universeRow, { minLength: 1, maxLength: 30 }), fc.array(fc.tuple(fc.nat(), fc.nat(), cell), { maxLength: 3 }))
  .map(([columns, rows, hostile]) => {
    const body = rows.map((r) => columns.map(([, i]) => r[i] as unknown));
    for (const [r, c, value] of hostile) body[r % body.length][c % columns.length] = value;
    return { headers: columns.map(([h]) => h), rows: body };
  });
/** Presets, or a few criteria at thresholds inside the range the universe's numbers span. */
const THRESHOLD_RANGE: Record<string, [number, number]> = {
  positiveFcf: [-5, 20], floatingShare: [0.1, 1], maturity: [0, 4], domesticRevenue: [0.5, 0.8], notZombie: [0, 1.5],
  icr: [0, 3], shockedIcr: [0, 2], isZombie: [0.5, 2], shockedIcrAbove: [0, 2],
};
// These tables carry one period of EBIT and interest: the zombie window is set to that one
// period, since the default of three would leave every zombie verdict unknown (docs/SCREENER.md)
// and no quality or zombies screen could pass, so the score and rank assertions would not be reached.
const ONE_PERIOD = { zombieYears: 1 } as const;
const screenableConfig: fc.Arbitrary<ScreenConfig> = fc.oneof(
  fc.constantFrom({ ...presetConfig("quality"), ...ONE_PERIOD }, { ...presetConfig("zombies"), ...ONE_PERIOD }, { ...presetConfig("stress"), ...ONE_PERIOD }),
  fc.record({
    preset: fc.constantFrom("quality" as const, "zombies" as const, "stress" as const),
    criteria: fc.uniqueArray(
      fc.constantFrom(...CRITERIA.map((c) => c.id)).chain((id) => fc.record({ id: fc.constant(id), enabled: fc.boolean(), threshold: fc.double({ min: THRESHOLD_RANGE[id][0], max: THRESHOLD_RANGE[id][1], noNaN: true }) })),
      { selector: (c) => c.id, minLength: 1, maxLength: 4 },
    ),
    shockBps: fc.integer({ min: -500, max: 2000 }),
    zombieYears: fc.constant(1),
  }),
);

describe("runScreen on realistic universes", () => {
  it("passing rows score 0-100 with unique ranks, and the best-scored row ranks first", () => {
    let passingSeen = 0;
    fc.assert(
      fc.property(fc.array(universeRow, { minLength: 1, maxLength: 30 }), fc.constantFrom("quality" as const, "stress" as const, "zombies" as const), (rows, preset) => {
        const outcome = runScreen({ headers: QUALITY_HEADERS, rows }, { ...presetConfig(preset), ...ONE_PERIOD });
        expect(outcome.ok).toBe(true);
        if (!outcome.ok) return;
        const passing = outcome.result.rows.filter((r) => r.pass);
        passingSeen += passing.length;
        for (const row of outcome.result.rows) {
          expect(row.pass).toBe(Object.values(row.verdicts).every((v) => v === "pass"));
          if (!row.pass) continue;
          expect(row.score as number).toBeGreaterThanOrEqual(0);
          expect(row.score as number).toBeLessThanOrEqual(100);
        }
        const byRank = [...passing].sort((a, b) => (a.rank as number) - (b.rank as number));
        expect(byRank.map((r) => r.rank)).toEqual(byRank.map((_, i) => i + 1));
        for (let i = 1; i < byRank.length; i++) expect(byRank[i - 1].score as number).toBeGreaterThanOrEqual(byRank[i].score as number);
      }),
      { numRuns: 300 },
    );
    expect(passingSeen).toBeGreaterThan(50);
  });
});

describe("a 100,000-row universe", () => {
  it("screens every row in one call", () => {
    const n = 100_000;
    const headers = ["Ticker", "Company", "Sector", "Market Cap", "FCF", "Total Debt", "Floating Rate Share", "WAM", "Domestic Revenue %", "EBIT", "Interest Expense", "Fwd P/E", "Net Income", "EBIT 2023", "EBIT 2024", "Interest Expense 2023", "Interest Expense 2024"];
    const rows: unknown[][] = new Array(n);
    // A deterministic pseudo-random universe (a linear congruential generator), with some bad cells.
    let seed = 12345;
    const next = (): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    for (let i = 0; i < n; i++) {
      const ebit = next() * 200 - 40;
      const interest = next() * 40;
      rows[i] = [
        `T${i}`,
        `Company ${i}`,
        i % 11 === 0 ? "Utilities" : "Industrials",
        100 + next() * 5000,
        i % 97 === 0 ? "n/a" : next() * 100 - 20,
        next() < 0.1 ? 0 : next() * 2000,
        next(),
        next() * 10,
        i % 53 === 0 ? "" : next(),
        ebit,
        interest,
        next() * 40 - 5,
        next() * 100 - 20,
        ebit * (0.5 + next()),
        ebit,
        interest,
        interest,
      ];
    }
    const outcome = runScreen({ headers, rows }, presetConfig("quality"));
    expect(outcome.ok).toBe(true);
    if (!outcome.ok) return;
    expect(outcome.result.rows).toHaveLength(n);
    expect(outcome.result.summary.rowsScreened).toBe(n);
    const passing = outcome.result.rows.filter((r) => r.pass);
    expect(passing.length).toBe(outcome.result.summary.rowsPassing);
    expect(passing.length).toBeGreaterThan(0);
    expect(new Set(passing.map((r) => r.rank)).size).toBe(passing.length);
    expect(outcome.result.rows[97].unknown).toContain("positiveFcf");
    expect(outcome.result.rows[53].problems).toContainEqual({ field: "domesticShare", message: "missing domesticShare" });
  });
});
