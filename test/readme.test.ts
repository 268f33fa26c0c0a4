/**
 * README.md against the repository it describes: every npm script is in the Scripts table,
 * every folder under src/ in the Layout, and the examples write only where git ignores output.
 * (Every package in package.json is named in the dependency list:
 * test/hardening/dependencies.test.ts.)
 */
import { readFileSync, readdirSync } from "fs";
import * as path from "path";

const ROOT = path.resolve(__dirname, "..");
const README = readFileSync(path.join(ROOT, "README.md"), "utf8");
const pkg = JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8")) as { scripts: Record<string, string> };

/** The lines of README's `## <title>` section. */
function section(title: string): string {
  const lines = README.split("\n");
  const start = lines.findIndex((l) => l === `## ${title}`);
  if (start === -1) throw new Error(`README.md has no "## ${title}" section`);
  const end = lines.findIndex((l, i) => i > start && /^## /.test(l));
  return lines.slice(start, end === -1 ? undefined : end).join("\n");
}

test("every npm script is named in README's Scripts table", () => {
  const table = section("Scripts");
  // `npm test`, `npm run x`, and the short forms (`build:dev` after `npm run build`).
  const named = new Set([...table.matchAll(/`(?:npm (?:run )?)?([a-z:-]+)`/g)].map((m) => m[1]));
  // `prepare` runs by itself on `npm ci`; README says so beside build:cli.
  const missing = Object.keys(pkg.scripts).filter((s) => !named.has(s) && !(s === "prepare" && /`prepare`/.test(table)));
  expect(missing).toEqual([]);
});

test("every folder under src/ is in README's Layout", () => {
  const layout = section("Layout");
  const folders = readdirSync(path.join(ROOT, "src"), { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => `src/${d.name}/`);
  expect(folders.filter((f) => !layout.includes(f))).toEqual([]);
});

test("README's examples write their output into samples/out/, which git ignores", () => {
  const blocks = [...README.matchAll(/```sh\n([\s\S]*?)```/g)].map((m) => m[1]).join("\n");
  const outs = [...blocks.matchAll(/--out\s+(\S+)/g)].map((m) => m[1]);
  expect(outs.length).toBeGreaterThan(0);
  expect(outs.filter((o) => !o.startsWith("samples/out/"))).toEqual([]);
  expect(readFileSync(path.join(ROOT, ".gitignore"), "utf8").split("\n")).toContain("samples/out/");
});

test("README names the switches the test run reads: the browser opt-out and the verbose flag", async () => {
  const { BROWSER } = await import("./helpers/prerequisites");
  expect(README).toContain(`${BROWSER.optOut}=1 npm test`);
  expect(README).toContain("SMALLCAP_VERBOSE=1");
  expect(readFileSync(path.join(ROOT, "test", "helpers", "report.ts"), "utf8")).toContain('process.env.SMALLCAP_VERBOSE === "1"');
  expect(README).toContain(BROWSER.install);
});
