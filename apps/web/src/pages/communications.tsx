/**
 * The communications log: every email, text and call Flynn sent for the business (or kept in
 * the outbox), newest first, filtered through the URL (./communications/search.ts) and paged
 * with the server's cursor. Each message opens in the outbox viewer.
 */
import type { AppRouter } from "@flynn/api";
import { COMMUNICATION_STATUSES, COMMUNICATION_TYPES } from "@flynn/domain/enums";
import { keepPreviousData, useInfiniteQuery } from "@tanstack/react-query";
import { getRouteApi, Link } from "@tanstack/react-router";
import type { inferRouterOutputs } from "@trpc/server";
import { useCallback, useMemo } from "react";
import { Badge, ValueBadge } from "../components/badge";
import { PageHeader } from "../components/card";
import { EmptyState } from "../components/feedback";
import { SelectField } from "../components/field";
import { PagedListBody, RowsCard } from "../components/paged-list";
import { SearchField } from "../components/search-field";
import { formatDateTime, humanize, zoneName } from "../lib/format";
import { useTimezone } from "../lib/profile";
import { oneOf } from "../lib/search-params";
import { trpc } from "../lib/trpc";
import { communicationTypeLabel, isOutboxEmail } from "./communications/message";
import type { CommunicationsSearch } from "./communications/search";

const route = getRouteApi("/signed-in/app/communications");

export const COMMUNICATIONS_PAGE_SIZE = 25;

/** Sent | type | recipient and subject | status | provider id | related, from 768 px; stacked below. */
const ROW_GRID =
  "grid grid-cols-[minmax(0,1fr)_auto] gap-x-3 gap-y-1 md:grid-cols-[9.5rem_4rem_minmax(0,2fr)_6.5rem_minmax(0,1fr)_6rem] md:items-center";

const anyOption = { value: "", label: "Any" };
const TYPE_OPTIONS = [
  anyOption,
  ...COMMUNICATION_TYPES.map((value) => ({ value, label: communicationTypeLabel(value) })),
];
const STATUS_OPTIONS = [anyOption, ...COMMUNICATION_STATUSES.map((value) => ({ value, label: humanize(value) }))];

const linkClass =
  "font-medium text-indigo-700 hover:underline focus-visible:outline-2 focus-visible:outline-indigo-600";

export function CommunicationsPage() {
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const timezone = useTimezone();
  const setSearch = useCallback(
    (change: Partial<CommunicationsSearch>) =>
      navigate({ search: (previous) => ({ ...previous, ...change }), replace: true }),
    [navigate],
  );

  const type = oneOf(search.type, COMMUNICATION_TYPES);
  const status = oneOf(search.status, COMMUNICATION_STATUSES);
  const input = useMemo(
    () => ({
      limit: COMMUNICATIONS_PAGE_SIZE,
      ...(type ? { communicationType: [type] } : {}),
      ...(status ? { status: [status] } : {}),
      ...(search.q ? { search: search.q } : {}),
    }),
    [type, status, search.q],
  );
  const messages = useInfiniteQuery(
    trpc.communications.list.infiniteQueryOptions(input, {
      getNextPageParam: (page) => page.nextCursor ?? undefined,
      placeholderData: keepPreviousData,
    }),
  );
  const rows = messages.data?.pages.flatMap((page) => page.items) ?? [];
  const filtered = Boolean(type || status || search.q);

  return (
    <>
      <PageHeader
        title="Communications"
        description="Every email, text message and call Flynn sent for you, newest first. Open one to see it as it was sent."
      />
      <section
        aria-label="Filters"
        className="grid grid-cols-1 gap-3 rounded-lg bg-white p-4 shadow-xs ring-1 ring-slate-200 sm:grid-cols-[minmax(0,2fr)_minmax(0,1fr)_minmax(0,1fr)]"
      >
        <SearchField value={search.q} onSearch={(q) => setSearch({ q })} placeholder="Recipient or subject" />
        <SelectField
          label="Type"
          options={TYPE_OPTIONS}
          value={type ?? ""}
          onChange={(event) => setSearch({ type: event.target.value || undefined })}
        />
        <SelectField
          label="Status"
          options={STATUS_OPTIONS}
          value={status ?? ""}
          onChange={(event) => setSearch({ status: event.target.value || undefined })}
        />
      </section>
      {rows.some(isOutboxEmail) ? (
        <p className="mt-4 rounded-lg bg-purple-50 px-4 py-3 text-sm text-purple-900 ring-1 ring-purple-200">
          <strong className="font-semibold">Outbox.</strong> No email provider is configured (no Resend API key), so
          emails marked <em>Outbox</em> were kept here instead of being sent. Open one to see it exactly as it would
          have been delivered.
        </p>
      ) : null}
      <PagedListBody
        query={messages}
        rows={rows}
        skeletonClassName="h-[5.25rem] md:h-14"
        filtered={filtered}
        onClearFilters={() => navigate({ search: {}, replace: true })}
        noMatch={{ title: "No messages match these filters", hint: "Try another type or status, or other words." }}
        empty={
          <EmptyState title="No messages yet">
            When a call has been processed, Flynn emails you its overview; that email, and every confirmation and
            reminder sent to your customers, appears here.
          </EmptyState>
        }
      >
        {(rows, dimmed) => (
          <RowsCard
            grid={ROW_GRID}
            dimmed={dimmed}
            headings={[
              `Sent (${zoneName(rows[0]?.sentAt ?? rows[0]?.createdAt, timezone)})`,
              "Type",
              "To and subject",
              "Status",
              "Provider id",
              "Related",
            ]}
          >
            {rows.map((message) => (
              <li key={message.id} className={`${ROW_GRID} px-4 py-3 text-sm`}>
                <MessageRowCells message={message} timezone={timezone} />
              </li>
            ))}
          </RowsCard>
        )}
      </PagedListBody>
    </>
  );
}

