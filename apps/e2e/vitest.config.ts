import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    globalSetup: ["@flynn/db/testing/global-setup", "./src/global-setup.ts"],
    include: ["src/**/*.test.ts"],
    // Each test starts the API and the worker as processes of their own.
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
