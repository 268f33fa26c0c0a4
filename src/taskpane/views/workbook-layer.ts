/**
 * What the pane's views use from the host-neutral workbook layer (the workbook interface, source
 * and sheet rules, runs and saved screens), imported here only: the pane's one door to it.
 */
export { columnLetters } from "../a1";
export { describeError, refreshAll, refreshSaved, removeScreen, runToSheet, upsertScreen, type RunOutcome } from "../screens";
export { defaultOutputSheet, outputSheetProblem, sourceLabel } from "../source";
export type { ProgressStep, ScreenWorkbook, SourceRef, TableInfo } from "../workbook";
