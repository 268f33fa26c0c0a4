/**
 * The Office.js adapter against office-addin-mock objects (see fake-excel.ts): what it reads,
 * what it writes, how many round trips it costs, and what it leaves behind after refreshes.
 */
import { parseSavedScreens } from "../../src/core/screen/saved";
import { presetConfig } from "../../src/core/screen";
import { ExcelWorkbook, stagingSheetName } from "../../src/excel/excel-workbook";
import { CHUNK_BUDGET, CHUNK_OVERHEAD, OP_BYTES, SYNC_BUDGET, SYNC_RESERVE, groupChunks, planReadSync } from "../../src/excel/payload";
import { FORMULA_NAME, HOSTILE_TICKER, SAMPLE_HEADERS, sampleRows } from "../../src/preview/sample-data";
import { columnLetters } from "../../src/workbook/a1";
import { STATE_SHEET, fromHostRows } from "../../src/workbook/sheets";
import { resultsTableName } from "../../src/workbook/results-sheet";
import { refreshAll, refreshSaved, runToSheet, upsertScreen, type RunOutcome } from "../../src/workbook/screens";
import { WorkbookError } from "../../src/workbook/workbook";
import { FakeExcel, FakeOfficeError, type FakeSheet } from "./fake-excel";
import { readFileSync } from "fs";
import * as path from "path";
import { figure, report } from "../helpers/report";

const MB = 1_000_000;
/** Excel on the web refuses a request above 5 MB; the adapter aims for 4. */
const REQUEST_LIMIT = 5 * MB;

function universe(rows: unknown[][], extra?: (fake: FakeExcel) => void): FakeExcel {
  const fake = new FakeExcel();
  fake.addSheet("Universe", [[...SAMPLE_HEADERS], ...rows]);
  fake.addTable("Universe", "Universe", `A1:${columnLetters(SAMPLE_HEADERS.length)}${rows.length + 1}`);
  fake.addSheet("Notes", [["Analyst notes"], ["Check the covenants"]]);
  extra?.(fake);
  return fake;
}

/** Every cell of a sheet, for before/after comparisons. */
function snapshot(sheet: FakeSheet | undefined): string {
  if (sheet === undefined) return "missing";
  const cells: string[] = [];
  for (const [row, columns] of [...sheet.rows].sort((a, b) => a[0] - b[0])) {
    for (const [column, value] of [...columns].sort((a, b) => a[0] - b[0])) cells.push(`${row}:${column}=${JSON.stringify(value)}`);
  }
  return `${sheet.name}|${sheet.visibility}|${sheet.formats.length}|${cells.join(";")}`;
}

function expectOk(outcome: RunOutcome): asserts outcome is Extract<RunOutcome, { ok: true }> {
  if (!outcome.ok) throw new Error(`expected a run, got: ${outcome.message}`);
}

const quality = presetConfig("quality");
const tableSource = { sheet: "Universe", table: "Universe" } as const;

describe("the harness", () => {
  test("a property read before load and sync is the mock's error text, as in Office.js", async () => {
    const fake = universe(sampleRows(3));
    await fake.run(async (context) => {
      const range = context.workbook.worksheets.getItem("Universe").getRange("A1:B2");
      expect(range.values).toBe("Error, property was not loaded");
      range.load("values");
      expect(range.values).toBe("Error, context.sync() was not called");
      await context.sync();
      expect(range.values).toEqual([
        ["Ticker", "Company"],
        [sampleRows(3)[0][0], sampleRows(3)[0][1]],
      ]);
    });
  });

  test("Excel.run from the global office-addin-mock object drives the fake", async () => {
    const fake = universe(sampleRows(5));
    fake.installGlobal();
    const tables = await new ExcelWorkbook().listTables();
    expect(tables).toEqual([{ name: "Universe", sheet: "Universe", address: "A1:N6", rows: 5, columns: 14 }]);
  });

  test("the fake refuses a request or a response over 5 MB, as Excel on the web does", async () => {
    const fake = universe(sampleRows(80_000));
    await expect(
      fake.run(async (context) => {
        context.workbook.worksheets.getItem("Universe").getRange("A1:N80001").load("values");
        await context.sync();
      }),
    ).rejects.toMatchObject({ code: "ResponsePayloadSizeLimitExceeded" });
    expect(fake.syncs[0].response).toBeGreaterThan(REQUEST_LIMIT);
    const big = Array.from({ length: 60_000 }, (_, i) => [`row ${i} ${"x".repeat(80)}`]);
    await expect(
      fake.run(async (context) => {
        context.workbook.worksheets.getItem("Notes").getRange("A1:A60000").values = big;
        await context.sync();
      }),
    ).rejects.toMatchObject({ code: "RequestPayloadSizeLimitExceeded" });
  });
});

