/**
 * Whole processes, as a user runs them: `smallcap screen universe.csv --preset quality` (the
 * CLI's own entry, src/cli/main.ts, output to a pipe) against the same job in pandas as its own
 * Python process (`bench/pandas_screen.py --once`: read_csv, the seven criteria, the score, the
 * rank, the top 20 printed). Each side is timed from outside, fork to exit, in interleaved
 * rounds (the order swaps every round), after one untimed warm-up round that fills the page
 * cache. Lines:
 *
 * - screen-process-100k, screen-process-10k: CSV, node / pandas, budget <= 1x;
 * - screen-process-xlsx: a 100,000-row workbook, node / (openpyxl read_only + the pandas screen),
 *   budget <= 1x;
 * - screen-process-growth: smallcap screen of 10k, 100k and 1M-row CSVs, each step <= 11x.
 *
 * Both sides must report the same number of passing rows before a ratio is given.
 */
import { spawnSync } from "child_process";
import { existsSync } from "fs";
import * as path from "path";
import ExcelJS from "exceljs";
import { Line, skip, within } from "../lib/report";
import type { Settings } from "../lib/settings";
import { fmt, ms, spread } from "../lib/stats";
import { makeUniverse } from "../lib/universe";
import { findPandasPython, universeFor } from "./screen";

interface Run {
  readonly ms: number;
  readonly passing: number;
}

function cliPath(settings: Settings): string {
  return path.join(settings.root, "build", "bench", "src", "cli", "main.js");
}

/** One process, fork to exit, and the passing count it printed. */
function timed(command: string, args: readonly string[], passing: (stdout: string) => number | undefined): Run {
  const start = process.hrtime.bigint();
  const run = spawnSync(command, args, { encoding: "utf8", maxBuffer: 64 << 20 });
  const elapsed = Number(process.hrtime.bigint() - start) / 1e6;
  if (run.status !== 0) throw new Error(`${path.basename(command)} ${args.join(" ")} failed (${run.status}): ${run.stderr.trim().split("\n").slice(-2).join(" | ")}`);
  const count = passing(run.stdout);
  if (count === undefined) throw new Error(`${path.basename(command)} ${args.join(" ")} printed no passing count`);
  return { ms: elapsed, passing: count };
}

const nodePassing = (stdout: string): number | undefined => {
  const match = /passing ([\d,]+);/.exec(stdout);
  return match === null ? undefined : Number(match[1].replace(/,/g, ""));
};
const pandasPassing = (stdout: string): number | undefined => {
  const match = /^passing (\d+) of/m.exec(stdout);
  return match === null ? undefined : Number(match[1]);
};

function smallcap(settings: Settings, file: string): Run {
  return timed(process.execPath, [cliPath(settings), "screen", file, "--preset", "quality"], nodePassing);
}

/** Interleaved rounds of node and pandas on one file; median and spread of each, and of the per-round ratio. */
function versus(settings: Settings, python: string, file: string, rounds: number): { node: number[]; pandas: number[]; passing: [number, number] } {
  const script = path.join(settings.root, "bench", "pandas_screen.py");
  const pandas = (): Run => timed(python, [script, "--once", file], pandasPassing);
  const first = [smallcap(settings, file), pandas()];
  const node: number[] = [];
  const py: number[] = [];
  for (let r = 0; r < rounds; r++) {
    if (r % 2 === 0) {
      node.push(smallcap(settings, file).ms);
      py.push(pandas().ms);
    } else {
      py.push(pandas().ms);
      node.push(smallcap(settings, file).ms);
    }
  }
  return { node, pandas: py, passing: [first[0].passing, first[1].passing] };
}

function ratioLine(id: string, title: string, peer: string, measured: { node: number[]; pandas: number[]; passing: [number, number] }, extra: string[]): Line {
  const n = spread(measured.node);
  const p = spread(measured.pandas);
  const ratio = n.median / p.median;
  const perRound = spread(measured.node.map((x, i) => x / measured.pandas[i]));
  const [nodePass, pandasPass] = measured.passing;
  if (nodePass !== pandasPass) throw new Error(`${id}: smallcap passes ${nodePass} rows, ${peer} ${pandasPass}`);
  return {
    id,
    title,
    status: within(ratio, 1),
    measured: `${fmt(ratio)}x (${fmt(n.median)} ms vs ${fmt(p.median)} ms)`,
    budget: "<= 1x",
    value: ratio,
    limit: 1,
    details: [
      `smallcap screen (node, whole process): ${ms(n)}, IQR ${fmt(n.q1)}-${fmt(n.q3)} ms`,
      `${peer} (whole process):${" ".repeat(Math.max(1, 22 - peer.length))}${ms(p)}, IQR ${fmt(p.q1)}-${fmt(p.q3)} ms`,
      `per-round ratio: median ${fmt(perRound.median)}x, min-max ${fmt(perRound.min)}-${fmt(perRound.max)}x, ${n.n} rounds; both pass ${nodePass.toLocaleString("en-US")} rows`,
      ...extra,
    ],
    data: { node: n, peer: p, roundRatios: perRound, passing: nodePass },
  };
}

