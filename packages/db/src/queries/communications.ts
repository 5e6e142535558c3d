import type { CommunicationListInput } from "@flynn/domain";
import { and, eq, ilike, inArray, or, sql } from "drizzle-orm";
import type { Tx } from "../client";
import { calls, communicationLogs, events } from "../schema/index";
import { escapeLike } from "./filters";
import { keysetPage, newestFirst } from "./pagination";

const summaryColumns = {
  id: communicationLogs.id,
  communicationType: communicationLogs.communicationType,
  recipient: communicationLogs.recipient,
  subject: communicationLogs.subject,
  status: communicationLogs.status,
  externalId: communicationLogs.externalId,
  errorMessage: communicationLogs.errorMessage,
  sentAt: communicationLogs.sentAt,
  deliveredAt: communicationLogs.deliveredAt,
  createdAt: communicationLogs.createdAt,
  eventId: communicationLogs.eventId,
  callId: communicationLogs.callId,
};

export async function listCommunications(tx: Tx, userId: string, input: CommunicationListInput) {
  const { communicationType, status, eventId, callId, search, limit } = input;
  const page = newestFirst(communicationLogs, input);
  const pattern = search ? `%${escapeLike(search)}%` : undefined;
  const rows = await tx
    .select({
      ...summaryColumns,
      contentPreview: sql<string | null>`left(${communicationLogs.content}, 160)`,
      sortKey: page.sortKey,
    })
    .from(communicationLogs)
    .where(
      and(
        // RLS already limits the rows to the user's; saying so lets the planner use the user_id index.
        eq(communicationLogs.userId, userId),
        communicationType?.length ? inArray(communicationLogs.communicationType, communicationType) : undefined,
        status?.length ? inArray(communicationLogs.status, status) : undefined,
        eventId ? eq(communicationLogs.eventId, eventId) : undefined,
        callId ? eq(communicationLogs.callId, callId) : undefined,
        pattern
          ? or(ilike(communicationLogs.recipient, pattern), ilike(communicationLogs.subject, pattern))
          : undefined,
        ...page.where,
      ),
    )
    .orderBy(...page.orderBy)
    .limit(limit + 1);
  return keysetPage(rows, limit);
}

export type CommunicationSummary = Awaited<ReturnType<typeof listCommunications>>["items"][number];

export async function getCommunication(tx: Tx, userId: string, id: string) {
  const [communication] = await tx
    .select({
      ...summaryColumns,
      content: communicationLogs.content,
      eventTitle: events.title,
      callerNumber: calls.callerNumber,
      callerName: calls.callerName,
    })
    .from(communicationLogs)
    .leftJoin(events, eq(events.id, communicationLogs.eventId))
    .leftJoin(calls, eq(calls.id, communicationLogs.callId))
    .where(and(eq(communicationLogs.id, id), eq(communicationLogs.userId, userId)));
  return communication ?? null;
}

export type Communication = NonNullable<Awaited<ReturnType<typeof getCommunication>>>;
