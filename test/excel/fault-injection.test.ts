/**
 * The adapter's guarantee under Excel's batch semantics (fake-excel.ts: a batch runs in order
 * and stops at the first failing command, keeping what ran before it): for EVERY command of a
 * screen run and of a refresh, that one command fails, and afterwards the workbook holds either
 * the complete old results or the complete new ones (never a mix, never neither), the failure is
 * reported, and the source is untouched.
 *
 * "Complete" is judged on everything a reader sees (resultsState): sheets in order and their
 * visibility, tables with range and style, the chart with every setting, names, conditional
 * formats, and the results sheet's cells, number formats, widths and frozen rows; a leftover
 * staging sheet counts as a mix.
 */
import { presetConfig } from "../../src/core/screen";
import { ExcelWorkbook } from "../../src/excel/excel-workbook";
import { sampleRows } from "../../src/preview/sample-data";
import { refreshSaved, runToSheet, upsertScreen, type RunOutcome } from "../../src/workbook/screens";
import type { FakeExcel, FakeSheet, Executed } from "./fake-excel";
import { cells, resultsState, universe } from "./workbooks";
import { report } from "../helpers/report";

const OUTPUT = "SMALLCAP Results";
const quality = presetConfig("quality");

interface Scenario {
  readonly name: string;
  /** The workbook before the action: old results (or none), then a source edit that changes them. */
  prepare(): Promise<{ fake: FakeExcel; workbook: ExcelWorkbook }>;
  act(workbook: ExcelWorkbook): Promise<RunOutcome>;
}

/** The first company becomes a zombie, another changes its floating share: the results differ. */
function editSource(fake: FakeExcel): void {
  const sheet = fake.sheet("Universe") as FakeSheet;
  sheet.set(2, 5, -500);
  sheet.set(3, 12, 4.5);
}

const run = (workbook: ExcelWorkbook) =>
  runToSheet(workbook, { source: { sheet: "Universe", table: "Universe" }, mapping: null, config: quality, output: OUTPUT, activate: true });
const saved = upsertScreen(
  [],
  { name: "Quality", source: { sheet: "Universe", address: "A:N" }, mapping: null, config: quality, output: OUTPUT },
  new Date(0),
  () => "scr-q",
).saved;
const refresh = (workbook: ExcelWorkbook) => refreshSaved(workbook, saved);

function scenario(name: string, act: Scenario["act"], previous: boolean): Scenario {
  return {
    name,
    act,
    async prepare() {
      const fake = universe(sampleRows(12, 5));
      const workbook = new ExcelWorkbook(fake.run);
      if (previous) {
        const first = await act(workbook);
        if (!first.ok) throw new Error(first.message);
      }
      editSource(fake);
      fake.resetCounters();
      return { fake, workbook };
    },
  };
}

const scenarios: Scenario[] = [
  scenario("a screen run over earlier results (table source, activate)", run, true),
  scenario("a refresh of a saved screen (address source)", refresh, true),
  scenario("a first screen run (no earlier results)", run, false),
];

interface Sweep {
  commands: readonly Executed[];
  kinds: Map<string, number>;
  outcomes: Map<string, number>;
  broken: string[];
}

/** Fails each command of the scenario's action in turn and classifies what is left. */
async function sweep(s: Scenario): Promise<Sweep> {
  const reference = await s.prepare();
  const old = resultsState(reference.fake, OUTPUT);
  const good = await s.act(reference.workbook);
  if (!good.ok) throw new Error(good.message);
  const fresh = resultsState(reference.fake, OUTPUT);
  const commands = [...reference.fake.executed];
  const kinds = new Map<string, number>();
  for (const c of commands) kinds.set(c.kind, (kinds.get(c.kind) ?? 0) + 1);

  const outcomes = new Map<string, number>();
  const broken: string[] = [];
  for (const command of commands) {
    const { fake, workbook } = await s.prepare();
    const source = cells(fake.sheet("Universe"));
    fake.failOn(command.kind, command.ordinal);
    const outcome = await s.act(workbook);
    const now = resultsState(fake, OUTPUT);
    const left = now === old ? "old results" : now === fresh ? "new results" : "MIX";
    outcomes.set(left, (outcomes.get(left) ?? 0) + 1);
    const at = `${command.kind} #${command.ordinal}`;
    if (left === "MIX") broken.push(`${at} fails: the workbook holds neither the old nor the new results whole`);
    if (outcome.ok) broken.push(`${at} fails: the run reported success`);
    else if (!/connection to Excel was lost/.test(outcome.message)) broken.push(`${at} fails: reported "${outcome.message}"`);
    if (cells(fake.sheet("Universe")) !== source) broken.push(`${at} fails: the source changed`);
  }
  return { commands, kinds, outcomes, broken };
}

