/**
 * The calendar's arithmetic on the business's days and clocks (weeks, months, minutes into a
 * day, what a date and a time input show), on top of ./local-day: an owner travelling abroad
 * still sees Tuesday's 9 AM job on Tuesday at 9 AM. Days are "YYYY-MM-DD" strings, so moving
 * by days or months involves no timezone; only turning a day or a time into an instant does.
 */
import { wallClock } from "@flynn/domain/zoned-time";
import { addDays, localDay } from "./local-day";

const pad = (value: number) => String(value).padStart(2, "0");

/** "HH:MM", 00:00 to 23:59 (what `<input type="time">` gives). */
export function isTime(value: string): boolean {
  return /^([01]\d|2[0-3]):[0-5]\d$/.test(value);
}

/** Minutes since the business's midnight at `instant` (what its clocks show, 0 to 1439). */
export function minuteOfDay(instant: Date, timezone: string): number {
  const { hour, minute } = wallClock(instant, timezone);
  return hour * 60 + minute;
}

/** What a date and a time input show for `instant` in the business's timezone. */
export function localInputs(instant: Date | null, timezone: string): { date: string; time: string } {
  if (!instant) return { date: "", time: "" };
  const { hour, minute } = wallClock(instant, timezone);
  return { date: localDay(instant, timezone), time: `${pad(hour)}:${pad(minute)}` };
}

/** The same day of the month `months` later, or that month's last day (Jan 31 + 1 month = Feb 28). */
export function addMonths(day: string, months: number): string {
  const [year, month, date] = day.split("-").map(Number) as [number, number, number];
  const lastDay = new Date(Date.UTC(year, month - 1 + months + 1, 0)).getUTCDate();
  const target = new Date(Date.UTC(year, month - 1 + months, Math.min(date, lastDay)));
  return target.toISOString().slice(0, 10);
}

/** Weeks start on Sunday, as US calendars do (the dashboard speaks en-US). */
export function startOfWeek(day: string): string {
  return addDays(day, -new Date(`${day}T00:00:00Z`).getUTCDay());
}

export function startOfMonth(day: string): string {
  return `${day.slice(0, 7)}-01`;
}
