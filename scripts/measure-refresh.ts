/**
 * How long `smallcap refresh` takes on a large generated workbook, next to exceljs merely
 * reading and writing the same file: the refresh's own cost is the difference.
 *
 * Usage: node build/cli/scripts/measure-refresh.js [--companies 5000] [--runs 3]
 *
 * Both are measured in one process, alternately, on the same file; the median of the runs is
 * reported (the first run of each warms up the JIT and the file cache alike).
 */
import { promises as fs } from "fs";
import * as os from "os";
import * as path from "path";
import ExcelJS from "exceljs";
import { refreshWorkbookFile } from "../src/cli/refresh-command";
import { buildSampleWorkbook, fixZipTimestamps } from "./make-sample";

const SILENT = { stdout: { write: () => true }, stderr: { write: () => true } };

function seconds(since: bigint): number {
  return Number(process.hrtime.bigint() - since) / 1e9;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

async function main(argv: readonly string[]): Promise<void> {
  let companies = 5000;
  let runs = 3;
  for (let i = 0; i < argv.length; i += 2) {
    if (argv[i] === "--companies") companies = Number(argv[i + 1]);
    else if (argv[i] === "--runs") runs = Number(argv[i + 1]);
    else throw new Error(`unknown argument ${argv[i]} (use --companies N, --runs N)`);
  }
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), "smallcap-measure-"));
  try {
    const input = path.join(dir, "universe.xlsx");
    const built = process.hrtime.bigint();
    const { workbook } = buildSampleWorkbook({ companies });
    await fs.writeFile(input, fixZipTimestamps(Buffer.from(await workbook.xlsx.writeBuffer())));
    const size = (await fs.stat(input)).size;
    process.stdout.write(
      `Workbook: ${companies} companies (${(size / 1024 / 1024).toFixed(1)} MB), generated in ${seconds(built).toFixed(1)} s\n`,
    );

    const plain: number[] = [];
    const refresh: number[] = [];
    const steps = { read: [] as number[], formulas: [] as number[], screens: [] as number[], write: [] as number[] };
    let formulas = 0;
    for (let run = 0; run < runs; run++) {
      const started = process.hrtime.bigint();
      const copy = new ExcelJS.Workbook();
      await copy.xlsx.readFile(input);
      await copy.xlsx.writeFile(path.join(dir, "plain.xlsx"));
      plain.push(seconds(started));

      const outcome = await refreshWorkbookFile(input, path.join(dir, "refreshed.xlsx"), SILENT);
      refresh.push(outcome.seconds);
      for (const step of ["read", "formulas", "screens", "write"] as const) steps[step].push(outcome.timings[step]);
      formulas = outcome.formulas.refreshed;
      if (outcome.formulas.problems.length > 0) throw new Error(`refresh reported problems: ${outcome.formulas.problems[0].reason}`);
    }
    const p = median(plain);
    const r = median(refresh);
    process.stdout.write(`exceljs read + write:                  ${p.toFixed(2)} s (median of ${runs})\n`);
    process.stdout.write(`smallcap refresh (read, ${formulas} formulas, 2 saved screens, write): ${r.toFixed(2)} s (median of ${runs})\n`);
    process.stdout.write(
      `  of which: read ${median(steps.read).toFixed(2)} s, formulas ${median(steps.formulas).toFixed(2)} s, ` +
        `saved screens ${median(steps.screens).toFixed(2)} s, write ${median(steps.write).toFixed(2)} s\n`,
    );
    process.stdout.write(`refresh's own cost:                    ${(r - p).toFixed(2)} s (${((r / p - 1) * 100).toFixed(0)}% over reading and writing)\n`);
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  process.stderr.write(`measure-refresh: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
