/**
 * `npm run demo`: the headless engine end to end on the sample workbook. Screens it, refreshes
 * its SMALLCAP formulas and saved screens, and writes samples/out/smallcap-demo.xlsx.
 * Generates the sample first when it is missing (a fresh clone has it committed).
 */
import { existsSync, promises as fs } from "fs";
import * as path from "path";
import { repoRoot } from "../../scripts/repo-root";
import { writeSample } from "../../scripts/make-sample";
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

  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  process.stdout.write(
    `\nDemo done in ${seconds.toFixed(1)} s. Open ${relative(output)} in Excel: the "SMALLCAP Results" sheets hold the ` +
      `saved screens' results, and every SMALLCAP formula's value was computed without Excel.\n`,
  );
  return 0;
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
