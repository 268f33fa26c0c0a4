/**
 * The layers of src/ (eslint.config.js): core <- workbook <- {taskpane, excel, preview, cli},
 * functions -> core, hosts never import one another but for the two composition roots, and
 * nothing in src imports scripts/ or bench/. ESLint's own API lints made-up files that cross a
 * boundary (the rule must report each) and the real tree (it must report nothing).
 */
import { execFileSync } from "child_process";
import * as path from "path";
import { ESLint } from "eslint";

const ROOT = path.resolve(__dirname, "..");
const RULE = "no-restricted-imports";

// The config is handed over as an object: ESLint's own loading of eslint.config.js goes
// through a dynamic import() that jest's module system does not provide.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const config = require(path.join(ROOT, "eslint.config.js"));
const eslint = new ESLint({ cwd: ROOT, overrideConfigFile: true, overrideConfig: config });

/** The boundary messages ESLint gives `code` as if it were the file `file` (relative to the repository). */
async function boundaryMessages(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(ROOT, file) });
  return result.messages.filter((m) => m.ruleId === RULE).map((m) => m.message);
}

const CROSSINGS: readonly [file: string, importPath: string, says: RegExp][] = [
  ["src/core/screen/made-up.ts", "../../workbook/a1", /src\/core is the bottom layer/],
  ["src/core/made-up.ts", "../functions/definitions", /src\/core is the bottom layer/],
  ["src/workbook/made-up.ts", "../cli/source", /src\/workbook imports src\/core only/],
  ["src/workbook/made-up.ts", "../taskpane/pane", /src\/workbook imports src\/core only/],
  ["src/functions/made-up.ts", "../workbook/a1", /src\/functions imports src\/core only/],
  ["src/taskpane/made-up.ts", "../cli/results-sheet", /src\/taskpane imports core and workbook only/],
  ["src/taskpane/made-up.ts", "../excel/excel-workbook", /src\/taskpane imports core and workbook only/],
  ["src/excel/made-up.ts", "../taskpane/pane", /src\/excel imports core and workbook only/],
  ["src/preview/memory-workbook.ts", "../taskpane/pane", /src\/preview imports core and workbook only/],
  ["src/cli/made-up.ts", "../preview/memory-workbook", /src\/cli imports core and workbook only/],
  ["src/cli/made-up.ts", "../../scripts/make-sample", /never imports the dev scripts/],
  ["src/core/made-up.ts", "../../bench/run", /never imports the dev scripts \(scripts\/\) or the bench/],
];

describe("the import boundaries of src/", () => {
  test.each(CROSSINGS)("%s importing %s is reported", async (file, importPath, says) => {
    const messages = await boundaryMessages(file, `import * as crossing from "${importPath}";\nexport const used = crossing;\n`);
    expect(messages).toEqual([expect.stringMatching(says)]);
  });

  test("the allowed directions and the two composition roots pass", async () => {
    const allowed: [string, string][] = [
      ["src/workbook/made-up.ts", "../core/screen"],
      ["src/functions/made-up.ts", "./excel"],
      ["src/cli/made-up.ts", "../workbook/results-layout"],
      ["src/cli/formula/made-up.ts", "../../functions/definitions"],
      ["src/excel/made-up.ts", "../workbook/results-sheet"],
      ["src/taskpane/taskpane.ts", "../excel/excel-workbook"],
      ["src/preview/preview.ts", "../taskpane/pane"],
      ["src/cli/made-up.ts", "exceljs"],
    ];
    for (const [file, importPath] of allowed) {
      await expect(boundaryMessages(file, `import * as ok from "${importPath}";\nexport const used = ok;\n`)).resolves.toEqual([]);
    }
  });

  test("npx eslint src: no import crosses a boundary", () => {
    // In a child process, as `npx eslint src` runs (its file search also imports dynamically).
    let stdout: string;
    try {
      stdout = execFileSync(process.execPath, [path.join(ROOT, "node_modules", "eslint", "bin", "eslint.js"), "src", "--format", "json"], { cwd: ROOT, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
    } catch (error) {
      // ESLint exits 1 when any rule reports: the JSON still says which.
      stdout = String((error as { stdout?: unknown }).stdout ?? "");
    }
    const results = JSON.parse(stdout) as ESLint.LintResult[];
    const crossings = results.flatMap((r) => r.messages.filter((m) => m.ruleId === RULE).map((m) => `${path.relative(ROOT, r.filePath)}:${m.line} ${m.message}`));
    expect(results.length).toBeGreaterThan(50);
    expect(crossings).toEqual([]);
  });
});
