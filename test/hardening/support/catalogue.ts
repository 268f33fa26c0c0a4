/**
 * Every SMALLCAP function as the hardening suite sees it, from its entry in the registry
 * (src/functions/registry.ts): its arguments in order, the role each plays in the shared
 * adapter, and the entry's valid call. The bad-input matrix and the fuzzers read this;
 * `catalogueProblems` checks it lists exactly the functions of SMALLCAP_FUNCTIONS.
 */
import { SMALLCAP_FUNCTIONS } from "../../../src/functions/definitions";
import { REGISTRY, docsOf, type FunctionEntry, type Role as RegistryRole } from "../../../src/functions/registry";

/**
 * The roles of `registry.ts`, with one difference: SHOCKSWEEP's `universe` columns are
 * `paired` here (a bad value goes in the first row, a blank row is skipped, as INDEXPE's).
 */
export type Role = Exclude<RegistryRole, "universe">;

export interface ArgDef {
  readonly name: string;
  readonly role: Role;
  /** Optional: blank or omitted takes the default. */
  readonly optional?: boolean;
}

export interface FunctionDef {
  readonly fn: string;
  readonly args: readonly ArgDef[];
  /** A valid call whose result is a plain value (not an error). */
  readonly valid: readonly unknown[];
  /**
   * How the result is read: the last row for RELPERF; for SCREEN the passing tickers in order
   * (`passing: BBB, AAA`) or its one error; else the only cell.
   */
  readonly output: "only" | "lastRow" | "screen";
}

function outputOf(entry: FunctionEntry): FunctionDef["output"] {
  if (entry.args.some((a) => a.role === "prices")) return "lastRow";
  if (entry.args.some((a) => a.role === "table")) return "screen";
  return "only";
}

/** Every function of the registry, in its order, with its valid call. */
export const CATALOGUE: readonly FunctionDef[] = REGISTRY.map((entry) => ({
  fn: entry.name,
  args: entry.args.map((a) => ({ name: a.name, role: a.role === "universe" ? "paired" : a.role, optional: a.optional === true })),
  valid: docsOf(entry).valid,
  output: outputOf(entry),
}));

export const clone = <T>(value: T): T => (Array.isArray(value) ? (value.map((v) => clone(v)) as unknown as T) : value);

/**
 * The valid call with argument `i` replaced by `value`, or for a range argument one cell of
 * it: a series' last period, the newest price, the first paired row, the first company's EBIT.
 */
export function withValue(def: FunctionDef, i: number, value: unknown): unknown[] {
  const args = def.valid.map(clone);
  const spec = def.args[i];
  const grid = args[i] as unknown[][];
  switch (spec.role) {
    case "series":
      grid[0][grid[0].length - 1] = value;
      break;
    case "prices":
      grid[grid.length - 1][0] = value;
      break;
    case "paired":
      grid[0][0] = value;
      break;
    case "table":
      grid[1][1] = value;
      break;
    default:
      args[i] = value;
  }
  return args;
}

export function call(fn: string, args: readonly unknown[]): unknown[][] {
  return SMALLCAP_FUNCTIONS[fn](...args) as unknown[][];
}

/** Functions in SMALLCAP_FUNCTIONS without an entry here, and entries for functions that are gone. */
export function catalogueProblems(): string[] {
  const known = new Set(CATALOGUE.map((d) => d.fn));
  const actual = Object.keys(SMALLCAP_FUNCTIONS);
  return [
    ...actual.filter((fn) => !known.has(fn)).map((fn) => `SMALLCAP.${fn} has no entry in src/functions/registry.ts`),
    ...[...known].filter((fn) => !actual.includes(fn)).map((fn) => `catalogue entry ${fn} is not in SMALLCAP_FUNCTIONS`),
  ];
}
