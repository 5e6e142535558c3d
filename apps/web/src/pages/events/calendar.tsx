/**
 * The events calendar: a week of hour columns or a month of day cells, laid out in the
 * business's timezone. On a phone the week is a list of its days instead: seven hour columns
 * do not fit, and a day scrolled out of sight hides its events. Presentational: the page loads
 * the events of the visible range.
 */
import { Link } from "@tanstack/react-router";
import { useEffect, useMemo, useRef } from "react";
import { formatDateTime, formatTime, humanize } from "../../lib/format";
import { formatDay } from "../../lib/local-day";
import { useMediaQuery } from "../../lib/media";
import { type CalendarEvent, eventTime, type Placed, placeEvents, visibleDays } from "./calendar-layout";
import type { CalendarMode } from "./search";

export interface CalendarItem extends CalendarEvent {
  title: string;
  status: string | null;
  customerName: string | null;
}

const HOUR_PX = 48;
const DAY_PX = HOUR_PX * 24;
/** Where the week view opens: the working day, not midnight. */
const FIRST_VISIBLE_HOUR = 7;
const MONTH_CHIPS = 3;

type Day = string;
const WEEKDAY = { weekday: "short" } as const;
const AGENDA_DAY = { weekday: "short", month: "short", day: "numeric" } as const;
/** Tailwind's `sm`: from here the week's seven hour columns fit. */
const WIDE_ENOUGH_FOR_WEEK = "(min-width: 40rem)";
const FULL_DAY = { weekday: "long", month: "long", day: "numeric", year: "numeric" } as const;

const STATUS_STYLES: Record<string, string> = {
  extracted: "border-purple-500 bg-purple-50 text-purple-900",
  pending: "border-amber-500 bg-amber-50 text-amber-900",
  tentative: "border-blue-500 bg-blue-50 text-blue-900",
  confirmed: "border-green-600 bg-green-50 text-green-900",
  completed: "border-slate-400 bg-slate-100 text-slate-700",
  cancelled: "border-red-400 bg-red-50 text-red-800 line-through",
};
const statusStyle = (status: string | null) => STATUS_STYLES[status ?? "extracted"] ?? STATUS_STYLES.extracted;

function describe(item: CalendarItem, timezone: string): string {
  const parts = [item.title, formatDateTime(eventTime(item), timezone), humanize(item.status ?? "extracted")];
  if (item.customerName) parts.push(item.customerName);
  return parts.join(", ");
}

export function Calendar({
  mode,
  anchor,
  today,
  timezone,
  events,
  onShowWeek,
}: {
  mode: CalendarMode;
  anchor: Day;
  today: Day;
  timezone: string;
  events: readonly CalendarItem[];
  /** "+2 more" in a month cell opens that day's week. */
  onShowWeek: (day: Day) => void;
}) {
  const days = visibleDays(mode, anchor);
  const placed = useMemo(() => placeEvents(events, timezone), [events, timezone]);
  const wide = useMediaQuery(WIDE_ENOUGH_FOR_WEEK, true);
  if (mode === "week" && !wide) return <WeekAgenda days={days} today={today} timezone={timezone} placed={placed} />;
  return mode === "week" ? (
    <WeekView days={days} today={today} timezone={timezone} placed={placed} />
  ) : (
    <MonthView
      days={days}
      month={anchor.slice(0, 7)}
      today={today}
      timezone={timezone}
      placed={placed}
      onShowWeek={onShowWeek}
    />
  );
}

type PlacedByDay = Map<Day, Placed<CalendarItem>[]>;

interface WeekProps {
  days: Day[];
  today: Day;
  timezone: string;
  placed: PlacedByDay;
}

