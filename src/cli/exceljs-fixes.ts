/**
 * Corrections to how exceljs 4.4 reads a workbook, applied once, before its first use (the
 * `exceljs()` loader in source.ts):
 *
 * - A table's header row. ECMA-376 Part 1, 18.5.1.2 (`CT_Table`), gives `headerRowCount` a
 *   default of 1, and Excel leaves the attribute out for the usual table with a header row.
 *   exceljs reads the header row as present only when the attribute says "1", so every table
 *   Excel saved would read as headerless: structured references (`Table1[EBIT]`) would take the
 *   header cell as data, and writing the workbook back would store `headerRowCount="0"`, turning
 *   the analyst's header into a data row in Excel. A missing attribute now reads as 1; an explicit
 *   "0" still reads as no header row.
 */
/* eslint-disable @typescript-eslint/no-require-imports -- exceljs's table reader has no public export */

interface XmlNode {
  readonly name: string;
  readonly attributes: Readonly<Record<string, string | undefined>>;
}

interface TableXform {
  tag: string;
  parser: unknown;
  model: { headerRow?: boolean } | undefined;
  parseOpen(node: XmlNode): boolean;
}

let applied = false;

export function applyExceljsFixes(): void {
  if (applied) return;
  applied = true;
  const TableXform = require("exceljs/lib/xlsx/xform/table/table-xform") as { prototype: TableXform };
  const parseOpen = TableXform.prototype.parseOpen;
  TableXform.prototype.parseOpen = function (this: TableXform, node: XmlNode): boolean {
    const opensTable = !this.parser && node.name === this.tag;
    const handled = parseOpen.call(this, node);
    if (opensTable && node.attributes.headerRowCount === undefined && this.model !== undefined) this.model.headerRow = true;
    return handled;
  };
}
