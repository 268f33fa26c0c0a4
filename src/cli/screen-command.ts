/**
 * `smallcap screen <file.xlsx|file.csv>`: runs the screen engine on a table read from disk and
 * prints the ranked result (or JSON), optionally writing the results sheet to a workbook.
 */
import { promises as fs } from "fs";
import * as path from "path";
import {
  PRESET_IDS,
  PresetId,
  ScreenConfig,
  ScreenResult,
  applySettings,
  criterionDef,
  describeContext,
  NO_DATA_ROWS,
  formatFixed,
  formatNumber,
  formatPercent,
  presetConfig,
  runScreen,
  runScreenRows,
  ScreenOutcome,
  ScreenMessage,
  VERDICT_FAIL,
  VERDICT_UNKNOWN,
} from "../core/screen";
import { ParsedArgs, hasFlag, optionValue, parseArgs } from "./args";
import type { CliIO } from "./io";
import { inputError, usageError } from "./failure";
import { screenJson, sortedMessages } from "./json-output";
import { handMapping } from "./map-option";
import { checkOutputTarget, putResultsSheet, resultsCsv, saveWorkbookAtomically, writeWorkbookFile } from "./output";
import { progress, status } from "./progress";
import { resultsSheetLayout } from "../workbook/results-layout";
import { DecimalMark, OpenedSource, SourceLocation, exceljs, readSource } from "./source";
import { textTable } from "./text-table";

export const SCREEN_USAGE = `Usage: smallcap screen <file.xlsx|file.csv> [options]

Screens a table of companies with the SMALLCAP screen engine.

Options:
  --sheet NAME            read this sheet (default: the first sheet with a recognisable header row)
  --table NAME            read this Excel table
  --preset NAME           quality (default), zombies or stress
  --set criterion=value   change a threshold, e.g. --set icr=2.5 --set floatingShare=30% --set shockBps=300
                          or switch one off/on: --set domesticRevenue=off (repeatable)
  --map field="Header"    use this column for a field where recognition fails, e.g. --map ebit="Op Inc FY21"
                          --map period="Fiscal Year" (long tables), --map fcf=none (repeatable)
  --decimal , | .         a CSV's decimal mark (default: told from the file; 1.347,5 is a decimal comma)
  --json                  print the full result as JSON (every row, the mapping and the summary)
  --top N                 how many passing names the table shows (default 20)
  --out FILE              also write the results: .xlsx (a "SMALLCAP Results" sheet; an .xlsx input is
                          copied with the sheet added) or .csv (the results table)
  -h, --help              show this help`;

const OPTIONS = [
  { name: "sheet", takesValue: true },
  { name: "table", takesValue: true },
  { name: "preset", takesValue: true },
  { name: "set", takesValue: true, repeatable: true },
  { name: "json", takesValue: false },
  { name: "map", takesValue: true, repeatable: true },
  { name: "decimal", takesValue: true },
  { name: "top", takesValue: true },
  { name: "out", takesValue: true },
  { name: "help", takesValue: false },
] as const;

interface ScreenRequest {
  readonly file: string;
  readonly sheet?: string;
  readonly table?: string;
  readonly config: ScreenConfig;
  readonly json: boolean;
  readonly top: number;
  readonly out?: string;
  readonly map: readonly string[];
  readonly decimal?: DecimalMark;
}

/** Everything about the command line is checked before any file is opened. */
function screenRequest(args: ParsedArgs): ScreenRequest {
  if (args.positionals.length === 0) throw usageError("screen needs a file: smallcap screen <file.xlsx|file.csv>");
  if (args.positionals.length > 1) throw usageError(`screen takes one file, got ${args.positionals.length}: ${args.positionals.join(" ")}`);
  const presetText = optionValue(args, "preset") ?? "quality";
  const preset = PRESET_IDS.find((p) => p === presetText.toLowerCase());
  if (preset === undefined) throw usageError(`unknown preset "${presetText}"; expected one of ${PRESET_IDS.join(", ")}`);
  const settings = applySettings(presetConfig(preset as PresetId), args.options.get("set") ?? []);
  if (!settings.ok) throw usageError(`--set: ${settings.message}`);
  const topText = optionValue(args, "top");
  const top = topText === undefined ? 20 : Number(topText);
  if (!Number.isInteger(top) || top < 0) throw usageError(`--top needs a whole number, got "${topText}"`);
  const out = optionValue(args, "out");
  if (out !== undefined && !/\.(xlsx|csv)$/i.test(out)) throw usageError(`--out must name an .xlsx or .csv file, got "${out}"`);
  const sheet = optionValue(args, "sheet");
  const table = optionValue(args, "table");
  const decimal = optionValue(args, "decimal");
  if (decimal !== undefined && decimal !== "," && decimal !== ".") throw usageError(`--decimal must be , or . (the decimal mark), got "${decimal}"`);
  return {
    map: args.options.get("map") ?? [],
    ...(decimal !== undefined ? { decimal: decimal as DecimalMark } : {}),
    file: args.positionals[0],
    ...(sheet !== undefined ? { sheet } : {}),
    ...(table !== undefined ? { table } : {}),
    config: settings.config,
    json: hasFlag(args, "json"),
    top,
    ...(out !== undefined ? { out } : {}),
  };
}

