import { databaseTestConfig } from "@flynn/vitest-config";

// Each test starts the API and the worker as processes of their own and waits for what they
// do (a call processed, an email sent): on a loaded two-core machine that takes tens of
// seconds, so the timeout only guards against a test that hangs.
export default databaseTestConfig({ globalSetup: ["./src/global-setup.ts"], testTimeout: 120_000 });
