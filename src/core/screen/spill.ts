/**
 * A screen's result as SMALLCAP.SCREEN spills it: a header row, then one row per passing
 * company in rank order (`ScreenResult.order`, the order of the pane's and the CLI's results),
 * built only for those rows. Blanks are "" (an unknown value, or an ICR without interest to
 * cover: the Note says which); numbers are kept whole, for the sheet to format.
 */
import type { Cell } from "../grid";
import type { RowResult, ScreenResult } from "./types";

type SpillValue = number | string | boolean | null;

interface SpillColumn {
  readonly header: string;
  readonly value: (r: RowResult) => SpillValue;
}

/**
 * The columns, in order: the results sheet's columns for a passing row (its Pass column is TRUE
 * on every such row, so it is left out) with the forward P/E the rank weighs. Name only when
 * the table has a name column.
 */
const COLUMNS: readonly SpillColumn[] = Object.freeze([
  { header: "Rank", value: (r) => r.rank },
  { header: "Ticker", value: (r) => r.ticker },
  { header: "Name", value: (r) => r.name },
  { header: "Score", value: (r) => r.score },
  { header: "ICR", value: (r) => r.icr },
  { header: "Shocked ICR", value: (r) => r.shockedIcr },
  { header: "Zombie", value: (r) => r.zombie },
  { header: "Forward P/E", value: (r) => r.forwardPe },
  { header: "Note", value: (r) => r.reason },
]);

/** The header row SCREEN spills: `withName` when the table maps a name column. */
export function screenSpillHeaders(withName: boolean): string[] {
  return columnsFor(withName).map((c) => c.header);
}

function columnsFor(withName: boolean): readonly SpillColumn[] {
  return withName ? COLUMNS : COLUMNS.filter((c) => c.header !== "Name");
}

function cell(value: SpillValue): Cell {
  if (value === null) return "";
  if (typeof value === "number") return Number.isFinite(value) ? value : "";
  return value;
}

/** What the one row under the header says when no company passes. */
export function noPassMessage(screened: number): string {
  return `No company passes every criterion (${screened.toLocaleString("en-US")} screened).`;
}

/** The spilled grid: header, then the passing rows by rank; one message row when none passes. */
export function screenSpill(result: ScreenResult): Cell[][] {
  const columns = columnsFor(result.mapping.mapping.fields.name !== undefined);
  const width = columns.length;
  const passing = result.summary.rowsPassing;
  const out: Cell[][] = new Array(1 + Math.max(1, passing));
  out[0] = columns.map((c) => c.header);
  if (passing === 0) {
    const row: Cell[] = new Array(width).fill("");
    row[0] = noPassMessage(result.summary.rowsScreened);
    out[1] = row;
    return out;
  }
  for (let k = 0; k < passing; k++) {
    const r = result.row(result.order[k]);
    const row: Cell[] = new Array(width);
    for (let c = 0; c < width; c++) row[c] = cell(columns[c].value(r));
    out[k + 1] = row;
  }
  return out;
}
