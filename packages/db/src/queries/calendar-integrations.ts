/**
 * Calendar connections (Google, Outlook) and the sync of events into them. The dashboard's
 * functions run under the user's RLS context (`withUser`); the worker's as the owner. Tokens
 * arrive here sealed (@flynn/crypto) and leave sealed: only the worker, the OAuth callback and
 * the calendar picker open them. What the dashboard lists never includes them.
 */
import { and, asc, desc, eq, gte, inArray, isNotNull, ne, sql } from "drizzle-orm";
import type { Db, Tx } from "../client";
import { calendarIntegrations, events, users } from "../schema/index";
import { calendarEntryColumns } from "./calendar-feed";

type Executor = Db | Tx;

/** The providers Flynn syncs events to (the spec's 'apple' and 'other' have no sync). */
export const SYNC_INTEGRATION_TYPES = ["google", "outlook"] as const;
export type SyncIntegrationType = (typeof SYNC_INTEGRATION_TYPES)[number];

const statusColumns = {
  id: calendarIntegrations.id,
  integrationType: calendarIntegrations.integrationType,
  isActive: calendarIntegrations.isActive,
  calendarId: calendarIntegrations.calendarId,
  calendarName: calendarIntegrations.calendarName,
  syncEnabled: calendarIntegrations.syncEnabled,
  lastSyncAt: calendarIntegrations.lastSyncAt,
  lastError: calendarIntegrations.lastError,
  disconnectedAt: calendarIntegrations.disconnectedAt,
  createdAt: calendarIntegrations.createdAt,
  updatedAt: calendarIntegrations.updatedAt,
};

export type CalendarIntegrationStatus = Awaited<ReturnType<typeof listCalendarIntegrations>>[number];

/** The user's connections, without their tokens. */
export async function listCalendarIntegrations(tx: Executor, userId: string) {
  return tx
    .select(statusColumns)
    .from(calendarIntegrations)
    .where(eq(calendarIntegrations.userId, userId))
    .orderBy(asc(calendarIntegrations.integrationType));
}

export interface ConnectIntegration {
  userId: string;
  integrationType: SyncIntegrationType;
  /** Sealed. */
  accessToken: string;
  /** Sealed; null keeps the one stored (a provider that sent none this time). */
  refreshToken: string | null;
  tokenExpiresAt: Date | null;
}

/**
 * Stores a (re)connected provider, active and without error (the calendar chosen before is
 * kept), and deactivates the user's other provider: events sync to one calendar only.
 */
export async function connectCalendarIntegration(tx: Executor, params: ConnectIntegration) {
  const [row] = await tx
    .insert(calendarIntegrations)
    .values({
      userId: params.userId,
      integrationType: params.integrationType,
      accessToken: params.accessToken,
      refreshToken: params.refreshToken,
      tokenExpiresAt: params.tokenExpiresAt,
      isActive: true,
    })
    .onConflictDoUpdate({
      target: [calendarIntegrations.userId, calendarIntegrations.integrationType],
      set: {
        accessToken: params.accessToken,
        refreshToken: sql`coalesce(excluded.refresh_token, ${calendarIntegrations.refreshToken})`,
        tokenExpiresAt: params.tokenExpiresAt,
        isActive: true,
        lastError: null,
        disconnectedAt: null,
      },
    })
    .returning(statusColumns);
  // Switched, not broken: no error to show, and nothing to tell the owner.
  await tx
    .update(calendarIntegrations)
    .set({ isActive: false, lastError: null })
    .where(
      and(
        eq(calendarIntegrations.userId, params.userId),
        ne(calendarIntegrations.integrationType, params.integrationType),
        sql`${calendarIntegrations.isActive} IS NOT FALSE`,
      ),
    );
  return row ?? null;
}

const ofUser = (userId: string, integrationType: SyncIntegrationType) =>
  and(eq(calendarIntegrations.userId, userId), eq(calendarIntegrations.integrationType, integrationType));

