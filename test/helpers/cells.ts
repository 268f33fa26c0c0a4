/** Test helpers: read a result grid as Excel would show it. */
import { CoreError, EXCEL_ERROR_TEXT } from "../../src/core/errors";
import type { Grid } from "../../src/core/grid";

/** `#DIV/0!` for an error cell, the value itself otherwise. */
export function shown(cell: unknown): unknown {
  return cell instanceof CoreError ? EXCEL_ERROR_TEXT[cell.code] : cell;
}

/** The whole grid as Excel would show it. */
export function shownGrid(grid: Grid): unknown[][] {
  return grid.map((row) => row.map(shown));
}

/** The one cell of a 1 x 1 result. */
export function only(grid: Grid): unknown {
  expect(grid).toHaveLength(1);
  expect(grid[0]).toHaveLength(1);
  return grid[0][0];
}

export function errorOf(cell: unknown): { code: string; message: string } {
  if (!(cell instanceof CoreError)) throw new Error(`expected an error, got ${JSON.stringify(cell)}`);
  return { code: EXCEL_ERROR_TEXT[cell.code], message: cell.message };
}
