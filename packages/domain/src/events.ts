import { z } from "zod";
import { e164PhoneSchema, uuidSchema } from "./common";
import {
  EVENT_STATUSES,
  EVENT_TYPES,
  eventStatusSchema,
  eventTypeSchema,
  locationTypeSchema,
  URGENCY_LEVELS,
  urgencyLevelSchema,
} from "./enums";
import { pageInputSchema } from "./pagination";

// The state machine has its own module (no schemas), so the dashboard's list pages can load it alone.
export * from "./event-states";

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

/** Moves the event to `datetime`: its confirmed time when it has one, else its proposed time. */
export const eventRescheduleSchema = eventIdSchema.extend({ datetime: dateTimeSchema });
export type EventReschedule = z.infer<typeof eventRescheduleSchema>;

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
    /** true: only events with a time (confirmed or proposed); false: only those without one. */
    scheduled: z.boolean().optional(),
    /** Part of the title, the customer's name or the location, any case; or the customer's whole phone or email (stored sealed). */
    search: z.string().trim().max(100).optional(),
    sort: z.enum(EVENT_SORTS).default("recent"),
  })
  .refine(({ from, to }) => !from || !to || from < to, { message: "must be after from", path: ["to"] });
export type EventListInput = z.infer<typeof eventListSchema>;
