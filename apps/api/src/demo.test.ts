import { testKeyring } from "@flynn/crypto";
import { calls, communicationLogs, events } from "@flynn/db/schema";
import { insertCall, useTestDatabase } from "@flynn/db/testing";
import { wallClock } from "@flynn/domain";
import { jobKey } from "@flynn/jobs";
import { useJobQueue } from "@flynn/jobs/testing";
import { createTelephony, DEV_TWILIO_AUTH_TOKEN } from "@flynn/telephony";
import { SAMPLE_CALLS } from "@flynn/telephony/sample-calls";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import {
  DEMO_EMAIL,
  DEMO_PASSWORD,
  DEMO_SCHEDULE,
  type DemoDeps,
  demoCallTime,
  ensureDemoAccount,
  prepareDemo,
  scheduledCallTime,
} from "./demo";
import { ownCallSimulator } from "./own-call-simulator";
import { browserHeaders, createTestApp, randomIp, TEST_PUBLIC_URL } from "./testing";

const database = useTestDatabase();
const queue = useJobQueue(database);

const TIMEZONE = "America/Chicago";
// Thursday 2026-03-12, 13:00 in Chicago: some of today's slots are past, some not yet.
const NOW = new Date("2026-03-12T18:00:00Z");

function demoDeps(): DemoDeps & { app: ReturnType<typeof createTestApp>["app"] } {
  const { app, auth } = createTestApp(database.current.db);
  return {
    app,
    db: database.current.db,
    keyring: testKeyring(),
    auth,
    telephony: createTelephony(null),
    simulateCall: ownCallSimulator(app, { publicUrl: TEST_PUBLIC_URL, authToken: DEV_TWILIO_AUTH_TOKEN }),
    timezone: TIMEZONE,
    now: () => NOW,
    // No worker in this file: the e2e test (apps/e2e demo.test.ts) runs the real one.
    processingTimeoutMs: 0,
  };
}

const demoCalls = (userId: string) =>
  database.current.db.select().from(calls).where(eq(calls.userId, userId)).orderBy(calls.createdAt);

const processCallJobs = async () => (await queue.current.queued()).filter((job) => job.name === "process-call");

/** What the worker writes for a call once done: its event, the overview email, the call's times. */
async function writeWorkerRows(userId: string, callId: string, at: Date) {
  const { db } = database.current;
  await db
    .update(calls)
    .set({ aiProcessingStatus: "completed", processedAt: at, emailSentAt: at })
    .where(eq(calls.id, callId));
  await db.insert(events).values({ userId, callId, title: "Service call", createdAt: at });
  await db.insert(communicationLogs).values({
    userId,
    callId,
    communicationType: "email",
    recipient: DEMO_EMAIL,
    status: "sent",
    sentAt: at,
    createdAt: at,
  });
}

async function workerRows(callId: string) {
  const { db } = database.current;
  const [event] = await db.select({ at: events.createdAt }).from(events).where(eq(events.callId, callId));
  const [email] = await db
    .select({ at: communicationLogs.createdAt, sentAt: communicationLogs.sentAt })
    .from(communicationLogs)
    .where(eq(communicationLogs.callId, callId));
  const [call] = await db
    .select({ processedAt: calls.processedAt, emailSentAt: calls.emailSentAt })
    .from(calls)
    .where(eq(calls.id, callId));
  return { event: event?.at, email, call };
}

/** The worker's rows of a call that began at `start`, dated back: a minute after it. */
const datedTo = (start: Date) => {
  const minuteAfter = new Date(start.getTime() + 60_000);
  return {
    event: minuteAfter,
    email: { at: minuteAfter, sentAt: minuteAfter },
    call: { processedAt: minuteAfter, emailSentAt: minuteAfter },
  };
};

const localDay = (instant: Date) => {
  const { year, month, day } = wallClock(instant, TIMEZONE);
  return `${year}-${month}-${day}`;
};

