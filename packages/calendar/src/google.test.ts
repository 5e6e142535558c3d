import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createGoogleCalendar, GOOGLE_CALENDAR_LIST_SCOPE, GOOGLE_EVENTS_SCOPE, googleEventId } from "./google";
import { createPkce, pkceChallenge } from "./oauth";
import type { CalendarEventData } from "./provider";
import { fakeGoogle } from "./provider-fakes";

const google = fakeGoogle();
const server = setupServer(...google.handlers);
const client = createGoogleCalendar({ clientId: "test-client-id", clientSecret: "test-client-secret" });
const REDIRECT = "https://api.flynn.example/api/calendar/google/callback";
const NOW = new Date("2026-12-01T12:00:00Z");
const EVENT_ID = "0b6f3c1e-8f2a-4c55-9d1e-2a7b9c4d5e6f";
const CALENDAR = "work@group.calendar.google.com";

beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterEach(() => {
  google.state.requests.length = 0;
  google.state.failures.length = 0;
});
afterAll(() => server.close());

const event = (overrides: Partial<CalendarEventData> = {}): CalendarEventData => ({
  eventId: EVENT_ID,
  sequence: 1,
  status: "confirmed",
  title: "Fix water heater – Maria Lopez",
  description: "Customer: Maria Lopez",
  location: "1420 Oak St",
  start: new Date("2026-12-03T15:00:00Z"),
  end: new Date("2026-12-03T16:30:00Z"),
  timeZone: "America/Chicago",
  ...overrides,
});

async function connect() {
  const pkce = createPkce();
  const url = client.authorizationUrl({ state: "state-1", codeChallenge: pkce.challenge, redirectUri: REDIRECT });
  const code = google.consent(url);
  return client.exchangeCode({ code, codeVerifier: pkce.verifier, redirectUri: REDIRECT, now: NOW });
}

describe("Google OAuth", () => {
  it("asks for offline access to the events scope with state and an S256 PKCE challenge", () => {
    const pkce = createPkce();
    const url = new URL(
      client.authorizationUrl({ state: "abc", codeChallenge: pkce.challenge, redirectUri: REDIRECT }),
    );
    expect(`${url.origin}${url.pathname}`).toBe("https://accounts.google.com/o/oauth2/v2/auth");
    const params = Object.fromEntries(url.searchParams);
    expect(params).toMatchObject({
      client_id: "test-client-id",
      redirect_uri: REDIRECT,
      response_type: "code",
      state: "abc",
      code_challenge: pkce.challenge,
      code_challenge_method: "S256",
      access_type: "offline",
      prompt: "consent",
    });
    expect(params.scope?.split(" ")).toEqual([GOOGLE_EVENTS_SCOPE, GOOGLE_CALENDAR_LIST_SCOPE]);
    expect(pkce.verifier).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(pkce.challenge).toBe(pkceChallenge(pkce.verifier));
  });

  it("exchanges the code with the verifier, and reads the tokens, expiry and scopes", async () => {
    const tokens = await connect();
    expect(tokens.accessToken).toMatch(/^google-access-/);
    expect(tokens.refreshToken).toMatch(/^google-refresh-/);
    expect(tokens.expiresAt).toEqual(new Date(NOW.getTime() + 3599_000));
    expect(client.grantsEvents(tokens.scopes)).toBe(true);
    expect(client.grantsEvents([GOOGLE_CALENDAR_LIST_SCOPE])).toBe(false);
    const exchange = google.state.tokenRequests.at(-1);
    expect(exchange).toMatchObject({ grant_type: "authorization_code", client_secret: "test-client-secret" });
  });

  it("refuses a code exchanged with the wrong verifier", async () => {
    const pkce = createPkce();
    const code = google.consent(
      client.authorizationUrl({ state: "s", codeChallenge: pkce.challenge, redirectUri: REDIRECT }),
    );
    await expect(
      client.exchangeCode({ code, codeVerifier: createPkce().verifier, redirectUri: REDIRECT, now: NOW }),
    ).rejects.toMatchObject({ code: "invalid_grant" });
  });

  it("refreshes: a new access token, no new refresh token; invalid_grant says reconnect, a 503 transient", async () => {
    const { refreshToken } = await connect();
    const refreshed = await client.refresh({ refreshToken: refreshToken as string, now: NOW });
    expect(refreshed.accessToken).toMatch(/^google-access-/);
    expect(refreshed.refreshToken).toBeNull();

    google.revoke(refreshToken as string);
    await expect(client.refresh({ refreshToken: refreshToken as string, now: NOW })).rejects.toMatchObject({
      kind: "reconnect",
      code: "invalid_grant",
    });

    google.failNext("POST", /\/token$/, 503, { error: "backend_error" });
    await expect(client.refresh({ refreshToken: "anything", now: NOW })).rejects.toMatchObject({ kind: "transient" });
  });
});

