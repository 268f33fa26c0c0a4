/**
 * Manifest and page hardening, on the production build as it would ship.
 *
 * The production bundle is built with ADDIN_URL=https://example.invalid/ into a temporary
 * folder (webpack's CLI with --output-path; dist/ is not touched). Then:
 * - every URL in the built manifest and in functions.json is https and on the production
 *   origin (no localhost, no http) - and every URL in the source manifest is https;
 * - <Permissions> is exactly ReadWriteDocument, once, in source and build;
 * - every page's Content-Security-Policy (source taskpane.html and every built .html) has no
 *   'unsafe-inline', 'unsafe-eval' (or other unsafe-, wildcard, data: or http: script sources)
 *   in script-src, or in default-src when script-src is absent;
 * - the built HTML has no inline <script> bodies and no on* event-handler attributes, and loads
 *   scripts only from itself and Microsoft's office.js CDN.
 * - No network (item 6, for the shipped page): the built taskpane.html, which loads the pane,
 *   the commands and the custom functions, is opened in Chromium from a local server, with
 *   Microsoft's CDN answered from the office.js copy in node_modules; every request is
 *   recorded, and none may leave the page's origin except office.js's own files.
 */
import { spawnSync } from "child_process";
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from "fs";
import * as os from "os";
import * as path from "path";
import { parseXml, urls } from "../helpers/manifest";
import { schemaValidationUnavailable, validateManifest } from "../helpers/manifest-schema";
import { describeInBrowser, launch, serve } from "./support/browser";
import { report } from "../helpers/report";

const ROOT = path.resolve(__dirname, "..", "..");
const PROD_ORIGIN = "https://example.invalid/";
const OFFICE_CDN = "https://appsforoffice.microsoft.com/";

let out: string;
let buildLog = "";

beforeAll(() => {
  out = mkdtempSync(path.join(os.tmpdir(), "smallcap-hardening-dist-"));
  const webpack = path.join(ROOT, "node_modules", "webpack-cli", "bin", "cli.js");
  const started = Date.now();
  const result = spawnSync(process.execPath, [webpack, "--mode", "production", "--output-path", out], {
    cwd: ROOT,
    env: { ...process.env, ADDIN_URL: PROD_ORIGIN },
    encoding: "utf8",
    timeout: 300_000,
  });
  buildLog = `${result.stdout}\n${result.stderr}`;
  report(`production build (ADDIN_URL=${PROD_ORIGIN}) into ${out}: exit ${result.status} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}, 300_000);

afterAll(() => {
  if (out !== undefined) rmSync(out, { recursive: true, force: true });
});

function built(file: string): string {
  const full = path.join(out, file);
  if (!existsSync(full)) throw new Error(`the production build did not emit ${file}:\n${buildLog.slice(-3000)}`);
  return readFileSync(full, "utf8");
}

function manifestRoot(text: string) {
  const parsed = parseXml(text);
  if (!parsed.ok) throw new Error(parsed.errors.join("\n"));
  return parsed.root;
}

/** Every string in a JSON value that holds "://". */
function jsonUrls(value: unknown, where = "$"): { url: string; where: string }[] {
  if (typeof value === "string") return value.includes("://") ? [{ url: value, where }] : [];
  if (Array.isArray(value)) return value.flatMap((v, i) => jsonUrls(v, `${where}[${i}]`));
  if (value !== null && typeof value === "object") return Object.entries(value).flatMap(([k, v]) => jsonUrls(v, `${where}.${k}`));
  return [];
}

describe("URLs", () => {
  test("the built manifest and functions.json use https on the production origin only", () => {
    const manifest = urls(manifestRoot(built("manifest.xml")));
    const functions = jsonUrls(JSON.parse(built("functions.json")));
    const all = [...manifest.map((u) => ({ ...u, file: "manifest.xml" })), ...functions.map((u) => ({ ...u, file: "functions.json" }))];
    const bad = all.filter(({ url }) => !url.startsWith(PROD_ORIGIN)).map(({ url, where, file }) => `${file} ${where}: ${url}`);
    report(`manifest hardening: ${manifest.length} URLs in the built manifest, ${functions.length} in functions.json; ${bad.length} not https on ${PROD_ORIGIN}`);
    expect(manifest.length).toBeGreaterThan(5);
    expect(functions.length).toBeGreaterThan(0);
    expect(bad).toEqual([]);
  });

  // Without the schemas or xmllint: skipped with the reason (failed under CI=true), as in test/manifest-schema.test.ts.
  const unavailable = schemaValidationUnavailable();
  const schemaTest = unavailable === null || process.env.CI === "true" ? test : test.skip;
  schemaTest(`the production manifest (built with ADDIN_URL) validates against Microsoft's schemas${unavailable === null ? "" : ` (SKIPPED: ${unavailable})`}`, () => {
    if (unavailable !== null) throw new Error(`cannot validate the manifest: ${unavailable}`);
    built("manifest.xml");
    const result = validateManifest(path.join(out, "manifest.xml"));
    expect({ valid: result.valid, report: result.report }).toEqual({ valid: true, report: expect.stringMatching(/validates$/) });
  });

  test("the source manifest uses https only", () => {
    const found = urls(manifestRoot(readFileSync(path.join(ROOT, "manifest.xml"), "utf8")));
    expect(found.filter(({ url }) => !url.startsWith("https://"))).toEqual([]);
  });
});

