import { createCalendarProviders, googleEventId, outlookTransactionId } from "@flynn/calendar";
import { sealTokens } from "@flynn/calendar/connection";
import { fakeGoogle, fakeGraph } from "@flynn/calendar/provider-fakes";
import { testKeyring } from "@flynn/crypto";
import { calendarIntegrations, communicationLogs, events } from "@flynn/db/schema";
import { sealCustomerContacts } from "@flynn/db/sealed-contacts";
import { insertUser, useTestDatabase } from "@flynn/db/testing";
import { createMailer, type Mailer } from "@flynn/email";
import { createRulesExtractor } from "@flynn/extraction";
import { useJobQueue } from "@flynn/jobs/testing";
import { eq, sql } from "drizzle-orm";
import { runOnce, type Task } from "graphile-worker";
import { http } from "msw";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import type { WorkerDeps } from "../deps";
import { createTaskList } from "../tasks";
import { notifyCalendarDisconnected } from "./notify-calendar-disconnected";
import { syncCalendarEvent } from "./sync-calendar-event";

const NOW = new Date("2026-12-01T12:00:00Z");
const WEB_URL = "https://app.flynn.example";
const GOOGLE_CALENDAR = "work@group.calendar.google.com";
const OUTLOOK_CALENDAR = "AAMkJobs=";
const keyring = testKeyring();
const google = fakeGoogle();
const graph = fakeGraph();
const server = setupServer(...google.handlers, ...graph.handlers);
const database = useTestDatabase();
const queue = useJobQueue(database);
const first = { number: 1, max: 25 };

beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterEach(() => {
  server.resetHandlers();
  for (const fake of [google, graph]) {
    fake.state.requests.length = 0;
    fake.state.tokenRequests.length = 0;
    fake.state.failures.length = 0;
  }
});
afterAll(() => server.close());

const calendars = createCalendarProviders({
  google: { clientId: "test-google-client", clientSecret: "test-client-secret" },
  microsoft: { clientId: "test-microsoft-client", clientSecret: "test-client-secret" },
});

const deps = (mailer: Mailer = createMailer({ from: "Flynn <calls@flynn.example>" })): WorkerDeps => ({
  db: database.current.db,
  keyring,
  mailer,
  extractor: createRulesExtractor(),
  webUrl: WEB_URL,
  calendars,
  now: () => NOW,
});

let tokenCount = 0;

/** A business in Chicago with a connected calendar whose tokens the fake provider accepts. */
async function seed(
  provider: "google" | "outlook",
  options: { expiresAt?: Date; calendarId?: string | null; grant?: boolean } = {},
) {
  const user = await insertUser(database.current.db, { timezone: "America/Chicago", companyName: "Joe's Plumbing" });
  return { user, ...(await connectCalendar(user.id, provider, options)) };
}

/** A connection of `userId` to the provider, with tokens the fake accepts (unless `grant` is false). */
async function connectCalendar(
  userId: string,
  provider: "google" | "outlook",
  options: { expiresAt?: Date; calendarId?: string | null; grant?: boolean } = {},
) {
  const { db } = database.current;
  tokenCount += 1;
  const tokens = {
    accessToken: `${provider}-seeded-access-${tokenCount}`,
    refreshToken: `${provider}-seeded-refresh-${tokenCount}`,
  };
  if (options.grant !== false) (provider === "google" ? google : graph).grant(tokens);
  const [integration] = await db
    .insert(calendarIntegrations)
    .values({
      userId,
      integrationType: provider,
      ...sealTokens(keyring, tokens),
      tokenExpiresAt: options.expiresAt ?? new Date(NOW.getTime() + 30 * 60_000),
      calendarId:
        options.calendarId === undefined
          ? provider === "google"
            ? GOOGLE_CALENDAR
            : OUTLOOK_CALENDAR
          : options.calendarId,
      calendarName: "Jobs",
    })
    .returning();
  if (!integration) throw new Error("no integration");
  return { integration, tokens };
}

