/**
 * The screener pane: pick the data, check the column mapping, choose a preset and its
 * criteria, run, read the summary and the top names, save and refresh screens.
 *
 * It talks to a `ScreenWorkbook` only (Excel or the preview's memory workbook) and computes
 * through the shared engine. Everything from the data is shown as text (see dom.ts); the
 * markup needs no inline script or style.
 *
 * Keyboard: every control has a label, the tab order follows the page, and Enter in any field
 * of the screen form runs the screen (it is a real <form>; submitting is handled in script).
 */
import {
  FIELD_HEADERS,
  FIELD_IDS,
  NO_DATA_ROWS,
  checkSetting,
  criterionDef,
  describeContext,
  describeMapping,
  formatFixed,
  mappingNotes,
  mapColumns,
  presetConfig,
} from "../core/screen";
import type { ColumnMapping, CriterionId, FieldId, MappingReport, PresetId, ScreenConfig, ScreenResult } from "../core/screen";
import { columnLetters } from "../workbook/a1";
import { indexDrag } from "../workbook/results-layout";
import type { SavedScreen } from "../core/screen/saved";
import { append, el, must, options, replaceChildren } from "./dom";
import { shockCurveFigure } from "./shock-curve";
import { refreshAll, refreshSaved, removeScreen, runToSheet, upsertScreen, describeError, type RunOutcome } from "../workbook/screens";
import { defaultOutputSheet, outputSheetProblem, sourceLabel } from "../workbook/sheets";
import type { ProgressStep, ScreenWorkbook, SourceRef, TableInfo } from "../workbook/workbook";

/** Words for each field, as the mapping editor lists them. */
const FIELD_LABELS: Readonly<Record<FieldId, string>> = {
  ticker: "Ticker",
  name: "Company name",
  sector: "Sector",
  period: "Period (long tables: fiscal year of each row)",
  restated: "Restated date (long tables)",
  marketCap: "Market cap",
  revenue: "Revenue",
  revenuePrior: "Revenue, prior year",
  ebit: "EBIT",
  ebitPrior: "EBIT, prior year",
  interestExpense: "Interest expense",
  totalDebt: "Total debt",
  longTermDebt: "Long-term debt",
  shortTermDebt: "Short-term debt",
  floatingShare: "Floating-rate share of debt",
  floatingDebt: "Floating-rate debt",
  wamYears: "Debt maturity (WAM, years)",
  fcf: "Free cash flow",
  domesticShare: "Domestic revenue share",
  infrastructureShare: "Infrastructure revenue share",
  forwardPe: "Forward P/E",
  earnings: "Earnings (net income)",
  shortInterest: "Short interest",
  floatShares: "Float (shares)",
  avgDailyVolume: "Average daily volume",
};

const PRESETS: readonly { readonly id: PresetId; readonly label: string; readonly hint: string }[] = [
  { id: "quality", label: "Quality", hint: "The framework's seven quality tests for small caps." },
  { id: "zombies", label: "Zombies", hint: "Keeps the companies whose interest cover is below the zombie line." },
  { id: "stress", label: "Rate stress", hint: "Keeps the companies whose cover survives the rate shock." },
];

const TOP_NAMES = 10;

export interface PaneOptions {
  /** The clock for saved screens' timestamps (tests pin it). */
  readonly now?: () => Date;
  /** Called with the results card once a run or refresh has filled it (the browser preview scrolls it into view). */
  readonly onResults?: (card: HTMLElement) => void;
}

interface State {
  tables: readonly TableInfo[];
  source: SourceRef | null;
  headers: readonly unknown[];
  rowCount: number;
  report: MappingReport | null;
  mapping: ColumnMapping | null;
  mappingEdited: boolean;
  config: ScreenConfig;
  output: string;
  outputEdited: boolean;
  saved: SavedScreen[];
  busy: boolean;
}

/** Builds the pane inside `root` and starts it. */
export async function mountPane(root: HTMLElement, workbook: ScreenWorkbook, paneOptions: PaneOptions = {}): Promise<Pane> {
  const pane = new Pane(root, workbook, paneOptions);
  await pane.start();
  return pane;
}

export class Pane {
  private readonly state: State = {
    tables: [],
    source: null,
    headers: [],
    rowCount: 0,
    report: null,
    mapping: null,
    mappingEdited: false,
    config: presetConfig("quality"),
    output: defaultOutputSheet(),
    outputEdited: false,
    saved: [],
    busy: false,
  };
  private readonly now: () => Date;
  private readonly onResults: ((card: HTMLElement) => void) | undefined;

  constructor(
    private readonly root: HTMLElement,
    private readonly workbook: ScreenWorkbook,
    paneOptions: PaneOptions,
  ) {
    this.now = paneOptions.now ?? (() => new Date());
    this.onResults = paneOptions.onResults;
    replaceChildren(root, [this.build()]);
    this.renderCriteria();
  }

