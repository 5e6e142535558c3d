/**
 * What an extractor reads out of one call: the call-level overview and its events. Every
 * field is present and nullable (never optional) so the same schema can drive OpenAI
 * structured outputs, which require all keys.
 */
import { z } from "zod";
import { timezoneSchema } from "./common";
import { eventTypeSchema, industryTypeSchema, locationTypeSchema, urgencyLevelSchema } from "./enums";
import { businessHoursSchema, terminologySchema } from "./industry-config";

/**
 * A wall-clock time in the user's timezone, without offset: 2026-03-06T16:45; a date alone
 * (2026-03-06) when the day was agreed but no time.
 */
export const localDateTimeSchema = z
  .string()
  .regex(
    /^\d{4}-\d{2}-\d{2}(T([01]\d|2[0-3]):[0-5]\d)?$/,
    "expected a local date-time as YYYY-MM-DDTHH:MM (or a date YYYY-MM-DD)",
  );

export const SENTIMENT_LABELS = ["positive", "neutral", "negative"] as const;

export const sentimentSchema = z.object({
  label: z.enum(SENTIMENT_LABELS),
  score: z.number().min(-1).max(1),
});

export const extractedEventSchema = z.object({
  event_type: eventTypeSchema,
  title: z.string(),
  description: z.string().nullable(),
  proposed_datetime: localDateTimeSchema.nullable(),
  duration_minutes: z.number().int().positive().nullable(),
  location: z.string().nullable(),
  location_type: locationTypeSchema.nullable(),
  customer_name: z.string().nullable(),
  customer_phone: z
    .string()
    .regex(/^\+[1-9]\d{6,14}$/, "must be E.164")
    .nullable(),
  customer_email: z.string().nullable(),
  price_estimate: z.number().nonnegative().nullable(),
  currency: z.string().length(3).nullable(),
  urgency_level: urgencyLevelSchema,
  notes: z.string().nullable(),
  ai_confidence: z.number().min(0).max(1),
  follow_up_required: z.boolean(),
  follow_up_reason: z.string().nullable(),
});
export type ExtractedEvent = z.infer<typeof extractedEventSchema>;

export const extractionResultSchema = z.object({
  main_topic: z.string(),
  call_summary: z.string(),
  urgency_level: urgencyLevelSchema,
  sentiment: sentimentSchema,
  events: z.array(extractedEventSchema),
});
export type ExtractionResult = z.infer<typeof extractionResultSchema>;

export const extractionInputSchema = z.object({
  transcript: z.string(),
  /** When the call started, ISO 8601 with offset; relative dates resolve against it. */
  callStartedAt: z.iso.datetime({ offset: true }),
  timezone: timezoneSchema,
  industry: industryTypeSchema,
  /** The event types the user's effective industry configuration allows; default: the industry's. */
  allowedEventTypes: z.array(eventTypeSchema).min(1).optional(),
  defaultDurationMinutes: z.number().int().positive().optional(),
  /** The business's own words for event types ("appointment" -> "service call"). */
  terminology: terminologySchema.optional(),
  /** Opening hours in the user's timezone; absent weekdays are closed. */
  businessHours: businessHoursSchema.optional(),
  /** The caller ID (E.164), used when the caller says "this number is fine". */
  callerNumber: z.string().optional(),
});
export type ExtractionInput = z.infer<typeof extractionInputSchema>;
