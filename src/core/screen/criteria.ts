/**
 * The screener's criteria as data: what each needs, what its threshold means, how it reads in
 * words, and how it judges a row (pass, fail or unknown) from the typed columns.
 *
 * docs/SCREENER.md. Rules the spec leaves to us (docs/SCREENER.md):
 * - No debt passes the floating-share and maturity tests even with those fields blank.
 * - Zero interest expense is infinite coverage: it passes ICR and shocked-ICR tests and is not
 *   a zombie, whatever EBIT is.
 * - No debt (or no floating debt) takes no shock: shocked ICR = plain ICR. A pro-forma interest
 *   of zero or less passes.
 */
import type { CoreError } from "../errors";
import { formatNumber, formatPercent, formatRatio, formatYears } from "./format";
import { DEFAULT_SHOCK_BPS, DEFAULT_ZOMBIE_THRESHOLD, DEFAULT_ZOMBIE_YEARS, STRESS_LINE } from "../defaults";
import { CoverageColumns, ZombieColumn, causeBit, coverageColumns, zombieColumn } from "./metrics";
import type { ScreenRecords } from "./records";
import { VERDICT_FAIL, VERDICT_PASS, VERDICT_UNKNOWN, type CriterionId, type FieldId, type PresetId, type ScreenConfig, type Verdict } from "./types";


/** Shared, memoised measures for one run; criteria read them, never recompute them. */
export interface ScreenContext {
  readonly records: ScreenRecords;
  readonly config: ScreenConfig;
  coverage(): CoverageColumns;
  zombie(threshold: number): ZombieColumn;
}

export function screenContext(records: ScreenRecords, config: ScreenConfig): ScreenContext {
  let coverage: CoverageColumns | undefined;
  const zombies = new Map<number, ZombieColumn>();
  const context: ScreenContext = {
    records,
    config,
    coverage: () => (coverage ??= coverageColumns(records, config.shockBps)),
    zombie: (threshold) => {
      let column = zombies.get(threshold);
      if (column === undefined) {
        column = zombieColumn(records, context.coverage(), threshold, config.zombieYears);
        zombies.set(threshold, column);
      }
      return column;
    },
  };
  return context;
}

/** How a criterion measured one row; one instance is reused for every row. */
export interface Measure {
  /** The measured value shown in a reason (NaN when there is none). */
  value: number;
  /** For unknown: bit mask of the fields that were missing or bad (see metrics.causeBit). */
  cause: number;
  /** For unknown through the zombie history: the period's own error. */
  note: CoreError | undefined;
}

export function newMeasure(): Measure {
  return { value: NaN, cause: 0, note: undefined };
}

/** Judges row `i`, writing its measurements into `out`. */
export type Evaluator = (i: number, out: Measure) => Verdict;

/**
 * A criterion bound to one run's columns, two ways over one decision (`code`): `column` writes
 * the verdict codes of rows `from`..`to`-1, a tight loop with nothing measured or allocated;
 * `row` judges one row and measures it, for that row's words.
 */
export interface Judge {
  readonly column: (from: number, to: number, codes: Int8Array) => void;
  readonly row: Evaluator;
}

const VERDICT_OF: Readonly<Record<number, Verdict>> = { [VERDICT_PASS]: "pass", [VERDICT_FAIL]: "fail", [VERDICT_UNKNOWN]: "unknown" };

/** A judge from its decision per row and what a row's measurement adds to it. */
function judge(code: (i: number) => number, measure: (i: number, out: Measure, verdict: number) => void): Judge {
  return {
    column: (from, to, codes) => {
      for (let i = from; i < to; i++) codes[i] = code(i);
    },
    row: (i, out) => {
      const verdict = code(i);
      measure(i, out, verdict);
      return VERDICT_OF[verdict];
    },
  };
}

export type ThresholdUnit = "money" | "fraction" | "years" | "ratio";

