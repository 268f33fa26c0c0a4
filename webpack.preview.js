// The browser preview of the screener pane (`npm run preview`): the same pane as the add-in,
// over an in-memory workbook loaded with synthetic sample data. It needs no Excel, no Office.js
// and no network; the page's CSP allows nothing but its own origin.
//
//   npm run preview                              serve on http://localhost:3001
//   npx webpack --config webpack.preview.js      build into dist/preview/ (or --env outputPath=...)
const path = require("path");
const CopyWebpackPlugin = require("copy-webpack-plugin");
const HtmlWebpackPlugin = require("html-webpack-plugin");
const { paneCsp } = require("./scripts/csp.js");

const PORT = Number(process.env.SMALLCAP_PREVIEW_PORT || 3001);

module.exports = (env = {}, argv = {}) => {
  const mode = argv.mode || "development";
  return {
    mode,
    // No eval-based source maps: the page's CSP has no 'unsafe-eval'.
    devtool: mode === "production" ? false : "source-map",
    entry: { preview: "./src/preview/preview.ts" },
    output: {
      path: path.resolve(env.outputPath || path.join(__dirname, "dist", "preview")),
      filename: "[name].js",
      clean: true,
    },
    resolve: { extensions: [".ts", ".js"] },
    module: {
      rules: [
        {
          test: /\.ts$/,
          exclude: /node_modules/,
          // Type-checking is `npm run typecheck`; here only transpiling (see webpack.config.js).
          use: { loader: "ts-loader", options: { transpileOnly: true, compilerOptions: { sourceMap: mode !== "production", module: "es2020" } } },
        },
      ],
    },
    performance: { hints: false },
    plugins: [
      // The task pane's own policy (scripts/csp.js), without office.js: the preview loads none.
      new HtmlWebpackPlugin({ filename: "index.html", template: "./src/preview/preview.html", chunks: ["preview"], templateParameters: { csp: paneCsp(null) } }),
      new CopyWebpackPlugin({
        patterns: [
          { from: "src/taskpane/taskpane.css", to: "taskpane.css" },
          { from: "src/preview/preview.css", to: "preview.css" },
        ],
      }),
    ],
    devServer: {
      static: false,
      host: "localhost",
      port: PORT,
      server: "http",
      hot: false,
      liveReload: false,
      // No client script and no websocket: the page stays within its CSP and its own origin.
      client: false,
      webSocketServer: false,
      open: false,
    },
  };
};
