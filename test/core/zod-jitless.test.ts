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

describe("zod under the pane's CSP", () => {
  it("the project's schemas load with zod jitless and parse objects without constructing a Function", () => {
    let parsed: unknown;
    const made = watchingFunction(() =>
      jest.isolateModules(() => {
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        const { parseColumnMapping } = require("../../src/core/screen/schema") as typeof import("../../src/core/screen/schema");
        parsed = parseColumnMapping({ fields: { ticker: 0, ebit: 1 }, ebitHistory: [], interestHistory: [] });
      }),
    );
    expect(parsed).toMatchObject({ ok: true });
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
