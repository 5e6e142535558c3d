/**
 * Events: a filterable list (confirm several at once) and a week or month calendar, switched
 * by `?view=`. Everything the page shows is in the URL, and every day and time is the
 * business's, whatever the browser's timezone.
 */
import { EVENT_STATUSES, EVENT_TYPES } from "@flynn/domain/enums";
import { keepPreviousData, useInfiniteQuery, useMutation } from "@tanstack/react-query";
import { getRouteApi, Link } from "@tanstack/react-router";
import { useCallback, useEffect, useMemo, useState } from "react";
import { ValueBadge } from "../components/badge";
import { Button, buttonClass } from "../components/button";
import { PageHeader } from "../components/card";
import { DayRangeFields } from "../components/day-range-fields";
import { EmptyState, ErrorState, SkeletonRows } from "../components/feedback";
import { SelectField } from "../components/field";
import { FoldedFilters } from "../components/folded-filters";
import { PagedListBody } from "../components/paged-list";
import { SearchField } from "../components/search-field";
import { Tabs } from "../components/tabs";
import { ToggleGroup } from "../components/toggle-group";
import { formatDate, zoneName } from "../lib/format";
import { useTimezone } from "../lib/profile";
import { toast } from "../lib/toast";
import { queryClient, trpc } from "../lib/trpc";
import { knownValues, toggled } from "./calls/filters";
import { Calendar } from "./events/calendar";
import { rangeTitle } from "./events/calendar-layout";
import { isFiltered, stepAnchor } from "./events/filters";
import { CHECKBOX, canConfirm, EventRows, EventTitleLink } from "./events/list";
import { calendarQuery, eventsListQuery, unscheduledQuery } from "./events/queries";
import type { CalendarMode, EventsSearch, EventsView } from "./events/search";

const route = getRouteApi("/signed-in/app/events");

const VIEWS = [
  { value: "list", label: "List" },
  { value: "calendar", label: "Calendar" },
] as const satisfies readonly { value: EventsView; label: string }[];

/** The calendar loads its range page by page; this many pages (100 events each) at most. */
const CALENDAR_MAX_PAGES = 10;

const SECTION = "rounded-lg bg-white shadow-xs ring-1 ring-slate-200";

type Update = (change: Partial<EventsSearch>) => void;

/** Filters that narrow the list (the calendar ignores the text and days). */
const NO_FILTERS: Partial<EventsSearch> = {
  status: undefined,
  type: undefined,
  q: undefined,
  from: undefined,
  to: undefined,
};

const SORT_OPTIONS = [
  { value: "recent", label: "Newest first" },
  { value: "upcoming", label: "By date, earliest first" },
];

export function EventsPage() {
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const update: Update = useCallback(
    (change) => navigate({ search: (previous) => ({ ...previous, ...change }), replace: true }),
    [navigate],
  );
  const view = search.view ?? "list";
  return (
    <>
      <PageHeader
        title="Events"
        description="Appointments, jobs and meetings Flynn found in your calls. Confirm them, or open one to edit it."
      />
      <div className="mb-4">
        <Tabs
          label="View"
          tabs={VIEWS}
          selected={view}
          onSelect={(value) => update({ view: value === "list" ? undefined : value })}
        />
      </div>
      <FilterBar search={search} view={view} update={update} />
      {view === "list" ? (
        <ListPanel search={search} update={update} />
      ) : (
        <CalendarPanel search={search} update={update} />
      )}
    </>
  );
}

function FilterBar({ search, view, update }: { search: EventsSearch; view: EventsView; update: Update }) {
  const timezone = useTimezone();
  const onSearch = useCallback((q: string | undefined) => update({ q }), [update]);
  return (
    <section aria-label="Filters" className={`${SECTION} mb-4 space-y-3 p-4`}>
      {view === "list" ? (
        <div className="grid grid-cols-2 gap-3 lg:grid-cols-[minmax(0,2fr)_minmax(0,1fr)_minmax(0,1fr)_minmax(0,1.2fr)]">
          <div className="col-span-2 lg:col-span-1">
            <SearchField
              value={search.q}
              onSearch={onSearch}
              placeholder="Title, customer, phone, email or place"
              maxLength={100}
            />
          </div>
          <DayRangeFields from={search.from} to={search.to} onChange={update} />
          <div className="col-span-2 lg:col-span-1">
            <SelectField
              label="Order"
              options={SORT_OPTIONS}
              value={search.sort ?? "recent"}
              onChange={(e) => update({ sort: e.target.value === "upcoming" ? "upcoming" : undefined })}
            />
          </div>
        </div>
      ) : null}
      <FoldedFilters id="event-value-filters" chosen={[search.status, search.type].filter(Boolean).length}>
        <ToggleGroup
          label="Status"
          values={EVENT_STATUSES}
          selected={knownValues(search.status, EVENT_STATUSES)}
          onToggle={(value) => update({ status: toggled(search.status, value) })}
        />
        <ToggleGroup
          label="Type"
          values={EVENT_TYPES}
          selected={knownValues(search.type, EVENT_TYPES)}
          onToggle={(value) => update({ type: toggled(search.type, value) })}
        />
      </FoldedFilters>
      <div className="flex min-h-8 flex-wrap items-center justify-between gap-2 text-xs text-slate-500">
        <span>
          {view === "list" && (search.from || search.to)
            ? `Days are in ${timezone.replace(/_/g, " ")} (${zoneName(null, timezone)}).`
            : null}
        </span>
        {isFiltered(search, view) ? (
          <Button variant="ghost" size="sm" onClick={() => update(NO_FILTERS)}>
            Clear filters
          </Button>
        ) : null}
      </div>
    </section>
  );
}

