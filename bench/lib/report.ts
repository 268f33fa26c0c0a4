/**
 * One budget line: what was measured, against what, and whether it is within the budget.
 * A miss is reported, never fatal: the bench exits 0 so CI can prove it runs on any machine.
 */
export type Status = "PASS" | "MISS" | "SKIP" | "INFO" | "ERROR";

export interface Line {
  readonly id: string;
  readonly title: string;
  readonly status: Status;
  /** The headline figure, e.g. `19.3x` or `3 syncs`. */
  readonly measured: string;
  /** The budget in words, e.g. `<= 3x`. */
  readonly budget: string;
  /** The compared number and its limit, for JSON readers. */
  readonly value?: number;
  readonly limit?: number;
  /** Further lines printed indented under the headline. */
  readonly details: readonly string[];
  /** Raw figures (medians, spreads, sizes) for the JSON output. */
  readonly data?: Record<string, unknown>;
}

export function within(value: number, limit: number): Status {
  return value <= limit ? "PASS" : "MISS";
}

export function skip(id: string, title: string, budget: string, reason: string): Line {
  return { id, title, status: "SKIP", measured: "-", budget, details: [`SKIP: ${reason}`] };
}

/**
 * A line as `--quick` reports it: at quick sizes a budget decides nothing, so PASS and MISS
 * become INFO (figures only) and the budget is not printed. SKIP and ERROR stay.
 */
export function quickLine(line: Line): Line {
  if (line.status !== "PASS" && line.status !== "MISS") return line;
  return { ...line, status: "INFO", budget: "not judged at quick sizes" };
}

export function printLine(line: Line, out: (text: string) => void): void {
  const budget = line.budget === "-" ? "" : `   (budget ${line.budget})`;
  out(`[${line.status}] ${line.title}: ${line.measured}${budget}`);
  for (const detail of line.details) out(`       ${detail}`);
}
