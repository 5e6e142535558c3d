/** Filters every list shares. */
import { type Column, ilike, inArray, or, type SQLWrapper, sql } from "drizzle-orm";

/** An empty or missing filter list means "any", as an empty multi-select does. */
export const anyOf = (column: SQLWrapper, values: readonly string[] | undefined) =>
  values && values.length > 0 ? inArray(sql`${column}`, values) : undefined;

/** The text as a literal inside a LIKE pattern: the user's `\`, `%` and `_` match themselves. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, "\\$&");
}

/** A search box: rows where any of `columns` contains `search`, any case; a blank search is "any". */
export function containsAny(columns: readonly Column[], search: string | undefined) {
  if (!search) return undefined;
  const pattern = `%${escapeLike(search)}%`;
  return or(...columns.map((column) => ilike(column, pattern)));
}
