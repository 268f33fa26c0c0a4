/** Plain-text tables for the terminal: columns padded to their widest cell, numbers right-aligned. */

export interface TextColumn {
  readonly header: string;
  readonly align: "left" | "right";
  /** Longest text kept; longer cells end in "…". */
  readonly maxWidth?: number;
}

/** Control characters (a stray escape sequence in a ticker) never reach the terminal. */
function printable(text: string): string {
  let out = "";
  for (const ch of text) {
    const code = ch.charCodeAt(0);
    out += code < 0x20 || (code >= 0x7f && code <= 0x9f) ? " " : ch;
  }
  return out;
}

function clip(text: string, max: number | undefined): string {
  if (max === undefined || text.length <= max) return text;
  return text.slice(0, Math.max(1, max - 1)) + "…";
}

export function textTable(columns: readonly TextColumn[], rows: readonly (readonly string[])[]): string {
  const cells = rows.map((row) => columns.map((col, i) => clip(printable(row[i] ?? ""), col.maxWidth)));
  const widths = columns.map((col, i) => Math.max(col.header.length, ...cells.map((row) => row[i].length)));
  const line = (values: readonly string[]): string =>
    values
      .map((v, i) => (columns[i].align === "right" ? v.padStart(widths[i]) : v.padEnd(widths[i])))
      .join("  ")
      .trimEnd();
  return [line(columns.map((c) => c.header)), line(widths.map((w) => "-".repeat(w))), ...cells.map(line)].join("\n");
}
