/**
 * The engine's own check of a screen config and a column mapping, without zod: the engine
 * runs inside the custom functions' bundle, which carries no zod. It accepts and refuses
 * exactly what the zod schemas of schema.ts accept and refuse, with the same words, issue by
 * issue (test/core/screen/config-check.test.ts compares the two on generated input), and
 * returns a clean copy holding only the known keys, as zod's parse does.
 */
import { SHOCK_BPS_RANGE } from "../defaults";
import { failure, success, type Failure, type Result } from "../result";
import { CRITERION_IDS, FIELD_IDS, PRESET_IDS } from "./ids";
import { settingProblem } from "./settings";
import type { ColumnMapping, CriterionId, CriterionSetting, FieldId, ScreenConfig } from "./types";

/** One problem and where: `{ path: ["criteria", 0, "threshold"], message: "Invalid input: ..." }`. */
export interface Issue {
  readonly path: readonly PropertyKey[];
  readonly message: string;
}

/** `config.criteria[0].threshold: Invalid input: expected number, received string`; the first three, then how many more. */
export function describeIssues(issues: readonly Issue[], root: string): string {
  const parts = issues.slice(0, 3).map((issue) => {
    let path = root;
    for (const key of issue.path) path += typeof key === "number" ? `[${key}]` : path === "" ? String(key) : `.${String(key)}`;
    return (path === "" ? "" : `${path}: `) + issue.message;
  });
  const more = issues.length > 3 ? ` (and ${issues.length - 3} more)` : "";
  return parts.join("; ") + more;
}

/** Excel's last column is XFD, the 16,384th. */
export const MAX_COLUMN = 16383;

/** How zod names what it received. */
function received(value: unknown): string {
  if (typeof value === "number") return Number.isNaN(value) ? "NaN" : Number.isFinite(value) ? "number" : String(value);
  if (typeof value !== "object") return typeof value;
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  const proto: unknown = Object.getPrototypeOf(value);
  const ctor = (value as { constructor?: { name?: string } }).constructor;
  return proto !== Object.prototype && "constructor" in value && ctor ? String(ctor.name) : "object";
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** zod's `isPlainObject`, which a record needs. */
function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (!isObject(value)) return false;
  const ctor: unknown = value.constructor;
  if (ctor === undefined || typeof ctor !== "function") return true;
  const proto: unknown = (ctor as { prototype?: unknown }).prototype;
  return isObject(proto) && Object.prototype.hasOwnProperty.call(proto, "isPrototypeOf");
}

const quoted = (values: readonly (string | number)[], separator: string): string => values.map((v) => JSON.stringify(v)).join(separator);

/** Collects issues as a schema walk finds them; `aborted` is zod's rule for skipping a refinement. */
export class Issues {
  /** Read as a failed walk's result, `{ ok: false, issues }`, as it is. */
  readonly ok = false;
  readonly issues: Issue[] = [];
  aborted = false;
  add(path: readonly PropertyKey[], message: string, aborts = true): void {
    this.issues.push({ path, message });
    if (aborts) this.aborted = true;
  }
  type(path: readonly PropertyKey[], expected: string, value: unknown): void {
    this.add(path, `Invalid input: expected ${expected}, received ${received(value)}`);
  }
  /** A finite number (z.number()), optionally whole (.int()) and within bounds (.min()/.max()). */
  number(path: readonly PropertyKey[], value: unknown, rule: { int?: boolean; min?: number; max?: number } = {}): value is number {
    if (typeof value !== "number" || !Number.isFinite(value)) {
      this.type(path, "number", value);
      return false;
    }
    const before = this.issues.length;
    if (rule.int === true) {
      if (!Number.isInteger(value)) {
        this.add(path, "Invalid input: expected int, received number");
        return false;
      }
      if (value > Number.MAX_SAFE_INTEGER) this.add(path, `Too big: expected int to be <=${Number.MAX_SAFE_INTEGER}`, false);
      if (value < -Number.MAX_SAFE_INTEGER) this.add(path, `Too small: expected int to be >=${-Number.MAX_SAFE_INTEGER}`, false);
    }
    if (rule.min !== undefined && value < rule.min) this.add(path, `Too small: expected number to be >=${rule.min}`, false);
    if (rule.max !== undefined && value > rule.max) this.add(path, `Too big: expected number to be <=${rule.max}`, false);
    return this.issues.length === before;
  }
  /** z.enum(values), or z.literal(value) when there is one. */
  oneOf<T extends string | number>(path: readonly PropertyKey[], value: unknown, values: readonly T[]): value is T {
    if ((values as readonly unknown[]).includes(value)) return true;
    this.add(path, values.length === 1 ? `Invalid input: expected ${quoted(values, "")}` : `Invalid option: expected one of ${quoted(values, "|")}`);
    return false;
  }
  array(path: readonly PropertyKey[], value: unknown): value is unknown[] {
    if (Array.isArray(value)) return true;
    this.type(path, "array", value);
    return false;
  }
  object(path: readonly PropertyKey[], value: unknown): value is Record<string, unknown> {
    if (isObject(value)) return true;
    this.type(path, "object", value);
    return false;
  }
}

