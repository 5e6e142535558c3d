import { events } from "@flynn/db/schema";
import { insertUser, useTestDatabase } from "@flynn/db/testing";
import { describe, expect, it } from "vitest";
import { callerFor, invalidFields } from "../testing";

// Day boundaries per time zone, with a fixed clock, are tested on the query function
// (@flynn/db/queries/stats); here: the procedure's wiring, defaults, validation and access.

const database = useTestDatabase();

const utcDay = (date: Date) => date.toISOString().slice(0, 10);

describe("stats.overview", () => {
  it("gives the signed-in user's figures over the last 30 days by default, ending today", async () => {
    const { db } = database.current;
    const user = await insertUser(db);
    const other = await insertUser(db);
    await db.insert(events).values([
      { userId: user.id, title: "Fix tap", status: "confirmed", eventType: "service_call" },
      { userId: user.id, title: "Old quote", status: "pending", createdAt: new Date("2020-01-01T00:00:00Z") },
      { userId: other.id, title: "Not mine", status: "completed", eventType: "demo" },
    ]);

    const before = new Date();
    const stats = await callerFor(db, user).stats.overview();
    const after = new Date();

    expect(stats.timezone).toBe("UTC");
    expect(stats.daily).toHaveLength(30);
    expect([utcDay(before), utcDay(after)]).toContain(stats.period.lastDay);
    expect(stats.totals).toEqual({
      totalEvents: 2,
      pendingEvents: 1,
      confirmedEvents: 1,
      completedEvents: 0,
      conversionRate: 50,
    });
    expect(stats.period.events).toBe(1);
    expect(stats.eventsByType).toMatchObject({ service_call: 1, demo: 0 });
    expect(stats.eventsByStatus).toMatchObject({ confirmed: 1, pending: 0, completed: 0 });

    expect((await callerFor(db, user).stats.overview({ days: 7 })).daily).toHaveLength(7);
  });

  it("rejects a period outside 1..365 whole days, naming the field", async () => {
    const { db } = database.current;
    const user = await insertUser(db);
    for (const days of [0, 366, 1.5]) {
      const error = await callerFor(db, user)
        .stats.overview({ days })
        .catch((e) => e);
      expect(error.code, String(days)).toBe("BAD_REQUEST");
      expect(invalidFields(error)).toEqual(["days"]);
    }
  });

  it("answers nobody without a session", async () => {
    await expect(callerFor(database.current.db, null).stats.overview()).rejects.toMatchObject({ code: "UNAUTHORIZED" });
  });
});
