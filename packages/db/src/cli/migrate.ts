/**
 * pnpm db:migrate: applies the migrations to DATABASE_URL, or, when it is unset, to the
 * development database of the embedded Postgres (started for the run if not running).
 */
import { DEV_POSTGRES, ensureDatabase, startEmbeddedPostgres } from "../embedded";
import { runMigrations } from "../migrate";
import { runMain } from "./run";

runMain(async () => {
  let url = process.env.DATABASE_URL;
  const server = url ? undefined : await startEmbeddedPostgres(DEV_POSTGRES);
  try {
    if (server) {
      await ensureDatabase(server.adminUrl, "flynn");
      url = server.urlFor("flynn");
    }
    const started = performance.now();
    await runMigrations(url as string);
    console.log(`migrations applied in ${Math.round(performance.now() - started)} ms`);
  } finally {
    await server?.stop();
  }
  return 0;
});
