/**
 * A1 addresses, for every host and the formula reader alike: column letters, rectangular areas,
 * sheet-qualified addresses as Excel prints them (`'My sheet'!A1:C3`). Rows and columns are
 * 1-based throughout, as Excel numbers them: column 1 is `A`, row 1 is `1`.
 */
import { MAX_COLUMNS, MAX_ROWS } from "../core/excel-limits";

export { MAX_COLUMNS, MAX_ROWS };

/** A rectangular block of cells, 1-based and inclusive: `B2:D9` is { top: 2, left: 2, bottom: 9, right: 4 }. */
export interface Area {
  readonly top: number;
  readonly left: number;
  readonly bottom: number;
  readonly right: number;
}

/** The area of `rows` x `columns` cells whose top-left cell is (top, left). */
export function areaOf(top: number, left: number, rows: number, columns: number): Area {
  return { top, left, bottom: top + rows - 1, right: left + columns - 1 };
}

/** Rows in an area. */
export function areaRows(area: Area): number {
  return area.bottom - area.top + 1;
}

/** Columns in an area. */
export function areaColumns(area: Area): number {
  return area.right - area.left + 1;
}

/** Whether the cell (row, column) lies inside the area. */
export function inArea(area: Area, row: number, column: number): boolean {
  return row >= area.top && row <= area.bottom && column >= area.left && column <= area.right;
}

/** 1 -> `A`, 26 -> `Z`, 27 -> `AA`. */
export function columnLetters(column: number): string {
  let letters = "";
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26)) letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
}

/** `A` -> 1, `XFD` -> 16384; undefined for anything that is not a column of a sheet. */
export function columnNumber(letters: string): number | undefined {
  if (!/^[A-Za-z]{1,3}$/.test(letters)) return undefined;
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n <= MAX_COLUMNS ? n : undefined;
}

/** `B2` for row 2, column 2. */
export function cellAddress(row: number, column: number): string {
  return columnLetters(column) + String(row);
}

/** `B2:D9`, or `B2` for a single cell. */
export function areaAddress(area: Area): string {
  const first = cellAddress(area.top, area.left);
  return area.top === area.bottom && area.left === area.right ? first : first + ":" + cellAddress(area.bottom, area.right);
}

const CELL = /^\$?([A-Za-z]{1,3})\$?(\d+)$/;

/** Reads `B2` or `B2:D9` (with or without `$`) into an area; undefined for anything else (whole rows and columns included). */
export function parseArea(text: string): Area | undefined {
  const [a, b, extra] = text.split(":");
  if (extra !== undefined) return undefined;
  const first = CELL.exec(a);
  const second = CELL.exec(b ?? a);
  if (first === null || second === null) return undefined;
  const c1 = columnNumber(first[1]);
  const c2 = columnNumber(second[1]);
  const r1 = Number(first[2]);
  const r2 = Number(second[2]);
  if (c1 === undefined || c2 === undefined || r1 < 1 || r2 < 1 || r1 > MAX_ROWS || r2 > MAX_ROWS) return undefined;
  return { top: Math.min(r1, r2), left: Math.min(c1, c2), bottom: Math.max(r1, r2), right: Math.max(c1, c2) };
}

/**
 * Parses a local address (`A1`, `$A$1:$C$3`, `A:C`, `2:5`) into an area; undefined when it is
 * not one. Whole columns and rows extend to the sheet's edge.
 */
export function parseRange(address: string): Area | undefined {
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
  const left = Math.min(a.column ?? 1, b.column ?? 1);
  const right = a.column === undefined ? MAX_COLUMNS : Math.max(a.column, b.column as number);
  if (bottom > MAX_ROWS) return undefined;
  return { top, left, bottom, right };
}

interface End {
  readonly row?: number;
  readonly column?: number;
}

function parseEnd(text: string): End | undefined {
  const match = /^([A-Z]{0,3})(\d{0,7})$/.exec(text);
  if (match === null || (match[1] === "" && match[2] === "")) return undefined;
  const column = match[1] === "" ? undefined : columnNumber(match[1]);
  if (match[1] !== "" && column === undefined) return undefined;
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
