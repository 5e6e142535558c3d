/**
 * Builds the HTTP app without listening, so tests can call `app.request()`.
 * Public routes first (health, auth), then the session-guarded tRPC API.
 */
import { appRouter, type Context, createContext, subscriptionResponseMeta } from "@flynn/api";
import { type Auth, CLIENT_IP_HEADER, type SessionUser } from "@flynn/auth";
import type { CalendarProviders } from "@flynn/calendar";
import type { Keyring } from "@flynn/crypto";
import type { ChangeFeed } from "@flynn/db/changes";
import type { Db } from "@flynn/db/client";
import type { Telephony } from "@flynn/telephony";
import { trpcServer } from "@hono/trpc-server";
import { sql } from "drizzle-orm";
import { Hono } from "hono";
import { cors } from "hono/cors";
import { createMiddleware } from "hono/factory";
import { HTTPException } from "hono/http-exception";
import { requestId } from "hono/request-id";
import { secureHeaders } from "hono/secure-headers";
import { createCalendarFeedRoutes, loggablePath } from "./calendar-feed";
import { createCalendarOAuthRoutes } from "./calendar-oauth";
import { createCallRecordingRoutes } from "./call-recording";
import { clientIp } from "./client-ip";
import { serveDashboard } from "./dashboard";
import type { Logger } from "./logger";
import { ownCallSimulator } from "./own-call-simulator";
import { createResendWebhooks } from "./webhooks/resend";
import { createTwilioWebhooks } from "./webhooks/twilio/index";

