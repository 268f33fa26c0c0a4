/**
 * Headless recalculation of a workbook model: every formula is evaluated from the input
 * values, in dependency order across sheets, native functions and SMALLCAP calls alike
 * (`formula/evaluate.ts`), and its cached result replaced. Formula text and every cell that is
 * not a formula stay as they were.
 *
 * - Cached values are never trusted for a formula the engine can compute: a formula is
 *   computed after every formula whose cells it reads (Tarjan's algorithm over the
 *   "reads" graph, so chains of any length work and cycles are found).
 * - A formula the engine cannot evaluate (an unsupported function, a link to another workbook,
 *   INDIRECT/OFFSET, a volatile NOW/RAND, a name it cannot find) keeps its cached value and is
 *   reported with its cause; every formula that reads it, directly or not, is computed from
 *   that cached value and reported as possibly stale, not as refreshed. The workbook is then
 *   flagged to recalculate fully when Excel opens it (`fullCalcOnLoad`).
 * - A circular reference is reported with its cells; when the workbook enables iterative
 *   calculation, it is iterated as Excel would (at most `iterateCount` rounds, until no value
 *   moves more than `iterateDelta`); otherwise its cells keep their values.
 * - A result of more than one cell spills from its cell as a dynamic array: the formula cell
 *   keeps its formula, the rest of the range gets values. A spill that would overwrite a value
 *   or another formula is left as it was and reported, as Excel would show `#SPILL!`.
 */
import type ExcelJS from "exceljs";
import type { Cause, Expr, ParseResult, RefNode } from "./formula/ast";
import { MAX_COLUMNS, MAX_ROWS, areaAddress, cellAddress, parseArea, type Area } from "../workbook/a1";
import { Evaluator, NotEvaluable, Resolver, notEvaluable } from "./formula/evaluate";
import { parseFormula } from "./formula/parser";
import { RangeValue, Scalar, SheetHandle, Value, fromHost, REF, isError } from "./formula/values";
import { FormulaStorage, formulaStorage, isErrorCellValue, readCell } from "./cell-values";
import { DEFAULT_CALC, PackageInfo } from "./workbook-package";

/** A formula that kept its old value, and why. */
export interface RefreshProblem {
  /** `Universe!W4`, or `'My Sheet'!B2` when the sheet name needs quotes. */
  readonly cell: string;
  readonly reason: string;
  readonly cause: Cause;
}

/** Problems of one cause: how many, and the first cells. */
export interface ProblemGroup {
  readonly cause: Cause | "possibly stale";
  readonly count: number;
  readonly cells: readonly string[];
}

export interface RefreshReport {
  /** Formula cells in the workbook. */
  readonly formulas: number;
  /** Formulas evaluated from fresh inputs and written back. */
  readonly refreshed: number;
  /** Cells (formula cells and spilled cells) whose cached value changed. */
  readonly changedCells: number;
  /** Formulas that kept their cached value, and why. */
  readonly problems: readonly RefreshProblem[];
  /** Formulas computed, but from a cell that kept its cached value: possibly stale. */
  readonly stale: readonly string[];
  /** Problems and stale cells by cause, with counts and the first cells. */
  readonly groups: readonly ProblemGroup[];
  /** Each circular reference's cells. */
  readonly cycles: readonly (readonly string[])[];
  /** Whether the output asks Excel to recalculate fully when it opens the file. */
  readonly fullCalcOnLoad: boolean;
  /** Per sheet, the cells to mark as dynamic arrays in the written file (`patchPackage`). */
  readonly dynamicArrays: ReadonlyMap<string, readonly string[]>;
}

export interface RefreshOptions {
  /** Called after each formula, with the number done and the total. */
  readonly onProgress?: (done: number, total: number) => void;
  /** What exceljs does not read: calculation settings and every defined name (`readPackageInfo`). */
  readonly package?: PackageInfo;
}

/** A sheet name as a reference prints it: quoted when it needs to be. */
export function sheetPrefix(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_.]*$/.test(name) && !/^[A-Za-z]{1,3}\d+$/.test(name) ? name : `'${name.replace(/'/g, "''")}'`;
}

const MAX_CELLS_PER_REFERENCE = 5_000_000;
const COLUMN_SPAN = 16_385;
/** How many cells each group of the report names. */
const FIRST_CELLS = 5;
/** Names referring to names: deeper than this is reported, not followed. */
const MAX_NAME_DEPTH = 32;

