/**
 * Excel's limits as the fake enforces them with its own measurement (UTF-8 bytes of the JSON it
 * serialises, not the adapter's model), at the edges, with CJK and emoji text; and tables with
 * a totals row.
 *
 * Limits (https://learn.microsoft.com/office/dev/add-ins/concepts/resource-limits-and-performance-optimization#excel-add-ins):
 * Excel on the web refuses a request or a response over 5 MB; a range read is limited to
 * 5,000,000 cells.
 */
import { presetConfig } from "../../src/core/screen";
import { ExcelWorkbook } from "../../src/excel/excel-workbook";
import { jsonBytes, utf8Bytes } from "../../src/excel/payload";
import { SAMPLE_HEADERS, sampleRows } from "../../src/preview/sample-data";
import { columnLetters } from "../../src/workbook/a1";
import { runToSheet } from "../../src/workbook/screens";
import { FakeExcel, PAYLOAD_LIMIT, READ_CELL_LIMIT, type FakeSheet } from "./fake-excel";
import { cells, universe } from "./workbooks";

const CJK = "株式会社"; // 4 characters, 4 UTF-16 units, 12 UTF-8 bytes
const EMOJI = "📈"; // 1 character, 2 UTF-16 units, 4 UTF-8 bytes

describe("the fake measures payloads in UTF-8 bytes itself", () => {
  test("a values write of CJK and emoji text is counted in bytes, not UTF-16 units", async () => {
    const fake = universe(sampleRows(2));
    await fake.run(async (context) => {
      const notes = context.workbook.worksheets.getItem("Notes");
      notes.getRange("A1").values = [[CJK]];
      notes.getRange("A2").values = [[EMOJI]];
      await context.sync();
    });
    // [["株式会社"]]: 6 ASCII bytes + 4 x 3 = 18 (its .length is 10); [["📈"]]: 6 + 4 = 10 (its .length is 8).
    expect(fake.valueWrites).toEqual([18, 10]);
    expect(JSON.stringify([[CJK]]).length).toBe(10);
  });

  test("the adapter's own count agrees, by hand: ASCII 1, é 2, CJK 3, emoji 4 bytes", () => {
    expect(utf8Bytes("abc")).toBe(3);
    expect(utf8Bytes("é")).toBe(2);
    expect(utf8Bytes(CJK)).toBe(12);
    expect(utf8Bytes(EMOJI)).toBe(4);
    expect(utf8Bytes(`${EMOJI}${CJK}a`)).toBe(17);
    expect(jsonBytes([[CJK]])).toBe(18);
    expect(jsonBytes([[EMOJI]])).toBe(10);
  });

  /** Request bytes of one sync writing `rows` (one column) to Notes, on a platform without the limit. */
  async function requestBytes(rows: string[]): Promise<number> {
    const fake = universe([], undefined, { platform: "desktop" });
    await writeColumn(fake, rows);
    return fake.syncs[0].bytes;
  }

  function writeColumn(fake: FakeExcel, rows: string[]): Promise<void> {
    return fake.run(async (context) => {
      context.workbook.worksheets.getItem("Notes").getRange(`A1:A${rows.length}`).values = rows.map((r) => [r]);
      await context.sync();
    });
  }

  for (const [label, text, bytesPerChar] of [["CJK", "株", 3], ["emoji", EMOJI, 4]] as const) {
    test(`a request of exactly 5,000,000 bytes of ${label} text passes on the web; one byte more is refused`, async () => {
      // 150 cells of 10,000 characters: 4.5 MB (CJK) or 6 MB (emoji) of text: trim to near the limit.
      const perCell = label === "CJK" ? 10_000 : 8_000;
      const rows = Array.from({ length: 150 }, () => text.repeat(perCell));
      const base = await requestBytes(rows);
      // Each character removed from the last cell takes `bytesPerChar` bytes off; ASCII padding adds 1.
      const over = base - PAYLOAD_LIMIT;
      const cut = Math.max(0, Math.ceil(over / bytesPerChar));
      rows[rows.length - 1] = text.repeat(perCell - cut);
      const trimmed = await requestBytes(rows);
      rows[rows.length - 1] += "x".repeat(PAYLOAD_LIMIT - trimmed);
      expect(await requestBytes(rows)).toBe(PAYLOAD_LIMIT);
      // Counted in UTF-16 units the same request looks little over half as large: a model that
      // counted so would send requests Excel refuses.
      expect(JSON.stringify(rows).length).toBeLessThan(PAYLOAD_LIMIT * 0.6);

      const atLimit = universe([]);
      await expect(writeColumn(atLimit, rows)).resolves.toBeUndefined();
      expect(atLimit.sheet("Notes")?.get(150, 0)).toBe(rows[149]);

      rows[rows.length - 1] += "x";
      const over1 = universe([]);
      await expect(writeColumn(over1, rows)).rejects.toMatchObject({ code: "RequestPayloadSizeLimitExceeded" });
      // A refused request runs nothing.
      expect(over1.sheet("Notes")?.get(1, 0)).toBe("Analyst notes");
      expect(over1.valueWrites).toEqual([]);
    });
  }

  test("a response of exactly 5,000,000 bytes of emoji text passes on the web; one byte more is refused", async () => {
    const text = EMOJI.repeat(8_000);
    const build = (pad: number, platform: "web" | "desktop") => {
      const fake = new FakeExcel({ platform });
      const sheet = fake.addSheet("Data");
      for (let r = 1; r <= 156; r++) sheet.set(r, 0, text, false);
      sheet.set(156, 0, text + "x".repeat(pad), false);
      return fake;
    };
    const read = (fake: FakeExcel) =>
      fake.run(async (context) => {
        const range = context.workbook.worksheets.getItem("Data").getRange("A1:A156").load("values");
        await context.sync();
        return range.values;
      });
    const probe = build(0, "desktop");
    await read(probe);
    const pad = PAYLOAD_LIMIT - probe.syncs[0].response;
    expect(pad).toBeGreaterThanOrEqual(0);
    const exact = build(pad, "web");
    const values = await read(exact);
    expect(exact.syncs[0].response).toBe(PAYLOAD_LIMIT);
    expect(values[155][0]).toBe(text + "x".repeat(pad));
    await expect(read(build(pad + 1, "web"))).rejects.toMatchObject({ code: "ResponsePayloadSizeLimitExceeded" });
  });

  test("a read of 5,000,000 cells is allowed; 5,000,001 cells (35,461 x 141) is refused with RangeExceedsLimit", async () => {
    expect(35_461 * 141).toBe(READ_CELL_LIMIT + 1);
    const fake = new FakeExcel({ platform: "desktop" });
    fake.addSheet("Empty");
    const read = (address: string) =>
      fake.run(async (context) => {
        const range = context.workbook.worksheets.getItem("Empty").getRange(address).load("values");
        await context.sync();
        return range.values.length;
      });
    await expect(read(`A1:${columnLetters(2_500)}2000`)).resolves.toBe(2_000); // 2,000 x 2,500
    await expect(read(`A1:${columnLetters(141)}35461`)).rejects.toMatchObject({ code: "RangeExceedsLimit" });
    // Only values count: the size of the same range loads fine.
    const size = await fake.run(async (context) => {
      const range = context.workbook.worksheets.getItem("Empty").getRange(`A1:${columnLetters(141)}35461`).load("cellCount");
      await context.sync();
      return range.cellCount;
    });
    expect(size).toBe(READ_CELL_LIMIT + 1);
  });
});

