/**
 * Headless recalculation of the SMALLCAP formulas in a workbook: every cell whose formula
 * calls a SMALLCAP function gets a fresh cached result, computed by the same implementations
 * Excel's custom functions run. Formula text and every other cell stay as they were.
 *
 * - References read the workbook's values: the cached results of other formulas as Excel left
 *   them, and the fresh results of SMALLCAP formulas (a SMALLCAP formula that reads another
 *   one is computed after it, so chains come out as Excel would compute them).
 * - A result of more than one cell spills from its cell as an array formula: the formula cell
 *   keeps its formula, the rest of the range gets values. A spill that would overwrite a value
 *   or another formula is left as it was and reported, as Excel would show `#SPILL!`.
 * - A formula the engine cannot evaluate (another function mixed in, a defined name, a
 *   circular reference) keeps its old value and is reported with its cell and the reason.
 */
import type ExcelJS from "exceljs";
import type { Grid } from "../core/grid";
import type { Area, Expr, ParseResult, RefNode } from "./formula/ast";
import { EvalCell, Evaluator, NotEvaluable } from "./formula/evaluate";
import { areaAddress, cellAddress, mentionsSmallcap, parseArea, parseFormula } from "./formula/parser";
import { FormulaStorage, formulaStorage, isErrorCellValue, readCell, toStoredValue } from "./cell-values";

/** A formula that kept its old value, and why. */
export interface RefreshProblem {
  /** `Universe!W4`, or `'My Sheet'!B2` when the sheet name needs quotes. */
  readonly cell: string;
  readonly reason: string;
}

export interface RefreshReport {
  /** Cells whose formula calls a SMALLCAP function. */
  readonly formulas: number;
  /** Formulas evaluated and written back. */
  readonly refreshed: number;
  /** Cells (formula cells and spilled cells) whose cached value changed. */
  readonly changedCells: number;
  readonly problems: readonly RefreshProblem[];
}

export interface RefreshOptions {
  /** Called after each formula, with the number done and the total. */
  readonly onProgress?: (done: number, total: number) => void;
}

/** A sheet name as a reference prints it: quoted when it needs to be. */
export function sheetPrefix(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_.]*$/.test(name) && !/^[A-Za-z]{1,3}\d+$/.test(name) ? name : `'${name.replace(/'/g, "''")}'`;
}

const MAX_CELLS_PER_REFERENCE = 5_000_000;
const COLUMN_SPAN = 16_385;

interface Candidate {
  readonly sheet: ExcelJS.Worksheet;
  readonly row: number;
  readonly col: number;
  readonly storage: FormulaStorage;
  /** The parsed formula, or why it cannot be evaluated. */
  readonly parsed: ParseResult;
  /** The area this formula's values occupy now: its own cell, or its array range. */
  occupied: Area;
}

const key = (row: number, col: number): number => row * COLUMN_SPAN + col;

function sameValue(a: unknown, b: unknown): boolean {
  if (isErrorCellValue(a) && isErrorCellValue(b)) return a.error === b.error;
  return a === b || (a === undefined && b === null) || (a === null && b === undefined);
}

/** Every reference in a formula. Formulas nest only so deep (Excel allows 64 levels), so recursion is safe here. */
function references(expr: Expr, out: RefNode[] = []): RefNode[] {
  switch (expr.kind) {
    case "ref":
      out.push(expr);
      break;
    case "call":
      for (const arg of expr.args) references(arg, out);
      break;
    case "unary":
      references(expr.operand, out);
      break;
    case "binary":
      references(expr.left, out);
      references(expr.right, out);
      break;
    default:
      break;
  }
  return out;
}

/**
 * Strongly connected components of the "depends on" graph, dependencies before dependants
 * (Tarjan's algorithm, iterative so a long chain of formulas cannot overflow the stack).
 */
