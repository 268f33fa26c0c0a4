/** Data: the table picker, "Use current selection", and what was chosen. */
import { el, field, options, section } from "../dom";
import type { PaneContext } from "./context";
import { setSource, setTables } from "./state";
import { sourceLabel } from "../../workbook/sheets";
import type { SourceRef } from "../../workbook/workbook";

export type SourceView = ReturnType<typeof sourceView>;

/** `chosen` runs once a source's headers are read and in the state. */
export function sourceView(ctx: PaneContext, chosen: () => void) {
  const { state, workbook, status } = ctx;
  const table = el("select", { id: "source-table" });
  const useSelection = el("button", { id: "use-selection", className: "secondary", text: "Use current selection", attrs: { type: "button" } });
  const described = el("p", { id: "source-status", className: "note", attrs: { "aria-live": "polite" } });

  table.addEventListener("change", () => {
    const info = state.tables.find((t) => t.name === table.value);
    if (info !== undefined) void choose({ sheet: info.sheet, table: info.name });
  });
  useSelection.addEventListener("click", () => void chooseSelection());

  async function chooseSelection(): Promise<void> {
    if (state.busy) return;
    const read = await status.guarded(() => workbook.getSelection());
    if (!read.ok) return;
    const selection = read.value;
    if (selection === null) {
      status.say("Select the block of data in the sheet, header row first, then press Use current selection again.", "error");
      return;
    }
    table.value = "";
    await choose({ sheet: selection.sheet, address: selection.address }, selection.widened);
  }

  async function choose(source: SourceRef, widened = false): Promise<void> {
    ctx.busy(true);
    status.say(`Reading ${sourceLabel(source)}…`);
    try {
      // Only the headers and a count are needed here: one small read, whatever the source's size.
      const data = await workbook.readSource(source, { headerOnly: true });
      const rows = (data.rowCount ?? data.rows.length).toLocaleString("en-US");
      setSource(state, data.source, data.headers);
      const tip = data.source.table === undefined ? " Tip: format the data as a table (Ctrl+T) so saved screens pick up new rows." : "";
      described.textContent = `${widened ? "Selection widened to its block: " : "Using "}${sourceLabel(data.source)}: ${rows} data rows, ${data.headers.length} columns.${tip}`;
      chosen();
      status.say(state.report !== null && state.report.recognised.length > 0 ? "Check the columns, then run the screen." : "");
    } catch (error) {
      status.failed(error);
    } finally {
      ctx.busy(false);
    }
  }

  return {
    element: section("Data", "data-heading", [field("Table", table), el("div", { className: "row" }, [useSelection]), described]),
    choose,
    /** Lists the workbook's tables in the picker. */
    async loadTables(): Promise<void> {
      setTables(state, await workbook.listTables());
      const tables = state.tables;
      options(
        table,
        [
          { value: "", label: tables.length === 0 ? "No tables in this workbook" : "Choose a table…" },
          ...tables.map((t) => ({ value: t.name, label: `${t.name} (${t.sheet}, ${t.rows.toLocaleString("en-US")} rows)` })),
        ],
        state.source?.table ?? "",
      );
      table.disabled = tables.length === 0;
    },
    /** Shows a table as the picked one (a saved screen's). */
    showTable(name: string): void {
      table.value = name;
    },
    setBusy(busy: boolean): void {
      useSelection.disabled = busy;
    },
  };
}
