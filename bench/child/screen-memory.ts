/**
 * Peak memory of a screen, in a process of its own. Modes:
 * - baseline: loads the engine and the generator, screens nothing;
 * - input: also builds the universe's rows (the table as Excel's Range.values gives it);
 * - screen: also runs the quality screen over them and keeps the result;
 * - fed: the pane's path: generates the rows 2,000 at a time and feeds each block to the
 *   screen (startScreen) as it comes, keeping none, then keeps the result.
 * Prints JSON: maxRss (bytes, the peak resident set of this process), heldPeak (the peak
 * after the table was built and the generator's garbage collected: what the table as held plus
 * the screen's own peak take) and the heap still reachable at the end.
 *
 * heldPeak resets the high-water mark by writing 5 to /proc/self/clear_refs (Linux 4.0+) after
 * a full collection; where that is refused it is null and only maxRss counts.
 *
 * The peak is /proc/self/status VmHWM, the high-water mark of this process's own memory map,
 * which exec starts afresh. getrusage's ru_maxrss is not used on Linux: it survives exec and
 * starts from the parent's resident set at fork, so a child of a big bench process would
 * report the bench's size.
 * Usage: node --expose-gc screen-memory.js baseline|input|screen <rows>
 */
import { readFileSync, writeFileSync } from "fs";
import { presetConfig, runScreen, startScreen } from "../../src/core/screen";
import { UNIVERSE_HEADERS, makeUniverse, universeRows } from "../lib/universe";

const [mode, rowsText] = process.argv.slice(2);
const rows = Number(rowsText);
const gc = (globalThis as { gc?: () => void }).gc;

/** The peak before any reset: clearing the high-water mark loses it. */
let peakBeforeReset = 0;

/** Starts a new high-water mark of the resident set from what is resident now. */
function resetPeak(): boolean {
  peakBeforeReset = peakRss();
  try {
    writeFileSync("/proc/self/clear_refs", "5");
    return true;
  } catch {
    return false;
  }
}

let kept: unknown;
let reset = false;
if (mode === "baseline") {
  gc?.();
  reset = resetPeak();
}
if (mode === "input" || mode === "screen") {
  const universe = makeUniverse(rows);
  kept = universe;
  // The generator's own garbage is neither the input nor the screen's: collect it first.
  gc?.();
  reset = resetPeak();
  if (mode === "screen") {
    const outcome = runScreen({ headers: universe.headers, rows: universe.rows }, presetConfig("quality"));
    if (!outcome.ok) throw new Error(outcome.message);
    kept = [universe, outcome.result];
  }
}
if (mode === "fed") {
  // The pane's path: rows handed to the screen in blocks of 2,000 as Excel returns them, no
  // block kept after it is fed (the generator makes each block as it is needed).
  gc?.();
  reset = resetPeak();
  const feed = startScreen([...UNIVERSE_HEADERS], presetConfig("quality"));
  if ("ok" in feed) throw new Error(feed.message);
  let block: unknown[][] = [];
  for (const row of universeRows(rows)) {
    block.push(row);
    if (block.length === 2_000) {
      for (const r of block) feed.add(r);
      block = [];
    }
  }
  for (const r of block) feed.add(r);
  const outcome = feed.finish();
  if (!outcome.ok) throw new Error(outcome.message);
  kept = outcome.result;
}
// What stays reachable (after a full collection), as against the peak above, which also holds garbage.
const heldPeak = reset ? peakRss() : null;
gc?.();
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
  JSON.stringify({ mode, rows, maxRss: Math.max(peakBeforeReset, peakRss()), heldPeak, rss: usage.rss, heapUsed: usage.heapUsed, kept: kept !== undefined }) + "\n",
);
