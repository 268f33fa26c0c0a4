/**
 * The pane in a real browser: builds the preview (webpack.preview.js), serves it from a tiny
 * static server on a free port, and drives Debian's Chromium through playwright-core. The
 * preview is the real pane over the memory workbook, so this checks the UI end to end: data,
 * mapping, preset, run, results, save, refresh, and that hostile cell text stays text.
 *
 * Without Chromium on PATH the suite fails with the install command, or is a named skip when
 * SMALLCAP_SKIP_BROWSER=1 (test/helpers/prerequisites.ts); CI installs it.
 */
import { CHROMIUM, CHROMIUM_FLAGS, describeInBrowser, serve } from "../helpers/chromium";
import { execFile } from "child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "fs";
import type { Server } from "http";
import { tmpdir } from "os";
import * as path from "path";
import type { BrowserContext, Page } from "playwright-core";
import { HOSTILE_TICKER, FORMULA_NAME, PLANTED_CELLS } from "../../src/preview/sample-data";
import { columnLetters } from "../../src/workbook/a1";

const ROOT = path.resolve(__dirname, "../..");
const SCREENSHOT = path.join(ROOT, "docs", "screenshot-pane.png");



/**
 * Builds the preview with the webpack CLI in a child process: html-webpack-plugin loads its
 * loader with a dynamic import, which jest's module sandbox cannot run.
 */
function buildPreview(outputPath: string): Promise<void> {
  const cli = path.join(ROOT, "node_modules", "webpack", "bin", "webpack.js");
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [cli, "--config", path.join(ROOT, "webpack.preview.js"), "--mode", "production", "--env", `outputPath=${outputPath}`],
      { cwd: ROOT, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => (error ? reject(new Error(`preview build failed:\n${stdout}\n${stderr}`)) : resolve()),
    );
  });
}

