/**
 * Email templates: input schemas, the placeholder renderer (used by the dashboard preview
 * and by the worker that sends the emails) and the values a template gets from an event.
 * Everything here is pure: no clock, no I/O.
 */
import { z } from "zod";
import { uuidSchema } from "./common";
import { type EventType, eventTypeSchema, industryTypeSchema, type UrgencyLevel } from "./enums";
import { dateTimeFormat, numberFormat } from "./intl";
import { formatPhoneNumber } from "./phone-format";

// ---------------------------------------------------------------------------------------
// Rendering

/** `{{name}}` or `{{ name }}`; a name is letters, digits and underscores. */
const PLACEHOLDER = /\{\{\s*(\w+)\s*\}\}/g;

/** A value for a placeholder; null, undefined and "" count as "no value". */
export type TemplateValue = string | number | null | undefined;

export interface RenderedTemplate {
  subject: string;
  body: string;
  /**
   * Placeholders (first appearance order, no repeats) that got no value from the data:
   * they show the template's declared default, or nothing when it declares none.
   */
  missing: string[];
}

/** The placeholder names a text uses, in order of first appearance, without repeats. */
export function templateVariables(...texts: string[]): string[] {
  const names = new Set<string>();
  for (const text of texts) {
    for (const match of text.matchAll(PLACEHOLDER)) names.add(match[1] as string);
  }
  return [...names];
}

/** The usable value of `name` in `map`, ignoring inherited keys such as "constructor". */
function lookup(map: Readonly<Record<string, unknown>> | null | undefined, name: string): string | null {
  if (!map || !Object.hasOwn(map, name)) return null;
  const value = map[name];
  if (typeof value === "string") return value === "" ? null : value;
  if (typeof value === "number" && Number.isFinite(value)) return String(value);
  return null;
}

/**
 * Replaces every `{{name}}` in subject and body with `values[name]`, else the template's
 * declared default (`defaults[name]`, the `variables` column), else "". Replacement is a
 * single pass, so a value that itself contains `{{x}}` is inserted as is, never expanded.
 * Text that is not a well-formed placeholder (`{{ }}`, `{{a-b}}`, a lone `{{`) is left
 * untouched. Never throws, whatever the user wrote.
 */
export function renderTemplate(
  template: { subject: string; body: string },
  values: Readonly<Record<string, TemplateValue>>,
  defaults?: Readonly<Record<string, unknown>> | null,
): RenderedTemplate {
  const missing = new Set<string>();
  const render = (text: string) =>
    text.replace(PLACEHOLDER, (_placeholder, name: string) => {
      const value = lookup(values, name);
      if (value !== null) return value;
      missing.add(name);
      return lookup(defaults, name) ?? "";
    });
  const subject = render(template.subject);
  const body = render(template.body);
  return { subject, body, missing: [...missing] };
}

// ---------------------------------------------------------------------------------------
// Formatting event data for people

/** Intl formatting in `timezone`, falling back to UTC for a zone this runtime does not know. */
function formatIn(date: Date, timezone: string | null | undefined, options: Intl.DateTimeFormatOptions): string {
  let format: Intl.DateTimeFormat;
  try {
    format = dateTimeFormat({ ...options, timeZone: timezone ?? "UTC" });
  } catch {
    format = dateTimeFormat({ ...options, timeZone: "UTC" });
  }
  // Newer ICU puts a narrow no-break space before AM/PM; plain text emails want a plain one.
  return format.format(date).replace(/[\u202f\u00a0]/g, " ");
}

const DATE_PARTS: Intl.DateTimeFormatOptions = { weekday: "short", month: "short", day: "numeric", year: "numeric" };

/** "Tue, Dec 1, 2026" in the business's time zone. */
export function formatEventDate(date: Date, timezone: string | null | undefined): string {
  return formatIn(date, timezone, DATE_PARTS);
}

/** "Tue, Dec 1, 2026, 3:00 PM" in the business's time zone. */
export function formatEventDateTime(date: Date, timezone: string | null | undefined): string {
  return formatIn(date, timezone, { ...DATE_PARTS, hour: "numeric", minute: "2-digit" });
}

