/**
 * The owner's notice that a calendar connection stopped working (Google's `invalid_grant`:
 * access revoked, expired or reset): Flynn no longer puts events into that calendar until
 * the owner connects it again, which one button on the settings page does.
 */
import type { RenderedEmail } from "./call-overview";
import { escapeHtml, htmlToText } from "./html";
import { emailButton, emailDocument, emailHeading, emailParagraph, SMALL_PRINT } from "./layout";

export interface CalendarDisconnectedSource {
  /** "Google Calendar", "Outlook". */
  providerLabel: string;
  /** Why, as the connection's last_error says it. */
  reason: string | null;
  /** The dashboard's calendar settings, where the owner reconnects. */
  settingsUrl: string;
  ownerName: string | null;
}

export function renderCalendarDisconnected(source: CalendarDisconnectedSource): RenderedEmail {
  const label = escapeHtml(source.providerLabel);
  const subject = `Reconnect ${source.providerLabel}: Flynn can no longer add your events`;
  const greeting = source.ownerName ? `Hi ${escapeHtml(source.ownerName)},` : "Hello,";
  const body =
    emailHeading(`Reconnect ${source.providerLabel}`) +
    emailParagraph(
      `${greeting}<br>${label} no longer accepts Flynn's access, so confirmed events are not being added to your calendar. ` +
        "Nothing is lost: once you reconnect, Flynn brings your upcoming events up to date.",
    ) +
    (source.reason ? emailParagraph(`${label} said: ${escapeHtml(source.reason)}`, SMALL_PRINT) : "") +
    emailButton(source.settingsUrl, `Reconnect ${source.providerLabel}`);
  const html = emailDocument({
    title: subject,
    body,
    footer: "You get this email once each time a calendar connection stops working.",
  });
  return { subject, html, text: htmlToText(html) };
}
