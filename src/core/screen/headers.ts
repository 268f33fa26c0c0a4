/**
 * Column recognition: which header in a real data export feeds which screen field.
 *
 * Headers are compared after normalisation, so case, punctuation, units and word order of a
 * percent sign do not matter: `Floating-Rate Debt %`, `% floating rate debt` and
 * `FLOATING RATE DEBT (%)` are one name. A header carrying a fiscal period
 * (`EBIT 2023`, `Operating Income FY2023`, `Interest Expense FY23`) is a period column; EBIT and
 * interest periods present in both feed the multi-year zombie test, oldest first.
 */
import type { ColumnMapping, FieldId, MappingReport } from "./types";

type RecognisedEntry = MappingReport["recognised"][number];
type IgnoredEntry = MappingReport["ignored"][number];

export { FIELD_IDS } from "./fields";
import { FIELD_IDS } from "./fields";
import { plainCell } from "../values";

/**
 * Header names recognised for each field, written as they appear in exports; each is
 * normalised the same way as a sheet header before comparison. The first entry is the one
 * the pane and messages show as an example.
 */
export const FIELD_HEADERS: Readonly<Record<FieldId, readonly string[]>> = Object.freeze({
  ticker: ["Ticker", "Symbol", "Ticker Symbol", "Stock Symbol", "Bloomberg Ticker"],
  name: ["Company", "Name", "Company Name", "Security Name", "Security", "Issuer"],
  sector: ["Sector", "GICS Sector", "Industry Sector", "ICB Sector"],
  marketCap: ["Market Cap", "Mkt Cap", "Market Capitalization", "Market Capitalisation", "Market Value", "Mcap", "Mkt Cap."],
  revenue: ["Revenue", "Revenues", "Sales", "Net Sales", "Total Revenue", "Total Revenues", "Net Revenue", "Turnover"],
  revenuePrior: ["Revenue Prior", "Prior Revenue", "Revenue (Prior Year)", "Revenue LY", "Sales LY", "Prior Sales"],
  ebit: [
    "EBIT",
    "Operating Income",
    "Operating Income (Loss)",
    "Op. Income",
    "Op Inc",
    "Operating Profit",
    "Oper Income",
    "Operating Earnings",
  ],
  ebitPrior: ["EBIT Prior", "Prior EBIT", "EBIT (Prior Year)", "EBIT LY", "Operating Income Prior", "Prior Operating Income"],
  interestExpense: [
    "Interest Expense",
    "Interest Expense, Net",
    "Net Interest Expense",
    "Int. Exp.",
    "Int Expense",
    "Interest Exp",
    "Interest Expenses",
    "Interest Cost",
    "Interest Costs",
    "Finance Costs",
    "Interest Charges",
  ],
  totalDebt: ["Total Debt", "Debt", "Gross Debt", "Total Borrowings", "Borrowings"],
  floatingShare: [
    "Floating Rate Share",
    "Floating %",
    "% Floating Debt",
    "Floating-Rate Debt %",
    "Floating Rate %",
    "Floating Share",
    "Floating Debt Share",
    "Floating Rate Debt Share",
    "Floating Rate Share of Debt",
    "Variable Rate %",
    "Variable Rate Debt %",
    "Variable Debt %",
    "Floating Rate Debt Ratio",
  ],
  floatingDebt: ["Floating Rate Debt", "Floating Debt", "Variable Rate Debt", "Variable Debt", "Floating-Rate Borrowings"],
  wamYears: [
    "WAM",
    "Weighted Avg Maturity",
    "Weighted Average Maturity",
    "Avg Debt Maturity (yrs)",
    "Average Debt Maturity",
    "Weighted Avg Debt Maturity",
    "Weighted Average Debt Maturity",
    "Debt Maturity",
    "Avg Maturity",
    "Average Maturity",
  ],
  fcf: ["FCF", "Free Cash Flow", "Free Cashflow", "Levered Free Cash Flow", "Levered FCF"],
  domesticShare: [
    "Domestic Revenue %",
    "US Revenue Share",
    "Domestic Share",
    "Domestic Revenue Share",
    "Domestic Sales %",
    "Domestic %",
    "US Revenue %",
    "US Sales %",
    "U.S. Revenue %",
    "Home Market Revenue %",
  ],
  infrastructureShare: ["Infrastructure Revenue %", "Infrastructure Share", "Infrastructure Revenue Share", "Infrastructure %"],
  forwardPe: [
    "Fwd P/E",
    "Forward P/E",
    "P/E (NTM)",
    "NTM P/E",
    "P/E NTM",
    "P/E Fwd",
    "P/E Forward",
    "Forward PE",
    "Fwd PE",
    "P/E FY1",
    "Forward Price/Earnings",
  ],
  earnings: ["Earnings", "Net Income", "Net Income (Loss)", "Net Profit", "Net Earnings"],
  shortInterest: ["Short Interest", "Shares Short", "Short Interest Shares"],
  floatShares: ["Float", "Shares Float", "Free Float", "Float Shares", "Public Float", "Free Float Shares"],
  avgDailyVolume: ["Avg Daily Volume", "ADV", "Average Volume", "Average Daily Volume", "Avg Volume", "Avg Vol", "Avg Daily Vol"],
});

