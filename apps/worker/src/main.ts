/**
 * Starts the worker: validates the environment, connects to Postgres (in development with
 * no DATABASE_URL, the embedded one, started and migrated here, as the API does), installs
 * graphile-worker's schema and runs the task list. SIGTERM/SIGINT stop taking jobs, let
 * the running ones finish, then close the pool (and the embedded Postgres).
 */

import { EventEmitter } from "node:events";
import { createCalendarProviders } from "@flynn/calendar";
import { createDb } from "@flynn/db/client";
import { DEV_POSTGRES, EmbeddedPostgresError, startDevelopmentDatabase } from "@flynn/db/embedded";
import { createMailer } from "@flynn/email";
import { calendarClientsFromEnv, keyringFromEnv } from "@flynn/env";
import { createSmsSender, TWILIO_WEBHOOK_PATHS, webhookUrl } from "@flynn/telephony";
import { type Runner, run, type WorkerEvents } from "graphile-worker";
import { startCrashRecovery } from "./crash-recovery";
import { createExtractionDeps } from "./deps";
import { EnvError, parseEnv } from "./env";
import { createJobLogger } from "./job-logger";
import { createTaskList } from "./tasks";

async function main() {
  const env = parseEnv(process.env);

  const embedded = env.DATABASE_URL ? undefined : await startDevelopmentDatabase();
  const databaseUrl = env.DATABASE_URL ?? embedded?.url;
  if (embedded) console.log(`worker: using the embedded development Postgres on port ${DEV_POSTGRES.port}`);
  const connectionString = databaseUrl as string;

  const database = createDb({ url: connectionString });
  const mailer = createMailer({ resendApiKey: env.RESEND_API_KEY, from: env.EMAIL_FROM, baseUrl: env.RESEND_BASE_URL });
  if (mailer.mode === "outbox") console.log("worker: no RESEND_API_KEY; overview emails stay in the outbox");
  // Customers' texts: through Twilio with the account's credentials, else kept in the outbox.
  const sms = createSmsSender(
    env.TWILIO_ACCOUNT_SID && env.TWILIO_AUTH_TOKEN
      ? {
          accountSid: env.TWILIO_ACCOUNT_SID,
          authToken: env.TWILIO_AUTH_TOKEN,
          statusCallbackUrl: webhookUrl(env.PUBLIC_URL, TWILIO_WEBHOOK_PATHS.smsStatus),
        }
      : null,
  );
  if (sms.mode === "outbox") console.log("worker: no Twilio credentials; customers' texts stay in the outbox");
  const extraction = createExtractionDeps(env);
  console.log(
    env.OPENAI_API_KEY
      ? `worker: extracting with ${env.OPENAI_MODEL}, transcribing with ${env.OPENAI_TRANSCRIPTION_MODEL}${env.OPENAI_BASE_URL ? ` at ${new URL(env.OPENAI_BASE_URL).host}` : ""}`
      : "worker: no OPENAI_API_KEY; the rules extractor reads Twilio's transcripts, recordings are not transcribed",
  );

  let runner: Runner | undefined;
  let stopping = false;
  const shutdown = async (reason: string, exitCode = 0) => {
    if (stopping) return;
    stopping = true;
    console.log(`worker: stopping (${reason})`);
    const force = setTimeout(() => {
      console.error("worker: jobs still running after 30 s; exiting");
      process.exit(1);
    }, 30_000);
    force.unref();
    await runner?.stop();
    // Released last: until its jobs are done, no other worker may take them over.
    await crashRecovery.close();
    await database.close();
    await embedded?.stop();
    process.exit(exitCode);
  };

  // Resumes the jobs of a crashed worker (this one's predecessor, or another) as it starts.
  const crashRecovery = await startCrashRecovery({
    connectionString,
    onLost: (error) => {
      console.error(`worker: lost the liveness connection (${error.message})`);
      void shutdown("liveness lost", 1);
    },
    log: (message) => console.log(`worker: ${message}`),
  });

  const events: WorkerEvents = new EventEmitter();
  events.on("pool:create", ({ workerPool }) => crashRecovery.poolCreated(workerPool.id));
  runner = await run({
    connectionString,
    events,
    concurrency: env.WORKER_CONCURRENCY,
    // Our own handlers below; graphile's would exit the process before the pool is closed.
    noHandleSignals: true,
    preset: {
      ...crashRecovery.preset,
      worker: {
        // Jobs that finish in the same tick are completed (or failed) in one statement. A
        // crash before it runs leaves them locked by this pool, and crash recovery reruns
        // them: every job is idempotent. The local queue fetches (and locks) jobs in batches
        // instead of one query per job; the pool registers with crash recovery as it is created,
        // and sweeps leave jobs locked in the last seconds alone.
        localQueue: { size: env.WORKER_CONCURRENCY + 1 },
        completeJobBatchDelay: 0,
        failJobBatchDelay: 0,
      },
    },
    logger: createJobLogger(env.LOG_LEVEL),
    taskList: createTaskList({
      db: database.db,
      keyring: keyringFromEnv(env),
      mailer,
      ...extraction,
      webUrl: env.WEB_URL,
      sms,
      apiUrl: env.PUBLIC_URL,
      calendars: createCalendarProviders(calendarClientsFromEnv(env)),
      now: () => new Date(),
    }),
  });

  process.on("SIGTERM", () => void shutdown("SIGTERM"));
  process.on("SIGINT", () => void shutdown("SIGINT"));
  await runner.promise;
}

main().catch((error: unknown) => {
  if (error instanceof EnvError || error instanceof EmbeddedPostgresError) console.error(`error: ${error.message}`);
  else console.error(error);
  process.exit(1);
});
