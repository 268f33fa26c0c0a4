/**
 * `npm run bench:analysis`: the experiments behind docs/PERFORMANCE.md's analysis of each missed
 * budget. Each runs in a fresh node process (V8 keeps allocation-site and type feedback for a
 * process's lifetime, which is part of what is measured here). Prototypes below are evidence for
 * a recommended change to src/, not product code.
 *
 *   node --expose-gc build/bench/bench/analysis.js [experiment ...]
 * Experiments: boxing, shockicr, zombie, screen, memory, payload, bundle (default: all).
 */
import { spawnSync } from "child_process";
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "fs";
import * as os from "os";
import * as path from "path";
import { gzipSync } from "zlib";
import { installCustomFunctions } from "./lib/custom-functions";
import { Random } from "./lib/random";
import { compare, fmt, spread } from "./lib/stats";
import { makeUniverse } from "./lib/universe";

installCustomFunctions();

const ROOT = path.join(__dirname, "..", "..", "..");
const say = (text: string) => process.stdout.write(text + "\n");
const median = (samples: number[]) => spread(samples).median;

function grid(rows: number, cols: number, draw: () => number): number[][] {
  const out: number[][] = new Array(rows);
  for (let r = 0; r < rows; r++) {
    const line: number[] = new Array(cols);
    for (let c = 0; c < cols; c++) line[c] = draw();
    out[r] = line;
  }
  return out;
}

/** Child: one ICR variant over 1,000 x 1,000 cells with a given share of zero-interest cells. */
async function boxingChild(variant: string, zeroShare: number): Promise<void> {
  const functions = await import("../src/functions/functions");
  const { toExcelError } = await import("../src/functions/excel");
  const { coreError } = await import("../src/core/errors");
  const rnd = new Random(1);
  const e = grid(1000, 1000, () => rnd.uniform(-40, 200));
  const x = grid(1000, 1000, () => (rnd.chance(zeroShare) ? 0 : rnd.uniform(0.5, 25)));
  const error = toExcelError(coreError("DIV0", "analysis"));
  const fns: Record<string, () => unknown> = {
    adapter: () => functions.icr(e, x),
    floor: () => e.map((row, r) => {
      const line: unknown[] = new Array(1000);
      for (let c = 0; c < 1000; c++) line[c] = row[c] / Math.abs(x[r][c]);
      return line;
    }),
    floorErrors: () => e.map((row, r) => {
      const line: unknown[] = new Array(1000);
      for (let c = 0; c < 1000; c++) {
        const d = Math.abs(x[r][c]);
        line[c] = d === 0 ? error : row[c] / d;
      }
      return line;
    }),
    // A row becomes an array of objects only when it holds an error, and is copied into one made
    // at another allocation site, so the site of the number rows never learns "objects".
    copyOnError: () => e.map((row, r) => {
      let line: unknown[] = new Array(1000);
      let mixed = false;
      for (let c = 0; c < 1000; c++) {
        const d = Math.abs(x[r][c]);
        if (d === 0) {
          if (!mixed) {
            const copy: unknown[] = [];
            for (let k = 0; k < c; k++) copy.push(line[k]);
            line = copy;
            mixed = true;
          }
          line[c] = error;
        } else line[c] = row[c] / d;
      }
      return line;
    }),
  };
  const samples = compare({ [variant]: fns[variant] }, 3, 11)[variant];
  say(JSON.stringify({ ms: median(samples) }));
}

/** Child: SHOCKICR through the adapter against a specialised five-argument loop (prototype). */
async function shockChild(variant: string): Promise<void> {
  const functions = await import("../src/functions/functions");
  const { shockedCoverage } = await import("../src/core/rates");
  const { toExcelError } = await import("../src/functions/excel");
  const { coreError } = await import("../src/core/errors");
  const { readNumber } = await import("../src/core/values");
  const rnd = new Random(301);
  const E = grid(1000, 1000, () => (rnd.chance(0.25) ? -rnd.uniform(0, 40) : rnd.uniform(0, 200)));
  const X = grid(1000, 1000, () => (rnd.chance(0.01) ? 0 : rnd.uniform(0.5, 25)));
  const D = grid(1000, 1000, () => (rnd.chance(0.05) ? 0 : rnd.uniform(10, 800)));
  const S = grid(1000, 1000, () => rnd.uniform(0, 1));
  const notFinite = toExcelError(coreError("NUM", "result is not a finite number"));
  const read = (v: unknown, name: string): number | object => (typeof v === "number" && v - v === 0 ? v : (readNumber(v, name) as number | object));
  /** Range arguments read per row into locals, numbers kept unboxed, the error converted where it is written. */
  function specialised(g0: unknown[][], g1: unknown[][], g2: unknown[][], g3: unknown[][], shock: number): unknown[][] {
    const out: unknown[][] = new Array(g0.length);
    for (let r = 0; r < g0.length; r++) {
      const r0 = g0[r];
      const r1 = g1[r];
      const r2 = g2[r];
      const r3 = g3[r];
      const line: unknown[] = new Array(r0.length);
      for (let c = 0; c < r0.length; c++) {
        const a = read(r0[c], "ebit");
        const b = read(r1[c], "interest_expense");
        const d = read(r2[c], "total_debt");
        const s = read(r3[c], "floating_share");
        if (typeof a !== "number") line[c] = a;
        else if (typeof b !== "number") line[c] = b;
        else if (typeof d !== "number") line[c] = d;
        else if (typeof s !== "number") line[c] = s;
        else {
          const v = shockedCoverage(a, b, d, s, shock);
          line[c] = typeof v === "number" ? (v - v === 0 ? v : notFinite) : toExcelError(v);
        }
      }
      out[r] = line;
    }
    return out;
  }
  const fns: Record<string, () => unknown> = {
    adapter: () => functions.shockicr(E, X, D, S, [[200]]),
    specialised: () => specialised(E, X, D, S, 200),
  };
  const same = JSON.stringify(fns.adapter()) === JSON.stringify(fns.specialised());
  const samples = compare({ [variant]: fns[variant] }, 3, 11)[variant];
  say(JSON.stringify({ ms: median(samples), same }));
}