export function dependencyOrder(edges: readonly (readonly number[])[]): number[][] {
  const n = edges.length;
  const index = new Int32Array(n).fill(-1);
  const low = new Int32Array(n);
  const onStack = new Uint8Array(n);
  const stack: number[] = [];
  const components: number[][] = [];
  let counter = 0;
  const work: { node: number; edge: number }[] = [];
  for (let root = 0; root < n; root++) {
    if (index[root] !== -1) continue;
    work.push({ node: root, edge: 0 });
    index[root] = low[root] = counter++;
    stack.push(root);
    onStack[root] = 1;
    while (work.length > 0) {
      const frame = work[work.length - 1];
      const v = frame.node;
      if (frame.edge < edges[v].length) {
        const w = edges[v][frame.edge++];
        if (index[w] === -1) {
          index[w] = low[w] = counter++;
          stack.push(w);
          onStack[w] = 1;
          work.push({ node: w, edge: 0 });
        } else if (onStack[w] === 1) {
          low[v] = Math.min(low[v], index[w]);
        }
        continue;
      }
      work.pop();
      if (work.length > 0) {
        const parent = work[work.length - 1].node;
        low[parent] = Math.min(low[parent], low[v]);
      }
      if (low[v] === index[v]) {
        const component: number[] = [];
        let w: number;
        do {
          w = stack.pop() as number;
          onStack[w] = 0;
          component.push(w);
        } while (w !== v);
        components.push(component);
      }
    }
  }
  return components;
}

class Refresher {
  private readonly candidates: Candidate[] = [];
  /** Per sheet: which candidate's values occupy each cell (as the file left them). */
  private readonly owners = new Map<ExcelJS.Worksheet, Map<number, number>>();
  private readonly sheetsByName = new Map<string, ExcelJS.Worksheet>();
  private readonly problems: RefreshProblem[] = [];
  private readonly date1904: boolean;
  private refreshed = 0;
  private changedCells = 0;
  private done = 0;

  constructor(private readonly workbook: ExcelJS.Workbook, private readonly options: RefreshOptions) {
    this.date1904 = (workbook.properties as { date1904?: boolean } | undefined)?.date1904 === true;
    for (const sheet of workbook.worksheets) this.sheetsByName.set(sheet.name.toLowerCase(), sheet);
  }

  run(): RefreshReport {
    this.collect();
    const order = dependencyOrder(this.candidates.map((_, i) => this.dependencies(i)));
    for (const component of order) {
      const selfLoop = component.length === 1 && this.dependencies(component[0]).includes(component[0]);
      if (component.length > 1 || selfLoop) {
        // Excel cannot compute a cycle either; its cells keep their values.
        const members = component
          .slice()
          .sort((a, b) => a - b)
          .map((i) => this.labelOf(i));
        const reason = selfLoop ? "circular reference (it reads its own cell)" : `circular reference among ${members.join(", ")}`;
        for (const i of component.slice().sort((a, b) => a - b)) this.report(i, reason);
        continue;
      }
      this.evaluate(component[0]);
    }
    return {
      formulas: this.candidates.length,
      refreshed: this.refreshed,
      changedCells: this.changedCells,
      problems: this.problems,
    };
  }

  private label(sheet: ExcelJS.Worksheet, row: number, col: number): string {
    return `${sheetPrefix(sheet.name)}!${cellAddress(row, col)}`;
  }

  private labelOf(index: number): string {
    const c = this.candidates[index];
    return this.label(c.sheet, c.row, c.col);
  }

  private report(index: number, reason: string): void {
    this.problems.push({ cell: this.labelOf(index), reason });
    this.tick();
  }

  private tick(): void {
    this.done++;
    this.options.onProgress?.(this.done, this.candidates.length);
  }

  private ownersOf(sheet: ExcelJS.Worksheet): Map<number, number> {
    let map = this.owners.get(sheet);
    if (map === undefined) {
      map = new Map();
      this.owners.set(sheet, map);
    }
    return map;
  }