export function ListPanel({
  search,
  update,
}: {
  search: EventsSearch;
  update: (patch: Partial<EventsSearch>) => void;
}) {
  const timezone = useTimezone();
  const list = eventsListQuery(search, timezone);
  const query = useInfiniteQuery({
    ...list,
    // The rows of the previous filters stay until the new ones arrive: no flash of skeletons.
    placeholderData: keepPreviousData,
  });
  const events = useMemo(() => query.data?.pages.flatMap((page) => page.items) ?? [], [query.data]);

  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  // Other filters, other rows: a selection is only ever of rows on screen.
  const inputKey = JSON.stringify(list.queryKey);
  const [selectionKey, setSelectionKey] = useState(inputKey);
  if (selectionKey !== inputKey) {
    setSelectionKey(inputKey);
    setSelected(new Set());
  }
  const select = (ids: string[], on: boolean) =>
    setSelected((current) => {
      const next = new Set(current);
      for (const id of ids) {
        if (on) next.add(id);
        else next.delete(id);
      }
      return next;
    });

  const bulk = useMutation(
    trpc.events.bulkConfirm.mutationOptions({
      onSuccess: ({ confirmed, skipped }) => {
        if (confirmed.length > 0) toast.success(`Confirmed ${count(confirmed.length, "event")}`);
        if (skipped.length > 0) {
          const reasons = [...new Set(skipped.map((skip) => skip.reason))].join(" ");
          toast.error(`${count(skipped.length, "event")} not confirmed. ${reasons}`);
        }
        setSelected(new Set());
      },
      onSettled: () =>
        Promise.all([
          queryClient.invalidateQueries({ queryKey: trpc.events.pathKey() }),
          queryClient.invalidateQueries({ queryKey: trpc.stats.pathKey() }),
        ]),
    }),
  );

  const ids = events.filter((event) => selected.has(event.id)).map((event) => event.id);
  const confirmable = events.filter(canConfirm).map((event) => event.id);
  const allTicked = confirmable.length > 0 && confirmable.every((id) => selected.has(id));
  return (
    <section aria-label="Events">
      <div className={`${SECTION} flex min-h-12 flex-wrap items-center gap-3 px-4 py-2`}>
        <input
          type="checkbox"
          className={CHECKBOX}
          aria-label="Select every event shown that can be confirmed"
          checked={allTicked}
          disabled={confirmable.length === 0}
          onChange={(e) => select(confirmable, e.target.checked)}
        />
        <p className="flex-1 text-sm text-slate-600" aria-live="polite">
          {ids.length > 0 ? `${count(ids.length, "event")} selected` : "Tick events to confirm several at once."}
        </p>
        {ids.length > 0 ? (
          <div className="flex gap-2">
            <Button size="sm" variant="ghost" onClick={() => setSelected(new Set())}>
              Clear selection
            </Button>
            <Button size="sm" busy={bulk.isPending} onClick={() => bulk.mutate({ ids })}>
              Confirm {ids.length}
            </Button>
          </div>
        ) : null}
      </div>
      <PagedListBody
        query={query}
        rows={events}
        skeletonClassName="h-[6.5rem] md:h-14"
        filtered={isFiltered(search, "list")}
        onClearFilters={() => update(NO_FILTERS)}
        noMatch={{
          title: "No events match these filters",
          hint: "Try another status, type or dates, or a shorter search.",
        }}
        empty={<NoEventsYet />}
      >
        {(rows, dimmed) => (
          <EventRows events={rows} timezone={timezone} selected={selected} onSelect={select} dimmed={dimmed} />
        )}
      </PagedListBody>
    </section>
  );
}

function NoEventsYet() {
  return (
    <EmptyState
      title="No events yet"
      action={
        <Link to="/calls" className={buttonClass("secondary")}>
          Go to calls
        </Link>
      }
    >
      Flynn adds an event for each appointment, job or meeting agreed in a call. Forward your business line to your
      Flynn number, or simulate a call from the Calls page to see one arrive.
    </EmptyState>
  );
}