/** The CSV lines: 100,000 and 10,000 rows (quick: 10,000 and 1,000). */
export function processLines(settings: Settings): Line[] {
  const sizes = settings.quick ? [10_000, 1_000] : [100_000, 10_000];
  const ids = ["screen-process-100k", "screen-process-10k"];
  const found = findPandasPython();
  return sizes.map((rows, k) => {
    const title = `smallcap screen of a ${rows.toLocaleString("en-US")}-row CSV vs pandas read_csv + the same screen, whole processes`;
    if (found === undefined) return skip(ids[k], title, "<= 1x", "no Python with pandas (tried $SMALLCAP_PYTHON, /usr/bin/python3, python3; apt-get install -y python3-pandas)");
    const { csvPath, csvBytes } = universeFor(settings, rows);
    const measured = versus(settings, found.python, csvPath, settings.quick ? 3 : 11);
    return ratioLine(ids[k], title, "pandas", measured, [`input ${(csvBytes / 1e6).toFixed(1)} MB; pandas ${found.version} (${found.python})`]);
  });
}

/** A workbook of the bench universe: one sheet, header row then the rows; blanks left empty. */
async function universeWorkbook(settings: Settings, rows: number): Promise<string> {
  const file = path.join(settings.tmp, `universe-${rows}.xlsx`);
  if (existsSync(file)) return file;
  const universe = makeUniverse(rows);
  const writer = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file });
  const sheet = writer.addWorksheet("Universe");
  sheet.addRow([...universe.headers]).commit();
  for (const row of universe.rows) sheet.addRow(row.map((cell) => (cell === "" ? null : cell))).commit();
  await writer.commit();
  return file;
}

export async function xlsxLine(settings: Settings): Promise<Line> {
  const rows = settings.quick ? 2_000 : 100_000;
  const title = `smallcap screen of a ${rows.toLocaleString("en-US")}-row .xlsx vs openpyxl read_only + the pandas screen, whole processes`;
  const found = findPandasPython();
  const probe = found === undefined ? undefined : spawnSync(found.python, ["-c", "import openpyxl; print(openpyxl.__version__)"], { encoding: "utf8" });
  if (found === undefined || probe === undefined || probe.status !== 0) {
    return skip("screen-process-xlsx", title, "<= 1x", "no Python with pandas and openpyxl (apt-get install -y python3-pandas python3-openpyxl)");
  }
  const file = await universeWorkbook(settings, rows);
  const measured = versus(settings, found.python, file, settings.quick ? 1 : 3);
  return ratioLine("screen-process-xlsx", title, "openpyxl + pandas", measured, [`openpyxl ${probe.stdout.trim()} (load_workbook read_only=True, data_only=True, iter_rows values_only); exceljs reads the workbook whole`]);
}

/** smallcap screen at 10k, 100k and 1M rows (quick: 1k, 10k, 100k): each 10x step of the rows at most 11x the time. */
export function processGrowthLine(settings: Settings): Line {
  const sizes = settings.quick ? [1_000, 10_000, 100_000] : [10_000, 100_000, 1_000_000];
  const files = sizes.map((rows) => universeFor(settings, rows).csvPath);
  for (const file of files) smallcap(settings, file);
  const times: number[][] = sizes.map(() => []);
  const rounds = settings.quick ? 2 : 5;
  for (let r = 0; r < rounds; r++) {
    const order = r % 2 === 0 ? [0, 1, 2] : [2, 1, 0];
    for (const k of order) times[k].push(smallcap(settings, files[k]).ms);
  }
  const s = times.map((t) => spread(t));
  const steps = [s[1].median / s[0].median, s[2].median / s[1].median];
  const worst = Math.max(...steps);
  const label = (n: number) => n.toLocaleString("en-US");
  return {
    id: "screen-process-growth",
    title: `smallcap screen cost growth, whole process, ${label(sizes[0])} -> ${label(sizes[1])} -> ${label(sizes[2])} rows`,
    status: within(worst, 11),
    measured: `${fmt(steps[0])}x then ${fmt(steps[1])}x`,
    budget: "each 10x step <= 11x",
    value: worst,
    limit: 11,
    details: sizes.map((n, k) => `${label(n)} rows: ${ms(s[k])}; ${fmt((s[k].median * 1e3) / n)} us/row`),
    data: { sizes, times: s, steps },
  };
}
