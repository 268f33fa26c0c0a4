/**
 * One screen, three hosts: SMALLCAP.SCREEN, the task pane's engine path (runToSheet over a
 * workbook, as the pane runs it in Excel and in the preview) and `smallcap screen --json` give
 * the same passing companies in the same order on the same 10,000-row table (issue 15).
 *
 * The table is the bench's seeded universe (bench/lib/universe.ts: three periods of EBIT and
 * interest, blanks, no-debt and no-interest companies, loss-makers) with a Company column.
 */
import { writeFileSync } from "fs";
import * as path from "path";
import { runCli } from "../../src/cli/cli";
import { screenJsonSchema } from "../../src/cli/json-schema";
import { applySettings, presetConfig } from "../../src/core/screen";
import type { PresetId } from "../../src/core/screen";
import { SMALLCAP_FUNCTIONS } from "../../src/functions/definitions";
import { MemoryWorkbook } from "../../src/preview/memory-workbook";
import { COLUMN } from "../../src/workbook/results-sheet";
import { runToSheet } from "../../src/workbook/screens";
import { makeUniverse } from "../../bench/lib/universe";
import { tempDir } from "../cli/helpers";

const ROWS = 10_000;
const universe = makeUniverse(ROWS, 15);
const headers = ["Company", ...universe.headers];
const rows = universe.rows.map((row) => [`Company ${row[0]}`, ...row]);
const table: unknown[][] = [headers, ...rows];
const tmp = tempDir("smallcap-agreement-");
const csvPath = path.join(tmp.dir, "universe.csv");

beforeAll(() => {
  const text = (v: unknown) => (typeof v === "number" ? String(v) : String(v).includes(",") ? `"${v}"` : String(v));
  writeFileSync(csvPath, table.map((row) => row.map(text).join(",")).join("\n") + "\n");
});
afterAll(() => tmp.cleanup());

/** The formula's passing tickers, in its spilled order. */
function viaFormula(preset: PresetId, settings: string): string[] {
  const grid = SMALLCAP_FUNCTIONS.SCREEN(table, preset, settings);
  const tickerColumn = grid[0].indexOf("Ticker");
  expect(grid[0].slice(0, 4)).toEqual(["Rank", "Ticker", "Name", "Score"]);
  grid.slice(1).forEach((row, k) => expect(row[0]).toBe(k + 1));
  return grid.slice(1).map((row) => row[tickerColumn] as string);
}

/** The pane's run: read the sheet, screen, write the results sheet; its passing rows in sheet order. */
async function viaPane(preset: PresetId, settings: string): Promise<string[]> {
  const workbook = new MemoryWorkbook();
  workbook.addSheet("Universe", table);
  const config = applySettings(presetConfig(preset), settings === "" ? [] : settings.split(";"));
  if (!config.ok) throw new Error(config.message);
  const outcome = await runToSheet(workbook, {
    source: { sheet: "Universe", address: `A1:O${ROWS + 1}` },
    mapping: null,
    config: config.config,
    output: "SMALLCAP Results",
  });
  if (!outcome.ok) throw new Error(outcome.message);
  const sheet = workbook.sheet("SMALLCAP Results");
  if (sheet === undefined) throw new Error("no results sheet");
  const passing: string[] = [];
  for (let r = 2; r <= ROWS + 1 && sheet.get(r, COLUMN.pass + 1) === true; r++) passing.push(sheet.get(r, COLUMN.ticker + 1) as string);
  return passing;
}

/** `smallcap screen universe.csv --json`: the passing rows ordered by their rank. */
async function viaCli(preset: PresetId, settings: string): Promise<string[]> {
  let out = "";
  const sets = settings === "" ? [] : settings.split(";").flatMap((s) => ["--set", s.trim()]);
  const code = await runCli(["screen", csvPath, "--json", "--preset", preset, ...sets], {
    stdout: { write: (text: string) => (out += text) },
    stderr: { write: () => undefined },
  });
  expect(code).toBe(0);
  const json = screenJsonSchema.parse(JSON.parse(out));
  return json.rows
    .filter((r) => r.pass)
    .sort((a, b) => (a.rank as number) - (b.rank as number))
    .map((r) => r.ticker as string);
}

test.each([
  ["quality", ""],
  ["quality", "icr=2.5; shockBps=300; zombieYears=2"],
  ["stress", "shockBps=500"],
  ["zombies", ""],
] as [PresetId, string][])(
  "SCREEN, the pane and smallcap screen --json pass the same companies in the same order: %s %s",
  async (preset, settings) => {
    const formula = viaFormula(preset, settings);
    const pane = await viaPane(preset, settings);
    const cli = await viaCli(preset, settings);
    // A real screen: some companies pass, most do not.
    expect(formula.length).toBeGreaterThan(10);
    expect(formula.length).toBeLessThan(ROWS);
    expect(pane).toEqual(formula);
    expect(cli).toEqual(formula);
  },
  60_000,
);
