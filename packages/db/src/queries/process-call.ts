/**
 * The worker's `process-call` job, as the database owner (no RLS): what extraction needs
 * about a call, and the one transaction that stores its outcome. The call row is locked in
 * that transaction and a completed call is never written again, so concurrent or repeated
 * runs store the events once.
 */
import {
  type EffectiveIndustryConfig,
  type ExtractedEvent,
  type ExtractionResult,
  type IndustryType,
  zonedLocalToUtc,
} from "@flynn/domain";
import { eq, sql } from "drizzle-orm";
import type { Db, Tx } from "../client";
import { calls, events, users } from "../schema/index";
import { getEffectiveIndustryConfig } from "./industry";

/** With auto-confirm on, events at least this sure skip the owner's review. */
export const AUTO_CONFIRM_MIN_CONFIDENCE = 0.8;

/** Stored in `call_summary` of a failed call, so the dashboard shows why there is nothing. */
export const PROCESSING_FAILED_PREFIX = "Processing failed: ";

export interface ProcessCallData {
  call: {
    id: string;
    userId: string;
    transcriptionText: string | null;
    createdAt: Date;
    callerNumber: string;
    aiProcessingStatus: string | null;
  };
  timezone: string;
  industryType: IndustryType;
  /** Null only if the industry has no default configuration. */
  config: EffectiveIndustryConfig | null;
}

/** The call, its owner's timezone and industry, and the effective configuration; null for an unknown or ownerless call. */
export async function loadProcessCallData(db: Db, callId: string): Promise<ProcessCallData | null> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select({
        id: calls.id,
        userId: calls.userId,
        transcriptionText: calls.transcriptionText,
        createdAt: calls.createdAt,
        callerNumber: calls.callerNumber,
        aiProcessingStatus: calls.aiProcessingStatus,
        timezone: users.timezone,
        industryType: users.industryType,
      })
      .from(calls)
      .innerJoin(users, eq(users.id, calls.userId))
      .where(eq(calls.id, callId));
    if (!row?.userId) return null;
    const { timezone, industryType, userId, createdAt, ...call } = row;
    const industry: IndustryType = industryType ?? "other";
    return {
      // created_at has a default and is never cleared; the fallback only satisfies the type.
      call: { ...call, userId, createdAt: createdAt ?? new Date(0) },
      timezone: timezone ?? "UTC",
      industryType: industry,
      config: await getEffectiveIndustryConfig(tx, userId, industry),
    };
  });
}

/** Marks the call `processing` unless it is already completed; false: nothing to do. */
export async function markCallProcessing(db: Db, callId: string): Promise<boolean> {
  const updated = await db
    .update(calls)
    .set({ aiProcessingStatus: "processing" })
    .where(sql`${calls.id} = ${callId} AND ${calls.aiProcessingStatus} IS DISTINCT FROM 'completed'`)
    .returning({ id: calls.id });
  return updated.length > 0;
}

/**
 * A failure that retrying will not fix. The calls table has no error column, so the reason
 * goes into `call_summary` (shown wherever the call is), prefixed so it cannot pass for a
 * summary. A completed call is left alone.
 */
export async function markCallFailed(db: Db, params: { callId: string; reason: string; now: Date }): Promise<void> {
  await db
    .update(calls)
    .set({
      aiProcessingStatus: "failed",
      callSummary: `${PROCESSING_FAILED_PREFIX}${params.reason}`,
      processedAt: params.now,
    })
    .where(sql`${calls.id} = ${params.callId} AND ${calls.aiProcessingStatus} IS DISTINCT FROM 'completed'`);
}

export interface SaveExtractionParams {
  callId: string;
  userId: string;
  timezone: string;
  autoConfirmEnabled: boolean;
  result: ExtractionResult;
  now: Date;
}

export type SaveExtractionOutcome =
  | { kind: "saved"; eventIds: string[] }
  | { kind: "already-completed" }
  | { kind: "missing" };

