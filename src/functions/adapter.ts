/**
 * A registry entry (`registry.ts`) as a function of the shared grid adapter (`src/core/grid.ts`):
 * the entry's arguments become the adapter's argument specs (names for messages, defaults),
 * and single-valued arguments (`flag`, `window`, `scalar`) are read here, default applied and
 * bounds checked, before the body sees them.
 */
import { CoreError, coreError } from "../core/errors";
import { type ArgSpec, type Grid, elementwise, elementwiseCells, rowwise, singleValue } from "../core/grid";
import { isBlank, readBoolean, readNumber } from "../core/values";
import type { ArgEntry, Bound, FunctionEntry } from "./registry";

/** The adapter's spec of an argument: its name, and its default or that it may be left out. */
function specOf(arg: ArgEntry): ArgSpec {
  if (typeof arg.default === "number") return { name: arg.name, default: arg.default };
  return arg.optional === true ? { name: arg.name, optional: true } : { name: arg.name };
}

/** True when `x` keeps the bound. */
export function withinBound(x: number, bound: Bound): boolean {
  return (
    (bound.min === undefined || x >= bound.min) &&
    (bound.above === undefined || x > bound.above) &&
    (bound.max === undefined || x <= bound.max) &&
    (bound.whole !== true || Number.isInteger(x))
  );
}

/**
 * A single-valued argument read by the registry's rules: a range of more than one cell is
 * `#VALUE!`; blank or omitted takes the default; a `flag` is TRUE/FALSE; a number outside an
 * adapter-checked bound is that bound's error.
 */
function readSingle(value: unknown, arg: ArgEntry): unknown {
  const raw = singleValue(value ?? null, arg.name);
  if (raw instanceof CoreError) return raw;
  if (arg.role === "flag") return readBoolean(raw, arg.name, arg.default === true);
  const x = isBlank(raw) ? (arg.default as number) : readNumber(raw, arg.name);
  if (x instanceof CoreError || arg.bound === undefined || withinBound(x, arg.bound)) return x;
  return coreError(arg.bound.code, arg.bound.message ?? `${arg.name} is out of range`);
}

const SINGLE_VALUED = new Set(["flag", "window", "scalar"]);

/** The function Excel, the CLI and the tests call for a registry entry. */
export function adapt(entry: FunctionEntry): (...args: unknown[]) => Grid {
  const args = entry.args;
  switch (entry.kind) {
    case "elementwise":
      return elementwise(args.map(specOf), entry.calc, entry.numericRow);
    case "cells":
      return elementwiseCells(args.map(specOf), entry.calc);
    case "rowwise": {
      const series = args.filter((a) => a.role === "series");
      return rowwise(series.map(specOf), args.slice(series.length).map(specOf), entry.calc);
    }
    case "whole":
      return (...values: unknown[]) => entry.calc(args.map((arg, i) => (SINGLE_VALUED.has(arg.role) ? readSingle(values[i], arg) : values[i])));
  }
}
