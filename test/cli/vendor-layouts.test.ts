/**
 * Real data as vendors export it (issue 11): the same SimFin statements as a long (panel) CSV, a
 * Capital IQ-like wide workbook (newest period first, units and periods in brackets, an estimate
 * column), a European CSV (decimal comma, dots for thousands) and a workbook with two header
 * rows. Each gives every company once, with the zombie verdict and latest ICR of a reference
 * computed here from the raw statements, by the CLI and by the pane's run path (the preview's
 * memory workbook and the Office.js adapter against the mock).
 *
 * Source of the numbers: test/fixtures/vendor/README.md (SimFin's us-income-annual.csv, 122 rows).
 * No Capital IQ or European export is public: those layouts are built below from the same SimFin
 * numbers, as the comments say.
 */
import { readFileSync, writeFileSync } from "fs";
import * as path from "path";
import ExcelJS from "exceljs";
import { runCli } from "../../src/cli/cli";
import { screenJsonSchema, type ScreenJson } from "../../src/cli/json-schema";
import { presetConfig } from "../../src/core/screen";
import type { ScreenResult } from "../../src/core/screen";
import { ExcelWorkbook } from "../../src/excel/excel-workbook";
import { MemoryWorkbook } from "../../src/preview/memory-workbook";
import { columnLetters } from "../../src/workbook/a1";
import { runToSheet } from "../../src/workbook/screens";
import type { ScreenWorkbook } from "../../src/workbook/workbook";
import { FakeExcel } from "../excel/fake-excel";
import { tempDir } from "./helpers";

const FIXTURE = path.join(__dirname, "..", "fixtures", "vendor", "simfin-us-income-annual.csv");

// ---- the reference, from the raw statements -------------------------------------------------

interface Statement {
  readonly ticker: string;
  readonly year: number;
  readonly ebit: number | null;
  readonly interest: number | null;
}

const unquote = (cell: string): string => cell.replace(/^"|"$/g, "");
const lines = readFileSync(FIXTURE, "utf8").trim().split("\n");
const header = lines[0].split(";").map(unquote);
const col = (name: string): number => {
  const k = header.indexOf(name);
  if (k < 0) throw new Error(`no ${name}`);
  return k;
};
const numberOrNull = (cell: string): number | null => (cell === "" ? null : Number(cell));
const STATEMENTS: Statement[] = lines.slice(1).map((line) => {
  const cells = line.split(";");
  return {
    ticker: cells[col("Ticker")],
    year: Number(cells[col("Fiscal Year")]),
    ebit: numberOrNull(cells[col("Operating Income (Loss)")]),
    interest: numberOrNull(cells[col("Interest Expense, Net")]),
  };
});

/** SimFin's `Interest Expense, Net`: negative is expense (most cells), positive is net interest income. */
const negatives = STATEMENTS.filter((s) => s.interest !== null && s.interest < 0).length;
const positives = STATEMENTS.filter((s) => s.interest !== null && s.interest > 0).length;
const expense = (x: number | null): number | null => (x === null ? null : x > 0 ? 0 : -x);

interface Reference {
  readonly zombie: boolean | null;
  /** EBIT / interest expense of the latest year; null when unknown or infinite (no expense). */
  readonly icr: number | null;
  readonly latestYear: number;
}

/** The framework's test by hand: ICR < 1 in each of the latest three fiscal years; a known year with ICR >= 1 (or no expense) clears. */
function reference(statements: readonly Statement[]): Map<string, Reference> {
  const out = new Map<string, Reference>();
  for (const ticker of new Set(statements.map((s) => s.ticker))) {
    const own = statements.filter((s) => s.ticker === ticker);
    const latestYear = Math.max(...own.map((s) => s.year));
    const latest = own.find((s) => s.year === latestYear) as Statement;
    const x = expense(latest.interest);
    const icr = x === null || x === 0 || latest.ebit === null ? null : latest.ebit / x;
    let cleared = false;
    let allFail = true;
    for (let y = latestYear - 2; y <= latestYear; y++) {
      const s = own.find((t) => t.year === y);
      const e = s === undefined ? null : expense(s.interest);
      if (e === 0) {
        cleared = true;
        continue;
      }
      if (s === undefined || s.ebit === null || e === null) {
        allFail = false;
        continue;
      }
      if (s.ebit / e >= 1) cleared = true;
    }
    out.set(ticker, { zombie: cleared ? false : allFail ? true : null, icr, latestYear });
  }
  return out;
}

