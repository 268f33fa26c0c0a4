/**
 * One subject of the bench in a loop, for `node --cpu-prof`: see bench/profile.ts, which runs
 * this and summarises the profile. Subjects: icr, zombie, shockicr (the custom-function path
 * at 1,000,000 cells), screen (quality screen, 100,000 rows), refresh (5,000-company workbook).
 * Usage: node --cpu-prof --cpu-prof-dir DIR profile-target.js <subject> [rounds]
 */
import { tmpdir } from "os";
import * as path from "path";
import { installCustomFunctions } from "../lib/custom-functions";
import { Random } from "../lib/random";
import { makeUniverse } from "../lib/universe";

function grid(rows: number, cols: number, draw: () => number): number[][] {
  return Array.from({ length: rows }, () => Array.from({ length: cols }, draw));
}

async function main(): Promise<void> {
  const [subject, roundsText] = process.argv.slice(2);
  const rounds = Number(roundsText ?? 20);
  installCustomFunctions();
  const rnd = new Random(7);
  const ebit = () => (rnd.chance(0.25) ? -rnd.uniform(0, 40) : rnd.uniform(0, 200));
  const interest = () => (rnd.chance(0.01) ? 0 : rnd.uniform(0.5, 25));
  if (subject === "icr" || subject === "shockicr" || subject === "zombie") {
    const functions = await import("../../src/functions/functions");
    const cols = subject === "zombie" ? 3 : 1000;
    const rows = subject === "zombie" ? 333_333 : 1000;
    const e = grid(rows, cols, ebit);
    const x = grid(rows, cols, interest);
    const d = grid(rows, cols, () => rnd.uniform(0, 800));
    const s = grid(rows, cols, () => rnd.uniform(0, 1));
    for (let r = 0; r < rounds; r++) {
      if (subject === "icr") functions.icr(e, x);
      else if (subject === "zombie") functions.zombie(e, x, null as unknown as unknown[][], null as unknown as unknown[][]);
      else functions.shockicr(e, x, d, s, [[200]]);
    }
  } else if (subject === "screen") {
    const { presetConfig, runScreen } = await import("../../src/core/screen");
    const universe = makeUniverse(100_000);
    for (let r = 0; r < rounds; r++) runScreen({ headers: universe.headers, rows: universe.rows }, presetConfig("quality"));
  } else if (subject === "refresh") {
    const { buildSampleWorkbook } = await import("../../scripts/make-sample");
    const { refreshWorkbookFile } = await import("../../src/cli/refresh-command");
    const input = path.join(tmpdir(), "smallcap-profile-sample.xlsx");
    await buildSampleWorkbook({ companies: 5_000 }).workbook.xlsx.writeFile(input);
    const quiet = { write: () => true };
    for (let r = 0; r < rounds; r++) await refreshWorkbookFile(input, input.replace(/\.xlsx$/, ".out.xlsx"), { stdout: quiet, stderr: quiet });
  } else {
    throw new Error(`unknown subject ${subject}: icr, zombie, shockicr, screen or refresh`);
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
