/** The Events page's URL state as `events.list` inputs: for the list, and for the calendar's range. */
import { EVENT_STATUSES, EVENT_TYPES, type EventStatus, type EventType } from "@flynn/domain/enums";
import { addDays, isDay, localDay, startOfLocalDay } from "../../lib/local-day";
import { addMonths } from "../../lib/zoned";
import { knownValues } from "../calls/filters";
import { visibleDays } from "./calendar-layout";
import type { CalendarMode, EventsSearch } from "./search";

export interface EventListFilters {
  status?: EventStatus[];
  eventType?: EventType[];
  search?: string;
  from?: Date;
  to?: Date;
}

/** Status and type, which the list and the calendar share. */
function shared(search: EventsSearch): EventListFilters {
  const filters: EventListFilters = {};
  const status = knownValues(search.status, EVENT_STATUSES);
  if (status.length > 0) filters.status = status;
  const eventType = knownValues(search.type, EVENT_TYPES);
  if (eventType.length > 0) filters.eventType = eventType;
  return filters;
}

/**
 * The list's input: its days become the instants at which they start and end in the
 * business's timezone (`to` is the start of the day after the last one).
 */
export function eventListInput(search: EventsSearch, timezone: string) {
  const filters = shared(search);
  if (search.q) filters.search = search.q;
  if (search.from) filters.from = startOfLocalDay(search.from, timezone);
  if (search.to) filters.to = startOfLocalDay(addDays(search.to, 1), timezone);
  return { ...filters, sort: search.sort ?? "recent", limit: 25 };
}

/** The day the calendar shows: the URL's, else today in the business's timezone. */
export function calendarAnchor(search: EventsSearch, timezone: string, now: Date): string {
  return isDay(search.date) ? search.date : localDay(now, timezone);
}

/** The calendar's input: every timed event from the first visible day's start to the last one's end. */
export function calendarInput(search: EventsSearch, mode: CalendarMode, anchor: string, timezone: string) {
  const days = visibleDays(mode, anchor);
  return {
    ...shared(search),
    from: startOfLocalDay(days[0] as string, timezone),
    to: startOfLocalDay(addDays(days[days.length - 1] as string, 1), timezone),
    scheduled: true,
    sort: "upcoming" as const,
    limit: 100,
  };
}

/** Events without a time, which the calendar cannot place, listed beside it. */
export function unscheduledInput(search: EventsSearch) {
  return { ...shared(search), scheduled: false, sort: "recent" as const, limit: 20 };
}

/** The anchor one step back (-1) or forward (+1): a week, or a month. */
export function stepAnchor(mode: CalendarMode, anchor: string, step: -1 | 1): string {
  return mode === "week" ? addDays(anchor, 7 * step) : addMonths(anchor, step);
}

/** Whether the URL narrows what is shown (an empty result then means "no match", not "no events"). */
export function isFiltered(search: EventsSearch, view: "list" | "calendar"): boolean {
  const common = Boolean(search.status || search.type);
  return view === "list" ? common || Boolean(search.q || search.from || search.to) : common;
}
