/**
 * The event form's rules: what the inputs show for an event, and which `events.update` patch
 * (only the fields that changed) they make, or why they cannot. Times are typed as the
 * business's wall clock and sent as instants; the patch is checked with the API's own schema,
 * so the form refuses exactly what the server would, with the same field names.
 */
import type { AppRouter } from "@flynn/api";
import { type EventPatch, eventUpdateSchema } from "@flynn/domain";
import { zonedLocalToUtc } from "@flynn/domain/zoned-time";
import type { inferRouterInputs, inferRouterOutputs } from "@trpc/server";
import { formatDateTime, formatTime } from "../../lib/format";
import { addDays, isDay, localDay } from "../../lib/local-day";
import { toE164 } from "../../lib/phone";
import { isTime, localInputs } from "../../lib/zoned";

export type EventDetail = inferRouterOutputs<AppRouter>["events"]["byId"];
/** What `events.update` accepts, before its schema trims and converts. */
type UpdateInput = Omit<inferRouterInputs<AppRouter>["events"]["update"], "id">;

/** Every input of the form, as the inputs hold them. */
export interface EventFormValues {
  title: string;
  description: string;
  eventType: string;
  /** YYYY-MM-DD in the business's timezone. */
  date: string;
  /** HH:MM in the business's timezone. */
  time: string;
  durationMinutes: string;
  location: string;
  locationType: string;
  customerName: string;
  customerPhone: string;
  customerEmail: string;
  priceEstimate: string;
  currency: string;
  urgencyLevel: string;
  notes: string;
  followUpRequired: boolean;
  followUpReason: string;
}

/** Messages by field, named as the API names them (`proposedDatetime` for the date and time). */
export type FormErrors = Partial<Record<keyof EventPatch | "date" | "time", string>>;

/** The inputs for `event`; `date`/`time` show when it takes place (confirmed, else proposed). */
export function formValues(event: EventDetail, timezone: string): EventFormValues {
  const { date, time } = localInputs(event.confirmedDatetime ?? event.proposedDatetime, timezone);
  return {
    title: event.title,
    description: event.description ?? "",
    eventType: event.eventType ?? "meeting",
    date,
    time,
    durationMinutes: String(event.durationMinutes ?? 60),
    location: event.location ?? "",
    locationType: event.locationType ?? "tbd",
    customerName: event.customerName ?? "",
    customerPhone: event.customerPhone ?? "",
    customerEmail: event.customerEmail ?? "",
    priceEstimate: event.priceEstimate ?? "",
    currency: event.currency ?? "USD",
    urgencyLevel: event.urgencyLevel ?? "medium",
    notes: event.notes ?? "",
    followUpRequired: event.followUpRequired ?? false,
    followUpReason: event.followUpReason ?? "",
  };
}

export type LocalTimeResult = { ok: true; at: Date | null } | { ok: false; field: "date" | "time"; message: string };

/**
 * The instant a date and a time typed in the business's timezone stand for; both empty is
 * "no time". A time the clocks skip (the spring-forward hour) is refused rather than moved.
 */
export function readLocalDateTime(date: string, time: string, timezone: string): LocalTimeResult {
  const day = date.trim();
  const clock = time.trim();
  if (!day && !clock) return { ok: true, at: null };
  if (!day) return { ok: false, field: "date", message: "Enter a date too, or clear the time" };
  if (!isDay(day)) return { ok: false, field: "date", message: "Enter a date such as 2026-12-09" };
  if (!clock) return { ok: false, field: "time", message: "Enter a time too, or clear the date" };
  if (!isTime(clock)) return { ok: false, field: "time", message: "Enter a time between 00:00 and 23:59" };
  const at = zonedLocalToUtc(`${day}T${clock}`, timezone);
  const shown = localInputs(at, timezone);
  if (shown.date !== day || shown.time !== clock) {
    return {
      ok: false,
      field: "time",
      message: `${clock} does not exist on ${day} in ${timezone.replace(/_/g, " ")}: the clocks skip it (daylight saving). Pick another time.`,
    };
  }
  return { ok: true, at };
}

/**
 * "$1,250.5" -> "1250.50": money as people type it, in the form the server stores (so "150"
 * is no change from 150.00). Anything else is left for the schema to refuse.
 */
