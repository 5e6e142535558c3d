import { randomUUID } from "node:crypto";
import type { Db } from "@flynn/db/client";
import { calls, events } from "@flynn/db/schema";
import { insertUser, useTestDatabase } from "@flynn/db/testing";
import { encodeCursor } from "@flynn/domain";
import { describe, expect, it } from "vitest";
import { callerFor, invalidFields } from "../testing";

const database = useTestDatabase();

type CallValues = Partial<typeof calls.$inferInsert>;

async function insertCall(db: Db, userId: string, values: CallValues = {}) {
  const [call] = await db
    .insert(calls)
    .values({
      userId,
      twilioCallSid: `CA${randomUUID().replaceAll("-", "")}`,
      callerNumber: "+15550100000",
      callStatus: "completed",
      callDirection: "inbound",
      ...values,
    })
    .returning();
  if (!call) throw new Error("no call inserted");
  return call;
}

/** Every page of `calls.list` for these filters, as the dashboard would fetch them. */
async function allPages(db: Db, user: { id: string; email: string }, limit: number, filters = {}) {
  const caller = callerFor(db, user);
  const pages = [];
  let cursor: string | null = null;
  do {
    const page = await caller.calls.list({ ...filters, limit, cursor });
    pages.push(page.items.map((item) => item.id));
    cursor = page.nextCursor;
  } while (cursor !== null && pages.length < 100);
  return pages;
}

const callsOfUser = async (db: Db, userId: string) =>
  (await db.$client.query("SELECT * FROM calls WHERE user_id = $1 ORDER BY id", [userId])).rows;

