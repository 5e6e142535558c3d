import { createCalendarProviders } from "@flynn/calendar";
import { sealTokens } from "@flynn/calendar/connection";
import { fakeGoogle, fakeGraph } from "@flynn/calendar/provider-fakes";
import { testKeyring } from "@flynn/crypto";
import { calendarIntegrations, events } from "@flynn/db/schema";
import { insertUser, useTestDatabase } from "@flynn/db/testing";
import { useJobQueue } from "@flynn/jobs/testing";
import { eq } from "drizzle-orm";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { callerFor, invalidFields } from "../testing";

const database = useTestDatabase();
const keyring = testKeyring();
const google = fakeGoogle();
const graph = fakeGraph();
const server = setupServer(...google.handlers, ...graph.handlers);

beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterEach(() => {
  google.state.requests.length = 0;
  google.state.tokenRequests.length = 0;
});
afterAll(() => server.close());

const calendars = createCalendarProviders({
  google: { clientId: "test-google-client", clientSecret: "test-client-secret" },
});

const jobs = useJobQueue(database);

/** The calendar syncs waiting in the real queue for the given events, by event id. */
const syncsQueuedFor = async (eventIds: string[]) =>
  (await jobs.current.queued())
    .filter((job) => job.name === "sync-calendar-event")
    .map((job) => (job.payload as { eventId: string }).eventId)
    .filter((eventId) => eventIds.includes(eventId))
    .sort();

let count = 0;

async function connected(options: { expiresAt?: Date; grant?: boolean; calendarId?: string | null } = {}) {
  const { db } = database.current;
  const user = await insertUser(db);
  count += 1;
  const tokens = { accessToken: `google-router-access-${count}`, refreshToken: `google-router-refresh-${count}` };
  if (options.grant !== false) google.grant(tokens);
  const [integration] = await db
    .insert(calendarIntegrations)
    .values({
      userId: user.id,
      integrationType: "google",
      ...sealTokens(keyring, tokens),
      tokenExpiresAt: options.expiresAt ?? new Date(Date.now() + 30 * 60_000),
      calendarId: options.calendarId === undefined ? "primary-calendar@example.test" : options.calendarId,
      calendarName: "owner@example.test",
    })
    .returning();
  const caller = callerFor(db, user, { calendars });
  return { user, integration: integration as typeof calendarIntegrations.$inferSelect, tokens, caller };
}

const integrationRow = async (id: string) =>
  (await database.current.db.select().from(calendarIntegrations).where(eq(calendarIntegrations.id, id)))[0];

