/**
 * The owner's call overview email, written by the worker as the database owner (no RLS).
 * Exactly one overview per call, ever: a run first claims the call (row lock on `calls`,
 * then the overview's `communication_logs` row, inserted once with the rendered message),
 * sends outside the transaction, then marks the row sent and `calls.email_sent_at` together.
 * A rerun after a crash finds the pending row and resends its stored message under the same
 * idempotency key, so the provider delivers it once. In outbox mode nothing is sent: one
 * statement stores the row as sent and stamps the call (see `claimCallOverview`).
 *
 * The overview's log row is the call's email row that has no event: customer confirmations
 * and reminders are always about one event.
 */
import type { Keyring } from "@flynn/crypto";
import { effectiveIndustryConfig, type TemplateEventData, type Terminology } from "@flynn/domain";
import { and, asc, desc, eq, isNull, type Placeholder, sql } from "drizzle-orm";
import type { Db, Tx } from "../client";
import { calls, communicationLogs, emailTemplates, events, users } from "../schema/index";
import { openCustomerContacts } from "../sealed-contacts";
import { industryConfigJoins } from "./industry";
import { type ClaimedMessage, claimedMessage, claimedMessageColumns } from "./message-log";
import { executeNamed, preparedOnce } from "./prepared";
import { templateEventColumns } from "./templates";

const isOverviewLog = (callId: string | Placeholder) =>
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
 * The owner's overview defaults are the defaults without an industry (the spec's two
 * industry defaults are customer confirmations); a user's own template must match their
 * industry (none chosen: no own template) and the type of the call's first event.
 */
function overviewTemplate() {
  const firstEventType = sql`(SELECT ${events.eventType} FROM ${events} WHERE ${events.callId} = ${calls.id}
    ORDER BY ${asc(events.createdAt)}, ${asc(events.id)} LIMIT 1)`;
  return sql<OverviewData["template"]>`(SELECT json_build_object(
      'subjectTemplate', ${emailTemplates.subjectTemplate},
      'bodyTemplate', ${emailTemplates.bodyTemplate},
      'variables', ${emailTemplates.variables})
    FROM ${emailTemplates}
    WHERE ${emailTemplates.eventType} = ${firstEventType}
      AND ${emailTemplates.isActive} IS NOT FALSE
      AND ((${emailTemplates.userId} = ${calls.userId} AND ${emailTemplates.industryType} = ${users.industryType})
        OR (${emailTemplates.userId} IS NULL AND ${emailTemplates.industryType} IS NULL))
    ORDER BY ${emailTemplates.userId} IS NULL, ${desc(emailTemplates.updatedAt)}, ${asc(emailTemplates.id)}
    LIMIT 1)`;
}

/**
 * Reads, in one statement (one round trip), locking the call (FOR UPDATE) if `lock`, all the
 * overview needs: the call and its owner, the overview's log row of an earlier attempt,
 * the effective template, and the events, one row each (the call's columns repeat; a call
 * without events gives one row with a null event).
 */
function overviewCallQuery(tx: Db | Tx, { lock }: { lock: boolean }) {
  const callId = sql.placeholder("callId");
  const industry = sql`coalesce(${users.industryType}, 'other')`;
  const config = industryConfigJoins(users.id, industry);
  const log = tx
    .select(claimedMessageColumns)
    .from(communicationLogs)
    .where(isOverviewLog(callId))
    .orderBy(asc(communicationLogs.createdAt))
    .limit(1)
    .as("overview_log");
  const query = tx
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
      template: overviewTemplate(),
      event: { id: events.id, ...templateEventColumns },
    })
    .from(calls)
    .leftJoin(users, eq(users.id, calls.userId))
    .leftJoin(...config.joins.defaults)
    .leftJoin(...config.joins.own)
    .leftJoin(log, sql`true`)
    .leftJoin(events, eq(events.callId, calls.id))
    .where(eq(calls.id, callId))
    // The extractor inserts events in the order they were agreed in the call.
    .orderBy(asc(events.createdAt), asc(events.id));
  // Named, like the other statements of this path: parsed and planned once per connection.
  return lock
    ? query.for("update", { of: calls }).prepare("flynn_lock_overview_call")
    : query.prepare("flynn_read_overview_call");
}

