/**
 * The screen engine (`runScreen`, quality preset, with ranking) on a generated universe:
 * against the same screen in pandas, and its growth from 10,000 to 100,000 rows.
 * Both sides get the same table: node the rows as Excel hands them, pandas the CSV written
 * from them (loaded before its clock starts). Both sides time only the screen.
 */
import { ChildProcessWithoutNullStreams, spawn, spawnSync } from "child_process";
import { existsSync, readFileSync, writeFileSync } from "fs";
import * as path from "path";
import { presetConfig, runScreen } from "../../src/core/screen";
import type { ScreenResult } from "../../src/core/screen";
import { Line, skip, within } from "../lib/report";
import type { Settings } from "../lib/settings";
import { compare, fmt, ms, spread, timeOnce } from "../lib/stats";
import { leanScreen } from "../lib/lean-screen";
import { Universe, makeUniverse, universeCsv } from "../lib/universe";

const QUALITY = presetConfig("quality");

function screen(universe: Universe): ScreenResult {
  const outcome = runScreen({ headers: universe.headers, rows: universe.rows }, QUALITY);
  if (!outcome.ok) throw new Error(`the screen refused the bench universe: ${outcome.message}`);
  return outcome.result;
}

/** Passing source rows (1-based) in rank order, and their scores. */
function ranking(result: ScreenResult): { rows: number[]; scores: number[] } {
  const ranked = Array.from(result.order.subarray(0, result.summary.rowsPassing));
  return { rows: ranked.map((i) => result.columns.sourceRow[i]), scores: ranked.map((i) => result.columns.score[i]) };
}

/** A Python 3 that imports pandas: $SMALLCAP_PYTHON, Debian's /usr/bin/python3, then python3 on PATH. */
export function findPandasPython(): { python: string; version: string } | undefined {
  const candidates = [process.env.SMALLCAP_PYTHON, "/usr/bin/python3", "python3"].filter((c): c is string => c !== undefined && c !== "");
  for (const python of candidates) {
    const probe = spawnSync(python, ["-c", "import pandas, numpy; print(pandas.__version__)"], { encoding: "utf8" });
    if (probe.status === 0) return { python, version: probe.stdout.trim() };
  }
  return undefined;
}

export function universeFor(settings: Settings, rows: number): { universe: Universe; csvPath: string; csvBytes: number } {
  const universe = makeUniverse(rows);
  const csv = universeCsv(universe);
  const csvPath = path.join(settings.tmp, `universe-${rows}.csv`);
  if (!existsSync(csvPath)) writeFileSync(csvPath, csv);
  return { universe, csvPath, csvBytes: Buffer.byteLength(csv) };
}

/** pandas_screen.py --serve: one timed screen per request, so pandas rounds interleave with node's. */
class PandasServer {
  private readonly child: ChildProcessWithoutNullStreams;
  private buffered = "";
  private readonly lines: string[] = [];
  private waiting: { resolve: (line: string) => void; reject: (error: Error) => void } | undefined;
  private stderr = "";
  private exited: Promise<number | null>;

  constructor(python: string, script: string, csvPath: string, outPath: string) {
    this.child = spawn(python, [script, csvPath, outPath, "--serve"], { stdio: ["pipe", "pipe", "pipe"] });
    this.child.stdout.setEncoding("utf8");
    this.child.stderr.setEncoding("utf8");
    this.child.stderr.on("data", (chunk: string) => (this.stderr += chunk));
    this.child.stdout.on("data", (chunk: string) => {
      this.buffered += chunk;
      let at: number;
      while ((at = this.buffered.indexOf("\n")) >= 0) {
        this.lines.push(this.buffered.slice(0, at).trim());
        this.buffered = this.buffered.slice(at + 1);
      }
      this.deliver();
    });
    this.exited = new Promise((resolve) => this.child.on("close", (code) => {
      this.waiting?.reject(new Error(`pandas_screen.py exited (${code}): ${this.stderr.trim().split("\n").slice(-3).join(" | ")}`));
      this.waiting = undefined;
      resolve(code);
    }));
  }

  private deliver(): void {
    if (this.waiting !== undefined && this.lines.length > 0) {
      const waiting = this.waiting;
      this.waiting = undefined;
      waiting.resolve(this.lines.shift() as string);
    }
  }

  next(): Promise<string> {
    return new Promise((resolve, reject) => {
      this.waiting = { resolve, reject };
      this.deliver();
    });
  }

  /** One screen; the milliseconds pandas measured around it. */
  async run(): Promise<number> {
    this.child.stdin.write("run\n");
    return Number(await this.next());
  }

  async close(): Promise<number | null> {
    this.child.stdin.end("quit\n");
    return this.exited;
  }
}

