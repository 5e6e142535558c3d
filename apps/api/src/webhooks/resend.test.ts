import { randomUUID } from "node:crypto";
import { communicationLogs } from "@flynn/db/schema";
import { insertUser, useTestDatabase } from "@flynn/db/testing";
import { eq } from "drizzle-orm";
import { Hono } from "hono";
import { beforeAll, describe, expect, it } from "vitest";
import { createTestApp } from "../testing";
import { createResendWebhooks, svixSignature, verifySvixSignature, WebhookSignatureError } from "./resend";

// providers.md §4.4: the Standard Webhooks reference vector (W1) and a Resend delivery (W2).
const SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
const W1 = {
  id: "msg_p5jXN8AQM9LWM0D4loKWxJek",
  timestamp: "1614265330",
  body: '{"test": 2432232314}',
  signature: "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=",
};
const W2_EMAIL_ID = "4ef9a417-02e9-4d39-ad75-9611e0fcc33c";
const W2 = {
  id: "msg_2aBcDeFgHiJkLmNoPqRsTuVwXyZ",
  timestamp: "1791295500",
  body: `{"type":"email.delivered","created_at":"2026-10-06T14:05:00.000Z","data":{"created_at":"2026-10-06T14:04:58.000Z","email_id":"${W2_EMAIL_ID}","from":"Calls <calls@example.com>","to":["owner@example.com"],"subject":"New appointment from +14155552671"}}`,
  signature: "v1,39+s41R2jdZsMbvDFhr3dVKGNF5PdDqvVIqiPrbXZWA=",
};
const W2_TIME = new Date(Number(W2.timestamp) * 1000);

const database = useTestDatabase();
let userId: string;
beforeAll(async () => {
  userId = (await insertUser(database.current.db)).id;
});

/** The webhook as the app mounts it, with its clock at `now`. */
function webhook(now = new Date(W2_TIME.getTime() + 30_000), secret: string | undefined = SECRET) {
  const app = new Hono();
  app.route("/webhooks/resend", createResendWebhooks({ db: database.current.db, secret, clock: () => now }));
  return app;
}

function post(
  app: Hono,
  delivery: { id: string; timestamp: string; body: string; signature?: string },
  headerPrefix = "svix",
) {
  return app.request("/webhooks/resend", {
    method: "POST",
    headers: {
      "content-type": "application/json",
      [`${headerPrefix}-id`]: delivery.id,
      [`${headerPrefix}-timestamp`]: delivery.timestamp,
      [`${headerPrefix}-signature`]:
        delivery.signature ?? svixSignature(SECRET, delivery.id, delivery.timestamp, delivery.body),
    },
    body: delivery.body,
  });
}

/** An event Resend would send about `emailId`, signed at `W2_TIME`. */
function event(type: string, emailId: string, data: Record<string, unknown> = {}) {
  return {
    id: `msg_${randomUUID()}`,
    timestamp: W2.timestamp,
    body: JSON.stringify({ type, created_at: W2_TIME.toISOString(), data: { email_id: emailId, ...data } }),
  };
}

async function sentEmail(externalId = randomUUID()) {
  const [row] = await database.current.db
    .insert(communicationLogs)
    .values({
      userId,
      communicationType: "email",
      recipient: "maria@example.com",
      status: "sent",
      externalId,
      sentAt: new Date(W2_TIME.getTime() - 60_000),
    })
    .returning();
  return row as typeof communicationLogs.$inferSelect;
}

const rowOf = async (id: string) =>
  (await database.current.db.select().from(communicationLogs).where(eq(communicationLogs.id, id)))[0];

describe("Svix signature", () => {
  it("accepts the reference vectors within five minutes of their timestamp, and nothing else", () => {
    for (const vector of [W1, W2]) {
      const at = new Date(Number(vector.timestamp) * 1000 + 299_000);
      const headers = { id: vector.id, timestamp: vector.timestamp, signature: vector.signature };
      expect(() => verifySvixSignature(SECRET, headers, vector.body, at)).not.toThrow();
      // Several signatures (a rotated secret): any one may match.
      expect(() =>
        verifySvixSignature(SECRET, { ...headers, signature: `v1,AAAA ${vector.signature}` }, vector.body, at),
      ).not.toThrow();
      expect(() => verifySvixSignature(SECRET, headers, `${vector.body} `, at)).toThrow(WebhookSignatureError);
      expect(() => verifySvixSignature(SECRET, headers, vector.body, new Date(at.getTime() + 2000))).toThrow(
        "more than 5 minutes",
      );
    }
    expect(svixSignature(SECRET, W1.id, W1.timestamp, W1.body)).toBe(W1.signature);
  });
});

