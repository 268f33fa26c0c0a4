/**
 * Hostile cell text in the pane, in Chromium (the browser preview: the real pane over the
 * in-memory workbook, built from webpack.preview.js). A sheet of companies whose tickers, names
 * and sectors are markup, script URLs, formula injections and a 100 KB string is added through
 * the preview's `window.smallcapPreview` workbook, selected, and screened. Then:
 *
 * - no dialog opened (alert), no element with an on* attribute, no <img>, no javascript: link,
 *   no script but the page's own exists in the document;
 * - nothing was requested for the payloads (`<img src=x>` would fetch /x) and no request left
 *   the page's origin (item 6 for this flow; test/pane/pane.test.ts checks the sample flow);
 * - every payload shows verbatim as text in the results sheet and in the pane's top names;
 * - the 100 KB string is clipped to Excel's 32,767-character cell limit in the results sheet;
 * - no text was entered where Excel would have read it as a formula.
 *
 * Without Chromium: fails with the install command, or a named skip under SMALLCAP_SKIP_BROWSER=1.
 */
import { mkdtempSync, rmSync } from "fs";
import type { Server } from "http";
import { tmpdir } from "os";
import * as path from "path";
import type { BrowserContext, Page } from "playwright-core";
import { SAMPLE_HEADERS } from "../../src/preview/sample-data";
import { Recorder, describeInBrowser, launch, serve, waitFor, webpackBuild } from "./support/browser";
import { report } from "../helpers/report";

const PAYLOADS = [
  "<script>alert(1)</script>",
  "<img src=x onerror=alert(1)>",
  "javascript:alert(1)",
  "=cmd|'/c calc'!A1",
  '"><svg onload=alert(2)>',
  "<a href=javascript:alert(3)>click</a>",
  "+1+1",
  "@SUM(A1)",
] as const;
const BIG = "B".repeat(100_000);
const EXCEL_CELL_LIMIT = 32_767;


