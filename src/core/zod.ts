/**
 * zod, configured once for every bundle that uses it: a schema module imports this module for
 * its effect first (`import "../zod";`), then `z` from "zod".
 *
 * zod 4 compiles object parsers with `new Function` when it finds eval allowed, and finds out
 * by trying `new Function("")` once. Under the task pane's Content-Security-Policy (no
 * 'unsafe-eval') that probe is blocked, and a blocked eval is reported as a
 * `securitypolicyviolation` even though zod catches the exception. `jitless` makes zod skip
 * the probe and parse without generated code (node_modules/zod/v4/core/util.js, `allowsEval`;
 * v4/core/schemas.js reads `globalConfig.jitless` before compiling). Imported first, this
 * module runs before the importing module builds any schema (ES modules evaluate their imports
 * in order).
 *
 * It exports nothing on purpose: re-exporting zod's `z` namespace from here made webpack keep
 * the whole namespace, all 64 locales included (functions.js 32 -> 97 KB gzip).
 */
import { config } from "zod";

config({ jitless: true });