export async function chooseCalendar(
  tx: Executor,
  params: { userId: string; integrationType: SyncIntegrationType; calendarId: string; calendarName: string },
) {
  const [row] = await tx
    .update(calendarIntegrations)
    .set({ calendarId: params.calendarId, calendarName: params.calendarName, lastError: null })
    .where(ofUser(params.userId, params.integrationType))
    .returning(statusColumns);
  return row ?? null;
}

export async function setCalendarSyncEnabled(
  tx: Executor,
  params: { userId: string; integrationType: SyncIntegrationType; enabled: boolean },
) {
  const [row] = await tx
    .update(calendarIntegrations)
    .set({ syncEnabled: params.enabled })
    .where(ofUser(params.userId, params.integrationType))
    .returning(statusColumns);
  return row ?? null;
}

/** Removes the connection; returns its sealed refresh token (to revoke it), or null if there was none. */
export async function deleteCalendarIntegration(
  tx: Executor,
  params: { userId: string; integrationType: SyncIntegrationType },
) {
  const [row] = await tx
    .delete(calendarIntegrations)
    .where(ofUser(params.userId, params.integrationType))
    .returning({ id: calendarIntegrations.id, refreshToken: calendarIntegrations.refreshToken });
  return row ?? null;
}

const tokenColumns = {
  id: calendarIntegrations.id,
  userId: calendarIntegrations.userId,
  integrationType: calendarIntegrations.integrationType,
  isActive: calendarIntegrations.isActive,
  accessToken: calendarIntegrations.accessToken,
  refreshToken: calendarIntegrations.refreshToken,
  tokenExpiresAt: calendarIntegrations.tokenExpiresAt,
  calendarId: calendarIntegrations.calendarId,
  syncEnabled: calendarIntegrations.syncEnabled,
  disconnectedAt: calendarIntegrations.disconnectedAt,
};

export type IntegrationTokens = Awaited<ReturnType<typeof integrationTokens>>;

/**
 * The connection's sealed tokens. `lock`: FOR UPDATE, so two processes refreshing at once
 * take turns, and the second finds the first's new tokens (never losing a rotated one).
 */
export async function integrationTokens(tx: Executor, id: string, { lock }: { lock: boolean }) {
  const query = tx.select(tokenColumns).from(calendarIntegrations).where(eq(calendarIntegrations.id, id));
  const [row] = await (lock ? query.for("update") : query);
  return row ?? null;
}

export async function integrationTokensOfUser(tx: Executor, userId: string, integrationType: SyncIntegrationType) {
  const [row] = await tx.select(tokenColumns).from(calendarIntegrations).where(ofUser(userId, integrationType));
  return row ?? null;
}

export async function storeIntegrationTokens(
  tx: Executor,
  params: { id: string; accessToken: string; refreshToken: string | null; tokenExpiresAt: Date | null },
) {
  await tx
    .update(calendarIntegrations)
    .set({
      accessToken: params.accessToken,
      ...(params.refreshToken ? { refreshToken: params.refreshToken } : {}),
      tokenExpiresAt: params.tokenExpiresAt,
    })
    .where(eq(calendarIntegrations.id, params.id));
}

/**
 * Marks a connection that stopped working (its grant is gone) inactive with the reason, as
 * disconnected `at`. Returns that time, or null when it was inactive already: one
 * disconnection, one notice.
 */
export async function deactivateCalendarIntegration(tx: Executor, params: { id: string; reason: string; at: Date }) {
  const [row] = await tx
    .update(calendarIntegrations)
    .set({ isActive: false, lastError: params.reason, disconnectedAt: params.at })
    .where(and(eq(calendarIntegrations.id, params.id), sql`${calendarIntegrations.isActive} IS NOT FALSE`))
    .returning({ disconnectedAt: calendarIntegrations.disconnectedAt });
  return row?.disconnectedAt ?? null;
}

/** Why the last sync failed (shown on the settings page), or null after a success. */
export async function recordCalendarSyncError(executor: Executor, params: { id: string; error: string | null }) {
  await executor
    .update(calendarIntegrations)
    .set({ lastError: params.error })
    .where(eq(calendarIntegrations.id, params.id));
}

