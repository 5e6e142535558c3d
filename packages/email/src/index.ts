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
export { escapeHtml, htmlToText } from "./html";
export {
  type CreateMailerOptions,
  createMailer,
  EmailSendError,
  isTransientResendError,
  type Mailer,
  type OutgoingEmail,
  type SentEmail,
} from "./mailer";
