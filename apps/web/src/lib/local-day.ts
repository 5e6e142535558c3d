/**
 * Calendar days of the business ("YYYY-MM-DD" in its timezone) and the instants they start
 * at, for date filters and "the next 7 days": a day in Flynn is the business's day, whatever
 * the browser's timezone is.
 */
import { dateTimeFormat } from "@flynn/domain/intl";
import { wallClock, zonedLocalToUtc } from "@flynn/domain/zoned-time";

const pad = (value: number) => String(value).padStart(2, "0");

/** The business's calendar day at `instant`. */
export function localDay(instant: Date, timezone: string): string {
  const { year, month, day } = wallClock(instant, timezone);
  return `${year}-${pad(month)}-${pad(day)}`;
}

/** `day` moved by `days` calendar days (no timezone involved: a calendar day is a date). */
export function addDays(day: string, days: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/** The instant the business's `day` begins (DST-aware: not always 24 h after the previous). */
export function startOfLocalDay(day: string, timezone: string): Date {
  return zonedLocalToUtc(`${day}T00:00`, timezone);
}

export function isDay(value: unknown): value is string {
  if (typeof value !== "string" || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  // "2026-02-30" parses to nothing in some engines and to March 2 in others.
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
}

/** "Jan 14" for a calendar day, read as a date (not an instant, so no timezone shifts it). */
export function formatDay(day: string, options: Intl.DateTimeFormatOptions = { month: "short", day: "numeric" }) {
  return dateTimeFormat({ timeZone: "UTC", ...options }).format(new Date(`${day}T00:00:00Z`));
}
