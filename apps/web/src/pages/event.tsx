/**
 * One event: when it is (in the business's timezone, zone named), its status and what can
 * happen to it next, every field to edit, its calendar links and sync, the customer's
 * messages, and the call it came from.
 */
import { useQuery } from "@tanstack/react-query";
import { Link, useParams } from "@tanstack/react-router";
import { ValueBadge } from "../components/badge";
import { buttonClass } from "../components/button";
import { Card } from "../components/card";
import { EmptyState, ErrorState, Skeleton } from "../components/feedback";
import { formatDateTime, formatPhone, humanize, zoneName } from "../lib/format";
import { useTimezone } from "../lib/profile";
import { trpc } from "../lib/trpc";
import { CalendarCard, CustomerMessagesCard } from "./event/calendar-status";
import { EventEditForm } from "./event/edit-form";
import type { EventDetail } from "./event/event-form";
import { StatusActions } from "./event/status-actions";

export function EventPage() {
  const { eventId } = useParams({ from: "/signed-in/app/events/$eventId" });
  const timezone = useTimezone();
  const event = useQuery(trpc.events.byId.queryOptions({ id: eventId }));
  const industry = useQuery(trpc.industry.effective.queryOptions());

  return (
    <>
      <Link
        to="/events"
        className="mb-3 inline-block rounded text-sm text-slate-600 hover:text-slate-900 focus-visible:outline-2 focus-visible:outline-indigo-600"
      >
        ← Events
      </Link>
      {event.isPending ? (
        <EventSkeleton />
      ) : event.isError ? (
        event.error.data?.code === "NOT_FOUND" ? (
          <EmptyState
            title="This event does not exist"
            action={
              <Link to="/events" className={buttonClass("secondary")}>
                Back to events
              </Link>
            }
          >
            It may have been deleted, or the link is wrong.
          </EmptyState>
        ) : (
          <ErrorState error={event.error} onRetry={() => event.refetch()} />
        )
      ) : (
        <div className="space-y-6">
          <EventHeader event={event.data} timezone={timezone} />
          <div className="grid grid-cols-1 gap-6 lg:grid-cols-[minmax(0,1fr)_20rem]">
            <div className="order-2 lg:order-1">
              {industry.isPending ? (
                <Skeleton className="h-[52rem] w-full" />
              ) : (
                <EventEditForm
                  event={event.data}
                  timezone={timezone}
                  eventTypes={industry.data?.eventTypes ?? []}
                  terminology={industry.data?.terminology}
                />
              )}
            </div>
            <div className="order-1 space-y-6 lg:order-2">
              <Card title="Status">
                <div className="mb-3">
                  <ValueBadge value={event.data.status} />
                </div>
                <StatusActions event={event.data} timezone={timezone} />
              </Card>
              <CalendarCard event={event.data} timezone={timezone} />
              <CustomerMessagesCard event={event.data} timezone={timezone} />
              <SourceCall event={event.data} timezone={timezone} />
            </div>
          </div>
        </div>
      )}
    </>
  );
}

/** "Tue, Dec 9, 9:00 AM EST", in the business's timezone whatever the browser's is. */
export function EventWhen({ at, timezone }: { at: Date | null; timezone: string }) {
  if (!at) return <span className="text-slate-500">Not scheduled yet</span>;
  return (
    <time dateTime={at.toISOString()}>
      {formatDateTime(at, timezone)} {zoneName(at, timezone)}
    </time>
  );
}

function EventHeader({ event, timezone }: { event: EventDetail; timezone: string }) {
  const at = event.confirmedDatetime ?? event.proposedDatetime;
  const confidence = event.aiConfidence === null ? null : Math.round(Number(event.aiConfidence) * 100);
  return (
    <header className="flex flex-wrap items-start justify-between gap-3">
      <div className="min-w-0">
        <h1 className="text-xl font-semibold break-words text-slate-900">{event.title}</h1>
        <p className="mt-1 flex flex-wrap items-center gap-x-2 gap-y-1 text-sm text-slate-600">
          <EventWhen at={at} timezone={timezone} />
          <span aria-hidden>·</span>
          <span>{event.durationMinutes ?? 60} min</span>
          <span aria-hidden>·</span>
          <span>{humanize(event.eventType)}</span>
          {confidence !== null ? (
            <>
              <span aria-hidden>·</span>
              <span>Found with {confidence}% confidence</span>
            </>
          ) : null}
        </p>
      </div>
      <div className="flex gap-1.5">
        <ValueBadge value={event.status} />
        <ValueBadge value={event.urgencyLevel} />
      </div>
    </header>
  );
}

function SourceCall({ event, timezone }: { event: EventDetail; timezone: string }) {
  const call = event.call;
  return (
    <Card title="From the call">
      {call ? (
        <div className="space-y-1 text-sm">
          <Link
            to="/calls/$callId"
            params={{ callId: call.id }}
            className="rounded font-medium text-indigo-700 hover:text-indigo-600 focus-visible:outline-2 focus-visible:outline-indigo-600"
          >
            {call.callerName ?? formatPhone(call.callerNumber)}
          </Link>
          <p className="text-slate-600">{formatDateTime(call.createdAt, timezone)}</p>
          {call.mainTopic ? <p className="text-slate-700">{call.mainTopic}</p> : null}
        </div>
      ) : (
        <p className="text-sm text-slate-600">This event was not found in a call.</p>
      )}
    </Card>
  );
}

function EventSkeleton() {
  return (
    <div role="status" aria-label="Loading event" className="space-y-6">
      <div className="space-y-2">
        <Skeleton className="h-7 w-2/3 max-w-md" />
        <Skeleton className="h-4 w-1/2 max-w-sm" />
      </div>
      <div className="grid grid-cols-1 gap-6 lg:grid-cols-[minmax(0,1fr)_20rem]">
        <Skeleton className="order-2 h-[52rem] w-full lg:order-1" />
        <div className="order-1 space-y-6 lg:order-2">
          <Skeleton className="h-32 w-full" />
          <Skeleton className="h-28 w-full" />
        </div>
      </div>
    </div>
  );
}
