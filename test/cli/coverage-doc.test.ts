/** docs/HEADLESS.md's function coverage is the evaluator's registry (UPDATE_COVERAGE=1 rewrites it). */
import { readFileSync, writeFileSync } from "fs";
import * as path from "path";
import { COVERAGE_END, COVERAGE_START, coverageMarkdown } from "../../src/cli/formula/coverage";

const DOC = path.resolve(__dirname, "..", "..", "docs", "HEADLESS.md");

test("docs/HEADLESS.md lists the functions the evaluator's registry holds", () => {
  const text = readFileSync(DOC, "utf8");
  const start = text.indexOf(COVERAGE_START);
  const end = text.indexOf(COVERAGE_END);
  expect(start).toBeGreaterThanOrEqual(0);
  expect(end).toBeGreaterThan(start);
  const current = text.slice(start, end + COVERAGE_END.length);
  const generated = coverageMarkdown();
  if (process.env.UPDATE_COVERAGE === "1" && current !== generated) {
    writeFileSync(DOC, text.slice(0, start) + generated + text.slice(end + COVERAGE_END.length));
    return;
  }
  expect(current).toBe(generated);
});
