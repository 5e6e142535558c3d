/**
 * Database connections. `createDb({ url })` speaks node-postgres to any Postgres and the
 * Neon serverless driver (WebSocket pool, so transactions work) to Neon hosts.
 * `withUser` is how every dashboard request touches data: one transaction, as the
 * `flynn_app` role, with `auth.uid()` set, so row-level security guards every query.
 */
import { Pool as NeonPool, type PoolClient as NeonPoolClient, neonConfig } from "@neondatabase/serverless";
import { type ExtractTablesWithRelations, sql } from "drizzle-orm";
import { drizzle as drizzleNeon } from "drizzle-orm/neon-serverless";
import { drizzle as drizzleNodePg, type NodePgDatabase, type NodePgQueryResultHKT } from "drizzle-orm/node-postgres";
import type { PgTransaction } from "drizzle-orm/pg-core";
import pg from "pg";
import ws from "ws";
import { z } from "zod";
import * as schema from "./schema/index";

export type Schema = typeof schema;
/**
 * The query builder. Both drivers expose the same API (and Neon's Pool mirrors pg's), so
 * code is typed against node-postgres whichever one runs.
 */
export type Db = NodePgDatabase<Schema> & { $client: pg.Pool };
export type Tx = PgTransaction<NodePgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;

export interface Database {
  db: Db;
  /** Closes the pool. */
  close(): Promise<void>;
}

export interface CreateDbOptions {
  url: string;
  /** Pool size; default 10. */
  max?: number;
  /**
   * Open every connection at once and never close an idle one (a server answering requests).
   * A dashboard's first page asks for several procedures in parallel, each on a connection of
   * its own: opened on demand, every one costs a fork and SCRAM authentication first (measured
   * in the browser test: a first visit's batch 330 ms against 140 ms on warm connections).
   */
  keepWarm?: boolean;
}

export function isNeonUrl(url: string): boolean {
  try {
    return new URL(url).hostname.endsWith(".neon.tech");
  } catch {
    return false;
  }
}

export function createDb({ url, max = 10, keepWarm = false }: CreateDbOptions): Database {
  if (isNeonUrl(url)) {
    // Node 20 has no global WebSocket.
    neonConfig.webSocketConstructor = ws;
    const pool = new NeonPool({ connectionString: url, max });
    return { db: drizzleNeon({ client: pool, schema }) as unknown as Db, close: () => pool.end() };
  }
  // Idle connections stay a minute (pg closes them after 10 s by default): opening one costs a
  // TCP handshake and SCRAM authentication, which a dashboard's first requests after a quiet
  // spell would otherwise wait for.
  const pool = new pg.Pool({ connectionString: url, max, idleTimeoutMillis: keepWarm ? 0 : 60_000 });
  // An idle client losing its connection (server restart) must not crash the process;
  // the pool replaces it on next use.
  pool.on("error", () => {});
  if (keepWarm) {
    // Asked together, so the pool opens `max` connections; a failure here is the first
    // request's to report, not the start's.
    void Promise.all(Array.from({ length: max }, () => pool.query("SELECT 1"))).catch(() => {});
  }
  return { db: drizzleNodePg({ client: pool, schema }), close: () => pool.end() };
}

export const requestContextSchema = z.object({
  userId: z.uuid({ message: "userId must be a UUID" }),
  /** The client's IP address as the audit trail stores it (inet); null when unknown. */
  ip: z.union([z.ipv4(), z.ipv6()]).nullish(),
  userAgent: z.string().max(1000).nullish(),
});
export type RequestContext = z.input<typeof requestContextSchema>;

/**
 * Runs `fn` in one transaction as `flynn_app` with `auth.uid()` = `userId`, and with the
 * request's IP and user agent available to the audit trail as `app.ip_address` and
 * `app.user_agent`. Everything `fn` does is limited by row-level security; it commits
 * when `fn` resolves and rolls back when it throws.
 */
export async function withUser<T>(db: Db, context: RequestContext, fn: (tx: Tx) => Promise<T>): Promise<T> {
  const { userId, ip, userAgent } = requestContextSchema.parse(context);
  return db.transaction(async (tx) => {
    // One round trip: the user, the request metadata, and the role (`role` is the setting
    // behind SET ROLE; `true` makes each of them local to this transaction).
    await tx.execute(sql`SELECT
      set_config('app.user_id', ${userId}, true),
      set_config('app.ip_address', ${ip ?? ""}, true),
      set_config('app.user_agent', ${userAgent ?? ""}, true),
      set_config('role', 'flynn_app', true)`);
    return fn(tx);
  });
}

/**
 * Runs `fn` holding the session-level advisory lock named by `key` (a 64-bit hash of it), so
 * runs with the same key take turns across every process: a later one waits for the lock.
 * `fn` gets a Db on the one connection that holds the lock, whose transactions commit as they
 * go. Holding a second connection for the lock instead could exhaust the pool (every holder
 * waiting for a connection to do its work); a transaction-level lock would hold back all
 * of `fn`'s writes until it finished. A connection that breaks takes its lock with it, and one
 * whose unlock did not run is closed rather than returned to the pool.
 */
export async function withSessionLock<T>(db: Db, key: string, fn: (locked: Db) => Promise<T>): Promise<T> {
  const client = await db.$client.connect();
  let unlocked = false;
  try {
    await client.query("SELECT pg_advisory_lock(hashtextextended($1, 0))", [key]);
    try {
      return await fn(onConnection(db, client));
    } finally {
      await client.query("SELECT pg_advisory_unlock(hashtextextended($1, 0))", [key]);
      unlocked = true;
    }
  } finally {
    client.release(!unlocked);
  }
}

/** A Db that runs everything on `client`, with the driver `db` uses. */
function onConnection(db: Db, client: pg.PoolClient): Db {
  const bound =
    db.$client instanceof pg.Pool
      ? drizzleNodePg({ client, schema })
      : drizzleNeon({ client: client as unknown as NeonPoolClient, schema });
  return bound as unknown as Db;
}
