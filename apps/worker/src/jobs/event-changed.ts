/**
 * The planner: an event that is (or was) confirmed, tentative, cancelled or completed changed
 * (the database trigger `queue_event_changed` queues this job for every such change, whatever
 * path made it). From the event as it is now, it makes the queue match what should follow:
 *
 * - `sync-calendar-event` when the owner has an active Google or Outlook connection that syncs;
 * - `send-event-confirmation` when a notice is due (a confirmation of the current time, or a
 *   cancellation the customer must hear of; see planNotices);
 * - one `send-event-reminder` per reminder offset whose time is still ahead, at
 *   `startsAt - minutesBefore` (a reschedule moves them: same key, new time and payload), and
 *   none for an event that is not confirmed, a time already past or an offset removed.
 *
 * It runs in one transaction holding the event's row lock, so two planners of the same event
 * run one after the other and the later one (which sees the later state) has the last word;
 * running it twice queues nothing more.
 */
import { readCustomerMessageState } from "@flynn/db/queries/customer-messages";
import { enqueueJob, type JobPayload, jobKey, keyedJobs, removeJobStatement } from "@flynn/jobs";
import { noticePlanOf, reminderOffsets } from "../customer-messages";
import type { WorkerDeps } from "../deps";

export interface EventChangePlan {
  calendarSync: boolean;
  confirmation: boolean;
  /** The reminder jobs queued or moved (minutes before), and those removed. */
  reminders: { queued: number[]; removed: number[] };
}

/** The key every reminder job of the event starts with (the contract's key without its minutes). */
function reminderJobPrefix(eventId: string): string {
  const key = jobKey("send-event-reminder", { eventId, minutesBefore: 1, startsAt: new Date(0).toISOString() });
  return key.slice(0, -"1".length);
}

export async function planEventChange(
  deps: WorkerDeps,
  { eventId }: JobPayload<"event-changed">,
): Promise<EventChangePlan | "missing"> {
  return deps.db.transaction(async (tx) => {
    const state = await readCustomerMessageState(tx, deps.keyring, eventId);
    const queuedReminders = await keyedJobs(tx, "send-event-reminder", reminderJobPrefix(eventId));
    const now = deps.now();
    const wanted = (state ? reminderOffsets(state) : []).flatMap((minutesBefore) => {
      const startsAt = state?.event.datetime as Date;
      const runAt = new Date(startsAt.getTime() - minutesBefore * 60_000);
      return runAt.getTime() > now.getTime() ? [{ minutesBefore, startsAt: startsAt.toISOString(), runAt }] : [];
    });
    const plan: EventChangePlan = {
      calendarSync: Boolean(state?.calendarSync),
      confirmation: false,
      reminders: { queued: [], removed: [] },
    };

    for (const reminder of wanted) {
      const { runAt, ...payload } = reminder;
      const payloadWithEvent = { eventId, ...payload };
      const queued = queuedReminders.find((job) => job.key === jobKey("send-event-reminder", payloadWithEvent));
      // The same job for the same slot is already waiting (or running): leave it be.
      if (queued?.runAt.getTime() === runAt.getTime() && queued.payload.startsAt === payload.startsAt) continue;
      await enqueueJob(tx, "send-event-reminder", payloadWithEvent, { runAt, keyMode: "replace" });
      plan.reminders.queued.push(reminder.minutesBefore);
    }
    for (const job of queuedReminders) {
      if (wanted.some((reminder) => reminder.minutesBefore === job.payload.minutesBefore)) continue;
      await tx.execute(removeJobStatement("send-event-reminder", job.payload));
      plan.reminders.removed.push(job.payload.minutesBefore);
    }
    if (!state) return "missing";

    if (state.calendarSync) await enqueueJob(tx, "sync-calendar-event", { eventId });
    const notices = noticePlanOf(state, now);
    if (notices.due.length > 0) {
      await enqueueJob(tx, "send-event-confirmation", { eventId });
      plan.confirmation = true;
    }
    return plan;
  });
}
