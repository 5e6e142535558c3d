/**
 * Links that put an event into someone's calendar: Google Calendar's and Outlook's "new
 * event" pages filled in, and the signed one-event .ics file on the API
 * (`/calendar/events/<id>.ics?sig=...`), which opens without signing in because it goes in
 * emails to customers. Plus the owner's feed addresses. The API's routes
 * (apps/api/src/calendar-feed.ts) answer exactly these paths.
 */
import type { Keyring } from "@flynn/crypto";
import {
  type CalendarAudience,
  type CalendarEventSource,
  eventDetails,
  eventEnd,
  eventSummary,
  // Google's `dates` take iCalendar's UTC form.
  icsDateTime,
} from "./ics";

/** The purpose the one-event file's signature is made for (keyring.sign(eventId, ...)). */
export const EVENT_ICS_SIGNATURE = "event-ics";

export interface CalendarLinks {
  google: string;
  outlook: string;
  /** The one-event .ics file (Apple Calendar, desktop Outlook, any client that imports files). */
  ics: string;
}

const base = (apiUrl: string) => apiUrl.replace(/\/+$/, "");

/** The signed address of an event's .ics file; the signature is the only credential. */
export function eventIcsUrl(apiUrl: string, keyring: Keyring, eventId: string): string {
  const sig = keyring.sign(eventId, EVENT_ICS_SIGNATURE);
  return `${base(apiUrl)}/calendar/events/${encodeURIComponent(eventId)}.ics?sig=${sig}`;
}

/** The owner's subscription feed, as https (any client) and webcal:// (opens Apple Calendar's subscribe dialog). */
export function feedUrls(apiUrl: string, token: string): { url: string; webcalUrl: string } {
  const url = `${base(apiUrl)}/calendar/${encodeURIComponent(token)}.ics`;
  return { url, webcalUrl: url.replace(/^https?:\/\//, "webcal://") };
}

/** Query strings with %20 for spaces: Outlook shows a `+` literally. */
function query(params: [string, string | null][]): string {
  return params
    .filter((param): param is [string, string] => Boolean(param[1]))
    .map(([name, value]) => `${name}=${encodeURIComponent(value)}`)
    .join("&");
}

/** 2026-10-08T17:00:00Z: Outlook's `startdt` / `enddt` (UTC). */
const outlookTime = (date: Date) => date.toISOString().replace(/\.\d{3}Z$/, "Z");

/**
 * All three links for one event with a time. `audience` decides what the entry says (see
 * CalendarAudience): "customer" in customers' emails, "owner" in the owner's.
 */
export function calendarLinks(
  event: CalendarEventSource,
  options: { audience: CalendarAudience; apiUrl: string; keyring: Keyring },
): CalendarLinks {
  const title = eventSummary(event, options.audience);
  const details = eventDetails(event, options.audience) || null;
  const end = eventEnd(event);
  const google = query([
    ["action", "TEMPLATE"],
    ["text", title],
    ["dates", `${icsDateTime(event.datetime)}/${icsDateTime(end)}`],
    ["details", details],
    ["location", event.location],
  ]);
  const outlook = query([
    ["rru", "addevent"],
    ["subject", title],
    ["startdt", outlookTime(event.datetime)],
    ["enddt", outlookTime(end)],
    ["body", details],
    ["location", event.location],
  ]);
  return {
    google: `https://calendar.google.com/calendar/render?${google}`,
    outlook: `https://outlook.live.com/calendar/0/deeplink/compose?path=/calendar/action/compose&${outlook}`,
    ics: eventIcsUrl(options.apiUrl, options.keyring, event.id),
  };
}
