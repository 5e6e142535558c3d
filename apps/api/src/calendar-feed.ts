/**
 * Calendars that read Flynn without signing in:
 *
 * - `GET /calendar/<token>.ics`: the owner's subscription feed (Apple Calendar, Google,
 *   Outlook poll it). The token is its only credential; an unknown or rotated one gets the
 *   same 404 as any unknown path. ETag (a hash of the body) answers repeated polls with 304.
 * - `GET /calendar/events/<event id>.ics?sig=...`: one event as a file to import, linked from
 *   emails (the customer's and the owner's); the signature (links.ts in @flynn/calendar) is
 *   its credential, and it carries only what a customer may see.
 *
 * Both read as the database owner (no session, no RLS): the queries filter by the feed's or
 * the event's own user.
 */
import { createHash } from "node:crypto";
import { EVENT_ICS_SIGNATURE, ICS_CONTENT_TYPE, icsEvent, renderIcs } from "@flynn/calendar";
import type { Keyring } from "@flynn/crypto";
import type { Db } from "@flynn/db/client";
import { type CalendarOwner, calendarEntry, calendarFeedByToken } from "@flynn/db/queries/calendar-feed";
import { dashboardEventUrl, wallClock } from "@flynn/domain";
import { type Context, Hono } from "hono";

export interface CalendarFeedDeps {
  db: Db;
  keyring: Keyring;
  /** The dashboard's address, for each entry's "Open in Flynn" link. */
  webUrl: string;
  clock: () => Date;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** What randomToken() makes (base64url); anything else cannot be a feed's token. */
const TOKEN = /^[A-Za-z0-9_-]{16,128}$/;

/** `abc.ics` -> `abc`; null without the extension. */
const withoutIcs = (file: string) => (file.endsWith(".ics") ? file.slice(0, -4) : null);

/**
 * The request path as logs may show it: a feed's token is a credential, so it is replaced
 * (logs never hold secrets); event ids are not secret (their files need a signature).
 */
export function loggablePath(path: string): string {
  return path.replace(/^\/calendar\/(?!events\/)[^/]+$/, "/calendar/<token>.ics");
}

/** Same answer as an unknown path: nothing tells a wrong token from a rotated one, or a bad signature from a missing event. */
const notFound = (c: Context) => c.json({ error: "Not found" }, 404);

/** True when `If-None-Match` names `etag` (or is `*`); weak forms compare equal. */
function matchesEtag(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  return header.split(",").some((candidate) => {
    const value = candidate.trim();
    return value === "*" || value.replace(/^W\//, "") === etag;
  });
}

function businessName(owner: CalendarOwner): string {
  return owner.companyName || owner.fullName || "Flynn";
}

/** `fix-water-heater-2026-10-08.ics`: the title in ASCII and the day in the business's zone. */
function fileName(title: string, start: Date, timezone: string): string {
  const slug =
    title
      .normalize("NFKD")
      .replace(/[\u0300-\u036f]/g, "")
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "")
      .slice(0, 60)
      .replace(/-+$/, "") || "event";
  const { year, month, day } = wallClock(start, timezone);
  const pad = (value: number) => String(value).padStart(2, "0");
  return `${slug}-${year}-${pad(month)}-${pad(day)}.ics`;
}

/** The latest change the feed shows (its events' and the owner's name and zone); null: none known. */
function lastModified(owner: CalendarOwner, updates: Date[]): Date | null {
  const times = [owner.updatedAt, ...updates]
    .filter((time): time is Date => time !== null)
    .map((time) => time.getTime());
  return times.length > 0 ? new Date(Math.max(...times)) : null;
}

/** Validates a zone name the way the renderer will use it; an unknown one falls back to UTC. */
function zoneOf(owner: CalendarOwner): string {
  const zone = owner.timezone || "UTC";
  try {
    wallClock(new Date(0), zone);
    return zone;
  } catch {
    return "UTC";
  }
}

export function createCalendarFeedRoutes({ db, keyring, webUrl, clock }: CalendarFeedDeps) {
  const app = new Hono();

  app.get("/events/:file", async (c) => {
    const eventId = withoutIcs(c.req.param("file"));
    const sig = c.req.query("sig");
    if (!eventId || !UUID.test(eventId) || !sig || !keyring.verify(eventId, sig, EVENT_ICS_SIGNATURE)) {
      return notFound(c);
    }
    const entry = await calendarEntry(db, keyring, { eventId });
    if (!entry?.event) return notFound(c);
    const { owner, event } = entry;
    const body = renderIcs({
      kind: "file",
      organizer: { name: businessName(owner), email: owner.email },
      stamp: clock(),
      events: [icsEvent(event, { kind: "customer", companyName: businessName(owner) })],
    });
    return c.body(body, 200, {
      "Content-Type": ICS_CONTENT_TYPE,
      "Content-Disposition": `attachment; filename="${fileName(event.title, event.datetime, zoneOf(owner))}"`,
      "Cache-Control": "private, no-cache",
    });
  });

  app.get("/:file", async (c) => {
    const token = withoutIcs(c.req.param("file"));
    if (!token || !TOKEN.test(token)) return notFound(c);
    const feed = await calendarFeedByToken(db, keyring, { token, now: clock() });
    if (!feed) return notFound(c);
    const { owner, events } = feed;
    const body = renderIcs({
      kind: "feed",
      name: `Flynn – ${businessName(owner)}`,
      timezone: zoneOf(owner),
      events: events.map((event) => icsEvent(event, { kind: "owner", eventUrl: dashboardEventUrl(webUrl, event.id) })),
    });
    const modified = lastModified(
      owner,
      events.map((event) => event.updatedAt),
    );
    const headers: Record<string, string> = {
      ETag: `"${createHash("sha256").update(body).digest("base64url")}"`,
      // Revalidate every poll (the ETag makes that cheap); shared caches must not keep a private feed.
      "Cache-Control": "private, no-cache",
      ...(modified ? { "Last-Modified": modified.toUTCString() } : {}),
    };
    if (matchesEtag(c.req.header("if-none-match"), headers.ETag as string)) return c.body(null, 304, headers);
    return c.body(body, 200, { ...headers, "Content-Type": ICS_CONTENT_TYPE });
  });

  return app;
}
