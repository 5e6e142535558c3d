/**
 * The statements of the hot path (each webhook, each call the worker processes), prepared.
 * `preparedOnce`: a drizzle query built once per database instead of per run (drizzle's
 * query building costs more CPU than Postgres spends on such a statement), its values
 * passed as `sql.placeholder(...)` to `execute({ ... })`. `executeNamed`: a statement
 * written with `sql` that Postgres parses and plans once per connection.
 */
import { createHash } from "node:crypto";
import type { SQL } from "drizzle-orm";
import { PgDialect } from "drizzle-orm/pg-core";
import type { Db, Tx } from "../client";

const built = new WeakMap<Db, Map<string, unknown>>();

export function preparedOnce<T>(db: Db, name: string, build: (name: string) => T): T {
  let statements = built.get(db);
  if (!statements) {
    statements = new Map();
    built.set(db, statements);
  }
  if (!statements.has(name)) statements.set(name, build(name));
  return statements.get(name) as T;
}

const dialect = new PgDialect();

/**
 * Runs a statement written with drizzle's `sql` as a named prepared statement, named after
 * its text: Postgres parses and plans it once per connection (then reuses a generic plan)
 * instead of on every run, which for the webhook and worker statements (CTEs, triggers) is
 * a large part of their cost. Only for statements whose text never varies, only their
 * values (each distinct text stays prepared on every connection). In a transaction, which
 * exposes no connection of its own, it runs as an ordinary statement.
 */
export async function executeNamed<Row extends Record<string, unknown>>(executor: Db | Tx, query: SQL): Promise<Row[]> {
  if (!("$client" in executor)) return (await executor.execute<Row>(query)).rows as Row[];
  const { sql: text, params } = dialect.sqlToQuery(query);
  const name = `flynn_${createHash("sha1").update(text).digest("base64url").slice(0, 24)}`;
  return (await executor.$client.query<Row>({ name, text, values: params })).rows;
}
