// Three suites, selected with --selectProjects: unit (no sockets), integration (real HTTP against the
// emulator) and e2e (the real Pulumi CLI).
const tsJest = ["ts-jest", { tsconfig: "tsconfig.json" }];
const common = { testEnvironment: "node", transform: { "^.+\\.ts$": tsJest } };

/** @type {import('jest').Config} */
module.exports = {
  projects: [
    {
      ...common,
      displayName: "unit",
      testMatch: ["<rootDir>/tests/unit/**/*.test.ts"],
      setupFilesAfterEnv: ["<rootDir>/tests/support/noSockets.ts"],
    },
    { ...common, displayName: "integration", testMatch: ["<rootDir>/tests/integration/**/*.test.ts"] },
    { ...common, displayName: "e2e", testMatch: ["<rootDir>/tests/e2e/**/*.test.ts"] },
  ],
};
