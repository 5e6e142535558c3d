export { type CalendarDisconnectedSource, renderCalendarDisconnected } from "./calendar-disconnected";
export {
  type CallOverviewSource,
  eventTypeLabel,
  eventUrl,
  GENERIC_OVERVIEW_TEMPLATE,
  type OverviewEvent,
  type OverviewTemplate,
  type RenderedEmail,
  renderCallOverview,
} from "./call-overview";
export {
  type CustomerMessageKind,
  type CustomerMessageSource,
  renderCustomerEmail,
  renderCustomerSms,
  SMS_MAX_LENGTH,
  SMS_OPT_OUT,
} from "./customer-messages";
export { escapeHtml, htmlToText } from "./html";
export { type AddToCalendarLinks, addToCalendarHtml } from "./layout";
export {
  type CreateMailerOptions,
  createMailer,
  EmailSendError,
  isTransientResendError,
  type Mailer,
  type OutgoingEmail,
  type SentEmail,
} from "./mailer";
