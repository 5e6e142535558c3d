/**
 * The worker's `process-call` job, as the database owner (no RLS): what extraction needs
 * about a call, and the one transaction that stores its outcome. The call row is locked in
 * that transaction and a completed call is never written again, so concurrent or repeated
 * runs store the events once.
 */
import type { Keyring } from "@flynn/crypto";
import {
  type EffectiveIndustryConfig,
  type ExtractedEvent,
  type ExtractionResult,
  effectiveIndustryConfig,
  type IndustryType,
  zonedLocalToUtc,
} from "@flynn/domain";
import { eq, type SQL, sql } from "drizzle-orm";
import type { Db, Tx } from "../client";
import { calls, events, users } from "../schema/index";
import { sealCustomerContacts } from "../sealed-contacts";
import { industryConfigJoins } from "./industry";
import { executeNamed, preparedOnce } from "./prepared";

/** With auto-confirm on, events at least this sure skip the owner's review. */
export const AUTO_CONFIRM_MIN_CONFIDENCE = 0.8;

/** Stored in `call_summary` of a failed call, so the dashboard shows why there is nothing. */
export const PROCESSING_FAILED_PREFIX = "Processing failed: ";

export interface ProcessCallData {
  call: {
    id: string;
    userId: string;
    transcriptionText: string | null;
    /** Twilio's RecordingUrl (no extension); transcribed when Twilio sent no transcript. */
    recordingUrl: string | null;
    createdAt: Date;
    callerNumber: string;
    aiProcessingStatus: string | null;
  };
  /** The load marked the call `processing` (it has a transcript and was not completed). */
  marked: boolean;
  timezone: string;
  industryType: IndustryType;
  /** Null only if the industry has no default configuration. */
  config: EffectiveIndustryConfig | null;
}

/**
 * The call, its owner's timezone and industry, and the effective configuration, in one
 * statement; null for an unknown or ownerless call. A call that has a transcript never
 * waits, so the same statement marks it `processing` (unless completed), saving the
 * worker that round trip; the values read are those from before.
 */
export async function loadProcessCallData(db: Db, callId: string): Promise<ProcessCallData | null> {
  const [row] = await preparedOnce(db, "flynn_load_process_call", (name) => {
    const industry = sql`coalesce(${users.industryType}, 'other')`;
    const config = industryConfigJoins(users.id, industry);
    const marked = db.$with("marked").as(
      db
        .update(calls)
        .set({ aiProcessingStatus: "processing" })
        .where(
          sql`${calls.id} = ${sql.placeholder("callId")} AND ${calls.aiProcessingStatus} IS DISTINCT FROM 'completed'
            AND ${calls.transcriptionText} ~ '\\S'`,
        )
        .returning({ id: calls.id }),
    );
    return db
      .with(marked)
      .select({
        marked: sql<boolean>`EXISTS (SELECT 1 FROM ${marked})`,
        id: calls.id,
        userId: calls.userId,
        transcriptionText: calls.transcriptionText,
        recordingUrl: calls.recordingUrl,
        createdAt: calls.createdAt,
        callerNumber: calls.callerNumber,
        aiProcessingStatus: calls.aiProcessingStatus,
        timezone: users.timezone,
        industryType: users.industryType,
        ...config.columns,
      })
      .from(calls)
      .innerJoin(users, eq(users.id, calls.userId))
      .leftJoin(...config.joins.defaults)
      .leftJoin(...config.joins.own)
      .where(eq(calls.id, sql.placeholder("callId")))
      .prepare(name);
  }).execute({ callId });
  if (!row?.userId) return null;
  const { marked, timezone, industryType, userId, createdAt, defaults, own, ...call } = row;
  const effectiveIndustry: IndustryType = industryType ?? "other";
  return {
    // created_at has a default and is never cleared; the fallback only satisfies the type.
    call: { ...call, userId, createdAt: createdAt ?? new Date(0) },
    marked,
    timezone: timezone ?? "UTC",
    industryType: effectiveIndustry,
    config: defaults ? effectiveIndustryConfig(effectiveIndustry, defaults, own) : null,
  };
}

/** Marks the call `processing` unless it is already completed; false: nothing to do. */
export async function markCallProcessing(db: Db, callId: string): Promise<boolean> {
  const updated = await preparedOnce(db, "flynn_mark_call_processing", (name) =>
    db
      .update(calls)
      .set({ aiProcessingStatus: "processing" })
      .where(
        sql`${calls.id} = ${sql.placeholder("callId")} AND ${calls.aiProcessingStatus} IS DISTINCT FROM 'completed'`,
      )
      .returning({ id: calls.id })
      .prepare(name),
  ).execute({ callId });
  return updated.length > 0;
}

/**
 * Keeps the worker's own transcription of the recording, so a rerun (after a crash or a
 * transient extraction error) does not pay for it twice. A transcript already there
 * (Twilio's, arrived meanwhile) is left alone; false then.
 */
