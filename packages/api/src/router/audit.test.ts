import { withUser } from "@flynn/db/client";
import { events } from "@flynn/db/schema";
import { insertUser, seedUserGraph, useTestDatabase } from "@flynn/db/testing";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { callerFor, invalidFields, TEST_REQUEST } from "../testing";

const database = useTestDatabase();
const request = { ip: "203.0.113.5", userAgent: "UA" };

type AuditListInput = Parameters<ReturnType<typeof callerFor>["audit"]["list"]>[0];

/** The fields a BAD_REQUEST names: the paths of its ZodError, which the error formatter reports. */
async function auditIdsOf(userId: string): Promise<string[]> {
  const { rows } = await database.current.db.$client.query("SELECT id FROM audit_logs WHERE user_id = $1", [userId]);
  return rows.map((r) => r.id);
}

/** A user who created, changed and deleted an event in the dashboard and edited their profile. */
async function userWithHistory() {
  const { db } = database.current;
  const user = await insertUser(db);
  const ctx = { userId: user.id, ...request };
  const [event] = await withUser(db, ctx, (tx) =>
    tx.insert(events).values({ userId: user.id, title: "Boiler check" }).returning(),
  );
  if (!event) throw new Error("no event");
  await withUser(db, ctx, (tx) => tx.update(events).set({ status: "confirmed" }).where(eq(events.id, event.id)));
  await withUser(db, ctx, (tx) => tx.delete(events).where(eq(events.id, event.id)));
  await callerFor(db, user).profile.update({ companyName: "Pat's Pipes" });
  return { user, event };
}

