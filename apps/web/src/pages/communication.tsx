/**
 * The outbox viewer: one message as it was sent, with its delivery record. Every email Flynn
 * sends (or keeps, without a provider key) is stored whole, so this is exactly what the
 * recipient got.
 */
import { useQuery } from "@tanstack/react-query";
import { Link, useParams } from "@tanstack/react-router";
import type { ReactNode } from "react";
import { Badge, ValueBadge } from "../components/badge";
import { Card, PageHeader } from "../components/card";
import { EmptyState, ErrorState, Skeleton } from "../components/feedback";
import { formatDateTime, formatPhone } from "../lib/format";
import { useTimezone } from "../lib/profile";
import { trpc } from "../lib/trpc";
import { EmailBody, PlainText } from "./communication/message-body";
import { communicationTypeLabel, isOutboxEmail } from "./communications/message";

const linkClass =
  "font-medium text-indigo-700 hover:underline focus-visible:outline-2 focus-visible:outline-indigo-600";

function Detail({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="min-w-0">
      <dt className="text-xs font-medium text-slate-500">{label}</dt>
      <dd className="mt-0.5 break-words text-sm text-slate-900">{children}</dd>
    </div>
  );
}

function BackLink() {
  return (
    <Link to="/communications" className={`text-sm ${linkClass}`}>
      ← Communications
    </Link>
  );
}

export function CommunicationPage() {
  const { communicationId } = useParams({ from: "/signed-in/app/communications/$communicationId" });
  const timezone = useTimezone();
  const query = useQuery(trpc.communications.byId.queryOptions({ id: communicationId }));

  if (query.isPending) {
    return (
      <div role="status" aria-label="Loading">
        <BackLink />
        <Skeleton className="mt-3 mb-6 h-7 w-2/3" />
        <Skeleton className="mb-6 h-40 w-full" />
        <Skeleton className="h-[70vh] min-h-96 w-full" />
      </div>
    );
  }
  if (query.isError) {
    const notFound = (query.error as { data?: { code?: string } }).data?.code === "NOT_FOUND";
    return (
      <>
        <BackLink />
        <div className="mt-4">
          {notFound ? (
            <EmptyState title="This message does not exist">
              It may have been deleted with its call or event. The log lists every message that is kept.
            </EmptyState>
          ) : (
            <ErrorState error={query.error} onRetry={() => query.refetch()} />
          )}
        </div>
      </>
    );
  }

  const message = query.data;
  const subject = message.subject ?? (message.communicationType === "email" ? "(no subject)" : "Message");
  const outbox = isOutboxEmail(message);
  return (
    <>
      <BackLink />
      <div className="mt-2">
        <PageHeader
          title={subject}
          description={`${communicationTypeLabel(message.communicationType)} to ${message.recipient}`}
        />
      </div>

      <Card title="Delivery" className="mb-6">
        <dl className="grid grid-cols-1 gap-4 sm:grid-cols-2 lg:grid-cols-4">
          <Detail label="To">{message.recipient}</Detail>
          <Detail label="Status">
            <span className="inline-flex flex-wrap gap-1.5">
              <ValueBadge value={message.status} />
              {outbox ? <Badge tone="purple">Outbox</Badge> : null}
            </span>
          </Detail>
          <Detail label="Provider id">
            {message.externalId ? <code className="text-xs">{message.externalId}</code> : "—"}
          </Detail>
          <Detail label="Created">{formatDateTime(message.createdAt, timezone)}</Detail>
          <Detail label="Sent">{formatDateTime(message.sentAt, timezone)}</Detail>
          <Detail label="Delivered">{formatDateTime(message.deliveredAt, timezone)}</Detail>
          <Detail label="Call">
            {message.callId ? (
              <Link to="/calls/$callId" params={{ callId: message.callId }} className={linkClass}>
                {message.callerName ?? formatPhone(message.callerNumber)}
              </Link>
            ) : (
              "—"
            )}
          </Detail>
          <Detail label="Event">
            {message.eventId ? (
              <Link to="/events/$eventId" params={{ eventId: message.eventId }} className={linkClass}>
                {message.eventTitle ?? "Event"}
              </Link>
            ) : (
              "—"
            )}
          </Detail>
        </dl>
        {message.errorMessage ? (
          <p role="alert" className="mt-4 rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
            {message.errorMessage}
          </p>
        ) : null}
        {outbox ? (
          <p className="mt-4 text-sm text-slate-600">
            No email provider is configured, so this email was kept here instead of being sent.
          </p>
        ) : null}
      </Card>

      <Card title="Message">
        {message.content === null ? (
          <p className="text-sm text-slate-600">This message has no stored content.</p>
        ) : message.communicationType === "email" ? (
          <EmailBody html={message.content} subject={subject} />
        ) : (
          <PlainText text={message.content} />
        )}
      </Card>
    </>
  );
}
