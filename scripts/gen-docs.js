#!/usr/bin/env node
// Writes docs/functions.md, the SMALLCAP function reference, from the metadata webpack built
// (dist/functions.json, generated from the JSDoc in src/functions/functions.ts, which
// scripts/gen-functions.ts writes from the registry, src/functions/registry.ts) and the
// worked examples in docs/function-examples.json. Run it as `npm run docs` after
// `npm run build`; test/reference.test.ts fails while the committed file is stale.
//
//   node scripts/gen-docs.js           write docs/functions.md
//   node scripts/gen-docs.js --check   exit 1 (and write nothing) when docs/functions.md is stale
"use strict";

const fs = require("fs");
const path = require("path");
const { renderMarkdown, EXAMPLES_PATH } = require("./reference.js");

const ROOT = path.join(__dirname, "..");
const METADATA_PATH = path.join(ROOT, "dist", "functions.json");
const OUTPUT_PATH = path.join(ROOT, "docs", "functions.md");

function fail(message) {
  process.stderr.write(`gen-docs: ${message}\n`);
  process.exit(1);
}

function readJson(file, hint) {
  let text;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (error) {
    if (error && error.code === "ENOENT") fail(`${path.relative(ROOT, file)} not found: ${hint}`);
    throw error;
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    fail(`${path.relative(ROOT, file)} is not valid JSON (${error.message})`);
  }
  return undefined;
}

function main(argv) {
  const check = argv.includes("--check");
  const metadata = readJson(METADATA_PATH, "run `npm run build` first (it generates the metadata from src/functions/functions.ts).");
  const examples = readJson(EXAMPLES_PATH, "the worked examples belong in docs/function-examples.json.");
  const markdown = renderMarkdown(metadata, examples);
  const relative = path.relative(ROOT, OUTPUT_PATH);
  if (check) {
    const current = fs.existsSync(OUTPUT_PATH) ? fs.readFileSync(OUTPUT_PATH, "utf8") : undefined;
    if (current !== markdown) fail(`${relative} is stale: run npm run docs`);
    process.stdout.write(`${relative} is up to date\n`);
    return;
  }
  fs.writeFileSync(OUTPUT_PATH, markdown);
  process.stdout.write(`wrote ${relative} (${metadata.functions.length} functions)\n`);
}

main(process.argv.slice(2));
