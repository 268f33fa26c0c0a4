/**
 * The browser preview: the real pane (src/taskpane/pane.ts) over an in-memory workbook loaded
 * with the synthetic sample, next to a plain view of that workbook's sheets, so the whole
 * screener can be tried and tested without Excel and without a network.
 *
 * Excel is the real host; this page exists for development, demos and the browser test.
 * Cells are shown as text (dom.ts), exactly as the pane shows them.
 */
import { formatFixed } from "../core/screen/format";
import { areaColumns, areaRows, cellAddress, columnLetters, inArea, parseRange } from "../workbook/a1";
import { el, replaceChildren } from "../taskpane/dom";
import { mountPane } from "../taskpane/pane";
import { COLUMN, TABLE_TOP } from "../workbook/results-sheet";
import { STATE_SHEET } from "../workbook/sheets";
import { MemoryWorkbook, displayCell, type MemorySheet } from "./memory-workbook";
import { PLANTED_CELLS, SAMPLE_HEADERS, sampleSheet } from "./sample-data";
import { shockCurveSvg } from "../taskpane/shock-curve";

const SVG = "http://www.w3.org/2000/svg";
const MAX_VIEW_ROWS = 400;
/** Pixels per character of column width, as Excel's default font. */
const CHAR_PX = 7;
/** The view caps wide columns (Excel's Reason column is 60 characters) so the summary and chart stay in sight. */
const MAX_VIEW_CHARS = 30;
const ROW_HEAD_PX = 40;
/** On a results sheet the view keeps Rank and Ticker in sight while it scrolls to the summary and chart. */
const STICKY_COLUMNS = 2;

/** The planted bad cells of the sample, by `Sheet!A1` address (the header is row 1), with why each is bad. */
export function plantedNotes(): ReadonlyMap<string, string> {
  return new Map(PLANTED_CELLS.map((c) => [`Universe!${cellAddress(c.row + 2, c.column + 1)}`, c.why]));
}

/** The sample workbook: the universe as a table, plus a notes sheet. */
export function sampleWorkbook(): MemoryWorkbook {
  const workbook = new MemoryWorkbook();
  const rows = sampleSheet();
  workbook.addSheet("Universe", rows);
  workbook.addTable("Universe", "Universe", `A1:${columnLetters(SAMPLE_HEADERS.length)}${rows.length}`);
  const universe = workbook.sheet("Universe") as MemorySheet;
  [8, 22, 12, 10, 9, 8, 10, 9, 10, 8, 8, 12, 8, 9].forEach((w, c) => universe.widths.set(c + 1, w));
  workbook.addSheet("Notes", [
    ["Watch list", "Reason"],
    ["Check covenants", "Refinancing in 2026"],
  ]);
  workbook.select("Universe", "B3");
  return workbook;
}

function formatCell(value: unknown, format: string): string {
  if (typeof value !== "number") return displayCell(value);
  if (format.endsWith("%")) {
    const decimals = /\.(0+)%/.exec(format)?.[1].length ?? 0;
    return `${(value * 100).toFixed(decimals)}%`;
  }
  if (format === "#,##0") return Math.round(value).toLocaleString("en-US");
  const decimals = /^0\.(0+)$/.exec(format)?.[1].length;
  if (decimals !== undefined) return formatFixed(value, decimals, false);
  if (format === "0") return String(Math.round(value));
  return displayCell(value);
}

class WorkbookView {
  constructor(
    private readonly workbook: MemoryWorkbook,
    private readonly root: HTMLElement,
    /** Cells to mark, by `Sheet!A1`, with the hover text saying why (the sample's planted bad cells). */
    private readonly notes: ReadonlyMap<string, string> = new Map(),
  ) {
    workbook.subscribe(() => this.render());
    this.render();
  }

