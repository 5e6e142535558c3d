/**
 * Emails the owner that a calendar connection stopped working, once per disconnection: the
 * message's idempotency key names the connection and the moment it was deactivated
 * (`calendar-disconnected/<integration id>/<updated_at>`), it is claimed as a
 * communication_logs row before it is sent, and a retry resends the stored message under the
 * same key (Resend delivers it once). Without a Resend key it stays in the outbox. A
 * connection that is active again by the time the job runs (reconnected) gets no email.
 */
import { CALENDAR_PROVIDER_LABELS, type CalendarProviderName } from "@flynn/calendar";
import { calendarDisconnection, claimOwnerNotice } from "@flynn/db/queries/calendar-integrations";
import { recordCallOverviewError } from "@flynn/db/queries/call-overview";
import { markCustomerMessageSent } from "@flynn/db/queries/customer-messages";
import { EmailSendError, htmlToText, renderCalendarDisconnected } from "@flynn/email";
import type { JobPayload } from "@flynn/jobs";
import type { JobHelpers } from "graphile-worker";
import type { WorkerDeps } from "../deps";

export type NotifyCalendarDisconnectedResult = "sent" | "outbox" | "already-sent" | "still-connected" | "failed";

export const disconnectionNoticeKey = (integrationId: string, deactivatedAt: Date) =>
  `calendar-disconnected/${integrationId}/${deactivatedAt.toISOString()}`;

/** The dashboard's calendar settings, where the owner reconnects. */
export const calendarSettingsUrl = (webUrl: string) => `${webUrl.replace(/\/+$/, "")}/settings?tab=calendars`;

export async function notifyCalendarDisconnected(
  deps: WorkerDeps,
  { integrationId }: JobPayload<"notify-calendar-disconnected">,
  attempt: { number: number; max: number },
): Promise<NotifyCalendarDisconnectedResult> {
  const integration = await calendarDisconnection(deps.db, integrationId);
  if (!integration?.userId || integration.isActive !== false || !integration.updatedAt) return "still-connected";
  const providerLabel =
    CALENDAR_PROVIDER_LABELS[integration.integrationType as CalendarProviderName] ?? integration.integrationType;
  const email = renderCalendarDisconnected({
    providerLabel,
    reason: integration.lastError,
    settingsUrl: calendarSettingsUrl(deps.webUrl),
    ownerName: integration.fullName,
  });
  const claim = await claimOwnerNotice(
    deps.db,
    {
      userId: integration.userId,
      recipient: integration.email,
      subject: email.subject,
      content: email.html,
      key: disconnectionNoticeKey(integration.id, integration.updatedAt),
    },
    deps.mailer.mode === "outbox" ? { outboxAt: deps.now() } : {},
  );
  if (claim.kind === "outbox") return "outbox";
  if (claim.kind === "done") return "already-sent";

  try {
    const { providerId } = await deps.mailer.send({
      to: claim.recipient,
      subject: claim.subject,
      html: claim.content,
      text: htmlToText(claim.content),
      idempotencyKey: disconnectionNoticeKey(integration.id, integration.updatedAt),
    });
    await markCustomerMessageSent(deps.db, { logId: claim.logId, providerId, at: deps.now(), stamp: null });
    return "sent";
  } catch (error) {
    if (!(error instanceof EmailSendError)) throw error;
    const final = !error.transient || attempt.number >= attempt.max;
    await recordCallOverviewError(deps.db, { logId: claim.logId, errorMessage: error.message, final });
    if (!final) throw error;
    return "failed";
  }
}

export async function notifyCalendarDisconnectedTask(
  deps: WorkerDeps,
  payload: JobPayload<"notify-calendar-disconnected">,
  helpers: JobHelpers,
): Promise<void> {
  const result = await notifyCalendarDisconnected(deps, payload, {
    number: helpers.job.attempts,
    max: helpers.job.max_attempts,
  });
  helpers.logger.info(`notify-calendar-disconnected ${payload.integrationId}: ${result}`);
}
