/**
 * The jobs the API (producer) and the worker (consumer) agree on: each job's name, the zod
 * schema of its payload, and its job key. Both sides are typed by this one table, so a job
 * cannot be enqueued with a payload its task does not understand.
 */
import { z } from "zod";

export const JOBS = {
  /** A call's recording or transcript arrived: transcribe if needed, extract, notify the owner. */
  "process-call": {
    payload: z.object({ callId: z.uuid() }),
    // One job per call: the recording and the transcription callbacks (and Twilio's retries
    // of either) collapse into the same queued job.
    key: (payload: { callId: string }) => `process-call:${payload.callId}`,
  },
  /** A call's events are in the database: email the owner its overview (once per call, ever). */
  "send-call-overview": {
    payload: z.object({ callId: z.uuid() }),
    key: (payload: { callId: string }) => `send-call-overview:${payload.callId}`,
  },
  /**
   * An event that is (or was) confirmed, tentative, cancelled or completed changed: plan what
   * follows (calendar copies, the customer's confirmation, reminders). Queued by the database
   * trigger `queue_event_changed` (migration 0015), with this key, whatever path changed the row.
   */
  "event-changed": {
    payload: z.object({ eventId: z.uuid() }),
    key: (payload: { eventId: string }) => `event-changed:${payload.eventId}`,
  },
  /** Create, patch or cancel the event's copy in the owner's connected calendar (Google or Outlook). */
  "sync-calendar-event": {
    payload: z.object({ eventId: z.uuid() }),
    key: (payload: { eventId: string }) => `sync-calendar-event:${payload.eventId}`,
  },
  /** Tell the customer their event is confirmed (email and/or SMS), once per confirmed slot. */
  "send-event-confirmation": {
    payload: z.object({ eventId: z.uuid() }),
    key: (payload: { eventId: string }) => `send-event-confirmation:${payload.eventId}`,
  },
  /**
   * Remind the customer `minutesBefore` the slot starting at `startsAt`. Runs at that time;
   * a reschedule replaces the job (same key, new time), a cancellation removes it.
   */
  "send-event-reminder": {
    payload: z.object({ eventId: z.uuid(), minutesBefore: z.number().int().positive(), startsAt: z.iso.datetime() }),
    key: (payload: { eventId: string; minutesBefore: number }) =>
      `send-event-reminder:${payload.eventId}:${payload.minutesBefore}`,
  },
  /** A calendar connection stopped working (e.g. invalid_grant): email the owner to reconnect. */
  "notify-calendar-disconnected": {
    payload: z.object({ integrationId: z.uuid() }),
    key: (payload: { integrationId: string }) => `notify-calendar-disconnected:${payload.integrationId}`,
  },
} as const satisfies Record<string, { payload: z.ZodType; key: (payload: never) => string }>;

/**
 * How long `process-call` waits for Twilio's transcript after the recording before it gives
 * up on it (Twilio's usually arrives within a minute or two; longer recordings take longer).
 * The recording webhook schedules the job this far ahead when Twilio will transcribe; the
 * transcription callback brings it forward to now.
 */
export const TWILIO_TRANSCRIPT_WAIT_MS = 10 * 60_000;

export type JobName = keyof typeof JOBS;
export type JobPayload<N extends JobName> = z.output<(typeof JOBS)[N]["payload"]>;

export const JOB_NAMES = Object.keys(JOBS) as JobName[];

export class JobPayloadError extends Error {
  override name = "JobPayloadError";
}

/** Validates a payload against its job's schema (the producer before queueing, the worker on receipt). */
export function parseJobPayload<N extends JobName>(name: N, payload: unknown): JobPayload<N> {
  const job = JOBS[name];
  if (!job) throw new JobPayloadError(`unknown job "${String(name)}"`);
  const result = job.payload.safeParse(payload);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `${issue.path.join(".") || "payload"}: ${issue.message}`);
    throw new JobPayloadError(`invalid payload for job "${name}": ${problems.join("; ")}`);
  }
  return result.data as JobPayload<N>;
}

export function jobKey<N extends JobName>(name: N, payload: JobPayload<N>): string {
  // Each entry's key takes its own payload; TypeScript cannot correlate the two through N.
  return (JOBS[name].key as (payload: JobPayload<N>) => string)(payload);
}
