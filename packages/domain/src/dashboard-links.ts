/**
 * Addresses of the dashboard's pages, for links that leave it (emails, calendar entries).
 * Only the sender knows the dashboard's address, so each caller passes its own.
 */

/** The event's page: `https://app.example/events/<id>` (a trailing slash on `webUrl` is ignored). */
export function dashboardEventUrl(webUrl: string, eventId: string): string {
  return `${webUrl.replace(/\/+$/, "")}/events/${encodeURIComponent(eventId)}`;
}
