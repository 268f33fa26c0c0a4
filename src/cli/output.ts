/**
 * Writing files so that a crash never leaves a half-written workbook behind: everything goes
 * to a temporary file in the target's own directory (same file system, so the final rename
 * is atomic) and replaces the target only once it is complete.
 */
import { clipCellText } from "../core/excel-limits";
import { promises as fs } from "fs";
import * as path from "path";
import { randomBytes } from "crypto";
import type ExcelJS from "exceljs";
import { CliFailure, inputError } from "./failure";
import { listTables } from "./source";
import { cellAddress, parseArea } from "../workbook/a1";
import { LayoutValue, RESULTS_HEADERS, ResultsSheetLayout, enteredText, resultsTableRows } from "../workbook/results-layout";
import { RESULTS_TABLE_STYLE, resultsTableName } from "../workbook/results-sheet";

/** Checks, before any work is done, that `target` can be written: its directory exists and it is not a directory. */
export async function checkOutputTarget(target: string): Promise<void> {
  const dir = path.dirname(path.resolve(target));
  let dirStat;
  try {
    dirStat = await fs.stat(dir);
  } catch {
    throw inputError(`cannot write ${target}: the directory ${dir} does not exist`);
  }
  if (!dirStat.isDirectory()) throw inputError(`cannot write ${target}: ${dir} is not a directory`);
  const existing = await fs.stat(target).catch(() => undefined);
  if (existing !== undefined && existing.isDirectory()) throw inputError(`cannot write ${target}: it is a directory`);
}

/** A temporary file older than this, for the same target, was left by a killed run. */
const ORPHAN_AGE_MS = 60_000;

/** `.out.xlsx.<pid>.<hex>.tmp`: the temporary files written for `target`. */
function tempPrefix(target: string): string {
  return `.${path.basename(target)}.`;
}

/**
 * Removes temporary files a killed run left beside `target` (a SIGKILL cannot clean up after
 * itself). Only files named for this target, ending in `.tmp` and older than a minute, so a
 * concurrent run's file is left alone.
 */
async function removeOrphans(dir: string, target: string): Promise<void> {
  const prefix = tempPrefix(target);
  const names = await fs.readdir(dir).catch(() => [] as string[]);
  const now = Date.now();
  for (const name of names) {
    if (!name.startsWith(prefix) || !/\.\d+\.[0-9a-f]{8}\.tmp$/.test(name)) continue;
    const file = path.join(dir, name);
    const stat = await fs.stat(file).catch(() => undefined);
    if (stat !== undefined && stat.isFile() && now - stat.mtimeMs > ORPHAN_AGE_MS) await fs.rm(file, { force: true }).catch(() => undefined);
  }
}

/** Writes `target` through `write(tempPath)`, then renames the temporary file over it. */
export async function saveWorkbookAtomically(target: string, write: (tempPath: string) => Promise<void>): Promise<void> {
  await checkOutputTarget(target);
  const dir = path.dirname(path.resolve(target));
  await removeOrphans(dir, target);
  const temp = path.join(dir, `${tempPrefix(target)}${process.pid}.${randomBytes(4).toString("hex")}.tmp`);
  try {
    await write(temp);
    await fs.rename(temp, target);
  } catch (error) {
    await fs.rm(temp, { force: true }).catch(() => undefined);
    if (error instanceof CliFailure) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "EACCES" || code === "EPERM") throw inputError(`cannot write ${target}: permission denied`);
    if (code === "EISDIR") throw inputError(`cannot write ${target}: it is a directory`);
    throw error;
  }
}

export async function writeWorkbookFile(workbook: ExcelJS.Workbook, target: string): Promise<void> {
  await saveWorkbookAtomically(target, (temp) => workbook.xlsx.writeFile(temp));
}

/**
 * Adds the results sheet to a workbook, replacing a sheet of the same name in its place among
 * the tabs, with the results table the pane's hosts add over it (`addResultsTable`).
 */
export function putResultsSheet(workbook: ExcelJS.Workbook, layout: ResultsSheetLayout): ExcelJS.Worksheet {
  const lower = layout.sheetName.toLowerCase();
  const existing = workbook.worksheets.find((s) => s.name.toLowerCase() === lower);
  const position = existing === undefined ? undefined : (existing as unknown as { orderNo: number }).orderNo;
  if (existing !== undefined) workbook.removeWorksheet(existing.id);
  const sheet = workbook.addWorksheet(layout.sheetName, {
    views: [{ state: "frozen", ySplit: layout.freezeRows }],
  });
  if (position !== undefined) (sheet as unknown as { orderNo: number }).orderNo = position;
  for (const { col, width } of layout.columnWidths) sheet.getColumn(col).width = width;
  for (const cell of layout.cells) {
    const target = sheet.getCell(cell.row, cell.col);
    // Strings from the data go in as string cells: text, whatever they start with, clipped
    // to what an Excel cell holds (a longer one makes Excel call the file damaged).
    target.value = typeof cell.value === "string" ? clipCellText(cell.value) : cell.value;
    if (cell.numFmt !== undefined) target.numFmt = cell.numFmt;
    if (cell.bold === true) target.font = { bold: true };
  }
  addResultsTable(workbook, sheet, layout);
  return sheet;
}

/**
 * The Excel table over the results (header and data rows), named and styled as the pane's hosts
 * name and style it (`resultsTableName`; one blank data row when no row was screened, as Excel
 * keeps in an empty table). It is what marks a results sheet under a name of the analyst's
 * choosing as the add-in's own (`isOwnResultsSheet`), so that the next refresh may replace it.
 * Left out when another sheet already holds a table of that name (a renamed results sheet):
 * table names are unique in a workbook, and a second one would make Excel repair the file.
 */
function addResultsTable(workbook: ExcelJS.Workbook, sheet: ExcelJS.Worksheet, layout: ResultsSheetLayout): void {
  const name = resultsTableName(layout.sheetName);
  const lower = name.toLowerCase();
  if (listTables(workbook).some((t) => t.sheet !== sheet && (t.model.name ?? t.model.displayName ?? "").toLowerCase() === lower)) return;
  const area = parseArea(layout.tableRange);
  if (area === undefined) throw new Error(`bad results table range ${layout.tableRange}`);
  sheet.addTable({
    name,
    ref: cellAddress(area.top, area.left),
    headerRow: true,
    style: { theme: RESULTS_TABLE_STYLE, showRowStripes: true },
    columns: RESULTS_HEADERS.map((header) => ({ name: header, filterButton: true })),
    // The cells are written above; exceljs takes the table's height from its rows, and writes
    // what they hold over the cells, so each row is an empty array.
    rows: Array.from({ length: Math.max(area.bottom - area.top, 1) }, () => []),
  });
}

function csvField(value: LayoutValue, fromData: boolean): string {
  if (value === null) return "";
  let text = typeof value === "boolean" ? (value ? "TRUE" : "FALSE") : String(value);
  if (fromData) text = enteredText({ row: 0, col: 0, value: text, fromData: true }) as string;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The results table as CSV, with data text that would read as a formula made safe. */
export function resultsCsv(layout: ResultsSheetLayout): string {
  const fromData = new Set<number>();
  for (const cell of layout.cells) if (cell.fromData === true && cell.row > 1) fromData.add(cell.col);
  return resultsTableRows(layout)
    .map((row, r) => row.map((value, c) => csvField(value, r > 0 && fromData.has(c + 1))).join(","))
    .join("\r\n") + "\r\n";
}
