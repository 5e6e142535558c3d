/**
 * Above every dashboard page while a calendar connection has died (its grant was revoked or
 * expired): confirmed events are silently not reaching the owner's calendar until they
 * reconnect. Not shown on the calendar settings, which say the same in place.
 */
import { useQuery } from "@tanstack/react-query";
import { Link, useRouterState } from "@tanstack/react-router";
import { trpc } from "../lib/trpc";

export function CalendarReconnectBanner() {
  const connections = useQuery(trpc.calendars.list.queryOptions());
  const onCalendarSettings = useRouterState({
    select: (state) =>
      state.location.pathname === "/settings" && (state.location.search as { tab?: string }).tab === "calendars",
  });
  const broken = connections.data?.filter((connection) => connection.needsReconnect) ?? [];
  if (broken.length === 0 || onCalendarSettings) return null;
  return (
    <div role="alert" className="mb-6 space-y-2">
      {broken.map((connection) => (
        <p
          key={connection.provider}
          className="flex flex-wrap items-center gap-x-3 gap-y-1 rounded-lg border border-red-200 bg-red-50 px-4 py-3 text-sm text-red-900"
        >
          <span>
            <span className="font-semibold">{connection.label} disconnected:</span> confirmed events are not reaching
            your calendar.
          </span>
          <Link
            to="/settings"
            search={{ tab: "calendars" }}
            className="rounded font-semibold text-red-900 underline hover:text-red-700 focus-visible:outline-2 focus-visible:outline-indigo-600"
          >
            Reconnect
          </Link>
        </p>
      ))}
    </div>
  );
}
