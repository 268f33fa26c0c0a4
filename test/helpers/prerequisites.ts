/**
 * What a suite needs from the machine (a browser, xmllint, the audit endpoint) and what the
 * run does when it is missing. One policy for every such suite:
 *
 * - present: the suite runs;
 * - missing: the suite FAILS with one test that names the install command;
 * - missing, and the suite's opt-out variable is set to 1 (never under CI=true when the
 *   requirement says CI must have it): the suite is one skipped test whose name carries the
 *   reason, so jest's summary counts it and test/helpers/skip-reporter.js lists it by name.
 *
 * A check that cannot run for a reason nobody controls (the audit endpoint refused on a closed
 * network) is `skipBecause(...)`: a skipped test with its reason, never a pass.
 */
import { accessSync, constants } from "fs";
import * as path from "path";

/** The first of `names` found as an executable file on PATH (as `command -v` finds it), else undefined. */
export function findOnPath(names: readonly string[], searchPath: string = process.env.PATH ?? ""): string | undefined {
  for (const dir of searchPath.split(path.delimiter).filter((d) => d !== "")) {
    for (const name of names) {
      const candidate = path.join(dir, name);
      try {
        accessSync(candidate, constants.X_OK);
        return candidate;
      } catch {
        // not here
      }
    }
  }
  return undefined;
}

export interface Requirement {
  /** What is needed, as a person names it: "Chromium", "xmllint". */
  readonly what: string;
  /** Whether it is there. */
  readonly present: boolean;
  /** What exactly is missing, in words (default: "<what> not found"). */
  readonly missing?: string;
  /** The command that installs it: "apt-get install chromium". */
  readonly install: string;
  /** The environment variable that, set to 1, skips the suites needing it (named in README). */
  readonly optOut: string;
  /** When true (the default), CI=true makes a missing requirement fail even with the opt-out set. */
  readonly requiredInCI?: boolean;
  /**
   * When true, a missing requirement is a skip without the opt-out (still a failure under CI=true
   * when requiredInCI): for what a clone cannot have by itself, such as Microsoft's manifest
   * schemas, which live outside the repository.
   */
  readonly skipWhenMissing?: boolean;
}

export type Verdict = { readonly run: true } | { readonly run: false; readonly fail: boolean; readonly message: string };

/** The policy, as a pure function of the requirement and the environment (tested in test/helpers.test.ts). */
export function verdict(req: Requirement, env: NodeJS.ProcessEnv = process.env): Verdict {
  if (req.present) return { run: true };
  const ci = env.CI === "true" || env.CI === "1";
  const optedOut = env[req.optOut] === "1" || req.skipWhenMissing === true;
  if (optedOut && !(ci && (req.requiredInCI ?? true))) {
    const why = env[req.optOut] === "1" ? ` and ${req.optOut}=1 is set` : "";
    return { run: false, fail: false, message: `SKIPPED: ${req.missing ?? `${req.what} not found`}${why}; install it with \`${req.install}\` to run these tests` };
  }
  const why = ci && optedOut ? ` (${req.skipWhenMissing === true ? "it may be missing outside CI, not" : `${req.optOut}=1 is ignored`} under CI=true)` : ` (or set ${req.optOut}=1 to skip these tests knowingly)`;
  return { run: false, fail: true, message: `${req.what} is required${req.missing === undefined ? "" : ` (${req.missing})`}: install it with \`${req.install}\`${why}` };
}

/** `describe(title, body)` when the requirement is met; otherwise one failing or skipped test that says why. */
export function describeRequiring(req: Requirement, title: string, body: () => void, env: NodeJS.ProcessEnv = process.env): void {
  const v = verdict(req, env);
  if (v.run) {
    describe(title, body);
    return;
  }
  describe(title, () => {
    if (v.fail) {
      test(`needs ${req.what}`, () => {
        throw new Error(v.message);
      });
    } else {
      skipBecause(v.message);
    }
  });
}

/** One skipped test whose name is the reason: shown in the skip list at the end of the run. */
export function skipBecause(reason: string): void {
  test.skip(reason, () => undefined);
}

/** Debian's Chromium, found on PATH as .ci/run finds it. */
export const CHROMIUM_PATH = findOnPath(["chromium", "chromium-browser"]);

export const BROWSER: Requirement = Object.freeze({
  what: "Chromium",
  present: CHROMIUM_PATH !== undefined,
  install: "apt-get install chromium",
  optOut: "SMALLCAP_SKIP_BROWSER",
});

/** `describe` for a suite that drives Chromium. */
export function describeInBrowser(title: string, body: () => void): void {
  describeRequiring(BROWSER, title, body);
}
