/**
 * What Twilio's call webhooks write, as the database owner (no signed-in user; RLS does not
 * apply). Every function is idempotent: Twilio sends callbacks twice and out of order.
 */
import {
  type CallStatus,
  type EffectiveIndustryConfig,
  effectiveIndustryConfig,
  type IndustryConfigValues,
  type IndustryType,
} from "@flynn/domain";
import { type SQL, sql } from "drizzle-orm";
import { PgDialect } from "drizzle-orm/pg-core";
import type { Db, Tx } from "../client";

type Executor = Db | Tx;

/**
 * Runs `query` as a named prepared statement: Postgres plans it once per connection instead
 * of on every call, which matters on the voice webhook's hot path.
 */
async function executePrepared<Row>(db: Db, name: string, query: SQL): Promise<{ rows: Row[] }> {
  const { sql: text, params } = dialect.sqlToQuery(query);
  const result = await db.$client.query({ name, text, values: params });
  return { rows: result.rows as Row[] };
}
const dialect = new PgDialect();

export interface IncomingCall {
  callSid: string;
  to: string;
  from: string;
  callerName: string | null;
  status: CallStatus;
}

export interface IncomingCallOwner {
  callId: string | null;
  userId: string;
  companyName: string | null;
  timezone: string | null;
  ownerPhone: string | null;
  config: EffectiveIndustryConfig | null;
}

/**
 * Finds the business that owns the active number `to` and records the call (once per
 * CallSid: a repeated voice request leaves the row as it is, even if status callbacks have
 * moved it on). Null when no active number matches.
 */
export async function recordIncomingCall(db: Db, call: IncomingCall): Promise<IncomingCallOwner | null> {
  // One round trip (Twilio waits on this answer): the number, its owner, the owner's
  // industry rows (default and own, merged below by the same function the dashboard uses),
  // and the insert that depends on them.
  const { rows } = await executePrepared<{
    call_id: string | null;
    user_id: string;
    company_name: string | null;
    timezone: string | null;
    owner_phone: string | null;
    industry_type: IndustryType;
    defaults: IndustryConfigValues | null;
    own: IndustryConfigValues | null;
  }>(
    db,
    "voice-incoming-call",
    sql`
    WITH number AS (
      SELECT pn.id, pn.user_id, u.company_name, u.timezone, u.phone_number,
             coalesce(u.industry_type, 'other') AS industry_type
      FROM phone_numbers pn JOIN users u ON u.id = pn.user_id
      WHERE pn.twilio_phone_number = ${call.to} AND pn.is_active
    ), inserted AS (
      INSERT INTO calls (user_id, phone_number_id, twilio_call_sid, caller_number, caller_name, call_direction, call_status)
      SELECT user_id, id, ${call.callSid}, ${call.from}, ${call.callerName}, 'inbound', ${call.status} FROM number
      ON CONFLICT (twilio_call_sid) DO NOTHING
      RETURNING id
    ), config AS (
      SELECT c.user_id, json_build_object(
        'eventTypes', c.event_types, 'terminology', c.terminology,
        'defaultDurationMinutes', c.default_duration_minutes, 'businessHours', c.business_hours,
        'pricingEnabled', c.pricing_enabled, 'locationRequired', c.location_required,
        'autoConfirmEnabled', c.auto_confirm_enabled, 'reminderSettings', c.reminder_settings
      ) AS config, c.created_at
      FROM industry_configurations c, number
      WHERE c.industry_type = number.industry_type AND (c.user_id IS NULL OR c.user_id = number.user_id)
    )
    SELECT coalesce((SELECT id FROM inserted), (SELECT id FROM calls WHERE twilio_call_sid = ${call.callSid})) AS call_id,
           number.user_id, number.company_name, number.timezone, number.phone_number AS owner_phone,
           number.industry_type,
           -- The oldest default: a second one (e.g. the spec's own INSERT run again) must not break calls.
           (SELECT config FROM config WHERE user_id IS NULL ORDER BY created_at LIMIT 1) AS defaults,
           (SELECT config FROM config WHERE user_id IS NOT NULL) AS own
    FROM number`,
  );
  const [row] = rows;
  if (!row) return null;
  return {
    callId: row.call_id,
    userId: row.user_id,
    companyName: row.company_name,
    timezone: row.timezone,
    ownerPhone: row.owner_phone,
    config: row.defaults ? effectiveIndustryConfig(row.industry_type, row.defaults, row.own) : null,
  };
}

