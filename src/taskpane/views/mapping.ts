/**
 * Columns: which column feeds each field. Every fed field has a select over the source's
 * columns; the unfed ones are folded one click away; below them, what the run will assume.
 */
import { FIELD_HEADERS, FIELD_IDS, mappingNotes } from "../../core/screen";
import type { ColumnMapping, FieldId } from "../../core/screen";
import { el, options, replaceChildren, section } from "../dom";
import { editMapping, useMapping, type PaneState } from "./state";
import { columnLetters } from "../../workbook/a1";
import { sourceLabel } from "../../workbook/sheets";

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

/** The headers named when none is recognised. */
const EXPECTED: readonly FieldId[] = ["ticker", "ebit", "interestExpense", "totalDebt", "fcf"];

export type MappingView = ReturnType<typeof mappingView>;

export function mappingView(state: PaneState) {
  const summary = el("p", { id: "mapping-summary", className: "note", text: "Choose the data first." });
  const container = el("div", { id: "mapping" });
  /** The selects of the current rendering, by field, and the fold of the unfed fields in it. */
  let selects = new Map<FieldId, HTMLSelectElement>();
  let more: HTMLDetailsElement | null = null;

  function render(): void {
    const report = state.report;
    const wasOpen = more?.open ?? false;
    selects = new Map();
    more = null;
    summary.classList.remove("error");
    if (report === null) {
      replaceChildren(container, []);
      summary.textContent = "Choose the data first.";
      return;
    }
    const headers = state.headers;
    if (report.recognised.length === 0) {
      replaceChildren(container, []);
      summary.classList.add("error");
      const shown = headers.map((h) => String(h ?? "")).filter((h) => h !== "").slice(0, 8);
      summary.textContent =
        `No recognisable columns in ${state.source === null ? "this data" : sourceLabel(state.source)}. ` +
        `Expected headers such as ${EXPECTED.map((f) => FIELD_HEADERS[f][0]).join(", ")}; ` +
        `found ${shown.length > 0 ? shown.join(", ") : "no header text"}. Check that the first row is the header row.`;
      return;
    }
    const mapping = state.mapping ?? report.mapping;
    const used = Object.keys(mapping.fields).length;
    summary.textContent = `${report.recognised.length} of ${headers.length} columns recognised; ${used} fields fed.${state.mappingEdited ? " (edited)" : ""}`;

    const choices = [{ value: "", label: "— not used —" }, ...headers.map((h, i) => ({ value: String(i), label: `${columnLetters(i + 1)}: ${String(h ?? "")}` }))];
    const row = (fieldId: FieldId) => {
      const id = `map-${fieldId}`;
      const select = el("select", { id, attrs: { "data-field": fieldId } });
      const current = mapping.fields[fieldId];
      options(select, choices, current === undefined ? "" : String(current));
      select.addEventListener("change", () => edit(fieldId, select.value));
      selects.set(fieldId, select);
      const label = el("label", { text: FIELD_LABELS[fieldId], attrs: { for: id } });
      if (current === undefined) label.classList.add("unused");
      return el("div", { className: "mapping-row" }, [label, select]);
    };
    // Fields fed by a column first; the others folded away but one click (or Enter) from editing.
    const fed = FIELD_IDS.filter((f) => mapping.fields[f] !== undefined);
    const unfed = FIELD_IDS.filter((f) => mapping.fields[f] === undefined);
    if (unfed.length > 0) {
      more = el("details", { id: "more-fields", className: "more-fields" }, [
        el("summary", { text: `${unfed.length} more ${unfed.length === 1 ? "field" : "fields"}, not fed` }),
        el("div", { className: "mapping" }, unfed.map(row)),
      ]);
      more.open = wasOpen;
    }
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
    const notes = mappingNotes(headers, report, state.config).map((n) => el("li", { className: `note ${n.level}`, text: n.message }));
    const estimates = report.ignored.filter((i) => i.reason !== undefined).map((i) => el("li", { className: "note info", text: `${i.header}: ${i.reason}` }));
    const assumptions = notes.length + estimates.length === 0 ? null : el("ul", { id: "mapping-notes", className: "mapping-notes" }, [...notes, ...estimates]);
    replaceChildren(container, [el("div", { className: "mapping" }, fed.map(row)), more, history, assumptions]);
  }

  function edit(fieldId: FieldId, value: string): void {
    if (!editMapping(state, fieldId, value === "" ? undefined : Number(value))) return;
    render();
    const select = selects.get(fieldId);
    const details = select?.closest("details");
    if (details !== null && details !== undefined) details.open = true;
    select?.focus();
  }

  return {
    element: section("Columns", "columns-heading", [summary, container]),
    render,
    /** A saved screen's mapping, over the headers just read. */
    useSaved(mapping: ColumnMapping): void {
      useMapping(state, mapping);
      render();
    },
    /** Why the screen cannot run on this mapping: no column recognised and none chosen by hand. */
    problem(): string | undefined {
      if (state.report === null || state.report.recognised.length > 0 || state.mappingEdited) return undefined;
      return summary.textContent ?? "No recognisable columns.";
    },
  };
}
