/**
 * Shapes of the JSONB columns of `industry_configurations` (event_types, terminology,
 * business_hours, reminder_settings), so that defaults, user edits and readers agree.
 */
import { z } from "zod";
import { type EventType, eventTypeSchema, type IndustryType } from "./enums";

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

/**
 * The settings a user can override for their industry, as the query layer names them.
 * In a user's own row, null means "follow the default" for that field.
 */
export interface IndustryConfigValues {
  eventTypes: EventType[];
  terminology: Terminology | null;
  defaultDurationMinutes: number | null;
  businessHours: BusinessHours | null;
  pricingEnabled: boolean | null;
  locationRequired: boolean | null;
  autoConfirmEnabled: boolean | null;
  reminderSettings: ReminderSettings | null;
}
export type IndustryConfigField = keyof IndustryConfigValues;

export const INDUSTRY_CONFIG_FIELDS = [
  "eventTypes",
  "terminology",
  "defaultDurationMinutes",
  "businessHours",
  "pricingEnabled",
  "locationRequired",
  "autoConfirmEnabled",
  "reminderSettings",
] as const satisfies readonly IndustryConfigField[];

/**
 * A partial change to the user's own configuration. Sending null for a field (other than
 * eventTypes, which the database requires) makes it follow the industry default again.
 */
export const industryConfigUpdateSchema = z
  .object({
    eventTypes: industryEventTypesSchema,
    terminology: terminologySchema.nullable(),
    defaultDurationMinutes: z
      .number()
      .int()
      .min(5, "must be at least 5 minutes")
      .max(480, "must be at most 480 minutes")
      .nullable(),
    businessHours: businessHoursSchema.nullable(),
    pricingEnabled: z.boolean().nullable(),
    locationRequired: z.boolean().nullable(),
    autoConfirmEnabled: z.boolean().nullable(),
    reminderSettings: reminderSettingsSchema.nullable(),
  })
  .partial()
  .refine((patch) => Object.keys(patch).length > 0, { message: "nothing to update" });
export type IndustryConfigUpdate = z.infer<typeof industryConfigUpdateSchema>;

export type IndustryConfigSource = "default" | "customised";

export type EffectiveIndustryConfig = IndustryConfigValues & {
  industryType: IndustryType;
  /** Per field: does the value come from the industry default or from the user's own row? */
  source: Record<IndustryConfigField, IndustryConfigSource>;
};

/** Equality of JSON values regardless of object key order (jsonb does not keep it). */
export function sameJson(a: unknown, b: unknown): boolean {
  const canonical = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(canonical);
    if (value !== null && typeof value === "object") {
      return Object.fromEntries(
        Object.entries(value)
          .sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0))
          .map(([key, inner]) => [key, canonical(inner)]),
      );
    }
    return value;
  };
  return JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));
}

/**
 * The configuration in force: the user's own value for each field where it has one,
 * otherwise the industry default. A field counts as customised only when the user's value
 * differs from the default, so a row that merely copied the default shows "default".
 */
export function effectiveIndustryConfig(
  industryType: IndustryType,
  defaults: IndustryConfigValues,
  own: IndustryConfigValues | null | undefined,
): EffectiveIndustryConfig {
  const values = { ...defaults };
  const source = {} as Record<IndustryConfigField, IndustryConfigSource>;
  for (const field of INDUSTRY_CONFIG_FIELDS) {
    const ownValue = own?.[field];
    const customised = ownValue !== null && ownValue !== undefined && !sameJson(ownValue, defaults[field]);
    if (customised) Object.assign(values, { [field]: ownValue });
    source[field] = customised ? "customised" : "default";
  }
  return { industryType, ...values, source };
}
