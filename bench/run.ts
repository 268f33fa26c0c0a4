/**
 * `npm run bench`: the performance budgets of issue "Performance", each a ratio measured in
 * the same run (or a count), with median and spread over several runs after a warm-up, on
 * seeded, generated inputs. Prints one line per budget with PASS or MISS, writes
 * bench/results.json, and with --json prints that JSON instead of the lines.
 *
 *   node --expose-gc build/bench/bench/run.js [--quick] [--json] [--only id,id]
 *
 * --quick: every line at small sizes with few repetitions (CI: proves the bench runs; the
 * figures mean nothing), printed as INFO without PASS or MISS: no budget is judged at quick
 * sizes. A missed budget never fails the run: it prints MISS and exits 0.
 * The run fails (exit 1) only when a measurement itself breaks (ERROR).
 * See docs/PERFORMANCE.md.
 */
import { mkdtempSync, rmSync, writeFileSync, readFileSync } from "fs";
import * as os from "os";
import * as path from "path";
import { repoRoot } from "../scripts/repo-root";
import { Line, printLine, quickLine } from "./lib/report";
import type { Settings } from "./lib/settings";

interface Measure {
  readonly ids: readonly string[];
  readonly title: string;
  /** Module under bench/measures and what it exports. */
  readonly load: () => (settings: Settings) => Line | Line[] | Promise<Line | Line[]>;
}

/* eslint-disable @typescript-eslint/no-require-imports -- loaded one by one, so a subject that is not built yet is a SKIP, not a crash */
const MEASURES: readonly Measure[] = [
  { ids: ["icr", "icr-column"], title: "SMALLCAP.ICR through the custom-function adapter", load: () => require("./measures/adapter").icrLines },
  { ids: ["zombie"], title: "SMALLCAP.ZOMBIE through the custom-function adapter", load: () => require("./measures/adapter").zombieLine },
  { ids: ["shockicr"], title: "SMALLCAP.SHOCKICR through the custom-function adapter", load: () => require("./measures/adapter").shockLine },
  { ids: ["screen-vs-pandas"], title: "Quality screen vs pandas", load: () => require("./measures/screen").pandasLine },
  { ids: ["screen-growth"], title: "Screen cost growth", load: () => require("./measures/screen").growthLine },
  { ids: ["screen-process-100k", "screen-process-10k"], title: "smallcap screen of a CSV vs pandas, whole processes", load: () => require("./measures/process").processLines },
  { ids: ["screen-process-xlsx"], title: "smallcap screen of an .xlsx vs openpyxl + pandas, whole processes", load: () => require("./measures/process").xlsxLine },
  { ids: ["screen-process-growth"], title: "smallcap screen cost growth, whole process", load: () => require("./measures/process").processGrowthLine },
  { ids: ["screen-formula"], title: "SMALLCAP.SCREEN vs the screen engine alone", load: () => require("./measures/screen-formula").screenFormulaLine },
  { ids: ["syncs-run", "syncs-refresh"], title: "context.sync() calls of the Excel adapter", load: () => require("./measures/syncs").syncLines },
  { ids: ["bundle"], title: "Production bundle size", load: () => require("./measures/bundle").bundleLine },
  { ids: ["cli-refresh"], title: "Headless smallcap refresh vs exceljs", load: () => require("./measures/refresh").refreshLine },
  { ids: ["screen-memory", "screen-memory-1m", "screen-memory-fed", "screen-memory-table"], title: "Peak memory of a screen", load: () => require("./measures/memory").memoryLines },
];
/* eslint-enable @typescript-eslint/no-require-imports */


function machine(): Record<string, string | number> {
  let model = os.cpus()[0]?.model ?? "unknown";
  try {
    const match = /^model name\s*:\s*(.+)$/m.exec(readFileSync("/proc/cpuinfo", "utf8"));
    if (match !== null) model = match[1].trim();
  } catch {
    // Not Linux: os.cpus() is the best there is.
  }
  return {
    cpus: os.availableParallelism?.() ?? os.cpus().length,
    cpu: model,
    memory: `${Math.round(os.totalmem() / 2 ** 30)} GiB`,
    node: process.version,
    platform: `${os.platform()} ${os.release()}`,
  };
}