  render(): void {
    const sheet = this.workbook.active;
    const nameBox = el("div", { className: "name-box", text: this.workbook.selection?.address ?? "" });
    const title = el("div", { className: "formula-text", text: sheet === undefined ? "" : this.selectedText(sheet) });
    const grid = sheet === undefined ? el("p", { text: "No visible sheet." }) : this.grid(sheet);
    const view = el("div", { id: "sheet-view", className: "sheet-view" }, [grid]);
    const tabs = el(
      "nav",
      { id: "sheet-tabs", className: "sheet-tabs", attrs: { "aria-label": "Sheets" } },
      this.workbook.sheets
        .filter((s) => s.visibility === "Visible")
        .map((s) => {
          const tab = el("button", { className: s === sheet ? "tab active" : "tab", text: s.name, attrs: { type: "button", "aria-pressed": String(s === sheet) } });
          tab.addEventListener("click", () => this.workbook.activate(s.name));
          return tab;
        }),
    );
    const hidden = this.workbook.sheets.filter((s) => s.visibility !== "Visible");
    if (hidden.length > 0) {
      tabs.appendChild(
        el("span", {
          className: "hidden-sheets",
          text: `${hidden.length} very hidden: ${hidden.map((s) => s.name).join(", ")}${hidden.some((s) => s.name === STATE_SHEET) ? " (saved screens)" : ""}`,
        }),
      );
    }
    const marked = sheet !== undefined && [...this.notes.keys()].some((k) => k.startsWith(`${sheet.name}!`));
    const legend = marked
      ? [el("p", { id: "planted-legend", className: "planted-legend" }, [el("span", { className: "planted-swatch", attrs: { "aria-hidden": "true" } }), el("span", { text: "Marked cells are deliberately bad (text, blanks, an error, hostile text), as real exports are: hover one to see why." })])]
      : [];
    replaceChildren(this.root, [el("div", { className: "formula-bar" }, [nameBox, title]), ...legend, view, tabs]);
    if (sheet?.chart !== undefined) this.placeChart(view, sheet);
    if (sheet?.sweepChart !== undefined) this.placeSweepChart(view, sheet);
  }

  private selectedText(sheet: MemorySheet): string {
    const selection = this.workbook.selection;
    if (selection === null || selection.sheet !== sheet.name) return "";
    const rect = parseRange(selection.address);
    return rect === undefined ? "" : displayCell(sheet.get(rect.top, rect.left));
  }

  private grid(sheet: MemorySheet): HTMLElement {
    const extent = sheet.extent();
    // Down to the charts' bottom cells as well, so each chart has the cells it is placed over.
    const chartRows = [sheet.chart?.to, sheet.sweepChart?.to].map((cell) => (cell === undefined ? 0 : (parseRange(cell)?.top ?? 0)));
    const rows = Math.min(Math.max(extent.rows, 20, ...chartRows), MAX_VIEW_ROWS);
    // One empty column past the data, as Excel always shows more: room to scroll by whole columns.
    const columns = Math.max(extent.columns + 1, 8);
    const table = this.workbook.tables.find((t) => t.sheet === sheet);
    const colgroup = el("colgroup", {}, [el("col", { className: "row-head" })]);
    let width = ROW_HEAD_PX;
    const stickyLeft: number[] = [];
    const sticky = sheet.chart !== undefined ? STICKY_COLUMNS : 0;
    for (let c = 1; c <= columns; c++) {
      const col = el("col");
      const px = Math.min(sheet.widths.get(c) ?? 9, MAX_VIEW_CHARS) * CHAR_PX + 5;
      col.style.width = `${px}px`;
      if (c <= sticky) stickyLeft.push(width);
      width += px;
      colgroup.appendChild(col);
    }
    /** Pins a cell of the first columns of a results sheet (position: sticky, its left offset through the CSSOM). */
    const pin = (cell: HTMLElement, c: number): HTMLElement => {
      if (c <= sticky) {
        cell.classList.add("sticky-col");
        cell.style.left = `${stickyLeft[c - 1]}px`;
      }
      return cell;
    };
    const head = el("tr", {}, [el("th", { className: "corner" })]);
    for (let c = 1; c <= columns; c++) head.appendChild(pin(el("th", { text: columnLetters(c), attrs: { scope: "col" } }), c));
    const body = el("tbody");
    const selected = this.workbook.selection?.sheet === sheet.name ? parseRange(this.workbook.selection.address) : undefined;
    for (let r = 1; r <= rows; r++) {
      const tr = el("tr", {}, [el("th", { text: String(r), attrs: { scope: "row" } })]);
      for (let c = 1; c <= columns; c++) {
        const value = sheet.get(r, c);
        const address = cellAddress(r, c);
        const note = this.notes.get(`${sheet.name}!${address}`);
        const td = el("td", { text: formatCell(value, sheet.formatAt(r, c)), attrs: note === undefined ? { "data-cell": address } : { "data-cell": address, title: note } });
        if (note !== undefined) td.classList.add("planted");
        pin(td, c);
        if (typeof value === "number" || typeof value === "boolean") td.classList.add("num");
        if (sheet.bold.has(`${r}:${c}`)) td.classList.add("bold");
        if (table !== undefined && inArea(table.rect, r, c)) {
          td.classList.add(r === table.rect.top ? "table-head" : (r - table.rect.top) % 2 === 0 ? "table-band" : "table-row");
          if (sheet.conditionalFormats.length > 0 && r > TABLE_TOP) {
            if (sheet.get(r, COLUMN.pass + 1) === false) td.classList.add("cf-fail");
            if (c === COLUMN.zombie + 1 && value === true) td.classList.add("cf-zombie");
          }
        }
        if (selected !== undefined && r === selected.top && c === selected.left) td.classList.add("selected");
        td.addEventListener("click", () => this.workbook.select(sheet.name, address));
        tr.appendChild(td);
      }
      body.appendChild(tr);
    }
    const grid = el("table", { className: "grid", attrs: { "aria-label": `Sheet ${sheet.name}` } }, [colgroup, el("thead", {}, [head]), body]);
    // A fixed-layout table takes its columns' widths only when its own width is set.
    grid.style.width = `${width}px`;
    if (sheet.freezeRows > 0) grid.classList.add("frozen");
    return grid;
  }