export function normalizePrice(typed: string): string {
  const plain = typed
    .trim()
    .replace(/^[^\d.-]+/, "")
    .replace(/[,\s]/g, "");
  return /^\d+(\.\d{1,2})?$/.test(plain) ? Number(plain).toFixed(2) : plain;
}

const blankToNull = (text: string) => (text.trim() === "" ? null : text.trim());

/** Equal as the server would store them: trimmed text, blank as null, instants by time. */
function sameValue(a: unknown, b: unknown): boolean {
  const plain = (value: unknown) =>
    value instanceof Date ? value.getTime() : typeof value === "string" ? blankToNull(value) : value;
  return plain(a) === plain(b);
}

export type FormReading = { ok: true; patch: UpdateInput } | { ok: false; errors: FormErrors };

/**
 * The `events.update` patch for what changed between `original` and `values`, checked with
 * the API's schema. `timeEditable` false leaves the time out (a confirmed time moves only by
 * rescheduling). An empty patch is fine: there is nothing to save.
 */
export function readEventForm(
  values: EventFormValues,
  original: EventFormValues,
  { id, timezone, timeEditable }: { id: string; timezone: string; timeEditable: boolean },
): FormReading {
  const errors: FormErrors = {};
  const duration = values.durationMinutes.trim();
  if (!/^\d+$/.test(duration)) errors.durationMinutes = "Enter whole minutes, e.g. 60";

  const candidate = (form: EventFormValues): UpdateInput => ({
    title: form.title,
    description: form.description,
    eventType: form.eventType as UpdateInput["eventType"],
    durationMinutes: Number(form.durationMinutes.trim()),
    location: form.location,
    locationType: form.locationType as UpdateInput["locationType"],
    customerName: form.customerName,
    customerPhone: blankToNull(form.customerPhone) && toE164(form.customerPhone),
    customerEmail: blankToNull(form.customerEmail),
    priceEstimate: blankToNull(form.priceEstimate) && normalizePrice(form.priceEstimate),
    currency: form.currency,
    urgencyLevel: form.urgencyLevel as UpdateInput["urgencyLevel"],
    notes: form.notes,
    followUpRequired: form.followUpRequired,
    followUpReason: form.followUpReason,
  });
  const next = candidate(values);
  const before = candidate(original);
  const patch: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(next)) {
    if (!sameValue(value, before[field as keyof UpdateInput])) patch[field] = value;
  }

  if (timeEditable && (values.date !== original.date || values.time !== original.time)) {
    const when = readLocalDateTime(values.date, values.time, timezone);
    if (when.ok) patch.proposedDatetime = when.at;
    else errors[when.field] = when.message;
  }

  if (Object.keys(patch).length > 0) {
    const checked = eventUpdateSchema.safeParse({ id, ...patch });
    if (!checked.success) {
      for (const issue of checked.error.issues) {
        const field = String(issue.path[0] ?? "title") as keyof FormErrors;
        errors[field] ??= issue.message;
      }
    }
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, patch: patch as UpdateInput };
}

/**
 * The API's per-field messages, under the inputs they belong to (its time is the time
 * input). Messages about no input of the form are left for the form's general error.
 */
export function serverErrors(fields: Record<string, string[]>, inputs: readonly string[]): FormErrors {
  const errors: FormErrors = {};
  for (const [path, messages] of Object.entries(fields)) {
    const field = path === "proposedDatetime" ? "time" : (path.split(".")[0] ?? path);
    if (messages[0] && inputs.includes(field)) errors[field as keyof FormErrors] ??= messages[0];
  }
  return errors;
}

/**
 * When the event ends, for the hint under its duration: the time alone on the same day,
 * with the day when it runs past the business's midnight.
 */
export function endsAt(start: Date | null, durationMinutes: number, timezone: string): string | null {
  if (!start || !Number.isFinite(durationMinutes) || durationMinutes <= 0) return null;
  const end = new Date(start.getTime() + durationMinutes * 60_000);
  const startDay = localDay(start, timezone);
  const endDay = localDay(end, timezone);
  if (endDay === startDay) return `Ends at ${formatTime(end, timezone)}`;
  return `Ends ${formatDateTime(end, timezone)}${endDay === addDays(startDay, 1) ? " (the next day)" : ""}`;
}
