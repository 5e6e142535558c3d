import { databaseTestConfig } from "@flynn/vitest-config";

export default databaseTestConfig();