/** Words that carry units or qualifiers, not meaning: `Market Cap ($m)`, `EBIT (LTM)`, `WAM (yrs)`. */
const NOISE = new Set([
  "usd", "eur", "gbp", "jpy", "chf", "cad", "aud", "m", "mm", "mn", "mln", "bn", "b", "k", "000", "000s", "s",
  "thousand", "thousands", "million", "millions", "billion", "billions", "yrs", "years", "yr", "x", "loss",
  "ltm", "ttm", "total", "reported", "in", "of", "the", "local", "ccy", "currency", "times",
]);
/** Words that say "the prior period": `Revenue (Prior Year)`, `Revenue LY`, `Prior EBIT`. */
const PRIOR = new Set(["prior", "py", "ly", "previous", "prev", "last"]);
/** Words that mean a share (a fraction) rather than an amount. */
const SHARE = new Set(["pct", "percent", "percentage", "share", "proportion", "portion"]);
const PERIOD_PREFIX = new Set(["fy", "cy", "fiscal", "year"]);
const PERIOD_SUFFIX = new Set(["a", "e", "act", "actual", "est", "estimate"]);

/** A header read for meaning: its normalised name, and the period or "prior" it carries. */
export interface ParsedHeader {
  /** Normalised words, e.g. `floating rate debt pct`; "" when nothing is left. */
  readonly key: string;
  readonly prior: boolean;
  /** Sortable period: year * 10 + quarter (0 for a full year); undefined without a period. */
  readonly periodKey?: number;
  /** The period as the header writes it: `2023`, `FY2023`, `2024 Q1`. */
  readonly period?: string;
}

function words(text: string): string[] {
  const spaced = text
    // camelCase and PascalCase exports: `MarketCap`, `avgDailyVolume`.
    .replace(/([a-z])([A-Z])/g, "$1 $2")
    .toLowerCase()
    .replace(/%/g, " pct ")
    // A year glued to a word: `EBIT2023`, `FY2023`, `2023A`.
    .replace(/([a-z])((?:19|20)\d\d)(?![0-9])/g, "$1 $2")
    .replace(/(?<![0-9])((?:19|20)\d\d)([a-z])/g, "$1 $2");
  return spaced.split(/[^a-z0-9]+/).filter((w) => w !== "");
}

/** Drops noise, folds share words into `pct` and puts it last, so word order of `%` does not matter. */
function canonical(tokens: readonly string[]): string {
  const kept: string[] = [];
  let share = false;
  for (const t of tokens) {
    if (SHARE.has(t)) share = true;
    else if (!NOISE.has(t)) kept.push(t);
  }
  if (share) kept.push("pct");
  return kept.join(" ");
}

/** Reads one header: normalised name, prior marker and period. */
export function parseHeader(header: string): ParsedHeader {
  const tokens = words(header);
  let year: number | undefined;
  let sub = 0;
  let fiscal = false;
  let years = 0;
  // `2024E` (estimate) or `2023A` (actual), kept in the label so the pane shows which is which.
  let suffix = "";
  const rest: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    let m: RegExpExecArray | null;
    if (/^(?:19|20)\d\d$/.test(t)) {
      year = Number(t);
      years++;
      if (i > 0 && PERIOD_PREFIX.has(tokens[i - 1]) && rest.length > 0 && rest[rest.length - 1] === tokens[i - 1]) {
        fiscal = fiscal || tokens[i - 1] === "fy";
        rest.pop();
      }
      if (i + 1 < tokens.length && PERIOD_SUFFIX.has(tokens[i + 1])) {
        suffix = tokens[i + 1].startsWith("e") ? "E" : "A";
        i++;
      }
    } else if ((m = /^fy(\d\d)$/.exec(t)) !== null) {
      year = 2000 + Number(m[1]);
      fiscal = true;
      years++;
    } else if ((m = /^([1-4])q(\d\d)$/.exec(t)) !== null) {
      year = 2000 + Number(m[2]);
      sub = Number(m[1]);
      years++;
    } else if ((m = /^(?:q([1-4])|([1-4])q)$/.exec(t)) !== null) {
      sub = Number(m[1] ?? m[2]);
    } else {
      rest.push(t);
    }
  }
  let prior = false;
  const named: string[] = [];
  for (let i = 0; i < rest.length; i++) {
    const t = rest[i];
    if (PRIOR.has(t)) {
      prior = true;
      // `prior year`, `last fy`, `previous yr`: the period word belongs to the marker.
      if (i + 1 < rest.length && (rest[i + 1] === "year" || rest[i + 1] === "fy")) i++;
    } else if (t === "t" && rest[i + 1] === "1") {
      prior = true; // `EBIT t-1`
      i++;
    } else {
      named.push(t);
    }
  }
  const key = canonical(named);
  if (years !== 1 || year === undefined) return { key, prior };
  const label = (fiscal ? "FY" : "") + String(year) + suffix + (sub === 0 ? "" : ` Q${sub}`);
  return { key, prior, periodKey: year * 10 + sub, period: label };
}

