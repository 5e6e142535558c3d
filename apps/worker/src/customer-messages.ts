/**
 * Sending what the confirmation and reminder jobs claimed (see
 * @flynn/db/queries/customer-messages for the claims): each message is a `communication_logs`
 * row, claimed `pending` before anything is sent, marked `sent` (with the provider's id) or
 * `failed` (with why) afterwards.
 *
 * Email is retried until it goes: Resend gets the row's idempotency key, so a rerun after a
 * crash, or a second run, sends the stored message once. A text cannot be sent that way
 * (Twilio has no idempotency key), and a customer texted twice is worse than one who must
 * call, so texts are sent at most once: a text whose attempt was cut short (a crash, a
 * 5xx, a lost connection) is marked failed, never resent. Only an attempt that certainly
 * did not reach Twilio (a 429, Twilio unreachable) leaves the row pending with its error,
 * for graphile-worker's next attempt to take.
 */

import { calendarLinks } from "@flynn/calendar";
import type { Tx } from "@flynn/db/client";
import {
  type CustomerChannel,
  type CustomerMessageLog,
  type CustomerMessageState,
  claimCustomerMessage,
  failCustomerMessages,
  type NoticePlan,
  planNotices,
  readCustomerMessageState,
  sentStampOf,
  takeSmsAttempt,
} from "@flynn/db/queries/customer-messages";
import { claimedMessage, markMessageSent } from "@flynn/db/queries/message-log";
import { maySendSms, recordSmsConsent } from "@flynn/db/queries/sms";
import { e164PhoneSchema } from "@flynn/domain";
import {
  type CustomerMessageKind,
  type CustomerMessageSource,
  EmailSendError,
  renderCustomerEmail,
  renderCustomerSms,
} from "@flynn/email";
import { createSmsSender, SmsSendError, TWILIO_UNSUBSCRIBED_RECIPIENT } from "@flynn/telephony";
import type { WorkerDeps } from "./deps";
import { recordFailedSend, sendClaimedEmail } from "./email-delivery";
import type { Attempt } from "./job-attempt";

export const NOT_RESENT =
  "the attempt was cut short before Twilio answered; not sent again, so the customer never gets it twice";
export const OPTED_OUT = "Not sent: the customer opted out of texts (STOP)";
export const SUPERSEDED = "Not sent: the event changed, or its time passed, before it went out";

/** The customer's phone as a text can go to it (E.164), or null. */
function textablePhone(state: CustomerMessageState): string | null {
  const phone = state.event.customerPhone?.trim();
  return phone && e164PhoneSchema.safeParse(phone).success ? phone : null;
}

/** Where a message on `channel` goes; null when the customer cannot be reached on it. */
export function recipientOn(state: CustomerMessageState, channel: CustomerChannel): string | null {
  return channel === "email" ? state.event.customerEmail?.trim() || null : textablePhone(state);
}

/**
 * The channels a customer can be reached on. Notices (confirmations, moves, cancellations):
 * email whenever the address is known, a text when the number is known and the owner enabled
 * SMS (their reminder settings' channels include "sms"). Reminders: exactly the channels of
 * the reminder settings. A text also needs the business's own Flynn number to come from.
 */
export function reachableChannels(
  state: CustomerMessageState,
  purpose: "notice" | "reminder",
): Record<CustomerChannel, boolean> {
  const channels = state.reminderSettings?.channels ?? [];
  return {
    email: Boolean(recipientOn(state, "email")) && (purpose === "notice" || channels.includes("email")),
    sms: Boolean(recipientOn(state, "sms")) && channels.includes("sms") && Boolean(state.business.flynnNumber),
  };
}

/** The notices the event's state calls for now (see planNotices), on the channels a notice can take. */
export function noticePlanOf(state: CustomerMessageState, now: Date): NoticePlan {
  return planNotices({
    eventId: state.event.id,
    status: state.event.status,
    slot: state.event.datetime,
    reachable: reachableChannels(state, "notice"),
    logs: state.logs,
    now,
  });
}

/**
 * The reminders a confirmed event gets, as minutes before its start: the reminder settings'
 * offsets (each once) while reminders are enabled and the customer can be reached for them.
 */
export function reminderOffsets(state: CustomerMessageState): number[] {
  const settings = state.reminderSettings;
  const reachable = reachableChannels(state, "reminder");
  if (state.event.status !== "confirmed" || !state.event.datetime || !settings?.enabled) return [];
  if (!reachable.email && !reachable.sms) return [];
  return [...new Set(settings.offsets_minutes)].sort((a, b) => b - a);
}

/**
 * Renders the message for `channel` from the event as it is now and claims it under `key`
 * (see claimCustomerMessage): null when a row with that key exists already.
 */
export async function claimCustomerMessageFor(
  tx: Tx,
  deps: WorkerDeps,
  state: CustomerMessageState,
  message: { channel: CustomerChannel; key: string; kind: CustomerMessageKind },
): Promise<CustomerMessageLog | null> {
  const { channel, key, kind } = message;
  return claimCustomerMessage(tx, {
    userId: state.event.userId,
    eventId: state.event.id,
    channel,
    key,
    recipient: recipientOn(state, channel) as string,
    ...renderCustomerMessage(deps, state, channel, kind),
  });
}