function describeSource(file: string, location: SourceLocation): string {
  if (location.kind === "csv") return file;
  if (location.kind === "table") return `${file}, table ${location.table} on sheet ${location.sheet}`;
  return `${file}, sheet ${location.sheet}${location.range !== undefined ? ` ${location.range}` : ""}`;
}

/** Fixed decimals with thousands grouped (`1,234.50`), extremes compact (`1.68e+306`); blank when unknown. */
function num(value: number | null, decimals = 2): string {
  return value === null ? "" : formatFixed(value, decimals);
}

/** The readable report: summary lines, the top passing names, and why the others fail. */
export function screenText(result: ScreenResult, source: string, top: number, sourceNotes: readonly ScreenMessage[] = []): string {
  const s = result.summary;
  const lines: string[] = [];
  const words = describeContext(result.config, result.mapping.mapping.ebitHistory.length);
  lines.push(`SMALLCAP screen (${result.config.preset}) of ${source}`);
  lines.push(
    `Criteria: ${result.config.criteria.filter((c) => c.enabled).map((c) => criterionDef(c.id).describe(c.threshold, words)).join("; ") || "none"}`,
  );
  const label = { error: "Error", warning: "Warning", info: "Note" } as const;
  for (const m of sortedMessages(result, sourceNotes)) lines.push(`${label[m.level]}: ${m.message}`);
  lines.push("");
  const share = (x: number | null): string => (x === null ? "n/a" : formatPercent(x));
  lines.push(
    `Rows screened ${formatNumber(s.rowsScreened, 0)}, passing ${formatNumber(s.rowsPassing, 0)}; ` +
      `zombies ${formatNumber(s.zombieCount, 0)} (${share(s.zombieShare)}); unprofitable ${share(s.unprofitableShare)}`,
  );
  if (s.indexPe !== null || s.indexPeExUnprofitable !== null) {
    lines.push(`Index P/E ${num(s.indexPe, 1) || "n/a"}; without unprofitable rows ${num(s.indexPeExUnprofitable, 1) || "n/a"}`);
  }
  lines.push("");
  const passing = result.summary.rowsPassing;
  const shown = Array.from(result.order.subarray(0, Math.min(top, passing)), (i) => result.row(i));
  if (shown.length > 0) {
    lines.push(
      textTable(
        [
          { header: "Rank", align: "right" },
          { header: "Ticker", align: "left", maxWidth: 12 },
          { header: "Name", align: "left", maxWidth: 32 },
          { header: "Score", align: "right" },
          { header: "ICR", align: "right" },
          { header: "Shocked ICR", align: "right" },
          { header: "Fwd P/E", align: "right" },
        ],
        shown.map((r) => [
          String(r.rank ?? ""),
          r.ticker ?? "",
          r.name ?? "",
          num(r.score, 1),
          r.icr === null ? "" : num(r.icr),
          r.shockedIcr === null ? "" : num(r.shockedIcr),
          num(r.forwardPe, 1),
        ]),
      ),
    );
    if (passing > shown.length) lines.push(`(top ${shown.length} of ${passing} passing; --top N for more, --json for every row)`);
  } else {
    lines.push(s.rowsScreened === 0 ? NO_DATA_ROWS : "No row passes every criterion.");
  }
  // Tallies from the verdict columns, criterion by criterion.
  const failures = new Map<string, number>();
  const unknowns = new Map<string, number>();
  result.criteria.forEach((id, j) => {
    let failing = 0;
    let unknown = 0;
    const verdicts = result.columns.verdicts[j];
    for (let i = 0; i < verdicts.length; i++) {
      if (verdicts[i] === VERDICT_FAIL) failing++;
      else if (verdicts[i] === VERDICT_UNKNOWN) unknown++;
    }
    if (failing > 0) failures.set(id, failing);
    if (unknown > 0) unknowns.set(id, unknown);
  });
  const thresholds = new Map(result.config.criteria.map((c) => [c.id, c.threshold]));
  const tally = (counts: Map<string, number>): string =>
    [...counts.entries()]
      .sort((a, b) => b[1] - a[1])
      .map(([id, n]) => {
        const def = criterionDef(id as Parameters<typeof criterionDef>[0]);
        return `${def.describe(thresholds.get(def.id) ?? def.threshold.default, words)}: ${formatNumber(n, 0)}`;
      })
      .join("; ");
  if (failures.size > 0) lines.push("", `Rows failing each criterion: ${tally(failures)}`);
  if (unknowns.size > 0) lines.push(`Rows where a criterion is unknown (data missing): ${tally(unknowns)}`);
  return lines.join("\n") + "\n";
}

