/**
 * The frame of Flynn's emails and the pieces they are made of: a white card centred on grey,
 * table-based and inline-styled (what email clients render reliably), with the title in
 * <head>, optional header and footer rows, paragraphs, a button, a table of details and the
 * "add to calendar" links. HTML arguments are HTML the caller has escaped; text arguments
 * (titles, labels, values, addresses) are escaped here.
 */
import { escapeHtml } from "./html";

export const EMAIL_FONT = "font-family:-apple-system,BlinkMacSystemFont,'Segoe UI',Helvetica,Arial,sans-serif;";

export function emailDocument({
  title,
  body,
  header,
  footer,
  maxWidth = 560,
}: {
  title: string;
  body: string;
  header?: string;
  footer?: string;
  maxWidth?: number;
}): string {
  return (
    `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">` +
    `<meta name="viewport" content="width=device-width,initial-scale=1"><title>${escapeHtml(title)}</title></head>` +
    `<body style="margin:0;padding:0;background:#f3f4f6;">` +
    `<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="background:#f3f4f6;"><tr><td align="center" style="padding:24px 12px;">` +
    `<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="max-width:${maxWidth}px;background:#ffffff;border-radius:10px;">` +
    (header
      ? `<tr><td style="padding:16px 24px;border-bottom:1px solid #e5e7eb;${EMAIL_FONT}font-size:13px;color:#6b7280;">${header}</td></tr>`
      : "") +
    `<tr><td style="padding:24px;${EMAIL_FONT}">${body}</td></tr>` +
    (footer
      ? `<tr><td style="padding:14px 24px;border-top:1px solid #e5e7eb;${EMAIL_FONT}font-size:12px;color:#9ca3af;">${footer}</td></tr>`
      : "") +
    `</table></td></tr></table></body></html>`
  );
}

/** The message's heading. */
export const emailHeading = (text: string) =>
  `<h1 style="margin:0 0 16px 0;font-size:21px;line-height:28px;color:#111827;">${escapeHtml(text)}</h1>`;

/** A paragraph of body text; `style` adds to (and overrides) its look. */
export const emailParagraph = (html: string, style = "") =>
  `<p style="margin:0 0 12px 0;font-size:15px;line-height:22px;color:#1f2937;${style}">${html}</p>`;

/** Small grey text: asides, the sender's name, the calendar links. */
export const SMALL_PRINT = "font-size:13px;line-height:20px;color:#6b7280;";

/** The message's one call to action, as a button. */
export const emailButton = (href: string, label: string) =>
  `<p style="margin:16px 0 0 0;"><a href="${escapeHtml(href)}" style="display:inline-block;padding:10px 18px;background:#2563eb;color:#ffffff;border-radius:6px;font-size:14px;font-weight:600;text-decoration:none;">${escapeHtml(label)}</a></p>`;

/** Label and value rows (the rows without a value left out); the text part reads "label value". */
export function detailsTable(rows: [label: string, value: string | null][]): string {
  const cells = rows
    .filter((row): row is [string, string] => Boolean(row[1]))
    .map(
      ([label, value]) =>
        `<tr><td valign="top" style="padding:2px 12px 2px 0;font-size:14px;color:#6b7280;white-space:nowrap;">${escapeHtml(label)}</td>` +
        `<td style="padding:2px 0;font-size:14px;color:#111827;">${escapeHtml(value)}</td></tr>`,
    )
    .join("");
  return `<table role="presentation" cellpadding="0" cellspacing="0" border="0">${cells}</table>`;
}

/** Google's and Outlook's "new event" pages filled in, and the event's .ics file (@flynn/calendar's calendarLinks). */
export interface AddToCalendarLinks {
  google: string;
  outlook: string;
  ics: string;
}

/** "Add to calendar: Google · Outlook · Apple / other (.ics)", as plain links under an event. */
export function addToCalendarHtml(links: AddToCalendarLinks): string {
  const anchors = (
    [
      ["Google", links.google],
      ["Outlook", links.outlook],
      ["Apple / other (.ics)", links.ics],
    ] as const
  ).map(([name, href]) => `<a href="${escapeHtml(href)}" style="color:#2563eb;text-decoration:underline;">${name}</a>`);
  return emailParagraph(`Add to calendar: ${anchors.join(" &middot; ")}`, `margin:10px 0 0 0;${SMALL_PRINT}`);
}
