/**
 * How a table is laid out and what the run assumes about it, said in words before and after
 * the rows are read: money units declared in the headers, the zombie window and the periods it
 * covers, a long (panel) table's grouping, the sign convention of a net interest column,
 * unreadable columns and repeated tickers. Nothing here is silent: every assumption is a
 * message in the mapping (`MappingReport.notes`) or the result (`ScreenResult.messages`).
 */
import { coreError } from "../errors";
import { declaredUnit, headerText, listed, parseHeader } from "./headers";
import { DEFAULT_ZOMBIE_YEARS } from "../defaults";
import { panelRecords } from "./panel";
import type { ColumnReading, NumberColumn, ScreenRecords } from "./records";
import type { FieldId, LayoutReport, MappingReport, ScreenConfig, ScreenMessage } from "./types";

/** Fields that hold money: ratios mix them (ICR, FCF yield, P/E, the floating share). */
const MONEY_FIELDS: readonly FieldId[] = [
  "marketCap", "revenue", "revenuePrior", "ebit", "ebitPrior", "interestExpense", "totalDebt", "longTermDebt", "shortTermDebt", "floatingDebt", "fcf", "earnings",
];

/**
 * The fiscal year of each paired history column, when every one is a full year (`EBIT 2021`,
 * `FY2021`); undefined for quarters or labels without a year.
 */
function historyYears(headers: readonly unknown[], columns: readonly number[]): number[] | undefined {
  const years: number[] = [];
  for (const c of columns) {
    const key = parseHeader(headerText(headers[c])).periodKey;
    if (key === undefined || key % 10 !== 0) return undefined;
    years.push(key / 10);
  }
  return years;
}

/**
 * A wide table's history with its gaps as missing periods: `EBIT 2019 | EBIT 2021` is 2019, a
 * missing 2020 and 2021, not two consecutive periods. Returns the records unchanged when the
 * periods are consecutive (or not full years).
 */
function withGaps(records: ScreenRecords, headers: readonly unknown[], report: MappingReport): { records: ScreenRecords; missing: number[] } {
  const years = historyYears(headers, report.mapping.ebitHistory);
  if (years === undefined || years.length < 2 || years[years.length - 1] - years[0] === years.length - 1) return { records, missing: [] };
  const ebit: NumberColumn[] = [];
  const interest: NumberColumn[] = [];
  const missing: number[] = [];
  const nan = new Float64Array(records.count).fill(NaN);
  const absent = (label: string, year: number): NumberColumn => {
    const error = coreError("NA", `no ${label} column for ${year}: a missing period`);
    return { name: `${label} ${year}`, mapped: false, values: nan, problems: null, absent: error, missing: error };
  };
  let k = 0;
  for (let y = years[0]; y <= years[years.length - 1]; y++) {
    if (years[k] === y) {
      ebit.push(records.ebitHistory[k]);
      interest.push(records.interestHistory[k]);
      k++;
    } else {
      missing.push(y);
      ebit.push(absent("EBIT", y));
      interest.push(absent("interest expense", y));
    }
  }
  return { records: { ...records, ebitHistory: ebit, interestHistory: interest }, missing };
}

/** What the run plans from the headers alone. */
export interface LayoutPlan {
  readonly notes: ScreenMessage[];
  readonly scales: ReadonlyMap<number, number>;
}

function thousands(n: number): string {
  return n.toLocaleString("en-US");
}

/**
 * Notes from the headers: units (brought to one where every money column declares one, else a
 * warning), the zombie window and the periods it covers.
 */