describe("reading", () => {
  test("a table: header row and body in one sync, error cells as errors, nothing written", async () => {
    const rows = sampleRows(60);
    const fake = universe(rows);
    const before = snapshot(fake.sheet("Universe"));
    const data = await new ExcelWorkbook(fake.run).readSource(tableSource);
    expect(fake.syncs).toHaveLength(1);
    expect(data.source).toEqual({ sheet: "Universe", table: "Universe", address: "A1:N61" });
    expect(data.headers).toEqual([...SAMPLE_HEADERS]);
    expect(data.rows).toHaveLength(60);
    expect(data.rows[22][0]).toBe(HOSTILE_TICKER);
    expect(data.rows[18][12]).toEqual({ error: "#N/A" });
    expect(data.rows[6][5]).toBe("n/a");
    expect(data.rows[11][11]).toBe("");
    expect(data.shape?.sheets.map((s) => s.name)).toEqual(["Universe", "Notes"]);
    expect(data.shape?.tables).toEqual([{ name: "Universe", sheet: "Universe" }]);
    expect(snapshot(fake.sheet("Universe"))).toBe(before);
  });

  test("a sheet address: whole columns read only the used rows", async () => {
    const fake = universe(sampleRows(10));
    const data = await new ExcelWorkbook(fake.run).readSource({ sheet: "Universe", address: "A:N" });
    expect(fake.syncs).toHaveLength(1);
    expect(data.headers[0]).toBe("Ticker");
    expect(data.rows).toHaveLength(10);
    expect(data.source).toEqual({ sheet: "Universe", address: "A:N" });
  });

  test("a 100,000-row x 14-column source is read in blocks: no response over 4 MB, nothing written", async () => {
    const n = 100_000;
    const fake = universe(sampleRows(n, 3));
    const before = snapshot(fake.sheet("Universe"));
    const expected = fromHostRows((fake.sheet("Universe") as FakeSheet).read({ top: 1, left: 0, rows: n + 1, columns: SAMPLE_HEADERS.length }));
    const sourceBytes = JSON.stringify(expected).length;
    expect(sourceBytes).toBeGreaterThan(REQUEST_LIMIT); // one sync would be refused
    for (const source of [tableSource, { sheet: "Universe", address: "A:N" }]) {
      fake.resetCounters();
      const data = await new ExcelWorkbook(fake.run).readSource(source);
      expect(data.headers).toEqual(expected[0]);
      expect(data.rows).toEqual(expected.slice(1));
      for (const sync of fake.syncs) {
        expect(sync.response).toBeLessThan(4 * MB);
        expect(sync.bytes).toBeLessThan(4 * MB);
      }
      expect(fake.syncs.length).toBeLessThanOrEqual(1 + Math.ceil(sourceBytes / (4 * MB)));
      expect(fake.valueWrites).toEqual([]);
    }
    expect(snapshot(fake.sheet("Universe"))).toBe(before);
  });

  test("with onRows, the same rows arrive header first, block by block as read, and none are kept", async () => {
    const n = 100_000;
    const fake = universe(sampleRows(n, 3));
    const expected = fromHostRows((fake.sheet("Universe") as FakeSheet).read({ top: 1, left: 0, rows: n + 1, columns: SAMPLE_HEADERS.length }));
    for (const source of [tableSource, { sheet: "Universe", address: "A:N" }]) {
      fake.resetCounters();
      const blocks: (readonly (readonly unknown[])[])[] = [];
      const data = await new ExcelWorkbook(fake.run).readSource(source, { onRows: (rows) => blocks.push(rows) });
      expect(data.rows).toEqual([]);
      expect(data.headers).toEqual(expected[0]);
      expect(blocks.length).toBeGreaterThan(1);
      expect(blocks.flat()).toEqual(expected);
      for (const sync of fake.syncs) expect(sync.response).toBeLessThan(4 * MB);
    }
  });

  test("a header-only read: one small sync whatever the size, the header and the number of data rows", async () => {
    const n = 100_000;
    const fake = universe(sampleRows(n, 3));
    for (const source of [tableSource, { sheet: "Universe", address: "A:N" }]) {
      fake.resetCounters();
      const data = await new ExcelWorkbook(fake.run).readSource(source, { headerOnly: true });
      expect(data.headers).toEqual([...SAMPLE_HEADERS]);
      expect(data.rowCount).toBe(n);
      expect(data.rows).toEqual([]);
      expect(fake.syncs).toHaveLength(1);
      expect(fake.syncs[0].response).toBeLessThan(10_000);
    }
    // An empty table keeps one blank body row in Excel: no data.
    const empty = universe([["", "", "", "", "", "", "", "", "", "", "", "", "", ""]]);
    expect((await new ExcelWorkbook(empty.run).readSource(tableSource, { headerOnly: true })).rowCount).toBe(0);
    const one = universe(sampleRows(1));
    expect((await new ExcelWorkbook(one.run).readSource(tableSource, { headerOnly: true })).rowCount).toBe(1);
  });

  test("2,000 rows still come back in the first (and only) sync", async () => {
    const fake = universe(sampleRows(2_000));
    const data = await new ExcelWorkbook(fake.run).readSource(tableSource);
    expect(data.rows).toHaveLength(2_000);
    expect(fake.syncs).toHaveLength(1);
  });

  test("a table that is gone is a message, not an exception from Office", async () => {
    const fake = universe(sampleRows(3));
    await expect(new ExcelWorkbook(fake.run).readSource({ sheet: "Universe", table: "Gone" })).rejects.toThrow(
      new WorkbookError('The table "Gone" is not in this workbook any more. Pick the source again.'),
    );
  });

  test("the selection: one cell widens to its region, a block stays, no selection is null", async () => {
    const fake = universe(sampleRows(8));
    const workbook = new ExcelWorkbook(fake.run);
    fake.selection = { sheet: "Universe", address: "C4" };
    expect(await workbook.getSelection()).toEqual({ sheet: "Universe", address: "A1:N9", widened: true });
    fake.selection = { sheet: "Universe", address: "A1:E5" };
    expect(await workbook.getSelection()).toEqual({ sheet: "Universe", address: "A1:E5", widened: false });
    fake.selection = null;
    expect(await workbook.getSelection()).toBeNull();
  });

  test("tables are listed with their sheet, address and row count", async () => {
    const fake = universe(sampleRows(12));
    expect(await new ExcelWorkbook(fake.run).listTables()).toEqual([{ name: "Universe", sheet: "Universe", address: "A1:N13", rows: 12, columns: 14 }]);
  });
});

