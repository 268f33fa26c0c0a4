#!/usr/bin/env node
/** The `smallcap` executable (package.json "bin"). */
import { runCli } from "./cli";
import { PROCESS_IO } from "./io";

// `smallcap screen big.xlsx | head`: a reader that stops early is not an error.
for (const stream of [process.stdout, process.stderr]) {
  stream.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code === "EPIPE") process.exit(process.exitCode ?? 0);
    throw error;
  });
}

runCli(process.argv.slice(2), PROCESS_IO).then(
  (code) => {
    process.exitCode = code;
  },
  () => {
    process.exitCode = 70;
  },
);
