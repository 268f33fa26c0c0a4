/**
 * A small, stateful Excel for the adapter's tests, built on office-addin-mock.
 *
 * Every object the adapter can `load` (ranges, sheets, tables, collections) is an
 * `OfficeMockObject` behind a Proxy: until `load()` and `context.sync()` a property reads as
 * the mock's "Error, property was not loaded", exactly the trap the real API sets. Writes
 * (`range.values = ...`, `sheet.position = ...`, `tables.add(...)`) go through the Proxy
 * into a plain model of sheets, cells, tables, charts, names and conditional formats.
 *
 * Like Office.js, operations take effect in queue order and failures surface at the next
 * `context.sync()`. The model also records what a real host would charge: the number of
 * syncs, the JSON payload of each `values` assignment and of each sync, and any string that
 * Excel would have turned into a formula (text starting with = + - @ in a cell not formatted
 * as text).
 */
/* eslint-disable @typescript-eslint/no-this-alias -- the fake's API objects are object literals, like
   Office.js proxies; their methods have their own `this`, and `fake` names the workbook they act on. */
import { OfficeMockObject } from "office-addin-mock";
import { OP_BYTES } from "../../src/excel/payload";
import { columnLetters, parseRange, rangeAddress, splitQualified, quoteSheet, type Rect } from "../../src/taskpane/a1";

type Json = unknown;

/**
 * Excel on the web: "a payload size limit for requests and responses of 5MB. RichAPI.Error will
 * be thrown if that limit is exceeded"
 * (https://learn.microsoft.com/office/dev/add-ins/concepts/resource-limits-and-performance-optimization#excel-add-ins).
 */
export const PAYLOAD_LIMIT = 5_000_000;
/** Rows of a worksheet. */
const SHEET_ROWS = 1_048_576;

export { OP_BYTES };

export class FakeOfficeError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = "RichApi.Error";
  }
}

export interface FakeTable {
  name: string;
  sheet: FakeSheet;
  rect: Rect;
  style: string;
}

export interface FakeChart {
  name: string;
  type: string;
  source: string;
  /** Every property set on the chart, by path: `title.text`, `axes.valueAxis.maximum`. */
  settings: Record<string, Json>;
  from?: string;
  to?: string;
}

export interface FakeConditionalFormat {
  type: string;
  address: string;
  settings: Record<string, Json>;
}

export class FakeSheet {
  /** row (1-based) -> column (0-based) -> value. */
  readonly rows = new Map<number, Map<number, Json>>();
  /** Number formats applied to rectangles, latest last. */
  readonly formats: { rect: Rect; format: string }[] = [];
  /** Cells Excel would have read as formulas. */
  readonly formulas: { row: number; column: number; text: string }[] = [];
  readonly charts: FakeChart[] = [];
  readonly names = new Map<string, string>();
  readonly conditionalFormats: FakeConditionalFormat[] = [];
  readonly columnWidths = new Map<number, number>();
  readonly styles: { address: string; property: string; value: Json }[] = [];
  visibility = "Visible";
  frozenRows = 0;
  constructor(public name: string) {}

  get(row: number, column: number): Json {
    return this.rows.get(row)?.get(column) ?? "";
  }

  formatAt(row: number, column: number): string {
    for (let i = this.formats.length - 1; i >= 0; i--) {
      const { rect, format } = this.formats[i];
      if (row >= rect.top && row < rect.top + rect.rows && column >= rect.left && column < rect.left + rect.columns) return format;
    }
    return "General";
  }

  /** Enters a value as Office.js would; `typed: false` places it as a test fixture (a text cell as it already is). */
  set(row: number, column: number, value: Json, typed = true): void {
    if (typed && typeof value === "string" && /^[=+\-@]/.test(value) && this.formatAt(row, column) !== "@") {
      this.formulas.push({ row, column, text: value });
    }
    let r = this.rows.get(row);
    if (r === undefined) {
      r = new Map();
      this.rows.set(row, r);
    }
    if (value === "" || value === null) r.delete(column);
    else r.set(column, value);
  }

