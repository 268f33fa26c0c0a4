/**
 * `npm run test:mutation` (scripts/mutation.js) changes one piece of source text per mutation;
 * when a refactor moves that text the run stops before it starts. This keeps the list current:
 * every mutation's text must occur exactly once in its file.
 */
import { spawnSync } from "child_process";
import * as path from "path";

test("every mutation of scripts/mutation.js still applies to the source", () => {
  const run = spawnSync(process.execPath, [path.join(__dirname, "..", "scripts", "mutation.js"), "--check"], { encoding: "utf8" });
  expect(run.stderr).toBe("");
  expect(run.stdout).toMatch(/^all \d+ mutations apply/);
  expect(run.status).toBe(0);
});
