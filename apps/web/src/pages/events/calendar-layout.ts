/**
 * Where each event goes on the calendar: its day and minutes as the business's clocks show
 * them (not the browser's), and side-by-side lanes for events that overlap in a day.
 */
import { addDays, formatDay, localDay } from "../../lib/local-day";
import { minuteOfDay, startOfMonth, startOfWeek } from "../../lib/zoned";
import type { CalendarMode } from "./search";

export interface CalendarEvent {
  id: string;
  proposedDatetime: Date | null;
  confirmedDatetime: Date | null;
  durationMinutes: number | null;
}

export interface Placed<T extends CalendarEvent> {
  event: T;
  /** The business's day, YYYY-MM-DD. */
  day: string;
  /** Minutes after the business's midnight. */
  start: number;
  /** Clipped at midnight: an event running into the next day shows on the day it starts. */
  end: number;
  /** Overlapping events share the day's width: this one is lane `lane` of `lanes`. */
  lane: number;
  lanes: number;
}

const DAY_MINUTES = 24 * 60;
/** So a 5-minute event is still tall enough to click and read. */
export const MIN_VISIBLE_MINUTES = 30;

/** When the event takes place: the confirmed time, else the proposed one (as the API sorts). */
export function eventTime(event: Pick<CalendarEvent, "proposedDatetime" | "confirmedDatetime">): Date | null {
  return event.confirmedDatetime ?? event.proposedDatetime;
}

/** Events by the business's day they start on, each day sorted by time, with lanes assigned. */
export function placeEvents<T extends CalendarEvent>(events: readonly T[], timezone: string): Map<string, Placed<T>[]> {
  const byDay = new Map<string, Placed<T>[]>();
  for (const event of events) {
    const at = eventTime(event);
    if (!at) continue;
    const start = minuteOfDay(at, timezone);
    const length = Math.max(event.durationMinutes ?? 60, MIN_VISIBLE_MINUTES);
    const placed: Placed<T> = {
      event,
      day: localDay(at, timezone),
      start,
      end: Math.min(start + length, DAY_MINUTES),
      lane: 0,
      lanes: 1,
    };
    const list = byDay.get(placed.day);
    if (list) list.push(placed);
    else byDay.set(placed.day, [placed]);
  }
  for (const list of byDay.values()) assignLanes(list);
  return byDay;
}

/**
 * Sorts a day's events and gives each the first lane free at its start. Events chained by
 * overlaps form a cluster, and every event of a cluster gets the cluster's lane count, so
 * they all have the same width.
 */
function assignLanes(list: Placed<CalendarEvent>[]) {
  list.sort((a, b) => a.start - b.start || b.end - a.end);
  let cluster: Placed<CalendarEvent>[] = [];
  let laneEnds: number[] = [];
  let clusterEnd = -1;
  const close = () => {
    for (const placed of cluster) placed.lanes = laneEnds.length;
    cluster = [];
    laneEnds = [];
  };
  for (const placed of list) {
    if (placed.start >= clusterEnd) close();
    const free = laneEnds.findIndex((end) => end <= placed.start);
    placed.lane = free === -1 ? laneEnds.length : free;
    laneEnds[placed.lane] = placed.end;
    cluster.push(placed);
    clusterEnd = Math.max(clusterEnd, placed.end);
  }
  close();
}

/** The days a view shows: a week from Sunday, or six whole weeks around the month (a fixed height). */
export function visibleDays(mode: CalendarMode, anchor: string): string[] {
  const first = startOfWeek(mode === "week" ? anchor : startOfMonth(anchor));
  return Array.from({ length: mode === "week" ? 7 : 42 }, (_, i) => addDays(first, i));
}

/** "Dec 7 – 13, 2026", "Dec 28, 2026 – Jan 3, 2027" or "December 2026". */
export function rangeTitle(mode: CalendarMode, anchor: string): string {
  if (mode === "month") return formatDay(anchor, { month: "long", year: "numeric" });
  const first = startOfWeek(anchor);
  const last = addDays(first, 6);
  const sameYear = first.slice(0, 4) === last.slice(0, 4);
  const sameMonth = first.slice(0, 7) === last.slice(0, 7);
  const end = sameMonth ? String(Number(last.slice(8))) : formatDay(last);
  return `${formatDay(first)}${sameYear ? "" : `, ${first.slice(0, 4)}`} – ${end}, ${last.slice(0, 4)}`;
}