describe("Google Calendar events", () => {
  it("lists the calendars the owner can write to", async () => {
    const { accessToken } = await connect();
    const calendars = await client.listCalendars(accessToken);
    expect(calendars).toEqual([
      { id: "primary-calendar@example.test", name: "owner@example.test", primary: true },
      { id: CALENDAR, name: "Work", primary: false },
    ]);
    expect(google.state.requests[0]?.url.searchParams.get("minAccessRole")).toBe("writer");
  });

  it("offers the primary calendar when listing calendars was not granted", async () => {
    const { accessToken } = await connect();
    google.failNext("GET", /calendarList/, 403, {
      error: { code: 403, message: "Insufficient Permission", errors: [{ reason: "insufficientPermissions" }] },
    });
    expect(await client.listCalendars(accessToken)).toEqual([
      { id: "primary", name: "Primary calendar", primary: true },
    ]);
  });

  it("inserts with an id derived from the event's, then patches it: a repeated insert (409) patches", async () => {
    const { accessToken } = await connect();
    const id = googleEventId(EVENT_ID);
    expect(id).toMatch(/^[0-9a-v]{32}$/);

    expect(await client.upsertEvent(accessToken, { calendarId: CALENDAR, remoteId: null, event: event() })).toBe(id);
    // A run that crashed before it stored the id inserts again: 409, so it patches.
    const moved = event({ start: new Date("2026-12-04T15:00:00Z"), end: new Date("2026-12-04T16:00:00Z") });
    expect(await client.upsertEvent(accessToken, { calendarId: CALENDAR, remoteId: null, event: moved })).toBe(id);

    expect([...google.events.values()]).toHaveLength(1);
    const stored = google.events.get(`${CALENDAR}/${id}`);
    expect(stored?.body).toMatchObject({
      summary: "Fix water heater – Maria Lopez",
      start: { dateTime: "2026-12-04T15:00:00.000Z", timeZone: "America/Chicago" },
      end: { dateTime: "2026-12-04T16:00:00.000Z", timeZone: "America/Chicago" },
      status: "confirmed",
      extendedProperties: { private: { flynnEventId: EVENT_ID } },
    });
    expect(google.state.requests.map((r) => r.method)).toEqual(["POST", "POST", "PATCH"]);
    expect(google.state.requests.every((r) => r.url.searchParams.get("sendUpdates") === "none")).toBe(true);
  });

  it("cancels by deleting; a later confirm patches the cancelled copy back to confirmed", async () => {
    const { accessToken } = await connect();
    const id = await client.upsertEvent(accessToken, { calendarId: CALENDAR, remoteId: null, event: event() });
    await client.removeEvent(accessToken, { calendarId: CALENDAR, remoteId: id, eventId: EVENT_ID });
    expect(google.events.get(`${CALENDAR}/${id}`)?.status).toBe("cancelled");
    // Deleting again (a retry) is fine: 410.
    await client.removeEvent(accessToken, { calendarId: CALENDAR, remoteId: id, eventId: EVENT_ID });

    await client.upsertEvent(accessToken, { calendarId: CALENDAR, remoteId: null, event: event() });
    expect(google.events.get(`${CALENDAR}/${id}`)?.status).toBe("confirmed");
  });

  it("creates the copy in the chosen calendar when the stored one is not there (404 on patch)", async () => {
    const { accessToken } = await connect();
    const id = await client.upsertEvent(accessToken, {
      calendarId: "primary-calendar@example.test",
      remoteId: googleEventId(EVENT_ID),
      event: event({ status: "tentative" }),
    });
    expect(google.events.get(`primary-calendar@example.test/${id}`)?.status).toBe("tentative");
    expect(google.state.requests.map((r) => r.method)).toEqual(["PATCH", "POST"]);
  });

  it("classifies failures: 401 unauthorized, 403 rate limit transient, 400 permanent", async () => {
    const params = { calendarId: CALENDAR, remoteId: null, event: event() };
    await expect(client.upsertEvent("not-a-token", params)).rejects.toMatchObject({
      kind: "unauthorized",
      status: 401,
    });
    const { accessToken } = await connect();
    google.failNext("POST", /events$/, 403, {
      error: { code: 403, message: "Rate Limit Exceeded", errors: [{ reason: "userRateLimitExceeded" }] },
    });
    await expect(client.upsertEvent(accessToken, params)).rejects.toMatchObject({ kind: "transient", status: 403 });
    google.failNext("POST", /events$/, 400, {
      error: { code: 400, message: "Bad Request", errors: [{ reason: "invalid" }] },
    });
    await expect(client.upsertEvent(accessToken, params)).rejects.toMatchObject({ kind: "permanent", code: "invalid" });
  });
});
