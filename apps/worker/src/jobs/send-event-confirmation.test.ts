import { randomUUID } from "node:crypto";
import { recordSmsConsent } from "@flynn/db/queries/sms";
import { smsOptOuts } from "@flynn/db/schema";
import { createMailer, type Mailer } from "@flynn/email";
import type { SmsSender } from "@flynn/telephony";
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { NOT_RESENT, OPTED_OUT } from "../customer-messages";
import {
  API_URL,
  CUSTOMER_EMAIL,
  CUSTOMER_PHONE,
  confirm,
  customerDeps,
  eventStamps,
  FIRST_ATTEMPT,
  messagesOf,
  NOW,
  resendMailer,
  SLOT,
  SLOT_IN_CHICAGO,
  SMS_STATUS_CALLBACK,
  seedBooking,
  setEvent,
  twilioError,
  twilioSms,
  useCustomerMessageTest,
} from "../customer-messages.testing";
import type { WorkerDeps } from "../deps";
import { sendEventConfirmation } from "./send-event-confirmation";

const { db, received, answer } = useCustomerMessageTest();
const live = (overrides: Partial<WorkerDeps> = {}) =>
  customerDeps(db(), { mailer: resendMailer(), sms: twilioSms(), ...overrides });
const run = (eventId: string, deps: WorkerDeps = customerDeps(db()), attempt = FIRST_ATTEMPT) =>
  sendEventConfirmation(deps, { eventId }, attempt);
const keys = async (eventId: string) => (await messagesOf(db(), eventId)).map((row) => row.idempotencyKey);

describe("send-event-confirmation: what the customer gets", () => {
  it("without provider keys, the email and the text land in the outbox, the time in the business's zone", async () => {
    const { eventId } = await seedBooking(db());
    await confirm(db(), eventId);
    expect(await run(eventId)).toEqual(["outbox", "outbox"]);

    const [email, sms] = await messagesOf(db(), eventId);
    const slot = SLOT.toISOString();
    expect(email).toMatchObject({
      communicationType: "email",
      recipient: CUSTOMER_EMAIL,
      status: "sent",
      externalId: null,
      sentAt: NOW,
      idempotencyKey: `event-confirmation/${eventId}/${slot}/email/0`,
      // The plumbing industry's customer template for a service call.
      subject: "Service Call Request - Maria Lopez - Tue, Dec 3, 2030",
    });
    expect(email?.content).toContain(`I have scheduled a service call for ${SLOT_IN_CHICAGO} at 1420 Oak St, Austin.`);
    expect(email?.content).toContain("$185.00 (estimate)");
    expect(email?.content).toContain(`${API_URL}/calendar/events/${eventId}.ics?sig=`);
    expect(email?.content).toContain("https://calendar.google.com/calendar/render?");
    expect(sms).toMatchObject({
      communicationType: "sms",
      recipient: CUSTOMER_PHONE,
      status: "sent",
      subject: null,
      idempotencyKey: `event-confirmation/${eventId}/${slot}/sms/0`,
    });
    expect(sms?.content).toMatch(
      new RegExp(
        `^Joe's Plumbing: your service call "Fix water heater" is confirmed for ${SLOT_IN_CHICAGO} at .* Reply STOP to opt out\\.$`,
      ),
    );
    expect(await eventStamps(db(), eventId)).toEqual({ confirmationSentAt: NOW, reminderSentAt: null });

    // A duplicate job (or the planner's next run) finds nothing due.
    expect(await run(eventId)).toEqual([]);
    expect(await messagesOf(db(), eventId)).toHaveLength(2);
  });

  it("texts through Twilio from the business's own number, with the status callback; Resend gets the key", async () => {
    const { eventId, flynnNumber, ownerEmail } = await seedBooking(db());
    answer();
    await confirm(db(), eventId);
    expect(await run(eventId, live())).toEqual(["sent", "sent"]);

    expect(received.sms).toEqual([
      expect.objectContaining({ To: CUSTOMER_PHONE, From: flynnNumber, StatusCallback: SMS_STATUS_CALLBACK }),
    ]);
    expect(received.emails).toHaveLength(1);
    expect(received.emails[0]?.idempotencyKey).toBe(`event-confirmation/${eventId}/${SLOT.toISOString()}/email/0`);
    expect(received.emails[0]?.body.to).toBe(CUSTOMER_EMAIL);
    // The customer's reply reaches the business, not Flynn's sender.
    expect(received.emails[0]?.body.reply_to).toEqual(ownerEmail);
    const [email, sms] = await messagesOf(db(), eventId);
    expect(email?.externalId).toMatch(/^[0-9a-f-]{36}$/);
    expect(sms?.externalId).toMatch(/^SM[0-9a-f]{32}$/);
  });

  it("a customer who texted STOP gets no text (a failed row says why); the email still goes", async () => {
    const { userId, eventId } = await seedBooking(db());
    answer();
    await recordSmsConsent(db(), { userId, phoneNumber: CUSTOMER_PHONE, optedOut: true, keyword: "STOP" });
    await confirm(db(), eventId);
    expect(await run(eventId, live())).toEqual(["sent", "opted-out"]);
    expect(received.sms).toHaveLength(0);
    expect(received.emails).toHaveLength(1);
    const sms = (await messagesOf(db(), eventId)).find((row) => row.communicationType === "sms");
    expect(sms).toMatchObject({ status: "failed", errorMessage: OPTED_OUT, externalId: null });
  });

  it("an owner without SMS in their reminder channels, or a customer without email, gets only the other channel", async () => {
    const legal = await seedBooking(db(), { industry: "legal" });
    await confirm(db(), legal.eventId);
    expect(await run(legal.eventId)).toEqual(["outbox"]);
    expect((await messagesOf(db(), legal.eventId)).map((row) => row.communicationType)).toEqual(["email"]);

    const phoneOnly = await seedBooking(db(), { email: null });
    await confirm(db(), phoneOnly.eventId);
    expect(await run(phoneOnly.eventId)).toEqual(["outbox"]);
    expect((await messagesOf(db(), phoneOnly.eventId)).map((row) => row.communicationType)).toEqual(["sms"]);
  });
});

