/**
 * The calendar integrations page: which providers this server offers, the user's connections
 * (never their tokens), the calendar events go to, and a full resync. Connecting itself is a
 * browser redirect (`GET /api/calendar/<provider>/connect` on the API server). Events sync to
 * one calendar: connecting one provider turns the other off.
 */
import {
  CALENDAR_PROVIDER_LABELS,
  CALENDAR_PROVIDERS,
  type CalendarChoice,
  type CalendarProvider,
  CalendarProviderError,
  type CalendarProviderName,
} from "@flynn/calendar";
import { openRefreshToken, withAccessToken } from "@flynn/calendar/connection";
import type { Tx } from "@flynn/db/client";
import {
  type CalendarIntegrationStatus,
  calendarSyncTarget,
  chooseCalendar,
  deleteCalendarIntegration,
  integrationTokensOfUser,
  listCalendarIntegrations,
  setCalendarSyncEnabled,
  upcomingCalendarEventIds,
} from "@flynn/db/queries/calendar-integrations";
import { addUserEventJobsStatement } from "@flynn/jobs";
import { TRPCError } from "@trpc/server";
import { z } from "zod";
import type { Context } from "../context";
import { found } from "../errors";
import { createTRPCRouter, protectedProcedure } from "../trpc";

const providerInput = z.object({ provider: z.enum(CALENDAR_PROVIDERS) });
const chooseInput = providerInput.extend({ calendarId: z.string().trim().min(1).max(1024) });
const syncEnabledInput = providerInput.extend({ enabled: z.boolean() });

const label = (provider: CalendarProviderName) => CALENDAR_PROVIDER_LABELS[provider];

function otherProvider(provider: CalendarProviderName): CalendarProviderName {
  return provider === "google" ? "outlook" : "google";
}

function configured(ctx: Pick<Context, "calendars">, provider: CalendarProviderName): CalendarProvider {
  const client = ctx.calendars?.[provider];
  if (!client) {
    throw new TRPCError({
      code: "PRECONDITION_FAILED",
      message: `${label(provider)} is not configured on this server`,
    });
  }
  return client;
}

export type CalendarChoices = { kind: "ok"; calendars: CalendarChoice[] } | { kind: "reconnect"; reason: string };

/**
 * The calendars the user may pick, fetched with their stored token (refreshed if needed). A
 * dead grant deactivates the connection and answers "reconnect" rather than an error, so
 * the deactivation commits with the request.
 */
async function calendarChoices(
  ctx: Pick<Context, "calendars" | "keyring"> & { db: Tx; userId: string },
  provider: CalendarProviderName,
): Promise<CalendarChoices> {
  const calendars = ctx.calendars ?? {};
  configured(ctx, provider);
  const integration = found(
    await integrationTokensOfUser(ctx.db, ctx.userId, provider),
    `${label(provider)} is not connected`,
  );
  if (integration.isActive === false) {
    throw new TRPCError({ code: "PRECONDITION_FAILED", message: `Connect ${label(provider)} again first` });
  }
  try {
    const outcome = await withAccessToken(
      ctx.db,
      { keyring: ctx.keyring, providers: calendars, now: () => new Date() },
      integration,
      (accessToken, client) => client.listCalendars(accessToken),
    );
    return outcome.kind === "ok"
      ? { kind: "ok", calendars: outcome.value }
      : { kind: "reconnect", reason: outcome.reason };
  } catch (error) {
    if (!(error instanceof CalendarProviderError)) throw error;
    throw new TRPCError({
      code: "BAD_GATEWAY",
      message: error.kind === "transient" ? `${label(provider)} could not be reached; try again` : error.message,
      cause: error,
    });
  }
}

function providerStatus(
  ctx: Pick<Context, "calendars">,
  provider: CalendarProviderName,
  rows: CalendarIntegrationStatus[],
) {
  const row = rows.find((r) => r.integrationType === provider);
  const other = rows.find((r) => r.integrationType === otherProvider(provider) && r.isActive !== false);
  return {
    provider,
    label: label(provider),
    configured: Boolean(ctx.calendars?.[provider]),
    connected: Boolean(row),
    active: row ? row.isActive !== false : false,
    /** Deactivated because it stopped working (not because the other provider was connected). */
    needsReconnect: Boolean(row && row.isActive === false && row.disconnectedAt),
    calendarId: row?.calendarId ?? null,
    calendarName: row?.calendarName ?? null,
    syncEnabled: row?.syncEnabled ?? false,
    lastSyncAt: row?.lastSyncAt ?? null,
    lastError: row?.lastError ?? null,
    connectedAt: row?.createdAt ?? null,
    /** The browser goes here (a full page load) to connect or reconnect. */
    connectUrl: `/api/calendar/${provider}/connect`,
    /** What connecting does to the other provider, for the button's hint; null: nothing. */
    connectNotice: other
      ? `Events sync to one calendar: connecting ${label(provider)} stops syncing to ${label(otherProvider(provider))}.`
      : null,
  };
}

