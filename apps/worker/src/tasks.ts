/**
 * The one task list: every job of the @flynn/jobs contract, each validated against its
 * payload schema before its handler (one file per job under ./jobs) runs.
 */
import { type JobName, type JobPayload, parseJobPayload } from "@flynn/jobs";
import type { JobHelpers, Task, TaskList } from "graphile-worker";
import type { WorkerDeps } from "./deps";
import { type Attempt, attemptOf } from "./job-attempt";
import { planEventChange } from "./jobs/event-changed";
import { notifyCalendarDisconnected } from "./jobs/notify-calendar-disconnected";
import { processCall } from "./jobs/process-call";
import { sendCallOverview } from "./jobs/send-call-overview";
import { sendEventConfirmation } from "./jobs/send-event-confirmation";
import { sendEventReminder } from "./jobs/send-event-reminder";
import { syncCalendarEvent } from "./jobs/sync-calendar-event";

type Handler<N extends JobName> = (deps: WorkerDeps, payload: JobPayload<N>, helpers: JobHelpers) => Promise<void>;

/** An outcome as its log line says it: a list of deliveries, a word, or a plan. */
export function describeOutcome(outcome: unknown): string {
  if (Array.isArray(outcome)) return outcome.join(", ") || "nothing to send";
  return typeof outcome === "string" ? outcome : JSON.stringify(outcome);
}

/** Runs a job with this run's attempt and logs one line: `<job> <what it is about>: <outcome>`. */
function logged<N extends JobName>(
  run: (deps: WorkerDeps, payload: JobPayload<N>, attempt: Attempt) => Promise<unknown>,
  about: (payload: JobPayload<N>) => string,
): Handler<N> {
  return async (deps, payload, helpers) => {
    const outcome = await run(deps, payload, attemptOf(helpers));
    helpers.logger.info(`${helpers.job.task_identifier} ${about(payload)}: ${describeOutcome(outcome)}`);
  };
}

const HANDLERS: { [N in JobName]: Handler<N> } = {
  "process-call": processCall,
  "send-call-overview": logged(sendCallOverview, (payload) => payload.callId),
  "event-changed": logged(planEventChange, (payload) => payload.eventId),
  "sync-calendar-event": logged(syncCalendarEvent, (payload) => payload.eventId),
  "send-event-confirmation": logged(sendEventConfirmation, (payload) => payload.eventId),
  "send-event-reminder": logged(sendEventReminder, (payload) => `${payload.eventId} ${payload.minutesBefore} min`),
  "notify-calendar-disconnected": logged(notifyCalendarDisconnected, (payload) => payload.integrationId),
};

function task<N extends JobName>(deps: WorkerDeps, name: N): Task {
  const handler = HANDLERS[name];
  return (payload, helpers) => handler(deps, parseJobPayload(name, payload), helpers);
}

export function createTaskList(deps: WorkerDeps): TaskList {
  return Object.fromEntries((Object.keys(HANDLERS) as JobName[]).map((name) => [name, task(deps, name)])) as TaskList;
}