describe("send-event-confirmation: moves, cancellations, and nothing twice", () => {
  it("a move sends the new time; a cancellation tells the customer; moving back to the first time tells them again", async () => {
    const { eventId } = await seedBooking(db(), { phone: null });
    await confirm(db(), eventId);
    await run(eventId);
    const later = new Date(SLOT.getTime() + 86_400_000);
    await setEvent(db(), eventId, { confirmedDatetime: later });
    expect(await run(eventId)).toEqual(["outbox"]);
    const moved = (await messagesOf(db(), eventId))[1];
    expect(moved?.subject).toBe("Your service call has a new time: Wed, Dec 4, 2030, 9:00 AM - Joe's Plumbing");
    expect(moved?.content).toContain("has moved to Wed, Dec 4, 2030, 9:00 AM");

    await setEvent(db(), eventId, { confirmedDatetime: SLOT });
    expect(await run(eventId)).toEqual(["outbox"]);
    await setEvent(db(), eventId, { status: "cancelled" });
    expect(await run(eventId)).toEqual(["outbox"]);
    expect(await run(eventId)).toEqual([]);
    const slot = SLOT.toISOString();
    expect(await keys(eventId)).toEqual([
      `event-confirmation/${eventId}/${slot}/email/0`,
      `event-confirmation/${eventId}/${later.toISOString()}/email/1`,
      `event-confirmation/${eventId}/${slot}/email/2`,
      `event-cancellation/${eventId}/${slot}/email/3`,
    ]);
    const cancellation = (await messagesOf(db(), eventId))[3];
    expect(cancellation?.subject).toBe("Your service call is cancelled - Joe's Plumbing");
    expect(cancellation?.content).not.toContain("calendar.google.com");

    // Reopened and confirmed again at the same time: the customer hears it is back on.
    await setEvent(db(), eventId, { status: "pending" });
    expect(await run(eventId)).toEqual([]);
    await confirm(db(), eventId);
    expect(await run(eventId)).toEqual(["outbox"]);
    expect((await keys(eventId)).at(-1)).toBe(`event-confirmation/${eventId}/${slot}/email/4`);
  });

  it("a cancelled event whose customer was never told it was confirmed sends nothing; nor does a past or tentative one", async () => {
    const never = await seedBooking(db());
    await setEvent(db(), never.eventId, { status: "cancelled" });
    expect(await run(never.eventId)).toEqual([]);
    const tentative = await seedBooking(db());
    await setEvent(db(), tentative.eventId, { status: "tentative" });
    expect(await run(tentative.eventId)).toEqual([]);
    const past = await seedBooking(db());
    await confirm(db(), past.eventId, new Date(NOW.getTime() - 3_600_000));
    expect(await run(past.eventId)).toEqual([]);
    expect(await run(randomUUID())).toBe("missing");
  });

  it("concurrent duplicates send one email (one key) and one text", async () => {
    const { eventId } = await seedBooking(db());
    answer();
    await confirm(db(), eventId);
    await Promise.all(Array.from({ length: 4 }, () => run(eventId, live())));
    expect(received.sms).toHaveLength(1);
    expect(new Set(received.emails.map((email) => email.idempotencyKey)).size).toBe(1);
    expect((await messagesOf(db(), eventId)).map((row) => [row.communicationType, row.status])).toEqual([
      ["email", "sent"],
      ["sms", "sent"],
    ]);
  });

  it("after crashes past the sends, reruns repeat the email's key (Resend sends it once) and never resend the text", async () => {
    const { eventId } = await seedBooking(db());
    answer();
    await confirm(db(), eventId);
    const key = `event-confirmation/${eventId}/${SLOT.toISOString()}/email/0`;
    const mailer = resendMailer();
    const sms = twilioSms();
    const crashingMailer: Mailer = {
      mode: "resend",
      send: async (email) => {
        await mailer.send(email);
        throw new Error("worker killed after the send");
      },
    };
    const crashingSms: SmsSender = {
      mode: "twilio",
      send: async (text) => {
        await sms.send(text);
        throw new Error("worker killed after the send");
      },
    };
    // Killed after the email went: the text, claimed but never tried, may still go.
    await expect(run(eventId, live({ mailer: crashingMailer }))).rejects.toThrow("killed");
    expect((await messagesOf(db(), eventId)).map((row) => row.status)).toEqual(["pending", "pending"]);
    // Killed after the text went.
    await expect(run(eventId, live({ sms: crashingSms }), { number: 2, max: 25 })).rejects.toThrow("killed");
    expect(received.sms).toHaveLength(1);

    expect(await run(eventId, live(), { number: 3, max: 25 })).toEqual(["not-resent"]);
    expect(received.emails.map((request) => request.idempotencyKey)).toEqual([key, key]);
    expect(new Set(received.emails.map((request) => JSON.stringify(request.body))).size).toBe(1);
    expect(received.sms).toHaveLength(1);
    const rows = await messagesOf(db(), eventId);
    expect(rows[0]).toMatchObject({ status: "sent" });
    expect(rows[1]).toMatchObject({ status: "failed", errorMessage: `Outcome unknown: ${NOT_RESENT}` });
    expect(await run(eventId, live())).toEqual([]);
    expect(received.sms).toHaveLength(1);
  });
});

