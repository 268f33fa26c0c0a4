/**
 * Running, saving and refreshing screens over any `ScreenWorkbook`: the one code path the
 * pane uses in Excel and in the preview, and the Excel adapter's tests drive. (The CLI re-runs
 * saved screens synchronously over exceljs, `src/cli/rerun-screens.ts`, with the same sheet
 * rules from `sheets.ts` and `results-sheet.ts`.)
 *
 * A run reads the source (one batch; its rows go to the shared engine block by block as they
 * arrive), screens them, and writes the results sheet with the workbook shape from the read, so
 * the host need not probe again.
 * Every failure comes back as a `Failure` (src/core/result.ts): a code, and words for the analyst.
 */
import { startScreen } from "../core/screen";
import type { ColumnMapping, ScreenConfig, ScreenFeed, ScreenResult } from "../core/screen";
import type { SavedScreen } from "../core/screen/saved";
import { failure, type Failure } from "../core/result";
import { buildResultsSheet } from "./results-sheet";
import { outputSheetProblem, sourceLabel } from "./sheets";
import { WorkbookError, type ProgressListener, type ScreenWorkbook, type SourceData, type SourceRef, type WriteReport } from "./workbook";

export interface RunRequest {
  readonly source: SourceRef;
  /** null: recognise the headers afresh. */
  readonly mapping: ColumnMapping | null;
  readonly config: ScreenConfig;
  readonly output: string;
  /** A saved screen's name (the results sheet's title); omitted for a one-off run. */
  readonly screenName?: string;
  readonly activate?: boolean;
  readonly onProgress?: ProgressListener;
}

export type RunOutcome =
  | {
      readonly ok: true;
      readonly result: ScreenResult;
      readonly report: WriteReport;
      readonly source: SourceData["source"];
    }
  | Failure;

/** Read, screen, write. Never throws for an expected problem. */
export async function runToSheet(workbook: ScreenWorkbook, request: RunRequest): Promise<RunOutcome> {
  const progress = request.onProgress ?? (() => undefined);
  // An engine refusal met while the rows stream in stops the read; it is returned as it is.
  let refused: Failure | undefined;
  try {
    const outputProblem = outputSheetProblem(request.output, request.source.sheet);
    if (outputProblem !== undefined) return failure("output-sheet-invalid", { problem: outputProblem });

    progress({ phase: "read", message: `Reading ${sourceLabel(request.source)}…` });
    // The rows go into the screen's typed columns block by block as they are read: the pane
    // never holds the source as cells (38 MB for 100,000 rows x 14 columns).
    let feed: ScreenFeed | undefined;
    const data = await workbook.readSource(request.source, {
      onRows: (rows) => {
        for (const row of rows) {
          if (feed !== undefined) {
            feed.add(row);
            continue;
          }
          const started = startScreen(row, request.config, request.mapping);
          if ("ok" in started) {
            refused = started;
            throw new WorkbookError(started.message);
          }
          feed = started;
        }
      },
    });
    if (feed === undefined) {
      // No header row at all: the engine says what it expected.
      const started = startScreen(data.headers, request.config, request.mapping);
      if ("ok" in started) return started;
      feed = started;
    }
    if (feed.rows === 0) {
      return failure("no-data-rows", { source: sourceLabel(data.source) });
    }

    const rows = feed.rows.toLocaleString("en-US");
    progress({ phase: "screen", message: `Screening ${rows} rows…`, fraction: 0 });
    const outcome = await feed.finishAsync({
      onProgress: (done, total) => progress({ phase: "screen", message: `Screening ${rows} rows…`, fraction: total === 0 ? 1 : done / total }),
    });
    if (!outcome.ok) return outcome;

    const sheet = buildResultsSheet(outcome.result, {
      sheet: request.output,
      screenName: request.screenName,
      sourceLabel: sourceLabel(data.source),
    });
    const report = await workbook.writeResults(sheet, { shape: data.shape, activate: request.activate, onProgress: progress });
    return { ok: true, result: outcome.result, report, source: data.source };
  } catch (error) {
    if (refused !== undefined) return refused;
    return hostFailure(error);
  }
}

export function refreshSaved(
  workbook: ScreenWorkbook,
  screen: SavedScreen,
  options: { readonly activate?: boolean; readonly onProgress?: ProgressListener } = {},
): Promise<RunOutcome> {
  return runToSheet(workbook, {
    source: screen.source,
    mapping: screen.mapping,
    config: screen.config,
    output: screen.output.sheet,
    screenName: screen.name,
    activate: options.activate,
    onProgress: options.onProgress,
  });
}

export interface RefreshAllEntry {
  readonly screen: SavedScreen;
  readonly outcome: RunOutcome;
}

/** Refreshes every saved screen in turn; one failure does not stop the others. */
export async function refreshAll(
  workbook: ScreenWorkbook,
  screens: readonly SavedScreen[],
  onProgress?: (index: number, screen: SavedScreen, step: Parameters<ProgressListener>[0]) => void,
): Promise<RefreshAllEntry[]> {
  const entries: RefreshAllEntry[] = [];
  for (let i = 0; i < screens.length; i++) {
    const screen = screens[i];
    const outcome = await refreshSaved(workbook, screen, { onProgress: (step) => onProgress?.(i, screen, step) });
    entries.push({ screen, outcome });
  }
  return entries;
}

export interface NewScreen {
  readonly name: string;
  readonly source: SourceRef;
  readonly mapping: ColumnMapping | null;
  readonly config: ScreenConfig;
  readonly output: string;
}

/**
 * Adds a screen to the list, or replaces the one with the same name (case-insensitive),
 * keeping its id. Returns the new list and the saved entry.
 */
export function upsertScreen(
  screens: readonly SavedScreen[],
  draft: NewScreen,
  now: Date = new Date(),
  newId: () => string = randomId,
): { screens: SavedScreen[]; saved: SavedScreen } {
  const name = draft.name.trim();
  const index = screens.findIndex((s) => s.name.toLowerCase() === name.toLowerCase());
  const saved: SavedScreen = {
    version: 1,
    id: index >= 0 ? screens[index].id : newId(),
    name,
    source: cleanSource(draft.source),
    mapping: draft.mapping,
    config: draft.config,
    output: { sheet: draft.output },
    savedAt: now.toISOString(),
  };
  const next = screens.slice();
  if (index >= 0) next[index] = saved;
  else next.push(saved);
  return { screens: next, saved };
}

export function removeScreen(screens: readonly SavedScreen[], id: string): SavedScreen[] {
  return screens.filter((s) => s.id !== id);
}

/** A table source keeps only sheet and table: its address follows the table as it grows. */
function cleanSource(source: SourceRef): SourceRef {
  if (source.table !== undefined) return { sheet: source.sheet, table: source.table };
  return { sheet: source.sheet, address: source.address };
}

function randomId(): string {
  const bytes = new Uint8Array(8);
  globalThis.crypto.getRandomValues(bytes);
  return "scr-" + Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

/** An error as the pane shows it. */
/** A host's exception as a failure: its own words when it foresaw the problem, else what went wrong. */
export function hostFailure(error: unknown): Failure {
  if (error instanceof WorkbookError) return failure("workbook-refused", { reason: error.message });
  return failure("host-failed", { detail: error instanceof Error ? error.message : String(error) });
}

export function describeError(error: unknown): string {
  return hostFailure(error).message;
}
