/**
 * The owner's overview of one call: every event found in it, each with a link to confirm it
 * in the dashboard, inside a responsive, table-based, inline-styled layout (what email
 * clients render reliably). The effective template's text (logic-less `{{var}}`) opens the
 * message. Every value from the call is HTML-escaped; template text is treated as plain
 * text too, so neither a caller nor a template can inject markup.
 */
import {
  dashboardEventUrl,
  EVENT_TYPE_LABELS,
  type EventType,
  eventTemplateValues,
  formatEventDateTime,
  formatPhoneNumber,
  renderTemplate,
  type TemplateEventData,
  type Terminology,
} from "@flynn/domain";
import { escapeHtml, escapeMultiline, htmlToText } from "./html";
import {
  type AddToCalendarLinks,
  addToCalendarHtml,
  detailsTable,
  EMAIL_FONT,
  emailButton,
  emailDocument,
  emailHeading,
  emailParagraph,
} from "./layout";

export interface OverviewEvent extends TemplateEventData {
  id: string;
  /** Shown when the event has a time; absent or null: none. */
  calendarLinks?: AddToCalendarLinks | null;
}

export interface OverviewTemplate {
  subjectTemplate: string;
  bodyTemplate: string;
  variables: Record<string, unknown> | null;
}

export interface CallOverviewSource {
  call: {
    callerNumber: string;
    callerName: string | null;
    mainTopic: string | null;
    callSummary: string | null;
    startedAt: Date | null;
  };
  business: { timezone: string | null; companyName: string | null; terminology: Terminology | null };
  /** In the order they should be listed. */
  events: OverviewEvent[];
  /** The effective template; null: the generic one. */
  template: OverviewTemplate | null;
  /** The dashboard's address; event links are `${webUrl}/events/<id>`. */
  webUrl: string;
}

export interface RenderedEmail {
  subject: string;
  html: string;
  text: string;
}

/** Used when neither the user nor the defaults have a template for the call's event type. */
export const GENERIC_OVERVIEW_TEMPLATE: OverviewTemplate = {
  subjectTemplate: "New {{event_type}} - {{customer_name}} - {{event_date}}",
  bodyTemplate: "New {{event_type}} from {{customer_name}}.\n\nTopic: {{main_topic}}\n\n{{call_summary}}",
  variables: { customer_name: "the caller", event_type: "request" },
};

/** An event type in the business's own words ("service call" for a plumber's appointment). */
export function eventTypeLabel(type: EventType | null, terminology: Terminology | null): string | null {
  if (!type) return null;
  return terminology?.[type] ?? EVENT_TYPE_LABELS[type];
}

export const eventUrl = dashboardEventUrl;

const oneLine = (text: string) => text.replace(/\s+/g, " ").trim();

function eventCard(event: OverviewEvent, source: CallOverviewSource): string {
  const { timezone, terminology } = source.business;
  const phone = event.customerPhone ? formatPhoneNumber(event.customerPhone) : null;
  const customer = [event.customerName, phone, event.customerEmail].filter(Boolean).join(", ");
  const link = eventUrl(source.webUrl, event.id);
  const calendar = event.datetime && event.calendarLinks ? addToCalendarHtml(event.calendarLinks) : "";
  return (
    `<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="margin:0 0 16px 0;border:1px solid #e5e7eb;border-radius:8px;">` +
    `<tr><td style="padding:16px;${EMAIL_FONT}">` +
    `<h2 style="margin:0 0 8px 0;font-size:17px;line-height:24px;color:#111827;">${escapeHtml(event.title)}</h2>` +
    detailsTable([
      ["Type:", eventTypeLabel(event.eventType, terminology)],
      ["When:", event.datetime ? formatEventDateTime(event.datetime, timezone) : "time to be agreed"],
      ["Duration:", event.durationMinutes ? `${event.durationMinutes} min` : null],
      ["Where:", event.location],
      ["Customer:", customer || null],
      ["Urgency:", event.urgencyLevel],
      ["Notes:", event.notes],
    ]) +
    emailButton(link, "Confirm in Flynn") +
    calendar +
    `</td></tr></table>`
  );
}

export function renderCallOverview(source: CallOverviewSource): RenderedEmail {
  const { call, business, events } = source;
  const [first] = events;
  const template = source.template ?? GENERIC_OVERVIEW_TEMPLATE;
  const values = first
    ? {
        ...eventTemplateValues(first, { ...business, eventUrl: eventUrl(source.webUrl, first.id) }),
        event_type: eventTypeLabel(first.eventType, business.terminology),
      }
    : { main_topic: call.mainTopic, call_summary: call.callSummary, company_name: business.companyName };
  // Rendered with raw values and escaped as a whole below: template text is plain text.
  const rendered = renderTemplate(
    { subject: template.subjectTemplate, body: template.bodyTemplate },
    values,
    template.variables,
  );
  const number = formatPhoneNumber(call.callerNumber);
  const caller = call.callerName ? `${call.callerName} (${number})` : number;
  const subject =
    (first ? oneLine(rendered.subject) : "") || oneLine(call.mainTopic ?? "") || `New call from ${caller}`;
  const heading = call.mainTopic || `Call from ${caller}`;
  const when = call.startedAt ? ` on ${formatEventDateTime(call.startedAt, business.timezone)}` : "";
  const count = events.length === 1 ? "1 event" : `${events.length} events`;

  const body = [
    emailHeading(heading),
    emailParagraph(`Call from ${escapeHtml(caller)}${escapeHtml(when)}.`, "color:#4b5563;"),
    first ? emailParagraph(escapeMultiline(rendered.body.trim())) : "",
    call.callSummary && !template.bodyTemplate.includes("call_summary")
      ? emailParagraph(escapeMultiline(call.callSummary))
      : "",
    events.length > 0
      ? `<h2 style="margin:20px 0 12px 0;font-size:16px;color:#111827;">${count} in this call</h2>` +
        events.map((event) => eventCard(event, source)).join("")
      : emailParagraph("No events were found in this call. Listen to it or read its transcript in Flynn."),
  ].join("");

  const html = emailDocument({
    title: subject,
    header: `Flynn${business.companyName ? ` · ${escapeHtml(business.companyName)}` : ""}`,
    body,
    footer: `Times are in ${escapeHtml(business.timezone ?? "UTC")}. You get this email for every call to your Flynn number.`,
    maxWidth: 600,
  });
  return { subject, html, text: htmlToText(html) };
}
