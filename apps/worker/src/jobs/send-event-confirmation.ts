/**
 * Tells the customer where their event stands: confirmed (or moved to a new time), or
 * cancelled after they were told it was confirmed. Queued by the planner (event-changed)
 * whenever such a notice is due; what is due is decided again here, under the event's row
 * lock, from the event as it is now (see planNotices), so a duplicate, late or retried job
 * sends nothing twice and never a notice the event no longer calls for. The notices are
 * claimed in that transaction and sent after it commits (customer-messages.ts).
 */
import { failCustomerMessages } from "@flynn/db/queries/customer-messages";
import type { JobPayload } from "@flynn/jobs";
import {
  claimAndDeliver,
  claimCustomerMessageFor,
  type DeliveryOutcome,
  noticePlanOf,
  SUPERSEDED,
} from "../customer-messages";
import type { WorkerDeps } from "../deps";
import type { Attempt } from "../job-attempt";

export function sendEventConfirmation(
  deps: WorkerDeps,
  { eventId }: JobPayload<"send-event-confirmation">,
  attempt: Attempt,
): Promise<DeliveryOutcome[] | "missing"> {
  return claimAndDeliver<never>(deps, eventId, attempt, async (tx, state) => {
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
    return deliveries;
  });
}
