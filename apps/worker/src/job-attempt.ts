/**
 * Which run of a job this is, as graphile-worker counts them: a job whose failure a later
 * attempt may fix throws (graphile-worker retries it with backoff) unless this was its last
 * attempt; a failure that will not change is recorded at once.
 */
import type { JobHelpers } from "graphile-worker";

export interface Attempt {
  number: number;
  max: number;
}

export const attemptOf = (helpers: JobHelpers): Attempt => ({
  number: helpers.job.attempts,
  max: helpers.job.max_attempts,
});

/** Whether a failure ends the job's tries: one that will not change, or any on the last attempt. */
export const isFinalFailure = (transient: boolean, attempt: Attempt): boolean =>
  !transient || attempt.number >= attempt.max;
