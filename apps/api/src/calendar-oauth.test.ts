/**
 * Connecting a calendar through the app: real sessions and Postgres, Google's and
 * Microsoft's endpoints mocked at the network boundary (msw), so the real OAuth code runs.
 */
import { createCalendarProviders, GOOGLE_EVENTS_SCOPE, pkceChallenge } from "@flynn/calendar";
import { fakeGoogle, fakeGraph } from "@flynn/calendar/provider-fakes";
import { testKeyring } from "@flynn/crypto";
import { auditLogs, calendarIntegrations, events } from "@flynn/db/schema";
import { useTestDatabase } from "@flynn/db/testing";
import { useJobQueue } from "@flynn/jobs/testing";
import { eq, sql } from "drizzle-orm";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { browserHeaders, createTestApp, randomIp, signUp, TEST_PUBLIC_URL, trpcClient, WEB_ORIGIN } from "./testing";

const database = useTestDatabase();
const queue = useJobQueue(database);
const google = fakeGoogle();
const graph = fakeGraph();
const server = setupServer(...google.handlers, ...graph.handlers);
const keyring = testKeyring();

beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterEach(() => {
  for (const fake of [google, graph]) {
    fake.state.requests.length = 0;
    fake.state.tokenRequests.length = 0;
    fake.state.grantedScope = null;
  }
});
afterAll(() => server.close());

const calendars = createCalendarProviders({
  google: { clientId: "test-google-client", clientSecret: "test-client-secret" },
  microsoft: { clientId: "test-microsoft-client", clientSecret: "test-client-secret" },
});

/** A signed-up owner on an app with both providers configured (or none). */
async function owner(options: { configured?: boolean } = {}) {
  const { app } = createTestApp(database.current.db, options.configured === false ? {} : { calendars });
  const ip = randomIp();
  const { response, cookie } = await signUp(app, ip, `owner-${crypto.randomUUID()}@example.test`);
  const { user } = (await response.json()) as { user: { id: string } };
  return { app, ip, cookie, id: user.id };
}

type Owner = Awaited<ReturnType<typeof owner>>;

/** The flow cookie a connect response set, as the browser sends it back. */
function flowCookie(response: Response): string {
  return response.headers
    .getSetCookie()
    .filter((c) => c.startsWith("flynn_calendar_oauth_"))
    .map((c) => c.split(";")[0])
    .join("; ");
}

async function startConnect(who: Owner, provider: "google" | "outlook") {
  const response = await who.app.request(`/api/calendar/${provider}/connect`, { headers: { cookie: who.cookie } });
  expect(response.status).toBe(302);
  const location = response.headers.get("location") as string;
  return { response, location, cookie: flowCookie(response), state: new URL(location).searchParams.get("state") };
}

function callback(who: Owner, provider: string, query: Record<string, string>, flow: string, cookie = who.cookie) {
  return who.app.request(`/api/calendar/${provider}/callback?${new URLSearchParams(query)}`, {
    headers: { cookie: [cookie, flow].filter(Boolean).join("; ") },
  });
}

const integrationsOf = (userId: string) =>
  database.current.db.select().from(calendarIntegrations).where(eq(calendarIntegrations.userId, userId));