function checkCriterion(found: Issues, index: number, value: unknown): CriterionSetting | undefined {
  const at = ["criteria", index];
  if (!found.object(at, value)) return undefined;
  const id = found.oneOf([...at, "id"], value.id, CRITERION_IDS);
  const enabled = typeof value.enabled === "boolean";
  if (!enabled) found.type([...at, "enabled"], "boolean", value.enabled);
  const threshold = found.number([...at, "threshold"], value.threshold);
  return id && enabled && threshold ? { id: value.id as CriterionId, enabled: value.enabled as boolean, threshold: value.threshold as number } : undefined;
}

/** A config as the schema reads it: its shape, the preset and criterion ids, the shock's range. */
export function configShape(value: unknown): { ok: true; config: ScreenConfig } | { ok: false; issues: Issue[] } {
  const found = new Issues();
  if (!found.object([], value)) return found;
  found.oneOf(["preset"], value.preset, PRESET_IDS);
  const criteria: CriterionSetting[] = [];
  if (found.array(["criteria"], value.criteria)) {
    value.criteria.forEach((entry: unknown, i: number) => {
      const setting = checkCriterion(found, i, entry);
      if (setting !== undefined) criteria.push(setting);
    });
  }
  found.number(["shockBps"], value.shockBps, SHOCK_BPS_RANGE);
  if (value.zombieYears !== undefined) found.number(["zombieYears"], value.zombieYears, { int: true, min: 1 });
  if (value.interestSign !== undefined) found.oneOf(["interestSign"], value.interestSign, ["magnitude"] as const);
  if (found.issues.length > 0) return found;
  const config: ScreenConfig = {
    preset: value.preset as ScreenConfig["preset"],
    criteria,
    shockBps: value.shockBps as number,
    ...(value.zombieYears !== undefined ? { zombieYears: value.zombieYears as number } : {}),
    ...(value.interestSign !== undefined ? { interestSign: "magnitude" as const } : {}),
  };
  return { ok: true, config };
}

/**
 * A config fit to run: the schema's shape, then each threshold's range, no criterion twice.
 * A zombie window longer than the table's periods is not an error: those rows are unknown, and
 * the mapping says why.
 */
export function validateConfig(config: unknown): { ok: true; config: ScreenConfig } | Failure {
  const shaped = configShape(config);
  if (!shaped.ok) return failure("config-invalid", { issues: describeIssues(shaped.issues, "config") });
  const seen = new Set<CriterionId>();
  for (const setting of shaped.config.criteria) {
    if (seen.has(setting.id)) return failure("config-criterion-twice", { id: setting.id });
    seen.add(setting.id);
    const problem = settingProblem(setting.id, setting.threshold);
    if (problem !== null) return failure("config-setting-out-of-range", { problem });
  }
  return shaped;
}

const FIELDS: ReadonlySet<string> = new Set(FIELD_IDS);
const COLUMN = { int: true, min: 0, max: MAX_COLUMN };

function columnList(found: Issues, key: "ebitHistory" | "interestHistory", value: unknown): number[] {
  if (!found.array([key], value)) return [];
  value.forEach((column: unknown, i: number) => found.number([key, i], column, COLUMN));
  return value as number[];
}

/** A column mapping as the schema reads it: known fields, whole column indexes within Excel's columns, histories of one length. */
export function mappingShape(value: unknown): { ok: true; value: ColumnMapping } | { ok: false; issues: readonly Issue[] } {
  const found = new Issues();
  if (!found.object([], value)) return found;
  const fields: Partial<Record<FieldId, number>> = {};
  const input = value.fields;
  if (!isPlainObject(input)) found.type(["fields"], "record", input);
  else {
    const unrecognized: string[] = [];
    for (const key of Object.keys(input)) {
      if (key === "__proto__") continue;
      if (!FIELDS.has(key)) unrecognized.push(key);
      else if (found.number(["fields", key], input[key], COLUMN)) fields[key as FieldId] = input[key] as number;
    }
    if (unrecognized.length > 0) found.add(["fields"], `Unrecognized key${unrecognized.length > 1 ? "s" : ""}: ${quoted(unrecognized, ", ")}`, false);
  }
  const ebitHistory = columnList(found, "ebitHistory", value.ebitHistory);
  const interestHistory = columnList(found, "interestHistory", value.interestHistory);
  if (!found.aborted && ebitHistory.length !== interestHistory.length) {
    found.add(["interestHistory"], "ebitHistory and interestHistory must list the same number of periods");
  }
  if (found.issues.length > 0) return found;
  return success({ fields, ebitHistory: [...ebitHistory], interestHistory: [...interestHistory] });
}

/** A column mapping fit to use, or `mapping-invalid` with the schema's words. */
export function checkColumnMapping(value: unknown): Result<ColumnMapping> {
  const shaped = mappingShape(value);
  return shaped.ok ? shaped : failure("mapping-invalid", { issues: describeIssues(shaped.issues, "mapping") });
}