const REFERENCE = reference(STATEMENTS);
/** Companies whose latest fiscal year is 2021: the wide layouts' universe (an as-of export has no later column for the others). */
const CURRENT = [...REFERENCE.entries()].filter(([, r]) => r.latestYear === 2021).map(([t]) => t);
const YEARS = [2021, 2020, 2019, 2018, 2017];
const statement = (ticker: string, year: number): Statement | undefined => STATEMENTS.find((s) => s.ticker === ticker && s.year === year);

// ---- the layouts -----------------------------------------------------------------------------

const tmp = tempDir("smallcap-vendor-");
afterAll(() => tmp.cleanup());

/** Capital IQ-like: `Exchange:Ticker`, money in $mm, periods in brackets newest first, an estimate column, interest as reported. */
function capiqTable(): unknown[][] {
  const head = [
    "Exchange:Ticker",
    "EBIT [FY 2022E] ($USDmm)",
    ...YEARS.map((y) => `EBIT [FY ${y}] ($USDmm)`),
    ...YEARS.map((y) => `Interest Expense [FY ${y}] ($USDmm)`),
  ];
  const rows = CURRENT.map((ticker) => {
    const mm = (v: number | null | undefined): number | null => (v === null || v === undefined ? null : v / 1e6);
    const latest = statement(ticker, 2021) as Statement;
    // The estimate is illustrative (ten times 2021's EBIT): were it used, every verdict would change.
    return [
      `NYSE:${ticker}`,
      latest.ebit === null ? null : (latest.ebit * 10) / 1e6,
      ...YEARS.map((y) => mm(statement(ticker, y)?.ebit)),
      ...YEARS.map((y) => mm(statement(ticker, y)?.interest)),
    ];
  });
  return [head, ...rows];
}

/** Europe: `;`, decimal comma, dots for thousands, in millions with six decimals (`-79,000000`). */
function european(value: number | null): string {
  if (value === null) return "";
  const [whole, fraction] = Math.abs(value / 1e6).toFixed(6).split(".");
  return (value < 0 ? "-" : "") + whole.replace(/\B(?=(\d{3})+(?!\d))/g, ".") + "," + fraction;
}

/** The long table as cells, for the pane's hosts: numbers as a sheet holds them. */
function longTable(): unknown[][] {
  return [
    ["Ticker", "Fiscal Year", "Operating Income (Loss)", "Interest Expense, Net"],
    ...STATEMENTS.map((s) => [s.ticker, s.year, s.ebit, s.interest]),
  ];
}

/** Two header rows: the metric row (merged cells leave blanks to the right), then the years; EBIT's as text, interest's as dates. */
function twoHeaderTable(): unknown[][] {
  const years = [2019, 2020, 2021];
  const metric = ["Ticker", "Operating Income (Loss)", null, null, "Interest Expense, Net", null, null];
  const periods = [null, ...years.map(String), ...years.map((y) => new Date(Date.UTC(y, 11, 31)))];
  const rows = CURRENT.map((t) => [t, ...years.map((y) => statement(t, y)?.ebit ?? null), ...years.map((y) => statement(t, y)?.interest ?? null)]);
  return [metric, periods, ...rows];
}

async function writeXlsx(name: string, table: unknown[][], merges: string[] = []): Promise<string> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet("Screen");
  for (const row of table) sheet.addRow(row as ExcelJS.CellValue[]);
  for (const range of merges) sheet.mergeCells(range);
  const file = path.join(tmp.dir, name);
  await workbook.xlsx.writeFile(file);
  return file;
}

async function cli(args: string[]): Promise<{ code: number; json: ScreenJson; stderr: string }> {
  let out = "";
  let err = "";
  const code = await runCli(["screen", ...args, "--json", "--preset", "zombies"], {
    stdout: { write: (text: string) => (out += text) },
    stderr: { write: (text: string) => (err += text) },
  });
  return { code, json: screenJsonSchema.parse(JSON.parse(out)), stderr: err };
}

