/**
 * Google Calendar API v3 with plain fetch (the googleapis SDK is far too large for four calls).
 * A copy's id is derived from Flynn's event id, so creating it is idempotent: an insert that
 * finds the id taken (409: a run that crashed after Google stored it, or a copy deleted
 * earlier, which Google keeps as `cancelled`) patches it instead, status included.
 */
import { z } from "zod";
import { buildAuthorizationUrl, exchangeAuthorizationCode, type OAuthEndpoints, refreshAccessToken } from "./oauth";
import {
  apiRequest,
  type CalendarChoice,
  type CalendarEventData,
  type CalendarProvider,
  kindOfStatus,
  type OAuthClientConfig,
  type ProviderResponse,
  providerError,
  providerRequest,
} from "./provider";

export const GOOGLE_EVENTS_SCOPE = "https://www.googleapis.com/auth/calendar.events";
/** Lets the owner pick a calendar; without it (unticked at consent) only the primary one is offered. */
export const GOOGLE_CALENDAR_LIST_SCOPE = "https://www.googleapis.com/auth/calendar.calendarlist.readonly";

const API = "https://www.googleapis.com/calendar/v3";
const LABEL = "Google Calendar";

export const GOOGLE_OAUTH: OAuthEndpoints = {
  label: LABEL,
  authorizeUrl: "https://accounts.google.com/o/oauth2/v2/auth",
  tokenUrl: "https://oauth2.googleapis.com/token",
  scopes: [GOOGLE_EVENTS_SCOPE, GOOGLE_CALENDAR_LIST_SCOPE],
  // offline: a refresh token; consent: a new one on every connect (Google sends one only then).
  authorizeParams: { access_type: "offline", prompt: "consent", include_granted_scopes: "true" },
};

/** Google's id of an event's copy: base32hex (0-9, a-v), 5-1024 characters; a uuid's 32 hex digits are. */
export function googleEventId(eventId: string): string {
  return eventId.replaceAll("-", "").toLowerCase();
}

const googleError = z.object({
  error: z.object({
    message: z.string().optional(),
    status: z.string().optional(),
    errors: z.array(z.object({ reason: z.string().optional() })).optional(),
  }),
});

/** Rate limits arrive as 403 with these reasons: back off and retry. */
const RATE_LIMIT_REASONS = new Set(["rateLimitExceeded", "userRateLimitExceeded", "quotaExceeded"]);

function failure(action: string, response: ProviderResponse) {
  const parsed = googleError.safeParse(response.body);
  const reason = parsed.success ? (parsed.data.error.errors?.[0]?.reason ?? parsed.data.error.status ?? null) : null;
  const kind = response.status === 403 && reason && RATE_LIMIT_REASONS.has(reason) ? "transient" : undefined;
  return providerError(LABEL, action, response.status, {
    code: reason,
    message: parsed.success ? parsed.data.error.message : null,
    kind: kind ?? kindOfStatus(response.status),
  });
}

const calendarListPage = z.object({
  items: z
    .array(
      z.object({
        id: z.string(),
        summary: z.string().optional(),
        summaryOverride: z.string().optional(),
        primary: z.boolean().optional(),
      }),
    )
    .default([]),
  nextPageToken: z.string().optional(),
});

const MAX_PAGES = 10;

function eventBody(event: CalendarEventData) {
  return {
    summary: event.title,
    description: event.description,
    // An empty string clears a location removed in Flynn (PATCH keeps fields left out).
    location: event.location ?? "",
    start: { dateTime: event.start.toISOString(), timeZone: event.timeZone },
    end: { dateTime: event.end.toISOString(), timeZone: event.timeZone },
    status: event.status,
    extendedProperties: { private: { flynnEventId: event.eventId } },
  };
}

export function createGoogleCalendar(client: OAuthClientConfig): CalendarProvider {
  const call = (accessToken: string, method: string, url: string, body?: unknown) =>
    apiRequest(LABEL, accessToken, method, url, body);
  const eventsUrl = (calendarId: string) => `${API}/calendars/${encodeURIComponent(calendarId)}/events`;

  return {
    name: "google",
    label: LABEL,
    authorizationUrl: (params) => buildAuthorizationUrl(GOOGLE_OAUTH, client, params),
    exchangeCode: (params) => exchangeAuthorizationCode(GOOGLE_OAUTH, client, params),
    refresh: (params) => refreshAccessToken(GOOGLE_OAUTH, client, params),
    grantsEvents: (scopes) =>
      scopes.includes(GOOGLE_EVENTS_SCOPE) || scopes.includes("https://www.googleapis.com/auth/calendar"),

    async listCalendars(accessToken) {
      const calendars: CalendarChoice[] = [];
      let pageToken: string | undefined;
      for (let page = 0; page < MAX_PAGES; page++) {
        const url = new URL(`${API}/users/me/calendarList`);
        url.searchParams.set("minAccessRole", "writer");
        if (pageToken) url.searchParams.set("pageToken", pageToken);
        const response = await call(accessToken, "GET", url.toString());
        if (response.status === 403 && failure("list calendars", response).code === "insufficientPermissions") {
          // The owner unticked "see your calendars": events can still go to the primary one.
          return [{ id: "primary", name: "Primary calendar", primary: true }];
        }
        if (response.status !== 200) throw failure("list calendars", response);
        const parsed = calendarListPage.parse(response.body);
        for (const item of parsed.items) {
          calendars.push({
            id: item.id,
            name: item.summaryOverride ?? item.summary ?? item.id,
            primary: item.primary === true,
          });
        }
        pageToken = parsed.nextPageToken;
        if (!pageToken) break;
      }
      return calendars;
    },

    async upsertEvent(accessToken, { calendarId, remoteId, event }) {
      const id = googleEventId(event.eventId);
      const insert = async () => {
        const response = await call(accessToken, "POST", `${eventsUrl(calendarId)}?sendUpdates=none`, {
          id,
          ...eventBody(event),
        });
        if (response.status === 200) return id;
        if (response.status === 409) return null;
        throw failure("create the event", response);
      };
      const patch = async () => {
        const response = await call(
          accessToken,
          "PATCH",
          `${eventsUrl(calendarId)}/${id}?sendUpdates=none`,
          eventBody(event),
        );
        if (response.status === 200) return id;
        // Not in this calendar (the owner chose another one since): create it there.
        if (response.status === 404 || response.status === 410) return null;
        throw failure("update the event", response);
      };
      const done = remoteId ? ((await patch()) ?? (await insert())) : ((await insert()) ?? (await patch()));
      if (!done) {
        throw providerError(LABEL, "create the event", 409, {
          message: "its id is taken but the event cannot be updated",
          kind: "permanent",
        });
      }
      return done;
    },

    async revoke(refreshToken) {
      try {
        const response = await providerRequest(LABEL, "https://oauth2.googleapis.com/revoke", {
          method: "POST",
          headers: { "content-type": "application/x-www-form-urlencoded" },
          body: new URLSearchParams({ token: refreshToken }).toString(),
        });
        return response.status === 200;
      } catch {
        return false;
      }
    },

    // The stored id is not needed: the copy's id is always derived (and a stored one may be
    // another provider's, from before the owner switched).
    async removeEvent(accessToken, { calendarId, eventId }) {
      const response = await call(
        accessToken,
        "DELETE",
        `${eventsUrl(calendarId)}/${googleEventId(eventId)}?sendUpdates=none`,
      );
      // Gone already (404), or deleted before (410): the copy is cancelled either way.
      if (response.status === 204 || response.status === 200 || response.status === 404 || response.status === 410) {
        return;
      }
      throw failure("cancel the event", response);
    },
  };
}
