import { z } from "zod";

/**
 * Keyset pagination. A cursor is the sort key of the last row of a page (a timestamp and the
 * row's id, to break ties), opaque to clients: base64url JSON. The timestamp is kept as the
 * database's exact text (microseconds): a JS Date holds only milliseconds, and a cursor
 * rounded to them would skip or repeat rows created within the same millisecond.
 */
export interface CursorKey {
  /** The sort key of the last row, e.g. "2026-11-25T10:00:00.123456Z"; null when it has none. */
  at: string | null;
  id: string;
}

export function encodeCursor(key: CursorKey): string {
  return Buffer.from(JSON.stringify({ at: key.at, id: key.id })).toString("base64url");
}

const decodedCursorSchema = z.object({ at: z.iso.datetime().nullable(), id: z.uuid() });

export const cursorSchema = z
  .string()
  .max(200)
  .transform((cursor, ctx): CursorKey => {
    try {
      const parsed = decodedCursorSchema.parse(JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")));
      return { at: parsed.at, id: parsed.id };
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

/**
 * A list's input: a page, `from` (inclusive) / `to` (exclusive), and the list's own filters.
 * Empty lists and blank searches filter nothing, as an empty multi-select or search box
 * means "any".
 */
export function listInputSchema<Filters extends z.ZodRawShape>(filters: Filters) {
  return pageInputSchema
    .extend({
      from: z.date({ message: "must be a date" }).optional(),
      to: z.date({ message: "must be a date" }).optional(),
    })
    .extend(filters)
    .refine(({ from, to }: { from?: Date; to?: Date }) => !from || !to || from < to, {
      message: "must be after from",
      path: ["to"],
    });
}

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
