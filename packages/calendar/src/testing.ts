/**
 * For tests: reads iCalendar text the way clients do, with a strict parser (ical.js, Mozilla's)
 * and a lenient one (node-ical), checks both read the same, and checks the framing every
 * client relies on (CRLF after every line, no line over 75 octets).
 */
import { deepStrictEqual } from "node:assert/strict";
import ICAL from "ical.js";
import nodeIcal from "node-ical";

export interface ParsedIcsEvent {
  uid: string;
  summary: string;
  description: string | null;
  location: string | null;
  status: string | null;
  sequence: number;
  start: Date;
  end: Date;
  dtstamp: Date;
  lastModified: Date | null;
  organizer: string | null;
}

export interface ParsedIcs {
  /** VCALENDAR's properties by lower-case name (method, x-wr-calname, refresh-interval...). */
  calendar: Record<string, string>;
  events: ParsedIcsEvent[];
}

/** Why the text is not framed as RFC 5545 says, or null. */
export function framingProblem(text: string): string | null {
  if (!text.endsWith("\r\n")) return "the last line does not end with CRLF";
  const lines = text.slice(0, -2).split("\r\n");
  for (const [index, line] of lines.entries()) {
    if (/[\r\n]/.test(line)) return `line ${index + 1} holds a bare CR or LF`;
    if (Buffer.byteLength(line) > 75) return `line ${index + 1} is ${Buffer.byteLength(line)} octets`;
  }
  return null;
}

function strictEvents(text: string): ParsedIcs {
  const calendar = new ICAL.Component(ICAL.parse(text));
  const properties: Record<string, string> = {};
  for (const property of calendar.getAllProperties()) properties[property.name] = String(property.getFirstValue());
  const events = calendar.getAllSubcomponents("vevent").map((vevent): ParsedIcsEvent => {
    const textOf = (name: string) => {
      const value = vevent.getFirstPropertyValue(name);
      return value === null || value === undefined ? null : String(value);
    };
    const time = (name: string) => {
      const value = vevent.getFirstPropertyValue(name);
      return value instanceof ICAL.Time ? value.toJSDate() : null;
    };
    return {
      uid: textOf("uid") ?? "",
      summary: textOf("summary") ?? "",
      description: textOf("description"),
      location: textOf("location"),
      status: textOf("status"),
      sequence: Number(vevent.getFirstPropertyValue("sequence") ?? 0),
      start: time("dtstart") ?? new Date(Number.NaN),
      end: time("dtend") ?? new Date(Number.NaN),
      dtstamp: time("dtstamp") ?? new Date(Number.NaN),
      lastModified: time("last-modified"),
      organizer: textOf("organizer"),
    };
  });
  return { calendar: properties, events };
}

function lenientEvents(text: string): ParsedIcsEvent[] {
  const parsed = nodeIcal.sync.parseICS(text);
  const value = (field: unknown): string | null => {
    if (field === undefined || field === null) return null;
    if (typeof field === "object" && "val" in field) return String((field as { val: unknown }).val);
    return String(field);
  };
  return Object.values(parsed).flatMap((component) => {
    if (component?.type !== "VEVENT") return [];
    const event = component as nodeIcal.VEvent;
    return [
      {
        uid: event.uid,
        summary: value(event.summary) ?? "",
        description: value(event.description),
        location: value(event.location),
        status: event.status ?? null,
        sequence: Number(event.sequence ?? 0),
        start: new Date(event.start),
        end: event.end ? new Date(event.end) : new Date(Number.NaN),
        dtstamp: new Date(event.dtstamp),
        lastModified: event.lastmodified ? new Date(event.lastmodified) : null,
        organizer: value(event.organizer),
      },
    ];
  });
}

/** The calendar as ical.js reads it; throws if the framing is wrong or node-ical reads anything differently. */
export function parseIcs(text: string): ParsedIcs {
  const problem = framingProblem(text);
  if (problem) throw new Error(`not RFC 5545 framing: ${problem}`);
  const strict = strictEvents(text);
  deepStrictEqual(lenientEvents(text), strict.events, "node-ical reads the calendar differently from ical.js");
  return strict;
}