/**
 * Writes the call's overview, `completed`, and its events, in the caller's transaction (the
 * worker queues the overview email in the same one). Locks the call first: a second run
 * waits, then finds it completed and writes nothing; events that already exist for the
 * call are never inserted again.
 */
export async function saveExtraction(tx: Tx, params: SaveExtractionParams): Promise<SaveExtractionOutcome> {
  const [call] = await tx
    .select({ status: calls.aiProcessingStatus })
    .from(calls)
    .where(eq(calls.id, params.callId))
    .for("update");
  if (!call) return { kind: "missing" };
  if (call.status === "completed") return { kind: "already-completed" };

  const { result } = params;
  await tx
    .update(calls)
    .set({
      mainTopic: result.main_topic,
      callSummary: result.call_summary,
      sentimentAnalysis: { label: result.sentiment.label, score: result.sentiment.score },
      urgencyLevel: result.urgency_level,
      processedAt: params.now,
      aiProcessingStatus: "completed",
    })
    .where(eq(calls.id, params.callId));

  const [existing] = await tx.select({ id: events.id }).from(events).where(eq(events.callId, params.callId)).limit(1);
  if (existing || result.events.length === 0) return { kind: "saved", eventIds: [] };
  const inserted = await tx
    .insert(events)
    .values(result.events.map((event, index) => eventRow(event, index, params)))
    .returning({ id: events.id });
  return { kind: "saved", eventIds: inserted.map((row) => row.id) };
}

const MAX_PRICE = 99_999_999.99; // numeric(10,2)

function eventRow(event: ExtractedEvent, index: number, params: SaveExtractionParams): typeof events.$inferInsert {
  const { proposedDatetime, dayOnlyNote } = proposedTime(event.proposed_datetime, params.timezone);
  const confirmed =
    params.autoConfirmEnabled && proposedDatetime !== null && event.ai_confidence >= AUTO_CONFIRM_MIN_CONFIDENCE;
  const notes = [dayOnlyNote, event.notes].filter(Boolean).join("\n") || null;
  const price = event.price_estimate !== null && event.price_estimate <= MAX_PRICE ? event.price_estimate : null;
  return {
    userId: params.userId,
    callId: params.callId,
    eventType: event.event_type,
    status: confirmed ? "confirmed" : "extracted",
    title: event.title,
    description: event.description,
    proposedDatetime,
    confirmedDatetime: confirmed ? proposedDatetime : null,
    // Unknown duration, place type or currency: the column defaults (60, 'tbd', 'USD').
    durationMinutes: event.duration_minutes ?? undefined,
    location: event.location,
    locationType: event.location_type ?? undefined,
    customerName: event.customer_name,
    customerPhone: event.customer_phone,
    customerEmail: event.customer_email,
    priceEstimate: price === null ? null : price.toFixed(2),
    currency: price === null ? undefined : (event.currency ?? undefined),
    urgencyLevel: event.urgency_level,
    notes,
    aiConfidence: event.ai_confidence.toFixed(2),
    followUpRequired: event.follow_up_required,
    followUpReason: event.follow_up_reason,
    // Events of one insert share now(); a millisecond apart they keep the order in which
    // they were agreed, which the overview email and the dashboard list follow.
    createdAt: new Date(params.now.getTime() + index),
  };
}

/**
 * A day agreed without a time has no honest timestamptz (any hour we chose would look
 * agreed, and reminders would fire on it): the time stays empty and the day goes into the
 * notes, so the owner sees it and sets the time when confirming.
 */
function proposedTime(
  local: string | null,
  timezone: string,
): { proposedDatetime: Date | null; dayOnlyNote: string | null } {
  if (local === null) return { proposedDatetime: null, dayOnlyNote: null };
  if (!local.includes("T")) return { proposedDatetime: null, dayOnlyNote: `Agreed day: ${local} (time to be agreed)` };
  return { proposedDatetime: zonedLocalToUtc(local, timezone), dayOnlyNote: null };
}
