/**
 * Validation of an add-in manifest against Microsoft's XML schemas with xmllint (Debian's
 * libxml2-utils). The schemas are not part of the repository: they sit in
 * `../shared/office-schemas/` beside the repository root (CI puts a copy of `shared/` beside
 * the clone), entry schema `OfficeAppManifestV1_1.xsd`. OFFICE_SCHEMAS_DIR names another folder
 * (a checkout whose shared/ is elsewhere, such as a git worktree).
 */
import { spawnSync } from "child_process";
import { existsSync } from "fs";
import * as path from "path";

const ROOT = path.resolve(__dirname, "..", "..");
export const SCHEMA_DIR = path.resolve(ROOT, process.env.OFFICE_SCHEMAS_DIR || "../shared/office-schemas");
export const ENTRY_SCHEMA = path.join(SCHEMA_DIR, "OfficeAppManifestV1_1.xsd");

/** Where xmllint is, found on the PATH as a shell would; null when it is not installed. */
function findXmllint(): string | null {
  for (const dir of (process.env.PATH ?? "").split(path.delimiter)) {
    if (dir === "") continue;
    const candidate = path.join(dir, "xmllint");
    if (existsSync(candidate)) return candidate;
  }
  return null;
}

export const XMLLINT = findXmllint();

/** Why schema validation cannot run here, or null when it can. */
export function schemaValidationUnavailable(): string | null {
  const missing: string[] = [];
  if (!existsSync(ENTRY_SCHEMA)) missing.push(`Microsoft's manifest schemas are not at ${ENTRY_SCHEMA} (a copy of shared/office-schemas/ beside the repository)`);
  if (XMLLINT === null) missing.push("xmllint is not on the PATH (apt-get install -y libxml2-utils)");
  return missing.length === 0 ? null : missing.join("; ");
}

export interface SchemaResult {
  readonly valid: boolean;
  /** xmllint's report (its stderr): "<file> validates" or the schema errors with line numbers. */
  readonly report: string;
}

/** Validates the manifest file at `file` against the entry schema. */
export function validateManifest(file: string): SchemaResult {
  if (XMLLINT === null) throw new Error("xmllint is not on the PATH");
  const result = spawnSync(XMLLINT, ["--noout", "--nonet", "--schema", ENTRY_SCHEMA, file], { encoding: "utf8", timeout: 60_000 });
  if (result.error !== undefined) throw result.error;
  return { valid: result.status === 0, report: `${result.stdout}${result.stderr}`.trim() };
}
