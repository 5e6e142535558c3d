/**
 * The owner's call overview email, written by the worker as the database owner (no RLS).
 * Exactly one overview per call, ever: a run first claims the call (row lock on `calls`,
 * then the overview's `communication_logs` row, inserted once with the rendered message),
 * sends outside the transaction, then marks the row sent and `calls.email_sent_at` together.
 * A rerun after a crash finds the pending row and resends its stored message under the same
 * idempotency key, so the provider delivers it once.
 *
 * The overview's log row is the call's email row that has no event: customer confirmations
 * and reminders are always about one event.
 */
import { type EventType, effectiveIndustryConfig, type TemplateEventData, type Terminology } from "@flynn/domain";
import { and, asc, desc, eq, isNull, or, sql } from "drizzle-orm";
import type { Db, Tx } from "../client";
import { calls, communicationLogs, emailTemplates, events, users } from "../schema/index";
import { industryConfigJoins } from "./industry";
import { preparedOnce } from "./prepared";
import { templateEventColumns } from "./templates";

const isOverviewLog = (callId: string) =>
  and(
    eq(communicationLogs.callId, callId),
    isNull(communicationLogs.eventId),
    eq(communicationLogs.communicationType, "email"),
  );

export interface OverviewData {
  call: {
    id: string;
    userId: string;
    callerNumber: string;
    callerName: string | null;
    mainTopic: string | null;
    callSummary: string | null;
    startedAt: Date | null;
  };
  owner: { email: string; timezone: string | null; companyName: string | null; terminology: Terminology | null };
  events: (TemplateEventData & { id: string })[];
  /** The user's own template for their industry and the first event's type, else the default one; null: none. */
  template: { subjectTemplate: string; bodyTemplate: string; variables: Record<string, unknown> | null } | null;
}

/**
 * Locks the call (FOR UPDATE) and reads, in that one statement, what the overview needs
 * about the call and its owner, with the overview's log row of an earlier attempt.
 */
async function lockOverviewCall(tx: Tx, callId: string) {
  const industry = sql`coalesce(${users.industryType}, 'other')`;
  const config = industryConfigJoins(users.id, industry);
  const log = tx
    .select({
      id: communicationLogs.id,
      status: communicationLogs.status,
      recipient: communicationLogs.recipient,
      subject: communicationLogs.subject,
      content: communicationLogs.content,
    })
    .from(communicationLogs)
    .where(isOverviewLog(callId))
    .orderBy(asc(communicationLogs.createdAt))
    .limit(1)
    .as("overview_log");
  const [row] = await tx
    .select({
      id: calls.id,
      userId: calls.userId,
      callerNumber: calls.callerNumber,
      callerName: calls.callerName,
      mainTopic: calls.mainTopic,
      callSummary: calls.callSummary,
      startedAt: calls.createdAt,
      emailSentAt: calls.emailSentAt,
      owner: { email: users.email, timezone: users.timezone, companyName: users.companyName },
      industryType: users.industryType,
      ...config.columns,
      log: { id: log.id, status: log.status, recipient: log.recipient, subject: log.subject, content: log.content },
    })
    .from(calls)
    .leftJoin(users, eq(users.id, calls.userId))
    .leftJoin(...config.joins.defaults)
    .leftJoin(...config.joins.own)
    .leftJoin(log, sql`true`)
    .where(eq(calls.id, callId))
    .for("update", { of: calls })
    // Named, like the other statements of this path: parsed and planned once per connection.
    .prepare("flynn_lock_overview_call")
    .execute();
  return row;
}

async function loadOverviewData(tx: Tx, row: NonNullable<Awaited<ReturnType<typeof lockOverviewCall>>>) {
  const { owner, userId, industryType, defaults, own, log: _log, emailSentAt: _sent, ...call } = row;
  if (!owner || !userId) return null;
  const eventRows = await tx
    .select({ id: events.id, ...templateEventColumns })
    .from(events)
    .where(eq(events.callId, call.id))
    // The extractor inserts events in the order they were agreed in the call.
    .orderBy(asc(events.createdAt), asc(events.id))
    .prepare("flynn_overview_events")
    .execute();
  const config = defaults ? effectiveIndustryConfig(industryType ?? "other", defaults, own) : null;
  const firstType = eventRows[0]?.eventType ?? null;
  return {
    call: { ...call, userId },
    owner: { ...owner, terminology: config?.terminology ?? null },
    events: eventRows.map((event) => ({ ...event, mainTopic: call.mainTopic, callSummary: call.callSummary })),
    template: firstType ? await effectiveOverviewTemplate(tx, { userId, industryType, eventType: firstType }) : null,
  } satisfies OverviewData;
}

/**
 * The owner's overview defaults are the defaults without an industry (the spec's two
 * industry defaults are customer confirmations); a user's own template must match their
 * industry and the event type.
 */
