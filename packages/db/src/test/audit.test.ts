import { and, eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { withUser } from "../client";
import { recordSmsConsent } from "../queries/sms";
import { auditLogs, calendarIntegrations, events, users } from "../schema/index";
import { insertUser, seedUserGraph, useTestDatabase } from "../testing";

const database = useTestDatabase();
const request = { ip: "203.0.113.9", userAgent: "Mozilla/5.0 (Flynn test)" };

async function trailFor(resourceId: string) {
  const { db } = database.current;
  return db.select().from(auditLogs).where(eq(auditLogs.resourceId, resourceId)).orderBy(auditLogs.createdAt);
}

describe("audit trail", () => {
  it("records a user's insert, update and delete with old and new values, IP and user agent", async () => {
    const { db } = database.current;
    const user = await insertUser(db);
    const ctx = { userId: user.id, ...request };

    const [event] = await withUser(db, ctx, (tx) =>
      tx.insert(events).values({ userId: user.id, title: "Boiler check" }).returning(),
    );
    if (!event) throw new Error("no event");
    await withUser(db, ctx, (tx) =>
      tx.update(events).set({ status: "confirmed", location: "12 High St" }).where(eq(events.id, event.id)),
    );
    await withUser(db, ctx, (tx) => tx.delete(events).where(eq(events.id, event.id)));

    const trail = await trailFor(event.id);
    expect(trail.map((r) => r.action)).toEqual(["event.created", "event.updated", "event.deleted"]);
    for (const row of trail) {
      expect(row).toMatchObject({
        userId: user.id,
        resourceType: "event",
        ipAddress: request.ip,
        userAgent: request.userAgent,
      });
      expect(row.metadata).toEqual({ actor: "user", actor_id: user.id, table: "events" });
    }
    const [created, updated, deleted] = trail;
    expect(created?.oldValues).toBeNull();
    expect(created?.newValues).toMatchObject({ title: "Boiler check", status: "extracted", user_id: user.id });
    // An update records only what changed (with the calendar's SEQUENCE, which a change a calendar shows raises).
    expect(updated?.oldValues).toEqual({ status: "extracted", location: null, calendar_sequence: 0 });
    expect(updated?.newValues).toEqual({ status: "confirmed", location: "12 High St", calendar_sequence: 1 });
    expect(deleted?.oldValues).toMatchObject({ title: "Boiler check", status: "confirmed" });
    expect(deleted?.newValues).toBeNull();
  });

  it("writes nothing for an update that changes nothing", async () => {
    const { db } = database.current;
    const graph = await seedUserGraph(db);
    const before = (await trailFor(graph.event.id)).length;
    await withUser(db, { userId: graph.user.id }, (tx) =>
      tx.update(events).set({ title: graph.event.title }).where(eq(events.id, graph.event.id)),
    );
    expect(await trailFor(graph.event.id)).toHaveLength(before);
  });

  it("records server changes (no signed-in user) as the system's, on the owner's trail", async () => {
    const { db } = database.current;
    const graph = await seedUserGraph(db);
    await db.execute(sql`UPDATE calls SET call_status = 'failed' WHERE id = ${graph.call.id}`);
    const [row] = (await trailFor(graph.call.id)).filter((r) => r.action === "call.updated");
    expect(row).toMatchObject({
      userId: graph.user.id,
      oldValues: { call_status: "completed" },
      newValues: { call_status: "failed" },
      metadata: { actor: "system", actor_id: null, table: "calls" },
      ipAddress: null,
      userAgent: null,
    });
  });

  it("records each row of a multi-row insert, with its own owner and values", async () => {
    const { db } = database.current;
    const [first, second] = [await insertUser(db), await insertUser(db)];
    const inserted = await db
      .insert(events)
      .values([
        { userId: first.id, title: "Drain survey" },
        { userId: second.id, title: "Roof quote" },
      ])
      .onConflictDoNothing()
      .returning();
    const rows = await db.select().from(auditLogs).where(eq(auditLogs.action, "event.created"));
    const trail = inserted.map((event) => rows.find((r) => r.resourceId === event.id));
    expect(trail.map((r) => [r?.userId, (r?.newValues as { title?: string } | undefined)?.title])).toEqual([
      [first.id, "Drain survey"],
      [second.id, "Roof quote"],
    ]);
    expect(trail[0]?.metadata).toEqual({ actor: "system", actor_id: null, table: "events" });
  });

  it("records an upsert that updates as an update, not as a second creation", async () => {
    const { db } = database.current;
    const user = await insertUser(db);
    const customer = { userId: user.id, phoneNumber: "+15557654321" };
    await recordSmsConsent(db, { ...customer, optedOut: true, keyword: "STOP" });
    await recordSmsConsent(db, { ...customer, optedOut: false, keyword: "START" });
    const trail = await db
      .select()
      .from(auditLogs)
      .where(and(eq(auditLogs.userId, user.id), eq(auditLogs.resourceType, "sms_opt_out")))
      .orderBy(auditLogs.createdAt);
    expect(trail.map((r) => r.action)).toEqual(["sms_opt_out.created", "sms_opt_out.updated"]);
  });

  it("never copies calendar tokens or transcripts into the trail", async () => {
    const { db } = database.current;
    const user = await insertUser(db);
    const [integration] = await withUser(db, { userId: user.id }, (tx) =>
      tx
        .insert(calendarIntegrations)
        .values({ userId: user.id, integrationType: "google", accessToken: "ya29.secret", refreshToken: "1//secret" })
        .returning(),
    );
    const [row] = await trailFor(integration?.id as string);
    expect(row?.newValues).toMatchObject({ access_token: "[hidden]", refresh_token: "[hidden]" });
    expect(JSON.stringify(row)).not.toContain("secret");
  });

  it("deleting a user records one row for the user, not one per cascaded row, and unlinks it", async () => {
    const { db } = database.current;
    const graph = await seedUserGraph(db);
    const countBefore = await db.$count(auditLogs);
    await db.delete(users).where(eq(users.id, graph.user.id));
    const added = (await db.$count(auditLogs)) - countBefore;
    expect(added).toBe(1);
    const [row] = await db
      .select()
      .from(auditLogs)
      .where(and(eq(auditLogs.resourceId, graph.user.id), eq(auditLogs.action, "user.deleted")));
    expect(row).toMatchObject({ userId: null, resourceType: "user", oldValues: { email: graph.user.email } });
  });
});