describe("every command of a run and of a refresh, failed in turn, leaves old or new results whole", () => {
  for (const s of scenarios) {
    test(s.name, async () => {
      const result = await sweep(s);
      report(
        `fault injection, ${s.name}: ${result.commands.length} commands failed one at a time -> ${[...result.outcomes].map(([k, v]) => `${k} ${v}`).join(", ")}`,
      );
      // The sweep covers the swap itself, not only the round trips.
      for (const kind of ["TableCollection.add", "Chart.name=", "Range.values=", "Worksheet.name=", "Table.name=", "Worksheet.getRange"]) {
        expect(result.kinds.get(kind) ?? 0).toBeGreaterThan(0);
      }
      if (s !== scenarios[2]) {
        expect(result.kinds.get("Worksheet.delete")).toBe(1);
        expect(result.kinds.get("Worksheet.position=")).toBe(1);
      }
      expect(result.commands.length).toBeGreaterThan(60);
      expect(result.broken).toEqual([]);
      // Both outcomes occur: failures before the swap keep the old results, failures after the
      // old sheet's delete are finished into the new ones.
      expect(result.outcomes.get("old results")).toBeGreaterThan(0);
      expect(result.outcomes.get("new results")).toBeGreaterThan(0);
    });
  }
});

describe("the batch semantics the guarantee rests on", () => {
  test("a failing command stops its batch: earlier commands applied, later ones not; the error names it", async () => {
    const fake = universe(sampleRows(3));
    fake.failOn("Worksheet.name=", 1, "InvalidOperation", "Excel is busy.");
    const error = await fake
      .run(async (context) => {
        const sheets = context.workbook.worksheets;
        sheets.add("First");
        sheets.getItem("Notes").name = "Renamed";
        sheets.add("Second");
        await context.sync();
      })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: "InvalidOperation",
      debugInfo: { code: "InvalidOperation", errorLocation: "Worksheet.name=", statement: 'Worksheet.name=("Renamed")' },
      traceMessages: ['WorksheetCollection.add("First")', 'WorksheetCollection.getItem("Notes")'],
    });
    expect(fake.sheets.map((s) => s.name)).toEqual(["Universe", "Notes", "First"]);
  });

  test("nothing runs before sync, and a reference is resolved when its command runs", async () => {
    const fake = universe(sampleRows(3));
    await fake.run(async (context) => {
      const sheets = context.workbook.worksheets;
      sheets.getItem("Notes").name = "Old notes";
      sheets.add("Notes");
      expect(fake.sheets.map((s) => s.name)).toEqual(["Universe", "Notes"]);
      // Resolved at its turn: the new "Notes", not the renamed one.
      sheets.getItem("Notes").getRange("A1").values = [["new"]];
      await context.sync();
    });
    expect(fake.sheets.map((s) => s.name)).toEqual(["Universe", "Old notes", "Notes"]);
    expect(fake.sheet("Notes")?.get(1, 0)).toBe("new");
    expect(fake.sheet("Old notes")?.get(1, 0)).toBe("Analyst notes");
  });

  test("a failed sync returns no loaded values", async () => {
    const fake = universe(sampleRows(3));
    fake.failOn("Worksheet.delete", 1);
    await fake.run(async (context) => {
      const range = context.workbook.worksheets.getItem("Universe").getRange("A1").load("values");
      context.workbook.worksheets.getItem("Notes").delete();
      await expect(context.sync()).rejects.toMatchObject({ code: "GeneralException" });
      expect(range.values).toBe("Error, context.sync() was not called");
    });
    expect(fake.sheet("Notes")).toBeDefined();
  });
});
