/**
 * iCalendar (RFC 5545, with RFC 7986's NAME and REFRESH-INTERVAL) for Flynn's events: the
 * owner's subscription feed (`/calendar/<token>.ics`) and the one-event file behind "add to
 * calendar" links. What every client parses alike (see providers.md §6.3):
 *
 * - CRLF after every line, lines folded at 75 octets (a fold never splits a UTF-8 character),
 *   TEXT values escaped (`\\`, `;`, `,`, newlines as `\n`).
 * - Times in UTC (`...Z`): valid everywhere, and no TZID that would need a VTIMEZONE.
 *   X-WR-TIMEZONE names the business's zone so clients show the calendar in it.
 * - One VEVENT per event, its UID derived from the event's id (never changes), SEQUENCE the
 *   row's calendar_sequence (raised by a trigger on every change a calendar shows), and a
 *   cancelled event kept with STATUS:CANCELLED so subscribers drop their copy.
 *
 * The feed has no METHOD (providers.md: "RFC 5546 lists ORGANIZER as required for PUBLISH,
 * so include it or omit METHOD"): without one, RFC 5545 §3.8.7.2 makes DTSTAMP the time the
 * event was last revised, so the same rows render the same bytes and ETags hold between
 * polls, and no owner address has to be written into every event. The one-event file is a
 * METHOD:PUBLISH object (what mail clients import) with ORGANIZER, stamped when it is made.
 */
import { type EventStatus, formatPhoneNumber, formatPrice, type TemplateEventData } from "@flynn/domain";

export type IcsStatus = "CONFIRMED" | "TENTATIVE" | "CANCELLED";

export interface IcsEvent {
  uid: string;
  start: Date;
  end: Date;
  summary: string;
  description: string | null;
  location: string | null;
  status: IcsStatus;
  sequence: number;
  lastModified: Date;
}

export interface IcsFeed {
  kind: "feed";
  /** The calendar's name in the subscriber's list (X-WR-CALNAME and NAME). */
  name: string;
  /** The business's IANA zone (X-WR-TIMEZONE). */
  timezone: string;
  events: IcsEvent[];
}

export interface IcsFile {
  kind: "file";
  organizer: { name: string; email: string };
  /** When the file is made: its DTSTAMP (METHOD:PUBLISH). */
  stamp: Date;
  events: IcsEvent[];
}

export const ICS_CONTENT_TYPE = "text/calendar; charset=utf-8";
const PRODID = "-//Flynn//Flynn Calendar 1.0//EN";
/** How often subscribers should poll; Google ignores it and polls every few hours. */
const REFRESH = "PT1H";
const MAX_OCTETS = 75;
const CRLF = "\r\n";

/** RFC 5545 §3.3.11: backslash, semicolon, comma and line breaks escaped; other control characters dropped. */
export function escapeText(value: string): string {
  return (
    value
      .replace(/\\/g, "\\\\")
      .replace(/;/g, "\\;")
      .replace(/,/g, "\\,")
      .replace(/\r\n|\r|\n/g, "\\n")
      // Control characters other than HTAB (line breaks are escaped above).
      .replace(/[^\P{Cc}\t]/gu, "")
  );
}

