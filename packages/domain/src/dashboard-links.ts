/**
 * Addresses of the dashboard's pages, for links that leave it (emails, calendar entries).
 * Only the sender knows the dashboard's address, so each caller passes its own.
 */

/** The event's page: `https://app.example/events/<id>` (a trailing slash on `webUrl` is ignored). */
export function dashboardEventUrl(webUrl: string, eventId: string): string {
  return `${webUrl.replace(/\/+$/, "")}/events/${encodeURIComponent(eventId)}`;
}

/**
 * Settings -> Calendars, where the owner connects and reconnects calendars, with any further
 * query parameters (`connected`, `error`...) the page reads.
 */
export function dashboardCalendarSettingsUrl(webUrl: string, params: Record<string, string> = {}): string {
  return `${webUrl.replace(/\/+$/, "")}/settings?${new URLSearchParams({ tab: "calendars", ...params })}`;
}
