/**
 * The Events page's queries for the URL's state (the list, or the calendar's range and the
 * events without a time beside it): the page reads them, and the route's loader starts them
 * while the page's chunk downloads, with the same inputs. Loaded on demand (the router
 * imports it lazily): the filters need the enum lists.
 */
import type { QueryClient } from "@tanstack/react-query";
import { localDay } from "../../lib/local-day";
import { trpc } from "../../lib/trpc";
import { calendarAnchor, calendarInput, eventListInput, unscheduledInput } from "./filters";
import type { EventsSearch } from "./search";

const nextPage = (page: { nextCursor: string | null }) => page.nextCursor ?? undefined;

export const eventsListQuery = (search: EventsSearch, timezone: string) =>
  trpc.events.list.infiniteQueryOptions(eventListInput(search, timezone), { getNextPageParam: nextPage });

/** Every timed event of the week or month around the URL's day (today when it names none). */
export function calendarQuery(search: EventsSearch, timezone: string, now: Date) {
  const anchor = calendarAnchor(search, timezone, now);
  const input = calendarInput(search, search.mode ?? "week", anchor, timezone);
  return {
    anchor,
    today: localDay(now, timezone),
    options: trpc.events.list.infiniteQueryOptions(input, { getNextPageParam: nextPage }),
  };
}

export const unscheduledQuery = (search: EventsSearch) =>
  trpc.events.list.infiniteQueryOptions(unscheduledInput(search), { getNextPageParam: nextPage });

export function prefetchEvents(queryClient: QueryClient, search: EventsSearch, timezone: string, now = new Date()) {
  if ((search.view ?? "list") === "list") {
    void queryClient.prefetchInfiniteQuery(eventsListQuery(search, timezone));
    return;
  }
  void queryClient.prefetchInfiniteQuery(calendarQuery(search, timezone, now).options);
  void queryClient.prefetchInfiniteQuery(unscheduledQuery(search));
}
