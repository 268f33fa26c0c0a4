/** Limits of an Excel workbook that every host writing one (the pane, the CLI) must respect. */

/** A sheet has 1,048,576 rows and 16,384 columns (`XFD`). */
export const MAX_ROWS = 1_048_576;
export const MAX_COLUMNS = 16_384;

/** Excel keeps at most 32,767 characters in a cell; a longer string makes Excel call a file damaged. */
export const MAX_CELL_TEXT = 32_767;

/** Text clipped to what one cell holds, with an ellipsis where it was cut. */
export function clipCellText(text: string): string {
  return text.length > MAX_CELL_TEXT ? text.slice(0, MAX_CELL_TEXT - 1) + "\u2026" : text;
}
