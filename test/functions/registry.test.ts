/**
 * The function registry (src/functions/registry.ts) is the one declaration of every SMALLCAP
 * function: Excel's entry points are generated from it, and what Excel reads
 * (dist/functions.json, built from their JSDoc) must say what the registry says.
 */
import * as fs from "fs";
import * as path from "path";
import { REGISTRY, docsOf } from "../../src/functions/registry";
import { SMALLCAP_FUNCTIONS } from "../../src/functions/definitions";
import { QUALITY_ARGUMENTS } from "../../src/core/screen/quality";
import { FUNCTIONS_PATH, renderFunctions } from "../../scripts/gen-functions";

const ROOT = path.join(__dirname, "..", "..");
const METADATA_PATH = path.join(ROOT, "dist", "functions.json");
const BUNDLE_PATH = path.join(ROOT, "dist", "functions.js");

interface Metadata {
  functions: {
    id: string;
    name: string;
    description?: string;
    helpUrl?: string;
    parameters: { name: string; description?: string; type?: string; dimensionality?: string; optional?: boolean }[];
    result: { dimensionality?: string; type?: string };
  }[];
}

function built<T>(file: string, read: (text: string) => T): T {
  if (!fs.existsSync(file)) throw new Error(`${path.relative(ROOT, file)} is missing: run npm run build first (npm test builds before jest)`);
  return read(fs.readFileSync(file, "utf8"));
}

describe("the registry", () => {
  it("generates the committed src/functions/functions.ts (npm run functions)", () => {
    const committed = fs.readFileSync(path.join(ROOT, FUNCTIONS_PATH), "utf8");
    expect(committed === renderFunctions()).toBe(true);
  });

  it("declares each function once, and SMALLCAP_FUNCTIONS holds exactly those", () => {
    const names = REGISTRY.map((e) => e.name);
    expect(new Set(names).size).toBe(names.length);
    expect(Object.keys(SMALLCAP_FUNCTIONS)).toEqual(names);
  });

  it("gives every argument a description, lists optional arguments last, and keeps defaults and bounds on optional or single-valued ones", () => {
    for (const entry of REGISTRY) {
      const docs = docsOf(entry);
      expect({ fn: entry.name, described: Object.keys(docs.args) }).toEqual({ fn: entry.name, described: entry.args.map((a) => a.name) });
      const firstOptional = entry.args.findIndex((a) => a.optional === true);
      if (firstOptional >= 0) expect({ fn: entry.name, optionalLast: entry.args.slice(firstOptional).every((a) => a.optional === true) }).toEqual({ fn: entry.name, optionalLast: true });
      for (const arg of entry.args) {
        if (arg.default !== undefined) expect({ fn: entry.name, arg: arg.name, optional: arg.optional }).toEqual({ fn: entry.name, arg: arg.name, optional: true });
        if (arg.bound !== undefined) expect({ fn: entry.name, arg: arg.name, role: ["flag", "window", "scalar"].includes(arg.role) }).toEqual({ fn: entry.name, arg: arg.name, role: true });
      }
      for (const name of Object.keys(docs.rules ?? {})) expect(entry.args.map((a) => a.name)).toContain(name);
    }
  });

  it("names QUALITY's company inputs as the core's quality test does, in its order", () => {
    const quality = REGISTRY.find((e) => e.name === "QUALITY");
    expect(quality?.args.slice(0, QUALITY_ARGUMENTS.length).map((a) => a.name)).toEqual(QUALITY_ARGUMENTS.map((a) => a.name));
  });
});

describe("dist/functions.json against the registry", () => {
  const metadata = built(METADATA_PATH, (text) => JSON.parse(text) as Metadata);

  it("has the registry's functions, in its order, with its descriptions, parameters, optional flags and help URLs", () => {
    const expected = REGISTRY.map((entry) => {
      const docs = docsOf(entry);
      return {
        id: entry.name,
        name: entry.name,
        description: docs.description,
        helpUrl: `https://localhost:3000/functions.html#${entry.name.toLowerCase()}`,
        parameters: entry.args.map((a) => ({
          name: a.name,
          description: docs.args[a.name],
          type: "any",
          dimensionality: "matrix",
          ...(a.optional === true ? { optional: true } : {}),
        })),
        result: { dimensionality: "matrix" },
      };
    });
    const actual = metadata.functions.map((fn) => ({
      ...fn,
      // The build writes the production address where ADDIN_URL is set; the anchor is what the registry fixes.
      helpUrl: `https://localhost:3000/functions.html#${(fn.helpUrl ?? "").split("#")[1]}`,
    }));
    expect(actual).toEqual(expected);
  });
});

describe("dist/functions.js", () => {
  const bundle = built(BUNDLE_PATH, (text) => text);

  it("carries the registry's rules but not its texts (Excel reads those from functions.json)", () => {
    for (const entry of REGISTRY) {
      // webpack.config.js defines SMALLCAP_FUNCTION_DOCS as false, so the minifier drops every docs block.
      const docs = docsOf(entry);
      expect({ fn: entry.name, description: bundle.includes(docs.description) }).toEqual({ fn: entry.name, description: false });
      for (const text of Object.values(docs.args)) expect({ fn: entry.name, text, inBundle: bundle.includes(text) }).toEqual({ fn: entry.name, text, inBundle: false });
    }
    expect(bundle).toContain("window must be a whole number of at least 1");
  });
});
