#!/usr/bin/env node
/**
 * `npm run test:mutation`: plants each small bug of MUTATIONS (below) in a private copy of the
 * tree, runs the jest suites that should catch it, and reports which ones no test caught.
 *
 * The working tree is never modified: src, test and the jest/TypeScript configuration are copied
 * to a temporary directory (node_modules is a symlink), each mutation is written into the copy's
 * file and the pristine text put back after its run; the copy is removed at the end, also on
 * Ctrl+C. Only the suites listed for a mutation run (`--bail`, one worker), which keeps the whole
 * list to a few minutes on two cores. Not part of `npm test`.
 *
 * Usage: node scripts/mutation.js [--only id,id] [--list] [--check]
 *   --check: only verify that every mutation still applies (its text occurs exactly once); a test runs it
 * Exit code: 0 when every mutation was caught, 1 when one survived or the unmutated suites fail.
 */
"use strict";
const { spawnSync } = require("node:child_process");
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");

const ROOT = path.resolve(__dirname, "..");

/** Suites by area. */
const CORE = ["test/core/boundaries.test.ts", "test/core/properties.test.ts", "test/core/values.test.ts", "test/functions"];
const SCREEN = ["test/core/screen"];
const EXCEL = ["test/excel/fault-injection.test.ts", "test/excel/limits-and-tables.test.ts"];

/**
 * Each mutation: the file, the exact text it replaces (it must occur exactly once), the
 * replacement, the suites to run and what kind of bug it is.
 */
