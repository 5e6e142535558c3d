/**
 * What a business's customers hear about their events (confirmations, notices that an event
 * moved or was cancelled, reminders), written by the worker as the database owner (no RLS).
 *
 * Every message is one `communication_logs` row whose unique `idempotency_key` names its
 * purpose, claimed (inserted `pending`, with the rendered message) before anything is sent:
 *
 * - `event-confirmation/<event>/<slot ISO>/<channel>/<n>` and
 *   `event-cancellation/<event>/<slot ISO>/<channel>/<n>`: the notices, numbered per channel
 *   (n = 0, 1, ...). The newest notice on a channel is what the customer was last told, so a
 *   change that makes it wrong (a new time, a cancellation, a time moved back to an earlier
 *   one, a cancelled event confirmed again) calls for the next one, and nothing else does.
 * - `event-reminder/<event>/<slot ISO>/<minutes>/<channel>`: one reminder per slot, offset and
 *   channel, ever.
 *
 * Readers lock the event row (FOR NO KEY UPDATE) for the length of their transaction: a
 * planner or a sender that waits for it sees the change that made it wait, and two runs can
 * never both decide the same notice is due.
 */
import type { Keyring } from "@flynn/crypto";
import {
  type CommunicationStatus,
  type EventStatus,
  effectiveIndustryConfig,
  type ReminderSettings,
  type TemplateEventData,
  type Terminology,
} from "@flynn/domain";
import { and, asc, eq, inArray, isNull, like, sql } from "drizzle-orm";
import type { Db, Tx } from "../client";
import {
  calendarIntegrations,
  calls,
  communicationLogs,
  emailTemplates,
  events,
  phoneNumbers,
  users,
} from "../schema/index";
import { openCustomerContacts } from "../sealed-contacts";
import { industryConfigJoins } from "./industry";
import type { SentStamp } from "./message-log";
import { templateEventColumns } from "./templates";

export type CustomerChannel = "email" | "sms";
export const CUSTOMER_CHANNELS: readonly CustomerChannel[] = ["email", "sms"];

export type NoticeKind = "confirmation" | "cancellation";

export function noticeKey(kind: NoticeKind, eventId: string, slot: string, channel: CustomerChannel, n: number) {
  return `event-${kind}/${eventId}/${slot}/${channel}/${n}`;
}

export function reminderKey(eventId: string, slot: string, minutesBefore: number, channel: CustomerChannel) {
  return `event-reminder/${eventId}/${slot}/${minutesBefore}/${channel}`;
}

const NOTICE_KEY = /^event-(confirmation|cancellation)\/[0-9a-f-]{36}\/([^/]+)\/(email|sms)\/(\d+)$/;

interface Notice {
  kind: NoticeKind;
  slot: string;
  n: number;
  log: CustomerMessageLog;
}

function parseNotice(log: CustomerMessageLog): Notice | null {
  const match = NOTICE_KEY.exec(log.idempotencyKey);
  if (!match) return null;
  const [, kind, slot, , n] = match as unknown as [string, NoticeKind, string, CustomerChannel, string];
  return { kind, slot, n: Number(n), log };
}

/** An event as its customer messages see it: contacts opened, its owner and their settings. */
export interface CustomerMessageState {
  event: TemplateEventData & { id: string; userId: string; status: EventStatus | null };
  business: {
    name: string | null;
    timezone: string | null;
    /** The business's active Flynn number: texts come from it, customers call it. */
    flynnNumber: string | null;
    /** The owner's own phone, when the business has no Flynn number. */
    ownerPhone: string | null;
    /** The owner's email: customers' replies to an email go there, not to Flynn's sender. */
    ownerEmail: string;
    terminology: Terminology | null;
  };
  /** The effective reminder settings (the user's own, else the industry default); null: none. */
  reminderSettings: ReminderSettings | null;
  /** The industry's customer template for the event's type (confirmations); null: Flynn's words. */
  template: { subjectTemplate: string; bodyTemplate: string; variables: Record<string, unknown> | null } | null;
  /** The owner has an active Google or Outlook connection that syncs. */
  calendarSync: boolean;
  /** Every customer message of the event so far (the rows with an idempotency key). */
  logs: CustomerMessageLog[];
}

export interface CustomerMessageLog {
  id: string;
  idempotencyKey: string;
  channel: CustomerChannel;
  recipient: string;
  subject: string | null;
  content: string | null;
  status: CommunicationStatus | null;
  externalId: string | null;
  errorMessage: string | null;
}

const logColumns = {
  id: communicationLogs.id,
  idempotencyKey: sql<string>`${communicationLogs.idempotencyKey}`,
  channel: sql<CustomerChannel>`${communicationLogs.communicationType}`,
  recipient: communicationLogs.recipient,
  subject: communicationLogs.subject,
  content: communicationLogs.content,
  status: communicationLogs.status,
  externalId: communicationLogs.externalId,
  errorMessage: communicationLogs.errorMessage,
};

/**
 * The customer templates are the defaults made for an industry (the spec's "Service Call
 * Overview" for plumbers, "Property Showing" for estate agents). A user's own templates are
 * their call overview's (see call-overview.ts), so they never reach a customer.
 */
