/**
 * Column recognition: which header in a real data export feeds which screen field.
 *
 * Headers are compared after normalisation, so case, punctuation, units and word order of a
 * percent sign do not matter: `Floating-Rate Debt %`, `% floating rate debt` and
 * `FLOATING RATE DEBT (%)` are one name. A header carrying a fiscal period
 * (`EBIT 2023`, `Operating Income FY2023`, `Interest Expense FY23`) is a period column; EBIT and
 * interest periods present in both feed the multi-year zombie test, oldest first.
 */
import type { ColumnMapping, FieldId, MappingReport, ScreenMessage } from "./types";

type RecognisedEntry = MappingReport["recognised"][number];
type IgnoredEntry = MappingReport["ignored"][number];

export { FIELD_IDS } from "./ids";
import { FIELD_IDS } from "./ids";
import { plainCell } from "../values";
import { parsePeriodCell } from "./periods";

/**
 * Header names recognised for each field, written as they appear in exports; each is
 * normalised the same way as a sheet header before comparison. The first entry is the one
 * the pane and messages show as an example.
 */
export const FIELD_HEADERS: Readonly<Record<FieldId, readonly string[]>> = Object.freeze({
  ticker: ["Ticker", "Symbol", "Ticker Symbol", "Stock Symbol", "Bloomberg Ticker", "Exchange:Ticker", "Identifier", "Ticker-Region", "RIC", "tic"],
  name: ["Company", "Name", "Company Name", "Security Name", "Security", "Issuer", "conm"],
  period: ["Fiscal Year", "FY", "Year", "Period", "Fiscal Period End", "Period End", "Period End Date", "Report Date", "Fiscal Year End", "fyear"],
  restated: ["Restated Date", "Restatement Date", "Restated"],
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
  longTermDebt: ["Long Term Debt", "Long-Term Debt", "Long Term Debt Total", "dltt"],
  shortTermDebt: ["Short Term Debt", "Short-Term Debt", "Debt in Current Liabilities", "Current Portion of Long-Term Debt", "dlc"],
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
/** A unit glued to a currency, as Capital IQ writes it: `($USDmm)`, `(EURbn)`. */
const CURRENCY_UNIT = /^(?:usd|eur|gbp|jpy|chf|cad|aud)(?:m|mm|mn|mln|bn|b|k|000)$/;
/** Words that say "the prior period": `Revenue (Prior Year)`, `Revenue LY`, `Prior EBIT`. */
const PRIOR = new Set(["prior", "py", "ly", "previous", "prev", "last"]);
/** Words that mean a share (a fraction) rather than an amount. */
const SHARE = new Set(["pct", "percent", "percentage", "share", "proportion", "portion"]);
const PERIOD_PREFIX = new Set(["fy", "cy", "fiscal", "year"]);
const PERIOD_SUFFIX = new Set(["a", "e", "act", "actual", "est", "estimate"]);
/** Words that make a column an estimate or forecast, never part of the actual history: `EBIT Est.`, `EBIT NTM`. */
const ESTIMATE_WORDS = new Set(["est", "estimate", "estimates", "estimated", "forecast", "forecasts", "fcst", "ntm", "consensus", "projected", "guidance"]);
/** Trailing twelve months: current, never a fiscal period of the history. */
const LTM_WORDS = new Set(["ltm", "ttm"]);

/** A money unit a header declares: `($USDmm)`, `(USD, thousands)`, `($bn)`. */
export interface DeclaredUnit {
  /** 1e3, 1e6 or 1e9. */
  readonly scale: number;
  /** As the mapping says it: `thousands`, `millions`, `billions`. */
  readonly label: string;
}

const UNIT_WORDS: ReadonlyMap<string, number> = new Map([
  ["k", 1e3], ["000", 1e3], ["000s", 1e3], ["thousand", 1e3], ["thousands", 1e3],
  ["m", 1e6], ["mm", 1e6], ["mn", 1e6], ["mln", 1e6], ["million", 1e6], ["millions", 1e6],
  ["b", 1e9], ["bn", 1e9], ["billion", 1e9], ["billions", 1e9],
]);
const UNIT_LABEL: ReadonlyMap<number, string> = new Map([[1e3, "thousands"], [1e6, "millions"], [1e9, "billions"]]);

/**
 * The unit a header declares, from a group in brackets or parentheses (`($USDmm)`, `[USD, thousands]`,
 * `($m)`) or a spelled-out word (`EBIT in millions`); one-letter units count only inside a group,
 * so `P/B` is no unit.
 */
export function declaredUnit(header: string): DeclaredUnit | undefined {
  let scale: number | undefined;
  const look = (token: string, grouped: boolean): void => {
    const t = token.replace(/^(?:usd|eur|gbp|jpy|chf|cad|aud)(?=.)/, "");
    const found = UNIT_WORDS.get(t);
    if (found !== undefined && (grouped || t.length > 2)) scale ??= found;
  };
  const lower = header.toLowerCase();
  for (const group of lower.matchAll(/[([]([^)\]]*)[)\]]/g)) {
    for (const token of group[1].split(/[^a-z0-9]+/)) if (token !== "") look(token, true);
  }
  for (const token of lower.replace(/[([][^)\]]*[)\]]/g, " ").split(/[^a-z0-9]+/)) if (token !== "") look(token, false);
  return scale === undefined ? undefined : { scale, label: UNIT_LABEL.get(scale) as string };
}

