/**
 * Starts the worker: validates the environment, connects to Postgres (in development with
 * no DATABASE_URL, the embedded one, started and migrated here, as the API does), installs
 * graphile-worker's schema and runs the task list. SIGTERM/SIGINT stop taking jobs, let
 * the running ones finish, then close the pool (and the embedded Postgres).
 */
import { createDb } from "@flynn/db/client";
import { DEV_POSTGRES, EmbeddedPostgresError, startDevelopmentDatabase } from "@flynn/db/embedded";
import { createMailer } from "@flynn/email";
import { createRulesExtractor } from "@flynn/extraction";
import { run } from "graphile-worker";
import { EnvError, parseEnv } from "./env";
import { createTaskList } from "./tasks";

async function main() {
  const env = parseEnv(process.env);

  const embedded = env.DATABASE_URL ? undefined : await startDevelopmentDatabase();
  const databaseUrl = env.DATABASE_URL ?? embedded?.url;
  if (embedded) console.log(`worker: using the embedded development Postgres on port ${DEV_POSTGRES.port}`);
  const connectionString = databaseUrl as string;

  const database = createDb({ url: connectionString });
  const mailer = createMailer({ resendApiKey: env.RESEND_API_KEY, from: env.EMAIL_FROM });
  if (mailer.mode === "outbox") console.log("worker: no RESEND_API_KEY; overview emails stay in the outbox");

  const runner = await run({
    connectionString,
    concurrency: env.WORKER_CONCURRENCY,
    // Our own handlers below; graphile's would exit the process before the pool is closed.
    noHandleSignals: true,
    taskList: createTaskList({
      db: database.db,
      mailer,
      extractor: createRulesExtractor(),
      webUrl: env.WEB_URL,
      now: () => new Date(),
    }),
  });

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`worker: stopping (${signal})`);
    const force = setTimeout(() => {
      console.error("worker: jobs still running after 30 s; exiting");
      process.exit(1);
    }, 30_000);
    force.unref();
    await runner.stop();
    await database.close();
    await embedded?.stop();
    process.exit(0);
  };
  process.on("SIGTERM", () => void shutdown("SIGTERM"));
  process.on("SIGINT", () => void shutdown("SIGINT"));
  await runner.promise;
}

main().catch((error: unknown) => {
  if (error instanceof EnvError || error instanceof EmbeddedPostgresError) console.error(`error: ${error.message}`);
  else console.error(error);
  process.exit(1);
});