function CalendarPanel({ search, update }: { search: EventsSearch; update: Update }) {
  const timezone = useTimezone();
  const [now] = useState(() => new Date());
  const mode: CalendarMode = search.mode ?? "week";
  const { anchor, today, options } = calendarQuery(search, timezone, now);
  const query = useInfiniteQuery({
    ...options,
    // The rows of the previous filters stay until the new ones arrive: no flash of skeletons.
    placeholderData: keepPreviousData,
  });
  const pages = query.data?.pages.length ?? 0;
  // The calendar shows the whole range at once, so it reads every page of it.
  useEffect(() => {
    if (query.hasNextPage && !query.isFetchingNextPage && pages < CALENDAR_MAX_PAGES) query.fetchNextPage();
  }, [query.hasNextPage, query.isFetchingNextPage, pages, query.fetchNextPage]);
  const events = useMemo(() => query.data?.pages.flatMap((page) => page.items) ?? [], [query.data]);
  const go = (date: string | undefined) => update({ date: date === today ? undefined : date });

  return (
    <div className="grid grid-cols-1 gap-4 xl:grid-cols-[minmax(0,1fr)_18rem]">
      <section className={SECTION} aria-label="Calendar" aria-busy={query.isFetching || undefined}>
        <div className="flex flex-wrap items-center justify-between gap-2 border-b border-slate-200 px-4 py-3">
          <div className="flex items-center gap-2">
            <Button
              size="sm"
              variant="secondary"
              aria-label={`Previous ${mode}`}
              onClick={() => go(stepAnchor(mode, anchor, -1))}
            >
              ‹
            </Button>
            <Button size="sm" variant="secondary" onClick={() => go(undefined)}>
              Today
            </Button>
            <Button
              size="sm"
              variant="secondary"
              aria-label={`Next ${mode}`}
              onClick={() => go(stepAnchor(mode, anchor, 1))}
            >
              ›
            </Button>
            <h2 className="ml-2 text-sm font-semibold text-slate-900" aria-live="polite">
              {rangeTitle(mode, anchor)}
            </h2>
          </div>
          <div className="flex items-center gap-3">
            <span className="text-xs text-slate-500">
              {timezone.replace(/_/g, " ")} ({zoneName(null, timezone)})
            </span>
            <fieldset className="inline-flex rounded-md shadow-xs">
              <legend className="sr-only">Calendar range</legend>
              {(["week", "month"] as const).map((value) => (
                <button
                  key={value}
                  type="button"
                  aria-pressed={mode === value}
                  onClick={() => update({ mode: value === "week" ? undefined : value })}
                  className={`px-3 py-1.5 text-xs font-medium ring-1 ring-inset ring-slate-300 first:rounded-l-md last:rounded-r-md focus-visible:relative focus-visible:outline-2 focus-visible:outline-indigo-600 ${
                    mode === value
                      ? "bg-indigo-600 text-white ring-indigo-600"
                      : "bg-white text-slate-700 hover:bg-slate-50"
                  }`}
                >
                  {value === "week" ? "Week" : "Month"}
                </button>
              ))}
            </fieldset>
          </div>
        </div>
        {query.isError && !query.data ? (
          <div className="p-4">
            <ErrorState error={query.error} onRetry={() => query.refetch()} />
          </div>
        ) : null}
        <Calendar
          mode={mode}
          anchor={anchor}
          today={today}
          timezone={timezone}
          events={events}
          onShowWeek={(day) => update({ mode: undefined, date: day === today ? undefined : day })}
        />
        <p className="min-h-9 border-t border-slate-100 px-4 py-2 text-xs text-slate-500" role="status">
          {query.isPending
            ? "Loading events…"
            : query.hasNextPage
              ? `Showing the first ${events.length} events of this ${mode}.`
              : events.length === 0
                ? `Nothing scheduled this ${mode}.`
                : `${count(events.length, "event")} this ${mode}.`}
        </p>
      </section>
      <Unscheduled search={search} />
    </div>
  );
}

/** Events without a time: the calendar cannot place them, but they still need a decision. */
function Unscheduled({ search }: { search: EventsSearch }) {
  const timezone = useTimezone();
  const query = useInfiniteQuery(unscheduledQuery(search));
  const events = query.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <section className={`${SECTION} self-start`} aria-labelledby="unscheduled-title">
      <h2 id="unscheduled-title" className="border-b border-slate-100 px-4 py-3 text-sm font-semibold text-slate-900">
        Not scheduled yet
      </h2>
      <div className="p-4">
        {query.isPending ? (
          <SkeletonRows rows={3} className="h-10" />
        ) : query.isError ? (
          <ErrorState error={query.error} onRetry={() => query.refetch()} />
        ) : events.length === 0 ? (
          <p className="text-sm text-slate-600">Every event has a date and time.</p>
        ) : (
          <>
            <ul className="space-y-2">
              {events.map((event) => (
                <li key={event.id} className="flex items-start justify-between gap-2">
                  <EventTitleLink id={event.id} title={event.title}>
                    {event.customerName ?? "No customer name"} · found {formatDate(event.createdAt, timezone)}
                  </EventTitleLink>
                  <ValueBadge value={event.status} />
                </li>
              ))}
            </ul>
            {query.hasNextPage ? (
              <Button
                variant="secondary"
                size="sm"
                className="mt-3 w-full"
                busy={query.isFetchingNextPage}
                onClick={() => query.fetchNextPage()}
              >
                Load more
              </Button>
            ) : null}
          </>
        )}
      </div>
    </section>
  );
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? "" : "s"}`;
}
