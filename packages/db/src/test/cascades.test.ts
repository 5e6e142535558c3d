import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditLogs, users } from "../schema/index";
import { seedUserGraph, useTestDatabase } from "../testing";
import { SPEC_TABLES } from "../testing/catalog";

const database = useTestDatabase();

/** Every spec table a user owns through user_id (audit_logs keeps its rows, see below). */
const ownedTables = SPEC_TABLES.filter((table) => table !== "users" && table !== "audit_logs");

async function countByUser(table: string, userId: string): Promise<number> {
  const { rows } = await database.current.db.$client.query(
    `SELECT count(*)::int AS n FROM ${table} WHERE user_id = $1`,
    [userId],
  );
  return rows[0].n;
}

describe("deleting a user", () => {
  it("removes all their rows, keeps their audit rows with user_id NULL, and leaves other users alone", async () => {
    const { db } = database.current;
    const doomed = await seedUserGraph(db);
    const other = await seedUserGraph(db);
    for (const table of ownedTables) expect(await countByUser(table, doomed.user.id)).toBe(1);

    await db.delete(users).where(eq(users.id, doomed.user.id));

    for (const table of ownedTables) {
      expect(await countByUser(table, doomed.user.id), table).toBe(0);
      expect(await countByUser(table, other.user.id), table).toBe(1);
    }
    const [audit] = await db.select().from(auditLogs).where(eq(auditLogs.id, doomed.audit.id));
    expect(audit).toMatchObject({ userId: null, action: "event.updated", resourceId: doomed.event.id });
    const [otherAudit] = await db.select().from(auditLogs).where(eq(auditLogs.id, other.audit.id));
    expect(otherAudit?.userId).toBe(other.user.id);
  });

  it("deleting a call removes its events and communications", async () => {
    const { db } = database.current;
    const graph = await seedUserGraph(db);
    await db.$client.query("DELETE FROM calls WHERE id = $1", [graph.call.id]);
    expect(await countByUser("events", graph.user.id)).toBe(0);
    expect(await countByUser("communication_logs", graph.user.id)).toBe(0);
    expect(await countByUser("phone_numbers", graph.user.id)).toBe(1);
  });

  it("a phone number that calls still reference cannot be deleted (spec: no ON DELETE rule)", async () => {
    const { db } = database.current;
    const graph = await seedUserGraph(db);
    await expect(
      db.$client.query("DELETE FROM phone_numbers WHERE id = $1", [graph.phoneNumber.id]),
    ).rejects.toMatchObject({ code: "23503", constraint: "calls_phone_number_id_fkey" });
  });
});