export const calendarsRouter = createTRPCRouter({
  /** Each provider: offered by this server?, connected?, active, calendar, sync, last sync, last error. */
  list: protectedProcedure.query(async ({ ctx }) => {
    const rows = await listCalendarIntegrations(ctx.db, ctx.userId);
    return CALENDAR_PROVIDERS.map((provider) => providerStatus(ctx, provider, rows));
  }),

  choices: protectedProcedure.input(providerInput).query(({ ctx, input }) => calendarChoices(ctx, input.provider)),

  /** Picks the calendar events go to (one the provider lists for the user). Then `resync`. */
  choose: protectedProcedure.input(chooseInput).mutation(async ({ ctx, input }) => {
    const choices = await calendarChoices(ctx, input.provider);
    if (choices.kind === "reconnect") {
      return { kind: "reconnect" as const, reason: choices.reason };
    }
    const calendar = choices.calendars.find((c) => c.id === input.calendarId);
    if (!calendar) {
      throw new TRPCError({
        code: "BAD_REQUEST",
        message: `calendarId: not one of your ${label(input.provider)} calendars that Flynn may write to`,
      });
    }
    found(
      await chooseCalendar(ctx.db, {
        userId: ctx.userId,
        integrationType: input.provider,
        calendarId: calendar.id,
        calendarName: calendar.name,
      }),
    );
    const rows = await listCalendarIntegrations(ctx.db, ctx.userId);
    return { kind: "ok" as const, status: providerStatus(ctx, input.provider, rows) };
  }),

  setSyncEnabled: protectedProcedure.input(syncEnabledInput).mutation(async ({ ctx, input }) => {
    found(
      await setCalendarSyncEnabled(ctx.db, {
        userId: ctx.userId,
        integrationType: input.provider,
        enabled: input.enabled,
      }),
      `${label(input.provider)} is not connected`,
    );
    const rows = await listCalendarIntegrations(ctx.db, ctx.userId);
    return providerStatus(ctx, input.provider, rows);
  }),

  /**
   * Forgets the connection and its tokens, and withdraws Flynn's access at the provider where
   * it offers that (Google). Copies already in the calendar stay there; Flynn stops changing them.
   */
  disconnect: protectedProcedure.input(providerInput).mutation(async ({ ctx, input }) => {
    const removed = found(
      await deleteCalendarIntegration(ctx.db, { userId: ctx.userId, integrationType: input.provider }),
      `${label(input.provider)} is not connected`,
    );
    const client = ctx.calendars?.[input.provider];
    const sealed = removed.refreshToken;
    // Best effort (a token sealed with a retired key, the provider unreachable): the connection is gone from Flynn either way.
    const revoked =
      sealed && client?.revoke
        ? await Promise.resolve()
            .then(() => client.revoke?.(openRefreshToken(ctx.keyring, sealed)))
            .catch(() => false)
        : false;
    return {
      revoked: revoked === true,
      message: `${label(input.provider)} is disconnected. Events already in it stay there; Flynn no longer changes them.`,
    };
  }),

  /** Queues a sync of every upcoming confirmed or tentative event (after choosing a calendar). */
  resync: protectedProcedure.mutation(async ({ ctx }) => {
    const target = await calendarSyncTarget(ctx.db, ctx.userId);
    if (!target) {
      throw new TRPCError({
        code: "PRECONDITION_FAILED",
        message: "Connect Google Calendar or Outlook, choose a calendar and turn sync on first",
      });
    }
    const eventIds = await upcomingCalendarEventIds(ctx.db, { userId: ctx.userId, from: new Date() });
    const result = await ctx.db.execute<{ queued: number }>(addUserEventJobsStatement("sync-calendar-event", eventIds));
    return { queued: result.rows[0]?.queued ?? 0 };
  }),
});
