/**
 * Writes the sample workbook `samples/smallcap-universe.xlsx` and `samples/universe.csv`:
 * synthetic small-cap companies (invented, seeded, the same every run) whose distributions
 * follow the framework, with SMALLCAP formulas beside the data and a valuation history.
 *
 * Usage: npm run sample            (600 companies, seed 20241)
 *        node build/cli/scripts/make-sample.js [--companies N] [--seed S] [--out-dir DIR]
 *
 * Targets (printed as realised when generating):
 * - floating-rate share of debt about 40% on average;
 * - about a quarter unprofitable (EBIT < 0 in the latest year);
 * - about 15% zombies on the three-year test (EBIT / interest < 1 in each of 2022-2024);
 * - domestic revenue share mostly above 80%;
 * - forward P/E spread out (roughly 6x to 40x) for companies with positive forward earnings;
 * - valuation history: small- vs large-cap forward P/E premium averaging about +12% over
 *   20 years, ending near a -20% discount.
 *
 * Cached results of the SMALLCAP formulas are computed by the headless refresh, which runs
 * the custom functions' own implementations.
 */
import { mulberry32 } from "../src/shared/random";
import { promises as fs } from "fs";
import * as path from "path";
import ExcelJS from "exceljs";
import { refreshFormulas } from "../src/cli/refresh";
import { csvSafeText } from "../src/cli/cell-values";
import { SMALLCAP_FUNCTIONS } from "../src/functions/definitions";
import { saveWorkbookAtomically } from "../src/cli/output";
import { writeSavedScreens } from "../src/cli/saved-screens";
import { rerunSavedScreens } from "../src/cli/rerun-screens";
import { SavedScreen, presetConfig } from "../src/core/screen";
import { repoRoot } from "./repo-root";
import { addModelSheet } from "./sample-model";

export const DEFAULT_SEED = 20241;
export const DEFAULT_COMPANIES = 600;
/** A fixed timestamp for the workbook's properties and zip entries: the file is byte-identical every run. */
const FIXED_DATE = new Date(Date.UTC(2025, 0, 1, 0, 0, 0));

export const SYNTHETIC_NOTE =
  "SYNTHETIC DATA: every company, ticker and number in this workbook is invented by scripts/make-sample.ts " +
  "(seeded, deterministic). They illustrate the SMALLCAP framework and describe no real security.";