const customerTemplate = sql<CustomerMessageState["template"]>`(SELECT json_build_object(
    'subjectTemplate', ${emailTemplates.subjectTemplate},
    'bodyTemplate', ${emailTemplates.bodyTemplate},
    'variables', ${emailTemplates.variables})
  FROM ${emailTemplates}
  WHERE ${emailTemplates.userId} IS NULL
    AND ${emailTemplates.industryType} = ${users.industryType}
    AND ${emailTemplates.eventType} = ${events.eventType}
    AND ${emailTemplates.isActive} IS NOT FALSE
  ORDER BY ${emailTemplates.createdAt}, ${emailTemplates.id}
  LIMIT 1)`;

const flynnNumber = sql<string | null>`(SELECT ${phoneNumbers.twilioPhoneNumber} FROM ${phoneNumbers}
  WHERE ${phoneNumbers.userId} = ${events.userId} AND ${phoneNumbers.isActive} IS TRUE
  ORDER BY ${phoneNumbers.createdAt}, ${phoneNumbers.id} LIMIT 1)`;

const calendarSync = sql<boolean>`EXISTS (SELECT 1 FROM ${calendarIntegrations}
  WHERE ${calendarIntegrations.userId} = ${events.userId}
    AND ${calendarIntegrations.integrationType} IN ('google', 'outlook')
    AND ${calendarIntegrations.isActive} IS NOT FALSE AND ${calendarIntegrations.syncEnabled} IS NOT FALSE)`;

/**
 * Reads everything the planner and the senders decide from, locking the event row until the
 * transaction ends. Undefined for an unknown event or one without an owner.
 */
export async function readCustomerMessageState(
  tx: Tx,
  keyring: Keyring,
  eventId: string,
): Promise<CustomerMessageState | undefined> {
  const industry = sql`coalesce(${users.industryType}, 'other')`;
  const config = industryConfigJoins(sql`${events.userId}`, industry);
  const [row] = await tx
    .select({
      id: events.id,
      userId: events.userId,
      status: events.status,
      ...templateEventColumns,
      mainTopic: calls.mainTopic,
      callSummary: calls.callSummary,
      companyName: users.companyName,
      fullName: users.fullName,
      timezone: users.timezone,
      ownerPhone: users.phoneNumber,
      ownerEmail: users.email,
      industryType: users.industryType,
      ...config.columns,
      flynnNumber,
      calendarSync,
      template: customerTemplate,
    })
    .from(events)
    .innerJoin(users, eq(users.id, events.userId))
    .leftJoin(calls, eq(calls.id, events.callId))
    .leftJoin(...config.joins.defaults)
    .leftJoin(...config.joins.own)
    .where(eq(events.id, eventId))
    .for("no key update", { of: events });
  if (!row?.userId) return undefined;
  const logs = await tx
    .select(logColumns)
    .from(communicationLogs)
    .where(and(eq(communicationLogs.eventId, eventId), like(communicationLogs.idempotencyKey, "event-%")))
    .orderBy(asc(communicationLogs.createdAt), asc(communicationLogs.id));
  const {
    companyName,
    fullName,
    timezone,
    ownerPhone,
    ownerEmail,
    industryType,
    defaults,
    own,
    flynnNumber: number,
    calendarSync: sync,
    template,
    userId,
    ...event
  } = row;
  const effective = defaults ? effectiveIndustryConfig(industryType ?? "other", defaults, own) : null;
  return {
    event: { ...openCustomerContacts(keyring, event), userId },
    business: {
      name: companyName || fullName || null,
      timezone,
      flynnNumber: number,
      ownerPhone,
      ownerEmail,
      terminology: effective?.terminology ?? null,
    },
    reminderSettings: effective?.reminderSettings ?? null,
    template,
    calendarSync: sync,
    logs,
  };
}

// ---------------------------------------------------------------------------------------
// What is due

/** A notice to claim: its key, and what it tells the customer. */
export interface DueNotice {
  channel: CustomerChannel;
  key: string;
  /** "moved": a confirmation of a new time after one of another time was sent. */
  message: "confirmation" | "moved" | "cancellation";
  slot: string;
}

export interface NoticePlan {
  due: DueNotice[];
  /** Pending notices of earlier attempts that are still what the customer should be told. */
  resume: CustomerMessageLog[];
  /** Pending notices of earlier attempts that a later change made wrong: never to be sent. */
  superseded: CustomerMessageLog[];
}

const reachedCustomer = (log: CustomerMessageLog) => log.status !== "failed" && log.status !== "bounced";

/**
 * The notices an event's current state calls for, per channel, from the newest notice on
 * that channel. A confirmed event whose time is still ahead: a confirmation of this time
 * (announced as a move when the customer was told another time). A cancelled one whose
 * customer heard it was confirmed: a cancellation. Nothing for any other status, a time
 * already past, or a channel the customer cannot be reached on (`reachable`).
 */
