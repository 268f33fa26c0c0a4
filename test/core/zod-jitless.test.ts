/**
 * zod never probes for eval (src/core/zod.ts): under the pane's CSP a blocked `new Function`
 * is reported as a securitypolicyviolation even when zod catches it. Here the global
 * `Function` constructor is watched while the schemas load and parse objects.
 */
type Constructed = unknown[][];

/** Runs `body` with every `new Function(...)` recorded; restores the constructor after. */
function watchingFunction(body: () => void): Constructed {
  const made: Constructed = [];
  const original = globalThis.Function;
  globalThis.Function = new Proxy(original, {
    construct(target, args) {
      made.push(args);
      return Reflect.construct(target, args);
    },
  });
  try {
    body();
  } finally {
    globalThis.Function = original;
  }
  return made;
}

const zodConfig = () => (globalThis as { __zod_globalConfig?: { jitless?: boolean } }).__zod_globalConfig;

import { readdirSync, readFileSync } from "fs";
import * as path from "path";

const SRC = path.resolve(__dirname, "..", "..", "src");
function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sourceFiles(path.join(dir, e.name)) : e.name.endsWith(".ts") ? [path.join(dir, e.name)] : []));
}

describe("zod under the pane's CSP", () => {
  it("every module that imports zod imports src/core/zod.ts (which sets jitless) first", () => {
    const importers = sourceFiles(SRC).filter((f) => /^import [^;]*from "zod";/m.test(readFileSync(f, "utf8")) && !f.endsWith(path.join("core", "zod.ts")));
    expect(importers.length).toBeGreaterThan(0);
    const late = importers.filter((file) => {
      const text = readFileSync(file, "utf8");
      const configured = text.search(/^import "(\.\.?\/)+(core\/)?zod";$/m);
      return configured < 0 || configured > text.search(/^import [^;]*from "zod";/m);
    });
    expect(late.map((f) => path.relative(SRC, f))).toEqual([]);
  });

  it("the project's schemas load with zod jitless and parse objects without constructing a Function", () => {
    let parsed: unknown;
    const made = watchingFunction(() =>
      jest.isolateModules(() => {
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        const { columnMappingSchema } = require("../../src/core/screen/schema") as typeof import("../../src/core/screen/schema");
        parsed = columnMappingSchema.safeParse({ fields: { ticker: 0, ebit: 1 }, ebitHistory: [], interestHistory: [] });
      }),
    );
    expect(parsed).toMatchObject({ success: true });
    expect(zodConfig()?.jitless).toBe(true);
    expect(made).toEqual([]);
  });

  it("control: zod left to its default probes with new Function (what jitless prevents)", () => {
    const config = zodConfig();
    const before = config?.jitless;
    if (config !== undefined) config.jitless = false;
    try {
      const made = watchingFunction(() =>
        jest.isolateModules(() => {
          // eslint-disable-next-line @typescript-eslint/no-require-imports
          const { z } = require("zod") as typeof import("zod");
          z.object({ a: z.number() }).parse({ a: 1 });
        }),
      );
      expect(made.length).toBeGreaterThan(0);
    } finally {
      if (config !== undefined) config.jitless = before;
    }
  });
});
