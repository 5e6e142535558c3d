import { CALL_LIST_SUMMARY_LENGTH, type CallListInput } from "@flynn/domain";
import { and, asc, eq, ilike, or, sql } from "drizzle-orm";
import type { Tx } from "../client";
import { calls, events } from "../schema/index";
import { anyOf, escapeLike } from "./filters";
import { keysetPage, newestFirst } from "./pagination";

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
};

export type CallListRow = Awaited<ReturnType<typeof listCalls>>["items"][number];
export type CallDetail = NonNullable<Awaited<ReturnType<typeof getCall>>>;

/** Newest first, one page. */
export async function listCalls(tx: Tx, params: CallListInput & { userId: string }) {
  const { userId, limit, search } = params;
  const page = newestFirst(calls, params);
  const pattern = search ? `%${escapeLike(search)}%` : undefined;
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
