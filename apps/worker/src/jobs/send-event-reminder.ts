import type { JobPayload } from "@flynn/jobs";
import type { JobHelpers } from "graphile-worker";
import type { WorkerDeps } from "../deps";

// Placeholder while issue 7 is built: the job is in the contract, its handler comes next.
export async function sendEventReminderTask(
  _deps: WorkerDeps,
  _payload: JobPayload<"send-event-reminder">,
  helpers: JobHelpers,
): Promise<void> {
  helpers.logger.warn("send-event-reminder: not implemented yet");
}
