/**
 * The gate in front of every Twilio webhook: a form POST of bounded size whose
 * X-Twilio-Signature matches PUBLIC_URL + path + query and every POST parameter. Nothing
 * behind it runs for a request that fails; a malformed one answers 400, an unsigned or
 * forged one 403.
 */
import { type TwilioParams, verifyTwilioSignature } from "@flynn/telephony";
import type { Context } from "hono";
import { bodyLimit } from "hono/body-limit";
import { createMiddleware } from "hono/factory";
import type { Logger } from "../../logger";

export const MAX_WEBHOOK_BODY_BYTES = 64 * 1024;

export type TwilioEnv = { Variables: { log: Logger; twilioParams: TwilioParams } };

/** Form fields; a name sent several times keeps every value (the signature covers them all). */
export function parseForm(body: string): TwilioParams {
  const params: TwilioParams = {};
  for (const [name, value] of new URLSearchParams(body)) {
    const existing = params[name];
    if (existing === undefined) params[name] = value;
    else params[name] = Array.isArray(existing) ? [...existing, value] : [existing, value];
  }
  return params;
}

const tooLarge = (c: Context) => c.json({ error: `body larger than ${MAX_WEBHOOK_BODY_BYTES} bytes` }, 400);
const streamedBodyLimit = bodyLimit({ maxSize: MAX_WEBHOOK_BODY_BYTES, onError: tooLarge });

/**
 * Refuses bodies over the limit. Twilio always sends Content-Length, which is checked
 * without touching the body: hono's bodyLimit reads `req.raw.body`, which makes the Node
 * adapter build a full web Request (streams, AbortSignal) on the hottest path we have.
 * A chunked body (no length) still goes through bodyLimit, which counts as it reads.
 */
export const limitWebhookBody = createMiddleware(async (c, next) => {
  const length = c.req.header("content-length");
  if (length === undefined || c.req.header("transfer-encoding") !== undefined) return streamedBodyLimit(c, next);
  if (!/^\d+$/.test(length)) return c.json({ error: "content-length must be a number of bytes" }, 400);
  if (Number(length) > MAX_WEBHOOK_BODY_BYTES) return tooLarge(c);
  await next();
});

export function verifyTwilioRequest(options: { authToken: string; publicUrl: string }) {
  const base = options.publicUrl.replace(/\/+$/, "");
  return createMiddleware<TwilioEnv>(async (c, next) => {
    const contentType = c.req.header("content-type") ?? "";
    if (!contentType.toLowerCase().startsWith("application/x-www-form-urlencoded")) {
      return c.json({ error: "content-type must be application/x-www-form-urlencoded" }, 400);
    }
    const params = parseForm(await c.req.text());
    // Twilio signed the public address, not the one this process listens on (proxies, TLS).
    // Path and query exactly as sent (no URL parsing on the hot path, no decoding).
    const url = c.req.url;
    const pathStart = url.indexOf("/", url.indexOf("://") + 3);
    const signedUrl = `${base}${pathStart < 0 ? "/" : url.slice(pathStart)}`;
    if (!verifyTwilioSignature(options.authToken, c.req.header("x-twilio-signature"), signedUrl, params)) {
      c.get("log")?.warn({ path: c.req.path }, "twilio webhook with a missing or wrong signature");
      return c.json({ error: "invalid X-Twilio-Signature" }, 403);
    }
    c.set("twilioParams", params);
    await next();
  });
}
