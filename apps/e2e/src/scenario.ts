/**
 * What the cross-process tests share: an owner with an active number, a call to it through
 * the real webhooks (signed like Twilio signs them), and the wait for the call's overview.
 */
import { randomUUID } from "node:crypto";
import type { Db } from "@flynn/db/client";
import { calls, communicationLogs, events } from "@flynn/db/schema";
import { insertPhoneNumber, insertUser } from "@flynn/db/testing";
import { wallClock, zonedLocalToUtc } from "@flynn/domain";
import { DEV_TWILIO_AUTH_TOKEN, simulateCall } from "@flynn/telephony";
import { eq } from "drizzle-orm";
import { expect, vi } from "vitest";

export const TIMEZONE = "America/New_York";

/** One event, agreed for tomorrow at 10:00 (see `tomorrowAtTen`). */
export const TRANSCRIPT =
  "My water heater is leaking all over the basement. This is Dana Whitfield. Could someone come tomorrow " +
  "at 10 am to fix it? The address is 14 Elm Street. You can reach me at 512 555 0123.";

export async function seedOwner(db: Db) {
  const user = await insertUser(db, {
    email: `owner-${randomUUID()}@example.test`,
    industryType: "plumbing",
    timezone: TIMEZONE,
    companyName: "Elm Plumbing",
  });
  const phoneNumber = await insertPhoneNumber(db, user.id);
  return { user, number: phoneNumber.twilioPhoneNumber };
}

/** Twilio's six webhooks for one call to `to`, over HTTP to the API at `baseUrl`. */
export async function callBusiness(baseUrl: string, to: string) {
  const call = await simulateCall({
    baseUrl,
    publicUrl: baseUrl,
    authToken: DEV_TWILIO_AUTH_TOKEN,
    to,
    transcript: TRANSCRIPT,
  });
  expect(call.steps.map((step) => `${step.step}: ${step.status}`)).toEqual([
    "voice: 200",
    "status ringing: 204",
    "status in-progress: 204",
    "status completed: 204",
    "recording completed: 204",
    "transcription completed: 204",
  ]);
  return call;
}

/** The call once its overview is marked sent (the worker's last write); fails after `timeout` ms. */
export async function overviewSent(db: Db, callSid: string, timeout = 15_000) {
  return vi.waitFor(
    async () => {
      const [call] = await db.select().from(calls).where(eq(calls.twilioCallSid, callSid));
      expect(call?.emailSentAt).toBeInstanceOf(Date);
      return call as NonNullable<typeof call>;
    },
    { timeout, interval: 50 },
  );
}

export const callEvents = (db: Db, callId: string) => db.select().from(events).where(eq(events.callId, callId));
export const callEmails = (db: Db, callId: string) =>
  db.select().from(communicationLogs).where(eq(communicationLogs.callId, callId));

/** The day after `instant` in `TIMEZONE`, as YYYY-MM-DD. */
export function tomorrow(instant: Date): string {
  const today = wallClock(instant, TIMEZONE);
  return new Date(Date.UTC(today.year, today.month - 1, today.day + 1)).toISOString().slice(0, 10);
}

/** 10:00 on the day after `instant`, in `TIMEZONE`. */
export const tomorrowAtTen = (instant: Date): Date => zonedLocalToUtc(`${tomorrow(instant)}T10:00`, TIMEZONE);
