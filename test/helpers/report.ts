/**
 * Where the suites' statistics go, so the default `npm test` stays quiet.
 *
 * - `report(text)`: detail (the bad-input matrix, per-function fuzz counts, fault-injection
 *   lists) appended to test-output/report.txt, tagged with the suite's file;
 * - `figure(text)`: one short headline line, also appended to test-output/figures.txt, which
 *   test/helpers/summary-reporter.js prints just above jest's summary lines.
 *
 * SMALLCAP_VERBOSE=1 prints both inline as well (console.log), as the suites used to.
 * test-output/ is in .gitignore; the reporter empties both files when a run starts.
 */
import { appendFileSync, mkdirSync } from "fs";
import * as path from "path";

const ROOT = path.resolve(__dirname, "..", "..");
/** test-output/ (SMALLCAP_TEST_OUTPUT moves it, for a nested jest run in the tests of this helper). */
export const OUTPUT_DIR = process.env.SMALLCAP_TEST_OUTPUT ?? path.join(ROOT, "test-output");
export const REPORT_FILE = path.join(OUTPUT_DIR, "report.txt");
export const FIGURES_FILE = path.join(OUTPUT_DIR, "figures.txt");
export const VERBOSE = process.env.SMALLCAP_VERBOSE === "1";

/** The running suite's file relative to the repository (jest's expect state), or "?" outside a test file. */
function suite(): string {
  const file = (expect.getState() as { testPath?: string }).testPath;
  return file === undefined ? "?" : path.relative(ROOT, file);
}

function append(file: string, text: string): void {
  mkdirSync(OUTPUT_DIR, { recursive: true });
  appendFileSync(file, text.endsWith("\n") ? text : `${text}\n`);
}

/** A detail for test-output/report.txt (printed inline only when SMALLCAP_VERBOSE=1). */
export function report(text: string): void {
  append(REPORT_FILE, `[${suite()}]\n${text}\n`);
  if (VERBOSE) console.log(text);
}

/** A headline figure: in the report, and printed in the few lines above jest's summary. Keep it to one line. */
export function figure(text: string): void {
  append(FIGURES_FILE, text.replace(/\s*\n\s*/g, " "));
  report(text);
}
