/**
 * `smallcap screen` and `smallcap refresh` load no zod: saved screens are checked without it
 * (src/core/screen/saved.ts), the `--json` output imports only the types of its schema
 * (src/cli/json-schema.ts), and the screen index re-exports no schema. Each run is the compiled
 * CLI (`npm run build:cli` first) spawned with a preloaded script that writes, as the process
 * exits, every module it loaded.
 */
import { spawnSync } from "child_process";
import { existsSync, readFileSync, writeFileSync } from "fs";
import * as path from "path";
import { tempDir } from "./helpers";

const ROOT = path.resolve(__dirname, "..", "..");
const CLI = path.join(ROOT, "build", "cli", "src", "cli", "main.js");
const SAMPLES = path.join(ROOT, "samples");

const RECORDER = `
process.on("exit", () => {
  require("fs").writeFileSync(process.env.SMALLCAP_LOADED_MODULES, JSON.stringify(Object.keys(require.cache)));
});
`;

let dir: { dir: string; cleanup: () => void };
beforeAll(() => {
  dir = tempDir("smallcap-zod-free-");
  writeFileSync(path.join(dir.dir, "record-modules.js"), RECORDER);
});
afterAll(() => dir.cleanup());

/** The modules a node process loaded, as absolute paths; the run must succeed. */
function loadedBy(args: readonly string[]): string[] {
  const out = path.join(dir.dir, "loaded.json");
  const env = { ...process.env, NODE_OPTIONS: `--require ${path.join(dir.dir, "record-modules.js")}`, SMALLCAP_LOADED_MODULES: out, SMALLCAP_DEBUG: "" };
  const run = spawnSync(process.execPath, args, { cwd: dir.dir, env, encoding: "utf8" });
  expect([run.status, run.stderr]).toEqual([0, expect.any(String)]);
  return JSON.parse(readFileSync(out, "utf8")) as string[];
}

const zodModules = (paths: readonly string[]): string[] => paths.filter((p) => /[\\/]node_modules[\\/]zod[\\/]/.test(p));

describe("what the CLI loads", () => {
  beforeAll(() => {
    if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run npm run build:cli first`);
  });

  it("control: the recorder sees zod when a process loads it", () => {
    const loaded = loadedBy(["-e", `require(${JSON.stringify(require.resolve("zod"))})`]);
    expect(zodModules(loaded).length).toBeGreaterThan(0);
  });

  it.each([
    ["a CSV screen", ["screen", path.join(SAMPLES, "universe.csv"), "--preset", "quality"]],
    ["a CSV screen with --json", ["screen", path.join(SAMPLES, "universe.csv"), "--preset", "quality", "--json"]],
  ])("%s loads no zod", (_what, args) => {
    const loaded = loadedBy([CLI, ...args]);
    expect(loaded).toContain(CLI);
    expect(zodModules(loaded)).toEqual([]);
  });

  it("a refresh of a workbook with saved screens (which it re-runs) loads no zod", () => {
    const loaded = loadedBy([CLI, "refresh", path.join(SAMPLES, "smallcap-universe.xlsx"), "--out", path.join(dir.dir, "refreshed.xlsx")]);
    expect(loaded.some((p) => p.endsWith(path.join("src", "core", "screen", "saved.js")))).toBe(true);
    expect(zodModules(loaded)).toEqual([]);
  });
});
