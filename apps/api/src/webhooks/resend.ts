/**
 * Resend's delivery webhooks, mounted at /webhooks/resend: email.delivered, .bounced,
 * .complained, .delivery_delayed, .failed and .suppressed update the `communication_logs`
 * row of the email (found by Resend's email id), never backwards.
 *
 * Resend signs with Svix (Standard Webhooks): HMAC-SHA256, keyed with the base64 part of the
 * `whsec_` secret, over `<svix-id>.<svix-timestamp>.<raw body>`, in `svix-signature` as
 * space-separated `v1,<base64>` entries. The signature is checked on the raw body before
 * anything is parsed; a timestamp more than 5 minutes from now is refused (a captured request
 * cannot be replayed later). A redelivery keeps its svix-id and its event: applying the same
 * event again changes nothing, so duplicates need no table of their own.
 *
 * The worker stores an email's Resend id once Resend has answered the send; an event can come
 * before that. An event about an email not known yet, created in the last
 * UNKNOWN_EMAIL_RETRY_MINUTES, answers 409 and writes nothing, so Resend delivers it again
 * (seconds, then minutes later); an older one is about an email that is not ours (another app
 * on the same Resend account) and is acknowledged.
 *
 * Without RESEND_WEBHOOK_SECRET the route answers 503: Resend keeps retrying (for about a day
 * and a half), so events sent while it is being configured still arrive once it is.
 */
import { createHmac, timingSafeEqual } from "node:crypto";
import type { Db } from "@flynn/db/client";
import { applyEmailDelivery, type EmailDeliveryUpdate, isKnownEmail } from "@flynn/db/queries/email-delivery";
import { Hono } from "hono";
import { z } from "zod";
import type { Logger } from "../logger";
import { limitWebhookBody } from "./twilio/verify-signature";

export interface ResendWebhookDeps {
  db: Db;
  /** `whsec_<base64>`; absent: the route is not configured (503). */
  secret: string | undefined;
  clock: () => Date;
}

export const SIGNATURE_TOLERANCE_SECONDS = 5 * 60;
/** How long an event about an email we do not know yet is refused for a retry, from its `created_at`. */
export const UNKNOWN_EMAIL_RETRY_MINUTES = 10;

export class WebhookSignatureError extends Error {
  override name = "WebhookSignatureError";
}

/** The signing key: the base64 after `whsec_`. */
function signingKey(secret: string): Buffer {
  return Buffer.from(secret.startsWith("whsec_") ? secret.slice("whsec_".length) : secret, "base64");
}

/** `v1,<base64 HMAC-SHA256>` of one message: what Resend sends in svix-signature (tests sign with it too). */
export function svixSignature(secret: string, id: string, timestamp: string, rawBody: string): string {
  return `v1,${createHmac("sha256", signingKey(secret)).update(`${id}.${timestamp}.${rawBody}`).digest("base64")}`;
}

export interface SvixHeaders {
  id: string | undefined;
  timestamp: string | undefined;
  signature: string | undefined;
}

