/**
 * What exceljs does not keep of a workbook package, read from the file and written back after
 * exceljs has saved it:
 *
 * - `<calcPr>`: exceljs reads none of its attributes, so an input's `fullCalcOnLoad="1"` and
 *   its iterative-calculation settings (`iterate`, `iterateCount`, `iterateDelta`) are read here;
 * - `<definedName>`: exceljs keeps only names that are ranges, and drops their sheet scope
 *   (`localSheetId`); the refresh reads every name here;
 * - dynamic arrays: Excel 365 marks a spilling formula's cell with cell metadata (`cm="1"`)
 *   pointing at the `XLDAPR` type in `xl/metadata.xml` ([MS-XLSX] 2.3.24 dynamicArrayProperties,
 *   the same structure SheetJS and XlsxWriter write). exceljs drops it, so a spilled formula
 *   would open as a legacy `{=...}` array formula; `patchPackage` adds it back.
 */
import { promises as fs } from "fs";
import JSZip from "jszip";

export interface CalcSettings {
  readonly fullCalcOnLoad: boolean;
  readonly iterate: boolean;
  /** Excel's defaults: 100 iterations, a maximum change of 0.001. */
  readonly iterateCount: number;
  readonly iterateDelta: number;
}

export interface DefinedName {
  readonly name: string;
  /** 0-based index of the sheet the name is scoped to; undefined for workbook scope. */
  readonly localSheetId: number | undefined;
  /** What the name refers to, as formula text without `=` (`Inputs!$B$2`, `0.25`, `SUM(A1:A3)`). */
  readonly text: string;
}

export interface PackageInfo {
  readonly calc: CalcSettings;
  readonly names: readonly DefinedName[];
  /** The input's `<definedNames>` element as written, put back after exceljs (which drops constant and sheet-scoped names). */
  readonly definedNamesXml: string | undefined;
}

export const DEFAULT_CALC: CalcSettings = { fullCalcOnLoad: false, iterate: false, iterateCount: 100, iterateDelta: 0.001 };

function unescapeXml(text: string): string {
  return text.replace(/&(lt|gt|quot|apos|amp|#\d+|#x[0-9a-fA-F]+);/g, (_, e: string) => {
    switch (e) {
      case "lt": return "<";
      case "gt": return ">";
      case "quot": return '"';
      case "apos": return "'";
      case "amp": return "&";
      default: return String.fromCodePoint(e[1] === "x" ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10));
    }
  });
}

function attributes(tag: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of tag.matchAll(/([\w:]+)\s*=\s*"([^"]*)"/g)) out.set(m[1], unescapeXml(m[2]));
  return out;
}

const truthy = (v: string | undefined): boolean => v === "1" || v === "true";

/** The calculation settings and defined names of a workbook.xml. */
export function readWorkbookXml(xml: string): PackageInfo {
  const calcTag = /<(?:\w+:)?calcPr\b[^>]*>/.exec(xml)?.[0];
  const calcAttrs = calcTag === undefined ? new Map<string, string>() : attributes(calcTag);
  const count = Number(calcAttrs.get("iterateCount"));
  const delta = Number(calcAttrs.get("iterateDelta"));
  const calc: CalcSettings = {
    fullCalcOnLoad: truthy(calcAttrs.get("fullCalcOnLoad")),
    iterate: truthy(calcAttrs.get("iterate")),
    iterateCount: Number.isInteger(count) && count > 0 ? Math.min(count, 32767) : DEFAULT_CALC.iterateCount,
    iterateDelta: Number.isFinite(delta) && delta > 0 ? delta : DEFAULT_CALC.iterateDelta,
  };
  const names: DefinedName[] = [];
  for (const m of xml.matchAll(/<(?:\w+:)?definedName\b([^>]*)>([\s\S]*?)<\/(?:\w+:)?definedName>/g)) {
    const attrs = attributes(m[1]);
    const name = attrs.get("name");
    if (name === undefined || name.startsWith("_xlnm.")) continue;
    const local = attrs.get("localSheetId");
    names.push({ name, localSheetId: local === undefined ? undefined : Number(local), text: unescapeXml(m[2]).trim() });
  }
  const definedNamesXml = /<definedNames\b[^>]*>[\s\S]*?<\/definedNames>/.exec(xml)?.[0];
  return { calc, names, definedNamesXml };
}

/** Reads the settings exceljs drops from an .xlsx file; defaults when the file has no workbook.xml. */
export async function readPackageInfo(file: string): Promise<PackageInfo> {
  const zip = await JSZip.loadAsync(await fs.readFile(file));
  const xml = await zip.file("xl/workbook.xml")?.async("string");
  return xml === undefined ? { calc: DEFAULT_CALC, names: [], definedNamesXml: undefined } : readWorkbookXml(xml);
}

