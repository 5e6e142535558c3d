// Calendars: the iCalendar feed and files (ics.ts), "add to calendar" links (links.ts), and
// the Google Calendar and Microsoft Graph clients with their OAuth flows.

export { GOOGLE_CALENDAR_LIST_SCOPE, GOOGLE_EVENTS_SCOPE, GOOGLE_OAUTH, googleEventId } from "./google";
export {
  type CalendarAudience,
  type CalendarEventSource,
  eventDetails,
  eventEnd,
  eventSummary,
  eventUid,
  ICS_CONTENT_TYPE,
  type IcsEvent,
  type IcsFeed,
  type IcsFile,
  type IcsStatus,
  icsEvent,
  icsStatus,
  renderIcs,
} from "./ics";
export { type CalendarLinks, calendarLinks, EVENT_ICS_SIGNATURE, eventIcsUrl, feedUrls } from "./links";
export { createPkce, type OAuthEndpoints, pkceChallenge } from "./oauth";
export { MICROSOFT_OAUTH, outlookTransactionId } from "./outlook";
export {
  CALENDAR_PROVIDER_LABELS,
  CALENDAR_PROVIDERS,
  type CalendarChoice,
  type CalendarErrorKind,
  type CalendarEventData,
  type CalendarEventStatus,
  type CalendarProvider,
  CalendarProviderError,
  type CalendarProviderName,
  type CalendarProviders,
  calendarCopy,
  isCalendarProviderName,
  type OAuthClientConfig,
  type OAuthTokens,
} from "./provider";
export { createCalendarProviders } from "./providers";
