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
  readCustomerMessageState,
  reminderKey,
} from "@flynn/db/queries/customer-messages";
import { enqueueJob, type JobPayload } from "@flynn/jobs";
import type { JobHelpers } from "graphile-worker";
import {
  type Attempt,
  attemptOf,
  claimCustomerMessageFor,
  type DeliveryOutcome,
  deliverCustomerMessages,
  describeOutcome,
  reachableChannels,
  reminderOffsets,
} from "../customer-messages";
import type { WorkerDeps } from "../deps";

/** A job run this much before its time (the worker's clock ahead of the database's) still counts as on time. */
const EARLY_TOLERANCE_MS = 60_000;

export type ReminderSkip = "missing" | "stale" | "too-late" | "early";

export async function sendEventReminder(
  deps: WorkerDeps,
  payload: JobPayload<"send-event-reminder">,
  attempt: Attempt,
): Promise<DeliveryOutcome[] | ReminderSkip> {
  const { eventId, minutesBefore } = payload;
  const startsAt = new Date(payload.startsAt);
  const remindAt = new Date(startsAt.getTime() - minutesBefore * 60_000);
  const claimed = await deps.db.transaction(async (tx) => {
    const state = await readCustomerMessageState(tx, deps.keyring, eventId);
    if (!state) return "missing" as const;
    const slot = state.event.datetime;
    if (slot?.getTime() !== startsAt.getTime() || !reminderOffsets(state).includes(minutesBefore)) {
      return "stale" as const;
    }
    const now = deps.now();
    if (now.getTime() >= startsAt.getTime()) return "too-late" as const;
    if (now.getTime() < remindAt.getTime() - EARLY_TOLERANCE_MS) {
      await enqueueJob(tx, "send-event-reminder", payload, { runAt: remindAt, keyMode: "replace" });
      return "early" as const;
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
    return { state, deliveries };
  });
  if (typeof claimed === "string") return claimed;
  return deliverCustomerMessages(deps, claimed.state, claimed.deliveries, attempt);
}

export async function sendEventReminderTask(
  deps: WorkerDeps,
  payload: JobPayload<"send-event-reminder">,
  helpers: JobHelpers,
): Promise<void> {
  const outcome = await sendEventReminder(deps, payload, attemptOf(helpers));
  helpers.logger.info(
    `send-event-reminder ${payload.eventId} ${payload.minutesBefore} min: ${describeOutcome(outcome)}`,
  );
}
