/**
 * Offline checks of manifest.xml. The official validator (`office-addin-manifest validate`)
 * needs Microsoft's web service, so these stand in for it here: see test/helpers/manifest.ts.
 *
 * Each check runs on the real manifest and on at least one deliberately broken copy, so a
 * check that could never fail would show up as a failing negative test.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import {
  appDomainsProblems,
  buildUrlProblems,
  CheckContext,
  EXPECTED_BUILD_OUTPUTS,
  httpsProblems,
  iconProblems,
  idProblems,
  ManifestCheck,
  namespaceProblems,
  parseXml,
  permissionsProblems,
  requirementSetProblems,
  resourceIdProblems,
  runtimeIdProblems,
  runtimesPlacementProblems,
  sharedRuntimeTaskpaneProblems,
  unresolvedResidProblems,
  versionProblems,
  wellFormedProblems,
} from "./helpers/manifest";

const ROOT = path.resolve(__dirname, "..");
const MANIFEST_PATH = path.join(ROOT, "manifest.xml");
const MANIFEST = fs.readFileSync(MANIFEST_PATH, "utf8");
const DIST = path.join(ROOT, "dist");

/** After a build, URLs are checked against dist/; before one, against EXPECTED_BUILD_OUTPUTS. */
const CONTEXT: CheckContext = { rootDir: ROOT, distDir: fs.existsSync(DIST) ? DIST : null };
/** For the negative tests, which must not depend on whether a build has run. */
const NO_BUILD: CheckContext = { rootDir: ROOT, distDir: null };

function problemsIn(xml: string, check: ManifestCheck, context: CheckContext = CONTEXT): string[] {
  const parsed = parseXml(xml);
  if (!parsed.ok) throw new Error(`the manifest under test is not well-formed:\n${parsed.errors.join("\n")}`);
  return check(parsed.root, context);
}

/**
 * The manifest with every match of `from` replaced. Throws if `from` is not there, so a
 * negative test cannot pass by testing the unchanged manifest.
 */
function edited(from: string | RegExp, to: string, xml: string = MANIFEST): string {
  const found = typeof from === "string" ? xml.includes(from) : from.test(xml);
  if (!found) throw new Error(`manifest.xml no longer contains ${String(from)}; update this negative test`);
  return typeof from === "string" ? xml.split(from).join(to) : xml.replace(from, to);
}

/** A scratch folder under the OS temp dir, removed after the tests. */
const scratchDirs: string[] = [];
function scratchDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "smallcap-manifest-"));
  scratchDirs.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of scratchDirs) fs.rmSync(dir, { recursive: true, force: true });
});

/** A build folder holding only the given files. */
function fakeDist(files: readonly string[]): string {
  const dir = scratchDir();
  for (const file of files) fs.writeFileSync(path.join(dir, file), "");
  return dir;
}

/** A repository root whose assets/ holds copies of the real icons under other names. */
function fakeAssets(copies: Readonly<Record<string, string>>): string {
  const dir = scratchDir();
  fs.mkdirSync(path.join(dir, "assets"));
  for (const name of fs.readdirSync(path.join(ROOT, "assets"))) {
    fs.copyFileSync(path.join(ROOT, "assets", name), path.join(dir, "assets", name));
  }
  for (const [target, source] of Object.entries(copies)) {
    fs.copyFileSync(path.join(ROOT, "assets", source), path.join(dir, "assets", target));
  }
  return dir;
}

interface Breakage {
  readonly how: string;
  readonly xml: () => string;
  readonly context?: () => CheckContext;
  readonly reports: RegExp;
}

interface CheckCase {
  readonly rule: string;
  readonly check: ManifestCheck;
  readonly breakages: readonly Breakage[];
}

const RUNTIMES_BLOCK = /\s*<Runtimes>[\s\S]*?<\/Runtimes>/;