describe("POST /webhooks/resend", () => {
  it("a signed email.delivered marks the email delivered; a replay (same svix-id) changes nothing", async () => {
    const row = await sentEmail(W2_EMAIL_ID);
    const response = await post(webhook(), W2);
    expect(response.status).toBe(204);
    const delivered = await rowOf(row.id);
    expect(delivered).toMatchObject({ status: "delivered", deliveredAt: new Date(W2_TIME.getTime() + 30_000) });

    const replay = await post(webhook(new Date(W2_TIME.getTime() + 200_000)), W2);
    expect(replay.status).toBe(204);
    expect(await rowOf(row.id)).toEqual(delivered);
  });

  it("a bad signature, a stale timestamp or missing headers answer 400 and change nothing", async () => {
    const row = await sentEmail();
    const delivery = event("email.delivered", row.externalId as string);
    const forged = await post(webhook(), {
      ...delivery,
      signature: svixSignature("whsec_AAAAAAAA", delivery.id, delivery.timestamp, delivery.body),
    });
    expect(forged.status).toBe(400);
    expect(await forged.json()).toEqual({ error: "svix-signature does not match" });
    const stale = await post(webhook(new Date(W2_TIME.getTime() + 301_000)), delivery);
    expect(stale.status).toBe(400);
    expect(await stale.json()).toEqual({ error: "svix-timestamp is more than 5 minutes from now" });
    const unsigned = await webhook().request("/webhooks/resend", { method: "POST", body: delivery.body });
    expect(unsigned.status).toBe(400);
    expect(await rowOf(row.id)).toMatchObject({ status: "sent", deliveredAt: null });
  });

  it("a signed body that is not an event answers 400 naming what is wrong", async () => {
    const notJson = { id: "msg_x", timestamp: W2.timestamp, body: "not json" };
    expect((await post(webhook(), notJson)).status).toBe(400);
    const noId = { id: "msg_y", timestamp: W2.timestamp, body: JSON.stringify({ type: "email.delivered", data: {} }) };
    const response = await post(webhook(), noId);
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ error: "invalid event: data.email_id is required" });
  });

  it("bounces, failures and suppressions say why; late or out-of-order events never move an email backwards", async () => {
    const bounced = await sentEmail();
    const id = bounced.externalId as string;
    await post(
      webhook(),
      event("email.bounced", id, { bounce: { message: "Mailbox does not exist", type: "Permanent" } }),
    );
    expect(await rowOf(bounced.id)).toMatchObject({
      status: "bounced",
      errorMessage: "Bounced: Mailbox does not exist",
    });
    // Delivered and delayed arriving after the bounce change nothing.
    await post(webhook(), event("email.delivered", id));
    await post(webhook(), event("email.delivery_delayed", id));
    expect(await rowOf(bounced.id)).toMatchObject({ status: "bounced", deliveredAt: null });

    const delivered = await sentEmail();
    await post(webhook(), event("email.delivered", delivered.externalId as string));
    await post(webhook(), event("email.delivery_delayed", delivered.externalId as string));
    await post(webhook(), event("email.sent", delivered.externalId as string));
    expect(await rowOf(delivered.id)).toMatchObject({ status: "delivered", errorMessage: null });
    await post(webhook(), event("email.complained", delivered.externalId as string));
    expect(await rowOf(delivered.id)).toMatchObject({
      status: "delivered",
      errorMessage: "The recipient marked it as spam",
    });

    const suppressed = await sentEmail();
    await post(
      webhook(),
      event("email.suppressed", suppressed.externalId as string, {
        suppressed: { message: "Recipient bounced before" },
      }),
    );
    expect(await rowOf(suppressed.id)).toMatchObject({
      status: "failed",
      errorMessage: "Not sent: Resend suppresses this address (Recipient bounced before)",
    });
    const failed = await sentEmail();
    // The Standard Webhooks header names work too.
    await post(
      webhook(),
      event("email.failed", failed.externalId as string, { failed: { reason: "reached_daily_quota" } }),
      "webhook",
    );
    expect(await rowOf(failed.id)).toMatchObject({
      status: "failed",
      errorMessage: "Resend could not send it: reached_daily_quota",
    });
  });

  it("events about other things are acknowledged and change nothing", async () => {
    const row = await sentEmail();
    expect((await post(webhook(), event("email.opened", row.externalId as string))).status).toBe(204);
    expect(await rowOf(row.id)).toMatchObject({ status: "sent" });
  });

  it("an event about an email not stored yet is refused for a retry, which then applies; an old one is acknowledged", async () => {
    // Resend's event outran the worker's write of the email's id: 409, so Resend delivers it again.
    const emailId = randomUUID();
    const delivered = event("email.delivered", emailId);
    const early = await post(webhook(), delivered);
    expect(early.status).toBe(409);
    expect(await early.json()).toEqual({ error: "no email with this id yet: deliver it again later" });
    const rows = await database.current.db
      .select()
      .from(communicationLogs)
      .where(eq(communicationLogs.externalId, emailId));
    expect(rows).toEqual([]);
    // The worker stores the id; Resend's next attempt (same event, a later signature) applies.
    const row = await sentEmail(emailId);
    const retryAt = new Date(W2_TIME.getTime() + 5 * 60_000);
    const retry = { ...delivered, timestamp: String(retryAt.getTime() / 1000) };
    expect((await post(webhook(retryAt), retry)).status).toBe(204);
    expect(await rowOf(row.id)).toMatchObject({ status: "delivered" });

    // Ten minutes after the event, an unknown email is not ours: acknowledged, nothing written.
    const later = new Date(W2_TIME.getTime() + 10 * 60_000);
    const old = { ...event("email.delivered", randomUUID()), timestamp: String(later.getTime() / 1000) };
    expect((await post(webhook(later), old)).status).toBe(204);
    // Events without a creation time cannot be waited for either.
    const undated = {
      id: `msg_${randomUUID()}`,
      timestamp: W2.timestamp,
      body: JSON.stringify({ type: "email.delivered", data: { email_id: randomUUID() } }),
    };
    expect((await post(webhook(), undated)).status).toBe(204);
  });

  it("without RESEND_WEBHOOK_SECRET the app's route answers 503 and writes nothing", async () => {
    const row = await sentEmail(randomUUID());
    const { app } = createTestApp(database.current.db);
    const delivery = event("email.delivered", row.externalId as string);
    const response = await app.request("/webhooks/resend", {
      method: "POST",
      headers: {
        "svix-id": delivery.id,
        "svix-timestamp": delivery.timestamp,
        "svix-signature": svixSignature(SECRET, delivery.id, delivery.timestamp, delivery.body),
      },
      body: delivery.body,
    });
    expect(response.status).toBe(503);
    expect(await rowOf(row.id)).toMatchObject({ status: "sent" });
  });
});
