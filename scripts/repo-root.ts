/** The package root, for the tools that read or write files of the repository (sample, demo, bench). */
import { existsSync } from "fs";
import * as path from "path";

/** The nearest directory above this file with a package.json (works from scripts/, build/cli/scripts/ and build/bench/scripts/). */
export function repoRoot(): string {
  let dir = __dirname;
  for (;;) {
    if (existsSync(path.join(dir, "package.json"))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) return process.cwd();
    dir = parent;
  }
}
