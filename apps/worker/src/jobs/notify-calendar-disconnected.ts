/**
 * Emails the owner that a calendar connection stopped working, once per disconnection: the
 * message's idempotency key names the connection and the moment it was deactivated
 * (`calendar-disconnected/<integration id>/<disconnected_at>`, which no other edit of the row
 * moves and a reconnect clears). It is claimed as a communication_logs row before it is sent,
 * and a retry resends the stored message under the same key (Resend delivers it once).
 * Without a Resend key it stays in the outbox. A connection that is active again by the time
 * the job runs (reconnected) gets no email.
 */
import { CALENDAR_PROVIDER_LABELS, type CalendarProviderName } from "@flynn/calendar";
import { calendarDisconnection } from "@flynn/db/queries/calendar-integrations";
import { claimOwnerNotice, markMessageSent } from "@flynn/db/queries/message-log";
import { dashboardCalendarSettingsUrl } from "@flynn/domain";
import { renderCalendarDisconnected } from "@flynn/email";
import type { JobPayload } from "@flynn/jobs";
import type { WorkerDeps } from "../deps";
import { sendClaimedEmail } from "../email-delivery";
import type { Attempt } from "../job-attempt";

export type NotifyCalendarDisconnectedResult = "sent" | "outbox" | "already-sent" | "still-connected" | "failed";

export const disconnectionNoticeKey = (integrationId: string, disconnectedAt: Date) =>
  `calendar-disconnected/${integrationId}/${disconnectedAt.toISOString()}`;

export async function notifyCalendarDisconnected(
  deps: WorkerDeps,
  { integrationId }: JobPayload<"notify-calendar-disconnected">,
  attempt: Attempt,
): Promise<NotifyCalendarDisconnectedResult> {
  const integration = await calendarDisconnection(deps.db, integrationId);
  if (!integration?.userId || integration.isActive !== false || !integration.disconnectedAt) return "still-connected";
  const providerLabel =
    CALENDAR_PROVIDER_LABELS[integration.integrationType as CalendarProviderName] ?? integration.integrationType;
  const email = renderCalendarDisconnected({
    providerLabel,
    reason: integration.lastError,
    settingsUrl: dashboardCalendarSettingsUrl(deps.webUrl),
    ownerName: integration.fullName,
  });
  const key = disconnectionNoticeKey(integration.id, integration.disconnectedAt);
  const claim = await claimOwnerNotice(
    deps.db,
    { userId: integration.userId, recipient: integration.email, subject: email.subject, content: email.html, key },
    deps.mailer.mode === "outbox" ? { outboxAt: deps.now() } : {},
  );
  if (claim.kind === "outbox") return "outbox";
  if (claim.kind === "done") return "already-sent";
  return sendClaimedEmail(deps, { ...claim, idempotencyKey: key }, attempt, (providerId) =>
    markMessageSent(deps.db, { logId: claim.logId, providerId, at: deps.now(), stamp: null }),
  );
}