export function planNotices(params: {
  eventId: string;
  status: EventStatus | null;
  slot: Date | null;
  reachable: Record<CustomerChannel, boolean>;
  logs: CustomerMessageLog[];
  now: Date;
}): NoticePlan {
  const plan: NoticePlan = { due: [], resume: [], superseded: [] };
  const upcoming = params.slot && params.slot.getTime() > params.now.getTime() ? params.slot.toISOString() : null;
  for (const channel of CUSTOMER_CHANNELS) {
    const notices = params.logs
      .filter((log) => log.channel === channel)
      .map(parseNotice)
      .filter((notice): notice is Notice => notice !== null)
      .sort((a, b) => a.n - b.n);
    const last = notices.at(-1);
    for (const earlier of notices.slice(0, -1)) {
      if (earlier.log.status === "pending" && !earlier.log.externalId) plan.superseded.push(earlier.log);
    }
    let wanted: { kind: NoticeKind; message: DueNotice["message"] } | null = null;
    if (upcoming && params.status === "confirmed") {
      const moved = last?.kind === "confirmation" && last.slot !== upcoming && reachedCustomer(last.log);
      wanted = { kind: "confirmation", message: moved ? "moved" : "confirmation" };
    } else if (upcoming && params.status === "cancelled") {
      const told = last && (last.kind === "cancellation" || reachedCustomer(last.log));
      if (told) wanted = { kind: "cancellation", message: "cancellation" };
    }
    const lastIsWanted = last && wanted && last.kind === wanted.kind && last.slot === upcoming;
    if (last?.log.status === "pending" && !last.log.externalId) {
      (lastIsWanted ? plan.resume : plan.superseded).push(last.log);
    }
    if (wanted && upcoming && !lastIsWanted && params.reachable[channel]) {
      const n = last ? last.n + 1 : 0;
      plan.due.push({
        channel,
        key: noticeKey(wanted.kind, params.eventId, upcoming, channel, n),
        message: wanted.message,
        slot: upcoming,
      });
    }
  }
  return plan;
}

// ---------------------------------------------------------------------------------------
// Claim, mark, fail

export interface NewCustomerMessage {
  userId: string;
  eventId: string;
  channel: CustomerChannel;
  key: string;
  recipient: string;
  subject: string | null;
  content: string;
}

/**
 * What a claimed text says until its one attempt begins (`takeSmsAttempt`): until then it
 * certainly has not gone out, and may be sent by whichever run gets to it.
 */
export const SMS_NOT_YET_SENT = "Not sent yet";

/**
 * Inserts the message as `pending` (its outcome unknown until marked). Null when a row with
 * its key exists already: whoever inserted that one sends it.
 */
export async function claimCustomerMessage(tx: Tx, message: NewCustomerMessage): Promise<CustomerMessageLog | null> {
  const [row] = await tx
    .insert(communicationLogs)
    .values({
      userId: message.userId,
      eventId: message.eventId,
      communicationType: message.channel,
      recipient: message.recipient,
      subject: message.subject,
      content: message.content,
      status: "pending",
      errorMessage: message.channel === "sms" ? SMS_NOT_YET_SENT : null,
      idempotencyKey: message.key,
    })
    .onConflictDoNothing({ target: communicationLogs.idempotencyKey })
    .returning(logColumns);
  return row ?? null;
}

/** The row with this key, if any. */
export async function customerMessageByKey(tx: Tx, key: string): Promise<CustomerMessageLog | null> {
  const [row] = await tx.select(logColumns).from(communicationLogs).where(eq(communicationLogs.idempotencyKey, key));
  return row ?? null;
}

/** The event column a message of this key stamps once sent: confirmations and reminders have one. */
export function sentStampOf(key: string): SentStamp {
  if (key.startsWith("event-confirmation/")) return "confirmation";
  if (key.startsWith("event-reminder/")) return "reminder";
  return null;
}

/** The message will not be sent (opted out, refused, superseded, outcome unknown): `failed`, with why. */
export async function failCustomerMessages(db: Db | Tx, logIds: string[], reason: string): Promise<void> {
  if (logIds.length === 0) return;
  await db
    .update(communicationLogs)
    .set({ status: "failed", errorMessage: reason })
    .where(
      and(
        inArray(communicationLogs.id, logIds),
        eq(communicationLogs.status, "pending"),
        isNull(communicationLogs.externalId),
      ),
    );
}

/**
 * Begins the one attempt at a text that certainly has not reached the customer: one just
 * claimed (SMS_NOT_YET_SENT), or one whose previous attempt failed before reaching Twilio (its
 * error is on the row). The error is cleared, so should this attempt be cut short, the row
 * reads as "outcome unknown" and is never sent again. False when an attempt began before
 * (in another run, or one that crashed).
 */
export async function takeSmsAttempt(db: Db, logId: string): Promise<boolean> {
  const rows = await db
    .update(communicationLogs)
    .set({ errorMessage: null })
    .where(
      and(
        eq(communicationLogs.id, logId),
        eq(communicationLogs.status, "pending"),
        isNull(communicationLogs.externalId),
        sql`${communicationLogs.errorMessage} IS NOT NULL`,
      ),
    )
    .returning({ id: communicationLogs.id });
  return rows.length > 0;
}
