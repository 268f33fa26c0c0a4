/**
 * How a results table is cut into writes that Excel accepts.
 *
 * Excel on the web refuses a request (one `context.sync()`) whose payload passes 5 MB
 * ("RequestPayloadSizeLimitExceeded"), see
 * https://learn.microsoft.com/office/dev/add-ins/concepts/resource-limits-and-performance-optimization#excel-add-ins
 * Values are therefore written in row blocks whose JSON stays under CHUNK_BUDGET, and blocks
 * are packed into as few syncs as fit under SYNC_BUDGET (a margin under 5 MB for the
 * operations' own envelope). The size of a block is measured, not guessed: the JSON text of
 * its rows, which is what Office.js sends.
 */
import type { Cell } from "../taskpane/results-sheet";

/** Largest JSON payload of one `range.values = block` assignment. */
export const CHUNK_BUDGET = 1_000_000;
/** Largest total payload queued before one `context.sync()`. */
export const SYNC_BUDGET = 4_000_000;

/** Rows [start, start + count) of the table body, and their JSON size in bytes (UTF-16 units, an upper bound for ASCII). */
export interface Chunk {
  readonly start: number;
  readonly count: number;
  readonly bytes: number;
}

/** JSON size of one row as it travels inside a 2-D array (its trailing comma included). */
export function rowBytes(row: readonly Cell[]): number {
  return JSON.stringify(row).length + 1;
}

/** Cuts rows into consecutive blocks of at most `budget` bytes (a lone oversized row is a block of its own). */
export function planChunks(rows: readonly (readonly Cell[])[], budget = CHUNK_BUDGET): Chunk[] {
  const chunks: Chunk[] = [];
  let start = 0;
  let bytes = 2; // the outer brackets
  for (let i = 0; i < rows.length; i++) {
    const size = rowBytes(rows[i]);
    if (i > start && bytes + size > budget) {
      chunks.push({ start, count: i - start, bytes });
      start = i;
      bytes = 2;
    }
    bytes += size;
  }
  if (rows.length > start) chunks.push({ start, count: rows.length - start, bytes });
  return chunks;
}

/**
 * Packs chunks, in order, into groups that each fit `budget` bytes; the first group also
 * carries `firstReserve` bytes of other writes. Always returns at least one group (maybe empty).
 */
export function groupChunks(chunks: readonly Chunk[], budget = SYNC_BUDGET, firstReserve = 0): Chunk[][] {
  const groups: Chunk[][] = [[]];
  let used = firstReserve;
  for (const chunk of chunks) {
    const current = groups[groups.length - 1];
    if (current.length > 0 && used + chunk.bytes > budget) {
      groups.push([chunk]);
      used = chunk.bytes;
    } else {
      current.push(chunk);
      used += chunk.bytes;
    }
  }
  return groups;
}
