/**
 * The headless CLI as a user runs it (a spawned `node .../main.js`), on real .xlsx and .csv
 * files:
 *
 * - Nothing lost: 25 randomised workbooks (support/workbooks.ts) refreshed with --out; every
 *   cell that is not a SMALLCAP formula is identical afterwards (type, value, formula, cached
 *   result), SMALLCAP formulas keep their text, sheets, defined names and merges survive, and
 *   the input file is byte-identical. `screen --out` on an .xlsx keeps every input cell too.
 * - The input is replaced only when --out names it; the default output goes beside it.
 * - Writes go through a temporary file and a rename: an unwritable output directory leaves
 *   everything as it was, and a SIGKILL at any moment (including while the temporary file is
 *   being written) leaves the previous output byte-identical or the new one complete.
 * - Idempotence: ten successive refreshes give the same cells, sheets and names as one.
 * - Hostile text: tickers and names starting with = + - @ are text in .xlsx output (no formula)
 *   and are neutralised with a leading ' in CSV output; 100 KB strings survive within Excel's
 *   32,767-character cell limit.
 */
import { createHash } from "crypto";
import { chmodSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from "fs";
import * as os from "os";
import * as path from "path";
import fc from "fast-check";
import ExcelJS from "exceljs";
import { parse as parseCsv } from "csv-parse/sync";
import { presetConfig } from "../../src/core/screen";
import { cellAddress, parseArea } from "../../src/workbook/a1";
import { BuiltCli, bookState, buildCli, inParallel, openUp, readBook, runAndKill, runCli, stateDifferences, userCanRequire, userCanRunCli } from "./support/cli";
import { skipBecause } from "../helpers/prerequisites";
import { HOSTILE_TEXT, bookPlan, buildBook } from "./support/workbooks";
import { report } from "../helpers/report";

const SEED = Number(process.env.FUZZ_SEED ?? 20_240_611);
const BOOKS = Number(process.env.CLI_BOOKS ?? 25);
const EXCEL_CELL_LIMIT = 32_767;

let cli: BuiltCli;
let work: string;

beforeAll(() => {
  cli = buildCli();
  work = path.join(os.tmpdir(), `smallcap-hardening-${process.pid}-${Date.now()}`);
  mkdirSync(work);
}, 180_000);

afterAll(() => {
  cli?.cleanup();
  if (work !== undefined) {
    openUp(work);
    rmSync(work, { recursive: true, force: true });
  }
});

const sha = (file: string): string => createHash("sha256").update(readFileSync(file)).digest("hex");

function folder(name: string): string {
  const dir = path.join(work, name);
  mkdirSync(dir, { recursive: true });
  return dir;
}

type CellStateJson = { formula?: string; sharedFormula?: string; shareType?: string; ref?: string };

/** The cells of a state that hold a formula. */
function formulaKeys(state: ReturnType<typeof bookState>): Set<string> {
  const out = new Set<string>();
  for (const [key, cell] of state.cells) {
    const json = JSON.parse(cell) as CellStateJson;
    if (json.formula !== undefined || json.sharedFormula !== undefined) out.add(key);
  }
  return out;
}

/** The cells an array formula's range covers, other than its own. */
function spillKeys(state: ReturnType<typeof bookState>): Set<string> {
  const out = new Set<string>();
  for (const [key, cell] of state.cells) {
    const json = JSON.parse(cell) as CellStateJson;
    const area = json.shareType === "array" && json.ref !== undefined ? parseArea(json.ref) : undefined;
    if (area === undefined) continue;
    const sheet = key.slice(0, key.lastIndexOf("!"));
    for (let r = area.top; r <= area.bottom; r++) for (let c = area.left; c <= area.right; c++) out.add(`${sheet}!${cellAddress(r, c)}`);
  }
  return out;
}

describe("nothing lost", () => {
  test(`${BOOKS} randomised workbooks: refresh --out changes only formula results and their spills`, async () => {
    const plans = fc.sample(bookPlan, { numRuns: BOOKS, seed: SEED });
    const outcomes = await inParallel(plans, 2, async (plan, i) => {
      const dir = folder(`lost-${i}`);
      const input = path.join(dir, "in.xlsx");
      const { book } = buildBook(plan);
      await book.xlsx.writeFile(input);
      const hash = sha(input);
      const run = await runCli(cli, ["refresh", input, "--out", path.join(dir, "out.xlsx")]);
      const before = bookState(await readBook(input));
      const problems: string[] = [];
      if (run.status !== 0) problems.push(`book ${i}: refresh exited ${run.status}: ${run.stderr}`);
      if (sha(input) !== hash) problems.push(`book ${i}: the input file changed`);
      let compared = 0;
      let formulasKept = 0;
      if (run.status === 0) {
        const after = bookState(await readBook(path.join(dir, "out.xlsx")));
        // Every formula is recalculated now: its result may change, its text may not; the cells
        // its array (spill) range covers after the refresh hold its values.
        const formulaCells = formulaKeys(before);
        const spilled = spillKeys(after);
        const plainKeys = [...before.cells.keys()].filter((k) => !formulaCells.has(k) && !spilled.has(k));
        compared = plainKeys.length;
        problems.push(...stateDifferences(before, after, plainKeys).map((d) => `book ${i}: ${d}`));
        for (const key of formulaCells) {
          const formulaOf = (state: string | undefined): unknown => (state === undefined ? undefined : (JSON.parse(state) as { formula?: unknown }).formula);
          if (formulaOf(before.cells.get(key)) === formulaOf(after.cells.get(key))) formulasKept++;
          else problems.push(`book ${i}: ${key} formula ${String(formulaOf(before.cells.get(key)))} -> ${String(formulaOf(after.cells.get(key)))}`);
        }
        const kept = after.sheets.filter((s) => before.sheets.includes(s));
        if (JSON.stringify(kept) !== JSON.stringify(before.sheets)) problems.push(`book ${i}: sheets ${before.sheets} -> ${after.sheets}`);
        if (after.names !== before.names) problems.push(`book ${i}: defined names ${before.names} -> ${after.names}`);
        const mergesBefore = JSON.parse(before.merges) as Record<string, unknown>;
        const mergesAfter = JSON.parse(after.merges) as Record<string, unknown>;
        for (const sheet of Object.keys(mergesBefore)) {
          if (JSON.stringify(mergesBefore[sheet]) !== JSON.stringify(mergesAfter[sheet])) problems.push(`book ${i}: merges on ${sheet} changed`);
        }
      }
      return { problems, compared, formulasKept, formulas: formulaKeys(before).size };
    });
    const problems = outcomes.flatMap((o) => o.problems);
    const compared = outcomes.reduce((s, o) => s + o.compared, 0);
    const kept = outcomes.reduce((s, o) => s + o.formulasKept, 0);
    const formulas = outcomes.reduce((s, o) => s + o.formulas, 0);
    report(
      `nothing lost (CLI refresh): ${plans.length} workbooks, ${compared} cells that are not formulas compared, ` +
        `${problems.length} differences; ${kept} of ${formulas} formulas kept their text; inputs byte-identical`,
    );
    expect(problems.slice(0, 20)).toEqual([]);
  }, 240_000);

  test("screen --out on an .xlsx input keeps every input cell (6 randomised workbooks)", async () => {
    const plans = fc.sample(bookPlan, { numRuns: 6, seed: SEED + 7 });
    const outcomes = await inParallel(plans, 2, async (plan, i) => {
      const dir = folder(`screen-copy-${i}`);
      const input = path.join(dir, "in.xlsx");
      await buildBook(plan).book.xlsx.writeFile(input);
      const hash = sha(input);
      const run = await runCli(cli, ["screen", input, "--sheet", plan.sheetName, "--out", path.join(dir, "out.xlsx")]);
      if (run.status !== 0) return { compared: 0, problems: [`book ${i}: screen exited ${run.status}: ${run.stderr}`] };
      const before = bookState(await readBook(input));
      const after = bookState(await readBook(path.join(dir, "out.xlsx")));
      const problems = stateDifferences(before, after, before.cells.keys()).map((d) => `book ${i}: ${d}`);
      if (sha(input) !== hash) problems.push(`book ${i}: the input file changed`);
      return { compared: before.cells.size, problems };
    });
    const problems = outcomes.flatMap((o) => o.problems);
    report(
      `nothing lost (CLI screen --out .xlsx): ${plans.length} workbooks, ${outcomes.reduce((s, o) => s + o.compared, 0)} input cells compared, ${problems.length} differences`,
    );
    expect(problems.slice(0, 20)).toEqual([]);
  }, 240_000);

  test("the input is replaced only when --out names it", async () => {
    const dir = folder("own-input");
    const input = path.join(dir, "book.xlsx");
    await buildBook(fc.sample(bookPlan, { numRuns: 1, seed: SEED + 3 })[0]).book.xlsx.writeFile(input);
    const hash = sha(input);

    const byDefault = await runCli(cli, ["refresh", input]);
    expect(byDefault.status).toBe(0);
    expect(sha(input)).toBe(hash);
    expect(existsSync(path.join(dir, "book.refreshed.xlsx"))).toBe(true);

    const csv = path.join(dir, "universe.csv");
    writeFileSync(csv, "Ticker,EBIT,Interest Expense,FCF\nAAA,10,2,5\n");
    const csvHash = sha(csv);
    const ontoCsv = await runCli(cli, ["screen", csv, "--out", csv]);
    expect(ontoCsv.status).not.toBe(0);
    expect(sha(csv)).toBe(csvHash);

    const named = await runCli(cli, ["refresh", input, "--out", input]);
    expect(named.status).toBe(0);
    expect(sha(input)).not.toBe(hash);
    expect((await readBook(input)).worksheets.length).toBeGreaterThan(0);
    report("input protection (CLI): refresh without --out left the input byte-identical; screen --out <input.csv> refused; --out <input> replaced it whole");
  }, 60_000);
});

// Root ignores directory permissions: run the CLI as `nobody` then, where `nobody` can read the checkout.
const asUser = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};
const lockedOutCheck =
  asUser.uid !== undefined && !userCanRequire(asUser.uid)
    ? `SKIPPED: the unwritable-output-directory check cannot run here: root ignores directory permissions, and uid ${asUser.uid} cannot read this checkout's node_modules (it sits in a folder only root may enter)`
    : undefined;

