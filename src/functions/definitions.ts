/**
 * Every SMALLCAP function as the shared adapter runs it: worksheet-shaped arguments in,
 * a grid of numbers, booleans, text and `CoreError`s out. Excel's entry points
 * (`functions.ts`) and the headless refresh both call these, so a number is the same
 * wherever an analyst meets it. Each is declared once, in `registry.ts`; `adapter.ts` makes
 * it a function of `src/core/grid.ts`, which coerces every cell.
 */
import type { Grid } from "../core/grid";
import { adapt } from "./adapter";
import { REGISTRY } from "./registry";

/** Name -> implementation, as Excel's `SMALLCAP.<NAME>` spells it. */
export const SMALLCAP_FUNCTIONS: Readonly<Record<string, (...args: unknown[]) => Grid>> = Object.freeze(
  Object.fromEntries(REGISTRY.map((entry) => [entry.name, adapt(entry)])),
);

/** The functions the bench times on their own. */
export const { ICR, ZOMBIE, SHOCKICR } = SMALLCAP_FUNCTIONS;
