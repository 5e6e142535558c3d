/**
 * Where an event stands outside Flynn: "add to calendar" links (Google, Outlook, an .ics
 * file) once it has a time, whether its copy is in the connected Google Calendar or Outlook,
 * and which messages its customer has had.
 */
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { Link } from "@tanstack/react-router";
import { type ReactNode, useEffect, useId, useRef } from "react";
import { Badge } from "../../components/badge";
import { buttonClass } from "../../components/button";
import { Card } from "../../components/card";
import { Skeleton } from "../../components/feedback";
import { TimeAgo } from "../../components/time-ago";
import { formatDateTime, humanize, zoneName } from "../../lib/format";
import { trpc } from "../../lib/trpc";
import type { EventDetail } from "./event-form";

const eventTime = (event: EventDetail) => event.confirmedDatetime ?? event.proposedDatetime;

const linkClass =
  "rounded font-medium text-indigo-700 hover:text-indigo-600 focus-visible:outline-2 focus-visible:outline-indigo-600";

export function CalendarCard({ event, timezone }: { event: EventDetail; timezone: string }) {
  return (
    <Card title="Calendar">
      <div className="space-y-4 text-sm">
        <AddToCalendar event={event} />
        <SyncStatus event={event} timezone={timezone} />
      </div>
    </Card>
  );
}

function AddToCalendar({ event }: { event: EventDetail }) {
  const queryClient = useQueryClient();
  const headingId = useId();
  const hasTime = eventTime(event) !== null;
  const links = useQuery({ ...trpc.calendarFeed.eventLinks.queryOptions({ id: event.id }), enabled: hasTime });
  // The links carry the event's time, title and place: an edit (here or live) makes new ones.
  const updatedAt = event.updatedAt?.getTime();
  const seen = useRef(updatedAt);
  useEffect(() => {
    if (seen.current === updatedAt) return;
    seen.current = updatedAt;
    void queryClient.invalidateQueries({ queryKey: trpc.calendarFeed.eventLinks.queryKey({ id: event.id }) });
  }, [updatedAt, event.id, queryClient]);

  return (
    <section aria-labelledby={headingId}>
      <h3 id={headingId} className="font-medium text-slate-800">
        Add to calendar
      </h3>
      {!hasTime || links.data === null ? (
        <p className="mt-1 text-slate-600">Give the event a time to add it to a calendar.</p>
      ) : links.isPending ? (
        <Skeleton className="mt-2 h-7 w-full" />
      ) : links.error ? (
        <p className="mt-1 text-red-700">The links could not be made. Reload the page to try again.</p>
      ) : (
        <div className="mt-2 flex flex-wrap gap-2">
          <a
            href={links.data.google}
            target="_blank"
            rel="noopener noreferrer"
            className={buttonClass("secondary", "sm")}
          >
            Google Calendar
          </a>
          <a
            href={links.data.outlook}
            target="_blank"
            rel="noopener noreferrer"
            className={buttonClass("secondary", "sm")}
          >
            Outlook
          </a>
          <a href={links.data.ics} download className={buttonClass("secondary", "sm")}>
            Download .ics
          </a>
        </div>
      )}
    </section>
  );
}

const settingsLink = (children: ReactNode) => (
  <Link to="/settings" search={{ tab: "calendars" }} className={linkClass}>
    {children}
  </Link>
);

function SyncStatus({ event, timezone }: { event: EventDetail; timezone: string }) {
  const queryClient = useQueryClient();
  const connections = useQuery(trpc.calendars.list.queryOptions());
  // The connection's last sync moves when this event's copy is written.
  const synced = event.calendarSynced === true;
  const seen = useRef(synced);
  useEffect(() => {
    if (seen.current === synced) return;
    seen.current = synced;
    void queryClient.invalidateQueries({ queryKey: trpc.calendars.list.queryKey() });
  }, [synced, queryClient]);

  if (connections.isPending) return <Skeleton className="h-10 w-full" />;
  const target = connections.data?.find((connection) => connection.active);
  const broken = connections.data?.find((connection) => connection.needsReconnect);
  const label = target?.label ?? "your calendar";

  let status: { badge: ReactNode; detail: ReactNode };
  if (synced) {
    status = {
      badge: <Badge tone="green">In {label}</Badge>,
      detail: target?.lastSyncAt ? (
        <>
          Last sync <TimeAgo at={target.lastSyncAt} timezone={timezone} />
        </>
      ) : null,
    };
  } else if (!target) {
    status = {
      badge: <Badge>Not synced</Badge>,
      detail: broken ? (
        <>
          {broken.label} needs reconnecting. {settingsLink("Reconnect")}
        </>
      ) : (
        <>No calendar is connected. {settingsLink("Connect Google Calendar or Outlook")}</>
      ),
    };
  } else if (!target.syncEnabled || !target.calendarId) {
    status = {
      badge: <Badge>Not synced</Badge>,
      detail: (
        <>
          Sync to {label} is off. {settingsLink("Calendar settings")}
        </>
      ),
    };
  } else if (event.status === "cancelled" || event.status === "completed") {
    status = { badge: <Badge>Not synced</Badge>, detail: `${humanize(event.status)}: not in ${label}.` };
  } else if (event.status !== "confirmed" && event.status !== "tentative") {
    status = { badge: <Badge>Not synced</Badge>, detail: `Goes to ${label} once confirmed.` };
  } else if (!eventTime(event)) {
    status = { badge: <Badge>Not synced</Badge>, detail: `Goes to ${label} once it has a time.` };
  } else {
    status = {
      badge: <Badge tone="amber">Not synced yet</Badge>,
      detail: target.lastError ? `The last sync failed: ${target.lastError}` : `On its way to ${label}.`,
    };
  }
  return (
    <div>
      <h3 className="font-medium text-slate-800">Calendar sync</h3>
      <div className="mt-1">{status.badge}</div>
      {status.detail ? <p className="mt-1 text-slate-600">{status.detail}</p> : null}
    </div>
  );
}

const CONFIRMABLE = new Set(["extracted", "pending", "tentative"]);

/** When the customer was told: the confirmation and the reminder, or why not (yet). */
export function CustomerMessagesCard({ event, timezone }: { event: EventDetail; timezone: string }) {
  const reachable = Boolean(event.customerEmail || event.customerPhone);
  const notSent = (beforeConfirming: string) =>
    !reachable
      ? "Not sent: no email or phone for the customer"
      : CONFIRMABLE.has(event.status ?? "")
        ? beforeConfirming
        : "Not sent";
  const sent = (at: Date | null) => (at ? `Sent ${formatDateTime(at, timezone)} ${zoneName(at, timezone)}` : null);
  return (
    <Card title="Customer messages">
      <dl className="space-y-2 text-sm">
        <div>
          <dt className="font-medium text-slate-800">Confirmation</dt>
          <dd className="text-slate-600">
            {sent(event.confirmationSentAt) ?? notSent("Sent when you confirm the event")}
          </dd>
        </div>
        <div>
          <dt className="font-medium text-slate-800">Reminder</dt>
          <dd className="text-slate-600">{sent(event.reminderSentAt) ?? notSent("Sent before a confirmed event")}</dd>
        </div>
      </dl>
    </Card>
  );
}