  /** Draws the results chart where Excel would put it, over the cells it covers. */
  private placeChart(view: HTMLElement, sheet: MemorySheet): void {
    const chart = sheet.chart;
    if (chart === undefined) return;
    const card = el("figure", { className: "chart", attrs: { "aria-label": chart.title } }, [el("figcaption", { text: chart.title }), scatter(chart.points)]);
    place(view, card, chart.from, chart.to);
    bringIntoSight(view, card);
  }

  /** The rate-shock sweep chart, drawn from the sheet's sweep block as Excel draws it from those cells. */
  private placeSweepChart(view: HTMLElement, sheet: MemorySheet): void {
    const chart = sheet.sweepChart;
    const rect = chart === undefined ? undefined : parseRange(chart.source);
    if (chart === undefined || rect === undefined) return;
    const column = (c: number): (number | null)[] =>
      Array.from({ length: areaRows(rect) - 1 }, (_, r) => {
        const value = sheet.get(rect.top + 1 + r, rect.left + c);
        return typeof value === "number" ? value : null;
      });
    const shocks = column(0).map((bp) => bp ?? 0);
    const lines = Math.floor((areaColumns(rect) - 1) / 2);
    // The mark columns hold a value on the screen's own shock row only.
    const markedRow = column(1 + lines).findIndex((v) => v !== null);
    const plot = {
      shocks,
      marked: shocks[Math.max(0, markedRow)],
      lines: Array.from({ length: lines }, (_, k) => ({ label: String(sheet.get(rect.top, rect.left + 1 + k)).replace(/ ICR$/, "").toLowerCase(), values: column(1 + k) })),
    };
    const svg = shockCurveSvg(plot, "preview-sweep", chart.title, chart.title);
    place(view, el("figure", { className: "chart sweep", attrs: { "aria-label": chart.title } }, [el("figcaption", { text: chart.title }), svg]), chart.from, chart.to);
  }
}

/** Puts a chart card over the view where Excel would place the chart: from one cell to another. */
/**
 * After a run the results sheet opens here: brings the columns of its summary block and charts
 * into sight (a chart that starts within the view no taller than it), scrolling by whole columns
 * so the first column after the pinned Rank and Ticker starts clean.
 */
function bringIntoSight(view: HTMLElement, card: HTMLElement): void {
  const room = view.clientHeight - card.offsetTop - 8;
  if (room >= 200 && card.offsetHeight > room) card.style.height = `${room}px`;
  const needed = card.offsetLeft + card.offsetWidth - view.clientWidth + 8;
  if (needed <= 0) return;
  const heads = [...view.querySelectorAll<HTMLElement>("thead th")];
  const pinned = heads.filter((th) => th.classList.contains("sticky-col") || th.classList.contains("corner"));
  const edge = Math.max(0, ...pinned.map((th) => th.offsetLeft + th.offsetWidth));
  const starts = heads.filter((th) => !pinned.includes(th)).map((th) => th.offsetLeft - edge);
  const most = view.scrollWidth - view.clientWidth;
  const start = starts.find((x) => x >= needed && x <= most) ?? Math.max(0, ...starts.filter((x) => x <= Math.min(needed, most)));
  // Short of a column: the chart gives up the difference rather than show half a column.
  if (start < needed) card.style.width = `${Math.max(260, card.offsetWidth - (needed - start))}px`;
  view.scrollLeft = start;
}

