// The bundles the tests start (see processes.ts), built once per run.
import { buildApps } from "./processes";

export default async function setup() {
  await buildApps();
}
