export { JOB_NAMES, JOBS, type JobName, type JobPayload, JobPayloadError, jobKey, parseJobPayload } from "./contract";
export {
  addJobStatement,
  type CreateJobQueueOptions,
  createJobQueue,
  enqueueJob,
  type JobQueue,
  type QueuedJob,
  type SqlExecutor,
} from "./queue";
