/**
 * How a results table is cut into writes, and a source into reads, that Excel accepts.
 *
 * Excel on the web refuses a request or a response (one `context.sync()`) whose payload passes
 * 5 MB ("RequestPayloadSizeLimitExceeded", "ResponsePayloadSizeLimitExceeded"), see
 * https://learn.microsoft.com/office/dev/add-ins/concepts/resource-limits-and-performance-optimization#excel-add-ins
 * Values are therefore written in row blocks whose JSON stays under WRITE_CHUNK_BUDGET, and
 * blocks are packed into as few syncs as fit under SYNC_BUDGET counting each block's operations
 * (OP_BYTES each) and a reserve for the sync's other operations. The size of a block is
 * measured, not guessed: the UTF-8 bytes of the JSON text of its rows, which is what Office.js
 * sends (a JavaScript string's length counts UTF-16 units: CJK text is 3 bytes a character in
 * UTF-8 but 1 unit, an emoji 4 bytes but 2 units). Reads are planned the same way from the
 * bytes per row measured on the rows already read.
 */
import type { Cell } from "../workbook/results-sheet";

/** Largest JSON payload of one `range.values = block` assignment (and of one block read back). */
export const CHUNK_BUDGET = 1_000_000;
/** Largest total payload queued before one `context.sync()`, and largest response expected from one. */
export const SYNC_BUDGET = 4_000_000;
/**
 * Envelope Office.js adds around each queued operation (method call, property set or load) in
 * a request: an estimate, generous (the test fake, test/excel/fake-excel.ts, measures its own
 * serialised commands, about 40 bytes plus the name and arguments).
 */
export const OP_BYTES = 120;
/**
 * What one written block costs besides its values: the `getRange(address)` and the `values`
 * assignment (two operations) and the address text.
 */
export const CHUNK_OVERHEAD = 2 * OP_BYTES + 64;
/**
 * Kept free in every sync for the operations that travel with the blocks (the formatting,
 * table and chart of the last sync: about a hundred operations).
 */
export const SYNC_RESERVE = 32_768;

/** Rows [start, start + count) of the table body, and their JSON size in UTF-8 bytes. */
export interface Chunk {
  readonly start: number;
  readonly count: number;
  readonly bytes: number;
}

/**
 * UTF-8 length of a string: 1 byte below U+0080, 2 below U+0800, 4 for a surrogate pair (an
 * emoji), 3 otherwise (CJK). Counted by hand: the task pane has no Buffer.
 */
export function utf8Bytes(text: string): number {
  let bytes = text.length;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) continue;
    if (c < 0x800) bytes += 1;
    else if (c >= 0xd800 && c < 0xdc00 && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      bytes += 2; // two UTF-16 units, four bytes
      i++;
    } else bytes += 2;
  }
  return bytes;
}

/** UTF-8 size of a value's JSON text. */
export function jsonBytes(value: unknown): number {
  return utf8Bytes(JSON.stringify(value) ?? "null");
}

/** JSON size of one row as it travels inside a 2-D array (its trailing comma included), in UTF-8 bytes. */
export function rowBytes(row: readonly Cell[]): number {
  return jsonBytes(row) + 1;
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
 * Packs chunks, in order, into groups that each fit `budget` bytes, counting each chunk's values
 * plus `perChunk` bytes of operations, and `reserve` bytes kept free in every group for the other
 * operations of its sync; the first group also carries `firstReserve` bytes of other writes.
 * Always returns at least one group (maybe empty).
 */
export function groupChunks(
  chunks: readonly Chunk[],
  budget = SYNC_BUDGET,
  firstReserve = 0,
  perChunk = CHUNK_OVERHEAD,
  reserve = SYNC_RESERVE,
): Chunk[][] {
  const groups: Chunk[][] = [[]];
  let used = reserve + firstReserve;
  for (const chunk of chunks) {
    const current = groups[groups.length - 1];
    const cost = chunk.bytes + perChunk;
    if (current.length > 0 && used + cost > budget) {
      groups.push([chunk]);
      used = reserve + cost;
    } else {
      current.push(chunk);
      used += cost;
    }
  }
  return groups;
}

/**
 * Block size the writer plans with: four blocks, their operations, SYNC_RESERVE and up to
 * 16 KB of other first-sync writes (the summary block) fill one sync.
 */
export const WRITE_CHUNK_BUDGET = Math.min(CHUNK_BUDGET, Math.floor((SYNC_BUDGET - SYNC_RESERVE - 16_384) / 4) - CHUNK_OVERHEAD);

/** Rows of the first read block: the header and up to this many rows come back with the first sync. */
export const FIRST_READ_ROWS = 2_000;

/**
 * The next read blocks to queue for one sync: rows [start, end) of the source cut into blocks of
 * at most `chunkBudget` bytes, as many as fit `budget` bytes of response, at `bytesPerRow`
 * (measured on what was already read). At least one row, so a read always progresses.
 */
export function planReadSync(
  start: number,
  end: number,
  bytesPerRow: number,
  budget = SYNC_BUDGET,
  chunkBudget = CHUNK_BUDGET,
): { start: number; count: number }[] {
  const perRow = Math.max(1, bytesPerRow);
  const perBlock = Math.max(1, Math.floor((chunkBudget - 2) / perRow));
  const blocks: { start: number; count: number }[] = [];
  let used = 0;
  let row = start;
  while (row < end) {
    const room = Math.floor((budget - used - 2 - OP_BYTES) / perRow);
    const count = Math.min(end - row, perBlock, blocks.length === 0 ? Math.max(1, room) : room);
    if (count <= 0) break;
    blocks.push({ start: row, count });
    used += 2 + OP_BYTES + count * perRow;
    row += count;
  }
  return blocks;
}
