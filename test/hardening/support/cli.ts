/**
 * Running the real `smallcap` command line as a separate process, the way a user runs it.
 *
 * The CLI is compiled with the project's own tsconfig.cli.json into a fresh temporary folder (so
 * a stale build/ never hides a change, and nothing in the tree is written), and started with
 * `node <out>/src/cli/main.js`; NODE_PATH points at the project's node_modules so exceljs,
 * csv-parse and zod resolve from outside the tree.
 */
import { spawn, spawnSync } from "child_process";
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync, statSync } from "fs";
import * as os from "os";
import * as path from "path";
import ExcelJS from "exceljs";

export const ROOT = path.resolve(__dirname, "..", "..", "..");

export interface BuiltCli {
  readonly main: string;
  readonly dir: string;
  cleanup(): void;
}

/** Compiles src/cli into a temporary folder; throws with tsc's output when it does not compile. */
export function buildCli(): BuiltCli {
  const dir = mkdtempSync(path.join(os.tmpdir(), "smallcap-hardening-cli-"));
  const tsc = path.join(ROOT, "node_modules", "typescript", "bin", "tsc");
  const result = spawnSync(process.execPath, [tsc, "-p", path.join(ROOT, "tsconfig.cli.json"), "--outDir", dir], {
    cwd: ROOT,
    encoding: "utf8",
    timeout: 180_000,
  });
  const main = path.join(dir, "src", "cli", "main.js");
  if (!existsSync(main)) {
    throw new Error(`the CLI did not compile (tsc exit ${result.status}):\n${result.stdout}\n${result.stderr}`);
  }
  // Readable by everyone, so the permission test can run it as an unprivileged user.
  openUp(dir);
  return { main, dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** chmod a+rX, recursively. */
export function openUp(target: string): void {
  const stat = statSync(target);
  chmodSync(target, stat.isDirectory() ? 0o755 : 0o644);
  if (stat.isDirectory()) for (const name of readdirSync(target)) openUp(path.join(target, name));
}

export interface CliRun {
  readonly status: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

export interface RunOptions {
  readonly cwd?: string;
  /** Run as this user and group (only possible as root). */
  readonly uid?: number;
  readonly gid?: number;
  readonly timeoutMs?: number;
}

function cliEnv(): NodeJS.ProcessEnv {
  return { ...process.env, NODE_PATH: path.join(ROOT, "node_modules"), SMALLCAP_DEBUG: "1", NO_COLOR: "1" };
}

/**
 * Whether `uid` can load the CLI's dependencies: an unprivileged user cannot when the checkout
 * sits under a folder only root may enter (a clone in a 0700 `mktemp -d` folder, say).
 */
export function userCanRunCli(cli: BuiltCli, uid: number): boolean {
  return userCanRequire(uid, path.join(cli.dir, "src", "core", "errors.js"));
}

/** Whether `uid` can load the CLI's runtime dependencies from the checkout (and `extra`, when given). */
export function userCanRequire(uid: number, extra?: string): boolean {
  const script = `for (const m of ["zod", "exceljs"]) require(require.resolve(m, { paths: [${JSON.stringify(ROOT)}] }));${extra === undefined ? "" : " require(process.argv[1]);"}`;
  const probe = spawnSync(process.execPath, ["-e", script, ...(extra === undefined ? [] : [extra])], {
    cwd: os.tmpdir(),
    env: cliEnv(),
    uid,
    gid: uid,
    timeout: 60_000,
  });
  return probe.status === 0;
}

/** Runs `smallcap <args>` to completion. */
export function runCli(cli: BuiltCli, args: readonly string[], options: RunOptions = {}): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cli.main, ...args], {
      cwd: options.cwd ?? os.tmpdir(),
      env: cliEnv(),
      stdio: ["ignore", "pipe", "pipe"],
      ...(options.uid !== undefined ? { uid: options.uid, gid: options.gid ?? options.uid } : {}),
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill("SIGKILL"), options.timeoutMs ?? 120_000);
    child.on("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on("close", (status, signal) => {
      clearTimeout(timer);
      resolve({ status, signal, stdout, stderr });
    });
  });
}

/**
 * Starts `smallcap <args>` and kills it with SIGKILL once `when` says so (checked every
 * millisecond) or after `afterMs`; resolves with what happened.
 */
export function runAndKill(
  cli: BuiltCli,
  args: readonly string[],
  options: { cwd: string; when?: () => boolean; afterMs: number },
): Promise<{ killed: boolean; byCondition: boolean; status: number | null }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cli.main, ...args], { cwd: options.cwd, env: cliEnv(), stdio: "ignore" });
    let killed = false;
    let byCondition = false;
    const kill = (condition: boolean): void => {
      if (killed || child.exitCode !== null) return;
      killed = child.kill("SIGKILL");
      byCondition = condition && killed;
    };
    const poll = setInterval(() => {
      if (options.when !== undefined && options.when()) kill(true);
    }, 1);
    const timer = setTimeout(() => kill(false), options.afterMs);
    child.on("error", reject);
    child.on("close", (status) => {
      clearInterval(poll);
      clearTimeout(timer);
      resolve({ killed, byCondition, status });
    });
  });
}

/** Runs async jobs with at most `limit` at a time (the machine has two cores). */
export async function inParallel<T, R>(items: readonly T[], limit: number, job: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++;
      results[i] = await job(items[i], i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

export async function readBook(file: string): Promise<ExcelJS.Workbook> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(file);
  return book;
}

/** One cell as stored: type, value or formula, cached result, shared/array storage, hyperlink. */
export function cellState(cell: ExcelJS.Cell): string {
  const model = cell.model as unknown as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const key of ["type", "value", "formula", "sharedFormula", "shareType", "ref", "result", "text", "hyperlink", "richText"]) {
    const v = model[key];
    if (v !== undefined) out[key] = v instanceof Date ? `date:${v.toISOString()}` : v;
  }
  return JSON.stringify(out);
}

export interface BookState {
  /** `Sheet!A1` -> cell state, for every non-empty cell. */
  readonly cells: Map<string, string>;
  /** Sheet names with their visibility, in tab order. */
  readonly sheets: string[];
  /** Defined names. */
  readonly names: string;
  /** Merged ranges per sheet. */
  readonly merges: string;
}

export function bookState(book: ExcelJS.Workbook): BookState {
  const cells = new Map<string, string>();
  const merges: Record<string, unknown> = {};
  for (const sheet of book.worksheets) {
    sheet.eachRow({ includeEmpty: false }, (row) => {
      row.eachCell({ includeEmpty: false }, (cell) => {
        cells.set(`${sheet.name}!${cell.address}`, cellState(cell));
      });
    });
    merges[sheet.name] = (sheet.model as unknown as { merges?: unknown }).merges ?? [];
  }
  return {
    cells,
    sheets: book.worksheets.map((s) => `${s.name} (${s.state})`),
    names: JSON.stringify(book.definedNames.model),
    merges: JSON.stringify(merges),
  };
}

/** Differences between two states, restricted to `keys` when given; "" when there are none. */
export function stateDifferences(before: BookState, after: BookState, keys?: Iterable<string>): string[] {
  const out: string[] = [];
  for (const key of keys ?? new Set([...before.cells.keys(), ...after.cells.keys()])) {
    const a = before.cells.get(key);
    const b = after.cells.get(key);
    if (a !== b) out.push(`${key}: ${a ?? "(empty)"} -> ${b ?? "(empty)"}`);
  }
  return out;
}
