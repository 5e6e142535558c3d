/**
 * Reminds the customer `minutesBefore` their event, on each channel of the reminder settings.
 * The planner (event-changed) schedules one job per offset at `startsAt - minutesBefore`,
 * moves it when the event moves and removes it when the event is cancelled; should one run
 * anyway for a time the event no longer has (or for an event no longer confirmed, or an
 * offset the owner removed), it does nothing. One reminder per slot, offset and channel,
 * ever: each is claimed under its idempotency key before it is sent.
 */
import {
  CUSTOMER_CHANNELS,
  type CustomerMessageLog,
  customerMessageByKey,
  reminderKey,
} from "@flynn/db/queries/customer-messages";
import { enqueueJob, type JobPayload } from "@flynn/jobs";
import {
  claimAndDeliver,
  claimCustomerMessageFor,
  type DeliveryOutcome,
  reachableChannels,
  reminderOffsets,
} from "../customer-messages";
import type { WorkerDeps } from "../deps";
import type { Attempt } from "../job-attempt";

/** A job run this much before its time (the worker's clock ahead of the database's) still counts as on time. */
const EARLY_TOLERANCE_MS = 60_000;

export type ReminderSkip = "missing" | "stale" | "too-late" | "early";

export function sendEventReminder(
  deps: WorkerDeps,
  payload: JobPayload<"send-event-reminder">,
  attempt: Attempt,
): Promise<DeliveryOutcome[] | ReminderSkip> {
  const { eventId, minutesBefore } = payload;
  const startsAt = new Date(payload.startsAt);
  const remindAt = new Date(startsAt.getTime() - minutesBefore * 60_000);
  return claimAndDeliver(deps, eventId, attempt, async (tx, state): Promise<CustomerMessageLog[] | ReminderSkip> => {
    const slot = state.event.datetime;
    if (slot?.getTime() !== startsAt.getTime() || !reminderOffsets(state).includes(minutesBefore)) return "stale";
    const now = deps.now();
    if (now.getTime() >= startsAt.getTime()) return "too-late";
    if (now.getTime() < remindAt.getTime() - EARLY_TOLERANCE_MS) {
      await enqueueJob(tx, "send-event-reminder", payload, { runAt: remindAt, keyMode: "replace" });
      return "early";
    }
    const slotIso = startsAt.toISOString();
    const reachable = reachableChannels(state, "reminder");
    const deliveries: CustomerMessageLog[] = [];
    for (const channel of CUSTOMER_CHANNELS.filter((candidate) => reachable[candidate])) {
      const key = reminderKey(eventId, slotIso, minutesBefore, channel);
      const log = await claimCustomerMessageFor(tx, deps, state, { channel, key, kind: "reminder" });
      // A pending one left by an earlier attempt is resumed (a text only if it certainly did not go).
      const claimedOrEarlier = log ?? (await customerMessageByKey(tx, key));
      if (claimedOrEarlier?.status === "pending" && !claimedOrEarlier.externalId) deliveries.push(claimedOrEarlier);
    }
    return deliveries;
  });
}
