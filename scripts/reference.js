// The SMALLCAP function reference, rendered from the custom-functions metadata that
// CustomFunctionsMetadataPlugin generates from the JSDoc in src/functions/functions.ts (itself generated from src/functions/registry.ts)
// (dist/functions.json), plus the worked examples and error lists kept in
// docs/function-examples.json. Two outputs of one model:
//   - renderMarkdown: docs/functions.md, written by scripts/gen-docs.js (`npm run docs`);
//     test/reference.test.ts fails when the committed file no longer matches.
//   - renderHtml: dist/functions.html, emitted by webpack's FunctionReferencePlugin; each
//     function's helpUrl (`functions.html#icr`) points into it.
// Plain Node, no dependencies, deterministic: the same inputs give the same bytes.
"use strict";

const fs = require("fs");
const path = require("path");

/** Excel's namespace for the add-in (manifest.xml, <Namespace>). */
const NAMESPACE = "SMALLCAP";
const EXAMPLES_PATH = path.join(__dirname, "..", "docs", "function-examples.json");
const ERROR_TEXTS = ["#N/A", "#VALUE!", "#DIV/0!", "#NUM!", "#NULL!", "#NAME?", "#REF!"];

/** The examples file, read fresh on every call (webpack's watch mode keeps this module cached). */
function loadExamples() {
  return JSON.parse(fs.readFileSync(EXAMPLES_PATH, "utf8"));
}

// ---------------------------------------------------------------------------------------------
// The model both outputs render
// ---------------------------------------------------------------------------------------------

/** The anchor a function's help URL points to: its fragment, else the lowercase id. */
function anchorOf(fn) {
  const url = typeof fn.helpUrl === "string" ? fn.helpUrl : "";
  const hash = url.indexOf("#");
  return hash >= 0 && hash < url.length - 1 ? url.slice(hash + 1) : String(fn.id).toLowerCase();
}

function qualifiedName(fn) {
  return `${NAMESPACE}.${fn.name || fn.id}`;
}

/** `=SMALLCAP.ZOMBIE(ebit, interest_expense, [years], [threshold])` */
function signature(fn) {
  const params = (fn.parameters || []).map((p) => (p.optional ? `[${p.name}]` : p.name));
  return `=${qualifiedName(fn)}(${params.join(", ")})`;
}

function describeDimensionality(dimensionality) {
  if (dimensionality === "matrix") return "cell or range (matrix)";
  if (dimensionality === "scalar") return "single cell (scalar)";
  return String(dimensionality || "scalar");
}

function describeResult(fn) {
  const result = fn.result || {};
  const dimensionality = result.dimensionality || "scalar";
  const type = result.type && result.type !== "any" ? ` Values are of type ${result.type}.` : "";
  const shape =
    dimensionality === "matrix"
      ? "A matrix: the result can fill several cells, spilling from the formula's cell; its shape follows the arguments, as the parameter descriptions say and the examples show."
      : "A single value (scalar).";
  return `${shape}${type} Errors are Excel errors, cell by cell.`;
}

/** Metadata options worth telling an analyst about (volatile, streaming, ...). */
function describeOptions(fn) {
  const options = fn.options || {};
  const notes = [];
  if (options.volatile) notes.push("volatile: recalculates whenever Excel recalculates");
  if (options.stream) notes.push("streaming: the result updates on its own");
  if (options.cancelable) notes.push("cancelable");
  if (options.requiresAddress) notes.push("receives the address of the calling cell");
  return notes;
}

/** A worksheet value in Excel's literal notation: 12, "1,234", TRUE, {1,2;3,4}, blank. */
function formatValue(value) {
  if (value === null || value === undefined) return "(blank)";
  if (Array.isArray(value)) {
    if (value.length > 0 && Array.isArray(value[0])) {
      return `{${value.map((row) => row.map(formatCell).join(",")).join(";")}}`;
    }
    return `{${value.map(formatCell).join(",")}}`;
  }
  return formatCell(value);
}

function formatCell(value) {
  if (value === null || value === undefined) return "";
  if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
  if (typeof value === "number") return String(value);
  if (typeof value === "string") return ERROR_TEXTS.includes(value) ? value : `"${value.replace(/"/g, '""')}"`;
  return JSON.stringify(value);
}