export async function pandasLine(settings: Settings): Promise<Line> {
  const rows = settings.quick ? 2_000 : 100_000;
  const id = "screen-vs-pandas";
  const title = `Quality screen with ranking, ${rows.toLocaleString("en-US")} rows, node engine vs pandas`;
  const budget = "<= 1x";
  const python = findPandasPython();
  if (python === undefined) return skip(id, title, budget, "no Python with pandas (apt-get install -y python3-pandas, or set SMALLCAP_PYTHON)");
  const { universe, csvPath, csvBytes } = universeFor(settings, rows);
  const outPath = path.join(settings.tmp, `pandas-${rows}.json`);
  const server = new PandasServer(python.python, path.join(settings.root, "bench", "pandas_screen.py"), csvPath, outPath);
  if ((await server.next()) !== "ready") throw new Error("pandas_screen.py did not start");

  // Rounds interleave node, lean JS and pandas, alternating the order, after the same warm-up.
  const node: number[] = [];
  const leanTimes: number[] = [];
  const pandas: number[] = [];
  for (let r = 0; r < settings.warmup + settings.runs; r++) {
    const record = r >= settings.warmup;
    const steps: (() => Promise<void>)[] = [
      async () => {
        const t = timeOnce(() => screen(universe));
        if (record) node.push(t);
      },
      async () => {
        const t = timeOnce(() => leanScreen(universe));
        if (record) leanTimes.push(t);
      },
      async () => {
        const t = await server.run();
        if (record) pandas.push(t);
      },
    ];
    for (const step of r % 2 === 0 ? steps : steps.reverse()) await step();
  }
  const code = await server.close();
  if (code !== 0) return skip(id, title, budget, `pandas_screen.py exited with ${code}`);
  const py = JSON.parse(readFileSync(outPath, "utf8")) as { passing: number; ranked_rows: number[]; ranked_scores: number[]; pandas: string; python: string };

  // The screens must agree before their times mean anything.
  const mine = ranking(screen(universe));
  const lean = leanScreen(universe);
  const leanAgrees = lean.ranked.length === mine.rows.length && mine.rows.every((row, i) => lean.ranked[i] + 1 === row);
  const sameOrder = py.ranked_rows.length === mine.rows.length && py.ranked_rows.every((row, i) => row === mine.rows[i]);
  let maxScoreDiff = 0;
  for (let i = 0; i < Math.min(py.ranked_scores.length, mine.scores.length); i++) {
    maxScoreDiff = Math.max(maxScoreDiff, Math.abs(py.ranked_scores[i] - mine.scores[i]));
  }
  const wordsTimes: number[] = [];
  for (let r = 0; r < Math.min(settings.runs, 5); r++) {
    const result = screen(universe);
    wordsTimes.push(timeOnce(() => result.rows));
  }
  const n = spread(node);
  const l = spread(leanTimes);
  const p = spread(pandas);
  const ratio = n.median / p.median;
  const ratios = spread(node.map((t, i) => t / pandas[i]));
  const agree = sameOrder
    ? `agree: ${mine.rows.length.toLocaleString("en-US")} passing rows, same ranking, scores differ by at most ${maxScoreDiff.toExponential(1)}`
    : `DISAGREE: node ranks ${mine.rows.length} rows, pandas ${py.ranked_rows.length}; first difference at rank ${mine.rows.findIndex((row, i) => row !== py.ranked_rows[i]) + 1}`;
  return {
    id,
    title,
    status: sameOrder ? within(ratio, 1) : "MISS",
    measured: `${fmt(ratio)}x (node ${fmt(n.median)} ms vs pandas ${fmt(p.median)} ms)`,
    budget,
    value: ratio,
    limit: 1,
    details: [
      `node runScreen: ${ms(n)}, IQR ${fmt(n.q1)}-${fmt(n.q3)} ms`,
      `pandas ${py.pandas} (Python ${py.python}, ${python.python}): ${ms(p)}, IQR ${fmt(p.q1)}-${fmt(p.q3)} ms; per-round ratio ${fmt(ratios.min)}-${fmt(ratios.max)}x`,
      `lean JS, same screen without result objects or reasons (bench/lib/lean-screen.ts): ${ms(l)} = ${fmt(l.median / p.median)}x pandas; ranking ${leanAgrees ? "identical" : "DIFFERENT"}`,
      `input: ${universe.headers.length} columns, CSV ${(csvBytes / 1e6).toFixed(1)} MB; results ${agree}`,
      "node's engine returns typed columns (verdict per criterion, pass, score, rank, ICR, shocked ICR, zombie, order), as pandas returns its frame; a row's words are built when a host asks for that row",
      `building every row's object and reason afterwards (what a host writing all rows pays, not part of the screen): ${ms(spread(wordsTimes))}`,
    ],
    data: { rows, node: n, lean: l, leanAgrees, pandas: p, roundRatios: ratios, sameOrder, maxScoreDiff, passing: mine.rows.length, csvBytes },
  };
}

export function growthLine(settings: Settings): Line {
  const small = settings.quick ? 1_000 : 10_000;
  const large = small * 10;
  const universe = makeUniverse(large);
  const head: Universe = { headers: universe.headers, rows: universe.rows.slice(0, small) };
  const samples = compare({ small: () => screen(head), large: () => screen(universe) }, settings.warmup, settings.runs);
  const s = spread(samples.small);
  const l = spread(samples.large);
  const ratio = l.median / s.median;
  return {
    id: "screen-growth",
    title: `Screen cost growth, ${small.toLocaleString("en-US")} -> ${large.toLocaleString("en-US")} rows (10x the rows)`,
    status: within(ratio, 11),
    measured: `${fmt(ratio)}x`,
    budget: "<= 11x",
    value: ratio,
    limit: 11,
    details: [
      `${small.toLocaleString("en-US")} rows: ${ms(s)}, IQR ${fmt(s.q1)}-${fmt(s.q3)} ms`,
      `${large.toLocaleString("en-US")} rows: ${ms(l)}, IQR ${fmt(l.q1)}-${fmt(l.q3)} ms; ${fmt((l.median * 1e3) / large)} us/row`,
    ],
    data: { small, large, smallMs: s, largeMs: l },
  };
}
