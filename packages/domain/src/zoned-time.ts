/**
 * Wall-clock times in a user's timezone to instants, with Intl only (no date library), so
 * the worker stores what the caller agreed ("Tuesday at 3") as the right timestamptz.
 */

import { dateTimeFormat } from "./intl";

const formatterFor = (timezone: string) =>
  dateTimeFormat({
    timeZone: timezone,
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
  });

export interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  /** 0 = Sunday ... 6 = Saturday. */
  weekday: number;
}

/** What clocks in `timezone` show at `instant`. Throws RangeError for an unknown timezone. */
export function wallClock(instant: Date, timezone: string): WallClock {
  const fields: Record<string, number> = {};
  for (const part of formatterFor(timezone).formatToParts(instant)) {
    if (part.type !== "literal") fields[part.type] = Number(part.value);
  }
  const year = fields.year ?? 1970;
  const month = fields.month ?? 1;
  const day = fields.day ?? 1;
  return {
    year,
    month,
    day,
    hour: (fields.hour ?? 0) % 24,
    minute: fields.minute ?? 0,
    second: fields.second ?? 0,
    weekday: new Date(Date.UTC(year, month - 1, day)).getUTCDay(),
  };
}

/** The zone's offset from UTC at `instant`, in milliseconds (New York in winter: -5 h). */
function offsetAt(instant: number, timezone: string): number {
  const { year, month, day, hour, minute, second } = wallClock(new Date(instant), timezone);
  return Date.UTC(year, month - 1, day, hour, minute, second) - Math.floor(instant / 1000) * 1000;
}

const LOCAL = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/;
const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * The instant at which clocks in `timezone` show `local` ("YYYY-MM-DDTHH:MM"). Around DST
 * changes it behaves like Temporal's "compatible": a time that happens twice (the fall-back
 * hour) is the first one, a time that never happens (the spring-forward gap) is moved
 * forward by the gap (02:30 becomes 03:30). Throws RangeError for a malformed time or an
 * unknown timezone.
 */
export function zonedLocalToUtc(local: string, timezone: string): Date {
  const match = LOCAL.exec(local);
  if (!match) throw new RangeError(`expected a local date-time as YYYY-MM-DDTHH:MM, got "${local}"`);
  const [year, month, day, hour, minute] = match.slice(1).map(Number) as [number, number, number, number, number];
  const wall = Date.UTC(year, month - 1, day, hour, minute);
  const check = new Date(wall);
  if (check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day || hour > 23 || minute > 59) {
    throw new RangeError(`"${local}" is not a valid date-time`);
  }
  // A zone changes offset at most once within a day, so the offsets a day before and a day
  // after are the only candidates.
  const before = offsetAt(wall - DAY_MS, timezone);
  const after = offsetAt(wall + DAY_MS, timezone);
  const matches = [wall - before, wall - after].filter((instant) => wall - instant === offsetAt(instant, timezone));
  if (matches.length > 0) return new Date(Math.min(...matches));
  return new Date(wall - before);
}
