/**
 * Emails the owner the overview of one call, once per call, ever. The claim (a pending
 * communication_logs row holding the rendered message) commits before anything is sent;
 * the send carries the idempotency key `call-overview/<call id>`; the row and
 * `calls.email_sent_at` are marked together afterwards. A crash between the send and the
 * mark reruns the job, which resends the stored message under the same key: Resend
 * answers with the first email's id and sends nothing. Outbox mode (no provider) has no send
 * to lose: the claim itself stores the overview as sent and stamps the call.
 *
 * Transient failures (network, 429, 5xx) leave the row pending with the error and throw, so
 * graphile-worker retries with backoff; on the last attempt, or for a refusal that will not
 * change (invalid sender, validation), the row becomes `failed` and nothing is sent again.
 */
import { type CalendarLinks, calendarLinks } from "@flynn/calendar";
import { claimCallOverview, markCallOverviewSent } from "@flynn/db/queries/call-overview";
import { eventUrl, type OverviewEvent, renderCallOverview } from "@flynn/email";
import type { JobPayload } from "@flynn/jobs";
import type { WorkerDeps } from "../deps";
import { sendClaimedEmail } from "../email-delivery";
import type { Attempt } from "../job-attempt";

export const overviewIdempotencyKey = (callId: string) => `call-overview/${callId}`;

export type SendCallOverviewResult = "sent" | "outbox" | "already-sent" | "failed" | "missing";

/** The owner's "add to calendar" links for an event with a time; none without the API's address (the .ics file's). */
function ownerCalendarLinks(deps: WorkerDeps, event: OverviewEvent): CalendarLinks | null {
  if (!event.datetime || !deps.apiUrl) return null;
  return calendarLinks(
    { ...event, datetime: event.datetime },
    {
      audience: { kind: "owner", eventUrl: eventUrl(deps.webUrl, event.id) },
      apiUrl: deps.apiUrl,
      keyring: deps.keyring,
    },
  );
}

export async function sendCallOverview(
  deps: WorkerDeps,
  { callId }: JobPayload<"send-call-overview">,
  attempt: Attempt,
): Promise<SendCallOverviewResult> {
  const claim = await claimCallOverview(
    deps.db,
    deps.keyring,
    callId,
    (data) => {
      const email = renderCallOverview({
        call: data.call,
        business: data.owner,
        events: data.events.map((event) => ({ ...event, calendarLinks: ownerCalendarLinks(deps, event) })),
        template: data.template,
        webUrl: deps.webUrl,
      });
      return { subject: email.subject, content: email.html };
    },
    // The outbox's send does nothing: the claim stores the overview as sent.
    deps.mailer.mode === "outbox" ? { outboxAt: deps.now() } : {},
  );
  if (claim.kind !== "claimed") return claim.kind;
  return sendClaimedEmail(deps, { ...claim, idempotencyKey: overviewIdempotencyKey(callId) }, attempt, (providerId) =>
    markCallOverviewSent(deps.db, { callId, logId: claim.logId, providerId, at: deps.now() }),
  );
}