const FIELD_BY_KEY: ReadonlyMap<string, { field: FieldId; prior: boolean }> = (() => {
  const map = new Map<string, { field: FieldId; prior: boolean }>();
  for (const field of FIELD_IDS) {
    for (const header of FIELD_HEADERS[field]) {
      const parsed = parseHeader(header);
      // Prior-period names are recognised through the prior marker on the base field.
      if (parsed.prior) continue;
      if (!map.has(parsed.key)) map.set(parsed.key, { field, prior: false });
    }
  }
  return map;
})();

/** The field a prior-period marker turns a base field into. */
const PRIOR_OF: Partial<Record<FieldId, FieldId>> = { revenue: "revenuePrior", ebit: "ebitPrior" };
/** The field the second-latest period column feeds when there is no plain prior column. */
const PERIOD_PRIOR: Partial<Record<FieldId, FieldId>> = PRIOR_OF;

/** What one header means, or undefined. */
export function recogniseHeader(cell: unknown): { field: FieldId; periodKey?: number; period?: string } | undefined {
  const header = headerValue(cell);
  if (typeof header !== "string" || header.trim() === "") return undefined;
  const parsed = parseHeader(header);
  const base = FIELD_BY_KEY.get(parsed.key);
  if (base === undefined) return undefined;
  let field = base.field;
  if (parsed.prior) {
    const prior = PRIOR_OF[field];
    if (prior === undefined || parsed.periodKey !== undefined) return undefined;
    field = prior;
  }
  if (parsed.periodKey !== undefined) {
    // Identity columns never carry periods; `Ticker 2024` means nothing to the screen.
    if (field === "ticker" || field === "name" || field === "sector") return undefined;
    return { field, periodKey: parsed.periodKey, period: parsed.period };
  }
  return { field };
}

/**
 * A header cell as the plain value it stands for: a data-type value (Excel hands a custom
 * function a formatted or typed cell as an object) by its basic value, as every other cell.
 */
function headerValue(header: unknown): unknown {
  return typeof header === "object" && header !== null ? plainCell(header, "header") : header;
}

/** A header cell as text for reports: blank and non-text cells as they would print. */
export function headerText(cell: unknown): string {
  const header = headerValue(cell);
  if (typeof header === "string") return header.trim();
  if (typeof header === "number" || typeof header === "boolean") return String(header);
  return "";
}

interface PeriodColumn {
  readonly column: number;
  readonly periodKey: number;
  readonly period: string;
}

/**
 * Maps a header row to fields. First match wins when two columns claim one field (the second
 * is reported as ignored); unknown, blank and non-text headers are ignored.
 */
