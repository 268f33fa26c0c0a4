/**
 * The native (non-SMALLCAP) functions the headless refresh evaluates, by Excel name.
 *
 * Where `@formulajs/formulajs` computes a function as Excel does, the registry calls it
 * (`source: "formulajs"`): math, rounding, financial functions, YEARFRAC. The evaluator's own
 * code (`source: "own"`) covers what depends on the workbook's semantics the library cannot
 * see: a reference is not an array (SUM of a range skips text and TRUE, SUM("2",TRUE) counts
 * them), blank cells, error propagation, lazy branches (IF, IFERROR, CHOOSE, LET), references
 * as results (INDEX), dynamic arrays (FILTER, SORT, UNIQUE, SEQUENCE), and functions the library
 * lacks or gets wrong (XLOOKUP, LET, SEQUENCE, FILTER are missing; TEXT's date codes, which
 * formulajs prints as a plain number).
 *
 * Every entry is covered by test/cli/conformance.test.ts (a case fails when one is not) with values from Microsoft's
 * documentation of the function or arithmetic by hand; docs/HEADLESS.md lists the registry.
 */
import * as formulajs from "@formulajs/formulajs";
import type { Arg, CallContext, NativeFunction } from "./evaluate";
import { intersect, lift, notEvaluable, numberResult } from "./evaluate";
import {
  ArrayValue, CALC, DIV0, NA, NUM, RangeValue, REF, Scalar, VALUE, Value, XlError,
  compare, flat, isBlock, isError, numberText, rowsOf, toBool, toNumber, toText, topLeft,
} from "./values";

type Library = Record<string, (...args: unknown[]) => unknown>;
const LIB = formulajs as unknown as Library;

/** Functions whose value changes between calculations or whose target is computed: never evaluated, their cached value is kept. */
export const VOLATILE_FUNCTIONS: ReadonlySet<string> = new Set(["NOW", "TODAY", "RAND", "RANDBETWEEN", "RANDARRAY", "INDIRECT", "OFFSET", "CELL", "INFO"]);

const registry = new Map<string, NativeFunction>();

function define(names: string | readonly string[], min: number, max: number, source: "formulajs" | "own", call: NativeFunction["call"]): void {
  for (const name of typeof names === "string" ? [names] : names) registry.set(name, { min, max, source, call });
}

