import type { UserConfig, ViteUserConfig } from "vitest/config";

export function databaseTestConfig(test?: ViteUserConfig["test"]): UserConfig;