  /** Values of a rectangle as Excel returns them ("" for empty). */
  read(rect: Rect): Json[][] {
    const out: Json[][] = [];
    for (let r = 0; r < rect.rows; r++) {
      const row: Json[] = [];
      const source = this.rows.get(rect.top + r);
      for (let c = 0; c < rect.columns; c++) row.push(source?.get(rect.left + c) ?? "");
      out.push(row);
    }
    return out;
  }

  /** Bounding box of the non-empty cells inside rect, or undefined. */
  used(rect: Rect): Rect | undefined {
    let top = Infinity;
    let bottom = -Infinity;
    let left = Infinity;
    let right = -Infinity;
    for (const [row, cells] of this.rows) {
      if (row < rect.top || row >= rect.top + rect.rows) continue;
      for (const column of cells.keys()) {
        if (column < rect.left || column >= rect.left + rect.columns) continue;
        top = Math.min(top, row);
        bottom = Math.max(bottom, row);
        left = Math.min(left, column);
        right = Math.max(right, column);
      }
    }
    if (top === Infinity) return undefined;
    return { top, left, rows: bottom - top + 1, columns: right - left + 1 };
  }

  /** Ctrl+A's current region around a rectangle. */
  region(rect: Rect): Rect {
    let r = { ...rect };
    for (;;) {
      const grown = {
        top: Math.max(1, r.top - 1),
        left: Math.max(0, r.left - 1),
        rows: 0,
        columns: 0,
      };
      grown.rows = r.top + r.rows + 1 - grown.top;
      grown.columns = r.left + r.columns + 1 - grown.left;
      const used = this.used(grown);
      if (used === undefined) return r;
      const next = {
        top: Math.min(r.top, used.top),
        left: Math.min(r.left, used.left),
        rows: 0,
        columns: 0,
      };
      next.rows = Math.max(r.top + r.rows, used.top + used.rows) - next.top;
      next.columns = Math.max(r.left + r.columns, used.left + used.columns) - next.left;
      if (next.top === r.top && next.left === r.left && next.rows === r.rows && next.columns === r.columns) return r;
      r = next;
    }
  }
}

/** The structure a refresh must leave unchanged. */
export interface Structure {
  sheets: string[];
  tables: string[];
  charts: string[];
  names: string[];
  conditionalFormats: string[];
}

type Loader = (key: string) => Json;

export class FakeExcel {
  readonly sheets: FakeSheet[] = [];
  readonly tables: FakeTable[] = [];
  selection: { sheet: string; address: string } | null = null;
  active: FakeSheet | undefined;
  /**
   * One entry per context.sync(): request bytes and operations queued before it, and the
   * response bytes (JSON of the loaded values and scalars) it brings back.
   */
  readonly syncs: { bytes: number; ops: number; response: number }[] = [];
  /** JSON size of every `values` assignment. */
  readonly valueWrites: number[] = [];
  private pendingBytes = 0;
  private pendingOps = 0;
  private pendingResponse = 0;
  private pendingError: Error | undefined;
  private mocks: OfficeMockObject[] = [];
  private tableCounter = 0;
  readonly context: { workbook: unknown; sync: () => Promise<void> };

  constructor() {
    this.context = { workbook: this.workbookApi(), sync: () => this.sync() };
  }

  // ---- setup helpers for tests -------------------------------------------------------

  addSheet(name: string, cells: Json[][] = [], top = 1, left = 0): FakeSheet {
    const sheet = new FakeSheet(name);
    this.sheets.push(sheet);
    cells.forEach((row, r) => row.forEach((value, c) => sheet.set(top + r, left + c, value, false)));
    this.active ??= sheet;
    return sheet;
  }

  addTable(sheetName: string, name: string, address: string): void {
    const sheet = this.sheet(sheetName);
    const rect = parseRange(address);
    if (sheet === undefined || rect === undefined) throw new Error("bad table setup");
    this.tables.push({ name, sheet, rect, style: "TableStyleMedium2" });
  }

  sheet(name: string): FakeSheet | undefined {
    return this.sheets.find((s) => s.name.toLowerCase() === name.toLowerCase());
  }

  /** The `Excel.run` the adapter is given. */
  readonly run = <T>(batch: (context: Excel.RequestContext) => Promise<T>): Promise<T> =>
    batch(this.context as unknown as Excel.RequestContext).finally(() => {
      this.pendingBytes = 0;
      this.pendingOps = 0;
      this.pendingResponse = 0;
      this.pendingError = undefined;
      this.mocks = [];
    });