describe("the development demo account", () => {
  it("is made through the real sign-up, onboarding, number purchase and webhooks, over the last days", async () => {
    const deps = demoDeps();
    const demo = await ensureDemoAccount(deps);
    expect(demo).toMatchObject({ email: DEMO_EMAIL, password: DEMO_PASSWORD, callsMade: SAMPLE_CALLS.length });
    expect(demo.unfinished).toBe(SAMPLE_CALLS.length);

    // The printed login works.
    const signIn = await deps.app.request("/api/auth/sign-in/email", {
      method: "POST",
      headers: browserHeaders(randomIp()),
      body: JSON.stringify({ email: DEMO_EMAIL, password: DEMO_PASSWORD }),
    });
    expect(signIn.status).toBe(200);

    const { rows: profile } = await database.current.db.$client.query(
      "SELECT company_name, industry_type, timezone FROM users WHERE id = $1",
      [demo.userId],
    );
    expect(profile).toEqual([{ company_name: "Flynn Demo Services", industry_type: "other", timezone: TIMEZONE }]);
    const { rows: numbers } = await database.current.db.$client.query(
      "SELECT twilio_phone_number, is_active FROM phone_numbers WHERE user_id = $1",
      [demo.userId],
    );
    expect(numbers).toEqual([{ twilio_phone_number: "+15550199", is_active: true }]);

    const made = await demoCalls(demo.userId);
    expect(made).toHaveLength(SAMPLE_CALLS.length);
    for (const sample of SAMPLE_CALLS) {
      const call = made.find((row) => row.callerNumber === sample.from);
      expect(call, sample.id).toMatchObject({
        callerName: sample.callerName,
        callStatus: "completed",
        transcriptionText: sample.transcript,
        aiProcessingStatus: "pending",
        createdAt: demoCallTime(sample, NOW, TIMEZONE),
      });
    }
    // Five local days, the last of them today, every call in the past.
    expect(new Set(made.map((call) => localDay(call.createdAt as Date)))).toEqual(
      new Set(["2026-3-8", "2026-3-9", "2026-3-10", "2026-3-11", "2026-3-12"]),
    );
    expect(made.every((call) => (call.createdAt as Date) < NOW)).toBe(true);

    // Each call's processing is queued for the worker, once.
    const jobs = await processCallJobs();
    expect(jobs.map((job) => job.key).sort()).toEqual(
      made.map((call) => jobKey("process-call", { callId: call.id })).sort(),
    );
  });

  it("a second start adds nothing, and dates what the worker made back to its call, once", async () => {
    const deps = demoDeps();
    const { userId } = await ensureDemoAccount(deps);
    const [call] = await demoCalls(userId);
    if (!call?.createdAt) throw new Error("no demo call");
    // What the worker writes for a call, today.
    await writeWorkerRows(userId, call.id, new Date());

    const again = await ensureDemoAccount(deps);
    expect(again).toMatchObject({ userId, callsMade: 0, unfinished: SAMPLE_CALLS.length - 1 });
    expect(await demoCalls(userId)).toHaveLength(SAMPLE_CALLS.length);
    expect(await processCallJobs()).toHaveLength(SAMPLE_CALLS.length);
    const { rows: numbers } = await database.current.db.$client.query(
      "SELECT count(*)::int AS n FROM phone_numbers WHERE user_id = $1",
      [userId],
    );
    expect(numbers).toEqual([{ n: 1 }]);

    const expected = datedTo(call.createdAt);
    expect(await workerRows(call.id)).toEqual(expected);
    await ensureDemoAccount(deps);
    expect(await workerRows(call.id)).toEqual(expected);
  });

  it("dates back what the worker made only minutes after its call, as for a sample placed minutes ago", async () => {
    const deps = demoDeps();
    const { userId } = await ensureDemoAccount(deps);
    const call = (await demoCalls(userId)).at(-1);
    if (!call?.createdAt) throw new Error("no demo call");
    // A sample whose slot today is still ahead starts minutes before the demo runs (see
    // demoCallTime), so a running worker finishes it only a few minutes after its start.
    const minutesLater = new Date(call.createdAt.getTime() + 6 * 60_000);
    await writeWorkerRows(userId, call.id, minutesLater);
    // The owner's own call, processed as late: not the demo's to move.
    const own = await insertCall(database.current.db, userId, { createdAt: call.createdAt });
    await writeWorkerRows(userId, own.id, minutesLater);
    const ownBefore = await workerRows(own.id);

    await ensureDemoAccount(deps);
    expect(await workerRows(call.id)).toEqual(datedTo(call.createdAt));
    expect(await workerRows(own.id)).toEqual(ownBefore);
  });

  it("prints the dashboard's address and the login, and says when the worker has not caught up", async () => {
    const deps = demoDeps();
    const printed: string[] = [];
    const logged: unknown[] = [];
    const logger = { info: () => {}, error: (...args: unknown[]) => logged.push(args) };
    const demo = await prepareDemo({
      ...deps,
      twilio: { publicUrl: TEST_PUBLIC_URL, authToken: DEV_TWILIO_AUTH_TOKEN },
      dashboardUrl: "http://localhost:5173",
      logger: logger as never,
      print: (line) => printed.push(line),
    });
    expect(demo?.email).toBe(DEMO_EMAIL);
    expect(logged).toEqual([]);
    expect(printed).toEqual([
      expect.stringMatching(
        /^Flynn is running at http:\/\/localhost:5173 — demo login demo@flynn\.dev \/ flynn-demo \(\d+ sample calls are waiting for the worker: is it running\?\)$/,
      ),
    ]);
  });

  it("schedules every sample; one whose time today has not come yet is placed minutes ago", () => {
    expect(Object.keys(DEMO_SCHEDULE).sort()).toEqual(SAMPLE_CALLS.map((sample) => sample.id).sort());
    const morning = new Date("2026-03-12T14:00:00Z"); // 09:00 in Chicago
    const landscaping = SAMPLE_CALLS.find((sample) => sample.id === "landscaping-quote");
    if (!landscaping) throw new Error("no landscaping sample");
    const at = demoCallTime(landscaping, morning, TIMEZONE);
    expect(at < morning).toBe(true);
    expect(morning.getTime() - at.getTime()).toBeLessThanOrEqual(SAMPLE_CALLS.length * 5 * 60_000);
    // In the afternoon its 11:30 slot is past and kept.
    expect(demoCallTime(landscaping, NOW, TIMEZONE)).toEqual(new Date("2026-03-12T16:30:00Z"));
  });

  it("keeps a sample of today on today, and never later than now, around midnight", () => {
    const lateEvening = new Date("2026-03-13T04:55:00Z"); // Thursday 23:55 in Chicago
    const tonight = { daysAgo: 0, at: "23:50" };
    expect(scheduledCallTime(tonight, 1, lateEvening, TIMEZONE)).toEqual(new Date("2026-03-13T04:50:00Z"));
    const earlier = scheduledCallTime(tonight, SAMPLE_CALLS.length, lateEvening, TIMEZONE);
    expect([localDay(earlier), earlier < lateEvening]).toEqual(["2026-3-12", true]);

    // Two minutes into Friday: "today at 23:50" has not come, and yesterday is the wrong day.
    const justAfterMidnight = new Date("2026-03-13T05:02:00Z");
    const placed = [1, 2, SAMPLE_CALLS.length].map((rank) =>
      scheduledCallTime(tonight, rank, justAfterMidnight, TIMEZONE),
    );
    expect(placed.map(localDay)).toEqual(["2026-3-13", "2026-3-13", "2026-3-13"]);
    expect(placed.every((at) => at < justAfterMidnight)).toBe(true);
    // A higher rank is earlier, as the schedule's order asks.
    expect([...placed].sort((a, b) => b.getTime() - a.getTime())).toEqual(placed);
    // Yesterday's 23:50 is past: kept as scheduled.
    expect(scheduledCallTime({ daysAgo: 1, at: "23:50" }, 1, justAfterMidnight, TIMEZONE)).toEqual(
      new Date("2026-03-13T04:50:00Z"),
    );

    // Every sample at that moment: on its scheduled day, none in the future.
    for (const sample of SAMPLE_CALLS) {
      const at = demoCallTime(sample, justAfterMidnight, TIMEZONE);
      const slot = DEMO_SCHEDULE[sample.id];
      expect([sample.id, localDay(at)]).toEqual([sample.id, `2026-3-${13 - (slot?.daysAgo ?? 0)}`]);
      expect(at <= justAfterMidnight, sample.id).toBe(true);
    }
  });
});
