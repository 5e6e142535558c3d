export {
  JOB_NAMES,
  JOBS,
  type JobName,
  type JobPayload,
  JobPayloadError,
  jobKey,
  parseJobPayload,
  TWILIO_TRANSCRIPT_WAIT_MS,
} from "./contract";
export {
  addCallJobStatement,
  addJobStatement,
  addUserCallJobStatement,
  type CreateJobQueueOptions,
  createJobQueue,
  type EnqueueOptions,
  enqueueJob,
  type JobKeyMode,
  type JobQueue,
  type QueuedJob,
  type SqlExecutor,
} from "./queue";