  /** Sets `globalThis.Excel` to an office-addin-mock object whose `run` drives this workbook. */
  installGlobal(): OfficeMockObject {
    const excel = new OfficeMockObject({
      run: async (batch: (context: unknown) => Promise<unknown>) => this.run(batch as (c: Excel.RequestContext) => Promise<unknown>),
    });
    (globalThis as unknown as { Excel: unknown }).Excel = excel;
    return excel;
  }

  resetCounters(): void {
    this.syncs.length = 0;
    this.valueWrites.length = 0;
  }

  structure(): Structure {
    return {
      sheets: this.sheets.map((s) => `${s.name} (${s.visibility})`),
      tables: this.tables.map((t) => `${t.sheet.name}!${t.name}`).sort(),
      charts: this.sheets.flatMap((s) => s.charts.map((c) => `${s.name}!${c.name}`)).sort(),
      names: this.sheets.flatMap((s) => [...s.names.keys()].map((n) => `${s.name}!${n}`)).sort(),
      conditionalFormats: this.sheets.flatMap((s) => s.conditionalFormats.map((f) => `${s.name}!${f.address}:${f.type}`)).sort(),
    };
  }

  // ---- the request context ---------------------------------------------------------------

  private async sync(): Promise<void> {
    const request = this.pendingBytes;
    const response = this.pendingResponse;
    this.syncs.push({ bytes: request, ops: this.pendingOps, response });
    this.pendingBytes = 0;
    this.pendingOps = 0;
    this.pendingResponse = 0;
    let error = this.pendingError;
    this.pendingError = undefined;
    // The host refuses the whole batch; the fake has applied the writes already, so a test
    // that hits this is broken either way (the adapter must never get here).
    if (request > PAYLOAD_LIMIT) {
      error = new FakeOfficeError("RequestPayloadSizeLimitExceeded", `The request payload size (${request} bytes) has exceeded the limit.`);
    } else if (response > PAYLOAD_LIMIT) {
      error = new FakeOfficeError("ResponsePayloadSizeLimitExceeded", `The response payload size (${response} bytes) has exceeded the limit.`);
    }
    for (const mock of this.mocks) await mock.sync();
    // The mock settles loaded properties in follow-up microtasks: let them run.
    await new Promise((resolve) => setImmediate(resolve));
    if (error !== undefined) throw error;
  }

  private op(bytes = 0): void {
    this.pendingOps++;
    this.pendingBytes += OP_BYTES + bytes;
  }

  /** Queues a failure for the next sync (Office.js reports errors there, not at the call). */
  private fail(code: string, message: string): void {
    this.pendingError ??= new FakeOfficeError(code, message);
  }

  /**
   * A loadable object: an OfficeMockObject holding `keys` (plus nested `{ worksheet: { name } }`
   * when given), refreshed from `loader` at each load, with `methods` and `setters` on a Proxy.
   */
  private loadable(
    keys: readonly string[],
    loader: Loader,
    methods: Record<string, unknown>,
    setters: Record<string, (value: Json) => void> = {},
    worksheetName?: () => string,
  ): Record<string, unknown> {
    const data: Record<string, unknown> = {};
    for (const key of keys) data[key] = undefined;
    if (worksheetName !== undefined) data.worksheet = { name: worksheetName() };
    const target = new OfficeMockObject(data as never);
    this.mocks.push(target);
    const setValue = (target as unknown as { setValue(name: string, value: unknown): void }).setValue.bind(target);
    const load = (spec?: string | string[]): Record<string, unknown> => {
      this.op();
      const wanted = (Array.isArray(spec) ? spec.join(",") : (spec ?? keys.join(",")))
        .split(",")
        .map((s) => s.trim())
        .filter((s) => s !== "");
      const top = new Set(wanted.map((w) => w.split("/")[0]));
      for (const key of top) {
        if (key === "worksheet") continue;
        if (!keys.includes(key)) throw new Error(`fake: cannot load ${key}`);
        const value = loader(key);
        if (key === "values" || value === null || typeof value !== "object") this.pendingResponse += JSON.stringify(value ?? null).length + key.length + 4;
        setValue(key, value);
      }
      target.load([...top].map((k) => (k === "worksheet" ? wanted.filter((w) => w.startsWith("worksheet/")).join(",") : k)).filter((k) => k !== ""));
      return proxy;
    };
    const proxy: Record<string, unknown> = new Proxy(target as unknown as Record<string, unknown>, {
      get: (t, prop) => {
        if (prop === "load") return load;
        if (typeof prop === "string" && prop in methods) return methods[prop];
        return Reflect.get(t, prop);
      },
      set: (_t, prop, value) => {
        const setter = typeof prop === "string" ? setters[prop] : undefined;
        if (setter === undefined) throw new Error(`fake: cannot set ${String(prop)}`);
        setter(value);
        return true;
      },
    });
    return proxy;
  }