/** What the words of a criterion depend on besides its threshold. */
export interface DescribeContext {
  readonly shockBps: number;
  /** Fiscal periods the zombie test considers (default 3). */
  readonly zombieYears: number;
}

export interface CriterionDef {
  readonly id: CriterionId;
  /** What it is about, for "unknown" lists: `domestic revenue share`. */
  readonly name: string;
  /** The rule with its default threshold, in words: `free cash flow > 0`. */
  readonly label: string;
  /** Fields it can use; it can run when any of them is mapped. */
  readonly fields: readonly FieldId[];
  /** True when it uses the EBIT and interest period columns where they are mapped. */
  readonly usesHistory: boolean;
  readonly threshold: {
    readonly default: number;
    /** What the editable number means, for the pane's input. */
    readonly meaning: string;
    readonly unit: ThresholdUnit;
    readonly min?: number;
    readonly max?: number;
  };
  /** The rule with a given threshold: `ICR >= 2.5`. */
  describe(threshold: number, context: DescribeContext): string;
  /** A measured value as the reason shows it: `1.8x`, `40%`. */
  formatValue(value: number): string;
  /** Binds the criterion to one run's columns. */
  prepare(context: ScreenContext, threshold: number): Judge;
}

const FCF = causeBit("fcf");
const DEBT = causeBit("totalDebt");
const SHARE = causeBit("floatingShare");
const WAM = causeBit("wamYears");
const DOMESTIC = causeBit("domesticShare");

/**
 * How a field test compares: a number, not a predicate function, because calling a function
 * that is not inlined with a double argument boxes the double (an allocation per row).
 */
type Comparison = 0 | 1 | 2;
const ABOVE: Comparison = 0;
const AT_MOST: Comparison = 1;
const AT_LEAST: Comparison = 2;

/**
 * A threshold test on one field: a missing value is unknown, naming the field. With
 * `noDebtPasses`, a company without debt passes whatever the field holds (docs/SCREENER.md: "no debt
 * passes" the floating-rate share and maturity tests), and a missing total debt is named too.
 */
function fieldTest(
  context: ScreenContext,
  field: "fcf" | "domesticShare" | "floatingShare" | "wamYears",
  cause: number,
  comparison: Comparison,
  threshold: number,
  noDebtPasses = false,
): Judge {
  const values = context.records.numbers[field].values;
  const debt = noDebtPasses ? context.records.numbers.totalDebt.values : null;
  return judge(
    (i) => {
      if (debt !== null && debt[i] === 0) return VERDICT_PASS;
      const v = values[i];
      if (v !== v) return VERDICT_UNKNOWN;
      const passes = comparison === ABOVE ? v > threshold : comparison === AT_MOST ? v <= threshold : v >= threshold;
      return passes ? VERDICT_PASS : VERDICT_FAIL;
    },
    (i, out, verdict) => {
      out.value = values[i];
      if (verdict === VERDICT_UNKNOWN) out.cause = cause | (debt !== null && debt[i] !== debt[i] ? DEBT : 0);
    },
  );
}

function formatMoney(value: number): string {
  return formatNumber(value, 2);
}

function zombieRule(threshold: number, context: DescribeContext): string {
  return context.zombieYears > 1
    ? `ICR < ${formatNumber(threshold)} in each of the latest ${context.zombieYears} fiscal periods`
    : `ICR < ${formatNumber(threshold)} in the latest fiscal period`;
}

/** A zombie verdict as a criterion: `keep` says which status passes. */
function zombieEvaluator(context: ScreenContext, threshold: number, keepZombies: boolean): Judge {
  const zombie = context.zombie(threshold);
  const icr = context.coverage().icr;
  const status = zombie.status;
  return judge(
    (i) => {
      const s = status[i];
      if (s < 0) return VERDICT_UNKNOWN;
      return (s === 1) === keepZombies ? VERDICT_PASS : VERDICT_FAIL;
    },
    (i, out, verdict) => {
      out.value = icr[i];
      if (verdict !== VERDICT_UNKNOWN) return;
      out.cause = zombie.cause[i];
      out.note = zombie.notes === null ? undefined : zombie.notes[i];
    },
  );
}

