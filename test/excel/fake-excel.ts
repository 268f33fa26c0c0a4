/**
 * A small, stateful Excel for the adapter's tests, built on office-addin-mock, with Excel's
 * batch semantics. Each rule below is Microsoft's, and the page that states it:
 *
 * - Queue until sync. Methods called, properties set and loads requested on proxy objects "are
 *   simply added to a queue of pending commands"; at `context.sync()` "the queued commands are
 *   dispatched to the Office application and run", in order
 *   (https://learn.microsoft.com/office/dev/add-ins/develop/application-specific-api-model,
 *   "Proxy objects", "sync()"). Here nothing touches the model until `sync()`; a reference
 *   such as `worksheets.getItem(name)` is resolved when its turn comes, so a rename queued
 *   before it is seen.
 * - Loads too are queued and filled at the sync ("Just like requests to set properties or
 *   invoke methods on proxy objects, requests to load properties ... get added to the queue",
 *   same page); before the sync a property reads as office-addin-mock's error text.
 * - Stop at the first failure. A batch runs up to the failing command and no further: what ran
 *   before it stays applied, what was queued after it never runs, and the promise of
 *   `sync()` is rejected with an `OfficeExtension.Error` whose `debugInfo` names the failing
 *   command (`errorLocation`: "the object type and property or method name", `statement`: "the
 *   statement that caused the error") and whose trace holds only what was "executed before the
 *   error occurred" (OfficeExtension.Error reference,
 *   https://learn.microsoft.com/javascript/api/office/officeextension.error; also the `DebugInfo`
 *   interface of the office-js typings). No loaded value comes back from a failed sync.
 * - Failure injection: `failOn(kind, ordinal)` makes the ordinal-th command of that kind (for
 *   example "Worksheet.delete" #1, "Worksheet.name=" #2) fail with the code given, as a dropped
 *   connection or a busy Excel would; `executed` lists every command that ran, so a test can
 *   fail each in turn.
 * - Limits, measured by this file's own code: the request of a sync is the UTF-8 byte length of
 *   the JSON of its queued commands (each `{"Id","Name","Args"}`), the response the UTF-8 bytes
 *   of the JSON of the values it loads. Excel on the web "has a payload size limit for requests
 *   and responses of 5MB" (RequestPayloadSizeLimitExceeded / ResponsePayloadSizeLimitExceeded:
 *   a request over it runs nothing; a response over it returns nothing), and on every platform
 *   "a range is limited to 5,000,000 cells for read operations" (RangeExceedsLimit)
 *   (https://learn.microsoft.com/office/dev/add-ins/concepts/resource-limits-and-performance-optimization#excel-add-ins;
 *   codes from https://learn.microsoft.com/office/dev/add-ins/testing/application-specific-api-error-handling).
 *   The web payload limit only applies with `platform: "web"` (the default).
 * - Tables as Excel has them: a header row, a data body and, with `showTotals`, a totals row;
 *   `getRange()` is all three, `getHeaderRowRange()`, `getDataBodyRange()` and
 *   `getTotalRowRange()` the parts (Excel.Table in the office-js typings, ExcelApi 1.1).
 *
 * The model also records any string that Excel would have turned into a formula (text starting
 * with = + - @ in a cell not formatted as text).
 */
/* eslint-disable @typescript-eslint/no-this-alias -- the fake's API objects are object literals, like
   Office.js proxies; their methods have their own `this`, and `fake` names the workbook they act on. */
import { OfficeMockObject } from "office-addin-mock";
import { areaAddress, areaColumns, areaOf, areaRows, columnLetters, parseRange as parseArea, splitQualified, quoteSheet } from "../../src/workbook/a1";

/**
 * The fake's geometry, as Office.js's `Range.rowIndex` and `columnIndex` count: rows from 1 as
 * addresses do, columns from 0. Addresses go through the add-in's one A1 module (1-based).
 */
export interface Rect {
  readonly top: number;
  readonly left: number;
  readonly rows: number;
  readonly columns: number;
}

/** `A1:C3`, `A:C` or `2:5` as a rectangle; undefined when it is not an address. */
export function parseRange(address: string): Rect | undefined {
  const area = parseArea(address);
  return area === undefined ? undefined : { top: area.top, left: area.left - 1, rows: areaRows(area), columns: areaColumns(area) };
}

/** `A1:C3` (`A1` for one cell). */
export function rangeAddress(rect: Rect): string {
  return areaAddress(areaOf(rect.top, rect.left + 1, rect.rows, rect.columns));
}

type Json = unknown;

