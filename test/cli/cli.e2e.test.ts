/**
 * The `smallcap` CLI end to end, spawned as a process from its compiled JavaScript (what the
 * package's "bin" runs): screens of the sample workbook and of the vendor-style CSV, the JSON
 * contract, refresh, and every bad-input path with its one-line message and exit code.
 */
import { execFileSync, spawnSync } from "child_process";
import { createHash } from "crypto";
import { copyFileSync, existsSync, readFileSync, readdirSync, statSync, writeFileSync } from "fs";
import * as path from "path";
import ExcelJS from "exceljs";
import { screenJsonSchema, ScreenJson } from "../../src/cli/json-schema";
import { readWorkbook, tempDir } from "./helpers";

const ROOT = path.resolve(__dirname, "..", "..");
const CLI = path.join(ROOT, "build", "cli", "src", "cli", "main.js");
const MAKE_SAMPLE = path.join(ROOT, "build", "cli", "scripts", "make-sample.js");

interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

function run(args: readonly string[], cwd: string): Run {
  const result = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: "utf8", env: { ...process.env, SMALLCAP_DEBUG: "" } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** One line of a CSV: fields split on commas outside double quotes, quotes removed. */
function parseCsvLine(line: string): string[] {
  const out: string[] = [];
  let cell = "";
  let quoted = false;
  for (const ch of line) {
    if (ch === '"') quoted = !quoted;
    else if (ch === "," && !quoted) {
      out.push(cell);
      cell = "";
    } else cell += ch;
  }
  out.push(cell);
  return out;
}
const csvCell = (text: string): string => (/[",]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text);

const sha = (file: string): string => createHash("sha256").update(readFileSync(file)).digest("hex");

const tmp = tempDir("smallcap-e2e-");
let workbookPath: string;
let csvPath: string;

const npm = process.platform === "win32" ? "npm.cmd" : "npm";

beforeAll(() => {
  // The package's own "prepare" script (what `npm ci` runs after installing): it compiles the CLI.
  execFileSync(npm, ["run", "--silent", "prepare"], { cwd: ROOT, stdio: "pipe" });
  execFileSync(process.execPath, [MAKE_SAMPLE, "--out-dir", tmp.dir], { cwd: ROOT, stdio: "pipe" });
  workbookPath = path.join(tmp.dir, "smallcap-universe.xlsx");
  csvPath = path.join(tmp.dir, "universe.csv");
}, 120_000);

afterAll(() => tmp.cleanup());

function screenJsonOf(args: readonly string[]): ScreenJson {
  const result = run(["screen", ...args, "--json"], tmp.dir);
  expect(result.stderr).toBe("");
  expect(result.code).toBe(0);
  const parsed = screenJsonSchema.safeParse(JSON.parse(result.stdout));
  if (!parsed.success) throw new Error(parsed.error.message);
  return parsed.data;
}

describe("`npx smallcap` right after `npm ci`", () => {
  const pkg = JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8")) as { bin: Record<string, string>; scripts: Record<string, string> };

  test("npm ci runs the root package's prepare script, which builds the file the bin names, executable", () => {
    expect(pkg.scripts.prepare).toBe("npm run build:cli");
    expect(path.resolve(ROOT, pkg.bin.smallcap)).toBe(CLI);
    expect(statSync(CLI).mode & 0o111).not.toBe(0);
  });

  test("npx smallcap --help exits 0 with the usage", () => {
    const result = spawnSync(process.platform === "win32" ? "npx.cmd" : "npx", ["--no-install", "smallcap", "--help"], { cwd: ROOT, encoding: "utf8" });
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^Usage: smallcap <command> \[options\]/);
  });
});

describe("smallcap screen", () => {
  test("the sample workbook: --json matches the schema, every row is reported, nothing on stderr when it is not a terminal", () => {
    const json = screenJsonOf(["smallcap-universe.xlsx"]);
    expect(json.summary.source).toEqual({ file: "smallcap-universe.xlsx", kind: "sheet", sheet: "Universe", range: "A3:AB603", headerRow: 3 });
    expect(json.summary.rowsScreened).toBe(600);
    expect(json.rows).toHaveLength(600);
    expect(json.summary.rowsPassing).toBe(json.rows.filter((r) => r.pass).length);
    expect(json.summary.zombieShare).toBeCloseTo(0.15, 2);
    expect(json.mapping.ebitHistory).toHaveLength(3);
    const ranks = json.rows.filter((r) => r.pass).map((r) => r.rank).sort((a, b) => (a as number) - (b as number));
    expect(ranks).toEqual(Array.from({ length: ranks.length }, (_, i) => i + 1));
    for (const row of json.rows) {
      expect(row.sheetRow).toBe(row.row + 3);
      if (!row.pass) expect(row.failed.length + row.unknown.length).toBeGreaterThan(0);
    }
  });

  test("the CSV with real-world headers gives the same screen as the workbook", () => {
    const fromWorkbook = screenJsonOf(["smallcap-universe.xlsx"]);
    const fromCsv = screenJsonOf([path.relative(tmp.dir, csvPath)]);
    const headers = fromCsv.mapping.recognised.map((r) => `${r.header} -> ${r.field}`);
    expect(headers).toEqual(
      expect.arrayContaining([
        "Operating Income (Loss) FY2024 -> ebitHistory",
        "Interest Expense, Net FY2024 -> interestHistory",
        "Free Cash Flow -> fcf",
        "Fwd P/E -> forwardPe",
      ]),
    );
    expect(fromCsv.summary.rowsScreened).toBe(fromWorkbook.summary.rowsScreened);
    const byTicker = new Map(fromWorkbook.rows.map((r) => [r.ticker, r]));
    for (const row of fromCsv.rows) {
      const twin = byTicker.get(row.ticker);
      expect({ ticker: row.ticker, pass: row.pass, icr: row.icr, zombie: row.zombie }).toEqual({
        ticker: twin?.ticker,
        pass: twin?.pass,
        icr: twin?.icr,
        zombie: twin?.zombie,
      });
    }
  });

  test("presets and --set change the screen", () => {
    const zombies = screenJsonOf(["smallcap-universe.xlsx", "--preset", "zombies"]);
    expect(zombies.summary.preset).toBe("zombies");
    expect(zombies.summary.rowsPassing).toBe(zombies.summary.zombieCount);
    const loose = screenJsonOf(["smallcap-universe.xlsx", "--set", "icr=2", "--set", "floatingShare=50%", "--set", "shockBps=300"]);
    expect(loose.summary.shockBps).toBe(300);
    expect(loose.summary.criteria.find((c) => c.id === "floatingShare")?.threshold).toBe(0.5);
    const strict = screenJsonOf(["smallcap-universe.xlsx"]);
    expect(loose.summary.rowsPassing).toBeGreaterThan(strict.summary.rowsPassing);
  });

  test("the readable table: summary, top names aligned, reasons for failing", () => {
    const result = run(["screen", "smallcap-universe.xlsx", "--top", "5"], tmp.dir);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/Rows screened 600, passing \d+; zombies 90 \(15%\)/);
    const lines = result.stdout.split("\n");
    const header = lines.findIndex((l) => /^Rank\s+Ticker\s+Name\s+Score/.test(l));
    expect(header).toBeGreaterThan(0);
    const table = lines.slice(header + 2, header + 7);
    expect(table).toHaveLength(5);
    expect(new Set(table.map((l) => l.length)).size).toBeLessThanOrEqual(2);
    expect(result.stdout).toMatch(/Rows failing each criterion: /);
  });

  test("a CSV with a header and no data rows says so", () => {
    writeFileSync(path.join(tmp.dir, "header-only.csv"), readFileSync(csvPath, "utf8").split("\n")[0] + "\n");
    const result = run(["screen", "header-only.csv"], tmp.dir);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("Rows screened 0, passing 0");
    expect(result.stdout).toContain("No data rows below the header: nothing to screen.");
    expect(result.stdout).not.toContain("No row passes");
  });

  test("extreme numbers keep the table's columns aligned; a non-finite P/E is explained, not dropped in silence", () => {
    const lines = readFileSync(csvPath, "utf8").trimEnd().split("\n");
    const headers = parseCsvLine(lines[0]);
    const ebit = headers.findIndex((h) => h === "Operating Income (Loss) FY2024");
    const pe = headers.indexOf("Fwd P/E");
    expect(ebit).toBeGreaterThan(0);
    expect(pe).toBeGreaterThan(0);
    const passing = screenJsonOf(["universe.csv"]).rows.find((r) => r.pass) as { ticker: string };
    const rows = lines.slice(1).filter((l) => l.startsWith(`${passing.ticker},`));
    expect(rows).toHaveLength(1);
    const cells = parseCsvLine(rows[0]);
    const huge = [...cells];
    huge[0] = "HUGE";
    huge[ebit] = "1e308";
    const inf = [...cells];
    inf[0] = "PEINF";
    inf[pe] = "1e400";
    writeFileSync(path.join(tmp.dir, "extreme.csv"), [lines[0], rows[0], huge.map(csvCell).join(","), inf.map(csvCell).join(",")].join("\n") + "\n");
    const text = run(["screen", "extreme.csv"], tmp.dir);
    expect(text.code).toBe(0);
    const out = text.stdout.split("\n");
    const header = out.findIndex((l) => /^Rank\s+Ticker/.test(l));
    const table = out.slice(header, header + 5);
    expect(table.find((l) => l.includes("HUGE"))).toMatch(/\d\.\d\de\+30\d/);
    expect(Math.max(...table.map((l) => l.length))).toBeLessThan(110);
    const json = screenJsonOf(["extreme.csv"]);
    const peinf = json.rows.find((r) => r.ticker === "PEINF");
    expect(peinf?.pass).toBe(true);
    expect(peinf?.reason).toMatch(/forward P\/E blank: .*not a finite number, no value credit in the score/);
  });

  test("--out writes the results sheet into a copy of the workbook, and a CSV; the input is untouched", async () => {
    const before = sha(workbookPath);
    const out = run(["screen", "smallcap-universe.xlsx", "--out", "screened.xlsx", "--set", "domesticRevenue=off"], tmp.dir);
    expect(out.code).toBe(0);
    expect(out.stdout).toMatch(/Wrote screened.xlsx/);
    expect(sha(workbookPath)).toBe(before);
    const written = await readWorkbook(path.join(tmp.dir, "screened.xlsx"));
    expect(written.worksheets.map((s) => s.name)).toEqual(expect.arrayContaining(["Universe", "Valuation", "SMALLCAP Results"]));
    const results = written.getWorksheet("SMALLCAP Results") as ExcelJS.Worksheet;
    expect((results.getRow(1).values as unknown[]).slice(1, 10)).toEqual(["Rank", "Ticker", "Name", "Pass", "Score", "ICR", "Shocked ICR", "Zombie", "Reason"]);
    expect(results.getCell("A2").value).toBe(1);

    const csv = run(["screen", "universe.csv", "--out", "results.csv"], tmp.dir);
    expect(csv.code).toBe(0);
    const text = readFileSync(path.join(tmp.dir, "results.csv"), "utf8");
    expect(text.split("\r\n")[0]).toBe("Rank,Ticker,Name,Pass,Score,ICR,Shocked ICR,Zombie,Reason");
    expect(text.split("\r\n")).toHaveLength(602);
  });

  test("tickers and names that look like formulas come out as text", async () => {
    const hostile = path.join(tmp.dir, "hostile.csv");
    writeFileSync(
      hostile,
      "Ticker,Company,EBIT,Interest Expense,Total Debt,Floating Share,WAM,FCF,Domestic Revenue %\r\n" +
        '"=1+1","@SUM(A1)",100,10,100,10%,5,20,90%\r\n' +
        '"+CMD","-Acme",100,10,100,10%,5,20,90%\r\n',
    );
    expect(run(["screen", "hostile.csv", "--out", "hostile.xlsx"], tmp.dir).code).toBe(0);
    expect(run(["screen", "hostile.csv", "--out", "hostile-out.csv"], tmp.dir).code).toBe(0);
    const sheet = (await readWorkbook(path.join(tmp.dir, "hostile.xlsx"))).getWorksheet("SMALLCAP Results") as ExcelJS.Worksheet;
    const texts: string[] = [];
    sheet.eachRow((row) =>
      row.eachCell((cell) => {
        expect(cell.type).not.toBe(ExcelJS.ValueType.Formula);
        if (typeof cell.value === "string") texts.push(cell.value);
      }),
    );
    expect(texts).toEqual(expect.arrayContaining(["=1+1", "@SUM(A1)", "+CMD", "-Acme"]));
    const csv = readFileSync(path.join(tmp.dir, "hostile-out.csv"), "utf8");
    for (const field of ["'=1+1", "'@SUM(A1)", "'+CMD", "'-Acme"]) expect(csv).toContain(field);
  });
});

describe("smallcap refresh", () => {
  test("writes <name>.refreshed.xlsx by default and never touches its input", async () => {
    const input = path.join(tmp.dir, "refresh-me.xlsx");
    copyFileSync(workbookPath, input);
    const before = sha(input);
    const result = run(["refresh", "refresh-me.xlsx"], tmp.dir);
    expect(result.code).toBe(0);
    // Every formula of the sample (SMALLCAP columns, the Valuation, Screen and Model sheets) is computed.
    // The committed sample is saved refreshed, so nothing changes, and the message says so.
    expect(result.stdout).toMatch(/Refreshed ([\d,]+) of \1 formulas \(the saved values were already current: no cell value changed\)\./);
    expect(result.stdout).toMatch(/Quality small caps -> sheet "SMALLCAP Results": \d+ of 600 rows pass/);
    expect(sha(input)).toBe(before);
    const output = await readWorkbook(path.join(tmp.dir, "refresh-me.refreshed.xlsx"));
    expect((output.getWorksheet("Universe") as ExcelJS.Worksheet).getCell("W4").formula).toBe("SMALLCAP.ICR(J4,M4)");
    expect(readdirSync(tmp.dir).filter((f) => f.endsWith(".tmp"))).toEqual([]);
  });

  test("replaces its input only when --out names it, and reports what it could not evaluate", async () => {
    const input = path.join(tmp.dir, "in-place.xlsx");
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet("S");
    sheet.getCell("A1").value = 10;
    sheet.getCell("A2").value = 4;
    sheet.getCell("B1").value = { formula: "_xldudf_SMALLCAP_ICR(A1,A2)", result: 0 } as ExcelJS.CellValue;
    sheet.getCell("B2").value = { formula: "ROUND(SMALLCAP.ICR(A1,A2),1)", result: 9 } as ExcelJS.CellValue;
    sheet.getCell("B3").value = { formula: "BESSELJ(A1,1)", result: 7 } as ExcelJS.CellValue;
    await workbook.xlsx.writeFile(input);
    const result = run(["refresh", "in-place.xlsx", "--out", "in-place.xlsx", "--json"], tmp.dir);
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout) as { refreshed: number; problems: { cell: string; reason: string }[] };
    expect(report.refreshed).toBe(2);
    expect(report.problems).toEqual([{ cell: "S!B3", reason: "calls BESSELJ(), which the headless engine does not evaluate", cause: "unsupported function" }]);
    const back = (await readWorkbook(input)).getWorksheet("S") as ExcelJS.Worksheet;
    expect(back.getCell("B1").model.result).toBe(2.5);
    expect(back.getCell("B1").formula).toBe("_xldudf_SMALLCAP_ICR(A1,A2)");
    expect(back.getCell("B2").model.result).toBe(2.5); // ROUND(10/4, 1)
    expect(back.getCell("B3").model.result).toBe(7);
  });
});