/** A library result as a cell: its Error objects carry Excel's spelling as the message; a Date is a serial number. */
function fromLibrary(result: unknown): Scalar {
  if (result instanceof Error) return XlError.of(/^#/.test(result.message) ? result.message : "#VALUE!");
  if (result instanceof Date) return dateToSerialLocal(result);
  if (typeof result === "number") return numberResult(result);
  if (typeof result === "string" || typeof result === "boolean") return result;
  return VALUE;
}

/** A scalar numeric library function, lifted over arrays; every argument is read as a number. */
function libraryNumeric(name: string, min: number, max: number, libName = name): void {
  const fn = LIB[libName];
  if (typeof fn !== "function") throw new Error(`formulajs has no ${libName}`);
  define(name, min, max, "formulajs", (args) =>
    lift(args.map((a) => a.value()), (...cells) => {
      const numbers: number[] = [];
      for (const cell of cells) {
        const n = toNumber(cell);
        if (isError(n)) return n;
        numbers.push(n);
      }
      return fromLibrary(fn(...numbers));
    }),
  );
}

/** A scalar function of the evaluator's own, lifted over arrays. */
function ownScalar(names: string | readonly string[], min: number, max: number, fn: (...cells: Scalar[]) => Scalar): void {
  define(names, min, max, "own", (args) => lift(args.map((a) => a.value()), fn));
}

/** Reads numbers for a numeric scalar function; the first error wins. */
function numbers(cells: readonly Scalar[]): number[] | XlError {
  const out: number[] = [];
  for (const cell of cells) {
    const n = toNumber(cell);
    if (isError(n)) return n;
    out.push(n);
  }
  return out;
}

/**
 * The numbers of aggregate arguments (SUM, AVERAGE, MEDIAN...): in a reference or an array
 * only numbers count (text, TRUE/FALSE and blanks are skipped); a value typed as an argument
 * is read as a number (`SUM("2",TRUE)` is 3; `SUM("x")` is #VALUE!). An error anywhere wins.
 */
function aggregateNumbers(args: readonly Arg[]): number[] | XlError {
  const out: number[] = [];
  for (const arg of args) {
    if (arg.omitted) {
      out.push(0);
      continue;
    }
    const v = arg.value();
    if (isBlock(v)) {
      for (const row of v.rows()) {
        for (const cell of row) {
          if (typeof cell === "number") out.push(cell);
          else if (isError(cell)) return cell;
        }
      }
      continue;
    }
    const n = toNumber(v);
    if (isError(n)) return n;
    out.push(n);
  }
  return out;
}

function aggregate(names: string | readonly string[], fn: (xs: number[]) => Scalar): void {
  define(names, 1, 255, "own", (args) => {
    const xs = aggregateNumbers(args);
    return isError(xs) ? xs : fn(xs);
  });
}

const sum = (xs: readonly number[]): number => {
  let s = 0;
  for (const x of xs) s += x;
  return s;
};

aggregate("SUM", (xs) => numberResult(sum(xs)));
aggregate("PRODUCT", (xs) => numberResult(xs.reduce((a, b) => a * b, 1)));
aggregate("AVERAGE", (xs) => (xs.length === 0 ? DIV0 : numberResult(sum(xs) / xs.length)));
aggregate("MIN", (xs) => (xs.length === 0 ? 0 : Math.min(...xs)));
aggregate("MAX", (xs) => (xs.length === 0 ? 0 : Math.max(...xs)));
aggregate("MEDIAN", (xs) => {
  if (xs.length === 0) return NUM;
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 === 1 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
});
aggregate(["STDEV", "STDEV.S"], (xs) => SUBTOTALS[7](xs, 0));
aggregate(["VAR", "VAR.S"], (xs) => variance(xs, true));

const variance = (xs: readonly number[], sample: boolean): Scalar => {
  if (xs.length < (sample ? 2 : 1)) return DIV0;
  const mean = sum(xs) / xs.length;
  return sum(xs.map((x) => (x - mean) ** 2)) / (xs.length - (sample ? 1 : 0));
};

/** SUBTOTAL's functions 1-11 (101-111 the same, leaving hidden rows out), over numbers; COUNTA over every non-empty cell. */
const SUBTOTALS: Readonly<Record<number, (xs: number[], nonEmpty: number) => Scalar>> = {
  1: (xs) => (xs.length === 0 ? DIV0 : sum(xs) / xs.length),
  2: (xs) => xs.length,
  3: (_, nonEmpty) => nonEmpty,
  4: (xs) => (xs.length === 0 ? 0 : Math.max(...xs)),
  5: (xs) => (xs.length === 0 ? 0 : Math.min(...xs)),
  6: (xs) => numberResult(xs.reduce((a, b) => a * b, 1)),
  7: (xs) => { const v = variance(xs, true); return typeof v === "number" ? Math.sqrt(v) : v; },
  8: (xs) => { const v = variance(xs, false); return typeof v === "number" ? Math.sqrt(v) : v; },
  9: (xs) => numberResult(sum(xs)),
  10: (xs) => variance(xs, true),
  11: (xs) => variance(xs, false),
};

/**
 * SUBTOTAL(function_num, ref...): other SUBTOTAL (and AGGREGATE) cells in the references are
 * left out, as Excel leaves them out; 101-111 leave hidden rows out. 1-11 count rows hidden by
 * hand but not rows a filter hid, and a file does not say which hid a row: over a hidden row
 * they are not evaluated (the cached value is kept and reported).
 */
define("SUBTOTAL", 2, 255, "own", (args) => {
  const code = toNumber(topLeft(args[0].value()));
  if (isError(code)) return code;
  const fn = Math.trunc(code);
  const reduce = SUBTOTALS[fn % 100];
  if (reduce === undefined || (fn > 11 && fn < 101) || fn > 111) return VALUE;
  const xs: number[] = [];
  let nonEmpty = 0;
  for (const arg of args.slice(1)) {
    const v = arg.value();
    if (!(v instanceof RangeValue)) return VALUE;
    const { area, sheet } = v;
    const rows = v.rows();
    for (let r = area.top; r <= area.bottom; r++) {
      if (sheet.hiddenRow?.(r) === true) {
        if (fn > 100) continue;
        return notEvaluable("SUBTOTAL 1-11 over a hidden row: Excel counts it unless a filter hid it, which the file does not say");
      }
      for (let c = area.left; c <= area.right; c++) {
        if (/\b(?:_xlfn\.)?(?:SUBTOTAL|AGGREGATE)\s*\(/i.test(sheet.formula?.(r, c) ?? "")) continue;
        const cell = rows[r - area.top][c - area.left];
        if (isError(cell)) return cell;
        if (cell !== null) nonEmpty++;
        if (typeof cell === "number") xs.push(cell);
      }
    }
  }
  return reduce(xs, nonEmpty);
});

define("COUNT", 1, 255, "own", (args) => {
  let n = 0;
  for (const arg of args) {
    const v = arg.omitted ? null : arg.value();
    if (isBlock(v)) {
      for (const cell of flat(v)) if (typeof cell === "number") n++;
    } else if (typeof v === "number" || typeof v === "boolean" || (typeof v === "string" && !isError(toNumber(v)))) n++;
  }
  return n;
});
define("COUNTA", 1, 255, "own", (args) => {
  let n = 0;
  for (const arg of args) {
    const v = arg.omitted ? null : arg.value();
    if (isBlock(v)) {
      for (const cell of flat(v)) if (cell !== null) n++;
    } else if (!arg.omitted) n++;
  }
  return n;
});
define("COUNTBLANK", 1, 1, "own", (args) => flat(args[0].value()).filter((c) => c === null || c === "").length);

/** The numbers of an array argument (LARGE, PERCENTILE, RANK's ref): numbers only, an error wins. */
function arrayNumbers(v: Value): number[] | XlError {
  if (!isBlock(v)) {
    const n = toNumber(v);
    return isError(n) ? n : [n];
  }
  const out: number[] = [];
  for (const cell of flat(v)) {
    if (typeof cell === "number") out.push(cell);
    else if (isError(cell)) return cell;
  }
  return out;
}

/** LARGE, SMALL, PERCENTILE: the array's numbers sorted ascending, and a `k` that lifts over arrays. */
function overSorted(names: string | readonly string[], pick: (sorted: number[], k: number) => Scalar): void {
  define(names, 2, 2, "own", (args) => {
    const xs = arrayNumbers(args[0].value());
    if (isError(xs)) return xs;
    const sorted = xs.sort((a, b) => a - b);
    return lift([args[1].value()], (kCell) => {
      const k = toNumber(kCell);
      return isError(k) ? k : pick(sorted, k);
    });
  });
}
overSorted("LARGE", (s, k) => (Math.ceil(k) < 1 || Math.ceil(k) > s.length ? NUM : s[s.length - Math.ceil(k)]));
overSorted("SMALL", (s, k) => (Math.ceil(k) < 1 || Math.ceil(k) > s.length ? NUM : s[Math.ceil(k) - 1]));
overSorted(["PERCENTILE", "PERCENTILE.INC"], (sorted, k) => {
  if (sorted.length === 0 || k < 0 || k > 1) return NUM;
  const position = k * (sorted.length - 1);
  const low = Math.floor(position);
  const high = Math.min(low + 1, sorted.length - 1);
  return sorted[low] + (position - low) * (sorted[high] - sorted[low]);
});

define(["RANK", "RANK.EQ"], 2, 3, "own", (args) => {
  const xs = arrayNumbers(args[1].value());
  if (isError(xs)) return xs;
  const orderValue = args.length > 2 && !args[2].omitted ? toNumber(topLeft(args[2].value())) : 0;
  if (isError(orderValue)) return orderValue;
  return lift([args[0].value()], (cell) => {
    const x = toNumber(cell);
    if (isError(x)) return x;
    if (!xs.includes(x)) return NA;
    return 1 + xs.filter((y) => (orderValue === 0 ? y > x : y < x)).length;
  });
});

define("SUMPRODUCT", 1, 255, "own", (args) => {
  const grids = args.map((a) => rowsOf(a.value()));
  const height = grids[0].length;
  const width = grids[0][0]?.length ?? 0;
  if (grids.some((g) => g.length !== height || (g[0]?.length ?? 0) !== width)) return VALUE;
  let total = 0;
  for (let r = 0; r < height; r++) {
    for (let c = 0; c < width; c++) {
      let product = 1;
      for (const g of grids) {
        const cell = g[r][c];
        if (isError(cell)) return cell;
        product *= typeof cell === "number" ? cell : 0;
      }
      total += product;
    }
  }
  return numberResult(total);
});

// ---- criteria (SUMIFS, COUNTIFS...) ----

function wildcard(pattern: string): RegExp {
  let source = "";
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i];
    if (ch === "~" && i + 1 < pattern.length) source += pattern[++i].replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    else if (ch === "*") source += "[\\s\\S]*";
    else if (ch === "?") source += "[\\s\\S]";
    else source += ch.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  }
  return new RegExp(`^${source}$`, "i");
}

