/** Calendar connections as `calendars.list` reports them, for the tests of the pages that show them. */
import type { CalendarConnection } from "../pages/settings/calendars-tab";

/** A provider as `calendars.list` reports it: by default configured and not connected. */
export function connection(
  provider: "google" | "outlook",
  overrides: Partial<CalendarConnection> = {},
): CalendarConnection {
  return {
    provider,
    label: provider === "google" ? "Google Calendar" : "Outlook",
    configured: true,
    connected: false,
    active: false,
    needsReconnect: false,
    calendarId: null,
    calendarName: null,
    syncEnabled: false,
    lastSyncAt: null,
    lastError: null,
    connectedAt: null,
    connectUrl: `/api/calendar/${provider}/connect`,
    connectNotice: null,
    ...overrides,
  };
}

/** Connected, active and syncing to the account's main calendar. */
export function connectedCalendar(
  provider: "google" | "outlook",
  overrides: Partial<CalendarConnection> = {},
): CalendarConnection {
  return connection(provider, {
    connected: true,
    active: true,
    calendarId: "primary",
    calendarName: "dana@rivera.example",
    syncEnabled: true,
    lastSyncAt: new Date("2026-03-10T14:55:00Z"),
    connectedAt: new Date("2026-03-01T10:00:00Z"),
    ...overrides,
  });
}
