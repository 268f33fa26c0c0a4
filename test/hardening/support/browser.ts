/**
 * Chromium for the hardening suite: Debian's /usr/bin/chromium driven by playwright-core (no
 * browser download), a static server on a free loopback port, and a recorder of every request,
 * dialog and page error.
 */
import { CHROMIUM, CHROMIUM_FLAGS, haveChromium } from "../../helpers/chromium";
import { execFile } from "child_process";
import { existsSync, readFileSync } from "fs";
import { createServer, type Server } from "http";
import type { AddressInfo } from "net";
import * as path from "path";
import type { BrowserContext, Page } from "playwright-core";

export { CHROMIUM, haveChromium };
const ROOT = path.resolve(__dirname, "..", "..", "..");


const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
  ".map": "application/json",
  ".png": "image/png",
};

/** Runs a webpack config in a child process (html-webpack-plugin needs a real module loader). */
export function webpackBuild(args: readonly string[], env: NodeJS.ProcessEnv = {}): Promise<void> {
  const cli = path.join(ROOT, "node_modules", "webpack", "bin", "webpack.js");
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [cli, ...args], { cwd: ROOT, env: { ...process.env, ...env }, maxBuffer: 32 * 1024 * 1024, timeout: 300_000 }, (error, stdout, stderr) =>
      error ? reject(new Error(`webpack ${args.join(" ")} failed:\n${stdout}\n${stderr}`)) : resolve(),
    );
  });
}

/** Serves `dir` over http on 127.0.0.1; `requested` receives every path asked for. */
export function serve(dir: string, requested: string[] = []): Promise<{ server: Server; origin: string }> {
  const server = createServer((request, response) => {
    const url = new URL(request.url ?? "/", "http://localhost");
    requested.push(url.pathname);
    const name = url.pathname === "/" ? "/index.html" : decodeURIComponent(url.pathname);
    const file = path.join(dir, path.normalize(name).replace(/^(\.\.[/\\])+/, ""));
    if (request.method !== "GET" || !file.startsWith(dir) || !existsSync(file)) {
      response.writeHead(404).end("not found");
      return;
    }
    response.writeHead(200, { "Content-Type": TYPES[path.extname(file)] ?? "application/octet-stream", "Cache-Control": "no-store" });
    response.end(readFileSync(file));
  });
  return new Promise((resolve) =>
    server.listen(0, "127.0.0.1", () => resolve({ server, origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}` })),
  );
}

export interface Recorder {
  readonly requests: string[];
  readonly dialogs: string[];
  readonly errors: string[];
}

/** Launches Chromium with a fresh profile; records requests, dialogs, page errors and console errors. */
export async function launch(profile: string): Promise<{ context: BrowserContext; page: Page; record: Recorder }> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { chromium } = require("playwright-core") as typeof import("playwright-core");
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: [...CHROMIUM_FLAGS],
    viewport: { width: 1400, height: 1000 },
  });
  const record: Recorder = { requests: [], dialogs: [], errors: [] };
  context.on("request", (request) => record.requests.push(request.url()));
  const page = context.pages()[0] ?? (await context.newPage());
  page.on("dialog", (dialog) => {
    record.dialogs.push(`${dialog.type()}: ${dialog.message()}`);
    void dialog.dismiss();
  });
  page.on("pageerror", (error) => record.errors.push(`page error: ${error.message}`));
  page.on("console", (message) => {
    if (message.type() === "error") record.errors.push(`console error: ${message.text()}`);
  });
  return { context, page, record };
}

/** Polls until `probe` is true (or throws with `what` after `ms`). */
export async function waitFor(what: string, probe: () => Promise<boolean>, ms = 20_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (await probe().catch(() => false)) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`timed out waiting for ${what}`);
}