describe("calls.list", () => {
  it("lists the user's calls newest first, with a short summary and the number of events", async () => {
    const { db } = database.current;
    const user = await insertUser(db);
    const other = await insertUser(db);
    const older = await insertCall(db, user.id, { createdAt: new Date("2026-03-01T10:00:00Z") });
    const newer = await insertCall(db, user.id, {
      createdAt: new Date("2026-03-02T10:00:00Z"),
      callerName: "Dana Drip",
      callDuration: 184,
      aiProcessingStatus: "completed",
      mainTopic: "Burst pipe",
      callSummary: "x".repeat(1000),
      urgencyLevel: "emergency",
    });
    await db.insert(events).values([
      { userId: user.id, callId: newer.id, title: "Fix pipe" },
      { userId: user.id, callId: newer.id, title: "Follow up" },
    ]);
    await insertCall(db, other.id, { createdAt: new Date("2026-03-03T10:00:00Z") });

    const page = await callerFor(db, user).calls.list({});
    expect(page.nextCursor).toBeNull();
    expect(page.items.map((item) => item.id)).toEqual([newer.id, older.id]);
    expect(page.items[0]).toEqual({
      id: newer.id,
      callerNumber: "+15550100000",
      callerName: "Dana Drip",
      callStatus: "completed",
      callDirection: "inbound",
      callDuration: 184,
      aiProcessingStatus: "completed",
      mainTopic: "Burst pipe",
      callSummary: "x".repeat(280),
      urgencyLevel: "emergency",
      createdAt: new Date("2026-03-02T10:00:00Z"),
      eventCount: 2,
    });
    expect(page.items[1]).toMatchObject({
      id: older.id,
      eventCount: 0,
      callSummary: null,
      aiProcessingStatus: "pending",
    });
  });

  it("walks every call exactly once across pages, ties and microsecond timestamps included", async () => {
    const { db } = database.current;
    const user = await insertUser(db);
    const tie = new Date("2026-03-05T12:00:00.000Z");
    for (let i = 0; i < 7; i++) await insertCall(db, user.id, { createdAt: tie });
    for (let i = 0; i < 9; i++) await insertCall(db, user.id, { createdAt: new Date(Date.UTC(2026, 2, 1 + i, 8)) });
    // Same millisecond, different microseconds: a JS Date cursor cannot tell them apart.
    for (const micros of ["123001", "123500", "123999", "123500"]) {
      const call = await insertCall(db, user.id);
      await db.$client.query("UPDATE calls SET created_at = $1 WHERE id = $2", [
        `2026-03-06T09:00:00.${micros}Z`,
        call.id,
      ]);
    }
    // The column is nullable: such rows come first, as in the index (DESC NULLS FIRST).
    for (let i = 0; i < 3; i++) await insertCall(db, user.id, { createdAt: null });
    const { rows: expected } = await db.$client.query<{ id: string }>(
      "SELECT id FROM calls WHERE user_id = $1 ORDER BY created_at DESC, id DESC",
      [user.id],
    );
    expect(expected).toHaveLength(23);

    for (const limit of [1, 3, 4, 50]) {
      const pages = await allPages(db, user, limit);
      expect(pages.flat(), `limit ${limit}`).toEqual(expected.map((row) => row.id));
      expect(pages.length, `limit ${limit}`).toBe(Math.max(1, Math.ceil(23 / limit)));
    }
  });

  it("filters by status, processing status, urgency and creation period", async () => {
    const { db } = database.current;
    const user = await insertUser(db);
    const a = await insertCall(db, user.id, {
      callStatus: "completed",
      aiProcessingStatus: "completed",
      urgencyLevel: "high",
      createdAt: new Date("2026-03-01T00:00:00Z"),
    });
    const b = await insertCall(db, user.id, {
      callStatus: "no_answer",
      aiProcessingStatus: "failed",
      urgencyLevel: "low",
      createdAt: new Date("2026-03-02T00:00:00Z"),
    });
    const c = await insertCall(db, user.id, {
      callStatus: "busy",
      aiProcessingStatus: "pending",
      urgencyLevel: "emergency",
      createdAt: new Date("2026-03-03T00:00:00Z"),
    });
    const ids = async (filters: object) => (await callerFor(db, user).calls.list(filters)).items.map((item) => item.id);

    expect(await ids({ callStatus: ["completed", "busy"] })).toEqual([c.id, a.id]);
    expect(await ids({ aiProcessingStatus: ["failed"] })).toEqual([b.id]);
    expect(await ids({ urgencyLevel: ["emergency", "low"] })).toEqual([c.id, b.id]);
    // An empty selection is a cleared filter, as is a blank search.
    expect(await ids({ urgencyLevel: [], search: "  " })).toEqual([c.id, b.id, a.id]);
    // `from` is inclusive, `to` exclusive.
    expect(await ids({ from: new Date("2026-03-02T00:00:00Z"), to: new Date("2026-03-03T00:00:00Z") })).toEqual([b.id]);
    expect(await ids({ from: new Date("2026-03-02T00:00:00Z") })).toEqual([c.id, b.id]);
    expect(await ids({ to: new Date("2026-03-02T00:00:00Z") })).toEqual([a.id]);
    expect(await ids({ callStatus: ["completed"], urgencyLevel: ["low"] })).toEqual([]);
  });

  it("searches caller number, caller name, topic and summary, ignoring case", async () => {
    const { db } = database.current;
    const user = await insertUser(db);
    const byNumber = await insertCall(db, user.id, { callerNumber: "+15557654321" });
    const byName = await insertCall(db, user.id, { callerName: "Maria GONZALEZ" });
    const byTopic = await insertCall(db, user.id, { mainTopic: "Water heater replacement" });
    const bySummary = await insertCall(db, user.id, { callSummary: "Customer wants a quote for a new Water Heater" });
    const ids = async (search: string) =>
      new Set((await callerFor(db, user).calls.list({ search })).items.map((item) => item.id));

    expect(await ids("7654")).toEqual(new Set([byNumber.id]));
    // A number as people write it finds the stored E.164 number.
    expect(await ids("(555) 765-4321")).toEqual(new Set([byNumber.id]));
    expect(await ids("+1 555 765")).toEqual(new Set([byNumber.id]));
    expect(await ids("765.43")).toEqual(new Set([byNumber.id]));
    expect(await ids("gonzalez")).toEqual(new Set([byName.id]));
    expect(await ids("  water HEATER ")).toEqual(new Set([byTopic.id, bySummary.id]));
    expect(await ids("nothing like this")).toEqual(new Set());
  });

  it("treats % and _ in the search as plain characters", async () => {
    const { db } = database.current;
    const user = await insertUser(db);
    const percent = await insertCall(db, user.id, { callSummary: "Offered 10% off the repair" });
    const underscore = await insertCall(db, user.id, { mainTopic: "pipe_fitting" });
    const backslash = await insertCall(db, user.id, { callerName: "C:\\Temp" });
    await insertCall(db, user.id, { callSummary: "Nothing special, 100 percent" });
    await insertCall(db, user.id, { mainTopic: "pipe fitting" });
    const ids = async (search: string) => (await callerFor(db, user).calls.list({ search })).items.map((i) => i.id);

    expect(await ids("%")).toEqual([percent.id]);
    expect(await ids("10%")).toEqual([percent.id]);
    expect(await ids("_")).toEqual([underscore.id]);
    expect(await ids("pipe_")).toEqual([underscore.id]);
    expect(await ids("\\")).toEqual([backslash.id]);
  });

  it("rejects bad input naming the fields", async () => {
    const { db } = database.current;
    const user = await insertUser(db);
    await insertCall(db, user.id);
    const caller = callerFor(db, user);
    const error = await caller.calls
      .list({
        // biome-ignore lint/suspicious/noExplicitAny: deliberately sending values the schema refuses
        callStatus: ["hung_up" as any],
        limit: 0,
        search: "a".repeat(101),
        cursor: "not-a-cursor",
        // biome-ignore lint/suspicious/noExplicitAny: a string where a Date belongs
        from: "yesterday" as any,
      })
      .catch((e) => e);
    expect(error.code).toBe("BAD_REQUEST");
    expect(invalidFields(error)).toEqual(["callStatus.0", "cursor", "from", "limit", "search"]);

    const reversed = await caller.calls
      .list({ from: new Date("2026-03-02T00:00:00Z"), to: new Date("2026-03-01T00:00:00Z") })
      .catch((e) => e);
    expect(reversed.code).toBe("BAD_REQUEST");
    expect(invalidFields(reversed)).toEqual(["to"]);
    expect(await callsOfUser(db, user.id)).toHaveLength(1);
  });
});

