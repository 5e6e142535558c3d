/**
 * The Calls page's filters as they stand in the URL, so a filtered list can be bookmarked,
 * shared and reached from other pages: `/calls?q=sink&urgency=high,emergency&from=2026-01-01`.
 * Lists are comma-separated; dates are days in the business's timezone, `to` included.
 * This module runs in the router (the first page load), so it checks only the shape; the
 * page keeps the values it knows (see ./filters).
 */
import { searchDay, searchText } from "../../lib/search-params";

export interface CallsSearch {
  q?: string;
  status?: string;
  urgency?: string;
  processing?: string;
  /** YYYY-MM-DD */
  from?: string;
  /** YYYY-MM-DD, included */
  to?: string;
}

export const CALL_SEARCH_MAX_LENGTH = 100;

/** "high,emergency" (or ["high", "emergency"]) as one canonical list: words only, no repeats. */
export function parseList(value: unknown): string[] {
  const parts = Array.isArray(value) ? value : typeof value === "string" ? value.split(",") : [];
  const words = parts.map((part) => String(part).trim()).filter((part) => /^[a-z_]+$/.test(part));
  return [...new Set(words)];
}

function list(value: unknown): string | undefined {
  const words = parseList(value);
  return words.length > 0 ? words.join(",") : undefined;
}

export function validateCallsSearch(search: Record<string, unknown>): CallsSearch {
  const from = searchDay(search.from);
  const to = searchDay(search.to);
  return {
    q: searchText(search.q, CALL_SEARCH_MAX_LENGTH),
    status: list(search.status),
    urgency: list(search.urgency),
    processing: list(search.processing),
    from,
    // A range that ends before it starts keeps its start.
    to: to && (!from || to >= from) ? to : undefined,
  };
}
