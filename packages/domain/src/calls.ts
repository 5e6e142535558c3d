// Input schemas and rules of this domain, shared by the API and the dashboard.
import { z } from "zod";
import { uuidSchema } from "./common";
import { aiProcessingStatusSchema, callStatusSchema, urgencyLevelSchema } from "./enums";
import { listInputSchema } from "./pagination";

export const callListInputSchema = listInputSchema({
  callStatus: z.array(callStatusSchema).optional(),
  aiProcessingStatus: z.array(aiProcessingStatusSchema).optional(),
  urgencyLevel: z.array(urgencyLevelSchema).optional(),
  /** Part of the caller's number or name, the topic or the summary, any case. */
  search: z.string().trim().max(100).optional(),
});
export type CallListInput = z.output<typeof callListInputSchema>;

export const callByIdInputSchema = z.object({ id: uuidSchema });
export type CallByIdInput = z.output<typeof callByIdInputSchema>;

/** How many characters of a summary a list row carries; the full text is in `byId`. */
export const CALL_LIST_SUMMARY_LENGTH = 280;

/**
 * How long a call may sit `pending` or `processing` without a change before the owner may run
 * it again. Longer than the wait for Twilio's transcript (10 minutes, @flynn/jobs), so a
 * call still waiting for it is never queued early.
 */
export const REPROCESS_STALLED_AFTER_MS = 15 * 60_000;

export interface ReprocessableCall {
  callStatus: string | null;
  aiProcessingStatus: string | null;
  updatedAt: Date | null;
}

/**
 * Why "run again" is refused for this call at `now`, or null when it is allowed: a call whose
 * processing failed, or one stalled in `pending`/`processing` (a lost job). A completed call
 * is refused: its events are stored, and extracting again would store them twice.
 */
export function reprocessRefusal(call: ReprocessableCall, now: Date): string | null {
  if (call.aiProcessingStatus === "completed") {
    return "This call was processed already; running it again would duplicate its events";
  }
  if (call.aiProcessingStatus === "failed") return null;
  if (call.callStatus === "ringing" || call.callStatus === "in_progress") {
    return "This call has not ended yet; it is processed once it ends";
  }
  const changedAt = call.updatedAt?.getTime() ?? 0;
  if (now.getTime() - changedAt < REPROCESS_STALLED_AFTER_MS) {
    return `This call is still being processed; it can be run again if it is not done ${REPROCESS_STALLED_AFTER_MS / 60_000} minutes after its last change`;
  }
  return null;
}
