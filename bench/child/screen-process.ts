/**
 * One headless screen as a user runs it, in a fresh process: `smallcap screen <file>` through
 * the CLI's own entry (as bin/smallcap does), output discarded. Prints JSON with maxRss, the
 * peak resident set of this process (VmHWM, what `/usr/bin/time -v` reports as "Maximum
 * resident set size"), read after the command has finished.
 * Usage: node screen-process.js <file.csv|file.xlsx>
 */
import { readFileSync } from "fs";
import { runCli } from "../../src/cli/cli";
import { runMain } from "../lib/child-main";

function peakRss(): number {
  const match = /^VmHWM:\s+(\d+)\s+kB$/m.exec(readFileSync("/proc/self/status", "utf8"));
  if (match === null) throw new Error("no VmHWM in /proc/self/status");
  return Number(match[1]) * 1024;
}

async function main(): Promise<number> {
  const [file] = process.argv.slice(2);
  const quiet = { write: () => true };
  const code = await runCli(["screen", file], { stdout: quiet, stderr: process.stderr });
  process.stdout.write(JSON.stringify({ code, maxRss: peakRss() }) + "\n");
  return code;
}

runMain(main);