describe("a run writes the results sheet", () => {
  test("table, formats, chart and summary; text stays text; the source is untouched", async () => {
    const fake = universe(sampleRows(60));
    const before = snapshot(fake.sheet("Universe"));
    const outcome = await runToSheet(new ExcelWorkbook(fake.run), {
      source: tableSource,
      mapping: null,
      config: quality,
      output: "SMALLCAP Results",
      activate: true,
    });
    expectOk(outcome);
    expect(snapshot(fake.sheet("Universe"))).toBe(before);

    const sheet = fake.sheet("SMALLCAP Results") as FakeSheet;
    expect(sheet).toBeDefined();
    expect(fake.active).toBe(sheet);
    expect(fake.sheets.map((s) => s.name)).toEqual(["Universe", "Notes", "SMALLCAP Results"]);

    // The Excel table over A1:I61, named from the sheet.
    const table = fake.tables.find((t) => t.sheet === sheet);
    expect(table?.name).toBe(resultsTableName("SMALLCAP Results"));
    expect(table?.rect).toEqual({ top: 1, left: 0, rows: 61, columns: 9 });
    expect(sheet.read({ top: 1, left: 0, rows: 1, columns: 9 })[0]).toEqual(["Rank", "Ticker", "Name", "Pass", "Score", "ICR", "Shocked ICR", "Zombie", "Reason"]);
    expect(outcome.report).toMatchObject({ sheet: "SMALLCAP Results", rowsWritten: 60, tableAddress: "A1:I61", replaced: false });

    // Passing rows first, by rank; the rest say why they fail.
    const passing = outcome.result.summary.rowsPassing;
    expect(passing).toBeGreaterThan(0);
    expect(sheet.get(2, 0)).toBe(1);
    expect(sheet.get(2, 3)).toBe(true);
    expect(sheet.get(passing + 2, 3)).toBe(false);
    expect(String(sheet.get(passing + 2, 8))).toMatch(/^(fails|unknown)/);

    // The hostile cells are there, as text, in text-formatted columns; nothing became a formula.
    const tickers = sheet.read({ top: 2, left: 1, rows: 60, columns: 2 });
    expect(tickers.some(([t, name]) => t === HOSTILE_TICKER && name === FORMULA_NAME)).toBe(true);
    expect(sheet.formatAt(30, 1)).toBe("@");
    expect(sheet.formatAt(30, 2)).toBe("@");
    expect(sheet.formatAt(30, 8)).toBe("@");
    expect(sheet.formulas).toEqual([]);
    expect(fake.sheets.flatMap((s) => s.formulas)).toEqual([]);

    // Number formats as the layout says.
    expect(sheet.formatAt(2, 4)).toBe("0.0");
    expect(sheet.formatAt(2, 5)).toBe("0.00");

    // Summary block in K:L.
    const summary = sheet.read({ top: 1, left: 10, rows: 12, columns: 2 });
    const value = (label: string) => summary.find(([l]) => l === label)?.[1];
    expect(value("Rows screened")).toBe(60);
    expect(value("Rows passing")).toBe(passing);
    expect(value("Zombies")).toBe(outcome.result.summary.zombieCount);
    expect(value("Zombie share")).toBeCloseTo(outcome.result.summary.zombieShare as number, 10);
    expect(value("Unprofitable share (EBIT < 0)")).toBeCloseTo(outcome.result.summary.unprofitableShare as number, 10);
    expect(value("Index P/E")).toBeCloseTo(outcome.result.summary.indexPe as number, 10);
    expect(value("Index P/E ex-unprofitable")).toBeCloseTo(outcome.result.summary.indexPeExUnprofitable as number, 10);
    expect(summary.some(([l]) => String(l).startsWith("Index drag"))).toBe(true);
    expect(sheet.frozenRows).toBe(1);

    // Conditional formats: failing rows, zombies, score bars.
    expect(sheet.conditionalFormats.map((f) => `${f.type} ${f.address}`)).toEqual(["Custom A2:I61", "CellValue H2:H61", "DataBar E2:E61"]);
    expect(sheet.conditionalFormats[0].settings["custom.rule.formula"]).toBe("=$D2=FALSE");

    // The charts: ICR against shocked ICR, named and placed below the summary; then the rate-shock sweep.
    expect(sheet.charts).toHaveLength(2);
    expect(sheet.charts[0]).toMatchObject({ name: "SMALLCAP_Coverage", type: "XYScatter/Columns", source: "F1:G61" });
    expect(sheet.charts[0].settings["title.text"]).toBe("Interest cover before and after a +200 bp shock");
    expect(sheet.charts[0].from).toMatch(/^K\d+$/);
    const sweep = sheet.charts[1];
    expect(sweep).toMatchObject({ name: "SMALLCAP_ShockSweep", type: "XYScatterLines/Columns" });
    expect(sweep.settings["title.text"]).toBe("Share below 1x and 1.5x ICR as rates rise (this screen: +200 bp)");
    expect(Number(/\d+/.exec(sweep.from ?? "")?.[0])).toBeGreaterThan(Number(/\d+/.exec(sheet.charts[0].to ?? "")?.[0]));
    // Its source is the sweep block the layout wrote: the shocks, the shares by the core's curve, the screen's shock marked.
    const block = /^K(\d+):O(\d+)$/.exec(sweep.source);
    expect(block).not.toBeNull();
    const [top, bottom] = [Number(block?.[1]), Number(block?.[2])];
    const rows = sheet.read({ top, left: 10, rows: bottom - top + 1, columns: 5 });
    expect(rows[0]).toEqual(["Rate shock (bp)", "Below 1x ICR", "Below 1.5x ICR", "Below 1x at this screen's +200 bp", "Below 1.5x at this screen's +200 bp"]);
    const curve = outcome.result.shockCurve();
    const share = (v: unknown) => (typeof v === "number" ? v : null);
    expect(rows.slice(1).map((r) => r[0])).toEqual([0, 50, 100, 150, 200, 250, 300, 350, 400, 450, 500]);
    curve.lines.forEach((line, k) => {
      expect(rows.slice(1).map((r) => share(r[1 + k]))).toEqual(line.points.map((p) => (typeof p.share === "number" ? p.share : null)));
      expect(rows.slice(1).map((r) => share(r[3 + k])).filter((v) => v !== null)).toEqual([rows[5][1 + k]]);
    });
  });

  test("syncs per run at 100, 2,000, 50,000 and 100,000 rows, as docs/SCREENER-PANE.md states them; every block, request and response under 4 MB", async () => {
    const counts = new Map<number, { reads: number; writes: number; request: number; response: number; source: number; result: number }>();
    for (const n of [100, 2_000, 50_000, 100_000]) {
      const fake = universe(sampleRows(n, 7));
      const before = fake.sheet("Universe")?.read({ top: 1, left: 0, rows: n + 1, columns: SAMPLE_HEADERS.length });
      const sourceBytes = JSON.stringify(before).length;
      const workbook = new ExcelWorkbook(fake.run);
      const data = await workbook.readSource(tableSource);
      const reads = fake.syncs.length;
      expect(data.rows).toHaveLength(n);
      expect(data.rows[n - 1]).toEqual(fromHostRows([before?.[n] ?? []])[0]);
      const outcome = await runToSheet(workbook, { source: tableSource, mapping: null, config: quality, output: "SMALLCAP Results" });
      expectOk(outcome);
      expect(outcome.report.rowsWritten).toBe(n);
      const run = fake.syncs.slice(reads);
      const writes = run.length - reads;
      for (const bytes of fake.valueWrites) expect(bytes).toBeLessThanOrEqual(CHUNK_BUDGET);
      for (const sync of fake.syncs) {
        expect(sync.bytes).toBeLessThan(4 * MB);
        expect(sync.response).toBeLessThan(4 * MB);
      }
      // Reads: 1 + ceil(source bytes / 4 MB) at most; writes: ceil(result bytes / 4 MB) + 1 at most.
      expect(reads).toBeLessThanOrEqual(1 + Math.ceil(sourceBytes / (4 * MB)));
      const resultBytes = fake.valueWrites.reduce((sum, b) => sum + b, 0);
      expect(writes).toBeLessThanOrEqual(Math.ceil(resultBytes / (4 * MB)) + 1);
      const sheet = fake.sheet("SMALLCAP Results") as FakeSheet;
      expect(sheet.get(n + 1, 1)).not.toBe("");
      expect(sheet.get(n + 2, 1)).toBe("");
      counts.set(n, {
        reads,
        writes,
        request: Math.max(...fake.syncs.map((s) => s.bytes)),
        response: Math.max(...fake.syncs.map((s) => s.response)),
        source: sourceBytes,
        result: resultBytes,
      });
    }
    const line = [...counts].map(([n, c]) => `${n.toLocaleString("en-US")} rows ${c.reads + c.writes} (read ${c.reads} + write ${c.writes}; source ${c.source.toLocaleString("en-US")} B, results ${c.result.toLocaleString("en-US")} B; largest request ${c.request.toLocaleString("en-US")} B, response ${c.response.toLocaleString("en-US")} B)`);
    report(`syncs per run: ${line.join(", ")}`);
    figure(`Excel adapter (fake), context.sync() calls per run: ${[...counts].map(([n, c]) => `${c.reads + c.writes} at ${n.toLocaleString("en-US")} rows`).join(", ")}`);
    expect(counts.get(100)).toMatchObject({ reads: 1, writes: 2 });
    // The one statement of the count (docs/SCREENER-PANE.md, "Syncs per run") is this measurement.
    const doc = readFileSync(path.join(__dirname, "..", "..", "docs", "SCREENER-PANE.md"), "utf8");
    const stated = [...doc.matchAll(/^\| ([\d,]+) \| \*\*(\d+)\*\* \((\d+) \+ (\d+)\) \|$/gm)].map((m) => [Number(m[1].replace(/,/g, "")), Number(m[2]), Number(m[3]), Number(m[4])]);
    expect(stated).toEqual([...counts].map(([n, c]) => [n, c.reads + c.writes, c.reads, c.writes]));
    expect(doc).toContain("**A run costs 3 syncs for a source of up to 2,000 rows**");
    expect(counts.get(2_000)).toMatchObject({ reads: 1, writes: 2 });
  });

  test("a sheet with no recognisable columns gives a message and writes nothing", async () => {
    const fake = new FakeExcel();
    fake.addSheet("Data", [["Foo", "Bar"], [1, 2], [3, 4]]);
    const outcome = await runToSheet(new ExcelWorkbook(fake.run), { source: { sheet: "Data", address: "A1:B3" }, mapping: null, config: quality, output: "SMALLCAP Results" });
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) expect(outcome.message).toMatch(/Foo|recogn/i);
    expect(fake.sheets.map((s) => s.name)).toEqual(["Data"]);
  });

  test("the results sheet cannot be the source sheet, nor an analyst's own sheet", async () => {
    const fake = universe(sampleRows(10), (f) => f.addSheet("Picks", [["my own work"]]));
    const workbook = new ExcelWorkbook(fake.run);
    const same = await runToSheet(workbook, { source: tableSource, mapping: null, config: quality, output: "Universe" });
    expect(same).toMatchObject({ ok: false, code: "output-sheet-invalid", message: "The results sheet cannot be the sheet the data comes from." });
    const before = snapshot(fake.sheet("Picks"));
    const mine = await runToSheet(workbook, { source: tableSource, mapping: null, config: quality, output: "Picks" });
    expect(mine.ok).toBe(false);
    if (!mine.ok) expect(mine.message).toBe('The sheet "Picks" already exists and was not written by SMALLCAP. Choose another results sheet, or rename that one.');
    expect(snapshot(fake.sheet("Picks"))).toBe(before);
  });

  test("a results sheet the CLI wrote (no table) is replaced in place, keeping its position", async () => {
    const fake = universe(sampleRows(10));
    const cli = fake.addSheet("SMALLCAP Results", [["Rank", "Ticker"], [1, "OLD"]]);
    fake.sheets.splice(fake.sheets.indexOf(cli), 1);
    fake.sheets.splice(0, 0, cli);
    const outcome = await runToSheet(new ExcelWorkbook(fake.run), { source: tableSource, mapping: null, config: quality, output: "SMALLCAP Results" });
    expectOk(outcome);
    expect(outcome.report.replaced).toBe(true);
    expect(fake.sheets.map((s) => s.name)).toEqual(["SMALLCAP Results", "Universe", "Notes"]);
    expect(fake.sheet("SMALLCAP Results")?.get(2, 1)).not.toBe("OLD");
  });

  test("a write that fails at the values sync leaves the previous results whole, and no staging sheet", async () => {
    const fake = universe(sampleRows(30));
    const workbook = new ExcelWorkbook(fake.run);
    const request = { source: tableSource, mapping: null, config: quality, output: "SMALLCAP Results" } as const;
    expectOk(await runToSheet(workbook, request));
    const before = { structure: fake.structure(), cells: snapshot(fake.sheet("SMALLCAP Results")) };
    (fake.sheet("Universe") as FakeSheet).set(2, 5, -500);

    // The second sync of the run (the values) fails, as a dropped connection would.
    const context = fake.context as { sync: () => Promise<void> };
    const sync = context.sync;
    let calls = 0;
    context.sync = async () => {
      if (++calls === 2) {
        context.sync = sync;
        throw new FakeOfficeError("GeneralException", "The connection to Excel was lost.");
      }
      return sync();
    };
    const failed = await runToSheet(workbook, request);
    expect(failed).toMatchObject({ ok: false, code: "workbook-refused", message: "Excel could not finish: The connection to Excel was lost. (GeneralException)" });
    expect({ structure: fake.structure(), cells: snapshot(fake.sheet("SMALLCAP Results")) }).toEqual(before);
  });

  test("a staging sheet left by an earlier failure is removed by the next write", async () => {
    const fake = universe(sampleRows(10));
    fake.addSheet(stagingSheetName("SMALLCAP Results"), [["half", "written"]]);
    expectOk(await runToSheet(new ExcelWorkbook(fake.run), { source: tableSource, mapping: null, config: quality, output: "SMALLCAP Results" }));
    expect(fake.sheets.map((s) => s.name)).toEqual(["Universe", "Notes", "SMALLCAP Results"]);
  });

  test("writeResults without a shape from a read probes first (one more sync)", async () => {
    const fake = universe(sampleRows(20));
    const workbook = new ExcelWorkbook(fake.run);
    const first = await runToSheet(workbook, { source: tableSource, mapping: null, config: quality, output: "SMALLCAP Results" });
    expectOk(first);
    fake.resetCounters();
    const { buildResultsSheet } = await import("../../src/workbook/results-sheet");
    await workbook.writeResults(buildResultsSheet(first.result, { sheet: "SMALLCAP Results", sourceLabel: "Universe" }));
    expect(fake.syncs).toHaveLength(3);
  });
});

