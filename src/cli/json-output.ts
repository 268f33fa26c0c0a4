/**
 * `smallcap screen --json`: the output, built to the contract of json-schema.ts (`ScreenJson`;
 * its zod schema is for other tools and the tests, and only its types are imported here, so a
 * run never loads zod). Numbers that are unknown, or infinite (no interest to cover), are null;
 * the row's `reason` says which.
 */
import { ScreenResult, criterionDef, describeContext } from "../core/screen";
import type { ScreenMessage } from "../core/screen";
import type { ScreenJson } from "./json-schema";
import type { SourceLocation } from "./source";

const LEVEL_ORDER = { error: 0, warning: 1, info: 2 } as const;

/** The run's messages, errors first, then warnings, then assumptions; in order within a level. */
export function sortedMessages(result: ScreenResult, sourceNotes: readonly ScreenMessage[] = []): readonly ScreenMessage[] {
  return [...sourceNotes, ...(result.messages ?? [])].map((m, i) => ({ m, i })).sort((a, b) => LEVEL_ORDER[a.m.level] - LEVEL_ORDER[b.m.level] || a.i - b.i).map((x) => x.m);
}

function finite(value: number | null): number | null {
  return value !== null && Number.isFinite(value) ? value : null;
}

export function screenJson(result: ScreenResult, location: SourceLocation, file: string, sourceNotes: readonly ScreenMessage[] = []): ScreenJson {
  const words = describeContext(result.config, result.mapping.mapping.ebitHistory.length);
  const { summary } = result;
  return {
    summary: {
      source: {
        file,
        kind: location.kind,
        ...(location.sheet !== undefined ? { sheet: location.sheet } : {}),
        ...(location.table !== undefined ? { table: location.table } : {}),
        ...(location.range !== undefined ? { range: location.range } : {}),
        headerRow: location.headerRow,
      },
      preset: result.config.preset,
      shockBps: result.config.shockBps,
      criteria: result.config.criteria.map((c) => ({
        id: c.id,
        enabled: c.enabled,
        threshold: c.threshold,
        rule: criterionDef(c.id).describe(c.threshold, words),
      })),
      rowsScreened: summary.rowsScreened,
      rowsPassing: summary.rowsPassing,
      zombieCount: summary.zombieCount,
      zombieShare: finite(summary.zombieShare),
      unprofitableShare: finite(summary.unprofitableShare),
      indexPe: finite(summary.indexPe),
      indexPeExUnprofitable: finite(summary.indexPeExUnprofitable),
    },
    mapping: {
      fields: { ...result.mapping.mapping.fields },
      ebitHistory: [...result.mapping.mapping.ebitHistory],
      interestHistory: [...result.mapping.mapping.interestHistory],
      recognised: result.mapping.recognised.map((r) => ({
        column: r.column,
        header: r.header,
        field: r.field,
        ...(r.period !== undefined ? { period: r.period } : {}),
      })),
      ignored: result.mapping.ignored.map((r) => ({ column: r.column, header: r.header, ...(r.reason !== undefined ? { reason: r.reason } : {}) })),
      notes: (result.mapping.notes ?? []).map((m) => ({ level: m.level, message: m.message })),
      ...(result.layout !== undefined ? { layout: { ...result.layout } } : {}),
    },
    messages: sortedMessages(result, sourceNotes).map((m) => ({ level: m.level, message: m.message })),
    rows: Array.from({ length: result.count }, (_, i) => result.row(i)).map((r) => ({
      row: r.row,
      sheetRow: location.headerRow + r.row,
      ticker: r.ticker,
      name: r.name,
      pass: r.pass,
      rank: r.rank,
      score: finite(r.score),
      icr: finite(r.icr),
      shockedIcr: finite(r.shockedIcr),
      zombie: r.zombie,
      failed: [...r.failed],
      unknown: [...r.unknown],
      reason: r.reason,
    })),
  };
}
