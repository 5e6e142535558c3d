/**
 * What Google Calendar and Outlook (Microsoft Graph) have in common for Flynn: an OAuth 2
 * connection (authorization code + PKCE, offline access), the list of calendars the owner may
 * write to, and one copy of each confirmed event, created or patched idempotently and
 * cancelled. Every failure is a `CalendarProviderError` saying what the caller should do.
 */
import { type CalendarEventSource, eventDetails, eventEnd, eventSummary } from "./ics";

export const CALENDAR_PROVIDERS = ["google", "outlook"] as const;
export type CalendarProviderName = (typeof CALENDAR_PROVIDERS)[number];

export const CALENDAR_PROVIDER_LABELS: Record<CalendarProviderName, string> = {
  google: "Google Calendar",
  outlook: "Outlook",
};

export function isCalendarProviderName(value: string): value is CalendarProviderName {
  return (CALENDAR_PROVIDERS as readonly string[]).includes(value);
}

/**
 * - `reconnect`: the grant is gone (invalid_grant: revoked, expired, password changed); only
 *   the owner connecting again helps.
 * - `unauthorized`: the provider refused an access token (401); refresh it once, and if a
 *   fresh token is refused too, it is `reconnect`.
 * - `transient`: network, timeout, 429, 5xx, rate limits: try again later.
 * - `permanent`: the request will fail the same way every time (bad input, no access to the
 *   calendar, a misconfigured client).
 */
export type CalendarErrorKind = "reconnect" | "unauthorized" | "transient" | "permanent";

export class CalendarProviderError extends Error {
  override name = "CalendarProviderError";
  constructor(
    message: string,
    readonly kind: CalendarErrorKind,
    /** The HTTP status, or null when no answer came. */
    readonly status: number | null,
    /** The provider's own error code (`invalid_grant`, `ErrorItemNotFound`, `duplicate`...). */
    readonly code: string | null = null,
  ) {
    super(message);
  }
}

export interface OAuthClientConfig {
  clientId: string;
  clientSecret: string;
}

export interface OAuthTokens {
  accessToken: string;
  /** Null when the provider sent none (Google on a refresh): keep the one stored. */
  refreshToken: string | null;
  expiresAt: Date | null;
  /** The scopes granted; the owner may have unticked some on the consent screen. */
  scopes: string[];
}

export interface CalendarChoice {
  id: string;
  name: string;
  /** The account's main calendar (Google's `primary`, Outlook's default calendar). */
  primary: boolean;
}

export type CalendarEventStatus = "confirmed" | "tentative";

/** One Flynn event as its calendar copy shows it. */
export interface CalendarEventData {
  /** Flynn's event id (a uuid): the idempotency key of the copy. */
  eventId: string;
  /** events.calendar_sequence: moves with every change a calendar shows. */
  sequence: number;
  status: CalendarEventStatus;
  title: string;
  description: string;
  location: string | null;
  start: Date;
  end: Date;
  /** The business's IANA time zone, in which the provider shows the event. */
  timeZone: string;
}

export interface UpsertEventParams {
  calendarId: string;
  /** The provider's id of the copy, as stored after an earlier sync (events.calendar_event_id). */
  remoteId: string | null;
  event: CalendarEventData;
  /**
   * The id of the copy this one replaces in another calendar (the owner chose another since),
   * removed there just before. Creating the copy anew here is then a creation of its own for
   * idempotency (Outlook's transactionId), not a retry answered with the removed copy.
   */
  replaces?: string | null;
}

export interface RemoveEventParams {
  calendarId: string;
  remoteId: string | null;
  eventId: string;
}