describe("GET /api/calendar/:provider/connect", () => {
  it("sends a signed-in owner to Google with state, an S256 challenge and offline access, in a sealed HttpOnly cookie", async () => {
    const who = await owner();
    const { response, location, cookie, state } = await startConnect(who, "google");
    const url = new URL(location);
    expect(`${url.origin}${url.pathname}`).toBe("https://accounts.google.com/o/oauth2/v2/auth");
    expect(Object.fromEntries(url.searchParams)).toMatchObject({
      client_id: "test-google-client",
      redirect_uri: `${TEST_PUBLIC_URL}/api/calendar/google/callback`,
      code_challenge_method: "S256",
      access_type: "offline",
      prompt: "consent",
    });
    expect(url.searchParams.get("scope")).toContain(GOOGLE_EVENTS_SCOPE);
    expect(state).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const [setCookie] = response.headers.getSetCookie().filter((c) => c.startsWith("flynn_calendar_oauth_google="));
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Lax/i);
    expect(setCookie).toMatch(/Path=\/api\/calendar/);
    // The cookie is sealed: neither the state nor anything else of the flow shows.
    expect(cookie).not.toContain(state as string);
    expect(cookie).not.toContain(who.id);
  });

  it("answers 401 without a session, 412 for a provider this server has no client for, 404 for another name", async () => {
    const who = await owner({ configured: false });
    expect((await who.app.request("/api/calendar/google/connect")).status).toBe(401);
    const unconfigured = await who.app.request("/api/calendar/google/connect", { headers: { cookie: who.cookie } });
    expect(unconfigured.status).toBe(412);
    expect(await unconfigured.json()).toEqual({ error: "Google Calendar is not configured on this server" });
    expect((await who.app.request("/api/calendar/apple/connect", { headers: { cookie: who.cookie } })).status).toBe(
      404,
    );
  });
  it("sends a browser back to the calendars tab with the reason (or to sign in), not to a page of JSON", async () => {
    const html = { accept: "text/html,application/xhtml+xml" };
    const who = await owner({ configured: false });
    const unconfigured = await who.app.request("/api/calendar/google/connect", {
      headers: { cookie: who.cookie, ...html },
    });
    expect(unconfigured.status).toBe(302);
    const back = new URL(unconfigured.headers.get("location") ?? "");
    expect(back.pathname).toBe("/settings");
    expect(Object.fromEntries(back.searchParams)).toEqual({
      tab: "calendars",
      error: "not_configured",
      provider: "google",
    });

    const signedOut = await who.app.request("/api/calendar/google/connect", { headers: html });
    const signIn = new URL(signedOut.headers.get("location") ?? "");
    expect(signIn.pathname).toBe("/sign-in");
    expect(signIn.searchParams.get("redirect")).toBe("/settings?tab=calendars");

    const connected = await owner();
    const flow = await startConnect(connected, "google");
    const forged = await connected.app.request("/api/calendar/google/callback?state=forged&code=x", {
      headers: { cookie: `${connected.cookie}; ${flow.cookie}`, ...html },
    });
    expect(new URL(forged.headers.get("location") ?? "").searchParams.get("error")).toBe("expired");
    expect(await integrationsOf(connected.id)).toHaveLength(0);
  });
});

