/**
 * Outlook through Microsoft Graph v1.0 with plain fetch. Graph chooses its events' ids, so
 * creation is made idempotent by `transactionId`: a POST repeated with the same one (a run
 * that crashed before it stored the id) returns the event the first one created. The id
 * Graph returns is stored in events.calendar_event_id and later changes PATCH or DELETE it.
 */
import { createHash } from "node:crypto";
import { z } from "zod";
import { buildAuthorizationUrl, exchangeAuthorizationCode, type OAuthEndpoints, refreshAccessToken } from "./oauth";
import {
  apiRequest,
  type CalendarChoice,
  type CalendarEventData,
  type CalendarProvider,
  type OAuthClientConfig,
  type ProviderResponse,
  providerError,
} from "./provider";

const GRAPH = "https://graph.microsoft.com/v1.0";
const LABEL = "Outlook";
const EVENTS_SCOPE = "Calendars.ReadWrite";

export const MICROSOFT_OAUTH: OAuthEndpoints = {
  label: LABEL,
  authorizeUrl: "https://login.microsoftonline.com/common/oauth2/v2.0/authorize",
  tokenUrl: "https://login.microsoftonline.com/common/oauth2/v2.0/token",
  scopes: ["offline_access", EVENTS_SCOPE, "User.Read"],
  authorizeParams: { response_mode: "query" },
  scopeOnRefresh: true,
};

/**
 * The transactionId of a copy's creation: the same for every retry of one state of the event,
 * and a new one once the event changed (sequence), so that re-creating a copy removed earlier
 * (a cancel, then a confirm; the owner deleting it in Outlook) is not answered with the
 * removed one. A copy that replaces one in another calendar (`replaces`: that copy's id) gets
 * its own too: moving to a calendar and back again creates a copy, not the one removed.
 */
export function outlookTransactionId(eventId: string, sequence: number, replaces: string | null = null): string {
  const moved = replaces ? `-${createHash("sha256").update(replaces).digest("base64url").slice(0, 16)}` : "";
  return `flynn-${eventId}-${sequence}${moved}`;
}

const graphError = z.object({ error: z.object({ code: z.string().optional(), message: z.string().optional() }) });

function failure(action: string, response: ProviderResponse) {
  const parsed = graphError.safeParse(response.body);
  return providerError(LABEL, action, response.status, {
    code: parsed.success ? parsed.data.error.code : null,
    message: parsed.success ? parsed.data.error.message : null,
  });
}

/** A 404, or an id Graph cannot even parse (e.g. another provider's, stored before a switch). */
function isUnknownEvent(response: ProviderResponse): boolean {
  if (response.status === 404) return true;
  const parsed = graphError.safeParse(response.body);
  return response.status === 400 && parsed.success && parsed.data.error.code === "ErrorInvalidIdMalformed";
}

const calendarsPage = z.object({
  value: z
    .array(
      z.object({
        id: z.string(),
        name: z.string().optional(),
        canEdit: z.boolean().optional(),
        isDefaultCalendar: z.boolean().optional(),
      }),
    )
    .default([]),
  "@odata.nextLink": z.string().optional(),
});

const createdEvent = z.object({ id: z.string().min(1) });

const MAX_PAGES = 10;

/** Graph's dateTimeTimeZone in UTC (no offset in the string; the zone is named beside it). */
function utc(date: Date) {
  return { dateTime: date.toISOString().replace(/Z$/, ""), timeZone: "UTC" };
}

function eventBody(event: CalendarEventData) {
  return {
    subject: event.title,
    body: { contentType: "text", content: event.description },
    start: utc(event.start),
    end: utc(event.end),
    location: { displayName: event.location ?? "" },
    showAs: event.status === "tentative" ? "tentative" : "busy",
    // No attendees: Graph would invite them, and the customer hears from Flynn instead.
  };
}

export function createOutlookCalendar(client: OAuthClientConfig): CalendarProvider {
  const call = (accessToken: string, method: string, url: string, body?: unknown) =>
    apiRequest(LABEL, accessToken, method, url, body);

  return {
    name: "outlook",
    label: LABEL,
    authorizationUrl: (params) => buildAuthorizationUrl(MICROSOFT_OAUTH, client, params),
    exchangeCode: (params) => exchangeAuthorizationCode(MICROSOFT_OAUTH, client, params),
    refresh: (params) => refreshAccessToken(MICROSOFT_OAUTH, client, params),
    // Microsoft names Graph's scopes with or without their resource ("https://graph.microsoft.com/Calendars.ReadWrite").
    grantsEvents: (scopes) => scopes.some((scope) => scope.split("/").pop()?.toLowerCase() === "calendars.readwrite"),

    async listCalendars(accessToken) {
      const calendars: CalendarChoice[] = [];
      let url: string | undefined = `${GRAPH}/me/calendars?$select=id,name,canEdit,isDefaultCalendar&$top=100`;
      for (let page = 0; page < MAX_PAGES && url; page++) {
        const response = await call(accessToken, "GET", url);
        if (response.status !== 200) throw failure("list calendars", response);
        const parsed = calendarsPage.parse(response.body);
        for (const calendar of parsed.value) {
          if (calendar.canEdit === false) continue;
          calendars.push({
            id: calendar.id,
            name: calendar.name ?? calendar.id,
            primary: calendar.isDefaultCalendar === true,
          });
        }
        url = parsed["@odata.nextLink"];
      }
      return calendars;
    },

    async upsertEvent(accessToken, { calendarId, remoteId, event, replaces = null }) {
      if (remoteId) {
        const response = await call(
          accessToken,
          "PATCH",
          `${GRAPH}/me/events/${encodeURIComponent(remoteId)}`,
          eventBody(event),
        );
        if (response.status === 200) return remoteId;
        if (!isUnknownEvent(response)) throw failure("update the event", response);
        // Deleted in Outlook, or not an Outlook id: create the copy again.
      }
      const response = await call(
        accessToken,
        "POST",
        `${GRAPH}/me/calendars/${encodeURIComponent(calendarId)}/events`,
        {
          ...eventBody(event),
          transactionId: outlookTransactionId(event.eventId, event.sequence, replaces),
        },
      );
      if (response.status !== 201 && response.status !== 200) throw failure("create the event", response);
      const created = createdEvent.safeParse(response.body);
      if (!created.success) {
        throw providerError(LABEL, "create the event", response.status, {
          message: "no event id in the answer",
          kind: "transient",
        });
      }
      return created.data.id;
    },

    async removeEvent(accessToken, { remoteId }) {
      // Without a stored id there is no copy Flynn knows of.
      if (!remoteId) return;
      const response = await call(accessToken, "DELETE", `${GRAPH}/me/events/${encodeURIComponent(remoteId)}`);
      if (response.status === 204 || response.status === 200 || isUnknownEvent(response)) return;
      throw failure("cancel the event", response);
    },
  };
}
