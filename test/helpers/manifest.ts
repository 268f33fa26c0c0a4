/**
 * Offline checks for the add-in-only (XML) manifest.
 *
 * `office-addin-manifest validate` posts the manifest to a Microsoft web service and fails
 * offline, and no package ships the manifest's XSD schemas, so these checks are the
 * project's own. Each check takes a parsed manifest and returns a list of problems in words
 * (empty means it holds), so a test can feed it the real manifest or a deliberately broken
 * copy and assert on what it reports.
 *
 * @see https://learn.microsoft.com/office/dev/add-ins/develop/xml-manifest-overview
 * @see https://learn.microsoft.com/office/dev/add-ins/develop/configure-your-add-in-to-use-a-shared-runtime
 */
import * as fs from "fs";
import * as path from "path";
import { SaxesParser } from "saxes";

/** Every URL in the manifest starts with this; the production build replaces the prefix. */
export const DEV_ORIGIN = "https://localhost:3000/";

/**
 * What the webpack build puts at the root of `dist/` that the manifest may point at. Used
 * only when `dist/` does not exist (a check run before any build); when it exists the check
 * looks in `dist/` itself. `assets/...` URLs are always checked against the repository's
 * `assets/` folder, which the build copies. Keep this list in step with webpack.config.js.
 */
export const EXPECTED_BUILD_OUTPUTS: readonly string[] = [
  "taskpane.html",
  "functions.js",
  "functions.json",
  "support.html",
];

/** The custom-functions namespace: `=SMALLCAP.ICR(...)`. */
export const EXPECTED_NAMESPACE = "SMALLCAP";

/** @see https://learn.microsoft.com/office/dev/add-ins/excel/custom-functions-naming */
export const MAX_NAMESPACE_LENGTH = 32;

/** A `resid` (and so a resource id) may be at most 32 characters long. */
export const MAX_RESID_LENGTH = 32;

/** The sizes Office asks for in a ribbon group's or button's `<Icon>`. */
export const RIBBON_ICON_SIZES: readonly number[] = [16, 32, 80];

/** `<IconUrl>` is 32 x 32 and `<HighResolutionIconUrl>` 64 x 64, as in Microsoft's templates. */
export const APP_ICON_SIZES: Readonly<Record<string, number>> = { IconUrl: 32, HighResolutionIconUrl: 64 };

/**
 * Ids that must not be reused: the nil GUID and the id shipped in Microsoft's
 * Excel-Custom-Functions template (two add-ins with one id replace each other when sideloaded).
 */
export const FORBIDDEN_IDS: readonly string[] = [
  "00000000-0000-0000-0000-000000000000",
  "ca968be6-628b-4f14-ba3c-3e614effa9bd",
];

const APPFOROFFICE_NS = "http://schemas.microsoft.com/office/appforoffice/1.1";

export interface XmlElement {
  /** The name as written, with its prefix: `bt:Image`. */
  readonly name: string;
  /** The name without its prefix: `Image`. */
  readonly local: string;
  /** The namespace URI the name resolves to. */
  readonly uri: string;
  /** Attribute values by the name as written: `resid`, `xsi:type`. */
  readonly attributes: Readonly<Record<string, string>>;
  readonly children: XmlElement[];
  /** The text directly inside this element, trimmed. */
  text: string;
  /** The line of the start tag, for messages. */
  readonly line: number;
}

export type XmlParseResult = { ok: true; root: XmlElement } | { ok: false; errors: string[] };

/**
 * Parses XML text into an element tree, or the well-formedness errors found. saxes is a
 * conformant, namespace-aware parser: it rejects unclosed or mismatched tags, a second root,
 * duplicate attributes, undefined entities and unbound prefixes.
 */
export function parseXml(text: string): XmlParseResult {
  const errors: string[] = [];
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  const parser = new SaxesParser({ xmlns: true, position: true });
  parser.on("error", (err) => errors.push(err.message));
  parser.on("opentag", (tag) => {
    const attributes: Record<string, string> = {};
    for (const [name, attribute] of Object.entries(tag.attributes)) attributes[name] = attribute.value;
    const element: XmlElement = {
      name: tag.name,
      local: tag.local,
      uri: tag.uri,
      attributes,
      children: [],
      text: "",
      line: parser.line,
    };
    const parent = stack[stack.length - 1];
    if (parent) parent.children.push(element);
    else root ??= element;
    stack.push(element);
  });
  parser.on("text", (chunk) => {
    const current = stack[stack.length - 1];
    if (current) current.text += chunk;
  });
  parser.on("closetag", () => {
    const element = stack.pop();
    if (element) element.text = element.text.trim();
  });
  try {
    parser.write(text).close();
  } catch (err) {
    errors.push(err instanceof Error ? err.message : String(err));
  }
  if (errors.length > 0) return { ok: false, errors };
  if (!root) return { ok: false, errors: ["the document has no root element"] };
  return { ok: true, root };
}