describe("the adapter stays under the limits with CJK and emoji text", () => {
  test("30,000 companies with 60-character CJK names and emoji: every request and response under 5 MB as the fake counts", async () => {
    const n = 30_000;
    const rows = sampleRows(n, 11).map((row, i) => {
      const copy = [...row];
      copy[1] = `${i} ${EMOJI}${"東京証券取引所上場企業".repeat(6)}`.slice(0, 60);
      return copy;
    });
    const fake = universe(rows);
    const source = cells(fake.sheet("Universe"));
    const outcome = await runToSheet(new ExcelWorkbook(fake.run), {
      source: { sheet: "Universe", table: "Universe" },
      mapping: null,
      config: presetConfig("quality"),
      output: "SMALLCAP Results",
    });
    if (!outcome.ok) throw new Error(outcome.message);
    expect(outcome.report.rowsWritten).toBe(n);
    const sheet = fake.sheet("SMALLCAP Results") as FakeSheet;
    const names = new Set(sheet.read({ top: 2, left: 2, rows: n, columns: 1 }).map(([name]) => name));
    expect(names.has(rows[0][1])).toBe(true);
    expect(names.size).toBe(n);
    // The source alone is over 5 MB in UTF-8, yet every sync stays under the adapter's 4 MB aim.
    expect(jsonBytes(rows)).toBeGreaterThan(PAYLOAD_LIMIT);
    for (const sync of fake.syncs) {
      expect(sync.bytes).toBeLessThan(4_000_000);
      expect(sync.response).toBeLessThan(4_000_000);
    }
    expect(cells(fake.sheet("Universe"))).toBe(source);
  });
});