/** A header read for meaning: its normalised name, and the period or "prior" it carries. */
export interface ParsedHeader {
  /** Normalised words, e.g. `floating rate debt pct`; "" when nothing is left. */
  readonly key: string;
  readonly prior: boolean;
  /** Sortable period: year * 10 + quarter (0 for a full year); undefined without a period. */
  readonly periodKey?: number;
  /** The period as the header writes it: `2023`, `FY2023`, `2024 Q1`. */
  readonly period?: string;
  /** An estimate or forecast (`2022E`, `FY2023E`, `Est.`, `Forecast`, `NTM`): never actual history. */
  readonly estimate?: boolean;
  /** Trailing twelve months (`[LTM]`, `TTM`): a current value, never a fiscal period. */
  readonly ltm?: boolean;
  /** The money unit the header declares. */
  readonly unit?: DeclaredUnit;
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
    else if (!NOISE.has(t) && !CURRENCY_UNIT.test(t)) kept.push(t);
  }
  if (share) kept.push("pct");
  return kept.join(" ");
}

/** Reads one header: normalised name, prior marker and period. */
export function parseHeader(header: string): ParsedHeader {
  const tokens = words(header);
  let year: number | undefined;
  let sub = 0;
  let prefix = "";
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
        if (tokens[i - 1] === "fy" || tokens[i - 1] === "cy") prefix = tokens[i - 1].toUpperCase();
        rest.pop();
      }
      if (i + 1 < tokens.length && PERIOD_SUFFIX.has(tokens[i + 1])) {
        suffix = tokens[i + 1].startsWith("e") ? "E" : "A";
        i++;
      }
    } else if ((m = /^(fy|cy)(\d\d)(e?)$/.exec(t)) !== null) {
      year = 2000 + Number(m[2]);
      prefix = m[1].toUpperCase();
      if (m[3] === "e") suffix = "E";
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
  let key = canonical(named);
  // An estimate word belongs to the name where the name needs it (`NTM P/E` is the forward P/E).
  let estimate = suffix === "E";
  const known = fieldByKey;
  if (known !== undefined && !known.has(key) && named.some((t) => ESTIMATE_WORDS.has(t))) {
    const without = canonical(named.filter((t) => !ESTIMATE_WORDS.has(t)));
    if (without !== "") {
      key = without;
      estimate = true;
    }
  }
  const extra: { estimate?: boolean; ltm?: boolean; unit?: DeclaredUnit } = {};
  if (estimate) extra.estimate = true;
  if (tokens.some((t) => LTM_WORDS.has(t))) extra.ltm = true;
  const unit = declaredUnit(header);
  if (unit !== undefined) extra.unit = unit;
  if (years !== 1 || year === undefined) return { key, prior, ...extra };
  const label = prefix + String(year) + suffix + (sub === 0 ? "" : ` Q${sub}`);
  return { key, prior, periodKey: year * 10 + sub, period: label, ...extra };
}

/**
 * Real vendor field names, each with the vendor and the field it is: recognised as the
 * screen field it feeds. Checked header by header in test/core/screen/vendor-headers.test.ts.
 */
