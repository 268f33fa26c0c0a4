/**
 * One refresh as a user runs it, in a fresh process: `cli` runs the smallcap CLI's refresh
 * command (as bin/smallcap does), `exceljs` only reads and writes the same file.
 * Usage: node refresh-process.js cli|exceljs <in.xlsx> <out.xlsx>
 */
import ExcelJS from "exceljs";
import { runCli } from "../../src/cli/cli";
import { runMain } from "../lib/child-main";

async function main(): Promise<number> {
  const [mode, input, output] = process.argv.slice(2);
  if (mode === "cli") {
    const quiet = { write: () => true };
    return runCli(["refresh", input, "--out", output], { stdout: quiet, stderr: process.stderr });
  }
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(input);
  await workbook.xlsx.writeFile(output);
  return 0;
}

runMain(main);