describe("GET /api/calendar/:provider/callback", () => {
  it("stores the connection with sealed tokens, picks the primary calendar and queues a sync of upcoming events", async () => {
    const who = await owner();
    const [upcoming] = await database.current.db
      .insert(events)
      .values({
        userId: who.id,
        title: "Fix boiler",
        status: "confirmed",
        confirmedDatetime: new Date(Date.now() + 86_400_000),
      })
      .returning();
    const flow = await startConnect(who, "google");
    const code = google.consent(flow.location);

    const response = await callback(who, "google", { code, state: flow.state as string }, flow.cookie);
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe(`${WEB_ORIGIN}/settings?tab=calendars&connected=google`);
    // The exchange carried the verifier behind the challenge Google was shown.
    const exchange = google.state.tokenRequests[0];
    expect(pkceChallenge(exchange?.code_verifier as string)).toBe(
      new URL(flow.location).searchParams.get("code_challenge"),
    );

    const [row] = await integrationsOf(who.id);
    expect(row).toMatchObject({
      integrationType: "google",
      isActive: true,
      calendarId: "primary-calendar@example.test",
      calendarName: "owner@example.test",
      lastError: null,
    });
    expect(keyring.open(row?.accessToken as string, "calendar_integrations.access_token")).toMatch(/^google-access-/);
    expect(keyring.open(row?.refreshToken as string, "calendar_integrations.refresh_token")).toMatch(
      /^google-refresh-/,
    );
    const { rows } = await database.current.db.execute(
      sql`SELECT row_to_json(calendar_integrations)::text AS row FROM calendar_integrations WHERE user_id = ${who.id}`,
    );
    expect(JSON.stringify(rows)).not.toMatch(/google-(access|refresh)-/);
    const trail = await database.current.db.select().from(auditLogs).where(eq(auditLogs.userId, who.id));
    expect(trail.some((entry) => entry.resourceType === "calendar_integration")).toBe(true);
    expect(JSON.stringify(trail)).not.toMatch(/google-(access|refresh)-/);

    const syncs = (await queue.current.queued()).filter((job) => job.name === "sync-calendar-event");
    expect(syncs.map((job) => job.payload)).toContainEqual({ eventId: upcoming?.id });
    expect(flowCookie(response)).toMatch(/^flynn_calendar_oauth_google=;?$/);

    // Through HTTP, the dashboard's list shows it, without tokens.
    const list = await trpcClient(who.app, browserHeaders(who.ip, who.cookie)).calendars.list.query();
    expect(list.find((p) => p.provider === "google")).toMatchObject({
      connected: true,
      active: true,
      configured: true,
    });
    expect(JSON.stringify(list)).not.toMatch(/google-(access|refresh)-/);
  });

  it("refuses a wrong or missing state with 400, storing nothing and asking Google nothing", async () => {
    const who = await owner();
    const flow = await startConnect(who, "google");
    const code = google.consent(flow.location);
    const wrong = await callback(who, "google", { code, state: "forged-state" }, flow.cookie);
    expect(wrong.status).toBe(400);
    expect(((await wrong.json()) as { error: string }).error).toMatch(/^state:/);
    expect((await callback(who, "google", { code, state: flow.state as string }, "")).status).toBe(400);
    // A flow started for Google does not finish as Outlook.
    expect((await callback(who, "outlook", { code, state: flow.state as string }, flow.cookie)).status).toBe(400);
    expect(google.state.tokenRequests).toHaveLength(0);
    expect(await integrationsOf(who.id)).toHaveLength(0);
  });

  it("refuses a callback in another account's session with 403, storing nothing", async () => {
    const victim = await owner();
    const attacker = await owner();
    const flow = await startConnect(attacker, "google");
    const code = google.consent(flow.location);
    const response = await callback(victim, "google", { code, state: flow.state as string }, flow.cookie);
    expect(response.status).toBe(403);
    expect(await integrationsOf(victim.id)).toHaveLength(0);
    expect(await integrationsOf(attacker.id)).toHaveLength(0);
  });

  it("returns to settings with the reason when the owner declines or unticks the calendar scope", async () => {
    const who = await owner();
    const declined = await startConnect(who, "google");
    const response = await callback(
      who,
      "google",
      { error: "access_denied", state: declined.state as string },
      declined.cookie,
    );
    expect(response.headers.get("location")).toBe(
      `${WEB_ORIGIN}/settings?tab=calendars&error=access_denied&provider=google`,
    );

    const unticked = await startConnect(who, "google");
    google.state.grantedScope = "https://www.googleapis.com/auth/calendar.calendarlist.readonly";
    const code = google.consent(unticked.location);
    const partial = await callback(who, "google", { code, state: unticked.state as string }, unticked.cookie);
    expect(partial.headers.get("location")).toBe(
      `${WEB_ORIGIN}/settings?tab=calendars&error=missing_scope&provider=google`,
    );
    expect(await integrationsOf(who.id)).toHaveLength(0);
  });

  it("connecting Outlook turns Google off (one calendar syncs); reconnecting Google updates its row", async () => {
    const who = await owner();
    const connect = async (provider: "google" | "outlook") => {
      const flow = await startConnect(who, provider);
      const code = (provider === "google" ? google : graph).consent(flow.location);
      if (provider === "outlook") graph.grantFullScopes();
      const response = await callback(who, provider, { code, state: flow.state as string }, flow.cookie);
      expect(response.headers.get("location")).toBe(`${WEB_ORIGIN}/settings?tab=calendars&connected=${provider}`);
    };
    await connect("google");
    await connect("outlook");
    const rows = await integrationsOf(who.id);
    expect(rows.map((r) => [r.integrationType, r.isActive, r.lastError]).sort()).toEqual([
      ["google", false, null],
      ["outlook", true, null],
    ]);
    expect(rows.find((r) => r.integrationType === "outlook")?.calendarId).toBe("AAMkDefaultCalendar=");

    const list = await trpcClient(who.app, browserHeaders(who.ip, who.cookie)).calendars.list.query();
    expect(list.find((p) => p.provider === "google")?.connectNotice).toBe(
      "Events sync to one calendar: connecting Google Calendar stops syncing to Outlook.",
    );

    await connect("google");
    const after = await integrationsOf(who.id);
    expect(after).toHaveLength(2);
    expect(after.find((r) => r.integrationType === "google")?.isActive).toBe(true);
    expect(after.find((r) => r.integrationType === "outlook")?.isActive).toBe(false);
  });
});