const MUTATIONS = [
  // -- comparison operators at thresholds ------------------------------------------------
  { id: "zombie-period-boundary", kind: "comparison", file: "src/core/zombie.ts", find: "ebit / cover >= threshold", replace: "ebit / cover > threshold", suites: [...CORE, ...SCREEN] },
  { id: "zombie-latest-boundary", kind: "comparison", file: "src/core/screen/metrics.ts", find: "} else if (cover >= threshold) status[i] = 0;", replace: "} else if (cover > threshold) status[i] = 0;", suites: SCREEN },
  { id: "rating-band-inclusive", kind: "comparison", file: "src/core/coverage.ts", find: "if (coverage >= band.minIcr)", replace: "if (coverage > band.minIcr)", suites: CORE },
  { id: "floating-share-range", kind: "comparison", file: "src/core/rates.ts", find: "floatingShare < 0 || floatingShare > 1) return SHARE_OUT_OF_RANGE", replace: "floatingShare < 0 || floatingShare >= 1) return SHARE_OUT_OF_RANGE", suites: CORE },
  { id: "proforma-interest-zero", kind: "comparison", file: "src/core/rates.ts", find: "if (!(interest > 0)) return NO_PROFORMA_INTEREST", replace: "if (!(interest >= 0)) return NO_PROFORMA_INTEREST", suites: CORE },
  { id: "maturity-wall-horizon", kind: "comparison", file: "src/core/rates.ts", find: "if (years[i] <= horizonYears)", replace: "if (years[i] < horizonYears)", suites: CORE },
  { id: "schedule-no-debt", kind: "comparison", file: "src/core/rates.ts", find: "return total > 0 ? total : NO_DEBT", replace: "return total >= 0 ? total : NO_DEBT", suites: CORE },
  { id: "days-to-cover-volume", kind: "comparison", file: "src/core/liquidity.ts", find: "if (avgDailyVolume <= 0) return NO_VOLUME", replace: "if (avgDailyVolume < 0) return NO_VOLUME", suites: CORE },
  { id: "premium-floor", kind: "comparison", file: "src/core/valuation.ts", find: "if (currentPremium <= -1)", replace: "if (currentPremium < -1)", suites: CORE },
  { id: "pe-positive", kind: "comparison", file: "src/core/valuation.ts", find: "if (smallPe <= 0 || largePe <= 0)", replace: "if (smallPe < 0 || largePe <= 0)", suites: CORE },
  { id: "index-pe-unprofitable", kind: "comparison", file: "src/core/aggregates.ts", find: "excludeUnprofitable && earned[i] <= 0", replace: "excludeUnprofitable && earned[i] < 0", suites: CORE },
  { id: "index-pe-sum", kind: "comparison", file: "src/core/aggregates.ts", find: "if (earningsSum <= 0)", replace: "if (earningsSum < 0)", suites: CORE },
  { id: "fcf-strict", kind: "comparison", file: "src/core/screen/criteria.ts", find: "comparison === ABOVE ? v > threshold", replace: "comparison === ABOVE ? v >= threshold", suites: SCREEN },
  { id: "at-most-inclusive", kind: "comparison", file: "src/core/screen/criteria.ts", find: "comparison === AT_MOST ? v <= threshold", replace: "comparison === AT_MOST ? v < threshold", suites: SCREEN },
  { id: "at-least-inclusive", kind: "comparison", file: "src/core/screen/criteria.ts", find: ": v >= threshold;\n", replace: ": v > threshold;\n", suites: SCREEN },
  { id: "coverage-criterion-inclusive", kind: "comparison", file: "src/core/screen/criteria.ts", find: "return v >= threshold ? VERDICT_PASS : VERDICT_FAIL;", replace: "return v > threshold ? VERDICT_PASS : VERDICT_FAIL;", suites: SCREEN },
  { id: "stress-below-threshold", kind: "comparison", file: "src/core/screen/summary.ts", find: "if (s < input.stressThreshold) belowThreshold++", replace: "if (s <= input.stressThreshold) belowThreshold++", suites: SCREEN },
  { id: "stress-below-one", kind: "comparison", file: "src/core/screen/summary.ts", find: "if (s < COVER_LINE) belowOne++", replace: "if (s <= COVER_LINE) belowOne++", suites: SCREEN },
  { id: "unprofitable-strict", kind: "comparison", file: "src/core/screen/summary.ts", find: "if (e < 0) unprofitable++", replace: "if (e <= 0) unprofitable++", suites: SCREEN },
  { id: "no-debt-passes", kind: "comparison", file: "src/core/screen/criteria.ts", find: "if (debt !== null && debt[i] === 0) return VERDICT_PASS;", replace: "if (debt !== null && debt[i] === 1) return VERDICT_PASS;", suites: SCREEN },
  { id: "zombie-keep-flipped", kind: "comparison", file: "src/core/screen/criteria.ts", find: "return (s === 1) === keepZombies ? VERDICT_PASS : VERDICT_FAIL;", replace: "return (s === 1) !== keepZombies ? VERDICT_PASS : VERDICT_FAIL;", suites: SCREEN },
  { id: "score-order", kind: "comparison", file: "src/core/screen/score.ts", find: "return score[a] > score[b] ? -1 : 1;", replace: "return score[a] < score[b] ? -1 : 1;", suites: SCREEN },
  { id: "ticker-tie-break", kind: "comparison", file: "src/core/screen/score.ts", find: "return ta < tb ? -1 : 1;", replace: "return ta > tb ? -1 : 1;", suites: SCREEN },
  // -- dropped abs -------------------------------------------------------------------------
  { id: "zombie-abs", kind: "dropped abs", file: "src/core/zombie.ts", find: "const cover = Math.abs(interest);", replace: "const cover = interest;", suites: [...CORE, ...SCREEN] },
  { id: "icr-abs", kind: "dropped abs", file: "src/core/coverage.ts", find: "return interestExpense === 0 ? NaN : ebit / Math.abs(interestExpense);", replace: "return interestExpense === 0 ? NaN : ebit / interestExpense;", suites: [...CORE, ...SCREEN] },
  { id: "shock-abs", kind: "dropped abs", file: "src/core/rates.ts", find: "return Math.abs(interestExpense) + shockInterest", replace: "return interestExpense + shockInterest", suites: [...CORE, ...SCREEN] },
  { id: "relative-change-abs", kind: "dropped abs", file: "src/core/gearing.ts", find: "(current - prior) / Math.abs(prior)", replace: "(current - prior) / prior", suites: CORE },
  // -- swapped arguments -----------------------------------------------------------------
  { id: "icr-swapped", kind: "swapped arguments", file: "src/core/coverage.ts", find: "return coverageRatio(ebit, interestExpense);", replace: "return coverageRatio(interestExpense, ebit);", suites: CORE },
  { id: "dol-swapped", kind: "swapped arguments", file: "src/core/gearing.ts", find: "return relativeChange(ebitPrior, ebitCurrent) / revenueChange;", replace: "return relativeChange(ebitCurrent, ebitPrior) / revenueChange;", suites: CORE },
  { id: "relative-pe-swapped", kind: "swapped arguments", file: "src/core/valuation.ts", find: "return smallPe / largePe - 1;", replace: "return largePe / smallPe - 1;", suites: CORE },
  { id: "relperf-swapped", kind: "swapped arguments", file: "src/core/liquidity.ts", find: "(s1 as number) / (s0 as number) / ((l1 as number) / (l0 as number)) - 1", replace: "(l1 as number) / (l0 as number) / ((s1 as number) / (s0 as number)) - 1", suites: CORE },
  { id: "shock-args-swapped", kind: "swapped arguments", file: "src/core/screen/metrics.ts", find: "shockedRatio(e, x, d, s, shockBps)", replace: "shockedRatio(e, x, s, d, shockBps)", suites: SCREEN },
  // -- off by one in windows and periods --------------------------------------------------
  { id: "zombie-window", kind: "off by one", file: "src/core/zombie.ts", find: "const first = yearsValid ? periods - years : 0;", replace: "const first = yearsValid ? periods - years + 1 : 0;", suites: [...CORE, ...SCREEN] },
  { id: "zombie-column-window", kind: "off by one", file: "src/core/screen/metrics.ts", find: "const first = periods - considered;", replace: "const first = periods - considered + 1;", suites: SCREEN },
  { id: "relperf-warmup", kind: "off by one", file: "src/core/liquidity.ts", find: "if (t < window) {", replace: "if (t <= window) {", suites: CORE },
  { id: "relperf-lag", kind: "off by one", file: "src/core/liquidity.ts", find: "const s0 = priceAt(small, t - window);", replace: "const s0 = priceAt(small, t - window + 1);", suites: CORE },
  { id: "rank-from-zero", kind: "off by one", file: "src/core/screen/score.ts", find: "rank[passing[k]] = k + 1;", replace: "rank[passing[k]] = k;", suites: SCREEN },
  // -- changed defaults --------------------------------------------------------------------
  { id: "default-shock", kind: "changed default", file: "src/core/defaults.ts", find: "export const DEFAULT_SHOCK_BPS = 200;", replace: "export const DEFAULT_SHOCK_BPS = 100;", suites: SCREEN },
  { id: "default-zombie-line", kind: "changed default", file: "src/core/defaults.ts", find: "export const DEFAULT_ZOMBIE_THRESHOLD = 1;", replace: "export const DEFAULT_ZOMBIE_THRESHOLD = 1.5;", suites: CORE },
  { id: "default-relperf-window", kind: "changed default", file: "src/core/liquidity.ts", find: "export const DEFAULT_RELPERF_WINDOW = 20;", replace: "export const DEFAULT_RELPERF_WINDOW = 21;", suites: CORE },
  { id: "default-mean-premium", kind: "changed default", file: "src/core/valuation.ts", find: "export const MEAN_RELATIVE_PE_PREMIUM = 0.12;", replace: "export const MEAN_RELATIVE_PE_PREMIUM = 0.1;", suites: CORE },
  { id: "default-floating-share", kind: "changed default", file: "src/core/screen/criteria.ts", find: "threshold: { default: 0.25,", replace: "threshold: { default: 0.3,", suites: SCREEN },
  { id: "default-maturity", kind: "changed default", file: "src/core/screen/criteria.ts", find: "threshold: { default: 3, meaning: \"shortest", replace: "threshold: { default: 2, meaning: \"shortest", suites: SCREEN },
  { id: "default-domestic", kind: "changed default", file: "src/core/screen/criteria.ts", find: "threshold: { default: 0.8,", replace: "threshold: { default: 0.75,", suites: SCREEN },
  { id: "default-icr", kind: "changed default", file: "src/core/screen/criteria.ts", find: "threshold: { default: 3, meaning: \"smallest interest", replace: "threshold: { default: 2.5, meaning: \"smallest interest", suites: SCREEN },
  { id: "default-shocked-icr", kind: "changed default", file: "src/core/defaults.ts", find: "export const STRESS_LINE = 1.5;", replace: "export const STRESS_LINE = 1.25;", suites: SCREEN },
  { id: "default-score-weight", kind: "changed default", file: "src/core/screen/score.ts", find: "SCORE_WEIGHTS.value * (v === v ? v : 0)", replace: "0.6 * (v === v ? v : 0)", suites: SCREEN },
  // -- the Excel adapter's guarantees ------------------------------------------------------
  {
    id: "excel-delete-before-table",
    kind: "order (the review's)",
    file: "src/excel/excel-workbook.ts",
    find: "          const table = sheet.tables.add(tableAddress, true);\n",
    replace: "          if (existing !== undefined) worksheets.getItem(existing.name).delete();\n          const table = sheet.tables.add(tableAddress, true);\n",
    also: { find: "          if (options.activate === true) sheet.activate();\n          if (existing !== undefined) worksheets.getItem(existing.name).delete();\n", replace: "          if (options.activate === true) sheet.activate();\n" },
    suites: EXCEL,
  },
  { id: "excel-no-settle", kind: "dropped recovery", file: "src/excel/excel-workbook.ts", find: "if (target === undefined && stagingSheet !== undefined && afterDelete) {", replace: "if (false) {", suites: EXCEL },
  { id: "excel-utf16-sizes", kind: "size model", file: "src/excel/payload.ts", find: "  let bytes = text.length;\n", replace: "  return text.length;\n  let bytes = text.length;\n", suites: EXCEL },
  { id: "excel-no-wide-retry", kind: "dropped recovery", file: "src/excel/excel-workbook.ts", find: "if (!first.done && below > 1 && tooLargeToRead(error))", replace: "if (false)", suites: EXCEL },
  { id: "excel-table-getrange", kind: "totals row", file: "src/excel/excel-workbook.ts", find: "return table.getHeaderRowRange().getBoundingRect(table.getDataBodyRange());", replace: "return table.getRange();", suites: EXCEL },
];

