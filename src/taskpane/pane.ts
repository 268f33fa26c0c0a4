/**
 * The screener pane: pick the data, check the column mapping, choose a preset and its
 * criteria, run, read the summary and the top names, save and refresh screens.
 *
 * It talks to a `ScreenWorkbook` only (Excel or the preview's memory workbook) and computes
 * through the shared engine. Everything from the data is shown as text (see dom.ts); the
 * markup needs no inline script or style.
 *
 * This file is the coordinator: it builds one view per part of the pane (views/source,
 * mapping, criteria, results, saved, and the status line), holds the pane's state
 * (views/state.ts) and runs what spans views: a run, a refresh, opening a saved screen.
 * Each view builds its own elements and keeps them; nothing is looked up by id.
 *
 * Keyboard: every control has a label, the tab order follows the page, and Enter in any field
 * of the screen form runs the screen (it is a real <form>; submitting is handled in script).
 */
import { NO_DATA_ROWS } from "../core/screen";
import type { SavedScreen } from "../core/screen";
import { el, replaceChildren } from "./dom";
import type { PaneContext } from "./views/context";
import { criteriaView } from "./views/criteria";
import { mappingView } from "./views/mapping";
import { resultsView } from "./views/results";
import { savedView } from "./views/saved";
import { sourceView } from "./views/source";
import { createState, hasSource, screenSpec, setBusy } from "./views/state";
import { statusLine } from "./views/status";
import { refreshAll, refreshSaved, runToSheet, type RunOutcome } from "../workbook/screens";
import type { ScreenWorkbook } from "../workbook/workbook";

export interface PaneOptions {
  /** The clock for saved screens' timestamps (tests pin it). */
  readonly now?: () => Date;
  /** Called with the results card once a run or refresh has filled it (the browser preview scrolls it into view). */
  readonly onResults?: (card: HTMLElement) => void;
}

export interface Pane {
  /** Lists the workbook's tables and loads its saved screens. */
  start(): Promise<void>;
}

/** Builds the pane inside `root` and starts it. */
export async function mountPane(root: HTMLElement, workbook: ScreenWorkbook, paneOptions: PaneOptions = {}): Promise<Pane> {
  const pane = buildPane(root, workbook, paneOptions);
  await pane.start();
  return pane;
}

function buildPane(root: HTMLElement, workbook: ScreenWorkbook, { now = () => new Date(), onResults }: PaneOptions): Pane {
  const state = createState();
  const status = statusLine();
  const ctx: PaneContext = { workbook, state, status, busy };
  const mapping = mappingView(state);
  const criteria = criteriaView(state, mapping.render);
  const source = sourceView(ctx, () => {
    mapping.render();
    criteria.checkOutput();
  });
  const results = resultsView(onResults);
  const saved = savedView(ctx, { open, refresh, refreshAll: refreshEverything, nameOutputFor: criteria.nameOutputFor }, now);

  const runButton = el("button", { id: "run", className: "primary", text: "Run screen", attrs: { type: "submit" } });
  const form = el("form", { id: "screen-form", attrs: { novalidate: "", "aria-label": "Screen settings" } }, [
    source.element,
    mapping.element,
    criteria.element,
    el("div", { className: "actions" }, [runButton]),
    status.element,
  ]);
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    void run();
  });
  replaceChildren(root, [
    el("div", { className: "pane" }, [
      el("header", { className: "pane-header" }, [el("h1", { text: "SMALLCAP screener" }), el("span", { id: "host", className: "badge", text: workbook.hostName })]),
      form,
      results.element,
      saved.element,
    ]),
  ]);

  function busy(on: boolean): void {
    setBusy(state, on);
    root.classList.toggle("busy", on);
    runButton.disabled = on;
    source.setBusy(on);
    saved.setBusy(on);
    if (!on) status.idle();
    root.setAttribute("aria-busy", on ? "true" : "false");
  }

  async function run(): Promise<void> {
    if (state.busy) return;
    if (!hasSource(state)) {
      status.say("Choose a table or use the current selection first.", "error");
      return;
    }
    const problem = mapping.problem() ?? criteria.problem();
    if (problem !== undefined) {
      status.say(problem, "error");
      return;
    }
    busy(true);
    const outcome = await runToSheet(workbook, { ...screenSpec(state), activate: true, onProgress: status.progress });
    busy(false);
    showOutcome(outcome, undefined);
  }

  function showOutcome(outcome: RunOutcome, screenName: string | undefined): void {
    if (!outcome.ok) {
      status.say(outcome.message, "error");
      return;
    }
    const { result, report } = outcome;
    const s = result.summary;
    const failure = (result.messages ?? []).find((m) => m.level === "error");
    const verdict = s.rowsScreened === 0 ? NO_DATA_ROWS : `${s.rowsPassing.toLocaleString("en-US")} of ${s.rowsScreened.toLocaleString("en-US")} rows pass.`;
    status.say(
      `${screenName !== undefined ? `${screenName}: ` : ""}${verdict} Results are on the sheet "${report.sheet}".` + (failure === undefined ? "" : ` ${failure.message}`),
      failure !== undefined ? "error" : s.rowsScreened === 0 ? "info" : "success",
    );
    results.show(result, report.sheet, screenName);
  }

  /** A saved screen's settings into the form, its source read afresh, its mapping if it kept one. */
  async function open(screen: SavedScreen): Promise<void> {
    saved.showName(screen.name);
    criteria.load(screen);
    if (screen.source.table !== undefined) source.showTable(screen.source.table);
    await source.choose(screen.source);
    if (screen.mapping !== null && state.report !== null) mapping.useSaved(screen.mapping);
    criteria.render();
  }

  async function refresh(screen: SavedScreen): Promise<void> {
    if (state.busy) return;
    busy(true);
    const outcome = await refreshSaved(workbook, screen, { activate: true, onProgress: status.progress });
    busy(false);
    showOutcome(outcome, screen.name);
  }

  async function refreshEverything(): Promise<void> {
    if (state.busy || state.saved.length === 0) return;
    busy(true);
    const total = state.saved.length;
    const entries = await refreshAll(workbook, state.saved, (index, screen, step) =>
      status.progress({ ...step, message: `${index + 1} of ${total}, ${screen.name}: ${step.message}` }),
    );
    busy(false);
    const failed = entries.filter((e) => !e.outcome.ok);
    const last = [...entries].reverse().find((e) => e.outcome.ok);
    if (last !== undefined && last.outcome.ok) results.show(last.outcome.result, last.outcome.report.sheet, last.screen.name);
    if (failed.length === 0) {
      status.say(`Refreshed ${total} saved ${total === 1 ? "screen" : "screens"}.`, "success");
    } else {
      status.say(
        `Refreshed ${total - failed.length} of ${total}. ${failed.map((e) => `${e.screen.name}: ${e.outcome.ok ? "" : e.outcome.message}`).join(" ")}`,
        "error",
      );
    }
  }

  return {
    async start(): Promise<void> {
      status.say("Loading tables and saved screens…");
      try {
        await source.loadTables();
        await saved.load();
        status.say(state.tables.length > 0 ? "Choose the data to screen." : "No tables here: select the data in the sheet and use the current selection.");
      } catch (error) {
        status.failed(error);
      }
    },
  };
}
