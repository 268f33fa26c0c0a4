// The task pane page's Content-Security-Policy, in one place: webpack.config.js writes it into
// taskpane.html and webpack.preview.js into the preview page, so the browser tests of the
// preview run the pane under the policy the add-in ships with. Plain Node.
"use strict";

/**
 * The policy for a page whose office.js comes from `officeJsOrigin`: Microsoft's CDN origin
 * ("https://appsforoffice.microsoft.com"), "'self'" for a copy served beside the page, or null
 * for a page without office.js (the browser preview).
 *
 * Scripts: the page's own bundles and office.js, nothing inline, no eval. Styles: the page's
 * own stylesheet only. Frames: office.js's origin and nothing else. When the Office web host
 * is not on office.js's list of trusted hosts (an on-premises Office Online Server, say),
 * office.js checks the host with a hidden iframe of its own page `AgaveErrorUX/index.html`,
 * loaded from the base path office.js itself came from (see the trust check in
 * @microsoft/office-js's dist/excel-web-16.00.debug.js). Blocking that frame would leave the
 * add-in stuck on such hosts; allowing any other frame is not needed.
 */
function paneCsp(officeJsOrigin) {
  const office = officeJsOrigin === null ? [] : [officeJsOrigin];
  const directives = [
    ["default-src", "'self'"],
    ["script-src", ...unique(["'self'", ...office])],
    ["style-src", "'self'"],
    ["img-src", "'self'", "data:"],
    ["font-src", "'self'"],
    ["connect-src", "'self'"],
    ["frame-src", ...(office.length > 0 ? office : ["'none'"])],
    ["object-src", "'none'"],
    ["base-uri", "'self'"],
    ["form-action", "'none'"],
  ];
  return directives.map((parts) => parts.join(" ")).join("; ");
}

/** The origin of an absolute URL, or "'self'" for a path relative to the page. */
function originOf(url) {
  return /^[a-z][a-z0-9+.-]*:/i.test(url) ? new URL(url).origin : "'self'";
}

function unique(list) {
  return [...new Set(list)];
}

module.exports = { paneCsp, originOf };
