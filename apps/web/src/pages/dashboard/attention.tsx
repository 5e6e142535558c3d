/**
 * What needs the owner now: urgent calls of the last 7 days, calls whose processing failed
 * (their page has "Run again"), and events waiting for confirmation, each with a quick
 * Confirm that takes the event off the list at once and puts it back if the server refuses.
 */
import type { AppRouter } from "@flynn/api";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Link } from "@tanstack/react-router";
import type { inferRouterOutputs } from "@trpc/server";
import type { ReactNode } from "react";
import { ValueBadge } from "../../components/badge";
import { Button, buttonClass } from "../../components/button";
import { Card } from "../../components/card";
import { ErrorState, SkeletonRows } from "../../components/feedback";
import { formatDateTime, formatPhone, humanize } from "../../lib/format";
import { toast } from "../../lib/toast";
import { trpc } from "../../lib/trpc";
import { failedCallsQuery, URGENT_DAYS, urgentCallsQuery, waitingEventsQuery } from "./queries";
import { eventTime } from "./upcoming";

const linkClass =
  "text-xs font-medium text-indigo-700 hover:underline focus-visible:outline-2 focus-visible:outline-indigo-600";
const rowLinkClass =
  "block min-w-0 rounded py-2 text-sm hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-indigo-600";

type Outputs = inferRouterOutputs<AppRouter>;
type CallRow = Outputs["calls"]["list"]["items"][number];
type EventRow = Outputs["events"]["list"]["items"][number];

export function NeedsAttention({ today, timezone }: { today: string; timezone: string }) {
  const urgent = useQuery(urgentCallsQuery(today, timezone));
  const failed = useQuery(failedCallsQuery());
  const waitingOptions = waitingEventsQuery();
  const waiting = useQuery(waitingOptions);

  const allClear =
    urgent.data?.items.length === 0 && failed.data?.items.length === 0 && waiting.data?.items.length === 0;

  return (
    <Card title="Needs your attention">
      {allClear ? (
        <p className="py-6 text-center text-sm text-slate-600">
          All clear: no urgent calls, no failed processing, and no events waiting for you.
        </p>
      ) : (
        <div className="space-y-5">
          <Section
            title={`Urgent calls, last ${URGENT_DAYS} days`}
            query={urgent}
            more={
              <Link to="/calls" search={{ urgency: "high,emergency" }} className={linkClass}>
                All urgent calls
              </Link>
            }
            render={(call: CallRow) => <UrgentCall call={call} timezone={timezone} />}
          />
          <Section
            title="Processing failed"
            query={failed}
            more={
              <Link to="/calls" search={{ processing: "failed" }} className={linkClass}>
                All failed calls
              </Link>
            }
            render={(call: CallRow) => <FailedCall call={call} timezone={timezone} />}
          />
          <Section
            title="Waiting for confirmation"
            query={waiting}
            more={
              <Link to="/events" search={{ status: "extracted,pending" }} className={linkClass}>
                All waiting events
              </Link>
            }
            render={(event: EventRow) => (
              <WaitingEvent event={event} timezone={timezone} listKey={waitingOptions.queryKey} />
            )}
          />
        </div>
      )}
    </Card>
  );
}

interface ListQuery<T> {
  isPending: boolean;
  isError: boolean;
  error: unknown;
  data?: { items: T[]; nextCursor: string | null } | undefined;
  refetch: () => unknown;
}

/** One kind of attention: nothing at all when it has no rows, so the card lists only what matters. */
function Section<T extends { id: string }>({
  title,
  query,
  more,
  render,
}: {
  title: string;
  query: ListQuery<T>;
  more: ReactNode;
  render: (row: T) => ReactNode;
}) {
  if (query.data?.items.length === 0) return null;
  return (
    <section aria-label={title}>
      <div className="flex items-center justify-between gap-2">
        <h3 className="text-xs font-semibold tracking-wide text-slate-500 uppercase">{title}</h3>
        {query.data?.nextCursor ? more : null}
      </div>
      <div className="mt-1">
        {query.isPending ? (
          <SkeletonRows rows={2} className="h-12" />
        ) : query.isError || !query.data ? (
          <ErrorState error={query.error} onRetry={() => query.refetch()} />
        ) : (
          <ul className="divide-y divide-slate-100">
            {query.data.items.map((row) => (
              <li key={row.id}>{render(row)}</li>
            ))}
          </ul>
        )}
      </div>
    </section>
  );
}

