import { createGoogleCalendar } from "./google";
import { createOutlookCalendar } from "./outlook";
import type { CalendarProviders, OAuthClientConfig } from "./provider";

/**
 * The calendar providers the server has OAuth clients for (GOOGLE_CLIENT_ID/SECRET,
 * MICROSOFT_CLIENT_ID/SECRET); a provider without both is left out: "not configured".
 */
export function createCalendarProviders(clients: {
  google?: Partial<OAuthClientConfig>;
  microsoft?: Partial<OAuthClientConfig>;
}): CalendarProviders {
  const complete = (client?: Partial<OAuthClientConfig>): OAuthClientConfig | null =>
    client?.clientId && client.clientSecret ? { clientId: client.clientId, clientSecret: client.clientSecret } : null;
  const google = complete(clients.google);
  const microsoft = complete(clients.microsoft);
  return {
    ...(google ? { google: createGoogleCalendar(google) } : {}),
    ...(microsoft ? { outlook: createOutlookCalendar(microsoft) } : {}),
  };
}
