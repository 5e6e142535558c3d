/**
 * Resuming the jobs of a crashed worker within seconds, never stealing a live worker's.
 *
 * graphile-worker 0.17 marks a running job `locked_by` its pool's random id and only frees
 * the jobs of a dead pool once their lock is 4 hours old. It has no heartbeat, so we give it
 * one that Postgres keeps for us: each pool holds a session advisory lock named after its id
 * on a connection of its own, taken (in the `startWorker` hook) before the pool asks for its
 * first job. A process that dies for any reason (SIGKILL, OOM, a lost host once TCP
 * keepalives notice) loses its session and with it the lock. A sweep, at every start and
 * then periodically, hands the jobs of every pool whose lock it can take to
 * `force_unlock_workers` and nudges the workers: a restarted worker picks its predecessor's
 * jobs up at once, and a worker that never comes back is covered by the others.
 *
 * A live pool's lock is held, so no sweep can take it: two live workers never unlock each
 * other's jobs. If this worker loses its own lock connection, it cannot prove it is alive any
 * more, so `onLost` is called and main.ts stops the process (its jobs are idempotent, and a
 * sweeper may be rerunning them already).
 */
import type { RunnerOptions } from "graphile-worker";
import pg from "pg";

type Preset = NonNullable<RunnerOptions["preset"]>;

/** The advisory lock key of a pool id (an SQL text expression): 64 bits of md5, so pools do not collide. */
const lockKey = (poolId: string) => `('x' || left(md5('flynn-worker-pool:' || ${poolId}), 16))::bit(64)::bigint`;

/**
 * A pool's local queue locks its first jobs as the pool is created, in the same moment as the
 * pool asks for its liveness lock; jobs locked more recently than this are never taken as a
 * dead pool's. (A sweep this long after a start catches the predecessor's youngest locks.)
 */
export const REGISTRATION_GRACE_SECONDS = 2;

export interface CrashRecoveryOptions {
  connectionString: string;
  /** Sweeps after the first one, so a worker that never restarts is covered by the others. */
  sweepIntervalMs?: number;
  /** The lock connection is gone: this process can no longer prove it is alive. */
  onLost: (error: Error) => void;
  log?: (message: string) => void;
}

export interface CrashRecovery {
  /** For `run({ preset })`: registers each pool before it takes a job, then sweeps. */
  preset: Preset;
  /** Registers a pool as soon as graphile-worker creates it (its `pool:create` event), before its local queue fills. */
  poolCreated(poolId: string): void;
  /** Unlocks the jobs of pools whose process is gone; returns those pools' ids. */
  sweep(): Promise<string[]>;
  close(): Promise<void>;
}

export async function startCrashRecovery({
  connectionString,
  sweepIntervalMs = 30_000,
  onLost,
  log = () => {},
}: CrashRecoveryOptions): Promise<CrashRecovery> {
  const client = new pg.Client({ connectionString, application_name: "flynn-worker-liveness" });
  let closing = false;
  const lost = (error: Error) => {
    if (!closing) onLost(error);
  };
  client.on("error", lost);
  client.on("end", () => lost(new Error("the worker's liveness connection closed")));
  await client.connect();
  // A vanished host leaves a half-open connection (and its lock) behind until the server
  // notices; the operating system default is two hours, this is under a minute.
  await client.query("SET tcp_keepalives_idle = 20; SET tcp_keepalives_interval = 5; SET tcp_keepalives_count = 4");

  const registered = new Map<string, Promise<void>>();
  let timer: NodeJS.Timeout | undefined;
  // One query at a time on the one connection.
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(fn: () => Promise<T>): Promise<T> => {
    const next = queue.then(fn, fn);
    queue = next.catch(() => {});
    return next;
  };

  const sweep = () =>
    serial(async () => {
      await client.query("BEGIN");
      try {
        // A transaction-level try-lock succeeds only on a pool no live session holds; this
        // session holds its own pools' locks too, and a lock is re-entrant, so skip those.
        const { rows } = await client.query<{ id: string }>(
          `SELECT id FROM (
             SELECT locked_by AS id FROM graphile_worker._private_jobs
            WHERE locked_by IS NOT NULL AND locked_at < now() - interval '${REGISTRATION_GRACE_SECONDS} seconds'
             UNION
             SELECT locked_by FROM graphile_worker._private_job_queues
            WHERE locked_by IS NOT NULL AND locked_at < now() - interval '${REGISTRATION_GRACE_SECONDS} seconds'
           ) AS holders
           WHERE id <> ALL($1::text[]) AND pg_try_advisory_xact_lock(${lockKey("id")})`,
          [[...registered.keys()]],
        );
        const dead = rows.map((row) => row.id);
        if (dead.length > 0) {
          await client.query("SELECT graphile_worker.force_unlock_workers($1::text[])", [dead]);
          // Workers listen on this channel; without it they would find the jobs at their next poll.
          await client.query(`SELECT pg_notify('jobs:insert', json_build_object('count', $1::int)::text)`, [
            dead.length,
          ]);
        }
        await client.query("COMMIT");
        if (dead.length > 0) log(`resumed the jobs of stopped worker pools ${dead.join(", ")}`);
        return dead;
      } catch (error) {
        await client.query("ROLLBACK").catch(() => {});
        throw error;
      }
    });

  const register = (poolId: string) => {
    let done = registered.get(poolId);
    if (!done) {
      done = (async () => {
        await serial(() => client.query(`SELECT pg_advisory_lock(${lockKey("$1::text")})`, [poolId]));
        await sweep();
        setTimeout(
          () => {
            sweep().catch((error: unknown) => log(`sweep failed: ${(error as Error).message}`));
          },
          (REGISTRATION_GRACE_SECONDS + 1) * 1000,
        ).unref();
        timer ??= setInterval(() => {
          sweep().catch((error: unknown) => log(`sweep failed: ${(error as Error).message}`));
        }, sweepIntervalMs);
        timer.unref();
      })();
      registered.set(poolId, done);
    }
    return done;
  };

  const preset: Preset = {
    plugins: [
      {
        name: "FlynnCrashRecoveryPlugin",
        version: "1.0.0",
        worker: {
          hooks: {
            // Awaited before the worker's first job; a worker that cannot register never takes
            // one (graphile-worker runs this hook only once, so a failure must not fall through).
            async startWorker(_ctx, event) {
              try {
                await register(event.worker.workerPool.id);
              } catch (error) {
                lost(error as Error);
                await new Promise(() => {});
              }
            },
          },
        },
      },
    ],
  };

  return {
    preset,
    poolCreated(poolId) {
      register(poolId).catch((error: unknown) => lost(error as Error));
    },
    sweep,
    async close() {
      closing = true;
      clearInterval(timer);
      await queue;
      await client.end();
    },
  };
}
