/**
 * A1 addresses, shared by the Excel adapter and the preview's memory workbook: column letters,
 * rectangular ranges, sheet-qualified addresses as Excel prints them (`'My sheet'!A1:C3`).
 */

/** 0 -> "A", 25 -> "Z", 26 -> "AA". */
export function columnLetters(index: number): string {
  let n = index + 1;
  let letters = "";
  while (n > 0) {
    const rem = (n - 1) % 26;
    letters = String.fromCharCode(65 + rem) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
}

/** "A" -> 0, "AA" -> 26; -1 for anything that is not column letters. */
export function columnIndex(letters: string): number {
  if (!/^[A-Za-z]{1,3}$/.test(letters)) return -1;
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

/** A rectangle of cells: 1-based top row, 0-based left column, sizes in cells. */
export interface Rect {
  readonly top: number;
  readonly left: number;
  readonly rows: number;
  readonly columns: number;
}

/** `A1` for (1, 0). */
export function cellAddress(row: number, column: number): string {
  return columnLetters(column) + String(row);
}

/** `A1:C3`; a single cell prints as `A1`. */
export function rangeAddress(rect: Rect): string {
  const start = cellAddress(rect.top, rect.left);
  if (rect.rows === 1 && rect.columns === 1) return start;
  return `${start}:${cellAddress(rect.top + rect.rows - 1, rect.left + rect.columns - 1)}`;
}

/** Excel's limits: a sheet has 1,048,576 rows and 16,384 columns (XFD). */
export const MAX_ROWS = 1_048_576;
export const MAX_COLUMNS = 16_384;

/**
 * Parses a local address (`A1`, `$A$1:$C$3`, `A:C`, `2:5`) into a rectangle; undefined when
 * it is not one. Whole columns and rows extend to the sheet's edge.
 */
export function parseRange(address: string): Rect | undefined {
  const text = address.replace(/\$/g, "").trim().toUpperCase();
  const parts = text.split(":");
  if (parts.length > 2 || parts.some((p) => p === "")) return undefined;
  const ends = parts.map(parseEnd);
  if (ends.some((e) => e === undefined)) return undefined;
  const a = ends[0] as End;
  const b = (ends[1] ?? a) as End;
  if ((a.row === undefined) !== (b.row === undefined) || (a.column === undefined) !== (b.column === undefined)) return undefined;
  const top = Math.min(a.row ?? 1, b.row ?? 1);
  const bottom = a.row === undefined ? MAX_ROWS : Math.max(a.row, b.row as number);
  const left = Math.min(a.column ?? 0, b.column ?? 0);
  const right = a.column === undefined ? MAX_COLUMNS - 1 : Math.max(a.column, b.column as number);
  if (bottom > MAX_ROWS || right >= MAX_COLUMNS) return undefined;
  return { top, left, rows: bottom - top + 1, columns: right - left + 1 };
}

interface End {
  readonly row?: number;
  readonly column?: number;
}

function parseEnd(text: string): End | undefined {
  const match = /^([A-Z]{0,3})(\d{0,7})$/.exec(text);
  if (match === null || (match[1] === "" && match[2] === "")) return undefined;
  const column = match[1] === "" ? undefined : columnIndex(match[1]);
  const row = match[2] === "" ? undefined : Number(match[2]);
  if (row !== undefined && row < 1) return undefined;
  return { row, column };
}

/** Quotes a sheet name for use in an address or formula when Excel would: `'My sheet'`. */
export function quoteSheet(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_.]*$/.test(name) && parseRange(name) === undefined ? name : `'${name.replace(/'/g, "''")}'`;
}

/** `'My sheet'!A1:C3` for ("My sheet", "A1:C3"). */
export function qualified(sheet: string, address: string): string {
  return `${quoteSheet(sheet)}!${address}`;
}

/** Splits `'My sheet'!A1:C3` into its sheet and local address; no sheet part gives sheet undefined. */
export function splitQualified(address: string): { sheet?: string; address: string } {
  const bang = address.lastIndexOf("!");
  if (bang < 0) return { address };
  let sheet = address.slice(0, bang);
  if (sheet.startsWith("'") && sheet.endsWith("'") && sheet.length >= 2) sheet = sheet.slice(1, -1).replace(/''/g, "'");
  return { sheet, address: address.slice(bang + 1) };
}
