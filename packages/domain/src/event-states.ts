/**
 * The event state machine and the rules around it, free of schemas: the API enforces them,
 * and the dashboard (`@flynn/domain/event-states`) reads them to know which buttons to enable.
 */
import type { EventStatus } from "./enums";

/** Each transition, the statuses it may start from, and where it leads. */
export const EVENT_TRANSITIONS = {
  confirm: { from: ["extracted", "pending", "tentative"], to: "confirmed", past: "confirmed" },
  markTentative: { from: ["extracted", "pending", "confirmed"], to: "tentative", past: "marked tentative" },
  cancel: { from: ["extracted", "pending", "tentative", "confirmed"], to: "cancelled", past: "cancelled" },
  complete: { from: ["confirmed"], to: "completed", past: "completed" },
  reopen: { from: ["completed", "cancelled"], to: "pending", past: "reopened" },
} as const satisfies Record<string, { from: readonly EventStatus[]; to: EventStatus; past: string }>;

export type EventTransition = keyof typeof EVENT_TRANSITIONS;
export const EVENT_TRANSITION_NAMES = Object.keys(EVENT_TRANSITIONS) as readonly EventTransition[];

/** The spec's `status` column may be NULL; its default, 'extracted', is what such an event is. */
export const eventStatusOrDefault = (status: EventStatus | null | undefined): EventStatus => status ?? "extracted";

const CLOSED_STATUSES: readonly EventStatus[] = EVENT_TRANSITIONS.reopen.from;
/** Statuses of an event that still lies ahead: it may be cancelled, and its time may move. */
export const OPEN_STATUSES: readonly EventStatus[] = EVENT_TRANSITIONS.cancel.from;

export type TransitionCheck = { ok: true; to: EventStatus } | { ok: false; reason: string };

/** Whether `transition` may start from `from`, and if not, why, in words a user can act on. */
export function checkTransition(from: EventStatus | null | undefined, transition: EventTransition): TransitionCheck {
  const status = eventStatusOrDefault(from);
  const rule = EVENT_TRANSITIONS[transition];
  if ((rule.from as readonly EventStatus[]).includes(status)) return { ok: true, to: rule.to };
  if (transition === "reopen") {
    return {
      ok: false,
      reason: `${withArticle(status)} event is still open; only completed or cancelled events can be reopened`,
    };
  }
  if (status === rule.to) return { ok: false, reason: `This event is already ${status}` };
  if (CLOSED_STATUSES.includes(status)) {
    return { ok: false, reason: `${withArticle(status)} event cannot be ${rule.past}; reopen it first` };
  }
  // Only `complete` is left: it needs a confirmed event.
  return { ok: false, reason: `${withArticle(status)} event cannot be ${rule.past}; confirm it first` };
}

/** The transitions an event in `status` may take (the dashboard's enabled buttons). */
export function allowedTransitions(status: EventStatus | null | undefined): EventTransition[] {
  return EVENT_TRANSITION_NAMES.filter((transition) => checkTransition(status, transition).ok);
}

/**
 * Why an event in `status` cannot be rescheduled, or null when it can. Rescheduling moves the
 * event's time and keeps its status, so only open events may move.
 */
export function rescheduleRefusal(status: EventStatus | null | undefined): string | null {
  const current = eventStatusOrDefault(status);
  return OPEN_STATUSES.includes(current)
    ? null
    : `${withArticle(current)} event cannot be rescheduled; reopen it first`;
}

export const CONFIRM_NEEDS_TIME =
  "This event needs a date and time before it can be confirmed: set its proposed time or give confirmedDatetime";

function withArticle(status: EventStatus): string {
  return `${/^[aeiou]/.test(status) ? "An" : "A"} ${status}`;
}
