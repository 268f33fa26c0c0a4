/**
 * Randomised small workbooks for the CLI's "nothing lost" and idempotence tests: SMALLCAP
 * formulas (single-cell, nested, spilled, in Excel's saved `_xldudf_` spelling, reading another
 * sheet) mixed with plain values of every exceljs kind (numbers, text that looks like a formula,
 * booleans, dates, rich text, hyperlinks, error cells) and other formulas (SUM, IF, arithmetic,
 * a shared formula, an array formula, text that only mentions SMALLCAP), a second sheet, a
 * defined name, a merged range, and sometimes a saved screen.
 */
import fc from "fast-check";
import ExcelJS from "exceljs";
import { presetConfig } from "../../../src/core/screen";

export const HOSTILE_TEXT = [
  "=1+1",
  "+1+1",
  "-2+3",
  "@SUM(A1:A2)",
  "=cmd|'/c calc'!A1",
  '=HYPERLINK("https://example.invalid","Click")',
  "<script>alert(1)</script>",
  "<img src=x onerror=alert(1)>",
  "javascript:alert(1)",
] as const;

/** Text an .xlsx can hold: XML 1.0 has no control characters (Excel escapes them as _x0001_) and no lone surrogates. */
function storableInXml(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) || (c >= 0xd800 && c <= 0xdfff) || c === 0xfffe || c === 0xffff) return false;
  }
  return true;
}

const plainValue: fc.Arbitrary<ExcelJS.CellValue> = fc.oneof(
  fc.double({ min: -1e9, max: 1e9, noNaN: true }),
  fc.integer({ min: -1000, max: 1000 }),
  fc.constantFrom<ExcelJS.CellValue>(
    ...HOSTILE_TEXT,
    "plain text",
    "(250)",
    "1,234.5",
    "12%",
    "   ",
    true,
    false,
    new Date(Date.UTC(2024, 5, 30)),
    { richText: [{ text: "rich " }, { text: "text", font: { bold: true } }] },
    { text: "a link", hyperlink: "https://example.invalid/" },
    { error: "#N/A" },
    { error: "#REF!" },
    { error: "#DIV/0!" },
  ),
  fc.string({ maxLength: 30 }).filter((s) => s.trim() !== "" && !/^[=+\-@]/.test(s) && storableInXml(s)),
);

const numberish: fc.Arbitrary<ExcelJS.CellValue> = fc.oneof(
  { weight: 8, arbitrary: fc.integer({ min: -200, max: 500 }) },
  { weight: 4, arbitrary: fc.double({ min: -1000, max: 1000, noNaN: true }) },
  { weight: 2, arbitrary: fc.constantFrom<ExcelJS.CellValue>(null, "(250)", "1,234.5", "n/a", { error: "#N/A" }, 0, true) },
);

export interface BookPlan {
  readonly sheetName: string;
  readonly companies: number;
  readonly tickers: ExcelJS.CellValue[];
  readonly numbers: ExcelJS.CellValue[][];
  readonly extras: ExcelJS.CellValue[][];
  readonly spillBlocker: number | null;
  readonly withSaved: boolean;
  readonly notes: ExcelJS.CellValue[];
}

export const bookPlan: fc.Arbitrary<BookPlan> = fc
  .integer({ min: 2, max: 8 })
  .chain((companies) =>
    fc.record({
      sheetName: fc.constantFrom("Data", "My Sheet", "Données", "Q1 '24", "Universe"),
      companies: fc.constant(companies),
      tickers: fc.array(fc.oneof(fc.constantFrom<ExcelJS.CellValue>(...HOSTILE_TEXT), fc.stringMatching(/^[A-Z]{2,5}$/)), {
        minLength: companies,
        maxLength: companies,
      }),
      numbers: fc.array(fc.array(numberish, { minLength: 4, maxLength: 4 }), { minLength: companies, maxLength: companies }),
      extras: fc.array(fc.array(plainValue, { minLength: 2, maxLength: 2 }), { minLength: companies, maxLength: companies }),
      spillBlocker: fc.option(fc.integer({ min: 1, max: companies - 1 }), { freq: 3 }),
      withSaved: fc.boolean(),
      notes: fc.array(plainValue, { minLength: 1, maxLength: 6 }),
    }),
  );

export interface BuiltBook {
  readonly book: ExcelJS.Workbook;
  /** `Sheet!A1` of every cell holding a SMALLCAP formula (their values are the refresh's to change). */
  readonly smallcapCells: Set<string>;
}