const strip = (ticker: string | null): string => (ticker ?? "").replace(/^[^:]*:/, "");

/** Every company once, with the reference's zombie verdict and latest ICR. */
function expectReference(rows: readonly { ticker: string | null; zombie: boolean | null; icr: number | null }[], tickers: readonly string[]): void {
  expect(rows.map((r) => strip(r.ticker)).sort()).toEqual([...tickers].sort());
  for (const row of rows) {
    const want = REFERENCE.get(strip(row.ticker)) as Reference;
    expect({ ticker: row.ticker, zombie: row.zombie }).toEqual({ ticker: row.ticker, zombie: want.zombie });
    if (want.icr === null) expect(row.icr).toBeNull();
    else expect(row.icr).toBeCloseTo(want.icr, 9);
  }
}

async function viaPane(workbook: ScreenWorkbook, table: unknown[][]): Promise<ScreenResult> {
  const outcome = await runToSheet(workbook, {
    source: { sheet: "Data", address: `A1:${columnLetters(table[0].length)}${table.length}` },
    mapping: null,
    config: presetConfig("zombies"),
    output: "SMALLCAP Results",
  });
  if (!outcome.ok) throw new Error(outcome.message);
  return outcome.result;
}

async function viaBothPanes(table: unknown[][]): Promise<ScreenResult[]> {
  // Excel holds a date as its serial number, and Office.js hands a blank as "".
  const serial = (v: unknown): unknown => (v instanceof Date ? v.getTime() / 86_400_000 + 25569 : v);
  const memory = new MemoryWorkbook();
  memory.addSheet("Data", table.map((row) => row.map(serial)));
  const fake = new FakeExcel();
  fake.addSheet("Data", table.map((row) => row.map((v) => (v === null ? "" : serial(v)))) as never);
  return [await viaPane(memory, table), await viaPane(new ExcelWorkbook(fake.run), table)];
}

// ---- the tests -------------------------------------------------------------------------------

test("the reference: SimFin's net interest column is negative for expense, and the extract has zombies, clean companies and unknowns", () => {
  expect(negatives).toBeGreaterThan(positives);
  expect(positives).toBeGreaterThan(0);
  const verdicts = [...REFERENCE.values()].map((r) => r.zombie);
  expect(verdicts.filter((z) => z === true).length).toBeGreaterThan(0);
  expect(verdicts.filter((z) => z === false).length).toBeGreaterThan(0);
  expect(verdicts.filter((z) => z === null).length).toBeGreaterThan(0);
  // Worked by hand: AAOI's EBIT -56.766m over -5.55m net interest in 2021, and below 1x in 2019 and 2020 too.
  expect(REFERENCE.get("AAOI")).toEqual({ zombie: true, icr: -56766000 / 5550000, latestYear: 2021 });
  // A: 1,347m / 79m = 17.05x in FY2021.
  expect(REFERENCE.get("A")?.icr).toBeCloseTo(1347 / 79, 12);
});

