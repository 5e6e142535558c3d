/**
 * The owner's notice that a calendar connection stopped working (Google's `invalid_grant`:
 * access revoked, expired or reset): Flynn no longer puts events into that calendar until
 * the owner connects it again, which one button on the settings page does.
 */
import type { RenderedEmail } from "./call-overview";
import { escapeHtml, htmlToText } from "./html";

export interface CalendarDisconnectedSource {
  /** "Google Calendar", "Outlook". */
  providerLabel: string;
  /** Why, as the connection's last_error says it. */
  reason: string | null;
  /** The dashboard's calendar settings, where the owner reconnects. */
  settingsUrl: string;
  ownerName: string | null;
}

const FONT = "font-family:-apple-system,BlinkMacSystemFont,'Segoe UI',Helvetica,Arial,sans-serif;";

export function renderCalendarDisconnected(source: CalendarDisconnectedSource): RenderedEmail {
  const label = escapeHtml(source.providerLabel);
  const subject = `Reconnect ${source.providerLabel}: Flynn can no longer add your events`;
  const greeting = source.ownerName ? `Hi ${escapeHtml(source.ownerName)},` : "Hello,";
  const html =
    `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">` +
    `<meta name="viewport" content="width=device-width,initial-scale=1"><title>${escapeHtml(subject)}</title></head>` +
    `<body style="margin:0;padding:0;background:#f3f4f6;">` +
    `<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="background:#f3f4f6;"><tr><td align="center" style="padding:24px 12px;">` +
    `<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="max-width:560px;background:#ffffff;border-radius:10px;">` +
    `<tr><td style="padding:24px;${FONT}">` +
    `<h1 style="margin:0 0 16px 0;font-size:21px;line-height:28px;color:#111827;">Reconnect ${label}</h1>` +
    `<p style="margin:0 0 12px 0;font-size:15px;line-height:22px;color:#1f2937;">${greeting}<br>` +
    `${label} no longer accepts Flynn's access, so confirmed events are not being added to your calendar. ` +
    `Nothing is lost: once you reconnect, Flynn brings your upcoming events up to date.</p>` +
    (source.reason
      ? `<p style="margin:0 0 12px 0;font-size:13px;line-height:20px;color:#6b7280;">${label} said: ${escapeHtml(source.reason)}</p>`
      : "") +
    `<p style="margin:16px 0 0 0;"><a href="${escapeHtml(source.settingsUrl)}" style="display:inline-block;padding:10px 18px;background:#2563eb;color:#ffffff;border-radius:6px;font-size:14px;font-weight:600;text-decoration:none;">Reconnect ${label}</a></p>` +
    `</td></tr>` +
    `<tr><td style="padding:14px 24px;border-top:1px solid #e5e7eb;${FONT}font-size:12px;color:#9ca3af;">` +
    `You get this email once each time a calendar connection stops working.` +
    `</td></tr></table></td></tr></table></body></html>`;
  return { subject, html, text: htmlToText(html) };
}
