import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    globalSetup: ["@flynn/db/testing/global-setup"],
    include: ["src/**/*.test.ts"],
    testTimeout: 20_000,
    hookTimeout: 60_000,
  },
});