/** A parameter value (CN=...): quoted when it holds `:;,`; DQUOTE and control characters cannot appear at all. */
function paramValue(value: string): string {
  const clean = value.replace(/["\p{Cc}]/gu, "");
  return /[:;,]/.test(clean) ? `"${clean}"` : clean;
}

/**
 * RFC 5545 §3.1: a line longer than 75 octets continues on lines that start with one space
 * (which counts toward their 75). Splits fall between code points, never inside a UTF-8
 * sequence.
 */
export function foldLine(line: string): string {
  if (Buffer.byteLength(line) <= MAX_OCTETS) return line;
  const parts: string[] = [];
  let current = "";
  let octets = 0;
  let limit = MAX_OCTETS;
  for (const char of line) {
    const size = Buffer.byteLength(char);
    if (octets + size > limit) {
      parts.push(current);
      current = "";
      octets = 0;
      limit = MAX_OCTETS - 1;
    }
    current += char;
    octets += size;
  }
  parts.push(current);
  return parts.join(`${CRLF} `);
}

/** 20261008T170000Z (seconds kept, milliseconds dropped). */
export function icsDateTime(date: Date): string {
  return date
    .toISOString()
    .replace(/\.\d{3}Z$/, "Z")
    .replace(/[-:]/g, "");
}

function eventLines(event: IcsEvent, stamp: Date): string[] {
  return [
    "BEGIN:VEVENT",
    `UID:${event.uid}`,
    `DTSTAMP:${icsDateTime(stamp)}`,
    `DTSTART:${icsDateTime(event.start)}`,
    `DTEND:${icsDateTime(event.end)}`,
    `SUMMARY:${escapeText(event.summary)}`,
    ...(event.description ? [`DESCRIPTION:${escapeText(event.description)}`] : []),
    ...(event.location ? [`LOCATION:${escapeText(event.location)}`] : []),
    `STATUS:${event.status}`,
    `SEQUENCE:${event.sequence}`,
    `LAST-MODIFIED:${icsDateTime(event.lastModified)}`,
    "END:VEVENT",
  ];
}

/** The whole VCALENDAR object, CRLF-terminated and folded. */
export function renderIcs(document: IcsFeed | IcsFile): string {
  const header =
    document.kind === "feed"
      ? [
          `X-WR-CALNAME:${escapeText(document.name)}`,
          `NAME:${escapeText(document.name)}`,
          `X-WR-TIMEZONE:${document.timezone}`,
          `REFRESH-INTERVAL;VALUE=DURATION:${REFRESH}`,
          `X-PUBLISHED-TTL:${REFRESH}`,
        ]
      : ["METHOD:PUBLISH"];
  const organizer =
    document.kind === "file"
      ? `ORGANIZER;CN=${paramValue(document.organizer.name)}:mailto:${document.organizer.email}`
      : null;
  const events = document.events.flatMap((event) => {
    const lines = eventLines(event, document.kind === "file" ? document.stamp : event.lastModified);
    // ORGANIZER belongs inside the VEVENT, before its END.
    if (organizer) lines.splice(lines.length - 1, 0, organizer);
    return lines;
  });
  const lines = [
    "BEGIN:VCALENDAR",
    "VERSION:2.0",
    `PRODID:${PRODID}`,
    "CALSCALE:GREGORIAN",
    ...header,
    ...events,
    "END:VCALENDAR",
  ];
  return lines.map((line) => `${foldLine(line)}${CRLF}`).join("");
}

// ---------------------------------------------------------------------------------------
// Flynn's events as calendar entries

/** An event with a time, as the feed, the file and the links read it (contacts opened). */
export type CalendarEventSource = Pick<
  TemplateEventData,
  | "title"
  | "durationMinutes"
  | "location"
  | "customerName"
  | "customerPhone"
  | "customerEmail"
  | "priceEstimate"
  | "currency"
  | "notes"
> & {
  id: string;
  /** The confirmed time, else the proposed one. */
  datetime: Date;
};

/**
 * Who reads the entry. The owner sees the customer's details, the notes and a link to the
 * event in the dashboard. A customer (the one-event file, links in their emails) sees what
 * was booked with whom, and nothing the owner keeps to themselves: the notes are editable
 * by the owner, and the dashboard is not theirs.
 */
export type CalendarAudience =
  | { kind: "owner" /** The event's page in the dashboard; null: no link. */; eventUrl: string | null }
  | { kind: "customer"; companyName: string | null };

const DEFAULT_DURATION_MINUTES = 60;

/** The iCalendar UID of an event: the same in the feed, the file and every later version. */
export function eventUid(eventId: string): string {
  return `${eventId}@flynn`;
}

export function eventEnd(event: Pick<CalendarEventSource, "datetime" | "durationMinutes">): Date {
  const minutes = event.durationMinutes && event.durationMinutes > 0 ? event.durationMinutes : DEFAULT_DURATION_MINUTES;
  return new Date(event.datetime.getTime() + minutes * 60_000);
}

/** Completed events stay in the calendar as they happened; unconfirmed ones are tentative. */
export function icsStatus(status: EventStatus | null): IcsStatus {
  if (status === "cancelled") return "CANCELLED";
  if (status === "confirmed" || status === "completed") return "CONFIRMED";
  return "TENTATIVE";
}

export function eventSummary(event: CalendarEventSource, audience: CalendarAudience): string {
  const who = audience.kind === "owner" ? event.customerName : audience.companyName;
  return who ? `${event.title} – ${who}` : event.title;
}

export function eventDetails(event: CalendarEventSource, audience: CalendarAudience): string {
  const price = event.priceEstimate === null ? null : formatPrice(event.priceEstimate, event.currency);
  const lines: (string | null)[] =
    audience.kind === "owner"
      ? [
          event.customerName && `Customer: ${event.customerName}`,
          event.customerPhone && `Phone: ${formatPhoneNumber(event.customerPhone)}`,
          event.customerEmail && `Email: ${event.customerEmail}`,
          price && `Price estimate: ${price}`,
          event.notes && `Notes: ${event.notes}`,
          audience.eventUrl && `Open in Flynn: ${audience.eventUrl}`,
        ]
      : [audience.companyName && `With ${audience.companyName}`, price && `Price estimate: ${price}`];
  return lines.filter(Boolean).join("\n");
}

/** One VEVENT's fields for an event (`sequence` and `lastModified` from its row). */
export function icsEvent(
  event: CalendarEventSource & { status: EventStatus | null; calendarSequence: number; updatedAt: Date },
  audience: CalendarAudience,
): IcsEvent {
  return {
    uid: eventUid(event.id),
    start: event.datetime,
    end: eventEnd(event),
    summary: eventSummary(event, audience),
    description: eventDetails(event, audience) || null,
    location: event.location,
    status: icsStatus(event.status),
    sequence: event.calendarSequence,
    lastModified: event.updatedAt,
  };
}
