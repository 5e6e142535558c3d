/**
 * The vitest configuration of a package whose tests use the database: one embedded test
 * Postgres for the whole run (@flynn/db's globalSetup), a database per test file
 * (useTestDatabase), and timeouts that allow for creating it on a busy machine.
 * Plain JavaScript: vitest loads its config with Node, which does not run TypeScript
 * from other packages.
 */
import { defineConfig } from "vitest/config";

/** @param {import("vitest/config").ViteUserConfig["test"]} [test] overrides; its globalSetup runs after the database's. */
export function databaseTestConfig(test = {}) {
  return defineConfig({
    test: {
      include: ["src/**/*.test.ts"],
      testTimeout: 20_000,
      hookTimeout: 60_000,
      ...test,
      globalSetup: ["@flynn/db/testing/global-setup", ...[test.globalSetup ?? []].flat()],
    },
  });
}
