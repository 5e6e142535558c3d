import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { withUser } from "../client";
import { events } from "../schema/index";
import { insertUser, useTestDatabase } from "../testing";

const database = useTestDatabase();

const statsOf = (userId: string) => sql`SELECT * FROM get_user_event_stats(${userId})`;

async function addEvents(userId: string, statuses: Record<string, number>) {
  const rows = Object.entries(statuses).flatMap(([status, n]) =>
    Array.from({ length: n }, () => ({ userId, title: `${status} event`, status: status as "pending" })),
  );
  await database.current.db.insert(events).values(rows);
}

describe("get_user_event_stats", () => {
  it("counts events by status and the confirmed-or-completed conversion rate", async () => {
    const { db } = database.current;
    const user = await insertUser(db);
    await addEvents(user.id, { extracted: 1, pending: 2, confirmed: 3, tentative: 1, completed: 1, cancelled: 2 });
    // Another user's events must not be counted.
    const other = await insertUser(db);
    await addEvents(other.id, { confirmed: 5 });

    const result = await withUser(db, { userId: user.id }, (tx) => tx.execute(statsOf(user.id)));
    expect(result.rows).toEqual([
      {
        total_events: "10",
        pending_events: "2",
        confirmed_events: "3",
        completed_events: "1",
        conversion_rate: "40.00",
      },
    ]);
  });

  it("gives zeros for a user without events", async () => {
    const { db } = database.current;
    const user = await insertUser(db);
    const result = await withUser(db, { userId: user.id }, (tx) => tx.execute(statsOf(user.id)));
    expect(result.rows).toEqual([
      { total_events: "0", pending_events: "0", confirmed_events: "0", completed_events: "0", conversion_rate: "0" },
    ]);
  });

  it("refuses another user's id under flynn_app", async () => {
    const { db } = database.current;
    const user = await insertUser(db);
    const other = await insertUser(db);
    await addEvents(other.id, { confirmed: 2 });
    await expect(withUser(db, { userId: user.id }, (tx) => tx.execute(statsOf(other.id)))).rejects.toMatchObject({
      cause: { code: "42501" },
    });
  });

  it("refuses flynn_app without a signed-in user", async () => {
    const { db } = database.current;
    const other = await insertUser(db);
    await expect(
      db.transaction(async (tx) => {
        await tx.execute(sql`SET LOCAL ROLE flynn_app`);
        return tx.execute(statsOf(other.id));
      }),
    ).rejects.toMatchObject({ cause: { code: "42501" } });
  });

  it("answers server code (the owner, no user set) for any user", async () => {
    const { db } = database.current;
    const user = await insertUser(db);
    await addEvents(user.id, { completed: 1, cancelled: 1 });
    const result = await db.execute(statsOf(user.id));
    expect(result.rows[0]).toMatchObject({ total_events: "2", completed_events: "1", conversion_rate: "50.00" });
  });
});
