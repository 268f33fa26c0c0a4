/**
 * The CSV fast path (issue 13): a file without quotes is split in memory instead of going
 * through csv-parse. It must give exactly the records csv-parse gives with csvSource's options,
 * and plainNumber exactly what the numeral regular expression it replaced accepted.
 */
import { parse } from "csv-parse/sync";
import { csvValue, plainCsvLines, plainNumber, plainRowValues, tallyDecimals } from "../../src/cli/source";

/** The records of the fast path: its lines split at the delimiter. */
function splitPlainCsv(bytes: Buffer, delimiter: string, block = 7): string[][] | undefined {
  // Small blocks, so lines, line ends, the BOM and UTF-8 sequences fall across block edges.
  const blocks = function* (): Generator<Buffer> {
    for (let at = 0; at < bytes.length; at += block) yield bytes.subarray(at, at + block);
  };
  const lines = plainCsvLines(blocks);
  return lines === undefined ? undefined : [...lines].map((line) => line.split(delimiter));
}

const OPTIONS = { bom: true, relax_column_count: true, relax_quotes: true, skip_empty_lines: false };

describe("plainCsvLines", () => {
  const cases = [
    "a,b\nc,d",
    "a,b\nc,d\n",
    "a,b\n\nc,d\n",
    "a,b\nc,d\n\n",
    "\n\na,b",
    "a,b\r\nc,d\r\n",
    "a,b\r\n\r\nc,d\r\n\r\n",
    "\uFEFFa,b\nc,d\n",
    " a , b \n1,,3\n4\n5,6,7,8\n",
    "é,ü\n1,2\n",
    "",
    "\n",
  ];
  it.each(cases)("gives csv-parse's records for %j, however the bytes are cut into blocks", (text) => {
    for (const block of [1, 2, 3, 5, 1 << 20]) {
      const records = splitPlainCsv(Buffer.from(text, "utf8"), ",", block);
      expect(records).toBeDefined();
      expect(records).toEqual(parse(text, { ...OPTIONS, delimiter: "," }));
    }
  });

  it("splits at the delimiter it is given (a tab, a semicolon)", () => {
    for (const d of ["\t", ";"]) {
      const text = `x${d}y${d}z\n1${d}2${d}3\n`;
      expect(splitPlainCsv(Buffer.from(text), d)).toEqual([["x", "y", "z"], ["1", "2", "3"]]);
    }
  });

  it("gives the same records when the file is longer than one decoded chunk (lines cut at chunk ends, multi-byte text)", () => {
    const lines = Array.from({ length: 120000 }, (_, i) => `T${i},Société ${i},${(i * 1.5).toFixed(2)},,${i % 7}`);
    const text = lines.join("\n") + "\n";
    expect(Buffer.byteLength(text)).toBeGreaterThan(2 * (1 << 20));
    const records = splitPlainCsv(Buffer.from(text), ",", 1 << 20);
    expect(records).toEqual(parse(text, { ...OPTIONS, delimiter: "," }));
  });

  it("leaves to the parser a file with a quote or with mixed line ends", () => {
    expect(splitPlainCsv(Buffer.from('a,b\n"1,5",2\n'), ",")).toBeUndefined();
    expect(splitPlainCsv(Buffer.from("a,b\r\nc,d\ne,f\r\n"), ",")).toBeUndefined();
    expect(splitPlainCsv(Buffer.from("a,b\rc,d\r"), ",")).toBeUndefined();
    expect(splitPlainCsv(Buffer.from("a,b\nc\r,d\n"), ",")).toBeUndefined();
    // A \r at the end of a block and a bare \r at the very end.
    expect(splitPlainCsv(Buffer.from("a,b\r\nc,d\re,f\r\n"), ",", 10)).toBeUndefined();
    expect(splitPlainCsv(Buffer.from("a,b\r\nc,d\r"), ",", 1)).toBeUndefined();
    expect(splitPlainCsv(Buffer.from("a,b\r\nc,d\r\n"), ",", 4)).toEqual([["a", "b"], ["c", "d"]]);
  });
});

