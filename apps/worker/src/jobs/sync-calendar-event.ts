/**
 * Puts one event's current state into its owner's connected calendar (Google or Outlook):
 * a confirmed or tentative event with a time gets its copy created or patched; a cancelled
 * one (or one reopened, no longer confirmed) loses it; a completed one keeps it as it was.
 * The job reads the event when it runs, so a late or repeated job writes the latest state,
 * and each provider makes the write idempotent (Google: an id derived from the event's;
 * Outlook: a transactionId), so a run that crashed after the provider stored the copy
 * leaves exactly one copy when it reruns.
 *
 * A copy written to another calendar or provider than the current one (the owner chose
 * another since) is replaced: the event is copied afresh into the current calendar, then the
 * old copy is removed through the connection that wrote it. It never stays in two calendars.
 *
 * Transient failures (network, 429, 5xx) throw, and graphile-worker retries with backoff;
 * permanent ones, and the last attempt, record the reason on the connection and stop. A
 * dead grant deactivates the connection and queues the owner's "reconnect" email, once.
 */
import {
  CALENDAR_PROVIDER_LABELS,
  type CalendarEventStatus,
  CalendarProviderError,
  type CalendarProviders,
  calendarCopy,
} from "@flynn/calendar";
import { type CalendarAccessDeps, withAccessToken } from "@flynn/calendar/connection";
import { withSessionLock } from "@flynn/db/client";
import {
  calendarSyncEvent,
  calendarSyncTarget,
  integrationTokens,
  markCalendarEventSynced,
  recordCalendarSyncError,
} from "@flynn/db/queries/calendar-integrations";
import { openCustomerContacts } from "@flynn/db/sealed-contacts";
import { dashboardEventUrl } from "@flynn/domain";
import { addJobStatement, type JobPayload, jobKey } from "@flynn/jobs";
import type { WorkerDeps } from "../deps";
import { type Attempt, isFinalFailure } from "../job-attempt";

export type SyncCalendarEventResult =
  | "no-event"
  | "no-calendar"
  | "not-configured"
  | "synced"
  | "removed"
  | "kept"
  | "disconnected"
  | "failed";

/** The access tokens' dependencies as the worker has them: a dead grant queues the owner's email. */
export function calendarAccess(deps: WorkerDeps): CalendarAccessDeps {
  return {
    keyring: deps.keyring,
    providers: deps.calendars ?? {},
    now: deps.now,
    onDisconnected: async (tx, integrationId) => {
      await tx.execute(addJobStatement("notify-calendar-disconnected", { integrationId }));
    },
  };
}

/**
 * One run at a time per event: a change while a run is under way queues another (graphile's
 * job key replaces only a job still waiting), and were the two to overlap, the first's copy of
 * the older state could reach the provider last (or, for Outlook, both could create one).
 * The later run waits for the lock, then reads the event as it is by then.
 */
export function syncCalendarEvent(
  deps: WorkerDeps,
  payload: JobPayload<"sync-calendar-event">,
  attempt: Attempt,
): Promise<SyncCalendarEventResult> {
  return withSessionLock(deps.db, jobKey("sync-calendar-event", payload), (db) =>
    syncLockedEvent({ ...deps, db }, payload, attempt),
  );
}

