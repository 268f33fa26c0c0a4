/**
 * The headless refresh (`smallcap refresh`: read the workbook, recalculate every formula,
 * re-run the saved screens, write a new file) of the sample workbook at 5,000 companies, against
 * exceljs reading and writing the same file and nothing else, each as a fresh process (what a
 * user waits for), rounds interleaved. A warm in-process pair and the phases of one refresh
 * follow as details.
 */
import { spawnSync } from "child_process";
import { existsSync, statSync } from "fs";
import * as path from "path";
import { performance } from "perf_hooks";
import ExcelJS from "exceljs";
import { Line, within } from "../lib/report";
import type { Settings } from "../lib/settings";
import { compareAsync, fmt, ms, pair } from "../lib/stats";
import { buildSampleWorkbook } from "../../scripts/make-sample";
import { refreshWorkbookFile } from "../../src/cli/refresh-command";
import type { CliIO } from "../../src/cli/io";

const SILENT: CliIO = { stdout: { write: () => true }, stderr: { write: () => true } };

export async function refreshLine(settings: Settings): Promise<Line> {
  const companies = settings.quick ? 200 : 5_000;
  const input = path.join(settings.tmp, `sample-${companies}.xlsx`);
  if (!existsSync(input)) {
    const { workbook } = buildSampleWorkbook({ companies });
    await workbook.xlsx.writeFile(input);
  }

  // The budget: each side as a user runs it, a fresh node process, interleaved rounds.
  const rounds = settings.quick ? 1 : 5;
  const processes = processTimes(settings, input, rounds);
  const p = pair(processes.cli, processes.exceljs);

  // In this process, warm: the same pair without module loading, and one refresh by phase.
  let formulas = 0;
  const refreshed = path.join(settings.tmp, `sample-${companies}.refreshed.xlsx`);
  const copied = path.join(settings.tmp, `sample-${companies}.exceljs.xlsx`);
  const warm = await compareAsync(
    {
      refresh: async () => {
        const outcome = await refreshWorkbookFile(input, refreshed, SILENT);
        formulas = outcome.formulas.refreshed;
        if (outcome.formulas.problems.length > 0) throw new Error(`refresh left ${outcome.formulas.problems.length} formulas: ${outcome.formulas.problems[0].reason}`);
      },
      exceljs: async () => {
        const workbook = new ExcelJS.Workbook();
        await workbook.xlsx.readFile(input);
        await workbook.xlsx.writeFile(copied);
      },
    },
    settings.quick ? 0 : 1,
    rounds,
  );
  const w = pair(warm.refresh, warm.exceljs);
  const { text: phases, formulasPerSecond } = await phaseTimes(input, refreshed);

  return {
    id: "cli-refresh",
    title: `Headless smallcap refresh, ${companies.toLocaleString("en-US")}-row workbook, vs exceljs read + write`,
    status: within(p.ratio, 1.5),
    measured: `${fmt(p.ratio)}x (${fmt(p.subject.median)} ms vs ${fmt(p.baseline.median)} ms)`,
    budget: "<= 1.5x",
    value: p.ratio,
    limit: 1.5,
    details: [
      `smallcap refresh in.xlsx --out out.xlsx, fresh process: ${ms(p.subject)}`,
      `exceljs readFile + writeFile, fresh process:         ${ms(p.baseline)}; per-round ratio ${fmt(p.ratios.min)}-${fmt(p.ratios.max)}x`,
      `warm, in one process: refresh ${ms(w.subject)} vs exceljs ${ms(w.baseline)} = ${fmt(w.ratio)}x; ${formulas.toLocaleString("en-US")} formulas recomputed (every formula of the workbook, native and SMALLCAP)`,
      `formula evaluation alone: ${Math.round(formulasPerSecond).toLocaleString("en-US")} formulas per second`,
      `one warm refresh by phase: ${phases}`,
      `workbook ${(statSync(input).size / 1e6).toFixed(2)} MB (scripts/make-sample.ts: ${companies.toLocaleString("en-US")} companies, 6 formulas a row, valuation and model sheets, 2 saved screens)`,
    ],
    data: { companies, process: { refresh: p.subject, exceljs: p.baseline, roundRatios: p.ratios }, warm: { refresh: w.subject, exceljs: w.baseline }, formulas, formulasPerSecond },
  };
}

async function phaseTimes(input: string, output: string): Promise<{ text: string; formulasPerSecond: number }> {
  const { loadWorkbook } = await import("../../src/cli/source");
  const { refreshFormulas } = await import("../../src/cli/refresh");
  const { rerunSavedScreens } = await import("../../src/cli/rerun-screens");
  const { writeWorkbookFile } = await import("../../src/cli/output");
  const t0 = performance.now();
  const workbook = await loadWorkbook(input);
  const t1 = performance.now();
  const report = refreshFormulas(workbook);
  const t2 = performance.now();
  rerunSavedScreens(workbook);
  const t3 = performance.now();
  await writeWorkbookFile(workbook, output);
  const t4 = performance.now();
  return {
    text: `read ${fmt(t1 - t0)} ms, formulas ${fmt(t2 - t1)} ms, saved screens ${fmt(t3 - t2)} ms, write ${fmt(t4 - t3)} ms`,
    formulasPerSecond: report.formulas / ((t2 - t1) / 1000),
  };
}

/** Each side as a fresh node process (module loading included), rounds interleaved after one warm-up each (file cache). */
function processTimes(settings: Settings, input: string, rounds: number): { cli: number[]; exceljs: number[] } {
  const child = path.join(__dirname, "..", "child", "refresh-process.js");
  const once = (mode: string): number => {
    const start = performance.now();
    const run = spawnSync(process.execPath, [child, mode, input, path.join(settings.tmp, `process-${mode}.xlsx`)], { encoding: "utf8" });
    if (run.status !== 0) throw new Error(`refresh child (${mode}) failed: ${run.stderr.trim().split("\n").slice(-2).join(" | ")}`);
    return performance.now() - start;
  };
  once("cli");
  once("exceljs");
  const times = { cli: [] as number[], exceljs: [] as number[] };
  for (let r = 0; r < rounds; r++) {
    for (const mode of r % 2 === 0 ? (["cli", "exceljs"] as const) : (["exceljs", "cli"] as const)) times[mode].push(once(mode));
  }
  return times;
}
