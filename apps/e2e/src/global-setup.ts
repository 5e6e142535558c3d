// The bundles the tests start (see processes.ts), built once per run.
import { buildApps } from "@flynn/processes/apps";

export default async function setup() {
  await buildApps();
}