async function effectiveOverviewTemplate(
  tx: Tx,
  params: { userId: string; industryType: string | null; eventType: EventType },
) {
  const own = params.industryType
    ? and(eq(emailTemplates.userId, params.userId), eq(emailTemplates.industryType, params.industryType))
    : undefined;
  const defaults = and(isNull(emailTemplates.userId), isNull(emailTemplates.industryType));
  const [template] = await tx
    .select({
      subjectTemplate: emailTemplates.subjectTemplate,
      bodyTemplate: emailTemplates.bodyTemplate,
      variables: emailTemplates.variables,
    })
    .from(emailTemplates)
    .where(
      and(
        eq(emailTemplates.eventType, params.eventType),
        sql`${emailTemplates.isActive} IS NOT FALSE`,
        own ? or(own, defaults) : defaults,
      ),
    )
    .orderBy(sql`${emailTemplates.userId} IS NULL`, desc(emailTemplates.updatedAt), asc(emailTemplates.id))
    .limit(1)
    .prepare(own ? "flynn_overview_template_own" : "flynn_overview_template_default")
    .execute();
  return template ?? null;
}

export interface OverviewMessage {
  subject: string;
  /** The full HTML; the outbox shows it, and a retry resends exactly it. */
  content: string;
}

export type OverviewClaim =
  | { kind: "missing" }
  | { kind: "already-sent" }
  | { kind: "failed" }
  | { kind: "claimed"; logId: string; recipient: string; subject: string; content: string };

/**
 * Locks the call and returns the overview to send: the pending one from an earlier attempt,
 * or a new one rendered by `render` from the call's data and stored as a pending log row.
 * Nothing to send for an unknown call, one already sent, or one that failed for good.
 */
export async function claimCallOverview(
  db: Db,
  callId: string,
  render: (data: OverviewData) => OverviewMessage,
): Promise<OverviewClaim> {
  return db.transaction(async (tx) => {
    const call = await lockOverviewCall(tx, callId);
    if (!call) return { kind: "missing" };
    if (call.emailSentAt) return { kind: "already-sent" };
    const existing = call.log;
    if (existing?.status === "failed" || existing?.status === "bounced") return { kind: "failed" };
    if (existing && existing.status !== "pending") {
      // Sent, but the call was not stamped (a row written by hand): stamp it, send nothing.
      await tx.update(calls).set({ emailSentAt: sql`now()` }).where(eq(calls.id, callId));
      return { kind: "already-sent" };
    }
    if (existing) {
      return {
        kind: "claimed",
        logId: existing.id,
        recipient: existing.recipient,
        subject: existing.subject ?? "",
        content: existing.content ?? "",
      };
    }
    const data = await loadOverviewData(tx, call);
    if (!data) return { kind: "missing" };
    const message = render(data);
    const [log] = await tx
      .insert(communicationLogs)
      .values({
        userId: data.call.userId,
        callId,
        communicationType: "email",
        recipient: data.owner.email,
        subject: message.subject,
        content: message.content,
        status: "pending",
      })
      .returning({ id: communicationLogs.id })
      .prepare("flynn_insert_overview_log")
      .execute();
    if (!log) throw new Error("claimCallOverview: no row returned");
    return { kind: "claimed", logId: log.id, recipient: data.owner.email, ...message };
  });
}

/** The provider took the message (or, with `providerId` null, it stays in the outbox). */
export async function markCallOverviewSent(
  db: Db,
  params: { callId: string; logId: string; providerId: string | null; at: Date },
): Promise<void> {
  // One statement (both updates or neither), so one round trip.
  await preparedOnce(db, "flynn_mark_overview_sent", (name) => {
    const sent = db.$with("sent").as(
      db
        .update(communicationLogs)
        .set({
          status: "sent",
          externalId: sql`${sql.placeholder("providerId")}`,
          errorMessage: null,
          sentAt: sql`${sql.placeholder("at")}`,
        })
        .where(and(eq(communicationLogs.id, sql.placeholder("logId")), eq(communicationLogs.status, "pending")))
        .returning({ id: communicationLogs.id }),
    );
    return db
      .with(sent)
      .update(calls)
      .set({ emailSentAt: sql`${sql.placeholder("at")}` })
      .where(and(eq(calls.id, sql.placeholder("callId")), isNull(calls.emailSentAt)))
      .prepare(name);
  }).execute({ callId: params.callId, logId: params.logId, providerId: params.providerId, at: params.at });
}

/**
 * Records a failed attempt. `final`: the row becomes `failed` and is never sent again;
 * otherwise it stays `pending` with the error, for the next attempt to resend.
 */
export async function recordCallOverviewError(
  db: Db,
  params: { logId: string; errorMessage: string; final: boolean },
): Promise<void> {
  await db
    .update(communicationLogs)
    .set({ errorMessage: params.errorMessage, status: params.final ? "failed" : "pending" })
    .where(and(eq(communicationLogs.id, params.logId), eq(communicationLogs.status, "pending")));
}
