/* eslint-disable @typescript-eslint/no-require-imports, no-undef */
// Flat config: typescript-eslint's recommended rules; `any` allowed only where a file says why.
const js = require("@eslint/js");
const tseslint = require("typescript-eslint");

/**
 * The layers of src/, enforced with no-restricted-imports (test/lint-boundaries.test.ts proves
 * the rule fires):
 *
 *     core  <-  workbook  <-  { taskpane, excel, preview, cli }        functions  ->  core
 *
 * - src/core: the calculation core and the screen engine; imports no other folder of src.
 * - src/workbook: host-neutral workbook rules (the Workbook interface, A1, results sheets,
 *   saved screens, screen runs); imports core only.
 * - src/functions: the custom functions; import core only (the functions bundle stays small).
 * - the hosts (taskpane, excel, preview, cli) import core and workbook, never one another,
 *   except the two composition roots: taskpane/taskpane.ts, the pane's entry in Excel, wires
 *   the Office.js ExcelWorkbook to the pane; preview/preview.ts mounts the pane over the memory
 *   workbook. The CLI's refresh also evaluates SMALLCAP calls through src/functions/definitions.ts.
 * - src/shared (a seeded random generator) is for the preview's sample data and the dev scripts.
 * - nothing in src imports the dev scripts (scripts/) or the bench (bench/).
 * A rule matches an import's path by the folder it climbs into (`../cli/x`, `../../workbook/a1`);
 * a file of the same folder (`./excel` in src/functions) is the folder's own.
 */
const FOLDERS = ["core", "workbook", "taskpane", "excel", "preview", "cli", "functions", "commands", "shared"];

function boundaries(folder, allowed, why) {
  const forbidden = FOLDERS.filter((f) => f !== folder && !allowed.includes(f));
  return {
    "no-restricted-imports": [
      "error",
      {
        patterns: [
          { regex: `(^|\\.\\./)(${forbidden.join("|")})(/|$)`, message: `src/${folder} ${why}` },
          { regex: "(^|/)(scripts|bench)(/|$)", message: "src/ never imports the dev scripts (scripts/) or the bench (bench/): the shipped code must not depend on them." },
        ],
      },
    ],
  };
}

const HOST_RULE = "imports core and workbook only: hosts never import one another (see eslint.config.js for the composition roots).";

module.exports = tseslint.config(
  { ignores: ["dist/**", "build/**", "build-tsc/**", "node_modules/**", "coverage/**", "samples/out/**"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ["**/*.ts"],
    rules: {
      "no-throw-literal": "error",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_" }],
    },
  },
  { files: ["src/core/**/*.ts"], rules: boundaries("core", [], "is the bottom layer: it imports no other folder of src.") },
  { files: ["src/workbook/**/*.ts"], rules: boundaries("workbook", ["core"], "imports src/core only: it is host-neutral.") },
  { files: ["src/functions/**/*.ts"], rules: boundaries("functions", ["core"], "imports src/core only.") },
  { files: ["src/taskpane/**/*.ts"], rules: boundaries("taskpane", ["core", "workbook"], HOST_RULE) },
  { files: ["src/excel/**/*.ts"], rules: boundaries("excel", ["core", "workbook"], HOST_RULE) },
  { files: ["src/preview/**/*.ts"], rules: boundaries("preview", ["core", "workbook", "shared"], HOST_RULE) },
  { files: ["src/cli/**/*.ts"], rules: boundaries("cli", ["core", "workbook", "functions"], HOST_RULE) },
  { files: ["src/commands/**/*.ts"], rules: boundaries("commands", [], "imports no other folder of src.") },
  { files: ["src/shared/**/*.ts"], rules: boundaries("shared", [], "imports no other folder of src.") },
  // The composition roots: the pane's entry wires the Office.js ExcelWorkbook to the pane; the
  // preview's entry mounts the pane over its memory workbook.
  { files: ["src/taskpane/taskpane.ts"], rules: boundaries("taskpane", ["core", "workbook", "excel"], HOST_RULE) },
  { files: ["src/preview/preview.ts"], rules: boundaries("preview", ["core", "workbook", "shared", "taskpane"], HOST_RULE) },
  {
    files: ["**/*.js"],
    languageOptions: { sourceType: "commonjs", globals: { require: "readonly", module: "writable", __dirname: "readonly", process: "readonly", console: "readonly", exports: "writable", Buffer: "readonly", URL: "readonly" } },
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
);
