/** What the coordinator (pane.ts) gives every view. */
import type { PaneState } from "./state";
import type { StatusLine } from "./status";
import type { ScreenWorkbook } from "../../workbook/workbook";

export interface PaneContext {
  readonly workbook: ScreenWorkbook;
  readonly state: PaneState;
  readonly status: StatusLine;
  /** Marks the pane busy (or done): the buttons that start host calls are disabled meanwhile. */
  busy(on: boolean): void;
}