async function insertEvent(userId: string, values: Partial<typeof events.$inferInsert> = {}) {
  const [event] = await database.current.db
    .insert(events)
    .values({
      userId,
      title: "Fix water heater",
      eventType: "service_call",
      status: "confirmed",
      confirmedDatetime: new Date("2026-12-03T15:00:00Z"),
      durationMinutes: 90,
      location: "1420 Oak St",
      customerName: "Maria Lopez",
      ...sealCustomerContacts(keyring, { customerPhone: "+15125550142", customerEmail: "maria@example.test" }),
      ...values,
    })
    .returning();
  if (!event) throw new Error("no event");
  return event;
}

const eventRow = async (id: string) => (await database.current.db.select().from(events).where(eq(events.id, id)))[0];
const integrationRow = async (id: string) =>
  (await database.current.db.select().from(calendarIntegrations).where(eq(calendarIntegrations.id, id)))[0];
const updateEvent = (id: string, values: Partial<typeof events.$inferInsert>) =>
  database.current.db.update(events).set(values).where(eq(events.id, id));
/** Sessions of this test's database waiting for an advisory lock. */
async function waitingForLocks() {
  const { rows } = await database.current.db.execute<{ waiting: number }>(
    sql`SELECT count(*)::int AS waiting FROM pg_locks
      WHERE locktype = 'advisory' AND NOT granted AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`,
  );
  return rows[0]?.waiting;
}

