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
import { escapeHtml, htmlToText } from "./html";

/** Google's and Outlook's "new event" pages filled in, and the event's .ics file (@flynn/calendar's calendarLinks). */
export interface AddToCalendarLinks {
  google: string;
  outlook: string;
  ics: string;
}

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

const FONT = "font-family:-apple-system,BlinkMacSystemFont,'Segoe UI',Helvetica,Arial,sans-serif;";
const paragraph = (html: string, style = "") =>
  `<p style="margin:0 0 12px 0;font-size:15px;line-height:22px;color:#1f2937;${style}">${html}</p>`;
const multiline = (text: string) => escapeHtml(text).replace(/\r?\n/g, "<br>");

/** "Add to calendar: Google · Outlook · Apple / other (.ics)", as plain links under an event. */
export function addToCalendarHtml(links: AddToCalendarLinks): string {
  const anchors = (
    [
      ["Google", links.google],
      ["Outlook", links.outlook],
      ["Apple / other (.ics)", links.ics],
    ] as const
  ).map(([name, href]) => `<a href="${escapeHtml(href)}" style="color:#2563eb;text-decoration:underline;">${name}</a>`);
  return `<p style="margin:10px 0 0 0;font-size:13px;line-height:20px;color:#6b7280;">Add to calendar: ${anchors.join(" &middot; ")}</p>`;
}

function eventCard(event: OverviewEvent, source: CallOverviewSource): string {
  const { timezone, terminology } = source.business;
  const phone = event.customerPhone ? formatPhoneNumber(event.customerPhone) : null;
  const customer = [event.customerName, phone, event.customerEmail].filter(Boolean).join(", ");
  const rows: [string, string | null][] = [
    ["Type", eventTypeLabel(event.eventType, terminology)],
    ["When", event.datetime ? formatEventDateTime(event.datetime, timezone) : "time to be agreed"],
    ["Duration", event.durationMinutes ? `${event.durationMinutes} min` : null],
    ["Where", event.location],
    ["Customer", customer || null],
    ["Urgency", event.urgencyLevel],
    ["Notes", event.notes],
  ];
  const details = rows
    .filter((row): row is [string, string] => Boolean(row[1]))
    .map(
      ([label, value]) =>
        `<tr><td valign="top" style="padding:2px 12px 2px 0;font-size:14px;color:#6b7280;white-space:nowrap;">${label}:</td>` +
        `<td style="padding:2px 0;font-size:14px;color:#111827;">${escapeHtml(value)}</td></tr>`,
    )
    .join("");
  const link = escapeHtml(eventUrl(source.webUrl, event.id));
  const calendar = event.datetime && event.calendarLinks ? addToCalendarHtml(event.calendarLinks) : "";
  return (
    `<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="margin:0 0 16px 0;border:1px solid #e5e7eb;border-radius:8px;">` +
    `<tr><td style="padding:16px;${FONT}">` +
    `<h2 style="margin:0 0 8px 0;font-size:17px;line-height:24px;color:#111827;">${escapeHtml(event.title)}</h2>` +
    `<table role="presentation" cellpadding="0" cellspacing="0" border="0">${details}</table>` +
    `<p style="margin:14px 0 0 0;"><a href="${link}" style="display:inline-block;padding:10px 18px;background:#2563eb;color:#ffffff;border-radius:6px;font-size:14px;font-weight:600;text-decoration:none;">Confirm in Flynn</a></p>` +
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
    `<h1 style="margin:0 0 12px 0;font-size:22px;line-height:28px;color:#111827;">${escapeHtml(heading)}</h1>`,
    paragraph(`Call from ${escapeHtml(caller)}${escapeHtml(when)}.`, "color:#4b5563;"),
    first ? paragraph(multiline(rendered.body.trim())) : "",
    call.callSummary && !template.bodyTemplate.includes("call_summary") ? paragraph(multiline(call.callSummary)) : "",
    events.length > 0
      ? `<h2 style="margin:20px 0 12px 0;font-size:16px;color:#111827;">${count} in this call</h2>` +
        events.map((event) => eventCard(event, source)).join("")
      : paragraph("No events were found in this call. Listen to it or read its transcript in Flynn."),
  ].join("");

  const html =
    `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">` +
    `<meta name="viewport" content="width=device-width,initial-scale=1"><title>${escapeHtml(subject)}</title></head>` +
    `<body style="margin:0;padding:0;background:#f3f4f6;">` +
    `<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="background:#f3f4f6;"><tr><td align="center" style="padding:24px 12px;">` +
    `<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="max-width:600px;background:#ffffff;border-radius:10px;">` +
    `<tr><td style="padding:16px 24px;border-bottom:1px solid #e5e7eb;${FONT}font-size:13px;color:#6b7280;">Flynn${business.companyName ? ` · ${escapeHtml(business.companyName)}` : ""}</td></tr>` +
    `<tr><td style="padding:24px;${FONT}">${body}</td></tr>` +
    `<tr><td style="padding:16px 24px;border-top:1px solid #e5e7eb;${FONT}font-size:12px;color:#9ca3af;">Times are in ${escapeHtml(business.timezone ?? "UTC")}. You get this email for every call to your Flynn number.</td></tr>` +
    `</table></td></tr></table></body></html>`;
  return { subject, html, text: htmlToText(html) };
}