const SAVED_AT = "2024-06-11T10:00:00.000Z";

/** Builds the workbook a plan describes. */
export function buildBook(plan: BookPlan): BuiltBook {
  const book = new ExcelJS.Workbook();
  const smallcap = new Set<string>();
  const data = book.addWorksheet(plan.sheetName);
  const notes = book.addWorksheet("Notes");
  const q = `'${plan.sheetName.replace(/'/g, "''")}'`;
  const put = (sheet: ExcelJS.Worksheet, address: string, value: ExcelJS.CellValue, isSmallcap = false): void => {
    sheet.getCell(address).value = value;
    if (isSmallcap) smallcap.add(`${sheet.name}!${address}`);
  };
  data.getRow(1).values = ["Ticker", "EBIT", "Interest Expense", "Total Debt", "Floating Rate %", "Memo", "Other", "ICR", "Shocked ICR", "Rating", "Check"];
  const n = plan.companies;
  for (let i = 0; i < n; i++) {
    const r = i + 2;
    put(data, `A${r}`, plan.tickers[i]);
    plan.numbers[i].forEach((v, c) => put(data, `${"BCDE"[c]}${r}`, c === 3 && typeof v === "number" ? Math.abs(v) / 1000 : v));
    put(data, `F${r}`, plan.extras[i][0]);
    put(data, `G${r}`, plan.extras[i][1]);
    put(data, `H${r}`, { formula: `SMALLCAP.ICR(B${r},C${r})`, result: 999 } as ExcelJS.CellValue, true);
    put(data, `I${r}`, { formula: `SMALLCAP.SHOCKICR(B${r},C${r},D${r},E${r},200)`, result: 999 } as ExcelJS.CellValue, true);
    put(data, `J${r}`, { formula: `_xldudf_SMALLCAP_RATING(B${r},C${r})`, result: "stale" } as ExcelJS.CellValue, true);
    // Not SMALLCAP formulas: they keep their text and cached results.
    put(data, `K${r}`, { formula: `IF(B${r}>0,"profit","loss")`, result: "profit" } as ExcelJS.CellValue);
  }
  const last = n + 1;
  // A spilled SMALLCAP formula, sometimes blocked by a value that must survive.
  put(data, "M2", { formula: `SMALLCAP.ICR(B2:B${last},C2:C${last})`, result: 999 } as ExcelJS.CellValue, true);
  if (plan.spillBlocker !== null) put(data, `M${2 + plan.spillBlocker}`, "in the way");
  put(data, "N1", { formula: `SUM(B2:B${last})`, result: 123 } as ExcelJS.CellValue);
  put(data, "N2", { formula: "SMALLCAP.REVERSION(SMALLCAP.RELPE(20,25))", result: 0 } as ExcelJS.CellValue, true);
  put(data, "N3", { formula: 'CONCATENATE("SMALLCAP.ICR(",B2,")")', result: "SMALLCAP.ICR(1)" } as ExcelJS.CellValue);
  put(data, "N4", { formula: "B2*2", result: 7 } as ExcelJS.CellValue);
  data.fillFormula(`O2:O${last}`, "C2+1", Array.from({ length: n }, (_, i) => i));
  put(data, "P1", { formula: "TRANSPOSE(B2:B3)", result: 1, shareType: "array", ref: "P1:Q1" } as unknown as ExcelJS.CellValue);
  put(data, "Q1", 2);
  data.mergeCells("R1:S1");
  put(data, "R1", "merged title");

  notes.getCell("A1").value = "Notes";
  plan.notes.forEach((v, i) => put(notes, `A${i + 2}`, v));
  put(notes, "B1", { formula: `SMALLCAP.ICR(${q}!B2,${q}!C2)`, result: 999 } as ExcelJS.CellValue, true);
  put(notes, "B2", { formula: `${q}!B2+1`, result: 5 } as ExcelJS.CellValue);
  book.definedNames.add(`${q}!$B$2:$B$${last}`, "EbitRange");

  if (plan.withSaved) {
    const store = book.addWorksheet("_smallcap", { state: "veryHidden" });
    store.getCell("A1").value = JSON.stringify([
      {
        version: 1,
        id: "s1",
        name: "Quality",
        source: { sheet: plan.sheetName },
        mapping: null,
        config: presetConfig("quality"),
        output: { sheet: "SMALLCAP Results" },
        savedAt: SAVED_AT,
      },
    ]);
  }
  return { book, smallcapCells: smallcap };
}
