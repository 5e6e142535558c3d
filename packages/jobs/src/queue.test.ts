import { randomUUID } from "node:crypto";
import { withUser } from "@flynn/db/client";
import { insertCall, insertEvent, insertUser, useTestDatabase } from "@flynn/db/testing";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  addCallJobStatement,
  addUserCallJobStatement,
  addUserEventJobsStatement,
  createJobQueue,
  enqueueJob,
  JobPayloadError,
  type JobQueue,
  jobKey,
  keyedJobs,
  removeJobStatement,
} from "./index";

const database = useTestDatabase();
let queue: JobQueue;

beforeAll(async () => {
  queue = createJobQueue({ connectionString: database.current.url });
  await queue.migrate();
  await queue.migrate();
});
afterAll(async () => {
  await queue?.close();
});

describe("job queue", () => {
  it("collapses duplicates of one call into one job, through the API and through SQL", async () => {
    const callId = randomUUID();
    await queue.enqueue("process-call", { callId });
    await enqueueJob(database.current.db, "process-call", { callId });
    await database.current.db.transaction((tx) => enqueueJob(tx, "process-call", { callId }));
    const jobs = (await queue.queued()).filter((job) => job.key === `process-call:${callId}`);
    expect(jobs).toHaveLength(1);
    expect(jobs[0]).toMatchObject({ name: "process-call", payload: { callId } });
  });

  it("runAt delays a job; a duplicate keeps its time by default, and 'replace' moves it", async () => {
    const callId = randomUUID();
    const later = new Date(Date.now() + 600_000);
    const job = async () => (await queue.queued()).find((queued) => queued.key === `process-call:${callId}`);
    await enqueueJob(database.current.db, "process-call", { callId }, { runAt: later });
    expect((await job())?.runAt).toEqual(later);
    await queue.enqueue("process-call", { callId });
    expect((await job())?.runAt).toEqual(later);
    const earlier = new Date(Date.now() + 60_000);
    await queue.enqueue("process-call", { callId }, { runAt: earlier, keyMode: "replace" });
    expect((await job())?.runAt).toEqual(earlier);
    await enqueueJob(database.current.db, "process-call", { callId }, { keyMode: "replace" });
    expect((await job())?.runAt.getTime()).toBeLessThan(earlier.getTime());
  });

  it("a call's job queued from SQL has the payload and key the contract gives", async () => {
    const callId = randomUUID();
    const later = new Date(Date.now() + 600_000);
    await database.current.db.execute(
      sql`SELECT (${addCallJobStatement("process-call", sql`${callId}::uuid`, { runAt: later })})`,
    );
    await enqueueJob(database.current.db, "process-call", { callId });
    const jobs = (await queue.queued()).filter((job) => job.key === jobKey("process-call", { callId }));
    expect(jobs).toHaveLength(1);
    expect(jobs[0]).toMatchObject({ name: "process-call", payload: { callId }, runAt: later });
  });

  it("a user queues a job for their own call only, with the contract's payload and key", async () => {
    const { db } = database.current;
    const owner = await insertUser(db);
    const stranger = await insertUser(db);
    const call = await insertCall(db, owner.id);
    const later = new Date(Date.now() + 600_000);
    const statement = (runAt?: Date) => addUserCallJobStatement("process-call", call.id, { keyMode: "replace", runAt });

    await expect(withUser(db, { userId: stranger.id }, (tx) => tx.execute(statement()))).rejects.toMatchObject({
      cause: { code: "42501" },
    });
    // Without the function, flynn_app may not touch the queue at all.
    await expect(
      withUser(db, { userId: owner.id }, (tx) =>
        tx.execute(addCallJobStatement("process-call", sql`${call.id}::uuid`)),
      ),
    ).rejects.toMatchObject({ cause: { code: "42501" } });
    const ownJobs = async () =>
      (await queue.queued()).filter((job) => job.payload && (job.payload as { callId?: string }).callId === call.id);
    expect(await ownJobs()).toEqual([]);

    await withUser(db, { userId: owner.id }, (tx) => tx.execute(statement(later)));
    await withUser(db, { userId: owner.id }, (tx) => tx.execute(statement()));
    const jobs = await ownJobs();
    expect(jobs).toHaveLength(1);
    expect(jobs[0]).toMatchObject({
      name: "process-call",
      payload: { callId: call.id },
      key: jobKey("process-call", { callId: call.id }),
    });
    // "replace" moved the queued job from later to now.
    expect(jobs[0]?.runAt.getTime()).toBeLessThan(later.getTime());
  });

  it("a user queues calendar syncs of their own events only, with the contract's payload and key", async () => {
    const { db } = database.current;
    const owner = await insertUser(db);
    const stranger = await insertUser(db);
    const own = await insertEvent(db, owner.id);
    const theirs = await insertEvent(db, stranger.id);
    const ids = [own.id, theirs.id];
    const queuedFor = async (eventId: string) =>
      (await queue.queued()).filter((job) => (job.payload as { eventId?: string } | null)?.eventId === eventId);

    const result = await withUser(db, { userId: owner.id }, (tx) =>
      tx.execute<{ queued: number }>(addUserEventJobsStatement("sync-calendar-event", ids)),
    );
    expect(result.rows[0]?.queued).toBe(1);
    // Twice is still one job per event (the key collapses them).
    await withUser(db, { userId: owner.id }, (tx) => tx.execute(addUserEventJobsStatement("sync-calendar-event", ids)));
    const jobs = await queuedFor(own.id);
    expect(jobs).toHaveLength(1);
    expect(jobs[0]).toMatchObject({
      name: "sync-calendar-event",
      payload: { eventId: own.id },
      key: jobKey("sync-calendar-event", { eventId: own.id }),
    });
    expect(await queuedFor(theirs.id)).toEqual([]);
    // Only this job goes through the door.
    await expect(
      withUser(db, { userId: owner.id }, (tx) =>
        tx.execute(sql`SELECT add_user_event_jobs('send-event-confirmation', ARRAY[${own.id}::uuid])`),
      ),
    ).rejects.toMatchObject({ cause: { code: "42501" } });
  });

  it("queues nothing when the transaction rolls back", async () => {
    const callId = randomUUID();
    await expect(
      database.current.db.transaction(async (tx) => {
        await enqueueJob(tx, "process-call", { callId });
        throw new Error("rollback");
      }),
    ).rejects.toThrow("rollback");
    expect((await queue.queued()).filter((job) => job.key === `process-call:${callId}`)).toHaveLength(0);
  });

  it("refuses a payload the contract does not allow", async () => {
    await expect(queue.enqueue("process-call", { callId: "not-a-uuid" })).rejects.toThrow(JobPayloadError);
  });
});