/** The element and all elements below it, in document order. */
export function descendants(element: XmlElement): XmlElement[] {
  return [element, ...element.children.flatMap(descendants)];
}

function childrenNamed(element: XmlElement, local: string): XmlElement[] {
  return element.children.filter((child) => child.local === local);
}

function childNamed(element: XmlElement, local: string): XmlElement | undefined {
  return element.children.find((child) => child.local === local);
}

/** Follows a path of local names from `element`, returning every element at its end. */
function select(element: XmlElement, ...locals: string[]): XmlElement[] {
  return locals.reduce<XmlElement[]>((found, local) => found.flatMap((e) => childrenNamed(e, local)), [element]);
}

function xsiType(element: XmlElement): string | undefined {
  return element.attributes["xsi:type"];
}

function label(element: XmlElement): string {
  const type = xsiType(element);
  return `<${element.name}${type ? ` xsi:type="${type}"` : ""}> (line ${element.line})`;
}

// ---------------------------------------------------------------------------------------
// Resources
// ---------------------------------------------------------------------------------------

export type ResourceKind = "image" | "url" | "short string" | "long string";

export interface Resource {
  readonly id: string;
  readonly kind: ResourceKind;
  readonly value: string;
  readonly line: number;
}

const RESOURCE_GROUPS: ReadonlyArray<{ group: string; item: string; kind: ResourceKind }> = [
  { group: "Images", item: "Image", kind: "image" },
  { group: "Urls", item: "Url", kind: "url" },
  { group: "ShortStrings", item: "String", kind: "short string" },
  { group: "LongStrings", item: "String", kind: "long string" },
];

/** Every resource defined under any `<Resources>`, duplicates included. */
export function resources(root: XmlElement): Resource[] {
  return descendants(root)
    .filter((e) => e.local === "Resources")
    .flatMap((section) =>
      RESOURCE_GROUPS.flatMap(({ group, item, kind }) =>
        select(section, group, item).map((e) => ({
          id: e.attributes["id"] ?? "",
          kind,
          value: e.attributes["DefaultValue"] ?? "",
          line: e.line,
        })),
      ),
    );
}

/** What kind of resource a `resid` on an element of this name must point to. */
const RESID_KIND: Readonly<Record<string, ResourceKind>> = {
  Image: "image",
  SourceLocation: "url",
  Runtime: "url",
  FunctionFile: "url",
  LearnMoreUrl: "url",
  Label: "short string",
  Title: "short string",
  Namespace: "short string",
  Description: "long string",
};

function residUsers(root: XmlElement): XmlElement[] {
  return descendants(root).filter((e) => e.attributes["resid"] !== undefined);
}

function resourceById(root: XmlElement): Map<string, Resource> {
  return new Map(resources(root).map((r) => [r.id, r]));
}

/** The resource a `resid` on `element` points to, if any. */
function resolve(root: XmlElement, element: XmlElement | undefined): Resource | undefined {
  const resid = element?.attributes["resid"];
  return resid === undefined ? undefined : resourceById(root).get(resid);
}

// ---------------------------------------------------------------------------------------
// The checks
// ---------------------------------------------------------------------------------------

export interface CheckContext {
  /** The repository root: `assets/...` URLs are looked up below it. */
  readonly rootDir: string;
  /** The build output folder, or null when there is none (then EXPECTED_BUILD_OUTPUTS is used). */
  readonly distDir: string | null;
}

export type ManifestCheck = (root: XmlElement, context: CheckContext) => string[];

/** Well-formed XML whose root is an `<OfficeApp xsi:type="TaskPaneApp">` of the 1.1 schema. */
export function wellFormedProblems(text: string): string[] {
  const parsed = parseXml(text);
  if (!parsed.ok) return parsed.errors.map((e) => `not well-formed XML: ${e}`);
  const { root } = parsed;
  const problems: string[] = [];
  if (root.local !== "OfficeApp" || root.uri !== APPFOROFFICE_NS) {
    problems.push(`the root element is <${root.name}> in "${root.uri}", not <OfficeApp> in "${APPFOROFFICE_NS}"`);
  }
  if (xsiType(root) !== "TaskPaneApp") problems.push(`<OfficeApp> has xsi:type="${xsiType(root)}", not "TaskPaneApp"`);
  return problems;
}

