/**
 * The confirmed events of the business's next 7 days (today included), grouped by its days:
 * "Today", "Tomorrow", then weekdays.
 */
import type { AppRouter } from "@flynn/api";
import { useQuery } from "@tanstack/react-query";
import { Link } from "@tanstack/react-router";
import type { inferRouterOutputs } from "@trpc/server";
import { ValueBadge } from "../../components/badge";
import { Card } from "../../components/card";
import { EmptyState, ErrorState, SkeletonRows } from "../../components/feedback";
import { formatTime, humanize } from "../../lib/format";
import { addDays, formatDay, localDay } from "../../lib/local-day";
import { UPCOMING_DAYS, upcomingEventsQuery } from "./queries";

type EventRow = inferRouterOutputs<AppRouter>["events"]["list"]["items"][number];

/** When an event takes place: its confirmed time, else the proposed one. */
export function eventTime(event: Pick<EventRow, "confirmedDatetime" | "proposedDatetime">): Date | null {
  return event.confirmedDatetime ?? event.proposedDatetime ?? null;
}

/** "Today", "Tomorrow", or "Wed, Jan 14" for a business day seen from `today`. */
export function dayHeading(day: string, today: string): string {
  if (day === today) return "Today";
  if (day === addDays(today, 1)) return "Tomorrow";
  return formatDay(day, { weekday: "short", month: "short", day: "numeric" });
}

/** Events in order, grouped by the business day they take place on. */
export function groupByDay<T extends Pick<EventRow, "confirmedDatetime" | "proposedDatetime">>(
  events: readonly T[],
  timezone: string,
): { day: string; events: T[] }[] {
  const groups: { day: string; events: T[] }[] = [];
  for (const event of events) {
    const time = eventTime(event);
    if (!time) continue;
    const day = localDay(time, timezone);
    const last = groups[groups.length - 1];
    if (last?.day === day) last.events.push(event);
    else groups.push({ day, events: [event] });
  }
  return groups;
}

export function UpcomingEvents({ today, timezone }: { today: string; timezone: string }) {
  const events = useQuery(upcomingEventsQuery(today, timezone));
  return (
    <Card
      title={`Next ${UPCOMING_DAYS} days`}
      actions={
        <Link
          to="/events"
          search={{ view: "calendar", mode: "week" }}
          className="text-xs font-medium text-indigo-700 hover:underline focus-visible:outline-2 focus-visible:outline-indigo-600"
        >
          Calendar
        </Link>
      }
    >
      {events.isPending ? (
        <SkeletonRows rows={4} className="h-12" />
      ) : events.isError ? (
        <ErrorState error={events.error} onRetry={() => events.refetch()} />
      ) : events.data.items.length === 0 ? (
        <EmptyState title="No confirmed events this week">
          Events you confirm for the coming week appear here, by day.
        </EmptyState>
      ) : (
        <ol className="space-y-4">
          {groupByDay(events.data.items, timezone).map((group) => (
            <li key={group.day}>
              <h3 className="text-xs font-semibold tracking-wide text-slate-500 uppercase">
                {dayHeading(group.day, today)}
              </h3>
              <ul className="mt-1 divide-y divide-slate-100">
                {group.events.map((event) => (
                  <li key={event.id}>
                    <Link
                      to="/events/$eventId"
                      params={{ eventId: event.id }}
                      className="grid grid-cols-[4.5rem_minmax(0,1fr)_auto] items-center gap-2 rounded py-2 text-sm hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-indigo-600"
                    >
                      <span className="tabular-nums text-slate-600">{formatTime(eventTime(event), timezone)}</span>
                      <span className="min-w-0">
                        <span className="block truncate font-medium text-slate-900">{event.title}</span>
                        <span className="block truncate text-xs text-slate-500">
                          {[event.customerName, event.location ?? humanize(event.eventType)]
                            .filter(Boolean)
                            .join(" · ")}
                        </span>
                      </span>
                      {event.urgencyLevel === "high" || event.urgencyLevel === "emergency" ? (
                        <ValueBadge value={event.urgencyLevel} />
                      ) : (
                        <span />
                      )}
                    </Link>
                  </li>
                ))}
              </ul>
            </li>
          ))}
        </ol>
      )}
    </Card>
  );
}
