/**
 * with-postgres <dev|test> -- <command...>
 *
 * Runs a command with a database. With DATABASE_URL (dev) or TEST_DATABASE_URL (test) set,
 * it only runs the command. Otherwise it starts the embedded Postgres (.flynn/postgres on
 * FLYNN_PG_PORT, or .flynn/postgres-test on FLYNN_TEST_PG_PORT), migrates the dev database,
 * passes the URL on, and on exit or SIGINT/SIGTERM stops the command and then Postgres.
 */
import { spawn } from "node:child_process";
import { type RunningPostgres, startDevelopmentDatabase, startEmbeddedPostgres, TEST_POSTGRES } from "../embedded";
import { runMain } from "./run";

async function main(): Promise<number> {
  const [mode, separator, command, ...args] = process.argv.slice(2);
  if ((mode !== "dev" && mode !== "test") || separator !== "--" || !command) {
    console.error("usage: with-postgres <dev|test> -- <command> [args...]");
    return 2;
  }

  const env = { ...process.env };
  let server: RunningPostgres | undefined;
  if (mode === "dev" && !env.DATABASE_URL) {
    const development = await startDevelopmentDatabase();
    server = development;
    env.DATABASE_URL = development.url;
    console.log(`embedded Postgres ready: ${env.DATABASE_URL.replace(/:[^:@/]+@/, ":***@")}`);
  } else if (mode === "test" && !env.TEST_DATABASE_URL) {
    server = await startEmbeddedPostgres(TEST_POSTGRES);
    env.TEST_DATABASE_URL = server.adminUrl;
  }

  const child = spawn(command, args, { stdio: "inherit", env });
  const forward = (signal: NodeJS.Signals) => () => {
    if (child.exitCode === null) child.kill(signal);
  };
  process.on("SIGINT", forward("SIGINT"));
  process.on("SIGTERM", forward("SIGTERM"));

  const code = await new Promise<number>((resolve) => {
    child.on("error", (error) => {
      console.error(`error: could not run ${command}: ${error.message}`);
      resolve(127);
    });
    child.on("exit", (exitCode, signal) => resolve(exitCode ?? (signal ? 128 + 2 : 1)));
  });
  await server?.stop();
  return code;
}

runMain(main);
