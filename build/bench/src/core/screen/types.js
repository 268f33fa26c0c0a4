"use strict";
/**
 * The screen engine's contract: shared by the task pane, the Excel adapter, the browser
 * preview host, the CLI and the QUALITY formula. The engine is pure (no Office globals):
 * values in (a header row and data rows, as read from a sheet), a ranked, explained result out.
 *
 * SPEC.md, "The screener's criteria": each criterion gives pass, fail or unknown; a row passes
 * only when every active criterion passes; passing rows are ranked by a 0-100 score of
 * percentile ranks within the screened universe.
 */
Object.defineProperty(exports, "__esModule", { value: true });