/** The user's connection events sync to: active, sync on, a calendar chosen; null: none. */
export async function calendarSyncTarget(executor: Executor, userId: string) {
  const [row] = await executor
    .select(tokenColumns)
    .from(calendarIntegrations)
    .where(
      and(
        eq(calendarIntegrations.userId, userId),
        inArray(calendarIntegrations.integrationType, SYNC_INTEGRATION_TYPES),
        eq(calendarIntegrations.isActive, true),
        eq(calendarIntegrations.syncEnabled, true),
        isNotNull(calendarIntegrations.calendarId),
      ),
    )
    .orderBy(desc(calendarIntegrations.updatedAt))
    .limit(1);
  return row ?? null;
}

/** An event as its calendar copy needs it (contacts still sealed), with its owner's time zone. */
export async function calendarSyncEvent(executor: Executor, eventId: string) {
  const [row] = await executor
    .select({
      ...calendarEntryColumns,
      userId: events.userId,
      calendarSynced: events.calendarSynced,
      calendarEventId: events.calendarEventId,
      calendarCopyIntegrationId: events.calendarCopyIntegrationId,
      calendarCopyCalendarId: events.calendarCopyCalendarId,
      timezone: users.timezone,
    })
    .from(events)
    .innerJoin(users, eq(users.id, events.userId))
    .where(eq(events.id, eventId));
  return row ?? null;
}

/**
 * Records the copy's state after a successful sync: the event's flag and the provider's id
 * (null once cancelled), and the connection's last sync. Neither column is one a calendar
 * shows, so the event's calendar_sequence stays and no new sync is queued.
 */
export async function markCalendarEventSynced(
  db: Db,
  params: {
    eventId: string;
    integrationId: string;
    /** The calendar the copy is in (recorded with it), or was removed from. */
    calendarId: string;
    synced: boolean;
    remoteId: string | null;
    at: Date;
  },
) {
  const copied = params.remoteId !== null;
  await db.transaction(async (tx) => {
    await tx
      .update(events)
      .set({
        calendarSynced: params.synced,
        calendarEventId: params.remoteId,
        calendarCopyIntegrationId: copied ? params.integrationId : null,
        calendarCopyCalendarId: copied ? params.calendarId : null,
      })
      .where(eq(events.id, params.eventId));
    await tx
      .update(calendarIntegrations)
      .set({ lastSyncAt: params.at, lastError: null })
      .where(eq(calendarIntegrations.id, params.integrationId));
  });
}

/** How many upcoming events a full resync covers at most (a business's next months). */
const RESYNC_LIMIT = 500;

/** The user's confirmed and tentative events from `from` on, soonest first, for a full resync. */
export async function upcomingCalendarEventIds(
  tx: Executor,
  params: { userId: string; from: Date; limit?: number },
): Promise<string[]> {
  const rows = await tx
    .select({ id: events.id })
    .from(events)
    .where(
      and(
        eq(events.userId, params.userId),
        inArray(events.status, ["confirmed", "tentative"]),
        gte(sql`coalesce(${events.confirmedDatetime}, ${events.proposedDatetime})`, params.from),
      ),
    )
    .orderBy(asc(sql`coalesce(${events.confirmedDatetime}, ${events.proposedDatetime})`))
    .limit(params.limit ?? RESYNC_LIMIT);
  return rows.map((row) => row.id);
}

/** A deactivated connection and its owner, for the "reconnect" email. */
export async function calendarDisconnection(executor: Executor, integrationId: string) {
  const [row] = await executor
    .select({
      id: calendarIntegrations.id,
      userId: calendarIntegrations.userId,
      integrationType: calendarIntegrations.integrationType,
      isActive: calendarIntegrations.isActive,
      lastError: calendarIntegrations.lastError,
      disconnectedAt: calendarIntegrations.disconnectedAt,
      email: users.email,
      fullName: users.fullName,
    })
    .from(calendarIntegrations)
    .innerJoin(users, eq(users.id, calendarIntegrations.userId))
    .where(eq(calendarIntegrations.id, integrationId));
  return row ?? null;
}