  private workbookApi(): unknown {
    const fake = this;
    return {
      get worksheets() {
        return fake.worksheetsApi();
      },
      get tables() {
        return fake.tablesApi(undefined);
      },
      getSelectedRange() {
        fake.op();
        const selection = fake.selection;
        const sheet = selection === null ? undefined : fake.sheet(selection.sheet);
        const rect = selection === null ? undefined : parseRange(selection.address);
        if (sheet === undefined || rect === undefined) {
          fake.fail("InvalidSelection", "The current selection is invalid for this operation.");
          return fake.rangeApi(new FakeSheet("?"), { top: 1, left: 0, rows: 1, columns: 1 });
        }
        return fake.rangeApi(sheet, rect);
      },
    };
  }

  private worksheetsApi(): unknown {
    const fake = this;
    const collection = this.loadable(
      ["items"],
      () => fake.sheets.map((s) => {
        const api = fake.sheetApi(s) as { load(spec: string): void };
        api.load("name, position, visibility");
        return api;
      }),
      {
        getItem(name: string) {
          fake.op();
          const sheet = fake.sheet(name);
          if (sheet === undefined) {
            fake.fail("ItemNotFound", `The requested resource doesn't exist: ${name}`);
            return fake.sheetApi(new FakeSheet(name), true);
          }
          return fake.sheetApi(sheet);
        },
        getItemOrNullObject(name: string) {
          fake.op();
          const sheet = fake.sheet(name);
          return fake.sheetApi(sheet ?? new FakeSheet(name), sheet === undefined);
        },
        add(name: string) {
          fake.op(JSON.stringify(name).length);
          const sheet = new FakeSheet(name);
          if (fake.sheet(name) !== undefined) fake.fail("ItemAlreadyExists", `A sheet named ${name} already exists.`);
          else if (name.length === 0 || name.length > 31 || /[\\/?*:[\]]/.test(name)) fake.fail("InvalidArgument", `Bad sheet name ${name}`);
          else fake.sheets.push(sheet);
          return fake.sheetApi(sheet);
        },
      },
    );
    return collection;
  }

  private tablesApi(scope: FakeSheet | undefined): unknown {
    const fake = this;
    const inScope = () => fake.tables.filter((t) => scope === undefined || t.sheet === scope);
    return this.loadable(
      ["items"],
      () => inScope().map((t) => {
        const api = fake.tableApi(t) as { load(spec: string): void };
        api.load("name, worksheet/name");
        return api;
      }),
      {
        getItem(name: string) {
          fake.op();
          const table = inScope().find((t) => t.name.toLowerCase() === name.toLowerCase());
          if (table === undefined) {
            fake.fail("ItemNotFound", `The requested resource doesn't exist: ${name}`);
            return fake.tableApi({ name, sheet: new FakeSheet("?"), rect: { top: 1, left: 0, rows: 2, columns: 1 }, style: "" });
          }
          return fake.tableApi(table);
        },
        add(address: string, hasHeaders: boolean) {
          fake.op();
          const rect = parseRange(splitQualified(address).address);
          if (scope === undefined || rect === undefined || !hasHeaders) throw new Error("fake: tables.add needs a sheet, an address and headers");
          const overlap = fake.tables.some(
            (t) =>
              t.sheet === scope &&
              t.rect.top < rect.top + rect.rows &&
              rect.top < t.rect.top + t.rect.rows &&
              t.rect.left < rect.left + rect.columns &&
              rect.left < t.rect.left + t.rect.columns,
          );
          const table: FakeTable = { name: fake.nextTableName(), sheet: scope, rect, style: "TableStyleMedium2" };
          if (overlap) fake.fail("InvalidOperation", "A table can't overlap another table.");
          else fake.tables.push(table);
          return fake.tableApi(table);
        },
      },
    );
  }

