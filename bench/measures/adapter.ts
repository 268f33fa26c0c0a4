/**
 * The custom-function path: a range in as `any[][]`, through the shared adapter
 * (`src/core/grid.ts`) and `forExcel` (`src/functions/excel.ts`), a spilled `any[][]` out, exactly as Excel calls the
 * entry points of `src/functions/functions.ts`. Baselines:
 * - bare: a loop over Float64Arrays doing the same arithmetic into a Float64Array (the budget's
 *   denominator);
 * - floor: the least any `any[][]` -> `any[][]` function can do: read number[][] and write a
 *   new array of rows of the result. What the adapter costs beyond it is the adapter's own.
 */
import * as functions from "../../src/functions/functions";
import * as definitions from "../../src/functions/definitions";
import { toExcelError } from "../../src/functions/excel";
import { coreError } from "../../src/core/errors";
import { installCustomFunctions } from "../lib/custom-functions";
import { Random } from "../lib/random";
import { Line, within } from "../lib/report";
import { compare, fmt, ms, pair, spread } from "../lib/stats";
import type { Settings } from "../lib/settings";

// functions.ts is Excel's entry point (what the bundle associates); it reaches
// CustomFunctions only when it converts an error, so the stand-in goes in before any call.
installCustomFunctions();

/** The one error object a #DIV/0! cell holds on the way to Excel (shared, as toExcelError shares it). */
const DIV0 = (): unknown => toExcelError(coreError("DIV0", "bench"));

interface Matrix {
  readonly grid: number[][];
  readonly flat: Float64Array;
}

function matrix(rows: number, cols: number, draw: () => number): Matrix {
  const grid: number[][] = new Array(rows);
  const flat = new Float64Array(rows * cols);
  for (let r = 0; r < rows; r++) {
    const line: number[] = new Array(cols);
    for (let c = 0; c < cols; c++) {
      const x = draw();
      line[c] = x;
      flat[r * cols + c] = x;
    }
    grid[r] = line;
  }
  return { grid, flat };
}

/** EBIT and interest as a small-cap universe has them: a quarter loss-making, 1% with no interest (#DIV/0!). */
function inputs(rows: number, cols: number, seed: number) {
  const rnd = new Random(seed);
  const ebit = matrix(rows, cols, () => (rnd.chance(0.25) ? -rnd.uniform(0, 40) : rnd.uniform(0, 200)));
  const interest = matrix(rows, cols, () => (rnd.chance(0.01) ? 0 : rnd.uniform(0.5, 25)));
  const debt = matrix(rows, cols, () => (rnd.chance(0.05) ? 0 : rnd.uniform(10, 800)));
  const share = matrix(rows, cols, () => rnd.uniform(0, 1));
  return { ebit, interest, debt, share };
}

/** How many result cells are errors, and in how many rows: one error makes its whole row an array of objects. */
function errorStats(result: unknown[][]): string {
  let cells = 0;
  let rows = 0;
  for (const row of result) {
    let here = 0;
    for (const cell of row) if (typeof cell === "object" && cell !== null) here++;
    cells += here;
    if (here > 0) rows++;
  }
  return `result: ${cells.toLocaleString("en-US")} error cells, in ${rows.toLocaleString("en-US")} of ${result.length.toLocaleString("en-US")} rows`;
}

/**
 * What a line's budget divides by: the bare loop (`<= limit`x it), or, for SMALLCAP.ICR, the
 * floor with error objects, the least any function can do under Excel's contract (a new
 * any[][] whose error cells hold CustomFunctions.Error objects): `<= 1.5x` it. No
 * implementation can meet 3x the bare loop there: the floor with errors alone is ~15x it.
 */
type Against = "bare" | "floorErrors";

