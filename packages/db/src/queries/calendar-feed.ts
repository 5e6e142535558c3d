/**
 * The owner's iCalendar feed (`/calendar/<token>.ics`) and the one-event .ics file.
 *
 * The feed's token is its only credential. It is stored twice: sealed (so settings can show
 * the link again) and as a keyed hash (so a request finds its feed without the token ever
 * being comparable in the database). Rotating replaces both; the old URL then finds nothing.
 *
 * The feed is read by the API without a session, as the database owner (no RLS): every
 * statement here that serves it filters by the feed's own user_id.
 */
import { type Keyring, randomToken } from "@flynn/crypto";
import type { EventStatus, TemplateEventData } from "@flynn/domain";
import { and, asc, eq, gte, inArray, or, sql } from "drizzle-orm";
import type { Db, Tx } from "../client";
import { calendarFeeds, events, users } from "../schema/index";
import { openCustomerContacts } from "../sealed-contacts";
import { templateEventColumns } from "./templates";

/** Seal context and hash purpose of the token. */
const TOKEN = "calendar_feeds.token";

/** How far back the feed reaches: confirmed, tentative and completed events of the last 90 days stay visible. */
export const FEED_HISTORY_DAYS = 90;
/** How long a cancelled event stays in the feed (STATUS:CANCELLED) after its cancellation, so subscribers drop it. */
export const FEED_CANCELLED_DAYS = 30;
const DAY_MS = 24 * 60 * 60 * 1000;

/** An event as a calendar shows it (the fields of @flynn/calendar's CalendarEventSource and its row's), contacts opened. */
export type CalendarEntry = Omit<TemplateEventData, "datetime" | "mainTopic" | "callSummary"> & {
  id: string;
  status: EventStatus | null;
  /** The confirmed time, else the proposed one. */
  datetime: Date;
  calendarSequence: number;
  updatedAt: Date;
};

export interface CalendarOwner {
  email: string;
  fullName: string | null;
  companyName: string | null;
  timezone: string | null;
  updatedAt: Date | null;
}

/** The columns of a CalendarEntry (contacts still sealed). */
export const calendarEntryColumns = {
  id: events.id,
  status: events.status,
  ...templateEventColumns,
  calendarSequence: events.calendarSequence,
  // Both have defaults; created_at stands in should a row have lost its updated_at.
  updatedAt: sql<Date>`coalesce(${events.updatedAt}, ${events.createdAt})`.mapWith(events.updatedAt),
};
/** When the event takes place: the confirmed time, else the proposed one. */
const eventTime = templateEventColumns.datetime;

/** The row's contacts opened; null for an event without a time. */
function scheduledEntry<
  Row extends { datetime: Date | null; customerPhone: string | null; customerEmail: string | null },
>(keyring: Keyring, row: Row) {
  const { datetime } = row;
  return datetime === null ? null : openCustomerContacts(keyring, { ...row, datetime });
}

const ownerColumns = {
  email: users.email,
  fullName: users.fullName,
  companyName: users.companyName,
  timezone: users.timezone,
  updatedAt: users.updatedAt,
};

export function feedTokenHash(keyring: Keyring, token: string): string {
  return keyring.hash(token, TOKEN);
}

export interface CalendarFeedToken {
  token: string;
  createdAt: Date | null;
  rotatedAt: Date | null;
}

const feedColumns = {
  token: calendarFeeds.token,
  createdAt: calendarFeeds.createdAt,
  rotatedAt: calendarFeeds.rotatedAt,
};

const opened = (keyring: Keyring, row: CalendarFeedToken): CalendarFeedToken => ({
  ...row,
  token: keyring.open(row.token, TOKEN),
});

function newToken(keyring: Keyring) {
  const token = randomToken();
  return { token: keyring.seal(token, TOKEN), tokenHash: feedTokenHash(keyring, token) };
}

/** The user's feed token, made on first use. Runs in the user's own transaction (RLS). */
export async function ensureCalendarFeed(tx: Tx, keyring: Keyring, userId: string): Promise<CalendarFeedToken> {
  const existing = () => tx.select(feedColumns).from(calendarFeeds).where(eq(calendarFeeds.userId, userId));
  const [row] = await existing();
  if (row) return opened(keyring, row);
  const [created] = await tx
    .insert(calendarFeeds)
    .values({ userId, ...newToken(keyring) })
    .onConflictDoNothing({ target: calendarFeeds.userId })
    .returning(feedColumns);
  // A concurrent first request made it: that one is the feed.
  const feed = created ?? (await existing())[0];
  if (!feed) throw new Error("calendar feed neither created nor found");
  return opened(keyring, feed);
}

/** A new token for the user's feed (made if there was none); the old URL stops working. */
export async function rotateCalendarFeed(tx: Tx, keyring: Keyring, userId: string): Promise<CalendarFeedToken> {
  const values = newToken(keyring);
  const [row] = await tx
    .insert(calendarFeeds)
    .values({ userId, ...values })
    .onConflictDoUpdate({ target: calendarFeeds.userId, set: { ...values, rotatedAt: sql`now()` } })
    .returning(feedColumns);
  if (!row) throw new Error("calendar feed not rotated");
  return opened(keyring, row);
}

export interface CalendarFeedContents {
  owner: CalendarOwner;
  events: CalendarEntry[];
}

/**
 * The feed behind `token`, in one statement, or null for a token no feed has (never
 * issued, or rotated away). Its events: confirmed, tentative and completed ones with a time
 * from FEED_HISTORY_DAYS back onward, and cancelled ones among them for FEED_CANCELLED_DAYS
 * after their cancellation (their last update), in time order.
 */
export async function calendarFeedByToken(
  db: Db,
  keyring: Keyring,
  { token, now }: { token: string; now: Date },
): Promise<CalendarFeedContents | null> {
  const from = new Date(now.getTime() - FEED_HISTORY_DAYS * DAY_MS);
  const cancelledSince = new Date(now.getTime() - FEED_CANCELLED_DAYS * DAY_MS);
  const rows = await db
    .select({ owner: ownerColumns, event: calendarEntryColumns })
    .from(calendarFeeds)
    .innerJoin(users, eq(users.id, calendarFeeds.userId))
    .leftJoin(
      events,
      and(
        eq(events.userId, calendarFeeds.userId),
        gte(eventTime, from),
        or(
          inArray(events.status, ["confirmed", "tentative", "completed"]),
          and(eq(events.status, "cancelled"), gte(events.updatedAt, cancelledSince)),
        ),
      ),
    )
    .where(eq(calendarFeeds.tokenHash, feedTokenHash(keyring, token)))
    .orderBy(asc(eventTime), asc(events.id));
  const [first] = rows;
  if (!first) return null;
  return {
    owner: first.owner,
    events: rows.flatMap(({ event }) => {
      const entry = event && scheduledEntry(keyring, event);
      return entry ? [entry] : [];
    }),
  };
}

/**
 * One event and its owner, for its .ics file and links: null when there is no such event
 * (or, with `userId`, it is another user's); `event` null when it has no time yet.
 */
export async function calendarEntry(
  db: Db | Tx,
  keyring: Keyring,
  { eventId, userId }: { eventId: string; userId?: string },
): Promise<{ owner: CalendarOwner; event: CalendarEntry | null } | null> {
  const [row] = await db
    .select({ owner: ownerColumns, event: calendarEntryColumns })
    .from(events)
    .innerJoin(users, eq(users.id, events.userId))
    .where(and(eq(events.id, eventId), userId === undefined ? undefined : eq(events.userId, userId)));
  return row ? { owner: row.owner, event: scheduledEntry(keyring, row.event) } : null;
}