export const VENDOR_HEADERS: readonly { readonly vendor: string; readonly header: string; readonly field: FieldId; readonly meaning: string }[] = Object.freeze([
  // SimFin bulk CSV (us-income-annual, us-balance-annual), as downloaded.
  { vendor: "SimFin", header: "Ticker", field: "ticker", meaning: "ticker" },
  { vendor: "SimFin", header: "Fiscal Year", field: "period", meaning: "fiscal year of the row" },
  { vendor: "SimFin", header: "Restated Date", field: "restated", meaning: "date the figures were last restated" },
  { vendor: "SimFin", header: "Revenue", field: "revenue", meaning: "revenue" },
  { vendor: "SimFin", header: "Operating Income (Loss)", field: "ebit", meaning: "operating income" },
  { vendor: "SimFin", header: "Interest Expense, Net", field: "interestExpense", meaning: "net interest expense (negative = expense)" },
  { vendor: "SimFin", header: "Net Income", field: "earnings", meaning: "net income" },
  { vendor: "SimFin", header: "Short Term Debt", field: "shortTermDebt", meaning: "short-term debt" },
  { vendor: "SimFin", header: "Long Term Debt", field: "longTermDebt", meaning: "long-term debt" },
  // S&P Capital IQ Excel plug-in / screening export column titles.
  { vendor: "Capital IQ", header: "Exchange:Ticker", field: "ticker", meaning: "exchange and ticker, e.g. NasdaqGS:AAPL" },
  { vendor: "Capital IQ", header: "Company Name", field: "name", meaning: "company name" },
  { vendor: "Capital IQ", header: "Total Revenue", field: "revenue", meaning: "total revenue" },
  { vendor: "Capital IQ", header: "EBIT", field: "ebit", meaning: "EBIT" },
  { vendor: "Capital IQ", header: "Interest Expense", field: "interestExpense", meaning: "interest expense" },
  { vendor: "Capital IQ", header: "Net Interest Exp.", field: "interestExpense", meaning: "net interest expense" },
  { vendor: "Capital IQ", header: "Total Debt", field: "totalDebt", meaning: "total debt" },
  { vendor: "Capital IQ", header: "Market Capitalization", field: "marketCap", meaning: "market capitalisation" },
  { vendor: "Capital IQ", header: "Levered Free Cash Flow", field: "fcf", meaning: "levered free cash flow" },
  // Bloomberg field mnemonics (BDP/BDH).
  { vendor: "Bloomberg", header: "IS_OPER_INC", field: "ebit", meaning: "operating income" },
  { vendor: "Bloomberg", header: "IS_INT_EXPENSE", field: "interestExpense", meaning: "interest expense" },
  { vendor: "Bloomberg", header: "BS_TOT_DEBT", field: "totalDebt", meaning: "total debt" },
  { vendor: "Bloomberg", header: "SHORT_AND_LONG_TERM_DEBT", field: "totalDebt", meaning: "short- and long-term debt" },
  { vendor: "Bloomberg", header: "BS_LT_BORROW", field: "longTermDebt", meaning: "long-term borrowings" },
  { vendor: "Bloomberg", header: "BS_ST_BORROW", field: "shortTermDebt", meaning: "short-term borrowings" },
  { vendor: "Bloomberg", header: "SALES_REV_TURN", field: "revenue", meaning: "revenue / turnover" },
  { vendor: "Bloomberg", header: "CUR_MKT_CAP", field: "marketCap", meaning: "current market cap" },
  { vendor: "Bloomberg", header: "CF_FREE_CASH_FLOW", field: "fcf", meaning: "free cash flow" },
  { vendor: "Bloomberg", header: "NET_INCOME", field: "earnings", meaning: "net income" },
  // FactSet Fundamentals codes.
  { vendor: "FactSet", header: "FF_EBIT_OPER", field: "ebit", meaning: "EBIT (operating)" },
  { vendor: "FactSet", header: "FF_OPER_INC", field: "ebit", meaning: "operating income" },
  { vendor: "FactSet", header: "FF_INT_EXP_DEBT", field: "interestExpense", meaning: "interest expense on debt" },
  { vendor: "FactSet", header: "FF_INT_EXP_TOT", field: "interestExpense", meaning: "total interest expense" },
  { vendor: "FactSet", header: "FF_DEBT", field: "totalDebt", meaning: "total debt" },
  { vendor: "FactSet", header: "FF_SALES", field: "revenue", meaning: "sales" },
  { vendor: "FactSet", header: "FF_NET_INC", field: "earnings", meaning: "net income" },
  { vendor: "FactSet", header: "Ticker-Region", field: "ticker", meaning: "ticker with region, e.g. AAPL-US" },
  // LSEG (Refinitiv) data item codes.
  { vendor: "LSEG/Refinitiv", header: "TR.EBIT", field: "ebit", meaning: "EBIT" },
  { vendor: "LSEG/Refinitiv", header: "TR.OperatingIncome", field: "ebit", meaning: "operating income" },
  { vendor: "LSEG/Refinitiv", header: "TR.InterestExpense", field: "interestExpense", meaning: "interest expense" },
  { vendor: "LSEG/Refinitiv", header: "TR.TotalDebtOutstanding", field: "totalDebt", meaning: "total debt outstanding" },
  { vendor: "LSEG/Refinitiv", header: "TR.TotalLongTermDebt", field: "longTermDebt", meaning: "total long-term debt" },
  { vendor: "LSEG/Refinitiv", header: "TR.Revenue", field: "revenue", meaning: "revenue" },
  { vendor: "LSEG/Refinitiv", header: "TR.CompanyMarketCap", field: "marketCap", meaning: "company market cap" },
  { vendor: "LSEG/Refinitiv", header: "TR.NetIncome", field: "earnings", meaning: "net income" },
  { vendor: "LSEG/Refinitiv", header: "TR.CommonName", field: "name", meaning: "company name" },
  { vendor: "LSEG/Refinitiv", header: "RIC", field: "ticker", meaning: "Reuters instrument code" },
  // Compustat (WRDS) variable names.
  { vendor: "Compustat", header: "tic", field: "ticker", meaning: "ticker symbol" },
  { vendor: "Compustat", header: "conm", field: "name", meaning: "company name" },
  { vendor: "Compustat", header: "fyear", field: "period", meaning: "fiscal year" },
  { vendor: "Compustat", header: "oiadp", field: "ebit", meaning: "operating income after depreciation" },
  { vendor: "Compustat", header: "xint", field: "interestExpense", meaning: "interest and related expense, total" },
  { vendor: "Compustat", header: "dltt", field: "longTermDebt", meaning: "long-term debt, total" },
  { vendor: "Compustat", header: "dlc", field: "shortTermDebt", meaning: "debt in current liabilities, total" },
  { vendor: "Compustat", header: "revt", field: "revenue", meaning: "revenue, total" },
  { vendor: "Compustat", header: "ni", field: "earnings", meaning: "net income (loss)" },
]);

