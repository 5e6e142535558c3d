/**
 * The events list's rows (a table from 768 px, stacked cards below, in the shared RowsCard),
 * each with a checkbox for confirming several at once.
 */
import type { AppRouter } from "@flynn/api";
import { checkTransition } from "@flynn/domain/event-states";
import { Link } from "@tanstack/react-router";
import type { inferRouterOutputs } from "@trpc/server";
import type { ReactNode } from "react";
import { ValueBadge } from "../../components/badge";
import { RowsCard } from "../../components/paged-list";
import { formatDateTime, formatMoney, formatPhone, humanize, zoneName } from "../../lib/format";
import { eventTime } from "./calendar-layout";

export type EventRow = inferRouterOutputs<AppRouter>["events"]["list"]["items"][number];

/** Tick | event | when | type | status | price, from 768 px; stacked below. */
const ROW_GRID =
  "grid grid-cols-[1.25rem_minmax(0,1fr)] gap-x-3 gap-y-1 md:grid-cols-[1.25rem_minmax(0,2.2fr)_minmax(0,1.4fr)_minmax(0,1fr)_7rem_6rem] md:items-center";
export const CHECKBOX =
  "size-4 rounded border-slate-300 text-indigo-600 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600 disabled:opacity-40";

/** Whether the row may be ticked for "Confirm selected" (the state machine, as the server applies it). */
export const canConfirm = (event: Pick<EventRow, "status">) => checkTransition(event.status, "confirm").ok;

/** An event's title linking to its page, with a line under it. */
export function EventTitleLink({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <div className="min-w-0">
      <Link
        to="/events/$eventId"
        params={{ eventId: id }}
        className="block truncate rounded text-sm font-medium text-slate-900 hover:text-indigo-700 focus-visible:outline-2 focus-visible:outline-indigo-600"
      >
        {title}
      </Link>
      <p className="truncate text-xs text-slate-500">{children}</p>
    </div>
  );
}

export function EventRows({
  events,
  timezone,
  selected,
  onSelect,
  dimmed,
}: {
  events: readonly EventRow[];
  timezone: string;
  selected: ReadonlySet<string>;
  onSelect: (ids: string[], on: boolean) => void;
  dimmed: boolean;
}) {
  const zone = zoneName(events[0] ? eventTime(events[0]) : null, timezone);
  return (
    <RowsCard
      grid={ROW_GRID}
      dimmed={dimmed}
      headings={[
        "",
        "Event",
        `When (${zone})`,
        "Type",
        "Status",
        <span key="price" className="block text-right">
          Price
        </span>,
      ]}
    >
      {events.map((event) => (
        <EventListRow
          key={event.id}
          event={event}
          timezone={timezone}
          checked={selected.has(event.id)}
          onCheck={(on) => onSelect([event.id], on)}
        />
      ))}
    </RowsCard>
  );
}

function EventListRow({
  event,
  timezone,
  checked,
  onCheck,
}: {
  event: EventRow;
  timezone: string;
  checked: boolean;
  onCheck: (on: boolean) => void;
}) {
  const confirmable = canConfirm(event);
  const at = eventTime(event);
  const customer = [event.customerName, event.customerPhone ? formatPhone(event.customerPhone) : null].filter(Boolean);
  return (
    <li className={`${ROW_GRID} px-4 py-3 text-sm`}>
      <input
        type="checkbox"
        className={`${CHECKBOX} mt-0.5 md:mt-0`}
        aria-label={`Select ${event.title}`}
        title={confirmable ? undefined : `A ${event.status} event cannot be confirmed`}
        checked={checked}
        disabled={!confirmable}
        onChange={(e) => onCheck(e.target.checked)}
      />
      <EventTitleLink id={event.id} title={event.title}>
        {customer.join(" · ") || "No customer details"}
      </EventTitleLink>
      <span className="col-start-2 text-slate-700 md:col-start-auto">
        {at ? formatDateTime(at, timezone) : <span className="text-slate-500">Not scheduled</span>}
      </span>
      <span className="col-start-2 text-slate-700 md:col-start-auto">{humanize(event.eventType)}</span>
      <span className="col-start-2 flex flex-wrap gap-1 md:col-start-auto">
        <ValueBadge value={event.status} />
        {event.urgencyLevel === "high" || event.urgencyLevel === "emergency" ? (
          <ValueBadge value={event.urgencyLevel} />
        ) : null}
      </span>
      <span className="col-start-2 text-slate-700 md:col-start-auto md:text-right">
        {event.priceEstimate ? formatMoney(event.priceEstimate, event.currency ?? "USD") : ""}
      </span>
    </li>
  );
}
