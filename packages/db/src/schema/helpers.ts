import { type SQL, sql } from "drizzle-orm";
import { type AnyPgColumn, check, timestamp } from "drizzle-orm/pg-core";

/**
 * `CHECK (<column> IN (...))` named as Postgres names an inline column check
 * (`<table>_<column>_check`), so the constraints match the spec's SQL one for one.
 */
export function checkIn(table: string, column: AnyPgColumn, values: readonly string[]) {
  const list = values.map((v) => `'${v.replaceAll("'", "''")}'`).join(", ");
  return check(`${table}_${column.name}_check`, sql`${sql.identifier(column.name)} IN (${sql.raw(list)})`);
}

/** The spec's `created_at` / `updated_at`: `TIMESTAMPTZ DEFAULT NOW()`, nullable. */
export const createdAt = () => timestamp("created_at", { withTimezone: true }).defaultNow();
export const updatedAt = () => timestamp("updated_at", { withTimezone: true }).defaultNow();

/** `auth.uid() = <column>`: the ownership test every spec policy uses. */
export const ownedBy = (column: string): SQL => sql.raw(`auth.uid() = ${column}`);
