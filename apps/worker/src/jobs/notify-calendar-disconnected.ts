import type { JobPayload } from "@flynn/jobs";
import type { JobHelpers } from "graphile-worker";
import type { WorkerDeps } from "../deps";

// Placeholder while issue 7 is built: the job is in the contract, its handler comes next.
export async function notifyCalendarDisconnectedTask(
  _deps: WorkerDeps,
  _payload: JobPayload<"notify-calendar-disconnected">,
  helpers: JobHelpers,
): Promise<void> {
  helpers.logger.warn("notify-calendar-disconnected: not implemented yet");
}