/** A missing module means the subject is not built yet (another engineer's part); anything else is a broken measurement. */
function failure(measure: Measure, error: unknown): Line[] {
  const code = (error as { code?: unknown } | null)?.code;
  const message = error instanceof Error ? error.message.split("\n")[0] : String(error);
  const notBuilt = code === "MODULE_NOT_FOUND";
  return measure.ids.map((id) => ({
    id,
    title: measure.title,
    status: (notBuilt ? "SKIP" : "ERROR") as Line["status"],
    measured: "-",
    budget: "-",
    details: [notBuilt ? `SKIP: not built yet (${message})` : `ERROR: ${message}`],
  }));
}

async function main(argv: readonly string[]): Promise<number> {
  const quick = argv.includes("--quick");
  const json = argv.includes("--json");
  const onlyArg = argv.find((a) => a.startsWith("--only="))?.slice("--only=".length) ?? (argv.includes("--only") ? argv[argv.indexOf("--only") + 1] : undefined);
  const only = onlyArg === undefined ? undefined : new Set(onlyArg.split(","));
  const unknown = argv.filter((a, i) => !["--quick", "--json", "--only"].includes(a) && !a.startsWith("--only=") && argv[i - 1] !== "--only");
  if (unknown.length > 0) {
    process.stderr.write(`bench: unknown argument ${unknown[0]} (use --quick, --json, --only id,id)\n`);
    return 2;
  }
  const root = repoRoot();
  const tmp = mkdtempSync(path.join(os.tmpdir(), "smallcap-bench-"));
  const out = json ? (text: string) => process.stderr.write(text + "\n") : (text: string) => process.stdout.write(text + "\n");
  const settings: Settings = { quick, warmup: quick ? 1 : 3, runs: quick ? 3 : 15, tmp, root, log: (text) => process.stderr.write(text + "\n") };
  const info = machine();
  const gc = typeof (globalThis as { gc?: unknown }).gc === "function";
  out(`SMALLCAP bench${quick ? " --quick (small sizes, few runs: proves the bench works, the figures mean nothing)" : ""}`);
  out(`machine: ${info.cpus} CPUs, ${info.cpu}, ${info.memory}; node ${info.node}; ${info.platform}; gc between samples: ${gc ? "yes" : "no (run node with --expose-gc)"}`);
  const load = () => os.loadavg().map((x) => x.toFixed(1)).join(" ");
  const loadBefore = load();
  out(`load average at start: ${loadBefore} (1, 5, 15 min) on ${info.cpus} CPUs: other processes slow both sides of a ratio, not always alike`);
  out(`timing: ${settings.warmup} warm-up rounds, then ${settings.runs} rounds (subject and baseline interleaved); figures are median [min-max]`);
  out("");

  const lines: Line[] = [];
  const started = Date.now();
  try {
    for (const measure of MEASURES) {
      if (only !== undefined && !measure.ids.some((id) => only.has(id))) continue;
      const t0 = Date.now();
      let produced: Line[];
      try {
        const result = await measure.load()(settings);
        produced = (Array.isArray(result) ? result : [result]).map((line) => (quick ? quickLine(line) : line));
      } catch (error) {
        produced = failure(measure, error);
      }
      for (const line of produced) {
        lines.push(line);
        printLine(line, out);
      }
      settings.log(`       (${measure.title}: ${((Date.now() - t0) / 1000).toFixed(1)} s)`);
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }

  const count = (status: string) => lines.filter((l) => (l.status as string) === status).length;
  out("");
  const loadAfter = load();
  const verdicts = quick ? "no budgets judged (quick sizes)" : `${count("PASS")} pass, ${count("MISS")} miss`;
  out(`${verdicts}, ${count("SKIP")} skipped, ${count("ERROR")} errors, ${count("INFO")} informational; ${((Date.now() - started) / 1000).toFixed(0)} s; load average at end: ${loadAfter}`);
  const report = { date: new Date().toISOString(), quick, machine: info, loadAverage: { start: loadBefore, end: loadAfter }, gcBetweenSamples: gc, warmup: settings.warmup, runs: settings.runs, lines };
  writeFileSync(path.join(root, "bench", "results.json"), JSON.stringify(report, null, 2) + "\n");
  if (json) process.stdout.write(JSON.stringify(report, null, 2) + "\n");
  return count("ERROR") > 0 ? 1 : 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`bench: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 1;
  },
);
