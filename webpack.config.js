// Builds the shared-runtime layout of Microsoft's Excel custom-functions template: one
// taskpane.html page hosts the runtime and loads the task pane, the ribbon commands and the
// custom functions; CustomFunctionsMetadataPlugin generates functions.json from the JSDoc in
// src/functions/functions.ts and appends the CustomFunctions.associate calls.
const path = require("path");
const fs = require("fs");
const os = require("os");
const CopyWebpackPlugin = require("copy-webpack-plugin");
const HtmlWebpackPlugin = require("html-webpack-plugin");
const CustomFunctionsMetadataPlugin = require("custom-functions-metadata-plugin");
const { sources, Compilation, DefinePlugin } = require("webpack");
const { URL_DEV, resolveAddinUrl } = require("./scripts/addin-url.js");
const { paneCsp, originOf } = require("./scripts/csp.js");
/** Microsoft's CDN: Marketplace add-ins must load office.js from here. */
const OFFICE_JS_CDN = "https://appsforoffice.microsoft.com/lib/1/hosted/office.js";
/**
 * `OFFICE_JS=local` serves the copy shipped in @microsoft/office-js instead (for work
 * offline; the browser preview, `npm run preview`, needs no office.js at all). Sideloading
 * into Excel uses the CDN in every mode, so office.js finds its host files beside it.
 */
const OFFICE_JS_LOCAL = process.env.OFFICE_JS === "local" ? "office-js/office.js" : null;

/**
 * The generator's functions.json as Excel must get it: the one post-processing step of the
 * metadata, in every build mode.
 *
 * - `allowErrorForDataTypeAny: true`: without it Excel does not call a function whose `any`
 *   or `any[][]` argument holds an error, and shows that one error for the whole formula, so
 *   one `#N/A` among 500 rows blanks all 500. With it, error cells reach the functions, which
 *   answer element by element. Microsoft: "Errors as custom function inputs" in
 *   https://learn.microsoft.com/office/dev/add-ins/excel/custom-functions-errors and
 *   "allowErrorForDataTypeAny" in https://learn.microsoft.com/office/dev/add-ins/excel/custom-functions-json
 *   ("can only be used with manually created JSON metadata": the generator cannot write it).
 * - `allowCustomDataForDataTypeAny: true` (the generator writes it; kept true here): cells
 *   holding data types (formatted numbers, entity cards) arrive as their JSON objects, which
 *   src/core/values.ts reads. https://learn.microsoft.com/office/dev/add-ins/excel/custom-functions-data-types-concepts
 */
const EXCEL_METADATA_FLAGS = Object.freeze({ allowCustomDataForDataTypeAny: true, allowErrorForDataTypeAny: true });
function excelMetadata(metadata) {
  // The flags first (where Microsoft's example puts them), and true whatever the generator wrote.
  return { ...EXCEL_METADATA_FLAGS, ...metadata, ...EXCEL_METADATA_FLAGS };
}

/** After the metadata plugin emits functions.json: Excel's flags, production URLs, and the HTML function reference. */
class FunctionReferencePlugin {
  constructor(options) {
    this.options = options;
  }
  apply(compiler) {
    compiler.hooks.thisCompilation.tap("FunctionReferencePlugin", (compilation) => {
      compilation.hooks.processAssets.tap(
        { name: "FunctionReferencePlugin", stage: Compilation.PROCESS_ASSETS_STAGE_ADDITIONS },
        () => {
          const asset = compilation.getAsset("functions.json");
          if (!asset) return;
          let json = asset.source.source().toString();
          if (this.options.urlProd !== URL_DEV) json = json.split(URL_DEV).join(this.options.urlProd);
          const metadata = excelMetadata(JSON.parse(json));
          compilation.updateAsset("functions.json", new sources.RawSource(JSON.stringify(metadata, null, 2) + "\n"));
          const reference = require("./scripts/reference.js");
          compilation.emitAsset("functions.html", new sources.RawSource(reference.renderHtml(metadata)));
        },
      );
    });
  }
}