function WeekView({ days, today, timezone, placed }: WeekProps) {
  const scroller = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (scroller.current) scroller.current.scrollTop = FIRST_VISIBLE_HOUR * HOUR_PX;
  }, []);
  return (
    // Positioned, so the screen-reader-only labels inside (absolutely placed) scroll and clip
    // with the calendar instead of widening the page.
    <div className="relative overflow-x-auto">
      <div className="min-w-[44rem]">
        <div aria-hidden className="grid grid-cols-[3.5rem_repeat(7,minmax(0,1fr))] border-b border-slate-200">
          <div />
          {days.map((day) => (
            <div key={day} className="px-1 py-2 text-center text-xs">
              <span className="block text-slate-500">{formatDay(day, WEEKDAY)}</span>
              <span
                className={`mt-0.5 inline-flex size-7 items-center justify-center rounded-full text-sm font-semibold ${
                  day === today ? "bg-indigo-600 text-white" : "text-slate-900"
                }`}
              >
                {Number(day.slice(8))}
              </span>
            </div>
          ))}
        </div>
        <div ref={scroller} className="max-h-[36rem] overflow-y-auto">
          <div className="relative grid grid-cols-[3.5rem_repeat(7,minmax(0,1fr))]" style={{ height: DAY_PX }}>
            <div aria-hidden className="relative">
              {Array.from({ length: 23 }, (_, i) => i + 1).map((hour) => (
                <span
                  key={hour}
                  className="absolute right-2 -translate-y-1/2 text-[11px] text-slate-500"
                  style={{ top: hour * HOUR_PX }}
                >
                  {hour % 12 === 0 ? 12 : hour % 12} {hour < 12 ? "AM" : "PM"}
                </span>
              ))}
            </div>
            {days.map((day) => (
              <div
                key={day}
                className={`relative border-l border-slate-200 ${day === today ? "bg-indigo-50/40" : ""}`}
                style={{
                  backgroundImage: "linear-gradient(to bottom, rgb(226 232 240) 1px, transparent 1px)",
                  backgroundSize: `100% ${HOUR_PX}px`,
                }}
              >
                <DayHeading day={day} today={today} count={placed.get(day)?.length ?? 0} />
                {(placed.get(day) ?? []).map((item) => (
                  <Link
                    key={item.event.id}
                    to="/events/$eventId"
                    params={{ eventId: item.event.id }}
                    aria-label={describe(item.event, timezone)}
                    className={`absolute overflow-hidden rounded-md border-l-4 px-1.5 py-0.5 text-left text-xs shadow-xs hover:z-10 hover:shadow-md focus-visible:z-10 focus-visible:outline-2 focus-visible:outline-indigo-600 ${statusStyle(item.event.status)}`}
                    style={{
                      top: (item.start / 60) * HOUR_PX,
                      height: Math.max(((item.end - item.start) / 60) * HOUR_PX - 2, 18),
                      left: `calc(${(item.lane / item.lanes) * 100}% + 2px)`,
                      width: `calc(${100 / item.lanes}% - 4px)`,
                    }}
                  >
                    <span className="block truncate font-medium">{item.event.title}</span>
                    <span className="block truncate">{formatTime(eventTime(item.event), timezone)}</span>
                  </Link>
                ))}
              </div>
            ))}
          </div>
        </div>
      </div>
    </div>
  );
}

