import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { withUser } from "../client";
import { calls, events } from "../schema/index";
import { insertUser, useTestDatabase } from "../testing";
import { getStatsOverview } from "./stats";

const database = useTestDatabase();

// US daylight saving time starts on 2026-03-08 at 02:00 local (07:00Z).
const NOW = new Date("2026-03-12T15:00:00Z");

const CALL_TIMES = [
  "2026-03-07T19:00:00Z", // 03-08 00:30 in Kolkata; 03-07 in New York and UTC
  "2026-03-08T04:59:59Z", // 03-07 23:59:59 EST
  "2026-03-08T05:00:00Z", // 03-08 00:00 EST
  "2026-03-10T02:30:00Z", // 03-09 22:30 EDT
  "2026-03-12T03:59:00Z", // 03-11 23:59 EDT
  "2026-03-12T04:00:00Z", // 03-12 00:00 EDT
];

/** The same calls and events for every user, so only the time zone makes the days differ. */
async function seed(timezone: string | null) {
  const { db } = database.current;
  const user = await insertUser(db, { timezone });
  await db.insert(calls).values(
    CALL_TIMES.map((at) => ({
      userId: user.id,
      twilioCallSid: `CA${randomUUID().replaceAll("-", "")}`,
      callerNumber: "+15550100000",
      createdAt: new Date(at),
    })),
  );
  await db.insert(events).values([
    {
      userId: user.id,
      title: "Burst pipe",
      eventType: "service_call",
      urgencyLevel: "emergency",
      status: "confirmed",
      createdAt: new Date("2026-03-10T02:30:00Z"), // 03-09 in New York
    },
    {
      userId: user.id,
      title: "Quote",
      eventType: "quote",
      urgencyLevel: "low",
      status: "pending",
      createdAt: new Date("2026-03-10T04:30:00Z"), // 03-10 00:30 EDT
    },
    {
      userId: user.id,
      title: "Old inspection",
      eventType: "inspection",
      urgencyLevel: "medium",
      status: "completed",
      createdAt: new Date("2026-03-01T12:00:00Z"), // before every period below
    },
  ]);
  return user;
}

const overview = (userId: string, days: number, now = NOW) =>
  withUser(database.current.db, { userId }, (tx) => getStatsOverview(tx, { userId, days, now }));

const day = (date: string, callCount: number, eventCount: number) => ({
  day: date,
  calls: callCount,
  events: eventCount,
});

describe("getStatsOverview", () => {
  it("counts calls and events per local day of the user's time zone, empty days included", async () => {
    const newYork = await seed("America/New_York");
    const utc = await seed("UTC");
    const kolkata = await seed("Asia/Kolkata");

    const ny = await overview(newYork.id, 5);
    expect(ny.timezone).toBe("America/New_York");
    expect(ny.daily).toEqual([
      day("2026-03-08", 1, 0),
      day("2026-03-09", 1, 1),
      day("2026-03-10", 0, 1),
      day("2026-03-11", 1, 0),
      day("2026-03-12", 1, 0),
    ]);
    expect(ny.period).toEqual({ firstDay: "2026-03-08", lastDay: "2026-03-12", calls: 4, events: 2 });

    expect((await overview(utc.id, 5)).daily).toEqual([
      day("2026-03-08", 2, 0),
      day("2026-03-09", 0, 0),
      day("2026-03-10", 1, 2),
      day("2026-03-11", 0, 0),
      day("2026-03-12", 2, 0),
    ]);
    expect((await overview(kolkata.id, 5)).daily).toEqual([
      day("2026-03-08", 3, 0),
      day("2026-03-09", 0, 0),
      day("2026-03-10", 1, 2),
      day("2026-03-11", 0, 0),
      day("2026-03-12", 2, 0),
    ]);
  });

  it("ends the period on the local day `now` falls on", async () => {
    const user = await seed("America/New_York");
    // 03:30Z on the 12th is still the evening of the 11th in New York.
    const result = await overview(user.id, 2, new Date("2026-03-12T03:30:00Z"));
    expect(result.daily).toEqual([day("2026-03-10", 0, 1), day("2026-03-11", 1, 0)]);
    expect((await overview(user.id, 1, new Date("2026-03-12T04:00:00Z"))).daily).toEqual([day("2026-03-12", 1, 0)]);
  });

  it("gives all-time totals as numbers and the period's events by type, urgency and status", async () => {
    const user = await seed("America/New_York");
    const result = await overview(user.id, 5);
    expect(result.totals).toEqual({
      totalEvents: 3,
      pendingEvents: 1,
      confirmedEvents: 1,
      completedEvents: 1,
      conversionRate: 66.67,
    });
    expect(result.eventsByType).toEqual({
      service_call: 1,
      meeting: 0,
      appointment: 0,
      demo: 0,
      follow_up: 0,
      quote: 1,
      consultation: 0,
      inspection: 0,
      emergency: 0,
    });
    expect(result.eventsByUrgency).toEqual({ low: 1, medium: 0, high: 0, emergency: 1 });
    expect(result.eventsByStatus).toEqual({
      extracted: 0,
      pending: 1,
      confirmed: 1,
      tentative: 0,
      completed: 0,
      cancelled: 0,
    });
    // Twelve days back reaches the old inspection.
    const longer = await overview(user.id, 12);
    expect(longer.daily).toHaveLength(12);
    expect(longer.daily[0]).toEqual(day("2026-03-01", 0, 1));
    expect(longer.eventsByStatus.completed).toBe(1);
    expect(longer.eventsByType.inspection).toBe(1);
  });

  it("gives zeros to a user with no data", async () => {
    const user = await insertUser(database.current.db);
    const result = await overview(user.id, 3);
    expect(result.daily).toEqual([day("2026-03-10", 0, 0), day("2026-03-11", 0, 0), day("2026-03-12", 0, 0)]);
    expect(result.totals).toEqual({
      totalEvents: 0,
      pendingEvents: 0,
      confirmedEvents: 0,
      completedEvents: 0,
      conversionRate: 0,
    });
    expect(Object.values(result.eventsByType).every((count) => count === 0)).toBe(true);
  });

  it("counts days in UTC when the stored time zone is missing or unknown", async () => {
    const { db } = database.current;
    const unknown = await seed("UTC");
    await db.$client.query("UPDATE users SET timezone = 'Mars/Olympus' WHERE id = $1", [unknown.id]);
    const missing = await seed(null);
    const utcDays = [
      day("2026-03-08", 2, 0),
      day("2026-03-09", 0, 0),
      day("2026-03-10", 1, 2),
      day("2026-03-11", 0, 0),
      day("2026-03-12", 2, 0),
    ];
    for (const user of [unknown, missing]) {
      const result = await overview(user.id, 5);
      expect(result.timezone).toBe("UTC");
      expect(result.daily).toEqual(utcDays);
    }
  });
});