interface FormulaCell {
  readonly sheet: ExcelJS.Worksheet;
  readonly row: number;
  readonly col: number;
  readonly storage: FormulaStorage;
  /** The parsed formula, or why it cannot be evaluated. */
  readonly parsed: ParseResult;
  /** The area this formula's values occupy now: its own cell, or its array range. */
  occupied: Area;
}

interface TableInfo {
  readonly name: string;
  readonly sheet: ExcelJS.Worksheet;
  readonly area: Area;
  readonly headerRow: boolean;
  readonly totalsRow: boolean;
  readonly columns: readonly string[];
}

interface NameInfo {
  readonly parsed: ParseResult;
  /** The sheet a sheet-scoped name belongs to. */
  readonly scope: ExcelJS.Worksheet | undefined;
}

const key = (row: number, col: number): number => row * COLUMN_SPAN + col;

const SHAPE_ONLY: ReadonlySet<string> = new Set(["ROWS", "COLUMNS", "ROW", "COLUMN"]);

function sameValue(a: unknown, b: unknown): boolean {
  if (isErrorCellValue(a) && isErrorCellValue(b)) return a.error === b.error;
  return a === b || (a === undefined && b === null) || (a === null && b === undefined);
}

/** A cell as exceljs stores it: errors as `{ error: "#DIV/0!" }`. */
function stored(cell: Scalar): number | string | boolean | { error: string } {
  if (cell === null) return 0;
  if (isError(cell)) return { error: cell.error };
  return cell;
}

