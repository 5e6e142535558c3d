import { communicationLogs } from "@flynn/db/schema";
import { seedUserGraph, useTestDatabase } from "@flynn/db/testing";
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { callerFor, invalidFields } from "../testing";

const database = useTestDatabase();

type NewCommunication = Omit<typeof communicationLogs.$inferInsert, "createdAt"> & { createdAt?: string };

/** Inserts as the owner (as the worker does), created_at given to the microsecond. */
async function insertCommunications(rows: NewCommunication[]) {
  return database.current.db
    .insert(communicationLogs)
    .values(
      rows.map(({ createdAt, ...row }) => ({
        ...row,
        createdAt: createdAt ? sql`${createdAt}::timestamptz` : undefined,
      })),
    )
    .returning();
}

/** The fields a BAD_REQUEST names: the paths of its ZodError, which the error formatter reports. */
async function communicationRow(id: string) {
  const { rows } = await database.current.db.$client.query(
    "SELECT recipient, subject, content, status FROM communication_logs WHERE id = $1",
    [id],
  );
  return rows[0];
}

/** A user with the seeded communication (created now) and three older ones. */
async function userWithCommunications() {
  const graph = await seedUserGraph(database.current.db);
  const userId = graph.user.id;
  const [confirmation, reminder, failedCall] = await insertCommunications([
    {
      userId,
      eventId: graph.event.id,
      callId: graph.call.id,
      communicationType: "email",
      recipient: "jane@customer.test",
      subject: "Your appointment is confirmed: 100% on time",
      content: `Dear Jane,\n${"We look forward to fixing your water heater. ".repeat(20)}`,
      status: "delivered",
      externalId: "re_123",
      sentAt: new Date("2025-03-01T10:00:01Z"),
      deliveredAt: new Date("2025-03-01T10:00:05Z"),
      createdAt: "2025-03-01T10:00:00Z",
    },
    {
      userId,
      eventId: graph.event.id,
      communicationType: "sms",
      recipient: "+15550199999",
      content: "Reminder: plumber arrives tomorrow at 3pm",
      status: "sent",
      createdAt: "2025-03-02T10:00:00Z",
    },
    {
      userId,
      communicationType: "call",
      recipient: "+15550188888",
      subject: "100 on time follow-up",
      status: "failed",
      errorMessage: "No answer",
      createdAt: "2025-03-03T10:00:00Z",
    },
  ]);
  if (!confirmation || !reminder || !failedCall) throw new Error("no communications inserted");
  return { graph, user: graph.user, confirmation, reminder, failedCall };
}

