/**
 * Keyset pagination in SQL, for every list: order by a time and the id, continue after the
 * cursor, and hand back the exact sort key of the last row as the next cursor.
 */
import { type CursorKey, type Page, toPage } from "@flynn/domain";
import { gte, lt, type SQL, type SQLWrapper, sql } from "drizzle-orm";
import type { PgColumn } from "drizzle-orm/pg-core";

export interface KeysetOrder {
  /** A timestamptz column or expression. */
  key: SQLWrapper;
  id: PgColumn;
  direction: "asc" | "desc";
}

/** The time as UTC text with microseconds: the exact value a cursor carries. */
export const exactTime = (time: SQLWrapper) =>
  sql<string | null>`to_char((${time}) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

/**
 * `key, id` in the direction, with Postgres's default for NULL keys (they sort as the
 * largest: first when descending, last when ascending), so a `created_at DESC` index serves.
 */
export function keysetOrderBy({ key, id, direction }: KeysetOrder): SQL[] {
  const dir = sql.raw(direction);
  return [sql`${key} ${dir}`, sql`${id} ${dir}`];
}

/** The rows that come after the cursor's row in `keysetOrderBy` order. */
export function keysetAfter({ key, id, direction }: KeysetOrder, cursor: CursorKey): SQL {
  if (cursor.at === null) {
    return direction === "desc"
      ? sql`(${key} IS NOT NULL OR (${key} IS NULL AND ${id} < ${cursor.id}))`
      : sql`(${key} IS NULL AND ${id} > ${cursor.id})`;
  }
  const beyond = sql`(${key}, ${id}) ${sql.raw(direction === "desc" ? "<" : ">")} (${cursor.at}::timestamptz, ${cursor.id}::uuid)`;
  return direction === "desc" ? beyond : sql`(${beyond} OR ${key} IS NULL)`;
}

/** A page from `limit + 1` rows selected with their `sortKey` (see `exactTime`), which is dropped. */
export function keysetPage<Row extends { id: string; sortKey: string | null }>(
  rows: Row[],
  limit: number,
): Page<Omit<Row, "sortKey">> {
  const page = toPage(rows, limit, (row) => ({ at: row.sortKey, id: row.id }));
  return { ...page, items: page.items.map(({ sortKey: _sortKey, ...row }) => row) };
}

/**
 * The usual list: newest first by created_at, optionally within `from` (inclusive) and `to`
 * (exclusive). Spread `where` into the query's conditions, order by `orderBy`, select
 * `sortKey` with the row and finish with `keysetPage`.
 */
export function newestFirst(
  columns: { createdAt: PgColumn; id: PgColumn },
  { from, to, cursor }: { from?: Date; to?: Date; cursor?: CursorKey | null },
) {
  const order: KeysetOrder = { key: columns.createdAt, id: columns.id, direction: "desc" };
  return {
    where: [
      from ? gte(columns.createdAt, from) : undefined,
      to ? lt(columns.createdAt, to) : undefined,
      cursor ? keysetAfter(order, cursor) : undefined,
    ],
    orderBy: keysetOrderBy(order),
    sortKey: exactTime(columns.createdAt),
  };
}