/** The message for `channel`, rendered from the event as it is now. */
function renderCustomerMessage(
  deps: WorkerDeps,
  state: CustomerMessageState,
  channel: CustomerChannel,
  kind: CustomerMessageKind,
): { subject: string | null; content: string } {
  const { event, business } = state;
  if (!event.datetime) throw new Error(`event ${event.id} has no time to tell its customer`);
  const at = { ...event, datetime: event.datetime };
  const source: CustomerMessageSource = {
    kind,
    business: {
      name: business.name,
      timezone: business.timezone,
      phone: business.flynnNumber ?? business.ownerPhone,
      terminology: business.terminology,
    },
    event: at,
    template: state.template,
    calendarLinks: deps.apiUrl
      ? calendarLinks(at, {
          audience: { kind: "customer", companyName: business.name },
          apiUrl: deps.apiUrl,
          keyring: deps.keyring,
        })
      : null,
  };
  if (channel === "sms") return { subject: null, content: renderCustomerSms(source) };
  const email = renderCustomerEmail(source);
  return { subject: email.subject, content: email.html };
}

export type DeliveryOutcome = "sent" | "outbox" | "failed" | "opted-out" | "not-resent";

/** Thrown after every message had its turn, when one of them should be tried again later. */
export class RetryLater extends Error {
  override name = "RetryLater";
}

/**
 * A customer-message job: reads the event under its row lock (see readCustomerMessageState),
 * lets `claim` decide from it what to send (the rows it claimed or resumes, or why nothing is
 * due), and sends those once the transaction has committed the claims.
 */
export async function claimAndDeliver<Skip extends string>(
  deps: WorkerDeps,
  eventId: string,
  attempt: Attempt,
  claim: (tx: Tx, state: CustomerMessageState) => Promise<CustomerMessageLog[] | Skip>,
): Promise<DeliveryOutcome[] | Skip | "missing"> {
  const claimed = await deps.db.transaction(async (tx) => {
    const state = await readCustomerMessageState(tx, deps.keyring, eventId);
    if (!state) return "missing" as const;
    const deliveries = await claim(tx, state);
    return typeof deliveries === "string" ? deliveries : { state, deliveries };
  });
  if (typeof claimed === "string") return claimed;
  return deliverCustomerMessages(deps, claimed.state, claimed.deliveries, attempt);
}

/**
 * Sends each claimed message and records how it went. Throws `RetryLater` at the end when a
 * message failed in a way a later attempt may fix (and this was not the last attempt), so
 * graphile-worker retries the job; the messages that went out are not sent again then.
 */
async function deliverCustomerMessages(
  deps: WorkerDeps,
  state: CustomerMessageState,
  logs: CustomerMessageLog[],
  attempt: Attempt,
): Promise<DeliveryOutcome[]> {
  const context = { userId: state.event.userId, from: state.business.flynnNumber };
  const outcomes: DeliveryOutcome[] = [];
  let retry: RetryLater | undefined;
  for (const log of logs) {
    try {
      outcomes.push(
        log.channel === "email"
          ? await deliverEmail(deps, log, attempt, state.business.ownerEmail)
          : await deliverSms(deps, context, log, attempt),
      );
    } catch (error) {
      // A provider's error gets this far only from recordFailedSend: recorded, for a retry.
      if (!(error instanceof EmailSendError || error instanceof SmsSendError)) throw error;
      retry ??= new RetryLater(error.message);
    }
  }
  if (retry) throw retry;
  return outcomes;
}

async function markSent(deps: WorkerDeps, log: CustomerMessageLog, providerId: string | null): Promise<void> {
  await markMessageSent(deps.db, {
    logId: log.id,
    providerId,
    at: deps.now(),
    stamp: sentStampOf(log.idempotencyKey),
  });
}

function deliverEmail(
  deps: WorkerDeps,
  log: CustomerMessageLog,
  attempt: Attempt,
  replyTo: string,
): Promise<DeliveryOutcome> {
  const email = { ...claimedMessage(log), idempotencyKey: log.idempotencyKey, replyTo };
  return sendClaimedEmail(deps, email, attempt, (providerId) => markSent(deps, log, providerId));
}

async function deliverSms(
  deps: WorkerDeps,
  context: { userId: string; from: string | null },
  log: CustomerMessageLog,
  attempt: Attempt,
): Promise<DeliveryOutcome> {
  if (!(await maySendSms(deps.db, { userId: context.userId, phoneNumber: log.recipient }))) {
    await failCustomerMessages(deps.db, [log.id], OPTED_OUT);
    return "opted-out";
  }
  if (!context.from) {
    await failCustomerMessages(deps.db, [log.id], "Not sent: the business has no active Flynn number to text from");
    return "failed";
  }
  if (!(await takeSmsAttempt(deps.db, log.id))) {
    // An attempt began before and never finished (or is still running elsewhere: if it does
    // send, its mark corrects this row).
    await failCustomerMessages(deps.db, [log.id], `Outcome unknown: ${NOT_RESENT}`);
    return "not-resent";
  }
  const sender = deps.sms ?? createSmsSender(null);
  let providerId: string | null;
  try {
    ({ providerId } = await sender.send({ to: log.recipient, from: context.from, body: log.content ?? "" }));
  } catch (error) {
    if (!(error instanceof SmsSendError)) throw error;
    if (error.outcome === "unknown") {
      await failCustomerMessages(deps.db, [log.id], `${error.message}: ${NOT_RESENT}`);
      return "not-resent";
    }
    if (error.code === TWILIO_UNSUBSCRIBED_RECIPIENT) {
      // Twilio knows of a STOP we missed: record it, so no text is even attempted again.
      await recordSmsConsent(deps.db, {
        userId: context.userId,
        phoneNumber: log.recipient,
        optedOut: true,
        keyword: "TWILIO-21610",
      });
      await failCustomerMessages(deps.db, [log.id], `${OPTED_OUT}; ${error.message}`);
      return "opted-out";
    }
    return recordFailedSend(deps, log.id, error, attempt);
  }
  await markSent(deps, log, providerId);
  return providerId ? "sent" : "outbox";
}
