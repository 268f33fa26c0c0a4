/**
 * `npm run demo`: the headless engine end to end on the sample workbook. Screens it, refreshes
 * its SMALLCAP formulas and saved screens, and writes samples/out/smallcap-demo.xlsx.
 * Generates the sample first when it is missing (a fresh clone has it committed).
 */
import { existsSync, promises as fs } from "fs";
import * as path from "path";
import { repoRoot } from "../../scripts/repo-root";
import { SCREEN_SHEET, SCREEN_SHOCK_ROW, SCREEN_SPILL_ROW, writeSample } from "../../scripts/make-sample";
import { readCell } from "./cell-values";
import { loadWorkbook } from "./source";
import { runCli } from "./cli";
import { PROCESS_IO } from "./io";

async function demo(): Promise<number> {
  const started = process.hrtime.bigint();
  const root = repoRoot();
  const samples = path.join(root, "samples");
  const sample = path.join(samples, "smallcap-universe.xlsx");
  const relative = (p: string): string => path.relative(process.cwd(), p) || p;
  if (!existsSync(sample)) {
    process.stdout.write(`No sample workbook yet: generating ${relative(sample)}\n`);
    await writeSample(samples);
  }

  process.stdout.write(`\n== smallcap screen ${relative(sample)} --top 10\n\n`);
  const screened = await runCli(["screen", relative(sample), "--top", "10"], PROCESS_IO);
  if (screened !== 0) return screened;

  const outDir = path.join(samples, "out");
  await fs.mkdir(outDir, { recursive: true });
  const output = path.join(outDir, "smallcap-demo.xlsx");
  process.stdout.write(`\n== smallcap refresh ${relative(sample)} --out ${relative(output)}\n\n`);
  const refreshed = await runCli(["refresh", relative(sample), "--out", relative(output)], PROCESS_IO);
  if (refreshed !== 0) return refreshed;

  process.stdout.write(await screenSheetLines(output));

  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  process.stdout.write(
    `\nDemo done in ${seconds.toFixed(1)} s. Open ${relative(output)} in Excel: the "SMALLCAP Results" sheets hold the ` +
      `saved screens' results, and every SMALLCAP formula's value was computed without Excel.\n`,
  );
  return 0;
}

/** What the refresh left on the sample's Screen sheet: the live SCREEN's top names and the SHOCKSWEEP row. */
async function screenSheetLines(file: string): Promise<string> {
  const sheet = (await loadWorkbook(file)).getWorksheet(SCREEN_SHEET);
  if (sheet === undefined) return "";
  const names: string[] = [];
  for (let r = SCREEN_SPILL_ROW + 1; typeof readCell(sheet.getCell(r, 1)) === "number"; r++) names.push(String(readCell(sheet.getCell(r, 2))));
  const share = (row: number, column: number): string => {
    const value = readCell(sheet.getCell(row, column));
    return typeof value === "number" ? `${(value * 100).toFixed(1)}%` : String(value);
  };
  const at = (column: number): string => `${readCell(sheet.getCell(SCREEN_SHOCK_ROW, column))} bp ${share(SCREEN_SHOCK_ROW + 1, column)} / ${share(SCREEN_SHOCK_ROW + 2, column)}`;
  return (
    `\n== the ${SCREEN_SHEET} sheet, refreshed\n\n` +
    `SMALLCAP.SCREEN spills ${names.length} passing companies; top 5: ${names.slice(0, 5).join(", ")}\n` +
    `SMALLCAP.SHOCKSWEEP, share below 1x / 1.5x ICR: ${[2, 6, 12].map(at).join("; ")}\n`
  );
}

demo().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`demo: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