describe("permissions", () => {
  test.each([
    ["source", () => readFileSync(path.join(ROOT, "manifest.xml"), "utf8")],
    ["built", () => built("manifest.xml")],
  ])("%s manifest asks for exactly ReadWriteDocument", (_which, text) => {
    const root = manifestRoot(text());
    const permissions = root.children.filter((e) => e.local === "Permissions").map((e) => e.text.trim());
    expect(permissions).toEqual(["ReadWriteDocument"]);
  });
});

/** The directives of a page's CSP meta tags (all of them: every one applies). */
function cspOf(html: string): Map<string, string[]>[] {
  const policies: Map<string, string[]>[] = [];
  const metas = html.match(/<meta\b[^>]*>/gi) ?? [];
  for (const meta of metas) {
    if (!/http-equiv\s*=\s*["']?content-security-policy/i.test(meta)) continue;
    const content = /\scontent\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))/i.exec(meta);
    const text = content?.[1] ?? content?.[2] ?? content?.[3] ?? "";
    const directives = new Map<string, string[]>();
    for (const part of text.split(";")) {
      const [name, ...sources] = part.trim().split(/\s+/);
      if (name) directives.set(name.toLowerCase(), sources);
    }
    policies.push(directives);
  }
  return policies;
}

const UNSAFE_SCRIPT_SOURCE = /^('unsafe-inline'|'unsafe-eval'|'unsafe-hashes'|'wasm-unsafe-eval'|\*|data:|http:|https:|blob:|filesystem:)$/i;

function cspProblems(page: string, html: string): string[] {
  const policies = cspOf(html);
  if (policies.length === 0) return [`${page}: no Content-Security-Policy`];
  const problems: string[] = [];
  for (const policy of policies) {
    const directive = policy.has("script-src") ? "script-src" : "default-src";
    const sources = policy.get(directive);
    if (sources === undefined) {
      problems.push(`${page}: neither script-src nor default-src: scripts are unrestricted`);
      continue;
    }
    for (const source of sources) if (UNSAFE_SCRIPT_SOURCE.test(source)) problems.push(`${page}: ${directive} allows ${source}`);
    if (!policy.has("object-src") && !(policy.get("default-src") ?? []).includes("'none'")) problems.push(`${page}: no object-src`);
  }
  return problems;
}

