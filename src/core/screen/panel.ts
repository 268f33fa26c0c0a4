/**
 * Long (panel) tables: one row per company and fiscal period, as SimFin's bulk files, Compustat
 * extracts and most databases export them. Every row is first read into typed columns (records.ts,
 * as for a wide table); then the rows are grouped by company, and each company becomes one record:
 * its latest period gives the current values, and its latest N fiscal years (by the period's
 * label, not the row order) give the EBIT and interest history the zombie test runs over. A year
 * without a row is a missing period, not a shorter history.
 *
 * Memory: the grouping holds one small array of row indexes per company next to the typed
 * columns; nothing per cell.
 */
import { CoreError, coreError } from "../errors";
import { listed } from "./headers";
import { parsePeriodCell } from "./periods";
export { parsePeriodCell } from "./periods";
export type { PeriodValue } from "./periods";
import { NUMERIC_FIELDS, TEXT_FIELDS, type NumberColumn, type ScreenRecords, type TextFieldId } from "./records";
import type { LayoutReport, ScreenMessage } from "./types";

export interface PanelOutcome {
  readonly records: ScreenRecords;
  readonly layout: LayoutReport;
  readonly messages: ScreenMessage[];
}

/** Whether a later restatement wins: dates as text compare as dates (ISO) or serial numbers. */
function laterRestated(a: string | null, b: string | null): boolean {
  if (a === null) return false;
  if (b === null) return true;
  const na = Number(a);
  const nb = Number(b);
  if (Number.isFinite(na) && Number.isFinite(nb)) return na > nb;
  return a > b;
}

function gatherColumn(column: NumberColumn, pick: Int32Array): NumberColumn {
  const n = pick.length;
  const values = new Float64Array(n);
  let problems: Map<number, CoreError> | null = null;
  for (let e = 0; e < n; e++) {
    const r = pick[e];
    const v = column.values.length === 0 ? NaN : column.values[r];
    values[e] = v;
    const p = column.problems === null ? undefined : column.problems.get(r);
    if (p !== undefined) (problems ??= new Map()).set(e, p);
  }
  return { ...column, values, problems };
}

/**
 * Groups the rows of a long table by company. `years`: the periods the zombie test considers
 * (slots of history, oldest first, ending at each company's latest year).
 */
