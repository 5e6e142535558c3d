/**
 * The job queue: graphile-worker on the application's Postgres (its own `graphile_worker`
 * schema). Jobs are added with the SQL function `graphile_worker.add_job`, so a webhook can
 * queue a job in the same transaction that writes its row: either both happen or neither.
 */
import { type SQL, sql } from "drizzle-orm";
import { makeWorkerUtils, type WorkerUtils } from "graphile-worker";
import { type JobName, type JobPayload, jobKey, parseJobPayload } from "./contract";

/**
 * What a duplicate of a queued job (same key) does to its run time.
 * "preserve_run_at" (the default): the queued job's payload is updated but its run time
 * kept, so a stream of duplicates (Twilio's retries) can never postpone the work.
 * "replace": the run time becomes `runAt` (default now); new information (the transcript a
 * waiting `process-call` needs) makes a job that was waiting run now.
 * Either way a job that is already running is left alone and a new one is queued, so late
 * data is processed again.
 */
export type JobKeyMode = "preserve_run_at" | "replace";

export interface EnqueueOptions {
  /** When the job may run; default now. */
  runAt?: Date;
  keyMode?: JobKeyMode;
}

/** Anything that runs a drizzle SQL statement: the database, or a transaction. */
export interface SqlExecutor {
  execute(query: SQL): PromiseLike<unknown>;
}

/** The statement that queues `name` (validated against the contract), for any transaction. */
export function addJobStatement<N extends JobName>(
  name: N,
  payload: JobPayload<N>,
  { runAt, keyMode = "preserve_run_at" }: EnqueueOptions = {},
): SQL {
  const valid = parseJobPayload(name, payload);
  return sql`SELECT graphile_worker.add_job(
    ${name}::text,
    ${JSON.stringify(valid)}::json,
    run_at => ${runAt?.toISOString() ?? null}::timestamptz,
    job_key => ${jobKey(name, valid)}::text,
    job_key_mode => ${keyMode}::text
  )`;
}

/** The jobs whose payload is the id of a call and nothing else. */
type CallJobName = { [N in JobName]: JobPayload<N> extends { callId: string } ? N : never }[JobName];

/**
 * `addJobStatement` for a call whose id only the statement itself knows (`callId`, a uuid
 * expression such as a column of a CTE): a webhook that finds the call by its CallSid,
 * updates it and queues its job in one statement. The payload and key are those the
 * contract gives for `{ callId }` (a test holds them to it).
 */
export function addCallJobStatement(
  name: CallJobName,
  callId: SQL,
  { runAt, keyMode = "preserve_run_at" }: EnqueueOptions = {},
): SQL {
  const keyPrefix = jobKey(name, { callId: "" });
  return sql`SELECT graphile_worker.add_job(
    ${name}::text,
    json_build_object('callId', ${callId}),
    run_at => ${runAt?.toISOString() ?? null}::timestamptz,
    job_key => ${keyPrefix}::text || ${callId},
    job_key_mode => ${keyMode}::text
  )`;
}

/**
 * `addCallJobStatement` for a dashboard request, which runs as `flynn_app` and has no rights
 * on graphile-worker's schema: it goes through the database function `add_user_call_job`
 * (migration 0013), which queues the job only for a call of the request's own user (and
 * fails with 42501 otherwise) under the key the contract gives.
 */
export function addUserCallJobStatement(
  /** The jobs `add_user_call_job` lets a user queue. */
  name: Extract<CallJobName, "process-call">,
  callId: string,
  { runAt, keyMode = "preserve_run_at" }: EnqueueOptions = {},
): SQL {
  const { callId: valid } = parseJobPayload(name, { callId });
  return sql`SELECT add_user_call_job(
    ${name}::text,
    ${valid}::uuid,
    key_mode => ${keyMode}::text,
    run_at => ${runAt?.toISOString() ?? null}::timestamptz
  )`;
}

/**
 * A dashboard request's calendar syncs of its own events, through the database function
 * `add_user_event_jobs` (migration 0017) in the request's transaction: others' ids are
 * skipped; the statement returns `queued`, how many jobs it added.
 */
export function addUserEventJobsStatement(name: "sync-calendar-event", eventIds: readonly string[]): SQL {
  const valid = eventIds.map((eventId) => parseJobPayload(name, { eventId }).eventId);
  // Validated UUIDs: the array literal needs no escaping.
  return sql`SELECT add_user_event_jobs(${name}::text, ${`{${valid.join(",")}}`}::uuid[]) AS queued`;
}

