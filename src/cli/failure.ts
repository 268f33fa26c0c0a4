/**
 * A user's mistake, said in one line: the CLI prints the message (never a stack trace) and
 * exits with the code. 2: the command line is wrong (unknown option, bad `--set`). 1: the
 * input is (a missing file, a file that is not a workbook, an unknown sheet or table).
 */
export type ExitCode = 1 | 2;

export const EXIT_USAGE: ExitCode = 2;
export const EXIT_INPUT: ExitCode = 1;

export class CliFailure extends Error {
  constructor(message: string, readonly exitCode: ExitCode) {
    super(message);
    this.name = "CliFailure";
  }
}

/** The command line is wrong: exit code 2. */
export function usageError(message: string): CliFailure {
  return new CliFailure(message, EXIT_USAGE);
}

/** The input is wrong: exit code 1. */
export function inputError(message: string): CliFailure {
  return new CliFailure(message, EXIT_INPUT);
}