/** Excel's criteria (`">=3"`, `"<>"`, `"a*"`, `5`, `TRUE`) as a test of a cell. */
export function criterion(c: Scalar): (cell: Scalar) => boolean {
  if (typeof c === "number") return (cell) => cell === c;
  if (typeof c === "boolean") return (cell) => cell === c;
  if (c === null) return (cell) => cell === 0;
  if (isError(c)) return (cell) => cell === c;
  const match = /^(<=|>=|<>|<|>|=)?([\s\S]*)$/.exec(c) as RegExpExecArray;
  const op = match[1] ?? "=";
  const rest = match[2];
  if (rest === "") {
    if (match[1] === undefined || op === "=") return (cell) => cell === null || cell === "";
    if (op === "<>") return (cell) => cell !== null && cell !== "";
  }
  const n = toNumber(rest);
  const operand: Scalar = !isError(n) && rest.trim() !== "" ? n : /^(TRUE|FALSE)$/i.test(rest) ? rest.toUpperCase() === "TRUE" : rest;
  const test = (cmp: number): boolean =>
    op === "=" ? cmp === 0 : op === "<>" ? cmp !== 0 : op === "<" ? cmp < 0 : op === ">" ? cmp > 0 : op === "<=" ? cmp <= 0 : cmp >= 0;
  if (typeof operand === "string") {
    if (op === "=" || op === "<>") {
      const re = wildcard(operand);
      return (cell) => (typeof cell === "string" && re.test(cell)) === (op === "=");
    }
    return (cell) => typeof cell === "string" && test(compare(cell, operand));
  }
  return (cell) => {
    if (cell === null || isError(cell) || typeof cell !== typeof operand) return op === "<>";
    return test(compare(cell, operand));
  };
}

/** The cells where every (range, criteria) pair matches, as flat indexes; #VALUE! when the ranges' shapes differ. */
function matching(pairs: readonly [Value, Scalar][], height: number, width: number): boolean[] | XlError {
  const hits: boolean[] = new Array(height * width).fill(true);
  for (const [range, crit] of pairs) {
    const rows = rowsOf(range);
    if (rows.length !== height || (rows[0]?.length ?? 0) !== width) return VALUE;
    const test = criterion(crit);
    let i = 0;
    for (const row of rows) for (const cell of row) hits[i] = hits[i++] && test(cell);
  }
  return hits;
}

/** The conditional aggregates: an optional value range first, then (range, criteria) pairs; criteria arrays lift. */
function ifs(name: string, valueFirst: boolean, pairStart: number, reduce: (xs: number[]) => Scalar): void {
  define(name, pairStart + 2, 255, "own", (args) => {
    const values = valueFirst ? args[0].value() : undefined;
    const ranges: Value[] = [];
    const criteria: Value[] = [];
    for (let i = pairStart; i + 1 < args.length; i += 2) {
      ranges.push(args[i].value());
      criteria.push(args[i + 1].value());
    }
    if ((args.length - pairStart) % 2 !== 0) return VALUE;
    const shape = rowsOf(values ?? ranges[0]);
    const height = shape.length;
    const width = shape[0]?.length ?? 0;
    return lift(criteria, (...crits) => {
      const hits = matching(ranges.map((r, i) => [r, crits[i]]), height, width);
      if (isError(hits)) return hits;
      const picked: number[] = [];
      const cells = flat(values ?? ranges[0]);
      for (let i = 0; i < hits.length; i++) {
        if (!hits[i]) continue;
        const cell = cells[i];
        if (isError(cell) && valueFirst) return cell;
        if (!valueFirst) picked.push(1);
        else if (typeof cell === "number") picked.push(cell);
      }
      return reduce(picked);
    });
  });
}
ifs("SUMIFS", true, 1, (xs) => numberResult(sum(xs)));
ifs("COUNTIFS", false, 0, (xs) => xs.length);
ifs("AVERAGEIFS", true, 1, (xs) => (xs.length === 0 ? DIV0 : sum(xs) / xs.length));
ifs("MAXIFS", true, 1, (xs) => (xs.length === 0 ? 0 : Math.max(...xs)));
ifs("MINIFS", true, 1, (xs) => (xs.length === 0 ? 0 : Math.min(...xs)));
ifs("COUNTIF", false, 0, (xs) => xs.length);

/** SUMIF(range, criteria, [sum_range]) and AVERAGEIF: the value range is sized like the criteria range, from its top-left cell. */
function singleIf(name: string, reduce: (xs: number[]) => Scalar): void {
  define(name, 2, 3, "own", (args) => {
    const range = args[0].value();
    let values: Value = range;
    if (args.length > 2 && !args[2].omitted) {
      const given = args[2].value();
      if (given instanceof RangeValue && range instanceof RangeValue) {
        const { top, left } = given.area;
        values = new RangeValue(given.sheet, { top, left, bottom: top + range.height - 1, right: left + range.width - 1 });
      } else values = given;
    }
    const rows = rowsOf(range);
    return lift([args[1].value()], (crit) => {
      const hits = matching([[range, crit]], rows.length, rows[0]?.length ?? 0);
      if (isError(hits)) return hits;
      const cells = flat(values);
      const picked: number[] = [];
      for (let i = 0; i < hits.length; i++) {
        if (!hits[i]) continue;
        const cell = cells[i];
        if (isError(cell)) return cell;
        if (typeof cell === "number") picked.push(cell);
      }
      return reduce(picked);
    });
  });
}
singleIf("SUMIF", (xs) => numberResult(sum(xs)));
singleIf("AVERAGEIF", (xs) => (xs.length === 0 ? DIV0 : sum(xs) / xs.length));

// ---- logic ----

/** A one-cell reference or array as its cell, so a branch that is not taken is not evaluated. */
function single(v: Value): Value {
  return isBlock(v) && v.height === 1 && v.width === 1 ? topLeft(v) : v;
}

define("IF", 1, 3, "own", (args) => {
  const condition = single(args[0].value());
  const branch = (i: number, absent: Scalar): Value => (args.length <= i ? absent : args[i].omitted ? 0 : args[i].value());
  if (isBlock(condition)) {
    return lift([condition, branch(1, true), branch(2, false)], (c, t, f) => {
      const b = toBool(c);
      return isError(b) ? b : b ? t : f;
    });
  }
  const b = toBool(condition);
  if (isError(b)) return b;
  return b ? branch(1, true) : branch(2, false);
});

define("IFS", 2, 254, "own", (args) => {
  if (args.length % 2 !== 0) return NA;
  for (let i = 0; i < args.length; i += 2) {
    const b = toBool(topLeft(args[i].value()));
    if (isError(b)) return b;
    if (b) return args[i + 1].value();
  }
  return NA;
});