describe("SimFin's long (panel) CSV", () => {
  let run: Awaited<ReturnType<typeof cli>>;
  beforeAll(async () => {
    run = await cli([FIXTURE]);
  });

  test("each company once, with the reference's zombie verdict and latest ICR", () => {
    expect(run.code).toBe(0);
    expect(run.json.rows).toHaveLength(REFERENCE.size);
    expectReference(run.json.rows, [...REFERENCE.keys()]);
  });

  test("the mapping says it is a panel, which period column, and how the interest sign was read", () => {
    expect(run.json.mapping.fields.period).toBe(header.indexOf("Fiscal Year"));
    expect(run.json.mapping.layout).toEqual({ kind: "panel", companies: 29, maxPeriods: 5, firstYear: 2016, lastYear: 2021, duplicates: 0, zombieYears: 3 });
    const messages = run.json.messages.map((m) => m.message);
    expect(messages).toContain("panel: 29 companies x up to 5 fiscal years (2016-2021); latest year per company used for current values");
    expect(messages).toContain(
      `Interest Expense, Net: negative values are interest expense (${negatives} cells); ${positives} positive values are net interest income, read as no net interest expense for the zombie and coverage tests (interestSign=magnitude reads every value as an expense of its size).`,
    );
    expect(run.json.summary.criteria[0].rule).toBe("is a zombie (ICR < 1 in each of the latest 3 fiscal periods)");
  });

  test("the pane's run path (preview workbook and the Office.js adapter) gives the CLI's results", async () => {
    for (const result of await viaBothPanes(longTable())) {
      expect(result.rows.map((r) => [r.ticker, r.zombie, r.icr])).toEqual(run.json.rows.map((r) => [r.ticker, r.zombie, r.icr]));
    }
  });

  test("a company-year given twice: one row used (the later restatement) and the duplicate reported", async () => {
    const file = path.join(tmp.dir, "dupes.csv");
    writeFileSync(
      file,
      [
        "Ticker;Fiscal Year;Restated Date;Operating Income (Loss);Interest Expense, Net",
        "X;2019;2020-01-01;5;-10",
        "X;2020;2021-01-01;5;-10",
        "X;2021;2023-03-01;5;-10",
        "X;2021;2022-03-01;50;-10",
      ].join("\n"),
    );
    const { json } = await cli([file]);
    expect(json.rows.map((r) => [r.ticker, r.zombie, r.icr])).toEqual([["X", true, 0.5]]);
    expect(json.messages.map((m) => m.message)).toContain(
      "1 company-year is given twice; one row of each is used: X 2021 (rows 3 and 4: the earlier row is the later restatement and is used).",
    );
  });

  test("a gap is a missing period, not a shorter history: 2018, 2020, 2021 failing is unknown", async () => {
    const file = path.join(tmp.dir, "gap.csv");
    writeFileSync(file, ["Ticker;Fiscal Year;Operating Income (Loss);Interest Expense, Net", "G;2018;5;-10", "G;2020;5;-10", "G;2021;5;-10"].join("\n"));
    const { json } = await cli([file]);
    expect(json.rows[0].zombie).toBeNull();
    expect(json.rows[0].reason).toBe("unknown: zombie test (missing Operating Income (Loss) for 2019 (no row for that fiscal year))");
  });
});

describe("a Capital IQ-like wide workbook: newest period first, units and periods in brackets, an estimate", () => {
  let run: Awaited<ReturnType<typeof cli>>;
  beforeAll(async () => {
    run = await cli([await writeXlsx("capiq.xlsx", capiqTable())]);
  });

  test("each company once, with the reference's zombie verdict and latest ICR", () => {
    expect(CURRENT.length).toBeGreaterThan(20);
    expect(run.code).toBe(0);
    expectReference(run.json.rows, CURRENT);
  });

  test("periods are ordered by label, the estimate is shown and never history", () => {
    const table = capiqTable();
    const column = (h: string): number => table[0].indexOf(h);
    expect(run.json.mapping.ebitHistory).toEqual([2017, 2018, 2019, 2020, 2021].map((y) => column(`EBIT [FY ${y}] ($USDmm)`)));
    expect(run.json.mapping.fields.ebit).toBe(column("EBIT [FY 2021] ($USDmm)"));
    expect(run.json.mapping.ignored).toContainEqual({ column: 1, header: "EBIT [FY 2022E] ($USDmm)", reason: "estimate FY2022E: never part of the actual history" });
    expect(run.json.mapping.notes.map((n) => n.message)).toContain("Zombie test: ICR < 1 in each of the latest 3 fiscal periods: FY2019, FY2020, FY2021.");
  });

  test("the pane's run path gives the CLI's results", async () => {
    for (const result of await viaBothPanes(capiqTable())) {
      expect(result.rows.map((r) => [r.ticker, r.zombie, r.icr])).toEqual(run.json.rows.map((r) => [r.ticker, r.zombie, r.icr]));
    }
  });
});

