/**
 * manifest.xml and the built dist/manifest.xml against Microsoft's XML schemas for add-in
 * manifests, with xmllint (test/helpers/manifest-schema.ts says where the schemas come from).
 * A copy broken on purpose must fail, so a validation that accepts anything shows up here.
 * test/hardening/build-hardening.test.ts validates the production manifest built with an
 * ADDIN_URL the same way.
 *
 * Without the schemas or xmllint the tests are skipped, the reason in their name (listed after
 * the run); under CI=true they fail instead, since CI installs both.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "fs";
import * as os from "os";
import * as path from "path";
import { schemaValidationUnavailable, validateManifest } from "./helpers/manifest-schema";
import { describeRequiring } from "./helpers/prerequisites";

const ROOT = path.resolve(__dirname, "..");
const unavailable = schemaValidationUnavailable();

const validate = (file: string) => {
  const result = validateManifest(file);
  if (!result.valid) throw new Error(`${path.relative(ROOT, file)} does not validate against Microsoft's schemas:\n${result.report}`);
  return result;
};

// The shared policy (test/helpers/prerequisites.ts): a clone has no schemas of its own, so their
// absence is a skip named with the reason; under CI=true, which provides both, it fails.
describeRequiring(
  {
    what: "Microsoft's manifest schemas and xmllint",
    present: unavailable === null,
    missing: unavailable ?? undefined,
    install: "apt-get install libxml2-utils, and a copy of the schemas (OFFICE_SCHEMAS_DIR)",
    optOut: "SMALLCAP_SKIP_SCHEMAS",
    skipWhenMissing: true,
  },
  "manifest schema validation",
  () => {
    describe("the manifest against Microsoft's schemas (xmllint)", () => {
      let scratch: string;
      beforeAll(() => {
        scratch = mkdtempSync(path.join(os.tmpdir(), "smallcap-schema-"));
      });
      afterAll(() => rmSync(scratch, { recursive: true, force: true }));

      test("manifest.xml validates", () => {
        expect(validate(path.join(ROOT, "manifest.xml")).report).toMatch(/validates$/);
      });

      test("the built dist/manifest.xml validates", () => {
        expect(validate(path.join(ROOT, "dist", "manifest.xml")).report).toMatch(/validates$/);
      });

      const source = () => readFileSync(path.join(ROOT, "manifest.xml"), "utf8");
      test.each([
        ["an element the schema does not know", (xml: string) => xml.replace("<Permissions>", "<Permission>Everything</Permission><Permissions>"), /Permission/],
        ["a Permissions value outside its enumeration", (xml: string) => xml.replace("<Permissions>ReadWriteDocument<", "<Permissions>Everything<"), /Everything/],
        ["<Id> missing", (xml: string) => xml.replace(/<Id>[^<]*<\/Id>/, ""), /Id/],
        ["a Runtime lifetime outside short|long", (xml: string) => xml.replace('lifetime="long"', 'lifetime="forever"'), /forever/],
      ])("a copy with %s fails, naming the problem", (_what, breakIt, reports) => {
        const broken = breakIt(source());
        expect(broken).not.toBe(source());
        const file = path.join(scratch, "manifest.xml");
        writeFileSync(file, broken);
        const result = validateManifest(file);
        expect(result.valid).toBe(false);
        expect(result.report).toMatch(/fails to validate/);
        expect(result.report).toMatch(reports);
      });
    });
  },
);
