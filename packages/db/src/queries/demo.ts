/**
 * The development demo account's own statements, as the database owner (the API server's
 * demo seeding; never in production). Its sample calls go through the real webhooks and
 * worker; these only date them back over the last days, so the dashboard shows a history.
 */
import { and, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "../client";
import { calls, communicationLogs, events, users } from "../schema/index";

/** The account with this email, if it exists. */
export async function findUserByEmail(db: Db, email: string) {
  const [user] = await db
    .select({ id: users.id, email: users.email, isActive: users.isActive })
    .from(users)
    .where(eq(users.email, email));
  return user ?? null;
}

/** Which of these callers have called the user already (the demo simulates each sample once). */
export async function callersWithCalls(db: Db, userId: string, callerNumbers: readonly string[]): Promise<Set<string>> {
  if (callerNumbers.length === 0) return new Set();
  const rows = await db
    .selectDistinct({ callerNumber: calls.callerNumber })
    .from(calls)
    .where(and(eq(calls.userId, userId), inArray(calls.callerNumber, [...callerNumbers])));
  return new Set(rows.map((row) => row.callerNumber));
}

/**
 * Moves a call's start to `at`. Done before its recording arrives, so the worker reads the
 * call's time as `at` and places "tomorrow at ten" relative to that day.
 */
export async function backdateCall(db: Db, params: { callSid: string; at: Date }): Promise<void> {
  await db.update(calls).set({ createdAt: params.at }).where(eq(calls.twilioCallSid, params.callSid));
}

/** Calls among these callers' that the worker has not finished (not failed, and no overview sent yet). */
export async function unfinishedCalls(db: Db, userId: string, callerNumbers: readonly string[]): Promise<number> {
  const [row] = await db
    .select({ count: sql<number>`count(*)::int` })
    .from(calls)
    .where(
      and(
        eq(calls.userId, userId),
        inArray(calls.callerNumber, [...callerNumbers]),
        sql`${calls.aiProcessingStatus} IS DISTINCT FROM 'failed' AND ${calls.emailSentAt} IS NULL`,
      ),
    );
  return row?.count ?? 0;
}

/** A call's events and email came this long after it began, as a live call's would. */
const PROCESSED_AFTER = sql`interval '1 minute'`;

/**
 * Gives what the worker made for these callers' calls to the user (events, the overview email,
 * the call's processed and emailed times) the day of its call instead of today, so the charts
 * show events on the days of their calls. Whatever is later than a minute after its call has
 * not been moved yet, however close to the call it was made: a sample placed a few minutes ago
 * is processed only minutes after its (moved) start. Moved rows sit exactly a minute after their
 * call, so a second run changes nothing; the user's other calls are left as they were made.
 */
export async function backdateProcessedRows(db: Db, userId: string, callerNumbers: readonly string[]): Promise<void> {
  if (callerNumbers.length === 0) return;
  const ofTheseCalls = (alias: string) =>
    sql`${sql.identifier(alias)}.user_id = ${userId} AND ${sql.identifier(alias)}.caller_number IN ${[...callerNumbers]}`;
  await db.execute(sql`
    UPDATE ${events} SET created_at = c.created_at + ${PROCESSED_AFTER}
    FROM ${calls} c
    WHERE ${events.callId} = c.id AND ${ofTheseCalls("c")}
      AND ${events.createdAt} > c.created_at + ${PROCESSED_AFTER}`);
  await db.execute(sql`
    UPDATE ${communicationLogs}
    SET created_at = c.created_at + ${PROCESSED_AFTER},
        sent_at = CASE WHEN ${communicationLogs.sentAt} IS NULL THEN NULL ELSE c.created_at + ${PROCESSED_AFTER} END
    FROM ${calls} c
    WHERE ${communicationLogs.callId} = c.id AND ${ofTheseCalls("c")}
      AND ${communicationLogs.createdAt} > c.created_at + ${PROCESSED_AFTER}`);
  const moved = (column: string) =>
    sql`CASE WHEN ${sql.identifier(column)} > created_at + ${PROCESSED_AFTER} THEN created_at + ${PROCESSED_AFTER} ELSE ${sql.identifier(column)} END`;
  await db.execute(sql`
    UPDATE ${calls} SET processed_at = ${moved("processed_at")}, email_sent_at = ${moved("email_sent_at")}
    WHERE ${ofTheseCalls("calls")}
      AND (processed_at > created_at + ${PROCESSED_AFTER} OR email_sent_at > created_at + ${PROCESSED_AFTER})`);
}