export interface CalendarProvider {
  readonly name: CalendarProviderName;
  readonly label: string;
  /** Where to send the owner's browser to grant access (state and PKCE challenge included). */
  authorizationUrl(params: { state: string; codeChallenge: string; redirectUri: string }): string;
  exchangeCode(params: { code: string; codeVerifier: string; redirectUri: string; now: Date }): Promise<OAuthTokens>;
  refresh(params: { refreshToken: string; now: Date }): Promise<OAuthTokens>;
  /** Whether the granted scopes let Flynn write events. */
  grantsEvents(scopes: readonly string[]): boolean;
  /** The calendars the owner may add events to. */
  listCalendars(accessToken: string): Promise<CalendarChoice[]>;
  /** Creates the event's copy, or updates it; returns the provider's id of it. */
  upsertEvent(accessToken: string, params: UpsertEventParams): Promise<string>;
  /** Cancels (removes) the event's copy; one that is already gone is fine. */
  removeEvent(accessToken: string, params: RemoveEventParams): Promise<void>;
  /**
   * Withdraws Flynn's access at the provider (on disconnect), where the provider offers it
   * (Google; Microsoft has no endpoint for one grant). Best effort: false when it did not work.
   */
  revoke?(refreshToken: string): Promise<boolean>;
}

/** The providers this server has OAuth clients for; one left out is "not configured". */
export type CalendarProviders = Partial<Record<CalendarProviderName, CalendarProvider>>;

const REQUEST_TIMEOUT_MS = 15_000;

export interface ProviderResponse {
  status: number;
  body: unknown;
}

/**
 * One request to a provider. Network failures and timeouts are `transient` errors; every
 * HTTP answer is returned as is (status and parsed JSON body, or null), for the provider to
 * classify with `providerError`.
 */
export async function providerRequest(
  label: string,
  url: string,
  init: { method: string; headers?: Record<string, string>; body?: string },
): Promise<ProviderResponse> {
  let response: Response;
  try {
    response = await fetch(url, { ...init, signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new CalendarProviderError(`${label} could not be reached (${reason})`, "transient", null);
  }
  const text = await response.text();
  let body: unknown = null;
  if (text) {
    try {
      body = JSON.parse(text);
    } catch {
      body = null;
    }
  }
  return { status: response.status, body };
}

/** A call to a provider's API with the owner's access token (a JSON body, if any). */
export function apiRequest(
  label: string,
  accessToken: string,
  method: string,
  url: string,
  body?: unknown,
): Promise<ProviderResponse> {
  return providerRequest(label, url, {
    method,
    headers: {
      authorization: `Bearer ${accessToken}`,
      accept: "application/json",
      ...(body ? { "content-type": "application/json" } : {}),
    },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
}

/** What an HTTP failure means for the caller, by status (429 and 5xx retry; 401 refreshes). */
export function kindOfStatus(status: number): CalendarErrorKind {
  if (status === 401) return "unauthorized";
  if (status === 408 || status === 429 || status >= 500) return "transient";
  return "permanent";
}

/** An error for a provider's failed answer, with the provider's own code and message when it sent them. */
export function providerError(
  label: string,
  action: string,
  status: number,
  { code, message, kind }: { code?: string | null; message?: string | null; kind?: CalendarErrorKind } = {},
): CalendarProviderError {
  const detail = message ? `: ${message}` : "";
  return new CalendarProviderError(
    `${label} refused to ${action} (${status}${code ? ` ${code}` : ""})${detail}`,
    kind ?? kindOfStatus(status),
    status,
    code ?? null,
  );
}

/** An event's copy as the owner's calendar shows it: the same title and details as the ICS feed. */
export function calendarCopy(
  event: CalendarEventSource & { calendarSequence: number },
  { status, eventUrl, timeZone }: { status: CalendarEventStatus; eventUrl: string; timeZone: string },
): CalendarEventData {
  const audience = { kind: "owner", eventUrl } as const;
  return {
    eventId: event.id,
    sequence: event.calendarSequence,
    status,
    title: eventSummary(event, audience),
    description: eventDetails(event, audience),
    location: event.location,
    start: event.datetime,
    end: eventEnd(event),
    timeZone,
  };
}
