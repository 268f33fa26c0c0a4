/**
 * The BUILT dist/functions.js carries no zod: the custom functions (QUALITY, SCREEN) run the
 * screen engine, whose checks are zod-free (src/core/screen/config-check.ts, settings.ts);
 * zod stays at the boundaries where stored or typed JSON enters (saved screens, the CLI).
 * zod 4 keeps its internals under the property `_zod` on every schema, a name minification
 * leaves as it is; its jitless switch is a property too. Run after `npm run build`.
 */
import * as fs from "fs";
import * as path from "path";

const BUNDLE = path.join(__dirname, "..", "dist", "functions.js");

test("dist/functions.js has none of zod's code", () => {
  if (!fs.existsSync(BUNDLE)) throw new Error("dist/functions.js is missing: run npm run build first (npm test builds before jest)");
  const code = fs.readFileSync(BUNDLE, "utf8");
  const markers = ["_zod", "jitless", "$ZodType"].filter((marker) => code.includes(marker));
  expect(markers).toEqual([]);
});
