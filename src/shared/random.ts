/**
 * mulberry32: a small, well-mixed 32-bit PRNG (public domain). The same seed gives the same
 * sequence everywhere, so the sample workbook, the preview's data and the bench's inputs are
 * deterministic.
 */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
