/**
 * The adapter's fast paths (copy of a row at its first non-number, dense rows allocated
 * generic, buffered loop for any arity, scratch series in `rowwise`) give the same cells as
 * a plain cell-by-cell reading.
 */
import { CoreError, coreError } from "../../src/core/errors";
import { Cell, elementwise, rowwise } from "../../src/core/grid";
import { NumberOrError } from "../../src/core/values";

const DIV0 = coreError("DIV0", "test: zero");
const ratio = (a: number, b: number): number | CoreError => (b === 0 ? DIV0 : a / b);

function pattern(rows: number, cols: number, at: (r: number, c: number) => unknown): unknown[][] {
  return Array.from({ length: rows }, (_, r) => Array.from({ length: cols }, (_, c) => at(r, c)));
}

describe("elementwise fast paths", () => {
  const two = elementwise([{ name: "a" }, { name: "b" }], ratio);
  const three = elementwise([{ name: "a" }, { name: "b" }, { name: "c" }], (a, b, c) => ratio(a + c, b));
  const six = elementwise(
    [{ name: "a" }, { name: "b" }, { name: "c" }, { name: "d" }, { name: "e" }, { name: "f" }],
    (a, b, c, d, e, f) => a + b + c + d + e + f,
  );

  for (const [label, zeroEvery] of [["sparse", 97], ["dense", 3], ["none", 0]] as const) {
    test(`two arguments, ${label} errors: every cell as read one by one`, () => {
      const a = pattern(40, 30, (r, c) => r * 31 + c);
      const b = pattern(40, 30, (r, c) => (zeroEvery > 0 && (r * 30 + c) % zeroEvery === 0 ? 0 : 1 + ((r + c) % 7)));
      const out = two(a, b);
      out.forEach((line, r) =>
        line.forEach((cell, c) => expect(cell).toBe(ratio(a[r][c] as number, b[r][c] as number))),
      );
      const numbersOnly = out.filter((line) => line.every((cell) => typeof cell === "number"));
      if (zeroEvery === 0) expect(numbersOnly).toHaveLength(40);
    });

    test(`three arguments, ${label} errors and a text cell: argument order decides the error`, () => {
      const a = pattern(40, 30, (r, c) => (r === 5 && c === 7 ? "abc" : r - c));
      const b = pattern(40, 30, (r, c) => (zeroEvery > 0 && (r * 30 + c) % zeroEvery === 0 ? 0 : 2));
      const out = three(a, b, 1);
      out.forEach((line, r) =>
        line.forEach((cell, c) => {
          if (r === 5 && c === 7) expect(cell).toBeInstanceOf(CoreError);
          else expect(cell).toBe(ratio((a[r][c] as number) + 1, b[r][c] as number));
        }),
      );
      expect((out[5][7] as CoreError).code).toBe("VALUE");
    });
  }

  test("a single-value argument that is an error fills every cell not already in error", () => {
    const a = pattern(3, 4, (r, c) => (r === 1 && c === 2 ? null : r + c));
    const out = three(a, "not a number", 0);
    expect((out[1][2] as CoreError).code).toBe("NA");
    for (const [r, c] of [[0, 0], [2, 3]]) expect((out[r][c] as CoreError).code).toBe("VALUE");
  });

  test("more than five arguments, with infinite results as #NUM!", () => {
    const a = pattern(4, 5, (r, c) => (r === 2 && c === 1 ? Number.MAX_VALUE : r + c));
    const out = six(a, 1, 2, 3, 4, a);
    expect(out[0][0]).toBe(10);
    expect(out[3][4]).toBe(24);
    expect((out[2][1] as CoreError).code).toBe("NUM");
  });
});

describe("rowwise scratch series", () => {
  const sums = rowwise([{ name: "x" }, { name: "y" }], [{ name: "k", default: 1 }], (series, [k]) => {
    for (const s of series) for (const v of s) if (v instanceof CoreError) return v;
    if (k instanceof CoreError) return k;
    const total = (series[0] as number[]).reduce((s, v) => s + v, 0) + (series[1] as number[]).reduce((s, v) => s + v, 0);
    return total * (k as number);
  });

  test("every company reads its own row; a single row or value pairs with every row", () => {
    const x = pattern(5, 3, (r, c) => r * 10 + c);
    const out = sums(x, [[1, 2, 3]], [[1], [2], [3], [4], ["bad"]]);
    expect(out.slice(0, 4).map((line) => line[0])).toEqual([9, 2 * 39, 3 * 69, 4 * 99]);
    expect((out[4][0] as CoreError).code).toBe("VALUE");
    const broadcast = sums(x, 2, null);
    expect(broadcast.map((line) => line[0])).toEqual([9, 39, 69, 99, 129]);
  });

  test("a series error reaches the function for its row only", () => {
    const x: unknown[][] = pattern(3, 2, (r, c) => r + c);
    x[1][1] = "";
    const out = sums(x, 0, null) as Cell[][];
    expect(out[0][0]).toBe(1);
    expect((out[1][0] as CoreError).code).toBe("NA");
    expect(out[2][0]).toBe(5);
    const seen: NumberOrError[][] = [];
    rowwise([{ name: "x" }], [], ([s]) => (seen.push([...s]), 0))(x);
    expect(seen.map((s) => s.length)).toEqual([2, 2, 2]);
  });
});
