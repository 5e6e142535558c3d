import { databaseTestConfig } from "@flynn/vitest-config";

// Each test starts the API and the worker as processes of their own.
export default databaseTestConfig({ globalSetup: ["./src/global-setup.ts"], testTimeout: 30_000 });
