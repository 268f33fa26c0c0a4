/**
 * Peak memory of a screen, in a process of its own. Modes:
 * - baseline: loads the engine and the generator, screens nothing;
 * - input: also builds the universe's rows (the table as Excel's Range.values gives it);
 * - screen: also runs the quality screen over them and keeps the result.
 * Prints JSON: maxRss (bytes, the peak resident set of this process) and the heap still
 * reachable at the end.
 *
 * The peak is /proc/self/status VmHWM, the high-water mark of this process's own memory map,
 * which exec starts afresh. getrusage's ru_maxrss is not used on Linux: it survives exec and
 * starts from the parent's resident set at fork, so a child of a big bench process would
 * report the bench's size.
 * Usage: node --expose-gc screen-memory.js baseline|input|screen <rows>
 */
import { readFileSync } from "fs";
import { presetConfig, runScreen } from "../../src/core/screen";
import { makeUniverse } from "../lib/universe";

const [mode, rowsText] = process.argv.slice(2);
const rows = Number(rowsText);
let kept: unknown;
if (mode === "input" || mode === "screen") {
  const universe = makeUniverse(rows);
  kept = universe;
  if (mode === "screen") {
    const outcome = runScreen({ headers: universe.headers, rows: universe.rows }, presetConfig("quality"));
    if (!outcome.ok) throw new Error(outcome.message);
    kept = [universe, outcome.result];
  }
}
// What stays reachable (after a full collection), as against the peak above, which also holds garbage.
(globalThis as { gc?: () => void }).gc?.();
const usage = process.memoryUsage();

function peakRss(): number {
  try {
    const match = /^VmHWM:\s+(\d+)\s+kB$/m.exec(readFileSync("/proc/self/status", "utf8"));
    if (match !== null) return Number(match[1]) * 1024;
  } catch {
    // Not Linux.
  }
  return process.resourceUsage().maxRSS * 1024;
}
process.stdout.write(
  JSON.stringify({ mode, rows, maxRss: peakRss(), rss: usage.rss, heapUsed: usage.heapUsed, kept: kept !== undefined }) + "\n",
);
