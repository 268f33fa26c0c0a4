/** The terminal table: aligned columns, clipped long cells, no control characters. */
import { textTable } from "../../src/cli/text-table";

test("numbers right, text left, long names clipped, escape sequences from a cell neutralised", () => {
  const table = textTable(
    [
      { header: "Ticker", align: "left" },
      { header: "Name", align: "left", maxWidth: 10 },
      { header: "ICR", align: "right" },
    ],
    [
      ["AB", "Short", "1.50"],
      ["\u001b[31mEVIL", "A name far too long to show", "12.25"],
    ],
  );
  expect(table.split("\n")).toEqual([
    "Ticker     Name          ICR",
    "---------  ----------  -----",
    "AB         Short        1.50",
    " [31mEVIL  A name fa…  12.25",
  ]);
  expect(table).not.toContain("\u001b");
});
