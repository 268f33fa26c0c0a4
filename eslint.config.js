/* eslint-disable @typescript-eslint/no-require-imports, no-undef */
// Flat config: typescript-eslint's recommended rules; `any` allowed only where a file says why.
const js = require("@eslint/js");
const tseslint = require("typescript-eslint");

module.exports = tseslint.config(
  { ignores: ["dist/**", "build/**", "build-tsc/**", "node_modules/**", "coverage/**", "samples/out/**"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ["**/*.ts"],
    rules: {
      "no-throw-literal": "error",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_" }],
      // zod must be configured (jitless, for the pane's CSP) before any schema: src/core/zod.ts.
      "no-restricted-imports": ["error", { paths: [{ name: "zod", message: "import { z } from src/core/zod.ts, which configures zod for the pane's CSP" }] }],
    },
  },
  { files: ["src/core/zod.ts"], rules: { "no-restricted-imports": "off" } },
  {
    files: ["**/*.js"],
    languageOptions: { sourceType: "commonjs", globals: { require: "readonly", module: "writable", __dirname: "readonly", process: "readonly", console: "readonly", exports: "writable", Buffer: "readonly", URL: "readonly" } },
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
);
