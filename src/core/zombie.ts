/**
 * Zombies: companies whose operating income has not covered their interest for several
 * periods running.
 */
import { CoreError, coreError } from "./errors";
import type { NumberOrError } from "./values";

export { DEFAULT_ZOMBIE_THRESHOLD } from "./defaults";

/**
 * TRUE when in each of the last `years` periods interest is non-zero and
 * ebit / |interest| < threshold. Periods run oldest to newest. A period with zero interest
 * is not a failing period.
 *
 * Which error wins (docs/CONVENTIONS.md): the arguments' own errors first, in argument order (ebit's in
 * the considered periods, then interest's, then years', then threshold's), then the rule
 * that `years` is a whole number from 1 to the number of periods (`#NUM!`). When `years`
 * itself is unusable, every period counts as considered.
 */
export function isZombie(
  ebit: readonly NumberOrError[],
  interest: readonly NumberOrError[],
  years: NumberOrError,
  threshold: NumberOrError,
): boolean | CoreError {
  const periods = ebit.length;
  const yearsValid = typeof years === "number" && Number.isInteger(years) && years >= 1 && years <= periods;
  const first = yearsValid ? periods - years : 0;
  const seriesError = firstError(ebit, first, periods) ?? firstError(interest, first, periods);
  if (seriesError !== undefined) return seriesError;
  if (years instanceof CoreError) return years;
  if (threshold instanceof CoreError) return threshold;
  if (!yearsValid) return coreError("NUM", `years must be a whole number from 1 to ${periods}`);
  let zombie = true;
  for (let t = first; t < periods; t++) if (!periodFails(ebit[t] as number, interest[t] as number, threshold)) zombie = false;
  return zombie;
}

/**
 * One period of the zombie test: interest is non-zero and EBIT covers it less than `threshold`
 * times. A company is a zombie when every period considered fails (isZombie; the screen's
 * zombie column calls this directly for rows whose periods are all known).
 */
export function periodFails(ebit: number, interest: number, threshold: number): boolean {
  const cover = Math.abs(interest);
  return !(cover === 0 || ebit / cover >= threshold);
}

/** The first error among `series[from]` to `series[to - 1]`. */
function firstError(series: readonly NumberOrError[], from: number, to: number): CoreError | undefined {
  for (let t = from; t < to; t++) {
    // `typeof` first: the series are double arrays, and an `instanceof` test of a number
    // read from one is not folded away (it boxes the number and calls the builtin).
    const value = series[t];
    if (typeof value !== "number" && value instanceof CoreError) return value;
  }
  return undefined;
}