/** The dynamic-array metadata part ([MS-XLSX] 2.3.24; one XLDAPR block that every spilling cell points at with `cm="1"`). */
export const DYNAMIC_ARRAY_METADATA =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
  '<metadata xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:xda="http://schemas.microsoft.com/office/spreadsheetml/2017/dynamicarray">' +
  '<metadataTypes count="1"><metadataType name="XLDAPR" minSupportedVersion="120000" copy="1" pasteAll="1" pasteValues="1" merge="1" splitFirst="1" rowColShift="1" clearFormats="1" clearComments="1" assign="1" coerce="1" cellMeta="1"/></metadataTypes>' +
  '<futureMetadata name="XLDAPR" count="1"><bk><extLst><ext uri="{bdbb8cdc-fa1e-496e-a857-3c3f30c029c3}"><xda:dynamicArrayProperties fDynamic="1" fCollapsed="0"/></ext></extLst></bk></futureMetadata>' +
  '<cellMetadata count="1"><bk><rc t="1" v="0"/></bk></cellMetadata>' +
  "</metadata>";

const METADATA_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheetMetadata+xml";
const METADATA_RELATIONSHIP = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/sheetMetadata";

export interface PackagePatch {
  /** Per sheet name, the cells whose formula is a dynamic array (`A1`). */
  readonly dynamicArrays: ReadonlyMap<string, readonly string[]>;
  /** The input's `<definedNames>` element, to replace what exceljs wrote. */
  readonly definedNamesXml?: string;
}

/** Sheet name -> part path (`xl/worksheets/sheet1.xml`), from workbook.xml and its relationships. */
async function sheetParts(zip: JSZip): Promise<Map<string, string>> {
  const workbook = (await zip.file("xl/workbook.xml")?.async("string")) ?? "";
  const rels = (await zip.file("xl/_rels/workbook.xml.rels")?.async("string")) ?? "";
  const targets = new Map<string, string>();
  for (const m of rels.matchAll(/<Relationship\b([^>]*)\/?>/g)) {
    const a = attributes(m[1]);
    const id = a.get("Id");
    const target = a.get("Target");
    if (id !== undefined && target !== undefined) targets.set(id, target.startsWith("/") ? target.slice(1) : `xl/${target}`);
  }
  const parts = new Map<string, string>();
  for (const m of workbook.matchAll(/<sheet\b([^>]*)\/?>/g)) {
    const a = attributes(m[1]);
    const name = a.get("name");
    const target = targets.get(a.get("r:id") ?? "");
    if (name !== undefined && target !== undefined) parts.set(name, target);
  }
  return parts;
}

/**
 * Puts back what exceljs dropped in a file it wrote: the input's defined names (every name, with
 * its scope) and the dynamic-array mark of spilling cells (metadata.xml, its content type and
 * relationship, and `cm="1"` on each cell).
 */
export async function patchPackage(file: string, patch: PackagePatch): Promise<void> {
  if (patch.dynamicArrays.size === 0 && patch.definedNamesXml === undefined) return;
  const zip = await JSZip.loadAsync(await fs.readFile(file));
  if (patch.definedNamesXml !== undefined) {
    const workbook = (await zip.file("xl/workbook.xml")?.async("string")) ?? "";
    const names = patch.definedNamesXml;
    const without = workbook.replace(/<definedNames\b[^>]*>[\s\S]*?<\/definedNames>|<definedNames\/>/, "");
    // CT_Workbook's order: definedNames comes right after sheets (and externalReferences).
    const patched = /<\/externalReferences>/.test(without) ? without.replace("</externalReferences>", `</externalReferences>${names}`) : without.replace("</sheets>", `</sheets>${names}`);
    zip.file("xl/workbook.xml", patched);
  }
  await markDynamicArrays(zip, patch.dynamicArrays);
  const buffer = await zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" });
  await fs.writeFile(file, buffer);
}

async function markDynamicArrays(zip: JSZip, dynamicArrays: ReadonlyMap<string, readonly string[]>): Promise<void> {
  const parts = await sheetParts(zip);
  let marked = 0;
  for (const [sheet, cells] of dynamicArrays) {
    const part = parts.get(sheet);
    const entry = part === undefined ? null : zip.file(part);
    if (part === undefined || entry === null) continue;
    const wanted = new Set(cells);
    const xml = await entry.async("string");
    const patched = xml.replace(/<c r="([A-Z]+\d+)"(?![^>]*\bcm=)/g, (tag, address: string) => {
      if (!wanted.has(address)) return tag;
      marked++;
      return `${tag} cm="1"`;
    });
    zip.file(part, patched);
  }
  if (marked === 0) return;
  zip.file("xl/metadata.xml", DYNAMIC_ARRAY_METADATA);
  const typesEntry = zip.file("[Content_Types].xml");
  const types = typesEntry === null ? "" : await typesEntry.async("string");
  if (!types.includes('PartName="/xl/metadata.xml"')) {
    zip.file("[Content_Types].xml", types.replace("</Types>", `<Override PartName="/xl/metadata.xml" ContentType="${METADATA_CONTENT_TYPE}"/></Types>`));
  }
  const relsPath = "xl/_rels/workbook.xml.rels";
  const rels = (await zip.file(relsPath)?.async("string")) ?? "";
  if (!rels.includes(METADATA_RELATIONSHIP)) {
    const used = new Set([...rels.matchAll(/Id="([^"]+)"/g)].map((m) => m[1]));
    let n = used.size + 1;
    while (used.has(`rId${n}`)) n++;
    zip.file(relsPath, rels.replace("</Relationships>", `<Relationship Id="rId${n}" Type="${METADATA_RELATIONSHIP}" Target="metadata.xml"/></Relationships>`));
  }
}
