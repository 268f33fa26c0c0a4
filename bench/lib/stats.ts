/**
 * Timing: warm-up, then interleaved samples of the subject and its baseline, so a slow spell
 * of the machine (another process, a frequency change) hits both sides of a ratio alike.
 */
import { performance } from "perf_hooks";

export interface Spread {
  readonly median: number;
  readonly min: number;
  readonly max: number;
  readonly q1: number;
  readonly q3: number;
  readonly n: number;
}

function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 1) return sorted[0];
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}

export function spread(samples: readonly number[]): Spread {
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    median: quantile(sorted, 0.5),
    min: sorted[0],
    max: sorted[sorted.length - 1],
    q1: quantile(sorted, 0.25),
    q3: quantile(sorted, 0.75),
    n: sorted.length,
  };
}

/** Collects garbage between samples when node runs with --expose-gc, so one sample does not pay for the last one's garbage. */
export function settle(): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc !== undefined) gc();
}

/** Milliseconds one call takes. The result is kept in `sink` so the call cannot be optimised away. */
export function timeOnce(fn: () => unknown): number {
  settle();
  const start = performance.now();
  sink = fn();
  return performance.now() - start;
}

export async function timeOnceAsync(fn: () => Promise<unknown>): Promise<number> {
  settle();
  const start = performance.now();
  sink = await fn();
  return performance.now() - start;
}

/** Written by every timed call, so the JIT cannot drop the work being timed. */
export let sink: unknown;

export interface Pair {
  readonly subject: Spread;
  readonly baseline: Spread;
  /** Ratio of the medians. */
  readonly ratio: number;
  /** Per-round ratios (subject / baseline of the same round). */
  readonly ratios: Spread;
}

/** `warmup` rounds untimed, then `runs` rounds, each timing every named function once, in turn. */
export function compare(fns: Record<string, () => unknown>, warmup: number, runs: number): Record<string, number[]> {
  const names = Object.keys(fns);
  for (let w = 0; w < warmup; w++) for (const name of names) fns[name]();
  const samples: Record<string, number[]> = {};
  for (const name of names) samples[name] = [];
  for (let r = 0; r < runs; r++) {
    // Alternate the order each round: neither side always runs right after the other.
    const order = r % 2 === 0 ? names : [...names].reverse();
    for (const name of order) samples[name].push(timeOnce(fns[name]));
  }
  return samples;
}

export function pair(subject: readonly number[], baseline: readonly number[]): Pair {
  const s = spread(subject);
  const b = spread(baseline);
  return { subject: s, baseline: b, ratio: s.median / b.median, ratios: spread(subject.map((x, i) => x / baseline[i])) };
}

/** `12.3 ms [11.9-13.0]`: median and min-max. */
export function ms(s: Spread): string {
  return `${fmt(s.median)} ms [${fmt(s.min)}-${fmt(s.max)}]`;
}

export function fmt(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  const a = Math.abs(x);
  return a >= 100 ? x.toFixed(0) : a >= 10 ? x.toFixed(1) : a >= 1 ? x.toFixed(2) : x.toFixed(3);
}

/** `compare` for async work. */
export async function compareAsync(fns: Record<string, () => Promise<unknown>>, warmup: number, runs: number): Promise<Record<string, number[]>> {
  const names = Object.keys(fns);
  for (let w = 0; w < warmup; w++) for (const name of names) await fns[name]();
  const samples: Record<string, number[]> = {};
  for (const name of names) samples[name] = [];
  for (let r = 0; r < runs; r++) {
    const order = r % 2 === 0 ? names : [...names].reverse();
    for (const name of order) samples[name].push(await timeOnceAsync(fns[name]));
  }
  return samples;
}
