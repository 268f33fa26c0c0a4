/**
 * The pane's state, in one object. Views read it freely; they change it only through the
 * functions below, so every change of what the pane knows is one of these.
 */
import { describeMapping, mapColumns, presetConfig } from "../../core/screen";
import type { ColumnMapping, CriterionId, CriterionSetting, FieldId, MappingReport, PresetId, SavedScreen, ScreenConfig } from "../../core/screen";
import { defaultOutputSheet } from "../../workbook/sheets";
import type { SourceRef, TableInfo } from "../../workbook/workbook";

export interface PaneState {
  /** The workbook's tables, as the data picker lists them. */
  readonly tables: readonly TableInfo[];
  readonly source: SourceRef | null;
  /** The source's header row. */
  readonly headers: readonly unknown[];
  /** What the mapping recognised (or, once edited, describes); null before a source is chosen. */
  readonly report: MappingReport | null;
  readonly mapping: ColumnMapping | null;
  /** True once the analyst changed the mapping: a run or a save then keeps it. */
  readonly mappingEdited: boolean;
  readonly config: ScreenConfig;
  /** The results sheet's name. */
  readonly output: string;
  /** True once the analyst typed a results sheet name (or opened a saved screen). */
  readonly outputEdited: boolean;
  readonly saved: readonly SavedScreen[];
  /** A host call or a run is under way. */
  readonly busy: boolean;
}

/** A screen as the form describes it: what a run reads and a save stores. */
export interface ScreenSpec {
  readonly source: SourceRef;
  /** null: recognise the headers afresh (the mapping was not edited). */
  readonly mapping: ColumnMapping | null;
  readonly config: ScreenConfig;
  readonly output: string;
}

export function createState(): PaneState {
  return {
    tables: [],
    source: null,
    headers: [],
    report: null,
    mapping: null,
    mappingEdited: false,
    config: presetConfig("quality"),
    output: defaultOutputSheet(),
    outputEdited: false,
    saved: [],
    busy: false,
  };
}

function change(state: PaneState, patch: Partial<PaneState>): void {
  Object.assign(state, patch);
}

export function setTables(state: PaneState, tables: readonly TableInfo[]): void {
  change(state, { tables });
}

/** A newly chosen source: its headers are recognised afresh and the mapping is the engine's. */
export function setSource(state: PaneState, source: SourceRef, headers: readonly unknown[]): void {
  const report = mapColumns(headers);
  change(state, {
    source: source.table !== undefined ? { sheet: source.sheet, table: source.table } : source,
    headers,
    report,
    mapping: report.mapping,
    mappingEdited: false,
  });
}

/** Feeds a field from a column (its index), or from none; false when there is no mapping to edit. */
export function editMapping(state: PaneState, fieldId: FieldId, column: number | undefined): boolean {
  const base = state.mapping ?? state.report?.mapping;
  if (base === undefined) return false;
  const fields: Partial<Record<FieldId, number>> = { ...base.fields };
  if (column === undefined) delete fields[fieldId];
  else fields[fieldId] = column;
  useMapping(state, { ...base, fields });
  return true;
}

/** A mapping the analyst chose (edited, or a saved screen's), described over the current headers. */
export function useMapping(state: PaneState, mapping: ColumnMapping): void {
  change(state, { mapping, mappingEdited: true, report: describeMapping(state.headers, mapping) });
}

export function setConfig(state: PaneState, config: ScreenConfig): void {
  change(state, { config });
}

/** A preset's criteria; the shock, the zombie window and the interest reading stay as set. */
export function choosePreset(state: PaneState, preset: PresetId): void {
  const { shockBps, zombieYears, interestSign } = state.config;
  setConfig(state, {
    ...presetConfig(preset),
    shockBps,
    ...(zombieYears !== undefined ? { zombieYears } : {}),
    ...(interestSign !== undefined ? { interestSign } : {}),
  });
}

export function setNumberSetting(state: PaneState, key: "shockBps" | "zombieYears", value: number): void {
  setConfig(state, { ...state.config, [key]: value });
}

/** Interest of both signs read by size (true) or by the column's convention (the default). */
export function setInterestByMagnitude(state: PaneState, magnitude: boolean): void {
  const rest = { ...state.config };
  delete (rest as { interestSign?: string }).interestSign;
  setConfig(state, magnitude ? { ...rest, interestSign: "magnitude" } : rest);
}

/** Switches a criterion or sets its threshold; returns its setting after the change. */
export function updateCriterion(state: PaneState, id: CriterionId, update: { enabled?: boolean; threshold?: number }): CriterionSetting | undefined {
  setConfig(state, { ...state.config, criteria: state.config.criteria.map((c) => (c.id === id ? { ...c, ...update } : c)) });
  return state.config.criteria.find((c) => c.id === id);
}

export function setOutput(state: PaneState, output: string, edited = state.outputEdited): void {
  change(state, { output, outputEdited: edited });
}

export function setSaved(state: PaneState, saved: readonly SavedScreen[]): void {
  change(state, { saved });
}

export function setBusy(state: PaneState, busy: boolean): void {
  change(state, { busy });
}

/** Whether a source is chosen: the form then describes a screen (`screenSpec`). */
export function hasSource(state: PaneState): state is PaneState & { readonly source: SourceRef } {
  return state.source !== null;
}

/** The screen the form describes. */
export function screenSpec(state: PaneState & { readonly source: SourceRef }): ScreenSpec {
  return { source: state.source, mapping: state.mappingEdited ? state.mapping : null, config: state.config, output: state.output };
}
