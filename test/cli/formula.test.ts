/** The formula reader and evaluator behind the headless refresh. */
import { Evaluator, NotEvaluable, Resolver } from "../../src/cli/formula/evaluate";
import { RangeValue, Scalar, XlError, fromHost } from "../../src/cli/formula/values";
import { mentionsSmallcap, parseFormula, smallcapFunctionName } from "../../src/cli/formula/parser";
import { columnLetters, columnNumber, parseArea } from "../../src/workbook/a1";
import type { Expr } from "../../src/cli/formula/ast";
import { SMALLCAP_FUNCTIONS } from "../../src/functions/definitions";

function parsed(text: string): Expr {
  const result = parseFormula(text);
  if (!result.ok) throw new Error(`did not parse: ${result.reason}`);
  return result.expr;
}

function reason(text: string): string {
  const result = parseFormula(text);
  if (result.ok) throw new Error(`parsed, but should not: ${text}`);
  return result.reason;
}

/** A resolver whose every reference reads the same cells. */
function cellsResolver(cells?: Scalar[][]): Resolver {
  const none = (): never => {
    throw new NotEvaluable("no cells in this test");
  };
  return {
    row: 1,
    col: 1,
    date1904: false,
    ref: (ref) => (cells === undefined ? none() : new RangeValue({ name: "S", cells: () => cells }, ref.area)),
    spill: none,
    name: none,
    struct: none,
  };
}

function evaluate(text: string, cells?: Scalar[][]): unknown {
  return new Evaluator(cellsResolver(cells)).evaluate(parsed(text));
}

describe("SMALLCAP function names", () => {
  test.each([
    ["SMALLCAP.ICR", "ICR"],
    ["smallcap.icr", "ICR"],
    ["_xldudf_SMALLCAP_ICR", "ICR"],
    ["_xludf.SMALLCAP.SHOCKICR", "SHOCKICR"],
  ])("%s is %s", (spelled, name) => expect(smallcapFunctionName(spelled)).toBe(name));

  test.each(["ICR", "SMALLCAPICR", "OTHER.ICR", "_xlfn.SMALLCAP.ICR", "SMALLCAP_ICR"])("%s is not a SMALLCAP call", (spelled) =>
    expect(smallcapFunctionName(spelled)).toBeUndefined(),
  );

  test("a SMALLCAP name inside a text literal does not make a SMALLCAP formula", () => {
    expect(mentionsSmallcap('CONCATENATE("SMALLCAP.ICR(",A1)')).toBe(false);
    expect(mentionsSmallcap("SMALLCAP.ICR(A1,B1)*2")).toBe(true);
    expect(mentionsSmallcap("IF(A1,_xldudf_SMALLCAP_ZOMBIE(B1:D1,E1:G1),0)")).toBe(true);
    expect(mentionsSmallcap("SUM(A1:A9)")).toBe(false);
  });
});

describe("references", () => {
  test("cells, ranges, absolute markers and sheets", () => {
    expect(parsed("SMALLCAP.ICR($B$2,C2)")).toMatchObject({
      kind: "call",
      args: [
        { kind: "ref", sheet: undefined, area: { top: 2, left: 2, bottom: 2, right: 2 } },
        { kind: "ref", area: { top: 2, left: 3, bottom: 2, right: 3 } },
      ],
    });
    expect(parsed("SMALLCAP.INDEXPE(Sheet2!A1:A10,'My ''Big'' Sheet'!B2:B9)")).toMatchObject({
      args: [
        { kind: "ref", sheet: "Sheet2", area: { top: 1, left: 1, bottom: 10, right: 1 } },
        { kind: "ref", sheet: "My 'Big' Sheet", area: { top: 2, left: 2, bottom: 9, right: 2 } },
      ],
    });
    expect(parsed("SMALLCAP.INDEXPE(A:A,$B:$B)")).toMatchObject({ args: [{ wholeColumns: true, area: { left: 1, right: 1 } }, { wholeColumns: true }] });
    expect(parsed("SMALLCAP.WAM(2:2,3:3)")).toMatchObject({ args: [{ wholeRows: true, area: { top: 2, bottom: 2 } }, { wholeRows: true }] });
    expect(parsed("SMALLCAP.ICR(D2:B1,1)")).toMatchObject({ args: [{ area: { top: 1, left: 2, bottom: 2, right: 4 } }, { kind: "literal" }] });
  });

  test("addresses and column letters", () => {
    expect(parseArea("$AB$3:AC10")).toEqual({ top: 3, left: 28, bottom: 10, right: 29 });
    expect(parseArea("XFE1")).toBeUndefined();
    expect(columnNumber("XFD")).toBe(16384);
    expect(columnLetters(28)).toBe("AB");
  });
});

