/**
 * The framework's numbers that more than one place uses, written once: the custom functions,
 * the screen engine, the pane, the CLI and the schemas read them from here.
 */

/** The framework's rate shock, basis points: +200 bp on floating-rate debt. */
export const DEFAULT_SHOCK_BPS = 200;

/** The shocks accepted anywhere, basis points: -10000 to +10000 (minus to plus 100 percentage points). */
export const SHOCK_BPS_RANGE: Readonly<{ min: number; max: number }> = Object.freeze({ min: -10000, max: 10000 });

/** The framework's zombie line: EBIT below 1x interest. */
export const DEFAULT_ZOMBIE_THRESHOLD = 1;

/** The framework's zombie window: ICR below the line in each of the latest three fiscal periods. */
export const DEFAULT_ZOMBIE_YEARS = 3;

/** Coverage of 1x: below it, a company cannot cover its interest. */
export const COVER_LINE = 1;

/** The stress line: the smallest ICR after the rate shock (the shocked-ICR criteria's default). */
export const STRESS_LINE = 1.5;

/** The lines the rate-shock curve draws: below 1x (a company that cannot cover its interest) and below the stress line. */
export const STRESS_LINES: readonly number[] = Object.freeze([COVER_LINE, STRESS_LINE]);