/** Queues `name` on `executor`; inside a transaction, the job exists only if it commits. */
export async function enqueueJob<N extends JobName>(
  executor: SqlExecutor,
  name: N,
  payload: JobPayload<N>,
  options?: EnqueueOptions,
): Promise<void> {
  await executor.execute(addJobStatement(name, payload, options));
}

/** Anything that runs a drizzle SQL statement and returns its rows (node-postgres' result). */
export interface SqlRowsExecutor {
  execute(query: SQL): PromiseLike<{ rows: unknown[] }>;
}

/** The statement that removes the queued job `name` would have for `payload` (by its key; none: nothing happens). */
export function removeJobStatement<N extends JobName>(name: N, payload: JobPayload<N>): SQL {
  return sql`SELECT graphile_worker.remove_job(${jobKey(name, parseJobPayload(name, payload))}::text)`;
}

/** A queued job found by its key, as a planner compares it with what should be queued. */
export interface KeyedJob<N extends JobName> {
  key: string;
  runAt: Date;
  payload: JobPayload<N>;
  /** A worker is running it now. */
  locked: boolean;
}

/**
 * The jobs of `name` whose key starts with `keyPrefix` that will still run (waiting, running,
 * or failed with attempts left), so a planner can queue what is missing, move what changed
 * and remove the rest. graphile-worker's public view leaves payloads out, hence its table.
 */
export async function keyedJobs<N extends JobName>(
  executor: SqlRowsExecutor,
  name: N,
  keyPrefix: string,
): Promise<KeyedJob<N>[]> {
  const { rows } = await executor.execute(sql`
    SELECT jobs.key, jobs.run_at AS "runAt", jobs.payload, jobs.locked_at IS NOT NULL AS locked
    FROM graphile_worker._private_jobs jobs
    JOIN graphile_worker._private_tasks tasks ON tasks.id = jobs.task_id
    WHERE tasks.identifier = ${name} AND starts_with(jobs.key, ${keyPrefix}::text) AND jobs.attempts < jobs.max_attempts
    ORDER BY jobs.key`);
  return (rows as { key: string; runAt: Date | string; payload: unknown; locked: boolean }[]).map((row) => ({
    key: row.key,
    runAt: new Date(row.runAt),
    payload: parseJobPayload(name, row.payload),
    locked: row.locked,
  }));
}

export interface QueuedJob {
  id: string;
  name: string;
  payload: unknown;
  key: string | null;
  runAt: Date;
  attempts: number;
}

export interface JobQueue {
  /** Installs or upgrades the `graphile_worker` schema; a second run changes nothing. */
  migrate(): Promise<void>;
  enqueue<N extends JobName>(name: N, payload: JobPayload<N>, options?: EnqueueOptions): Promise<void>;
  /** Jobs waiting or running, oldest first (tests assert "exactly one job" with it). */
  queued(): Promise<QueuedJob[]>;
  close(): Promise<void>;
}

export interface CreateJobQueueOptions {
  connectionString: string;
}

export function createJobQueue({ connectionString }: CreateJobQueueOptions): JobQueue {
  let utils: Promise<WorkerUtils> | undefined;
  const workerUtils = () => {
    utils ??= makeWorkerUtils({ connectionString });
    return utils;
  };
  return {
    async migrate() {
      await (await workerUtils()).migrate();
    },
    async enqueue(name, payload, { runAt, keyMode = "preserve_run_at" } = {}) {
      const valid = parseJobPayload(name, payload);
      await (await workerUtils()).addJob(name as string, valid as unknown, {
        jobKey: jobKey(name, valid),
        jobKeyMode: keyMode,
        ...(runAt ? { runAt } : {}),
      });
    },
    async queued() {
      return (await workerUtils()).withPgClient(async (client) => {
        const { rows } = await client.query<QueuedJob>(
          // The public view leaves the payload out; tests want to see it.
          `SELECT jobs.id::text, tasks.identifier AS name, jobs.payload, jobs.key, jobs.run_at AS "runAt", jobs.attempts
           FROM graphile_worker._private_jobs jobs
           JOIN graphile_worker._private_tasks tasks ON tasks.id = jobs.task_id
           ORDER BY jobs.id`,
        );
        return rows;
      });
    },
    async close() {
      if (utils) await (await utils).release();
      utils = undefined;
    },
  };
}
