/**
 * Two projects: `unit` runs the pure extraction core with no database;
 * `api` drives the real app against a real Postgres (one throwaway cluster per run,
 * started by test/global-setup.ts unless DATABASE_URL is given).
 */
const common = {
  preset: "ts-jest",
  testEnvironment: "node",
  setupFiles: ["reflect-metadata"],
};
module.exports = {
  testTimeout: 60000,
  maxWorkers: 1,
  projects: [
    { ...common, displayName: "unit", testMatch: ["<rootDir>/test/unit/**/*.test.ts"] },
    {
      ...common,
      displayName: "api",
      testMatch: ["<rootDir>/test/api/**/*.test.ts"],
      globalSetup: "<rootDir>/test/global-setup.ts",
      globalTeardown: "<rootDir>/test/global-teardown.ts",
    },
  ],
};