describe("saved screens and refresh", () => {
  const draft = (name: string, output: string, preset: "quality" | "zombies" = "quality") => ({
    name,
    source: tableSource,
    mapping: null,
    config: presetConfig(preset),
    output,
  });

  test("saved screens live in A1 of the very hidden _smallcap sheet as a JSON array", async () => {
    const fake = universe(sampleRows(10));
    const workbook = new ExcelWorkbook(fake.run);
    expect(await workbook.loadSavedScreens()).toEqual({ screens: [], problems: [] });
    const { screens } = upsertScreen([], draft("UK quality", "SMALLCAP Results UK quality"), new Date("2025-01-02T03:04:05Z"), () => "scr-1");
    await workbook.saveSavedScreens(screens);
    const state = fake.sheet(STATE_SHEET) as FakeSheet;
    expect(state.visibility).toBe("VeryHidden");
    expect(state.formatAt(1, 0)).toBe("@");
    const stored = parseSavedScreens(state.get(1, 0));
    expect(stored.ok && stored.screens).toEqual(screens);
    expect(await workbook.loadSavedScreens()).toEqual({ screens, problems: [] });
    // Saving again reuses the sheet.
    await workbook.saveSavedScreens(screens);
    expect(fake.sheets.filter((s) => s.name === STATE_SHEET)).toHaveLength(1);
  });

  test("a damaged entry is reported and the others still load", async () => {
    const fake = universe(sampleRows(5));
    const workbook = new ExcelWorkbook(fake.run);
    const { screens } = upsertScreen([], draft("A", "SMALLCAP Results A"), new Date("2025-01-02T03:04:05Z"), () => "scr-a");
    fake.addSheet(STATE_SHEET, [[JSON.stringify([{ version: 1, id: "broken" }, ...screens])]]).visibility = "VeryHidden";
    const read = await workbook.loadSavedScreens();
    expect(read.screens).toEqual(screens);
    expect(read.problems).toHaveLength(1);
    expect(read.problems[0]).toMatch(/^Saved screen 1 was skipped/);
  });

  test("a list too long for one cell is refused in words", async () => {
    const fake = universe(sampleRows(5));
    let screens = [] as ReturnType<typeof upsertScreen>["screens"];
    for (let i = 0; i < 80; i++) screens = upsertScreen(screens, draft(`Screen ${i}`, `SMALLCAP Results ${i}`), new Date(0), () => `scr-${i}`).screens;
    await expect(new ExcelWorkbook(fake.run).saveSavedScreens(screens)).rejects.toThrow(/32,767/);
  });

  test("refreshing ten times leaves exactly what refreshing once left; the source never changes", async () => {
    const fake = universe(sampleRows(60));
    const workbook = new ExcelWorkbook(fake.run);
    let screens = upsertScreen([], draft("Quality", "SMALLCAP Results Quality"), new Date(0), () => "scr-q").screens;
    screens = upsertScreen(screens, draft("Zombies", "SMALLCAP Results Zombies", "zombies"), new Date(0), () => "scr-z").screens;
    await workbook.saveSavedScreens(screens);
    const source = snapshot(fake.sheet("Universe"));

    const first = await refreshAll(workbook, (await workbook.loadSavedScreens()).screens);
    expect(first.map((e) => e.outcome.ok)).toEqual([true, true]);
    const once = fake.structure();
    const cellsOnce = snapshot(fake.sheet("SMALLCAP Results Quality"));
    expect(once.sheets).toEqual(["Universe (Visible)", "Notes (Visible)", "_smallcap (VeryHidden)", "SMALLCAP Results Quality (Visible)", "SMALLCAP Results Zombies (Visible)"]);
    expect(once.tables).toHaveLength(3);
    expect(once.charts).toHaveLength(4);

    for (let i = 0; i < 9; i++) {
      fake.resetCounters();
      const outcome = await refreshSaved(workbook, screens[0]);
      expectOk(outcome);
      expect(fake.syncs).toHaveLength(3);
      await refreshAll(workbook, screens);
    }
    expect(fake.structure()).toEqual(once);
    expect(snapshot(fake.sheet("SMALLCAP Results Quality"))).toBe(cellsOnce);
    expect(snapshot(fake.sheet("Universe"))).toBe(source);
    expect(fake.sheets.flatMap((s) => s.formulas)).toEqual([]);
  });

  test("refresh reads the source afresh: a changed row changes the results", async () => {
    const rows = sampleRows(30);
    const fake = universe(rows);
    const workbook = new ExcelWorkbook(fake.run);
    const { saved } = upsertScreen([], draft("Quality", "SMALLCAP Results Quality"), new Date(0), () => "scr-q");
    const before = await refreshSaved(workbook, saved);
    expectOk(before);
    // EBIT far below interest in the first data row: its ICR falls below 1. The sample has one
    // period of EBIT and interest, and since issue 11 the zombie test needs three fiscal periods:
    // the row becomes unknown (it was cleared before), never a one-year zombie.
    expect(before.result.rows[0].zombie).toBe(false);
    (fake.sheet("Universe") as FakeSheet).set(2, 5, -500);
    const after = await refreshSaved(workbook, saved);
    expectOk(after);
    expect(after.result.rows[0].icr).toBeCloseTo(-500 / Math.abs(rows[0][6] as number), 9);
    expect(after.result.rows[0].zombie).toBeNull();
  });

  test("refresh of a screen whose table was deleted reports it and leaves the workbook alone", async () => {
    const fake = universe(sampleRows(10));
    const workbook = new ExcelWorkbook(fake.run);
    const { saved } = upsertScreen([], { ...draft("Gone", "SMALLCAP Results Gone"), source: { sheet: "Universe", table: "Deleted" } }, new Date(0), () => "scr-g");
    const structure = fake.structure();
    const outcome = await refreshSaved(workbook, saved);
    expect(outcome).toMatchObject({ ok: false, code: "workbook-refused", message: 'The table "Deleted" is not in this workbook any more. Pick the source again.' });
    expect(fake.structure()).toEqual(structure);
  });
});