describe("a European CSV: `;`, decimal comma, dots for thousands", () => {
  const file = path.join(tmp.dir, "europe.csv");
  beforeAll(() => {
    const rows = STATEMENTS.map((s) => [s.ticker, String(s.year), european(s.ebit), european(s.interest)].join(";"));
    writeFileSync(file, ["Ticker;Geschäftsjahr;Operating Income (Loss);Interest Expense, Net", ...rows].join("\n"));
  });

  test("told from the file, read as such: the reference's verdicts and ICRs", async () => {
    // Geschäftsjahr is no header the screen knows: the hand mapping names the period column.
    const { code, json } = await cli([file, "--map", "period=Geschäftsjahr"]);
    expect(code).toBe(0);
    expect(readFileSync(file, "utf8")).toContain(";1.347,000000;-79,000000");
    expectReference(json.rows, [...REFERENCE.keys()]);
    expect(json.messages[0].message).toMatch(/^Numbers read with a decimal comma and dots for thousands \(1\.347,5\): [\d,]+ cells read only that way/);
  });

  test("forced the other way, the columns are reported unreadable, naming the count and a cell, and every row unknown is an error", async () => {
    const { json, stderr } = await cli([file, "--map", "period=Geschäftsjahr", "--decimal", "."]);
    // Every written interest cell has a decimal comma ("-57,000000"): none reads as en-US.
    const unreadable = STATEMENTS.filter((s) => s.interest !== null).length;
    const messages = json.messages.map((m) => `${m.level}: ${m.message}`);
    expect(messages[0]).toMatch(/^error: Every one of the 29 rows has a criterion that could not be judged/);
    expect(messages).toContain(`warning: Interest Expense, Net: ${unreadable} of ${unreadable} cells unreadable, e.g. "-57,000000" (number text must read as en-US: 1,234.5).`);
    expect(stderr).toMatch(/^error: Every one of the 29 rows/m);
  });

  test("the hard case: 1.200 with a `;` delimiter is twelve hundred, and the CLI says which reading it chose", async () => {
    const hard = path.join(tmp.dir, "hard.csv");
    writeFileSync(hard, ["Ticker;Fiscal Year;EBIT;Interest Expense", "H;2019;1.200;70", "H;2020;1.200;70", "H;2021;1.200;70"].join("\n"));
    const { json } = await cli([hard]);
    expect(json.rows[0].icr).toBeCloseTo(1200 / 70, 12);
    expect(json.rows[0].zombie).toBe(false);
    expect(json.messages.map((m) => m.level + ": " + m.message)).toContain(
      "warning: Numbers such as 1.200 or 1,200 could be read either way and no cell settles it; read with a decimal comma (1.200 is one thousand two hundred), as the ; delimiter suggests. --decimal , or --decimal . to choose.",
    );
    const forced = await cli([hard, "--decimal", "."]);
    expect(forced.json.rows[0].icr).toBeCloseTo(1.2 / 70, 12);
  });
});

describe("two header rows: metrics over periods (text years and dates, merged metric cells)", () => {
  test("read as one header; the period row is no company; the CLI and both panes agree with the reference", async () => {
    const table = twoHeaderTable();
    const { json } = await cli([await writeXlsx("two-headers.xlsx", table, ["B1:D1", "E1:G1"])]);
    expectReference(json.rows, CURRENT);
    expect(json.rows[0].row).toBe(2);
    expect(json.mapping.recognised.map((r) => r.header)).toEqual([
      "Ticker",
      "Operating Income (Loss) 2019",
      "Operating Income (Loss) 2020",
      "Operating Income (Loss) 2021",
      "Interest Expense, Net 2019",
      "Interest Expense, Net 2020",
      "Interest Expense, Net 2021",
    ]);
    for (const result of await viaBothPanes(table)) {
      expect(result.rows.map((r) => [r.ticker, r.zombie, r.icr])).toEqual(json.rows.map((r) => [r.ticker, r.zombie, r.icr]));
    }
  });
});

test("a wide table whose ticker repeats: a warning naming the tickers", async () => {
  const file = path.join(tmp.dir, "repeats.csv");
  writeFileSync(file, ["Ticker,EBIT,Interest Expense", "A,10,5", "A,12,5", "B,3,1"].join("\n"));
  const { json } = await cli([file]);
  expect(json.rows).toHaveLength(3);
  expect(json.messages.map((m) => m.message)).toContain(
    "1 ticker appears on more than one row: A (2 rows). Each row is judged on its own; if the table has one row per company and year, map its period column (Fiscal Year) so it is read as a panel.",
  );
});
