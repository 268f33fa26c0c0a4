// Where a production build of the add-in is hosted: the ADDIN_URL environment variable, checked
// before webpack starts so that a mistyped address fails the build with a message instead of
// shipping a manifest Office refuses or that points at the wrong place. Plain Node (webpack's
// config requires it; test/addin-url.test.ts tests it).
"use strict";

/** Where the dev server serves the add-in; every URL in manifest.xml starts with it. */
const URL_DEV = "https://localhost:3000/";

/**
 * The base URL every manifest and metadata URL is rewritten to, and a notice to print (or
 * null). `value` is ADDIN_URL as set (undefined or "" when unset). Throws an Error whose
 * message says what is wrong and what is expected.
 *
 * Office loads add-in pages only over https (Microsoft's manifest reference requires https
 * for SourceLocation and the resource URLs), and the manifest's URLs are the base followed by
 * a file name, so the base must end with "/".
 */
function resolveAddinUrl(value, production) {
  if (value === undefined || value === "") {
    const notice = production
      ? `ADDIN_URL is not set: this build's manifest.xml and functions.json point at ${URL_DEV} (the dev server). ` +
        "Set ADDIN_URL to the https address the add-in is hosted at (with a trailing slash) for a build to deploy."
      : null;
    return { url: URL_DEV, notice };
  }
  const problem = addinUrlProblem(value);
  if (problem !== null) {
    throw new Error(`ADDIN_URL=${JSON.stringify(value)} ${problem}. Expected an https address ending in "/", such as https://addin.example.com/smallcap/`);
  }
  return { url: value, notice: null };
}

/** Why `value` cannot be the add-in's base URL, or null when it can. */
function addinUrlProblem(value) {
  let parsed;
  try {
    parsed = new URL(value);
  } catch {
    return "is not a URL";
  }
  if (parsed.protocol !== "https:") return `uses ${parsed.protocol.replace(/:$/, "")}, not https (Office loads add-ins over https only)`;
  if (parsed.username !== "" || parsed.password !== "") return "carries a user name or password";
  if (parsed.search !== "" || parsed.hash !== "") return "has a query or fragment (file names are appended to it)";
  if (!value.endsWith("/")) return "does not end with \"/\" (file names such as taskpane.html are appended to it)";
  if (parsed.href !== value) return `is not written in its canonical form (${parsed.href})`;
  return null;
}

module.exports = { URL_DEV, resolveAddinUrl, addinUrlProblem };
