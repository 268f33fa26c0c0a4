/**
 * Parity: for the sample workbook, every metric the CLI reports (ICR, shocked ICR, zombie)
 * equals what the custom functions' implementations return for the same cells, and what the
 * workbook's own SMALLCAP formulas hold after a refresh.
 *
 * The screen reports an unknown or infinite value (zero interest: nothing to cover) as null;
 * the function gives an Excel error for the same cells (`#DIV/0!`, `#N/A`). Null <=> error.
 */
import * as path from "path";
import ExcelJS from "exceljs";
import { runCli } from "../../src/cli/cli";
import { screenJsonSchema, ScreenJson } from "../../src/cli/json-schema";
import { readCell, toStoredValue } from "../../src/cli/cell-values";
import { CoreError } from "../../src/core/errors";
import type { Cell } from "../../src/core/grid";
import { SMALLCAP_FUNCTIONS } from "../../src/functions/definitions";
import { UNIVERSE_HEADER_ROW, writeSample } from "../../scripts/make-sample";
import { readWorkbook, tempDir } from "./helpers";

const tmp = tempDir("smallcap-parity-");
let file: string;
let universe: ExcelJS.Worksheet;

async function cliJson(args: string[]): Promise<ScreenJson> {
  let out = "";
  let err = "";
  const code = await runCli(["screen", file, "--json", ...args], {
    stdout: { write: (text: string) => (out += text) },
    stderr: { write: (text: string) => (err += text) },
  });
  expect({ code, err }).toEqual({ code: 0, err: "" });
  return screenJsonSchema.parse(JSON.parse(out));
}

beforeAll(async () => {
  const written = await writeSample(tmp.dir);
  file = written.workbookPath;
  universe = (await readWorkbook(file)).getWorksheet("Universe") as ExcelJS.Worksheet;
}, 60_000);

afterAll(() => tmp.cleanup());

/** The cells of a data row, by column letter. */
function cells(sheetRow: number, columns: string): unknown[] {
  return columns.split(",").map((c) => readCell(universe.getCell(`${c}${sheetRow}`)));
}

/** A function's single result as the CLI would print it: a number or boolean, or null for an error. */
function asReported(cell: Cell): number | boolean | string | null {
  return cell instanceof CoreError ? null : cell;
}

function check(json: ScreenJson, shockBps: number): void {
  expect(json.rows).toHaveLength(600);
  let errors = 0;
  for (const row of json.rows) {
    const r = row.sheetRow;
    expect(r).toBe(UNIVERSE_HEADER_ROW + row.row);
    expect(readCell(universe.getCell(`A${r}`))).toBe(row.ticker);
    const [ebit, interest, debt, floating] = cells(r, "J,M,G,N");
    const icr = SMALLCAP_FUNCTIONS.ICR(ebit, interest)[0][0];
    const shocked = SMALLCAP_FUNCTIONS.SHOCKICR(ebit, interest, debt, floating, shockBps)[0][0];
    const zombie = SMALLCAP_FUNCTIONS.ZOMBIE([cells(r, "H,I,J")], [cells(r, "K,L,M")])[0][0];
    if (icr instanceof CoreError) errors++;
    expect({ ticker: row.ticker, icr: row.icr, shockedIcr: row.shockedIcr, zombie: row.zombie }).toEqual({
      ticker: row.ticker,
      icr: asReported(icr),
      shockedIcr: asReported(shocked),
      zombie: asReported(zombie),
    });
  }
  // The null <=> error cases are exercised: companies without debt have no interest to cover.
  expect(errors).toBeGreaterThan(0);
}

test("the quality screen's ICR, +200 bp shocked ICR and zombie flag equal SMALLCAP.ICR, SHOCKICR and ZOMBIE on the same cells", async () => {
  check(await cliJson([]), 200);
});

test("with --set shockBps=300 the shocked ICR equals SMALLCAP.SHOCKICR(..., 300)", async () => {
  check(await cliJson(["--set", "shockBps=300"]), 300);
});

test("the workbook's refreshed formula columns hold the same values the CLI reports", async () => {
  const json = await cliJson([]);
  for (const row of json.rows) {
    const r = row.sheetRow;
    const cached = (column: string): unknown => universe.getCell(`${column}${r}`).model.result;
    const [ebit, interest, debt, floating] = cells(r, "J,M,G,N");
    expect(cached("W")).toEqual(toStoredValue(SMALLCAP_FUNCTIONS.ICR(ebit, interest)[0][0]));
    expect(cached("X")).toEqual(toStoredValue(SMALLCAP_FUNCTIONS.SHOCKICR(ebit, interest, debt, floating, 200)[0][0]));
    const icr = cached("W");
    expect(typeof icr === "number" ? icr : null).toBe(row.icr);
    const zombie = cached("Y");
    expect(typeof zombie === "boolean" ? zombie : null).toBe(row.zombie);
  }
  expect(path.basename(file)).toBe("smallcap-universe.xlsx");
});
