/**
 * `smallcap refresh <in.xlsx> [--out out.xlsx]`: recalculates every formula of a
 * workbook and re-runs its saved screens, without Excel. Writes a new file (by default
 * `<name>.refreshed.xlsx` beside the input); the input is replaced only when `--out` names it.
 */
import * as path from "path";
import { hasFlag, optionValue, parseArgs } from "./args";
import type { CliIO } from "./io";
import { inputError, usageError } from "./failure";
import { checkOutputTarget, saveWorkbookAtomically } from "./output";
import { progress, status } from "./progress";
import { RefreshReport, refreshFormulas } from "./refresh";
import { RerunReport, rerunSavedScreens } from "./rerun-screens";
import { detectInputKind, loadWorkbook } from "./source";
import { patchPackage, readPackageInfo } from "./workbook-package";
import { formatNumber } from "../core/screen";

export const REFRESH_USAGE = `Usage: smallcap refresh <in.xlsx> [--out out.xlsx]

Recalculates every formula of the workbook from its input values, native functions and SMALLCAP
calls (SMALLCAP.ICR(...), or Excel's saved spelling _xldudf_SMALLCAP_ICR(...)) alike, and re-runs
the screens saved in the workbook, without Excel. Formulas it cannot evaluate keep their values
and are listed by cause, with the formulas that read them (possibly stale).

Options:
  --out FILE     where to write (default: <in>.refreshed.xlsx beside the input; the input itself
                 is replaced only when --out names it)
  --json         print the report as JSON
  -h, --help     show this help`;

const OPTIONS = [
  { name: "out", takesValue: true },
  { name: "json", takesValue: false },
  { name: "help", takesValue: false },
] as const;

/** `book.xlsx` -> `book.refreshed.xlsx`, beside it. */
export function defaultRefreshOutput(input: string): string {
  const ext = path.extname(input);
  return path.join(path.dirname(input), `${path.basename(input, ext)}.refreshed${ext === "" ? ".xlsx" : ext}`);
}

export interface RefreshOutcome {
  readonly input: string;
  readonly output: string;
  readonly formulas: RefreshReport;
  readonly screens: RerunReport;
  /** Wall time of the whole refresh. */
  readonly seconds: number;
  /** Wall time of each step: exceljs reading, the formulas, the saved screens, exceljs writing. */
  readonly timings: { readonly read: number; readonly formulas: number; readonly screens: number; readonly write: number };
}

export function refreshText(outcome: RefreshOutcome): string {
  const { formulas, screens } = outcome;
  const lines: string[] = [];
  const changed =
    formulas.changedCells === 0
      ? formulas.refreshed > 0
        ? "the saved values were already current: no cell value changed"
        : "no cell value changed"
      : `${formatNumber(formulas.changedCells, 0)} cell value${formulas.changedCells === 1 ? "" : "s"} changed`;
  lines.push(`Refreshed ${formatNumber(formulas.refreshed, 0)} of ${formatNumber(formulas.formulas, 0)} formulas (${changed}).`);
  if (formulas.problems.length > 0) {
    lines.push(`${formulas.problems.length} kept their old values:`);
    const shown = formulas.problems.slice(0, 25);
    for (const p of shown) lines.push(`  ${p.cell}: ${p.reason}`);
    if (formulas.problems.length > shown.length) lines.push(`  ... and ${formulas.problems.length - shown.length} more (--json lists all)`);
  }
  lines.push(...problemGroupsText(formulas));
  if (screens.screens.length > 0 || screens.skipped.length > 0) {
    lines.push(`Saved screens: ${screens.screens.length}`);
    for (const s of screens.screens) {
      lines.push(
        s.problem === undefined
          ? `  ${s.name} -> sheet "${s.outputSheet}": ${formatNumber(s.rowsPassing ?? 0, 0)} of ${formatNumber(s.rowsScreened ?? 0, 0)} rows pass`
          : `  ${s.name}: not refreshed, ${s.problem}`,
      );
    }
    for (const s of screens.skipped) lines.push(`  ${s}`);
  }
  lines.push(`Wrote ${outcome.output} in ${outcome.seconds.toFixed(1)} s.`);
  return lines.join("\n") + "\n";
}

