import { randomUUID } from "node:crypto";
import { calendarIntegrations, industryConfigurations } from "@flynn/db/schema";
import { runOnce } from "graphile-worker";
import { describe, expect, it } from "vitest";
import {
  CUSTOMER_EMAIL,
  confirm,
  customerDeps,
  eventStamps,
  jobsOf,
  messagesOf,
  minutesBefore,
  NOW,
  SLOT,
  SLOT_IN_CHICAGO,
  seedBooking,
  setEvent,
  twilioSms,
  useCustomerMessageTest,
} from "../customer-messages.testing";
import { createTaskList } from "../tasks";
import { planEventChange } from "./event-changed";

const { database, queue, db, received, answer } = useCustomerMessageTest();
const plan = (eventId: string, now = NOW) => planEventChange(customerDeps(db(), { now: () => now }), { eventId });

async function reminders(eventId: string) {
  return (await jobsOf(queue.current, eventId, "send-event-reminder"))
    .map((job) => ({ id: job.id, payload: job.payload, runAt: job.runAt }))
    .sort((a, b) => a.runAt.getTime() - b.runAt.getTime());
}

describe("event-changed: the planner", () => {
  it("confirming an event queues one confirmation and a reminder per offset at its time; planning again queues nothing more", async () => {
    const { eventId } = await seedBooking(db());
    await confirm(db(), eventId);
    // The database trigger queued the planner for the change.
    expect(await jobsOf(queue.current, eventId, "event-changed")).toHaveLength(1);

    expect(await plan(eventId)).toEqual({
      calendarSync: false,
      confirmation: true,
      reminders: { queued: [1440, 120], removed: [] },
    });
    expect(await jobsOf(queue.current, eventId, "send-event-confirmation")).toMatchObject([{ payload: { eventId } }]);
    const queued = await reminders(eventId);
    // The plumbing default: 24 hours and 2 hours before.
    expect(queued).toMatchObject([
      { payload: { eventId, minutesBefore: 1440, startsAt: SLOT.toISOString() }, runAt: minutesBefore(1440) },
      { payload: { eventId, minutesBefore: 120, startsAt: SLOT.toISOString() }, runAt: minutesBefore(120) },
    ]);

    expect(await plan(eventId)).toMatchObject({ reminders: { queued: [], removed: [] } });
    expect(await reminders(eventId)).toEqual(queued);
    expect(await jobsOf(queue.current, eventId, "send-event-confirmation")).toHaveLength(1);
  });

  it("through graphile-worker: the trigger's job plans, and the confirmation goes out by email and SMS", async () => {
    const { eventId, flynnNumber } = await seedBooking(db());
    answer();
    await confirm(db(), eventId);
    const deps = customerDeps(db(), { sms: twilioSms() });
    await runOnce({ connectionString: database.current.url, taskList: createTaskList(deps) });

    // (Jobs queued by the tests before this one ran too: this business's texts come from its own number.)
    const texts = received.sms.filter((sms) => sms.From === flynnNumber);
    expect(texts).toHaveLength(1);
    expect(texts[0]?.Body).toContain(`is confirmed for ${SLOT_IN_CHICAGO}`);
    const [email, sms] = await messagesOf(db(), eventId);
    expect(email).toMatchObject({ communicationType: "email", recipient: CUSTOMER_EMAIL, status: "sent" });
    expect(sms).toMatchObject({ communicationType: "sms", status: "sent" });
    expect((await eventStamps(db(), eventId))?.confirmationSentAt).toEqual(NOW);
    // Stamping the event is no change a calendar shows: no new plan, and the reminders still wait.
    expect(await jobsOf(queue.current, eventId, "event-changed")).toHaveLength(0);
    expect(await reminders(eventId)).toHaveLength(2);
  });

  it("rescheduling moves the reminder jobs (same keys, new time and slot) and queues the notice of the move", async () => {
    const { eventId } = await seedBooking(db());
    await confirm(db(), eventId);
    await plan(eventId);
    const before = await reminders(eventId);

    const later = new Date(SLOT.getTime() + 2 * 86_400_000);
    await setEvent(db(), eventId, { confirmedDatetime: later });
    expect(await plan(eventId)).toMatchObject({ reminders: { queued: [1440, 120], removed: [] } });
    const after = await reminders(eventId);
    expect(after).toHaveLength(2);
    expect(after.map((job) => job.id)).toEqual(before.map((job) => job.id));
    expect(after).toMatchObject([
      { payload: { minutesBefore: 1440, startsAt: later.toISOString() }, runAt: minutesBefore(1440, later) },
      { payload: { minutesBefore: 120, startsAt: later.toISOString() }, runAt: minutesBefore(120, later) },
    ]);
  });

  it("cancelling removes the reminders; an event confirmed too late for a reminder gets only those still ahead", async () => {
    const { eventId } = await seedBooking(db());
    await confirm(db(), eventId);
    await plan(eventId);
    await setEvent(db(), eventId, { status: "cancelled" });
    expect(await plan(eventId)).toMatchObject({ reminders: { queued: [], removed: [120, 1440] } });
    expect(await reminders(eventId)).toEqual([]);

    const other = await seedBooking(db());
    await confirm(db(), other.eventId);
    // Five hours before the slot: the day-before reminder's time has passed.
    await plan(other.eventId, minutesBefore(300));
    expect(await reminders(other.eventId)).toMatchObject([{ payload: { minutesBefore: 120 } }]);
  });

  it("follows the owner's own reminder settings, and queues nothing for a customer it cannot reach", async () => {
    const { userId, eventId } = await seedBooking(db());
    await db()
      .insert(industryConfigurations)
      .values({
        userId,
        industryType: "plumbing",
        eventTypes: ["service_call"],
        reminderSettings: { enabled: true, offsets_minutes: [60, 60, 2880], channels: ["email"] },
      });
    await confirm(db(), eventId);
    await plan(eventId);
    expect((await reminders(eventId)).map((job) => (job.payload as { minutesBefore: number }).minutesBefore)).toEqual([
      2880, 60,
    ]);

    const unreachable = await seedBooking(db(), { phone: null, email: null });
    await confirm(db(), unreachable.eventId);
    expect(await plan(unreachable.eventId)).toEqual({
      calendarSync: false,
      confirmation: false,
      reminders: { queued: [], removed: [] },
    });
  });

  it("queues the calendar sync for an owner with an active Google or Outlook connection that syncs", async () => {
    const { userId, eventId } = await seedBooking(db());
    await db().insert(calendarIntegrations).values({ userId, integrationType: "google", syncEnabled: false });
    await setEvent(db(), eventId, { status: "tentative" });
    expect(await plan(eventId)).toMatchObject({ calendarSync: false, confirmation: false });
    await db().update(calendarIntegrations).set({ syncEnabled: true });
    expect(await plan(eventId)).toMatchObject({ calendarSync: true, confirmation: false });
    expect(await jobsOf(queue.current, eventId, "sync-calendar-event")).toMatchObject([{ payload: { eventId } }]);
  });

  it("an unknown event plans nothing", async () => {
    expect(await plan(randomUUID())).toBe("missing");
  });
});
