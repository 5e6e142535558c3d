/**
 * PLACEHOLDER: this task only logs and completes. The real `process-call` (transcript,
 * extraction with @flynn/extraction, events in one transaction, then queueing
 * `send-call-overview`) is being written separately and will replace this body. It is
 * registered now so the jobs the webhooks already queue are consumed instead of piling up.
 */
import type { JobPayload } from "@flynn/jobs";
import type { JobHelpers } from "graphile-worker";
import type { WorkerDeps } from "../deps";

export async function processCall(
  _deps: WorkerDeps,
  payload: JobPayload<"process-call">,
  helpers: JobHelpers,
): Promise<void> {
  helpers.logger.info(`process-call ${payload.callId}: extraction not wired yet; nothing done`);
}