export function panelRecords(rows: ScreenRecords, years: number, names: { ebit: string; interest: string }): PanelOutcome {
  const messages: ScreenMessage[] = [];
  const ticker = rows.text.ticker;
  const name = rows.text.name;
  const period = rows.text.period;
  const restated = rows.text.restated;
  const groups = new Map<string, number[]>();
  const yearOf = new Int32Array(rows.count);
  let noEntity = 0;
  let noPeriod = 0;
  let badPeriodExample: string | null = null;
  const estimates: string[] = [];
  for (let i = 0; i < rows.count; i++) {
    const entity = (ticker === null ? null : ticker[i]) ?? (name === null ? null : name[i]);
    if (entity === null) {
      noEntity++;
      continue;
    }
    const text = period === null ? null : period[i];
    const p = parsePeriodCell(text);
    if (p === undefined) {
      noPeriod++;
      if (text !== null) badPeriodExample ??= text;
      continue;
    }
    if (p.estimate) {
      if (estimates.length < 50) estimates.push(`${entity} ${text}`);
      continue;
    }
    yearOf[i] = p.year;
    let list = groups.get(entity);
    if (list === undefined) groups.set(entity, (list = []));
    list.push(i);
  }

  const n = groups.size;
  const latest = new Int32Array(n);
  const entities: string[] = [];
  // History slots: for each company, the row of each of its latest `years` fiscal years, or -1.
  const slots: Int32Array[] = Array.from({ length: years }, () => new Int32Array(n).fill(-1));
  const slotYear: Int32Array[] = Array.from({ length: years }, () => new Int32Array(n));
  let maxPeriods = 0;
  let firstYear = Infinity;
  let lastYear = -Infinity;
  let duplicates = 0;
  const duplicateExamples: string[] = [];
  let e = 0;
  for (const [entity, list] of groups) {
    // Periods by their year, then source order, so a later row of the same year comes later.
    list.sort((a, b) => yearOf[a] - yearOf[b] || a - b);
    const kept: number[] = [];
    for (const r of list) {
      const last = kept.length === 0 ? -1 : kept[kept.length - 1];
      if (last >= 0 && yearOf[last] === yearOf[r]) {
        duplicates++;
        const useNew = restated === null ? true : !laterRestated(restated[last], restated[r]);
        if (duplicateExamples.length < 5) {
          const why = restated === null ? "the later row is used" : useNew ? "the later restatement is used" : "the earlier row is the later restatement and is used";
          duplicateExamples.push(`${entity} ${yearOf[r]} (rows ${rows.sourceRows[last]} and ${rows.sourceRows[r]}: ${why})`);
        }
        if (useNew) kept[kept.length - 1] = r;
        continue;
      }
      kept.push(r);
    }
    const top = kept[kept.length - 1];
    latest[e] = top;
    entities.push(entity);
    maxPeriods = Math.max(maxPeriods, kept.length);
    firstYear = Math.min(firstYear, yearOf[kept[0]]);
    lastYear = Math.max(lastYear, yearOf[top]);
    const lastOfEntity = yearOf[top];
    for (let k = 0; k < years; k++) {
      const y = lastOfEntity - (years - 1) + k;
      slotYear[k][e] = y;
      const at = kept.find((r) => yearOf[r] === y);
      if (at !== undefined) slots[k][e] = at;
    }
    e++;
  }

  const text = {} as Record<TextFieldId, (string | null)[] | null>;
  for (const field of TEXT_FIELDS) {
    const column = rows.text[field];
    text[field] = column === null ? null : Array.from(latest, (r) => column[r]);
  }
  const numbers = {} as Record<(typeof NUMERIC_FIELDS)[number], NumberColumn>;
  for (const field of NUMERIC_FIELDS) numbers[field] = gatherColumn(rows.numbers[field], latest);

  const history = (column: NumberColumn, label: string): NumberColumn[] =>
    slots.map((pick, k) => {
      const values = new Float64Array(n);
      let problems: Map<number, CoreError> | null = null;
      for (let c = 0; c < n; c++) {
        const r = pick[c];
        if (r < 0) {
          values[c] = NaN;
          (problems ??= new Map()).set(c, coreError("NA", `missing ${label} for ${slotYear[k][c]} (no row for that fiscal year)`));
          continue;
        }
        values[c] = column.values.length === 0 ? NaN : column.values[r];
        const p = column.problems === null ? undefined : column.problems.get(r);
        if (p !== undefined) (problems ??= new Map()).set(c, coreError(p.code, `${p.message} (${slotYear[k][c]})`));
        else if (values[c] !== values[c]) (problems ??= new Map()).set(c, coreError("NA", `missing ${label} for ${slotYear[k][c]}`));
      }
      const slotName = `${label}, latest${k === years - 1 ? "" : ` - ${years - 1 - k}`}`;
      const missing = coreError("NA", `missing ${slotName}`);
      return { name: slotName, mapped: column.mapped, values, problems, absent: column.absent, missing };
    });

  const sourceRows = Int32Array.from(latest, (r) => rows.sourceRows[r]);
  const records: ScreenRecords = {
    count: n,
    sourceRows,
    text,
    numbers,
    ebitHistory: history(rows.numbers.ebit, names.ebit),
    interestHistory: history(rows.numbers.interestExpense, names.interest),
  };

  const span = n === 0 ? "" : firstYear === lastYear ? ` (${firstYear})` : ` (${firstYear}-${lastYear})`;
  messages.push({
    level: "info",
    message:
      `panel: ${n.toLocaleString("en-US")} companies x up to ${maxPeriods} fiscal year${maxPeriods === 1 ? "" : "s"}${span}; ` +
      `latest year per company used for current values`,
  });
  if (duplicates > 0) {
    messages.push({
      level: "warning",
      message: `${duplicates.toLocaleString("en-US")} company-year${duplicates === 1 ? " is" : "s are"} given twice; one row of each is used: ${listed(duplicateExamples, 5)}.`,
    });
  }
  if (noEntity > 0) messages.push({ level: "warning", message: `${noEntity.toLocaleString("en-US")} row${noEntity === 1 ? "" : "s"} without a ticker or name left out.` });
  if (noPeriod > 0) {
    messages.push({
      level: "warning",
      message:
        `${noPeriod.toLocaleString("en-US")} row${noPeriod === 1 ? "" : "s"} without a readable fiscal period left out` +
        (badPeriodExample === null ? "." : `, e.g. "${badPeriodExample.slice(0, 40)}".`),
    });
  }
  if (estimates.length > 0) {
    messages.push({ level: "info", message: `Estimate rows never join the actual history; left out: ${listed(estimates, 5)}.` });
  }
  const layout: LayoutReport = {
    kind: "panel",
    companies: n,
    maxPeriods,
    ...(n > 0 ? { firstYear, lastYear } : {}),
    duplicates,
    zombieYears: years,
  };
  return { records, layout, messages };
}
