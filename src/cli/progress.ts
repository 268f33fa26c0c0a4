/**
 * A percentage on stderr while a long step runs, only when stderr is a terminal: a pipe, a
 * log file or a test harness sees nothing.
 */
export interface ProgressStream {
  readonly isTTY?: boolean;
  write(text: string): unknown;
}

export interface Progress {
  update(done: number, total: number): void;
  /** Clears the line; call once when the step ends. */
  finish(): void;
}

const SILENT: Progress = { update: () => undefined, finish: () => undefined };

export function progress(stream: ProgressStream, label: string): Progress {
  if (stream.isTTY !== true) return SILENT;
  let shown = -1;
  let drawn = false;
  return {
    update(done, total) {
      const percent = total > 0 ? Math.floor((done / total) * 100) : 100;
      if (percent === shown) return;
      shown = percent;
      drawn = true;
      stream.write(`\r${label} ${percent}%`);
    },
    finish() {
      if (drawn) stream.write("\r\x1b[K");
      drawn = false;
      shown = -1;
    },
  };
}

/** A one-line status (`reading book.xlsx…`) for a step without a percentage; returns the function that clears it. */
export function status(stream: ProgressStream, text: string): () => void {
  if (stream.isTTY !== true) return () => undefined;
  stream.write(`\r${text}`);
  let shown = true;
  // Clears once, however often it is called (a command may clear early and again in a `finally`).
  return () => {
    if (shown) stream.write("\r\x1b[K");
    shown = false;
  };
}
