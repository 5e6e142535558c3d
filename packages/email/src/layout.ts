/**
 * The frame of Flynn's emails: a white card centred on grey, table-based and inline-styled
 * (what email clients render reliably), with the title in <head> and an optional footer row.
 * `body` and `footer` are HTML the caller has escaped; `title` is escaped here.
 */
import { escapeHtml } from "./html";

export const EMAIL_FONT = "font-family:-apple-system,BlinkMacSystemFont,'Segoe UI',Helvetica,Arial,sans-serif;";

export function emailDocument({
  title,
  body,
  footer,
  maxWidth = 560,
}: {
  title: string;
  body: string;
  footer?: string;
  maxWidth?: number;
}): string {
  return (
    `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">` +
    `<meta name="viewport" content="width=device-width,initial-scale=1"><title>${escapeHtml(title)}</title></head>` +
    `<body style="margin:0;padding:0;background:#f3f4f6;">` +
    `<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="background:#f3f4f6;"><tr><td align="center" style="padding:24px 12px;">` +
    `<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="max-width:${maxWidth}px;background:#ffffff;border-radius:10px;">` +
    `<tr><td style="padding:24px;${EMAIL_FONT}">${body}</td></tr>` +
    (footer
      ? `<tr><td style="padding:14px 24px;border-top:1px solid #e5e7eb;${EMAIL_FONT}font-size:12px;color:#9ca3af;">${footer}</td></tr>`
      : "") +
    `</table></td></tr></table></body></html>`
  );
}
