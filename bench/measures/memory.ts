/**
 * Peak memory of a 100,000-row quality screen, as the peak resident set (VmHWM, the "maximum
 * resident set size" `/usr/bin/time -v` reports) of a process, minus that of a baseline
 * process that loads the same code and screens nothing. Input size: the bytes of the table
 * as a CSV file. Three lines:
 *
 * - screen-memory (budgeted): `smallcap screen universe.csv` as a user runs it (the CLI reads
 *   the CSV as a stream into the engine's typed columns), against the same command on the
 *   header row alone;
 * - screen-memory-fed (informational): the pane's path, rows generated and fed to the screen
 *   2,000 at a time, none kept;
 * - screen-memory-table (informational): the engine given the whole table in memory as Excel's
 *   `Range.values` shape (`any[][]`, runScreen's input).
 *
 * The two informational lines start the high-water mark after start-up (and, for the table,
 * after it is built and the generator's garbage collected), in the baseline child alike; the
 * table line also prints the whole-process peak, which holds the generator's garbage.
 */
import { spawnSync } from "child_process";
import * as path from "path";
import { Line, skip, within } from "../lib/report";
import type { Settings } from "../lib/settings";
import { spread } from "../lib/stats";
import { universeFor } from "./screen";
import { makeUniverse, universeCsv } from "../lib/universe";
import { writeFileSync } from "fs";

interface ChildReport {
  readonly maxRss: number;
  readonly heldPeak: number | null;
  readonly heapUsed: number;
}

/** Runs a script of bench/child in a fresh node and parses the JSON line it prints. */
function runChild<T>(script: string, args: readonly string[], nodeFlags: readonly string[] = []): T {
  const run = spawnSync(process.execPath, [...nodeFlags, path.join(__dirname, "..", "child", script), ...args], { encoding: "utf8" });
  if (run.status !== 0) throw new Error(`${script} ${args.join(" ")} failed (${run.status}): ${run.stderr.trim().split("\n").slice(-2).join(" | ")}`);
  return JSON.parse(run.stdout) as T;
}

function child(mode: string, rows: number): ChildReport {
  return runChild<ChildReport>("screen-memory.js", [mode, String(rows)], ["--expose-gc"]);
}

function cliPeak(file: string): number {
  return runChild<{ maxRss: number }>("screen-process.js", [file]).maxRss;
}

const mb = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;

/** What the three lines share: the table's size, its CSV, and how often each child runs. */
interface Sizes {
  readonly rows: number;
  readonly repeats: number;
  readonly csvPath: string;
  readonly csvBytes: number;
}

export function memoryLines(settings: Settings): Line[] {
  const rows = settings.quick ? 2_000 : 100_000;
  const { csvPath, csvBytes } = universeFor(settings, rows);
  const sizes: Sizes = { rows, repeats: settings.quick ? 1 : 5, csvPath, csvBytes };
  const millionRows = settings.quick ? 20_000 : 1_000_000;
  const million = universeFor(settings, millionRows);
  const large: Sizes = { rows: millionRows, repeats: settings.quick ? 1 : 3, csvPath: million.csvPath, csvBytes: million.csvBytes };
  return [cliMemoryLine(settings, sizes), cliMemoryLine(settings, large, "screen-memory-1m"), fedMemoryLine(sizes), tableMemoryLine(sizes)];
}

/** The pane's path: rows fed to the screen block by block (startScreen), none kept. */
function fedMemoryLine({ rows, repeats, csvBytes }: Sizes): Line {
  const base: number[] = [];
  const fed: number[] = [];
  for (let i = 0; i < repeats; i++) {
    const b = child("baseline", rows);
    const f = child("fed", rows);
    if (b.heldPeak === null || f.heldPeak === null) return skip("screen-memory-fed", "Peak memory, rows fed in blocks", "none", "this kernel refused to reset the peak (/proc/self/clear_refs)");
    base.push(b.heldPeak);
    fed.push(f.heldPeak);
  }
  const b = spread(base);
  const f = spread(fed);
  const total = f.median - b.median;
  return {
    id: "screen-memory-fed",
    title: `Peak memory of a ${rows.toLocaleString("en-US")}-row screen fed block by block, as the pane feeds what Excel returns (not budgeted)`,
    status: "INFO",
    measured: `${(total / csvBytes).toFixed(1)}x the input (${mb(total)} over baseline, input ${mb(csvBytes)} as CSV)`,
    budget: "none; the budgeted line is the process above",
    value: total / csvBytes,
    limit: 10,
    details: [
      `peak RSS after start-up and a full GC, median of ${repeats}: baseline ${mb(b.median)}, rows generated and fed 2,000 at a time ${mb(f.median)} [${mb(f.min)}-${mb(f.max)}]`,
      "the 2,000-row block stands for one of the Excel adapter's reads (under 4 MB of JSON each); no block is kept once fed",
    ],
    data: { rows, csvBytes, baseline: b, fed: f },
  };
}