  private nextTableName(): string {
    for (;;) {
      const name = `Table${++this.tableCounter}`;
      if (!this.tables.some((t) => t.name.toLowerCase() === name.toLowerCase())) return name;
    }
  }

  private tableApi(table: FakeTable): unknown {
    const fake = this;
    const sheetOf = () => table.sheet;
    return this.loadable(
      ["name", "isNullObject"],
      (key) => (key === "name" ? table.name : false),
      {
        getRange() {
          fake.op();
          return fake.rangeApi(sheetOf(), table.rect);
        },
        getHeaderRowRange() {
          fake.op();
          return fake.rangeApi(sheetOf(), { ...table.rect, rows: 1 });
        },
        getDataBodyRange() {
          fake.op();
          return fake.rangeApi(sheetOf(), { ...table.rect, top: table.rect.top + 1, rows: table.rect.rows - 1 });
        },
      },
      {
        name(value) {
          fake.op(JSON.stringify(value).length);
          const name = String(value);
          const clash = fake.tables.some((t) => t !== table && t.name.toLowerCase() === name.toLowerCase());
          const clashName = fake.sheets.some((s) => s.names.has(name));
          if (clash || clashName) fake.fail("InvalidArgument", `A table or name called ${name} already exists.`);
          else if (!/^[A-Za-z_\\][A-Za-z0-9_.]*$/.test(name) || parseRange(name) !== undefined) fake.fail("InvalidArgument", `Bad table name ${name}`);
          else table.name = name;
        },
        style(value) {
          fake.op();
          table.style = String(value);
        },
      },
      () => table.sheet.name,
    );
  }

  private sheetApi(sheet: FakeSheet, isNull = false): unknown {
    const fake = this;
    const live = () => fake.sheets.includes(sheet);
    const api = this.loadable(
      ["name", "position", "visibility", "isNullObject"],
      (key) => {
        if (key === "isNullObject") return isNull;
        if (key === "name") return sheet.name;
        if (key === "position") return fake.sheets.indexOf(sheet);
        return sheet.visibility;
      },
      {
        getRange(address?: string) {
          fake.op(JSON.stringify(address ?? "").length);
          const rect = address === undefined ? parseRange("A:XFD") : parseRange(address);
          if (rect === undefined) {
            fake.fail("InvalidArgument", `Bad address ${address}`);
            return fake.rangeApi(sheet, { top: 1, left: 0, rows: 1, columns: 1 });
          }
          return fake.rangeApi(sheet, rect);
        },
        delete() {
          fake.op();
          if (!live()) return fake.fail("ItemNotFound", "The sheet is gone.");
          const visible = fake.sheets.filter((s) => s.visibility === "Visible");
          if (visible.length === 1 && visible[0] === sheet) return fake.fail("InvalidOperation", "A workbook must keep one visible sheet.");
          fake.sheets.splice(fake.sheets.indexOf(sheet), 1);
          for (let i = fake.tables.length - 1; i >= 0; i--) if (fake.tables[i].sheet === sheet) fake.tables.splice(i, 1);
          if (fake.active === sheet) fake.active = fake.sheets.find((s) => s.visibility === "Visible");
        },
        activate() {
          fake.op();
          fake.active = sheet;
        },
        freezePanes: {
          freezeRows(count: number) {
            fake.op();
            sheet.frozenRows = count;
          },
        },
        get tables() {
          return fake.tablesApi(sheet);
        },
        get charts() {
          return {
            add(type: string, source: { __rect?: Rect }, seriesBy?: string) {
              fake.op();
              const taken = new Set(sheet.charts.map((c) => c.name));
              let n = sheet.charts.length + 1;
              while (taken.has(`Chart ${n}`)) n++;
              const chart: FakeChart = {
                name: `Chart ${n}`,
                type: `${type}/${seriesBy ?? "Auto"}`,
                source: source.__rect !== undefined ? rangeAddress(source.__rect) : "?",
                settings: {},
              };
              sheet.charts.push(chart);
              return fake.chartApi(sheet, chart);
            },
          };
        },
        get names() {
          return {
            add(name: string, reference: { __rect?: Rect } | string) {
              fake.op(JSON.stringify(name).length);
              if (sheet.names.has(name)) return fake.fail("ItemAlreadyExists", `The name ${name} already exists.`);
              const where = typeof reference === "string" ? reference : `=${quoteSheet(sheet.name)}!${absolute(reference.__rect as Rect)}`;
              sheet.names.set(name, where);
              return {};
            },
          };
        },
      },
      {
        name(value) {
          fake.op(JSON.stringify(value).length);
          const name = String(value);
          const clash = fake.sheets.some((s) => s !== sheet && s.name.toLowerCase() === name.toLowerCase());
          if (clash) fake.fail("ItemAlreadyExists", `A sheet named ${name} already exists.`);
          else if (name.length === 0 || name.length > 31 || /[\\/?*:[\]]/.test(name)) fake.fail("InvalidArgument", `Bad sheet name ${name}`);
          else sheet.name = name;
        },
        position(value) {
          fake.op();
          const index = fake.sheets.indexOf(sheet);
          if (index < 0) return;
          fake.sheets.splice(index, 1);
          fake.sheets.splice(Math.min(Number(value), fake.sheets.length), 0, sheet);
        },
        visibility(value) {
          fake.op();
          sheet.visibility = String(value);
        },
      },
    );
    return api;
  }