describe("sync-calendar-event with Google Calendar", () => {
  it("creates the copy under the derived id on confirm, patches the times on reschedule, cancels on cancel", async () => {
    const { user, integration, tokens } = await seed("google");
    const event = await insertEvent(user.id);
    const id = googleEventId(event.id);

    expect(await syncCalendarEvent(deps(), { eventId: event.id }, first)).toBe("synced");
    const [insert] = google.state.requests;
    expect(insert?.method).toBe("POST");
    expect(insert?.authorization).toBe(`Bearer ${tokens.accessToken}`);
    expect(insert?.url.pathname).toBe(`/calendar/v3/calendars/${encodeURIComponent(GOOGLE_CALENDAR)}/events`);
    expect(insert?.body).toMatchObject({
      id,
      summary: "Fix water heater – Maria Lopez",
      location: "1420 Oak St",
      status: "confirmed",
      start: { dateTime: "2026-12-03T15:00:00.000Z", timeZone: "America/Chicago" },
      end: { dateTime: "2026-12-03T16:30:00.000Z", timeZone: "America/Chicago" },
    });
    // The owner's own calendar shows the customer's (sealed at rest) contact details.
    expect(insert?.body?.description).toContain("maria@example.test");
    expect(insert?.body?.description).toContain(`${WEB_URL}/events/${event.id}`);
    expect(await eventRow(event.id)).toMatchObject({ calendarSynced: true, calendarEventId: id });
    expect(await integrationRow(integration.id)).toMatchObject({ lastSyncAt: NOW, lastError: null });

    await updateEvent(event.id, { confirmedDatetime: new Date("2026-12-04T18:00:00Z") });
    expect(await syncCalendarEvent(deps(), { eventId: event.id }, first)).toBe("synced");
    const patch = google.state.requests.at(-1);
    expect(patch?.method).toBe("PATCH");
    expect(patch?.url.pathname).toBe(`/calendar/v3/calendars/${encodeURIComponent(GOOGLE_CALENDAR)}/events/${id}`);
    expect(patch?.body).toMatchObject({
      start: { dateTime: "2026-12-04T18:00:00.000Z" },
      end: { dateTime: "2026-12-04T19:30:00.000Z" },
    });

    await updateEvent(event.id, { status: "cancelled" });
    expect(await syncCalendarEvent(deps(), { eventId: event.id }, first)).toBe("removed");
    expect(google.state.requests.at(-1)?.method).toBe("DELETE");
    expect(google.events.get(`${GOOGLE_CALENDAR}/${id}`)?.status).toBe("cancelled");
    expect(await eventRow(event.id)).toMatchObject({ calendarSynced: false, calendarEventId: null });

    // Confirmed again: the cancelled copy comes back (insert 409, then patch to confirmed).
    await updateEvent(event.id, { status: "confirmed" });
    expect(await syncCalendarEvent(deps(), { eventId: event.id }, first)).toBe("synced");
    expect(google.events.get(`${GOOGLE_CALENDAR}/${id}`)?.status).toBe("confirmed");
    expect([...google.events.keys()].filter((key) => key.endsWith(id))).toHaveLength(1);
  });

  it("after a crash between Google's insert and the mark, the rerun gets 409 and patches: one Google event", async () => {
    const { user, tokens } = await seed("google");
    const event = await insertEvent(user.id);
    // The first run's insert reached Google; the worker died before it marked the event.
    await calendars.google?.upsertEvent(tokens.accessToken, {
      calendarId: GOOGLE_CALENDAR,
      remoteId: null,
      event: {
        eventId: event.id,
        sequence: 0,
        status: "confirmed",
        title: "Fix water heater",
        description: "",
        location: null,
        start: new Date("2026-12-03T15:00:00Z"),
        end: new Date("2026-12-03T16:30:00Z"),
        timeZone: "America/Chicago",
      },
    });
    expect(await eventRow(event.id)).toMatchObject({ calendarSynced: false, calendarEventId: null });
    google.state.requests.length = 0;

    expect(await syncCalendarEvent(deps(), { eventId: event.id }, first)).toBe("synced");
    expect(google.state.requests.map((r) => r.method)).toEqual(["POST", "PATCH"]);
    expect(
      [...google.events.values()].filter(
        (e) => e.body.extendedProperties !== undefined && e.id === googleEventId(event.id),
      ),
    ).toHaveLength(1);
    expect(await eventRow(event.id)).toMatchObject({ calendarSynced: true, calendarEventId: googleEventId(event.id) });
  });

  it("refreshes an access token that expires within a minute, stores it sealed, and uses it", async () => {
    const { user, integration, tokens } = await seed("google", { expiresAt: new Date(NOW.getTime() + 30_000) });
    const event = await insertEvent(user.id);

    expect(await syncCalendarEvent(deps(), { eventId: event.id }, first)).toBe("synced");
    expect(google.state.tokenRequests).toEqual([
      expect.objectContaining({ grant_type: "refresh_token", refresh_token: tokens.refreshToken }),
    ]);
    const row = await integrationRow(integration.id);
    const fresh = keyring.open(row?.accessToken as string, "calendar_integrations.access_token");
    expect(fresh).toMatch(/^google-access-/);
    expect(google.state.requests[0]?.authorization).toBe(`Bearer ${fresh}`);
    expect(row?.tokenExpiresAt).toEqual(new Date(NOW.getTime() + 3599_000));
    // Google sent no new refresh token: the stored one stays.
    expect(keyring.open(row?.refreshToken as string, "calendar_integrations.refresh_token")).toBe(tokens.refreshToken);
    const { rows } = await database.current.db.execute(
      sql`SELECT access_token, refresh_token FROM calendar_integrations WHERE id = ${integration.id}`,
    );
    expect(JSON.stringify(rows)).not.toContain("google-");
  });

  it("a token Google refuses (401) before its expiry is refreshed once and the call repeated", async () => {
    const { user, tokens } = await seed("google");
    google.revoke(tokens.accessToken);
    google.grant({ refreshToken: tokens.refreshToken });
    const event = await insertEvent(user.id);

    expect(await syncCalendarEvent(deps(), { eventId: event.id }, first)).toBe("synced");
    expect(google.state.requests.map((r) => r.method)).toEqual(["POST", "POST"]);
    expect(google.state.tokenRequests).toHaveLength(1);
  });

  it("invalid_grant deactivates the connection with the reason, emails the owner once, and stops syncing", async () => {
    const { user, integration, tokens } = await seed("google", { expiresAt: new Date(NOW.getTime() - 60_000) });
    google.revoke(tokens.refreshToken);
    const event = await insertEvent(user.id);

    expect(await syncCalendarEvent(deps(), { eventId: event.id }, first)).toBe("disconnected");
    const row = await integrationRow(integration.id);
    expect(row?.isActive).toBe(false);
    expect(row?.disconnectedAt).toEqual(NOW);
    expect(row?.lastError).toContain("invalid_grant");
    expect(row?.lastError).toContain("Reconnect Google Calendar");
    expect(google.state.requests).toHaveLength(0);
    const notices = (await queue.current.queued()).filter((job) => job.name === "notify-calendar-disconnected");
    expect(notices).toEqual([expect.objectContaining({ payload: { integrationId: integration.id } })]);

    // The queued job runs (outbox mode: no Resend key), then again: one email. Only this job:
    // the event's own jobs (confirmations...) are not this test's.
    const { "notify-calendar-disconnected": notify } = createTaskList(deps());
    await runOnce({
      connectionString: database.current.url,
      taskList: { "notify-calendar-disconnected": notify as Task },
    });
    expect(await notifyCalendarDisconnected(deps(), { integrationId: integration.id }, first)).toBe("already-sent");
    const emails = await database.current.db
      .select()
      .from(communicationLogs)
      .where(eq(communicationLogs.userId, user.id));
    expect(emails).toHaveLength(1);
    expect(emails[0]).toMatchObject({
      communicationType: "email",
      recipient: user.email,
      status: "sent",
      subject: "Reconnect Google Calendar: Flynn can no longer add your events",
      // The disconnection's own time, which no later change to the row moves.
      idempotencyKey: `calendar-disconnected/${integration.id}/${NOW.toISOString()}`,
    });
    expect(emails[0]?.content).toContain(`${WEB_URL}/settings?tab=calendars`);

    // Later changes find no active connection: no retry storm against Google.
    await updateEvent(event.id, { title: "Fix water heater (2nd visit)" });
    expect(await syncCalendarEvent(deps(), { eventId: event.id }, first)).toBe("no-calendar");
    expect(google.state.tokenRequests).toHaveLength(1);
  });

  it("transient failures throw for a retry; the last attempt and permanent ones record the reason", async () => {
    const { user, integration } = await seed("google");
    const event = await insertEvent(user.id);

    google.failNext("POST", /events$/, 503, { error: { code: 503, message: "Backend Error" } });
    await expect(syncCalendarEvent(deps(), { eventId: event.id }, first)).rejects.toMatchObject({ kind: "transient" });
    expect((await integrationRow(integration.id))?.lastError).toBeNull();

    google.failNext("POST", /events$/, 503, { error: { code: 503, message: "Backend Error" } });
    expect(await syncCalendarEvent(deps(), { eventId: event.id }, { number: 25, max: 25 })).toBe("failed");
    expect((await integrationRow(integration.id))?.lastError).toContain("503");

    google.failNext("POST", /events$/, 400, {
      error: { code: 400, message: "Invalid start time", errors: [{ reason: "invalid" }] },
    });
    expect(await syncCalendarEvent(deps(), { eventId: event.id }, first)).toBe("failed");
    expect((await integrationRow(integration.id))?.lastError).toContain("Invalid start time");
    expect(await eventRow(event.id)).toMatchObject({ calendarSynced: false });
  });

  it("never uses another user's connection, and does nothing without a chosen calendar", async () => {
    await seed("google");
    const lonely = await insertUser(database.current.db, {});
    const event = await insertEvent(lonely.id);
    expect(await syncCalendarEvent(deps(), { eventId: event.id }, first)).toBe("no-calendar");

    const { user } = await seed("google", { calendarId: null });
    const unplaced = await insertEvent(user.id);
    expect(await syncCalendarEvent(deps(), { eventId: unplaced.id }, first)).toBe("no-calendar");
    expect(google.state.requests).toHaveLength(0);
  });

  it("a second run for the same event waits for the first, so the latest state is what Google keeps", async () => {
    const { user } = await seed("google");
    const event = await insertEvent(user.id);
    let release = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    let inserts = 0;
    // The first run's insert is held on its way to Google (the fake answers once it is released).
    server.use(
      http.post(/\/calendar\/v3\/calendars\/[^/]+\/events$/, async () => {
        inserts += 1;
        if (inserts === 1) await held;
        return undefined;
      }),
    );
    const earlier = syncCalendarEvent(deps(), { eventId: event.id }, first);
    await vi.waitFor(() => expect(inserts).toBe(1));

    // Rescheduled meanwhile: graphile-worker queues a second job, which a free worker starts now.
    await updateEvent(event.id, { confirmedDatetime: new Date("2026-12-04T18:00:00Z") });
    const later = syncCalendarEvent(deps(), { eventId: event.id }, first);
    await vi.waitFor(async () => expect(await waitingForLocks()).toBe(1));
    expect(inserts).toBe(1);

    release();
    expect(await Promise.all([earlier, later])).toEqual(["synced", "synced"]);
    expect(google.state.requests.map((request) => [request.method, request.body?.start])).toEqual([
      ["POST", { dateTime: "2026-12-03T15:00:00.000Z", timeZone: "America/Chicago" }],
      ["PATCH", { dateTime: "2026-12-04T18:00:00.000Z", timeZone: "America/Chicago" }],
    ]);
    expect(google.events.get(`${GOOGLE_CALENDAR}/${googleEventId(event.id)}`)?.body.start).toEqual({
      dateTime: "2026-12-04T18:00:00.000Z",
      timeZone: "America/Chicago",
    });
  });

  it("leaves a completed event's copy as it is, and ignores events never copied that are not cancelled", async () => {
    const { user } = await seed("google");
    const done = await insertEvent(user.id, { status: "completed" });
    expect(await syncCalendarEvent(deps(), { eventId: done.id }, first)).toBe("kept");
    const pending = await insertEvent(user.id, { status: "pending" });
    expect(await syncCalendarEvent(deps(), { eventId: pending.id }, first)).toBe("kept");
    expect(google.state.requests).toHaveLength(0);
  });
});

