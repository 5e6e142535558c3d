/**
 * Test helpers for the customer-message jobs: a plumber in Chicago with a Flynn number and a
 * booked service call (contacts sealed as in production), the worker's deps on a fixed clock,
 * and msw stand-ins for Resend and Twilio's Messages API that record what they were sent.
 */
import { randomUUID } from "node:crypto";
import { testKeyring } from "@flynn/crypto";
import type { Db } from "@flynn/db/client";
import { communicationLogs, events } from "@flynn/db/schema";
import { sealCustomerContacts } from "@flynn/db/sealed-contacts";
import { insertCall, insertPhoneNumber, insertUser, useTestDatabase } from "@flynn/db/testing";
import { createMailer } from "@flynn/email";
import { createRulesExtractor } from "@flynn/extraction";
import type { JobQueue } from "@flynn/jobs";
import { useJobQueue } from "@flynn/jobs/testing";
import { createSmsSender } from "@flynn/telephony";
import { asc, eq } from "drizzle-orm";
import { HttpResponse, http } from "msw";
import { type SetupServer, setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll } from "vitest";
import type { WorkerDeps } from "./deps";
import type { Attempt } from "./job-attempt";

/** The planner's "now": three days before the slot. */
export const NOW = new Date("2030-11-30T18:00:00Z");
/** Tue, Dec 3, 2030, 9:00 AM in Chicago (CST, UTC-6). */
export const SLOT = new Date("2030-12-03T15:00:00Z");
export const SLOT_IN_CHICAGO = "Tue, Dec 3, 2030, 9:00 AM";
export const CUSTOMER_PHONE = "+15125550142";
export const CUSTOMER_EMAIL = "maria.lopez@example.com";
export const API_URL = "https://api.flynn.example";

const ACCOUNT_SID = `AC${"e".repeat(32)}`;
export const TWILIO_MESSAGES = `https://api.twilio.com/2010-04-01/Accounts/${ACCOUNT_SID}/Messages.json`;
export const SMS_STATUS_CALLBACK = `${API_URL}/webhooks/twilio/sms-status`;
const RESEND_EMAILS = "https://api.resend.com/emails";

export const keyring = testKeyring();

/** A job's first of graphile-worker's 25 attempts. */
export const FIRST_ATTEMPT: Attempt = { number: 1, max: 25 };

/**
 * What every customer-message test file starts with: its own database with graphile-worker's
 * queue on it (`queue`), and the stand-ins for Resend and Twilio (see useProviderMocks).
 */
export function useCustomerMessageTest() {
  const database = useTestDatabase();
  const queue = useJobQueue(database);
  return { database, queue, db: () => database.current.db, ...useProviderMocks() };
}

export function customerDeps(db: Db, overrides: Partial<WorkerDeps> = {}): WorkerDeps {
  return {
    db,
    keyring,
    mailer: createMailer({ resendApiKey: null, from: "Flynn <calls@flynn.example>" }),
    extractor: createRulesExtractor(),
    webUrl: "https://app.flynn.example",
    apiUrl: API_URL,
    now: () => NOW,
    ...overrides,
  };
}

export const twilioSms = () =>
  createSmsSender({
    accountSid: ACCOUNT_SID,
    authToken: "test-twilio-token-for-msw-only",
    statusCallbackUrl: SMS_STATUS_CALLBACK,
  });
export const resendMailer = () =>
  createMailer({ resendApiKey: "re_test_key_for_msw_only", from: "Flynn <calls@flynn.example>" });

export interface Received {
  sms: Record<string, string>[];
  emails: {
    idempotencyKey: string | null;
    body: { to: string; subject: string; html: string; text: string; reply_to?: string | string[] };
  }[];
}

/**
 * Twilio answers each text with the next of `answers` (then 201 with a new SID); Resend
 * answers 200, the same id for a repeated idempotency key, as it does.
 */
