/** Shared helpers for the CLI tests: temporary directories and exceljs round trips. */
import { mkdtempSync, rmSync } from "fs";
import * as os from "os";
import * as path from "path";
import ExcelJS from "exceljs";

export function tempDir(prefix = "smallcap-cli-"): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Writes a workbook to a real .xlsx file and reads it back, as the CLI would find it on disk. */
export async function roundTrip(workbook: ExcelJS.Workbook, dir: string, name = "book.xlsx"): Promise<ExcelJS.Workbook> {
  const file = path.join(dir, name);
  await workbook.xlsx.writeFile(file);
  const back = new ExcelJS.Workbook();
  await back.xlsx.readFile(file);
  return back;
}

export async function readWorkbook(file: string): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(file);
  return workbook;
}

/** The raw model of a cell: formula text, cached result, shared/array storage, plain value. */
export interface CellSnapshot {
  readonly formula?: string;
  readonly sharedFormula?: string;
  readonly shareType?: string;
  readonly ref?: string;
  readonly result?: unknown;
  readonly value?: unknown;
}

export function snapshot(cell: ExcelJS.Cell | undefined): CellSnapshot | undefined {
  if (cell === undefined) return undefined;
  const model = cell.model as CellSnapshot & { value?: unknown };
  const out: Record<string, unknown> = {};
  for (const key of ["formula", "sharedFormula", "shareType", "ref", "result", "value"] as const) {
    if (model[key] !== undefined) out[key] = model[key] instanceof Date ? (model[key] as Date).toISOString() : model[key];
  }
  return Object.keys(out).length === 0 ? undefined : out;
}

/** Every non-empty cell of every sheet as `Sheet!A1` -> snapshot. */
export function snapshotWorkbook(workbook: ExcelJS.Workbook): Map<string, CellSnapshot> {
  const out = new Map<string, CellSnapshot>();
  for (const sheet of workbook.worksheets) {
    sheet.eachRow({ includeEmpty: false }, (row) => {
      row.eachCell({ includeEmpty: false }, (cell) => {
        const snap = snapshot(cell);
        if (snap !== undefined) out.set(`${sheet.name}!${cell.address}`, snap);
      });
    });
  }
  return out;
}
