import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createPkce } from "./oauth";
import { createOutlookCalendar, outlookTransactionId } from "./outlook";
import type { CalendarEventData } from "./provider";
import { fakeGraph } from "./provider-fakes";

const graph = fakeGraph();
const server = setupServer(...graph.handlers);
const client = createOutlookCalendar({ clientId: "test-client-id", clientSecret: "test-client-secret" });
const REDIRECT = "https://api.flynn.example/api/calendar/outlook/callback";
const NOW = new Date("2026-12-01T12:00:00Z");
const EVENT_ID = "0b6f3c1e-8f2a-4c55-9d1e-2a7b9c4d5e6f";
const CALENDAR = "AAMkJobs=";

beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterEach(() => {
  graph.state.requests.length = 0;
  graph.state.failures.length = 0;
  graph.events.clear();
});
afterAll(() => server.close());

const event = (overrides: Partial<CalendarEventData> = {}): CalendarEventData => ({
  eventId: EVENT_ID,
  sequence: 3,
  status: "confirmed",
  title: "Consultation – Ana Ruiz",
  description: "Customer: Ana Ruiz",
  location: null,
  start: new Date("2026-12-03T15:00:00Z"),
  end: new Date("2026-12-03T15:45:00Z"),
  timeZone: "Europe/Madrid",
  ...overrides,
});

async function connect() {
  graph.grantFullScopes();
  const pkce = createPkce();
  const url = client.authorizationUrl({ state: "s", codeChallenge: pkce.challenge, redirectUri: REDIRECT });
  const code = graph.consent(url);
  return client.exchangeCode({ code, codeVerifier: pkce.verifier, redirectUri: REDIRECT, now: NOW });
}

describe("Microsoft OAuth", () => {
  it("asks for offline access and Calendars.ReadWrite with state and an S256 challenge", () => {
    const url = new URL(client.authorizationUrl({ state: "xyz", codeChallenge: "challenge", redirectUri: REDIRECT }));
    expect(`${url.origin}${url.pathname}`).toBe("https://login.microsoftonline.com/common/oauth2/v2.0/authorize");
    expect(Object.fromEntries(url.searchParams)).toMatchObject({
      scope: "offline_access Calendars.ReadWrite User.Read",
      state: "xyz",
      code_challenge: "challenge",
      code_challenge_method: "S256",
      response_type: "code",
    });
  });

  it("reads Graph's resource-qualified scopes, and rotates the refresh token on every refresh", async () => {
    const tokens = await connect();
    expect(client.grantsEvents(tokens.scopes)).toBe(true);
    expect(client.grantsEvents(["https://graph.microsoft.com/User.Read"])).toBe(false);
    const refreshed = await client.refresh({ refreshToken: tokens.refreshToken as string, now: NOW });
    expect(refreshed.refreshToken).toMatch(/^microsoft-refresh-/);
    expect(refreshed.refreshToken).not.toBe(tokens.refreshToken);
    expect(graph.state.tokenRequests.at(-1)).toMatchObject({
      grant_type: "refresh_token",
      scope: "offline_access Calendars.ReadWrite User.Read",
    });
  });
});

describe("Outlook events", () => {
  it("lists the calendars the owner can edit", async () => {
    const { accessToken } = await connect();
    expect(await client.listCalendars(accessToken)).toEqual([
      { id: "AAMkDefaultCalendar=", name: "Calendar", primary: true },
      { id: "AAMkJobs=", name: "Jobs", primary: false },
    ]);
  });

  it("creates with a transactionId, so a repeated POST (crash before the id was stored) returns the same event", async () => {
    const { accessToken } = await connect();
    const first = await client.upsertEvent(accessToken, { calendarId: CALENDAR, remoteId: null, event: event() });
    const again = await client.upsertEvent(accessToken, { calendarId: CALENDAR, remoteId: null, event: event() });
    expect(again).toBe(first);
    expect(graph.liveEvents()).toHaveLength(1);
    const posts = graph.state.requests.filter((r) => r.method === "POST");
    expect(posts.map((r) => r.body?.transactionId)).toEqual([
      outlookTransactionId(EVENT_ID, 3),
      outlookTransactionId(EVENT_ID, 3),
    ]);
    expect(posts[0]?.url.pathname).toBe(`/v1.0/me/calendars/${encodeURIComponent(CALENDAR)}/events`);
    expect(posts[0]?.body).toMatchObject({
      subject: "Consultation – Ana Ruiz",
      start: { dateTime: "2026-12-03T15:00:00.000", timeZone: "UTC" },
      end: { dateTime: "2026-12-03T15:45:00.000", timeZone: "UTC" },
      showAs: "busy",
    });
    expect(posts[0]?.body).not.toHaveProperty("attendees");
  });

  it("patches by the stored id; recreates a copy deleted in Outlook; deletes on cancel", async () => {
    const { accessToken } = await connect();
    const id = await client.upsertEvent(accessToken, { calendarId: CALENDAR, remoteId: null, event: event() });
    const moved = event({
      sequence: 4,
      start: new Date("2026-12-05T09:00:00Z"),
      end: new Date("2026-12-05T10:00:00Z"),
    });
    expect(await client.upsertEvent(accessToken, { calendarId: CALENDAR, remoteId: id, event: moved })).toBe(id);
    expect(graph.events.get(id)?.body.start).toEqual({ dateTime: "2026-12-05T09:00:00.000", timeZone: "UTC" });

    await client.removeEvent(accessToken, { calendarId: CALENDAR, remoteId: id, eventId: EVENT_ID });
    expect(graph.liveEvents()).toHaveLength(0);
    await client.removeEvent(accessToken, { calendarId: CALENDAR, remoteId: id, eventId: EVENT_ID });

    // Confirmed again later (a new sequence): the PATCH finds nothing, a new copy is created.
    const back = await client.upsertEvent(accessToken, {
      calendarId: CALENDAR,
      remoteId: id,
      event: event({ sequence: 6 }),
    });
    expect(back).not.toBe(id);
    expect(graph.liveEvents().map((e) => e.id)).toEqual([back]);
  });

  it("says 401 is unauthorized, 429 transient", async () => {
    const params = { calendarId: CALENDAR, remoteId: null, event: event() };
    await expect(client.upsertEvent("expired", params)).rejects.toMatchObject({
      kind: "unauthorized",
      code: "InvalidAuthenticationToken",
    });
    const { accessToken } = await connect();
    graph.failNext("POST", /events$/, 429, { error: { code: "TooManyRequests", message: "Slow down" } });
    await expect(client.upsertEvent(accessToken, params)).rejects.toMatchObject({ kind: "transient", status: 429 });
  });
});