function providers(server: SetupServer, received: Received, ...answers: (() => Response)[]) {
  const emailIds = new Map<string, string>();
  server.use(
    http.post(TWILIO_MESSAGES, async ({ request }) => {
      received.sms.push(Object.fromEntries(new URLSearchParams(await request.text())));
      const answer = answers.shift();
      if (answer) return answer();
      return HttpResponse.json(
        { sid: `SM${randomUUID().replaceAll("-", "")}`, status: "queued", direction: "outbound-api" },
        { status: 201 },
      );
    }),
    http.post(RESEND_EMAILS, async ({ request }) => {
      const idempotencyKey = request.headers.get("idempotency-key");
      received.emails.push({ idempotencyKey, body: (await request.json()) as Received["emails"][number]["body"] });
      const id = emailIds.get(idempotencyKey ?? "") ?? randomUUID();
      if (idempotencyKey) emailIds.set(idempotencyKey, id);
      return HttpResponse.json({ id });
    }),
  );
}

/**
 * Registers the msw server's hooks for the calling test file: every request the stand-ins for
 * Resend and Twilio receive is recorded in `received` (cleared after each test); `answer`
 * installs them for one test (see `providers`). Any other request fails the test.
 */
export function useProviderMocks() {
  const server = setupServer();
  const received: Received = { sms: [], emails: [] };
  beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
  afterEach(() => {
    server.resetHandlers();
    received.sms.length = 0;
    received.emails.length = 0;
  });
  afterAll(() => server.close());
  return { received, answer: (...answers: (() => Response)[]) => providers(server, received, ...answers) };
}

export const twilioError = (status: number, code: number, message: string) => () =>
  HttpResponse.json({ code, message, more_info: `https://www.twilio.com/docs/errors/${code}`, status }, { status });

export interface Booking {
  userId: string;
  ownerEmail: string;
  eventId: string;
  flynnNumber: string;
}

/** A plumber's extracted service call with the customer's phone and email (sealed); `confirm` it to start. */
export async function seedBooking(
  db: Db,
  options: { phone?: string | null; email?: string | null; industry?: "plumbing" | "legal" } = {},
): Promise<Booking> {
  const user = await insertUser(db, {
    industryType: options.industry ?? "plumbing",
    timezone: "America/Chicago",
    companyName: "Joe's Plumbing",
  });
  const number = await insertPhoneNumber(db, user.id);
  const call = await insertCall(db, user.id, { mainTopic: "Leaking water heater", callStatus: "completed" });
  const [event] = await db
    .insert(events)
    .values({
      userId: user.id,
      callId: call.id,
      eventType: "service_call",
      status: "extracted",
      title: "Fix water heater",
      proposedDatetime: SLOT,
      durationMinutes: 90,
      location: "1420 Oak St, Austin",
      customerName: "Maria Lopez",
      priceEstimate: "185.00",
      ...sealCustomerContacts(keyring, {
        customerPhone: options.phone === undefined ? CUSTOMER_PHONE : options.phone,
        customerEmail: options.email === undefined ? CUSTOMER_EMAIL : options.email,
      }),
    })
    .returning({ id: events.id });
  if (!event) throw new Error("seedBooking: no event");
  return { userId: user.id, ownerEmail: user.email, eventId: event.id, flynnNumber: number.twilioPhoneNumber };
}

/** What the dashboard's confirm, reschedule and cancel write (the trigger queues event-changed). */
export async function setEvent(db: Db, eventId: string, values: Partial<typeof events.$inferInsert>) {
  await db.update(events).set(values).where(eq(events.id, eventId));
}

export const confirm = (db: Db, eventId: string, at = SLOT) =>
  setEvent(db, eventId, { status: "confirmed", confirmedDatetime: at });

export async function messagesOf(db: Db, eventId: string) {
  return db
    .select()
    .from(communicationLogs)
    .where(eq(communicationLogs.eventId, eventId))
    .orderBy(asc(communicationLogs.createdAt), asc(communicationLogs.idempotencyKey));
}

export async function eventStamps(db: Db, eventId: string) {
  const [row] = await db
    .select({ confirmationSentAt: events.confirmationSentAt, reminderSentAt: events.reminderSentAt })
    .from(events)
    .where(eq(events.id, eventId));
  return row;
}

/** The queued jobs of one event, by name. */
export async function jobsOf(queue: JobQueue, eventId: string, name: string) {
  return (await queue.queued()).filter(
    (job) => job.name === name && (job.payload as { eventId?: string }).eventId === eventId,
  );
}

export const minutesBefore = (minutes: number, slot = SLOT) => new Date(slot.getTime() - minutes * 60_000);