function callerLabel(call: CallRow): string {
  return call.callerName ?? formatPhone(call.callerNumber);
}

function UrgentCall({ call, timezone }: { call: CallRow; timezone: string }) {
  return (
    <Link to="/calls/$callId" params={{ callId: call.id }} className={`${rowLinkClass} flex items-center gap-3`}>
      <ValueBadge value={call.urgencyLevel} />
      <span className="min-w-0 flex-1">
        <span className="block truncate font-medium text-slate-900">{call.mainTopic ?? callerLabel(call)}</span>
        <span className="block truncate text-xs text-slate-500">
          {callerLabel(call)} · {formatDateTime(call.createdAt, timezone)}
        </span>
      </span>
    </Link>
  );
}

function FailedCall({ call, timezone }: { call: CallRow; timezone: string }) {
  return (
    <Link to="/calls/$callId" params={{ callId: call.id }} className={`${rowLinkClass} flex items-center gap-3`}>
      <span className="min-w-0 flex-1">
        <span className="block truncate font-medium text-slate-900">
          {callerLabel(call)} · {formatDateTime(call.createdAt, timezone)}
        </span>
        {/* The worker stores why it failed as the summary. */}
        <span className="block truncate text-xs text-red-700">{call.callSummary ?? "Processing failed"}</span>
      </span>
      <span className="shrink-0 text-xs font-medium text-indigo-700">Open to run again</span>
    </Link>
  );
}

function WaitingEvent({
  event,
  timezone,
  listKey,
}: {
  event: EventRow;
  timezone: string;
  listKey: readonly unknown[];
}) {
  const queryClient = useQueryClient();
  const confirm = useMutation(
    trpc.events.confirm.mutationOptions({
      onMutate: async () => {
        await queryClient.cancelQueries({ queryKey: listKey });
        const before = queryClient.getQueryData<{ items: EventRow[] }>(listKey);
        queryClient.setQueryData<{ items: EventRow[] }>(listKey, (list) =>
          list ? { ...list, items: list.items.filter((item) => item.id !== event.id) } : list,
        );
        return { before };
      },
      onError: (_error, _input, context) => {
        if (context?.before) queryClient.setQueryData(listKey, context.before);
      },
      onSuccess: () => toast.success(`Confirmed: ${event.title}`),
      onSettled: () =>
        Promise.all([
          queryClient.invalidateQueries({ queryKey: trpc.events.list.pathKey() }),
          queryClient.invalidateQueries({ queryKey: trpc.stats.overview.pathKey() }),
        ]),
    }),
  );
  const time = eventTime(event);
  return (
    <div className="flex items-center gap-3">
      <Link to="/events/$eventId" params={{ eventId: event.id }} className={`${rowLinkClass} flex-1`}>
        <span className="block truncate font-medium text-slate-900">{event.title}</span>
        <span className="block truncate text-xs text-slate-500">
          {[humanize(event.eventType), event.customerName, time ? formatDateTime(time, timezone) : "No time yet"]
            .filter(Boolean)
            .join(" · ")}
        </span>
      </Link>
      {time ? (
        <Button
          size="sm"
          busy={confirm.isPending}
          aria-label={`Confirm ${event.title}`}
          onClick={() => confirm.mutate({ id: event.id })}
        >
          Confirm
        </Button>
      ) : (
        // Confirming needs a time; the event page has the form for it.
        <Link to="/events/$eventId" params={{ eventId: event.id }} className={buttonClass("secondary", "sm")}>
          Set a time
        </Link>
      )}
    </div>
  );
}
