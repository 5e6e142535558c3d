import type { Keyring } from "@flynn/crypto";
import {
  CONFIRM_NEEDS_TIME,
  checkTransition,
  EVENT_TRANSITIONS,
  type EventListInput,
  type EventReschedule,
  type EventSort,
  type EventStatus,
  type EventTransition,
  type EventUpdate,
  OPEN_STATUSES,
  rescheduleRefusal,
} from "@flynn/domain";
import { and, eq, getTableColumns, inArray, or, type SQL, sql } from "drizzle-orm";
import type { PgUpdateSetSource } from "drizzle-orm/pg-core";
import type { Tx } from "../client";
import { calls, events } from "../schema/index";
import { matchesCustomerContact, openCustomerContacts, sealCustomerContactsUpdate } from "../sealed-contacts";
import { anyOf, containsAny } from "./filters";
import { exactTime, type KeysetOrder, keysetAfter, keysetOrderBy, keysetPage } from "./pagination";

/** The status as the state machine sees it: a NULL status is the column default, 'extracted'. */
const currentStatus = sql<EventStatus>`coalesce(${events.status}, 'extracted')`;
/** When the event takes place: the confirmed time, else the proposed one. */
const eventTime = sql<Date | null>`coalesce(${events.confirmedDatetime}, ${events.proposedDatetime})`;

// The contacts' hashes serve lookups inside the database; no reader outside it gets them.
const { customerPhoneHash: _phoneHash, customerEmailHash: _emailHash, ...shownColumns } = getTableColumns(events);
const eventColumns = { ...shownColumns, status: currentStatus };

const listColumns = {
  id: events.id,
  callId: events.callId,
  title: events.title,
  eventType: events.eventType,
  status: currentStatus,
  proposedDatetime: events.proposedDatetime,
  confirmedDatetime: events.confirmedDatetime,
  durationMinutes: events.durationMinutes,
  location: events.location,
  locationType: events.locationType,
  customerName: events.customerName,
  customerPhone: events.customerPhone,
  priceEstimate: events.priceEstimate,
  currency: events.currency,
  urgencyLevel: events.urgencyLevel,
  followUpRequired: events.followUpRequired,
  createdAt: events.createdAt,
};

/** The list's orders: newest first, or by when the events take place (those without a time last). */
const SORTS: Record<EventSort, KeysetOrder> = {
  recent: { key: events.createdAt, id: events.id, direction: "desc" },
  upcoming: { key: eventTime, id: events.id, direction: "asc" },
};

/**
 * The search box: part of the title, the customer's name or the location, any case; the
 * customer's phone or email (sealed) only whole, through their hashes.
 */
function searchCondition(keyring: Keyring, search: string | undefined) {
  if (!search) return undefined;
  return or(
    containsAny([events.title, events.customerName, events.location], search),
    matchesCustomerContact(keyring, search),
  );
}

export async function listEvents(tx: Tx, keyring: Keyring, userId: string, input: EventListInput) {
  const order = SORTS[input.sort];
  const rows = await tx
    .select({ ...listColumns, sortKey: exactTime(order.key) })
    .from(events)
    .where(
      and(
        // Row-level security already limits the rows; saying it here lets the planner use the index.
        eq(events.userId, userId),
        anyOf(currentStatus, input.status),
        anyOf(events.eventType, input.eventType),
        anyOf(events.urgencyLevel, input.urgencyLevel),
        input.from ? sql`${eventTime} >= ${input.from.toISOString()}::timestamptz` : undefined,
        input.to ? sql`${eventTime} < ${input.to.toISOString()}::timestamptz` : undefined,
        input.scheduled === undefined
          ? undefined
          : input.scheduled
            ? sql`${eventTime} IS NOT NULL`
            : sql`${eventTime} IS NULL`,
        searchCondition(keyring, input.search),
        input.cursor ? keysetAfter(order, input.cursor) : undefined,
      ),
    )
    .orderBy(...keysetOrderBy(order))
    .limit(input.limit + 1);
  return keysetPage(
    rows.map((row) => openCustomerContacts(keyring, row)),
    input.limit,
  );
}

/** The whole event, with a summary of the call it came from (null when it has none). */
export async function getEvent(tx: Tx, keyring: Keyring, id: string) {
  const [row] = await tx
    .select({
      ...eventColumns,
      call: {
        id: calls.id,
        callerNumber: calls.callerNumber,
        callerName: calls.callerName,
        mainTopic: calls.mainTopic,
        createdAt: calls.createdAt,
      },
    })
    .from(events)
    .leftJoin(calls, eq(calls.id, events.callId))
    .where(eq(events.id, id));
  return row ? openCustomerContacts(keyring, row) : null;
}

export async function updateEvent(
  tx: Tx,
  keyring: Keyring,
  { id, customerPhone, customerEmail, ...patch }: EventUpdate,
) {
  const [row] = await tx
    .update(events)
    .set({ ...patch, ...sealCustomerContactsUpdate(keyring, { customerPhone, customerEmail }) })
    .where(eq(events.id, id))
    .returning(eventColumns);
  return row ? openCustomerContacts(keyring, row) : null;
}