type MessageRow = inferRouterOutputs<AppRouter>["communications"]["list"]["items"][number];

function MessageRowCells({ message, timezone }: { message: MessageRow; timezone: string }) {
  const subject = message.subject ?? message.contentPreview ?? communicationTypeLabel(message.communicationType);
  return (
    <>
      <span className="order-2 text-right text-xs text-slate-600 md:order-none md:text-left md:text-sm">
        {message.sentAt ? (
          formatDateTime(message.sentAt, timezone)
        ) : (
          <>
            {formatDateTime(message.createdAt, timezone)}
            <span className="block text-xs text-slate-500">not sent</span>
          </>
        )}
      </span>
      <span className="hidden text-slate-600 md:block">{communicationTypeLabel(message.communicationType)}</span>
      <span className="order-1 min-w-0 md:order-none">
        <Link
          to="/communications/$communicationId"
          params={{ communicationId: message.id }}
          className={`block truncate ${linkClass}`}
        >
          {subject}
        </Link>
        <span className="block truncate text-xs text-slate-500">
          <span className="md:hidden">{communicationTypeLabel(message.communicationType)} to </span>
          {message.recipient}
        </span>
      </span>
      <span className="order-3 col-span-2 flex flex-wrap items-center gap-1.5 md:order-none md:col-span-1">
        <ValueBadge value={message.status} />
        {isOutboxEmail(message) ? <Badge tone="purple">Outbox</Badge> : null}
        {message.errorMessage ? (
          <span className="w-full truncate text-xs text-red-700" title={message.errorMessage}>
            {message.errorMessage}
          </span>
        ) : null}
      </span>
      <span className="order-4 hidden min-w-0 truncate font-mono text-xs text-slate-500 md:order-none md:block">
        {message.externalId ?? "—"}
      </span>
      <span className="order-4 col-span-2 flex gap-3 text-xs md:order-none md:col-span-1 md:text-sm">
        {message.callId ? (
          <Link to="/calls/$callId" params={{ callId: message.callId }} className={linkClass}>
            Call
          </Link>
        ) : null}
        {message.eventId ? (
          <Link to="/events/$eventId" params={{ eventId: message.eventId }} className={linkClass}>
            Event
          </Link>
        ) : null}
        {!message.callId && !message.eventId ? <span className="hidden text-slate-400 md:inline">—</span> : null}
      </span>
    </>
  );
}
