/**
 * The BUILT bundles carry no zod: the custom functions (dist/functions.js: QUALITY, SCREEN) run
 * the screen engine, whose checks are zod-free (src/core/screen/config-check.ts, settings.ts),
 * and the pane (dist/taskpane.js) also reads saved screens, checked without zod too
 * (src/core/screen/saved.ts). The zod schemas (schema.ts, src/cli/json-schema.ts) are the
 * reference the tests compare against and the `--json` contract, imported by nothing that runs.
 * zod 4 keeps its internals under the property `_zod` on every schema, a name minification
 * leaves as it is; its jitless switch is a property too. Run after `npm run build`.
 */
import * as fs from "fs";
import * as path from "path";

const DIST = path.join(__dirname, "..", "dist");

test.each(["functions.js", "taskpane.js"])("dist/%s has none of zod's code", (name) => {
  const bundle = path.join(DIST, name);
  if (!fs.existsSync(bundle)) throw new Error(`dist/${name} is missing: run npm run build first (npm test builds before jest)`);
  const code = fs.readFileSync(bundle, "utf8");
  const markers = ["_zod", "jitless", "$ZodType"].filter((marker) => code.includes(marker));
  expect(markers).toEqual([]);
});