export function layoutNotes(headers: readonly unknown[], report: MappingReport, config: ScreenConfig, panel: boolean): LayoutPlan {
  const notes: ScreenMessage[] = [];
  const scales = new Map<number, number>();
  const map = report.mapping;
  const moneyColumns = new Set<number>();
  for (const f of MONEY_FIELDS) if (map.fields[f] !== undefined) moneyColumns.add(map.fields[f] as number);
  for (const c of [...map.ebitHistory, ...map.interestHistory]) moneyColumns.add(c);
  const units = new Map<number, number | undefined>();
  for (const c of moneyColumns) units.set(c, declaredUnit(headerText(headers[c]))?.scale);
  const declared = [...units.values()].filter((u): u is number => u !== undefined);
  const distinct = [...new Set(declared)];
  if (distinct.length > 1) {
    const name = (u: number): string => (u === 1e3 ? "thousands" : u === 1e6 ? "millions" : "billions");
    const undeclared = [...units.entries()].filter(([, u]) => u === undefined).map(([c]) => headerText(headers[c]));
    if (undeclared.length === 0) {
      // The most common unit wins (ties: the smaller), so thresholds in money keep the sheet's main unit.
      const count = (u: number): number => declared.filter((d) => d === u).length;
      const target = distinct.sort((a, b) => count(b) - count(a) || a - b)[0];
      const changed: string[] = [];
      for (const [c, u] of units) {
        if (u !== undefined && u !== target) {
          scales.set(c, u / target);
          changed.push(`${headerText(headers[c])} x ${thousands(u / target)}`);
        }
      }
      notes.push({ level: "info", message: `Money columns declare different units; brought to ${name(target)} before any ratio: ${listed(changed, 6)}.` });
    } else {
      notes.push({
        level: "warning",
        message:
          `Money columns declare different units (${distinct.map(name).join(", ")}) and ${listed(undeclared, 4)} declare${undeclared.length === 1 ? "s" : ""} none: ` +
          `the units could not be brought to one, so ratios that mix them (ICR, FCF yield, P/E) may be off by a factor of 1,000. Put the unit in every money header.`,
      });
    }
  }

  const years = config.zombieYears ?? DEFAULT_ZOMBIE_YEARS;
  const periods = map.ebitHistory.length;
  const threshold = config.criteria.find((c) => c.id === "notZombie" || c.id === "isZombie")?.threshold ?? 1;
  const rule = `ICR < ${threshold} in each of the latest ${years} fiscal period${years === 1 ? "" : "s"}`;
  if (panel) {
    notes.push({ level: "info", message: `Zombie test: ${rule} of each company (a fiscal year without a row is a missing period, not a shorter history).` });
  } else if (periods === 0) {
    if (years > 1) {
      notes.push({
        level: "info",
        message: `Zombie test: ${rule}; the table gives only the latest EBIT and interest, so a company with ICR >= ${threshold} is not a zombie and the others are unknown (zombieYears=1 for a one-period test).`,
      });
    }
  } else {
    const label = (c: number): string => report.recognised.find((r) => r.column === c)?.period ?? headerText(headers[c]);
    const annual = historyYears(headers, map.ebitHistory);
    let labels = map.ebitHistory.map(label);
    if (annual !== undefined && annual.length >= 2) {
      // A year between the first and last period column without a column is a missing period.
      labels = [];
      for (let y = annual[0], k = 0; y <= annual[annual.length - 1]; y++) labels.push(annual[k] === y ? label(map.ebitHistory[k++]) : `${y} (no column)`);
    }
    const used = labels.slice(-years);
    notes.push({
      level: "info",
      message:
        labels.length >= years
          ? `Zombie test: ${rule}: ${used.join(", ")}.`
          : `Zombie test: ${rule}; the table gives ${labels.length} (${used.join(", ")}), so a company no known period clears is unknown, never a zombie on fewer periods.`,
    });
  }
  return { notes, scales };
}

/** What reading the rows found: the records to judge, the layout, and messages. */
export interface ReadRecords {
  readonly records: ScreenRecords;
  readonly layout: LayoutReport;
  readonly messages: ScreenMessage[];
}

/**
 * A net interest column whose values carry both signs (SimFin's `Interest Expense, Net` is
 * negative for expense; a positive value is net interest income): the sign most cells carry is
 * expense, the other sign is no net interest expense (0: infinite coverage, not a zombie).
 * Changes the values in place (the run's own columns); one message per column.
 */