/**
 * What is copied: enough to run jest on src and test (tests import bench/ and scripts/ helpers,
 * and the built dist/ for the metadata checks: no mutation changes a function's metadata).
 */
const COPY = ["src", "test", "scripts", "bench", "dist", "jest.config.js", "tsconfig.json", "package.json"];

function parseArgs(argv) {
  const only = argv.includes("--only") ? argv[argv.indexOf("--only") + 1].split(",") : undefined;
  return { only, list: argv.includes("--list"), check: argv.includes("--check") };
}

function jest(dir, suites) {
  const started = Date.now();
  const result = spawnSync(process.execPath, [path.join(ROOT, "node_modules", "jest", "bin", "jest.js"), "--ci", "--silent", "--bail=1", "--maxWorkers=1", ...suites], {
    cwd: dir,
    encoding: "utf8",
    timeout: 10 * 60 * 1000,
    env: { ...process.env, CI: "true" },
  });
  const seconds = (Date.now() - started) / 1000;
  const output = `${result.stdout ?? ""}${result.stderr ?? ""}`;
  const failed = /Tests:\s+(\d+) failed/.exec(output);
  const first = /^\s*● (.+)$/m.exec(output);
  return { status: result.status, timedOut: result.error !== undefined, seconds, failedTests: failed ? Number(failed[1]) : 0, firstFailure: first ? first[1].trim() : "", output };
}