describe("sync-calendar-event with Outlook", () => {
  it("creates with a transactionId and stores Graph's id; a rerun after a crash repeats it; patches and deletes by id", async () => {
    const { user } = await seed("outlook");
    const event = await insertEvent(user.id);

    expect(await syncCalendarEvent(deps(), { eventId: event.id }, first)).toBe("synced");
    const created = graph.liveEvents().find((e) => e.transactionId === outlookTransactionId(event.id, 0));
    expect(created).toBeDefined();
    expect(await eventRow(event.id)).toMatchObject({ calendarSynced: true, calendarEventId: created?.id });

    // A crash before the mark: the id is not stored, the same state POSTs again, same transactionId.
    await updateEvent(event.id, { calendarSynced: false, calendarEventId: null });
    expect(await syncCalendarEvent(deps(), { eventId: event.id }, first)).toBe("synced");
    const posts = graph.state.requests.filter((r) => r.method === "POST");
    expect(posts.map((r) => r.body?.transactionId)).toEqual([
      outlookTransactionId(event.id, 0),
      outlookTransactionId(event.id, 0),
    ]);
    expect(graph.liveEvents().filter((e) => e.transactionId?.includes(event.id))).toHaveLength(1);
    expect((await eventRow(event.id))?.calendarEventId).toBe(created?.id);

    await updateEvent(event.id, { confirmedDatetime: new Date("2026-12-05T16:00:00Z") });
    expect(await syncCalendarEvent(deps(), { eventId: event.id }, first)).toBe("synced");
    expect(graph.state.requests.at(-1)).toMatchObject({ method: "PATCH" });
    expect(graph.events.get(created?.id as string)?.body.start).toEqual({
      dateTime: "2026-12-05T16:00:00.000",
      timeZone: "UTC",
    });

    await updateEvent(event.id, { status: "cancelled" });
    expect(await syncCalendarEvent(deps(), { eventId: event.id }, first)).toBe("removed");
    expect(graph.state.requests.at(-1)).toMatchObject({ method: "DELETE" });
    expect(graph.events.get(created?.id as string)?.deleted).toBe(true);
  });

  it("stores Microsoft's rotated refresh token; two syncs refreshing at once refresh once", async () => {
    const { user, integration, tokens } = await seed("outlook", { expiresAt: new Date(NOW.getTime() - 1000) });
    const [one, two] = await Promise.all([insertEvent(user.id), insertEvent(user.id, { title: "Second visit" })]);

    const results = await Promise.all([
      syncCalendarEvent(deps(), { eventId: (one as { id: string }).id }, first),
      syncCalendarEvent(deps(), { eventId: (two as { id: string }).id }, first),
    ]);
    expect(results).toEqual(["synced", "synced"]);
    expect(graph.state.tokenRequests).toHaveLength(1);
    expect(graph.state.tokenRequests[0]).toMatchObject({
      grant_type: "refresh_token",
      refresh_token: tokens.refreshToken,
    });
    const row = await integrationRow(integration.id);
    const rotated = keyring.open(row?.refreshToken as string, "calendar_integrations.refresh_token");
    expect(rotated).toMatch(/^microsoft-refresh-/);
    expect(rotated).not.toBe(tokens.refreshToken);
    // The rotated token is the one that works next time.
    expect(graph.state.refreshTokens.has(rotated)).toBe(true);
  });
});

