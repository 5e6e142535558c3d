/** Filters every list shares. */
import { inArray, type SQLWrapper, sql } from "drizzle-orm";

/** An empty or missing filter list means "any", as an empty multi-select does. */
export const anyOf = (column: SQLWrapper, values: readonly string[] | undefined) =>
  values && values.length > 0 ? inArray(sql`${column}`, values) : undefined;

/** The text as a literal inside a LIKE pattern: the user's `\`, `%` and `_` match themselves. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, "\\$&");
}