/**
 * Excel on the web: "a payload size limit for requests and responses of 5MB. RichAPI.Error will
 * be thrown if that limit is exceeded"
 * (https://learn.microsoft.com/office/dev/add-ins/concepts/resource-limits-and-performance-optimization#excel-add-ins).
 * Taken as 5,000,000 bytes (the smaller reading of "5MB").
 */
export const PAYLOAD_LIMIT = 5_000_000;
/** "A range is limited to 5,000,000 cells for read operations" (same page). */
export const READ_CELL_LIMIT = 5_000_000;
/** Rows of a worksheet. */
const SHEET_ROWS = 1_048_576;

/** UTF-8 length of a string, counted here (not by the adapter's code). */
export function utf8Length(text: string): number {
  return Buffer.byteLength(text, "utf8");
}

/** UTF-8 length of the JSON text of a value. */
export function jsonBytes(value: Json): number {
  return utf8Length(JSON.stringify(value) ?? "null");
}

export interface FakeDebugInfo {
  code: string;
  message: string;
  errorLocation: string;
  statement: string;
  surroundingStatements: string[];
}

export class FakeOfficeError extends Error {
  debugInfo?: FakeDebugInfo;
  /** Commands of the failed batch that ran before the failing one. */
  traceMessages: string[] = [];
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
  /** The whole table: header row, data body and (with showTotals) the totals row. */
  rect: Rect;
  style: string;
  showTotals: boolean;
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

/** One queued command: its kind ("Worksheet.delete"), its ordinal among commands of that kind, and what it does at the sync. */
interface Command {
  readonly kind: string;
  readonly ordinal: number;
  readonly statement: string;
  readonly bytes: number;
  readonly apply: () => void;
}

/** A command that ran: kind and ordinal, for failure injection. */
export interface Executed {
  readonly kind: string;
  readonly ordinal: number;
}

/** A worksheet reference, bound when the command that yields it runs. */
class SheetRef {
  sheet?: FakeSheet;
  isNull = false;
  constructor(
    readonly label: string,
    readonly resolve?: () => FakeSheet,
  ) {}
  get(): FakeSheet {
    const sheet = this.sheet ?? this.resolve?.();
    if (sheet === undefined || this.isNull) throw new FakeOfficeError("ItemNotFound", `The requested resource doesn't exist: ${this.label}`);
    return sheet;
  }
}

/** A range reference: sheet and rectangle, bound when the command that yields it runs. */
interface RangeRef {
  sheet?: FakeSheet;
  rect?: Rect;
  isNull: boolean;
}

/** A table reference, bound when the command that yields it runs. */
class TableRef {
  table?: FakeTable;
  isNull = false;
  constructor(readonly label: string) {}
  get(): FakeTable {
    if (this.table === undefined || this.isNull) throw new FakeOfficeError("ItemNotFound", `The requested resource doesn't exist: ${this.label}`);
    return this.table;
  }
}

/** A loadable proxy and the sync-time half of its `load`. */
interface Api {
  readonly proxy: Record<string, unknown>;
  /** Fills the given property paths from the model (at the sync; charges the response). */
  fill(paths: readonly string[]): void;
}

type Loader = (key: string, rest: readonly string[]) => Json;

export interface FakeOptions {
  /** "web" enforces Excel on the web's 5 MB request and response limit; both enforce the 5,000,000-cell read limit. */
  platform?: "web" | "desktop";
}

export class FakeExcel {
  readonly sheets: FakeSheet[] = [];
  readonly tables: FakeTable[] = [];
  selection: { sheet: string; address: string } | null = null;
  active: FakeSheet | undefined;
  readonly platform: "web" | "desktop";
  /**
   * One entry per context.sync(): request bytes and commands queued before it, and the
   * response bytes (JSON of the loaded values and scalars) it brings back; all UTF-8.
   */
  readonly syncs: { bytes: number; ops: number; response: number }[] = [];
  /** UTF-8 JSON size of every `values` assignment that ran. */
  readonly valueWrites: number[] = [];
  /** Every command that ran, in order (since the last resetCounters). */
  readonly executed: Executed[] = [];
  private queue: Command[] = [];
  private ordinals = new Map<string, number>();
  private injected: { kind: string; ordinal: number; code: string; message: string }[] = [];
  private pendingResponse = 0;
  private mocks: OfficeMockObject[] = [];
  private tableCounter = 0;
  private nextId = 1;
  readonly context: { workbook: unknown; sync: () => Promise<void> };