/** "$185.00"; an amount in a currency Intl does not know reads "185.00 XYZ". */
export function formatPrice(amount: string | number, currency: string | null | undefined): string {
  const code = currency || "USD";
  const value = Number(amount);
  if (!Number.isFinite(value)) return `${amount} ${code}`;
  try {
    return numberFormat({ style: "currency", currency: code }).format(value);
  } catch {
    return `${value.toFixed(2)} ${code}`;
  }
}

/** How an event type reads inside a sentence ("I have scheduled a service call"). */
export const EVENT_TYPE_LABELS: Record<EventType, string> = {
  service_call: "service call",
  meeting: "meeting",
  appointment: "appointment",
  demo: "demo",
  follow_up: "follow-up",
  quote: "quote",
  consultation: "consultation",
  inspection: "inspection",
  emergency: "emergency",
};

// ---------------------------------------------------------------------------------------
// The values an event gives a template

/** Every placeholder Flynn fills from an event, for the editor's "insert placeholder" menu. */
export const TEMPLATE_PLACEHOLDERS = [
  "customer_name",
  "customer_phone",
  "customer_email",
  "company_name",
  "event_title",
  "event_type",
  "event_date",
  "event_datetime",
  "duration_minutes",
  "location",
  "main_topic",
  "call_summary",
  "urgency_level",
  "price_estimate",
  "notes",
  "event_url",
] as const;
export type TemplatePlaceholder = (typeof TEMPLATE_PLACEHOLDERS)[number];

/** Whether Flynn fills `name` (looked up in the list: with `in` on a map, "constructor" would pass). */
export function isTemplatePlaceholder(name: string): name is TemplatePlaceholder {
  return (TEMPLATE_PLACEHOLDERS as readonly string[]).includes(name);
}

/**
 * A fallback stands in for a missing value inside a sentence ("the caller"). Kept short, so
 * a template's fallbacks still leave room for its text in the editor's live preview request.
 */
export const MAX_TEMPLATE_FALLBACK_LENGTH = 500;

/** An event and the call it came from, as a template sees them. */
export interface TemplateEventData {
  title: string;
  eventType: EventType | null;
  /** The confirmed time, else the proposed one. */
  datetime: Date | null;
  durationMinutes: number | null;
  location: string | null;
  customerName: string | null;
  customerPhone: string | null;
  customerEmail: string | null;
  /** numeric(10,2) as the driver returns it, e.g. "185.00". */
  priceEstimate: string | null;
  currency: string | null;
  urgencyLevel: UrgencyLevel | null;
  notes: string | null;
  mainTopic: string | null;
  callSummary: string | null;
}

/** The business sending the email. */
export interface TemplateBusiness {
  timezone: string | null;
  companyName: string | null;
  /** Link to the event in the dashboard; only the sender knows the dashboard's address. */
  eventUrl?: string | null;
}

export function eventTemplateValues(
  event: TemplateEventData,
  business: TemplateBusiness,
): Record<TemplatePlaceholder, TemplateValue> {
  const { datetime } = event;
  return {
    customer_name: event.customerName,
    // As people read it ("+1 512 555 0100"), like every number Flynn shows.
    customer_phone: event.customerPhone === null ? null : formatPhoneNumber(event.customerPhone),
    customer_email: event.customerEmail,
    company_name: business.companyName,
    event_title: event.title,
    event_type: event.eventType ? EVENT_TYPE_LABELS[event.eventType] : null,
    event_date: datetime ? formatEventDate(datetime, business.timezone) : null,
    event_datetime: datetime ? formatEventDateTime(datetime, business.timezone) : null,
    duration_minutes: event.durationMinutes,
    location: event.location,
    main_topic: event.mainTopic,
    call_summary: event.callSummary,
    urgency_level: event.urgencyLevel,
    price_estimate: event.priceEstimate === null ? null : formatPrice(event.priceEstimate, event.currency),
    notes: event.notes,
    event_url: business.eventUrl,
  };
}

/** A realistic plumbing call, scheduled the day after `now` on the hour, for previews. */
export function sampleTemplateEvent(now: Date): TemplateEventData {
  const hour = 60 * 60 * 1000;
  return {
    title: "Fix leaking water heater",
    eventType: "service_call",
    datetime: new Date(Math.ceil(now.getTime() / hour) * hour + 24 * hour),
    durationMinutes: 90,
    location: "1420 Oak Street, Austin, TX 78704",
    customerName: "Maria Lopez",
    customerPhone: "+15125550142",
    customerEmail: "maria.lopez@example.com",
    priceEstimate: "185.00",
    currency: "USD",
    urgencyLevel: "high",
    notes: "Gate code 4821. Water heater is in the garage.",
    mainTopic: "Leaking water heater",
    callSummary:
      "Maria called because her water heater is leaking into the garage. She has turned the water off " +
      "and would like someone to come out tomorrow. She was told the standard service call fee.",
  };
}