/** Child: ZOMBIE through the adapter against a row-wise loop with reused scratch series (prototype). */
async function zombieChild(variant: string): Promise<void> {
  const functions = await import("../src/functions/functions");
  const { isZombie } = await import("../src/core/zombie");
  const { readNumber } = await import("../src/core/values");
  const { CoreError } = await import("../src/core/errors");
  const { toExcelError } = await import("../src/functions/excel");
  const rnd = new Random(201);
  const rows = 333_333;
  const E = grid(rows, 3, () => (rnd.chance(0.25) ? -rnd.uniform(0, 40) : rnd.uniform(0, 200)));
  const X = grid(rows, 3, () => (rnd.chance(0.01) ? 0 : rnd.uniform(0.5, 25)));
  function scratch(e: unknown[][], x: unknown[][]): unknown[][] {
    // isZombie reads its series and keeps nothing, as metrics.ts's zombieColumn already relies on.
    const se: (number | InstanceType<typeof CoreError>)[] = [0, 0, 0];
    const sx: (number | InstanceType<typeof CoreError>)[] = [0, 0, 0];
    const out: unknown[][] = new Array(e.length);
    for (let r = 0; r < e.length; r++) {
      const re = e[r];
      const rx = x[r];
      for (let t = 0; t < 3; t++) {
        const a = re[t];
        const b = rx[t];
        se[t] = typeof a === "number" && a - a === 0 ? a : readNumber(a, "ebit");
        sx[t] = typeof b === "number" && b - b === 0 ? b : readNumber(b, "interest_expense");
      }
      const v = isZombie(se, sx, 3, 1);
      out[r] = [v instanceof CoreError ? toExcelError(v) : v];
    }
    return out;
  }
  const fns: Record<string, () => unknown> = {
    adapter: () => functions.zombie(E, X, null as unknown as unknown[][], null as unknown as unknown[][]),
    scratch: () => scratch(E, X),
    floor: () => E.map((row, r) => {
      let zombie = true;
      for (let t = 0; t < 3; t++) {
        const cover = Math.abs(X[r][t]);
        if (cover === 0 || row[t] / cover >= 1) zombie = false;
      }
      return [zombie];
    }),
  };
  const same = JSON.stringify(fns.adapter()) === JSON.stringify(fns.scratch());
  const samples = compare({ [variant]: fns[variant] }, 3, 11)[variant];
  say(JSON.stringify({ ms: median(samples), same }));
}

/** Child: the 100,000-row screen by phase, and the percentile rank with one search instead of two. */
async function screenChild(): Promise<void> {
  const S = await import("../src/core/screen");
  const M = await import("../src/core/screen/metrics");
  const universe = makeUniverse(100_000);
  const input = { headers: universe.headers, rows: universe.rows };
  const config = S.presetConfig("quality");
  const mapping = S.mapColumns(universe.headers).mapping;
  const records = S.buildRecords(input, mapping);
  const coverage = M.coverageColumns(records, 200);
  const yields = M.fcfYieldColumn(records);
  const result = S.runScreen(input, config);
  if (!result.ok) throw new Error(result.message);
  const pass = Uint8Array.from(result.result.rows, (r) => (r.pass ? 1 : 0));
  const icr = coverage.icr;
  const t = compare(
    {
      total: () => S.runScreen(input, config),
      buildRecords: () => S.buildRecords(input, mapping),
      coverage: () => M.coverageColumns(records, 200),
      zombie: () => M.zombieColumn(records, coverage, 1, undefined),
      scoreRows: () =>
        S.scoreRows({ forwardPe: records.numbers.forwardPe.values, icr, fcfYield: yields.fcfYield, pass, tickers: records.text.ticker, sourceRows: records.sourceRows }),
      percentileRanksOnce: () => S.percentileRanks(icr),
      formatNumber100k: () => {
        let n = 0;
        for (let i = 0; i < 100_000; i++) n += S.formatNumber(i * 0.37, 2).length;
        return n;
      },
    },
    2,
    9,
  );
  let failedVerdicts = 0;
  let reasonChars = 0;
  for (const row of result.result.rows) {
    failedVerdicts += row.failed.length + row.unknown.length;
    reasonChars += row.reason.length;
  }
  const out: Record<string, number | boolean> = { failedOrUnknownVerdicts: failedVerdicts, reasonChars };
  for (const [k, v] of Object.entries(t)) out[k] = median(v);
  say(JSON.stringify(out));
}