describe("a wide source", () => {
  test("3,000 rows x 100 columns of text (the header and 2,000 rows pass 5 MB): read whole after one refused sync", async () => {
    const rows = 3_000;
    const columns = 100;
    const fake = new FakeExcel();
    const sheet = fake.addSheet("Wide");
    for (let c = 0; c < columns; c++) sheet.set(1, c, `Column ${c}`, false);
    for (let r = 2; r <= rows + 1; r++) for (let c = 0; c < columns; c++) sheet.set(r, c, `r${r}c${c} ${"x".repeat(24)}`, false);
    const source = cells(sheet);
    // The first block alone: 2,001 rows of about 3,400 bytes each, 6.8 MB.
    expect(jsonBytes(sheet.read({ top: 1, left: 0, rows: 2_001, columns }))).toBeGreaterThan(PAYLOAD_LIMIT);
    const data = await new ExcelWorkbook(fake.run).readSource({ sheet: "Wide", address: "A:CV" });
    expect(data.headers).toHaveLength(columns);
    expect(data.rows).toHaveLength(rows);
    expect(data.rows[rows - 1][columns - 1]).toBe(`r${rows + 1}c${columns - 1} ${"x".repeat(24)}`);
    // The refused first sync, then the retry's first sync and the blocks, each under Excel's
    // 5 MB (planned at 4 MB from one measured row; later rows' longer row numbers push a block a
    // little past the plan, which is what the 1 MB margin is for).
    expect(fake.syncs[0].response).toBeGreaterThan(PAYLOAD_LIMIT);
    for (const sync of fake.syncs.slice(1)) expect(sync.response).toBeLessThan(4_500_000);
    expect(fake.syncs.length).toBeLessThanOrEqual(2 + Math.ceil(jsonBytes(sheet.read({ top: 1, left: 0, rows: rows + 1, columns })) / 4_000_000));
    expect(cells(sheet)).toBe(source);
  });

  test("with onRows, nothing is handed on twice: the retry happens only when the first sync returned nothing", async () => {
    const fake = new FakeExcel();
    const sheet = fake.addSheet("Wide");
    for (let r = 1; r <= 2_101; r++) for (let c = 0; c < 100; c++) sheet.set(r, c, `r${r}c${c} ${"x".repeat(24)}`, false);
    const seen: unknown[] = [];
    await new ExcelWorkbook(fake.run).readSource({ sheet: "Wide", address: "A1:CV2101" }, { onRows: (block) => seen.push(...block.map((row) => row[0])) });
    expect(seen).toHaveLength(2_101);
    expect(new Set(seen).size).toBe(2_101);
  });
});

describe("tables with a totals row", () => {
  const n = 20;
  const totals = ["Total", "", "", 12_345, 67_890, 4_321, 210, 9_999, "", "", 1_234, "", "", ""];

  function withTotals(show: boolean): FakeExcel {
    const rows = sampleRows(n, 3);
    const fake = new FakeExcel();
    fake.addSheet("Universe", [[...SAMPLE_HEADERS], ...rows, ...(show ? [totals] : [])]);
    fake.addTable("Universe", "Universe", `A1:${columnLetters(SAMPLE_HEADERS.length)}${n + 1 + (show ? 1 : 0)}`, { showTotals: show });
    return fake;
  }

  test("the fake's table parts: getRange is header, body and totals; the others are the parts", async () => {
    const fake = withTotals(true);
    const addresses = await fake.run(async (context) => {
      const table = context.workbook.tables.getItem("Universe");
      const parts = [table.getRange(), table.getHeaderRowRange(), table.getDataBodyRange(), table.getTotalRowRange()].map((r) => r.load("address"));
      await context.sync();
      return parts.map((r) => r.address);
    });
    expect(addresses).toEqual(["Universe!A1:N22", "Universe!A1:N1", "Universe!A2:N21", "Universe!A22:N22"]);
    await expect(
      withTotals(false).run(async (context) => {
        context.workbook.tables.getItem("Universe").getTotalRowRange().load("address");
        await context.sync();
      }),
    ).rejects.toMatchObject({ code: "ItemNotFound" });
  });

  test("with totals on and off the adapter reads the same header and companies; the totals row is never a company", async () => {
    const reads = [];
    for (const show of [true, false]) {
      const fake = withTotals(show);
      const workbook = new ExcelWorkbook(fake.run);
      const data = await workbook.readSource({ sheet: "Universe", table: "Universe" });
      expect(data.headers).toEqual([...SAMPLE_HEADERS]);
      expect(data.rows).toHaveLength(n);
      expect(data.rows.some((row) => row[0] === "Total")).toBe(false);
      expect(await workbook.listTables()).toEqual([{ name: "Universe", sheet: "Universe", address: `A1:N${n + 1}`, rows: n, columns: 14 }]);
      const header = await workbook.readSource({ sheet: "Universe", table: "Universe" }, { headerOnly: true });
      expect(header.rowCount).toBe(n);
      const outcome = await runToSheet(workbook, { source: { sheet: "Universe", table: "Universe" }, mapping: null, config: presetConfig("quality"), output: "SMALLCAP Results" });
      if (!outcome.ok) throw new Error(outcome.message);
      expect(outcome.report.rowsWritten).toBe(n);
      const tickers = (fake.sheet("SMALLCAP Results") as FakeSheet).read({ top: 2, left: 1, rows: n + 1, columns: 1 }).map(([t]) => t);
      expect(tickers).not.toContain("Total");
      expect(tickers[n]).toBe("");
      reads.push({ rows: data.rows, summary: outcome.result.summary });
    }
    expect(reads[0]).toEqual(reads[1]);
  });
});
