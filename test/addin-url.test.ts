/**
 * ADDIN_URL, the address a production build is hosted at, is checked before webpack builds
 * anything (scripts/addin-url.js, used by webpack.config.js): https only, ending in "/", a
 * clear error otherwise; a production build without it says its manifest points at localhost.
 */
import { spawnSync } from "child_process";
import * as path from "path";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { resolveAddinUrl, URL_DEV } = require("../scripts/addin-url.js") as {
  resolveAddinUrl: (value: string | undefined, production: boolean) => { url: string; notice: string | null };
  URL_DEV: string;
};

const ROOT = path.resolve(__dirname, "..");

describe("resolveAddinUrl", () => {
  it("takes an https address ending in /", () => {
    expect(resolveAddinUrl("https://addin.example.com/smallcap/", true)).toEqual({ url: "https://addin.example.com/smallcap/", notice: null });
  });

  it.each([
    ["http://addin.example.com/", /uses http, not https/],
    ["https://addin.example.com", /does not end with "\/"/],
    ["https://addin.example.com/smallcap", /does not end with "\/"/],
    ["addin.example.com/", /is not a URL/],
    ["https://addin.example.com/?v=2/", /query or fragment/],
    ["https://user:secret@addin.example.com/", /user name or password/],
  ])("refuses %s, saying what is wrong and what is expected", (value, reason) => {
    expect(() => resolveAddinUrl(value, true)).toThrow(reason);
    expect(() => resolveAddinUrl(value, true)).toThrow(/Expected an https address ending in "\/"/);
  });

  it("without ADDIN_URL, a production build is told its manifest points at localhost; a development build is not", () => {
    const production = resolveAddinUrl(undefined, true);
    expect(production.url).toBe(URL_DEV);
    expect(production.notice).toContain(`point at ${URL_DEV}`);
    expect(resolveAddinUrl("", false)).toEqual({ url: URL_DEV, notice: null });
  });
});

describe("webpack.config.js applies it", () => {
  const saved = process.env.ADDIN_URL;
  afterEach(() => {
    if (saved === undefined) delete process.env.ADDIN_URL;
    else process.env.ADDIN_URL = saved;
    jest.restoreAllMocks();
  });
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const config = () => require("../webpack.config.js") as (env: object, options: { mode: string }) => unknown;

  it("prints the localhost notice for a production build without ADDIN_URL", () => {
    delete process.env.ADDIN_URL;
    const warn = jest.spyOn(console, "warn").mockImplementation(() => undefined);
    config()({}, { mode: "production" });
    expect(warn.mock.calls.flat().join("\n")).toMatch(/ADDIN_URL is not set: this build's manifest\.xml and functions\.json point at https:\/\/localhost:3000\//);
  });

  it("throws before building for a bad ADDIN_URL", () => {
    process.env.ADDIN_URL = "http://addin.example.com/";
    expect(() => config()({}, { mode: "production" })).toThrow(/ADDIN_URL="http:\/\/addin\.example\.com\/" uses http, not https/);
  });

  it("the webpack CLI exits non-zero with that message", () => {
    const cli = path.join(ROOT, "node_modules", "webpack-cli", "bin", "cli.js");
    const result = spawnSync(process.execPath, [cli, "--mode", "production", "--output-path", path.join(ROOT, "build", "never")], {
      cwd: ROOT,
      env: { ...process.env, ADDIN_URL: "https://addin.example.com" },
      encoding: "utf8",
      timeout: 120_000,
    });
    expect(result.status).not.toBe(0);
    expect(`${result.stdout}${result.stderr}`).toContain('ADDIN_URL="https://addin.example.com" does not end with "/"');
  }, 120_000);
});
