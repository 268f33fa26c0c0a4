/**
 * The function reference: docs/functions.md and dist/functions.html are generated from the
 * built metadata (dist/functions.json, itself generated from the JSDoc in
 * src/functions/functions.ts) and docs/function-examples.json by scripts/reference.js.
 *
 * This suite pins all of it: the committed Markdown matches what the renderer makes now;
 * every function has worked examples and every example's formula, inputs and result are
 * what the implementation gives; help URLs land on an anchor; the metadata itself is pinned
 * so that a renamed parameter or an edited description fails here before it reaches Excel.
 */
import * as fs from "fs";
import * as path from "path";
import { SMALLCAP_FUNCTIONS } from "../src/functions/definitions";
import { REGISTRY, docsOf } from "../src/functions/registry";
import { CoreError, EXCEL_ERROR_TEXT } from "../src/core/errors";

interface ParameterMetadata {
  name: string;
  description?: string;
  type?: string;
  dimensionality?: string;
  optional?: boolean;
}
interface FunctionMetadata {
  id: string;
  name: string;
  description?: string;
  helpUrl?: string;
  parameters: ParameterMetadata[];
  result: { dimensionality?: string; type?: string };
  options?: Record<string, unknown>;
}
interface Metadata {
  functions: FunctionMetadata[];
}
type Value = number | string | boolean | null;
type Arg = Value | Value[][];
interface Example {
  formula: string;
  args: Arg[];
  result: Value | Value[][];
  source: string;
}
interface ErrorCase {
  error: string;
  when: string;
  args: Arg[];
}
interface Examples {
  functions: Record<string, { examples: Example[]; errors: ErrorCase[] }>;
}
interface ReferenceModule {
  renderMarkdown(metadata: Metadata, examples: Examples): string;
  renderHtml(metadata: Metadata, examples?: Examples): string;
  escapeHtml(text: string): string;
}

// scripts/reference.js is plain CommonJS (webpack.config.js requires it); no type declarations.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const reference = require("../scripts/reference.js") as ReferenceModule;

const ROOT = path.join(__dirname, "..");
const METADATA_PATH = path.join(ROOT, "dist", "functions.json");
const MARKDOWN_PATH = path.join(ROOT, "docs", "functions.md");
const EXAMPLES_PATH = path.join(ROOT, "docs", "function-examples.json");
const ERROR_TEXTS: readonly string[] = Object.values(EXCEL_ERROR_TEXT);

function loadMetadata(): Metadata {
  if (!fs.existsSync(METADATA_PATH)) {
    throw new Error("dist/functions.json is missing: run npm run build first (npm test builds before jest)");
  }
  return JSON.parse(fs.readFileSync(METADATA_PATH, "utf8")) as Metadata;
}

const metadata = loadMetadata();
const examples = JSON.parse(fs.readFileSync(EXAMPLES_PATH, "utf8")) as Examples;
const byId = new Map(metadata.functions.map((fn) => [fn.id, fn]));

/** A result cell as Excel shows it: `#DIV/0!` for an error, the value otherwise. */
function shown(cell: unknown): unknown {
  return cell instanceof CoreError ? EXCEL_ERROR_TEXT[cell.code] : cell;
}

function evaluate(id: string, args: readonly Arg[]): unknown[][] {
  const fn = SMALLCAP_FUNCTIONS[id];
  if (fn === undefined) throw new Error(`SMALLCAP_FUNCTIONS has no ${id}`);
  return fn(...args).map((row) => row.map(shown));
}

/** Numbers to 10 decimal places (the examples print repeating decimals to 12), the rest exactly. */
function expectCell(actual: unknown, expected: Value, where: string): void {
  if (typeof expected === "number") {
    if (typeof actual !== "number") throw new Error(`${where}: expected the number ${expected}, got ${JSON.stringify(actual)}`);
    expect(actual).toBeCloseTo(expected, 10);
  } else {
    expect({ where, value: actual }).toEqual({ where, value: expected });
  }
}

