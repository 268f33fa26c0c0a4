/**
 * SMALLCAP.SCREEN against the screen engine alone (issue 15): one call of the formula, through
 * Excel's entry point in src/functions/functions.ts (the table as Excel hands over a range: a
 * header row of text, then the rows; Excel errors included), against `runScreen` on the same
 * header and rows with the same preset. What the formula adds is reading its arguments and
 * building the spilled rows of the passing companies. Budget: at most 1.5x, so a workbook
 * recalculation that reaches a SCREEN over 10,000 rows stays interactive.
 */
import * as functions from "../../src/functions/functions";
import { presetConfig, runScreen } from "../../src/core/screen";
import { installCustomFunctions } from "../lib/custom-functions";
import { Line, within } from "../lib/report";
import type { Settings } from "../lib/settings";
import { compare, fmt, ms, pair } from "../lib/stats";
import { makeUniverse } from "../lib/universe";

installCustomFunctions();

const LIMIT = 1.5;

export function screenFormulaLine(settings: Settings): Line {
  const rows = settings.quick ? 1_000 : 10_000;
  const universe = makeUniverse(rows);
  const table: unknown[][] = [[...universe.headers], ...universe.rows];
  const quality = presetConfig("quality");
  let spilled: unknown[][] = [];
  const samples = compare(
    {
      // Excel passes an omitted optional argument as null.
      formula: () => (spilled = functions.screen(table, null as unknown as unknown[][], null as unknown as unknown[][])),
      engine: () => {
        const outcome = runScreen({ headers: universe.headers, rows: universe.rows }, quality);
        if (!outcome.ok) throw new Error(`the screen refused the bench universe: ${outcome.message}`);
        return outcome.result;
      },
    },
    settings.warmup,
    settings.runs,
  );
  const result = pair(samples.formula, samples.engine);
  return {
    id: "screen-formula",
    title: `SMALLCAP.SCREEN vs the screen engine alone, ${rows.toLocaleString("en-US")} rows`,
    status: within(result.ratio, LIMIT),
    measured: `${fmt(result.ratio)}x (${fmt(result.subject.median)} ms vs ${fmt(result.baseline.median)} ms)`,
    budget: `<= ${LIMIT}x`,
    value: result.ratio,
    limit: LIMIT,
    details: [
      `SCREEN through functions.ts (quality preset): ${ms(result.subject)}; spills ${spilled.length.toLocaleString("en-US")} rows x ${spilled[0]?.length ?? 0} columns (header and passing companies)`,
      `runScreen on the same header and rows:        ${ms(result.baseline)}`,
      `per-round ratio: median ${fmt(result.ratios.median)}x, min-max ${fmt(result.ratios.min)}-${fmt(result.ratios.max)}x, ${result.subject.n} rounds`,
    ],
    data: { rows, formula: result.subject, engine: result.baseline, roundRatios: result.ratios, spilledRows: spilled.length },
  };
}
