/**
 * The one task list: every job of the @flynn/jobs contract, each validated against its
 * payload schema before its handler (one file per job under ./jobs) runs.
 */
import { type JobName, type JobPayload, parseJobPayload } from "@flynn/jobs";
import type { JobHelpers, Task, TaskList } from "graphile-worker";
import type { WorkerDeps } from "./deps";
import { eventChangedTask } from "./jobs/event-changed";
import { notifyCalendarDisconnectedTask } from "./jobs/notify-calendar-disconnected";
import { processCall } from "./jobs/process-call";
import { sendCallOverviewTask } from "./jobs/send-call-overview";
import { sendEventConfirmationTask } from "./jobs/send-event-confirmation";
import { sendEventReminderTask } from "./jobs/send-event-reminder";
import { syncCalendarEventTask } from "./jobs/sync-calendar-event";

type Handler<N extends JobName> = (deps: WorkerDeps, payload: JobPayload<N>, helpers: JobHelpers) => Promise<void>;

const HANDLERS: { [N in JobName]: Handler<N> } = {
  "process-call": processCall,
  "send-call-overview": sendCallOverviewTask,
  "event-changed": eventChangedTask,
  "sync-calendar-event": syncCalendarEventTask,
  "send-event-confirmation": sendEventConfirmationTask,
  "send-event-reminder": sendEventReminderTask,
  "notify-calendar-disconnected": notifyCalendarDisconnectedTask,
};

function task<N extends JobName>(deps: WorkerDeps, name: N): Task {
  const handler = HANDLERS[name];
  return (payload, helpers) => handler(deps, parseJobPayload(name, payload), helpers);
}

export function createTaskList(deps: WorkerDeps): TaskList {
  return Object.fromEntries((Object.keys(HANDLERS) as JobName[]).map((name) => [name, task(deps, name)])) as TaskList;
}