describe("writes go through a temporary file and a rename", () => {
  if (lockedOutCheck !== undefined) skipBecause(lockedOutCheck);
  else test("an unwritable output directory: exit 1, nothing written, nothing lost", async () => {
    const dir = folder("readonly");
    const input = path.join(dir, "in.xlsx");
    await buildBook(fc.sample(bookPlan, { numRuns: 1, seed: SEED + 4 })[0]).book.xlsx.writeFile(input);
    const locked = path.join(dir, "locked");
    mkdirSync(locked);
    const previous = path.join(locked, "out.xlsx");
    writeFileSync(previous, "previous output");
    openUp(dir);
    chmodSync(locked, 0o555);
    const hash = sha(input);
    if (asUser.uid !== undefined) expect(userCanRunCli(cli, asUser.uid)).toBe(true);
    const toLocked = await runCli(cli, ["refresh", input, "--out", previous], asUser);
    const lockedInput = path.join(locked, "copy.xlsx");
    chmodSync(locked, 0o755);
    writeFileSync(lockedInput, readFileSync(input));
    chmodSync(lockedInput, 0o644);
    chmodSync(locked, 0o555);
    const besideLocked = await runCli(cli, ["refresh", lockedInput], asUser);
    chmodSync(locked, 0o755);
    report(
      `read-only output directory (CLI, as uid ${asUser.uid ?? process.getuid?.()}): exits ${toLocked.status} and ${besideLocked.status}; ` +
        `"${toLocked.stderr.trim()}"; files left: ${readdirSync(locked).join(", ")}`,
    );
    expect(toLocked.status).toBe(1);
    expect(toLocked.stderr).toMatch(/permission denied/);
    expect(besideLocked.status).toBe(1);
    expect(readFileSync(previous, "utf8")).toBe("previous output");
    expect(sha(input)).toBe(hash);
    expect(readdirSync(locked).sort()).toEqual(["copy.xlsx", "out.xlsx"]);
  }, 60_000);

  test("SIGKILL at any moment leaves the previous output or the complete new one, never a torn file", async () => {
    const dir = folder("kill");
    const input = path.join(dir, "big.xlsx");
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet("Data");
    sheet.addRow(["Ticker", "EBIT", "Interest Expense", "Note"]);
    const rows = 8_000;
    for (let r = 2; r <= rows + 1; r++) {
      sheet.addRow([`T${r}`, (r * 37) % 500, 1 + (r % 40), `note ${r} `.repeat(3)]);
      sheet.getCell(`E${r}`).value = { formula: `SMALLCAP.ICR(B${r},C${r})`, result: 0 } as ExcelJS.CellValue;
    }
    await book.xlsx.writeFile(input);
    const hash = sha(input);
    const target = path.join(dir, "out.xlsx");

    // First the run that is not interrupted: it replaces the previous output with the complete result.
    const previous = "previous output, not a workbook";
    writeFileSync(target, previous);
    const full = await runCli(cli, ["refresh", input, "--out", target]);
    expect(full.status).toBe(0);
    const complete = bookState(await readBook(target));
    expect(complete.cells.size).toBeGreaterThan(rows);

    const trials: { when: string; afterMs: number; condition?: () => boolean }[] = [
      { when: "while the temporary file is being written", afterMs: 60_000, condition: () => readdirSync(dir).some((f) => f.startsWith(".out.xlsx.") && f.endsWith(".tmp")) },
      ...[150, 500, 1000].map((ms) => ({ when: `after ${ms} ms`, afterMs: ms })),
    ];
    let kills = 0;
    let caughtWriting = 0;
    let keptPrevious = 0;
    let replacedWhole = 0;
    const torn: string[] = [];
    for (const trial of trials) {
      writeFileSync(target, previous);
      const outcome = await runAndKill(cli, ["refresh", input, "--out", target], { cwd: dir, afterMs: trial.afterMs, when: trial.condition });
      if (outcome.killed) kills++;
      if (outcome.byCondition) caughtWriting++;
      const bytes = readFileSync(target);
      if (bytes.toString("utf8") === previous) keptPrevious++;
      else {
        const state = bookState(await readBook(target).catch(() => new ExcelJS.Workbook()));
        if (stateDifferences(complete, state).length === 0 && state.cells.size > 0) replacedWhole++;
        else torn.push(trial.when);
      }
      expect(sha(input)).toBe(hash);
    }
    const leftovers = readdirSync(dir).filter((f) => f.endsWith(".tmp"));
    report(
      `kill mid-way (CLI refresh, ${rows} formulas): ${trials.length} runs, ${kills} killed with SIGKILL, ${caughtWriting} of them while the temporary file was being written; ` +
        `${keptPrevious} kept the previous output, ${replacedWhole} had the complete new one, ${torn.length} torn; input byte-identical; ` +
        `${leftovers.length} orphaned temporary files left beside the output`,
    );
    expect(torn).toEqual([]);
    expect(caughtWriting).toBe(1);
  }, 240_000);
});