const CASES: readonly CheckCase[] = [
  {
    rule: "every resid names a defined resource of the kind its element needs",
    check: unresolvedResidProblems,
    breakages: [
      {
        how: "a button label's resid is misspelt",
        xml: () => edited('<Label resid="ScreenerButton.Label"/>', '<Label resid="ScreenerButton.Lable"/>'),
        reports: /resid "ScreenerButton\.Lable" is not defined/,
      },
      {
        how: "the namespace points at a URL",
        xml: () => edited('<Namespace resid="Functions.Namespace"/>', '<Namespace resid="Taskpane.Url"/>'),
        reports: /"Taskpane\.Url" is a url resource, but <Namespace> needs a short string/,
      },
    ],
  },
  {
    rule: "every resource id is defined once and used",
    check: resourceIdProblems,
    breakages: [
      {
        how: "Taskpane.Url is defined twice",
        xml: () =>
          edited(
            '<bt:Url id="Taskpane.Url" DefaultValue="https://localhost:3000/taskpane.html"/>',
            '<bt:Url id="Taskpane.Url" DefaultValue="https://localhost:3000/taskpane.html"/><bt:Url id="Taskpane.Url" DefaultValue="https://localhost:3000/other.html"/>',
          ),
        reports: /resource id "Taskpane\.Url" is defined 2 times/,
      },
      {
        how: "a string nothing uses",
        xml: () => edited("</bt:ShortStrings>", '<bt:String id="Orphan.Label" DefaultValue="x"/></bt:ShortStrings>'),
        reports: /resource "Orphan\.Label" .* no resid uses it/,
      },
    ],
  },
  {
    rule: "every URL names a file the build serves",
    check: buildUrlProblems,
    breakages: [
      {
        how: "before a build: the metadata URL names a file the build does not make",
        xml: () => edited("https://localhost:3000/functions.json", "https://localhost:3000/public/functions.json"),
        context: () => NO_BUILD,
        reports: /public\/functions\.json is not one of the build outputs/,
      },
      {
        how: "after a build: dist/ lacks support.html",
        xml: () => MANIFEST,
        context: () => ({ rootDir: ROOT, distDir: fakeDist(EXPECTED_BUILD_OUTPUTS.filter((f) => f !== "support.html")) }),
        reports: /the build did not emit dist\/support\.html/,
      },
      {
        how: "an icon URL names a file missing from assets/",
        xml: () => edited("https://localhost:3000/assets/icon-80.png", "https://localhost:3000/assets/icon-96.png"),
        context: () => NO_BUILD,
        reports: /assets\/icon-96\.png does not exist in the repository/,
      },
      {
        how: "a URL on another origin",
        xml: () => edited("https://localhost:3000/support.html", "https://example.com/support.html"),
        context: () => NO_BUILD,
        reports: /"https:\/\/example\.com\/support\.html" is not under https:\/\/localhost:3000\//,
      },
    ],
  },
  {
    rule: "icons exist at their declared sizes",
    check: iconProblems,
    breakages: [
      {
        how: "Icon.16x16 points at the 32 px file",
        xml: () =>
          edited(
            '<bt:Image id="Icon.16x16" DefaultValue="https://localhost:3000/assets/icon-16.png"/>',
            '<bt:Image id="Icon.16x16" DefaultValue="https://localhost:3000/assets/icon-32.png"/>',
          ),
        reports: /"Icon\.16x16".*the id says 16 px but .*icon-32\.png" says 32 px/,
      },
      {
        how: "icon-16.png is really 32x32 (IHDR is read)",
        xml: () => MANIFEST,
        context: () => ({ rootDir: fakeAssets({ "icon-16.png": "icon-32.png" }), distDir: null }),
        reports: /assets\/icon-16\.png is 32x32, not 16x16/,
      },
      {
        how: 'a <bt:Image size="16"> uses the 32 px resource',
        xml: () => edited('<bt:Image size="16" resid="Icon.16x16"/>', '<bt:Image size="16" resid="Icon.32x32"/>'),
        reports: /size="16" but resource "Icon\.32x32" is 32 px/,
      },
      {
        how: "HighResolutionIconUrl is the 80 px icon",
        xml: () =>
          edited(
            '<HighResolutionIconUrl DefaultValue="https://localhost:3000/assets/icon-64.png"/>',
            '<HighResolutionIconUrl DefaultValue="https://localhost:3000/assets/icon-80.png"/>',
          ),
        reports: /HighResolutionIconUrl.*does not name a 64 px icon/,
      },
    ],
  },
  {
    rule: "<Runtimes> is the first element inside the Workbook <Host>",
    check: runtimesPlacementProblems,
    breakages: [
      {
        how: "<Runtimes> moved after <AllFormFactors>",
        xml: () => {
          const block = RUNTIMES_BLOCK.exec(MANIFEST)?.[0] ?? "";
          return edited("</AllFormFactors>", `</AllFormFactors>${block}`, edited(RUNTIMES_BLOCK, ""));
        },
        reports: /the first element inside <Host xsi:type="Workbook"> .* is <AllFormFactors> .*not <Runtimes>/,
      },
      {
        how: "a short-lived runtime",
        xml: () => edited('lifetime="long"', 'lifetime="short"'),
        reports: /lifetime="short", not "long"/,
      },
    ],
  },
  {
    rule: "one runtime id is used by Runtime, FunctionFile, the functions' Page and the task pane button",
    check: runtimeIdProblems,
    breakages: [
      {
        how: "FunctionFile points at another page",
        xml: () =>
          edited(
            '<FunctionFile resid="Taskpane.Url"/>',
            '<FunctionFile resid="Commands.Url"/>',
            edited("</bt:Urls>", '<bt:Url id="Commands.Url" DefaultValue="https://localhost:3000/commands.html"/></bt:Urls>'),
          ),
        reports: /2 different resids.*<FunctionFile> = "Commands\.Url"/,
      },
      {
        how: "DefaultSettings opens another page",
        xml: () =>
          edited(
            '<SourceLocation DefaultValue="https://localhost:3000/taskpane.html"/>',
            '<SourceLocation DefaultValue="https://localhost:3000/functions.html"/>',
          ),
        reports: /runtime page "https:\/\/localhost:3000\/taskpane\.html" is not the DefaultSettings SourceLocation/,
      },
    ],
  },
  {
    rule: `the functions' namespace is SMALLCAP (at most 32 characters)`,
    check: namespaceProblems,
    breakages: [
      {
        how: "a 33-character namespace",
        xml: () =>
          edited(
            '<bt:String id="Functions.Namespace" DefaultValue="SMALLCAP"/>',
            `<bt:String id="Functions.Namespace" DefaultValue="${"S".repeat(33)}"/>`,
          ),
        reports: /is 33 characters, more than 32/,
      },
      {
        how: "the template's namespace",
        xml: () =>
          edited(
            '<bt:String id="Functions.Namespace" DefaultValue="SMALLCAP"/>',
            '<bt:String id="Functions.Namespace" DefaultValue="CONTOSO"/>',
          ),
        reports: /namespace is "CONTOSO", not "SMALLCAP"/,
      },
    ],
  },
  {
    rule: "<Id> is a GUID of the project's own",
    check: idProblems,
    breakages: [
      { how: "not a GUID", xml: () => edited(/<Id>[^<]*<\/Id>/, "<Id>smallcap</Id>"), reports: /"smallcap" is not a GUID/ },
      {
        how: "the template's GUID",
        xml: () => edited(/<Id>[^<]*<\/Id>/, "<Id>ca968be6-628b-4f14-ba3c-3e614effa9bd</Id>"),
        reports: /template's id/,
      },
    ],
  },
  {
    rule: "<Version> has four parts",
    check: versionProblems,
    breakages: [{ how: "three parts", xml: () => edited("<Version>0.1.0.0</Version>", "<Version>0.1.0</Version>"), reports: /"0\.1\.0" is not four numbers/ }],
  },
  {
    rule: "<Permissions> is ReadWriteDocument",
    check: permissionsProblems,
    breakages: [
      {
        how: "read-only",
        xml: () => edited("<Permissions>ReadWriteDocument</Permissions>", "<Permissions>ReadDocument</Permissions>"),
        reports: /"ReadDocument", not "ReadWriteDocument"/,
      },
    ],
  },
  {
    rule: "there is no <AppDomains>",
    check: appDomainsProblems,
    breakages: [
      {
        how: "the template's AppDomains",
        xml: () => edited("<Hosts>", "<AppDomains><AppDomain>https://www.contoso.com</AppDomain></AppDomains><Hosts>"),
        reports: /<AppDomains> .* is present/,
      },
    ],
  },
  {
    rule: "CustomFunctionsRuntime is required at the version the code uses (1.4), SharedRuntime at 1.1",
    check: requirementSetProblems,
    breakages: [
      {
        how: "the template's CustomFunctionsRuntime 1.1",
        xml: () => edited('<bt:Set Name="CustomFunctionsRuntime" MinVersion="1.4"/>', '<bt:Set Name="CustomFunctionsRuntime" MinVersion="1.1"/>'),
        reports: /MinVersion is "1\.1", not "1\.4"/,
      },
      {
        how: "no SharedRuntime requirement",
        xml: () => edited('<Set Name="SharedRuntime" MinVersion="1.1"/>', ""),
        reports: /does not require SharedRuntime 1\.1/,
      },
    ],
  },
  {
    rule: "no Action has a TaskpaneId under a Host whose runtime is long-lived (one task pane)",
    check: sharedRuntimeTaskpaneProblems,
    breakages: [
      {
        how: "the template's TaskpaneId on the Screener button",
        xml: () => edited('<Action xsi:type="ShowTaskpane">', '<Action xsi:type="ShowTaskpane"><TaskpaneId>ButtonId1</TaskpaneId>'),
        reports: /<Action[^>]*>.* in <Host[^>]*>.*, whose runtime is long-lived, has a <TaskpaneId> \("ButtonId1"\)/,
      },
    ],
  },
  {
    rule: "every URL is https",
    check: httpsProblems,
    breakages: [
      {
        how: "the functions script over http",
        xml: () => edited("https://localhost:3000/functions.js", "http://localhost:3000/functions.js"),
        reports: /"http:\/\/localhost:3000\/functions\.js" is not https/,
      },
    ],
  },
];

