/**
 * Turns a finished call into its overview and events: marks it `processing`, obtains the
 * transcript (Twilio's, else its own transcription of the recording, kept on the call so a
 * rerun does not pay twice), runs the extractor and validates its output (outside any
 * transaction: an AI call must not hold a row lock), then in one statement stores the
 * overview, the events and `completed`, and queues `send-call-overview`. A crash before it
 * commits leaves nothing half-written and graphile-worker reruns the job; a rerun after it
 * finds the call completed and does nothing.
 *
 * Twilio's transcription callback comes after the recording's. The recording webhook schedules
 * the job for when the wait for it ends (TWILIO_TRANSCRIPT_WAIT_MS) when Twilio will
 * transcribe, and the transcription callback brings it forward, so the job normally finds the
 * transcript. When it does not (Twilio never transcribes a forwarded call's recording, or
 * its transcription failed) and this worker cannot transcribe, the call fails at once with
 * NO_TWILIO_TRANSCRIPT_REASON; a transcript that arrives after all queues the job again.
 *
 * Failures: a PermanentExtractionError (no transcript to be had, a refusal, output invalid
 * after retries) marks the call `failed` with the reason and ends the job. Anything else is
 * thrown so graphile-worker retries it with backoff; on the job's last attempt the call is
 * marked `failed` too, so the dashboard never shows it processing forever.
 */
import {
  loadProcessCallData,
  markCallFailed,
  markCallProcessing,
  type ProcessCallData,
  saveCallTranscript,
  saveExtraction,
} from "@flynn/db/queries/process-call";
import { checkExtraction, PermanentExtractionError } from "@flynn/extraction";
import { addJobStatement, type JobPayload } from "@flynn/jobs";
import type { JobHelpers } from "graphile-worker";
import type { WorkerDeps } from "../deps";

export type ProcessCallResult = "completed" | "already-completed" | "failed" | "missing";

export const NO_TRANSCRIPT_REASON = "the call has no transcript and no recording";
export const NO_TWILIO_TRANSCRIPT_REASON =
  "Twilio sent no transcript of the recording, and transcribing it needs OPENAI_API_KEY";
export const EMPTY_TRANSCRIPTION_REASON = "nothing was said in the recording";

/** Reasons are shown in the dashboard; a provider's long error body is cut. */
const MAX_REASON_LENGTH = 300;

export interface ProcessCallOptions {
  /** graphile-worker will not run the job again: a transient failure is final now. */
  lastAttempt?: boolean;
}

export async function runProcessCall(
  deps: WorkerDeps,
  { callId }: JobPayload<"process-call">,
  options: ProcessCallOptions = {},
): Promise<ProcessCallResult> {
  const data = await loadProcessCallData(deps.db, callId);
  if (!data) return "missing";
  if (data.call.aiProcessingStatus === "completed") return "already-completed";
  if (!data.marked && !(await markCallProcessing(deps.db, callId))) return "already-completed";

  try {
    return await extractAndSave(deps, data);
  } catch (error) {
    const permanent = error instanceof PermanentExtractionError;
    if (permanent || options.lastAttempt) {
      const message = error instanceof Error ? error.message : String(error);
      const reason = permanent ? message : `gave up after repeated failures: ${message}`;
      await markCallFailed(deps.db, { callId, reason: reason.slice(0, MAX_REASON_LENGTH), now: deps.now() });
      if (permanent) return "failed";
    }
    throw error;
  }
}

async function extractAndSave(deps: WorkerDeps, data: ProcessCallData): Promise<ProcessCallResult> {
  const { call } = data;
  const transcript = await obtainTranscript(deps, data);
  const output = await deps.extractor.extract({
    transcript,
    callStartedAt: call.createdAt.toISOString(),
    timezone: data.timezone,
    industry: data.industryType,
    allowedEventTypes: data.config?.eventTypes,
    defaultDurationMinutes: data.config?.defaultDurationMinutes ?? undefined,
    terminology: data.config?.terminology ?? undefined,
    businessHours: data.config?.businessHours ?? undefined,
    callerNumber: call.callerNumber,
  });
  // Whatever the extractor, nothing reaches the database that the schema (and the
  // industry's event types) would refuse.
  const checked = checkExtraction(output, data.config?.eventTypes);
  if (!checked.ok) throw new PermanentExtractionError(`the extraction is invalid: ${checked.problem}`);

  const saved = await saveExtraction(deps.db, {
    callId: call.id,
    userId: call.userId,
    timezone: data.timezone,
    autoConfirmEnabled: data.config?.autoConfirmEnabled === true,
    result: checked.result,
    keyring: deps.keyring,
    now: deps.now(),
    whenSaved: addJobStatement("send-call-overview", { callId: call.id }),
  });
  return saved.kind === "saved" ? "completed" : saved.kind;
}

/** Twilio's transcript, else the recording transcribed (and stored); a call with neither fails for good. */
async function obtainTranscript(deps: WorkerDeps, { call }: ProcessCallData): Promise<string> {
  const twilio = call.transcriptionText?.trim();
  if (twilio) return twilio;
  if (!call.recordingUrl) throw new PermanentExtractionError(NO_TRANSCRIPT_REASON);
  if (!deps.transcription) throw new PermanentExtractionError(NO_TWILIO_TRANSCRIPT_REASON);
  const audio = await deps.transcription.recordings.download(call.recordingUrl);
  const text = (await deps.transcription.transcriber.transcribe(audio)).trim();
  if (!text) throw new PermanentExtractionError(EMPTY_TRANSCRIPTION_REASON);
  await saveCallTranscript(deps.db, { callId: call.id, text });
  return text;
}

export async function processCall(
  deps: WorkerDeps,
  payload: JobPayload<"process-call">,
  helpers: JobHelpers,
): Promise<void> {
  const lastAttempt = helpers.job.attempts >= helpers.job.max_attempts;
  const result = await runProcessCall(deps, payload, { lastAttempt });
  helpers.logger.info(`process-call ${payload.callId}: ${result}`);
}