export interface CallStatusUpdate {
  callSid: string;
  status: CallStatus;
  /** Seconds; terminal callbacks only. */
  duration: number | null;
  /** Twilio's SequenceNumber, when sent. */
  sequence: number | null;
}

export type CallStatusOutcome = "applied" | "stale" | "unknown-call";

/**
 * Moves the call forward, never back, in one conditional UPDATE (the row lock makes
 * concurrent callbacks queue, and each re-checks the condition on the row as it is then):
 * a terminal status is final, in_progress never returns to ringing, and a callback whose
 * SequenceNumber is not above the last applied one is ignored.
 */
export async function applyCallStatus(db: Executor, update: CallStatusUpdate): Promise<CallStatusOutcome> {
  const { rows } = await db.execute<{ id: string; applied: boolean }>(sql`
    WITH target AS (SELECT id FROM calls WHERE twilio_call_sid = ${update.callSid}),
    updated AS (
      UPDATE calls SET
        call_status = ${update.status},
        call_duration = coalesce(${update.duration}::int, call_duration),
        status_sequence = coalesce(${update.sequence}::int, status_sequence)
      FROM target
      WHERE calls.id = target.id
        AND (calls.call_status IS NULL OR calls.call_status = 'ringing'
             OR (calls.call_status = 'in_progress' AND ${update.status} <> 'ringing'))
        AND (${update.sequence}::int IS NULL OR calls.status_sequence IS NULL OR calls.status_sequence < ${update.sequence}::int)
      RETURNING calls.id
    )
    SELECT target.id, EXISTS (SELECT 1 FROM updated) AS applied FROM target`);
  const [row] = rows;
  if (!row) return "unknown-call";
  return row.applied ? "applied" : "stale";
}

/**
 * Stores the recording of the call; the call's id, or null for an unknown CallSid. A
 * repeated callback with the same values writes nothing (no audit churn).
 */
export async function recordCallRecording(
  db: Executor,
  recording: { callSid: string; recordingSid: string; recordingUrl: string },
): Promise<string | null> {
  const { rows } = await db.execute<{ id: string }>(sql`
    WITH target AS (SELECT id FROM calls WHERE twilio_call_sid = ${recording.callSid}),
    updated AS (
      UPDATE calls SET recording_sid = ${recording.recordingSid}, recording_url = ${recording.recordingUrl}
      FROM target
      WHERE calls.id = target.id
        AND (calls.recording_sid IS DISTINCT FROM ${recording.recordingSid}
             OR calls.recording_url IS DISTINCT FROM ${recording.recordingUrl})
    )
    SELECT id FROM target`);
  return rows[0]?.id ?? null;
}

/** The id of the call with this CallSid if it has a recording, else null. */
export async function recordedCallId(db: Executor, callSid: string): Promise<string | null> {
  const { rows } = await db.execute<{ id: string }>(
    sql`SELECT id FROM calls WHERE twilio_call_sid = ${callSid} AND recording_url IS NOT NULL`,
  );
  return rows[0]?.id ?? null;
}

/** Stores the call's transcript; the call's id, or null for an unknown CallSid. */
export async function recordCallTranscription(
  db: Executor,
  transcription: { callSid: string; text: string; confidence: number | null },
): Promise<string | null> {
  const { rows } = await db.execute<{ id: string }>(sql`
    WITH target AS (SELECT id FROM calls WHERE twilio_call_sid = ${transcription.callSid}),
    updated AS (
      UPDATE calls SET
        transcription_text = ${transcription.text},
        transcription_confidence = coalesce(${transcription.confidence}::numeric, transcription_confidence)
      FROM target
      WHERE calls.id = target.id
        AND (calls.transcription_text IS DISTINCT FROM ${transcription.text}
             OR (${transcription.confidence}::numeric IS NOT NULL
                 AND ${transcription.confidence}::numeric IS DISTINCT FROM calls.transcription_confidence))
    )
    SELECT id FROM target`);
  return rows[0]?.id ?? null;
}