  async start(): Promise<void> {
    this.setStatus("Loading tables and saved screens…");
    try {
      await this.loadTables();
      await this.loadSaved();
      this.setStatus(this.state.tables.length > 0 ? "Choose the data to screen." : "No tables here: select the data in the sheet and use the current selection.");
    } catch (error) {
      this.setStatus(describeError(error), "error");
    }
  }

  // ---- building --------------------------------------------------------------------------

  private build(): HTMLElement {
    const form = el("form", { id: "screen-form", attrs: { novalidate: "", "aria-label": "Screen settings" } });
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      void this.run();
    });

    const tableSelect = el("select", { id: "source-table" });
    tableSelect.addEventListener("change", () => {
      const table = this.state.tables.find((t) => t.name === tableSelect.value);
      if (table !== undefined) void this.chooseSource({ sheet: table.sheet, table: table.name });
    });
    const selectionButton = el("button", { id: "use-selection", className: "secondary", text: "Use current selection", attrs: { type: "button" } });
    selectionButton.addEventListener("click", () => void this.useSelection());

    const presetSelect = el("select", { id: "preset" });
    options(presetSelect, PRESETS.map((p) => ({ value: p.id, label: p.label })), "quality");
    presetSelect.addEventListener("change", () => this.choosePreset(presetSelect.value as PresetId));

    const shock = el("input", { id: "shock", attrs: { type: "number", step: "25", inputmode: "numeric", "aria-describedby": "shock-hint" } });
    shock.value = String(this.state.config.shockBps);
    shock.addEventListener("input", () => this.readShock());

    // The zombie window: the framework's 3 fiscal periods unless the analyst sets another count.
    const zombieYears = el("input", { id: "zombie-years", attrs: { type: "number", step: "1", min: "1", inputmode: "numeric", "aria-describedby": "zombie-years-hint" } });
    zombieYears.value = String(describeContext(this.state.config).zombieYears);
    zombieYears.addEventListener("input", () => this.readZombieYears());

    // How an interest column of both signs is read: by its convention (default) or by magnitude.
    const magnitude = el("input", { id: "interest-magnitude", attrs: { type: "checkbox" } });
    magnitude.addEventListener("change", () => {
      const rest = { ...this.state.config };
      delete (rest as { interestSign?: string }).interestSign;
      this.state.config = magnitude.checked ? { ...rest, interestSign: "magnitude" } : rest;
    });

    const output = el("input", { id: "output", attrs: { type: "text", maxlength: "31", autocomplete: "off", spellcheck: "false" } });
    output.value = this.state.output;
    output.addEventListener("input", () => {
      this.state.output = output.value;
      this.state.outputEdited = true;
      this.checkOutput();
    });

    const runButton = el("button", { id: "run", className: "primary", text: "Run screen", attrs: { type: "submit" } });

    append(form, [
      section("Data", "data-heading", [
        field("source-table", "Table", tableSelect),
        el("div", { className: "row" }, [selectionButton]),
        el("p", { id: "source-status", className: "note", attrs: { "aria-live": "polite" } }),
      ]),
      section("Columns", "columns-heading", [
        el("p", { id: "mapping-summary", className: "note", text: "Choose the data first." }),
        el("div", { id: "mapping" }),
      ]),
      section("Screen", "screen-heading", [
        field("preset", "Preset", presetSelect),
        el("p", { id: "preset-hint", className: "note", text: PRESETS[0].hint }),
        field("shock", "Rate shock on floating-rate debt (bp)", shock),
        el("p", { id: "shock-hint", className: "note", text: "200 bp is +2.00 percentage points." }),
        field("zombie-years", "Zombie test: fiscal periods", zombieYears),
        el("div", { className: "row" }, [
          magnitude,
          el("label", { text: "Read interest of both signs by size (default: the column's convention; the minority sign is net interest income)", attrs: { for: "interest-magnitude" } }),
        ]),
        el("p", { id: "zombie-years-hint", className: "note", text: "ICR below the line in each of the latest N fiscal periods (the framework's 3). Fewer known periods: unknown." }),
        el("fieldset", { id: "criteria", className: "criteria" }, [el("legend", { text: "Criteria" })]),
        field("output", "Results sheet", output),
        el("p", { id: "output-problem", className: "message error", attrs: { role: "alert", hidden: "" } }),
      ]),
      el("div", { className: "actions" }, [runButton]),
      el("div", { className: "progress-area" }, [
        el("progress", { id: "progress", attrs: { max: "1", value: "0", "aria-label": "Progress", hidden: "" } }),
        el("p", { id: "status", className: "status", attrs: { role: "status", "aria-live": "polite" } }),
      ]),
    ]);

    const saveName = el("input", { id: "screen-name", attrs: { type: "text", maxlength: "80", autocomplete: "off", placeholder: "e.g. UK quality" } });
    saveName.addEventListener("keydown", (event) => {
      if (event.key === "Enter") {
        event.preventDefault();
        void this.save();
      }
    });
    const saveButton = el("button", { id: "save", className: "secondary", text: "Save screen", attrs: { type: "button" } });
    saveButton.addEventListener("click", () => void this.save());
    const refreshAllButton = el("button", { id: "refresh-all", className: "secondary", text: "Refresh all", attrs: { type: "button", disabled: "" } });
    refreshAllButton.addEventListener("click", () => void this.refreshEverything());

    return el("div", { className: "pane" }, [
      el("header", { className: "pane-header" }, [
        el("h1", { text: "SMALLCAP screener" }),
        el("span", { id: "host", className: "badge", text: this.workbook.hostName }),
      ]),
      form,
      el("section", { id: "results", className: "card results", attrs: { "aria-labelledby": "results-heading", hidden: "" } }, [
        el("h2", { id: "results-heading", text: "Results" }),
        el("p", { id: "results-where", className: "note" }),
        el("ul", { id: "run-messages", className: "run-messages", attrs: { hidden: "" } }),
        el("dl", { id: "summary", className: "summary" }),
        el("figure", { id: "shock-figure", className: "shock-figure" }),
        el("h3", { text: "Top names" }),
        el("table", { id: "top-names", className: "top-names" }),
        el("p", { id: "data-problems", className: "note" }),
      ]),
      el("section", { id: "saved", className: "card", attrs: { "aria-labelledby": "saved-heading" } }, [
        el("h2", { id: "saved-heading", text: "Saved screens" }),
        field("screen-name", "Name", saveName),
        el("div", { className: "row" }, [saveButton, refreshAllButton]),
        el("ul", { id: "saved-list", className: "saved-list" }),
        el("p", { id: "saved-problems", className: "message warning", attrs: { hidden: "" } }),
      ]),
    ]);
  }

  private $<T extends Element = HTMLElement>(selector: string): T {
    return must<T>(this.root, selector);
  }

  // ---- data and mapping -----------------------------------------------------------------

  private async loadTables(): Promise<void> {
    this.state.tables = await this.workbook.listTables();
    const select = this.$<HTMLSelectElement>("#source-table");
    options(
      select,
      [
        { value: "", label: this.state.tables.length === 0 ? "No tables in this workbook" : "Choose a table…" },
        ...this.state.tables.map((t) => ({ value: t.name, label: `${t.name} (${t.sheet}, ${t.rows.toLocaleString("en-US")} rows)` })),
      ],
      this.state.source?.table ?? "",
    );
    select.disabled = this.state.tables.length === 0;
  }

  private async useSelection(): Promise<void> {
    if (this.state.busy) return;
    const read = await this.guarded(() => this.workbook.getSelection());
    if (!read.ok) return;
    const selection = read.value;
    if (selection === null) {
      this.setStatus("Select the block of data in the sheet, header row first, then press Use current selection again.", "error");
      return;
    }
    this.$<HTMLSelectElement>("#source-table").value = "";
    await this.chooseSource({ sheet: selection.sheet, address: selection.address }, selection.widened);
  }

  private async chooseSource(source: SourceRef, widened = false): Promise<void> {
    this.setBusy(true);
    this.setStatus(`Reading ${sourceLabel(source)}…`);
    try {
      // Only the headers and a count are needed here: one small read, whatever the source's size.
      const data = await this.workbook.readSource(source, { headerOnly: true });
      const dataRows = data.rowCount ?? data.rows.length;
      this.state.source = data.source.table !== undefined ? { sheet: data.source.sheet, table: data.source.table } : data.source;
      this.state.headers = data.headers;
      this.state.rowCount = dataRows;
      this.state.report = mapColumns(data.headers);
      this.state.mapping = this.state.report.mapping;
      this.state.mappingEdited = false;
      const where = sourceLabel(data.source);
      const rows = dataRows.toLocaleString("en-US");
      const tip = data.source.table === undefined ? " Tip: format the data as a table (Ctrl+T) so saved screens pick up new rows." : "";
      this.$("#source-status").textContent = `${widened ? "Selection widened to its block: " : "Using "}${where}: ${rows} data rows, ${data.headers.length} columns.${tip}`;
      this.renderMapping();
      this.checkOutput();
      this.setStatus(this.state.report.recognised.length > 0 ? "Check the columns, then run the screen." : "");
    } catch (error) {
      this.setStatus(describeError(error), "error");
    } finally {
      this.setBusy(false);
    }
  }

  private renderMapping(): void {
    const report = this.state.report;
    const container = this.$("#mapping");
    const summary = this.$("#mapping-summary");
    summary.classList.remove("error");
    if (report === null) {
      replaceChildren(container, []);
      summary.textContent = "Choose the data first.";
      return;
    }
    const headers = this.state.headers;
    if (report.recognised.length === 0) {
      replaceChildren(container, []);
      summary.classList.add("error");
      const shown = headers.map((h) => String(h ?? "")).filter((h) => h !== "").slice(0, 8);
      summary.textContent =
        `No recognisable columns in ${this.state.source === null ? "this data" : sourceLabel(this.state.source)}. ` +
        `Expected headers such as ${(["ticker", "ebit", "interestExpense", "totalDebt", "fcf"] as FieldId[]).map((f) => FIELD_HEADERS[f][0]).join(", ")}; ` +
        `found ${shown.length > 0 ? shown.join(", ") : "no header text"}. Check that the first row is the header row.`;
      return;
    }
    const mapping = this.state.mapping ?? report.mapping;
    const used = Object.keys(mapping.fields).length;
    summary.textContent = `${report.recognised.length} of ${headers.length} columns recognised; ${used} fields fed.${this.state.mappingEdited ? " (edited)" : ""}`;

    const choices = [{ value: "", label: "— not used —" }, ...headers.map((h, i) => ({ value: String(i), label: `${columnLetters(i + 1)}: ${String(h ?? "")}` }))];
    const row = (fieldId: FieldId) => {
      const id = `map-${fieldId}`;
      const select = el("select", { id, attrs: { "data-field": fieldId } });
      const current = mapping.fields[fieldId];
      options(select, choices, current === undefined ? "" : String(current));
      select.addEventListener("change", () => this.editMapping(fieldId, select.value));
      const label = el("label", { text: FIELD_LABELS[fieldId], attrs: { for: id } });
      if (current === undefined) label.classList.add("unused");
      return el("div", { className: "mapping-row" }, [label, select]);
    };
    // Fields fed by a column first; the others folded away but one click (or Enter) from editing.
    const fed = FIELD_IDS.filter((f) => mapping.fields[f] !== undefined);
    const unfed = FIELD_IDS.filter((f) => mapping.fields[f] === undefined);
    const more =
      unfed.length === 0
        ? null
        : el("details", { id: "more-fields", className: "more-fields" }, [
            el("summary", { text: `${unfed.length} more ${unfed.length === 1 ? "field" : "fields"}, not fed` }),
            el("div", { className: "mapping" }, unfed.map(row)),
          ]);
    if (more !== null && (this.root.querySelector<HTMLDetailsElement>("#more-fields")?.open ?? false)) more.open = true;
    const history =
      mapping.ebitHistory.length > 0
        ? el("p", {
            className: "note",
            text: `Periods for the multi-year zombie test: ${mapping.ebitHistory.map((c) => String(headers[c] ?? "")).join(", ")} with ${mapping.interestHistory
              .map((c) => String(headers[c] ?? ""))
              .join(", ")}.`,
          })
        : null;
    // What the mapping assumed (estimates left out, units, the zombie window): visible, and changed above or in the settings.
    const notes = mappingNotes(headers, report, this.state.config).map((n) => el("li", { className: `note ${n.level}`, text: n.message }));
    const estimates = report.ignored.filter((i) => i.reason !== undefined).map((i) => el("li", { className: "note info", text: `${i.header}: ${i.reason}` }));
    const assumptions = notes.length + estimates.length === 0 ? null : el("ul", { id: "mapping-notes", className: "mapping-notes" }, [...notes, ...estimates]);
    replaceChildren(container, [el("div", { className: "mapping" }, fed.map(row)), more, history, assumptions]);
  }

  private editMapping(fieldId: FieldId, value: string): void {
    const base = this.state.mapping ?? this.state.report?.mapping;
    if (base === undefined) return;
    const fields: Partial<Record<FieldId, number>> = { ...base.fields };
    if (value === "") delete fields[fieldId];
    else fields[fieldId] = Number(value);
    this.state.mapping = { ...base, fields };
    this.state.mappingEdited = true;
    this.state.report = describeMapping(this.state.headers, this.state.mapping);
    this.renderMapping();
    const select = this.root.querySelector<HTMLSelectElement>(`#map-${fieldId}`);
    const details = select?.closest("details");
    if (details !== null && details !== undefined) details.open = true;
    select?.focus();
  }

  // ---- preset and criteria --------------------------------------------------------------

  private choosePreset(preset: PresetId): void {
    const shock = this.state.config.shockBps;
    const years = this.state.config.zombieYears;
    const sign = this.state.config.interestSign;
    this.state.config = { ...presetConfig(preset), shockBps: shock, ...(years !== undefined ? { zombieYears: years } : {}), ...(sign !== undefined ? { interestSign: sign } : {}) };
    this.$("#preset-hint").textContent = PRESETS.find((p) => p.id === preset)?.hint ?? "";
    this.renderCriteria();
  }

  /** A number setting's input: marked invalid with the reason, or its value stored in the config (true). */
  private readNumberSetting(selector: string, key: "shockBps" | "zombieYears", whenEmpty: string): boolean {
    const input = this.$<HTMLInputElement>(selector);
    const value = Number(input.value);
    const problem = input.value.trim() === "" ? whenEmpty : checkSetting(key, value);
    input.setCustomValidity(problem ?? "");
    input.classList.toggle("invalid", problem !== null);
    if (problem !== null) return false;
    this.state.config = { ...this.state.config, [key]: value };
    this.updateCriterionLabels();
    return true;
  }

  private readShock(): void {
    this.readNumberSetting("#shock", "shockBps", "Give the shock in basis points.");
  }

  private readZombieYears(): void {
    if (this.readNumberSetting("#zombie-years", "zombieYears", "Give the number of fiscal periods (3 by default).")) this.renderMapping();
  }

  private renderCriteria(): void {
    const fieldset = this.$("#criteria");
    const legend = el("legend", { text: "Criteria" });
    const rows = this.state.config.criteria.map((setting) => {
      const def = criterionDef(setting.id);
      const check = el("input", { id: `on-${setting.id}`, attrs: { type: "checkbox" } });
      check.checked = setting.enabled;
      check.addEventListener("change", () => this.updateCriterion(setting.id, { enabled: check.checked }));
      const threshold = el("input", {
        id: `thr-${setting.id}`,
        className: "threshold",
        attrs: { type: "number", step: stepFor(def.threshold.unit), "aria-label": `Threshold: ${def.threshold.meaning}`, title: def.threshold.meaning },
      });
      threshold.value = String(setting.threshold);
      threshold.disabled = !setting.enabled;
      threshold.addEventListener("input", () => {
        const value = Number(threshold.value);
        const problem = threshold.value.trim() === "" ? "Give a number." : checkSetting(setting.id, value);
        threshold.setCustomValidity(problem ?? "");
        threshold.classList.toggle("invalid", problem !== null);
        threshold.title = problem ?? def.threshold.meaning;
        if (problem === null) this.updateCriterion(setting.id, { threshold: value });
      });
      const label = el("label", { id: `label-${setting.id}`, text: this.describe(setting.id, setting.threshold), attrs: { for: `on-${setting.id}` } });
      return el("div", { className: "criterion" }, [check, label, threshold]);
    });
    replaceChildren(fieldset, [legend, ...rows]);
  }

  private updateCriterion(id: CriterionId, change: { enabled?: boolean; threshold?: number }): void {
    this.state.config = {
      ...this.state.config,
      criteria: this.state.config.criteria.map((c) => (c.id === id ? { ...c, ...change } : c)),
    };
    const setting = this.state.config.criteria.find((c) => c.id === id);
    if (setting === undefined) return;
    this.$<HTMLInputElement>(`#thr-${id}`).disabled = !setting.enabled;
    this.$(`#label-${id}`).textContent = this.describe(id, setting.threshold);
  }

  private updateCriterionLabels(): void {
    for (const setting of this.state.config.criteria) {
      const label = this.root.querySelector(`#label-${setting.id}`);
      if (label !== null) label.textContent = this.describe(setting.id, setting.threshold);
    }
  }

  private describe(id: CriterionId, threshold: number): string {
    const periods = this.state.mapping?.ebitHistory.length ?? 0;
    return criterionDef(id).describe(threshold, {
      shockBps: this.state.config.shockBps,
      zombieYears: describeContext(this.state.config, periods).zombieYears,
    });
  }

  private checkOutput(): boolean {
    const problem = outputSheetProblem(this.state.output, this.state.source?.sheet);
    const box = this.$("#output-problem");
    box.textContent = problem ?? "";
    box.hidden = problem === undefined;
    this.$<HTMLInputElement>("#output").setAttribute("aria-invalid", problem === undefined ? "false" : "true");
    return problem === undefined;
  }

  /** The first problem with the form, in words, or undefined when it can run. */
  private formProblem(): string | undefined {
    if (this.state.source === null) return "Choose a table or use the current selection first.";
    if (this.state.report !== null && this.state.report.recognised.length === 0 && !this.state.mappingEdited) {
      return this.$("#mapping-summary").textContent ?? "No recognisable columns.";
    }
    const invalid = this.root.querySelector<HTMLInputElement>("#screen-form input:invalid");
    if (invalid !== null) {
      invalid.focus();
      return invalid.validationMessage || "A number in the form is not valid.";
    }
    if (!this.state.config.criteria.some((c) => c.enabled)) return "Switch on at least one criterion.";
    if (!this.checkOutput()) return this.$("#output-problem").textContent ?? "Check the results sheet name.";
    return undefined;
  }

  // ---- running --------------------------------------------------------------------------

  private async run(): Promise<void> {
    if (this.state.busy) return;
    const problem = this.formProblem();
    if (problem !== undefined || this.state.source === null) {
      this.setStatus(problem ?? "Choose the data first.", "error");
      return;
    }
    this.setBusy(true);
    const outcome = await runToSheet(this.workbook, {
      source: this.state.source,
      mapping: this.state.mappingEdited ? this.state.mapping : null,
      config: this.state.config,
      output: this.state.output,
      activate: true,
      onProgress: (step) => this.progress(step),
    });
    this.setBusy(false);
    this.showOutcome(outcome, undefined);
  }

  private showOutcome(outcome: RunOutcome, screenName: string | undefined): void {
    if (!outcome.ok) {
      this.setStatus(outcome.message, "error");
      return;
    }
    const { result, report } = outcome;
    const s = result.summary;
    const failure = (result.messages ?? []).find((m) => m.level === "error");
    const verdict = s.rowsScreened === 0 ? NO_DATA_ROWS : `${s.rowsPassing.toLocaleString("en-US")} of ${s.rowsScreened.toLocaleString("en-US")} rows pass.`;
    this.setStatus(
      `${screenName !== undefined ? `${screenName}: ` : ""}${verdict} Results are on the sheet "${report.sheet}".` + (failure === undefined ? "" : ` ${failure.message}`),
      failure !== undefined ? "error" : s.rowsScreened === 0 ? "info" : "success",
    );
    this.renderResults(result, report.sheet, screenName);
  }

  private renderResults(result: ScreenResult, sheet: string, screenName: string | undefined): void {
    const s = result.summary;
    this.$("#results").hidden = false;
    this.$("#results-where").textContent = `${screenName !== undefined ? `${screenName} · ` : ""}sheet "${sheet}" · preset ${result.config.preset} · +${result.config.shockBps} bp`;
    // Every warning and assumption of the run, errors first: never a quiet success.
    const order = { error: 0, warning: 1, info: 2 } as const;
    const messages = [...(result.messages ?? [])].sort((a, b) => order[a.level] - order[b.level]);
    const list = this.$("#run-messages");
    replaceChildren(list, messages.map((m) => el("li", { className: `message ${m.level}`, text: m.message })));
    list.hidden = messages.length === 0;
    const drag = indexDrag(s);
    const items: [string, string][] = [
      ["Rows screened", count(s.rowsScreened)],
      ["Passing", count(s.rowsPassing)],
      ["Zombies", s.zombieShare === null ? count(s.zombieCount) : `${count(s.zombieCount)} (${percent(s.zombieShare)})`],
      ["Unprofitable (EBIT < 0)", s.unprofitableShare === null ? "n/a" : percent(s.unprofitableShare)],
      ["Index P/E", fixed(s.indexPe, 1)],
      ["Index P/E ex-unprofitable", fixed(s.indexPeExUnprofitable, 1)],
      ["Index drag (P/E points)", drag === null ? "n/a" : (drag >= 0 ? "+" : "") + drag.toFixed(1)],
    ];
    replaceChildren(
      this.$("#summary"),
      items.flatMap(([term, value]) => [el("dt", { text: term }), el("dd", { text: value })]),
    );

    // The universe's rate-shock curve, the numbers of the results sheet's second chart.
    replaceChildren(this.$("#shock-figure"), [
      el("figcaption", { text: `If rates rise: share below 1x and 1.5x ICR (dot: this screen's +${result.config.shockBps} bp)` }),
      shockCurveFigure(result.shockCurve()),
    ]);

    // The best names only: result.order lists passing rows by rank first.
    const top = Array.from(result.order.subarray(0, Math.min(TOP_NAMES, result.summary.rowsPassing)), (i) => result.row(i));
    const table = this.$("#top-names");
    if (top.length === 0) {
      replaceChildren(table, [el("caption", { text: s.rowsScreened === 0 ? NO_DATA_ROWS : "No row passes every active criterion." })]);
    } else {
      replaceChildren(table, [
        el("thead", {}, [el("tr", {}, ["#", "Ticker", "Name", "Score", "ICR"].map((h) => el("th", { text: h, attrs: { scope: "col" } })))]),
        el(
          "tbody",
          {},
          top.map((r) =>
            el("tr", {}, [
              el("td", { className: "num", text: String(r.rank ?? "") }),
              el("td", { className: "ticker", text: r.ticker ?? "" }),
              el("td", { className: "name", text: r.name ?? "" }),
              el("td", { className: "num", text: fixed(r.score, 1) }),
              // A passing row with no ICR has no interest to cover (infinite cover); otherwise it is not known.
              el("td", { className: "num", text: r.icr !== null ? fixed(r.icr, 2) : r.verdicts.icr === "pass" ? "∞" : "–" }),
            ]),
          ),
        ),
      ]);
    }
    const unknown = result.rowsWithUnknown;
    this.$("#data-problems").textContent =
      unknown > 0 ? `${count(unknown)} ${unknown === 1 ? "row has" : "rows have"} missing or unreadable data for a criterion; the Reason column on the sheet says which.` : "";
    this.onResults?.(this.$("#results"));
  }

  private progress(step: ProgressStep): void {
    const bar = this.$<HTMLProgressElement>("#progress");
    bar.hidden = false;
    if (step.fraction === undefined) bar.removeAttribute("value");
    else bar.value = step.fraction;
    this.setStatus(step.message);
  }

  // ---- saved screens --------------------------------------------------------------------

  private async loadSaved(): Promise<void> {
    const read = await this.workbook.loadSavedScreens();
    this.state.saved = read.screens.slice();
    const problems = this.$("#saved-problems");
    problems.textContent = read.problems.join(" ");
    problems.hidden = read.problems.length === 0;
    this.renderSaved();
  }

  private renderSaved(): void {
    const list = this.$("#saved-list");
    this.$<HTMLButtonElement>("#refresh-all").disabled = this.state.saved.length === 0 || this.state.busy;
    if (this.state.saved.length === 0) {
      replaceChildren(list, [el("li", { className: "empty note", text: "No saved screens yet. Run a screen, name it and save it to refresh it later." })]);
      return;
    }
    replaceChildren(
      list,
      this.state.saved.map((screen) => {
        const open = el("button", { className: "link", text: screen.name, attrs: { type: "button", title: "Load these settings into the form" } });
        open.addEventListener("click", () => void this.open(screen));
        const refresh = el("button", { className: "secondary small", text: "Refresh", attrs: { type: "button", "aria-label": `Refresh ${screen.name}` } });
        refresh.addEventListener("click", () => void this.refreshOne(screen));
        const remove = el("button", { className: "subtle small", text: "Remove", attrs: { type: "button", "aria-label": `Remove ${screen.name}` } });
        remove.addEventListener("click", () => void this.remove(screen));
        const preset = PRESETS.find((p) => p.id === screen.config.preset)?.label ?? screen.config.preset;
        return el("li", { className: "saved-item", attrs: { "data-id": screen.id } }, [
          el("div", { className: "saved-main" }, [
            open,
            el("span", { className: "note", text: `${preset} · ${sourceLabel(screen.source)} → ${screen.output.sheet}` }),
          ]),
          el("div", { className: "saved-actions" }, [refresh, remove]),
        ]);
      }),
    );
  }

  private async save(): Promise<void> {
    if (this.state.busy) return;
    const nameInput = this.$<HTMLInputElement>("#screen-name");
    const name = nameInput.value.trim();
    if (name === "") {
      this.setStatus("Give the screen a name to save it.", "error");
      nameInput.focus();
      return;
    }
    if (this.state.source === null) {
      this.setStatus("Choose the data before saving a screen.", "error");
      return;
    }
    if (!this.state.outputEdited || this.state.output === defaultOutputSheet()) {
      this.state.output = defaultOutputSheet(name);
      this.$<HTMLInputElement>("#output").value = this.state.output;
    }
    if (!this.checkOutput()) {
      this.setStatus(this.$("#output-problem").textContent ?? "Check the results sheet name.", "error");
      return;
    }
    const { screens, saved } = upsertScreen(
      this.state.saved,
      {
        name,
        source: this.state.source,
        mapping: this.state.mappingEdited ? this.state.mapping : null,
        config: this.state.config,
        output: this.state.output,
      },
      this.now(),
    );
    const written = await this.guarded(() => this.workbook.saveSavedScreens(screens));
    if (!written.ok) return;
    this.state.saved = screens;
    this.renderSaved();
    this.setStatus(`Saved "${saved.name}". Refresh it any time from the list below.`, "success");
  }

  private async remove(screen: SavedScreen): Promise<void> {
    if (this.state.busy) return;
    const screens = removeScreen(this.state.saved, screen.id);
    const written = await this.guarded(() => this.workbook.saveSavedScreens(screens));
    if (!written.ok) return;
    this.state.saved = screens;
    this.renderSaved();
    this.setStatus(`Removed "${screen.name}". Its results sheet stays in the workbook.`);
  }

  private async open(screen: SavedScreen): Promise<void> {
    this.$<HTMLInputElement>("#screen-name").value = screen.name;
    this.$<HTMLSelectElement>("#preset").value = screen.config.preset;
    this.state.config = screen.config;
    this.$<HTMLInputElement>("#shock").value = String(screen.config.shockBps);
    this.$<HTMLInputElement>("#zombie-years").value = String(describeContext(screen.config).zombieYears);
    this.$<HTMLInputElement>("#interest-magnitude").checked = screen.config.interestSign === "magnitude";
    this.$("#preset-hint").textContent = PRESETS.find((p) => p.id === screen.config.preset)?.hint ?? "";
    this.state.output = screen.output.sheet;
    this.state.outputEdited = true;
    this.$<HTMLInputElement>("#output").value = screen.output.sheet;
    this.renderCriteria();
    if (screen.source.table !== undefined) this.$<HTMLSelectElement>("#source-table").value = screen.source.table;
    await this.chooseSource(screen.source);
    if (screen.mapping !== null && this.state.report !== null) {
      this.state.mapping = screen.mapping;
      this.state.mappingEdited = true;
      this.state.report = describeMapping(this.state.headers, screen.mapping);
      this.renderMapping();
    }
    this.renderCriteria();
  }

  private async refreshOne(screen: SavedScreen): Promise<void> {
    if (this.state.busy) return;
    this.setBusy(true);
    const outcome = await refreshSaved(this.workbook, screen, { activate: true, onProgress: (step) => this.progress(step) });
    this.setBusy(false);
    this.showOutcome(outcome, screen.name);
  }

  private async refreshEverything(): Promise<void> {
    if (this.state.busy || this.state.saved.length === 0) return;
    this.setBusy(true);
    const total = this.state.saved.length;
    const entries = await refreshAll(this.workbook, this.state.saved, (index, screen, step) =>
      this.progress({ ...step, message: `${index + 1} of ${total}, ${screen.name}: ${step.message}` }),
    );
    this.setBusy(false);
    const failed = entries.filter((e) => !e.outcome.ok);
    const last = [...entries].reverse().find((e) => e.outcome.ok);
    if (last !== undefined && last.outcome.ok) this.renderResults(last.outcome.result, last.outcome.report.sheet, last.screen.name);
    if (failed.length === 0) {
      this.setStatus(`Refreshed ${total} saved ${total === 1 ? "screen" : "screens"}.`, "success");
    } else {
      this.setStatus(
        `Refreshed ${total - failed.length} of ${total}. ${failed.map((e) => `${e.screen.name}: ${e.outcome.ok ? "" : e.outcome.message}`).join(" ")}`,
        "error",
      );
    }
  }

  // ---- status ---------------------------------------------------------------------------

  /** Runs a host call; a failure becomes the status line. */
  private async guarded<T>(action: () => Promise<T>): Promise<{ readonly ok: true; readonly value: T } | { readonly ok: false }> {
    try {
      return { ok: true, value: await action() };
    } catch (error) {
      this.setStatus(describeError(error), "error");
      return { ok: false };
    }
  }

  private setBusy(busy: boolean): void {
    this.state.busy = busy;
    this.root.classList.toggle("busy", busy);
    this.$<HTMLButtonElement>("#run").disabled = busy;
    this.$<HTMLButtonElement>("#save").disabled = busy;
    this.$<HTMLButtonElement>("#use-selection").disabled = busy;
    this.$<HTMLButtonElement>("#refresh-all").disabled = busy || this.state.saved.length === 0;
    for (const button of Array.from(this.root.querySelectorAll<HTMLButtonElement>("#saved-list button"))) button.disabled = busy;
    if (!busy) this.$<HTMLProgressElement>("#progress").hidden = true;
    this.root.setAttribute("aria-busy", busy ? "true" : "false");
  }

  private setStatus(message: string, kind: "info" | "error" | "success" = "info"): void {
    const status = this.$("#status");
    status.textContent = message;
    status.classList.toggle("error", kind === "error");
    status.classList.toggle("success", kind === "success");
  }
}

function section(title: string, id: string, children: readonly HTMLElement[]): HTMLElement {
  return el("section", { className: "card", attrs: { "aria-labelledby": id } }, [el("h2", { id, text: title }), ...children]);
}

function field(id: string, label: string, control: HTMLElement): HTMLElement {
  return el("div", { className: "field" }, [el("label", { text: label, attrs: { for: id } }), control]);
}

function stepFor(unit: string): string {
  if (unit === "fraction") return "0.01";
  if (unit === "years") return "0.5";
  if (unit === "ratio") return "0.1";
  return "any";
}

function count(n: number): string {
  return n.toLocaleString("en-US");
}

function percent(fraction: number): string {
  return `${(fraction * 100).toFixed(1)}%`;
}

function fixed(value: number | null, decimals: number): string {
  return value === null || !Number.isFinite(value) ? "n/a" : formatFixed(value, decimals);
}
