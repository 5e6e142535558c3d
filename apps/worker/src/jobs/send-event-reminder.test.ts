import { describe, expect, it } from "vitest";
import {
  CUSTOMER_EMAIL,
  CUSTOMER_PHONE,
  confirm,
  customerDeps,
  eventStamps,
  FIRST_ATTEMPT,
  jobsOf,
  messagesOf,
  minutesBefore,
  resendMailer,
  SLOT,
  SLOT_IN_CHICAGO,
  seedBooking,
  setEvent,
  twilioSms,
  useCustomerMessageTest,
} from "../customer-messages.testing";
import { planEventChange } from "./event-changed";
import { sendEventReminder } from "./send-event-reminder";

const { queue, db, received, answer } = useCustomerMessageTest();
const dayBefore = { minutesBefore: 1440, startsAt: SLOT.toISOString() };
/** The job as graphile-worker would run it, with the clock at `now`. */
const remind = (eventId: string, now: Date, payload = dayBefore, live = false) =>
  sendEventReminder(
    customerDeps(db(), { now: () => now, ...(live ? { mailer: resendMailer(), sms: twilioSms() } : {}) }),
    { eventId, ...payload },
    FIRST_ATTEMPT,
  );

describe("send-event-reminder", () => {
  it("at its time reminds by email and text, once; sets reminder_sent_at", async () => {
    const { eventId, flynnNumber } = await seedBooking(db());
    answer();
    await confirm(db(), eventId);
    const at = minutesBefore(1440);
    expect(await remind(eventId, at, dayBefore, true)).toEqual(["sent", "sent"]);

    expect(received.sms).toEqual([expect.objectContaining({ To: CUSTOMER_PHONE, From: flynnNumber })]);
    expect(received.sms[0]?.Body).toMatch(
      new RegExp(
        `^Reminder from Joe's Plumbing: your service call "Fix water heater" is coming up on ${SLOT_IN_CHICAGO} at `,
      ),
    );
    expect(received.emails).toHaveLength(1);
    const slot = SLOT.toISOString();
    expect(received.emails[0]?.idempotencyKey).toBe(`event-reminder/${eventId}/${slot}/1440/email`);
    expect(received.emails[0]?.body.to).toBe(CUSTOMER_EMAIL);
    expect(received.emails[0]?.body.subject).toBe(
      `Reminder: your service call is coming up: ${SLOT_IN_CHICAGO} - Joe's Plumbing`,
    );
    expect((await messagesOf(db(), eventId)).map((row) => [row.idempotencyKey, row.status])).toEqual([
      [`event-reminder/${eventId}/${slot}/1440/email`, "sent"],
      [`event-reminder/${eventId}/${slot}/1440/sms`, "sent"],
    ]);
    expect((await eventStamps(db(), eventId))?.reminderSentAt).toEqual(at);

    // A duplicate (a retry, or a job queued twice) sends nothing.
    expect(await remind(eventId, new Date(at.getTime() + 60_000), dayBefore, true)).toEqual([]);
    expect(received.sms).toHaveLength(1);
    expect(received.emails).toHaveLength(1);
  });

  it("run early it sends nothing and waits for its time; run after the start it sends nothing", async () => {
    const { eventId } = await seedBooking(db());
    await confirm(db(), eventId);
    const early = new Date(minutesBefore(1440).getTime() - 2 * 3_600_000);
    expect(await remind(eventId, early)).toBe("early");
    const [waiting] = await jobsOf(queue.current, eventId, "send-event-reminder");
    expect(waiting).toMatchObject({ payload: { eventId, ...dayBefore }, runAt: minutesBefore(1440) });
    expect(await messagesOf(db(), eventId)).toEqual([]);

    expect(await remind(eventId, new Date(SLOT.getTime() + 60_000))).toBe("too-late");
    expect(await messagesOf(db(), eventId)).toEqual([]);
    // Within its minute: on time.
    expect(await remind(eventId, new Date(minutesBefore(1440).getTime() - 30_000))).toEqual(["outbox", "outbox"]);
  });

  it("a reminder left over for the old time does nothing after a reschedule; the moved one reminds of the new time", async () => {
    const { eventId } = await seedBooking(db(), { phone: null });
    await confirm(db(), eventId);
    const later = new Date(SLOT.getTime() + 86_400_000);
    await setEvent(db(), eventId, { confirmedDatetime: later });
    await planEventChange(customerDeps(db()), { eventId });

    expect(await remind(eventId, minutesBefore(1440))).toBe("stale");
    expect(await messagesOf(db(), eventId)).toEqual([]);
    const moved = { minutesBefore: 1440, startsAt: later.toISOString() };
    expect(await remind(eventId, minutesBefore(1440, later), moved)).toEqual(["outbox"]);
    const [email] = await messagesOf(db(), eventId);
    expect(email?.idempotencyKey).toBe(`event-reminder/${eventId}/${later.toISOString()}/1440/email`);
    expect(email?.content).toContain("Wed, Dec 4, 2030, 9:00 AM");
  });

  it("a cancelled event or an offset the owner no longer has gets nothing; reminders go only on the settings' channels", async () => {
    const cancelled = await seedBooking(db());
    await confirm(db(), cancelled.eventId);
    await setEvent(db(), cancelled.eventId, { status: "cancelled" });
    expect(await remind(cancelled.eventId, minutesBefore(1440))).toBe("stale");

    const { eventId } = await seedBooking(db());
    await confirm(db(), eventId);
    expect(await remind(eventId, minutesBefore(60), { minutesBefore: 60, startsAt: SLOT.toISOString() })).toBe("stale");

    // A lawyer's reminders go by email only (the legal default), whatever the customer's phone.
    const legal = await seedBooking(db(), { industry: "legal" });
    await confirm(db(), legal.eventId);
    expect(await remind(legal.eventId, minutesBefore(1440))).toEqual(["outbox"]);
    expect((await messagesOf(db(), legal.eventId)).map((row) => row.communicationType)).toEqual(["email"]);
  });
});
