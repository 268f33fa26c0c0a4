/**
 * A jest reporter, after the default one (its lines land just above jest's closing summary
 * lines): the run's headline figures (test/helpers/report.ts `figure`), then every skipped
 * test by name (a skipped test's name carries its reason:
 * test/helpers/prerequisites.ts), so a skip cannot pass unseen. Details stay in
 * test-output/report.txt.
 */
const fs = require("fs");
const path = require("path");

const OUTPUT_DIR = process.env.SMALLCAP_TEST_OUTPUT || path.resolve(__dirname, "..", "..", "test-output");
const REPORT_FILE = path.join(OUTPUT_DIR, "report.txt");
const FIGURES_FILE = path.join(OUTPUT_DIR, "figures.txt");

/** Every skipped or todo test of a run, as "file: full name". */
function skippedTests(results, root) {
  const out = [];
  for (const file of results.testResults) {
    for (const t of file.testResults) {
      if (t.status === "pending" || t.status === "skipped" || t.status === "todo") {
        out.push(`${path.relative(root, file.testFilePath)}: ${t.fullName}`);
      }
    }
  }
  return out;
}

class SummaryReporter {
  constructor(globalConfig) {
    this.root = globalConfig.rootDir;
    // Under -t, jest counts every test the pattern leaves out as skipped: list only the skips
    // that carry a reason then, and count the rest.
    this.filtered = Boolean(globalConfig.testNamePattern);
  }

  onRunStart() {
    fs.mkdirSync(OUTPUT_DIR, { recursive: true });
    for (const file of [REPORT_FILE, FIGURES_FILE]) fs.writeFileSync(file, "");
  }

  onRunComplete(_contexts, results) {
    const lines = [];
    const figures = fs.existsSync(FIGURES_FILE) ? fs.readFileSync(FIGURES_FILE, "utf8").split("\n").filter((l) => l !== "") : [];
    if (figures.length > 0) {
      lines.push("Figures:", ...figures.map((f) => `  ${f}`));
    }
    if (fs.existsSync(REPORT_FILE) && fs.statSync(REPORT_FILE).size > 0) {
      lines.push(`Details: ${path.relative(process.cwd(), REPORT_FILE)} (SMALLCAP_VERBOSE=1 prints them inline)`);
    }
    const all = skippedTests(results, this.root);
    const skipped = this.filtered ? all.filter((s) => s.includes("SKIPPED:")) : all;
    if (skipped.length > 0) {
      lines.push(`Skipped (${skipped.length}), each with its reason:`, ...skipped.map((s) => `  - ${s}`));
    }
    if (all.length > skipped.length) lines.push(`(${all.length - skipped.length} more left out by the -t pattern)`);
    if (lines.length > 0) process.stderr.write(`\n${lines.join("\n")}\n`);
  }
}

module.exports = SummaryReporter;
module.exports.skippedTests = skippedTests;
