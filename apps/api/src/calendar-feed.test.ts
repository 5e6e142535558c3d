/**
 * `GET /calendar/<token>.ics` and `GET /calendar/events/<id>.ics?sig=` through the app, on
 * a real Postgres, with every body read by a strict (ical.js) and a lenient (node-ical)
 * iCalendar parser.
 */
import { EVENT_ICS_SIGNATURE } from "@flynn/calendar";
import { parseIcs } from "@flynn/calendar/testing";
import { testKeyring } from "@flynn/crypto";
import { type Db, withUser } from "@flynn/db/client";
import { ensureCalendarFeed } from "@flynn/db/queries/calendar-feed";
import { events } from "@flynn/db/schema";
import { sealCustomerContacts } from "@flynn/db/sealed-contacts";
import { insertEvent as insertEventRow, insertUser, useTestDatabase } from "@flynn/db/testing";
import { zonedLocalToUtc } from "@flynn/domain";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { browserHeaders, createTestApp, randomIp, signUp, trpcClient, WEB_ORIGIN } from "./testing";

const database = useTestDatabase();
const keyring = testKeyring();
const DAY = 24 * 60 * 60 * 1000;

/** A test app whose clock the test moves. */
function appAt(initial: Date) {
  let now = initial;
  const { app, logLines } = createTestApp(database.current.db, { clock: () => now });
  return {
    app,
    logLines,
    setNow: (next: Date) => {
      now = next;
    },
  };
}

async function owner(values: Parameters<typeof insertUser>[1] = {}) {
  return insertUser(database.current.db, { timezone: "America/New_York", companyName: "Joe's Plumbing", ...values });
}

/** The feed's path, as the user's settings would show it. */
async function feedPath(db: Db, userId: string): Promise<string> {
  const { token } = await withUser(db, { userId }, (tx) => ensureCalendarFeed(tx, keyring, userId));
  return `/calendar/${token}.ics`;
}

/** A confirmed event of Maria Lopez's, her phone sealed as every path stores it. */
const insertEvent = (userId: string, values: Partial<typeof events.$inferInsert> = {}) =>
  insertEventRow(database.current.db, userId, {
    status: "confirmed",
    durationMinutes: 90,
    customerName: "Maria Lopez",
    ...sealCustomerContacts(keyring, { customerPhone: "+15125550142", customerEmail: null }),
    ...values,
  });

async function getFeed(app: ReturnType<typeof appAt>["app"], path: string, headers: Record<string, string> = {}) {
  const response = await app.request(path, { headers });
  return { response, text: await response.text() };
}

