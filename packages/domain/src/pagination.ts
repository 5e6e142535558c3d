import { z } from "zod";

/**
 * Keyset pagination. A cursor is the sort key of the last row of a page (a timestamp and the
 * row's id, to break ties), opaque to clients: base64url JSON.
 */
export interface CursorKey {
  /** The sort column's value of the last row; null when that row has none. */
  at: Date | null;
  id: string;
}

export function encodeCursor(key: CursorKey): string {
  return Buffer.from(JSON.stringify({ at: key.at?.toISOString() ?? null, id: key.id })).toString("base64url");
}

const decodedCursorSchema = z.object({ at: z.iso.datetime({ offset: true }).nullable(), id: z.uuid() });

export const cursorSchema = z
  .string()
  .max(200)
  .transform((cursor, ctx): CursorKey => {
    try {
      const parsed = decodedCursorSchema.parse(JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")));
      return { at: parsed.at === null ? null : new Date(parsed.at), id: parsed.id };
    } catch {
      ctx.addIssue({ code: "custom", message: "is not a cursor this API returned" });
      return z.NEVER;
    }
  });

export const pageInputSchema = z.object({
  limit: z.number().int().min(1).max(100).default(50),
  cursor: cursorSchema.nullish(),
});
export type PageInput = z.output<typeof pageInputSchema>;

export interface Page<T> {
  items: T[];
  /** Pass back as `cursor` for the next page; null on the last page. */
  nextCursor: string | null;
}

/**
 * Turns `limit + 1` fetched rows into a page: the extra row only tells that more exist.
 */
export function toPage<T>(rows: T[], limit: number, keyOf: (row: T) => CursorKey): Page<T> {
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return { items, nextCursor: rows.length > limit && last ? encodeCursor(keyOf(last)) : null };
}
