import { EVENT_ICS_SIGNATURE } from "@flynn/calendar";
import { testKeyring } from "@flynn/crypto";
import { feedTokenHash } from "@flynn/db/queries/calendar-feed";
import { auditLogs, calendarFeeds, type events } from "@flynn/db/schema";
import { sealCustomerContacts } from "@flynn/db/sealed-contacts";
import { insertEvent as insertEventRow, insertUser, useTestDatabase } from "@flynn/db/testing";
import { TRPCError } from "@trpc/server";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { callerFor, invalidFields } from "../testing";

const database = useTestDatabase();
const keyring = testKeyring();
const PUBLIC_URL = "https://api.flynn.example";

async function newUser() {
  const user = await insertUser(database.current.db, { companyName: "Joe's Plumbing" });
  return { user, caller: callerFor(database.current.db, user, { publicUrl: PUBLIC_URL }).calendarFeed };
}

async function feedRows(userId: string) {
  return database.current.db.select().from(calendarFeeds).where(eq(calendarFeeds.userId, userId));
}

const tokenOf = (url: string) => url.replace(`${PUBLIC_URL}/calendar/`, "").replace(/\.ics$/, "");

describe("calendarFeed.get / rotate", () => {
  it("makes the feed once, with the token stored sealed and hashed, never in the audit trail", async () => {
    const { user, caller } = await newUser();
    const feed = await caller.get();
    expect(feed.url).toMatch(new RegExp(`^${PUBLIC_URL}/calendar/[A-Za-z0-9_-]{43}\\.ics$`));
    expect(feed.webcalUrl).toBe(feed.url.replace("https://", "webcal://"));
    expect(feed.rotatedAt).toBeNull();
    expect(await caller.get()).toEqual(feed);

    const token = tokenOf(feed.url);
    const rows = await feedRows(user.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]?.token).not.toContain(token);
    expect(keyring.open(rows[0]?.token ?? "", "calendar_feeds.token")).toBe(token);
    expect(rows[0]?.tokenHash).toBe(feedTokenHash(keyring, token));
    const trail = await database.current.db.select().from(auditLogs).where(eq(auditLogs.userId, user.id));
    expect(trail.map((row) => row.resourceType)).toContain("calendar_feed");
    expect(JSON.stringify(trail)).not.toContain(token);
    expect(JSON.stringify(trail)).not.toContain(rows[0]?.tokenHash);
  });

  it("rotate replaces the token (and makes a feed if there was none)", async () => {
    const { user, caller } = await newUser();
    const first = await caller.rotate();
    const before = await caller.get();
    expect(before).toEqual(first);
    const rotated = await caller.rotate();
    expect(tokenOf(rotated.url)).not.toBe(tokenOf(before.url));
    expect(rotated.rotatedAt).toBeInstanceOf(Date);
    const [row] = await feedRows(user.id);
    expect(row?.tokenHash).toBe(feedTokenHash(keyring, tokenOf(rotated.url)));
    expect(await caller.get()).toEqual(rotated);
  });

  it("requires a session and the API's public address", async () => {
    await expect(
      callerFor(database.current.db, null, { publicUrl: PUBLIC_URL }).calendarFeed.get(),
    ).rejects.toMatchObject({
      code: "UNAUTHORIZED",
    });
    const user = await insertUser(database.current.db);
    await expect(callerFor(database.current.db, user).calendarFeed.get()).rejects.toMatchObject({
      code: "INTERNAL_SERVER_ERROR",
    });
    // The failed request rolled back: no feed was left behind.
    expect(await feedRows(user.id)).toEqual([]);
  });
});

describe("calendarFeed.eventLinks", () => {
  const insertEvent = (userId: string, values: Partial<typeof events.$inferInsert> = {}) =>
    insertEventRow(database.current.db, userId, {
      status: "confirmed",
      customerName: "Maria Lopez",
      ...sealCustomerContacts(keyring, { customerPhone: "+15125550142" }),
      ...values,
    });

  it("gives Google, Outlook and .ics links for one of the user's events", async () => {
    const { user, caller } = await newUser();
    const event = await insertEvent(user.id, { durationMinutes: 45 });
    const links = await caller.eventLinks({ id: event.id });
    const google = new URL(links?.google ?? "");
    expect(google.searchParams.get("dates")).toBe("20261201T150000Z/20261201T154500Z");
    expect(google.searchParams.get("text")).toBe("Fix water heater – Maria Lopez");
    expect(google.searchParams.get("details")).toContain("Phone: +1 512 555 0142");
    expect(new URL(links?.outlook ?? "").searchParams.get("enddt")).toBe("2026-12-01T15:45:00Z");
    const ics = new URL(links?.ics ?? "");
    expect(`${ics.origin}${ics.pathname}`).toBe(`${PUBLIC_URL}/calendar/events/${event.id}.ics`);
    expect(keyring.verify(event.id, ics.searchParams.get("sig") ?? "", EVENT_ICS_SIGNATURE)).toBe(true);
  });

  it("is null for an event without a time, NOT_FOUND for another user's or a missing one, BAD_REQUEST for a bad id", async () => {
    const { user, caller } = await newUser();
    const untimed = await insertEvent(user.id, { proposedDatetime: null });
    expect(await caller.eventLinks({ id: untimed.id })).toBeNull();

    const other = await newUser();
    const theirs = await insertEvent(other.user.id);
    for (const id of [theirs.id, crypto.randomUUID()]) {
      await expect(caller.eventLinks({ id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    }
    const error = await caller.eventLinks({ id: "not-a-uuid" }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(TRPCError);
    expect((error as TRPCError).code).toBe("BAD_REQUEST");
    expect(invalidFields(error as TRPCError)).toEqual(["id"]);
  });
});
