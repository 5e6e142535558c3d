/**
 * Sending an email a job has claimed as a `pending` communication_logs row (see
 * @flynn/db/queries/message-log): the owner's call overview, the owner's "reconnect" notice,
 * customers' confirmations and reminders. The stored message goes under the row's idempotency
 * key, so a rerun after a crash (or a retry) repeats the first attempt's payload exactly and
 * Resend delivers it once. Then the row is marked sent; a failed attempt is recorded on it.
 */
import { type ClaimedMessage, recordSendError } from "@flynn/db/queries/message-log";
import { EmailSendError, htmlToText } from "@flynn/email";
import type { WorkerDeps } from "./deps";
import { type Attempt, isFinalFailure } from "./job-attempt";

export interface ClaimedEmail extends ClaimedMessage {
  idempotencyKey: string;
  /** Where replies go (a customer's reply reaches the business, not Flynn's sender). */
  replyTo?: string;
}

export type EmailOutcome = "sent" | "outbox" | "failed";

/**
 * Sends the claimed email and marks it sent with `markSent` (given the provider's id; null in
 * outbox mode). A send that failed is recorded (see recordFailedSend): "failed", or thrown.
 */
export async function sendClaimedEmail(
  deps: WorkerDeps,
  email: ClaimedEmail,
  attempt: Attempt,
  markSent: (providerId: string | null) => Promise<void>,
): Promise<EmailOutcome> {
  let providerId: string | null;
  try {
    ({ providerId } = await deps.mailer.send({
      to: email.recipient,
      subject: email.subject,
      html: email.content,
      text: htmlToText(email.content),
      idempotencyKey: email.idempotencyKey,
      ...(email.replyTo ? { replyTo: email.replyTo } : {}),
    }));
  } catch (error) {
    if (!(error instanceof EmailSendError)) throw error;
    return recordFailedSend(deps, email.logId, error, attempt);
  }
  await markSent(providerId);
  return providerId ? "sent" : "outbox";
}

/**
 * Records a provider's refusal on the message's row. A failure that will not change, or one
 * on the job's last attempt: the row becomes `failed` and nothing is sent again. Otherwise
 * the row stays pending with the error and `error` is thrown back, so the job is retried.
 */
export async function recordFailedSend(
  deps: WorkerDeps,
  logId: string,
  error: Error & { transient: boolean },
  attempt: Attempt,
): Promise<"failed"> {
  const final = isFinalFailure(error.transient, attempt);
  await recordSendError(deps.db, { logId, errorMessage: error.message, final });
  if (!final) throw error;
  return "failed";
}
