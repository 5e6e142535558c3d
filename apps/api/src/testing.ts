/** An app wired to a test database, with a typed tRPC client that goes through HTTP. */

import { Writable } from "node:stream";
import type { AppRouter } from "@flynn/api";
import { createAuth, createSessionResolver } from "@flynn/auth";
import type { CalendarProviders } from "@flynn/calendar";
import { testKeyring } from "@flynn/crypto";
import type { ChangeFeed } from "@flynn/db/changes";
import type { Db } from "@flynn/db/client";
import { createTelephony, DEV_TWILIO_AUTH_TOKEN, signTwilioRequest, type Telephony } from "@flynn/telephony";
import { createTRPCClient, httpLink } from "@trpc/client";
import pino from "pino";
import superjson from "superjson";
import { createApp } from "./app";

export const WEB_ORIGIN = "http://localhost:5173";

/** The public address the test app's Twilio webhooks are signed for. */
export const TEST_PUBLIC_URL = "https://flynn.example.test";

export function createTestApp(
  db: Db,
  options: {
    production?: boolean;
    clock?: () => Date;
    /** Default: the simulated provider; null: none (production without Twilio credentials). */
    telephony?: Telephony | null;
    /** A built dashboard to serve on the app's origin. */
    dashboardDir?: string;
    /** The change feed behind `live.changes`. */
    changes?: ChangeFeed;
    /** With the test auth token, authenticates recording playback; absent: anonymous (development). */
    twilioAccountSid?: string;
    /** Google Calendar and Outlook clients; absent: not configured. */
    calendars?: CalendarProviders;
  } = {},
) {
  const lines: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split("\n").filter(Boolean)) lines.push(JSON.parse(line));
      done();
    },
  });
  const logger = pino({ level: "info", base: { service: "api" } }, sink);
  const secret = "test-secret-test-secret-test-secret-0123";
  const auth = createAuth({
    db,
    secret,
    baseURL: "http://localhost:8787",
    trustedOrigins: [WEB_ORIGIN],
  });
  const app = createApp({
    db,
    keyring: testKeyring(),
    auth,
    resolveSession: createSessionResolver(db, secret),
    logger,
    webOrigins: [WEB_ORIGIN],
    trustProxy: true,
    production: options.production ?? false,
    twilio: { authToken: DEV_TWILIO_AUTH_TOKEN, publicUrl: TEST_PUBLIC_URL, accountSid: options.twilioAccountSid },
    clock: options.clock,
    telephony: options.telephony === null ? undefined : (options.telephony ?? createTelephony(null)),
    dashboardDir: options.dashboardDir,
    changes: options.changes,
    calendars: options.calendars,
  });
  return { app, auth, logLines: lines };
}

type App = ReturnType<typeof createTestApp>["app"];

/** A fresh client IP per test run, so rate limits of one test do not leak into another. */
export function randomIp(): string {
  return `10.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250) + 1}`;
}

export function browserHeaders(ip: string, cookie?: string): Record<string, string> {
  return {
    origin: WEB_ORIGIN,
    "content-type": "application/json",
    "user-agent": "Mozilla/5.0 (X11; Linux x86_64) FlynnTest",
    "x-forwarded-for": ip,
    ...(cookie ? { cookie } : {}),
  };
}

/** Signs up through HTTP like the dashboard does and returns the session cookie. */
export async function signUp(app: App, ip: string, email: string, password = "correct horse battery") {
  const response = await app.request("/api/auth/sign-up/email", {
    method: "POST",
    headers: browserHeaders(ip),
    body: JSON.stringify({ email, password, name: "Test Owner" }),
  });
  if (response.status !== 200) throw new Error(`sign-up failed: ${response.status} ${await response.text()}`);
  return { response, cookie: sessionCookie(response) };
}

export function sessionCookie(response: Response): string {
  return response.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
}

export function trpcClient(app: App, headers: Record<string, string>) {
  return createTRPCClient<AppRouter>({
    links: [
      httpLink({
        url: "http://localhost/trpc",
        transformer: superjson,
        headers,
        fetch: ((url: string | URL, init?: RequestInit) => app.request(url.toString(), init)) as typeof fetch,
      }),
    ],
  });
}

/** POSTs form parameters to a Twilio webhook as Twilio would: signed against the public URL. */
export function postTwilioWebhook(
  app: App,
  path: string,
  params: Record<string, string>,
  options: { signature?: string | null; headers?: Record<string, string> } = {},
) {
  const url = `${TEST_PUBLIC_URL}/webhooks/twilio${path}`;
  const signature =
    options.signature === undefined ? signTwilioRequest(DEV_TWILIO_AUTH_TOKEN, url, params) : options.signature;
  return app.request(`http://127.0.0.1:8787/webhooks/twilio${path}`, {
    method: "POST",
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      ...(signature === null ? {} : { "x-twilio-signature": signature }),
      ...options.headers,
    },
    body: new URLSearchParams(params).toString(),
  });
}
