import { testKeyring } from "@flynn/crypto";
import { connectCalendarIntegration, deactivateCalendarIntegration } from "@flynn/db/queries/calendar-integrations";
import { calendarIntegrations, communicationLogs } from "@flynn/db/schema";
import { insertUser, useTestDatabase } from "@flynn/db/testing";
import { createMailer } from "@flynn/email";
import { createRulesExtractor } from "@flynn/extraction";
import { eq } from "drizzle-orm";
import { HttpResponse, http } from "msw";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { WorkerDeps } from "../deps";
import { notifyCalendarDisconnected } from "./notify-calendar-disconnected";

const NOW = new Date("2026-12-01T12:00:00Z");
const DISCONNECTED_AT = new Date("2026-12-01T11:58:00Z");
const database = useTestDatabase();
const server = setupServer();
const sent: { key: string | null; body: Record<string, unknown> }[] = [];

beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterEach(() => {
  server.resetHandlers();
  sent.length = 0;
});
afterAll(() => server.close());

/** Resend answering each request with the next status; a repeated key gets the first id. */
function resend(...statuses: number[]) {
  server.use(
    http.post("https://api.resend.com/emails", async ({ request }) => {
      const key = request.headers.get("idempotency-key");
      sent.push({ key, body: (await request.json()) as Record<string, unknown> });
      const status = statuses.shift() ?? 200;
      if (status >= 500) return new HttpResponse("Bad gateway", { status });
      return HttpResponse.json({ id: `email-${key}` });
    }),
  );
}

const deps = (): WorkerDeps => ({
  db: database.current.db,
  keyring: testKeyring(),
  mailer: createMailer({ resendApiKey: "re_test_key_for_msw_only", from: "Flynn <calls@flynn.example>" }),
  extractor: createRulesExtractor(),
  webUrl: "https://app.flynn.example/",
  now: () => NOW,
});

async function disconnectedIntegration() {
  const { db } = database.current;
  const user = await insertUser(db, { fullName: "Joe Plumber" });
  const [integration] = await db
    .insert(calendarIntegrations)
    .values({ userId: user.id, integrationType: "outlook", calendarId: "AAMkJobs=" })
    .returning();
  const id = (integration as { id: string }).id;
  const at = await deactivateCalendarIntegration(db, {
    id,
    reason: "Outlook refused (400 invalid_grant): AADSTS70000",
    at: DISCONNECTED_AT,
  });
  return { user, id, at: at as Date };
}

const logsOf = (userId: string) =>
  database.current.db.select().from(communicationLogs).where(eq(communicationLogs.userId, userId));

describe("notify-calendar-disconnected", () => {
  it("emails the owner once: a 5xx retries the stored message under the same key, a rerun sends nothing", async () => {
    resend(503, 200);
    const { user, id, at } = await disconnectedIntegration();
    const key = `calendar-disconnected/${id}/${at.toISOString()}`;

    await expect(
      notifyCalendarDisconnected(deps(), { integrationId: id }, { number: 1, max: 25 }),
    ).rejects.toMatchObject({
      transient: true,
    });
    expect(await logsOf(user.id)).toEqual([expect.objectContaining({ status: "pending", idempotencyKey: key })]);

    expect(await notifyCalendarDisconnected(deps(), { integrationId: id }, { number: 2, max: 25 })).toBe("sent");
    expect(await notifyCalendarDisconnected(deps(), { integrationId: id }, { number: 1, max: 25 })).toBe(
      "already-sent",
    );

    expect(sent.map((request) => request.key)).toEqual([key, key]);
    expect(sent[1]?.body).toEqual(sent[0]?.body);
    expect(sent[0]?.body).toMatchObject({
      to: user.email,
      subject: "Reconnect Outlook: Flynn can no longer add your events",
    });
    expect(sent[0]?.body.html).toContain("https://app.flynn.example/settings?tab=calendars");
    expect(sent[0]?.body.html).toContain("AADSTS70000");
    const logs = await logsOf(user.id);
    expect(logs).toHaveLength(1);
    expect(logs[0]).toMatchObject({ status: "sent", externalId: `email-${key}`, recipient: user.email });
  });

  it("is keyed by the disconnection: an edit before the retry sends nothing new; a later disconnection is told again", async () => {
    resend(503, 200, 200);
    const { db } = database.current;
    const { user, id } = await disconnectedIntegration();
    const key = `calendar-disconnected/${id}/${DISCONNECTED_AT.toISOString()}`;
    await expect(notifyCalendarDisconnected(deps(), { integrationId: id }, { number: 1, max: 25 })).rejects.toThrow();
    // The owner turns sync off meanwhile (updated_at moves); the retry still names the same disconnection.
    await db.update(calendarIntegrations).set({ syncEnabled: false }).where(eq(calendarIntegrations.id, id));
    expect(await notifyCalendarDisconnected(deps(), { integrationId: id }, { number: 2, max: 25 })).toBe("sent");
    expect(await notifyCalendarDisconnected(deps(), { integrationId: id }, { number: 1, max: 25 })).toBe(
      "already-sent",
    );
    expect(sent.map((request) => request.key)).toEqual([key, key]);

    // Reconnected, then the new grant dies too: a new disconnection, a new email.
    await connectCalendarIntegration(db, {
      userId: user.id,
      integrationType: "outlook",
      accessToken: "sealed-access",
      refreshToken: "sealed-refresh",
      tokenExpiresAt: null,
    });
    expect((await db.select().from(calendarIntegrations).where(eq(calendarIntegrations.id, id)))[0]).toMatchObject({
      isActive: true,
      disconnectedAt: null,
    });
    const again = new Date("2026-12-08T09:00:00Z");
    await deactivateCalendarIntegration(db, { id, reason: "Outlook refused (400 invalid_grant)", at: again });
    expect(await notifyCalendarDisconnected(deps(), { integrationId: id }, { number: 1, max: 25 })).toBe("sent");
    expect(sent.map((request) => request.key)).toEqual([
      key,
      key,
      `calendar-disconnected/${id}/${again.toISOString()}`,
    ]);
    expect((await logsOf(user.id)).map((log) => log.status)).toEqual(["sent", "sent"]);
  });

  it("sends nothing for a connection that is active again, or was never deactivated", async () => {
    resend();
    const { user, id } = await disconnectedIntegration();
    await database.current.db
      .update(calendarIntegrations)
      .set({ isActive: true, lastError: null })
      .where(eq(calendarIntegrations.id, id));
    expect(await notifyCalendarDisconnected(deps(), { integrationId: id }, { number: 1, max: 25 })).toBe(
      "still-connected",
    );
    expect(sent).toHaveLength(0);
    expect(await logsOf(user.id)).toHaveLength(0);
  });
});