export function mapColumns(headers: readonly unknown[]): MappingReport {
  const count = Array.isArray(headers) ? headers.length : 0;
  const fields: Partial<Record<FieldId, number>> = {};
  const periods = new Map<FieldId, PeriodColumn[]>();
  const use = new Map<number, { field: RecognisedEntry["field"]; period?: string; also: FieldId[] }>();

  for (let column = 0; column < count; column++) {
    const seen = recogniseHeader(headers[column]);
    if (seen === undefined) continue;
    if (seen.periodKey === undefined) {
      if (fields[seen.field] !== undefined) continue;
      fields[seen.field] = column;
      use.set(column, { field: seen.field, also: [] });
    } else {
      const list = periods.get(seen.field) ?? [];
      if (list.some((p) => p.periodKey === seen.periodKey)) continue;
      list.push({ column, periodKey: seen.periodKey, period: seen.period ?? String(seen.periodKey) });
      periods.set(seen.field, list);
    }
  }
  for (const list of periods.values()) list.sort((a, b) => a.periodKey - b.periodKey);

  // Where history exists but no plain column, the latest period feeds the field and the one
  // before it the prior field.
  const feed = (column: PeriodColumn, field: FieldId): void => {
    fields[field] = column.column;
    const entry = use.get(column.column);
    if (entry === undefined) use.set(column.column, { field, period: column.period, also: [] });
    else entry.also.push(field);
  };
  for (const [field, list] of periods) {
    const latest = list[list.length - 1];
    if (fields[field] === undefined) {
      feed(latest, field);
      const priorField = PERIOD_PRIOR[field];
      if (priorField !== undefined && fields[priorField] === undefined && list.length >= 2) feed(list[list.length - 2], priorField);
    }
  }

  const ebitPeriods = periods.get("ebit") ?? [];
  const interestByKey = new Map((periods.get("interestExpense") ?? []).map((p) => [p.periodKey, p] as const));
  const ebitHistory: number[] = [];
  const interestHistory: number[] = [];
  for (const e of ebitPeriods) {
    const i = interestByKey.get(e.periodKey);
    if (i === undefined) continue;
    ebitHistory.push(e.column);
    interestHistory.push(i.column);
    for (const [p, kind] of [
      [e, "ebitHistory"],
      [i, "interestHistory"],
    ] as const) {
      const entry = use.get(p.column);
      // A period column that also feeds the latest value is reported as history, feeding both.
      if (entry === undefined) use.set(p.column, { field: kind, period: p.period, also: [] });
      else {
        if (entry.field !== kind) entry.also.unshift(entry.field as FieldId);
        entry.field = kind;
        entry.period = p.period;
      }
    }
  }

  const recognised: RecognisedEntry[] = [];
  const ignored: IgnoredEntry[] = [];
  for (let column = 0; column < count; column++) {
    const header = headerText(headers[column]);
    const entry = use.get(column);
    if (entry === undefined) ignored.push({ column, header });
    else recognised.push(recognisedEntry(column, header, entry.field, entry.period, entry.also));
  }
  return {
    mapping: { fields, ebitHistory, interestHistory },
    recognised,
    ignored,
  };
}

function recognisedEntry(
  column: number,
  header: string,
  field: RecognisedEntry["field"],
  period: string | undefined,
  also: readonly FieldId[],
): RecognisedEntry {
  const entry: { column: number; header: string; field: RecognisedEntry["field"]; period?: string; alsoFeeds?: readonly FieldId[] } = {
    column,
    header,
    field,
  };
  if (period !== undefined) entry.period = period;
  if (also.length > 0) entry.alsoFeeds = also.slice();
  return entry;
}

/**
 * The report for a mapping the analyst chose (or one saved with a screen): what each mapped
 * column feeds, every other column ignored.
 */
export function describeMapping(headers: readonly unknown[], mapping: ColumnMapping): MappingReport {
  const count = Array.isArray(headers) ? headers.length : 0;
  const use = new Map<number, { field: RecognisedEntry["field"]; period?: string; also: FieldId[] }>();
  const add = (column: number, field: RecognisedEntry["field"], period?: string): void => {
    const entry = use.get(column);
    if (entry === undefined) use.set(column, { field, period, also: [] });
    else if (field === "ebitHistory" || field === "interestHistory") {
      if (entry.field !== "ebitHistory" && entry.field !== "interestHistory") entry.also.unshift(entry.field);
      entry.field = field;
      entry.period = period;
    } else entry.also.push(field);
  };
  for (const field of FIELD_IDS) {
    const column = mapping.fields[field];
    if (column !== undefined) add(column, field);
  }
  const periodOf = (column: number): string | undefined => {
    const h = headers[column];
    return typeof h === "string" ? parseHeader(h).period : undefined;
  };
  mapping.ebitHistory.forEach((column) => add(column, "ebitHistory", periodOf(column)));
  mapping.interestHistory.forEach((column) => add(column, "interestHistory", periodOf(column)));

  const recognised: RecognisedEntry[] = [];
  const ignored: IgnoredEntry[] = [];
  const columns = new Set<number>([...Array.from({ length: count }, (_, i) => i), ...use.keys()]);
  for (const column of [...columns].sort((a, b) => a - b)) {
    const header = column < count ? headerText(headers[column]) : "";
    const entry = use.get(column);
    if (entry === undefined) ignored.push({ column, header });
    else recognised.push(recognisedEntry(column, header, entry.field, entry.period, entry.also));
  }
  return { mapping, recognised, ignored };
}
