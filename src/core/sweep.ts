/**
 * The rate-shock sweep: for each of a run of shocks, the share of a universe of companies
 * whose pro-forma interest cover falls below a line. One function serves SMALLCAP.SHOCKSWEEP
 * (cells read by the shared rules first) and the results sheet's and the pane's curve (the
 * screen's own columns), so the picture and the formula cannot disagree.
 *
 * A company counts for a shock when every input is known (not NaN) and its pro-forma interest,
 * |interest| + debt x floating share x shock / 10000, is above zero (nothing to cover is not
 * "covered", it is left out, as SHOCKICR gives it #DIV/0!). No company counted: `#DIV/0!`.
 */
import { STRESS_LINES } from "./defaults";
import { CoreError, coreError } from "./errors";
import { shockInterest } from "./rates";
import type { NumberOrError } from "./values";

/** The universe as parallel columns; NaN is "not known" and leaves the company out. */
export interface SweepColumns {
  readonly ebit: ArrayLike<number>;
  readonly interest: ArrayLike<number>;
  readonly debt: ArrayLike<number>;
  readonly floatingShare: ArrayLike<number>;
}

/** Coverage below which a company counts as failing, by default: the framework's 1x. */
export const DEFAULT_SWEEP_THRESHOLD = 1;

export const NO_COMPANY_COUNTED = coreError("DIV0", "no company has every input and a pro-forma interest above zero");

/** The share of companies below `threshold` after `shockBps`, and how many were counted. */
export interface SweepPoint {
  readonly shockBps: number;
  readonly counted: number;
  readonly below: number;
  /** below / counted; `NO_COMPANY_COUNTED` when none was counted. */
  readonly share: NumberOrError;
}

/** One shock: the share of counted companies whose pro-forma ICR is below `threshold`. */
export function sweepPoint(columns: SweepColumns, shockBps: number, threshold: number): SweepPoint {
  const { ebit, interest, debt, floatingShare } = columns;
  const n = ebit.length;
  let counted = 0;
  let below = 0;
  for (let i = 0; i < n; i++) {
    const e = ebit[i];
    const x = interest[i];
    const d = debt[i];
    const s = floatingShare[i];
    // NaN fails every comparison: `x === x` is "known".
    if (e !== e || x !== x || d !== d || s !== s) continue;
    const proForma = Math.abs(x) + shockInterest(d, s, shockBps);
    if (!(proForma > 0)) continue;
    counted++;
    if (e / proForma < threshold) below++;
  }
  return { shockBps, counted, below, share: counted === 0 ? NO_COMPANY_COUNTED : below / counted };
}

/** `sweepPoint` for each shock, in order. */
export function shockSweep(columns: SweepColumns, shocksBps: readonly number[], threshold: number): SweepPoint[] {
  return shocksBps.map((shock) => sweepPoint(columns, shock, threshold));
}

/** The shocks of the article's scenario: 0 to +500 bp in 50 bp steps, with `include` added in order when it is not on the grid. */
export function scenarioShocks(include?: number): number[] {
  const shocks: number[] = [];
  for (let bp = 0; bp <= 500; bp += 50) shocks.push(bp);
  if (include !== undefined && Number.isFinite(include) && !shocks.includes(include)) {
    shocks.push(include);
    shocks.sort((a, b) => a - b);
  }
  return shocks;
}


/** The screen's rate-shock curve: for each line, its share at every scenario shock. */
export interface ShockCurve {
  readonly shocks: readonly number[];
  /** The screen's own shock (one of `shocks`). */
  readonly marked: number;
  readonly lines: readonly { readonly threshold: number; readonly points: readonly SweepPoint[] }[];
}

export function shockCurve(columns: SweepColumns, screenShockBps: number): ShockCurve {
  const shocks = scenarioShocks(screenShockBps);
  return {
    shocks,
    marked: screenShockBps,
    lines: STRESS_LINES.map((threshold) => ({ threshold, points: shockSweep(columns, shocks, threshold) })),
  };
}

/** A share as a plain number, or null where no company was counted. */
export function shareOrNull(point: SweepPoint): number | null {
  return point.share instanceof CoreError ? null : point.share;
}

function percentText(point: SweepPoint): string {
  const share = shareOrNull(point);
  return share === null ? "n/a" : `${(share * 100).toFixed(1)}%`;
}

function shockText(bp: number): string {
  return bp > 0 ? `+${bp} bp` : `${bp} bp`;
}

/**
 * The curve in words, with its figures: what a reader of the pane's picture or of a chart's
 * text alternative needs. One sentence per line, at 0 bp, the screen's shock and +500 bp.
 */
export function describeShockCurve(curve: ShockCurve): string {
  const shown = [...new Set([curve.shocks[0], curve.marked, curve.shocks[curve.shocks.length - 1]])];
  const sentences = curve.lines.map((line) => {
    const at = shown.map((bp) => {
      const point = line.points[curve.shocks.indexOf(bp)];
      return `${percentText(point)} at ${shockText(bp)}${bp === curve.marked ? " (this screen)" : ""}`;
    });
    return `Below ${line.threshold}x ICR: ${at.join(", ")}.`;
  });
  const counted = curve.lines[0]?.points[curve.shocks.indexOf(curve.marked)]?.counted ?? 0;
  return `Share of the screened companies whose interest cover falls below the line as rates rise from 0 to +500 bp. ${sentences.join(" ")} Counted: ${counted.toLocaleString("en-US")} companies with EBIT, interest, debt and floating share known and interest to pay.`;
}
