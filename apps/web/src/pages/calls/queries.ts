/**
 * The Calls page's list query for the URL's filters: the page reads it, and the route's loader
 * starts it while the page's chunk downloads, with the same input, so the page finds it on its
 * way. Loaded on demand (the router imports it lazily): the filters need the enum lists.
 */
import type { QueryClient } from "@tanstack/react-query";
import { trpc } from "../../lib/trpc";
import { callListFilters } from "./filters";
import type { CallsSearch } from "./search";

export const CALLS_PAGE_SIZE = 25;

export const callsListQuery = (search: CallsSearch, timezone: string) =>
  trpc.calls.list.infiniteQueryOptions(
    { ...callListFilters(search, timezone), limit: CALLS_PAGE_SIZE },
    { getNextPageParam: (page) => page.nextCursor ?? undefined },
  );

export function prefetchCalls(queryClient: QueryClient, search: CallsSearch, timezone: string): void {
  void queryClient.prefetchInfiniteQuery(callsListQuery(search, timezone));
}
