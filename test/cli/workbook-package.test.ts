/** Reading what exceljs drops from workbook.xml: calculation settings and every defined name. */
import { readWorkbookXml } from "../../src/cli/workbook-package";

const WORKBOOK = (inner: string): string =>
  `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheets><sheet name="A" sheetId="1" r:id="rId1"/></sheets>${inner}</workbook>`;

test("calcPr: fullCalcOnLoad, iterate and its settings; Excel's defaults when absent", () => {
  expect(readWorkbookXml(WORKBOOK('<calcPr calcId="191029" fullCalcOnLoad="1" iterate="1" iterateCount="50" iterateDelta="0.01"/>')).calc).toEqual({
    fullCalcOnLoad: true,
    iterate: true,
    iterateCount: 50,
    iterateDelta: 0.01,
  });
  expect(readWorkbookXml(WORKBOOK('<calcPr calcId="191029"/>')).calc).toEqual({ fullCalcOnLoad: false, iterate: false, iterateCount: 100, iterateDelta: 0.001 });
  expect(readWorkbookXml(WORKBOOK('<calcPr iterate="true" iterateCount="-3" iterateDelta="x"/>')).calc).toMatchObject({ iterate: true, iterateCount: 100, iterateDelta: 0.001 });
});

test("definedNames: scope, constants and formulas with XML escapes; Excel's own _xlnm names left out", () => {
  const info = readWorkbookXml(
    WORKBOOK(
      "<definedNames>" +
        '<definedName name="_xlnm.Print_Area" localSheetId="0">A!$A$1:$B$2</definedName>' +
        '<definedName name="Rate" localSheetId="0">A!$B$1</definedName>' +
        '<definedName name="Label">"a&amp;b &lt;c&gt;"</definedName>' +
        '<definedName name="Big">IF(A!$A$1&gt;1,1,0)</definedName>' +
        "</definedNames>",
    ),
  );
  expect(info.names).toEqual([
    { name: "Rate", localSheetId: 0, text: "A!$B$1" },
    { name: "Label", localSheetId: undefined, text: '"a&b <c>"' },
    { name: "Big", localSheetId: undefined, text: "IF(A!$A$1>1,1,0)" },
  ]);
  expect(info.definedNamesXml).toMatch(/^<definedNames>[\s\S]*<\/definedNames>$/);
});
