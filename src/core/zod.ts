/**
 * zod, configured once for every bundle that uses it: import `z` from here, never from "zod".
 *
 * zod 4 compiles object parsers with `new Function` when it finds eval allowed, and finds out
 * by trying `new Function("")` once. Under the task pane's Content-Security-Policy (no
 * 'unsafe-eval') that probe is blocked, and a blocked eval is reported as a
 * `securitypolicyviolation` even though zod catches the exception. `jitless` makes zod skip
 * the probe and parse without generated code (node_modules/zod/v4/core/util.js, `allowsEval`;
 * v4/core/schemas.js reads `globalConfig.jitless` before compiling). Set here, at the top of
 * the one module every schema module imports, it holds before any schema is built or used.
 */
import { z } from "zod";

z.config({ jitless: true });

export { z };