describe("literals, omitted arguments and arithmetic", () => {
  test("omitted optional arguments arrive as null, as Excel passes them", () => {
    expect(parsed("SMALLCAP.ZOMBIE(A1:C1,D1:F1,,0.8)")).toMatchObject({
      args: [{ kind: "ref" }, { kind: "ref" }, { kind: "omitted" }, { kind: "literal", value: 0.8 }],
    });
    expect(parsed("SMALLCAP.REVERSION(-0.2,)")).toMatchObject({ args: [{ kind: "unary" }, { kind: "omitted" }] });
  });

  test("text, booleans, errors and array constants", () => {
    expect(parsed('SMALLCAP.ICR("1,234.5","say ""hi""")')).toMatchObject({ args: [{ value: "1,234.5" }, { value: 'say "hi"' }] });
    expect(parsed("SMALLCAP.INDEXPE({100;200},{5;-1},TRUE)")).toMatchObject({
      args: [{ kind: "array", rows: [[100], [200]] }, { kind: "array", rows: [[5], [-1]] }, { value: true }],
    });
    expect(parsed("SMALLCAP.ICR(#N/A,1)")).toMatchObject({ args: [{ value: { error: "#N/A" } }, {}] });
  });

  test("evaluates with Excel's precedence: -2^2 is 4, 2^3^2 is 64, 50% is 0.5", () => {
    expect(evaluate("SMALLCAP.ICR(1,1)*-2^2")).toEqual([[4]]);
    expect(evaluate("SMALLCAP.ICR(2,1)^3^2")).toEqual([[64]]);
    expect(evaluate("SMALLCAP.ICR(50%,1)")).toEqual(SMALLCAP_FUNCTIONS.ICR(0.5, 1));
    expect(evaluate("1+SMALLCAP.ICR(6,2)*2-1")).toEqual([[6]]);
  });

  test("arithmetic errors are Excel's", () => {
    const [[divided]] = evaluate("SMALLCAP.ICR(1,1)/0") as XlError[][];
    expect(divided).toBeInstanceOf(XlError);
    expect(divided.error).toBe("#DIV/0!");
    const [[propagated]] = evaluate("SMALLCAP.ICR(1,0)+1") as XlError[][];
    expect(propagated.error).toBe("#DIV/0!");
  });

  test("a nested call passes its whole result grid", () => {
    const expected = SMALLCAP_FUNCTIONS.REVERSION(SMALLCAP_FUNCTIONS.RELPE([[10], [20], [0]], 10));
    // Errors come back as Excel's error values (the message stays in the core), as a cell would show them.
    expect(evaluate("SMALLCAP.REVERSION(SMALLCAP.RELPE(A1:A3,10))", [[10], [20], [0]])).toEqual(expected.map((row) => row.map(fromHost)));
  });
});

describe("the whole formula language parses: functions, operators, names, tables, spills", () => {
  test.each([
    ["IF(A1>0,SMALLCAP.ICR(A1,B1),0)", { kind: "call", name: "IF", smallcap: false }],
    ["_xlfn.XLOOKUP(1,A:A,SMALLCAP.ICR(B:B,C:C))", { kind: "call", name: "XLOOKUP", args: [{}, {}, { name: "ICR", smallcap: true }] }],
    ["_xlfn._xlws.FILTER(A1:A3,B1:B3)", { kind: "call", name: "FILTER" }],
    ['SMALLCAP.ICR(A1,B1)&"x"', { kind: "binary", op: "&" }],
    ["SMALLCAP.ICR(A1,B1)>1", { kind: "binary", op: ">" }],
    ["SMALLCAP.ICR(Table1[EBIT],1)", { args: [{ kind: "struct", table: "Table1", spec: "EBIT" }, {}] }],
    ["[@EBIT]*2", { left: { kind: "struct", table: undefined, spec: "@EBIT" } }],
    ["Table1[[#This Row],[EBIT]]", { kind: "struct", table: "Table1", spec: "[#This Row],[EBIT]" }],
    ["SUM(A1#)", { args: [{ kind: "spill", ref: { area: { top: 1, left: 1 } } }] }],
    ["SMALLCAP.ICR(ebit,1)", { args: [{ kind: "name", name: "ebit" }, {}] }],
    ["_xlfn.LET(_xlpm.x,2,_xlpm.x*3)", { name: "LET", args: [{ kind: "name", name: "x" }, {}, { left: { kind: "name", name: "x" } }] }],
    ["@A1:A3", { kind: "unary", op: "@" }],
    ["Inputs!Rate*2", { left: { kind: "name", name: "Rate", sheet: "Inputs" } }],
  ])("%s", (formula, shape) => expect(parsed(formula)).toMatchObject(shape));
});

describe("what the headless engine does not read, in words", () => {
  test.each([
    ["SMALLCAP.ICR([1]Sheet1!A1,1)", /another workbook/],
    ["SMALLCAP.ICR('[Book2.xlsx]Sheet1'!A1,1)", /another workbook/],
    ["SMALLCAP.ICR(A1,B1", /expected \)/],
    ['SMALLCAP.ICR("open,1)', /not closed/],
    ["SMALLCAP.ICR(Sheet1!A1:Sheet2!B2,1)", /3-D references/],
  ])("%s", (formula, pattern) => expect(reason(formula)).toMatch(pattern));
});