export async function saveCallTranscript(db: Db, params: { callId: string; text: string }): Promise<boolean> {
  const updated = await db
    .update(calls)
    .set({ transcriptionText: params.text })
    .where(
      sql`${calls.id} = ${params.callId} AND (${calls.transcriptionText} IS NULL OR btrim(${calls.transcriptionText}) = '')`,
    )
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
  /** Seals the customers' contact details before they are stored. */
  keyring: Keyring;
  now: Date;
  /** A SELECT run in the same statement only when the call is saved now (the worker queues the overview email). */
  whenSaved?: SQL;
}

export type SaveExtractionOutcome =
  | { kind: "saved"; eventIds: string[] }
  | { kind: "already-completed" }
  | { kind: "missing" };

/** The columns `eventRow` writes, by their names in SQL; the same list every time. */
const eventColumns = [
  "userId",
  "callId",
  "eventType",
  "status",
  "title",
  "description",
  "proposedDatetime",
  "confirmedDatetime",
  "durationMinutes",
  "location",
  "locationType",
  "customerName",
  "customerPhone",
  "customerEmail",
  "customerPhoneHash",
  "customerEmailHash",
  "priceEstimate",
  "currency",
  "urgencyLevel",
  "notes",
  "aiConfidence",
  "followUpRequired",
  "followUpReason",
  "createdAt",
] as const satisfies (keyof typeof events.$inferInsert)[];

const eventColumnList = sql.join(
  eventColumns.map((key) => sql.identifier(events[key].name)),
  sql`, `,
);

/**
 * The events as JSON rows keyed by column name, for `json_populate_recordset`: a column
 * `eventRow` leaves unset gets its schema default, as an insert would give it.
 */
function eventsJson(params: SaveExtractionParams): string {
  return JSON.stringify(
    params.result.events.map((event, index) => {
      const row = eventRow(event, index, params);
      return Object.fromEntries(
        eventColumns.map((key) => [events[key].name, row[key] === undefined ? events[key].default : row[key]]),
      );
    }),
  );
}

/**
 * Writes the call's overview, `completed`, its events and `whenSaved`, in ONE statement (one
 * round trip, no transaction to open): all of it or none. The update takes the call's row
 * lock, so a concurrent run waits, then finds the call completed and matches nothing, and
 * neither its events nor `whenSaved` happen; events that already exist for the call are
 * never inserted again.
 */
export async function saveExtraction(db: Db | Tx, params: SaveExtractionParams): Promise<SaveExtractionOutcome> {
  const { result } = params;
  const sentiment = JSON.stringify({ label: result.sentiment.label, score: result.sentiment.score });
  const [row] = await executeNamed<{ updated: boolean; event_ids: string[]; call_exists: boolean }>(
    db,
    sql`
    WITH updated AS (
      UPDATE ${calls} SET
        ${sql.identifier(calls.mainTopic.name)} = ${result.main_topic},
        ${sql.identifier(calls.callSummary.name)} = ${result.call_summary},
        ${sql.identifier(calls.sentimentAnalysis.name)} = ${sentiment}::jsonb,
        ${sql.identifier(calls.urgencyLevel.name)} = ${result.urgency_level},
        ${sql.identifier(calls.processedAt.name)} = ${params.now.toISOString()}::timestamptz,
        ${sql.identifier(calls.aiProcessingStatus.name)} = 'completed'
      WHERE ${calls.id} = ${params.callId} AND ${calls.aiProcessingStatus} IS DISTINCT FROM 'completed'
      RETURNING EXISTS (SELECT 1 FROM ${events} WHERE ${events.callId} = ${calls.id}) AS has_events
    ),
    inserted AS (
      INSERT INTO ${events} (${eventColumnList})
      SELECT ${sql.join(
        eventColumns.map((key) => sql`given.${sql.identifier(events[key].name)}`),
        sql`, `,
      )}
      FROM updated, json_populate_recordset(NULL::${events}, ${eventsJson(params)}::json) AS given
      WHERE NOT updated.has_events
      RETURNING ${events.id}
    ),
    -- A scalar subquery in the list of each updated row: evaluated (once) only if there is one.
    after AS (SELECT (${params.whenSaved ?? sql`SELECT 1`})::text AS result FROM updated)
    SELECT
      EXISTS (SELECT 1 FROM updated) AS updated,
      ARRAY(SELECT id FROM inserted) AS event_ids,
      ARRAY(SELECT result FROM after) AS after,
      EXISTS (SELECT 1 FROM ${calls} WHERE ${calls.id} = ${params.callId}) AS call_exists
  `,
  );
  if (!row?.updated) return { kind: row?.call_exists ? "already-completed" : "missing" };
  return { kind: "saved", eventIds: row.event_ids };
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
    ...sealCustomerContacts(params.keyring, {
      customerPhone: event.customer_phone,
      customerEmail: event.customer_email,
    }),
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