function cliMemoryLine(settings: Settings, { rows, repeats, csvPath, csvBytes }: Sizes, id = "screen-memory"): Line {
  const headerOnly = path.join(settings.tmp, "universe-header.csv");
  writeFileSync(headerOnly, universeCsv({ ...makeUniverse(0), rows: [] }));
  const base: number[] = [];
  const peak: number[] = [];
  for (let i = 0; i < repeats; i++) {
    base.push(cliPeak(headerOnly));
    peak.push(cliPeak(csvPath));
  }
  const b = spread(base);
  const p = spread(peak);
  const total = p.median - b.median;
  const ratio = total / csvBytes;
  return {
    id,
    title: `Peak memory of a ${rows.toLocaleString("en-US")}-row screen: smallcap screen of a CSV file, peak RSS of the process minus the same command on the header row alone`,
    status: within(ratio, 10),
    measured: `${ratio.toFixed(1)}x the input (${mb(total)} over baseline, input ${mb(csvBytes)} as CSV)`,
    budget: "<= 10x the input's CSV bytes",
    value: ratio,
    limit: 10,
    details: [
      `peak RSS (VmHWM, as /usr/bin/time -v reports it), median of ${repeats} fresh processes: header row only ${mb(b.median)} [${mb(b.min)}-${mb(b.max)}], ${rows.toLocaleString("en-US")} rows ${mb(p.median)} [${mb(p.min)}-${mb(p.max)}]`,
      "the CLI reads the file's bytes, splits them a megabyte of lines at a time (csv-parse streams a file with quotes) and feeds each row into the engine's typed columns (RecordsBuilder): the table is never held as cells",
    ],
    data: { rows, csvBytes, baseline: b, screen: p, ratio },
  };
}

function tableMemoryLine({ rows, repeats, csvBytes }: Sizes): Line {
  const peaks: Record<string, number[]> = { baseline: [], input: [], screen: [] };
  const held: Record<string, number[]> = { baseline: [], input: [], screen: [] };
  const heaps: Record<string, number[]> = { baseline: [], input: [], screen: [] };
  for (let i = 0; i < repeats; i++) {
    for (const mode of Object.keys(peaks)) {
      const report = child(mode, rows);
      peaks[mode].push(report.maxRss);
      if (report.heldPeak !== null) held[mode].push(report.heldPeak);
      heaps[mode].push(report.heapUsed);
    }
  }
  const heap = (mode: string) => spread(heaps[mode]).median;
  const base = spread(peaks.baseline).median;
  const input = spread(peaks.input).median;
  const screen = spread(peaks.screen);
  const whole = screen.median - base;
  // The held figures exist where the kernel lets a process reset its high-water mark.
  const canReset = held.screen.length === repeats && held.baseline.length === repeats && held.input.length === repeats;
  const heldBase = canReset ? spread(held.baseline).median : base;
  const heldInput = canReset ? spread(held.input).median : input;
  const heldScreen = canReset ? spread(held.screen) : screen;
  const total = heldScreen.median - heldBase;
  const ratio = total / csvBytes;
  return {
    id: "screen-memory-table",
    title: `Peak memory of a ${rows.toLocaleString("en-US")}-row screen of a whole table held in memory as Excel's Range.values (runScreen's input; not budgeted)`,
    status: "INFO",
    measured: `${ratio.toFixed(1)}x the input (${mb(total)} over baseline, input ${mb(csvBytes)} as CSV)`,
    budget: "none; the budgeted line is the process above",
    value: ratio,
    limit: 10,
    details: [
      canReset
        ? `peak RSS from the moment the table is built and the generator's garbage collected, median of ${repeats}: baseline ${mb(heldBase)}, the table held ${mb(heldInput)}, the screen run on it ${mb(heldScreen.median)} [${mb(heldScreen.min)}-${mb(heldScreen.max)}]`
        : "this kernel refused to reset the peak (/proc/self/clear_refs): the figure is the whole-process peak below",
      `of the ${mb(total)}: the table as JS values (Excel's Range.values shape) ${mb(heldInput - heldBase)}, the screen itself ${mb(heldScreen.median - heldInput)} = ${((heldScreen.median - heldInput) / csvBytes).toFixed(1)}x the CSV`,
      `whole-process peak, with the synthetic generator's garbage: baseline ${mb(base)}, with the table built ${mb(input)}, with the screen ${mb(screen.median)}: ${mb(whole)} over baseline = ${(whole / csvBytes).toFixed(1)}x the CSV`,
      `still reachable after a full GC: the table ${mb(heap("input") - heap("baseline"))}, the screen's result ${mb(heap("screen") - heap("input"))}; the rest of the peak is garbage made along the way`,
    ],
    data: { rows, csvBytes, baseline: heldBase, input: heldInput, screen: heldScreen, ratio, wholeProcess: { baseline: base, input, screen, ratio: whole / csvBytes }, heapUsed: { baseline: heap("baseline"), input: heap("input"), screen: heap("screen") } },
  };
}
