import { type CommunicationListInput, type CursorKey, type PageInput, toPage } from "@flynn/domain";
import { and, desc, eq, gte, ilike, inArray, isNotNull, lt, or, type SQL, sql } from "drizzle-orm";
import type { PgColumn } from "drizzle-orm/pg-core";
import type { Tx } from "../client";
import { calls, communicationLogs, events } from "../schema/index";

/** The text, with `\`, `%` and `_` matching themselves in a LIKE pattern. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, "\\$&");
}

/**
 * Newest-first keyset paging on (created_at, id). created_at is compared to the millisecond:
 * a cursor holds a JS Date, Postgres keeps microseconds, and comparing full values would skip
 * the rows that share the cursor row's millisecond.
 */
export function newestFirst(
  columns: { createdAt: PgColumn; id: PgColumn },
  { from, to, cursor }: PageInput & { from?: Date; to?: Date },
) {
  const at = sql`date_trunc('milliseconds', ${columns.createdAt})`;
  let after: SQL | undefined;
  if (cursor?.at) {
    // A row without created_at sorts first (DESC puts NULLs first), so none comes after a dated one.
    after = sql`(${at}, ${columns.id}) < (${cursor.at.toISOString()}::timestamptz, ${cursor.id}::uuid)`;
  } else if (cursor) {
    after = or(isNotNull(columns.createdAt), lt(columns.id, cursor.id));
  }
  return {
    where: [from && gte(columns.createdAt, from), to && lt(columns.createdAt, to), after],
    orderBy: [desc(at), desc(columns.id)],
    keyOf: (row: { createdAt: Date | null; id: string }): CursorKey => ({ at: row.createdAt, id: row.id }),
  };
}

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
    .select({ ...summaryColumns, contentPreview: sql<string | null>`left(${communicationLogs.content}, 160)` })
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
  return toPage(rows, limit, page.keyOf);
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