/** Normalised name to field; undefined while it is being built (parseHeader then keeps estimate words in the name). */
let fieldByKey: Map<string, { field: FieldId; prior: boolean }> | undefined;
const FIELD_BY_KEY: ReadonlyMap<string, { field: FieldId; prior: boolean }> = (() => {
  const map = new Map<string, { field: FieldId; prior: boolean }>();
  const add = (header: string, field: FieldId): void => {
    const parsed = parseHeader(header);
    // Prior-period names are recognised through the prior marker on the base field.
    if (parsed.prior) return;
    if (!map.has(parsed.key)) map.set(parsed.key, { field, prior: false });
  };
  for (const field of FIELD_IDS) for (const header of FIELD_HEADERS[field]) add(header, field);
  for (const entry of VENDOR_HEADERS) add(entry.header, entry.field);
  fieldByKey = map;
  return map;
})();

/** The field a prior-period marker turns a base field into. */
const PRIOR_OF: Partial<Record<FieldId, FieldId>> = { revenue: "revenuePrior", ebit: "ebitPrior" };
/** The field the second-latest period column feeds when there is no plain prior column. */
const PERIOD_PRIOR: Partial<Record<FieldId, FieldId>> = PRIOR_OF;

/** What one header means, or undefined. */
export function recogniseHeader(
  cell: unknown,
): { field: FieldId; periodKey?: number; period?: string; estimate?: boolean; ltm?: boolean; unit?: DeclaredUnit } | undefined {
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
  const extra: { estimate?: boolean; ltm?: boolean; unit?: DeclaredUnit } = {};
  if (parsed.estimate === true) extra.estimate = true;
  if (parsed.ltm === true) extra.ltm = true;
  if (parsed.unit !== undefined) extra.unit = parsed.unit;
  if (parsed.periodKey !== undefined) {
    // Identity columns never carry periods; `Ticker 2024` means nothing to the screen.
    if (IDENTITY.has(field)) return undefined;
    return { field, periodKey: parsed.periodKey, period: parsed.period, ...extra };
  }
  if (extra.estimate === true && IDENTITY.has(field)) return undefined;
  return { field, ...extra };
}