class Random {
  private spare: number | undefined;
  constructor(private readonly next: () => number) {}
  uniform(lo = 0, hi = 1): number {
    return lo + (hi - lo) * this.next();
  }
  /** Box-Muller. */
  normal(mean = 0, sd = 1): number {
    if (this.spare !== undefined) {
      const z = this.spare;
      this.spare = undefined;
      return mean + sd * z;
    }
    let u = 0;
    while (u === 0) u = this.next();
    const v = this.next();
    const r = Math.sqrt(-2 * Math.log(u));
    this.spare = r * Math.sin(2 * Math.PI * v);
    return mean + sd * r * Math.cos(2 * Math.PI * v);
  }
  logNormal(median: number, sigma: number): number {
    return median * Math.exp(this.normal(0, sigma));
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
}

const clamp = (x: number, lo: number, hi: number): number => Math.min(hi, Math.max(lo, x));
/** Rounds to a number of decimals, so cells hold tidy values. */
const round = (x: number, decimals: number): number => {
  const f = 10 ** decimals;
  return Math.round(x * f) / f;
};

export type CompanyKind = "healthy" | "leveraged" | "zombie" | "falling" | "cashBurner";

export interface Company {
  readonly ticker: string;
  readonly name: string;
  readonly sector: string;
  readonly kind: CompanyKind;
  /** $m. */
  readonly marketCap: number;
  readonly revenue: readonly [number, number];
  readonly totalDebt: number;
  /** 2022, 2023, 2024. */
  readonly ebit: readonly [number, number, number];
  readonly interest: readonly [number, number, number];
  /** Blank (null) for a company without debt. */
  readonly floatingShare: number | null;
  readonly wamYears: number | null;
  readonly fcf: number;
  readonly domesticShare: number;
  /** Null where forward earnings are not positive (P/E is undefined for losses). */
  readonly forwardPe: number | null;
  readonly earnings: number;
  /** Millions of shares. */
  readonly shortInterest: number;
  readonly floatShares: number;
  readonly avgDailyVolume: number;
}

const SECTORS = [
  "Industrials", "Financials", "Health Care", "Consumer Discretionary", "Information Technology",
  "Real Estate", "Materials", "Energy", "Consumer Staples", "Utilities", "Communication Services",
];
const NAME_HEADS = [
  "Arden", "Bluefield", "Cobalt", "Dunmore", "Eastgate", "Fairhaven", "Granite", "Harbor", "Ironwood", "Juniper",
  "Keystone", "Lakeshore", "Meridian", "Northway", "Oakridge", "Pinecrest", "Quarry", "Redstone", "Silverline", "Tidewater",
  "Upland", "Valley", "Westbrook", "Yellowpine", "Zenith", "Ashford", "Birchwood", "Crestline", "Driftwood", "Emberly",
];
const NAME_TAILS = [
  "Industries", "Holdings", "Systems", "Logistics", "Bancorp", "Therapeutics", "Materials", "Energy", "Brands", "Networks",
  "Realty", "Foods", "Components", "Services", "Technologies", "Manufacturing", "Health", "Outfitters", "Utilities", "Media",
];
const NAME_SUFFIXES = ["Inc.", "Corp.", "Group", "Co.", "Ltd.", "plc"];
const NAME_PLACES = [
  "Bay", "Creek", "Ridge", "Valley", "Harbor", "Mesa", "Prairie", "Summit", "Delta", "Canyon",
  "Coast", "Forge", "Hollow", "Island", "Lake", "Mill", "Point", "River", "Springs", "Union",
];

/** Base (reference) rates by year: floating-rate debt reprices with them, as in 2022-2024. */
const BASE_RATES: readonly [number, number, number] = [0.02, 0.048, 0.053];

function uniqueTicker(random: Random, taken: Set<string>): string {
  for (;;) {
    const length = random.chance(0.6) ? 4 : 3;
    let ticker = "";
    for (let i = 0; i < length; i++) ticker += String.fromCharCode(65 + Math.floor(random.uniform(0, 26)));
    if (!taken.has(ticker)) {
      taken.add(ticker);
      return ticker;
    }
  }
}

/**
 * A company name: head, tail and suffix give 3,600 names; past that a place word joins them
 * (72,000), and a large universe finally numbers its names, so any size terminates.
 */
function uniqueName(random: Random, taken: Set<string>): string {
  for (let attempt = 0; ; attempt++) {
    const place = attempt >= 8 ? ` ${random.pick(NAME_PLACES)}` : "";
    const serial = attempt >= 40 ? ` ${attempt}` : "";
    const name = `${random.pick(NAME_HEADS)}${place} ${random.pick(NAME_TAILS)}${serial} ${random.pick(NAME_SUFFIXES)}`;
    if (!taken.has(name)) {
      taken.add(name);
      return name;
    }
  }
}

/**
 * Kinds by quota, shuffled: the shares hold exactly (not just on average), so the realised
 * zombie and unprofitable shares sit on the framework's numbers at any universe size.
 * Zombies 15%; cash burners 10% and falling 6% (both loss-making in 2024, neither a zombie
 * on the three-year test); leveraged but covering 14%; healthy the rest.
 */
function kindsByQuota(random: Random, count: number): CompanyKind[] {
  const quota: [CompanyKind, number][] = [
    ["zombie", 0.15],
    ["cashBurner", 0.1],
    ["falling", 0.06],
    ["leveraged", 0.14],
  ];
  const kinds: CompanyKind[] = [];
  for (const [kind, share] of quota) for (let i = Math.round(count * share); i > 0; i--) kinds.push(kind);
  while (kinds.length < count) kinds.push("healthy");
  kinds.length = count;
  for (let i = kinds.length - 1; i > 0; i--) {
    const j = Math.floor(random.uniform() * (i + 1));
    [kinds[i], kinds[j]] = [kinds[j], kinds[i]];
  }
  return kinds;
}

/** Floating-rate share of debt: a mixture averaging about 0.4. */
function floatingShare(random: Random): number {
  const u = random.uniform();
  if (u < 0.32) return random.uniform(0, 0.15);
  if (u < 0.72) return random.uniform(0.2, 0.6);
  return random.uniform(0.6, 1);
}

/** Domestic share of revenue: mostly above 80%. */
function domesticShare(random: Random): number {
  return random.chance(0.78) ? random.uniform(0.8, 1) : random.uniform(0.3, 0.8);
}

/** Interest paid in each year on debt with this floating share and fixed coupon. */
function interestPath(debt: number, share: number, fixedCoupon: number, spread: number): [number, number, number] {
  return BASE_RATES.map((base) => debt * ((1 - share) * fixedCoupon + share * (base + spread))) as [number, number, number];
}

export function generateCompanies(count: number, seed: number = DEFAULT_SEED): Company[] {
  const random = new Random(mulberry32(seed));
  const tickers = new Set<string>();
  const names = new Set<string>();
  const companies: Company[] = [];
  const kinds = kindsByQuota(random, count);
  for (let i = 0; i < count; i++) {
    const kind = kinds[i];
    const ticker = uniqueTicker(random, tickers);
    const name = uniqueName(random, names);
    const sector = random.pick(SECTORS);
    const marketCap = clamp(random.logNormal(1100, 0.65), 150, 6000);
    const hasDebt = kind !== "cashBurner" || random.chance(0.15);
    const share = hasDebt ? floatingShare(random) : 0;
    const fixedCoupon = random.uniform(0.035, 0.065);
    const spread = kind === "zombie" || kind === "leveraged" ? random.uniform(0.035, 0.06) : random.uniform(0.015, 0.035);
    const growth = random.normal(0.05, 0.08);

    let revenue2024: number;
    let ebit: [number, number, number];
    let debt: number;
    let interest: [number, number, number];
    if (kind === "healthy" || kind === "leveraged") {
      // Margin and coverage first; debt follows from the interest that coverage implies.
      revenue2024 = marketCap * random.logNormal(kind === "healthy" ? 0.8 : 1.3, 0.45);
      const margin = kind === "healthy" ? clamp(random.normal(0.13, 0.05), 0.03, 0.35) : clamp(random.normal(0.07, 0.03), 0.02, 0.2);
      const ebit2024 = revenue2024 * margin;
      const icr2024 = kind === "healthy" ? clamp(random.logNormal(7, 0.55), 3.2, 60) : random.uniform(1.15, 3);
      const interest2024 = ebit2024 / icr2024;
      const rate2024 = (1 - share) * fixedCoupon + share * (BASE_RATES[2] + spread);
      debt = interest2024 / rate2024;
      interest = interestPath(debt, share, fixedCoupon, spread);
      const drift = (t: number): number => ebit2024 * Math.pow(1 + growth, t - 2) * (1 + random.normal(0, 0.06));
      ebit = [drift(0), drift(1), ebit2024];
    } else if (kind === "zombie") {
      revenue2024 = marketCap * random.logNormal(1.0, 0.45);
      debt = revenue2024 * random.uniform(0.3, 0.9);
      interest = interestPath(debt, share, fixedCoupon, spread);
      // Coverage below 1 in every year: some make a small operating profit, most a loss.
      ebit = interest.map((x) => x * random.uniform(-1.6, 0.95)) as [number, number, number];
    } else if (kind === "falling") {
      revenue2024 = marketCap * random.logNormal(1.1, 0.5);
      debt = revenue2024 * random.uniform(0.2, 0.8);
      interest = interestPath(debt, share, fixedCoupon, spread);
      // Covered interest comfortably until the latest year, then slipped into a loss.
      ebit = [interest[0] * random.uniform(2, 5), interest[1] * random.uniform(1.2, 3), -interest[2] * random.uniform(0.1, 1.5)];
    } else {
      revenue2024 = marketCap * random.logNormal(0.35, 0.6);
      debt = hasDebt ? revenue2024 * random.uniform(0.05, 0.3) : 0;
      interest = hasDebt ? interestPath(debt, share, fixedCoupon, spread) : [0, 0, 0];
      // Burns cash every year; with no debt it can never be a zombie (no interest to cover).
      ebit = [0, 1, 2].map(() => -revenue2024 * random.uniform(0.03, 0.25)) as [number, number, number];
      // One that borrowed covered its interest in 2022, before the losses: not a zombie either.
      if (hasDebt) ebit[0] = interest[0] * random.uniform(1.5, 3);
    }
    const revenue2023 = revenue2024 / (1 + growth);

    // Net income: EBIT less interest, less 25% tax on a profit.
    const pretax = ebit[2] - interest[2];
    const earnings = pretax > 0 ? pretax * 0.75 : pretax;
    const forwardEarnings = earnings * (1 + growth + random.normal(0.03, 0.05));
    const forwardPe = forwardEarnings > 0 ? clamp(marketCap / forwardEarnings, 4, 150) : null;

    const fcf = ebit[2] * random.uniform(0.35, 0.9) - interest[2] * 0.5 + revenue2024 * random.normal(0, 0.02);
    const price = random.uniform(4, 90);
    const shares = marketCap / price;
    const floatShares = shares * random.uniform(0.55, 0.97);
    const shortShare = kind === "zombie" || kind === "cashBurner" ? random.logNormal(0.1, 0.6) : random.logNormal(0.04, 0.6);
    const shortInterest = floatShares * clamp(shortShare, 0.002, 0.45);
    const avgDailyVolume = floatShares * random.uniform(0.002, 0.015);

    companies.push({
      ticker,
      name,
      sector,
      kind,
      marketCap: round(marketCap, 1),
      revenue: [round(revenue2023, 1), round(revenue2024, 1)],
      totalDebt: round(debt, 1),
      ebit: ebit.map((x) => round(x, 2)) as [number, number, number],
      interest: interest.map((x) => round(x, 2)) as [number, number, number],
      floatingShare: debt > 0 ? round(share, 3) : null,
      wamYears: debt > 0 ? round(clamp(random.logNormal(kind === "zombie" ? 2.4 : 4.2, 0.45), 0.5, 15), 1) : null,
      fcf: round(fcf, 1),
      domesticShare: round(domesticShare(random), 3),
      forwardPe: forwardPe === null ? null : round(forwardPe, 1),
      earnings: round(earnings, 1),
      shortInterest: round(shortInterest, 3),
      floatShares: round(floatShares, 2),
      avgDailyVolume: round(avgDailyVolume, 3),
    });
  }
  return companies;
}

/** The universe sheet: headers on row 3 (the synthetic-data note sits on row 1), data below. */
export const UNIVERSE_SHEET = "Universe";
export const UNIVERSE_HEADER_ROW = 3;

interface ColumnDef {
  readonly header: string;
  readonly width: number;
  readonly numFmt?: string;
  readonly value?: (c: Company) => number | string | null;
  /** A SMALLCAP formula for data row r. */
  readonly formula?: (r: number) => string;
}

/** The last column of the universe table. */
export const UNIVERSE_LAST_COLUMN = "AB";

/** Column letters A..V hold data; W..AB the SMALLCAP formulas that read it. */
export const UNIVERSE_COLUMNS: readonly ColumnDef[] = [
  { header: "Ticker", width: 8, value: (c) => c.ticker },
  { header: "Company", width: 34, value: (c) => c.name },
  { header: "Sector", width: 22, value: (c) => c.sector },
  { header: "Market Cap ($m)", width: 12, numFmt: "#,##0.0", value: (c) => c.marketCap },
  { header: "Revenue 2023", width: 12, numFmt: "#,##0.0", value: (c) => c.revenue[0] },
  { header: "Revenue 2024", width: 12, numFmt: "#,##0.0", value: (c) => c.revenue[1] },
  { header: "Total Debt", width: 11, numFmt: "#,##0.0", value: (c) => c.totalDebt },
  { header: "EBIT 2022", width: 10, numFmt: "#,##0.00", value: (c) => c.ebit[0] },
  { header: "EBIT 2023", width: 10, numFmt: "#,##0.00", value: (c) => c.ebit[1] },
  { header: "EBIT 2024", width: 10, numFmt: "#,##0.00", value: (c) => c.ebit[2] },
  { header: "Interest Expense 2022", width: 12, numFmt: "#,##0.00", value: (c) => c.interest[0] },
  { header: "Interest Expense 2023", width: 12, numFmt: "#,##0.00", value: (c) => c.interest[1] },
  { header: "Interest Expense 2024", width: 12, numFmt: "#,##0.00", value: (c) => c.interest[2] },
  { header: "Floating Share", width: 10, numFmt: "0.0%", value: (c) => c.floatingShare },
  { header: "WAM", width: 7, numFmt: "0.0", value: (c) => c.wamYears },
  { header: "FCF", width: 10, numFmt: "#,##0.0", value: (c) => c.fcf },
  { header: "Domestic Revenue %", width: 11, numFmt: "0.0%", value: (c) => c.domesticShare },
  { header: "Fwd P/E", width: 8, numFmt: "0.0", value: (c) => c.forwardPe },
  { header: "Earnings", width: 10, numFmt: "#,##0.0", value: (c) => c.earnings },
  { header: "Short Interest", width: 10, numFmt: "0.000", value: (c) => c.shortInterest },
  { header: "Float", width: 10, numFmt: "0.00", value: (c) => c.floatShares },
  { header: "Avg Daily Volume", width: 10, numFmt: "0.000", value: (c) => c.avgDailyVolume },
  { header: "ICR (x)", width: 9, numFmt: "0.00", formula: (r) => `SMALLCAP.ICR(J${r},M${r})` },
  { header: "Shocked ICR +200bp", width: 11, numFmt: "0.00", formula: (r) => `SMALLCAP.SHOCKICR(J${r},M${r},G${r},N${r},200)` },
  { header: "Zombie (3y)", width: 9, formula: (r) => `SMALLCAP.ZOMBIE(H${r}:J${r},K${r}:M${r})` },
  { header: "Synthetic rating", width: 9, formula: (r) => `SMALLCAP.RATING(J${r},M${r})` },
  { header: "Days to cover", width: 9, numFmt: "0.0", formula: (r) => `SMALLCAP.DAYSTOCOVER(T${r},V${r})` },
  { header: "Operating gearing (DOL)", width: 11, numFmt: "0.00", formula: (r) => `SMALLCAP.DOL(I${r},J${r},E${r},F${r})` },
];

export interface ValuationMonth {
  /** Month end, UTC. */
  readonly date: Date;
  readonly smallPe: number;
  readonly largePe: number;
  readonly smallIndex: number;
  readonly largeIndex: number;
}

export const VALUATION_MONTHS = 240;
/** The target mean of the relative forward P/E premium over the 20 years: the framework's +12%. */
const TARGET_MEAN_PREMIUM = 0.12;
/** Where the premium ends: a discount near -20%. */
const FINAL_PREMIUM = -0.2;

/**
 * Twenty years of month-end forward P/Es and index levels: a premium that wanders around
 * +17% for fifteen years, then de-rates to about -20%, with the early years shifted so the
 * 20-year mean is +12%. Small caps' index lags as they de-rate.
 */
export function generateValuationHistory(seed: number = DEFAULT_SEED): ValuationMonth[] {
  const random = new Random(mulberry32(seed ^ 0x5eed));
  const n = VALUATION_MONTHS;
  const turn = 180;
  const premium: number[] = [];
  let noise = 0;
  for (let t = 0; t < n; t++) {
    noise = 0.85 * noise + random.normal(0, 0.018);
    const base = t < turn ? 0.17 : 0.17 + ((FINAL_PREMIUM - 0.17) * (t - turn)) / (n - 1 - turn);
    premium.push(base + (t === n - 1 ? 0 : noise * (t < turn ? 1 : (n - 1 - t) / (n - 1 - turn))));
  }
  // Shift the first fifteen years so the 20-year mean is exactly the target.
  const mean = premium.reduce((a, b) => a + b, 0) / n;
  const shift = ((TARGET_MEAN_PREMIUM - mean) * n) / turn;
  for (let t = 0; t < turn; t++) premium[t] += shift;

  const months: ValuationMonth[] = [];
  let large = 1000;
  let small = 1000;
  for (let t = 0; t < n; t++) {
    const year = 2005 + Math.floor(t / 12);
    const month = t % 12;
    const date = new Date(Date.UTC(year, month + 1, 0));
    const largePe = round(clamp(16.5 + 2.2 * Math.sin(t / 19) + random.normal(0, 0.5), 11, 23), 2);
    const smallPe = round(largePe * (1 + premium[t]), 2);
    const largeReturn = random.normal(0.007, 0.04);
    const derating = t > 0 ? (1 + premium[t]) / (1 + premium[t - 1]) - 1 : 0;
    const smallReturn = largeReturn * 1.15 + derating + random.normal(0.0005, 0.015);
    if (t > 0) {
      large *= 1 + largeReturn;
      small *= 1 + smallReturn;
    }
    months.push({ date, smallPe, largePe, smallIndex: round(small, 2), largeIndex: round(large, 2) });
  }
  return months;
}

const HEADER_STYLE: Partial<ExcelJS.Style> = {
  font: { bold: true },
  fill: { type: "pattern", pattern: "solid", fgColor: { argb: "FFDDEBF7" } },
  alignment: { wrapText: true, vertical: "top" },
};

function addUniverseSheet(workbook: ExcelJS.Workbook, companies: readonly Company[]): void {
  const sheet = workbook.addWorksheet(UNIVERSE_SHEET, { views: [{ state: "frozen", ySplit: UNIVERSE_HEADER_ROW, xSplit: 2 }] });
  sheet.getCell("A1").value = SYNTHETIC_NOTE;
  sheet.getCell("A1").font = { bold: true, color: { argb: "FFC00000" } };
  UNIVERSE_COLUMNS.forEach((column, i) => {
    const cell = sheet.getCell(UNIVERSE_HEADER_ROW, i + 1);
    cell.value = column.header;
    cell.style = HEADER_STYLE;
    sheet.getColumn(i + 1).width = column.width;
  });
  companies.forEach((company, index) => {
    const r = UNIVERSE_HEADER_ROW + 1 + index;
    const row = sheet.getRow(r);
    UNIVERSE_COLUMNS.forEach((column, i) => {
      const cell = row.getCell(i + 1);
      if (column.formula !== undefined) cell.value = { formula: column.formula(r) } as ExcelJS.CellValue;
      else cell.value = column.value?.(company) ?? null;
      if (column.numFmt !== undefined) cell.numFmt = column.numFmt;
    });
  });
}

export const VALUATION_SHEET = "Valuation";
/** Rows of the valuation history: header on row 1, months on rows 2..241. */
export const VALUATION_FIRST_ROW = 2;

function addValuationSheet(workbook: ExcelJS.Workbook, months: readonly ValuationMonth[], companies: number): void {
  const sheet = workbook.addWorksheet(VALUATION_SHEET, { views: [{ state: "frozen", ySplit: 1 }] });
  const first = VALUATION_FIRST_ROW;
  const last = first + months.length - 1;
  const headers = [
    "Month end", "Small-cap fwd P/E", "Large-cap fwd P/E", "Relative P/E (premium)", "Re-rating to the mean",
    "Small-cap index", "Large-cap index", "Relative performance, 12 months",
  ];
  const widths = [11, 11, 11, 13, 13, 11, 11, 15];
  headers.forEach((h, i) => {
    const cell = sheet.getCell(1, i + 1);
    cell.value = h;
    cell.style = HEADER_STYLE;
    sheet.getColumn(i + 1).width = widths[i];
  });
  months.forEach((m, i) => {
    const r = first + i;
    const row = sheet.getRow(r);
    row.getCell(1).value = m.date;
    row.getCell(1).numFmt = "yyyy-mm";
    row.getCell(2).value = m.smallPe;
    row.getCell(3).value = m.largePe;
    row.getCell(4).value = { formula: `SMALLCAP.RELPE(B${r},C${r})` } as ExcelJS.CellValue;
    row.getCell(4).numFmt = "0.0%";
    row.getCell(5).value = { formula: `SMALLCAP.REVERSION(D${r},$K$3)` } as ExcelJS.CellValue;
    row.getCell(5).numFmt = "0.0%";
    row.getCell(6).value = m.smallIndex;
    row.getCell(7).value = m.largeIndex;
    row.getCell(8).numFmt = "0.0%";
  });
  // One formula spills down the whole column: the rolling 12-month relative return.
  sheet.getCell(first, 8).value = { formula: `SMALLCAP.RELPERF(F${first}:F${last},G${first}:G${last},12)` } as ExcelJS.CellValue;

  // Summary block: an Excel formula (AVERAGE, left to Excel) feeds SMALLCAP formulas by reference.
  const universeLast = UNIVERSE_HEADER_ROW + companies;
  const block: [string, ExcelJS.CellValue, string][] = [
    ["Valuation gap", null, ""],
    ["20-year average premium", { formula: `AVERAGE(D${first}:D${last})`, result: averagePremium(months) } as ExcelJS.CellValue, "0.0%"],
    ["Latest premium", { formula: `SMALLCAP.RELPE(B${last},C${last})` } as ExcelJS.CellValue, "0.0%"],
    ["Re-rating if the premium returns to its average", { formula: `SMALLCAP.REVERSION(K4,K3)` } as ExcelJS.CellValue, "0.0%"],
    ["Re-rating to the framework's +12%", { formula: `SMALLCAP.REVERSION(K4)` } as ExcelJS.CellValue, "0.0%"],
    ["", null, ""],
    ["Universe (sheet Universe)", null, ""],
    ["Index P/E", { formula: `SMALLCAP.INDEXPE(Universe!D${UNIVERSE_HEADER_ROW + 1}:D${universeLast},Universe!S${UNIVERSE_HEADER_ROW + 1}:S${universeLast})` } as ExcelJS.CellValue, "0.0"],
    ["Index P/E ex-unprofitable", { formula: `SMALLCAP.INDEXPE(Universe!D${UNIVERSE_HEADER_ROW + 1}:D${universeLast},Universe!S${UNIVERSE_HEADER_ROW + 1}:S${universeLast},TRUE)` } as ExcelJS.CellValue, "0.0"],
  ];
  block.forEach(([label, value, numFmt], i) => {
    const r = 2 + i;
    const labelCell = sheet.getCell(r, 10);
    labelCell.value = label;
    if (value === null && label !== "") labelCell.font = { bold: true };
    if (value !== null) {
      const cell = sheet.getCell(r, 11);
      cell.value = value;
      if (numFmt !== "") cell.numFmt = numFmt;
    }
  });
  sheet.getColumn(10).width = 44;
  sheet.getColumn(11).width = 10;
}

export const SCREEN_SHEET = "Screen";
/** The Screen sheet's rows: the shocks on row 4, the SHOCKSWEEP rows 5 and 6, SCREEN's spill from row 8. */
export const SCREEN_SHOCK_ROW = 4;
export const SCREEN_SPILL_ROW = 8;

/**
 * The Screen sheet: the universe's quality screen as one live formula (SMALLCAP.SCREEN over the
 * same range as the saved "Quality small caps" screen) and the rate-shock sweep above it, the
 * shares below 1x and 1.5x from 0 to +500 bp (SMALLCAP.SHOCKSWEEP). Cached values come from the
 * refresh in buildSampleWorkbook, as for every SMALLCAP formula.
 */
function addScreenSheet(workbook: ExcelJS.Workbook, companies: number): void {
  const sheet = workbook.addWorksheet(SCREEN_SHEET, { views: [{ state: "frozen", ySplit: SCREEN_SPILL_ROW }] });
  const first = UNIVERSE_HEADER_ROW + 1;
  const last = UNIVERSE_HEADER_ROW + companies;
  sheet.getCell("A1").value = "Live screen of the Universe sheet: SMALLCAP.SCREEN (quality preset) and the rate-shock sweep SMALLCAP.SHOCKSWEEP";
  sheet.getCell("A1").font = { bold: true, size: 13 };
  sheet.getCell("A2").value =
    "Change a number on the Universe sheet and both recalculate. The sweep counts companies with EBIT, interest, debt and floating share known and some interest to pay after the shock.";
  const shocks = Array.from({ length: 11 }, (_, i) => i * 50);
  const lastShock = columnName(1 + shocks.length);
  const column = (letter: string): string => `Universe!${letter}${first}:${letter}${last}`;
  const sweep = `SMALLCAP.SHOCKSWEEP(${column("J")},${column("M")},${column("G")},${column("N")},B${SCREEN_SHOCK_ROW}:${lastShock}${SCREEN_SHOCK_ROW}`;
  const rows: [string, (c: ExcelJS.Cell, i: number) => void][] = [
    ["Rate shock (bp)", (cell, i) => (cell.value = shocks[i])],
    ["Share below 1x ICR", (cell, i) => (cell.value = i === 0 ? ({ formula: `${sweep})` } as ExcelJS.CellValue) : null)],
    ["Share below 1.5x ICR", (cell, i) => (cell.value = i === 0 ? ({ formula: `${sweep},1.5)` } as ExcelJS.CellValue) : null)],
  ];
  rows.forEach(([label, fill], k) => {
    const r = SCREEN_SHOCK_ROW + k;
    sheet.getCell(r, 1).value = label;
    sheet.getCell(r, 1).font = { bold: true };
    shocks.forEach((_, i) => {
      const cell = sheet.getCell(r, 2 + i);
      fill(cell, i);
      cell.numFmt = k === 0 ? "0" : "0.0%";
    });
  });
  sheet.getCell(SCREEN_SPILL_ROW, 1).value = { formula: `SMALLCAP.SCREEN(Universe!A${UNIVERSE_HEADER_ROW}:${UNIVERSE_LAST_COLUMN}${last})` } as ExcelJS.CellValue;
  // The spill: Rank, Ticker, Name, Score, ICR, Shocked ICR, Zombie, Forward P/E, Note.
  const formats = ["0", "", "", "0.0", "0.00", "0.00", "", "0.0", ""];
  const widths = [20, 9, 30, 8, 8, 11, 8, 11, 40];
  formats.forEach((numFmt, c) => {
    sheet.getColumn(c + 1).width = widths[c];
    if (numFmt === "") return;
    for (let r = SCREEN_SPILL_ROW + 1; r <= SCREEN_SPILL_ROW + companies; r++) sheet.getCell(r, c + 1).numFmt = numFmt;
  });
  for (let c = 10; c <= 12; c++) sheet.getColumn(c).width = 8;
}

/** `A` for 1, `L` for 12 (columns within A..Z). */
function columnName(n: number): string {
  return String.fromCharCode(64 + n);
}

function averagePremium(months: readonly ValuationMonth[]): number {
  // The same arithmetic RELPE does, so AVERAGE's cached result is what Excel would show.
  const values = months.map((m) => SMALLCAP_FUNCTIONS.RELPE(m.smallPe, m.largePe)[0][0] as number);
  return values.reduce((a, b) => a + b, 0) / values.length;
}

/** The Read me sheet's lines on the companies without debt, whose formula columns show errors by design. */
export function debtFreeNote(companies: readonly Company[]): string[] {
  const debtFree = companies.filter((c) => c.totalDebt === 0 && c.interest[2] === 0);
  if (debtFree.length === 0) return [];
  const losses = debtFree.filter((c) => c.ebit[2] <= 0).length;
  return [
    `${debtFree.length} companies carry no debt (Total Debt 0, no interest expense; ${losses} of them have an operating loss in 2024). Their formula cells show errors on purpose:`,
    "ICR #DIV/0! (no interest expense to cover), Shocked ICR +200bp #N/A (no floating share: no debt to reprice), and Synthetic rating #N/A when EBIT <= 0",
    "(not rated: Damodaran's rule, no interest = AAA, is kept for profitable companies only; a loss-maker is not AAA). The screener reads no interest as unlimited coverage.",
  ];
}

function addReadMeSheet(workbook: ExcelJS.Workbook, companies: number, seed: number, debtFree: readonly string[] = []): void {
  const sheet = workbook.addWorksheet("Read me");
  const lines = [
    "SMALLCAP sample workbook",
    "",
    SYNTHETIC_NOTE,
    "",
    `Universe: ${companies} invented small-cap companies (seed ${seed}). Money in $ millions; shares, short interest, float and volume in millions of shares;`,
    "floating share and domestic revenue share as fractions (formatted as percentages); WAM (weighted-average debt maturity) in years.",
    "Columns W to AB hold SMALLCAP formulas (ICR, SHOCKICR, ZOMBIE, RATING, DAYSTOCOVER, DOL) that read the data beside them.",
    "Their saved results were computed headlessly by `smallcap refresh`, with the same code Excel's custom functions run.",
    ...debtFree,
    "",
    "Valuation: 20 years of month-end small- and large-cap forward P/Es (invented, shaped like the framework's story: a +12%",
    "average premium and a recent discount near -20%) with RELPE, REVERSION and a spilled RELPERF.",
    "",
    "Try: npx smallcap screen samples/smallcap-universe.xlsx   |   npx smallcap refresh samples/smallcap-universe.xlsx --out samples/out/refreshed.xlsx",
  ];
  lines.forEach((line, i) => {
    sheet.getCell(i + 1, 1).value = line;
  });
  sheet.getCell(1, 1).font = { bold: true, size: 14 };
  sheet.getCell(3, 1).font = { bold: true, color: { argb: "FFC00000" } };
  sheet.getColumn(1).width = 140;
}

/** The screens the sample workbook carries, as the pane would save them (see docs/HEADLESS.md). */
export function sampleSavedScreens(companies: number): SavedScreen[] {
  const address = `A${UNIVERSE_HEADER_ROW}:${UNIVERSE_LAST_COLUMN}${UNIVERSE_HEADER_ROW + companies}`;
  const savedAt = FIXED_DATE.toISOString();
  return [
    {
      version: 1,
      id: "sample-quality",
      name: "Quality small caps",
      source: { sheet: UNIVERSE_SHEET, address },
      mapping: null,
      config: presetConfig("quality"),
      output: { sheet: "SMALLCAP Results" },
      savedAt,
    },
    {
      version: 1,
      id: "sample-stress",
      name: "Rate stress +300 bp",
      source: { sheet: UNIVERSE_SHEET, address },
      mapping: null,
      config: { ...presetConfig("stress"), shockBps: 300 },
      output: { sheet: "SMALLCAP Results (stress)" },
      savedAt,
    },
  ];
}

export interface SampleOptions {
  readonly companies?: number;
  readonly seed?: number;
}

/** The sample workbook in memory, its SMALLCAP formulas refreshed. */
export function buildSampleWorkbook(options: SampleOptions = {}): { workbook: ExcelJS.Workbook; companies: Company[]; months: ValuationMonth[] } {
  const count = options.companies ?? DEFAULT_COMPANIES;
  const seed = options.seed ?? DEFAULT_SEED;
  const companies = generateCompanies(count, seed);
  const months = generateValuationHistory(seed);
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "SMALLCAP scripts/make-sample.ts";
  workbook.lastModifiedBy = "SMALLCAP scripts/make-sample.ts";
  workbook.created = FIXED_DATE;
  workbook.modified = FIXED_DATE;
  addReadMeSheet(workbook, count, seed, debtFreeNote(companies));
  addUniverseSheet(workbook, companies);
  addValuationSheet(workbook, months, count);
  addScreenSheet(workbook, count);
  addModelSheet(workbook, UNIVERSE_SHEET, UNIVERSE_HEADER_ROW, UNIVERSE_HEADER_ROW + count);
  // The universe is the sheet a workbook opens on.
  workbook.views = [{ x: 0, y: 0, width: 20000, height: 12000, firstSheet: 0, activeTab: 1, visibility: "visible" }];
  const report = refreshFormulas(workbook);
  if (report.problems.length > 0) {
    throw new Error(`sample formulas failed to refresh: ${report.problems.map((p) => `${p.cell}: ${p.reason}`).join("; ")}`);
  }
  writeSavedScreens(workbook, sampleSavedScreens(count));
  const reruns = rerunSavedScreens(workbook);
  const failed = reruns.screens.filter((s) => s.problem !== undefined);
  if (failed.length > 0 || reruns.skipped.length > 0) {
    throw new Error(`sample screens failed: ${[...failed.map((s) => `${s.name}: ${s.problem}`), ...reruns.skipped].join("; ")}`);
  }
  return { workbook, companies, months };
}

/** CSV headers as data vendors print them (see the screen's header recognition). */
export const CSV_HEADERS = [
  "Symbol", "Company Name", "GICS Sector", "Market Capitalization ($mm)", "Total Revenue FY2023", "Total Revenue FY2024",
  "Total Debt", "Operating Income (Loss) FY2022", "Operating Income (Loss) FY2023", "Operating Income (Loss) FY2024",
  "Interest Expense, Net FY2022", "Interest Expense, Net FY2023", "Interest Expense, Net FY2024", "Floating-Rate Debt %",
  "Weighted Avg Maturity (yrs)", "Free Cash Flow", "US Revenue %", "Fwd P/E", "Net Income", "Shares Short", "Free Float",
  "Average Daily Volume",
] as const;

function accounting(value: number, decimals: number): string {
  const text = Math.abs(value).toLocaleString("en-US", { minimumFractionDigits: decimals, maximumFractionDigits: decimals });
  return value < 0 ? `(${text})` : text;
}

function percent(value: number | null): string {
  return value === null ? "" : `${(value * 100).toFixed(1)}%`;
}

function csvField(text: string): string {
  const safe = csvSafeText(text);
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/**
 * The same companies as a vendor export: real-world headers, accounting notation (thousands
 * separators, negatives in parentheses, percentages with %), interest expense printed as a
 * negative number, "NM" where a forward P/E is not meaningful.
 */
export function universeCsv(companies: readonly Company[]): string {
  const lines = [CSV_HEADERS.map(csvField).join(",")];
  for (const c of companies) {
    const fields = [
      c.ticker, c.name, c.sector, accounting(c.marketCap, 1), accounting(c.revenue[0], 1), accounting(c.revenue[1], 1),
      accounting(c.totalDebt, 1), accounting(c.ebit[0], 2), accounting(c.ebit[1], 2), accounting(c.ebit[2], 2),
      accounting(-c.interest[0], 2), accounting(-c.interest[1], 2), accounting(-c.interest[2], 2), percent(c.floatingShare),
      c.wamYears === null ? "" : c.wamYears.toFixed(1), accounting(c.fcf, 1), percent(c.domesticShare),
      c.forwardPe === null ? "NM" : c.forwardPe.toFixed(1), accounting(c.earnings, 1), c.shortInterest.toFixed(3),
      c.floatShares.toFixed(2), c.avgDailyVolume.toFixed(3),
    ];
    lines.push(fields.map(csvField).join(","));
  }
  return lines.join("\r\n") + "\r\n";
}

export interface DistributionStats {
  readonly companies: number;
  readonly meanFloatingShare: number;
  readonly unprofitableShare: number;
  readonly zombieShare: number;
  readonly domesticAbove80: number;
  readonly forwardPe: { readonly p10: number; readonly median: number; readonly p90: number; readonly meaningful: number };
  readonly indexPe: number;
  readonly indexPeExUnprofitable: number;
  readonly premiumMean: number;
  readonly premiumMin: number;
  readonly premiumLatest: number;
}

function quantile(sorted: readonly number[], q: number): number {
  const i = (sorted.length - 1) * q;
  const lo = Math.floor(i);
  const hi = Math.ceil(i);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (i - lo);
}

/** What the generator produced, measured through the SMALLCAP functions themselves. */
export function distributionStats(companies: readonly Company[], months: readonly ValuationMonth[]): DistributionStats {
  const withDebt = companies.filter((c) => c.floatingShare !== null);
  const zombies = companies.filter((c) => SMALLCAP_FUNCTIONS.ZOMBIE([[...c.ebit]], [[...c.interest]])[0][0] === true);
  const pes = companies.map((c) => c.forwardPe).filter((p): p is number => p !== null).sort((a, b) => a - b);
  const premiums = months.map((m) => SMALLCAP_FUNCTIONS.RELPE(m.smallPe, m.largePe)[0][0] as number);
  const caps = companies.map((c) => [c.marketCap]);
  const earnings = companies.map((c) => [c.earnings]);
  return {
    companies: companies.length,
    indexPe: SMALLCAP_FUNCTIONS.INDEXPE(caps, earnings)[0][0] as number,
    indexPeExUnprofitable: SMALLCAP_FUNCTIONS.INDEXPE(caps, earnings, true)[0][0] as number,
    meanFloatingShare: withDebt.reduce((a, c) => a + (c.floatingShare as number), 0) / Math.max(1, withDebt.length),
    unprofitableShare: companies.filter((c) => c.ebit[2] < 0).length / companies.length,
    zombieShare: zombies.length / companies.length,
    domesticAbove80: companies.filter((c) => c.domesticShare >= 0.8).length / companies.length,
    forwardPe: { p10: quantile(pes, 0.1), median: quantile(pes, 0.5), p90: quantile(pes, 0.9), meaningful: pes.length },
    premiumMean: premiums.reduce((a, b) => a + b, 0) / premiums.length,
    premiumMin: Math.min(...premiums),
    premiumLatest: premiums[premiums.length - 1],
  };
}

export function formatStats(s: DistributionStats): string {
  const pct = (x: number): string => `${(x * 100).toFixed(1)}%`;
  return [
    `companies                      ${s.companies}`,
    `mean floating-rate share       ${pct(s.meanFloatingShare)}   (target ~40%, companies with debt)`,
    `unprofitable (EBIT 2024 < 0)   ${pct(s.unprofitableShare)}   (target ~25%)`,
    `zombies (3-year test)          ${pct(s.zombieShare)}   (target ~15%)`,
    `domestic revenue >= 80%        ${pct(s.domesticAbove80)}   (target: most)`,
    `forward P/E p10 / median / p90 ${s.forwardPe.p10.toFixed(1)} / ${s.forwardPe.median.toFixed(1)} / ${s.forwardPe.p90.toFixed(1)}   (${s.forwardPe.meaningful} meaningful)`,
    `index P/E (all / profitable)   ${s.indexPe.toFixed(1)} / ${s.indexPeExUnprofitable.toFixed(1)}   (the drag of the unprofitable tail)`,
    `small vs large P/E premium     mean ${pct(s.premiumMean)} (target ~+12%), low ${pct(s.premiumMin)}, latest ${pct(s.premiumLatest)} (target ~-20%)`,
  ].join("\n");
}

/**
 * Zip entries carry a modification time; exceljs stamps them with "now". Setting every
 * entry's DOS time and date to FIXED_DATE makes the file byte-identical run after run.
 * Local headers (signature 0x04034b50) keep time/date at offsets 10/12; central directory
 * entries (0x02014b50) at 12/14 (PKWARE APPNOTE 4.3.7 and 4.3.12).
 */
export function fixZipTimestamps(buffer: Buffer): Buffer {
  const dosTime = (FIXED_DATE.getUTCHours() << 11) | (FIXED_DATE.getUTCMinutes() << 5) | (FIXED_DATE.getUTCSeconds() >> 1);
  const dosDate = ((FIXED_DATE.getUTCFullYear() - 1980) << 9) | ((FIXED_DATE.getUTCMonth() + 1) << 5) | FIXED_DATE.getUTCDate();
  const out = Buffer.from(buffer);
  // Walk the central directory from the end-of-central-directory record.
  let eocd = -1;
  for (let i = out.length - 22; i >= Math.max(0, out.length - 22 - 65535); i--) {
    if (out.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return out;
  const entries = out.readUInt16LE(eocd + 10);
  let p = out.readUInt32LE(eocd + 16);
  for (let e = 0; e < entries; e++) {
    if (out.readUInt32LE(p) !== 0x02014b50) break;
    out.writeUInt16LE(dosTime, p + 12);
    out.writeUInt16LE(dosDate, p + 14);
    const local = out.readUInt32LE(p + 42);
    if (out.readUInt32LE(local) === 0x04034b50) {
      out.writeUInt16LE(dosTime, local + 10);
      out.writeUInt16LE(dosDate, local + 12);
    }
    p += 46 + out.readUInt16LE(p + 28) + out.readUInt16LE(p + 30) + out.readUInt16LE(p + 32);
  }
  return out;
}

export interface WrittenSample {
  readonly workbookPath: string;
  readonly csvPath: string;
  readonly stats: DistributionStats;
}

export async function writeSample(outDir: string, options: SampleOptions = {}): Promise<WrittenSample> {
  const { workbook, companies, months } = buildSampleWorkbook(options);
  await fs.mkdir(outDir, { recursive: true });
  const workbookPath = path.join(outDir, "smallcap-universe.xlsx");
  const csvPath = path.join(outDir, "universe.csv");
  const buffer = fixZipTimestamps(Buffer.from(await workbook.xlsx.writeBuffer()));
  await saveWorkbookAtomically(workbookPath, async (temp) => fs.writeFile(temp, buffer));
  await saveWorkbookAtomically(csvPath, async (temp) => fs.writeFile(temp, universeCsv(companies), "utf8"));
  return { workbookPath, csvPath, stats: distributionStats(companies, months) };
}

async function main(argv: readonly string[]): Promise<void> {
  let companies = DEFAULT_COMPANIES;
  let seed = DEFAULT_SEED;
  let outDir = path.join(repoRoot(), "samples");
  for (let i = 0; i < argv.length; i++) {
    const value = argv[i + 1];
    if (argv[i] === "--companies" && value !== undefined) companies = Number(value);
    else if (argv[i] === "--seed" && value !== undefined) seed = Number(value);
    else if (argv[i] === "--out-dir" && value !== undefined) outDir = path.resolve(value);
    else throw new Error(`unknown argument ${argv[i]} (use --companies N, --seed S, --out-dir DIR)`);
    i++;
  }
  if (!Number.isInteger(companies) || companies < 1) throw new Error("--companies must be a whole number, 1 or more");
  const written = await writeSample(outDir, { companies, seed });
  process.stdout.write(`Wrote ${path.relative(process.cwd(), written.workbookPath)} and ${path.relative(process.cwd(), written.csvPath)}\n`);
  process.stdout.write(formatStats(written.stats) + "\n");
}

if (require.main === module) {
  process.stdout.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code !== "EPIPE") throw error;
  });
  main(process.argv.slice(2)).catch((error: unknown) => {
    process.stderr.write(`make-sample: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  });
}