describe("communications router", () => {
  it("lists the user's communications newest first with a short preview, and no one else's", async () => {
    const { db } = database.current;
    const a = await userWithCommunications();
    const b = await userWithCommunications();

    const page = await callerFor(db, a.user).communications.list({});
    expect(page.items.map((c) => c.id)).toEqual([
      a.graph.communication.id,
      a.failedCall.id,
      a.reminder.id,
      a.confirmation.id,
    ]);
    expect(page.nextCursor).toBeNull();
    const confirmation = page.items[3];
    expect(confirmation).toEqual({
      id: a.confirmation.id,
      communicationType: "email",
      recipient: "jane@customer.test",
      subject: "Your appointment is confirmed: 100% on time",
      status: "delivered",
      externalId: "re_123",
      errorMessage: null,
      sentAt: new Date("2025-03-01T10:00:01Z"),
      deliveredAt: new Date("2025-03-01T10:00:05Z"),
      createdAt: new Date("2025-03-01T10:00:00Z"),
      eventId: a.graph.event.id,
      callId: a.graph.call.id,
      contentPreview: a.confirmation.content?.slice(0, 160),
    });
    expect(confirmation?.contentPreview).toHaveLength(160);
    expect(page.items[1]).toMatchObject({ status: "failed", errorMessage: "No answer", contentPreview: null });

    const bIds = [b.graph.communication.id, b.confirmation.id, b.reminder.id, b.failedCall.id];
    expect(page.items.filter((c) => bIds.includes(c.id))).toEqual([]);
  });

  it("filters by type, status, event, call, time and a search over recipient and subject", async () => {
    const { db } = database.current;
    const a = await userWithCommunications();
    const list = async (filters: Parameters<ReturnType<typeof callerFor>["communications"]["list"]>[0]) =>
      (await callerFor(db, a.user).communications.list(filters)).items.map((c) => c.id);

    expect(await list({ communicationType: ["sms", "call"] })).toEqual([a.failedCall.id, a.reminder.id]);
    expect(await list({ status: ["failed", "sent"] })).toEqual([a.failedCall.id, a.reminder.id]);
    expect(await list({ communicationType: ["email"], status: ["delivered"] })).toEqual([a.confirmation.id]);
    // An empty multi-select means "any".
    expect(await list({ communicationType: [], status: [] })).toHaveLength(4);
    expect(await list({ eventId: a.graph.event.id })).toEqual([
      a.graph.communication.id,
      a.reminder.id,
      a.confirmation.id,
    ]);
    expect(await list({ callId: a.graph.call.id })).toEqual([a.graph.communication.id, a.confirmation.id]);
    expect(await list({ from: new Date("2025-03-02T10:00:00Z"), to: new Date("2025-03-03T10:00:00Z") })).toEqual([
      a.reminder.id,
    ]);
    expect(await list({ from: new Date("2025-03-02T10:00:00Z") })).toEqual([
      a.graph.communication.id,
      a.failedCall.id,
      a.reminder.id,
    ]);

    expect(await list({ search: "JANE@customer" })).toEqual([a.confirmation.id]);
    expect(await list({ search: "follow-up" })).toEqual([a.failedCall.id]);
    expect(await list({ search: "0199999" })).toEqual([a.reminder.id]);
    // % and _ are the characters themselves, not wildcards.
    expect(await list({ search: "100%" })).toEqual([a.confirmation.id]);
    expect(await list({ search: "0_99" })).toEqual([]);
    expect(await list({ search: "   " })).toHaveLength(4);
  });

  it("walks every row exactly once, page by page, including rows created in the same instant", async () => {
    const { db } = database.current;
    const a = await userWithCommunications();
    const base = { userId: a.user.id, communicationType: "email" as const, recipient: "x@customer.test" };
    // Three rows in one millisecond (two in one microsecond), as one job's batch writes them.
    await insertCommunications([
      { ...base, createdAt: "2025-04-01T09:00:00.123456Z" },
      { ...base, createdAt: "2025-04-01T09:00:00.123456Z" },
      { ...base, createdAt: "2025-04-01T09:00:00.123789Z" },
      { ...base, createdAt: "2025-04-01T09:00:00.124Z" },
    ]);
    const caller = callerFor(db, a.user);
    const all = (await caller.communications.list({ limit: 100 })).items.map((c) => c.id);
    expect(all).toHaveLength(8);

    for (const limit of [1, 2, 3]) {
      const walked: string[] = [];
      let cursor: string | null = null;
      do {
        const page: Awaited<ReturnType<typeof caller.communications.list>> = await caller.communications.list({
          limit,
          cursor,
        });
        expect(page.items.length).toBeLessThanOrEqual(limit);
        walked.push(...page.items.map((c) => c.id));
        cursor = page.nextCursor;
      } while (cursor);
      expect(walked, `limit ${limit}`).toEqual(all);
    }
  });

  it("reads one communication in full, with the event's title and the caller", async () => {
    const { db } = database.current;
    const a = await userWithCommunications();
    const caller = callerFor(db, a.user);

    const confirmation = await caller.communications.byId({ id: a.confirmation.id });
    expect(confirmation).toMatchObject({
      id: a.confirmation.id,
      subject: "Your appointment is confirmed: 100% on time",
      content: a.confirmation.content,
      eventId: a.graph.event.id,
      eventTitle: "Fix water heater",
      callId: a.graph.call.id,
      callerNumber: "+15550199999",
      callerName: null,
    });
    expect(confirmation.content?.length).toBeGreaterThan(160);

    expect(await caller.communications.byId({ id: a.failedCall.id })).toMatchObject({
      content: null,
      eventId: null,
      eventTitle: null,
      callId: null,
      callerNumber: null,
    });
  });

  it("answers NOT_FOUND for another user's communication and leaves it unchanged", async () => {
    const { db } = database.current;
    const a = await userWithCommunications();
    const b = await userWithCommunications();
    const before = await communicationRow(b.confirmation.id);
    const caller = callerFor(db, a.user);

    await expect(caller.communications.byId({ id: b.confirmation.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(caller.communications.byId({ id: crypto.randomUUID() })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    expect((await caller.communications.list({ eventId: b.graph.event.id })).items).toEqual([]);
    expect((await caller.communications.list({ callId: b.graph.call.id })).items).toEqual([]);
    expect(await communicationRow(b.confirmation.id)).toEqual(before);
    // B still sees it.
    expect(await callerFor(db, b.user).communications.byId({ id: b.confirmation.id })).toMatchObject({
      id: b.confirmation.id,
    });
  });

  it("refuses callers without a session", async () => {
    const { db } = database.current;
    const a = await userWithCommunications();
    const anonymous = callerFor(db, null);
    await expect(anonymous.communications.list({})).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    await expect(anonymous.communications.byId({ id: a.confirmation.id })).rejects.toMatchObject({
      code: "UNAUTHORIZED",
    });
  });

  it("rejects bad input naming the fields, and writes nothing", async () => {
    const { db } = database.current;
    const a = await userWithCommunications();
    const caller = callerFor(db, a.user);
    const count = async () =>
      (await db.$client.query("SELECT count(*)::int AS n FROM communication_logs")).rows[0]?.n as number;
    const before = await count();

    const listError = await caller.communications
      // Deliberately outside the input type.
      .list({ communicationType: ["fax"], status: ["lost"], eventId: "42", limit: 0, cursor: "forged" } as never)
      .catch((e) => e);
    expect(listError.code).toBe("BAD_REQUEST");
    expect(invalidFields(listError)).toEqual(["communicationType.0", "cursor", "eventId", "limit", "status.0"]);

    const rangeError = await caller.communications
      .list({ from: new Date("2025-03-02T00:00:00Z"), to: new Date("2025-03-01T00:00:00Z") })
      .catch((e) => e);
    expect(rangeError.code).toBe("BAD_REQUEST");
    expect(invalidFields(rangeError)).toEqual(["to"]);

    const byIdError = await caller.communications.byId({ id: "1; DROP TABLE communication_logs" }).catch((e) => e);
    expect(byIdError.code).toBe("BAD_REQUEST");
    expect(invalidFields(byIdError)).toEqual(["id"]);

    expect(await count()).toBe(before);
  });
});
