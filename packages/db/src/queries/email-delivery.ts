/**
 * What Resend's webhooks say about an email we sent (the owner's overviews, customers'
 * confirmations and reminders), applied to its `communication_logs` row, found by Resend's
 * email id (`external_id`). Written by the webhook as the database owner (no RLS).
 *
 * Events arrive late, twice and out of order: a status only ever replaces one of a lower
 * rank (see applyDeliveryStatus), and a note is written only where it says something new,
 * so a replayed or late event changes nothing.
 */
import type { CommunicationStatus } from "@flynn/domain";
import { and, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "../client";
import { communicationLogs } from "../schema/index";
import { applyDeliveryStatus } from "./sms";

export type EmailDeliveryUpdate =
  /** A new delivery status (delivered, bounced...), with why when it failed. */
  | { kind: "status"; status: CommunicationStatus; note: string | null }
  /** Something worth knowing that changes no status: a delay (only while not yet delivered), a complaint. */
  | { kind: "note"; note: string; onlyWhileUndelivered: boolean };

/** Applies one event to the email Resend knows as `emailId`; whether anything changed. */
export async function applyEmailDelivery(
  db: Db,
  params: { emailId: string; update: EmailDeliveryUpdate; at: Date },
): Promise<boolean> {
  const { emailId, update, at } = params;
  if (update.kind === "status") {
    return applyDeliveryStatus(db, { externalId: emailId, status: update.status, errorMessage: update.note, at });
  }
  const rows = await db
    .update(communicationLogs)
    .set({ errorMessage: update.note })
    .where(
      and(
        eq(communicationLogs.externalId, emailId),
        eq(communicationLogs.communicationType, "email"),
        sql`${communicationLogs.errorMessage} IS DISTINCT FROM ${update.note}`,
        update.onlyWhileUndelivered ? inArray(communicationLogs.status, ["pending", "sent"]) : undefined,
      ),
    )
    .returning({ id: communicationLogs.id });
  return rows.length > 0;
}

/** Whether an email Resend knows as `emailId` is ours (its id stored once Resend accepted it). */
export async function isKnownEmail(db: Db, emailId: string): Promise<boolean> {
  const rows = await db
    .select({ id: communicationLogs.id })
    .from(communicationLogs)
    .where(and(eq(communicationLogs.externalId, emailId), eq(communicationLogs.communicationType, "email")))
    .limit(1);
  return rows.length > 0;
}
