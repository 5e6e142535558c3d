/**
 * Starts the API: validates the environment, connects to Postgres (in development with no
 * DATABASE_URL, the embedded one, started and migrated here), listens on PORT, and on
 * SIGTERM/SIGINT stops taking requests, finishes the ones in flight, then closes the pool.
 */
import { createAuth, createSessionResolver } from "@flynn/auth";
import { createCalendarProviders } from "@flynn/calendar";
import { createChangeListener } from "@flynn/db/changes";
import { createDb } from "@flynn/db/client";
import { DEV_POSTGRES, EmbeddedPostgresError, startDevelopmentDatabase } from "@flynn/db/embedded";
import { calendarClientsFromEnv, keyringFromEnv } from "@flynn/env";
import { createJobQueue } from "@flynn/jobs";
import { createTelephony } from "@flynn/telephony";
import { serve } from "@hono/node-server";
import { createApp } from "./app";
import { dashboardDirFor, isBuiltDashboard } from "./dashboard";
import { prepareDemo } from "./demo";
import { EnvError, parseEnv } from "./env";
import { createLogger } from "./logger";

async function main() {
  const env = parseEnv(process.env);
  const logger = createLogger(env.LOG_LEVEL);

  const embedded = env.DATABASE_URL ? undefined : await startDevelopmentDatabase();
  const databaseUrl = env.DATABASE_URL ?? embedded?.url;
  if (embedded) logger.info({ port: DEV_POSTGRES.port }, "using the embedded development Postgres");

  // The webhooks queue jobs with graphile_worker.add_job(); its schema must exist first.
  const jobQueue = createJobQueue({ connectionString: databaseUrl as string });
  await jobQueue.migrate();
  await jobQueue.close();

  const database = createDb({ url: databaseUrl as string, max: env.DATABASE_POOL_SIZE, keepWarm: true });
  // Live updates: this process's one LISTEN connection, on the direct address (see env.ts).
  const changes = createChangeListener({
    url: env.DATABASE_URL_UNPOOLED ?? (databaseUrl as string),
    onError: (error) => logger.warn({ err: error }, "live updates"),
    onListening: ({ reconnected }) => logger.info({ reconnected }, "listening for live updates"),
  });
  const auth = createAuth({
    db: database.db,
    secret: env.BETTER_AUTH_SECRET,
    baseURL: env.PUBLIC_URL,
    trustedOrigins: env.WEB_ORIGIN,
  });
  const dashboardDir = dashboardDirFor(env.FLYNN_WEB_DIST, import.meta.url);
  const servesDashboard = dashboardDir !== undefined && isBuiltDashboard(dashboardDir);
  if (dashboardDir && !servesDashboard) {
    logger.warn({ dashboardDir }, "no built dashboard there (pnpm build makes it); not serving one");
  }
  const keyring = keyringFromEnv(env);
  const app = createApp({
    dashboardDir: servesDashboard ? dashboardDir : undefined,
    db: database.db,
    keyring,
    auth,
    resolveSession: createSessionResolver(database.db, env.BETTER_AUTH_SECRET),
    logger,
    // The dashboard's origins, and the API's own (it serves the built dashboard in production).
    webOrigins: [...new Set([...env.WEB_ORIGIN, new URL(env.PUBLIC_URL).origin])],
    trustProxy: env.TRUST_PROXY,
    changes,
    production: env.NODE_ENV === "production",
    twilio: {
      authToken: env.TWILIO_AUTH_TOKEN,
      publicUrl: env.PUBLIC_URL,
      benchRoutes: env.FLYNN_BENCH_ROUTES,
      accountSid: env.TWILIO_ACCOUNT_SID,
    },
    resendWebhookSecret: env.RESEND_WEBHOOK_SECRET,
    calendars: createCalendarProviders(calendarClientsFromEnv(env)),
    // Simulated numbers only outside production; there, buying needs a real account.
    telephony: env.TWILIO_ACCOUNT_SID
      ? createTelephony({
          accountSid: env.TWILIO_ACCOUNT_SID,
          authToken: env.TWILIO_AUTH_TOKEN,
          publicUrl: env.PUBLIC_URL,
        })
      : env.NODE_ENV === "production"
        ? undefined
        : createTelephony(null),
  });

  const server = serve({ fetch: app.fetch, port: env.PORT }, (info) => {
    logger.info({ port: info.port }, "api listening");
  });

  // Development: the demo account, made through this server's webhooks once it listens.
  if (env.FLYNN_DEMO ?? env.NODE_ENV === "development") {
    void prepareDemo({
      db: database.db,
      keyring,
      auth,
      app,
      twilio: { publicUrl: env.PUBLIC_URL, authToken: env.TWILIO_AUTH_TOKEN },
      timezone: Intl.DateTimeFormat().resolvedOptions().timeZone,
      dashboardUrl: servesDashboard ? env.PUBLIC_URL : (env.WEB_ORIGIN[0] ?? env.PUBLIC_URL),
      logger,
    });
  }

  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, "shutting down");
    const force = setTimeout(() => {
      logger.warn("requests still running after 10 s; exiting");
      process.exit(1);
    }, 10_000);
    force.unref();
    // Ends the open live-update streams (their browsers reconnect, to another instance), which
    // would otherwise keep the server from closing.
    void changes.close();
    server.close(async () => {
      await database.close();
      await embedded?.stop();
      await new Promise<void>((resolve) => logger.flush(() => resolve()));
      process.exit(0);
    });
    // Idle keep-alive connections would otherwise hold the close until they time out.
    if ("closeIdleConnections" in server) server.closeIdleConnections();
  };
  process.on("SIGTERM", () => shutdown("SIGTERM"));
  process.on("SIGINT", () => shutdown("SIGINT"));
}

main().catch((error: unknown) => {
  if (error instanceof EnvError || error instanceof EmbeddedPostgresError) console.error(`error: ${error.message}`);
  else console.error(error);
  process.exit(1);
});
