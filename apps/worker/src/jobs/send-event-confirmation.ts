/**
 * Tells the customer where their event stands: confirmed (or moved to a new time), or
 * cancelled after they were told it was confirmed. Queued by the planner (event-changed)
 * whenever such a notice is due; what is due is decided again here, under the event's row
 * lock, from the event as it is now (see planNotices), so a duplicate, late or retried job
 * sends nothing twice and never a notice the event no longer calls for. The notices are
 * claimed in that transaction and sent after it commits (customer-messages.ts).
 */
import { failCustomerMessages, readCustomerMessageState } from "@flynn/db/queries/customer-messages";
import type { JobPayload } from "@flynn/jobs";
import type { JobHelpers } from "graphile-worker";
import {
  type Attempt,
  attemptOf,
  claimCustomerMessageFor,
  type DeliveryOutcome,
  deliverCustomerMessages,
  describeOutcome,
  noticePlanOf,
  SUPERSEDED,
} from "../customer-messages";
import type { WorkerDeps } from "../deps";

export async function sendEventConfirmation(
  deps: WorkerDeps,
  { eventId }: JobPayload<"send-event-confirmation">,
  attempt: Attempt,
): Promise<DeliveryOutcome[] | "missing"> {
  const claimed = await deps.db.transaction(async (tx) => {
    const state = await readCustomerMessageState(tx, deps.keyring, eventId);
    if (!state) return null;
    const plan = noticePlanOf(state, deps.now());
    await failCustomerMessages(
      tx,
      plan.superseded.map((log) => log.id),
      SUPERSEDED,
    );
    const deliveries = [...plan.resume];
    for (const due of plan.due) {
      const log = await claimCustomerMessageFor(tx, deps, state, { ...due, kind: due.message });
      if (log) deliveries.push(log);
    }
    return { state, deliveries };
  });
  if (!claimed) return "missing";
  return deliverCustomerMessages(deps, claimed.state, claimed.deliveries, attempt);
}

export async function sendEventConfirmationTask(
  deps: WorkerDeps,
  payload: JobPayload<"send-event-confirmation">,
  helpers: JobHelpers,
): Promise<void> {
  const outcome = await sendEventConfirmation(deps, payload, attemptOf(helpers));
  helpers.logger.info(`send-event-confirmation ${payload.eventId}: ${describeOutcome(outcome)}`);
}