function ratioLine(id: string, title: string, limit: number, samples: Record<string, number[]>, cells: number, extra: string[] = [], against: Against = "bare"): Line {
  const main = pair(samples.adapter, samples.bare);
  const floor = pair(samples.floor, samples.bare);
  const details = [
    `adapter (functions.ts entry, Excel errors included): ${ms(main.subject)}, IQR ${fmt(main.subject.q1)}-${fmt(main.subject.q3)} ms`,
    `bare Float64Array loop:                        ${ms(main.baseline)}, IQR ${fmt(main.baseline.q1)}-${fmt(main.baseline.q3)} ms`,
    `floor (read number[][], write new any[][]):     ${ms(floor.subject)} = ${fmt(floor.ratio)}x bare; adapter = ${fmt(main.subject.median / floor.subject.median)}x floor`,
  ];
  if (samples.floorErrors !== undefined) {
    const withErrors = spread(samples.floorErrors);
    details.push(
      `floor with the error cells as CustomFunctions.Error objects: ${ms(withErrors)} = ${fmt(withErrors.median / main.baseline.median)}x bare; adapter = ${fmt(main.subject.median / withErrors.median)}x this floor`,
    );
  }
  if (samples.core !== undefined) {
    const core = spread(samples.core);
    // functions.ts runs no conversion pass: the adapter writes Excel errors as it builds the grid.
    details.push(`definitions.ts entry (errors left as CoreError, no Excel conversion): ${ms(core)}; difference ~${fmt(main.subject.median - core.median)} ms`);
  }
  details.push(`per-round ratio adapter/bare: median ${fmt(main.ratios.median)}x, min-max ${fmt(main.ratios.min)}-${fmt(main.ratios.max)}x, ${main.subject.n} rounds; ${fmt((main.subject.median * 1e6) / cells)} ns/cell`);
  details.push(...extra);
  const judged = against === "bare" ? main : pair(samples.adapter, samples.floorErrors);
  if (against === "floorErrors") details.unshift(`adapter / bare Float64Array loop: ${fmt(main.ratio)}x (the budget before issue 13: <= 3x, below the floor with errors)`);
  return {
    id,
    title,
    status: within(judged.ratio, limit),
    measured: `${fmt(judged.ratio)}x (${fmt(judged.subject.median)} ms vs ${fmt(judged.baseline.median)} ms)`,
    budget: against === "bare" ? `<= ${limit}x the bare loop` : `<= ${limit}x the floor with CustomFunctions.Error objects (${fmt(judged.baseline.median)} ms)`,
    value: judged.ratio,
    limit,
    details,
    data: { cells, adapter: main.subject, bare: main.baseline, floor: floor.subject, floorErrors: samples.floorErrors ? spread(samples.floorErrors) : undefined, core: samples.core ? spread(samples.core) : undefined, roundRatios: main.ratios },
  };
}

export function icrLines(settings: Settings): Line[] {
  const cells = settings.quick ? 20_000 : 1_000_000;
  const cols = settings.quick ? 100 : 1000;
  const rows = cells / cols;
  const { ebit, interest } = inputs(rows, cols, 101);
  const n = rows * cols;
  const e = ebit.flat;
  const x = interest.flat;
  const samples = compare(
    {
      adapter: () => functions.icr(ebit.grid, interest.grid),
      core: () => definitions.ICR(ebit.grid, interest.grid),
      bare: () => {
        const out = new Float64Array(n);
        for (let k = 0; k < n; k++) out[k] = e[k] / Math.abs(x[k]);
        return out;
      },
      floor: () => {
        const a = ebit.grid;
        const b = interest.grid;
        const out: unknown[][] = new Array(rows);
        for (let r = 0; r < rows; r++) {
          const ra = a[r];
          const rb = b[r];
          const line: unknown[] = new Array(cols);
          for (let c = 0; c < cols; c++) line[c] = ra[c] / Math.abs(rb[c]);
          out[r] = line;
        }
        return out;
      },
      floorErrors: () => {
        const a = ebit.grid;
        const b = interest.grid;
        const error = DIV0();
        const out: unknown[][] = new Array(rows);
        for (let r = 0; r < rows; r++) {
          const ra = a[r];
          const rb = b[r];
          const line: unknown[] = new Array(cols);
          for (let c = 0; c < cols; c++) {
            const d = Math.abs(rb[c]);
            line[c] = d === 0 ? error : ra[c] / d;
          }
          out[r] = line;
        }
        return out;
      },
    },
    settings.warmup,
    settings.runs,
  );
  const lines = [
    ratioLine("icr", `SMALLCAP.ICR, ${rows.toLocaleString("en-US")} x ${cols.toLocaleString("en-US")} cells, adapter vs the floor with error objects`, 1.5, samples, n, [
      errorStats(functions.icr(ebit.grid, interest.grid)),
    ], "floorErrors"),
  ];

  // The same million cells as one tall column (=SMALLCAP.ICR(D2:D1000001, ...)): one row array per cell.
  const tall = inputs(cells, 1, 102);
  const te = tall.ebit.flat;
  const tx = tall.interest.flat;
  const column = compare(
    {
      adapter: () => functions.icr(tall.ebit.grid, tall.interest.grid),
      bare: () => {
        const out = new Float64Array(cells);
        for (let k = 0; k < cells; k++) out[k] = te[k] / Math.abs(tx[k]);
        return out;
      },
      floor: () => {
        const a = tall.ebit.grid;
        const b = tall.interest.grid;
        const out: unknown[][] = new Array(cells);
        for (let r = 0; r < cells; r++) out[r] = [a[r][0] / Math.abs(b[r][0])];
        return out;
      },
    },
    settings.warmup,
    settings.runs,
  );
  const info = ratioLine("icr-column", `SMALLCAP.ICR, one column of ${cells.toLocaleString("en-US")} cells (not budgeted: shape check)`, 3, column, cells);
  lines.push({ ...info, status: "INFO", budget: "none; the budgeted shape is the square one" });
  return lines;
}

