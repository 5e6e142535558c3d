/**
 * Every call to the business's numbers, newest first: filtered and searched through the URL
 * (./calls/search.ts), a page at a time ("Load more" follows the server's cursor), and kept
 * current by live updates (components/live-updates.tsx refetches the list when calls change).
 */
import type { AppRouter } from "@flynn/api";
import { AI_PROCESSING_STATUSES, CALL_STATUSES, URGENCY_LEVELS } from "@flynn/domain/enums";
import { keepPreviousData, useInfiniteQuery } from "@tanstack/react-query";
import { getRouteApi, Link } from "@tanstack/react-router";
import type { inferRouterOutputs } from "@trpc/server";
import { useCallback } from "react";
import { ValueBadge } from "../components/badge";
import { PageHeader } from "../components/card";
import { DayRangeFields } from "../components/day-range-fields";
import { EmptyState } from "../components/feedback";
import { FoldedFilters } from "../components/folded-filters";
import { PagedListBody, RowsCard } from "../components/paged-list";
import { SearchField } from "../components/search-field";
import { SimulateCallButton } from "../components/simulate-call-button";
import { ToggleGroup } from "../components/toggle-group";
import { formatDateTime, formatDuration, formatPhone, humanize, zoneName } from "../lib/format";
import { useTimezone } from "../lib/profile";
import { isFiltered, knownValues, toggled } from "./calls/filters";
import { callsListQuery } from "./calls/queries";
import { CALL_SEARCH_MAX_LENGTH, type CallsSearch } from "./calls/search";

const route = getRouteApi("/signed-in/app/calls");

/** Caller | when | duration | topic | urgency | processing | events, from 768 px; stacked below. */
const ROW_GRID =
  "grid grid-cols-[minmax(0,1fr)_auto] gap-x-3 gap-y-1 md:grid-cols-[minmax(0,1.3fr)_10.5rem_5.5rem_minmax(0,1.6fr)_6rem_6.5rem_4.5rem] md:items-center";

export function CallsPage() {
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const timezone = useTimezone();
  const setSearch = useCallback(
    (change: Partial<CallsSearch>) => navigate({ search: (previous) => ({ ...previous, ...change }), replace: true }),
    [navigate],
  );

  const calls = useInfiniteQuery({
    ...callsListQuery(search, timezone),
    // The rows of the previous filters stay until the new ones arrive: no flash of skeletons.
    placeholderData: keepPreviousData,
  });
  const rows = calls.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <>
      <PageHeader
        title="Calls"
        description="Every call to your Flynn numbers, newest first. New calls appear here seconds after they end."
      />
      <CallFilters search={search} onChange={setSearch} />
      <PagedListBody
        query={calls}
        rows={rows}
        skeletonClassName="h-[5.75rem] md:h-16"
        filtered={isFiltered(search)}
        onClearFilters={() => navigate({ search: {}, replace: true })}
        noMatch={{ title: "No calls match these filters", hint: "Try fewer filters, another period or other words." }}
        empty={
          <EmptyState title="No calls yet" action={<SimulateCallButton variant="primary" size="md" />}>
            Calls to your Flynn number appear here seconds after they end, with their summary and the events agreed in
            them.
          </EmptyState>
        }
      >
        {(shown, dimmed) => (
          <RowsCard grid={ROW_GRID} headings={headings(shown, timezone)} dimmed={dimmed}>
            {shown.map((call) => (
              <li key={call.id}>
                <CallRowLink call={call} timezone={timezone} />
              </li>
            ))}
          </RowsCard>
        )}
      </PagedListBody>
    </>
  );
}

type CallRow = inferRouterOutputs<AppRouter>["calls"]["list"]["items"][number];

function headings(rows: CallRow[], timezone: string) {
  return [
    "Caller",
    `When (${zoneName(rows[0]?.createdAt, timezone)})`,
    "Duration",
    "Topic",
    "Urgency",
    "Processing",
    <span key="events" className="block text-right">
      Events
    </span>,
  ];
}