/** The report's groups: each cause with its count and first cells; stale cells last; the recalculation flag. */
function problemGroupsText(formulas: RefreshReport): string[] {
  if (formulas.groups.length === 0) return [];
  const lines = ["By cause:"];
  for (const g of formulas.groups) {
    const more = g.count > g.cells.length ? `, ... (${g.count - g.cells.length} more)` : "";
    const what = g.cause === "possibly stale" ? "possibly stale (computed from a cell that kept its old value)" : g.cause;
    lines.push(`  ${what}: ${formatNumber(g.count, 0)} (${g.cells.join(", ")}${more})`);
  }
  if (formulas.fullCalcOnLoad) lines.push("The file asks Excel to recalculate fully when it opens it.");
  return lines;
}

export async function refreshWorkbookFile(input: string, output: string, io: CliIO): Promise<RefreshOutcome> {
  const started = process.hrtime.bigint();
  let lap = started;
  const split = (): number => {
    const now = process.hrtime.bigint();
    const seconds = Number(now - lap) / 1e9;
    lap = now;
    return seconds;
  };
  const kind = await detectInputKind(input);
  if (kind !== "xlsx") throw inputError(`${input} is a CSV file; refresh needs an Excel workbook (.xlsx)`);
  await checkOutputTarget(output);
  const clearReading = status(io.stderr, `reading ${input}…`);
  const [workbook, pkg] = await loadWorkbook(input)
    .then(async (book) => [book, await readPackageInfo(input)] as const)
    .finally(clearReading);
  const read = split();
  const bar = progress(io.stderr, "refreshing");
  let formulas: RefreshReport;
  try {
    formulas = refreshFormulas(workbook, { onProgress: (done, total) => bar.update(done, total), package: pkg });
  } finally {
    bar.finish();
  }
  const formulaSeconds = split();
  const screens = rerunSavedScreens(workbook);
  const screenSeconds = split();
  const clearWriting = status(io.stderr, `writing ${output}…`);
  await saveWorkbookAtomically(output, async (temp) => {
    await workbook.xlsx.writeFile(temp);
    await patchPackage(temp, { dynamicArrays: formulas.dynamicArrays, definedNamesXml: pkg.definedNamesXml });
  }).finally(clearWriting);
  const write = split();
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return { input, output, formulas, screens, seconds, timings: { read, formulas: formulaSeconds, screens: screenSeconds, write } };
}

export async function refreshCommand(argv: readonly string[], io: CliIO): Promise<number> {
  const args = parseArgs(argv, OPTIONS, "refresh");
  if (hasFlag(args, "help")) {
    io.stdout.write(REFRESH_USAGE + "\n");
    return 0;
  }
  if (args.positionals.length === 0) throw usageError("refresh needs a workbook: smallcap refresh <in.xlsx> [--out out.xlsx]");
  if (args.positionals.length > 1) throw usageError(`refresh takes one workbook, got ${args.positionals.length}: ${args.positionals.join(" ")}`);
  const input = args.positionals[0];
  const out = optionValue(args, "out");
  if (out !== undefined && !/\.xlsx$/i.test(out)) throw usageError(`--out must name an .xlsx file, got "${out}"`);
  if (/\.xlsm$/i.test(input)) throw inputError(`${input} is a macro-enabled workbook; refresh writes .xlsx files and would drop its macros`);
  const output = out ?? defaultRefreshOutput(input);
  const outcome = await refreshWorkbookFile(input, output, io);
  if (hasFlag(args, "json")) {
    io.stdout.write(
      JSON.stringify(
        {
          input: outcome.input,
          output: outcome.output,
          formulas: outcome.formulas.formulas,
          refreshed: outcome.formulas.refreshed,
          changedCells: outcome.formulas.changedCells,
          problems: outcome.formulas.problems,
          stale: outcome.formulas.stale,
          groups: outcome.formulas.groups,
          cycles: outcome.formulas.cycles,
          fullCalcOnLoad: outcome.formulas.fullCalcOnLoad,
          screens: outcome.screens.screens,
          skippedScreens: outcome.screens.skipped,
          seconds: outcome.seconds,
          timings: outcome.timings,
        },
        null,
        2,
      ) + "\n",
    );
  } else {
    io.stdout.write(refreshText(outcome));
  }
  return 0;
}
