/**
 * Writes src/functions/functions.ts, Excel's entry points, from the function registry
 * (src/functions/registry.ts): one function per entry, with the JSDoc that Microsoft's
 * custom-functions metadata plugin turns into dist/functions.json. Edit the registry, then
 * `npm run functions` (and `npm run build && npm run docs`); test/functions/registry.test.ts
 * fails while the committed file is stale.
 *
 *   node build/cli/scripts/gen-functions.js           write src/functions/functions.ts
 *   node build/cli/scripts/gen-functions.js --check   exit 1 (and write nothing) when it is stale
 */
import { existsSync, readFileSync, writeFileSync } from "fs";
import * as path from "path";
import { REGISTRY, docsOf, type FunctionEntry } from "../src/functions/registry";
import { repoRoot } from "./repo-root";

/** The development URL the build rewrites to the production one (scripts/addin-url.js). */
const HELP_BASE = "https://localhost:3000/functions.html#";

export const FUNCTIONS_PATH = path.join("src", "functions", "functions.ts");

const HEADER = `/*
 * Excel's entry points for the SMALLCAP functions. GENERATED from src/functions/registry.ts by
 * scripts/gen-functions.ts (npm run functions): do not edit by hand. The JSDoc on each function
 * is what CustomFunctionsMetadataPlugin turns into functions.json (and it registers each function
 * with CustomFunctions.associate); each body hands the arguments to the shared definitions and
 * converts errors for Excel.
 *
 * Range parameters are \`any[][]\` (the metadata generator's "matrix"); results spill.
 * Optional parameters arrive as null when omitted.
 */
/* eslint-disable @typescript-eslint/no-explicit-any -- Excel hands cells of any type; the adapter reads them. */
import { SMALLCAP_FUNCTIONS } from "./definitions";
import { forExcel } from "./excel";
`;

function entryPoint(entry: FunctionEntry): string {
  const docs = docsOf(entry);
  const jsdoc = [
    "/**",
    ` * ${docs.description}`,
    ` * @customfunction ${entry.name}`,
    ` * @helpurl ${HELP_BASE}${entry.name.toLowerCase()}`,
    ...entry.args.map((a) => ` * @param {any[][]} ${a.optional === true ? `[${a.name}]` : a.name} ${docs.args[a.name]}`),
    ` * @returns {any[][]} ${docs.result}`,
    " */",
  ];
  const params = entry.args.map((a) => `${a.name}${a.optional === true ? "?" : ""}: any[][]`);
  const head = `export function ${entry.name.toLowerCase()}(`;
  const tail = "): any[][] {";
  const signature = head.length + params.join(", ").length + tail.length <= 130 ? `${head}${params.join(", ")}${tail}` : `${head}\n${params.map((p) => `  ${p},\n`).join("")}${tail}`;
  const call = `  return forExcel(SMALLCAP_FUNCTIONS.${entry.name}, ${entry.args.map((a) => a.name).join(", ")});`;
  return [...jsdoc, signature, call, "}"].join("\n");
}

/** The text of src/functions/functions.ts for the registry. */
export function renderFunctions(registry: readonly FunctionEntry[] = REGISTRY): string {
  return `${HEADER}\n${registry.map(entryPoint).join("\n\n")}\n`;
}

function main(argv: readonly string[]): void {
  const file = path.join(repoRoot(), FUNCTIONS_PATH);
  const text = renderFunctions();
  if (argv.includes("--check")) {
    const current = existsSync(file) ? readFileSync(file, "utf8") : undefined;
    if (current !== text) {
      process.stderr.write(`gen-functions: ${FUNCTIONS_PATH} is stale: run npm run functions\n`);
      process.exit(1);
    }
    process.stdout.write(`${FUNCTIONS_PATH} is up to date\n`);
    return;
  }
  writeFileSync(file, text);
  process.stdout.write(`wrote ${FUNCTIONS_PATH} (${REGISTRY.length} functions)\n`);
}

if (require.main === module) main(process.argv.slice(2));