/** A result: a number, TRUE/FALSE, a rating as text, an Excel error, or a spilled grid. */
function formatResult(result) {
  if (Array.isArray(result)) {
    const rows = Array.isArray(result[0]) ? result : [result];
    const cols = rows[0].length;
    return {
      literal: `{${rows.map((row) => row.map(formatResultCell).join(",")).join(";")}}`,
      spill: `spills ${rows.length} ${rows.length === 1 ? "row" : "rows"} x ${cols} ${cols === 1 ? "column" : "columns"}`,
    };
  }
  return { literal: formatResultCell(result), spill: "" };
}

function formatResultCell(value) {
  if (typeof value === "string" && !ERROR_TEXTS.includes(value)) return value;
  return formatCell(value);
}

/** `ebit = 10; interest_expense = -4`, in parameter order; omitted optionals are named as such. */
function formatInputs(fn, args) {
  const params = fn.parameters || [];
  const parts = [];
  for (let i = 0; i < Math.max(params.length, args.length); i++) {
    const name = params[i] ? params[i].name : `argument ${i + 1}`;
    const value = args[i];
    if (value === null || value === undefined) {
      if (params[i] && params[i].optional) parts.push(`${name} omitted`);
      else parts.push(`${name} = (blank)`);
    } else {
      parts.push(`${name} = ${formatValue(value)}`);
    }
  }
  return parts.join("; ");
}

/** Everything both renderers show, as plain text (each renderer escapes for its format). */
function buildModel(metadata, examples) {
  const entries = (examples && examples.functions) || {};
  const functions = (metadata.functions || []).map((fn) => {
    const entry = Object.prototype.hasOwnProperty.call(entries, fn.id) ? entries[fn.id] : {};
    return {
      id: String(fn.id),
      anchor: anchorOf(fn),
      title: qualifiedName(fn),
      signature: signature(fn),
      description: fn.description || "",
      parameters: (fn.parameters || []).map((p) => ({
        name: p.name,
        description: p.description || "",
        optional: p.optional === true,
        dimensionality: describeDimensionality(p.dimensionality),
        type: p.type || "any",
      })),
      returns: describeResult(fn),
      options: describeOptions(fn),
      errors: (entry.errors || []).map((e) => ({ error: e.error, when: e.when })),
      examples: (entry.examples || []).map((ex) => ({
        formula: ex.formula,
        inputs: formatInputs(fn, ex.args || []),
        result: formatResult(ex.result),
        source: ex.source || "",
      })),
    };
  });
  return {
    title: `${NAMESPACE} function reference`,
    intro:
      (examples && examples.intro) ||
      `Every ${NAMESPACE} custom function: what it computes, its arguments, the errors it gives and worked examples.`,
    conventions: (examples && examples.conventions) || [],
    commonErrors: (examples && examples.commonErrors) || [],
    functions,
  };
}

// ---------------------------------------------------------------------------------------------
// Markdown
// ---------------------------------------------------------------------------------------------