describe("sync-calendar-event when the owner moves to another calendar or provider", () => {
  const PRIMARY = "primary-calendar@example.test";
  const chooseCalendar = (integrationId: string, calendarId: string) =>
    database.current.db
      .update(calendarIntegrations)
      .set({ calendarId })
      .where(eq(calendarIntegrations.id, integrationId));
  const sync = (eventId: string) => syncCalendarEvent(deps(), { eventId }, first);

  it("another Google calendar: the copy is removed from the old one and created in the new, and back again", async () => {
    const { user, integration } = await seed("google");
    const event = await insertEvent(user.id);
    const id = googleEventId(event.id);
    expect(await sync(event.id)).toBe("synced");
    expect(await eventRow(event.id)).toMatchObject({
      calendarEventId: id,
      calendarCopyIntegrationId: integration.id,
      calendarCopyCalendarId: GOOGLE_CALENDAR,
    });

    await chooseCalendar(integration.id, PRIMARY);
    expect(await sync(event.id)).toBe("synced");
    expect(google.events.get(`${GOOGLE_CALENDAR}/${id}`)?.status).toBe("cancelled");
    expect(google.events.get(`${PRIMARY}/${id}`)?.status).toBe("confirmed");
    expect(await eventRow(event.id)).toMatchObject({
      calendarSynced: true,
      calendarEventId: id,
      calendarCopyIntegrationId: integration.id,
      calendarCopyCalendarId: PRIMARY,
    });

    // Back to the first calendar: the copy removed there is restored, the other one removed.
    await chooseCalendar(integration.id, GOOGLE_CALENDAR);
    expect(await sync(event.id)).toBe("synced");
    expect(google.events.get(`${GOOGLE_CALENDAR}/${id}`)?.status).toBe("confirmed");
    expect(google.events.get(`${PRIMARY}/${id}`)?.status).toBe("cancelled");
    expect((await eventRow(event.id))?.calendarCopyCalendarId).toBe(GOOGLE_CALENDAR);

    // Cancelled after the move: the copy in the current calendar goes, and nothing is left behind.
    await updateEvent(event.id, { status: "cancelled" });
    expect(await sync(event.id)).toBe("removed");
    expect(google.events.get(`${GOOGLE_CALENDAR}/${id}`)?.status).toBe("cancelled");
    expect(await eventRow(event.id)).toMatchObject({
      calendarSynced: false,
      calendarEventId: null,
      calendarCopyIntegrationId: null,
      calendarCopyCalendarId: null,
    });
  });

  it("from Google to Outlook: the Google copy is removed through the switched-off connection, and nobody is emailed", async () => {
    const { user, integration: googleConnection } = await seed("google");
    const event = await insertEvent(user.id);
    const id = googleEventId(event.id);
    expect(await sync(event.id)).toBe("synced");

    // Outlook connected since (which switched Google off, without an error), and Google's access token expired.
    const { integration: outlookConnection } = await connectCalendar(user.id, "outlook");
    await database.current.db
      .update(calendarIntegrations)
      .set({ isActive: false, tokenExpiresAt: new Date(NOW.getTime() - 60_000) })
      .where(eq(calendarIntegrations.id, googleConnection.id));
    google.state.requests.length = 0;

    expect(await sync(event.id)).toBe("synced");
    expect(google.state.tokenRequests.map((request) => request.grant_type)).toEqual(["refresh_token"]);
    expect(google.state.requests.map((request) => `${request.method} ${request.url.pathname}`)).toEqual([
      `DELETE /calendar/v3/calendars/${encodeURIComponent(GOOGLE_CALENDAR)}/events/${id}`,
    ]);
    expect(google.events.get(`${GOOGLE_CALENDAR}/${id}`)?.status).toBe("cancelled");
    const copies = graph.liveEvents().filter((copy) => copy.transactionId?.includes(event.id));
    expect(copies).toHaveLength(1);
    expect(copies[0]?.calendarId).toBe(OUTLOOK_CALENDAR);
    expect(await eventRow(event.id)).toMatchObject({
      calendarSynced: true,
      calendarEventId: copies[0]?.id,
      calendarCopyIntegrationId: outlookConnection.id,
      calendarCopyCalendarId: OUTLOOK_CALENDAR,
    });
    // Switched off, not broken: no error, no disconnection, no "reconnect" email.
    expect(await integrationRow(googleConnection.id)).toMatchObject({
      isActive: false,
      lastError: null,
      disconnectedAt: null,
    });
    expect((await queue.current.queued()).filter((job) => job.name === "notify-calendar-disconnected")).toEqual([]);
  });

  it("while the new calendar cannot be reached, the old copy stays where it is", async () => {
    const { user, integration: googleConnection } = await seed("google");
    const event = await insertEvent(user.id);
    const id = googleEventId(event.id);
    expect(await sync(event.id)).toBe("synced");

    // Outlook connected, then its grant revoked before the first sync.
    await connectCalendar(user.id, "outlook", { grant: false });
    await database.current.db
      .update(calendarIntegrations)
      .set({ isActive: false })
      .where(eq(calendarIntegrations.id, googleConnection.id));
    google.state.requests.length = 0;

    expect(await sync(event.id)).toBe("disconnected");
    expect(google.state.requests).toEqual([]);
    expect(google.events.get(`${GOOGLE_CALENDAR}/${id}`)?.status).toBe("confirmed");
    expect(await eventRow(event.id)).toMatchObject({
      calendarEventId: id,
      calendarCopyIntegrationId: googleConnection.id,
      calendarCopyCalendarId: GOOGLE_CALENDAR,
    });
  });

  it("Outlook: moving to another calendar and back creates a copy each time, never answered with the removed one", async () => {
    const OTHER = "AAMkOther=";
    const { user, integration } = await seed("outlook");
    const event = await insertEvent(user.id);
    expect(await sync(event.id)).toBe("synced");
    const firstCopy = (await eventRow(event.id))?.calendarEventId as string;

    await chooseCalendar(integration.id, OTHER);
    expect(await sync(event.id)).toBe("synced");
    const secondCopy = (await eventRow(event.id))?.calendarEventId as string;
    expect(secondCopy).not.toBe(firstCopy);
    expect(graph.events.get(firstCopy)?.deleted).toBe(true);
    expect(graph.events.get(secondCopy)).toMatchObject({ calendarId: OTHER, deleted: false });

    await chooseCalendar(integration.id, OUTLOOK_CALENDAR);
    expect(await sync(event.id)).toBe("synced");
    const thirdCopy = (await eventRow(event.id))?.calendarEventId as string;
    expect([firstCopy, secondCopy]).not.toContain(thirdCopy);
    expect(graph.events.get(secondCopy)?.deleted).toBe(true);
    expect(graph.liveEvents().filter((copy) => copy.transactionId?.includes(event.id))).toEqual([
      expect.objectContaining({ id: thirdCopy, calendarId: OUTLOOK_CALENDAR }),
    ]);
  });

  it("a copy whose connection was deleted is left alone, and the event is copied into the calendar connected since", async () => {
    const { user, integration: googleConnection } = await seed("google");
    const event = await insertEvent(user.id);
    expect(await sync(event.id)).toBe("synced");

    await database.current.db.delete(calendarIntegrations).where(eq(calendarIntegrations.id, googleConnection.id));
    expect(await eventRow(event.id)).toMatchObject({
      calendarEventId: googleEventId(event.id),
      calendarCopyIntegrationId: null,
    });
    const { integration: outlookConnection } = await connectCalendar(user.id, "outlook");
    google.state.requests.length = 0;

    expect(await sync(event.id)).toBe("synced");
    expect(google.state.requests).toEqual([]);
    const copies = graph.liveEvents().filter((copy) => copy.transactionId?.includes(event.id));
    expect(copies).toHaveLength(1);
    expect(await eventRow(event.id)).toMatchObject({
      calendarEventId: copies[0]?.id,
      calendarCopyIntegrationId: outlookConnection.id,
    });
  });
});
