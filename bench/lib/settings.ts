/** How hard the bench works: full figures, or `--quick` (small sizes, few repetitions) for CI. */
export interface Settings {
  readonly quick: boolean;
  /** Untimed rounds before timing. */
  readonly warmup: number;
  /** Timed rounds. */
  readonly runs: number;
  /** Working directory for generated files (CSV, workbooks, bundles). */
  readonly tmp: string;
  /** The repository root. */
  readonly root: string;
  /** Lines to report to, as they finish (progress on stderr). */
  readonly log: (text: string) => void;
}