function errorCatch(name: string, catches: (e: XlError) => boolean): void {
  define(name, 2, 2, "own", (args) => {
    const v = args[0].value();
    if (!isBlock(v)) return isError(v) && catches(v) ? (args[1].omitted ? 0 : args[1].value()) : v === null ? 0 : v;
    const fallback = args[1].omitted ? 0 : args[1].value();
    return lift([v, fallback], (cell, alt) => (isError(cell) && catches(cell) ? alt : cell));
  });
}
errorCatch("IFERROR", () => true);
errorCatch("IFNA", (e) => e === NA);

function logical(name: string, combine: (values: boolean[]) => boolean): void {
  define(name, 1, 255, "own", (args) => {
    const values: boolean[] = [];
    for (const arg of args) {
      const v = arg.value();
      if (isBlock(v)) {
        for (const cell of flat(v)) {
          if (isError(cell)) return cell;
          if (typeof cell === "boolean") values.push(cell);
          else if (typeof cell === "number") values.push(cell !== 0);
        }
      } else {
        const b = toBool(v);
        if (isError(b)) return b;
        values.push(b);
      }
    }
    return values.length === 0 ? VALUE : combine(values);
  });
}
logical("AND", (xs) => xs.every(Boolean));
logical("OR", (xs) => xs.some(Boolean));
logical("XOR", (xs) => xs.filter(Boolean).length % 2 === 1);
ownScalar("NOT", 1, 1, (c) => {
  const b = toBool(c);
  return isError(b) ? b : !b;
});
define("TRUE", 0, 0, "own", () => true);
define("FALSE", 0, 0, "own", () => false);
define("NA", 0, 0, "own", () => NA);

define("SWITCH", 3, 254, "own", (args) => {
  const v = topLeft(args[0].value());
  if (isError(v)) return v;
  let i = 1;
  for (; i + 1 < args.length; i += 2) {
    const candidate = topLeft(args[i].value());
    if (isError(candidate)) return candidate;
    if (compare(v, candidate) === 0 && typeof v === typeof candidate) return args[i + 1].value();
  }
  return i < args.length ? args[i].value() : NA;
});

// ---- math (formulajs) ----

libraryNumeric("ROUND", 2, 2);
libraryNumeric("ROUNDUP", 2, 2);
libraryNumeric("ROUNDDOWN", 2, 2);
libraryNumeric("ABS", 1, 1);
libraryNumeric("INT", 1, 1);
libraryNumeric("MOD", 2, 2);
libraryNumeric("SQRT", 1, 1);
libraryNumeric("POWER", 2, 2);
libraryNumeric("EXP", 1, 1);
libraryNumeric("LN", 1, 1);
libraryNumeric("LOG", 1, 2);
libraryNumeric("LOG10", 1, 1);
libraryNumeric("SIGN", 1, 1);
libraryNumeric("TRUNC", 1, 2);
libraryNumeric("PI", 0, 0);
libraryNumeric("CEILING", 2, 2);
libraryNumeric("FLOOR", 2, 2);
libraryNumeric("CEILING.MATH", 1, 3, "CEILINGMATH");
libraryNumeric("FLOOR.MATH", 1, 3, "FLOORMATH");
libraryNumeric("MROUND", 2, 2);
libraryNumeric("COMBIN", 2, 2);
libraryNumeric("FACT", 1, 1);
libraryNumeric("DAYS", 2, 2);
// financial, scalar arguments
libraryNumeric("PMT", 3, 5);
libraryNumeric("PV", 3, 5);
libraryNumeric("FV", 3, 5);
libraryNumeric("NPER", 3, 5);
libraryNumeric("RATE", 3, 6);

/** Cash flows as a list: numbers in references and arrays (text and blanks skipped), typed values read as numbers. */
define("NPV", 2, 255, "formulajs", (args) => {
  const rate = toNumber(topLeft(args[0].value()));
  if (isError(rate)) return rate;
  const flows = aggregateNumbers(args.slice(1));
  if (isError(flows)) return flows;
  return fromLibrary(LIB.NPV(rate, ...flows));
});
define("IRR", 1, 2, "formulajs", (args) => {
  const flows = arrayNumbers(args[0].value());
  if (isError(flows)) return flows;
  const guess = args.length > 1 && !args[1].omitted ? toNumber(topLeft(args[1].value())) : 0.1;
  if (isError(guess)) return guess;
  return fromLibrary(LIB.IRR(flows, guess));
});
function datedFlows(name: string, rateFirst: boolean): void {
  define(name, rateFirst ? 3 : 2, 3, "formulajs", (args) => {
    const [first, second, third] = args.map((a) => (a.omitted ? null : a.value()));
    const valuesArg = rateFirst ? second : first;
    const datesArg = rateFirst ? third : second;
    const values = numbers(flat(valuesArg));
    const dates = numbers(flat(datesArg));
    if (isError(values)) return values;
    if (isError(dates)) return dates;
    if (values.length !== dates.length) return NUM;
    if (rateFirst) {
      const rate = toNumber(topLeft(first));
      if (isError(rate)) return rate;
      return fromLibrary(LIB[name](rate, values, dates));
    }
    const guess = third === null || third === undefined ? 0.1 : toNumber(topLeft(third));
    if (isError(guess)) return guess;
    return fromLibrary(LIB[name](values, dates, guess));
  });
}
datedFlows("XNPV", true);
datedFlows("XIRR", false);

// ---- dates (serial numbers, the 1900 date system with its 29 February 1900) ----

const MS_PER_DAY = 86_400_000;
const EPOCH = Date.UTC(1899, 11, 30);

/** A local-time Date from the library as a serial number. */
function dateToSerialLocal(d: Date): number {
  const days = (Date.UTC(d.getFullYear(), d.getMonth(), d.getDate()) - EPOCH) / MS_PER_DAY;
  const serial = days < 61 ? days - 1 : days;
  return serial + (d.getHours() * 3600 + d.getMinutes() * 60 + d.getSeconds()) / 86400;
}

/** Excel's DATE: months and days beyond their range roll over; years 0-1899 are added to 1900. */
export function serialOf(year: number, month: number, day: number): number {
  const days = Math.round((Date.UTC(year, month - 1, 1) - EPOCH) / MS_PER_DAY) + day - 1;
  return days < 61 ? days - 1 : days;
}

/** Year, month and day of a serial number (serial 60 is Excel's 29 February 1900). */
export function partsOf(serial: number): [number, number, number] {
  const s = Math.floor(serial);
  if (s === 60) return [1900, 2, 29];
  const d = new Date(EPOCH + (s < 60 ? s + 1 : s) * MS_PER_DAY);
  return [d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate()];
}

