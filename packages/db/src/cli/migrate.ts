/**
 * pnpm db:migrate: applies the migrations to DATABASE_URL, or, when it is unset, to the
 * development database of the embedded Postgres (started for the run if not running).
 */
import { startDevelopmentDatabase } from "../embedded";
import { runMigrations } from "../migrate";
import { runMain } from "./run";

runMain(async () => {
  const started = performance.now();
  const url = process.env.DATABASE_URL;
  if (url) await runMigrations(url);
  else await (await startDevelopmentDatabase()).stop();
  console.log(`migrations applied in ${Math.round(performance.now() - started)} ms`);
  return 0;
});