/** Inline scripts, event-handler attributes and script sources of an HTML page. */
function markupProblems(page: string, html: string): string[] {
  const problems: string[] = [];
  for (const match of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script\s*>/gi)) {
    const attributes = match[1];
    if (match[2].trim() !== "") problems.push(`${page}: inline <script> body: ${match[2].trim().slice(0, 60)}`);
    const src = /\ssrc\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))/i.exec(attributes);
    const url = src?.[1] ?? src?.[2] ?? src?.[3];
    if (url === undefined) problems.push(`${page}: <script> without src`);
    else if (/^[a-z]+:/i.test(url) && !url.startsWith(OFFICE_CDN)) problems.push(`${page}: script from ${url}`);
  }
  for (const tag of html.match(/<[a-z][^>]*>/gi) ?? []) {
    const handler = /\son[a-z]+\s*=/i.exec(tag);
    if (handler !== null) problems.push(`${page}: event-handler attribute in ${tag.slice(0, 80)}`);
    if (/\s(?:href|src|action|formaction)\s*=\s*["']?\s*javascript:/i.test(tag)) problems.push(`${page}: javascript: URL in ${tag.slice(0, 80)}`);
  }
  return problems;
}

describe("pages", () => {
  test("the source taskpane.html takes its CSP from scripts/csp.js, strict for every office.js source", () => {
    const html = readFileSync(path.join(ROOT, "src", "taskpane", "taskpane.html"), "utf8");
    expect(html).toMatch(/http-equiv="Content-Security-Policy"\s+content="<%= csp %>"/);
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { paneCsp } = require("../../scripts/csp.js") as { paneCsp: (officeJsOrigin: string | null) => string };
    for (const origin of ["https://appsforoffice.microsoft.com", "'self'", null]) {
      const page = `<meta http-equiv="Content-Security-Policy" content="${paneCsp(origin)}">`;
      expect(cspProblems(`taskpane.html with office.js from ${origin}`, page)).toEqual([]);
      // Frames: office.js's own origin only (its trust-check frame), none without office.js.
      expect(cspOf(page)[0].get("frame-src")).toEqual([origin ?? "'none'"]);
    }
  });

  test("every built page has a strict CSP, no inline script, no on* attribute", () => {
    const pages = readdirSync(out).filter((f) => f.endsWith(".html"));
    const problems = pages.flatMap((page) => {
      const html = built(page);
      return [...cspProblems(page, html), ...markupProblems(page, html)];
    });
    report(`page hardening: ${pages.length} built pages (${pages.join(", ")}) checked for CSP, inline scripts, on* attributes and script sources; ${problems.length} problems`);
    expect(pages).toContain("taskpane.html");
    expect(problems).toEqual([]);
  });

  test("production pages load office.js from Microsoft's CDN, nothing else from outside", () => {
    const html = built("taskpane.html");
    expect(html).toContain(`${OFFICE_CDN}lib/1/hosted/office.js`);
    const scriptSrc = cspOf(html)[0]?.get("script-src") ?? [];
    expect(scriptSrc.filter((s) => s !== "'self'" && !OFFICE_CDN.startsWith(s.replace(/\/?$/, "/")))).toEqual([]);
    expect(cspOf(html)[0]?.get("frame-src")).toEqual([OFFICE_CDN.replace(/\/$/, "")]);
    expect(cspOf(html)[0]?.get("style-src")).toEqual(["'self'"]);
  });

  test("the checks catch what they look for (negative controls)", () => {
    expect(cspProblems("x", `<meta http-equiv="Content-Security-Policy" content="default-src 'self'; script-src 'self' 'unsafe-inline'">`)).toEqual([
      "x: script-src allows 'unsafe-inline'",
      "x: no object-src",
    ]);
    expect(cspProblems("x", `<meta http-equiv=Content-Security-Policy content="default-src * 'unsafe-eval'; object-src 'none'">`)).toEqual([
      "x: default-src allows *",
      "x: default-src allows 'unsafe-eval'",
    ]);
    expect(markupProblems("x", `<script>alert(1)</script><img src=x onerror=alert(1)><a href="javascript:alert(1)">`)).toHaveLength(4);
  });
});

const OFFICE_JS_DIST = path.join(ROOT, "node_modules", "@microsoft", "office-js", "dist");

describeInBrowser("no network from the shipped page (Chromium)", () => {
  test("taskpane.html with its pane, commands and functions requests nothing outside its origin but office.js", async () => {
    const requested: string[] = [];
    const { server, origin } = await serve(out, requested);
    const profile = mkdtempSync(path.join(os.tmpdir(), "smallcap-hardening-profile-"));
    const { context, page, record } = await launch(profile);
    try {
      // The CDN is unreachable here: answer office.js and whatever it loads from the npm copy.
      await context.route(`${OFFICE_CDN}**`, async (route) => {
        const rest = new URL(route.request().url()).pathname.replace(/^\/lib\/1\/hosted\//, "");
        const file = path.join(OFFICE_JS_DIST, path.normalize(rest));
        if (file.startsWith(OFFICE_JS_DIST) && existsSync(file)) await route.fulfill({ path: file, contentType: "text/javascript" });
        else await route.fulfill({ status: 404, body: "" });
      });
      await page.goto(`${origin}/taskpane.html`);
      // Outside Office the page says so within a few seconds; wait for that, then a little more.
      await page.waitForFunction(() => /Excel/.test(document.body.innerText) && !/Loading/.test(document.body.innerText), undefined, { timeout: 15_000 }).catch(() => undefined);
      await page.waitForTimeout(1000);
      const text = await page.locator("body").innerText();
      const own = record.requests.filter((url) => new URL(url).origin === origin);
      const office = record.requests.filter((url) => url.startsWith(OFFICE_CDN));
      const foreign = record.requests.filter((url) => new URL(url).origin !== origin && !url.startsWith(OFFICE_CDN) && !url.startsWith("data:"));
      report(
        `no network (shipped taskpane.html in Chromium): ${record.requests.length} requests: ${own.length} to its own origin ` +
          `(${[...new Set(own.map((u) => new URL(u).pathname))].join(", ")}), ${office.length} to office.js's CDN (answered locally), ` +
          `${foreign.length} elsewhere; ${record.dialogs.length} dialogs; page says "${text.split("\n").find((l) => /Excel/.test(l)) ?? text.slice(0, 80)}"`,
      );
      expect(own.map((u) => new URL(u).pathname)).toEqual(expect.arrayContaining(["/taskpane.html", "/taskpane.js", "/functions.js", "/commands.js"]));
      expect(foreign).toEqual([]);
      expect(record.dialogs).toEqual([]);
    } finally {
      await context.close();
      await new Promise((resolve) => server.close(resolve));
      rmSync(profile, { recursive: true, force: true });
    }
  }, 60_000);
});