describe("calls.byId", () => {
  it("returns the call's transcript, analysis and events, soonest proposed first", async () => {
    const { db } = database.current;
    const user = await insertUser(db);
    const call = await insertCall(db, user.id, {
      callerName: "Sam Sink",
      callDuration: 95,
      recordingUrl: "https://api.twilio.com/recordings/RE1",
      transcriptionText: "Hi, my sink is leaking.",
      transcriptionConfidence: "0.93",
      aiProcessingStatus: "completed",
      mainTopic: "Leaking sink",
      callSummary: "Sink leaking under the cabinet.",
      sentimentAnalysis: { overall: "concerned", score: -0.2 },
      urgencyLevel: "high",
      processedAt: new Date("2026-03-01T10:01:00Z"),
      emailSentAt: new Date("2026-03-01T10:02:00Z"),
    });
    const [later, unscheduled, sooner] = await db
      .insert(events)
      .values([
        { userId: user.id, callId: call.id, title: "Repair", proposedDatetime: new Date("2026-03-04T09:00:00Z") },
        { userId: user.id, callId: call.id, title: "Call back" },
        {
          userId: user.id,
          callId: call.id,
          title: "Inspect",
          eventType: "inspection",
          status: "confirmed",
          proposedDatetime: new Date("2026-03-02T09:00:00Z"),
          confirmedDatetime: new Date("2026-03-02T09:30:00Z"),
          location: "12 Elm St",
          customerName: "Sam Sink",
          urgencyLevel: "high",
          aiConfidence: "0.85",
        },
      ])
      .returning();
    // Another call's event stays with its call.
    const otherCall = await insertCall(db, user.id);
    await db.insert(events).values({ userId: user.id, callId: otherCall.id, title: "Elsewhere" });

    const detail = await callerFor(db, user).calls.byId({ id: call.id });
    expect(detail).toMatchObject({
      id: call.id,
      callerName: "Sam Sink",
      callDuration: 95,
      recordingUrl: "https://api.twilio.com/recordings/RE1",
      transcriptionText: "Hi, my sink is leaking.",
      transcriptionConfidence: 0.93,
      aiProcessingStatus: "completed",
      callSummary: "Sink leaking under the cabinet.",
      sentimentAnalysis: { overall: "concerned", score: -0.2 },
      urgencyLevel: "high",
      processedAt: new Date("2026-03-01T10:01:00Z"),
      emailSentAt: new Date("2026-03-01T10:02:00Z"),
    });
    expect(detail.events.map((event) => event.id)).toEqual([sooner?.id, later?.id, unscheduled?.id]);
    expect(detail.events[0]).toEqual({
      id: sooner?.id,
      title: "Inspect",
      eventType: "inspection",
      status: "confirmed",
      proposedDatetime: new Date("2026-03-02T09:00:00Z"),
      confirmedDatetime: new Date("2026-03-02T09:30:00Z"),
      durationMinutes: 60,
      location: "12 Elm St",
      customerName: "Sam Sink",
      urgencyLevel: "high",
      aiConfidence: 0.85,
    });
    expect(detail.events[2]?.aiConfidence).toBeNull();
  });

  it("rejects an id that is not a UUID, naming the field", async () => {
    const { db } = database.current;
    const user = await insertUser(db);
    const error = await callerFor(db, user)
      .calls.byId({ id: "42" })
      .catch((e) => e);
    expect(error.code).toBe("BAD_REQUEST");
    expect(invalidFields(error)).toEqual(["id"]);
  });
});