/** The week on a phone: its days one under the other, each with its events by time. */
function WeekAgenda({ days, today, timezone, placed }: WeekProps) {
  return (
    <ol className="divide-y divide-slate-200 border-t border-slate-200">
      {days.map((day) => {
        const items = placed.get(day) ?? [];
        return (
          <li key={day} className={`relative px-4 py-3 ${day === today ? "bg-indigo-50/40" : ""}`}>
            <DayHeading day={day} today={today} count={items.length} />
            <p
              aria-hidden
              className={`text-xs font-semibold tracking-wide uppercase ${day === today ? "text-indigo-700" : "text-slate-500"}`}
            >
              {formatDay(day, AGENDA_DAY)}
              {day === today ? " · Today" : ""}
            </p>
            {items.length === 0 ? (
              <p className="mt-1 text-sm text-slate-400">Nothing scheduled</p>
            ) : (
              <ul className="mt-2 space-y-2">
                {items.map((item) => (
                  <li key={item.event.id}>
                    <Link
                      to="/events/$eventId"
                      params={{ eventId: item.event.id }}
                      aria-label={describe(item.event, timezone)}
                      className={`flex gap-3 rounded-md border-l-4 px-3 py-2 text-sm focus-visible:outline-2 focus-visible:outline-indigo-600 ${statusStyle(item.event.status)}`}
                    >
                      <span className="w-16 shrink-0 tabular-nums">{formatTime(eventTime(item.event), timezone)}</span>
                      <span className="min-w-0">
                        <span className="block truncate font-medium">{item.event.title}</span>
                        {item.event.customerName ? (
                          <span className="block truncate text-xs">{item.event.customerName}</span>
                        ) : null}
                      </span>
                    </Link>
                  </li>
                ))}
              </ul>
            )}
          </li>
        );
      })}
    </ol>
  );
}

function MonthView({
  days,
  month,
  today,
  timezone,
  placed,
  onShowWeek,
}: {
  days: Day[];
  month: string;
  today: Day;
  timezone: string;
  placed: PlacedByDay;
  onShowWeek: (day: Day) => void;
}) {
  return (
    // Positioned: see the week's.
    <div className="relative overflow-x-auto">
      <div className="grid min-w-[44rem] grid-cols-7 border-t border-l border-slate-200">
        {days.slice(0, 7).map((day) => (
          <div
            key={`head-${day}`}
            className="border-r border-b border-slate-200 px-2 py-1 text-center text-xs text-slate-500"
          >
            {formatDay(day, WEEKDAY)}
          </div>
        ))}
        {days.map((day) => {
          const items = placed.get(day) ?? [];
          const hidden = items.length - MONTH_CHIPS;
          return (
            <div
              key={day}
              className={`h-28 border-r border-b border-slate-200 p-1 ${day.startsWith(month) ? "" : "bg-slate-50"}`}
            >
              <DayHeading day={day} today={today} count={items.length} />
              <span
                aria-hidden
                className={`inline-flex size-6 items-center justify-center rounded-full text-xs font-medium ${
                  day === today
                    ? "bg-indigo-600 text-white"
                    : day.startsWith(month)
                      ? "text-slate-900"
                      : "text-slate-400"
                }`}
              >
                {Number(day.slice(8))}
              </span>
              <ul className="mt-0.5 space-y-0.5">
                {items.slice(0, MONTH_CHIPS).map((item) => (
                  <li key={item.event.id}>
                    <Link
                      to="/events/$eventId"
                      params={{ eventId: item.event.id }}
                      aria-label={describe(item.event, timezone)}
                      className={`block truncate rounded border-l-2 px-1 text-[11px] leading-4 focus-visible:outline-2 focus-visible:outline-indigo-600 ${statusStyle(item.event.status)}`}
                    >
                      {formatTime(eventTime(item.event), timezone)} {item.event.title}
                    </Link>
                  </li>
                ))}
              </ul>
              {hidden > 0 ? (
                <button
                  type="button"
                  onClick={() => onShowWeek(day)}
                  className="mt-0.5 rounded px-1 text-[11px] font-medium text-indigo-700 hover:bg-indigo-50 focus-visible:outline-2 focus-visible:outline-indigo-600"
                >
                  +{hidden} more
                </button>
              ) : null}
            </div>
          );
        })}
      </div>
    </div>
  );
}

/** A day's name for screen readers, which read the grid day by day rather than by position. */
function DayHeading({ day, today, count }: { day: Day; today: Day; count: number }) {
  return (
    <h3 className="sr-only" aria-current={day === today ? "date" : undefined}>
      {formatDay(day, FULL_DAY)}
      {day === today ? " (today)" : ""}: {count === 0 ? "no events" : count === 1 ? "1 event" : `${count} events`}
    </h3>
  );
}