function apply(text, find, replace, where) {
  const at = text.indexOf(find);
  if (at < 0 || text.indexOf(find, at + 1) >= 0) throw new Error(`${where}: the text to mutate must occur exactly once: ${JSON.stringify(find)}`);
  return text.slice(0, at) + replace + text.slice(at + find.length);
}

function main() {
  const { only, list, check } = parseArgs(process.argv.slice(2));
  const chosen = only === undefined ? MUTATIONS : MUTATIONS.filter((m) => only.includes(m.id));
  if (list) {
    for (const m of chosen) console.log(`${m.id}\t${m.kind}\t${m.file}\t${m.find.trim()} -> ${m.replace.trim()}`);
    return 0;
  }
  // Every mutation must apply to the current source before anything runs.
  const stale = [];
  for (const m of chosen) {
    try {
      const text = apply(fs.readFileSync(path.join(ROOT, m.file), "utf8"), m.find, m.replace, m.id);
      if (m.also !== undefined) apply(text, m.also.find, m.also.replace, `${m.id} (also)`);
    } catch (error) {
      stale.push(error.message);
    }
  }
  if (stale.length > 0) {
    console.error(`${stale.length} of ${chosen.length} mutations no longer apply (edit their text in scripts/mutation.js):\n${stale.join("\n")}`);
    return 1;
  }
  if (check) {
    console.log(`all ${chosen.length} mutations apply`);
    return 0;
  }

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "smallcap-mutation-"));
  const cleanup = () => fs.rmSync(dir, { recursive: true, force: true });
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) {
    process.on(signal, () => {
      cleanup();
      process.exit(130);
    });
  }
  try {
    for (const entry of COPY) {
      if (entry === "dist" && !fs.existsSync(path.join(ROOT, entry))) throw new Error("dist/ is missing: run npm run build first");
      fs.cpSync(path.join(ROOT, entry), path.join(dir, entry), { recursive: true });
    }
    fs.symlinkSync(path.join(ROOT, "node_modules"), path.join(dir, "node_modules"), "dir");

    const allSuites = [...new Set(chosen.flatMap((m) => m.suites))];
    console.log(`Baseline: the ${allSuites.length} suite paths unmutated...`);
    const base = jest(dir, allSuites);
    if (base.status !== 0) {
      console.error(base.output.slice(-4000));
      console.error("The unmutated suites fail: mutation results would mean nothing.");
      return 1;
    }
    console.log(`  green in ${base.seconds.toFixed(0)} s`);

    const rows = [];
    const started = Date.now();
    for (const m of chosen) {
      const file = path.join(dir, m.file);
      const pristine = fs.readFileSync(file, "utf8");
      let mutated = apply(pristine, m.find, m.replace, m.id);
      if (m.also !== undefined) mutated = apply(mutated, m.also.find, m.also.replace, `${m.id} (also)`);
      fs.writeFileSync(file, mutated);
      let run;
      try {
        run = jest(dir, m.suites);
      } finally {
        fs.writeFileSync(file, pristine);
      }
      const caught = run.status !== 0;
      const how = run.timedOut ? "timed out" : caught ? `${run.failedTests} failing test${run.failedTests === 1 ? "" : "s"}` : "no test failed";
      rows.push({ ...m, caught, how, first: run.firstFailure, seconds: run.seconds });
      console.log(`${caught ? "caught  " : "SURVIVED"} ${m.id.padEnd(30)} ${how} (${run.seconds.toFixed(0)} s)`);
    }
    const total = (Date.now() - started) / 1000;
    const survived = rows.filter((r) => !r.caught);
    console.log("");
    console.log("| mutation | kind | file | change | caught by | first failing test |");
    console.log("|---|---|---|---|---|---|");
    for (const r of rows) {
      const change = `\`${r.find.trim().replace(/\n\s*/g, " ")}\` -> \`${r.replace.trim().replace(/\n\s*/g, " ")}\``.replace(/\|/g, "\\|");
      const first = r.first.length > 90 ? `${r.first.slice(0, 87)}...` : r.first;
      console.log(`| ${r.id} | ${r.kind} | ${r.file} | ${change} | ${r.caught ? r.how : "**not caught**"} | ${first.replace(/\|/g, "\\|")} |`);
    }
    console.log("");
    console.log(`${rows.length} mutations, ${rows.length - survived.length} caught, ${survived.length} not caught; ${total.toFixed(0)} s (baseline ${base.seconds.toFixed(0)} s more).`);
    if (survived.length > 0) console.log(`Not caught: ${survived.map((r) => r.id).join(", ")}`);
    return survived.length === 0 ? 0 : 1;
  } finally {
    cleanup();
  }
}

process.exitCode = main();
