/** Where a command writes: the process's streams in the CLI, buffers in tests and the demo. */
import type { ProgressStream } from "./progress";

export interface CliIO {
  readonly stdout: ProgressStream;
  readonly stderr: ProgressStream;
}

export const PROCESS_IO: CliIO = {
  stdout: process.stdout,
  stderr: process.stderr,
};