describe("idempotence", () => {
  test("ten successive refreshes give the same cells, sheets and names as one", async () => {
    const plans = fc.sample(bookPlan, { numRuns: 2, seed: SEED + 5 }).map((p) => ({ ...p, withSaved: true }));
    const results = await inParallel(plans, 2, async (plan, i) => {
      const dir = folder(`idem-${i}`);
      const input = path.join(dir, "r0.xlsx");
      await buildBook(plan).book.xlsx.writeFile(input);
      for (let k = 1; k <= 10; k++) {
        const run = await runCli(cli, ["refresh", path.join(dir, `r${k - 1}.xlsx`), "--out", path.join(dir, `r${k}.xlsx`)]);
        if (run.status !== 0) return [`book ${i}: refresh ${k} exited ${run.status}: ${run.stderr}`];
      }
      const once = bookState(await readBook(path.join(dir, "r1.xlsx")));
      const ten = bookState(await readBook(path.join(dir, "r10.xlsx")));
      const problems = stateDifferences(once, ten).map((d) => `book ${i}: ${d}`);
      if (JSON.stringify(once.sheets) !== JSON.stringify(ten.sheets)) problems.push(`book ${i}: sheets ${once.sheets} -> ${ten.sheets}`);
      if (once.names !== ten.names) problems.push(`book ${i}: names ${once.names} -> ${ten.names}`);
      if (once.merges !== ten.merges) problems.push(`book ${i}: merges changed`);
      if (!once.sheets.some((s) => s.startsWith("SMALLCAP Results"))) problems.push(`book ${i}: the saved screen wrote no results sheet`);
      return problems;
    });
    const problems = results.flat();
    report(`idempotence (CLI refresh): ${plans.length} workbooks with a saved screen, 10 refreshes each; ${problems.length} differences between refresh 1 and refresh 10 (cells, sheet list, names, merges)`);
    expect(problems.slice(0, 20)).toEqual([]);
  }, 240_000);
});