function dateArg(cell: Scalar): number | XlError {
  const n = toNumber(cell);
  if (isError(n)) return n;
  return n < 0 || n >= 2958466 ? NUM : n;
}

/**
 * A date function, lifted over arrays. `offset` turns the workbook's serial numbers into the
 * 1900 system's: 0, or 1,462 days in a workbook on the 1904 date system (Mac Excel's old default).
 */
function dateScalar(names: string, min: number, max: number, fn: (offset: number, ...cells: Scalar[]) => Scalar, source: "own" | "formulajs" = "own"): void {
  define(names, min, max, source, (args, ctx) => {
    const offset = ctx.resolver.date1904 ? DATE_1904_OFFSET : 0;
    return lift(args.map((a) => a.value()), (...cells) => fn(offset, ...cells));
  });
}
const DATE_1904_OFFSET = 1462;

/** A serial number in the 1900 system back in the workbook's; #NUM! before its first day. */
function workbookSerial(serial: number, offset: number): Scalar {
  return serial - offset < 0 ? NUM : serial - offset;
}

dateScalar("DATE", 3, 3, (offset, y, m, d) => {
  const xs = numbers([y, m, d]);
  if (isError(xs)) return xs;
  let year = Math.trunc(xs[0]);
  if (year < 0 || year >= 10000) return NUM;
  if (year < 1900) year += 1900;
  const serial = serialOf(year, Math.trunc(xs[1]), Math.trunc(xs[2]));
  return serial < 0 ? NUM : workbookSerial(serial, offset);
});
for (const [name, part] of [["YEAR", 0], ["MONTH", 1], ["DAY", 2]] as const) {
  dateScalar(name, 1, 1, (offset, c) => {
    const s = dateArg(c);
    return isError(s) ? s : partsOf(s + offset)[part];
  });
}
dateScalar("YEARFRAC", 2, 3, (offset, start, end, basis) => {
  const xs = numbers(basis === undefined ? [start, end] : [start, end, basis]);
  if (isError(xs)) return xs;
  return fromLibrary(LIB.YEARFRAC(xs[0] + offset, xs[1] + offset, ...xs.slice(2)));
}, "formulajs");
function monthShift(name: string, endOfMonth: boolean): void {
  dateScalar(name, 2, 2, (offset, start, months) => {
    const s = dateArg(start);
    if (isError(s)) return s;
    const m = toNumber(months);
    if (isError(m)) return m;
    const [y, mo, d] = partsOf(s + offset);
    const target = mo + Math.trunc(m);
    const lastDay = serialOf(y, target + 1, 1) - 1;
    const serial = endOfMonth ? lastDay : Math.min(serialOf(y, target, d), lastDay);
    return serial < 0 ? NUM : workbookSerial(serial, offset);
  });
}
monthShift("EOMONTH", true);
monthShift("EDATE", false);

// ---- text ----

ownScalar("LEN", 1, 1, (c) => {
  const t = toText(c);
  return isError(t) ? t : t.length;
});
for (const [name, fn] of [
  ["UPPER", (t: string) => t.toUpperCase()],
  ["LOWER", (t: string) => t.toLowerCase()],
  ["TRIM", (t: string) => t.replace(/ +/g, " ").trim()],
] as const) {
  ownScalar(name, 1, 1, (c) => {
    const t = toText(c);
    return isError(t) ? t : fn(t);
  });
}
ownScalar("LEFT", 1, 2, (c, n) => {
  const t = toText(c);
  const k = n === undefined ? 1 : toNumber(n);
  if (isError(t)) return t;
  if (isError(k)) return k;
  return k < 0 ? VALUE : t.slice(0, Math.trunc(k));
});
ownScalar("RIGHT", 1, 2, (c, n) => {
  const t = toText(c);
  const k = n === undefined ? 1 : toNumber(n);
  if (isError(t)) return t;
  if (isError(k)) return k;
  return k < 0 ? VALUE : Math.trunc(k) === 0 ? "" : t.slice(-Math.trunc(k));
});
ownScalar("MID", 3, 3, (c, s, n) => {
  const t = toText(c);
  const xs = numbers([s, n]);
  if (isError(t)) return t;
  if (isError(xs)) return xs;
  return xs[0] < 1 || xs[1] < 0 ? VALUE : t.substr(Math.trunc(xs[0]) - 1, Math.trunc(xs[1]));
});
ownScalar("VALUE", 1, 1, (c) => (typeof c === "string" ? toNumber(c) : c === null ? 0 : typeof c === "boolean" ? VALUE : c));
ownScalar("CONCATENATE", 1, 255, (...cells) => {
  let out = "";
  for (const c of cells) {
    const t = toText(c);
    if (isError(t)) return t;
    out += t;
  }
  return out;
});
define("CONCAT", 1, 255, "own", (args) => joinText("", false, args));
define("TEXTJOIN", 3, 255, "own", (args) => {
  const delimiter = toText(topLeft(args[0].value()));
  const ignore = toBool(topLeft(args[1].value()));
  if (isError(delimiter)) return delimiter;
  if (isError(ignore)) return ignore;
  return joinText(delimiter, ignore, args.slice(2));
});
function joinText(delimiter: string, ignoreEmpty: boolean, args: readonly Arg[]): Scalar {
  const parts: string[] = [];
  for (const arg of args) {
    for (const cell of flat(arg.value())) {
      const t = toText(cell);
      if (isError(t)) return t;
      if (!(ignoreEmpty && t === "")) parts.push(t);
    }
  }
  return parts.join(delimiter);
}

dateScalar("TEXT", 2, 2, (offset, value, format) => {
  const f = toText(format);
  if (isError(f)) return f;
  if (isError(value)) return value;
  const n = toNumber(value);
  if (isError(n)) return typeof value === "string" ? value : n;
  return formatNumber(n, f, offset);
});

