/**
 * The `smallcap` command: dispatch, help, and the one place errors become exit codes.
 * A user's mistake prints one line (`smallcap: no such file: x.xlsx`) and exits 1 or 2; only
 * a bug in the CLI itself prints more, and only with SMALLCAP_DEBUG=1.
 */
import { existsSync, readFileSync } from "fs";
import * as path from "path";
import { CliFailure, EXIT_USAGE } from "./failure";
import type { CliIO } from "./io";

/* eslint-disable @typescript-eslint/no-require-imports -- each command's modules load only when that command runs (a CSV screen never loads exceljs or the formula evaluator) */
const screenModule = (): typeof import("./screen-command") => require("./screen-command");
const refreshModule = (): typeof import("./refresh-command") => require("./refresh-command");
/* eslint-enable @typescript-eslint/no-require-imports */

export const MAIN_USAGE = `Usage: smallcap <command> [options]

Commands:
  screen <file.xlsx|file.csv>   screen a table of companies (--help for options)
  refresh <in.xlsx>             recalculate every formula and the saved screens without Excel

Options:
  -h, --help      show help (also: smallcap help <command>)
  -v, --version   show the version

Exit codes: 0 success, 1 a problem with the input, 2 a problem with the command line.`;

/** Exit code for a bug in the CLI (BSD sysexits EX_SOFTWARE), distinct from a user's mistake. */
export const EXIT_INTERNAL = 70;

function version(): string {
  let dir = __dirname;
  for (let i = 0; i < 6; i++) {
    const file = path.join(dir, "package.json");
    if (existsSync(file)) {
      try {
        return String((JSON.parse(readFileSync(file, "utf8")) as { version?: unknown }).version ?? "unknown");
      } catch {
        return "unknown";
      }
    }
    dir = path.dirname(dir);
  }
  return "unknown";
}

async function dispatch(argv: readonly string[], io: CliIO): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case undefined:
      io.stderr.write(MAIN_USAGE + "\n");
      return EXIT_USAGE;
    case "-h":
    case "--help":
      io.stdout.write(MAIN_USAGE + "\n");
      return 0;
    case "help": {
      const topic = rest[0];
      io.stdout.write((topic === "screen" ? screenModule().SCREEN_USAGE : topic === "refresh" ? refreshModule().REFRESH_USAGE : MAIN_USAGE) + "\n");
      return 0;
    }
    case "-v":
    case "--version":
      io.stdout.write(`smallcap ${version()}\n`);
      return 0;
    case "screen":
      return screenModule().screenCommand(rest.map((a) => (a === "-h" ? "--help" : a)), io);
    case "refresh":
      return refreshModule().refreshCommand(rest.map((a) => (a === "-h" ? "--help" : a)), io);
    default:
      if (command.startsWith("-")) throw new CliFailure(`unknown option ${command} (see smallcap --help)`, EXIT_USAGE);
      throw new CliFailure(`unknown command "${command}"; expected screen or refresh (see smallcap --help)`, EXIT_USAGE);
  }
}

/** Runs the CLI and returns its exit code; never throws. */
export async function runCli(argv: readonly string[], io: CliIO): Promise<number> {
  try {
    return await dispatch(argv, io);
  } catch (error) {
    if (error instanceof CliFailure) {
      io.stderr.write(`smallcap: ${error.message}\n`);
      return error.exitCode;
    }
    const message = error instanceof Error ? error.message : String(error);
    io.stderr.write(`smallcap: internal error: ${message.split("\n")[0]} (set SMALLCAP_DEBUG=1 for details; please report it)\n`);
    if (process.env.SMALLCAP_DEBUG === "1" && error instanceof Error && error.stack !== undefined) io.stderr.write(error.stack + "\n");
    return EXIT_INTERNAL;
  }
}
