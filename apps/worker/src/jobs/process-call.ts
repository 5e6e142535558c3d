/**
 * Turns a finished call into its overview and events: marks it `processing`, runs the
 * extractor on its transcript (outside any transaction: an AI call must not hold a row
 * lock), then in one transaction stores the overview, the events and `completed`, and
 * queues `send-call-overview`. A crash before that commit leaves nothing half-written and
 * graphile-worker reruns the job; a rerun after it finds the call completed and does nothing.
 *
 * Only the transcript Twilio sent is used for now: a call without one fails for good (no
 * retry) until transcription of the recording exists. An extractor error is thrown, so
 * graphile-worker retries it with backoff.
 */
import {
  loadProcessCallData,
  markCallFailed,
  markCallProcessing,
  saveExtraction,
} from "@flynn/db/queries/process-call";
import { enqueueJob, type JobPayload } from "@flynn/jobs";
import type { JobHelpers } from "graphile-worker";
import type { WorkerDeps } from "../deps";

export type ProcessCallResult = "completed" | "already-completed" | "failed" | "missing";

export const NO_TRANSCRIPT_REASON = "the call has no transcript";

export async function runProcessCall(
  deps: WorkerDeps,
  { callId }: JobPayload<"process-call">,
): Promise<ProcessCallResult> {
  const data = await loadProcessCallData(deps.db, callId);
  if (!data) return "missing";
  if (data.call.aiProcessingStatus === "completed") return "already-completed";

  const transcript = data.call.transcriptionText?.trim();
  if (!transcript) {
    await markCallFailed(deps.db, { callId, reason: NO_TRANSCRIPT_REASON, now: deps.now() });
    return "failed";
  }
  if (!(await markCallProcessing(deps.db, callId))) return "already-completed";

  const result = await deps.extractor.extract({
    transcript,
    callStartedAt: data.call.createdAt.toISOString(),
    timezone: data.timezone,
    industry: data.industryType,
    allowedEventTypes: data.config?.eventTypes,
    defaultDurationMinutes: data.config?.defaultDurationMinutes ?? undefined,
    callerNumber: data.call.callerNumber,
  });

  return deps.db.transaction(async (tx) => {
    const saved = await saveExtraction(tx, {
      callId,
      userId: data.call.userId,
      timezone: data.timezone,
      autoConfirmEnabled: data.config?.autoConfirmEnabled === true,
      result,
      now: deps.now(),
    });
    if (saved.kind !== "saved") return saved.kind;
    await enqueueJob(tx, "send-call-overview", { callId });
    return "completed";
  });
}

export async function processCall(
  deps: WorkerDeps,
  payload: JobPayload<"process-call">,
  helpers: JobHelpers,
): Promise<void> {
  const result = await runProcessCall(deps, payload);
  helpers.logger.info(`process-call ${payload.callId}: ${result}`);
}
