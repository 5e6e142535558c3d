/**
 * What a business's customer hears from Flynn about a booked event: the confirmation, a
 * notice that it moved or was cancelled, and reminders, by email and by SMS. Short and in
 * the business's terms: its name, the event in its words (a plumber's "service call"), the
 * time in its time zone, the place, the price if one was quoted, and its number to call for
 * changes. Every value is HTML-escaped in the email; template text is treated as plain text.
 */
import {
  eventTemplateValues,
  formatEventDateTime,
  formatPhoneNumber,
  formatPrice,
  renderTemplate,
  type TemplateEventData,
  type Terminology,
} from "@flynn/domain";
import { eventTypeLabel, type OverviewTemplate, type RenderedEmail } from "./call-overview";
import { escapeHtml, escapeMultiline, htmlToText } from "./html";
import {
  type AddToCalendarLinks,
  addToCalendarHtml,
  detailsTable,
  emailDocument,
  emailHeading,
  emailParagraph,
  SMALL_PRINT,
} from "./layout";

export type CustomerMessageKind = "confirmation" | "moved" | "cancellation" | "reminder";

export interface CustomerMessageSource {
  kind: CustomerMessageKind;
  business: {
    /** The company name (else the owner's name); null: the message names no one. */
    name: string | null;
    timezone: string | null;
    /** The number the customer calls for changes (the business's Flynn number), E.164. */
    phone: string | null;
    terminology: Terminology | null;
  };
  /** The event at its current time. */
  event: TemplateEventData & { datetime: Date };
  /** Email only: the industry's customer template, for a confirmation; null: Flynn's own words. */
  template?: OverviewTemplate | null;
  /** Email only: "add to calendar" links; none for a cancellation. */
  calendarLinks?: AddToCalendarLinks | null;
}

/** Two segments: enough for the essentials, cheap enough to send. */
export const SMS_MAX_LENGTH = 320;
export const SMS_OPT_OUT = "Reply STOP to opt out.";

function words(source: CustomerMessageSource) {
  const { business, event } = source;
  const label = eventTypeLabel(event.eventType, business.terminology) ?? "appointment";
  return {
    label,
    when: formatEventDateTime(event.datetime, business.timezone),
    phone: business.phone ? formatPhoneNumber(business.phone) : null,
    price: event.priceEstimate === null ? null : formatPrice(event.priceEstimate, event.currency),
  };
}

/** The sentence that says what happened, e.g. "is confirmed for Tue, Dec 1, 2026, 9:00 AM". */
function happened(kind: CustomerMessageKind, when: string): string {
  switch (kind) {
    case "confirmation":
      return `is confirmed for ${when}`;
    case "moved":
      return `has moved to ${when}`;
    case "cancellation":
      return `on ${when} has been cancelled`;
    case "reminder":
      return `is coming up on ${when}`;
  }
}

const HEADINGS: Record<CustomerMessageKind, (label: string) => string> = {
  confirmation: (label) => `Your ${label} is confirmed`,
  moved: (label) => `Your ${label} has a new time`,
  cancellation: (label) => `Your ${label} is cancelled`,
  reminder: (label) => `Reminder: your ${label} is coming up`,
};

/** The customer's email: subject, responsive inline-styled HTML, and its plain-text twin. */
export function renderCustomerEmail(source: CustomerMessageSource): RenderedEmail {
  const { kind, business, event } = source;
  const { label, when, phone, price } = words(source);
  const heading = HEADINGS[kind](label);
  const greeting = event.customerName ? `Hi ${event.customerName},` : "Hello,";
  const withWhom = business.name ? ` with ${business.name}` : "";
  const builtIn = `${greeting}\nYour ${label}${withWhom} ${happened(kind, when)}.`;
  const template = kind === "confirmation" ? source.template : null;
  const rendered = template
    ? renderTemplate(
        { subject: template.subjectTemplate, body: template.bodyTemplate },
        {
          ...eventTemplateValues(event, { timezone: business.timezone, companyName: business.name }),
          event_type: label,
        },
        template.variables,
      )
    : null;
  const subject =
    rendered?.subject.replace(/\s+/g, " ").trim() ||
    `${heading}${kind === "cancellation" ? "" : `: ${when}`}${business.name ? ` - ${business.name}` : ""}`;
  const intro = rendered?.body.trim() || builtIn;

  const links = kind === "cancellation" ? null : source.calendarLinks;
  const body =
    (business.name ? emailParagraph(escapeHtml(business.name), `margin:0 0 8px 0;${SMALL_PRINT}`) : "") +
    emailHeading(heading) +
    emailParagraph(escapeMultiline(intro), "margin:0 0 16px 0;") +
    detailsTable([
      ["What", event.title],
      ["When", `${when}${event.durationMinutes ? ` (${event.durationMinutes} min)` : ""}`],
      ["Where", event.location],
      ["Price", price ? `${price} (estimate)` : null],
    ]) +
    (links ? addToCalendarHtml(links) : "") +
    (phone
      ? emailParagraph(
          `Questions or changes? Call ${escapeHtml(business.name ?? "us")} at <a href="tel:${escapeHtml(business.phone ?? "")}" style="color:#2563eb;">${escapeHtml(phone)}</a>.`,
          "margin:16px 0 0 0;",
        )
      : "");
  const footer = `Times are in ${escapeHtml(business.timezone ?? "UTC")}. You get this email because you booked ${escapeHtml(`${label}${withWhom}`)} by phone.`;
  const html = emailDocument({ title: subject, body, footer });
  return { subject, html, text: htmlToText(html) };
}

const clip = (text: string, max: number) => (text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`);

/**
 * The customer's text: at most SMS_MAX_LENGTH characters, always ending with the opt-out
 * line. When everything does not fit, the price goes first, then the place and the title
 * are shortened.
 */
export function renderCustomerSms(source: CustomerMessageSource): string {
  const { kind, business, event } = source;
  const { label, when, phone, price } = words(source);
  const from = business.name ? clip(business.name.replace(/\s+/g, " ").trim(), 40) : null;
  const build = (title: string | null, place: string | null, withPrice: boolean) => {
    const opening =
      kind === "reminder"
        ? `Reminder${from ? ` from ${from}` : ""}: your ${label}`
        : `${from ? `${from}: your` : "Your"} ${label}`;
    const parts = [
      `${opening}${title ? ` "${title}"` : ""} ${happened(kind, when)}${place && kind !== "cancellation" ? ` at ${place}` : ""}.`,
      withPrice && price && kind !== "cancellation" ? `Estimate ${price}.` : null,
      phone ? `${kind === "cancellation" ? "Questions" : "Questions or changes"}: call ${phone}.` : null,
      SMS_OPT_OUT,
    ];
    return parts.filter(Boolean).join(" ");
  };
  const title = event.title.replace(/\s+/g, " ").trim();
  const place = event.location?.replace(/\s+/g, " ").trim() || null;
  const attempts: [string | null, string | null, boolean][] = [
    [title, place, true],
    [title, place, false],
    [clip(title, 60), place && clip(place, 60), false],
    [clip(title, 30), place && clip(place, 30), false],
    [null, null, false],
  ];
  for (const [shortTitle, shortPlace, withPrice] of attempts) {
    const text = build(shortTitle, shortPlace, withPrice);
    if (text.length <= SMS_MAX_LENGTH) return text;
  }
  return `${clip(build(null, null, false).slice(0, -SMS_OPT_OUT.length - 1), SMS_MAX_LENGTH - SMS_OPT_OUT.length - 1)} ${SMS_OPT_OUT}`;
}