function expectGrid(actual: unknown[][], expected: Value | Value[][], where: string): void {
  const grid: Value[][] = Array.isArray(expected) ? expected : [[expected]];
  expect({ where, rows: actual.length, cols: actual[0]?.length }).toEqual({ where, rows: grid.length, cols: grid[0].length });
  grid.forEach((row, r) => row.forEach((cell, c) => expectCell(actual[r][c], cell, `${where} [${r}][${c}]`)));
}

/**
 * Reads the literal formula of an example, as Excel would: `=SMALLCAP.NAME(arg, ...)` where
 * each argument is a number, "text", TRUE/FALSE, an error, an array constant `{1,2;3,4}` or
 * nothing (an omitted argument). Returns the function name and the arguments.
 */
function parseFormula(formula: string): { name: string; args: Arg[] } {
  const head = /^=SMALLCAP\.([A-Z][A-Z0-9.]*)\(/.exec(formula);
  if (head === null || !formula.endsWith(")")) throw new Error(`not a SMALLCAP formula: ${formula}`);
  const body = formula.slice(head[0].length, -1);
  let i = 0;
  const fail = (what: string): never => {
    throw new Error(`${formula}: ${what} at ${head[0].length + i}`);
  };
  const skipSpaces = (): void => {
    while (body[i] === " ") i++;
  };
  const scalar = (): Value => {
    skipSpaces();
    if (body[i] === '"') {
      let text = "";
      i++;
      for (;;) {
        if (i >= body.length) fail("unterminated text");
        if (body[i] === '"') {
          if (body[i + 1] === '"') {
            text += '"';
            i += 2;
            continue;
          }
          i++;
          return text;
        }
        text += body[i++];
      }
    }
    const match = /^(?:TRUE|FALSE|#N\/A|#VALUE!|#DIV\/0!|#NUM!|#NULL!|#NAME\?|#REF!|[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)/.exec(body.slice(i));
    if (match === null) return fail("expected a value");
    i += match[0].length;
    if (match[0] === "TRUE") return true;
    if (match[0] === "FALSE") return false;
    if (match[0].startsWith("#")) return match[0];
    return Number(match[0]);
  };
  const argument = (): Arg => {
    skipSpaces();
    if (i >= body.length || body[i] === ",") return null;
    if (body[i] !== "{") return scalar();
    i++;
    const rows: Value[][] = [[]];
    for (;;) {
      rows[rows.length - 1].push(scalar());
      skipSpaces();
      const sep = body[i++];
      if (sep === ",") continue;
      if (sep === ";") rows.push([]);
      else if (sep === "}") break;
      else fail("expected , ; or }");
    }
    if (rows.some((row) => row.length !== rows[0].length)) fail("ragged array constant");
    return rows;
  };
  const args: Arg[] = [];
  if (body.trim() !== "") {
    for (;;) {
      args.push(argument());
      skipSpaces();
      if (i >= body.length) break;
      if (body[i] !== ",") fail("expected ,");
      i++;
    }
  }
  return { name: head[1], args };
}

function padded(args: readonly Arg[], length: number): Arg[] {
  const out = [...args];
  while (out.length < length) out.push(null);
  return out;
}

describe("docs/functions.md", () => {
  it("matches what npm run docs generates from dist/functions.json", () => {
    const expected = reference.renderMarkdown(metadata, examples);
    const committed = fs.existsSync(MARKDOWN_PATH) ? fs.readFileSync(MARKDOWN_PATH, "utf8") : "";
    if (committed !== expected) {
      const a = committed.split("\n");
      const b = expected.split("\n");
      let line = 0;
      while (line < Math.max(a.length, b.length) && a[line] === b[line]) line++;
      throw new Error(
        `docs/functions.md is stale: run npm run docs\n` +
          `first difference at line ${line + 1}:\n  committed: ${JSON.stringify(a[line])}\n  generated: ${JSON.stringify(b[line])}`,
      );
    }
  });

  it("says it is generated and must not be edited by hand", () => {
    const markdown = reference.renderMarkdown(metadata, examples);
    expect(markdown).toMatch(/npm run docs/);
    expect(markdown).toMatch(/dist\/functions\.json/);
    expect(markdown).toMatch(/Do not edit/);
  });

  it("shows each function's signature with optional parameters in brackets", () => {
    const markdown = reference.renderMarkdown(metadata, examples);
    expect(markdown).toContain("`=SMALLCAP.ICR(ebit, interest_expense)`");
    expect(markdown).toContain("`=SMALLCAP.ZOMBIE(ebit, interest_expense, [years], [threshold])`");
    for (const fn of metadata.functions) {
      const params = fn.parameters.map((p) => (p.optional ? `[${p.name}]` : p.name)).join(", ");
      expect(markdown).toContain(`## SMALLCAP.${fn.name}\n`);
      expect(markdown).toContain("`=SMALLCAP." + fn.name + "(" + params + ")`");
    }
  });
});

describe("docs/function-examples.json", () => {
  it("covers every function in dist/functions.json, and only those", () => {
    const documented = Object.keys(examples.functions).sort();
    const built = metadata.functions.map((fn) => fn.id).sort();
    expect({ documented }).toEqual({ documented: built });
    for (const id of built) {
      const count = examples.functions[id].examples.length;
      expect({ id, enoughExamples: count >= 2 && count <= 4 }).toEqual({ id, enoughExamples: true });
      expect(Array.isArray(examples.functions[id].errors)).toBe(true);
    }
  });

  it("has a function in SMALLCAP_FUNCTIONS for every documented function", () => {
    for (const id of Object.keys(examples.functions)) expect({ id, implemented: id in SMALLCAP_FUNCTIONS }).toEqual({ id, implemented: true });
  });

  const cases = Object.entries(examples.functions).flatMap(([id, entry]) => entry.examples.map((example) => ({ id, example })));

  it.each(cases)("$example.formula gives $example.result", ({ id, example }) => {
    const fn = byId.get(id);
    if (fn === undefined) throw new Error(`${id} is not in dist/functions.json`);
    expect(example.source.trim()).not.toBe("");
    // The formula shown is the one evaluated: same function, same arguments.
    const parsed = parseFormula(example.formula);
    expect(parsed.name).toBe(id);
    const arity = fn.parameters.length;
    expect(parsed.args.length).toBeLessThanOrEqual(arity);
    expect(example.args.length).toBeLessThanOrEqual(arity);
    expect(padded(parsed.args, arity)).toEqual(padded(example.args, arity));
    expectGrid(evaluate(id, example.args), example.result, example.formula);
  });

  const errorCases = Object.entries(examples.functions).flatMap(([id, entry]) =>
    entry.errors.map((error) => ({ id, error })),
  );

  it.each(errorCases)("$id gives $error.error when $error.when", ({ id, error }) => {
    expect(ERROR_TEXTS).toContain(error.error);
    expect(error.args.length).toBeLessThanOrEqual(byId.get(id)?.parameters.length ?? 0);
    const cells = evaluate(id, error.args).flat();
    expect(cells).toContain(error.error);
  });
});

describe("help URLs", () => {
  const html = reference.renderHtml(metadata, examples);
  const markdown = reference.renderMarkdown(metadata, examples);

  it.each(metadata.functions.map((fn) => [fn.id, fn] as const))("%s's helpUrl lands on an anchor in both references", (_id, fn) => {
    expect(fn.helpUrl).toMatch(new RegExp(`/functions\\.html#${fn.id.toLowerCase()}$`));
    const fragment = (fn.helpUrl ?? "").split("#")[1];
    expect(markdown).toContain(`<a id="${fragment}"></a>`);
    expect(html).toContain(`id="${fragment}"`);
  });

  it("has unique anchors", () => {
    const ids = [...html.matchAll(/ id="([^"]*)"/g)].map((m) => m[1]);
    expect(new Set(ids).size).toBe(ids.length);
  });
});

describe("functions.html", () => {
  const html = reference.renderHtml(metadata, examples);

  it("is a self-contained page under a strict CSP: no script, no inline style", () => {
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(html);
    expect(csp).not.toBeNull();
    const policy = (csp as RegExpExecArray)[1];
    expect(policy).toContain("default-src 'none'");
    expect(policy).not.toContain("unsafe-inline");
    expect(policy).not.toContain("unsafe-eval");
    expect(policy).not.toMatch(/script-src/);
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<style/i);
    expect(html).not.toMatch(/ style=/i);
    expect(html).not.toMatch(/ on[a-z]+=/i);
    expect(html).toContain('<link rel="stylesheet" href="taskpane.css">');
  });

  it("loads the examples file itself when none is passed (as webpack's plugin calls it)", () => {
    expect(reference.renderHtml(metadata)).toBe(html);
  });

  it("escapes every piece of text, metadata included", () => {
    const hostile: Metadata = {
      functions: [
        {
          id: "EVIL",
          name: "EVIL",
          description: `<script>alert("x")</script> & 'quotes'`,
          helpUrl: `https://localhost:3000/functions.html#a"onmouseover="x`,
          parameters: [{ name: "<b>p</b>", description: "<img src=x onerror=alert(1)>", dimensionality: "matrix", type: "any" }],
          result: { dimensionality: "matrix" },
        },
      ],
    };
    const evil: Examples = {
      functions: {
        EVIL: {
          examples: [{ formula: "=SMALLCAP.EVIL(\"</td><script>\")", args: ["</td><script>"], result: "<i>x</i>", source: "<a href=x>s</a>" }],
          errors: [{ error: "#N/A", when: "<svg onload=alert(1)>", args: [] }],
        },
      },
    };
    const page = reference.renderHtml(hostile, evil);
    expect(page).not.toMatch(/<script/i);
    for (const markup of ["<img", "<svg", "<b>", "<i>", "<a href=x", "</td><script"]) expect(page).not.toContain(markup);
    expect(page).not.toContain('"onmouseover=');
    expect(page).toContain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;quotes&#39;");
    expect(reference.escapeHtml(`<&>"'`)).toBe("&lt;&amp;&gt;&quot;&#39;");
    // In Markdown, text outside code spans has its markup characters backslash-escaped; the
    // only raw HTML left is the generated-file comment and the anchors, with escaped ids.
    const md = reference.renderMarkdown(hostile, evil);
    expect(md).toContain('<a id="a&quot;onmouseover=&quot;x"></a>');
    const prose = md
      .replace(/`[^`\n]*`/g, "")
      .replace(/<!--[^\n]*-->/g, "")
      .replace(/<a id="[^"<>]*"><\/a>/g, "");
    expect(prose).not.toMatch(/(^|[^\\])</m);
  });
});

/**
 * The metadata Excel sees, pinned: ids, parameter names, optional flags, types,
 * dimensionality and descriptions. A deliberate change to a function's entry in
 * src/functions/registry.ts (from which src/functions/functions.ts and its JSDoc are generated)
 * updates this list (and docs/functions.md) in the same commit: both the registry and the
 * built dist/functions.json are checked against it.
 */
type PinnedParameter = [name: string, optional: "optional" | "required", type: string, dimensionality: string, description: string];
interface PinnedFunction {
  id: string;
  description: string;
  parameters: PinnedParameter[];
  result: string;
}

const PINNED: PinnedFunction[] = [
  {
    id: "ICR",
    description: "Interest coverage (x): EBIT divided by the magnitude of interest expense; negative when EBIT is a loss.",
    parameters: [
      ["ebit", "required", "any", "matrix", "Operating income (EBIT), in the sheet's money unit. A cell or a range."],
      ["interest_expense", "required", "any", "matrix", "Interest expense, same money unit; either sign (its magnitude is used)."],
    ],
    result: "matrix",
  },
  {
    id: "ZOMBIE",
    description: "Zombie test (TRUE/FALSE per company): EBIT / interest below the threshold in each of the last periods; a period with no interest does not fail.",
    parameters: [
      ["ebit", "required", "any", "matrix", "EBIT, one row per company, one column per fiscal period, oldest to newest."],
      ["interest_expense", "required", "any", "matrix", "Interest expense, same shape as ebit; either sign."],
      ["years", "optional", "any", "matrix", "How many latest periods must all fail: one whole number (1 to the number of columns) or one per company. Default: every column."],
      ["threshold", "optional", "any", "matrix", "Coverage below which a period fails (x): one value or one per company. Default 1."],
    ],
    result: "matrix",
  },
  {
    id: "SHOCKICR",
    description: "Pro-forma interest coverage (x) after a rate move on the floating-rate part of the debt.",
    parameters: [
      ["ebit", "required", "any", "matrix", "Operating income (EBIT), money."],
      ["interest_expense", "required", "any", "matrix", "Current interest expense, money; either sign."],
      ["total_debt", "required", "any", "matrix", "Total debt, money; not negative."],
      ["floating_share", "required", "any", "matrix", "Floating-rate share of the debt, a fraction from 0 to 1 (40% is 0.4)."],
      ["shock_bps", "required", "any", "matrix", "Rate move in basis points (200 = +2.00 percentage points; negative for a cut)."],
    ],
    result: "matrix",
  },
  {
    id: "DOL",
    description: "Degree of operating leverage (a multiple): percentage change in EBIT over percentage change in revenue.",
    parameters: [
      ["ebit_prior", "required", "any", "matrix", "EBIT of the earlier period, money; not zero."],
      ["ebit_current", "required", "any", "matrix", "EBIT of the later period, money."],
      ["revenue_prior", "required", "any", "matrix", "Revenue of the earlier period, money; not zero."],
      ["revenue_current", "required", "any", "matrix", "Revenue of the later period, money; must differ from revenue_prior."],
    ],
    result: "matrix",
  },
  {
    id: "RELPE",
    description: "Relative forward P/E (a fraction): the premium (+) or discount (-) of the first P/E over the second.",
    parameters: [
      ["small_pe", "required", "any", "matrix", "Forward P/E of small caps (or of one company), positive."],
      ["large_pe", "required", "any", "matrix", "Forward P/E of large caps (or of a benchmark), positive."],
    ],
    result: "matrix",
  },
  {
    id: "REVERSION",
    description: "Re-rating implied by a return of the relative P/E to its mean (a fraction: 0.4 is +40%).",
    parameters: [
      ["current_premium", "required", "any", "matrix", "Current premium (+) or discount (-) as a fraction, above -1 (-0.2 is a 20% discount)."],
      ["mean_premium", "optional", "any", "matrix", "Mean premium to revert to, as a fraction above -1: a cell or a range like current_premium. Default 0.12, the 20-year average."],
    ],
    result: "matrix",
  },
  {
    id: "DAYSTOCOVER",
    description: "Days to cover (trading days): short interest over average daily trading volume.",
    parameters: [
      ["short_interest", "required", "any", "matrix", "Shares sold short; not negative."],
      ["avg_daily_volume", "required", "any", "matrix", "Average daily volume in shares; positive."],
    ],
    result: "matrix",
  },
  {
    id: "INDEXPE",
    description: "Aggregate (index-level) P/E, one value: sum of market caps over sum of earnings.",
    parameters: [
      ["market_caps", "required", "any", "matrix", "Market capitalisations, money; rows with a blank are skipped."],
      ["earnings", "required", "any", "matrix", "Earnings in the same money unit, same shape as market_caps."],
      ["exclude_unprofitable", "optional", "any", "matrix", "One value: TRUE to leave out rows with earnings of zero or less. Default FALSE."],
    ],
    result: "matrix",
  },
  {
    id: "RELPERF",
    description: "Rolling relative return (a fraction) of one price series over another, e.g. Russell 2000 over S&P 500; spills one column.",
    parameters: [
      ["small_prices", "required", "any", "matrix", "Prices or index levels, one column (or row), oldest first; positive."],
      ["large_prices", "required", "any", "matrix", "Benchmark prices, as many as small_prices; positive."],
      ["window", "optional", "any", "matrix", "One value: the look-back in rows (trading days), a whole number of at least 1. Default 20."],
    ],
    result: "matrix",
  },
  {
    id: "SIFLOAT",
    description: "Short interest as a share of the free float (a fraction: 0.15 is 15%).",
    parameters: [
      ["short_interest", "required", "any", "matrix", "Shares sold short; not negative."],
      ["float_shares", "required", "any", "matrix", "Shares in the free float; positive."],
    ],
    result: "matrix",
  },
  {
    id: "RATING",
    description: "Synthetic credit rating (AAA to D) from interest coverage, on Damodaran's bands for smaller firms (market cap under $5bn).",
    parameters: [
      ["ebit", "required", "any", "matrix", "Operating income (EBIT), money."],
      ["interest_expense", "required", "any", "matrix", "Interest expense, money; either sign. Zero with EBIT > 0 is AAA (Damodaran: no interest, infinite coverage); zero with EBIT <= 0 is #N/A, not rated."],
    ],
    result: "matrix",
  },
  {
    id: "SPREAD",
    description: "Default spread (a fraction) over the risk-free rate for the synthetic rating, on Damodaran's smaller-firm table.",
    parameters: [
      ["ebit", "required", "any", "matrix", "Operating income (EBIT), money."],
      ["interest_expense", "required", "any", "matrix", "Interest expense, money; either sign. Zero with EBIT > 0 is the AAA spread; zero with EBIT <= 0 is #N/A, not rated."],
    ],
    result: "matrix",
  },
  {
    id: "MATURITYWALL",
    description: "Maturity wall (a fraction per company): the share of debt falling due within a horizon.",
    parameters: [
      ["amounts", "required", "any", "matrix", "Debt due in each maturity bucket, money; one row per company, one column per bucket."],
      ["years_to_maturity", "required", "any", "matrix", "Years until each bucket falls due; same shape as amounts, or one header row shared by all companies."],
      ["horizon_years", "optional", "any", "matrix", "Horizon in years, one value or one per company; buckets due at or before it count. Default 3."],
    ],
    result: "matrix",
  },
  {
    id: "WAM",
    description: "Weighted-average maturity of the debt (years per company).",
    parameters: [
      ["amounts", "required", "any", "matrix", "Debt due in each maturity bucket, money; one row per company, one column per bucket."],
      ["years_to_maturity", "required", "any", "matrix", "Years until each bucket falls due; same shape as amounts, or one header row shared by all companies."],
    ],
    result: "matrix",
  },
  {
    id: "QUALITY",
    description: "The framework's quality test for one company (TRUE/FALSE): positive free cash flow, floating-rate share <= 25%, debt maturity >= 3 years, domestic revenue >= 80%, not a zombie, ICR >= 3, and ICR >= 1.5 after a +200 bp shock. #N/A names the inputs it lacks.",
    parameters: [
      ["fcf", "required", "any", "matrix", "Free cash flow, money."],
      ["floating_share", "required", "any", "matrix", "Floating-rate share of the debt, a fraction from 0 to 1; may be blank when there is no debt."],
      ["wam_years", "required", "any", "matrix", "Weighted-average debt maturity, years; may be blank when there is no debt."],
      ["domestic_share", "required", "any", "matrix", "Domestic share of revenue, a fraction from 0 to 1."],
      ["ebit", "required", "any", "matrix", "Operating income (EBIT), money."],
      ["interest_expense", "required", "any", "matrix", "Interest expense, money; either sign."],
      ["total_debt", "required", "any", "matrix", "Total debt, money; 0 means no debt."],
      ["shock_bps", "optional", "any", "matrix", "Rate shock on floating-rate debt for the stressed-coverage test, basis points. Default 200."],
    ],
    result: "matrix",
  },
  {
    id: "SCREEN",
    description: "The screen engine as a formula: the companies of a table that pass a preset screen, ranked by score, with their cover and valuation; the same result as the task pane and the smallcap CLI.",
    parameters: [
      ["table", "required", "any", "matrix", "The companies, a range that starts with its header row (e.g. A1:N601 or Table1[#All]); headers are recognised as the pane recognises them."],
      ["preset", "optional", "any", "matrix", "\"quality\" (default), \"zombies\" or \"stress\"."],
      ["settings", "optional", "any", "matrix", "Thresholds as the CLI's --set keys, in text (\"icr=2.5; shockBps=300\") or a two-column range of keys and values. Default: the preset's own."],
    ],
    result: "matrix",
  },
  {
    id: "SHOCKSWEEP",
    description: "Rate-shock sweep (a fraction per shock): the share of companies whose interest cover after each rate move is below a threshold.",
    parameters: [
      ["ebit", "required", "any", "matrix", "Operating income (EBIT) of each company, money; a column (or any range), rows with a blank are left out."],
      ["interest_expense", "required", "any", "matrix", "Current interest expense, same shape as ebit; either sign."],
      ["total_debt", "required", "any", "matrix", "Total debt, same shape as ebit; not negative."],
      ["floating_share", "required", "any", "matrix", "Floating-rate share of the debt, same shape as ebit; a fraction from 0 to 1."],
      ["shocks_bps", "required", "any", "matrix", "Rate moves in basis points, one row or one column (e.g. 0, 100, ..., 500); the result takes its shape."],
      ["threshold", "optional", "any", "matrix", "One value: the cover (x) below which a company counts. Default 1."],
    ],
    result: "matrix",
  },
];

describe("the function registry", () => {
  it("declares exactly the pinned functions, parameters and descriptions", () => {
    const declared: PinnedFunction[] = REGISTRY.map((entry) => ({
      id: entry.name,
      description: docsOf(entry).description,
      // Every parameter reaches Excel as a matrix of any values (functions.ts types them any[][]).
      parameters: entry.args.map((a): PinnedParameter => [a.name, a.optional === true ? "optional" : "required", "any", "matrix", docsOf(entry).args[a.name]]),
      result: "matrix",
    }));
    expect(declared).toEqual(PINNED);
  });
});

describe("dist/functions.json", () => {
  it("has exactly the pinned functions, parameters and descriptions", () => {
    const actual: PinnedFunction[] = metadata.functions.map((fn) => ({
      id: fn.id,
      description: fn.description ?? "",
      parameters: fn.parameters.map((p): PinnedParameter => [
        p.name,
        p.optional === true ? "optional" : "required",
        p.type ?? "",
        p.dimensionality ?? "scalar",
        p.description ?? "",
      ]),
      result: fn.result.dimensionality ?? "scalar",
    }));
    expect(actual).toEqual(PINNED);
  });

  it("names each function after its id and gives it no unexpected options", () => {
    for (const fn of metadata.functions) {
      expect({ id: fn.id, name: fn.name, options: fn.options }).toEqual({ id: fn.id, name: fn.id, options: undefined });
    }
  });

  it("lists optional parameters only after the required ones", () => {
    for (const fn of metadata.functions) {
      const firstOptional = fn.parameters.findIndex((p) => p.optional === true);
      if (firstOptional >= 0) expect({ id: fn.id, after: fn.parameters.slice(firstOptional).every((p) => p.optional === true) }).toEqual({ id: fn.id, after: true });
    }
  });
});
