/**
 * The task pane under its Content-Security-Policy, as a browser enforces it: every
 * `securitypolicyviolation` event is recorded from before the first script runs.
 *
 * - The pane through the preview build (webpack.preview.js), whose page carries the pane's
 *   own policy (scripts/csp.js, without office.js): no violation while the pane starts,
 *   screens the sample table and saves the screen.
 * - The shipped taskpane.html from dist/ (the production build `npm test` makes), with
 *   office.js answered from @microsoft/office-js's copy for Microsoft's CDN: no violation while
 *   office.js, the pane, the commands and the custom functions load outside Office.
 * - A control: an inline script the policy refuses is recorded, so a silent recorder cannot pass.
 *
 * Without Chromium it fails with the install command, or is a named skip under SMALLCAP_SKIP_BROWSER=1 (test/helpers/prerequisites.ts); CI installs it.
 */
import { CHROMIUM, CHROMIUM_FLAGS, describeInBrowser, serve } from "../helpers/chromium";
import { report } from "../helpers/report";
import { webpackBuild } from "../hardening/support/browser";
import { existsSync, mkdtempSync, rmSync } from "fs";
import type { Server } from "http";
import { tmpdir } from "os";
import * as path from "path";
import type { BrowserContext, Locator, Page } from "playwright-core";

const ROOT = path.resolve(__dirname, "../..");
const DIST = path.join(ROOT, "dist");
const OFFICE_CDN = "https://appsforoffice.microsoft.com/";
const OFFICE_JS_DIST = path.join(ROOT, "node_modules", "@microsoft", "office-js", "dist");


interface Violation {
  directive: string;
  blocked: string;
  source: string;
  sample: string;
}

/** Installed before any page script: collects every CSP violation the page reports. */
function recordViolations(): void {
  const list: unknown[] = [];
  (window as unknown as { __cspViolations: unknown[] }).__cspViolations = list;
  document.addEventListener("securitypolicyviolation", (event) => {
    list.push({ directive: event.effectiveDirective, blocked: event.blockedURI, source: `${event.sourceFile}:${event.lineNumber}`, sample: event.sample });
  });
}

async function violations(page: Page): Promise<Violation[]> {
  return page.evaluate(() => (window as unknown as { __cspViolations?: Violation[] }).__cspViolations ?? []);
}

async function waitForText(locator: Locator, pattern: RegExp): Promise<void> {
  const deadline = Date.now() + 30_000;
  let text = "";
  while (Date.now() < deadline) {
    text = await locator.innerText().catch(() => "");
    if (pattern.test(text)) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`expected text matching ${pattern}, last saw ${JSON.stringify(text)}`);
}

describeInBrowser("the pane under its CSP in Chromium: no securitypolicyviolation", () => {
  let work: string;
  let context: BrowserContext;
  const servers: Server[] = [];

  beforeAll(async () => {
    work = mkdtempSync(path.join(tmpdir(), "smallcap-csp-"));
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { chromium } = require("playwright-core") as typeof import("playwright-core");
    context = await chromium.launchPersistentContext(path.join(work, "profile"), { executablePath: CHROMIUM, headless: true, args: [...CHROMIUM_FLAGS] });
    await context.addInitScript(recordViolations);
  }, 60_000);

  afterAll(async () => {
    await context?.close();
    for (const server of servers) await new Promise((resolve) => server.close(resolve));
    if (work !== undefined) rmSync(work, { recursive: true, force: true });
  });

  test("the pane (preview build, the pane's policy) starts, screens and saves without a violation", async () => {
    const site = path.join(work, "preview");
    await webpackBuild(["--config", path.join(ROOT, "webpack.preview.js"), "--mode", "production", "--env", `outputPath=${site}`]);
    const { server, origin } = await serve(site);
    servers.push(server);
    const page = await context.newPage();
    await page.goto(`${origin}/`);
    const policy = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute("content");
    expect(policy).toContain("script-src 'self';");
    expect(policy).toContain("style-src 'self';");
    expect(policy).toContain("frame-src 'none';");

    await page.waitForSelector('#source-table option[value="Universe"]', { state: "attached" });
    const started = await violations(page);
    await page.selectOption("#source-table", "Universe");
    await waitForText(page.locator("#mapping-summary"), /columns recognised/);
    await page.selectOption("#preset", "quality");
    await page.locator("#run").click();
    await waitForText(page.locator("#status"), /rows pass\. Results are on the sheet/);
    const screened = await violations(page);
    await page.fill("#screen-name", "CSP check");
    await page.locator("#save").click();
    await waitForText(page.locator("#status"), /Saved "CSP check"/);
    const saved = await violations(page);
    report(`CSP (preview pane): ${started.length} violations at start, ${screened.length} after screening, ${saved.length} after saving`);
    expect({ started, screened, saved }).toEqual({ started: [], screened: [], saved: [] });

    // Control: the recorder sees a violation when there is one (an inline script the policy refuses).
    await page.evaluate(() => {
      const script = document.createElement("script");
      script.textContent = "window.inlineRan = true";
      document.head.append(script);
    });
    await page.waitForTimeout(200);
    expect(await page.evaluate(() => (window as unknown as { inlineRan?: boolean }).inlineRan)).toBeUndefined();
    expect((await violations(page)).map((v) => v.directive)).toEqual(["script-src-elem"]);
    await page.close();
  }, 180_000);

  test("the shipped dist/taskpane.html loads office.js, the pane, the commands and the functions without a violation", async () => {
    const page = await context.newPage();
    if (!existsSync(path.join(DIST, "taskpane.html"))) throw new Error("dist/taskpane.html is missing: run npm run build first (npm test builds before jest)");
    const { server, origin } = await serve(DIST);
    servers.push(server);
    // The CDN is unreachable here: answer office.js and what it loads from the npm copy.
    await page.route(`${OFFICE_CDN}**`, async (route) => {
      const rest = new URL(route.request().url()).pathname.replace(/^\/lib\/1\/hosted\//, "");
      const file = path.join(OFFICE_JS_DIST, path.normalize(rest));
      if (file.startsWith(OFFICE_JS_DIST) && existsSync(file)) await route.fulfill({ path: file, contentType: "text/javascript" });
      else await route.fulfill({ status: 404, body: "" });
    });
    const loaded: string[] = [];
    page.on("requestfinished", (request) => loaded.push(new URL(request.url()).pathname));
    await page.goto(`${origin}/taskpane.html`);
    // Outside Office the pane says it needs Excel once office.js has started.
    await waitForText(page.locator("body"), /Excel/);
    await page.waitForTimeout(1000);
    const policy = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute("content");
    expect(policy).toContain(`frame-src ${OFFICE_CDN.replace(/\/$/, "")};`);
    expect(loaded).toEqual(expect.arrayContaining(["/lib/1/hosted/office.js", "/taskpane.js", "/commands.js", "/functions.js"]));
    const found = await violations(page);
    report(`CSP (shipped taskpane.html): ${found.length} violations; loaded ${[...new Set(loaded)].join(", ")}`);
    expect(found).toEqual([]);
    await page.close();
  }, 120_000);
});
