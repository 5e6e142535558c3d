/**
 * The audit log: every change to the business's data, by whom (the owner in the dashboard,
 * or Flynn itself: webhooks and the worker), newest first, with what changed. Filters live in
 * the URL (./audit/search.ts), so one record's history can be linked to (`?resourceId=`).
 */
import type { AppRouter } from "@flynn/api";
import { AUDIT_ACTORS, AUDIT_RESOURCE_TYPES } from "@flynn/domain/enums";
import { keepPreviousData, useInfiniteQuery } from "@tanstack/react-query";
import { getRouteApi } from "@tanstack/react-router";
import type { inferRouterOutputs } from "@trpc/server";
import { useCallback, useMemo } from "react";
import { Badge } from "../components/badge";
import { Button } from "../components/button";
import { PageHeader } from "../components/card";
import { DayRangeFields } from "../components/day-range-fields";
import { EmptyState } from "../components/feedback";
import { SelectField } from "../components/field";
import { PagedListBody, RowsCard } from "../components/paged-list";
import { formatDateTime, humanize, zoneName } from "../lib/format";
import { addDays, startOfLocalDay } from "../lib/local-day";
import { useTimezone } from "../lib/profile";
import { oneOf } from "../lib/search-params";
import { trpc } from "../lib/trpc";
import { AuditChanges } from "./audit/changes";
import { AuditRecordLink } from "./audit/record-link";
import type { AuditSearch } from "./audit/search";

const route = getRouteApi("/signed-in/app/audit");

export const AUDIT_PAGE_SIZE = 25;

/** When | what and who | resource | changes, from 768 px; stacked below. */
const ROW_GRID =
  "grid grid-cols-[minmax(0,1fr)_auto] gap-x-3 gap-y-1.5 md:grid-cols-[9.5rem_minmax(0,1fr)_minmax(0,1fr)_minmax(0,2fr)] md:items-start";

const anyOption = { value: "", label: "Any" };
const RESOURCE_OPTIONS = [anyOption, ...AUDIT_RESOURCE_TYPES.map((value) => ({ value, label: humanize(value) }))];
const ACTOR_OPTIONS = [anyOption, { value: "user", label: "You (dashboard)" }, { value: "system", label: "Flynn" }];

export function AuditPage() {
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const timezone = useTimezone();
  const setSearch = useCallback(
    (change: Partial<AuditSearch>) => navigate({ search: (previous) => ({ ...previous, ...change }), replace: true }),
    [navigate],
  );

  const resourceType = oneOf(search.resource, AUDIT_RESOURCE_TYPES);
  const actor = oneOf(search.actor, AUDIT_ACTORS);
  const { resourceId, from, to } = search;
  const input = useMemo(
    () => ({
      limit: AUDIT_PAGE_SIZE,
      ...(resourceType ? { resourceType: [resourceType] } : {}),
      ...(actor ? { actor } : {}),
      ...(resourceId ? { resourceId } : {}),
      // The business's days: from the start of `from` to the end of `to`.
      ...(from ? { from: startOfLocalDay(from, timezone) } : {}),
      ...(to ? { to: startOfLocalDay(addDays(to, 1), timezone) } : {}),
    }),
    [resourceType, actor, resourceId, from, to, timezone],
  );
  const entries = useInfiniteQuery(
    trpc.audit.list.infiniteQueryOptions(input, {
      getNextPageParam: (page) => page.nextCursor ?? undefined,
      placeholderData: keepPreviousData,
    }),
  );
  const rows = entries.data?.pages.flatMap((page) => page.items) ?? [];
  const filtered = Boolean(resourceType || actor || resourceId || from || to);

  return (
    <>
      <PageHeader
        title="Audit log"
        description="Every change to your calls, events and settings: when, by whom, and what changed."
      />
      <section
        aria-label="Filters"
        className="grid grid-cols-1 gap-3 rounded-lg bg-white p-4 shadow-xs ring-1 ring-slate-200 sm:grid-cols-2 lg:grid-cols-4"
      >
        <SelectField
          label="Record"
          options={RESOURCE_OPTIONS}
          value={resourceType ?? ""}
          onChange={(event) => setSearch({ resource: event.target.value || undefined })}
        />
        <SelectField
          label="Changed by"
          options={ACTOR_OPTIONS}
          value={actor ?? ""}
          onChange={(event) => setSearch({ actor: event.target.value || undefined })}
        />
        <DayRangeFields from={from} to={to} onChange={setSearch} />
        {resourceId ? (
          <p className="flex flex-wrap items-center gap-2 text-sm text-slate-700 sm:col-span-2 lg:col-span-4">
            Showing the history of one record.
            <Button variant="ghost" size="sm" onClick={() => setSearch({ resourceId: undefined })}>
              Show all records
            </Button>
          </p>
        ) : null}
      </section>
      <PagedListBody
        query={entries}
        rows={rows}
        skeletonClassName="h-[6.5rem] md:h-16"
        filtered={filtered}
        onClearFilters={() => navigate({ search: {}, replace: true })}
        noMatch={{ title: "No changes match these filters", hint: "Try another record type, person or period." }}
        empty={
          <EmptyState title="Nothing recorded yet">
            Every change to your calls, events and settings is recorded here, with who made it.
          </EmptyState>
        }
      >
        {(rows, dimmed) => (
          <RowsCard
            grid={ROW_GRID}
            dimmed={dimmed}
            headings={[`When (${zoneName(rows[0]?.createdAt, timezone)})`, "What and who", "Record", "Changes"]}
          >
            {rows.map((entry) => (
              <li key={entry.id} className={`${ROW_GRID} px-4 py-3 text-sm`}>
                <AuditRowCells entry={entry} timezone={timezone} />
              </li>
            ))}
          </RowsCard>
        )}
      </PagedListBody>
    </>
  );
}

type AuditRow = inferRouterOutputs<AppRouter>["audit"]["list"]["items"][number];

/** "event.updated" -> "Event updated". */
function actionLabel(action: string): string {
  return humanize(action.replace(".", " "));
}

function AuditRowCells({ entry, timezone }: { entry: AuditRow; timezone: string }) {
  const system = entry.metadata?.actor === "system";
  return (
    <>
      <span className="order-2 text-right text-xs text-slate-600 md:order-none md:text-left md:text-sm">
        {formatDateTime(entry.createdAt, timezone)}
      </span>
      <span className="order-1 min-w-0 md:order-none">
        <span className="block font-medium text-slate-900">{actionLabel(entry.action)}</span>
        <span className="mt-0.5 flex flex-wrap items-center gap-1.5">
          <Badge tone={system ? "purple" : "blue"}>{system ? "Flynn" : "You"}</Badge>
          {entry.ipAddress ? <span className="text-xs text-slate-500">{entry.ipAddress}</span> : null}
        </span>
      </span>
      <span className="order-3 col-span-2 min-w-0 md:order-none md:col-span-1">
        <AuditRecordLink entry={entry} />
      </span>
      <span className="order-4 col-span-2 min-w-0 md:order-none md:col-span-1">
        <AuditChanges oldValues={entry.oldValues} newValues={entry.newValues} timezone={timezone} />
      </span>
    </>
  );
}