/** Identity and layout columns: never a period of their own, never an estimate. */
const IDENTITY: ReadonlySet<FieldId> = new Set<FieldId>(["ticker", "name", "sector", "period", "restated"]);

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
  const reasons = new Map<number, string>();
  const estimates: string[] = [];

  for (let column = 0; column < count; column++) {
    const seen = recogniseHeader(headers[column]);
    if (seen === undefined) continue;
    if (seen.estimate === true) {
      // An estimate or forecast is shown as such and never joins the actual history.
      const label = seen.period === undefined ? "estimate" : `estimate ${seen.period}`;
      reasons.set(column, `${label}: never part of the actual history`);
      estimates.push(headerText(headers[column]));
      continue;
    }
    if (seen.periodKey === undefined) {
      if (fields[seen.field] !== undefined) continue;
      fields[seen.field] = column;
      use.set(column, { field: seen.field, also: [], ...(seen.ltm === true ? { period: "LTM" } : {}) });
    } else {
      const list = periods.get(seen.field) ?? [];
      if (list.some((p) => p.periodKey === seen.periodKey)) continue;
      list.push({ column, periodKey: seen.periodKey, period: seen.period ?? String(seen.periodKey) });
      periods.set(seen.field, list);
    }
  }
  // Periods in the order of their labels, whatever the order of the columns (newest first is common).
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
    const reason = reasons.get(column);
    if (entry === undefined) ignored.push(reason === undefined ? { column, header } : { column, header, reason });
    else recognised.push(recognisedEntry(column, header, entry.field, entry.period, entry.also));
  }
  const mapping: ColumnMapping = { fields, ebitHistory, interestHistory };
  const notes: ScreenMessage[] = [];
  if (estimates.length > 0) {
    notes.push({ level: "info", message: `Estimate columns shown but not used as actual history: ${listed(estimates, 6)}.` });
  }
  return { mapping, recognised, ignored, notes };
}

/** `a, b, c and 4 more`. */
export function listed(items: readonly string[], limit: number): string {
  const shown = items.slice(0, limit).join(", ");
  return items.length > limit ? `${shown} and ${items.length - limit} more` : shown;
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

/** A cell of a would-be period row: its period label (`2021`, `2022E`), or undefined. */
function periodLabel(cell: unknown): string | undefined {
  const value = headerValue(cell);
  const text = typeof value === "number" && Number.isFinite(value) ? String(value) : typeof value === "string" ? value : null;
  const period = parsePeriodCell(text);
  return period === undefined ? undefined : String(period.year) + (period.estimate ? "E" : "");
}

/** Words a period row may carry in its identity columns: `Fiscal Year`, `Period`. */
const PERIOD_ROW_LABEL = /^(?:fiscal\s+)?(?:year|period|fy|date|period\s+end(?:ing)?)s?:?$/i;

/**
 * Two header rows read as one: a metric row (`EBIT`, blanks where a merged cell spans the
 * periods, `Interest Expense`...) over a period row (`2019 | 2020 | 2021`, as text, numbers or
 * dates). Returns the combined header (`EBIT 2019`, `EBIT 2020`...) when `first` is such a
 * period row, else undefined; the period row is then never a company.
 */
export function combineHeaderRows(headers: readonly unknown[], first: unknown): unknown[] | undefined {
  if (!Array.isArray(headers) || !Array.isArray(first)) return undefined;
  const width = Math.max(headers.length, first.length);
  let periodCells = 0;
  for (let c = 0; c < width; c++) {
    const cell = first[c];
    const text = headerText(cell);
    if (text === "") continue;
    if (periodLabel(cell) !== undefined) {
      periodCells++;
      continue;
    }
    if (!PERIOD_ROW_LABEL.test(text)) return undefined;
  }
  if (periodCells < 2) return undefined;
  const combined: unknown[] = [];
  let metric = "";
  for (let c = 0; c < width; c++) {
    const top = headerText(headers[c]);
    if (top !== "") metric = top;
    const label = periodLabel(first[c]);
    combined.push(label === undefined ? headers[c] ?? null : `${metric} ${label}`.trim());
  }
  // Only when the metrics are the screen's: the combined header must feed a period column.
  const before = mapColumns(headers).recognised.length;
  const after = mapColumns(combined);
  return after.recognised.some((r) => r.period !== undefined && r.period !== "LTM") || after.recognised.length > before ? combined : undefined;
}
