/**
 * The dashboard's queries, each with the one input its piece of the page uses. The route's
 * loader starts them while the page's chunk downloads (`prefetchDashboard`), and the page
 * reads them with the same options, so it finds them in the cache or already on their way.
 * Part of the first download (the router imports it): keep it small.
 */
import type { AppRouter } from "@flynn/api";
import type { QueryClient } from "@tanstack/react-query";
import type { inferRouterInputs } from "@trpc/server";
import { addDays, localDay, startOfLocalDay } from "../../lib/local-day";
import { trpc } from "../../lib/trpc";
import type { Period } from "./search";

export const URGENT_DAYS = 7;
export const UPCOMING_DAYS = 7;
const ATTENTION_LIMIT = 5;
const UPCOMING_LIMIT = 20;

/** The figures and the per-day series of the period. */
export const overviewQuery = (days: Period) => trpc.stats.overview.queryOptions({ days });

/** Whether the account has had any call at all, ever (the period may simply be quiet). */
export const anyCallQuery = () => trpc.calls.list.queryOptions({ limit: 1 });

/** Urgent calls of the last week, in whole business days so the input stays the same all day. */
export const urgentCallsQuery = (today: string, timezone: string) =>
  trpc.calls.list.queryOptions({
    urgencyLevel: ["high", "emergency"],
    from: startOfLocalDay(addDays(today, 1 - URGENT_DAYS), timezone),
    limit: ATTENTION_LIMIT,
  });

export const failedCallsQuery = () =>
  trpc.calls.list.queryOptions({ aiProcessingStatus: ["failed"], limit: ATTENTION_LIMIT });

/** Events the owner has not confirmed yet, soonest first. */
const WAITING: inferRouterInputs<AppRouter>["events"]["list"] = {
  status: ["extracted", "pending"],
  sort: "upcoming",
  limit: ATTENTION_LIMIT,
};
export const waitingEventsQuery = () => trpc.events.list.queryOptions(WAITING);

/** The confirmed events of the next days, today included, in whole business days. */
export const upcomingEventsQuery = (today: string, timezone: string) =>
  trpc.events.list.queryOptions({
    status: ["confirmed"],
    sort: "upcoming",
    from: startOfLocalDay(today, timezone),
    to: startOfLocalDay(addDays(today, UPCOMING_DAYS), timezone),
    limit: UPCOMING_LIMIT,
  });

/**
 * Starts every query the dashboard shows on arrival; resolves at once (the page has
 * skeletons for what has not arrived), and asks only for what is not cached and fresh.
 */
export function prefetchDashboard(queryClient: QueryClient, days: Period, timezone: string, now = new Date()): void {
  const today = localDay(now, timezone);
  void queryClient.prefetchQuery(overviewQuery(days));
  void queryClient.prefetchQuery(anyCallQuery());
  void queryClient.prefetchQuery(urgentCallsQuery(today, timezone));
  void queryClient.prefetchQuery(failedCallsQuery());
  void queryClient.prefetchQuery(waitingEventsQuery());
  void queryClient.prefetchQuery(upcomingEventsQuery(today, timezone));
}
