/** Tests run against a real Postgres: one throwaway cluster per run (see test/global-setup.ts). */
module.exports = {
  preset: "ts-jest",
  testEnvironment: "node",
  roots: ["<rootDir>/test"],
  testMatch: ["**/*.test.ts"],
  globalSetup: "<rootDir>/test/global-setup.ts",
  globalTeardown: "<rootDir>/test/global-teardown.ts",
  setupFiles: ["reflect-metadata"],
  maxWorkers: 1,
  testTimeout: 30000,
};