describe("plainNumber", () => {
  const NUMERAL = /^-?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
  it("accepts exactly what the numeral regular expression accepts, with the same value (every string of up to 4 of these pieces)", () => {
    const pieces = ["-", "+", ".", "0", "7", "e", "E", "x", " ", ",", "%", "1e", "e5"];
    let checked = 0;
    const visit = (text: string, depth: number): void => {
      if (text !== "") {
        expect([text, plainNumber(text)]).toEqual([text, NUMERAL.test(text) ? Number(text) : undefined]);
        checked++;
      }
      if (depth < 4) for (const p of pieces) visit(text + p, depth + 1);
    };
    visit("", 0);
    expect(checked).toBe(13 + 13 ** 2 + 13 ** 3 + 13 ** 4);
    expect(plainNumber("-12.5e+3")).toBe(-12500);
    expect(plainNumber("1,234.5")).toBeUndefined();
  });
});

describe("plainRowValues", () => {
  const expected = (line: string): unknown[] => line.split(",").map((cell) => csvValue(cell));
  it("reads a line as csvValue reads each field (every line of up to 5 of these pieces)", () => {
    const pieces = ["-", ".", "0", "7", "e", " ", ",", "x", "%", "123456789"];
    let checked = 0;
    const visit = (line: string, depth: number): void => {
      expect([line, plainRowValues(line, ",")]).toEqual([line, expected(line)]);
      checked++;
      if (depth < 5) for (const p of pieces) visit(line + p, depth + 1);
    };
    visit("", 0);
    expect(checked).toBe((10 ** 6 - 1) / 9);
  });

  it("counts a line's decimal evidence as tallyDecimals does (every line of up to 4 of these pieces, `,` and `;` between fields)", () => {
    const pieces = ["-", ".", "0", "1234", ",", ";", "x", "%", "("];
    let checked = 0;
    const visit = (line: string, depth: number): void => {
      for (const delimiter of [",", ";"]) {
        const fused = { us: 0, eu: 0, either: 0 };
        plainRowValues(line, delimiter, ".", fused);
        expect([line, delimiter, fused]).toEqual([line, delimiter, tallyDecimals([line], delimiter)]);
      }
      checked++;
      if (depth < 4) for (const p of pieces) visit(line + p, depth + 1);
    };
    visit("", 0);
    expect(checked).toBe((9 ** 5 - 1) / 8);
    const counted = { us: 0, eu: 0, either: 0 };
    plainRowValues("1.200,1.5,-.5,5.,123.456,1234.567,1234567890123456.5,7", ",", ".", counted);
    expect(counted).toEqual({ us: 4, eu: 0, either: 2 });
  });

  it("gives every numeral the double Number() gives it (-0 included), up to 15 digits and beyond", () => {
    const numerals = ["-0", "-0.00", "0.1", "0.3", "123456789012345", "1234567890123456", "0.000000000000000000001", "9007199254740993", "1.7976931348623157", "-.5", "5."];
    for (let k = 0; k <= 20; k++) numerals.push((123456789 / 7 / 10 ** (k % 9)).toFixed(k), (-(2 ** 52) / 3 ** (k % 5)).toFixed(k % 4));
    for (const text of numerals) expect([text, plainRowValues(`${text},x`, ",")]).toEqual([text, [Number(text), "x"]]);
    expect(Object.is(plainRowValues("-0", ",")[0], -0)).toBe(true);
  });

  it("under a decimal comma reads every field as csvValue does with that mark (no numeral shortcut)", () => {
    for (const line of ["1.347,5;-38,0;12.5;(1.200);12,5%;;x", "12.5;0,3;-0;1.234.567"]) {
      expect(plainRowValues(line, ";", ",")).toEqual(line.split(";").map((cell) => csvValue(cell, ",")));
    }
    expect(plainRowValues("1.347,5;12.5", ";", ",")[0]).toBe(1347.5);
  });
});
