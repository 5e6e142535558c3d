/**
 * Times are shown in the business's timezone (the profile's), whatever the browser's is: a
 * plumber checking tomorrow's jobs from a hotel abroad still sees them at the local hour.
 */
import { dateTimeFormat, numberFormat } from "@flynn/domain/intl";
import { formatPhoneNumber } from "@flynn/domain/phone-format";

const formatter = (timezone: string, options: Intl.DateTimeFormatOptions) =>
  dateTimeFormat({ timeZone: timezone, ...options });

type Instant = Date | string | null | undefined;

function toDate(value: Instant): Date | null {
  if (value === null || value === undefined) return null;
  const date = value instanceof Date ? value : new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** "Tue, Jan 14, 2:30 PM" */
export function formatDateTime(value: Instant, timezone: string, fallback = "—"): string {
  const date = toDate(value);
  if (!date) return fallback;
  return formatter(timezone, {
    weekday: "short",
    month: "short",
    day: "numeric",
    hour: "numeric",
    minute: "2-digit",
  }).format(date);
}

/** "Jan 14, 2026" */
export function formatDate(value: Instant, timezone: string, fallback = "—"): string {
  const date = toDate(value);
  if (!date) return fallback;
  return formatter(timezone, { month: "short", day: "numeric", year: "numeric" }).format(date);
}

/** "2:30 PM" */
export function formatTime(value: Instant, timezone: string, fallback = "—"): string {
  const date = toDate(value);
  if (!date) return fallback;
  return formatter(timezone, { hour: "numeric", minute: "2-digit" }).format(date);
}

/** The zone's short name at that instant ("EST", "GMT+1"), so a time is never ambiguous. */
export function zoneName(value: Instant, timezone: string): string {
  const date = toDate(value) ?? new Date();
  return formatter(timezone, { timeZoneName: "short" })
    .formatToParts(date)
    .find((p) => p.type === "timeZoneName")?.value as string;
}

/** "3 min 5 s", "45 s" */
export function formatDuration(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined) return "—";
  const minutes = Math.floor(seconds / 60);
  const rest = seconds % 60;
  return minutes > 0 ? `${minutes} min${rest ? ` ${rest} s` : ""}` : `${rest} s`;
}

/** "+1 512 555 0123" from E.164, readable; other strings unchanged; none as "—". */
export function formatPhone(phone: string | null | undefined): string {
  return phone ? formatPhoneNumber(phone) : "—";
}

/** "service_call" -> "Service call" */
export function humanize(value: string | null | undefined): string {
  if (!value) return "—";
  const text = value.replace(/_/g, " ");
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** "$1,250.00" */
export function formatMoney(amount: string | number | null | undefined, currency = "USD"): string {
  if (amount === null || amount === undefined || amount === "") return "—";
  const value = typeof amount === "number" ? amount : Number(amount);
  if (!Number.isFinite(value)) return "—";
  return numberFormat({ style: "currency", currency }).format(value);
}