describeInBrowser("hostile cell text in the pane (Chromium, preview host)", () => {
  let work: string;
  let server: Server;
  let origin: string;
  let context: BrowserContext;
  let page: Page;
  let record: Recorder;
  const served: string[] = [];

  beforeAll(async () => {
    work = mkdtempSync(path.join(tmpdir(), "smallcap-hardening-pane-"));
    const site = path.join(work, "site");
    await webpackBuild(["--config", "webpack.preview.js", "--mode", "production", "--env", `outputPath=${site}`]);
    ({ server, origin } = await serve(site, served));
    ({ context, page, record } = await launch(path.join(work, "profile")));
    await page.goto(`${origin}/`);
    await page.waitForSelector('#source-table option[value="Universe"]', { state: "attached" });
  }, 180_000);

  afterAll(async () => {
    await context?.close();
    if (server !== undefined) await new Promise((resolve) => server.close(resolve));
    if (work !== undefined) rmSync(work, { recursive: true, force: true });
  });

  test("payloads in tickers, names and sectors are screened and shown as text, and nothing fires", async () => {
    // Every row passes the quality screen, so every ticker reaches the top names.
    const passing = (i: number): unknown[] => [1000 + i, 500, 100, 10, 200, 0.1, 5, 50, 0.9, 10 + i, 60];
    const rows: unknown[][] = PAYLOADS.map((payload, i) => [payload, `${payload} Holdings`, payload, ...passing(i)]);
    rows.push([BIG, BIG, "Industrials", ...passing(PAYLOADS.length)]);
    const sheet = [[...SAMPLE_HEADERS], ...rows];
    const address = `A1:N${sheet.length}`;
    await page.evaluate(
      ({ cells, address }) => {
        const preview = (window as unknown as {
          smallcapPreview: { addSheet(name: string, rows: unknown[][]): unknown; activate(name: string): void; select(sheet: string, address: string): void };
        }).smallcapPreview;
        preview.addSheet("Hostile", cells);
        preview.activate("Hostile");
        preview.select("Hostile", address);
      },
      { cells: sheet, address },
    );
    await page.locator("#use-selection").click();
    await waitFor("the mapping of the Hostile sheet", async () => /14 of 14 columns recognised/.test(await page.locator("#mapping-summary").innerText()));
    await page.fill("#output", "SMALLCAP Results Hostile");
    await page.locator("#run").click();
    await waitFor("the run", async () => /rows pass/.test(await page.locator("#status").innerText()));
    const status = await page.locator("#status").innerText();

    const dom = await page.evaluate(() => {
      const all = [...document.querySelectorAll("*")];
      return {
        handlers: all.filter((e) => [...e.attributes].some((a) => a.name.toLowerCase().startsWith("on"))).map((e) => e.outerHTML.slice(0, 80)),
        images: document.querySelectorAll("img").length,
        scripts: [...document.scripts].map((s) => s.src || `inline: ${s.text.slice(0, 40)}`),
        scriptLinks: [...document.querySelectorAll("a[href]")].filter((a) => /^\s*javascript:/i.test(a.getAttribute("href") ?? "")).length,
        sheetCells: [...document.querySelectorAll("#sheet-view td")].map((td) => (td as HTMLElement).innerText),
        topNames: (document.querySelector("#top-names") as HTMLElement | null)?.innerText ?? "",
      };
    });
    const memory = await page.evaluate(() => {
      const preview = (window as unknown as {
        smallcapPreview: { formulaCells: string[]; sheet(name: string): { cells: Map<number, Map<number, unknown>> } | undefined };
      }).smallcapPreview;
      const results = preview.sheet("SMALLCAP Results Hostile");
      const texts: string[] = [];
      results?.cells.forEach((row) => row.forEach((v) => typeof v === "string" && texts.push(v)));
      return { formulaCells: preview.formulaCells, longest: Math.max(0, ...texts.map((t) => t.length)), bigShown: texts.some((t) => t.startsWith("BBBBBBBB")), texts };
    });

    const shownInSheet = PAYLOADS.filter((p) => dom.sheetCells.includes(p));
    const inResults = PAYLOADS.filter((p) => memory.texts.includes(p));
    const foreign = record.requests.filter((url) => new URL(url).origin !== origin);
    const payloadFetches = served.filter((p) => /^\/(x|y|javascript)/.test(p));
    report(
      `hostile text (pane in Chromium): ${PAYLOADS.length} payloads + a 100 KB string in ${rows.length} rows; run: "${status.split("\n")[0]}"; ` +
        `${record.dialogs.length} dialogs, ${dom.handlers.length} on* attributes, ${dom.images} <img>, ${dom.scriptLinks} javascript: links, ` +
        `${dom.scripts.length} scripts (${dom.scripts.map((s) => s.replace(origin, "")).join(", ")}); ${shownInSheet.length} of ${PAYLOADS.length} payloads shown verbatim in the results view, ${PAYLOADS.filter((p) => dom.topNames.includes(p)).length} in the top names; ` +
        `longest results cell ${memory.longest} characters; ${memory.formulaCells.length} formula cells; ${record.requests.length} requests, ${foreign.length} off-origin, ${payloadFetches.length} for payload URLs; ${record.errors.length} page errors`,
    );
    expect(record.dialogs).toEqual([]);
    expect(dom.handlers).toEqual([]);
    expect(dom.images).toBe(0);
    expect(dom.scriptLinks).toBe(0);
    expect(dom.scripts).toEqual([`${origin}/preview.js`]);
    expect(inResults).toEqual([...PAYLOADS]);
    expect(shownInSheet).toEqual([...PAYLOADS]);
    expect(PAYLOADS.filter((p) => !dom.topNames.includes(p))).toEqual([]);
    expect(memory.bigShown).toBe(true);
    expect(memory.longest).toBeLessThanOrEqual(EXCEL_CELL_LIMIT);
    expect(memory.formulaCells).toEqual([]);
    expect(foreign).toEqual([]);
    expect(payloadFetches).toEqual([]);
    expect(record.errors).toEqual([]);
  }, 120_000);
});