  private collect(): void {
    for (const sheet of this.workbook.worksheets) {
      sheet.eachRow({ includeEmpty: false }, (row) => {
        row.eachCell({ includeEmpty: false }, (cell) => {
          const storage = formulaStorage(cell);
          if (storage === undefined || !mentionsSmallcap(storage.formula)) return;
          const r = Number(row.number);
          const c = Number(cell.col);
          let occupied: Area = { top: r, left: c, bottom: r, right: c };
          if (storage.shareType === "array" && storage.ref !== undefined) {
            const area = parseArea(storage.ref);
            if (area !== undefined && area.top === r && area.left === c) occupied = area;
          }
          this.candidates.push({ sheet, row: r, col: c, storage, parsed: parseFormula(storage.formula), occupied });
        });
      });
    }
    this.candidates.forEach((candidate, index) => {
      const owners = this.ownersOf(candidate.sheet);
      forEachCell(candidate.occupied, (r, c) => {
        // Two arrays claiming one cell cannot come from Excel; the first one keeps it.
        if (!owners.has(key(r, c))) owners.set(key(r, c), index);
      });
    });
  }

  private dependencyCache = new Map<number, number[]>();

  /** The SMALLCAP formulas whose cells this one reads (itself included when it reads its own cells). */
  private dependencies(index: number): number[] {
    const cached = this.dependencyCache.get(index);
    if (cached !== undefined) return cached;
    const candidate = this.candidates[index];
    const found = new Set<number>();
    if (candidate.parsed.ok) {
      for (const ref of references(candidate.parsed.expr)) {
        const target = this.resolve(candidate, ref);
        if (typeof target === "string") continue;
        const owners = this.owners.get(target.sheet);
        if (owners === undefined || owners.size === 0) continue;
        const { area } = target;
        const size = (area.bottom - area.top + 1) * (area.right - area.left + 1);
        if (owners.size < size) {
          for (const [cellKey, owner] of owners) {
            const r = Math.floor(cellKey / COLUMN_SPAN);
            const c = cellKey % COLUMN_SPAN;
            if (inside(area, r, c)) found.add(owner);
          }
        } else {
          forEachCell(area, (r, c) => {
            const owner = owners.get(key(r, c));
            if (owner !== undefined) found.add(owner);
          });
        }
      }
    }
    const list = [...found];
    this.dependencyCache.set(index, list);
    return list;
  }

  /** The sheet and cells a reference reads, whole rows and columns clipped to the sheet's used range. */
  private resolve(from: Candidate, ref: RefNode): { sheet: ExcelJS.Worksheet; area: Area } | string {
    const sheet = ref.sheet === undefined ? from.sheet : this.sheetsByName.get(ref.sheet.toLowerCase());
    if (sheet === undefined) return `refers to the sheet ${ref.sheet}, which is not in the workbook`;
    let area = ref.area;
    if (ref.wholeColumns) area = { ...area, top: 1, bottom: Math.max(1, sheet.rowCount) };
    if (ref.wholeRows) area = { ...area, left: 1, right: Math.max(1, sheet.columnCount) };
    if ((area.bottom - area.top + 1) * (area.right - area.left + 1) > MAX_CELLS_PER_REFERENCE) {
      return `the reference ${areaAddress(area)} is too large to evaluate`;
    }
    return { sheet, area };
  }

  private evaluate(index: number): void {
    const candidate = this.candidates[index];
    try {
      if (!candidate.parsed.ok) throw new NotEvaluable(candidate.parsed.reason);
      const evaluator = new Evaluator({ read: (ref) => this.read(candidate, ref) });
      const grid = evaluator.evaluate(candidate.parsed.expr);
      const blocked = this.write(index, grid);
      if (blocked !== undefined) throw new NotEvaluable(blocked);
      this.refreshed++;
      this.tick();
    } catch (error) {
      if (!(error instanceof NotEvaluable)) throw error;
      this.report(index, error.message);
    }
  }

  /** The cells of a reference as they are now (dependencies were refreshed first). */
  private read(from: Candidate, ref: RefNode): EvalCell[][] | string {
    const target = this.resolve(from, ref);
    if (typeof target === "string") return target;
    const { sheet, area } = target;
    const height = area.bottom - area.top + 1;
    const width = area.right - area.left + 1;
    const cells: EvalCell[][] = new Array(height);
    for (let r = 0; r < height; r++) {
      const line: EvalCell[] = new Array(width);
      const row = sheet.findRow(area.top + r);
      for (let c = 0; c < width; c++) {
        line[c] = row === undefined ? null : readCell(row.findCell(area.left + c), this.date1904);
      }
      cells[r] = line;
    }
    return cells;
  }

