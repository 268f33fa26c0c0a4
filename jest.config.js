/** @type {import('jest').Config} */
module.exports = {
  preset: "ts-jest",
  testEnvironment: "node",
  roots: ["<rootDir>/test", "<rootDir>/src"],
  testMatch: ["**/*.test.ts"],
  // office-addin-mock loads office-addin-manifest, which reaches an ESM-only package jest
  // cannot require on Node 20; the mock only needs the OfficeApp enum (CONTRIBUTING.md).
  moduleNameMapper: {
    "^office-addin-manifest$": "<rootDir>/node_modules/office-addin-manifest/lib/officeApp.js",
  },
  transform: {
    "^.+\\.ts$": ["ts-jest", { diagnostics: false }],
  },
  testTimeout: 60000,
  // After jest's own summary: the headline figures and every skipped test with its reason
  // (details in test-output/report.txt; SMALLCAP_VERBOSE=1 prints them inline).
  reporters: ["default", "<rootDir>/test/helpers/summary-reporter.js"],
};