function place(view: HTMLElement, card: HTMLElement, fromCell: string, toCell: string): void {
  const from = view.querySelector<HTMLElement>(`td[data-cell="${fromCell}"]`);
  const to = view.querySelector<HTMLElement>(`td[data-cell="${toCell}"]`);
  if (from !== null) {
    card.style.left = `${from.offsetLeft}px`;
    card.style.top = `${from.offsetTop}px`;
    if (to !== null) {
      card.style.width = `${Math.max(260, to.offsetLeft + to.offsetWidth - from.offsetLeft)}px`;
      card.style.height = `${Math.max(200, to.offsetTop + to.offsetHeight - from.offsetTop)}px`;
    }
  }
  view.appendChild(card);
}

/** ICR (x) against shocked ICR (y), both axes -2..10 as on the Excel chart, with the y = x diagonal. */
function scatter(points: readonly [number, number][]): SVGSVGElement {
  const min = -2;
  const max = 10;
  const size = 200;
  const pad = 26;
  const scale = (v: number) => pad + ((Math.min(max, Math.max(min, v)) - min) / (max - min)) * (size - 2 * pad);
  const svg = document.createElementNS(SVG, "svg");
  svg.setAttribute("viewBox", `0 0 ${size} ${size}`);
  svg.setAttribute("role", "img");
  svg.setAttribute("aria-label", `${points.length} companies: ICR against shocked ICR`);
  const line = (x1: number, y1: number, x2: number, y2: number, cls: string) => {
    const l = document.createElementNS(SVG, "line");
    l.setAttribute("x1", String(scale(x1)));
    l.setAttribute("y1", String(size - scale(y1)));
    l.setAttribute("x2", String(scale(x2)));
    l.setAttribute("y2", String(size - scale(y2)));
    l.setAttribute("class", cls);
    svg.appendChild(l);
  };
  for (const t of [0, 2, 4, 6, 8, 10]) {
    line(t, min, t, max, "gridline");
    line(min, t, max, t, "gridline");
    const label = document.createElementNS(SVG, "text");
    label.setAttribute("x", String(scale(t)));
    label.setAttribute("y", String(size - 10));
    label.setAttribute("class", "tick");
    label.textContent = String(t);
    svg.appendChild(label);
    const yLabel = document.createElementNS(SVG, "text");
    yLabel.setAttribute("x", String(pad - 4));
    yLabel.setAttribute("y", String(size - scale(t) + 3));
    yLabel.setAttribute("class", "tick y");
    yLabel.textContent = String(t);
    svg.appendChild(yLabel);
  }
  const axisTitle = (text: string, x: number, y: number, rotate: boolean) => {
    const t = document.createElementNS(SVG, "text");
    t.setAttribute("x", String(x));
    t.setAttribute("y", String(y));
    t.setAttribute("class", "axis-title");
    if (rotate) t.setAttribute("transform", `rotate(-90 ${x} ${y})`);
    t.textContent = text;
    svg.appendChild(t);
  };
  axisTitle("ICR", size / 2, size - 1, false);
  axisTitle("Shocked ICR", 7, size / 2, true);
  line(min, min, max, max, "diagonal");
  line(min, 1.5, max, 1.5, "threshold");
  for (const [x, y] of points) {
    if (x < min || x > max || y < min || y > max) continue;
    const dot = document.createElementNS(SVG, "circle");
    dot.setAttribute("cx", String(scale(x)));
    dot.setAttribute("cy", String(size - scale(y)));
    dot.setAttribute("r", "2.6");
    dot.setAttribute("class", "point");
    svg.appendChild(dot);
  }
  return svg;
}

function start(): void {
  const workbook = sampleWorkbook();
  const sheetRoot = document.getElementById("workbook");
  const paneRoot = document.getElementById("app");
  if (sheetRoot === null || paneRoot === null) throw new Error("preview.html is missing #workbook or #app");
  new WorkbookView(workbook, sheetRoot, plantedNotes());
  // After a run, the pane's results card (summary and top names) scrolls into view.
  void mountPane(paneRoot, workbook, { onResults: (card) => card.scrollIntoView({ block: "start" }) });
  // For the browser test and for poking around in the console.
  (window as unknown as { smallcapPreview: MemoryWorkbook }).smallcapPreview = workbook;
}

if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
else start();
