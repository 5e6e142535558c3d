/**
 * What every message the worker sends has in common (the owner's call overview, the owner's
 * "reconnect your calendar" notice, customers' confirmations and reminders), written as the
 * database owner (no RLS): it is a `communication_logs` row claimed `pending` with the
 * rendered message before anything is sent, then marked `sent` with the provider's id, or
 * given the error of a failed attempt (`failed` once no attempt is left to make).
 */
import { and, eq, type SQL, sql } from "drizzle-orm";
import type { Db } from "../client";
import { communicationLogs, events } from "../schema/index";

/** A claimed row as a retry resends it: the stored message, never one rendered again. */
export const claimedMessageColumns = {
  id: communicationLogs.id,
  status: communicationLogs.status,
  recipient: communicationLogs.recipient,
  subject: communicationLogs.subject,
  content: communicationLogs.content,
};

/** A message to send: its row and what the row stores. */
export interface ClaimedMessage {
  logId: string;
  recipient: string;
  subject: string;
  /** The full HTML: the outbox shows it, and a retry resends exactly it. */
  content: string;
}

/** The claimed row of an earlier attempt as the message to send again. */
export function claimedMessage(row: {
  id: string;
  recipient: string;
  subject: string | null;
  content: string | null;
}): ClaimedMessage {
  return { logId: row.id, recipient: row.recipient, subject: row.subject ?? "", content: row.content ?? "" };
}

export interface OwnerNotice {
  userId: string;
  recipient: string;
  subject: string;
  content: string;
  /** communication_logs.idempotency_key: one notice per purpose, ever. */
  key: string;
}

export type OwnerNoticeClaim =
  | ({ kind: "claimed" } & ClaimedMessage)
  /** Outbox mode: stored as sent. */
  | { kind: "outbox" }
  /** Handled by an earlier run. */
  | { kind: "done" };

/**
 * Claims an email to the owner under its idempotency key: a new pending row (in outbox mode,
 * `outboxAt`: stored as sent at once, nothing to send), or the pending row of an earlier
 * attempt whose send may not have happened (resent under the same key, so Resend delivers it
 * once). Anything else under the key was handled already.
 */
export async function claimOwnerNotice(
  db: Db,
  notice: OwnerNotice,
  { outboxAt }: { outboxAt?: Date } = {},
): Promise<OwnerNoticeClaim> {
  const [inserted] = await db
    .insert(communicationLogs)
    .values({
      userId: notice.userId,
      communicationType: "email",
      recipient: notice.recipient,
      subject: notice.subject,
      content: notice.content,
      status: outboxAt ? "sent" : "pending",
      sentAt: outboxAt ?? null,
      idempotencyKey: notice.key,
    })
    .onConflictDoNothing({ target: communicationLogs.idempotencyKey })
    .returning({ id: communicationLogs.id });
  if (inserted) {
    return outboxAt ? { kind: "outbox" } : { kind: "claimed", ...claimedMessage({ id: inserted.id, ...notice }) };
  }
  const [earlier] = await db
    .select(claimedMessageColumns)
    .from(communicationLogs)
    .where(eq(communicationLogs.idempotencyKey, notice.key));
  if (earlier?.status !== "pending") return { kind: "done" };
  return { kind: "claimed", ...claimedMessage(earlier) };
}

/** The event column a sent message stamps: confirmations and reminders have one, other messages none. */
export type SentStamp = "confirmation" | "reminder" | null;

/**
 * The provider took the message (`providerId` null: it stays in the outbox): the row becomes
 * `sent` and the event's stamp (confirmation_sent_at or reminder_sent_at) is set, in one
 * statement. A row another run gave up on as "outcome unknown" is corrected too: it did go out.
 */
export async function markMessageSent(
  db: Db,
  params: { logId: string; providerId: string | null; at: Date; stamp: SentStamp },
): Promise<void> {
  const at = params.at.toISOString();
  const stamp: SQL | null =
    params.stamp === "confirmation"
      ? sql`${sql.identifier(events.confirmationSentAt.name)} = ${at}::timestamptz`
      : params.stamp === "reminder"
        ? sql`${sql.identifier(events.reminderSentAt.name)} = ${at}::timestamptz`
        : null;
  const sent = sql`UPDATE ${communicationLogs}
    SET status = 'sent', external_id = ${params.providerId}, error_message = NULL, sent_at = ${at}::timestamptz
    WHERE ${communicationLogs.id} = ${params.logId} AND ${communicationLogs.externalId} IS NULL
      AND ${communicationLogs.status} IN ('pending', 'failed')
    RETURNING event_id`;
  await db.execute(
    stamp
      ? sql`WITH sent AS (${sent}) UPDATE ${events} SET ${stamp} WHERE ${events.id} IN (SELECT event_id FROM sent)`
      : sent,
  );
}

/**
 * Records a failed attempt. `final`: the row becomes `failed` and is never sent again;
 * otherwise it stays `pending` with the error, for the next attempt to resend.
 */
export async function recordSendError(
  db: Db,
  params: { logId: string; errorMessage: string; final: boolean },
): Promise<void> {
  await db
    .update(communicationLogs)
    .set({ errorMessage: params.errorMessage, status: params.final ? "failed" : "pending" })
    .where(and(eq(communicationLogs.id, params.logId), eq(communicationLogs.status, "pending")));
}