function interestSigns(columns: readonly NumberColumn[]): ScreenMessage[] {
  const seen = new Set<Float64Array>();
  const out: ScreenMessage[] = [];
  for (const column of columns) {
    const values = column.values;
    if (!column.mapped || seen.has(values) || values.length === 0) continue;
    seen.add(values);
    let negative = 0;
    let positive = 0;
    for (let i = 0; i < values.length; i++) {
      if (values[i] < 0) negative++;
      else if (values[i] > 0) positive++;
    }
    if (negative === 0 || positive === 0) continue;
    const header = column.reading?.header || column.name;
    if (negative === positive) {
      out.push({ level: "warning", message: `${header}: as many positive as negative values; the sign convention cannot be told, so every value is read as an expense of its size.` });
      continue;
    }
    const expenseNegative = negative > positive;
    let changed = 0;
    for (let i = 0; i < values.length; i++) {
      if (expenseNegative ? values[i] > 0 : values[i] < 0) {
        values[i] = 0;
        changed++;
      }
    }
    out.push({
      level: "info",
      message:
        `${header}: ${expenseNegative ? "negative" : "positive"} values are interest expense (${thousands(expenseNegative ? negative : positive)} cells); ` +
        `${thousands(changed)} ${expenseNegative ? "positive" : "negative"} value${changed === 1 ? " is" : "s are"} net interest income, read as no net interest expense for the zombie and coverage tests (interestSign=magnitude reads every value as an expense of its size).`,
    });
  }
  return out;
}

/** A column whose non-blank cells mostly fail to read, named with the count and an example. */
function unreadable(records: ScreenRecords): ScreenMessage[] {
  const readings = new Map<number, ColumnReading>();
  const all = [...Object.values(records.numbers), ...records.ebitHistory, ...records.interestHistory] as NumberColumn[];
  for (const column of all) if (column.reading !== undefined) readings.set(column.reading.column, column.reading);
  const out: ScreenMessage[] = [];
  for (const r of [...readings.values()].sort((a, b) => a.column - b.column)) {
    if (r.filled === 0 || r.unreadable * 2 <= r.filled) continue;
    out.push({
      level: "warning",
      message:
        `${r.header || `column ${r.column + 1}`}: ${thousands(r.unreadable)} of ${thousands(r.filled)} cells unreadable, e.g. "${r.example ?? ""}"` +
        ` (number text must read as en-US: 1,234.5).`,
    });
  }
  return out;
}

/** Tickers that repeat in a wide table: each row is still judged on its own. */
function repeatedTickers(records: ScreenRecords): ScreenMessage[] {
  const tickers = records.text.ticker;
  if (tickers === null) return [];
  // Most tables repeat none: one set insertion per ticker tells (half the map's get and set).
  const distinct = new Set<string>();
  let repeats = false;
  for (let i = 0; i < tickers.length && !repeats; i++) {
    const t = tickers[i];
    if (t === null) continue;
    const size = distinct.size;
    repeats = distinct.add(t).size === size;
  }
  if (!repeats) return [];
  const seen = new Map<string, number>();
  for (const t of tickers) if (t !== null) seen.set(t, (seen.get(t) ?? 0) + 1);
  const repeated = [...seen.entries()].filter(([, k]) => k > 1);
  if (repeated.length === 0) return [];
  return [
    {
      level: "warning",
      message:
        `${thousands(repeated.length)} ticker${repeated.length === 1 ? " appears" : "s appear"} on more than one row: ${listed(repeated.map(([t, k]) => `${t} (${k} rows)`), 8)}. ` +
        `Each row is judged on its own; if the table has one row per company and year, map its period column (Fiscal Year) so it is read as a panel.`,
    },
  ];
}

/** After the rows are read: interest signs, then the panel grouping or the wide table's checks. */
export function readRecords(rows: ScreenRecords, plan: { readonly panel: boolean; readonly config: ScreenConfig; readonly headers: readonly unknown[]; readonly report: MappingReport }): ReadRecords {
  const signs = plan.config.interestSign === "magnitude" ? [] : interestSigns([rows.numbers.interestExpense, ...rows.interestHistory]);
  const messages: ScreenMessage[] = [...unreadable(rows), ...signs];
  const years = plan.config.zombieYears ?? DEFAULT_ZOMBIE_YEARS;
  if (plan.panel) {
    const map = plan.report.mapping.fields;
    const name = (f: FieldId, fallback: string): string => (map[f] === undefined ? fallback : headerText(plan.headers[map[f] as number]) || fallback);
    const panel = panelRecords(rows, years, { ebit: name("ebit", "EBIT"), interest: name("interestExpense", "interest expense") });
    return { records: panel.records, layout: panel.layout, messages: [...panel.messages, ...messages] };
  }
  const layout: LayoutReport = { kind: "wide", companies: rows.count, zombieYears: years };
  const gaps = withGaps(rows, plan.headers, plan.report);
  return { records: gaps.records, layout, messages: [...repeatedTickers(rows), ...messages] };
}