/** Child: what the 100,000-row result keeps reachable, part by part. */
async function memoryChild(): Promise<void> {
  const S = await import("../src/core/screen");
  const universe = makeUniverse(100_000);
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc === undefined) throw new Error("run with --expose-gc");
  const heap = () => {
    gc();
    gc();
    return process.memoryUsage().heapUsed;
  };
  const h0 = heap();
  const outcome = S.runScreen({ headers: universe.headers, rows: universe.rows }, S.presetConfig("quality"));
  if (!outcome.ok) throw new Error(outcome.message);
  const rows = outcome.result.rows as unknown as Record<string, unknown>[];
  const h1 = heap();
  const drop = (fields: string[]) => {
    const before = heap();
    for (const row of rows) for (const f of fields) row[f] = null;
    return before - heap();
  };
  const reason = drop(["reason"]);
  const verdicts = drop(["verdicts"]);
  const lists = drop(["failed", "unknown", "problems"]);
  say(JSON.stringify({ retained: h1 - h0, reason, verdicts, lists, objectsAndNumbers: h1 - h0 - reason - verdicts - lists, rows: rows.length }));
}

/** Child: the results sheet's write payload, by column. */
async function payloadChild(): Promise<void> {
  const S = await import("../src/core/screen");
  const { buildResultsSheet } = await import("../src/workbook/results-sheet");
  const universe = makeUniverse(100_000);
  const outcome = S.runScreen({ headers: universe.headers, rows: universe.rows }, S.presetConfig("quality"));
  if (!outcome.ok) throw new Error(outcome.message);
  const sheet = buildResultsSheet(outcome.result, { sheet: "SMALLCAP Results", sourceLabel: "Universe!A1:N100001" });
  const reason = sheet.columns.findIndex((c) => c.header === "Reason");
  const passCol = sheet.columns.findIndex((c) => c.header === "Pass");
  say(
    JSON.stringify({
      all: JSON.stringify(sheet.rows).length,
      withoutReason: JSON.stringify(sheet.rows.map((row) => row.filter((_, i) => i !== reason))).length,
      passingOnly: JSON.stringify(sheet.rows.filter((row) => row[passCol] === true)).length,
      source: JSON.stringify([universe.headers, ...universe.rows]).length,
    }),
  );
}