export function zombieLine(settings: Settings): Line {
  const periods = 3;
  const rows = Math.floor((settings.quick ? 20_000 : 1_000_000) / periods);
  const { ebit, interest } = inputs(rows, periods, 201);
  const e = ebit.flat;
  const x = interest.flat;
  const samples = compare(
    {
      adapter: () => functions.zombie(ebit.grid, interest.grid, null as unknown as unknown[][], null as unknown as unknown[][]),
      core: () => definitions.ZOMBIE(ebit.grid, interest.grid, null, null),
      bare: () => {
        const out = new Uint8Array(rows);
        for (let r = 0; r < rows; r++) {
          let zombie = 1;
          for (let t = r * periods; t < r * periods + periods; t++) {
            const cover = Math.abs(x[t]);
            if (cover === 0 || e[t] / cover >= 1) zombie = 0;
          }
          out[r] = zombie;
        }
        return out;
      },
      floor: () => {
        const a = ebit.grid;
        const b = interest.grid;
        const out: unknown[][] = new Array(rows);
        for (let r = 0; r < rows; r++) {
          const ra = a[r];
          const rb = b[r];
          let zombie = true;
          for (let t = 0; t < periods; t++) {
            const cover = Math.abs(rb[t]);
            if (cover === 0 || ra[t] / cover >= 1) zombie = false;
          }
          out[r] = [zombie];
        }
        return out;
      },
    },
    settings.warmup,
    settings.runs,
  );
  return ratioLine(
    "zombie",
    `SMALLCAP.ZOMBIE, ${rows.toLocaleString("en-US")} companies x ${periods} periods (${(rows * periods).toLocaleString("en-US")} cells per range), adapter vs bare loop`,
    4,
    samples,
    rows * periods,
    [errorStats(functions.zombie(ebit.grid, interest.grid, null as unknown as unknown[][], null as unknown as unknown[][]))],
  );
}

export function shockLine(settings: Settings): Line {
  const cells = settings.quick ? 20_000 : 1_000_000;
  const cols = settings.quick ? 100 : 1000;
  const rows = cells / cols;
  const { ebit, interest, debt, share } = inputs(rows, cols, 301);
  const n = rows * cols;
  const [e, x, d, s] = [ebit.flat, interest.flat, debt.flat, share.flat];
  const bps = 200;
  const shock: unknown[][] = [[bps]];
  const samples = compare(
    {
      adapter: () => functions.shockicr(ebit.grid, interest.grid, debt.grid, share.grid, shock),
      core: () => definitions.SHOCKICR(ebit.grid, interest.grid, debt.grid, share.grid, shock),
      bare: () => {
        const out = new Float64Array(n);
        for (let k = 0; k < n; k++) out[k] = e[k] / (Math.abs(x[k]) + (d[k] * s[k] * bps) / 10000);
        return out;
      },
      floor: () => {
        const out: unknown[][] = new Array(rows);
        for (let r = 0; r < rows; r++) {
          const [re, rx, rd, rs] = [ebit.grid[r], interest.grid[r], debt.grid[r], share.grid[r]];
          const line: unknown[] = new Array(cols);
          for (let c = 0; c < cols; c++) line[c] = re[c] / (Math.abs(rx[c]) + (rd[c] * rs[c] * bps) / 10000);
          out[r] = line;
        }
        return out;
      },
      floorErrors: () => {
        const error = DIV0();
        const out: unknown[][] = new Array(rows);
        for (let r = 0; r < rows; r++) {
          const [re, rx, rd, rs] = [ebit.grid[r], interest.grid[r], debt.grid[r], share.grid[r]];
          const line: unknown[] = new Array(cols);
          for (let c = 0; c < cols; c++) {
            const pro = Math.abs(rx[c]) + (rd[c] * rs[c] * bps) / 10000;
            line[c] = pro > 0 ? re[c] / pro : error;
          }
          out[r] = line;
        }
        return out;
      },
    },
    settings.warmup,
    settings.runs,
  );
  return ratioLine("shockicr", `SMALLCAP.SHOCKICR, ${rows.toLocaleString("en-US")} x ${cols.toLocaleString("en-US")} cells x 4 ranges + a 200 bp shock, adapter vs bare loop`, 4, samples, n, [
    errorStats(functions.shockicr(ebit.grid, interest.grid, debt.grid, share.grid, shock)),
  ]);
}