/** Coverage at or above the line; zero (pro-forma) interest is infinite coverage and passes. */
function coverageEvaluator(values: Float64Array, causes: Int32Array, threshold: number): Judge {
  return judge(
    (i) => {
      const v = values[i];
      if (v !== v) return VERDICT_UNKNOWN;
      return v >= threshold ? VERDICT_PASS : VERDICT_FAIL;
    },
    (i, out, verdict) => {
      out.value = values[i];
      if (verdict === VERDICT_UNKNOWN) out.cause = causes[i];
    },
  );
}

function shockedDescription(threshold: number, context: DescribeContext): string {
  const sign = context.shockBps >= 0 ? "+" : "";
  return `ICR after a ${sign}${formatNumber(context.shockBps, 0)} bp shock >= ${formatNumber(threshold)}`;
}

const LATEST: DescribeContext = { shockBps: DEFAULT_SHOCK_BPS, zombieYears: DEFAULT_ZOMBIE_YEARS };

function define(def: Omit<CriterionDef, "label">): CriterionDef {
  return Object.freeze({ ...def, label: def.describe(def.threshold.default, LATEST) });
}

/** ICR after the rate shock on floating-rate debt at or above the line (quality criterion 7, and the stress preset). */
const SHOCKED_ICR_TEST: Omit<CriterionDef, "label" | "id"> = {
  name: "rate-shocked ICR",
  fields: ["ebit", "interestExpense", "totalDebt", "floatingShare", "floatingDebt"],
  usesHistory: false,
  threshold: { default: STRESS_LINE, meaning: "smallest ICR after the rate shock on floating-rate debt", unit: "ratio" },
  describe: shockedDescription,
  formatValue: formatRatio,
  prepare: (context, t) => coverageEvaluator(context.coverage().shockedIcr, context.coverage().shockedCause, t),
};

