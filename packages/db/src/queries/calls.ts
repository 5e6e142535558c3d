import { CALL_LIST_SUMMARY_LENGTH, type CallListInput, reprocessRefusal } from "@flynn/domain";
import { and, asc, eq, ilike, like, or, type SQL, sql } from "drizzle-orm";
import type { Tx } from "../client";
import { calls, events } from "../schema/index";
import { anyOf, escapeLike } from "./filters";
import { keysetPage, newestFirst } from "./pagination";
import { PROCESSING_FAILED_PREFIX } from "./process-call";

const callListColumns = {
  id: calls.id,
  callerNumber: calls.callerNumber,
  callerName: calls.callerName,
  callStatus: calls.callStatus,
  callDirection: calls.callDirection,
  callDuration: calls.callDuration,
  aiProcessingStatus: calls.aiProcessingStatus,
  mainTopic: calls.mainTopic,
  callSummary: sql<string | null>`left(${calls.callSummary}, ${sql.raw(String(CALL_LIST_SUMMARY_LENGTH))})`,
  urgencyLevel: calls.urgencyLevel,
  createdAt: calls.createdAt,
  // One probe of idx_events_call_id per row of the page. Qualified by hand: drizzle writes
  // select-list columns unqualified, which inside this subquery would mean the event's own id.
  eventCount: sql<number>`(SELECT count(*)::int FROM ${events} AS call_events WHERE call_events.call_id = ${calls}.id)`,
};

const callColumns = {
  id: calls.id,
  phoneNumberId: calls.phoneNumberId,
  callerNumber: calls.callerNumber,
  callerName: calls.callerName,
  callStatus: calls.callStatus,
  callDirection: calls.callDirection,
  callDuration: calls.callDuration,
  recordingUrl: calls.recordingUrl,
  transcriptionText: calls.transcriptionText,
  transcriptionConfidence: sql<number | null>`${calls.transcriptionConfidence}::float8`,
  aiProcessingStatus: calls.aiProcessingStatus,
  mainTopic: calls.mainTopic,
  callSummary: calls.callSummary,
  sentimentAnalysis: calls.sentimentAnalysis,
  urgencyLevel: calls.urgencyLevel,
  createdAt: calls.createdAt,
  updatedAt: calls.updatedAt,
  processedAt: calls.processedAt,
  emailSentAt: calls.emailSentAt,
};

const callEventColumns = {
  id: events.id,
  title: events.title,
  eventType: events.eventType,
  status: events.status,
  proposedDatetime: events.proposedDatetime,
  confirmedDatetime: events.confirmedDatetime,
  durationMinutes: events.durationMinutes,
  location: events.location,
  customerName: events.customerName,
  urgencyLevel: events.urgencyLevel,
  aiConfidence: sql<number | null>`${events.aiConfidence}::float8`,
};

export type CallListRow = Awaited<ReturnType<typeof listCalls>>["items"][number];
export type CallDetail = NonNullable<Awaited<ReturnType<typeof getCall>>>;

/**
 * The digits of a search that is a phone number in any format ("(512) 555-0143", "512.555"),
 * which find the E.164 number stored (+15125550143); "" for any other search.
 */
function phoneDigits(search: string): string {
  const digits = search.replace(/\D/g, "");
  return /^[\d\s()+.-]+$/.test(search) && digits.length >= 3 ? digits : "";
}

/** Newest first, one page. */
export async function listCalls(tx: Tx, params: CallListInput & { userId: string }) {
  const { userId, limit, search } = params;
  const page = newestFirst(calls, params);
  const pattern = search ? `%${escapeLike(search)}%` : undefined;
  const digits = search ? phoneDigits(search) : "";
  const rows = await tx
    .select({ ...callListColumns, sortKey: page.sortKey })
    .from(calls)
    .where(
      and(
        // Row-level security already limits the rows; saying it here lets the planner use the index.
        eq(calls.userId, userId),
        ...page.where,
        anyOf(calls.callStatus, params.callStatus),
        anyOf(calls.aiProcessingStatus, params.aiProcessingStatus),
        anyOf(calls.urgencyLevel, params.urgencyLevel),
        pattern
          ? or(
              ilike(calls.callerNumber, pattern),
              ilike(calls.callerName, pattern),
              ilike(calls.mainTopic, pattern),
              ilike(calls.callSummary, pattern),
              digits ? like(calls.callerNumber, `%${digits}%`) : undefined,
            )
          : undefined,
      ),
    )
    .orderBy(...page.orderBy)
    .limit(limit + 1);
  return keysetPage(rows, limit);
}

/** The call with its transcript, analysis and events (soonest proposed first), or null. */
export async function getCall(tx: Tx, params: { userId: string; id: string }) {
  const [call] = await tx
    .select(callColumns)
    .from(calls)
    .where(and(eq(calls.id, params.id), eq(calls.userId, params.userId)));
  if (!call) return null;
  const callEvents = await tx
    .select(callEventColumns)
    .from(events)
    .where(eq(events.callId, call.id))
    .orderBy(sql`${events.proposedDatetime} ASC NULLS LAST`, asc(events.createdAt), asc(events.id));
  return { ...call, events: callEvents };
}

/** Where the call's recording is at Twilio (`recordingUrl` null: none yet), or null when no such call is visible. */
export async function getCallRecording(tx: Tx, params: { userId: string; id: string }) {
  const [call] = await tx
    .select({ recordingUrl: calls.recordingUrl })
    .from(calls)
    .where(and(eq(calls.id, params.id), eq(calls.userId, params.userId)));
  return call ?? null;
}

export type ReprocessOutcome =
  | { kind: "queued"; call: { id: string; aiProcessingStatus: string | null; callSummary: string | null } }
  | { kind: "missing" }
  | { kind: "refused"; reason: string };

/**
 * "Run again": under the call's row lock, checks that it may be run again (`reprocessRefusal`),
 * sets it back to `pending` without the failure reason, and runs `queueJob` (the statement
 * that queues its `process-call`) in the same transaction, so the reset and the job commit
 * together or not at all.
 */
export async function reprocessCall(
  tx: Tx,
  params: { userId: string; id: string; now: Date; queueJob: SQL },
): Promise<ReprocessOutcome> {
  const [call] = await tx
    .select({ callStatus: calls.callStatus, aiProcessingStatus: calls.aiProcessingStatus, updatedAt: calls.updatedAt })
    .from(calls)
    .where(and(eq(calls.id, params.id), eq(calls.userId, params.userId)))
    .for("update");
  if (!call) return { kind: "missing" };
  const refusal = reprocessRefusal(call, params.now);
  if (refusal) return { kind: "refused", reason: refusal };
  const [updated] = await tx
    .update(calls)
    .set({
      aiProcessingStatus: "pending",
      // Only the failure reason goes; a real summary (of a call that stalled after one) stays.
      callSummary: sql`CASE WHEN starts_with(${calls.callSummary}, ${PROCESSING_FAILED_PREFIX}) THEN NULL ELSE ${calls.callSummary} END`,
      processedAt: null,
    })
    .where(eq(calls.id, params.id))
    .returning({ id: calls.id, aiProcessingStatus: calls.aiProcessingStatus, callSummary: calls.callSummary });
  await tx.execute(params.queueJob);
  return updated ? { kind: "queued", call: updated } : { kind: "missing" };
}