  private chartApi(sheet: FakeSheet, chart: FakeChart): unknown {
    const fake = this;
    const settings = recorder((path, value) => {
      fake.op(JSON.stringify(value).length);
      chart.settings[path] = value;
    });
    return new Proxy({} as Record<string, unknown>, {
      get: (_t, prop) => {
        if (prop === "setPosition") {
          return (from: string, to?: string) => {
            fake.op();
            chart.from = from;
            chart.to = to;
          };
        }
        return (settings as Record<string | symbol, unknown>)[prop];
      },
      set: (_t, prop, value) => {
        fake.op();
        if (prop !== "name") {
          chart.settings[String(prop)] = value;
          return true;
        }
        if (sheet.charts.some((c) => c !== chart && c.name === value)) fake.fail("InvalidArgument", `A chart named ${String(value)} exists.`);
        else chart.name = String(value);
        return true;
      },
    });
  }

  private rangeApi(sheet: FakeSheet, rect: Rect, isNull = false): unknown {
    const fake = this;
    const address = () => `${quoteSheet(sheet.name)}!${rangeAddress(rect)}`;
    const format = recorder((property, value) => {
      fake.op();
      if (property === "columnWidth") {
        for (let c = rect.left; c < rect.left + rect.columns; c++) sheet.columnWidths.set(c, Number(value));
      } else sheet.styles.push({ address: rangeAddress(rect), property, value });
    });
    const api = this.loadable(
      ["values", "address", "rowCount", "columnCount", "cellCount", "isNullObject"],
      (key) => {
        switch (key) {
          case "values":
            return isNull ? null : sheet.read(rect);
          case "address":
            return isNull ? null : address();
          case "rowCount":
            return rect.rows;
          case "columnCount":
            return rect.columns;
          case "cellCount":
            return rect.rows * rect.columns;
          default:
            return isNull;
        }
      },
      {
        __rect: rect,
        __isNull: isNull,
        format,
        getRow(index: number) {
          fake.op();
          return fake.rangeApi(sheet, { ...rect, top: rect.top + index, rows: 1 }, isNull);
        },
        getResizedRange(deltaRows: number, deltaColumns: number) {
          fake.op();
          const resized = { ...rect, rows: rect.rows + deltaRows, columns: rect.columns + deltaColumns };
          if (resized.rows < 1 || resized.columns < 1 || resized.top + resized.rows - 1 > SHEET_ROWS || resized.left + resized.columns > 16_384) {
            fake.fail("InvalidArgument", "The argument is invalid or missing or has an incorrect format.");
          }
          return fake.rangeApi(sheet, resized, isNull);
        },
        getIntersectionOrNullObject(other: { __rect?: Rect; __isNull?: boolean } | string) {
          fake.op();
          const with_ = typeof other === "string" ? parseRange(other) : other.__rect;
          const otherNull = typeof other !== "string" && other.__isNull === true;
          const top = Math.max(rect.top, with_?.top ?? Infinity);
          const left = Math.max(rect.left, with_?.left ?? Infinity);
          const bottom = Math.min(rect.top + rect.rows, with_ === undefined ? -Infinity : with_.top + with_.rows);
          const right = Math.min(rect.left + rect.columns, with_ === undefined ? -Infinity : with_.left + with_.columns);
          const empty = isNull || otherNull || bottom <= top || right <= left;
          return fake.rangeApi(sheet, empty ? rect : { top, left, rows: bottom - top, columns: right - left }, empty);
        },
        getColumn(index: number) {
          fake.op();
          return fake.rangeApi(sheet, { ...rect, left: rect.left + index, columns: 1 });
        },
        getSurroundingRegion() {
          fake.op();
          return fake.rangeApi(sheet, sheet.region(rect));
        },
        getUsedRangeOrNullObject() {
          fake.op();
          const used = sheet.used(rect);
          return fake.rangeApi(sheet, used ?? rect, used === undefined);
        },
        get conditionalFormats() {
          return {
            add(type: string) {
              fake.op();
              const settings: Record<string, Json> = {};
              sheet.conditionalFormats.push({ type, address: rangeAddress(rect), settings });
              return recorder((path, value) => {
                fake.op(JSON.stringify(value).length);
                settings[path] = value;
              });
            },
          };
        },
      },
      {
        values(value) {
          const bytes = JSON.stringify(value).length;
          fake.op(bytes);
          fake.valueWrites.push(bytes);
          if (!Array.isArray(value)) {
            for (let r = 0; r < rect.rows; r++) for (let c = 0; c < rect.columns; c++) sheet.set(rect.top + r, rect.left + c, value);
            return;
          }
          if (value.length !== rect.rows || value.some((row) => !Array.isArray(row) || row.length !== rect.columns)) {
            return fake.fail("InvalidArgument", `The number of rows or columns in the input array doesn't match the size of the range ${rangeAddress(rect)}.`);
          }
          (value as Json[][]).forEach((row, r) => row.forEach((cell, c) => sheet.set(rect.top + r, rect.left + c, cell)));
        },
        numberFormat(value) {
          fake.op(JSON.stringify(value).length);
          if (!Array.isArray(value)) {
            sheet.formats.push({ rect, format: String(value) });
            return;
          }
          if (value.length !== rect.rows || value.some((row) => !Array.isArray(row) || row.length !== rect.columns)) {
            return fake.fail("InvalidArgument", "numberFormat dimensions do not match the range.");
          }
          (value as string[][]).forEach((row, r) =>
            row.forEach((f, c) => sheet.formats.push({ rect: { top: rect.top + r, left: rect.left + c, rows: 1, columns: 1 }, format: f })),
          );
        },
      },
      () => sheet.name,
    );
    return api;
  }
}

/** `$A$1:$C$3`. */
function absolute(rect: Rect): string {
  const a = `$${columnLetters(rect.left)}$${rect.top}`;
  const b = `$${columnLetters(rect.left + rect.columns - 1)}$${rect.top + rect.rows - 1}`;
  return rect.rows === 1 && rect.columns === 1 ? a : `${a}:${b}`;
}

/** An object that accepts any nested property path (`format.font.bold = true`) and reports each set. */
function recorder(onSet: (path: string, value: Json) => void, prefix = ""): Record<string, unknown> {
  const children = new Map<string, unknown>();
  const methods: Record<string, unknown> = {
    autofitColumns: () => onSet(`${prefix}autofitColumns()`, true),
  };
  return new Proxy({} as Record<string, unknown>, {
    get: (_t, prop) => {
      if (typeof prop !== "string") return undefined;
      if (prop in methods) return methods[prop];
      if (prop === "then") return undefined;
      let child = children.get(prop);
      if (child === undefined) {
        child = recorder(onSet, `${prefix}${prop}.`);
        children.set(prop, child);
      }
      return child;
    },
    set: (_t, prop, value) => {
      onSet(`${prefix}${String(prop)}`, value);
      return true;
    },
  });
}
