/**
 * Production bundle sizes, gzip-compressed with zlib at its default level (6, what most web
 * servers use), office.js excluded (it comes from Microsoft's CDN). webpack builds into a
 * temporary directory, so dist/ and anyone's dev server are left alone.
 *
 * - task pane: what taskpane.html itself brings (taskpane.js, commands.js, taskpane.css and
 *   the page); the shared runtime loads functions.js on the same page, counted apart;
 * - functions: functions.js, the custom functions' runtime code.
 */
import { spawnSync } from "child_process";
import { existsSync, readFileSync, readdirSync } from "fs";
import * as path from "path";
import { gzipSync } from "zlib";
import { Line, skip } from "../lib/report";
import type { Settings } from "../lib/settings";

const PANE_FILES = ["taskpane.js", "commands.js", "taskpane.css", "taskpane.html"];
const FUNCTION_FILES = ["functions.js"];
const PANE_LIMIT = 120 * 1024;
const FUNCTIONS_LIMIT = 40 * 1024;

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

export function bundleLine(settings: Settings): Line {
  const id = "bundle";
  const title = "Production bundle, gzip: task pane / functions (office.js excluded)";
  const budget = `<= ${kb(PANE_LIMIT)} / <= ${kb(FUNCTIONS_LIMIT)}`;
  const out = path.join(settings.tmp, "dist");
  const webpack = path.join(settings.root, "node_modules", "webpack-cli", "bin", "cli.js");
  if (!existsSync(webpack)) return skip(id, title, budget, "webpack-cli is not installed");
  const statsFile = path.join(settings.tmp, "webpack-stats.json");
  const build = spawnSync(process.execPath, [webpack, "--mode", "production", "--output-path", out, "--json", statsFile], { cwd: settings.root, encoding: "utf8" });
  if (build.status !== 0) {
    return skip(id, title, budget, `webpack --mode production failed: ${(build.stderr + build.stdout).trim().split("\n").filter((l) => /error/i.test(l)).slice(0, 3).join(" | ")}`);
  }
  const sizes = new Map<string, { raw: number; gzip: number }>();
  for (const file of readdirSync(out)) {
    if (!/\.(js|css|html)$/.test(file)) continue;
    const content = readFileSync(path.join(out, file));
    sizes.set(file, { raw: content.length, gzip: gzipSync(content).length });
  }
  const sum = (files: readonly string[]) => files.reduce((total, f) => total + (sizes.get(f)?.gzip ?? 0), 0);
  const pane = sum(PANE_FILES);
  const functions = sum(FUNCTION_FILES);
  const ok = pane <= PANE_LIMIT && functions <= FUNCTIONS_LIMIT && sizes.has("functions.js") && sizes.has("taskpane.js");
  const listed = [...sizes.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([f, s]) => `${f} ${kb(s.gzip)} (${kb(s.raw)} raw)`);
  return {
    id,
    title,
    status: ok ? "PASS" : "MISS",
    measured: `${kb(pane)} / ${kb(functions)}`,
    budget,
    value: Math.max(pane / PANE_LIMIT, functions / FUNCTIONS_LIMIT),
    limit: 1,
    details: [
      `task pane = ${PANE_FILES.join(" + ")}; the pane page also loads functions.js (shared runtime): ${kb(pane + functions)} in all`,
      `files: ${listed.join(", ")}`,
      ...contributors(statsFile),
    ],
    data: { pane, functions, files: Object.fromEntries(sizes) },
  };
}

interface StatsModule {
  readonly name?: string;
  readonly size?: number;
  readonly modules?: readonly StatsModule[];
}

/** Where a module comes from: an npm package, or a source folder (`src/core/screen`). */
function origin(name: string): string {
  const npm = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(name);
  if (npm !== null) return npm[1];
  const source = /^\.\/((?:src|scripts)\/[^/]+(?:\/[^/.]+(?=\/))?)/.exec(name);
  return source !== null ? source[1] : name;
}

/** The largest contributors to each JS bundle, minified bytes before gzip (webpack's module sizes). */
function contributors(statsFile: string): string[] {
  if (!existsSync(statsFile)) return [];
  const stats = JSON.parse(readFileSync(statsFile, "utf8")) as { chunks?: { names?: string[]; modules?: StatsModule[] }[] };
  const lines: string[] = [];
  for (const chunk of stats.chunks ?? []) {
    const sizes = new Map<string, number>();
    const walk = (m: StatsModule): void => {
      if (m.modules !== undefined) return m.modules.forEach(walk);
      const key = origin(m.name ?? "?");
      sizes.set(key, (sizes.get(key) ?? 0) + (m.size ?? 0));
    };
    (chunk.modules ?? []).forEach(walk);
    const total = [...sizes.values()].reduce((a, b) => a + b, 0);
    if (total < 2048) continue;
    const top = [...sizes].sort((a, b) => b[1] - a[1]).slice(0, 6).map(([k, v]) => `${k} ${kb(v)}`);
    lines.push(`${(chunk.names ?? []).join(",")}.js sources (unminified module sizes, ${kb(total)}): ${top.join(", ")}`);
  }
  return lines;
}
