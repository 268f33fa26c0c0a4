/**
 * A deterministic universe of 60 synthetic small caps for the browser preview and the pane's
 * browser test. Every run of the generator gives the same cells (a seeded PRNG, no clock).
 *
 * The numbers are made up but shaped like a real export (money in $m, shares as fractions,
 * some shares typed as percent text, interest expense as a positive number), and a few cells are
 * deliberately bad, as real exports are:
 * - row 7: EBIT typed as text ("n/a"),
 * - rows 12 and 31: blank domestic revenue share,
 * - row 19: `#N/A` (an error cell) in forward P/E,
 * - row 23: a hostile ticker, `<img src=x onerror=alert(1)>`, and a company name that is a formula if
 *   it were ever entered as one (`=HYPERLINK(...)`): both must stay text everywhere.
 */
import { mulberry32 } from "../shared/random";

/** Headers as a data vendor might spell them; the engine recognises each one. */
export const SAMPLE_HEADERS = [
  "Ticker",
  "Company",
  "Sector",
  "Market Cap ($m)",
  "Revenue",
  "EBIT",
  "Interest Expense",
  "Total Debt",
  "Floating Rate %",
  "WAM (yrs)",
  "FCF",
  "Domestic Revenue %",
  "Fwd P/E",
  "Net Income",
] as const;

export const HOSTILE_TICKER = "<img src=x onerror=alert(1)>";
export const FORMULA_NAME = '=HYPERLINK("https://example.invalid","Click")';

/** A cell of the sample made bad on purpose: its data row (0-based), column, value, and why, in words the preview shows. */
export interface PlantedCell {
  readonly row: number;
  readonly column: number;
  readonly value: unknown;
  readonly why: string;
}

/** The deliberately bad cells, as real exports have them; the preview marks each with its reason. */
export const PLANTED_CELLS: readonly PlantedCell[] = Object.freeze([
  { row: 6, column: 5, value: "n/a", why: "Deliberately bad: EBIT typed as text. The screen reads it as unknown and the Reason column says so." },
  { row: 11, column: 11, value: "", why: "Deliberately blank: no domestic revenue share. The criterion that needs it is unknown, with the reason." },
  { row: 30, column: 11, value: "", why: "Deliberately blank: no domestic revenue share. The criterion that needs it is unknown, with the reason." },
  { row: 18, column: 12, value: "#N/A", why: "Deliberately an error cell (#N/A) in forward P/E: the row's reason explains the blank P/E." },
  { row: 22, column: 0, value: HOSTILE_TICKER, why: "Deliberately hostile: markup as a ticker. It stays plain text everywhere." },
  { row: 22, column: 1, value: FORMULA_NAME, why: "Deliberately hostile: a name that would be a formula. It is never entered as one." },
]);

const SECTORS = ["Industrials", "Consumer", "Technology", "Health Care", "Materials", "Energy", "Financials", "Utilities"];
const FIRST = ["Alder", "Birch", "Cedar", "Delta", "Ember", "Fulton", "Granite", "Harbor", "Ironwood", "Juniper", "Keystone", "Lakeview", "Meridian", "Northgate", "Oakridge"];
const SECOND = ["Industries", "Holdings", "Logistics", "Foods", "Energy", "Systems", "Bancorp", "Materials", "Health", "Software"];


function round(value: number, decimals: number): number {
  const f = 10 ** decimals;
  return Math.round(value * f) / f;
}

/** The sample's rows (header excluded), in sheet order. */
export function sampleRows(count = 60, seed = 20240611): unknown[][] {
  const random = mulberry32(seed);
  const between = (lo: number, hi: number) => lo + (hi - lo) * random();
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)];
  const usedTickers = new Set<string>();
  const rows: unknown[][] = [];

  for (let i = 1; i <= count; i++) {
    let ticker = "";
    do {
      ticker = Array.from({ length: 3 + Math.floor(random() * 2) }, () => String.fromCharCode(65 + Math.floor(random() * 26))).join("");
    } while (usedTickers.has(ticker));
    usedTickers.add(ticker);

    const company = `${FIRST[(i * 7) % FIRST.length]} ${SECOND[(i * 3 + Math.floor(i / 5)) % SECOND.length]} Inc.`;
    const sector = pick(SECTORS);
    const revenue = round(between(120, 2400), 1);
    // A weak tail: about one company in six loses money at the operating line.
    const margin = random() < 0.16 ? between(-0.08, -0.005) : between(0.03, 0.22);
    const ebit = round(revenue * margin, 1);
    const debt = random() < 0.12 ? 0 : round(revenue * between(0.1, 0.9), 1);
    const rate = between(0.035, 0.085);
    const interest = round(debt * rate, 2);
    const floating = random() < 0.55 ? round(between(0, 0.25), 2) : round(between(0.26, 0.9), 2);
    const wam = round(random() < 0.7 ? between(3, 8.5) : between(0.6, 2.9), 1);
    const fcf = round(ebit * between(0.3, 0.9) - between(-5, 25), 1);
    const domestic = round(random() < 0.65 ? between(0.8, 1) : between(0.35, 0.79), 2);
    const netIncome = round((ebit - interest) * 0.76, 1);
    const pe = netIncome > 0 ? round(between(7, 32), 1) : "";
    const marketCap = round(between(180, 2900), 0);

    rows.push([
      ticker,
      company,
      sector,
      marketCap,
      revenue,
      ebit,
      // One sign for the whole column, as a vendor's export has it: a column of both signs is
      // read as net interest, the minority sign as income (docs/SCREENER.md).
      interest,
      debt,
      // Every fifth floating share is typed as percent text, as pasted from a PDF.
      i % 5 === 0 ? `${Math.round(floating * 100)}%` : floating,
      wam,
      fcf,
      domestic,
      pe,
      netIncome,
    ]);
  }

  // The bad cells (where the sample is long enough to hold them).
  for (const cell of PLANTED_CELLS) if (cell.row < rows.length) rows[cell.row][cell.column] = cell.value;
  return rows;
}

/** The header row and the rows, as a sheet holds them from A1. */
export function sampleSheet(): unknown[][] {
  return [[...SAMPLE_HEADERS], ...sampleRows()];
}