describe("manifest.xml", () => {
  it("is well-formed XML with an <OfficeApp xsi:type=\"TaskPaneApp\"> root", () => {
    expect(wellFormedProblems(MANIFEST)).toEqual([]);
  });

  describe.each(CASES)("$rule", ({ check, breakages }) => {
    it("holds", () => {
      expect(problemsIn(MANIFEST, check)).toEqual([]);
    });

    it.each(breakages)("is reported when broken: $how", ({ xml, context, reports }) => {
      const problems = problemsIn(xml(), check, context ? context() : NO_BUILD);
      expect(problems.join("\n")).toMatch(reports);
    });
  });

  describe("well-formedness is reported when broken", () => {
    it.each([
      { how: "an unclosed element", xml: () => edited("</Resources>", ""), reports: /not well-formed XML: .*unexpected close tag/ },
      { how: "a duplicate attribute", xml: () => edited('<Host Name="Workbook"/>', '<Host Name="Workbook" Name="Document"/>'), reports: /duplicate attribute: Name/ },
      { how: "a second root", xml: () => `${MANIFEST}<OfficeApp/>`, reports: /only one root/ },
      {
        how: "a different root",
        xml: () => edited("</OfficeApp>", "</OfficeAddin>", edited("<OfficeApp ", "<OfficeAddin ")),
        reports: /root element is <OfficeAddin>/,
      },
    ])("$how", ({ xml, reports }) => {
      expect(wellFormedProblems(xml()).join("\n")).toMatch(reports);
    });
  });
});

