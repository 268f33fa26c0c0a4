/**
 * Chromium for the hardening suite: Debian's Chromium (found on PATH) driven by playwright-core (no
 * browser download), a static server on a free loopback port, and a recorder of every request,
 * dialog and page error.
 */
import { CHROMIUM, CHROMIUM_FLAGS, describeInBrowser, haveChromium, serve } from "../../helpers/chromium";
import { execFile } from "child_process";
import * as path from "path";
import type { BrowserContext, Page } from "playwright-core";

export { CHROMIUM, describeInBrowser, haveChromium, serve };
const ROOT = path.resolve(__dirname, "..", "..", "..");



/** Runs a webpack config in a child process (html-webpack-plugin needs a real module loader). */
export function webpackBuild(args: readonly string[], env: NodeJS.ProcessEnv = {}): Promise<void> {
  const cli = path.join(ROOT, "node_modules", "webpack", "bin", "webpack.js");
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [cli, ...args], { cwd: ROOT, env: { ...process.env, ...env }, maxBuffer: 32 * 1024 * 1024, timeout: 300_000 }, (error, stdout, stderr) =>
      error ? reject(new Error(`webpack ${args.join(" ")} failed:\n${stdout}\n${stderr}`)) : resolve(),
    );
  });
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