export interface AppDeps {
  db: Db;
  /** ENCRYPTION_KEY's keyring: customers' contact details, calendar tokens, signed links. */
  keyring: Keyring;
  auth: Auth;
  /** Who is asking, from the session cookie (one query; see @flynn/auth session.ts). */
  resolveSession: (headers: Headers) => Promise<SessionUser | null>;
  logger: Logger;
  /** Origins of the dashboard, allowed by CORS with credentials. */
  webOrigins: string[];
  trustProxy: boolean;
  /** Hide internals (error details) from responses. */
  production: boolean;
  /**
   * Twilio's webhooks: the primary auth token, and the public address Twilio signs. With the
   * account SID, the token also authenticates recording playback; without it (development)
   * recordings are fetched anonymously.
   */
  twilio: { authToken: string; publicUrl: string; benchRoutes?: boolean; accountSid?: string };
  /** Resend's webhook signing secret (`whsec_...`); absent: /webhooks/resend answers 503. */
  resendWebhookSecret?: string;
  /** The time as the webhooks see it (business hours); tests pass a fixed one. */
  clock?: () => Date;
  /** Buys and releases numbers; absent in production without Twilio credentials. */
  telephony?: Telephony;
  /** Changes of calls and events for `live.changes` (server.ts: one LISTEN connection); absent: none. */
  changes?: ChangeFeed;
  /** The built dashboard to serve on this origin (production: one origin); absent under `pnpm dev`, where Vite serves it. */
  dashboardDir?: string;
  /** Google Calendar and Outlook OAuth clients (GOOGLE_* / MICROSOFT_*); absent or left out: not offered. */
  calendars?: CalendarProviders;
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

type Env = { Variables: { requestId: string; log: Logger; clientIp: string | null } };

/** The request as better-auth should see it: with the client IP we determined, not one the client claims. */
function withClientIp(request: Request, ip: string | null): Request {
  const headers = new Headers(request.headers);
  headers.delete(CLIENT_IP_HEADER);
  if (ip) headers.set(CLIENT_IP_HEADER, ip);
  return new Request(request, { headers, duplex: "half" } as RequestInit);
}

export function createApp({
  db,
  keyring,
  auth,
  resolveSession,
  logger,
  webOrigins,
  trustProxy,
  production,
  twilio,
  resendWebhookSecret,
  clock = () => new Date(),
  telephony,
  dashboardDir,
  changes,
  calendars = {},
}: AppDeps) {
  const app = new Hono<Env>();
  // Jobs queued on behalf of a dashboard request, for rows it read under RLS (flynn_app has no rights on the queue).
  // The dashboard's call simulator: development only.
  const simulateOwnCall: Context["simulateCall"] = production ? undefined : ownCallSimulator(app, twilio);

  app.use(requestId());
  app.use(async (c, next) => {
    const started = performance.now();
    const log = logger.child({ requestId: c.get("requestId") });
    c.set("log", log);
    c.set("clientIp", clientIp(c, trustProxy));
    await next();
    log.info(
      {
        method: c.req.method,
        path: loggablePath(c.req.path),
        status: c.res.status,
        ms: Math.round(performance.now() - started),
      },
      "request",
    );
  });
  app.use(secureHeaders());
  const corsForWeb = cors({ origin: webOrigins, credentials: true, maxAge: 600 });
  app.use("/api/*", corsForWeb);
  app.use("/trpc/*", corsForWeb);
  // CSRF guard: a browser always sends Origin on state-changing requests; only the dashboard's
  // may change anything. (Requests without Origin come from non-browser clients, which cannot
  // carry a victim's cookies.)
  const sameOriginWrites = createMiddleware<Env>(async (c, next) => {
    const origin = c.req.header("origin");
    if (origin && !SAFE_METHODS.has(c.req.method) && !webOrigins.includes(origin)) {
      return c.json({ error: "Origin not allowed" }, 403);
    }
    await next();
  });
  app.use("/api/*", sameOriginWrites);
  app.use("/trpc/*", sameOriginWrites);

  app.get("/healthz", (c) => c.json({ status: "ok" }));
  app.get("/readyz", async (c) => {
    try {
      await db.execute(sql`SELECT 1`);
      return c.json({ status: "ready" });
    } catch (error) {
      c.get("log").warn({ err: error }, "database not reachable");
      return c.json({ status: "unavailable", reason: "database not reachable" }, 503);
    }
  });

  app.route("/webhooks/twilio", createTwilioWebhooks({ db, ...twilio, clock }));
  app.route("/webhooks/resend", createResendWebhooks({ db, secret: resendWebhookSecret, clock }));
  // Calendar clients (subscriptions, imported files) read without a session: their URL is the credential.
  app.route("/calendar", createCalendarFeedRoutes({ db, keyring, webUrl: webOrigins[0] ?? twilio.publicUrl, clock }));

  app.route(
    "/api/calendar",
    createCalendarOAuthRoutes({
      db,
      keyring,
      resolveSession,
      providers: calendars,
      publicUrl: twilio.publicUrl,
      dashboardUrl: webOrigins[0] ?? twilio.publicUrl,
      production,
      clock,
    }),
  );
  app.on(["GET", "POST"], "/api/auth/*", (c) => auth.handler(withClientIp(c.req.raw, c.get("clientIp"))));
  app.route(
    "/api/calls",
    createCallRecordingRoutes({
      db,
      resolveSession,
      credentials: { accountSid: twilio.accountSid, authToken: twilio.authToken },
    }),
  );

  app.use(
    "/trpc/*",
    trpcServer({
      endpoint: "/trpc",
      router: appRouter,
      createContext: async (_options, c) => {
        const user = await resolveSession(c.req.raw.headers);
        return createContext({
          db,
          keyring,
          publicUrl: twilio.publicUrl,
          user,
          ip: c.get("clientIp") as string | null,
          userAgent: c.req.header("user-agent")?.slice(0, 1000) ?? null,
          requestId: c.get("requestId") as string,
          telephony,
          simulateCall: simulateOwnCall,
          changes,
          calendars,
        }) as unknown as Record<string, unknown>;
      },
      responseMeta: subscriptionResponseMeta,
      onError: ({ error, path, ctx }) => {
        if (error.code !== "INTERNAL_SERVER_ERROR") return;
        const requestId = (ctx as { requestId?: string } | undefined)?.requestId;
        logger.error({ err: error, path, requestId }, "trpc procedure failed");
      },
    }),
  );

  // Last: every route above wins over a dashboard page.
  if (dashboardDir) app.get("*", serveDashboard(dashboardDir));

  app.notFound((c) => c.json({ error: "Not found" }, 404));
  app.onError((error, c) => {
    if (error instanceof HTTPException) return error.getResponse();
    const requestIdValue = c.get("requestId");
    (c.get("log") ?? logger).error({ err: error }, "unhandled error");
    return c.json(
      { error: "Internal server error", requestId: requestIdValue, ...(production ? {} : { detail: String(error) }) },
      500,
    );
  });

  return app;
}

export type App = ReturnType<typeof createApp>;
