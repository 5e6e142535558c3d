import { z } from "zod";
import { e164PhoneSchema, uuidSchema } from "./common";
import {
  EVENT_STATUSES,
  EVENT_TYPES,
  type EventStatus,
  eventStatusSchema,
  eventTypeSchema,
  locationTypeSchema,
  URGENCY_LEVELS,
  urgencyLevelSchema,
} from "./enums";
import { pageInputSchema } from "./pagination";

/**
 * The event state machine: each transition, the statuses it may start from, and where it leads.
 * The API enforces it and the dashboard reads it to know which buttons to enable.
 */
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

export const CONFIRM_NEEDS_TIME =
  "This event needs a date and time before it can be confirmed: set its proposed time or give confirmedDatetime";

function withArticle(status: EventStatus): string {
  return `${/^[aeiou]/.test(status) ? "An" : "A"} ${status}`;
}

const dateTimeSchema = z.date({ message: "must be a date and time" });

/** Optional free text: trimmed, and an empty field clears the column. */
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .transform((text) => (text === "" ? null : text))
    .nullable();

const MAX_PRICE = 99_999_999.99;
/** A price for `numeric(10,2)`: a number or a decimal string, sent to the database as a string. */
const priceSchema = z
  .union([
    z.number(),
    z
      .string()
      .trim()
      .regex(/^\d+(\.\d+)?$/, "must be a number")
      .transform(Number),
  ])
  .pipe(
    z
      .number()
      .min(0, "must not be negative")
      .max(MAX_PRICE, `must be at most ${MAX_PRICE}`)
      .refine((price) => /^-?\d+(\.\d{1,2})?$/.test(String(price)), "must have at most two decimals"),
  )
  .transform((price) => price.toFixed(2));

const KNOWN_CURRENCIES = new Set(Intl.supportedValuesOf("currency"));
const currencySchema = z
  .string()
  .trim()
  .toUpperCase()
  .refine((code) => /^[A-Z]{3}$/.test(code) && KNOWN_CURRENCIES.has(code), {
    message: "must be an ISO 4217 currency code such as USD",
  });

export const eventIdSchema = z.object({ id: uuidSchema });
export type EventId = z.infer<typeof eventIdSchema>;

/**
 * Every field a user may edit. `status` and `confirmed_datetime` are not here: they change
 * only through the transitions (confirm, markTentative, cancel, complete, reopen), which
 * enforce the state machine. Unknown keys are stripped.
 */
export const eventUpdateSchema = eventIdSchema
  .extend({
    title: z.string().trim().min(1, "title is required").max(200),
    description: optionalText(5000),
    eventType: eventTypeSchema,
    proposedDatetime: dateTimeSchema.nullable(),
    durationMinutes: z.number().int().min(1).max(1440, "must be at most 1440 minutes (a day)"),
    location: optionalText(500),
    locationType: locationTypeSchema,
    customerName: optionalText(200),
    customerPhone: e164PhoneSchema.nullable(),
    customerEmail: z
      .string()
      .trim()
      .max(254)
      .pipe(z.email({ message: "must be an email address" }))
      .nullable(),
    priceEstimate: priceSchema.nullable(),
    currency: currencySchema,
    urgencyLevel: urgencyLevelSchema,
    notes: optionalText(10_000),
    followUpRequired: z.boolean(),
    followUpReason: optionalText(1000),
  })
  .partial()
  .required({ id: true })
  .refine(({ id: _id, ...patch }) => Object.values(patch).some((value) => value !== undefined), {
    message: "nothing to update",
  });
export type EventUpdate = z.infer<typeof eventUpdateSchema>;
export type EventPatch = Omit<EventUpdate, "id">;

export const eventConfirmSchema = eventIdSchema.extend({
  /** When the event takes place; default: the time it already has (confirmed, else proposed). */
  confirmedDatetime: dateTimeSchema.optional(),
});
export type EventConfirm = z.infer<typeof eventConfirmSchema>;

export const eventBulkConfirmSchema = z.object({
  ids: z
    .array(uuidSchema)
    .min(1, "give at least one event")
    .max(100, "at most 100 events at a time")
    .refine((ids) => new Set(ids).size === ids.length, "must not repeat an event"),
});
export type EventBulkConfirm = z.infer<typeof eventBulkConfirmSchema>;

/** `recent`: newest first. `upcoming`: by the event's time (confirmed, else proposed), earliest first, untimed last. */
export const EVENT_SORTS = ["recent", "upcoming"] as const;
export type EventSort = (typeof EVENT_SORTS)[number];

/** An empty filter list means "any". The date range is `from <= time < to` over the confirmed, else proposed, time. */
export const eventListSchema = pageInputSchema
  .extend({
    status: z.array(eventStatusSchema).max(EVENT_STATUSES.length).optional(),
    eventType: z.array(eventTypeSchema).max(EVENT_TYPES.length).optional(),
    urgencyLevel: z.array(urgencyLevelSchema).max(URGENCY_LEVELS.length).optional(),
    from: dateTimeSchema.optional(),
    to: dateTimeSchema.optional(),
    sort: z.enum(EVENT_SORTS).default("recent"),
  })
  .refine(({ from, to }) => !from || !to || from < to, { message: "must be after from", path: ["to"] });
export type EventListInput = z.infer<typeof eventListSchema>;
