/**
 * The project stands alone: no file cites documents a clone does not contain, and
 * docs/CONVENTIONS.md states the contract of every SMALLCAP function in the project's words.
 */
import { execFileSync } from "child_process";
import { existsSync, readFileSync } from "fs";
import * as path from "path";
import { SMALLCAP_FUNCTIONS } from "../src/functions/definitions";

const ROOT = path.resolve(__dirname, "..");

test("no tracked file cites documents outside the repository (the lead's spec, toolchain and style notes)", () => {
  // git grep over the tracked files (the patterns are built so this test does not find itself;
  // src/shared/ is the project's own code and stays allowed).
  const patterns = ["\\.\\./shared/[A-Z]+\\.md", ...["SPEC", "TOOLCHAIN", "STYLE"].map((name) => `\\b${name}\\.md`)];
  let found = "";
  try {
    found = execFileSync("git", ["grep", "-n", "-E", patterns.join("|"), "--", ".", ":!package-lock.json"], { cwd: ROOT, encoding: "utf8" });
  } catch (error) {
    // git grep exits 1 when nothing matches.
    if ((error as { status?: number }).status !== 1) throw error;
  }
  expect(found.split("\n").filter((l) => l !== "")).toEqual([]);
});

test("docs/CONVENTIONS.md states each function's contract, and CONTRIBUTING.md exists", () => {
  const conventions = readFileSync(path.join(ROOT, "docs", "CONVENTIONS.md"), "utf8");
  const table = conventions.slice(conventions.indexOf("## What each function computes"));
  const stated = [...table.matchAll(/^\| `([A-Z]+)\(/gm)].map((m) => m[1]);
  expect(stated.sort()).toEqual(Object.keys(SMALLCAP_FUNCTIONS).sort());
  expect(existsSync(path.join(ROOT, "CONTRIBUTING.md"))).toBe(true);
});