const enum Status {
  Pending,
  /** Computed from fresh inputs. */
  Fresh,
  /** Not evaluated: keeps its cached value. */
  Kept,
  /** Computed, but from a cell that kept its cached value. */
  Stale,
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
  private readonly cells: FormulaCell[] = [];
  /** Per sheet: which formula's values occupy each cell (as the file left them, then as written). */
  private readonly owners = new Map<ExcelJS.Worksheet, Map<number, number>>();
  private readonly sheetsByName = new Map<string, ExcelJS.Worksheet>();
  private readonly handles = new Map<ExcelJS.Worksheet, SheetHandle>();
  private readonly tables = new Map<string, TableInfo>();
  /** Defined names by lower-case name: workbook scope under "", sheet scope under the sheet's lower-case name. */
  private readonly names = new Map<string, Map<string, NameInfo>>();
  private readonly problems: RefreshProblem[] = [];
  private readonly stale: string[] = [];
  private readonly cycles: string[][] = [];
  private readonly dynamicArrays = new Map<string, Set<string>>();
  private readonly date1904: boolean;
  private status: Uint8Array = new Uint8Array(0);
  private refreshed = 0;
  private changedCells = 0;
  private done = 0;

  constructor(private readonly workbook: ExcelJS.Workbook, private readonly options: RefreshOptions) {
    this.date1904 = (workbook.properties as { date1904?: boolean } | undefined)?.date1904 === true;
    for (const sheet of workbook.worksheets) this.sheetsByName.set(sheet.name.toLowerCase(), sheet);
    this.readTables();
    this.readNames();
  }

  run(): RefreshReport {
    this.collect();
    this.status = new Uint8Array(this.cells.length);
    const order = dependencyOrder(this.cells.map((_, i) => this.dependencies(i)));
    const calc = this.options.package?.calc ?? DEFAULT_CALC;
    for (const component of order) {
      const selfLoop = component.length === 1 && this.dependencies(component[0]).includes(component[0]);
      if (component.length > 1 || selfLoop) {
        const members = component.slice().sort((a, b) => a - b);
        this.cycles.push(members.map((i) => this.labelOf(i)));
        if (calc.iterate) this.iterate(members, calc.iterateCount, calc.iterateDelta);
        else {
          // Without iterative calculation Excel cannot compute a cycle either; its cells keep their values.
          const reason = selfLoop ? "circular reference (it reads its own cell)" : `circular reference among ${members.map((i) => this.labelOf(i)).join(", ")}`;
          for (const i of members) this.keep(i, reason, "circular reference");
        }
        continue;
      }
      this.evaluate(component[0]);
    }
    const fullCalcOnLoad = (this.options.package?.calc.fullCalcOnLoad ?? false) || this.problems.length > 0 || this.stale.length > 0;
    const calcProperties = (this.workbook as unknown as { calcProperties?: { fullCalcOnLoad?: boolean } }).calcProperties;
    if (fullCalcOnLoad) {
      (this.workbook as unknown as { calcProperties: { fullCalcOnLoad?: boolean } }).calcProperties = { ...(calcProperties ?? {}), fullCalcOnLoad: true };
    }
    return {
      formulas: this.cells.length,
      refreshed: this.refreshed,
      changedCells: this.changedCells,
      problems: this.problems,
      stale: this.stale,
      groups: this.groups(),
      cycles: this.cycles,
      fullCalcOnLoad,
      dynamicArrays: new Map([...this.dynamicArrays].map(([sheet, cells]) => [sheet, [...cells]])),
    };
  }

  private groups(): ProblemGroup[] {
    const byCause = new Map<ProblemGroup["cause"], string[]>();
    for (const p of this.problems) {
      const list = byCause.get(p.cause) ?? [];
      list.push(p.cell);
      byCause.set(p.cause, list);
    }
    if (this.stale.length > 0) byCause.set("possibly stale", this.stale);
    return [...byCause].map(([cause, cells]) => ({ cause, count: cells.length, cells: cells.slice(0, FIRST_CELLS) }));
  }

  private label(sheet: ExcelJS.Worksheet, row: number, col: number): string {
    return `${sheetPrefix(sheet.name)}!${cellAddress(row, col)}`;
  }

  private labelOf(index: number): string {
    const c = this.cells[index];
    return this.label(c.sheet, c.row, c.col);
  }

  private keep(index: number, reason: string, cause: Cause): void {
    this.problems.push({ cell: this.labelOf(index), reason, cause });
    this.status[index] = Status.Kept;
    this.tick();
  }

  private tick(): void {
    this.done++;
    this.options.onProgress?.(this.done, this.cells.length);
  }

  private ownersOf(sheet: ExcelJS.Worksheet): Map<number, number> {
    let map = this.owners.get(sheet);
    if (map === undefined) {
      map = new Map();
      this.owners.set(sheet, map);
    }
    return map;
  }

  private handle(sheet: ExcelJS.Worksheet): SheetHandle {
    let h = this.handles.get(sheet);
    if (h === undefined) {
      const date1904 = this.date1904;
      h = {
        name: sheet.name,
        cells(area: Area): Scalar[][] {
          const out: Scalar[][] = new Array(area.bottom - area.top + 1);
          for (let r = area.top; r <= area.bottom; r++) {
            const line: Scalar[] = new Array(area.right - area.left + 1);
            const row = sheet.findRow(r);
            for (let c = area.left; c <= area.right; c++) line[c - area.left] = row === undefined ? null : fromHost(readCell(row.findCell(c), date1904));
            out[r - area.top] = line;
          }
          return out;
        },
        hiddenRow: (r: number): boolean => sheet.findRow(r)?.hidden === true,
        formula: (r: number, c: number): string | undefined => formulaStorage(sheet.findCell(r, c))?.formula,
      };
      this.handles.set(sheet, h);
    }
    return h;
  }

  private readTables(): void {
    for (const sheet of this.workbook.worksheets) {
      const tables = (sheet as unknown as { tables?: Record<string, { table?: TableModel; model?: TableModel }> }).tables ?? {};
      for (const entry of Object.values(tables)) {
        const model = entry.table ?? entry.model;
        const area = model === undefined ? undefined : parseArea(model.tableRef ?? model.ref ?? "");
        if (model === undefined || area === undefined) continue;
        const name = model.displayName ?? model.name;
        this.tables.set(name.toLowerCase(), {
          name,
          sheet,
          area,
          headerRow: model.headerRow !== false,
          totalsRow: model.totalsRow === true,
          columns: (model.columns ?? []).map((c) => c.name),
        });
      }
    }
  }

  private readNames(): void {
    const add = (name: string, scope: ExcelJS.Worksheet | undefined, text: string): void => {
      const lower = name.toLowerCase();
      const scopes = this.names.get(lower) ?? new Map<string, NameInfo>();
      scopes.set(scope === undefined ? "" : scope.name.toLowerCase(), { parsed: parseFormula(text), scope });
      this.names.set(lower, scopes);
    };
    const fromPackage = this.options.package?.names;
    if (fromPackage !== undefined) {
      for (const n of fromPackage) add(n.name, n.localSheetId === undefined ? undefined : this.workbook.worksheets[n.localSheetId], n.text);
      return;
    }
    // Without the package (a workbook built in memory), exceljs's names: ranges only, workbook scope.
    const model = (this.workbook as unknown as { definedNames?: { model?: { name: string; ranges: string[] }[] } }).definedNames?.model ?? [];
    for (const n of model) if (n.ranges.length === 1) add(n.name, undefined, n.ranges[0]);
  }

  private collect(): void {
    for (const sheet of this.workbook.worksheets) {
      sheet.eachRow({ includeEmpty: false }, (row) => {
        row.eachCell({ includeEmpty: false }, (cell) => {
          const storage = formulaStorage(cell);
          if (storage === undefined) return;
          const r = Number(row.number);
          const c = Number(cell.col);
          let occupied: Area = { top: r, left: c, bottom: r, right: c };
          if (storage.shareType === "array" && storage.ref !== undefined) {
            const area = parseArea(storage.ref);
            if (area !== undefined && area.top === r && area.left === c) occupied = area;
          }
          this.cells.push({ sheet, row: r, col: c, storage, parsed: parseFormula(storage.formula), occupied });
        });
      });
    }
    this.cells.forEach((formula, index) => {
      const owners = this.ownersOf(formula.sheet);
      forEachCell(formula.occupied, (r, c) => {
        // Two arrays claiming one cell cannot come from Excel; the first one keeps it.
        if (!owners.has(key(r, c))) owners.set(key(r, c), index);
      });
      // Excel 365 saves every array formula with the dynamic-array flag exceljs drops; it is put back.
      if (formula.storage.shareType === "array" && formula.storage.sharedFormula === undefined) this.markDynamic(formula);
    });
  }

  private markDynamic(formula: FormulaCell): void {
    const set = this.dynamicArrays.get(formula.sheet.name) ?? new Set<string>();
    set.add(cellAddress(formula.row, formula.col));
    this.dynamicArrays.set(formula.sheet.name, set);
  }

  private dependencyCache = new Map<number, number[]>();

  /** The formulas whose cells this one reads (itself included when it reads its own cells). */
  private dependencies(index: number): number[] {
    const cached = this.dependencyCache.get(index);
    if (cached !== undefined) return cached;
    const formula = this.cells[index];
    const found = new Set<number>();
    if (formula.parsed.ok) {
      const areas: { sheet: ExcelJS.Worksheet; area: Area }[] = [];
      this.areasOf(formula, formula.parsed.expr, formula.sheet, areas, 0);
      for (const { sheet, area } of areas) {
        const owners = this.owners.get(sheet);
        if (owners === undefined || owners.size === 0) continue;
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

  /** Every area an expression reads: references, names (followed), tables, spill anchors. Formulas nest only so deep, so recursion is safe. */
  private areasOf(formula: FormulaCell, expr: Expr, home: ExcelJS.Worksheet, out: { sheet: ExcelJS.Worksheet; area: Area }[], depth: number): void {
    switch (expr.kind) {
      case "ref": {
        const target = this.resolve(home, expr);
        if (typeof target !== "string") out.push(target);
        break;
      }
      case "spill": {
        const target = this.resolve(home, expr.ref);
        if (typeof target !== "string") out.push(target);
        break;
      }
      case "struct": {
        const target = this.resolveStruct(formula, expr.table, expr.spec);
        if (typeof target !== "string") out.push(target);
        break;
      }
      case "name": {
        const info = this.lookupName(expr.name, expr.sheet, home);
        if (info !== undefined && info.parsed.ok && depth < MAX_NAME_DEPTH) this.areasOf(formula, info.parsed.expr, info.scope ?? home, out, depth + 1);
        break;
      }
      case "call":
        // ROWS, COLUMNS, ROW and COLUMN read a reference's shape, not its cells (Excel sees no dependency either).
        if (!expr.smallcap && SHAPE_ONLY.has(expr.name)) break;
        for (const arg of expr.args) this.areasOf(formula, arg, home, out, depth);
        break;
      case "unary":
        this.areasOf(formula, expr.operand, home, out, depth);
        break;
      case "binary":
        this.areasOf(formula, expr.left, home, out, depth);
        this.areasOf(formula, expr.right, home, out, depth);
        break;
      default:
        break;
    }
  }

  /** A defined name as Excel finds it: the sheet's own name first, then the workbook's. */
  private lookupName(name: string, sheetName: string | undefined, home: ExcelJS.Worksheet): NameInfo | undefined {
    const scopes = this.names.get(name.toLowerCase());
    if (scopes === undefined) return undefined;
    if (sheetName !== undefined) return scopes.get(sheetName.toLowerCase());
    return scopes.get(home.name.toLowerCase()) ?? scopes.get("");
  }

  /** The sheet and cells a reference reads, whole rows and columns clipped to the sheet's used range. */
  private resolve(home: ExcelJS.Worksheet, ref: RefNode): { sheet: ExcelJS.Worksheet; area: Area } | string {
    const sheet = ref.sheet === undefined ? home : this.sheetsByName.get(ref.sheet.toLowerCase());
    if (sheet === undefined) return `refers to the sheet ${ref.sheet}, which is not in the workbook`;
    let area = ref.area;
    if (ref.wholeColumns) area = { ...area, top: 1, bottom: Math.max(1, sheet.rowCount) };
    if (ref.wholeRows) area = { ...area, left: 1, right: Math.max(1, sheet.columnCount) };
    if ((area.bottom - area.top + 1) * (area.right - area.left + 1) > MAX_CELLS_PER_REFERENCE) {
      return `the reference ${areaAddress(area)} is too large to evaluate`;
    }
    return { sheet, area };
  }

  /**
   * A structured reference's cells: `Table1[EBIT]` (the column's data), `[@EBIT]` and
   * `Table1[[#This Row],[EBIT]]` (the formula's row), `Table1[#All]`, `[#Headers]`, `[#Totals]`,
   * `Table1[[EBIT]:[Interest]]`; column names compare case-insensitively, as Excel's do.
   */
  private resolveStruct(formula: FormulaCell, tableName: string | undefined, spec: string): { sheet: ExcelJS.Worksheet; area: Area } | string {
    const table =
      tableName !== undefined
        ? this.tables.get(tableName.toLowerCase())
        : [...this.tables.values()].find((t) => t.sheet === formula.sheet && inside(t.area, formula.row, formula.col));
    if (table === undefined) return tableName === undefined ? "uses a structured reference outside a table" : `refers to the table ${tableName}, which is not in the workbook`;
    const items = structItems(spec);
    const specials = items.filter((i) => i.startsWith("#")).map((i) => i.toLowerCase());
    const columns = items.filter((i) => !i.startsWith("#"));
    const { area } = table;
    const dataTop = area.top + (table.headerRow ? 1 : 0);
    const dataBottom = area.bottom - (table.totalsRow ? 1 : 0);
    let top = dataTop;
    let bottom = dataBottom;
    if (specials.includes("#this row")) {
      if (formula.sheet !== table.sheet || formula.row < dataTop || formula.row > dataBottom) return `uses ${table.name}'s This Row outside the table's rows`;
      top = bottom = formula.row;
    } else if (specials.includes("#all")) {
      top = area.top;
      bottom = area.bottom;
    } else if (specials.length > 0) {
      const wanted = new Set(specials);
      top = wanted.has("#headers") ? area.top : wanted.has("#data") ? dataTop : dataBottom + 1;
      bottom = wanted.has("#totals") ? area.bottom : wanted.has("#data") ? dataBottom : area.top;
      if (top > bottom) return `uses a part of ${table.name} it does not have`;
    }
    let left = area.left;
    let right = area.right;
    if (columns.length > 0) {
      const positions: number[] = [];
      for (const column of columns.flatMap((c) => c.split("\u0000"))) {
        const i = table.columns.findIndex((name) => name.toLowerCase() === column.toLowerCase());
        if (i < 0) return `refers to the column ${column}, which ${table.name} does not have`;
        positions.push(area.left + i);
      }
      left = Math.min(...positions);
      right = Math.max(...positions);
    }
    return { sheet: table.sheet, area: { top, bottom, left, right } };
  }

  private resolver(formula: FormulaCell, evaluator: () => Evaluator): Resolver {
    const home = formula.sheet;
    let nameDepth = 0;
    return {
      row: formula.row,
      col: formula.col,
      date1904: this.date1904,
      ref: (ref) => {
        const target = this.resolve(home, ref);
        if (typeof target === "string") return notEvaluable(target, target.includes("not in the workbook") ? "missing sheet" : "too large");
        return new RangeValue(this.handle(target.sheet), target.area);
      },
      spill: (ref): Value => {
        const target = this.resolve(home, ref);
        if (typeof target === "string") return notEvaluable(target, "missing sheet");
        const owner = this.owners.get(target.sheet)?.get(key(target.area.top, target.area.left));
        const anchor = owner === undefined ? undefined : this.cells[owner];
        if (anchor === undefined || anchor.row !== target.area.top || anchor.col !== target.area.left) return REF;
        return new RangeValue(this.handle(anchor.sheet), anchor.occupied);
      },
      struct: (table, spec) => {
        const target = this.resolveStruct(formula, table, spec);
        if (typeof target === "string") return notEvaluable(target, "unknown name");
        return new RangeValue(this.handle(target.sheet), target.area);
      },
      name: (name, sheet) => {
        const info = this.lookupName(name, sheet, home);
        if (info === undefined) return notEvaluable(`uses the name ${name}, which is not defined in the workbook`, "unknown name");
        if (!info.parsed.ok) return notEvaluable(`uses the name ${name}, which ${info.parsed.reason}`, info.parsed.cause);
        if (++nameDepth > MAX_NAME_DEPTH) return notEvaluable(`the name ${name} refers to itself`, "circular reference");
        try {
          return evaluator().value(info.parsed.expr);
        } finally {
          nameDepth--;
        }
      },
    };
  }

  private compute(index: number): Scalar[][] | undefined {
    const formula = this.cells[index];
    if (!formula.parsed.ok) {
      this.keep(index, formula.parsed.reason, formula.parsed.cause);
      return undefined;
    }
    try {
      const evaluator: Evaluator = new Evaluator(this.resolver(formula, () => evaluator));
      return evaluator.evaluate(formula.parsed.expr);
    } catch (error) {
      if (!(error instanceof NotEvaluable)) throw error;
      this.keep(index, error.message, error.cause);
      return undefined;
    }
  }

  private evaluate(index: number): void {
    const grid = this.compute(index);
    if (grid === undefined) return;
    const blocked = this.write(index, grid);
    if (blocked !== undefined) {
      this.keep(index, blocked, "spill blocked");
      return;
    }
    this.settle(index);
    this.tick();
  }

  /** Fresh when every formula it reads is fresh; possibly stale when one of them kept its value or is stale itself. */
  private settle(index: number): void {
    const staleInput = this.dependencies(index).some((d) => d !== index && (this.status[d] === Status.Kept || this.status[d] === Status.Stale));
    if (staleInput) {
      this.status[index] = Status.Stale;
      this.stale.push(this.labelOf(index));
    } else {
      this.status[index] = Status.Fresh;
      this.refreshed++;
    }
  }

  /** Excel's iterative calculation of a cycle: rounds in cell order until no value moves more than `delta`. */
  private iterate(members: readonly number[], count: number, delta: number): void {
    for (let round = 0; round < count; round++) {
      let moved = 0;
      for (const i of members) {
        const before = readCell(this.cells[i].sheet.findCell(this.cells[i].row, this.cells[i].col), this.date1904);
        const grid = this.compute(i);
        const blocked = grid === undefined ? undefined : this.write(i, grid);
        if (blocked !== undefined) this.keep(i, blocked, "spill blocked");
        if (grid === undefined || blocked !== undefined) {
          // One member cannot be computed: the cycle cannot be iterated; the others keep their values too.
          for (const j of members) if (this.status[j] === Status.Pending) this.keep(j, `circular reference with ${this.labelOf(i)}, which cannot be evaluated`, "circular reference");
          return;
        }
        const after = grid[0][0];
        moved = Math.max(moved, typeof before === "number" && typeof after === "number" ? Math.abs(after - before) : before === after ? 0 : Infinity);
      }
      if (moved <= delta) break;
    }
    for (const i of members) {
      this.settle(i);
      this.tick();
    }
  }

  /** Writes a result as cached values; returns the reason when the spill is blocked. */
  private write(index: number, grid: Scalar[][]): string | undefined {
    const formula = this.cells[index];
    const { sheet, row, col, storage } = formula;
    const height = grid.length;
    const width = grid[0]?.length ?? 0;
    if (height === 0 || width === 0) return "the function returned no value";
    const spills = height > 1 || width > 1;
    const target: Area = { top: row, left: col, bottom: row + height - 1, right: col + width - 1 };
    if (spills) {
      if (storage.shareType === "shared" || storage.sharedFormula !== undefined) {
        return `its result has ${height} x ${width} cells, but it is a shared formula, which cannot spill; enter it on its own`;
      }
      if (target.bottom > MAX_ROWS || target.right > MAX_COLUMNS) return `its result (${height} x ${width}) would spill past the edge of the sheet`;
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
    const result = stored(grid[0][0]);
    if (!sameValue(storage.result, result) && !sameValue(readCell(anchor, this.date1904), result)) this.changedCells++;
    if (storage.sharedFormula !== undefined) {
      anchor.value = { sharedFormula: storage.sharedFormula, result } as ExcelJS.CellValue;
    } else if (spills || storage.shareType === "array") {
      anchor.value = { formula: storage.formula, result, shareType: "array", ref: areaAddress(target) } as unknown as ExcelJS.CellValue;
      this.markDynamic(formula);
    } else if (storage.shareType === "shared") {
      anchor.value = { formula: storage.formula, result, shareType: "shared", ref: storage.ref } as unknown as ExcelJS.CellValue;
    } else {
      anchor.value = { formula: storage.formula, result } as ExcelJS.CellValue;
    }

    const owners = this.ownersOf(sheet);
    // Cells of the old spill range that the new result no longer covers are emptied, as Excel does.
    forEachCell(formula.occupied, (r, c) => {
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
        const value = stored(grid[i][j]);
        if (!sameValue(readCell(cell, this.date1904), value)) this.changedCells++;
        cell.value = value as ExcelJS.CellValue;
        owners.set(key(row + i, col + j), index);
      }
    }
    formula.occupied = target;
    return undefined;
  }
}

interface TableModel {
  readonly name: string;
  readonly displayName?: string;
  readonly tableRef?: string;
  readonly ref?: string;
  readonly headerRow?: boolean;
  readonly totalsRow?: boolean;
  readonly columns?: readonly { readonly name: string }[];
}

/** A column name inside brackets, with Excel's `'` escapes (`'#`, `'[`, `']`, `''`) undone. */
function unescapeColumn(text: string): string {
  return text.replace(/'(.)/g, "$1");
}

/**
 * The items of a structured reference's brackets: `EBIT` -> [EBIT]; `@EBIT` and
 * `@[EBIT 2024]` -> [#This Row, EBIT]; `[#This Row],[EBIT]` -> [#This Row, EBIT];
 * `[EBIT]:[Interest]` -> one item holding both names (split on NUL by the caller).
 */
function structItems(spec: string): string[] {
  const trimmed = spec.trim();
  if (trimmed === "") return [];
  if (trimmed.startsWith("@")) {
    const rest = trimmed.slice(1).trim();
    return ["#This Row", ...(rest === "" ? [] : structItems(rest))];
  }
  if (!trimmed.startsWith("[")) return [unescapeColumn(trimmed)];
  const items: string[] = [];
  let depth = 0;
  let current = "";
  for (let i = 0; i < trimmed.length; i++) {
    const ch = trimmed[i];
    if (ch === "'" && i + 1 < trimmed.length) {
      current += ch + trimmed[++i];
      continue;
    }
    if (ch === "[") {
      if (depth++ === 0) continue;
    } else if (ch === "]") {
      if (--depth === 0) continue;
    } else if (depth === 0 && ch === ",") {
      items.push(current);
      current = "";
      continue;
    } else if (depth === 0 && ch === ":") {
      current += "\u0000";
      continue;
    } else if (depth === 0 && ch === " ") continue;
    current += ch;
  }
  items.push(current);
  return items.map(unescapeColumn);
}

function inside(area: Area, r: number, c: number): boolean {
  return r >= area.top && r <= area.bottom && c >= area.left && c <= area.right;
}

function forEachCell(area: Area, fn: (r: number, c: number) => void): void {
  for (let r = area.top; r <= area.bottom; r++) for (let c = area.left; c <= area.right; c++) fn(r, c);
}

/**
 * Recomputes every formula in the workbook, in place. Never throws for a formula it cannot
 * evaluate: that cell keeps its value and is listed in the report, and every formula reading
 * it is reported as possibly stale.
 */
export function refreshFormulas(workbook: ExcelJS.Workbook, options: RefreshOptions = {}): RefreshReport {
  return new Refresher(workbook, options).run();
}