function devServerHttps() {
  // Certificates made by `npx office-addin-dev-certs install`, when present; otherwise
  // webpack-dev-server makes a self-signed one (fine for the browser preview, not trusted by Excel).
  const dir = path.join(os.homedir(), ".office-addin-dev-certs");
  const key = path.join(dir, "localhost.key");
  const cert = path.join(dir, "localhost.crt");
  const ca = path.join(dir, "ca.crt");
  if (fs.existsSync(key) && fs.existsSync(cert)) {
    return { type: "https", options: { key: fs.readFileSync(key), cert: fs.readFileSync(cert), ca: fs.existsSync(ca) ? fs.readFileSync(ca) : undefined } };
  }
  return "https";
}

module.exports = (env, options) => {
  const dev = options.mode !== "production";
  // Checked before anything is built: a bad ADDIN_URL fails here with what is wrong.
  const { url: URL_PROD, notice } = resolveAddinUrl(process.env.ADDIN_URL, !dev);
  if (notice !== null) console.warn(`\n${notice}\n`);
  const officeJs = OFFICE_JS_LOCAL ?? OFFICE_JS_CDN;
  return {
    devtool: dev ? "source-map" : false,
    entry: {
      taskpane: "./src/taskpane/taskpane.ts",
      commands: "./src/commands/commands.ts",
      functions: "./src/functions/functions.ts",
    },
    output: {
      path: path.resolve(__dirname, "dist"),
      filename: "[name].js",
      clean: true,
    },
    resolve: { extensions: [".ts", ".js"] },
    module: {
      rules: [
        {
          test: /\.ts$/,
          exclude: /node_modules/,
          // Type-checking is `npm run typecheck` (tsc --noEmit); transpiling only here keeps
          // watch mode free of ts-loader's bogus rebuild errors (CONTRIBUTING.md).
          // ES modules for webpack (tsconfig's CommonJS is for jest and the CLI): lets webpack
          // take zod's ES build and drop what the bundles do not use.
          use: { loader: "ts-loader", options: { transpileOnly: true, compilerOptions: { module: "es2020" } } },
        },
      ],
    },
    performance: { hints: false },
    plugins: [
      new CustomFunctionsMetadataPlugin({ input: "./src/functions/functions.ts", output: "functions.json" }),
      // The registry's texts (src/functions/registry.ts, `WITH_DOCS`) stay out of the bundles:
      // Excel reads them from functions.json.
      new DefinePlugin({ SMALLCAP_FUNCTION_DOCS: "false" }),
      new FunctionReferencePlugin({ urlProd: dev ? URL_DEV : URL_PROD }),
      new HtmlWebpackPlugin({
        filename: "taskpane.html",
        template: "./src/taskpane/taskpane.html",
        chunks: ["taskpane", "commands", "functions"],
        templateParameters: { officeJs, csp: paneCsp(originOf(officeJs)) },
      }),
      new HtmlWebpackPlugin({
        filename: "support.html",
        template: "./src/taskpane/support.html",
        chunks: [],
      }),
      new CopyWebpackPlugin({
        patterns: [
          { from: "assets/*.png", to: "assets/[name][ext]" },
          { from: "src/taskpane/taskpane.css", to: "taskpane.css" },
          {
            from: "manifest*.xml",
            to: "[name][ext]",
            transform(content) {
              return dev ? content : content.toString().split(URL_DEV).join(URL_PROD);
            },
          },
          // office.js loads its host files and en-US strings from beside itself.
          ...(OFFICE_JS_LOCAL
            ? [
                {
                  from: "node_modules/@microsoft/office-js/dist/*.js",
                  to: "office-js/[name][ext]",
                  globOptions: { ignore: ["**/*.debug.js"] },
                },
                { from: "node_modules/@microsoft/office-js/dist/en-us/*.js", to: "office-js/en-us/[name][ext]" },
              ]
            : []),
        ],
      }),
    ],
    devServer: {
      static: { directory: path.resolve(__dirname, "dist"), watch: false },
      headers: { "Access-Control-Allow-Origin": "*" },
      server: devServerHttps(),
      port: Number(process.env.npm_package_config_dev_server_port || 3000),
      hot: false,
      liveReload: false,
    },
  };
};