/** Every `resid` names a resource of the kind its element needs, and is at most 32 characters. */
export const unresolvedResidProblems: ManifestCheck = (root) => {
  const byId = resourceById(root);
  return residUsers(root).flatMap((element) => {
    const resid = element.attributes["resid"] ?? "";
    const problems: string[] = [];
    if (resid.length > MAX_RESID_LENGTH) {
      problems.push(`${label(element)}: resid "${resid}" is longer than ${MAX_RESID_LENGTH} characters`);
    }
    const resource = byId.get(resid);
    const wanted = RESID_KIND[element.local];
    if (!resource) {
      problems.push(`${label(element)}: resid "${resid}" is not defined in <Resources>`);
    } else if (wanted && resource.kind !== wanted) {
      problems.push(`${label(element)}: resid "${resid}" is a ${resource.kind} resource, but <${element.local}> needs a ${wanted}`);
    }
    return problems;
  });
};

/** Every resource id is defined once (across all kinds) and used by some `resid`. */
export const resourceIdProblems: ManifestCheck = (root) => {
  const all = resources(root);
  const used = new Set(residUsers(root).map((e) => e.attributes["resid"]));
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const resource of all) {
    if (resource.id === "") problems.push(`a ${resource.kind} resource on line ${resource.line} has no id`);
    if (seen.has(resource.id)) continue;
    seen.add(resource.id);
    const copies = all.filter((r) => r.id === resource.id);
    if (copies.length > 1) {
      problems.push(`resource id "${resource.id}" is defined ${copies.length} times (lines ${copies.map((r) => r.line).join(", ")})`);
    }
    if (!used.has(resource.id)) problems.push(`resource "${resource.id}" (line ${resource.line}) is defined but no resid uses it`);
  }
  return problems;
};

/** Every absolute URL written in the manifest, with where it was found. Namespace declarations are not URLs to fetch. */
export function urls(root: XmlElement): Array<{ url: string; where: string }> {
  return descendants(root).flatMap((element) => {
    const found: Array<{ url: string; where: string }> = [];
    for (const [name, value] of Object.entries(element.attributes)) {
      if (name === "xmlns" || name.startsWith("xmlns:")) continue;
      if (value.includes("://")) found.push({ url: value, where: `${label(element)} ${name}` });
    }
    if (element.text.includes("://")) found.push({ url: element.text, where: label(element) });
    return found;
  });
}

/** Every URL is https. */
export const httpsProblems: ManifestCheck = (root) =>
  urls(root)
    .filter(({ url }) => !url.startsWith("https://"))
    .map(({ url, where }) => `${where}: "${url}" is not https`);