describe("calendars router", () => {
  it("lists each provider: configured, connected, calendar and sync, never tokens", async () => {
    const { caller, tokens } = await connected();
    const list = await caller.calendars.list();
    expect(list).toEqual([
      expect.objectContaining({
        provider: "google",
        label: "Google Calendar",
        configured: true,
        connected: true,
        active: true,
        needsReconnect: false,
        calendarId: "primary-calendar@example.test",
        syncEnabled: true,
        lastError: null,
        connectUrl: "/api/calendar/google/connect",
      }),
      expect.objectContaining({ provider: "outlook", configured: false, connected: false, active: false }),
    ]);
    const text = JSON.stringify(list);
    expect(text).not.toContain(tokens.accessToken);
    expect(text).not.toContain("v1.");
  });

  it("offers the calendars Google lists with the stored token, refreshing it first when it expires", async () => {
    const { caller, integration } = await connected({ expiresAt: new Date(Date.now() + 10_000) });
    const choices = await caller.calendars.choices({ provider: "google" });
    expect(choices).toEqual({
      kind: "ok",
      calendars: [
        { id: "primary-calendar@example.test", name: "owner@example.test", primary: true },
        { id: "work@group.calendar.google.com", name: "Work", primary: false },
      ],
    });
    expect(google.state.tokenRequests).toHaveLength(1);
    const row = await integrationRow(integration.id);
    const fresh = keyring.open(row?.accessToken as string, "calendar_integrations.access_token");
    expect(google.state.requests[0]?.authorization).toBe(`Bearer ${fresh}`);
  });

  it("answers 'reconnect' on invalid_grant, and the deactivation is kept", async () => {
    const { caller, integration, tokens } = await connected({ expiresAt: new Date(Date.now() - 1000) });
    google.revoke(tokens.refreshToken);
    const choices = await caller.calendars.choices({ provider: "google" });
    expect(choices).toMatchObject({ kind: "reconnect" });
    expect(await integrationRow(integration.id)).toMatchObject({ isActive: false });
    expect((await integrationRow(integration.id))?.lastError).toContain("invalid_grant");
    const [status] = await caller.calendars.list();
    expect(status).toMatchObject({ active: false, needsReconnect: true });
    await expect(caller.calendars.choices({ provider: "google" })).rejects.toMatchObject({
      code: "PRECONDITION_FAILED",
    });
  });

  it("chooses one of the listed calendars (name from Google), refuses others, then resyncs upcoming events", async () => {
    const { caller, user, integration } = await connected({ calendarId: null });
    const chosen = await caller.calendars.choose({ provider: "google", calendarId: "work@group.calendar.google.com" });
    expect(chosen).toMatchObject({
      kind: "ok",
      status: { calendarId: "work@group.calendar.google.com", calendarName: "Work" },
    });
    expect(await integrationRow(integration.id)).toMatchObject({ calendarName: "Work" });
    await expect(
      caller.calendars.choose({ provider: "google", calendarId: "someone-else@group.calendar.google.com" }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST", message: expect.stringMatching(/^calendarId:/) });
    const invalid = await caller.calendars.choose({ provider: "google", calendarId: " " }).catch((error) => error);
    expect(invalidFields(invalid)).toEqual(["calendarId"]);

    const soon = new Date(Date.now() + 86_400_000);
    const other = await insertUser(database.current.db);
    const rows = await database.current.db
      .insert(events)
      .values([
        { userId: user.id, title: "Upcoming", status: "confirmed", confirmedDatetime: soon },
        { userId: user.id, title: "Maybe", status: "tentative", proposedDatetime: soon },
        { userId: user.id, title: "Past", status: "confirmed", confirmedDatetime: new Date(Date.now() - 86_400_000) },
        { userId: user.id, title: "Unconfirmed", status: "extracted", proposedDatetime: soon },
        { userId: other.id, title: "Not theirs", status: "confirmed", confirmedDatetime: soon },
      ])
      .returning();
    expect(await caller.calendars.resync()).toEqual({ queued: 2 });
    expect(await syncsQueuedFor(rows.map((row) => row.id))).toEqual([rows[0]?.id, rows[1]?.id].sort());
  });

  it("turns sync off and on, disconnects, and keeps to the user's own connection", async () => {
    const { caller, integration, tokens } = await connected();
    const stranger = await insertUser(database.current.db);
    const strangerCaller = callerFor(database.current.db, stranger, { calendars });
    await expect(strangerCaller.calendars.disconnect({ provider: "google" })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    await expect(strangerCaller.calendars.choices({ provider: "google" })).rejects.toMatchObject({ code: "NOT_FOUND" });

    expect(await caller.calendars.setSyncEnabled({ provider: "google", enabled: false })).toMatchObject({
      syncEnabled: false,
    });
    await expect(caller.calendars.resync()).rejects.toMatchObject({ code: "PRECONDITION_FAILED" });
    await caller.calendars.setSyncEnabled({ provider: "google", enabled: true });

    // An event copied through this connection: the copy stays in Google, and Flynn forgets where it is.
    const [copied] = await database.current.db
      .insert(events)
      .values({
        userId: integration.userId as string,
        title: "Copied",
        status: "confirmed",
        confirmedDatetime: new Date(Date.now() + 86_400_000),
        calendarSynced: true,
        calendarEventId: "copy-in-google",
        calendarCopyIntegrationId: integration.id,
        calendarCopyCalendarId: "primary",
      })
      .returning();

    const disconnected = await caller.calendars.disconnect({ provider: "google" });
    expect(disconnected).toMatchObject({ revoked: true, message: expect.stringContaining("disconnected") });
    expect(await integrationRow(integration.id)).toBeUndefined();
    const [after] = await database.current.db
      .select()
      .from(events)
      .where(eq(events.id, copied?.id as string));
    expect(after).toMatchObject({ calendarEventId: "copy-in-google", calendarCopyIntegrationId: null });
    // Google withdrew the grant: the refresh token no longer works.
    expect(google.state.tokenRequests.at(-1)).toEqual({ token: tokens.refreshToken, revoke: "true" });
    expect(google.state.refreshTokens.has(tokens.refreshToken)).toBe(false);
    await expect(caller.calendars.disconnect({ provider: "google" })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("says a provider without a client on this server is not configured", async () => {
    const { user } = await connected();
    const caller = callerFor(database.current.db, user);
    await expect(caller.calendars.choices({ provider: "google" })).rejects.toMatchObject({
      code: "PRECONDITION_FAILED",
      message: "Google Calendar is not configured on this server",
    });
    await expect(callerFor(database.current.db, null).calendars.list()).rejects.toMatchObject({ code: "UNAUTHORIZED" });
  });
});
