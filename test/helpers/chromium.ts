/**
 * For the browser tests: Debian's Chromium (installed by .ci/run), found on PATH, and the flags
 * this machine needs (headless, no sandbox when running as root, and no background networking,
 * whose connections a closed network refuses); and a static server for the built pages on
 * loopback. What happens when Chromium is missing: test/helpers/prerequisites.ts.
 */
import { existsSync, readFileSync } from "fs";
import { createServer, type Server } from "http";
import type { AddressInfo } from "net";
import * as path from "path";

import { CHROMIUM_PATH } from "./prerequisites";

export { describeInBrowser } from "./prerequisites";
/** The Chromium executable (`chromium` when none is on PATH: the suites then fail or skip first). */
export const CHROMIUM = CHROMIUM_PATH ?? "chromium";
export const haveChromium = CHROMIUM_PATH !== undefined;

export const CHROMIUM_FLAGS: readonly string[] = Object.freeze([
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
]);

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
  ".map": "application/json",
  ".png": "image/png",
};

/** Serves `dir` over http on 127.0.0.1 (GET only, nothing outside `dir`); `requested` receives every path asked for. */
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
