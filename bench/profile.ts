/**
 * `npm run bench:profile -- <subject> [rounds]`: runs one bench subject under
 * `node --cpu-prof` and prints where the time goes, by function (self time) and by the
 * functions below it (total time). The .cpuprofile is kept for Chrome DevTools.
 * Subjects: icr, zombie, shockicr, screen, refresh (see child/profile-target.ts).
 */
import { spawnSync } from "child_process";
import { mkdtempSync, readFileSync, readdirSync } from "fs";
import * as os from "os";
import * as path from "path";

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

function label(node: ProfileNode): string {
  const { functionName, url, lineNumber } = node.callFrame;
  const file = url === "" ? "" : url.replace(/^file:\/\//, "").replace(/^.*\/build\/bench\//, "").replace(/^.*\/node_modules\//, "node_modules/");
  return `${functionName || "(anonymous)"}${file === "" ? "" : ` ${file}:${lineNumber + 1}`}`;
}

export function summarise(profile: Profile, top = 18): string[] {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<number, number>();
  for (let i = 0; i < profile.samples.length; i++) self.set(profile.samples[i], (self.get(profile.samples[i]) ?? 0) + (profile.timeDeltas[i] ?? 0));
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  // Inclusive time per function label (counted once per stack, however deep the recursion).
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const selfByLabel = new Map<string, number>();
  const totalByLabel = new Map<string, number>();
  for (const [id, t] of self) {
    const node = byId.get(id) as ProfileNode;
    selfByLabel.set(label(node), (selfByLabel.get(label(node)) ?? 0) + t);
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const l = label(byId.get(at) as ProfileNode);
      if (seen.has(l)) continue;
      seen.add(l);
      totalByLabel.set(l, (totalByLabel.get(l) ?? 0) + t);
    }
  }
  const pct = (t: number) => `${((100 * t) / total).toFixed(1).padStart(5)}%`;
  const lines = [`sampled ${(total / 1000).toFixed(0)} ms`, "self time:"];
  for (const [l, t] of [...selfByLabel].sort((a, b) => b[1] - a[1]).slice(0, top)) lines.push(`  ${pct(t)}  ${l}`);
  lines.push("total time (self + callees):");
  for (const [l, t] of [...totalByLabel].sort((a, b) => b[1] - a[1]).slice(0, top)) lines.push(`  ${pct(t)}  ${l}`);
  return lines;
}

function main(argv: readonly string[]): number {
  const [subject, rounds] = argv;
  if (subject === undefined) {
    process.stderr.write("usage: bench:profile -- icr|zombie|shockicr|screen|refresh [rounds]\n       bench:profile -- cli <file.csv|file.xlsx>   (smallcap screen of the file, the whole process)\n");
    return 2;
  }
  const dir = mkdtempSync(path.join(os.tmpdir(), "smallcap-profile-"));
  // cli: the CLI's own entry as a user runs it (start-up and module loading included), output discarded.
  const args =
    subject === "cli"
      ? [path.join(__dirname, "..", "src", "cli", "main.js"), "screen", rounds ?? "", "--preset", "quality"]
      : [path.join(__dirname, "child", "profile-target.js"), subject, ...(rounds ? [rounds] : [])];
  const run = spawnSync(process.execPath, ["--cpu-prof", "--cpu-prof-dir", dir, ...args], { stdio: subject === "cli" ? ["ignore", "ignore", "inherit"] : "inherit" });
  if (run.status !== 0) return 1;
  const file = readdirSync(dir).find((f) => f.endsWith(".cpuprofile"));
  if (file === undefined) return 1;
  const profile = JSON.parse(readFileSync(path.join(dir, file), "utf8")) as Profile;
  process.stdout.write(`${subject}: ${path.join(dir, file)}\n${summarise(profile).join("\n")}\n`);
  return 0;
}

if (require.main === module) process.exitCode = main(process.argv.slice(2));