/** The path below DEV_ORIGIN that a URL names, without query or fragment; null if it is elsewhere. */
function devPath(url: string): string | null {
  if (!url.startsWith(DEV_ORIGIN)) return null;
  return url.slice(DEV_ORIGIN.length).split(/[?#]/)[0] ?? "";
}

/**
 * Every URL is under DEV_ORIGIN and names a file the build serves: `assets/...` must exist in
 * the repository (the build copies that folder); anything else must exist in `dist/` or, with
 * no `dist/`, be one of EXPECTED_BUILD_OUTPUTS.
 */
export const buildUrlProblems: ManifestCheck = (root, context) =>
  urls(root).flatMap(({ url, where }) => {
    const file = devPath(url);
    if (file === null) return [`${where}: "${url}" is not under ${DEV_ORIGIN}`];
    if (file === "" || path.posix.normalize(file) !== file || file.startsWith("..")) {
      return [`${where}: "${url}" does not name a file`];
    }
    if (file.startsWith("assets/")) {
      return fs.existsSync(path.join(context.rootDir, file)) ? [] : [`${where}: "${url}" but ${file} does not exist in the repository`];
    }
    if (context.distDir !== null) {
      return fs.existsSync(path.join(context.distDir, file)) ? [] : [`${where}: "${url}" but the build did not emit dist/${file}`];
    }
    return EXPECTED_BUILD_OUTPUTS.includes(file) ? [] : [`${where}: "${url}" but ${file} is not one of the build outputs (${EXPECTED_BUILD_OUTPUTS.join(", ")})`];
  });

export type PngSize = { width: number; height: number };

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/**
 * Width and height from a PNG's IHDR chunk, which must come first, right after the
 * signature: bytes 16-19 and 20-23, big-endian.
 * @see https://www.w3.org/TR/png/#11IHDR
 */
export function readPngSize(file: string): PngSize | string {
  if (!fs.existsSync(file)) return "the file does not exist";
  const bytes = fs.readFileSync(file);
  if (bytes.length < 24 || !bytes.subarray(0, 8).equals(PNG_SIGNATURE)) return "the file is not a PNG";
  if (bytes.toString("ascii", 12, 16) !== "IHDR") return "the PNG does not start with an IHDR chunk";
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

/** The size a resource id or file name states: `Icon.16x16`, `Icon.16`, `icon-16.png`. */
function namedSize(name: string): number | null {
  const match = /(\d+)(?:x(\d+))?(?:\.png)?$/i.exec(name);
  if (!match || (match[2] !== undefined && match[2] !== match[1])) return null;
  return Number(match[1]);
}

/** Checks that a local icon URL is a PNG of exactly size x size. */
function iconFileProblems(url: string, size: number, where: string, context: CheckContext): string[] {
  const file = devPath(url);
  if (file === null) return [`${where}: "${url}" is not under ${DEV_ORIGIN}, so its size cannot be checked`];
  const found = readPngSize(path.join(context.rootDir, file));
  if (typeof found === "string") return [`${where}: ${file}: ${found}`];
  if (found.width !== size || found.height !== size) {
    return [`${where}: ${file} is ${found.width}x${found.height}, not ${size}x${size}`];
  }
  return [];
}

/**
 * Icons exist at their declared sizes: each image resource's id and file name state one
 * size and the PNG has it; each `<bt:Image size>` points at an image of that size; each
 * ribbon `<Icon>` has 16, 32 and 80; IconUrl is 32 and HighResolutionIconUrl 64.
 */
export const iconProblems: ManifestCheck = (root, context) => {
  const problems: string[] = [];
  const imageSizes = new Map<string, number>();
  for (const image of resources(root).filter((r) => r.kind === "image")) {
    const where = `image resource "${image.id}" (line ${image.line})`;
    const fromId = namedSize(image.id);
    const fromUrl = namedSize(image.value);
    if (fromId === null && fromUrl === null) {
      problems.push(`${where}: neither its id nor "${image.value}" names a size`);
      continue;
    }
    if (fromId !== null && fromUrl !== null && fromId !== fromUrl) {
      problems.push(`${where}: the id says ${fromId} px but "${image.value}" says ${fromUrl} px`);
      continue;
    }
    const size = (fromId ?? fromUrl) as number;
    imageSizes.set(image.id, size);
    problems.push(...iconFileProblems(image.value, size, where, context));
  }
  for (const use of descendants(root).filter((e) => e.local === "Image" && e.attributes["resid"] !== undefined)) {
    const declared = Number(use.attributes["size"]);
    const actual = imageSizes.get(use.attributes["resid"] ?? "");
    if (actual !== undefined && actual !== declared) {
      problems.push(`${label(use)}: size="${use.attributes["size"]}" but resource "${use.attributes["resid"]}" is ${actual} px`);
    }
  }
  for (const icon of descendants(root).filter((e) => e.local === "Icon")) {
    const sizes = childrenNamed(icon, "Image").map((image) => Number(image.attributes["size"]));
    const missing = RIBBON_ICON_SIZES.filter((size) => !sizes.includes(size));
    if (missing.length > 0) problems.push(`${label(icon)} has no image of size ${missing.join(", ")}`);
  }
  for (const [local, size] of Object.entries(APP_ICON_SIZES)) {
    const element = childNamed(root, local);
    const url = element?.attributes["DefaultValue"];
    if (!element || url === undefined) {
      problems.push(`<${local}> is missing`);
      continue;
    }
    if (namedSize(url) !== size) problems.push(`${label(element)}: "${url}" does not name a ${size} px icon`);
    problems.push(...iconFileProblems(url, size, label(element), context));
  }
  return problems;
};

/** The `<Host xsi:type="Workbook">` elements inside VersionOverrides. */
function workbookHosts(root: XmlElement): XmlElement[] {
  return select(root, "VersionOverrides", "Hosts", "Host").filter((host) => xsiType(host) === "Workbook");
}

/**
 * `<Runtimes>` is the first element inside the VersionOverrides `<Host xsi:type="Workbook">`
 * (Office ignores it anywhere else) and declares one long-lived runtime.
 */
export const runtimesPlacementProblems: ManifestCheck = (root) => {
  const hosts = workbookHosts(root);
  if (hosts.length === 0) return ['VersionOverrides has no <Host xsi:type="Workbook">'];
  return hosts.flatMap((host) => {
    const first = host.children[0];
    if (!first || first.local !== "Runtimes") {
      return [`the first element inside ${label(host)} is ${first ? label(first) : "nothing"}, not <Runtimes>`];
    }
    const runtimes = childrenNamed(first, "Runtime");
    if (runtimes.length !== 1) return [`${label(first)} holds ${runtimes.length} <Runtime> elements, not 1`];
    const lifetime = runtimes[0]?.attributes["lifetime"];
    return lifetime === "long" ? [] : [`<Runtime> has lifetime="${lifetime}", not "long"`];
  });
};

/**
 * One shared runtime: the Runtime, the FunctionFile, the custom functions' Page and every
 * ShowTaskpane action all use one resid, and its URL is also the DefaultSettings page.
 */
export const runtimeIdProblems: ManifestCheck = (root) => {
  const problems: string[] = [];
  const users: Array<{ what: string; element: XmlElement | undefined }> = [];
  for (const host of workbookHosts(root)) {
    users.push({ what: "<Runtimes><Runtime>", element: select(host, "Runtimes", "Runtime")[0] });
    users.push({ what: "<FunctionFile>", element: select(host, "DesktopFormFactor", "FunctionFile")[0] });
    const customFunctions = select(host, "AllFormFactors", "ExtensionPoint").find((e) => xsiType(e) === "CustomFunctions");
    users.push({
      what: "the CustomFunctions <Page><SourceLocation>",
      element: customFunctions && select(customFunctions, "Page", "SourceLocation")[0],
    });
    const showTaskpanes = descendants(host).filter((e) => e.local === "Action" && xsiType(e) === "ShowTaskpane");
    if (showTaskpanes.length === 0) problems.push(`${label(host)} has no ShowTaskpane action`);
    for (const action of showTaskpanes) {
      users.push({ what: `the ShowTaskpane ${label(action)} <SourceLocation>`, element: childNamed(action, "SourceLocation") });
    }
  }
  if (users.length === 0) return ['VersionOverrides has no <Host xsi:type="Workbook">'];
  for (const { what, element } of users) {
    if (element?.attributes["resid"] === undefined) problems.push(`${what} is missing or has no resid`);
  }
  const ids = [...new Set(users.map((u) => u.element?.attributes["resid"]).filter((id): id is string => id !== undefined))];
  if (ids.length > 1) {
    const detail = users.map((u) => `${u.what} = "${u.element?.attributes["resid"]}"`).join("; ");
    problems.push(`the runtime is named by ${ids.length} different resids, not one: ${detail}`);
  }
  const runtimeUrl = resolve(root, users[0]?.element)?.value;
  const defaultPage = select(root, "DefaultSettings", "SourceLocation")[0]?.attributes["DefaultValue"];
  if (runtimeUrl !== undefined && runtimeUrl !== defaultPage) {
    problems.push(`the runtime page "${runtimeUrl}" is not the DefaultSettings SourceLocation "${defaultPage}"`);
  }
  return problems;
};

/** The custom functions' namespace is EXPECTED_NAMESPACE and at most 32 characters. */
export const namespaceProblems: ManifestCheck = (root) => {
  const namespaces = workbookHosts(root).flatMap((host) =>
    select(host, "AllFormFactors", "ExtensionPoint")
      .filter((e) => xsiType(e) === "CustomFunctions")
      .flatMap((e) => childrenNamed(e, "Namespace")),
  );
  if (namespaces.length === 0) return ["there is no CustomFunctions <Namespace>"];
  return namespaces.flatMap((element) => {
    const value = resolve(root, element)?.value;
    if (value === undefined) return [`${label(element)}: resid "${element.attributes["resid"]}" does not resolve`];
    const problems: string[] = [];
    if (value.length > MAX_NAMESPACE_LENGTH) problems.push(`namespace "${value}" is ${value.length} characters, more than ${MAX_NAMESPACE_LENGTH}`);
    if (value !== EXPECTED_NAMESPACE) problems.push(`namespace is "${value}", not "${EXPECTED_NAMESPACE}"`);
    return problems;
  });
};

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** `<Id>` is a GUID of the project's own, not the nil GUID or a template's. */
export const idProblems: ManifestCheck = (root) => {
  const id = childNamed(root, "Id")?.text;
  if (id === undefined) return ["<Id> is missing"];
  if (!GUID.test(id)) return [`<Id> "${id}" is not a GUID`];
  if (FORBIDDEN_IDS.includes(id.toLowerCase())) return [`<Id> "${id}" is the nil GUID or a template's id; generate a new one`];
  return [];
};

/**
 * `<Version>` has four parts, each 0-99999 without leading zeros (the manifest schema's
 * version pattern allows one to four; the project keeps four).
 */
export const versionProblems: ManifestCheck = (root) => {
  const version = childNamed(root, "Version")?.text;
  if (version === undefined) return ["<Version> is missing"];
  return /^(0|[1-9]\d{0,4})(\.(0|[1-9]\d{0,4})){3}$/.test(version) ? [] : [`<Version> "${version}" is not four numbers such as 0.1.0.0`];
};

/** The add-in reads and writes the workbook: `ReadWriteDocument`. */
export const permissionsProblems: ManifestCheck = (root) => {
  const permissions = childNamed(root, "Permissions")?.text;
  return permissions === "ReadWriteDocument" ? [] : [`<Permissions> is "${permissions ?? "(missing)"}", not "ReadWriteDocument"`];
};

/** The add-in opens no pages outside its own origin, so there is no `<AppDomains>`. */
export const appDomainsProblems: ManifestCheck = (root) =>
  descendants(root)
    .filter((e) => e.local === "AppDomains")
    .map((e) => `${label(e)} is present; the add-in needs no extra app domains`);

/**
 * The custom-functions requirement set the code needs: `CustomFunctions.Error` is 1.2 (its
 * `#NULL!`-style codes 1.3), and the data-type integration that functions.json switches on
 * with `allowCustomDataForDataTypeAny` is 1.4 (Microsoft, "Custom Functions requirement sets").
 */
export const CUSTOM_FUNCTIONS_RUNTIME = "1.4";

/**
 * VersionOverrides requires CustomFunctionsRuntime at exactly the version the code uses (a
 * lower one would let Excel builds load the add-in that cannot run it; a higher one would turn
 * away builds that can), and the manifest requires SharedRuntime 1.1.
 */
export const requirementSetProblems: ManifestCheck = (root) => {
  const problems: string[] = [];
  const sets = (where: XmlElement[]) => where.flatMap((r) => select(r, "Sets", "Set"));
  const overrides = sets(select(root, "VersionOverrides", "Requirements")).filter((s) => s.attributes["Name"] === "CustomFunctionsRuntime");
  if (overrides.length !== 1) problems.push(`VersionOverrides requires CustomFunctionsRuntime ${overrides.length} times, not once`);
  for (const set of overrides) {
    const version = set.attributes["MinVersion"];
    if (version !== CUSTOM_FUNCTIONS_RUNTIME) problems.push(`CustomFunctionsRuntime MinVersion is "${version ?? "(none)"}", not "${CUSTOM_FUNCTIONS_RUNTIME}", the version the code uses`);
  }
  const shared = sets(childrenNamed(root, "Requirements")).filter((s) => s.attributes["Name"] === "SharedRuntime");
  if (shared.length !== 1 || shared[0].attributes["MinVersion"] !== "1.1") problems.push("the manifest does not require SharedRuntime 1.1 once");
  return problems;
};

/**
 * A shared runtime has one task pane: under a `<Host>` whose `<Runtime>` has lifetime="long",
 * no `<Action>` has a `<TaskpaneId>` (Microsoft, "Configure your Office Add-in to use a shared
 * runtime", "Good practice: avoid multiple task panes").
 */
export const sharedRuntimeTaskpaneProblems: ManifestCheck = (root) =>
  select(root, "VersionOverrides", "Hosts", "Host")
    .filter((host) => descendants(host).some((e) => e.local === "Runtime" && e.attributes["lifetime"] === "long"))
    .flatMap((host) =>
      descendants(host)
        .filter((e) => e.local === "Action" && childNamed(e, "TaskpaneId") !== undefined)
        .map((action) => `${label(action)} in ${label(host)}, whose runtime is long-lived, has a <TaskpaneId> ("${childNamed(action, "TaskpaneId")?.text}")`),
    );