/** Prose as literal Markdown text: no emphasis, links, HTML or table breaks sneak in. */
function mdText(text) {
  return String(text)
    .replace(/\r?\n/g, " ")
    .replace(/[\\`*<>[\]|]/g, "\\$&")
    .replace(/(^|[^A-Za-z0-9])_|_(?=[^A-Za-z0-9]|$)/g, (m) => m.replace("_", "\\_"));
}

/** A code span that survives any backticks inside, safe in a table cell. */
function mdCode(text) {
  const s = String(text).replace(/\r?\n/g, " ");
  const runs = s.match(/`+/g) || [];
  const fence = "`".repeat(runs.reduce((n, run) => Math.max(n, run.length), 0) + 1);
  const pad = s.startsWith("`") || s.endsWith("`") ? " " : "";
  return `${fence}${pad}${s}${pad}${fence}`.replace(/\|/g, "\\|");
}

/** Excel's error spellings as code; anything else (such as "the input's error") as prose. */
function mdError(text) {
  return ERROR_TEXTS.includes(text) ? mdCode(text) : mdText(text);
}

/** An attribute value inside the raw HTML anchors Markdown allows. */
function mdAttr(text) {
  return escapeHtml(text);
}

function mdTable(header, rows) {
  const lines = [`| ${header.join(" | ")} |`, `|${header.map(() => "---").join("|")}|`];
  for (const row of rows) lines.push(`| ${row.join(" | ")} |`);
  return lines;
}

function renderMarkdown(metadata, examples) {
  const model = buildModel(metadata, examples);
  const out = [];
  out.push(`# ${mdText(model.title)}`, "");
  out.push(
    "<!-- Generated by scripts/gen-docs.js (`npm run docs`) from dist/functions.json and docs/function-examples.json. Do not edit by hand. -->",
    "",
  );
  out.push(
    "> Generated by `npm run docs` from `dist/functions.json` (built from the function registry, `src/functions/registry.ts`) and `docs/function-examples.json`. Do not edit this file by hand: change the function's registry entry (then `npm run functions`) or the examples file, run `npm run build` and `npm run docs`. A test fails when this file is stale.",
    "",
  );
  out.push(mdText(model.intro), "");

  out.push("## Contents", "");
  if (model.conventions.length > 0 || model.commonErrors.length > 0) {
    out.push("- [Conventions for every function](#conventions)");
  }
  for (const fn of model.functions) {
    out.push(`- [${mdText(fn.title)}](#${encodeURI(fn.anchor)}): ${mdText(fn.description)}`);
  }
  out.push("");

  if (model.conventions.length > 0 || model.commonErrors.length > 0) {
    out.push('<a id="conventions"></a>', "", "## Conventions for every function", "");
    for (const line of model.conventions) out.push(`- ${mdText(line)}`);
    if (model.conventions.length > 0) out.push("");
    if (model.commonErrors.length > 0) {
      out.push("Errors any function can give, for the element concerned:", "");
      out.push(...mdTable(["Error", "When"], model.commonErrors.map((e) => [mdError(e.error), mdText(e.when)])));
      out.push("");
    }
  }

  for (const fn of model.functions) {
    out.push(`<a id="${mdAttr(fn.anchor)}"></a>`, "", `## ${mdText(fn.title)}`, "");
    out.push(mdCode(fn.signature), "");
    out.push(mdText(fn.description), "");
    if (fn.options.length > 0) out.push(`Options: ${mdText(fn.options.join("; "))}.`, "");

    out.push("### Parameters", "");
    if (fn.parameters.length === 0) {
      out.push("None.");
    } else {
      out.push(
        ...mdTable(
          ["Parameter", "Meaning and unit", "Optional", "Takes"],
          fn.parameters.map((p) => [mdCode(p.name), mdText(p.description), p.optional ? "optional" : "required", mdText(p.dimensionality)]),
        ),
      );
    }
    out.push("");

    out.push("### Returns", "", mdText(fn.returns), "");

    out.push("### Errors", "");
    if (fn.errors.length > 0) {
      out.push(...mdTable(["Error", "When"], fn.errors.map((e) => [mdError(e.error), mdText(e.when)])), "");
    } else {
      out.push("No errors of its own.", "");
    }
    if (model.commonErrors.length > 0) out.push("Plus the errors every function gives: see [Conventions](#conventions).", "");

    out.push("### Examples", "");
    if (fn.examples.length === 0) {
      out.push("No worked examples yet.");
    } else {
      out.push(
        ...mdTable(
          ["Formula", "Inputs", "Result", "Source of the reference number"],
          fn.examples.map((ex) => [
            mdCode(ex.formula),
            mdText(ex.inputs),
            ex.result.spill ? `${mdCode(ex.result.literal)} (${mdText(ex.result.spill)})` : mdCode(ex.result.literal),
            mdText(ex.source),
          ]),
        ),
      );
    }
    out.push("");
  }
  return out.join("\n").replace(/\n+$/, "\n");
}

// ---------------------------------------------------------------------------------------------
// HTML
// ---------------------------------------------------------------------------------------------

/** Every piece of text goes through here: metadata and examples are rendered as text, never markup. */
function escapeHtml(text) {
  return String(text)
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
}

function htmlTable(header, rows) {
  const head = `<tr>${header.map((h) => `<th scope="col">${escapeHtml(h)}</th>`).join("")}</tr>`;
  const body = rows.map((row) => `<tr>${row.join("")}</tr>`).join("\n");
  return `<table>\n<thead>${head}</thead>\n<tbody>\n${body}\n</tbody>\n</table>`;
}

const td = (text) => `<td>${escapeHtml(text)}</td>`;
const tdCode = (text) => `<td><code>${escapeHtml(text)}</code></td>`;
const tdError = (text) => (ERROR_TEXTS.includes(text) ? tdCode(text) : td(text));

/**
 * A self-contained page. Its CSP allows nothing but the add-in's own stylesheet: no script
 * of any kind, no inline style, no images, frames, forms or base changes.
 */
const CSP = "default-src 'none'; style-src 'self'; img-src 'none'; base-uri 'none'; form-action 'none'";

function renderHtml(metadata, examples) {
  const model = buildModel(metadata, examples === undefined ? loadExamples() : examples);
  const out = [];
  out.push(
    "<!doctype html>",
    '<html lang="en">',
    "<head>",
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${CSP}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="referrer" content="no-referrer">',
    `<title>${escapeHtml(model.title)}</title>`,
    '<link rel="stylesheet" href="taskpane.css">',
    "</head>",
    "<body>",
    "<main>",
    `<h1>${escapeHtml(model.title)}</h1>`,
    `<p>${escapeHtml(model.intro)}</p>`,
    '<nav aria-label="Functions">',
    "<h2>Contents</h2>",
    "<ul>",
  );
  if (model.conventions.length > 0 || model.commonErrors.length > 0) {
    out.push('<li><a href="#conventions">Conventions for every function</a></li>');
  }
  for (const fn of model.functions) {
    out.push(`<li><a href="#${escapeHtml(encodeURI(fn.anchor))}">${escapeHtml(fn.title)}</a>: ${escapeHtml(fn.description)}</li>`);
  }
  out.push("</ul>", "</nav>");

  if (model.conventions.length > 0 || model.commonErrors.length > 0) {
    out.push('<section id="conventions">', "<h2>Conventions for every function</h2>");
    if (model.conventions.length > 0) {
      out.push("<ul>", ...model.conventions.map((line) => `<li>${escapeHtml(line)}</li>`), "</ul>");
    }
    if (model.commonErrors.length > 0) {
      out.push("<p>Errors any function can give, for the element concerned:</p>");
      out.push(htmlTable(["Error", "When"], model.commonErrors.map((e) => [tdError(e.error), td(e.when)])));
    }
    out.push("</section>");
  }

  for (const fn of model.functions) {
    out.push(`<section id="${escapeHtml(fn.anchor)}">`, `<h2>${escapeHtml(fn.title)}</h2>`);
    out.push(`<p><code>${escapeHtml(fn.signature)}</code></p>`, `<p>${escapeHtml(fn.description)}</p>`);
    if (fn.options.length > 0) out.push(`<p>Options: ${escapeHtml(fn.options.join("; "))}.</p>`);
    out.push("<h3>Parameters</h3>");
    if (fn.parameters.length === 0) {
      out.push("<p>None.</p>");
    } else {
      out.push(
        htmlTable(
          ["Parameter", "Meaning and unit", "Optional", "Takes"],
          fn.parameters.map((p) => [tdCode(p.name), td(p.description), td(p.optional ? "optional" : "required"), td(p.dimensionality)]),
        ),
      );
    }
    out.push("<h3>Returns</h3>", `<p>${escapeHtml(fn.returns)}</p>`);
    out.push("<h3>Errors</h3>");
    if (fn.errors.length > 0) {
      out.push(htmlTable(["Error", "When"], fn.errors.map((e) => [tdError(e.error), td(e.when)])));
    } else {
      out.push("<p>No errors of its own.</p>");
    }
    if (model.commonErrors.length > 0) {
      out.push('<p>Plus the errors every function gives: see <a href="#conventions">Conventions</a>.</p>');
    }
    out.push("<h3>Examples</h3>");
    if (fn.examples.length === 0) {
      out.push("<p>No worked examples yet.</p>");
    } else {
      out.push(
        htmlTable(
          ["Formula", "Inputs", "Result", "Source of the reference number"],
          fn.examples.map((ex) => [
            tdCode(ex.formula),
            td(ex.inputs),
            ex.result.spill
              ? `<td><code>${escapeHtml(ex.result.literal)}</code> (${escapeHtml(ex.result.spill)})</td>`
              : tdCode(ex.result.literal),
            td(ex.source),
          ]),
        ),
      );
    }
    out.push("</section>");
  }
  out.push("</main>", "</body>", "</html>", "");
  return out.join("\n");
}

module.exports = { renderMarkdown, renderHtml, escapeHtml, anchorOf, EXAMPLES_PATH };
