/**
 * Statements the worker runs for every call, built once per database instead of per run:
 * drizzle's query building costs more CPU than Postgres spends on such a statement. Each
 * is prepared under its name, so every connection also parses and plans it only once.
 * Values are passed as `sql.placeholder(...)` and given to `execute({ ... })`.
 */
import type { Db } from "../client";

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
