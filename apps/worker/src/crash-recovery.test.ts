import { randomUUID } from "node:crypto";
import { useTestDatabase } from "@flynn/db/testing";
import { createJobQueue, type JobQueue } from "@flynn/jobs";
import { Logger, type Runner, run } from "graphile-worker";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { type CrashRecovery, startCrashRecovery } from "./crash-recovery";

const database = useTestDatabase();
const quietLogger = new Logger(() => () => {});
let queue: JobQueue;
const cleanups: (() => Promise<unknown>)[] = [];

beforeAll(async () => {
  queue = createJobQueue({ connectionString: database.current.url });
  await queue.migrate();
});
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  // Each test starts with an empty queue: a job left by one must not be taken by the next one's worker.
  await database.current.db.$client.query("DELETE FROM graphile_worker._private_jobs");
});
afterAll(async () => {
  await queue?.close();
});

async function recovery(onLost: (error: Error) => void = () => {}): Promise<CrashRecovery> {
  const started = await startCrashRecovery({ connectionString: database.current.url, onLost });
  cleanups.push(() => started.close());
  return started;
}

/** A worker process's pool (with crash recovery) whose `process-call` runs until the test ends. */
async function liveWorker(crashRecovery: CrashRecovery): Promise<Runner> {
  let release = () => {};
  const held = new Promise<void>((resolve) => {
    release = resolve;
  });
  const runner = await run({
    connectionString: database.current.url,
    concurrency: 1,
    noHandleSignals: true,
    logger: quietLogger,
    preset: crashRecovery.preset,
    taskList: { "process-call": () => held },
  });
  cleanups.push(async () => {
    release();
    await runner.stop();
  });
  return runner;
}

async function lockOf(callId: string) {
  const rows = await database.current.db.$client.query<{ locked_by: string | null }>(
    "SELECT locked_by FROM graphile_worker._private_jobs WHERE key = $1",
    [`process-call:${callId}`],
  );
  return rows.rows[0]?.locked_by ?? null;
}

/** Makes the job's lock older than the registration grace (as if taken a minute ago). */
async function ageLock(callId: string) {
  await database.current.db.$client.query(
    "UPDATE graphile_worker._private_jobs SET locked_at = now() - interval '1 minute' WHERE key = $1",
    [`process-call:${callId}`],
  );
}

/** A job taken by a pool whose process has died (`lockedAgo` seconds ago): nobody holds the pool's lock. */
async function jobOfDeadPool(lockedAgo = 60): Promise<string> {
  const callId = randomUUID();
  await queue.enqueue("process-call", { callId });
  await database.current.db.$client.query(
    "UPDATE graphile_worker._private_jobs SET locked_by = 'pool-dead', locked_at = now() - $2 * interval '1 second', attempts = 1 WHERE key = $1",
    [`process-call:${callId}`, lockedAgo],
  );
  return callId;
}

describe("crash recovery", () => {
  it("frees the jobs of a pool whose process is gone, and never those of a live one", async () => {
    const runningCall = randomUUID();
    await queue.enqueue("process-call", { callId: runningCall });
    const mine = await recovery();
    await liveWorker(mine);
    await vi.waitFor(async () => expect(await lockOf(runningCall)).toMatch(/^pool-/), { timeout: 5000 });
    const livePool = await lockOf(runningCall);
    const orphan = await jobOfDeadPool();

    // Another worker process starting (or sweeping later).
    const other = await recovery();
    expect(await other.sweep()).toEqual(["pool-dead"]);
    expect(await lockOf(orphan)).toBeNull();
    expect(await lockOf(runningCall)).toBe(livePool);
    expect(await other.sweep()).toEqual([]);
    // Its own pool's lock is re-entrant for its own session: it must not see itself as gone.
    expect(await mine.sweep()).toEqual([]);
    expect(await lockOf(runningCall)).toBe(livePool);
  });

  it("leaves alone a job locked in the last seconds by a pool not registered yet (a pool starting up)", async () => {
    const starting = await jobOfDeadPool(0);
    const other = await recovery();
    expect(await other.sweep()).toEqual([]);
    expect(await lockOf(starting)).toBe("pool-dead");
    await ageLock(starting);
    expect(await other.sweep()).toEqual(["pool-dead"]);
    expect(await lockOf(starting)).toBeNull();
  });

  it("a restarted worker takes its predecessor's job at once, not at its next poll", async () => {
    const orphan = await jobOfDeadPool();
    const crashRecovery = await recovery();
    const taken = new Promise<string>((resolve) => {
      void run({
        connectionString: database.current.url,
        concurrency: 1,
        noHandleSignals: true,
        logger: quietLogger,
        pollInterval: 60_000,
        preset: crashRecovery.preset,
        taskList: { "process-call": async (payload) => resolve((payload as { callId: string }).callId) },
      }).then((runner) => cleanups.push(() => runner.stop()));
    });
    expect(await taken).toBe(orphan);
  });

  it("a worker whose lock connection dies is told so, and its pool counts as gone", async () => {
    const onLost = vi.fn();
    const callId = randomUUID();
    await queue.enqueue("process-call", { callId });
    await liveWorker(await recovery(onLost));
    await vi.waitFor(async () => expect(await lockOf(callId)).toMatch(/^pool-/), { timeout: 5000 });

    await database.current.db.$client.query(
      "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'flynn-worker-liveness' AND datname = current_database()",
    );
    await vi.waitFor(() => expect(onLost).toHaveBeenCalled(), { timeout: 5000 });
    await ageLock(callId);
    expect(await (await recovery()).sweep()).toHaveLength(1);
    expect(await lockOf(callId)).toBeNull();
  });
});