describe("GET /calendar/<token>.ics", () => {
  it("serves the owner's confirmed, tentative, recently completed and recently cancelled events, and nothing else", async () => {
    const { db } = database.current;
    const now = new Date("2026-11-20T12:00:00Z");
    const user = await owner();
    const other = await owner();
    const within = (days: number) => new Date(now.getTime() + days * DAY);
    const shown = [
      await insertEvent(user.id, { title: "Confirmed", status: "confirmed", proposedDatetime: within(3) }),
      await insertEvent(user.id, {
        title: "Tentative",
        status: "tentative",
        proposedDatetime: within(4),
        confirmedDatetime: null,
      }),
      await insertEvent(user.id, { title: "Completed", status: "completed", proposedDatetime: within(-80) }),
      await insertEvent(user.id, {
        title: "Cancelled lately",
        status: "cancelled",
        proposedDatetime: within(5),
        updatedAt: within(-29),
      }),
      // The confirmed time wins over the proposed one.
      await insertEvent(user.id, {
        title: "Moved",
        proposedDatetime: within(-200),
        confirmedDatetime: within(6),
      }),
    ];
    const hidden = [
      await insertEvent(user.id, { title: "Pending", status: "pending", proposedDatetime: within(3) }),
      await insertEvent(user.id, { title: "Extracted", status: "extracted", proposedDatetime: within(3) }),
      await insertEvent(user.id, { title: "Old", status: "completed", proposedDatetime: within(-91) }),
      await insertEvent(user.id, {
        title: "Cancelled long ago",
        status: "cancelled",
        proposedDatetime: within(5),
        updatedAt: within(-31),
      }),
      await insertEvent(user.id, { title: "No time", proposedDatetime: null }),
      await insertEvent(other.id, { title: "Someone else's", proposedDatetime: within(3) }),
    ];
    await feedPath(db, other.id);
    const { app } = appAt(now);

    const { response, text } = await getFeed(app, await feedPath(db, user.id));
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/calendar; charset=utf-8");
    expect(response.headers.get("cache-control")).toMatch(/^private\b/);
    expect(response.headers.get("etag")).toMatch(/^"[\w-]+"$/);
    const { calendar, events: parsed } = parseIcs(text);
    expect(calendar).toMatchObject({ "x-wr-timezone": "America/New_York", "refresh-interval": "PT1H" });
    expect(parsed.map((event) => event.uid).sort()).toEqual(shown.map((event) => `${event.id}@flynn`).sort());
    expect(Object.fromEntries(parsed.map((event) => [event.summary, event.status]))).toEqual({
      "Confirmed – Maria Lopez": "CONFIRMED",
      "Tentative – Maria Lopez": "TENTATIVE",
      "Completed – Maria Lopez": "CONFIRMED",
      "Cancelled lately – Maria Lopez": "CANCELLED",
      "Moved – Maria Lopez": "CONFIRMED",
    });
    const moved = parsed.find((event) => event.summary.startsWith("Moved"));
    expect(moved?.start).toEqual(within(6));
    expect(moved?.description).toContain("Phone: +1 512 555 0142");
    expect(moved?.description).toContain(`Open in Flynn: ${WEB_ORIGIN}/events/${shown[4]?.id}`);
    for (const event of hidden) expect(text).not.toContain(event.id);
    expect(text).not.toContain("Someone else");
    // Sealed values are opened, never served.
    expect(text).not.toMatch(/v1\.[\w-]+\./);
  });

  it("keeps the UID across an edit, raises SEQUENCE and LAST-MODIFIED, and answers 304 only while nothing changed", async () => {
    const { db } = database.current;
    const user = await owner();
    const event = await insertEvent(user.id, { updatedAt: new Date("2026-11-01T10:00:00Z") });
    const path = await feedPath(db, user.id);
    const { app } = appAt(new Date("2026-11-20T12:00:00Z"));

    const first = await getFeed(app, path);
    const etag = first.response.headers.get("etag") ?? "";
    expect(first.response.headers.get("last-modified")).toBe(user.updatedAt?.toUTCString());
    const before = parseIcs(first.text).events[0];
    expect(before).toMatchObject({ uid: `${event.id}@flynn`, sequence: 0 });

    const unchanged = await getFeed(app, path, { "if-none-match": etag });
    expect(unchanged.response.status).toBe(304);
    expect(unchanged.text).toBe("");
    expect(unchanged.response.headers.get("etag")).toBe(etag);
    expect((await getFeed(app, path, { "if-none-match": `W/${etag}, "other"` })).response.status).toBe(304);

    await db.update(events).set({ title: "Replace water heater" }).where(eq(events.id, event.id));
    const [edited] = await db.select({ updatedAt: events.updatedAt }).from(events).where(eq(events.id, event.id));

    const second = await getFeed(app, path, { "if-none-match": etag });
    expect(second.response.status).toBe(200);
    expect(second.response.headers.get("etag")).not.toBe(etag);
    const after = parseIcs(second.text).events[0];
    expect(after).toMatchObject({ uid: before?.uid, sequence: 1, summary: "Replace water heater – Maria Lopez" });
    expect(after?.lastModified?.getTime()).toBe(Math.floor((edited?.updatedAt?.getTime() ?? 0) / 1000) * 1000);
    expect(second.response.headers.get("last-modified")).toBe(edited?.updatedAt?.toUTCString());
  });

  it("keeps a cancelled event as STATUS:CANCELLED for 30 days after the cancellation, then drops it", async () => {
    const { db } = database.current;
    const user = await owner();
    const event = await insertEvent(user.id, { proposedDatetime: new Date(Date.now() + 10 * DAY) });
    await db.update(events).set({ status: "cancelled" }).where(eq(events.id, event.id));
    const [cancelled] = await db.select({ updatedAt: events.updatedAt }).from(events).where(eq(events.id, event.id));
    const cancelledAt = cancelled?.updatedAt ?? new Date();
    const path = await feedPath(db, user.id);
    const { app, setNow } = appAt(new Date(cancelledAt.getTime() + 29 * DAY));

    const kept = parseIcs((await getFeed(app, path)).text).events;
    expect(kept).toEqual([expect.objectContaining({ uid: `${event.id}@flynn`, status: "CANCELLED", sequence: 1 })]);

    setNow(new Date(cancelledAt.getTime() + 31 * DAY));
    expect(parseIcs((await getFeed(app, path)).text).events).toEqual([]);
  });

  it("shows 9:00 in New York as 14:00Z in winter and 13:00Z in summer", async () => {
    const { db } = database.current;
    const user = await owner();
    await insertEvent(user.id, {
      title: "Winter",
      proposedDatetime: zonedLocalToUtc("2027-01-14T09:00", "America/New_York"),
    });
    await insertEvent(user.id, {
      title: "Summer",
      proposedDatetime: zonedLocalToUtc("2027-07-15T09:00", "America/New_York"),
    });
    const { app } = appAt(new Date("2026-12-01T00:00:00Z"));

    const { text } = await getFeed(app, await feedPath(db, user.id));
    expect(text).toContain("DTSTART:20270114T140000Z\r\n");
    expect(text).toContain("DTSTART:20270715T130000Z\r\n");
    expect(parseIcs(text).events.map((event) => [event.summary, event.start.toISOString()])).toEqual([
      ["Winter – Maria Lopez", "2027-01-14T14:00:00.000Z"],
      ["Summer – Maria Lopez", "2027-07-15T13:00:00.000Z"],
    ]);
  });

  it("answers a wrong, malformed or rotated token with the same 404 as any unknown path, and logs no token", async () => {
    const ip = randomIp();
    const { app, logLines } = appAt(new Date("2026-11-20T12:00:00Z"));
    const { cookie } = await signUp(app, ip, `owner-${crypto.randomUUID()}@example.test`);
    const client = trpcClient(app, browserHeaders(ip, cookie));

    const feed = await client.calendarFeed.get.query();
    expect(feed.url).toMatch(/^https:\/\/flynn\.example\.test\/calendar\/[\w-]{43}\.ics$/);
    expect(feed.webcalUrl).toBe(feed.url.replace("https://", "webcal://"));
    expect(await client.calendarFeed.get.query()).toEqual(feed);
    const oldPath = new URL(feed.url).pathname;
    expect((await getFeed(app, oldPath)).response.status).toBe(200);

    const rotated = await client.calendarFeed.rotate.mutate();
    expect(rotated.url).not.toBe(feed.url);
    expect(rotated.rotatedAt).toBeInstanceOf(Date);
    expect((await getFeed(app, new URL(rotated.url).pathname)).response.status).toBe(200);

    const unknown = await getFeed(app, "/calendar/no-such-thing/at-all");
    for (const path of [oldPath, `/calendar/${"A".repeat(43)}.ics`, "/calendar/short.ics", oldPath.slice(0, -4)]) {
      const { response, text } = await getFeed(app, path);
      expect(response.status).toBe(404);
      expect(text).toBe(unknown.text);
    }
    const token = oldPath.slice("/calendar/".length, -4);
    const logged = JSON.stringify(logLines);
    expect(logged).toContain("/calendar/<token>.ics");
    expect(logged).not.toContain(token);
    expect(logged).not.toContain(new URL(rotated.url).pathname);
  });
});

