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
/** What is further from its call than this was made today for a call dated back: move it. */
const NOT_YET_MOVED = sql`interval '10 minutes'`;

/**
 * Gives what the worker made for the user's calls (events, the overview email, the call's
 * processed and emailed times) the day of its call instead of today, so the charts show
 * events on the days of their calls. Rows already moved stay as they are: a second run
 * changes nothing.
 */
export async function backdateProcessedRows(db: Db, userId: string): Promise<void> {
  await db.execute(sql`
    UPDATE ${events} SET created_at = c.created_at + ${PROCESSED_AFTER}
    FROM ${calls} c
    WHERE ${events.callId} = c.id AND c.user_id = ${userId}
      AND ${events.createdAt} > c.created_at + ${NOT_YET_MOVED}`);
  await db.execute(sql`
    UPDATE ${communicationLogs}
    SET created_at = c.created_at + ${PROCESSED_AFTER},
        sent_at = CASE WHEN ${communicationLogs.sentAt} IS NULL THEN NULL ELSE c.created_at + ${PROCESSED_AFTER} END
    FROM ${calls} c
    WHERE ${communicationLogs.callId} = c.id AND c.user_id = ${userId}
      AND ${communicationLogs.createdAt} > c.created_at + ${NOT_YET_MOVED}`);
  const moved = (column: string) =>
    sql`CASE WHEN ${sql.identifier(column)} > created_at + ${NOT_YET_MOVED} THEN created_at + ${PROCESSED_AFTER} ELSE ${sql.identifier(column)} END`;
  await db.execute(sql`
    UPDATE ${calls} SET processed_at = ${moved("processed_at")}, email_sent_at = ${moved("email_sent_at")}
    WHERE user_id = ${userId}
      AND (processed_at > created_at + ${NOT_YET_MOVED} OR email_sent_at > created_at + ${NOT_YET_MOVED})`);
}