describe("audit router", () => {
  it("lists the user's trail newest first with old and new values, IP, user agent and actor", async () => {
    const { db } = database.current;
    const { user, event } = await userWithHistory();

    const page = await callerFor(db, user).audit.list({});
    expect(page.nextCursor).toBeNull();
    expect(page.items.map((r) => r.action)).toEqual([
      "user.updated",
      "event.deleted",
      "event.updated",
      "event.created",
      "user.created",
    ]);
    const [profileUpdate, deleted, updated, created, signUp] = page.items;

    const byUser = { actor: "user", actor_id: user.id, table: "events" };
    expect(updated).toEqual({
      id: expect.any(String),
      action: "event.updated",
      resourceType: "event",
      resourceId: event.id,
      oldValues: { status: "extracted", calendar_sequence: 0 },
      newValues: { status: "confirmed", calendar_sequence: 1 },
      metadata: byUser,
      ipAddress: request.ip,
      userAgent: request.userAgent,
      createdAt: expect.any(Date),
    });
    expect(created).toMatchObject({ oldValues: null, newValues: { title: "Boiler check", user_id: user.id } });
    expect(deleted).toMatchObject({ oldValues: { title: "Boiler check", status: "confirmed" }, newValues: null });
    expect(profileUpdate).toMatchObject({
      resourceType: "user",
      resourceId: user.id,
      oldValues: { company_name: null },
      newValues: { company_name: "Pat's Pipes" },
      metadata: { ...byUser, table: "users" },
      ipAddress: TEST_REQUEST.ip,
      userAgent: TEST_REQUEST.userAgent,
    });
    // Created by server code (sign-up), not in a signed-in request.
    expect(signUp).toMatchObject({
      metadata: { actor: "system", actor_id: null, table: "users" },
      ipAddress: null,
      userAgent: null,
    });
  });

  it("never shows another user's rows", async () => {
    const { db } = database.current;
    const a = await userWithHistory();
    const b = await seedUserGraph(db);
    await withUser(db, { userId: b.user.id, ...request }, (tx) =>
      tx.update(events).set({ title: "B's secret" }).where(eq(events.id, b.event.id)),
    );
    const bAuditIds = await auditIdsOf(b.user.id);
    expect(bAuditIds.length).toBeGreaterThan(5);

    const caller = callerFor(db, a.user);
    const { items } = await caller.audit.list({ limit: 100 });
    expect(items.map((r) => r.id).sort()).toEqual((await auditIdsOf(a.user.id)).sort());
    expect(items.filter((r) => bAuditIds.includes(r.id))).toEqual([]);
    expect((await caller.audit.list({ resourceId: b.event.id })).items).toEqual([]);
    expect((await caller.audit.list({ resourceId: b.user.id })).items).toEqual([]);
  });

  it("filters by action or action prefix, resource, actor and time", async () => {
    const { db } = database.current;
    const { user, event } = await userWithHistory();
    const actions = async (filters: AuditListInput) =>
      (await callerFor(db, user).audit.list(filters)).items.map((r) => r.action);

    expect(await actions({ action: "event.updated" })).toEqual(["event.updated"]);
    expect(await actions({ action: "event." })).toEqual(["event.deleted", "event.updated", "event.created"]);
    expect(await actions({ action: "user." })).toEqual(["user.updated", "user.created"]);
    expect(await actions({ action: "call." })).toEqual([]);
    expect(await actions({ resourceType: ["user"] })).toEqual(["user.updated", "user.created"]);
    expect(await actions({ resourceType: ["event", "call"], action: "event.created" })).toEqual(["event.created"]);
    expect(await actions({ resourceType: [] })).toHaveLength(5);
    expect(await actions({ resourceId: event.id })).toEqual(["event.deleted", "event.updated", "event.created"]);
    expect(await actions({ actor: "system" })).toEqual(["user.created"]);
    expect(await actions({ actor: "user", resourceType: ["user"] })).toEqual(["user.updated"]);

    // Date the rows as owner so the range boundaries are exact.
    const dated = [
      ["event.created", "2025-05-01T00:00:00Z"],
      ["event.updated", "2025-05-02T00:00:00Z"],
      ["event.deleted", "2025-05-03T00:00:00Z"],
    ];
    for (const [action, at] of dated) {
      await db.$client.query("UPDATE audit_logs SET created_at = $1 WHERE user_id = $2 AND action = $3", [
        at,
        user.id,
        action,
      ]);
    }
    const may = (day: number) => new Date(`2025-05-0${day}T00:00:00Z`);
    expect(await actions({ from: may(2), to: may(3) })).toEqual(["event.updated"]);
    expect(await actions({ to: may(3) })).toEqual(["event.updated", "event.created"]);
    expect(await actions({ from: may(2), resourceType: ["event"] })).toEqual(["event.deleted", "event.updated"]);
  });

  it("walks the whole trail once, page by page, including rows written in one transaction", async () => {
    const { db } = database.current;
    const { user } = await userWithHistory();
    // Rows written in one transaction share now(): one batch by the user, one by the system.
    await withUser(db, { userId: user.id, ...request }, (tx) =>
      tx.insert(events).values(["A", "B", "C", "D"].map((title) => ({ userId: user.id, title }))),
    );
    await db.transaction(async (tx) => {
      await tx.insert(events).values(["E", "F", "G"].map((title) => ({ userId: user.id, title })));
      await tx.update(events).set({ status: "pending" }).where(eq(events.userId, user.id));
    });
    const caller = callerFor(db, user);
    const { items } = await caller.audit.list({ limit: 100 });
    const newestFirst = items.map((r) => r.id);
    expect(newestFirst).toHaveLength(5 + 4 + 3 + 7);
    expect([...newestFirst].sort()).toEqual((await auditIdsOf(user.id)).sort());
    expect(new Set(items.map((r) => r.createdAt?.getTime())).size).toBeLessThan(items.length - 7);

    for (const limit of [1, 2, 5]) {
      const walked: string[] = [];
      let cursor: string | null = null;
      do {
        const page: Awaited<ReturnType<typeof caller.audit.list>> = await caller.audit.list({ limit, cursor });
        expect(page.items.length).toBeLessThanOrEqual(limit);
        walked.push(...page.items.map((r) => r.id));
        cursor = page.nextCursor;
      } while (cursor);
      expect(walked, `limit ${limit}`).toEqual(newestFirst);
    }
  });

  it("refuses callers without a session", async () => {
    await expect(callerFor(database.current.db, null).audit.list({})).rejects.toMatchObject({ code: "UNAUTHORIZED" });
  });

  it("rejects bad input naming the fields, and writes nothing", async () => {
    const { db } = database.current;
    const { user } = await userWithHistory();
    const before = (await auditIdsOf(user.id)).sort();
    const caller = callerFor(db, user);

    const error = await caller.audit
      // Deliberately outside the input type.
      .list({ action: "event.%", resourceType: ["spaceship"], resourceId: "42", actor: "robot", limit: 101 } as never)
      .catch((e) => e);
    expect(error.code).toBe("BAD_REQUEST");
    expect(invalidFields(error)).toEqual(["action", "actor", "limit", "resourceId", "resourceType.0"]);

    const rangeError = await caller.audit
      .list({ from: new Date("2025-05-02T00:00:00Z"), to: new Date("2025-05-02T00:00:00Z") })
      .catch((e) => e);
    expect(rangeError.code).toBe("BAD_REQUEST");
    expect(invalidFields(rangeError)).toEqual(["to"]);

    expect((await auditIdsOf(user.id)).sort()).toEqual(before);
  });
});