  /** Writes a result as cached values; returns the reason when the spill is blocked. */
  private write(index: number, grid: Grid): string | undefined {
    const candidate = this.candidates[index];
    const { sheet, row, col, storage } = candidate;
    const height = grid.length;
    const width = grid[0]?.length ?? 0;
    if (height === 0 || width === 0) return "the function returned no value";
    const spills = height > 1 || width > 1;
    const target: Area = { top: row, left: col, bottom: row + height - 1, right: col + width - 1 };
    if (spills) {
      if (storage.shareType === "shared" || storage.sharedFormula !== undefined) {
        return `its result has ${height} x ${width} cells, but it is a shared formula, which cannot spill; enter it on its own`;
      }
      if (target.bottom > 1_048_576 || target.right > 16_384) return `its result (${height} x ${width}) would spill past the edge of the sheet`;
      const owners = this.ownersOf(sheet);
      let blockedBy: string | undefined;
      forEachCell(target, (r, c) => {
        if (blockedBy !== undefined || (r === row && c === col)) return;
        const owner = owners.get(key(r, c));
        if (owner === index) return;
        if (owner !== undefined) {
          blockedBy = `the formula in ${cellAddress(r, c)}`;
          return;
        }
        const existing = sheet.findCell(r, c);
        if (existing !== undefined && (existing.isMerged || readCell(existing, this.date1904) !== null || formulaStorage(existing) !== undefined)) {
          blockedBy = `the value in ${cellAddress(r, c)}`;
        }
      });
      if (blockedBy !== undefined) {
        return `its result would spill into ${areaAddress(target)}, which is blocked by ${blockedBy} (Excel shows #SPILL!)`;
      }
    }

    const anchor = sheet.getCell(row, col);
    const result = toStoredValue(grid[0][0]);
    if (!sameValue(storage.result, result)) this.changedCells++;
    if (storage.sharedFormula !== undefined) {
      anchor.value = { sharedFormula: storage.sharedFormula, result } as ExcelJS.CellValue;
    } else if (spills || storage.shareType === "array") {
      anchor.value = { formula: storage.formula, result, shareType: "array", ref: areaAddress(target) } as unknown as ExcelJS.CellValue;
    } else if (storage.shareType === "shared") {
      anchor.value = { formula: storage.formula, result, shareType: "shared", ref: storage.ref } as unknown as ExcelJS.CellValue;
    } else {
      anchor.value = { formula: storage.formula, result } as ExcelJS.CellValue;
    }

    const owners = this.ownersOf(sheet);
    // Cells of the old spill range that the new result no longer covers are emptied, as Excel does.
    forEachCell(candidate.occupied, (r, c) => {
      if ((r === row && c === col) || inside(target, r, c)) return;
      const cell = sheet.findCell(r, c);
      if (cell !== undefined && readCell(cell, this.date1904) !== null) {
        cell.value = null;
        this.changedCells++;
      }
      owners.delete(key(r, c));
    });
    for (let i = 0; i < height; i++) {
      for (let j = 0; j < width; j++) {
        if (i === 0 && j === 0) continue;
        const cell = sheet.getCell(row + i, col + j);
        const value = toStoredValue(grid[i][j]);
        if (!sameValue(readCell(cell, this.date1904), value)) this.changedCells++;
        cell.value = value as ExcelJS.CellValue;
        owners.set(key(row + i, col + j), index);
      }
    }
    candidate.occupied = target;
    return undefined;
  }
}

function inside(area: Area, r: number, c: number): boolean {
  return r >= area.top && r <= area.bottom && c >= area.left && c <= area.right;
}

function forEachCell(area: Area, fn: (r: number, c: number) => void): void {
  for (let r = area.top; r <= area.bottom; r++) for (let c = area.left; c <= area.right; c++) fn(r, c);
}

/**
 * Recomputes every SMALLCAP formula in the workbook, in place. Never throws for a formula it
 * cannot evaluate: that cell keeps its value and is listed in the report.
 */
export function refreshFormulas(workbook: ExcelJS.Workbook, options: RefreshOptions = {}): RefreshReport {
  return new Refresher(workbook, options).run();
}
