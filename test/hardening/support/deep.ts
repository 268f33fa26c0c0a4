/** Deep freezing and exact deep comparison, for the "never mutates its input" checks. */

/** Freezes a value and everything reachable from it (arrays, plain objects, dates). */
export function deepFreeze<T>(value: T, seen = new Set<unknown>()): T {
  if (value === null || typeof value !== "object" || seen.has(value)) return value;
  seen.add(value);
  for (const key of Reflect.ownKeys(value as object)) deepFreeze((value as Record<PropertyKey, unknown>)[key as string], seen);
  return Object.freeze(value);
}

/**
 * An exact copy for later comparison: arrays keep their holes' positions and length, numbers
 * keep NaN and -0, objects keep their prototype's identity (dates by time).
 */
export function snapshotOf(value: unknown, seen = new Map<object, unknown>()): unknown {
  if (value === null || typeof value !== "object") return value;
  if (seen.has(value)) return seen.get(value);
  if (value instanceof Date) return { date: value.getTime() };
  if (Array.isArray(value)) {
    const copy: unknown[] = new Array<unknown>(value.length);
    seen.set(value, copy);
    for (let i = 0; i < value.length; i++) if (i in value) copy[i] = snapshotOf(value[i], seen);
    return { array: copy, length: value.length, frozen: Object.isFrozen(value) };
  }
  const copy: Record<string, unknown> = {};
  seen.set(value, copy);
  for (const key of Object.keys(value)) copy[key] = snapshotOf((value as Record<string, unknown>)[key], seen);
  return { object: copy, proto: Object.getPrototypeOf(value) };
}

/** Where two snapshots differ ("" when they are identical, comparing numbers with Object.is). */
export function difference(a: unknown, b: unknown, path = "$"): string {
  if (Object.is(a, b)) return "";
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return `${path}: ${String(a)} -> ${String(b)}`;
  if (Array.isArray(a) !== Array.isArray(b)) return `${path}: array vs object`;
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) return `${path}: length ${a.length} -> ${b.length}`;
    for (let i = 0; i < a.length; i++) {
      if (i in a !== i in b) return `${path}[${i}]: hole changed`;
      const d = difference(a[i], b[i], `${path}[${i}]`);
      if (d !== "") return d;
    }
    return "";
  }
  const ka = Object.keys(a as object);
  const kb = Object.keys(b as object);
  if (ka.length !== kb.length || ka.some((k) => !kb.includes(k))) return `${path}: keys ${ka.join(",")} -> ${kb.join(",")}`;
  for (const k of ka) {
    const d = difference((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], `${path}.${k}`);
    if (d !== "") return d;
  }
  return "";
}
