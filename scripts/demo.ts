/**
 * `npm run demo`: the headless engine end to end on the sample workbook, through the CLI's own
 * entry (`runCli`): a development script, so the shipped CLI depends on no script. Screens it, refreshes
 * every formula and its saved screens, writes samples/out/smallcap-demo.xlsx, then shows a what-if
 * on the Model sheet.
 * Generates the sample first when it is missing (a fresh clone has it committed).
 */
import { existsSync, promises as fs } from "fs";
import * as path from "path";
import type ExcelJS from "exceljs";
import { isErrorCellValue, readCell, type SheetValue } from "../src/cli/cell-values";
import { runCli } from "../src/cli/cli";
import { PROCESS_IO } from "../src/cli/io";
import { loadWorkbook } from "../src/cli/source";
import { SCREEN_SHEET, SCREEN_SHOCK_ROW, SCREEN_SPILL_ROW, writeSample } from "./make-sample";
import { repoRoot } from "./repo-root";
import { MODEL_SHEET } from "./sample-model";

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
  const whatIf = await modelWhatIf(sample, outDir, relative);
  if (whatIf !== 0) return whatIf;

  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  process.stdout.write(
    `\nDemo done in ${seconds.toFixed(1)} s. Open ${relative(output)} in Excel: the "SMALLCAP Results" sheets hold the ` +
      `saved screens' results, and every formula's value (the SMALLCAP columns and the Model sheet built on them) ` +
      `was computed without Excel.\n`,
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

/** Raises the Model sheet's minimum ICR from 3 to 5 in a copy and refreshes it: the model's cells follow. */
async function modelWhatIf(sample: string, outDir: string, relative: (p: string) => string): Promise<number> {
  const copy = path.join(outDir, "smallcap-what-if.xlsx");
  const workbook = await loadWorkbook(sample);
  const model = workbook.getWorksheet(MODEL_SHEET);
  if (model === undefined) return 0;
  const show = (book: ExcelJS.Workbook): string => {
    const sheet = book.getWorksheet(MODEL_SHEET) as ExcelJS.Worksheet;
    const value = (address: string): string => displayValue(readCell(sheet.getCell(address)));
    const percent = (address: string): string => `${(Number(readCell(sheet.getCell(address))) * 100).toFixed(1)}%`;
    return `minimum ICR ${value("B5")}: ${value("B8")} companies covered (${percent("B9")}); ${value("A17")}'s portfolio weight ${percent("H17")}`;
  };
  const before = show(workbook);
  model.getCell("B5").value = 5;
  await workbook.xlsx.writeFile(copy);
  process.stdout.write(`\n== what if: Model!B5 (minimum ICR) 3 -> 5, smallcap refresh ${relative(copy)} --out ${relative(copy)}\n\n`);
  const code = await runCli(["refresh", relative(copy), "--out", relative(copy)], PROCESS_IO);
  if (code !== 0) return code;
  process.stdout.write(`\nbefore: ${before}\nafter:  ${show(await loadWorkbook(copy))}\n`);
  return 0;
}

/** Cell text for the demo's lines: errors in Excel's spelling, numbers as they are. */
function displayValue(value: SheetValue): string {
  if (value === null) return "";
  if (isErrorCellValue(value)) return value.error;
  if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
  return String(value);
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
