/**
 * The CSV fast path (issue 13): a file without quotes is split in memory instead of going
 * through csv-parse. It must give exactly the records csv-parse gives with csvSource's options,
 * and plainNumber exactly what the numeral regular expression it replaced accepted.
 */
import { parse } from "csv-parse/sync";
import { plainNumber, splitPlainCsv } from "../../src/cli/source";

const OPTIONS = { bom: true, relax_column_count: true, relax_quotes: true, skip_empty_lines: false };

describe("splitPlainCsv", () => {
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
  it.each(cases)("gives csv-parse's records for %j", (text) => {
    const records = splitPlainCsv(Buffer.from(text, "utf8"), ",");
    expect(records).toBeDefined();
    expect([...(records as Iterable<string[]>)]).toEqual(parse(text, { ...OPTIONS, delimiter: "," }));
  });

  it("splits at the delimiter it is given (a tab, a semicolon)", () => {
    for (const d of ["\t", ";"]) {
      const text = `x${d}y${d}z\n1${d}2${d}3\n`;
      expect([...(splitPlainCsv(Buffer.from(text), d) as Iterable<string[]>)]).toEqual([["x", "y", "z"], ["1", "2", "3"]]);
    }
  });

  it("gives the same records when the file is longer than one decoded chunk (lines cut at chunk ends, multi-byte text)", () => {
    const lines = Array.from({ length: 120000 }, (_, i) => `T${i},Société ${i},${(i * 1.5).toFixed(2)},,${i % 7}`);
    const text = lines.join("\n") + "\n";
    expect(Buffer.byteLength(text)).toBeGreaterThan(2 * (1 << 20));
    const records = [...(splitPlainCsv(Buffer.from(text), ",") as Iterable<string[]>)];
    expect(records).toEqual(parse(text, { ...OPTIONS, delimiter: "," }));
  });

  it("leaves to the parser a file with a quote or with mixed line ends", () => {
    expect(splitPlainCsv(Buffer.from('a,b\n"1,5",2\n'), ",")).toBeUndefined();
    expect(splitPlainCsv(Buffer.from("a,b\r\nc,d\ne,f\r\n"), ",")).toBeUndefined();
    expect(splitPlainCsv(Buffer.from("a,b\rc,d\r"), ",")).toBeUndefined();
    expect(splitPlainCsv(Buffer.from("a,b\nc\r,d\n"), ",")).toBeUndefined();
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