describe("GET /calendar/events/<id>.ics", () => {
  const signed = (id: string, sig = keyring.sign(id, EVENT_ICS_SIGNATURE)) => `/calendar/events/${id}.ics?sig=${sig}`;

  it("serves one event as a file to import: METHOD:PUBLISH, the feed's UID, only what a customer may see", async () => {
    const { db } = database.current;
    const now = new Date("2026-11-20T12:00:00Z");
    const user = await owner({ email: `joe-${crypto.randomUUID()}@example.test` });
    const event = await insertEvent(user.id, {
      title: "Fix Señora Müller's water heater",
      proposedDatetime: zonedLocalToUtc("2026-12-01T21:30", "America/New_York"),
      location: "1420 Oak St, Austin",
      notes: "Owner only: gate code 4821",
      priceEstimate: "185.00",
    });
    const { app } = appAt(now);

    const { response, text } = await getFeed(app, signed(event.id));
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/calendar; charset=utf-8");
    // The day in the business's zone (21:30 in New York is the next day in UTC).
    expect(response.headers.get("content-disposition")).toBe(
      'attachment; filename="fix-senora-muller-s-water-heater-2026-12-01.ics"',
    );
    const { calendar, events: parsed } = parseIcs(text);
    expect(calendar.method).toBe("PUBLISH");
    const feed = parseIcs((await getFeed(app, await feedPath(db, user.id))).text).events;
    expect(parsed).toEqual([
      {
        uid: feed[0]?.uid,
        summary: "Fix Señora Müller's water heater – Joe's Plumbing",
        description: "With Joe's Plumbing\nPrice estimate: $185.00",
        location: "1420 Oak St, Austin",
        status: "CONFIRMED",
        sequence: 0,
        start: new Date("2026-12-02T02:30:00Z"),
        end: new Date("2026-12-02T04:00:00Z"),
        dtstamp: now,
        lastModified: feed[0]?.lastModified,
        organizer: `mailto:${user.email}`,
      },
    ]);
    expect(text).not.toContain("gate code");
    expect(text).not.toContain("+1 512");
  });

  it("answers 404 for a bad, missing or another event's signature, a missing event and an event without a time", async () => {
    const user = await owner();
    const event = await insertEvent(user.id);
    const other = await insertEvent(user.id, { title: "Other" });
    const untimed = await insertEvent(user.id, { proposedDatetime: null });
    const { app } = appAt(new Date("2026-11-20T12:00:00Z"));
    const missing = crypto.randomUUID();

    expect((await getFeed(app, signed(event.id))).response.status).toBe(200);
    for (const path of [
      signed(event.id, "not-a-signature"),
      signed(event.id, keyring.sign(other.id, EVENT_ICS_SIGNATURE)),
      signed(event.id, keyring.sign(event.id, "another-purpose")),
      `/calendar/events/${event.id}.ics`,
      signed(missing),
      signed(untimed.id),
      signed("not-a-uuid"),
    ]) {
      const { response, text } = await getFeed(app, path);
      expect({ path, status: response.status, text }).toEqual({ path, status: 404, text: '{"error":"Not found"}' });
    }
  });
});