export interface TemplatePreviewSource {
  template: { subjectTemplate: string; bodyTemplate: string; variables: Record<string, unknown> | null };
  business: TemplateBusiness;
  /** The real event to render with; null renders the sample plumbing call. */
  event: TemplateEventData | null;
}

export function renderTemplatePreview(source: TemplatePreviewSource, now: Date): RenderedTemplate {
  const { template, business, event } = source;
  return renderTemplate(
    { subject: template.subjectTemplate, body: template.bodyTemplate },
    eventTemplateValues(event ?? sampleTemplateEvent(now), business),
    template.variables,
  );
}

// ---------------------------------------------------------------------------------------
// Inputs

const templateFields = {
  templateName: z.string().trim().min(1, "template name is required").max(200, "must be at most 200 characters"),
  subjectTemplate: z.string().trim().min(1, "subject is required").max(200, "must be at most 200 characters"),
  // Not trimmed: leading and trailing line breaks can be deliberate in a body.
  bodyTemplate: z
    .string()
    .max(20_000, "must be at most 20,000 characters")
    .refine((body) => body.trim().length > 0, "body is required"),
  /** Null: usable for any event type. */
  eventType: eventTypeSchema.nullable(),
  /** Null: usable in any industry. */
  industryType: industryTypeSchema.nullable(),
  /** Declared placeholders and their fallback values, used when an event has no value for one. */
  variables: z
    .record(
      z.string(),
      z.string().max(MAX_TEMPLATE_FALLBACK_LENGTH, `must be at most ${MAX_TEMPLATE_FALLBACK_LENGTH} characters`),
    )
    .superRefine((map, ctx) => {
      for (const name of Object.keys(map)) {
        if (!isTemplatePlaceholder(name)) {
          ctx.addIssue({ code: "custom", path: [name], message: `"${name}" is not a variable Flynn fills` });
        }
      }
    })
    .nullable(),
  isActive: z.boolean(),
};

export const templateCreateSchema = z.object({
  ...templateFields,
  eventType: templateFields.eventType.optional(),
  industryType: templateFields.industryType.optional(),
  variables: templateFields.variables.optional(),
  isActive: templateFields.isActive.optional(),
});
export type TemplateCreate = z.infer<typeof templateCreateSchema>;

export const templateUpdateSchema = z
  .object({ id: uuidSchema, ...templateFields })
  .partial({
    templateName: true,
    subjectTemplate: true,
    bodyTemplate: true,
    eventType: true,
    industryType: true,
    variables: true,
    isActive: true,
  })
  .refine((input) => Object.keys(input).some((key) => key !== "id"), { message: "nothing to update" });
export type TemplateUpdate = z.infer<typeof templateUpdateSchema>;

export const templateIdSchema = z.object({ id: uuidSchema });

export const templateListSchema = z
  .object({ eventType: eventTypeSchema.optional(), industryType: industryTypeSchema.optional() })
  .default({});
export type TemplateListFilters = z.infer<typeof templateListSchema>;

export const templatePreviewSchema = z.object({
  templateId: uuidSchema,
  /** Render with this event's real data; without it, with a sample plumbing call. */
  eventId: uuidSchema.nullish(),
  /**
   * Unsaved text to render instead of the stored one (the editor's live preview), with the
   * template's declared defaults, or the draft's own when it has them. May be empty: a
   * preview of a half-written template is fine.
   */
  draft: z
    .object({
      subjectTemplate: z.string().max(200, "must be at most 200 characters"),
      bodyTemplate: z.string().max(20_000, "must be at most 20,000 characters"),
      variables: templateFields.variables.optional(),
    })
    .optional(),
});
export type TemplatePreview = z.infer<typeof templatePreviewSchema>;

/** Whether a template is the user's own or a system default (read-only). */
export type TemplateScope = "own" | "default";
