// The bundles the tests start (see processes.ts) and the dashboard the browser test loads,
// built once per run.
import { buildApps } from "@flynn/processes/apps";
import { buildWeb } from "./web-build";

export default async function setup() {
  await Promise.all([buildApps(), buildWeb()]);
}