/**
 * The unlocked read is built once per database (building this query costs more CPU than
 * Postgres spends running it); the locking one is built on its transaction each time.
 */
async function readOverviewCall(executor: Db | Tx, callId: string, { lock }: { lock: boolean }) {
  const query = lock
    ? overviewCallQuery(executor, { lock })
    : preparedOnce(executor as Db, "flynn_read_overview_call", () => overviewCallQuery(executor, { lock }));
  const rows = await query.execute({ callId });
  const [first] = rows;
  if (!first) return undefined;
  const eventRows = rows.flatMap((row) => (row.event ? [row.event] : []));
  return { ...first, events: eventRows };
}

/** The overview's data, the customers' contacts opened: the owner's email shows them. */
function overviewData(
  keyring: Keyring,
  row: NonNullable<Awaited<ReturnType<typeof readOverviewCall>>>,
): OverviewData | null {
  const { owner, userId, industryType, defaults, own, log: _log, emailSentAt: _sent, event: _event, ...rest } = row;
  const { events: eventRows, template, ...call } = rest;
  if (!owner || !userId) return null;
  const config = defaults ? effectiveIndustryConfig(industryType ?? "other", defaults, own) : null;
  return {
    call: { ...call, userId },
    owner: { ...owner, terminology: config?.terminology ?? null },
    events: eventRows.map((event) => ({
      ...openCustomerContacts(keyring, event),
      mainTopic: call.mainTopic,
      callSummary: call.callSummary,
    })),
    template: eventRows.length > 0 ? template : null,
  };
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
  | ({ kind: "claimed" } & ClaimedMessage)
  | { kind: "outbox" };

export interface ClaimOptions {
  /**
   * Outbox mode (nothing leaves the building): a new overview is stored `sent` and the call
   * stamped by one statement, as the send and mark would have done; there is no provider
   * whose send could be lost in between. A pending row of an earlier (Resend) attempt is
   * still returned as claimed.
   */
  outboxAt?: Date;
}

type OverviewRow = NonNullable<Awaited<ReturnType<typeof readOverviewCall>>>;

/** What the call's state decides before anything is rendered; undefined: a new overview is to be stored. */
async function earlierOutcome(executor: Db | Tx, call: OverviewRow | undefined): Promise<OverviewClaim | undefined> {
  if (!call) return { kind: "missing" };
  if (call.emailSentAt) return { kind: "already-sent" };
  const existing = call.log;
  if (existing?.status === "failed" || existing?.status === "bounced") return { kind: "failed" };
  if (existing && existing.status !== "pending") {
    // Sent, but the call was not stamped (a row written by hand): stamp it, send nothing.
    await executor.update(calls).set({ emailSentAt: sql`now()` }).where(eq(calls.id, call.id));
    return { kind: "already-sent" };
  }
  return existing ? { kind: "claimed", ...claimedMessage(existing) } : undefined;
}

/**
 * Stores a rendered overview as sent and stamps the call, in one statement, unless the call
 * is stamped or has an overview row already; false then. The update of `calls` is the
 * claim: of two concurrent runs, the second waits for the first's row lock, then finds
 * `email_sent_at` set (Postgres re-checks the locked row) and stores nothing.
 */
async function storeOutboxOverview(
  db: Db,
  params: { callId: string; userId: string; recipient: string; message: OverviewMessage; at: Date },
): Promise<boolean> {
  const rows = await executeNamed(
    db,
    sql`
    WITH stamped AS (
      UPDATE ${calls} SET ${sql.identifier(calls.emailSentAt.name)} = ${params.at.toISOString()}::timestamptz
      WHERE ${calls.id} = ${params.callId} AND ${calls.emailSentAt} IS NULL
        AND NOT EXISTS (SELECT 1 FROM ${communicationLogs} WHERE ${isOverviewLog(params.callId)})
      RETURNING ${calls.id}
    )
    INSERT INTO ${communicationLogs} (${sql.join(
      [
        communicationLogs.userId,
        communicationLogs.callId,
        communicationLogs.communicationType,
        communicationLogs.recipient,
        communicationLogs.subject,
        communicationLogs.content,
        communicationLogs.status,
        communicationLogs.sentAt,
      ].map((column) => sql.identifier(column.name)),
      sql`, `,
    )})
    SELECT ${params.userId}::uuid, id, 'email', ${params.recipient}, ${params.message.subject},
      ${params.message.content}, 'sent', ${params.at.toISOString()}::timestamptz
    FROM stamped
    RETURNING 1
  `,
  );
  return rows.length > 0;
}

/**
 * Returns the overview to send: the pending one from an earlier attempt, or a new one
 * rendered by `render` from the call's data and stored as a pending log row (in outbox
 * mode: stored as sent, nothing to send). Nothing to send for an unknown call, one already
 * sent, or one that failed for good.
 *
 * The pending claim is four round trips: BEGIN, the locking read of everything, the insert,
 * COMMIT. The message is rendered between the read and the insert, so the row lock is what
 * keeps a concurrent run from inserting a second row (communication_logs has no unique key
 * to claim with). Outbox mode needs no transaction: an unlocked read, then the one statement
 * of `storeOutboxOverview`, whose update of the call is the claim; should it lose a race, the
 * locked path decides.
 */
export async function claimCallOverview(
  db: Db,
  keyring: Keyring,
  callId: string,
  render: (data: OverviewData) => OverviewMessage,
  { outboxAt }: ClaimOptions = {},
): Promise<OverviewClaim> {
  if (outboxAt) {
    const next = await readAndRender(db, keyring, callId, { lock: false }, render);
    if ("kind" in next) return next;
    const { data, message } = next;
    const recipient = data.owner.email;
    if (await storeOutboxOverview(db, { callId, userId: data.call.userId, recipient, message, at: outboxAt })) {
      return { kind: "outbox" };
    }
  }
  return db.transaction(async (tx) => {
    const next = await readAndRender(tx, keyring, callId, { lock: true }, render);
    if ("kind" in next) return next;
    const { data, message } = next;
    // A run that waited for the row lock read the call as it was before the run holding the
    // lock committed its claim: this statement's fresh snapshot sees that claim, and then
    // inserts nothing (that run sends the email; its retries resend under the same key).
    const { rows } = await tx.execute<{ id: string }>(sql`
      INSERT INTO ${communicationLogs} (user_id, call_id, communication_type, recipient, subject, content, status)
      SELECT ${data.call.userId}, ${callId}, 'email', ${data.owner.email}, ${message.subject}, ${message.content}, 'pending'
      WHERE NOT EXISTS (SELECT 1 FROM ${communicationLogs} WHERE ${isOverviewLog(callId)})
      RETURNING id`);
    const [log] = rows;
    if (!log) return { kind: "already-sent" };
    return { kind: "claimed", logId: log.id, recipient: data.owner.email, ...message };
  });
}

/** What the call's state decides, else a new overview rendered from its data. */
async function readAndRender(
  executor: Db | Tx,
  keyring: Keyring,
  callId: string,
  { lock }: { lock: boolean },
  render: (data: OverviewData) => OverviewMessage,
): Promise<OverviewClaim | { data: OverviewData; message: OverviewMessage }> {
  const call = await readOverviewCall(executor, callId, { lock });
  const earlier = await earlierOutcome(executor, call);
  if (earlier) return earlier;
  const data = call && overviewData(keyring, call);
  if (!data) return { kind: "missing" };
  return { data, message: render(data) };
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