describe("mistakes get one line and an exit code, never a stack trace", () => {
  beforeAll(() => {
    writeFileSync(path.join(tmp.dir, "text.xlsx"), "this is not a workbook\n");
    writeFileSync(path.join(tmp.dir, "broken.xlsx"), Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(64, 7)]));
    writeFileSync(path.join(tmp.dir, "binary.dat"), Buffer.from([0, 1, 2, 3, 0, 0]));
  });

  test.each<[string, string[], number, RegExp]>([
    ["missing file", ["screen", "nope.xlsx"], 1, /^smallcap: no such file: nope\.xlsx$/],
    ["a text file named .xlsx", ["screen", "text.xlsx"], 1, /^smallcap: text\.xlsx is not an Excel workbook \(\.xlsx\): it is not a zip package$/],
    ["a broken zip", ["screen", "broken.xlsx"], 1, /^smallcap: broken\.xlsx could not be read as an Excel workbook/],
    ["a binary file", ["screen", "binary.dat"], 1, /^smallcap: binary\.dat is not a workbook or a CSV file$/],
    ["a directory", ["screen", "."], 1, /^smallcap: \. is a directory, not a workbook or CSV file$/],
    ["unknown sheet", ["screen", "smallcap-universe.xlsx", "--sheet", "Nope"], 1, /^smallcap: no sheet named "Nope" in smallcap-universe\.xlsx \(sheets: Read me, Universe, Valuation/],
    ["unknown table", ["screen", "smallcap-universe.xlsx", "--table", "Nope"], 1, /^smallcap: no table named "Nope" in smallcap-universe\.xlsx/],
    ["a sheet without a header row", ["screen", "smallcap-universe.xlsx", "--sheet", "Valuation"], 1, /^smallcap: smallcap-universe\.xlsx: No columns recognised/],
    ["--sheet on a CSV", ["screen", "universe.csv", "--sheet", "X"], 1, /^smallcap: universe\.csv is a CSV file: it has no sheets or tables/],
    ["refresh of a CSV", ["refresh", "universe.csv"], 1, /^smallcap: universe\.csv is a CSV file; refresh needs an Excel workbook/],
    ["refresh into a missing directory", ["refresh", "smallcap-universe.xlsx", "--out", "no/such/dir/x.xlsx"], 1, /^smallcap: cannot write no\/such\/dir\/x\.xlsx: the directory .* does not exist$/],
    ["unknown criterion", ["screen", "smallcap-universe.xlsx", "--set", "bogus=1"], 2, /^smallcap: --set: unknown criterion "bogus"; expected one of positiveFcf/],
    ["bad value", ["screen", "smallcap-universe.xlsx", "--set", "icr=lots"], 2, /^smallcap: --set: icr needs a number, on or off, got "lots"$/],
    ["out-of-range value", ["screen", "smallcap-universe.xlsx", "--set", "floatingShare=150%"], 2, /^smallcap: --set: floatingShare must be a fraction from 0 to 1/],
    ["--set without =", ["screen", "smallcap-universe.xlsx", "--set", "icr"], 2, /^smallcap: --set: expected criterion=value/],
    ["unknown option", ["screen", "smallcap-universe.xlsx", "--frobnicate"], 2, /^smallcap: unknown option --frobnicate for "smallcap screen" \(see smallcap --help\)$/],
    ["option without its value", ["screen", "smallcap-universe.xlsx", "--sheet"], 2, /^smallcap: --sheet needs a value$/],
    ["unknown preset", ["screen", "smallcap-universe.xlsx", "--preset", "growth"], 2, /^smallcap: unknown preset "growth"; expected one of quality, zombies, stress$/],
    ["no file", ["screen"], 2, /^smallcap: screen needs a file/],
    ["two files", ["screen", "a.xlsx", "b.xlsx"], 2, /^smallcap: screen takes one file, got 2/],
    ["unknown command", ["rescreen", "x.xlsx"], 2, /^smallcap: unknown command "rescreen"; expected screen or refresh/],
    ["unknown top-level option", ["--frob"], 2, /^smallcap: unknown option --frob/],
    ["bad --out extension", ["refresh", "smallcap-universe.xlsx", "--out", "x.pdf"], 2, /^smallcap: --out must name an \.xlsx file, got "x\.pdf"$/],
  ])("%s", (_label, args, code, message) => {
    const result = run(args, tmp.dir);
    expect(result.code).toBe(code);
    expect(result.stdout).toBe("");
    const lines = result.stderr.trimEnd().split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(message);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  test("no arguments prints the usage and exits 2; --help and --version exit 0", () => {
    const none = run([], tmp.dir);
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/^Usage: smallcap <command>/);
    const help = run(["screen", "--help"], tmp.dir);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/--set criterion=value/);
    const version = run(["--version"], tmp.dir);
    expect(version.code).toBe(0);
    expect(version.stdout).toMatch(/^smallcap \d+\.\d+\.\d+/);
  });

  test("the build leaves the executable the package's bin points at", () => {
    expect(existsSync(CLI)).toBe(true);
    expect(readFileSync(CLI, "utf8").startsWith("#!/usr/bin/env node")).toBe(true);
  });
});
