/**
 * The policy for suites that need something from the machine (test/helpers/prerequisites.ts)
 * and the reporter that lists skips and figures after jest's summary
 * (test/helpers/summary-reporter.js): as pure functions, then end to end in a nested jest run
 * of a fixture suite with a PATH that holds no Chromium.
 */
import { spawnSync } from "child_process";
import { chmodSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import * as path from "path";
import { BROWSER, findOnPath, verdict, type Requirement } from "./prerequisites";

const ROOT = path.resolve(__dirname, "..", "..");
const missing: Requirement = { what: "Chromium", present: false, install: "apt-get install chromium", optOut: "SMALLCAP_SKIP_BROWSER" };

describe("verdict", () => {
  test("present: run", () => {
    expect(verdict({ ...missing, present: true }, { CI: "true" })).toEqual({ run: true });
  });
  test("missing: fail with the install command and the opt-out's name", () => {
    const v = verdict(missing, {});
    expect(v).toMatchObject({ run: false, fail: true });
    expect(!v.run && v.message).toBe("Chromium is required: install it with `apt-get install chromium` (or set SMALLCAP_SKIP_BROWSER=1 to skip these tests knowingly)");
  });
  test("missing with the opt-out: a skip whose message gives the reason", () => {
    const v = verdict(missing, { SMALLCAP_SKIP_BROWSER: "1" });
    expect(v).toMatchObject({ run: false, fail: false });
    expect(!v.run && v.message).toMatch(/^SKIPPED: Chromium not found and SMALLCAP_SKIP_BROWSER=1 is set; install it with `apt-get install chromium`/);
  });
  test("missing under CI=true: fails even with the opt-out, unless the requirement is not required in CI", () => {
    expect(verdict(missing, { CI: "true", SMALLCAP_SKIP_BROWSER: "1" })).toMatchObject({ run: false, fail: true });
    expect(verdict({ ...missing, requiredInCI: false }, { CI: "true", SMALLCAP_SKIP_BROWSER: "1" })).toMatchObject({ run: false, fail: false });
  });
  test("a requirement a clone cannot hold by itself skips without the opt-out, and fails under CI", () => {
    const schemas = { ...missing, what: "the schemas", skipWhenMissing: true };
    const v = verdict(schemas, {});
    expect(v).toMatchObject({ run: false, fail: false });
    expect(!v.run && v.message).toBe("SKIPPED: the schemas not found; install it with `apt-get install chromium` to run these tests");
    expect(verdict(schemas, { CI: "true" })).toMatchObject({ run: false, fail: true });
  });
  test("an opt-out set to anything but 1 does not skip", () => {
    expect(verdict(missing, { SMALLCAP_SKIP_BROWSER: "yes" })).toMatchObject({ fail: true });
  });
});

describe("findOnPath", () => {
  test("finds the first executable of the names, in PATH order; ignores files that are not executable", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "smallcap-path-"));
    try {
      const a = path.join(dir, "a");
      const b = path.join(dir, "b");
      mkdirSync(a);
      mkdirSync(b);
      writeFileSync(path.join(a, "chromium"), "");
      writeFileSync(path.join(b, "chromium-browser"), "#!/bin/sh\n");
      chmodSync(path.join(b, "chromium-browser"), 0o755);
      expect(findOnPath(["chromium", "chromium-browser"], [a, b].join(path.delimiter))).toBe(path.join(b, "chromium-browser"));
      expect(findOnPath(["chromium"], [a, b].join(path.delimiter))).toBeUndefined();
      expect(findOnPath(["chromium"], "")).toBeUndefined();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
  test("the browser requirement names Debian's package", () => {
    expect(BROWSER).toMatchObject({ what: "Chromium", install: "apt-get install chromium", optOut: "SMALLCAP_SKIP_BROWSER" });
  });
});

describe("a browser suite on a machine without Chromium (nested jest run)", () => {
  let work: string;
  let bin: string;
  beforeAll(() => {
    work = mkdtempSync(path.join(tmpdir(), "smallcap-nochromium-"));
    bin = path.join(work, "bin");
    mkdirSync(bin);
    symlinkSync(process.execPath, path.join(bin, "node"));
  });
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  const runFixture = (env: NodeJS.ProcessEnv) => {
    const config = {
      rootDir: ROOT,
      roots: ["<rootDir>/test/helpers/fixtures"],
      testMatch: ["**/*.fixture.ts"],
      transform: { "^.+\\.ts$": ["ts-jest", { diagnostics: false }] },
      reporters: ["default", "<rootDir>/test/helpers/summary-reporter.js"],
    };
    const base: NodeJS.ProcessEnv = { HOME: process.env.HOME, PATH: bin, SMALLCAP_TEST_OUTPUT: path.join(work, "out"), ...env };
    const run = spawnSync(process.execPath, [path.join(ROOT, "node_modules", "jest", "bin", "jest.js"), "--config", JSON.stringify(config), "--ci", "--no-cache"], {
      cwd: ROOT,
      env: base,
      encoding: "utf8",
      timeout: 120_000,
    });
    return { status: run.status, output: `${run.stdout}${run.stderr}` };
  };

  test("without the opt-out: the run fails and says how to install Chromium", () => {
    const { status, output } = runFixture({});
    expect(status).toBe(1);
    expect(output).toContain("Chromium is required: install it with `apt-get install chromium`");
    expect(output).toContain("SMALLCAP_SKIP_BROWSER=1");
  }, 120_000);

  test("with SMALLCAP_SKIP_BROWSER=1: the run passes and the skip is listed with its reason after the summary", () => {
    const { status, output } = runFixture({ SMALLCAP_SKIP_BROWSER: "1" });
    expect(status).toBe(0);
    expect(output).toMatch(/Tests:\s+1 skipped, 1 total/);
    expect(output).toMatch(/Skipped \(1\), each with its reason:\n {2}- test\/helpers\/fixtures\/browser-suite\.fixture\.ts: a suite that needs Chromium SKIPPED: Chromium not found and SMALLCAP_SKIP_BROWSER=1 is set/);
  }, 120_000);

  test("with SMALLCAP_SKIP_BROWSER=1 under CI=true: the run fails", () => {
    const { status, output } = runFixture({ SMALLCAP_SKIP_BROWSER: "1", CI: "true" });
    expect(status).toBe(1);
    expect(output).toContain("SMALLCAP_SKIP_BROWSER=1 is ignored under CI=true");
  }, 120_000);

  test("with Chromium on PATH the suite runs, and its figure is printed after the summary", () => {
    // A stand-in executable named chromium is enough: the fixture only looks for it.
    const fake = path.join(bin, "chromium");
    writeFileSync(fake, "#!/bin/sh\nexit 0\n");
    chmodSync(fake, 0o755);
    try {
      const { status, output } = runFixture({});
      expect(status).toBe(0);
      expect(output).toMatch(/Tests:\s+1 passed, 1 total/);
      expect(output).toMatch(/Figures:\n {2}fixture figure: 1 check/);
      expect(output).not.toContain("Skipped (");
    } finally {
      rmSync(fake);
    }
  }, 120_000);
});