/** Every criterion, quality preset first in the framework's order. */
export const CRITERIA: readonly CriterionDef[] = Object.freeze([
  define({
    id: "positiveFcf",
    name: "free cash flow",
    fields: ["fcf"],
    usesHistory: false,
    threshold: { default: 0, meaning: "free cash flow must be above this amount", unit: "money" },
    describe: (t) => `free cash flow > ${formatMoney(t)}`,
    formatValue: formatMoney,
    prepare: (context, t) => fieldTest(context, "fcf", FCF, ABOVE, t),
  }),
  define({
    id: "floatingShare",
    name: "floating-rate share",
    fields: ["floatingShare", "floatingDebt", "totalDebt"],
    usesHistory: false,
    threshold: { default: 0.25, meaning: "largest floating-rate share of debt (0.25 is 25%)", unit: "fraction", min: 0, max: 1 },
    describe: (t) => `floating-rate share <= ${formatPercent(t)}`,
    formatValue: formatPercent,
    prepare: (context, t) => fieldTest(context, "floatingShare", SHARE, AT_MOST, t, true),
  }),
  define({
    id: "maturity",
    name: "debt maturity",
    fields: ["wamYears", "totalDebt"],
    usesHistory: false,
    threshold: { default: 3, meaning: "shortest weighted-average debt maturity, years", unit: "years", min: 0 },
    describe: (t) => `debt maturity >= ${formatYears(t)}`,
    formatValue: formatYears,
    prepare: (context, t) => fieldTest(context, "wamYears", WAM, AT_LEAST, t, true),
  }),
  define({
    id: "domesticRevenue",
    name: "domestic revenue share",
    fields: ["domesticShare"],
    usesHistory: false,
    threshold: { default: 0.8, meaning: "smallest domestic share of revenue (0.8 is 80%)", unit: "fraction", min: 0, max: 1 },
    describe: (t) => `domestic revenue share >= ${formatPercent(t)}`,
    formatValue: formatPercent,
    prepare: (context, t) => fieldTest(context, "domesticShare", DOMESTIC, AT_LEAST, t),
  }),
  define({
    id: "notZombie",
    name: "zombie test",
    fields: ["ebit", "interestExpense"],
    usesHistory: true,
    threshold: { default: DEFAULT_ZOMBIE_THRESHOLD, meaning: "zombie line: ICR below this (in every period considered) is a zombie", unit: "ratio" },
    describe: (t, c) =>
      c.zombieYears > 1
        ? `not a zombie (ICR >= ${formatNumber(t)} in at least one of the latest ${c.zombieYears} fiscal periods)`
        : `not a zombie (ICR >= ${formatNumber(t)} in the latest fiscal period)`,
    formatValue: (v) => (v === v ? `latest ICR ${formatRatio(v)}` : "latest ICR unknown"),
    prepare: (context, t) => zombieEvaluator(context, t, false),
  }),
  define({
    id: "icr",
    name: "ICR",
    fields: ["ebit", "interestExpense"],
    usesHistory: false,
    threshold: { default: 3, meaning: "smallest interest coverage, EBIT / interest expense", unit: "ratio" },
    describe: (t) => `ICR >= ${formatNumber(t)}`,
    formatValue: formatRatio,
    prepare: (context, t) => coverageEvaluator(context.coverage().icr, context.coverage().icrCause, t),
  }),
  define({ id: "shockedIcr", ...SHOCKED_ICR_TEST }),
  define({
    id: "isZombie",
    name: "zombie test",
    fields: ["ebit", "interestExpense"],
    usesHistory: true,
    threshold: { default: DEFAULT_ZOMBIE_THRESHOLD, meaning: "zombie line: ICR below this (in every period considered) is a zombie", unit: "ratio" },
    describe: (t, c) => `is a zombie (${zombieRule(t, c)})`,
    formatValue: (v) => (v === v ? `latest ICR ${formatRatio(v)}` : "latest ICR unknown"),
    prepare: (context, t) => zombieEvaluator(context, t, true),
  }),
  // The stress preset's one test: the quality preset's seventh criterion, on its own.
  define({ id: "shockedIcrAbove", ...SHOCKED_ICR_TEST }),
]);

const BY_ID: ReadonlyMap<CriterionId, CriterionDef> = new Map(CRITERIA.map((c) => [c.id, c]));

export function criterionDef(id: CriterionId): CriterionDef {
  return BY_ID.get(id) as CriterionDef;
}

/** The criteria of each preset, in order. */
export const PRESET_CRITERIA: Readonly<Record<PresetId, readonly CriterionId[]>> = Object.freeze({
  quality: ["positiveFcf", "floatingShare", "maturity", "domesticRevenue", "notZombie", "icr", "shockedIcr"],
  zombies: ["isZombie"],
  stress: ["shockedIcrAbove"],
});

/** A preset with every criterion on at its default threshold and a +200 bp shock. */
export function presetConfig(preset: PresetId): ScreenConfig {
  return {
    preset,
    criteria: PRESET_CRITERIA[preset].map((id) => ({ id, enabled: true, threshold: criterionDef(id).threshold.default })),
    shockBps: DEFAULT_SHOCK_BPS,
  };
}

/** The zombie line a run uses for its summary: the first zombie criterion's threshold, else 1. */
export function zombieThreshold(config: ScreenConfig): number {
  const setting = config.criteria.find((c) => c.id === "notZombie" || c.id === "isZombie");
  return setting === undefined ? criterionDef("notZombie").threshold.default : setting.threshold;
}

/**
 * The words-context of a run: its shock and the periods the zombie test considers (the
 * config's zombieYears, else the framework's 3, whatever period columns the table has).
 * `periods` is kept for callers; the window no longer follows the columns.
 */
export function describeContext(config: ScreenConfig, periods?: number): DescribeContext {
  void periods;
  return { shockBps: config.shockBps, zombieYears: config.zombieYears ?? DEFAULT_ZOMBIE_YEARS };
}