/** office-addin-manifest's own command line, found through its package.json "bin". */
function runManifestInfo(manifestPath: string): { status: number | null; output: string } {
  const packageJson = require.resolve("office-addin-manifest/package.json", { paths: [ROOT] });
  const { bin } = JSON.parse(fs.readFileSync(packageJson, "utf8")) as { bin: Record<string, string> };
  const cli = path.join(path.dirname(packageJson), bin["office-addin-manifest"] ?? "cli.js");
  const result = spawnSync(process.execPath, [cli, "info", manifestPath], { cwd: ROOT, encoding: "utf8", timeout: 30_000 });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

describe("office-addin-manifest info (the package's own offline parser)", () => {
  it("reads manifest.xml and prints the add-in's name and id", () => {
    const parsed = parseXml(MANIFEST);
    if (!parsed.ok) throw new Error(parsed.errors.join("\n"));
    const id = parsed.root.children.find((e) => e.local === "Id")?.text ?? "(no <Id>)";
    const { status, output } = runManifestInfo(MANIFEST_PATH);
    expect({ status, output }).toEqual({ status: 0, output: expect.stringContaining(`Id: ${id}`) });
    expect(output).toContain("Name: SMALLCAP");
  });

  it("exits non-zero on a broken copy", () => {
    const broken = path.join(scratchDir(), "manifest.xml");
    fs.writeFileSync(broken, edited("</Resources>", ""));
    const { status, output } = runManifestInfo(broken);
    expect(status).not.toBe(0);
    expect(output).toMatch(/Unable to parse the manifest file/);
  });
});