describeInBrowser("the screener pane in Chromium (preview host)", () => {
  let work: string;
  let server: Server;
  let origin: string;
  let context: BrowserContext;
  let page: Page;
  const requests: string[] = [];
  const dialogs: string[] = [];
  const problems: string[] = [];

  beforeAll(async () => {
    work = mkdtempSync(path.join(tmpdir(), "smallcap-pane-"));
    const site = path.join(work, "site");
    await buildPreview(site);
    ({ server, origin } = await serve(site));
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { chromium } = require("playwright-core") as typeof import("playwright-core");
    context = await chromium.launchPersistentContext(path.join(work, "profile"), {
      executablePath: CHROMIUM,
      headless: true,
      args: [...CHROMIUM_FLAGS],
      viewport: { width: 1680, height: 1050 },
      colorScheme: "light",
    });
    context.on("request", (request) => requests.push(request.url()));
    page = context.pages()[0] ?? (await context.newPage());
    page.on("dialog", (dialog) => {
      dialogs.push(`${dialog.type()}: ${dialog.message()}`);
      void dialog.dismiss();
    });
    page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
    page.on("console", (message) => {
      if (message.type() === "error" || message.type() === "warning") problems.push(`console ${message.type()}: ${message.text()}`);
    });
    await page.goto(`${origin}/`);
    await page.waitForSelector('#source-table option[value="Universe"]', { state: "attached" });
  }, 120_000);

  afterAll(async () => {
    await context?.close();
    if (server !== undefined) await new Promise((resolve) => server.close(resolve));
    if (work !== undefined) rmSync(work, { recursive: true, force: true });
  });

  const status = () => page.locator("#status");

  test("says it is a preview, and offers the sample's table", async () => {
    await expect(page.locator(".preview-banner").innerText()).resolves.toContain("Preview — Excel is the real host");
    await expect(page.locator("#host").innerText()).resolves.toBe("Preview");
    const tables = await page.locator("#source-table option").allInnerTexts();
    expect(tables).toEqual(["Choose a table…", "Universe (Universe, 60 rows)"]);
  });

  test("the first view: a one-line guide, and the planted bad cells marked with why (hover title and a legend)", async () => {
    expect(await page.locator("#preview-guide").innerText()).toBe(
      "Try it: in the pane on the right, pick the table Universe, then press Run screen; the ranked results sheet opens here.",
    );
    expect(await page.locator("#planted-legend").innerText()).toMatch(/^Marked cells are deliberately bad .*hover one to see why\.$/);
    const marked = await page.locator("#sheet-view td.planted").evaluateAll((tds) => tds.map((td) => [td.getAttribute("data-cell"), td.getAttribute("title")]));
    // In the grid's order, row by row (the header is row 1).
    const planted = [...PLANTED_CELLS].sort((x, y) => x.row - y.row || x.column - y.column);
    expect(marked).toEqual(planted.map((c) => [`${columnLetters(c.column + 1)}${c.row + 2}`, c.why]));
    for (const c of PLANTED_CELLS) expect(c.why).toMatch(/^Deliberately /);
  });

  test("a block with no recognisable columns gets a message, not an exception", async () => {
    await page.locator("#sheet-tabs button", { hasText: "Notes" }).click();
    await page.locator('td[data-cell="A1"]').click();
    await page.locator("#use-selection").click();
    await expect(page.locator("#mapping-summary")).toHaveTextOrWait(/No recognisable columns in Notes!A1:B2/);
    await expect(page.locator("#source-status").innerText()).resolves.toContain("Selection widened to its block: Notes!A1:B2");
    // Running now explains instead of failing.
    await page.locator("#run").click();
    await expect(status()).toHaveTextOrWait(/No recognisable columns/);
    await page.locator("#sheet-tabs button", { hasText: "Universe" }).click();
  });

  test("picks the table and shows the mapping, every field editable", async () => {
    await page.selectOption("#source-table", "Universe");
    await expect(page.locator("#mapping-summary")).toHaveTextOrWait(/14 of 14 columns recognised/);
    const mapped = async (field: string) => page.locator(`#map-${field}`).inputValue();
    expect(await mapped("ticker")).toBe("0");
    expect(await mapped("name")).toBe("1");
    expect(await mapped("ebit")).toBe("5");
    expect(await mapped("interestExpense")).toBe("6");
    expect(await mapped("floatingShare")).toBe("8");
    expect(await mapped("wamYears")).toBe("9");
    expect(await mapped("domesticShare")).toBe("11");
    expect(await mapped("forwardPe")).toBe("12");
    expect(await mapped("earnings")).toBe("13");
    expect(await mapped("shortInterest")).toBe("");
    // 25 fields since issue 11: period, restated date, long- and short-term debt.
    expect(await page.locator("#mapping select").count()).toBe(25);
    await expect(page.locator("#source-status").innerText()).resolves.toContain("table Universe (Universe!A1:N61): 60 data rows, 14 columns");
  });

  test("the quality preset lists its seven criteria, each with a switch and a threshold", async () => {
    await page.selectOption("#preset", "quality");
    expect(await page.locator("#criteria .criterion").count()).toBe(7);
    expect(await page.locator("#label-icr").innerText()).toBe("ICR >= 3");
    expect(await page.locator("#thr-floatingShare").inputValue()).toBe("0.25");
    // Labels follow the shock.
    await page.fill("#shock", "300");
    await expect(page.locator("#label-shockedIcr")).toHaveTextOrWait(/\+300 bp/);
    await page.fill("#shock", "200");
    // Tab order: table, then the selection button.
    await page.focus("#source-table");
    await page.keyboard.press("Tab");
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("use-selection");
  });

  test("Enter runs the screen; the summary and top names come back; hostile text stays text", async () => {
    // A 1400 x 900 window: after the run the summary and the chart are in sight without scrolling.
    await page.setViewportSize({ width: 1400, height: 900 });
    await page.focus("#shock");
    await page.keyboard.press("Enter");
    await expect(status()).toHaveTextOrWait(/rows pass\. Results are on the sheet "SMALLCAP Results"/);
    const inSight = async (selector: string): Promise<boolean> =>
      page.locator(selector).first().evaluate((node) => {
        const box = node.getBoundingClientRect();
        // Inside the window and inside every scrolling box around it.
        for (let p = node.parentElement; p !== null; p = p.parentElement) {
          if (p.scrollHeight <= p.clientHeight && p.scrollWidth <= p.clientWidth) continue;
          const clip = p.getBoundingClientRect();
          if (box.left < clip.left - 1 || box.right > clip.right + 1 || box.top < clip.top - 1 || box.bottom > clip.bottom + 1) return false;
        }
        return box.left >= 0 && box.top >= 0 && box.right <= window.innerWidth && box.bottom <= window.innerHeight && box.width > 0;
      });
    // The pane's results card: the summary and its rate-shock curve.
    expect(await inSight("#summary")).toBe(true);
    expect(await inSight("#shock-figure svg")).toBe(true);
    // The results sheet: its summary block (K:L) beside the top-ranked rows, Rank and Ticker pinned;
    // its charts sit below the summary and sweep blocks, whole columns in view.
    expect(await inSight('#sheet-view td[data-cell="K1"]')).toBe(true);
    expect(await inSight('#sheet-view td[data-cell="L4"]')).toBe(true);
    expect(await inSight('#sheet-view td[data-cell="A2"]')).toBe(true);
    expect(await inSight('#sheet-view td[data-cell="B2"]')).toBe(true);
    const chart = await page.locator("#sheet-view figure.chart").first().evaluate((node) => {
      const box = node.getBoundingClientRect();
      const view = (document.querySelector("#sheet-view") as HTMLElement).getBoundingClientRect();
      return box.left >= view.left && box.right <= view.right;
    });
    expect(chart).toBe(true);
    await page.setViewportSize({ width: 1680, height: 1050 });
    const terms = await page.locator("#summary dt").allInnerTexts();
    const values = await page.locator("#summary dd").allInnerTexts();
    const summary = Object.fromEntries(terms.map((t, i) => [t, values[i]]));
    expect(summary["Rows screened"]).toBe("60");
    expect(Number(summary["Passing"])).toBeGreaterThan(0);
    expect(summary["Zombies"]).toMatch(/^\d+ \(\d+\.\d%\)$/);
    expect(summary["Index P/E"]).toMatch(/^\d+\.\d$/);
    expect(summary["Index drag (P/E points)"]).toMatch(/^[+-]\d+\.\d$/);
    const top = await page.locator("#top-names tbody tr").count();
    expect(top).toBe(Math.min(10, Number(summary["Passing"])));
    expect(await page.locator("#top-names tbody tr:first-child td:first-child").innerText()).toBe("1");

    // The workbook now shows the results sheet, with the hostile ticker and name as plain text.
    await expect(page.locator("#sheet-tabs .tab.active").innerText()).resolves.toBe("SMALLCAP Results");
    const cells = await page.locator("#sheet-view td").allInnerTexts();
    expect(cells).toContain(HOSTILE_TICKER);
    expect(cells).toContain(FORMULA_NAME);
    expect(await page.locator("img").count()).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { smallcapPreview: { formulaCells: string[] } }).smallcapPreview.formulaCells)).toEqual([]);
    expect(await page.locator("figure.chart circle").count()).toBeGreaterThan(10);

    // Under the summary, the rate-shock curve: an SVG drawn by code, one image to assistive
    // technology, its figures in its description.
    const curve = page.locator("#shock-figure svg");
    expect(await curve.getAttribute("role")).toBe("img");
    expect(await curve.getAttribute("aria-labelledby")).toBe("shock-curve-title");
    const description = await page.locator(`#${await curve.getAttribute("aria-describedby")}`).textContent();
    expect(description).toMatch(/Below 1x ICR: \d+\.\d% at 0 bp, \d+\.\d% at \+200 bp \(this screen\), \d+\.\d% at \+500 bp\. Below 1\.5x ICR: /);
    expect(await page.locator("#shock-figure polyline").count()).toBe(2);
    expect(await page.locator("#shock-figure circle").count()).toBe(2);
    // The results sheet's second chart in the preview: the same curve from the sheet's sweep block.
    expect(await page.locator("figure.chart.sweep polyline").count()).toBe(2);
  });

  test("saves the screen into the very hidden sheet, refreshes it, refreshes all", async () => {
    await page.fill("#screen-name", "Quality core");
    await page.locator("#save").click();
    await expect(status()).toHaveTextOrWait(/Saved "Quality core"/);
    expect(await page.locator("#saved-list .saved-item").count()).toBe(1);
    expect(await page.locator("#output").inputValue()).toBe("SMALLCAP Results Quality core");
    await expect(page.locator(".hidden-sheets").innerText()).resolves.toContain("_smallcap");

    await page.locator('#saved-list button[aria-label="Refresh Quality core"]').click();
    await expect(status()).toHaveTextOrWait(/^Quality core: \d+ of 60 rows pass\. Results are on the sheet "SMALLCAP Results Quality core"/);
    await page.locator("#refresh-all").click();
    await expect(status()).toHaveTextOrWait(/Refreshed 1 saved screen\./);
    const tabs = await page.locator("#sheet-tabs .tab").allInnerTexts();
    expect(tabs).toEqual(["Universe", "Notes", "SMALLCAP Results", "SMALLCAP Results Quality core"]);
  });

  test("reads in dark mode", async () => {
    await page.emulateMedia({ colorScheme: "dark" });
    const background = await page.locator(".card").first().evaluate((node) => getComputedStyle(node).backgroundColor);
    expect(background).toBe("rgb(41, 41, 41)");
    await page.emulateMedia({ colorScheme: "light" });
  });

  test("screenshot, and nothing left the page's origin, no dialog, no CSP or script error", async () => {
    await page.locator("#sheet-tabs button", { hasText: "SMALLCAP Results Quality core" }).click();
    // The pane scrolled to its results: the summary, the rate-shock curve and the top names.
    await page.locator(".taskpane-frame .app").evaluate((node) => {
      const section = node.querySelector("#results-heading")?.closest("section");
      if (section !== null && section !== undefined) node.scrollTo(0, section.getBoundingClientRect().top - node.getBoundingClientRect().top + node.scrollTop - 8);
    });
    mkdirSync(path.dirname(SCREENSHOT), { recursive: true });
    await page.screenshot({ path: SCREENSHOT });
    expect(existsSync(SCREENSHOT)).toBe(true);

    expect(requests.length).toBeGreaterThan(0);
    expect(requests.filter((url) => new URL(url).origin !== origin)).toEqual([]);
    expect(dialogs).toEqual([]);
    expect(problems).toEqual([]);
  });

  test("opening a saved screen clears the not-valid marks an earlier bad entry left, and the screen runs", async () => {
    const invalid = () => page.locator("#screen-form input:invalid").evaluateAll((inputs) => inputs.map((input) => input.id));
    await page.fill("#shock", "99999");
    await page.fill("#zombie-years", "0");
    await page.fill("#thr-floatingShare", "2");
    expect(await invalid()).toEqual(["shock", "zombie-years", "thr-floatingShare"]);
    await page.locator("#run").click();
    await expect(status()).toHaveTextOrWait(/^shockBps must be from -?\d+ to \d+ basis points .*got 99999$/);

    await page.locator("#saved-list button", { hasText: "Quality core" }).click();
    await expect(status()).toHaveTextOrWait(/^Check the columns, then run the screen\.$/);
    expect(await page.locator("#shock").inputValue()).toBe("200");
    expect(await page.locator("#zombie-years").inputValue()).toBe("3");
    expect(await page.locator("#thr-floatingShare").inputValue()).toBe("0.25");
    expect(await invalid()).toEqual([]);
    expect(await page.locator("#screen-form input.invalid").count()).toBe(0);
    await page.locator("#run").click();
    await expect(status()).toHaveTextOrWait(/^\d+ of 60 rows pass\. Results are on the sheet "SMALLCAP Results Quality core"/);
    expect(problems).toEqual([]);
  });

  test("a long (panel) table: the mapping shows the period column and the zombie window, the run its panel line and the interest convention (issue 11)", async () => {
    const lines = readFileSync(path.join(ROOT, "test", "fixtures", "vendor", "simfin-us-income-annual.csv"), "utf8").trim().split("\n");
    const head = lines[0].split(";").map((h) => h.replace(/^"|"$/g, ""));
    const pick = ["Ticker", "Fiscal Year", "Operating Income (Loss)", "Interest Expense, Net"].map((h) => head.indexOf(h));
    const cells = [
      pick.map((k) => head[k]),
      ...lines.slice(1).map((line) => line.split(";")).map((row) => pick.map((k, j) => (j === 0 ? row[k] : row[k] === "" ? null : Number(row[k])))),
    ];
    await page.evaluate(
      ({ cells, address }) => {
        const preview = (window as unknown as { smallcapPreview: { addSheet(name: string, rows: unknown[][]): unknown; activate(name: string): void; select(sheet: string, address: string): void } }).smallcapPreview;
        preview.addSheet("SimFin", cells);
        preview.activate("SimFin");
        preview.select("SimFin", address);
      },
      { cells, address: `A1:D${cells.length}` },
    );
    await page.locator("#use-selection").click();
    await expect(page.locator("#mapping-notes")).toHaveTextOrWait(/Zombie test: ICR < 1 in each of the latest 3 fiscal periods of each company/);
    expect(await page.locator("#map-period").inputValue()).toBe("1");
    await page.selectOption("#preset", "zombies");
    await page.fill("#output", "SMALLCAP Results SimFin");
    await page.locator("#run").click();
    await expect(page.locator("#status")).toHaveTextOrWait(/1 of 29 rows pass/);
    const messages = await page.locator("#run-messages li").allInnerTexts();
    expect(messages).toContain("panel: 29 companies x up to 5 fiscal years (2016-2021); latest year per company used for current values");
    expect(messages.some((m) => m.startsWith("Interest Expense, Net: negative values are interest expense"))).toBe(true);
    expect(await page.locator("#top-names").innerText()).toContain("AAOI");
    expect(problems).toEqual([]);
  }, 60_000);
});

/** A small polling matcher for text that appears after async work (playwright-core has no expect). */
declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace jest {
    interface Matchers<R> {
      toHaveTextOrWait(pattern: RegExp): Promise<R>;
    }
  }
}

expect.extend({
  async toHaveTextOrWait(received: import("playwright-core").Locator, pattern: RegExp) {
    const deadline = Date.now() + 20_000;
    let text = "";
    while (Date.now() < deadline) {
      text = (await received.innerText().catch(() => "")) ?? "";
      if (pattern.test(text)) return { pass: true, message: () => `text matched ${pattern}` };
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    return { pass: false, message: () => `expected text matching ${pattern}, last saw: ${JSON.stringify(text)}` };
  },
});