function sameFile(a: string, b: string): boolean {
  return path.resolve(a) === path.resolve(b);
}

export async function screenCommand(argv: readonly string[], io: CliIO): Promise<number> {
  const args = parseArgs(argv, OPTIONS, "screen");
  if (hasFlag(args, "help")) {
    io.stdout.write(SCREEN_USAGE + "\n");
    return 0;
  }
  const request = screenRequest(args);
  const clearReading = status(io.stderr, `reading ${request.file}…`);
  let opened: OpenedSource;
  let outcome: ScreenOutcome;
  try {
    opened = await readSource(
      request.file,
      {
        ...(request.sheet !== undefined ? { sheet: request.sheet } : {}),
        ...(request.table !== undefined ? { table: request.table } : {}),
      },
      request.decimal,
    );
    if (request.out !== undefined) await checkOutputTarget(request.out);
    if (opened.kind === "csv") {
      // A CSV is screened as it is parsed: its rows go into typed columns and are not kept.
      outcome = await runScreenRows(opened.csv.headers, opened.csv.rows, request.config, handMapping(opened.csv.headers, request.map) ?? null, {}, opened.csv.expectedRows);
      // Rows read with a decimal mark that the rest of the file overruled are read again with the right one.
      const again = await opened.csv.reread?.();
      if (again !== undefined) {
        opened = { kind: "csv", csv: again };
        outcome = await runScreenRows(again.headers, again.rows, request.config, handMapping(again.headers, request.map) ?? null, {}, again.expectedRows);
      }
    } else {
      clearReading();
      const bar = progress(io.stderr, "screening");
      const mapping = handMapping(opened.source.input.headers, request.map) ?? null;
      outcome = runScreen(opened.source.input, request.config, mapping, { onProgress: (done, total) => bar.update(done, total) });
      bar.finish();
    }
  } finally {
    clearReading();
  }
  if (!outcome.ok) throw inputError(`${request.file}: ${outcome.message}`);
  const result = outcome.result;
  const location = opened.kind === "csv" ? opened.csv.location : opened.source.location;
  const where = describeSource(request.file, location);
  const sourceNotes = opened.kind === "csv" && opened.csv.decimal?.message !== undefined ? [opened.csv.decimal.message] : [];

  if (request.json) {
    io.stdout.write(JSON.stringify(screenJson(result, location, request.file, sourceNotes), null, 2) + "\n");
    // Errors and warnings reach a terminal even when stdout goes to a file.
    for (const m of sortedMessages(result, sourceNotes)) if (m.level !== "info") io.stderr.write(`${m.level}: ${m.message}\n`);
  } else io.stdout.write(screenText(result, where, request.top, sourceNotes));

  if (request.out !== undefined) {
    const sourceLabel =
      location.kind === "csv" ? path.basename(request.file) : `${location.sheet}${location.range !== undefined ? `!${location.range}` : ""}`;
    const layout = resultsSheetLayout(result, { source: sourceLabel });
    if (/\.csv$/i.test(request.out)) {
      if (sameFile(request.out, request.file)) throw usageError("--out names the input CSV file; choose another file for the results");
      await saveWorkbookAtomically(request.out, (temp) => fs.writeFile(temp, resultsCsv(layout), "utf8"));
    } else {
      // An .xlsx input is copied with the results sheet added; a CSV input gets a new workbook.
      const target = opened.kind === "xlsx" ? opened.workbook : new (exceljs().Workbook)();
      putResultsSheet(target, layout);
      const clearWriting = status(io.stderr, `writing ${request.out}…`);
      await writeWorkbookFile(target, request.out).finally(clearWriting);
    }
    if (!request.json) io.stdout.write(`Wrote ${request.out}\n`);
    else io.stderr.write(`Wrote ${request.out}\n`);
  }
  return 0;
}