describe("hostile text", () => {
  const BIG = "A".repeat(100_000);
  const HEADERS = ["Ticker", "Company", "EBIT", "Interest Expense", "Total Debt", "Floating Rate %", "WAM", "FCF", "Domestic Revenue %", "Fwd P/E"];
  const tickers = [...HOSTILE_TEXT, BIG, `=${BIG}`];
  const names = [...HOSTILE_TEXT.map((t) => `${t} Inc`), "Plain Co", BIG];
  /** Every row passes the quality screen, so every ticker and name reaches the output. */
  const row = (i: number): unknown[] => [tickers[i], names[i] ?? `Name ${i}`, 100 + i, 10, 200, 0.1, 5, 50, 0.9, 10 + i];

  function csvText(): string {
    const quote = (v: unknown): string => {
      const s = String(v);
      return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
    };
    return [HEADERS, ...tickers.map((_, i) => row(i))].map((r) => r.map(quote).join(",")).join("\n") + "\n";
  }

  test("screen --out .xlsx: data text is text, never a formula, and fits an Excel cell", async () => {
    const dir = folder("hostile-xlsx");
    const input = path.join(dir, "in.csv");
    writeFileSync(input, csvText());
    const run = await runCli(cli, ["screen", input, "--out", path.join(dir, "out.xlsx")]);
    expect(run.status).toBe(0);
    const book = await readBook(path.join(dir, "out.xlsx"));
    let cells = 0;
    const formulas: string[] = [];
    const tooLong: string[] = [];
    const seen = new Set<string>();
    for (const sheet of book.worksheets) {
      sheet.eachRow((r) =>
        r.eachCell((cell) => {
          cells++;
          const model = cell.model as { formula?: string; sharedFormula?: string; value?: unknown };
          if (model.formula !== undefined || model.sharedFormula !== undefined) formulas.push(`${cell.address}: ${model.formula ?? model.sharedFormula}`);
          if (typeof cell.value === "string") {
            seen.add(cell.value);
            if (cell.value.length > EXCEL_CELL_LIMIT) tooLong.push(`${sheet.name}!${cell.address} (${cell.value.length} characters)`);
          }
        }),
      );
    }
    const hostileShown = HOSTILE_TEXT.filter((t) => seen.has(t)).length;
    report(
      `hostile text (CLI screen --out .xlsx): ${cells} cells read back, ${formulas.length} formulas, ` +
        `${hostileShown} of ${HOSTILE_TEXT.length} hostile tickers kept verbatim as text, ${tooLong.length} cells over Excel's ${EXCEL_CELL_LIMIT}-character limit`,
    );
    expect(formulas).toEqual([]);
    expect(hostileShown).toBe(HOSTILE_TEXT.length);
    expect(tooLong).toEqual([]);
  }, 60_000);

  test("screen --out .csv: data text starting with = + - @ is neutralised; 100 KB strings survive whole", async () => {
    const dir = folder("hostile-csv");
    const input = path.join(dir, "in.csv");
    writeFileSync(input, csvText());
    const run = await runCli(cli, ["screen", input, "--out", path.join(dir, "out.csv")]);
    expect(run.status).toBe(0);
    const records = parseCsv(readFileSync(path.join(dir, "out.csv"), "utf8"), { relax_column_count: true }) as string[][];
    const header = records[0];
    const textColumns = [header.indexOf("Ticker"), header.indexOf("Name")];
    const dangerous: string[] = [];
    let fields = 0;
    for (const record of records.slice(1)) {
      for (const c of textColumns) {
        fields++;
        if (/^[=+\-@\t\r]/.test(record[c] ?? "")) dangerous.push(record[c].slice(0, 40));
      }
    }
    const bigKept = records.some((r) => r[textColumns[0]] === BIG) && records.some((r) => r[textColumns[1]] === BIG);
    const bigFormula = records.some((r) => r[textColumns[0]] === `'=${BIG}`);
    report(
      `hostile text (CLI screen --out .csv): ${records.length - 1} rows, ${fields} ticker/name fields, ${dangerous.length} starting with = + - @; ` +
        `100 KB strings intact: ${bigKept && bigFormula ? "yes" : "no"}`,
    );
    expect(dangerous).toEqual([]);
    expect(bigKept).toBe(true);
    expect(bigFormula).toBe(true);
  }, 60_000);

  test("refresh re-running a saved screen over hostile tickers writes text, never formulas", async () => {
    const dir = folder("hostile-refresh");
    const book = new ExcelJS.Workbook();
    const data = book.addWorksheet("Data");
    data.addRow(HEADERS);
    tickers.forEach((_, i) => data.addRow(row(i).map((v) => (typeof v === "string" && v.length > EXCEL_CELL_LIMIT ? v.slice(0, EXCEL_CELL_LIMIT) : v)) as ExcelJS.CellValue[]));
    const store = book.addWorksheet("_smallcap", { state: "veryHidden" });
    store.getCell("A1").value = JSON.stringify([
      {
        version: 1,
        id: "h",
        name: "Hostile",
        source: { sheet: "Data" },
        mapping: null,
        config: presetConfig("quality"),
        output: { sheet: "SMALLCAP Results" },
        savedAt: "2024-06-11T10:00:00.000Z",
      },
    ]);
    const input = path.join(dir, "in.xlsx");
    await book.xlsx.writeFile(input);
    const run = await runCli(cli, ["refresh", input, "--out", path.join(dir, "out.xlsx")]);
    expect(run.status).toBe(0);
    const out = await readBook(path.join(dir, "out.xlsx"));
    const results = out.worksheets.find((s) => s.name.startsWith("SMALLCAP Results"));
    expect(results).toBeDefined();
    const formulas: string[] = [];
    const texts = new Set<string>();
    results?.eachRow((r) =>
      r.eachCell((cell) => {
        const model = cell.model as { formula?: string; sharedFormula?: string };
        if (model.formula !== undefined || model.sharedFormula !== undefined) formulas.push(cell.address);
        if (typeof cell.value === "string") texts.add(cell.value);
      }),
    );
    const verbatim = HOSTILE_TEXT.filter((t) => texts.has(t)).length;
    report(`hostile text (CLI refresh, saved screen): ${formulas.length} formulas on the results sheet, ${verbatim} of ${HOSTILE_TEXT.length} hostile tickers verbatim as text`);
    expect(formulas).toEqual([]);
    expect(verbatim).toBe(HOSTILE_TEXT.length);
  }, 60_000);
});
