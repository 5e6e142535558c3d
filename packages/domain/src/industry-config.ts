/**
 * Shapes of the JSONB columns of `industry_configurations` (event_types, terminology,
 * business_hours, reminder_settings), so that defaults, user edits and readers agree.
 */
import { z } from "zod";
import { eventTypeSchema } from "./enums";

export const WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"] as const;
export const weekdaySchema = z.enum(WEEKDAYS);
export type Weekday = z.infer<typeof weekdaySchema>;

const clockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "expected a time as HH:MM (24-hour)");

export const openingHoursSchema = z
  .object({ start: clockTime, end: clockTime })
  .refine((h) => h.start < h.end, { message: "end must be after start", path: ["end"] });

/** Weekdays that are absent are closed. */
export const businessHoursSchema = z.partialRecord(weekdaySchema, openingHoursSchema);
export type BusinessHours = z.infer<typeof businessHoursSchema>;

/** Allowed event types of an industry, at least one, no repeats. */
export const industryEventTypesSchema = z
  .array(eventTypeSchema)
  .min(1, "at least one event type is required")
  .refine((types) => new Set(types).size === types.length, "event types must not repeat");

/** How the business names things: a generic word (usually an event type) -> its own word. */
export const terminologySchema = z.record(z.string().min(1), z.string().min(1).max(60));
export type Terminology = z.infer<typeof terminologySchema>;

export const REMINDER_CHANNELS = ["email", "sms"] as const;

export const reminderSettingsSchema = z.object({
  enabled: z.boolean(),
  /** Minutes before the event at which a reminder goes out, e.g. [1440, 60]. */
  offsets_minutes: z
    .array(
      z
        .number()
        .int()
        .positive()
        .max(60 * 24 * 30),
    )
    .max(5),
  channels: z.array(z.enum(REMINDER_CHANNELS)).min(1),
});
export type ReminderSettings = z.infer<typeof reminderSettingsSchema>;