describe("send-event-confirmation: Twilio's refusals", () => {
  it("429: the text stays pending with the error and the job is retried; the retry sends it once", async () => {
    const { eventId } = await seedBooking(db(), { email: null });
    answer(twilioError(429, 20429, "Too Many Requests"));
    await confirm(db(), eventId);
    await expect(run(eventId, live())).rejects.toMatchObject({ name: "RetryLater" });
    const [pending] = await messagesOf(db(), eventId);
    expect(pending).toMatchObject({ status: "pending", externalId: null });
    expect(pending?.errorMessage).toContain("Twilio 429");

    expect(await run(eventId, live(), { number: 2, max: 25 })).toEqual(["sent"]);
    expect(received.sms).toHaveLength(2);
    expect((await messagesOf(db(), eventId))[0]).toMatchObject({ status: "sent", errorMessage: null });
  });

  it("a 5xx may have gone out: failed, never resent", async () => {
    const { eventId } = await seedBooking(db(), { email: null });
    answer(twilioError(500, 20500, "Internal Server Error"));
    await confirm(db(), eventId);
    expect(await run(eventId, live())).toEqual(["not-resent"]);
    expect(await run(eventId, live(), { number: 2, max: 25 })).toEqual([]);
    expect(received.sms).toHaveLength(1);
    expect((await messagesOf(db(), eventId))[0]?.status).toBe("failed");
  });

  it("21610 (unsubscribed recipient) records the opt-out and fails the text without a retry", async () => {
    const { userId, eventId } = await seedBooking(db(), { email: null });
    answer(twilioError(400, 21610, "Attempt to send to unsubscribed recipient"));
    await confirm(db(), eventId);
    expect(await run(eventId, live())).toEqual(["opted-out"]);
    expect((await messagesOf(db(), eventId))[0]).toMatchObject({ status: "failed" });
    const [consent] = await db()
      .select({ optedOut: smsOptOuts.optedOut })
      .from(smsOptOuts)
      .where(and(eq(smsOptOuts.userId, userId), eq(smsOptOuts.phoneNumber, CUSTOMER_PHONE)));
    expect(consent).toEqual({ optedOut: true });

    // The next confirmation (a move) is not even attempted.
    await setEvent(db(), eventId, { confirmedDatetime: new Date(SLOT.getTime() + 3_600_000) });
    expect(await run(eventId, live())).toEqual(["opted-out"]);
    expect(received.sms).toHaveLength(1);
  });

  it("a 400 that will not change fails the text; an outbox mailer keeps emails local whatever Twilio says", async () => {
    const { eventId } = await seedBooking(db());
    answer(twilioError(400, 21211, "Invalid 'To' Phone Number"));
    await confirm(db(), eventId);
    const outbox = createMailer({ resendApiKey: null, from: "x <x@example.com>" });
    expect(await run(eventId, live({ mailer: outbox }))).toEqual(["outbox", "failed"]);
    expect(received.emails).toHaveLength(0);
    expect((await messagesOf(db(), eventId))[1]?.errorMessage).toContain("21211");
  });
});