/** Child: production bundle as configured, and with ts-loader emitting ES modules (webpack can then tree-shake zod's ESM build). */
function bundleChild(): void {
  const tmp = mkdtempSync(path.join(os.tmpdir(), "smallcap-analysis-"));
  try {
    const wrapper = path.join(tmp, "webpack-esm.config.js");
    writeFileSync(
      wrapper,
      `const base = require(${JSON.stringify(path.join(ROOT, "webpack.config.js"))});
module.exports = (env, options) => {
  const config = base(env, options);
  for (const rule of config.module.rules) {
    if (rule.use && rule.use.loader === "ts-loader") rule.use.options = { ...rule.use.options, compilerOptions: { module: "es2020" } };
  }
  return config;
};
`,
    );
    const cli = path.join(ROOT, "node_modules", "webpack-cli", "bin", "cli.js");
    const sizes: Record<string, Record<string, number>> = {};
    for (const [name, extra] of [["as configured", []], ["ts-loader module es2020", ["-c", wrapper]]] as const) {
      const out = path.join(tmp, name.replace(/\W+/g, "-"));
      const run = spawnSync(process.execPath, [cli, ...extra, "--mode", "production", "--output-path", out], { cwd: ROOT, encoding: "utf8" });
      if (run.status !== 0) throw new Error(`webpack failed (${name})`);
      sizes[name] = {};
      for (const file of readdirSync(out).filter((f) => f.endsWith(".js"))) sizes[name][file] = gzipSync(readFileSync(path.join(out, file))).length;
    }
    say(JSON.stringify(sizes));
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

function child(args: string[]): Record<string, unknown> {
  const run = spawnSync(process.execPath, ["--expose-gc", __filename, "--child", ...args], { encoding: "utf8", maxBuffer: 1 << 26 });
  if (run.status !== 0) throw new Error(`${args.join(" ")}: ${run.stderr.trim().split("\n").slice(-3).join(" | ")}`);
  return JSON.parse(run.stdout.trim().split("\n").pop() as string) as Record<string, unknown>;
}

const n = (x: unknown) => fmt(x as number);
const mb = (x: unknown) => `${((x as number) / 1e6).toFixed(1)} MB`;

const EXPERIMENTS: Record<string, () => void> = {
  boxing: () => {
    say("ICR, 1,000 x 1,000 cells: ms per call, each figure a fresh process (median of 11)");
    for (const share of [0, 0.0001, 0.01]) {
      const row = ["adapter", "floor", "floorErrors", "copyOnError"].map((v) => `${v} ${n(child(["boxing", v, String(share)]).ms)}`);
      say(`  zero-interest share ${share * 100}%: ${row.join(", ")}`);
    }
  },
  shockicr: () => {
    const adapter = child(["shockicr", "adapter"]);
    const specialised = child(["shockicr", "specialised"]);
    say(`SHOCKICR, 1,000 x 1,000 x 4 ranges: adapter ${n(adapter.ms)} ms, specialised 5-argument loop ${n(specialised.ms)} ms (same result: ${specialised.same})`);
  },
  zombie: () => {
    const [adapter, scratch, floor] = ["adapter", "scratch", "floor"].map((v) => child(["zombie", v]));
    say(`ZOMBIE, 333,333 x 3: adapter ${n(adapter.ms)} ms, row loop with scratch series ${n(scratch.ms)} ms (same result: ${scratch.same}), floor ${n(floor.ms)} ms`);
  },
  screen: () => {
    const r = child(["screen"]);
    const phases = ["buildRecords", "coverage", "zombie", "scoreRows"].map((k) => r[k] as number);
    const rest = (r.total as number) - phases.reduce((a, b) => a + b, 0);
    say(`screen, 100,000 rows: total ${n(r.total)} ms = buildRecords ${n(r.buildRecords)} + coverage ${n(r.coverage)} + zombie ${n(r.zombie)} + scoreRows ${n(r.scoreRows)} + per-row verdicts, result objects and reasons ~${fmt(rest)} ms`);
    // The one-search prototype measured here earlier is now percentileRanks itself (docs/PERFORMANCE.md, "Fixes applied").
    say(`  percentileRanks (one binary search and a tie table) of one column ${n(r.percentileRanksOnce)} ms`);
    say(`  ${r.failedOrUnknownVerdicts} failed or unknown verdicts formatted into ${r.reasonChars} characters of reasons; formatNumber costs ${n(r.formatNumber100k)} ms per 100,000 calls`);
  },
  memory: () => {
    const r = child(["memory"]);
    say(`screen result, 100,000 rows, reachable after GC: ${mb(r.retained)} = reasons ${mb(r.reason)} + verdict objects ${mb(r.verdicts)} + failed/unknown/problems arrays ${mb(r.lists)} + row objects and boxed numbers ${mb(r.objectsAndNumbers)}`);
  },
  payload: () => {
    const r = child(["payload"]);
    say(`results sheet at 100,000 rows, JSON: all rows ${mb(r.all)}, without the Reason column ${mb(r.withoutReason)}, passing rows only ${mb(r.passingOnly)}; the source read ${mb(r.source)}`);
  },
  bundle: () => {
    const r = child(["bundle"]) as Record<string, Record<string, number>>;
    for (const [name, files] of Object.entries(r)) {
      say(`bundle ${name}: ${Object.entries(files).map(([f, b]) => `${f} ${(b / 1024).toFixed(1)} KB gz`).join(", ")}`);
    }
  },
};

async function main(argv: string[]): Promise<void> {
  if (argv[0] === "--child") {
    const [what, ...rest] = argv.slice(1);
    if (what === "boxing") return boxingChild(rest[0], Number(rest[1]));
    if (what === "shockicr") return shockChild(rest[0]);
    if (what === "zombie") return zombieChild(rest[0]);
    if (what === "screen") return screenChild();
    if (what === "memory") return memoryChild();
    if (what === "payload") return payloadChild();
    if (what === "bundle") return bundleChild();
    throw new Error(`unknown child ${what}`);
  }
  const chosen = argv.length > 0 ? argv : Object.keys(EXPERIMENTS);
  for (const name of chosen) {
    const experiment = EXPERIMENTS[name];
    if (experiment === undefined) throw new Error(`unknown experiment ${name}: ${Object.keys(EXPERIMENTS).join(", ")}`);
    experiment();
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  process.stderr.write(`analysis: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