/** Throws WebhookSignatureError (saying what is wrong) unless the request is Resend's, signed within the window. */
export function verifySvixSignature(secret: string, headers: SvixHeaders, rawBody: string, now: Date): void {
  const { id, timestamp, signature } = headers;
  if (!id || !timestamp || !signature) {
    throw new WebhookSignatureError("svix-id, svix-timestamp and svix-signature are required");
  }
  if (!/^\d{1,12}$/.test(timestamp)) throw new WebhookSignatureError("svix-timestamp must be Unix seconds");
  if (Math.abs(now.getTime() / 1000 - Number(timestamp)) > SIGNATURE_TOLERANCE_SECONDS) {
    throw new WebhookSignatureError("svix-timestamp is more than 5 minutes from now");
  }
  const expected = Buffer.from(svixSignature(secret, id, timestamp, rawBody).slice("v1,".length), "base64");
  const matches = signature.split(" ").some((entry) => {
    const [version, value] = entry.split(",", 2);
    if (version !== "v1" || !value) return false;
    const given = Buffer.from(value, "base64");
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
  if (!matches) throw new WebhookSignatureError("svix-signature does not match");
}

const eventSchema = z.object({
  type: z.string().min(1).max(100),
  created_at: z.string().optional(),
  data: z
    .object({
      email_id: z.string().min(1).max(200).optional(),
      bounce: z.object({ message: z.string().optional(), type: z.string().optional() }).optional(),
      failed: z.object({ reason: z.string().optional() }).optional(),
      suppressed: z.object({ message: z.string().optional(), type: z.string().optional() }).optional(),
    })
    .passthrough(),
});
type ResendEvent = z.infer<typeof eventSchema>;

const clipped = (text: string | undefined) => text?.replace(/\s+/g, " ").trim().slice(0, 500) || null;

/** What an event means for the email's row; null for events that say nothing about delivery. */
export function deliveryUpdateOf(event: ResendEvent): EmailDeliveryUpdate | null {
  const { data } = event;
  switch (event.type) {
    case "email.sent":
      return { kind: "status", status: "sent", note: null };
    case "email.delivered":
      return { kind: "status", status: "delivered", note: null };
    case "email.bounced": {
      const why = clipped(data.bounce?.message) ?? clipped(data.bounce?.type);
      return { kind: "status", status: "bounced", note: `Bounced${why ? `: ${why}` : ""}` };
    }
    case "email.failed": {
      const why = clipped(data.failed?.reason);
      return { kind: "status", status: "failed", note: `Resend could not send it${why ? `: ${why}` : ""}` };
    }
    case "email.suppressed": {
      const why = clipped(data.suppressed?.message) ?? clipped(data.suppressed?.type);
      return {
        kind: "status",
        status: "failed",
        note: `Not sent: Resend suppresses this address${why ? ` (${why})` : ""}`,
      };
    }
    case "email.delivery_delayed":
      return {
        kind: "note",
        note: "Delivery delayed: the receiving server has not accepted it yet",
        onlyWhileUndelivered: true,
      };
    case "email.complained":
      return { kind: "note", note: "The recipient marked it as spam", onlyWhileUndelivered: false };
    default:
      return null;
  }
}

/** Whether an event created at `createdAt` (ISO 8601) is young enough to wait for its email. */
function isRecent(createdAt: string | undefined, now: Date): boolean {
  const created = createdAt ? Date.parse(createdAt) : Number.NaN;
  return !Number.isNaN(created) && now.getTime() - created < UNKNOWN_EMAIL_RETRY_MINUTES * 60_000;
}

export function createResendWebhooks({ db, secret, clock }: ResendWebhookDeps) {
  const app = new Hono<{ Variables: { log: Logger } }>();
  app.use(limitWebhookBody);

  app.post("/", async (c) => {
    if (!secret) return c.json({ error: "Resend webhooks are not configured on this server" }, 503);
    const rawBody = await c.req.text();
    const header = (name: string) => c.req.header(`svix-${name}`) ?? c.req.header(`webhook-${name}`);
    const svix = { id: header("id"), timestamp: header("timestamp"), signature: header("signature") };
    try {
      verifySvixSignature(secret, svix, rawBody, clock());
    } catch (error) {
      if (!(error instanceof WebhookSignatureError)) throw error;
      c.get("log")?.warn({ svixId: svix.id?.slice(0, 100), reason: error.message }, "resend webhook refused");
      return c.json({ error: error.message }, 400);
    }
    let json: unknown;
    try {
      json = JSON.parse(rawBody);
    } catch {
      return c.json({ error: "body must be JSON" }, 400);
    }
    const parsed = eventSchema.safeParse(json);
    if (!parsed.success) {
      const fields = parsed.error.issues.map((issue) => `${issue.path.join(".") || "body"}: ${issue.message}`);
      return c.json({ error: `invalid event: ${fields.join("; ")}` }, 400);
    }
    const update = deliveryUpdateOf(parsed.data);
    const emailId = parsed.data.data.email_id;
    if (!update) return c.body(null, 204);
    if (!emailId) return c.json({ error: "invalid event: data.email_id is required" }, 400);
    const now = clock();
    const changed = await applyEmailDelivery(db, { emailId, update, at: now });
    if (!changed && isRecent(parsed.data.created_at, now) && !(await isKnownEmail(db, emailId))) {
      c.get("log")?.info({ svixId: svix.id, type: parsed.data.type }, "resend webhook for an email not stored yet");
      return c.json({ error: "no email with this id yet: deliver it again later" }, 409);
    }
    c.get("log")?.info({ svixId: svix.id, type: parsed.data.type, changed }, "resend webhook");
    return c.body(null, 204);
  });

  return app;
}