function CallRowLink({ call, timezone }: { call: CallRow; timezone: string }) {
  const hasName = Boolean(call.callerName);
  return (
    <Link
      to="/calls/$callId"
      params={{ callId: call.id }}
      className={`${ROW_GRID} px-4 py-3 text-sm hover:bg-slate-50 focus-visible:outline-2 focus-visible:-outline-offset-2 focus-visible:outline-indigo-600`}
    >
      <span className="min-w-0">
        <span className="block truncate font-medium text-slate-900">
          {hasName ? call.callerName : formatPhone(call.callerNumber)}
        </span>
        {hasName ? (
          <span className="block truncate text-xs text-slate-500">{formatPhone(call.callerNumber)}</span>
        ) : null}
      </span>
      <span className="text-right text-xs whitespace-nowrap text-slate-600 md:text-left md:text-sm">
        {formatDateTime(call.createdAt, timezone)}
      </span>
      <span className="hidden text-slate-600 md:block">
        {formatDuration(call.callDuration)}
        {call.callStatus && call.callStatus !== "completed" ? (
          <span className="block text-xs text-slate-500">{humanize(call.callStatus)}</span>
        ) : null}
      </span>
      <span className="col-span-2 min-w-0 truncate text-slate-700 md:col-span-1">
        {call.mainTopic ?? <span className="text-slate-400">{topicPlaceholder(call.aiProcessingStatus)}</span>}
      </span>
      <span className="col-span-2 flex flex-wrap items-center gap-2 md:contents">
        <span>
          <ValueBadge value={call.urgencyLevel} />
        </span>
        <span>
          <ValueBadge value={call.aiProcessingStatus} />
        </span>
        <span className="text-xs text-slate-600 md:text-right md:text-sm">{eventCountLabel(call.eventCount)}</span>
        <span className="text-xs text-slate-500 md:hidden">· {formatDuration(call.callDuration)}</span>
      </span>
    </Link>
  );
}

function topicPlaceholder(processing: string | null): string {
  if (processing === "failed") return "Processing failed";
  if (processing === "completed") return "No topic";
  return "Being processed…";
}

export function eventCountLabel(count: number): string {
  if (count === 0) return "No events";
  return count === 1 ? "1 event" : `${count} events`;
}

function CallFilters({ search, onChange }: { search: CallsSearch; onChange: (change: Partial<CallsSearch>) => void }) {
  const onSearch = useCallback((q: string | undefined) => onChange({ q }), [onChange]);
  const chosen = [search.urgency, search.processing, search.status].filter(Boolean).length;
  return (
    <section aria-label="Filters" className="space-y-3 rounded-lg bg-white p-4 shadow-xs ring-1 ring-slate-200">
      <div className="grid grid-cols-2 gap-3 sm:grid-cols-[minmax(0,2fr)_minmax(0,1fr)_minmax(0,1fr)]">
        <div className="col-span-2 sm:col-span-1">
          <SearchField
            value={search.q}
            onSearch={onSearch}
            placeholder="Caller, number, topic or summary"
            maxLength={CALL_SEARCH_MAX_LENGTH}
          />
        </div>
        <DayRangeFields from={search.from} to={search.to} onChange={onChange} />
      </div>
      <FoldedFilters id="call-value-filters" chosen={chosen}>
        <ToggleGroup
          label="Urgency"
          values={URGENCY_LEVELS}
          selected={knownValues(search.urgency, URGENCY_LEVELS)}
          onToggle={(value) => onChange({ urgency: toggled(search.urgency, value) })}
        />
        <ToggleGroup
          label="Processing"
          values={AI_PROCESSING_STATUSES}
          selected={knownValues(search.processing, AI_PROCESSING_STATUSES)}
          onToggle={(value) => onChange({ processing: toggled(search.processing, value) })}
        />
        <ToggleGroup
          label="Call status"
          values={CALL_STATUSES}
          selected={knownValues(search.status, CALL_STATUSES)}
          onToggle={(value) => onChange({ status: toggled(search.status, value) })}
        />
      </FoldedFilters>
    </section>
  );
}
