/**
 * The Office.js adapter (src/excel) under failure and repetition, on the project's own fake
 * Excel (test/excel/fake-excel.ts: office-addin-mock objects over a plain model; every write
 * takes effect when queued, a failure surfaces at the next context.sync()).
 *
 * - Nothing lost (c): a refresh that fails at any one of its round trips (a dropped
 *   connection, Excel busy) must leave the previous results exactly as they were or fully
 *   replaced: cells, table, chart, names and conditional formats, never a half-written sheet.
 * - Idempotence: for five randomised universes, ten refreshes leave the same sheets, tables,
 *   charts, names, conditional formats and cells as one. (test/excel covers the sample universe
 *   with two saved screens; this repeats it over other data.)
 */
import fc from "fast-check";
import { presetConfig } from "../../src/core/screen";
import { ExcelWorkbook } from "../../src/excel/excel-workbook";
import { SAMPLE_HEADERS, sampleRows } from "../../src/preview/sample-data";
import { columnLetters } from "../../src/workbook/a1";
import { refreshSaved, upsertScreen } from "../../src/workbook/screens";
import type { SavedScreen } from "../../src/core/screen/saved";
import { FakeExcel, FakeOfficeError, type FakeSheet } from "../excel/fake-excel";
import { report } from "../helpers/report";

const OUTPUT = "SMALLCAP Results Quality";

function universe(rows: unknown[][]): FakeExcel {
  const fake = new FakeExcel();
  fake.addSheet("Universe", [[...SAMPLE_HEADERS], ...rows]);
  fake.addTable("Universe", "Universe", `A1:${columnLetters(SAMPLE_HEADERS.length)}${rows.length + 1}`);
  fake.addSheet("Notes", [["Analyst notes"], ["Check the covenants"]]);
  return fake;
}

function savedScreen(): SavedScreen {
  return upsertScreen(
    [],
    { name: "Quality", source: { sheet: "Universe", table: "Universe" }, mapping: null, config: presetConfig("quality"), output: OUTPUT },
    new Date(0),
    () => "scr-q",
  ).saved;
}

/** Every cell of a sheet, with its number formats. */
function cells(sheet: FakeSheet | undefined): string {
  if (sheet === undefined) return "missing";
  const out: string[] = [];
  for (const [row, columns] of [...sheet.rows].sort((a, b) => a[0] - b[0])) {
    for (const [column, value] of [...columns].sort((a, b) => a[0] - b[0])) out.push(`${row}:${column}=${JSON.stringify(value)}`);
  }
  return `${sheet.visibility}|${JSON.stringify(sheet.formats)}|${out.join(";")}`;
}

/** What a reader of the results sees: the workbook's structure plus the results sheet's cells. */
function state(fake: FakeExcel): string {
  return JSON.stringify({ structure: fake.structure(), results: cells(fake.sheet(OUTPUT)) });
}

/** Makes the `failAt`-th context.sync() from now on fail as a dropped connection would. */
function failSync(fake: FakeExcel, failAt: number): { syncs: () => number } {
  const context = fake.context as { sync: () => Promise<void> };
  const original = context.sync;
  let count = 0;
  context.sync = async () => {
    count++;
    if (count === failAt) {
      context.sync = original;
      throw new FakeOfficeError("GeneralException", "The connection to Excel was lost.");
    }
    return original();
  };
  return { syncs: () => count };
}

/** A source edit that changes the results: the first company becomes a zombie. */
function editSource(fake: FakeExcel): void {
  const sheet = fake.sheet("Universe") as FakeSheet;
  sheet.set(2, 5, -500);
  sheet.set(3, 12, 4.5);
}

describe("a refresh that fails halfway leaves the previous results or the new ones, whole", () => {
  const screen = savedScreen();

  /** The workbook after one good refresh, then a source edit. */
  async function prepared(): Promise<{ fake: FakeExcel; workbook: ExcelWorkbook; previous: string; source: string }> {
    const fake = universe(sampleRows(40));
    const workbook = new ExcelWorkbook(fake.run);
    const first = await refreshSaved(workbook, screen);
    if (!first.ok) throw new Error(first.message);
    const previous = state(fake);
    editSource(fake);
    return { fake, workbook, previous, source: cells(fake.sheet("Universe")) };
  }

  test("at every round trip of the refresh", async () => {
    // The complete replacement, for comparison, and how many syncs a refresh takes.
    const reference = await prepared();
    reference.fake.resetCounters();
    const good = await refreshSaved(reference.workbook, screen);
    expect(good.ok).toBe(true);
    const syncs = reference.fake.syncs.length;
    const replaced = state(reference.fake);
    expect(replaced).not.toBe(reference.previous);

    const lines: string[] = [];
    const broken: string[] = [];
    for (let k = 1; k <= syncs; k++) {
      const { fake, workbook, previous, source } = await prepared();
      failSync(fake, k);
      const outcome = await refreshSaved(workbook, screen);
      const now = state(fake);
      const result = now === previous ? "previous results intact" : now === replaced ? "fully replaced" : "HALF-WRITTEN";
      lines.push(`sync ${k} of ${syncs} fails -> ${outcome.ok ? "reported ok" : `reported: "${outcome.message}"`}; ${result}`);
      if (outcome.ok) broken.push(`sync ${k}: the failure was not reported`);
      if (result === "HALF-WRITTEN") {
        const s = JSON.parse(now) as { structure: { tables: string[]; charts: string[] } };
        broken.push(`sync ${k} fails: results sheet half-written (tables: ${s.structure.tables.join(", ")}; charts: ${s.structure.charts.join(", ") || "none"})`);
      }
      if (cells(fake.sheet("Universe")) !== source) broken.push(`sync ${k}: the source changed`);
    }
    report(`fault injection (Excel adapter refresh): ${syncs} round trips, each failed once:\n  ${lines.join("\n  ")}`);
    expect(broken).toEqual([]);
  });
});

describe("idempotence over randomised universes", () => {
  test("ten refreshes leave the same sheets, tables, charts, names, formats and cells as one (5 universes)", async () => {
    const seeds = fc.sample(fc.integer({ min: 1, max: 2 ** 31 - 1 }), { numRuns: 5, seed: 20_240_611 });
    const sizes = [3, 17, 60, 150, 400];
    const problems: string[] = [];
    for (let u = 0; u < seeds.length; u++) {
      const fake = universe(sampleRows(sizes[u], seeds[u]));
      const workbook = new ExcelWorkbook(fake.run);
      const screen = savedScreen();
      const first = await refreshSaved(workbook, screen);
      if (!first.ok) {
        problems.push(`universe ${u}: ${first.message}`);
        continue;
      }
      const once = state(fake);
      for (let i = 0; i < 9; i++) {
        const again = await refreshSaved(workbook, screen);
        if (!again.ok) problems.push(`universe ${u}, refresh ${i + 2}: ${again.message}`);
      }
      if (state(fake) !== once) problems.push(`universe ${u} (${sizes[u]} rows): ten refreshes differ from one`);
      if (fake.sheets.some((s) => s.formulas.length > 0)) problems.push(`universe ${u}: text entered as a formula`);
    }
    report(`idempotence (Excel adapter, fake Excel): ${seeds.length} universes of ${sizes.join(", ")} rows, 10 refreshes each; ${problems.length} differences`);
    expect(problems).toEqual([]);
  });
});
