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
import type { Db, Tx } from "../client";
import { coalesce } from "../coalesce";
import { executeNamed } from "./prepared";

type Executor = Db | Tx;

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

// One round trip for any number of calls (Twilio waits on the answer): each call's active
// number, its owner, the owner's industry rows (default and own, merged in JS by the same
// function the dashboard uses), and the inserts that depend on them. A repeated CallSid
// (Twilio retries the voice request) leaves the row as it is, even if status callbacks
// have moved it on; `n` ties each result row to its call.
const RECORD_INCOMING_CALLS = `
  WITH input AS (
    SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[])
      WITH ORDINALITY AS t(call_sid, to_number, from_number, caller_name, status, n)
  ), number AS (
    SELECT input.*, pn.id AS phone_number_id, pn.user_id, u.company_name, u.timezone,
           u.phone_number AS owner_phone, coalesce(u.industry_type, 'other') AS industry_type
    FROM input
    JOIN phone_numbers pn ON pn.twilio_phone_number = input.to_number AND pn.is_active
    JOIN users u ON u.id = pn.user_id
  ), inserted AS (
    INSERT INTO calls (user_id, phone_number_id, twilio_call_sid, caller_number, caller_name, call_direction, call_status)
    SELECT user_id, phone_number_id, call_sid, from_number, caller_name, 'inbound', status FROM number
    ON CONFLICT (twilio_call_sid) DO NOTHING
    RETURNING id, twilio_call_sid
  )
  SELECT number.n,
         coalesce((SELECT id FROM inserted WHERE inserted.twilio_call_sid = number.call_sid LIMIT 1),
                  (SELECT id FROM calls WHERE calls.twilio_call_sid = number.call_sid)) AS call_id,
         number.user_id, number.company_name, number.timezone, number.owner_phone, number.industry_type,
         -- The oldest default: a second one (e.g. the spec's own INSERT run again) must not break calls.
         (SELECT ${configJson("c")} FROM industry_configurations c
          WHERE c.industry_type = number.industry_type AND c.user_id IS NULL
          ORDER BY c.created_at LIMIT 1) AS defaults,
         (SELECT ${configJson("c")} FROM industry_configurations c
          WHERE c.industry_type = number.industry_type AND c.user_id = number.user_id) AS own
  FROM number`;

/** The configuration columns of industry_configurations row `alias`, as the JSON `IndustryConfigValues` parses. */
function configJson(alias: string): string {
  return `json_build_object(
    'eventTypes', ${alias}.event_types, 'terminology', ${alias}.terminology,
    'defaultDurationMinutes', ${alias}.default_duration_minutes, 'businessHours', ${alias}.business_hours,
    'pricingEnabled', ${alias}.pricing_enabled, 'locationRequired', ${alias}.location_required,
    'autoConfirmEnabled', ${alias}.auto_confirm_enabled, 'reminderSettings', ${alias}.reminder_settings)`;
}

/**
 * Records incoming calls to active numbers in one statement and returns, in the order of
 * `calls`, the business each reached (null for a number that is unknown or inactive).
 */
export async function recordIncomingCalls(db: Db, calls: IncomingCall[]): Promise<(IncomingCallOwner | null)[]> {
  if (calls.length === 0) return [];
  const { rows } = await db.$client.query<{
    n: string;
    call_id: string | null;
    user_id: string;
    company_name: string | null;
    timezone: string | null;
    owner_phone: string | null;
    industry_type: IndustryType;
    defaults: IndustryConfigValues | null;
    own: IndustryConfigValues | null;
  }>({
    // Prepared under a name: each connection parses and plans it once, whatever the batch size.
    name: "voice-incoming-calls",
    text: RECORD_INCOMING_CALLS,
    values: [
      calls.map((c) => c.callSid),
      calls.map((c) => c.to),
      calls.map((c) => c.from),
      calls.map((c) => c.callerName),
      calls.map((c) => c.status),
    ],
  });
  const owners: (IncomingCallOwner | null)[] = calls.map(() => null);
  for (const row of rows) {
    owners[Number(row.n) - 1] = {
      callId: row.call_id,
      userId: row.user_id,
      companyName: row.company_name,
      timezone: row.timezone,
      ownerPhone: row.owner_phone,
      config: row.defaults ? effectiveIndustryConfig(row.industry_type, row.defaults, row.own) : null,
    };
  }
  return owners;
}

/**
 * Records one incoming call; calls that arrive while earlier ones are being written share
 * the next statement (see `coalesce`), so a burst of calls costs a few round trips, not one
 * each. Null when no active number matches `to`.
 */
export function incomingCallRecorder(db: Db, options: { maxInFlight?: number } = {}) {
  return coalesce((calls: IncomingCall[]) => recordIncomingCalls(db, calls), {
    maxInFlight: options.maxInFlight ?? 1,
    maxBatch: 100,
  });
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
  const rows = await executeNamed<{ id: string; applied: boolean }>(
    db,
    sql`
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
    SELECT target.id, EXISTS (SELECT 1 FROM updated) AS applied FROM target`,
  );
  const [row] = rows;
  if (!row) return "unknown-call";
  return row.applied ? "applied" : "stale";
}

/**
 * What a webhook does in the same statement once it has found the call (`callId` is the
 * call's id in SQL): queue its job, so the update and the job happen together or not at all.
 */
export type WhenFound = (callId: SQL) => SQL;

/**
 * Stores the recording of the call, and runs `whenFound` for it, in one statement; the
 * call's id, or null for an unknown CallSid. A repeated callback with the same values
 * writes nothing (no audit churn).
 */
export async function recordCallRecording(
  db: Executor,
  recording: { callSid: string; recordingSid: string; recordingUrl: string },
  whenFound?: WhenFound,
): Promise<string | null> {
  const rows = await executeNamed<{ id: string }>(
    db,
    sql`
    WITH target AS (SELECT id FROM calls WHERE twilio_call_sid = ${recording.callSid}),
    updated AS (
      UPDATE calls SET recording_sid = ${recording.recordingSid}, recording_url = ${recording.recordingUrl}
      FROM target
      WHERE calls.id = target.id
        AND (calls.recording_sid IS DISTINCT FROM ${recording.recordingSid}
             OR calls.recording_url IS DISTINCT FROM ${recording.recordingUrl})
    )
    SELECT id${afterFinding(whenFound)} FROM target`,
  );
  return rows[0]?.id ?? null;
}

/** `whenFound` as a column of the statement's last SELECT, evaluated once for the call found. */
function afterFinding(whenFound: WhenFound | undefined): SQL {
  return whenFound ? sql`, (${whenFound(sql`target.id`)})::text AS after` : sql``;
}

/** The id of the call with this CallSid if it has a recording, else null. */
export async function recordedCallId(db: Executor, callSid: string): Promise<string | null> {
  const { rows } = await db.execute<{ id: string }>(
    sql`SELECT id FROM calls WHERE twilio_call_sid = ${callSid} AND recording_url IS NOT NULL`,
  );
  return rows[0]?.id ?? null;
}

/** Stores the call's transcript, and runs `whenFound` for it, in one statement; the call's id, or null for an unknown CallSid. */
export async function recordCallTranscription(
  db: Executor,
  transcription: { callSid: string; text: string; confidence: number | null },
  whenFound?: WhenFound,
): Promise<string | null> {
  const rows = await executeNamed<{ id: string }>(
    db,
    sql`
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
    SELECT id${afterFinding(whenFound)} FROM target`,
  );
  return rows[0]?.id ?? null;
}
