/**
 * The function coverage of the headless evaluator as Markdown, generated from its registries
 * (`NATIVE_FUNCTIONS`, `VOLATILE_FUNCTIONS`). docs/HEADLESS.md holds
 * this text between its coverage markers; test/cli/coverage-doc.test.ts fails when it is stale
 * (run it with UPDATE_COVERAGE=1 to rewrite the section).
 */
import { NATIVE_FUNCTIONS, VOLATILE_FUNCTIONS } from "./functions";

export const COVERAGE_START = "<!-- coverage:start (generated from the evaluator's registry; test/cli/coverage-doc.test.ts) -->";
export const COVERAGE_END = "<!-- coverage:end -->";

const names = (list: Iterable<string>): string => [...list].sort().map((n) => `\`${n}\``).join(", ");

export function coverageMarkdown(): string {
  const bySource = (source: "formulajs" | "own"): string[] => [...NATIVE_FUNCTIONS].filter(([, f]) => f.source === source).map(([n]) => n);
  const library = bySource("formulajs");
  const own = bySource("own");
  return [
    COVERAGE_START,
    "",
    `**${NATIVE_FUNCTIONS.size} native functions** are evaluated, and every SMALLCAP function.`,
    "",
    `- Computed by \`@formulajs/formulajs\` (${library.length}): ${names(library)}.`,
    `- The evaluator's own code (${own.length}): ${names(own)}.`,
    // Not enumerated: the SMALLCAP registry grows on its own (docs/FUNCTIONS.md lists it); the evaluator needs no change for a new one.
    "- SMALLCAP: every function of `SMALLCAP_FUNCTIONS` (`src/functions/definitions.ts`; reference in docs/functions.md), looked up by name at run time.",
    `- Never evaluated, the cached value is kept (${VOLATILE_FUNCTIONS.size}): ${names(VOLATILE_FUNCTIONS)}.`,
    "- Any other function keeps its cached value and is reported as an unsupported function.",
    "",
    COVERAGE_END,
  ].join("\n");
}