  constructor(options: FakeOptions = {}) {
    this.platform = options.platform ?? "web";
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

  /** A table over `address` (header row first; with showTotals the last row is the totals row). */
  addTable(sheetName: string, name: string, address: string, options: { showTotals?: boolean } = {}): FakeTable {
    const sheet = this.sheet(sheetName);
    const rect = parseRange(address);
    if (sheet === undefined || rect === undefined) throw new Error("bad table setup");
    const table = { name, sheet, rect, style: "TableStyleMedium2", showTotals: options.showTotals === true };
    this.tables.push(table);
    return table;
  }

  sheet(name: string): FakeSheet | undefined {
    return this.sheets.find((s) => s.name.toLowerCase() === name.toLowerCase());
  }

  /**
   * Makes the `ordinal`-th command of `kind` (counted from the last resetCounters, 1-based) fail
   * at its sync with `code`: earlier commands of that batch stay applied, later ones never run.
   */
  failOn(kind: string, ordinal: number, code = "GeneralException", message = "The connection to Excel was lost."): void {
    this.injected.push({ kind, ordinal, code, message });
  }

  /** The `Excel.run` the adapter is given. Commands left unsynced when the batch returns are dropped. */
  readonly run = <T>(batch: (context: Excel.RequestContext) => Promise<T>): Promise<T> =>
    batch(this.context as unknown as Excel.RequestContext).finally(() => {
      this.queue = [];
      this.pendingResponse = 0;
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
    this.executed.length = 0;
    this.ordinals.clear();
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
    const batch = this.queue;
    this.queue = [];
    this.pendingResponse = 0;
    const request = 2 + batch.reduce((sum, c) => sum + c.bytes, 0);
    const record = { bytes: request, ops: batch.length, response: 0 };
    this.syncs.push(record);
    // Let the caller's promise chain settle as a real round trip would.
    await Promise.resolve();
    if (this.platform === "web" && request > PAYLOAD_LIMIT) {
      throw new FakeOfficeError("RequestPayloadSizeLimitExceeded", `The request payload size (${request} bytes) has exceeded the limit.`);
    }
    const ran: string[] = [];
    let failure: FakeOfficeError | undefined;
    for (let i = 0; i < batch.length; i++) {
      const command = batch[i];
      try {
        const inject = this.injected.find((f) => f.kind === command.kind && f.ordinal === command.ordinal);
        if (inject !== undefined) throw new FakeOfficeError(inject.code, inject.message);
        command.apply();
      } catch (error) {
        if (!(error instanceof FakeOfficeError)) throw error;
        error.debugInfo = {
          code: error.code,
          message: error.message,
          errorLocation: command.kind,
          statement: command.statement,
          surroundingStatements: batch.slice(Math.max(0, i - 2), i + 3).map((c) => c.statement),
        };
        error.traceMessages = ran;
        failure = error;
        break;
      }
      this.executed.push({ kind: command.kind, ordinal: command.ordinal });
      ran.push(command.statement);
    }
    record.response = this.pendingResponse;
    this.pendingResponse = 0;
    if (failure === undefined && this.platform === "web" && record.response > PAYLOAD_LIMIT) {
      failure = new FakeOfficeError("ResponsePayloadSizeLimitExceeded", `The response payload size (${record.response} bytes) has exceeded the limit.`);
    }
    // Loads that ran registered their mocks; a failed sync returns no values.
    const mocks = this.mocks;
    this.mocks = [];
    if (failure !== undefined) throw failure;
    for (const mock of mocks) await mock.sync();
    // The mock settles loaded properties in follow-up microtasks: let them run.
    await new Promise((resolve) => setImmediate(resolve));
  }

  /** Queues a command; `apply` runs at the next sync, in order, unless an earlier one failed. */
  private command(kind: string, args: readonly Json[], apply: () => void): void {
    const ordinal = (this.ordinals.get(kind) ?? 0) + 1;
    this.ordinals.set(kind, ordinal);
    const id = this.nextId++;
    const text = JSON.stringify({ Id: id, Name: kind, Args: args });
    const shown = args.map((a) => {
      const s = JSON.stringify(a) ?? "undefined";
      return s.length > 40 ? `${s.slice(0, 37)}...` : s;
    });
    this.queue.push({ kind, ordinal, statement: `${kind}(${shown.join(", ")})`, bytes: utf8Length(text) + 1, apply });
  }

  private respond(key: string, value: Json): void {
    this.pendingResponse += jsonBytes({ [key]: value }) + 1;
  }

  /**
   * A loadable object: an OfficeMockObject holding `keys`, filled from `loader` when a queued
   * load runs; `navs` are navigation properties (`worksheet`) loaded by path (`worksheet/name`);
   * `methods` and `setters` sit on a Proxy.
   */
  private loadable(
    type: string,
    keys: readonly string[],
    loader: Loader,
    methods: Record<string, unknown>,
    setters: Record<string, (value: Json) => void> = {},
    navs: Record<string, () => Api> = {},
  ): Api {
    const fake = this;
    const data: Record<string, unknown> = {};
    for (const key of keys) data[key] = undefined;
    const target = new OfficeMockObject(data as never);
    const setValue = (target as unknown as { setValue(name: string, value: unknown): void }).setValue.bind(target);
    const parse = (spec?: string | string[]): string[] =>
      (Array.isArray(spec) ? spec.join(",") : (spec ?? keys.join(",")))
        .split(",")
        .map((s) => s.trim())
        .filter((s) => s !== "");
    const fill = (paths: readonly string[]): void => {
      const groups = new Map<string, string[]>();
      for (const path of paths) {
        const [head, ...rest] = path.split("/");
        const group = groups.get(head) ?? [];
        if (rest.length > 0) group.push(rest.join("/"));
        groups.set(head, group);
      }
      const scalars: string[] = [];
      for (const [key, rest] of groups) {
        if (key in navs) {
          navs[key]().fill(rest);
          continue;
        }
        const value = loader(key, rest);
        if (key !== "items") fake.respond(key, value);
        setValue(key, value);
        scalars.push(key);
      }
      if (!fake.mocks.includes(target)) fake.mocks.push(target);
      if (scalars.length > 0) target.load(scalars);
    };
    const load = (spec?: string | string[]): Record<string, unknown> => {
      const paths = parse(spec);
      for (const path of paths) {
        const head = path.split("/")[0];
        if (!keys.includes(head) && !(head in navs)) throw new Error(`fake: cannot load ${head} of ${type}`);
      }
      const scalars = [...new Set(paths.map((p) => p.split("/")[0]))].filter((k) => !(k in navs));
      if (scalars.length > 0) target.load(scalars);
      fake.command(`${type}.load`, [paths.join(",")], () => fill(paths));
      return proxy;
    };
    const proxy: Record<string, unknown> = new Proxy(target as unknown as Record<string, unknown>, {
      get: (t, prop) => {
        if (prop === "load") return load;
        if (typeof prop === "string" && prop in navs) return navs[prop]().proxy;
        if (typeof prop === "string" && prop in methods) return methods[prop];
        return Reflect.get(t, prop);
      },
      set: (_t, prop, value) => {
        const setter = typeof prop === "string" ? setters[prop] : undefined;
        if (setter === undefined) throw new Error(`fake: cannot set ${String(prop)} of ${type}`);
        setter(value);
        return true;
      },
    });
    return { proxy, fill };
  }

  private workbookApi(): unknown {
    const fake = this;
    return {
      get worksheets() {
        return fake.worksheetsApi();
      },
      get tables() {
        return fake.tablesApi(undefined).proxy;
      },
      getSelectedRange() {
        const ref: RangeRef = { isNull: false };
        fake.command("Workbook.getSelectedRange", [], () => {
          const selection = fake.selection;
          const sheet = selection === null ? undefined : fake.sheet(selection.sheet);
          const rect = selection === null ? undefined : parseRange(selection.address);
          if (sheet === undefined || rect === undefined) throw new FakeOfficeError("InvalidSelection", "The current selection is invalid for this operation.");
          ref.sheet = sheet;
          ref.rect = rect;
        });
        return fake.rangeApi(ref).proxy;
      },
    };
  }

  private worksheetsApi(): unknown {
    const fake = this;
    const sheetBy = (name: string, orNull: boolean) => {
      const ref = new SheetRef(name);
      fake.command(orNull ? "WorksheetCollection.getItemOrNullObject" : "WorksheetCollection.getItem", [name], () => {
        const sheet = fake.sheet(name);
        if (sheet === undefined && !orNull) throw new FakeOfficeError("ItemNotFound", `The requested resource doesn't exist: ${name}`);
        ref.sheet = sheet;
        ref.isNull = sheet === undefined;
      });
      return fake.sheetApi(ref).proxy;
    };
    return this.loadable(
      "WorksheetCollection",
      ["items"],
      (_key, rest) =>
        fake.sheets.map((s) => {
          const ref = new SheetRef(s.name);
          ref.sheet = s;
          const api = fake.sheetApi(ref);
          api.fill(rest);
          return api.proxy;
        }),
      {
        getItem: (name: string) => sheetBy(name, false),
        getItemOrNullObject: (name: string) => sheetBy(name, true),
        add(name: string) {
          const sheet = new FakeSheet(name);
          const ref = new SheetRef(name);
          fake.command("WorksheetCollection.add", [name], () => {
            if (fake.sheet(name) !== undefined) throw new FakeOfficeError("ItemAlreadyExists", `A sheet named ${name} already exists.`);
            if (name.length === 0 || name.length > 31 || /[\\/?*:[\]]/.test(name)) throw new FakeOfficeError("InvalidArgument", `Bad sheet name ${name}`);
            fake.sheets.push(sheet);
            ref.sheet = sheet;
          });
          return fake.sheetApi(ref).proxy;
        },
      },
    ).proxy;
  }

  private tablesApi(scope: SheetRef | undefined): Api {
    const fake = this;
    const inScope = () => {
      const sheet = scope?.get();
      return fake.tables.filter((t) => sheet === undefined || t.sheet === sheet);
    };
    return this.loadable(
      "TableCollection",
      ["items"],
      (_key, rest) =>
        inScope().map((t) => {
          const ref = new TableRef(t.name);
          ref.table = t;
          const api = fake.tableApi(ref);
          api.fill(rest);
          return api.proxy;
        }),
      {
        getItem(name: string) {
          const ref = new TableRef(name);
          fake.command("TableCollection.getItem", [name], () => {
            const table = inScope().find((t) => t.name.toLowerCase() === name.toLowerCase());
            if (table === undefined) throw new FakeOfficeError("ItemNotFound", `The requested resource doesn't exist: ${name}`);
            ref.table = table;
          });
          return fake.tableApi(ref).proxy;
        },
        add(address: string, hasHeaders: boolean) {
          const rect = parseRange(splitQualified(address).address);
          if (scope === undefined || rect === undefined || !hasHeaders) throw new Error("fake: tables.add needs a sheet, an address and headers");
          const ref = new TableRef(address);
          fake.command("TableCollection.add", [address, hasHeaders], () => {
            const sheet = scope.get();
            const overlap = fake.tables.some(
              (t) =>
                t.sheet === sheet &&
                t.rect.top < rect.top + rect.rows &&
                rect.top < t.rect.top + t.rect.rows &&
                t.rect.left < rect.left + rect.columns &&
                rect.left < t.rect.left + t.rect.columns,
            );
            if (overlap) throw new FakeOfficeError("InvalidOperation", "A table can't overlap another table.");
            const table: FakeTable = { name: fake.nextTableName(), sheet, rect, style: "TableStyleMedium2", showTotals: false };
            fake.tables.push(table);
            ref.table = table;
          });
          return fake.tableApi(ref).proxy;
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

  private tableApi(ref: TableRef): Api {
    const fake = this;
    const part = (kind: string, rect: (t: FakeTable) => Rect) => {
      const range: RangeRef = { isNull: false };
      fake.command(`Table.${kind}`, [], () => {
        const table = ref.get();
        range.sheet = table.sheet;
        range.rect = rect(table);
      });
      return fake.rangeApi(range).proxy;
    };
    const bodyRows = (t: FakeTable) => t.rect.rows - 1 - (t.showTotals ? 1 : 0);
    let worksheet: Api | undefined;
    return this.loadable(
      "Table",
      ["name", "showTotals", "isNullObject"],
      (key) => (key === "name" ? ref.get().name : key === "showTotals" ? ref.get().showTotals : ref.isNull),
      {
        getRange: () => part("getRange", (t) => t.rect),
        getHeaderRowRange: () => part("getHeaderRowRange", (t) => ({ ...t.rect, rows: 1 })),
        // Excel keeps one (blank) body row in a table with no data.
        getDataBodyRange: () => part("getDataBodyRange", (t) => ({ ...t.rect, top: t.rect.top + 1, rows: Math.max(1, bodyRows(t)) })),
        getTotalRowRange: () =>
          part("getTotalRowRange", (t) => {
            if (!t.showTotals) throw new FakeOfficeError("ItemNotFound", `The table ${t.name} has no totals row.`);
            return { ...t.rect, top: t.rect.top + t.rect.rows - 1, rows: 1 };
          }),
      },
      {
        name(value) {
          const name = String(value);
          fake.command("Table.name=", [name], () => {
            const table = ref.get();
            const clash = fake.tables.some((t) => t !== table && t.name.toLowerCase() === name.toLowerCase());
            const clashName = fake.sheets.some((s) => s.names.has(name));
            if (clash || clashName) throw new FakeOfficeError("InvalidArgument", `A table or name called ${name} already exists.`);
            if (!/^[A-Za-z_\\][A-Za-z0-9_.]*$/.test(name) || parseRange(name) !== undefined) throw new FakeOfficeError("InvalidArgument", `Bad table name ${name}`);
            table.name = name;
          });
        },
        style(value) {
          fake.command("Table.style=", [value], () => {
            ref.get().style = String(value);
          });
        },
        showTotals(value) {
          fake.command("Table.showTotals=", [value], () => {
            const table = ref.get();
            if (table.showTotals === (value === true)) return;
            table.showTotals = value === true;
            table.rect = { ...table.rect, rows: table.rect.rows + (table.showTotals ? 1 : -1) };
          });
        },
      },
      {
        worksheet: () => (worksheet ??= fake.sheetApi(new SheetRef("(table's sheet)", () => ref.get().sheet))),
      },
    );
  }

  private sheetApi(ref: SheetRef): Api {
    const fake = this;
    const live = () => fake.sheets.includes(ref.get());
    let tables: Api | undefined;
    return this.loadable(
      "Worksheet",
      ["name", "position", "visibility", "isNullObject"],
      (key) => {
        if (key === "isNullObject") return ref.isNull;
        if (ref.isNull) return null;
        const sheet = ref.get();
        if (key === "name") return sheet.name;
        if (key === "position") return fake.sheets.indexOf(sheet);
        return sheet.visibility;
      },
      {
        getRange(address?: string) {
          const range: RangeRef = { isNull: false };
          fake.command("Worksheet.getRange", [address ?? null], () => {
            const rect = address === undefined ? parseRange("A:XFD") : parseRange(address);
            if (rect === undefined) throw new FakeOfficeError("InvalidArgument", `Bad address ${address}`);
            range.sheet = ref.get();
            range.rect = rect;
          });
          return fake.rangeApi(range).proxy;
        },
        delete() {
          fake.command("Worksheet.delete", [], () => {
            const sheet = ref.get();
            if (!live()) throw new FakeOfficeError("ItemNotFound", "The sheet is gone.");
            const visible = fake.sheets.filter((s) => s.visibility === "Visible");
            if (visible.length === 1 && visible[0] === sheet) throw new FakeOfficeError("InvalidOperation", "A workbook must keep one visible sheet.");
            fake.sheets.splice(fake.sheets.indexOf(sheet), 1);
            for (let i = fake.tables.length - 1; i >= 0; i--) if (fake.tables[i].sheet === sheet) fake.tables.splice(i, 1);
            if (fake.active === sheet) fake.active = fake.sheets.find((s) => s.visibility === "Visible");
          });
        },
        activate() {
          fake.command("Worksheet.activate", [], () => {
            fake.active = ref.get();
          });
        },
        freezePanes: {
          freezeRows(count: number) {
            fake.command("WorksheetFreezePanes.freezeRows", [count], () => {
              ref.get().frozenRows = count;
            });
          },
        },
        get tables() {
          return (tables ??= fake.tablesApi(ref)).proxy;
        },
        get charts() {
          return {
            add(type: string, source: { __range?: RangeRef }, seriesBy?: string) {
              const chart: FakeChart = { name: "", type: `${type}/${seriesBy ?? "Auto"}`, source: "?", settings: {} };
              let owner: FakeSheet | undefined;
              fake.command("ChartCollection.add", [type, seriesBy ?? "Auto"], () => {
                const sheet = ref.get();
                const taken = new Set(sheet.charts.map((c) => c.name));
                let n = sheet.charts.length + 1;
                while (taken.has(`Chart ${n}`)) n++;
                chart.name = `Chart ${n}`;
                chart.source = source.__range?.rect !== undefined ? rangeAddress(source.__range.rect) : "?";
                sheet.charts.push(chart);
                owner = sheet;
              });
              return fake.chartApi(() => owner, chart);
            },
          };
        },
        get names() {
          return {
            add(name: string, reference: { __range?: RangeRef } | string) {
              fake.command("NamedItemCollection.add", [name], () => {
                const sheet = ref.get();
                if (sheet.names.has(name)) throw new FakeOfficeError("ItemAlreadyExists", `The name ${name} already exists.`);
                const rect = typeof reference === "string" ? undefined : reference.__range?.rect;
                sheet.names.set(name, typeof reference === "string" ? reference : `=${quoteSheet(sheet.name)}!${absolute(rect as Rect)}`);
              });
              return {};
            },
          };
        },
      },
      {
        name(value) {
          const name = String(value);
          fake.command("Worksheet.name=", [name], () => {
            const sheet = ref.get();
            const clash = fake.sheets.some((s) => s !== sheet && s.name.toLowerCase() === name.toLowerCase());
            if (clash) throw new FakeOfficeError("ItemAlreadyExists", `A sheet named ${name} already exists.`);
            if (name.length === 0 || name.length > 31 || /[\\/?*:[\]]/.test(name)) throw new FakeOfficeError("InvalidArgument", `Bad sheet name ${name}`);
            sheet.name = name;
          });
        },
        position(value) {
          fake.command("Worksheet.position=", [value], () => {
            const sheet = ref.get();
            const index = fake.sheets.indexOf(sheet);
            if (index < 0) throw new FakeOfficeError("ItemNotFound", "The sheet is gone.");
            fake.sheets.splice(index, 1);
            fake.sheets.splice(Math.min(Number(value), fake.sheets.length), 0, sheet);
          });
        },
        visibility(value) {
          fake.command("Worksheet.visibility=", [value], () => {
            ref.get().visibility = String(value);
          });
        },
      },
    );
  }

  private chartApi(owner: () => FakeSheet | undefined, chart: FakeChart): unknown {
    const fake = this;
    const settings = recorder((path, value) => {
      fake.command(`Chart.${path}=`, [value], () => {
        chart.settings[path] = value;
      });
    });
    return new Proxy({} as Record<string, unknown>, {
      get: (_t, prop) => {
        if (prop === "setPosition") {
          return (from: string, to?: string) => {
            fake.command("Chart.setPosition", [from, to ?? null], () => {
              chart.from = from;
              chart.to = to;
            });
          };
        }
        return (settings as Record<string | symbol, unknown>)[prop];
      },
      set: (_t, prop, value) => {
        fake.command(`Chart.${String(prop)}=`, [value], () => {
          if (prop !== "name") {
            chart.settings[String(prop)] = value;
            return;
          }
          const sheet = owner();
          if (sheet?.charts.some((c) => c !== chart && c.name === value)) throw new FakeOfficeError("InvalidArgument", `A chart named ${String(value)} exists.`);
          chart.name = String(value);
        });
        return true;
      },
    });
  }

  /** A range derived from `from` when its command runs (`from` is bound by then: commands run in order). */
  private derive(kind: string, args: readonly Json[], from: RangeRef, compute: (sheet: FakeSheet, rect: Rect) => { rect: Rect; isNull?: boolean }): Api {
    const range: RangeRef = { isNull: false };
    this.command(kind, args, () => {
      const { sheet, rect } = bound(from);
      const next = compute(sheet, rect);
      range.sheet = sheet;
      range.rect = next.rect;
      range.isNull = from.isNull || next.isNull === true;
    });
    return this.rangeApi(range);
  }

  private rangeApi(ref: RangeRef): Api {
    const fake = this;
    const format = recorder((property, value) => {
      fake.command(`RangeFormat.${property}=`, [value], () => {
        const { sheet, rect } = bound(ref);
        if (property === "columnWidth") {
          for (let c = rect.left; c < rect.left + rect.columns; c++) sheet.columnWidths.set(c, Number(value));
        } else sheet.styles.push({ address: rangeAddress(rect), property, value });
      });
    });
    return this.loadable(
      "Range",
      ["values", "address", "rowCount", "columnCount", "cellCount", "isNullObject"],
      (key) => {
        if (key === "isNullObject") return ref.isNull;
        const { sheet, rect } = bound(ref);
        switch (key) {
          case "values":
            if (ref.isNull) return null;
            if (rect.rows * rect.columns > READ_CELL_LIMIT) {
              throw new FakeOfficeError("RangeExceedsLimit", "The cell count in the range has exceeded the maximum supported number.");
            }
            return sheet.read(rect);
          case "address":
            return ref.isNull ? null : `${quoteSheet(sheet.name)}!${rangeAddress(rect)}`;
          case "rowCount":
            return rect.rows;
          case "columnCount":
            return rect.columns;
          default:
            return rect.rows * rect.columns;
        }
      },
      {
        __range: ref,
        format,
        getRow: (index: number) => fake.derive("Range.getRow", [index], ref, (_s, rect) => ({ rect: { ...rect, top: rect.top + index, rows: 1 } })).proxy,
        getColumn: (index: number) => fake.derive("Range.getColumn", [index], ref, (_s, rect) => ({ rect: { ...rect, left: rect.left + index, columns: 1 } })).proxy,
        getResizedRange: (deltaRows: number, deltaColumns: number) =>
          fake.derive("Range.getResizedRange", [deltaRows, deltaColumns], ref, (_s, rect) => {
            const resized = { ...rect, rows: rect.rows + deltaRows, columns: rect.columns + deltaColumns };
            if (resized.rows < 1 || resized.columns < 1 || resized.top + resized.rows - 1 > SHEET_ROWS || resized.left + resized.columns > 16_384) {
              throw new FakeOfficeError("InvalidArgument", "The argument is invalid or missing or has an incorrect format.");
            }
            return { rect: resized };
          }).proxy,
        getBoundingRect: (other: { __range?: RangeRef }) =>
          fake.derive("Range.getBoundingRect", [], ref, (sheet, rect) => {
            const with_ = other.__range === undefined ? undefined : bound(other.__range);
            if (with_ === undefined || with_.sheet !== sheet) throw new FakeOfficeError("InvalidArgument", "The ranges are not on one sheet.");
            const o = with_.rect;
            const top = Math.min(rect.top, o.top);
            const left = Math.min(rect.left, o.left);
            const bottom = Math.max(rect.top + rect.rows, o.top + o.rows);
            const right = Math.max(rect.left + rect.columns, o.left + o.columns);
            return { rect: { top, left, rows: bottom - top, columns: right - left } };
          }).proxy,
        getIntersectionOrNullObject: (other: { __range?: RangeRef } | string) =>
          fake.derive("Range.getIntersectionOrNullObject", [], ref, (_s, rect) => {
            const otherRef = typeof other === "string" ? undefined : other.__range;
            const with_ = typeof other === "string" ? parseRange(other) : otherRef?.rect;
            const otherNull = otherRef?.isNull === true;
            const top = Math.max(rect.top, with_?.top ?? Infinity);
            const left = Math.max(rect.left, with_?.left ?? Infinity);
            const bottom = Math.min(rect.top + rect.rows, with_ === undefined ? -Infinity : with_.top + with_.rows);
            const right = Math.min(rect.left + rect.columns, with_ === undefined ? -Infinity : with_.left + with_.columns);
            const empty = otherNull || bottom <= top || right <= left;
            return { rect: empty ? rect : { top, left, rows: bottom - top, columns: right - left }, isNull: empty };
          }).proxy,
        getSurroundingRegion: () => fake.derive("Range.getSurroundingRegion", [], ref, (sheet, rect) => ({ rect: sheet.region(rect) })).proxy,
        getUsedRangeOrNullObject: () =>
          fake.derive("Range.getUsedRangeOrNullObject", [], ref, (sheet, rect) => {
            const used = sheet.used(rect);
            return { rect: used ?? rect, isNull: used === undefined };
          }).proxy,
        get conditionalFormats() {
          return {
            add(type: string) {
              const settings: Record<string, Json> = {};
              fake.command("ConditionalFormatCollection.add", [type], () => {
                const { sheet, rect } = bound(ref);
                sheet.conditionalFormats.push({ type, address: rangeAddress(rect), settings });
              });
              return recorder((path, value) => {
                fake.command(`ConditionalFormat.${path}=`, [value], () => {
                  settings[path] = value;
                });
              });
            },
          };
        },
      },
      {
        values(value) {
          const bytes = jsonBytes(value);
          fake.command("Range.values=", [value], () => {
            const { sheet, rect } = bound(ref);
            fake.valueWrites.push(bytes);
            if (!Array.isArray(value)) {
              for (let r = 0; r < rect.rows; r++) for (let c = 0; c < rect.columns; c++) sheet.set(rect.top + r, rect.left + c, value);
              return;
            }
            if (value.length !== rect.rows || value.some((row) => !Array.isArray(row) || row.length !== rect.columns)) {
              throw new FakeOfficeError("InvalidArgument", `The number of rows or columns in the input array doesn't match the size of the range ${rangeAddress(rect)}.`);
            }
            (value as Json[][]).forEach((row, r) => row.forEach((cell, c) => sheet.set(rect.top + r, rect.left + c, cell)));
          });
        },
        numberFormat(value) {
          fake.command("Range.numberFormat=", [value], () => {
            const { sheet, rect } = bound(ref);
            if (!Array.isArray(value)) {
              sheet.formats.push({ rect, format: String(value) });
              return;
            }
            if (value.length !== rect.rows || value.some((row) => !Array.isArray(row) || row.length !== rect.columns)) {
              throw new FakeOfficeError("InvalidArgument", "numberFormat dimensions do not match the range.");
            }
            (value as string[][]).forEach((row, r) =>
              row.forEach((f, c) => sheet.formats.push({ rect: { top: rect.top + r, left: rect.left + c, rows: 1, columns: 1 }, format: f })),
            );
          });
        },
      },
    );
  }
}

/** The sheet and rectangle of a bound range (a command that yields it has run). */
function bound(ref: RangeRef): { sheet: FakeSheet; rect: Rect } {
  if (ref.sheet === undefined || ref.rect === undefined) throw new Error("fake: a range was used before the command that yields it ran");
  return { sheet: ref.sheet, rect: ref.rect };
}

/** `$A$1:$C$3`. */
function absolute(rect: Rect): string {
  const a = `$${columnLetters(rect.left + 1)}$${rect.top}`;
  const b = `$${columnLetters(rect.left + rect.columns)}$${rect.top + rect.rows - 1}`;
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