describe("keyed jobs (a planner's view of the queue)", () => {
  it("lists the jobs under a key prefix with their time and payload, and removes one by its payload", async () => {
    const { db } = database.current;
    const eventId = randomUUID();
    const startsAt = "2030-12-03T15:00:00.000Z";
    const dayBefore = new Date("2030-12-02T15:00:00Z");
    const twoHoursBefore = new Date("2030-12-03T13:00:00Z");
    await enqueueJob(db, "send-event-reminder", { eventId, minutesBefore: 1440, startsAt }, { runAt: dayBefore });
    await enqueueJob(db, "send-event-reminder", { eventId, minutesBefore: 120, startsAt }, { runAt: twoHoursBefore });
    await enqueueJob(db, "send-event-reminder", { eventId: randomUUID(), minutesBefore: 120, startsAt });

    const jobs = await keyedJobs(db, "send-event-reminder", `send-event-reminder:${eventId}:`);
    expect(jobs).toEqual([
      {
        key: `send-event-reminder:${eventId}:120`,
        runAt: twoHoursBefore,
        payload: { eventId, minutesBefore: 120, startsAt },
        locked: false,
      },
      {
        key: `send-event-reminder:${eventId}:1440`,
        runAt: dayBefore,
        payload: { eventId, minutesBefore: 1440, startsAt },
        locked: false,
      },
    ]);

    await db.execute(removeJobStatement("send-event-reminder", { eventId, minutesBefore: 1440, startsAt }));
    expect(
      (await keyedJobs(db, "send-event-reminder", `send-event-reminder:${eventId}:`)).map((job) => job.key),
    ).toEqual([`send-event-reminder:${eventId}:120`]);
    // Removing a job that is not queued changes nothing.
    await db.execute(removeJobStatement("send-event-reminder", { eventId, minutesBefore: 1440, startsAt }));
    expect(await keyedJobs(db, "send-event-reminder", `send-event-reminder:${eventId}:`)).toHaveLength(1);
  });
});