describe("payload planning", () => {
  test("groupChunks counts each block's operations: many small blocks still keep every sync under 4 MB", () => {
    const chunks = Array.from({ length: 20_000 }, (_, i) => ({ start: i * 10, count: 10, bytes: 900 }));
    const groups = groupChunks(chunks, SYNC_BUDGET, 10_000);
    expect(groups.flat()).toHaveLength(chunks.length);
    groups.forEach((group, g) => {
      const request = (g === 0 ? 10_000 : 0) + SYNC_RESERVE + group.reduce((sum, c) => sum + c.bytes + CHUNK_OVERHEAD, 0);
      expect(request).toBeLessThanOrEqual(SYNC_BUDGET);
    });
    // Counting the values alone would have put 4,000,000 / 900 blocks in a sync: 1.3 MB of envelopes more.
    expect(groups[1].length).toBeLessThan(Math.floor(SYNC_BUDGET / 900));
  });

  test("planReadSync fills one sync's response budget and always progresses", () => {
    const blocks = planReadSync(2_001, 100_001, 90);
    const total = blocks.reduce((sum, b) => sum + b.count, 0);
    expect(total * 90 + blocks.length * (OP_BYTES + 2)).toBeLessThanOrEqual(SYNC_BUDGET);
    expect(total * 90).toBeGreaterThan(SYNC_BUDGET - 10_000);
    for (const b of blocks) expect(b.count * 90).toBeLessThanOrEqual(CHUNK_BUDGET);
    expect(blocks[0].start).toBe(2_001);
    expect(planReadSync(5, 6, 10 * SYNC_BUDGET)).toEqual([{ start: 5, count: 1 }]);
  });
});