async function syncLockedEvent(
  deps: WorkerDeps,
  { eventId }: JobPayload<"sync-calendar-event">,
  attempt: Attempt,
): Promise<SyncCalendarEventResult> {
  const event = await calendarSyncEvent(deps.db, eventId);
  if (!event?.userId) return "no-event";
  const target = await calendarSyncTarget(deps.db, event.userId);
  if (!target?.calendarId) return "no-calendar";
  const calendarId = target.calendarId;
  if (!configured(deps, target.integrationType)) {
    const label = CALENDAR_PROVIDER_LABELS[target.integrationType as keyof typeof CALENDAR_PROVIDER_LABELS];
    await recordCalendarSyncError(deps.db, {
      id: target.id,
      error: `${label} is not configured on Flynn's worker (its client id and secret are missing)`,
    });
    return "not-configured";
  }

  const { datetime, status } = event;
  const copyStatus: CalendarEventStatus | null =
    datetime && (status === "confirmed" || status === "tentative") ? status : null;
  if (!copyStatus && status === "completed") return "kept";
  // Never copied, and not cancelled (a crash may have hidden a copy only then): nothing to remove.
  if (!copyStatus && !event.calendarSynced && !event.calendarEventId && status !== "cancelled") return "kept";

  try {
    const copyHere = event.calendarCopyIntegrationId === target.id && event.calendarCopyCalendarId === calendarId;
    const remoteId = copyHere ? event.calendarEventId : null;
    const outcome = await withAccessToken(deps.db, calendarAccess(deps), target, async (accessToken, provider) => {
      if (!copyStatus || !datetime) {
        await provider.removeEvent(accessToken, { calendarId, remoteId, eventId });
        return null;
      }
      const opened = openCustomerContacts(deps.keyring, event);
      const copy = calendarCopy(
        { ...opened, datetime },
        { status: copyStatus, eventUrl: dashboardEventUrl(deps.webUrl, eventId), timeZone: event.timezone ?? "UTC" },
      );
      const replaces = copyHere ? null : event.calendarEventId;
      return provider.upsertEvent(accessToken, { calendarId, remoteId, event: copy, replaces });
    });
    if (outcome.kind === "disconnected") return "disconnected";
    // Only once the new copy exists: with the current calendar unreachable, the old copy stays
    // rather than none at all. A crash between the two repeats both (each is idempotent).
    if (event.calendarEventId && !copyHere) await removeCopyElsewhere(deps, event, attempt);
    await markCalendarEventSynced(deps.db, {
      eventId,
      integrationId: target.id,
      calendarId,
      synced: outcome.value !== null,
      remoteId: outcome.value,
      at: deps.now(),
    });
    return outcome.value === null ? "removed" : "synced";
  } catch (error) {
    if (!(error instanceof CalendarProviderError)) throw error;
    if (!isFinalFailure(error.kind === "transient", attempt)) throw error;
    await recordCalendarSyncError(deps.db, { id: target.id, error: error.message });
    return "failed";
  }
}

/** Whether this worker has the provider's OAuth client (its id and secret). */
const configured = (deps: WorkerDeps, provider: string) =>
  Boolean(deps.calendars?.[provider as keyof CalendarProviders]);

type SyncEvent = NonNullable<Awaited<ReturnType<typeof calendarSyncEvent>>>;

/**
 * Removes the event's copy from the calendar it was written to, through the connection that
 * wrote it (a provider switched away from still refreshes its token for this). A copy that
 * cannot be reached any more (its connection deleted or its grant dead, the calendar gone or
 * no longer writable) is left where it is: nothing else can be done for it. Transient
 * failures throw, so the job retries; removing twice is harmless (404 and 410 count as done).
 */
async function removeCopyElsewhere(deps: WorkerDeps, event: SyncEvent, attempt: Attempt): Promise<void> {
  const { calendarCopyIntegrationId: integrationId, calendarCopyCalendarId: calendarId } = event;
  if (!integrationId || !calendarId) return;
  const connection = await integrationTokens(deps.db, integrationId, { lock: false });
  if (!connection || !configured(deps, connection.integrationType)) return;
  try {
    // No "reconnect" email for a connection the owner moved away from.
    await withAccessToken(
      deps.db,
      { ...calendarAccess(deps), onDisconnected: undefined },
      connection,
      (token, provider) =>
        provider.removeEvent(token, { calendarId, remoteId: event.calendarEventId, eventId: event.id }),
    );
  } catch (error) {
    if (!(error instanceof CalendarProviderError)) throw error;
    if (!isFinalFailure(error.kind === "transient", attempt)) throw error;
  }
}
