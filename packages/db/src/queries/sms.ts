/**
 * SMS consent and delivery tracking, written by the Twilio webhooks as the database owner
 * (no user is signed in), and read before any confirmation or reminder is texted.
 */
import { COMMUNICATION_STATUS_RANK, type CommunicationStatus } from "@flynn/domain";
import { and, eq, sql } from "drizzle-orm";
import type { Db } from "../client";
import { communicationLogs, phoneNumbers, smsOptOuts } from "../schema/index";

/** Records a customer's STOP (optedOut) or START for the business that owns the number texted. */
export async function recordSmsConsent(
  db: Db,
  params: { userId: string; phoneNumber: string; optedOut: boolean; keyword: string },
) {
  const [row] = await db
    .insert(smsOptOuts)
    .values({
      userId: params.userId,
      phoneNumber: params.phoneNumber,
      optedOut: params.optedOut,
      lastKeyword: params.keyword,
    })
    .onConflictDoUpdate({
      target: [smsOptOuts.userId, smsOptOuts.phoneNumber],
      set: { optedOut: params.optedOut, lastKeyword: params.keyword },
    })
    .returning({ optedOut: smsOptOuts.optedOut });
  return row;
}

/** Whether a business may text this customer (no STOP, or a START since). */
export async function maySendSms(db: Db, params: { userId: string; phoneNumber: string }): Promise<boolean> {
  const [row] = await db
    .select({ optedOut: smsOptOuts.optedOut })
    .from(smsOptOuts)
    .where(and(eq(smsOptOuts.userId, params.userId), eq(smsOptOuts.phoneNumber, params.phoneNumber)));
  return !row?.optedOut;
}

const rankSql = sql.raw(
  `CASE coalesce(status, 'pending') ${Object.entries(COMMUNICATION_STATUS_RANK)
    .map(([status, rank]) => `WHEN '${status}' THEN ${rank}`)
    .join(" ")} END`,
);

/**
 * Applies a delivery report to the message with this provider id, unless the message already
 * has a status of the same or a higher rank (reports arrive late and twice). Returns whether
 * anything changed.
 */
export async function applyDeliveryStatus(
  db: Db,
  params: { externalId: string; status: CommunicationStatus; errorMessage?: string | null; at: Date },
): Promise<boolean> {
  const { externalId, status, errorMessage, at } = params;
  const result = await db
    .update(communicationLogs)
    .set({
      status,
      errorMessage: errorMessage ?? sql`${communicationLogs.errorMessage}`,
      sentAt:
        status === "pending" ? undefined : sql`coalesce(${communicationLogs.sentAt}, ${at.toISOString()}::timestamptz)`,
      deliveredAt: status === "delivered" ? at : undefined,
    })
    .where(and(eq(communicationLogs.externalId, externalId), sql`${rankSql} < ${COMMUNICATION_STATUS_RANK[status]}`));
  return (result.rowCount ?? 0) > 0;
}

/** The business an active Twilio number belongs to; null for a number no business has active. */
export async function ownerOfActiveNumber(db: Db, twilioPhoneNumber: string): Promise<string | null> {
  const [row] = await db
    .select({ userId: phoneNumbers.userId })
    .from(phoneNumbers)
    .where(and(eq(phoneNumbers.twilioPhoneNumber, twilioPhoneNumber), eq(phoneNumbers.isActive, true)));
  return row?.userId ?? null;
}