/** TEXT's format codes: numbers (`0`, `#`, `,`, `.`, `%`, literals) and dates (`yyyy`, `mmm`, `d`...). */
export function formatNumber(value: number, format: string, dateOffset = 0): Scalar {
  const sections = format.split(";");
  let section = sections[0];
  let n = value;
  if (value < 0 && sections.length > 1) {
    section = sections[1];
    n = -value;
  } else if (value === 0 && sections.length > 2) section = sections[2];
  const bare = section.replace(/"[^"]*"|\\./g, "");
  if (/^general$/i.test(bare.trim())) return numberText(value);
  if (!/[0#?]/.test(bare) && /[ymdhs]/i.test(bare)) return formatDate(n + dateOffset, section);
  const literal = section.replace(/"([^"]*)"|\\(.)/g, (_, quoted: string | undefined, escaped: string | undefined) => `\uE000${quoted ?? escaped}\uE001`);
  const percentCount = (literal.replace(/\uE000[^\uE001]*\uE001/g, "").match(/%/g) ?? []).length;
  const scaled = n * 100 ** percentCount;
  const numeric = /[0#?,.]*[0#?][0#?,.]*/.exec(literal.replace(/\uE000[^\uE001]*\uE001/g, (m) => "\uE002".repeat(m.length)));
  if (numeric === null) return literal.replace(/[\uE000\uE001]/g, "");
  const pattern = numeric[0];
  const [intPart, fracPart = ""] = pattern.split(".");
  const decimals = (fracPart.match(/[0#?]/g) ?? []).length;
  const minInt = (intPart.match(/0/g) ?? []).length;
  const grouping = /[0#?],[0#?]/.test(intPart);
  let [whole, fraction = ""] = roundHalfUp(Math.abs(scaled), decimals).split(".");
  if (whole === "0" && minInt === 0) whole = "";
  whole = whole.padStart(minInt, "0");
  if (grouping) whole = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  const optional = (fracPart.match(/#/g) ?? []).length;
  fraction = fraction.padEnd(decimals, "0");
  for (let i = 0; i < optional && fraction.endsWith("0"); i++) fraction = fraction.slice(0, -1);
  const body = (scaled < 0 && sections.length === 1 ? "-" : "") + whole + (pattern.includes(".") ? "." + fraction : "");
  const start = numeric.index;
  const out = literal.slice(0, start) + body + literal.slice(start + pattern.length);
  return out.replace(/\uE000([^\uE001]*)\uE001/g, "$1");
}

function roundHalfUp(x: number, decimals: number): string {
  const factor = 10 ** decimals;
  const r = Math.round(Number((x * factor).toPrecision(15))) / factor;
  return r.toFixed(decimals);
}

const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
const DAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];

function formatDate(serial: number, format: string): Scalar {
  if (serial < 0 || serial >= 2958466) return VALUE;
  const [y, m, d] = partsOf(serial);
  const weekday = (Math.floor(serial) + 6) % 7;
  const seconds = Math.round((serial - Math.floor(serial)) * 86400);
  const hh = Math.floor(seconds / 3600);
  const mi = Math.floor((seconds % 3600) / 60);
  const ss = seconds % 60;
  const out = format.replace(/"([^"]*)"|\\(.)|yyyy|yy|mmmm|mmm|mm|m|dddd|ddd|dd|d|hh|h|ss|s/gi, (token, quoted: string | undefined, escaped: string | undefined, offset: number, whole: string) => {
    if (quoted !== undefined) return quoted;
    if (escaped !== undefined) return escaped;
    const t = token.toLowerCase();
    const afterHour = /h+[^a-z]*$/i.test(whole.slice(0, offset)) || /^[^a-z]*s/i.test(whole.slice(offset + token.length));
    switch (t) {
      case "yyyy": return String(y);
      case "yy": return String(y % 100).padStart(2, "0");
      case "mmmm": return MONTHS[m - 1];
      case "mmm": return MONTHS[m - 1].slice(0, 3);
      case "mm": return afterHour ? String(mi).padStart(2, "0") : String(m).padStart(2, "0");
      case "m": return afterHour ? String(mi) : String(m);
      case "dddd": return DAYS[weekday];
      case "ddd": return DAYS[weekday].slice(0, 3);
      case "dd": return String(d).padStart(2, "0");
      case "d": return String(d);
      case "hh": return String(hh).padStart(2, "0");
      case "h": return String(hh);
      case "ss": return String(ss).padStart(2, "0");
      default: return String(ss);
    }
  });
  return out;
}

// ---- information ----

ownScalar("ISERROR", 1, 1, (c) => isError(c));
ownScalar("ISERR", 1, 1, (c) => isError(c) && c !== NA);
ownScalar("ISNA", 1, 1, (c) => c === NA);
ownScalar("ISNUMBER", 1, 1, (c) => typeof c === "number");
ownScalar("ISTEXT", 1, 1, (c) => typeof c === "string");
ownScalar("ISLOGICAL", 1, 1, (c) => typeof c === "boolean");
ownScalar("ISBLANK", 1, 1, (c) => c === null);
ownScalar("N", 1, 1, (c) => (typeof c === "number" ? c : typeof c === "boolean" ? (c ? 1 : 0) : isError(c) ? c : 0));

// ---- lookup and reference ----

/** A block as a list along its only dimension; undefined when it has more than one row and column. */
function vector(v: Value): Scalar[] | undefined {
  const rows = rowsOf(v);
  if (rows.length === 1) return rows[0];
  if (rows[0].length === 1) return rows.map((r) => r[0]);
  return undefined;
}

function sameKind(a: Scalar, b: Scalar): boolean {
  return typeof a === typeof b && a !== null && !isError(a);
}

/**
 * The position (0-based) of a value in a list, or -1. `mode` 0: exact (text with wildcards
 * when `wildcards`); 1: the largest value not above it (list ascending); -1: the smallest not
 * below it (list descending). Text compares case-insensitively.
 */
export function findIn(value: Scalar, list: readonly Scalar[], mode: number, wildcards: boolean, reverse = false): number {
  if (mode === 0) {
    const re = wildcards && typeof value === "string" && /[*?~]/.test(value) ? wildcard(value) : undefined;
    for (let k = 0; k < list.length; k++) {
      const i = reverse ? list.length - 1 - k : k;
      const cell = list[i];
      if (re !== undefined ? typeof cell === "string" && re.test(cell) : sameKind(cell, value) && compare(cell, value) === 0) return i;
    }
    return -1;
  }
  let found = -1;
  for (let i = 0; i < list.length; i++) {
    const cell = list[i];
    if (!sameKind(cell, value)) continue;
    const c = compare(cell, value);
    if (mode > 0 ? c <= 0 : c >= 0) found = i;
    else break;
  }
  return found;
}

/** XLOOKUP's "exact or next smaller/larger" over an unsorted list. */
function findNearest(value: Scalar, list: readonly Scalar[], mode: number, reverse: boolean): number {
  const exact = findIn(value, list, 0, false, reverse);
  if (exact >= 0) return exact;
  let best = -1;
  for (let k = 0; k < list.length; k++) {
    const i = reverse ? list.length - 1 - k : k;
    const cell = list[i];
    if (!sameKind(cell, value)) continue;
    const c = compare(cell, value);
    if ((mode < 0 && c < 0 && (best < 0 || compare(cell, list[best]) > 0)) || (mode > 0 && c > 0 && (best < 0 || compare(cell, list[best]) < 0))) best = i;
  }
  return best;
}

define("MATCH", 2, 3, "own", (args) => {
  const list = vector(args[1].value());
  if (list === undefined) return NA;
  const typeValue = args.length > 2 && !args[2].omitted ? toNumber(topLeft(args[2].value())) : 1;
  if (isError(typeValue)) return typeValue;
  const mode = Math.sign(typeValue);
  return lift([args[0].value()], (value) => {
    if (isError(value)) return value;
    const i = findIn(value, list, mode, true);
    return i < 0 ? NA : i + 1;
  });
});

function tableLookup(name: string, vertical: boolean): void {
  define(name, 3, 4, "own", (args) => {
    const table = rowsOf(args[1].value());
    const index = toNumber(topLeft(args[2].value()));
    if (isError(index)) return index;
    const approximate = args.length > 3 && !args[3].omitted ? toBool(topLeft(args[3].value())) : true;
    if (isError(approximate)) return approximate;
    const keys = vertical ? table.map((r) => r[0]) : table[0];
    const span = vertical ? table[0].length : table.length;
    const k = Math.trunc(index);
    if (k < 1) return VALUE;
    if (k > span) return REF;
    return lift([args[0].value()], (value) => {
      if (isError(value)) return value;
      const i = findIn(value, keys, approximate ? 1 : 0, !approximate);
      if (i < 0) return NA;
      const cell = vertical ? table[i][k - 1] : table[k - 1][i];
      return cell === null ? 0 : cell;
    });
  });
}
tableLookup("VLOOKUP", true);
tableLookup("HLOOKUP", false);

/** XLOOKUP's and XMATCH's search: match_mode 0 exact, -1/1 exact or next smaller/larger, 2 wildcards; search_mode -1/-2 from the end. */
function xfind(value: Scalar, list: readonly Scalar[], matchMode: number, searchMode: number): number {
  const reverse = searchMode === -1 || searchMode === -2;
  if (matchMode === 2) return findIn(value, list, 0, true, reverse);
  if (matchMode === 0) return findIn(value, list, 0, false, reverse);
  return findNearest(value, list, matchMode, reverse);
}

define("XMATCH", 2, 4, "own", (args) => {
  const list = vector(args[1].value());
  if (list === undefined) return VALUE;
  const opt = (i: number, fallback: number): number | XlError => (args.length > i && !args[i].omitted ? toNumber(topLeft(args[i].value())) : fallback);
  const matchMode = opt(2, 0);
  const searchMode = opt(3, 1);
  if (isError(matchMode)) return matchMode;
  if (isError(searchMode)) return searchMode;
  return lift([args[0].value()], (value) => {
    if (isError(value)) return value;
    const i = xfind(value, list, matchMode, searchMode);
    return i < 0 ? NA : i + 1;
  });
});

define("XLOOKUP", 3, 6, "own", (args) => {
  const lookupValue = args[1].value();
  const list = vector(lookupValue);
  if (list === undefined) return VALUE;
  const returns = args[2].value();
  const returnRows = rowsOf(returns);
  const vertical = rowsOf(lookupValue).length === list.length && list.length > 1 ? true : rowsOf(lookupValue).length > 1;
  if (vertical ? returnRows.length !== list.length : (returnRows[0]?.length ?? 0) !== list.length) return VALUE;
  const opt = (i: number, fallback: number): number | XlError => (args.length > i && !args[i].omitted ? toNumber(topLeft(args[i].value())) : fallback);
  const matchMode = opt(4, 0);
  const searchMode = opt(5, 1);
  if (isError(matchMode)) return matchMode;
  if (isError(searchMode)) return searchMode;
  const pick = (value: Scalar): number => xfind(value, list, matchMode, searchMode);
  const slice = (i: number): Value => {
    if (returns instanceof RangeValue) {
      const a = returns.area;
      return vertical
        ? new RangeValue(returns.sheet, { top: a.top + i, bottom: a.top + i, left: a.left, right: a.right })
        : new RangeValue(returns.sheet, { top: a.top, bottom: a.bottom, left: a.left + i, right: a.left + i });
    }
    const line = vertical ? [returnRows[i]] : returnRows.map((r) => [r[i]]);
    return line.length === 1 && line[0].length === 1 ? line[0][0] : new ArrayValue(line);
  };
  const notFound = (): Value => (args.length > 3 && !args[3].omitted ? args[3].value() : NA);
  const value = args[0].value();
  if (!isBlock(value)) {
    if (isError(value)) return value;
    const i = pick(value);
    return i < 0 ? notFound() : slice(i);
  }
  return lift([value], (v) => {
    if (isError(v)) return v;
    const i = pick(v);
    return i < 0 ? topLeft(notFound()) : topLeft(slice(i));
  });
});

/** A block's size without reading its cells. */
function shape(v: Value): { height: number; width: number } {
  return isBlock(v) ? { height: v.height, width: v.width } : { height: 1, width: 1 };
}

define("INDEX", 2, 4, "own", (args) => {
  const source = args[0].value();
  // A reference is only sized here; its cells are read by whoever uses INDEX's result.
  const { height, width } = shape(source);
  const rowArg = toNumber(topLeft(args[1].value()));
  const colArg = args.length > 2 && !args[2].omitted ? toNumber(topLeft(args[2].value())) : undefined;
  if (isError(rowArg)) return rowArg;
  if (isError(colArg)) return colArg;
  if (args.length > 3 && !args[3].omitted && toNumber(topLeft(args[3].value())) !== 1) return REF;
  let r = Math.trunc(rowArg);
  let c = colArg === undefined ? 0 : Math.trunc(colArg);
  if (colArg === undefined && height === 1) {
    // One row and one number: it is the column, as Excel reads INDEX({1,2,3},2).
    c = r;
    r = 1;
  } else if (colArg === undefined && width === 1) c = 1;
  if (r < 0 || c < 0) return VALUE;
  if (r > height || c > width) return REF;
  if (source instanceof RangeValue) {
    const a = source.area;
    return new RangeValue(source.sheet, {
      top: r === 0 ? a.top : a.top + r - 1,
      bottom: r === 0 ? a.bottom : a.top + r - 1,
      left: c === 0 ? a.left : a.left + c - 1,
      right: c === 0 ? a.right : a.left + c - 1,
    });
  }
  const picked = rowsOf(source).filter((_, i) => r === 0 || i === r - 1).map((line) => line.filter((_, j) => c === 0 || j === c - 1));
  return picked.length === 1 && picked[0].length === 1 ? picked[0][0] : new ArrayValue(picked);
});

define("CHOOSE", 2, 255, "own", (args) => {
  const index = single(args[0].value());
  if (isBlock(index)) {
    return lift([index], (cell) => {
      const k = toNumber(cell);
      if (isError(k)) return k;
      const i = Math.trunc(k);
      return i < 1 || i >= args.length ? VALUE : topLeft(args[i].value());
    });
  }
  const k = toNumber(index);
  if (isError(k)) return k;
  const i = Math.trunc(k);
  if (i < 1 || i >= args.length) return VALUE;
  return args[i].omitted ? 0 : args[i].value();
});

define("ROWS", 1, 1, "own", (args) => shape(args[0].value()).height);
define("COLUMNS", 1, 1, "own", (args) => shape(args[0].value()).width);
define("ROW", 0, 1, "own", (args, ctx) => {
  if (args.length === 0) return ctx.resolver.row;
  const v = args[0].value();
  return v instanceof RangeValue ? v.area.top : VALUE;
});
define("COLUMN", 0, 1, "own", (args, ctx) => {
  if (args.length === 0) return ctx.resolver.col;
  const v = args[0].value();
  return v instanceof RangeValue ? v.area.left : VALUE;
});
/** `@A1:A9` as Excel saves it in a file. */
define("SINGLE", 1, 1, "own", (args, ctx) => intersect(args[0].value(), ctx.resolver.row, ctx.resolver.col));

// ---- dynamic arrays ----

function block(rows: Scalar[][]): Value {
  return rows.length === 1 && rows[0].length === 1 ? rows[0][0] : new ArrayValue(rows);
}

define("FILTER", 2, 3, "own", (args) => {
  const rows = rowsOf(args[0].value());
  const include = rowsOf(args[1].value());
  const byRow = include[0]?.length === 1 && include.length === rows.length;
  const byCol = include.length === 1 && include[0].length === (rows[0]?.length ?? 0);
  if (!byRow && !byCol) return VALUE;
  const keep: boolean[] = [];
  for (const cell of byRow ? include.map((r) => r[0]) : include[0]) {
    const b = toBool(cell);
    if (isError(b)) return b;
    keep.push(b);
  }
  const picked = byRow ? rows.filter((_, i) => keep[i]) : rows.map((r) => r.filter((_, j) => keep[j]));
  if (picked.length === 0 || picked[0].length === 0) return args.length > 2 && !args[2].omitted ? args[2].value() : CALC;
  return block(picked);
});

define("SORT", 1, 4, "own", (args) => {
  const rows = rowsOf(args[0].value());
  const opt = (i: number, fallback: number): number | XlError => (args.length > i && !args[i].omitted ? toNumber(topLeft(args[i].value())) : fallback);
  const index = opt(1, 1);
  const order = opt(2, 1);
  const byCol = args.length > 3 && !args[3].omitted ? toBool(topLeft(args[3].value())) : false;
  if (isError(index)) return index;
  if (isError(order)) return order;
  if (isError(byCol)) return byCol;
  const lines = byCol ? transpose(rows) : rows;
  const k = Math.trunc(index) - 1;
  if (k < 0 || k >= (lines[0]?.length ?? 0) || (order !== 1 && order !== -1)) return VALUE;
  const key = (cell: Scalar): [number, Scalar] => (isError(cell) ? [2, null] : cell === null ? [1, null] : [0, cell]);
  const sorted = lines
    .map((line, i) => ({ line, i }))
    .sort((a, b) => {
      const [ka, va] = key(a.line[k]);
      const [kb, vb] = key(b.line[k]);
      if (ka !== kb) return ka - kb;
      const c = ka === 0 ? compare(va, vb) * order : 0;
      return c !== 0 ? c : a.i - b.i;
    })
    .map((x) => x.line);
  return block(byCol ? transpose(sorted) : sorted);
});

function transpose(rows: Scalar[][]): Scalar[][] {
  const width = rows[0]?.length ?? 0;
  return Array.from({ length: width }, (_, c) => rows.map((r) => r[c]));
}

define("TRANSPOSE", 1, 1, "own", (args) => block(transpose(rowsOf(args[0].value()))));

define("UNIQUE", 1, 3, "own", (args) => {
  const rows = rowsOf(args[0].value());
  const byCol = args.length > 1 && !args[1].omitted ? toBool(topLeft(args[1].value())) : false;
  const once = args.length > 2 && !args[2].omitted ? toBool(topLeft(args[2].value())) : false;
  if (isError(byCol)) return byCol;
  if (isError(once)) return once;
  const lines = byCol ? transpose(rows) : rows;
  const keyOf = (line: Scalar[]): string => JSON.stringify(line.map((c) => (isError(c) ? `#${c.error}` : typeof c === "string" ? `s${c.toLowerCase()}` : c)));
  const counts = new Map<string, { line: Scalar[]; n: number }>();
  for (const line of lines) {
    const k = keyOf(line);
    const seen = counts.get(k);
    if (seen === undefined) counts.set(k, { line, n: 1 });
    else seen.n++;
  }
  const picked = [...counts.values()].filter((e) => !once || e.n === 1).map((e) => e.line);
  if (picked.length === 0) return CALC;
  return block(byCol ? transpose(picked) : picked);
});

define("SEQUENCE", 1, 4, "own", (args) => {
  const opt = (i: number, fallback: number): number | XlError => (args.length > i && !args[i].omitted ? toNumber(topLeft(args[i].value())) : fallback);
  const values = [opt(0, 1), opt(1, 1), opt(2, 1), opt(3, 1)];
  for (const v of values) if (isError(v)) return v;
  const [rowsN, colsN, start, step] = values as number[];
  const h = Math.trunc(rowsN);
  const w = Math.trunc(colsN);
  if (h < 1 || w < 1) return CALC;
  if (h * w > 1_048_576) return NUM;
  const out: Scalar[][] = [];
  for (let r = 0; r < h; r++) {
    const line: Scalar[] = [];
    for (let c = 0; c < w; c++) line.push(start + (r * w + c) * step);
    out.push(line);
  }
  return block(out);
});

define("LET", 3, 253, "own", (args, ctx: CallContext) => {
  if (args.length % 2 !== 1) return notEvaluable("LET needs name, value pairs and a final calculation", "unreadable formula");
  const bindings = new Map<string, Value>();
  for (let i = 0; i + 1 < args.length; i += 2) {
    const nameExpr = args[i].expr;
    if (nameExpr.kind !== "name" || nameExpr.sheet !== undefined) return notEvaluable("LET's names must be plain names", "unreadable formula");
    bindings.set(nameExpr.name.toUpperCase(), ctx.evaluateWith(args[i + 1].expr, new Map(bindings)));
  }
  return ctx.evaluateWith(args[args.length - 1].expr, bindings);
});

/** Every native function the evaluator knows, by Excel name. */
export const NATIVE_FUNCTIONS: ReadonlyMap<string, NativeFunction> = registry;