/** A change refused by the UPDATE although the row, read again, allows it: another request won. */
const CHANGED_MEANWHILE = "This event changed meanwhile; reload it and try again";

export type RescheduleOutcome =
  | { kind: "moved"; event: NonNullable<Awaited<ReturnType<typeof updateEvent>>> }
  | { kind: "missing" }
  | { kind: "refused"; reason: string };

/**
 * Moves an open event to `datetime`, keeping its status: the confirmed time when it has one
 * (that is when it takes place), else the proposed time. The status check is part of the
 * UPDATE, so a concurrent cancel cannot slip in between.
 */
export async function rescheduleEvent(
  tx: Tx,
  keyring: Keyring,
  { id, datetime }: EventReschedule,
): Promise<RescheduleOutcome> {
  const at = sql`${datetime.toISOString()}::timestamptz`;
  const [row] = await tx
    .update(events)
    .set({
      confirmedDatetime: sql`CASE WHEN ${events.confirmedDatetime} IS NULL THEN NULL ELSE ${at} END`,
      proposedDatetime: sql`CASE WHEN ${events.confirmedDatetime} IS NULL THEN ${at} ELSE ${events.proposedDatetime} END`,
    })
    .where(and(eq(events.id, id), inArray(currentStatus, [...OPEN_STATUSES])))
    .returning(eventColumns);
  if (row) return { kind: "moved", event: openCustomerContacts(keyring, row) };
  const [current] = await tx.select({ status: currentStatus }).from(events).where(eq(events.id, id));
  if (!current) return { kind: "missing" };
  return { kind: "refused", reason: rescheduleRefusal(current.status) ?? CHANGED_MEANWHILE };
}

export interface TransitionRefusal {
  id: string;
  /** not_found: no such event, or someone else's. needs_time: confirm without any time. */
  kind: "not_found" | "not_allowed" | "needs_time";
  reason: string;
}

export interface TransitionParams {
  ids: readonly string[];
  transition: EventTransition;
  /** confirm only: when the event takes place; default the time it has (confirmed, else proposed). */
  confirmedDatetime?: Date | undefined;
}

/** What a transition changes besides the status, and what else it needs. */
function effectsOf(transition: EventTransition, confirmedDatetime: Date | undefined) {
  switch (transition) {
    case "confirm": {
      // A tentative event keeps the time it was confirmed at before; a new one takes the proposed time.
      const at = sql`coalesce(${confirmedDatetime?.toISOString() ?? null}::timestamptz, ${events.confirmedDatetime}, ${events.proposedDatetime})`;
      return { set: { confirmedDatetime: at }, requires: sql`${at} IS NOT NULL` };
    }
    case "complete":
      return { set: { completedAt: sql`now()` } };
    case "reopen":
      return { set: { completedAt: null } };
    default:
      return { set: {} };
  }
}

/**
 * Applies one transition to each of `ids` that the state machine allows. Race-safe: the
 * status is checked by the UPDATE itself, so a concurrent change cannot slip between a read
 * and the write. Rows it did not change are read again to say why.
 * Returns the changed events and the refusals, both in the order of `ids`.
 */
export async function transitionEvents(
  tx: Tx,
  keyring: Keyring,
  { ids, transition, confirmedDatetime }: TransitionParams,
) {
  const rule = EVENT_TRANSITIONS[transition];
  const effects: { set: PgUpdateSetSource<typeof events>; requires?: SQL } = effectsOf(transition, confirmedDatetime);
  const rows = await tx
    .update(events)
    .set({ ...effects.set, status: rule.to })
    .where(and(inArray(events.id, [...ids]), inArray(currentStatus, rule.from), effects.requires))
    .returning(eventColumns);
  const changed = new Map(rows.map((row) => [row.id, openCustomerContacts(keyring, row)]));
  const unchanged = ids.filter((id) => !changed.has(id));
  return {
    updated: ids.flatMap((id) => changed.get(id) ?? []),
    refused: unchanged.length > 0 ? await explainRefusals(tx, unchanged, transition, confirmedDatetime) : [],
  };
}

async function explainRefusals(
  tx: Tx,
  ids: string[],
  transition: EventTransition,
  confirmedDatetime: Date | undefined,
): Promise<TransitionRefusal[]> {
  const rows = await tx
    .select({ id: events.id, status: currentStatus, hasTime: sql<boolean>`${eventTime} IS NOT NULL` })
    .from(events)
    .where(inArray(events.id, ids));
  const byId = new Map(rows.map((row) => [row.id, row]));
  return ids.map((id): TransitionRefusal => {
    const event = byId.get(id);
    if (!event) return { id, kind: "not_found", reason: "Not found" };
    const check = checkTransition(event.status, transition);
    if (!check.ok) return { id, kind: "not_allowed", reason: check.reason };
    if (transition === "confirm" && !event.hasTime && !confirmedDatetime)
      return { id, kind: "needs_time", reason: CONFIRM_NEEDS_TIME };
    // Allowed now, so another request changed it after our UPDATE looked.
    return { id, kind: "not_allowed", reason: CHANGED_MEANWHILE };
  });
}