describe("calls security", () => {
  it("another user's call is NOT_FOUND, exactly like a missing one, and stays unchanged", async () => {
    const { db } = database.current;
    const alice = await insertUser(db);
    const bob = await insertUser(db);
    const bobsCall = await insertCall(db, bob.id, { callSummary: "Bob's secret", createdAt: new Date("2026-03-01Z") });
    await db.insert(events).values({ userId: bob.id, callId: bobsCall.id, title: "Bob's event" });
    const before = await callsOfUser(db, bob.id);

    const caller = callerFor(db, alice);
    await expect(caller.calls.byId({ id: bobsCall.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(caller.calls.byId({ id: randomUUID() })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect((await caller.calls.list({})).items).toEqual([]);
    expect((await caller.calls.list({ search: "secret" })).items).toEqual([]);
    expect(await callsOfUser(db, bob.id)).toEqual(before);
  });

  it("a cursor built from another user's call reveals nothing", async () => {
    const { db } = database.current;
    const alice = await insertUser(db);
    const bob = await insertUser(db);
    const mine = await insertCall(db, alice.id, { createdAt: new Date("2026-03-01T00:00:00Z") });
    await insertCall(db, alice.id, { createdAt: new Date("2026-03-03T00:00:00Z") });
    const bobsCall = await insertCall(db, bob.id, { createdAt: new Date("2026-03-02T00:00:00Z") });
    const page = await callerFor(db, alice).calls.list({
      cursor: encodeCursor({ at: "2026-03-02T00:00:00.000000Z", id: bobsCall.id }),
    });
    expect(page.items.map((item) => item.id)).toEqual([mine.id]);
  });

  it("answers nobody without a session", async () => {
    const { db } = database.current;
    const bob = await insertUser(db);
    const call = await insertCall(db, bob.id);
    const anonymous = callerFor(db, null);
    await expect(anonymous.calls.list({})).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    await expect(anonymous.calls.byId({ id: call.id })).rejects.toMatchObject({ code: "UNAUTHORIZED" });
  });
});
