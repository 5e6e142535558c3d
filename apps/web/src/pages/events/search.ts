/**
 * The events page's state in the URL (`/events?view=calendar&mode=month&date=2026-12-01`,
 * `/events?status=pending,tentative&q=smith`), so a filtered list or a calendar month can be
 * bookmarked and shared. Lists are comma-separated; days are the business's, `to` included.
 * This runs in the router (the first download), so it checks only shapes; the page keeps
 * the statuses and types it knows.
 */
import { oneOf, searchDay, searchText } from "../../lib/search-params";
import { parseList } from "../calls/search";

export const EVENTS_VIEWS = ["list", "calendar"] as const;
export const CALENDAR_MODES = ["week", "month"] as const;
export const EVENTS_SORTS = ["recent", "upcoming"] as const;
export type EventsView = (typeof EVENTS_VIEWS)[number];
export type CalendarMode = (typeof CALENDAR_MODES)[number];
export type EventsSort = (typeof EVENTS_SORTS)[number];

export interface EventsSearch {
  view?: EventsView;
  status?: string;
  type?: string;
  /** YYYY-MM-DD */
  from?: string;
  /** YYYY-MM-DD, included */
  to?: string;
  q?: string;
  sort?: EventsSort;
  mode?: CalendarMode;
  /** A day of the week or month the calendar shows; unset: today. */
  date?: string;
}

export function validateEventsSearch(search: Record<string, unknown>): EventsSearch {
  const from = searchDay(search.from);
  const to = searchDay(search.to);
  return {
    view: oneOf(search.view, EVENTS_VIEWS),
    status: parseList(search.status).join(",") || undefined,
    type: parseList(search.type).join(",") || undefined,
    from,
    // A range that ends before it starts keeps its start.
    to: to && (!from || to >= from) ? to : undefined,
    q: searchText(search.q, 100),
    sort: oneOf(search.sort, EVENTS_SORTS),
    mode: oneOf(search.mode, CALENDAR_MODES),
    date: searchDay(search.date),
  };
}
