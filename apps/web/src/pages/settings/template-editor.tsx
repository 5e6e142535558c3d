/**
 * The pieces of the email-template editor with logic of their own: subject and body with the
 * placeholders Flynn fills (a click inserts one where the cursor was), the fallback value of
 * each placeholder the text uses, and the live preview, rendered by the server
 * (`templates.preview`) once typing pauses and shown in a sandboxed iframe.
 */
import {
  isTemplatePlaceholder,
  MAX_TEMPLATE_FALLBACK_LENGTH,
  sameJson,
  TEMPLATE_PLACEHOLDERS,
  type TemplatePlaceholder,
  templateVariables,
} from "@flynn/domain";
import { escapeHtml } from "@flynn/email/html";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { type FocusEvent, useMemo, useRef } from "react";
import { ErrorState, Skeleton } from "../../components/feedback";
import { controlClass, TextAreaField, TextField } from "../../components/field";
import { SandboxedHtml } from "../../components/sandboxed-html";
import { trpc } from "../../lib/trpc";
import { useDebouncedValue } from "./use-debounced-value";

/** What each placeholder Flynn fills from an event holds. */
const PLACEHOLDER_HINTS: Record<TemplatePlaceholder, string> = {
  customer_name: "The caller's name",
  customer_phone: "The caller's phone number",
  customer_email: "The caller's email",
  company_name: "Your business name",
  event_title: "The event's title",
  event_type: "The kind of event, e.g. service call",
  event_date: "The day, e.g. Tue, Dec 1, 2026",
  event_datetime: "Day and time, e.g. Tue, Dec 1, 2026, 3:00 PM",
  duration_minutes: "Length in minutes",
  location: "Where it takes place",
  main_topic: "What the call was about",
  call_summary: "A summary of the call",
  urgency_level: "low, medium, high or emergency",
  price_estimate: "The quoted price, e.g. $185.00",
  notes: "Notes on the event",
  event_url: "Link to the event in Flynn",
};

export interface TemplateText {
  subject: string;
  body: string;
}

/** Placeholder -> the text used when an event has no value for it ("" for none). */
export type TemplateFallbacks = Record<string, string>;

/**
 * The fallbacks a template with this text declares: one for each placeholder Flynn fills that
 * the text uses, in order of first use, from `known` (typed or stored ones), else "".
 */
export function declaredFallbacks(
  text: TemplateText,
  known: Readonly<Record<string, unknown>> | null | undefined,
): TemplateFallbacks {
  return Object.fromEntries(
    templateVariables(text.subject, text.body)
      .filter(isTemplatePlaceholder)
      .map((name) => {
        const value = known && Object.hasOwn(known, name) ? known[name] : "";
        return [name, typeof value === "string" ? value : ""];
      }),
  );
}

type TextControl = HTMLInputElement | HTMLTextAreaElement;

/**
 * Subject and body, controlled, with the list of placeholders. A placeholder goes into the
 * field that last had focus (the body at first), replacing its selection, and the cursor
 * lands right after it so typing carries on.
 */
export function TemplateTextFields({
  value,
  onChange,
  errors = {},
  readOnly = false,
}: {
  value: TemplateText;
  onChange: (next: TemplateText) => void;
  errors?: { subject?: string; body?: string };
  readOnly?: boolean;
}) {
  const fields = useRef<HTMLDivElement>(null);
  // The field that last had focus; until one has, placeholders go to the end of the body.
  const lastControl = useRef<TextControl | null>(null);
  const unknown = templateVariables(value.subject, value.body).filter((name) => !isTemplatePlaceholder(name));
  const remember = (event: FocusEvent<TextControl>) => {
    lastControl.current = event.currentTarget;
  };

  const insert = (name: TemplatePlaceholder) => {
    const focused = lastControl.current;
    const control = focused ?? fields.current?.querySelector("textarea");
    if (!control) return;
    const field: keyof TemplateText = control.tagName === "TEXTAREA" ? "body" : "subject";
    const text = value[field];
    const token = `{{${name}}}`;
    // A field never focused has no cursor the user chose: add to the end.
    const start = (focused && control.selectionStart) ?? text.length;
    const end = (focused && control.selectionEnd) ?? start;
    onChange({ ...value, [field]: text.slice(0, start) + token + text.slice(end) });
    const cursor = start + token.length;
    // After React has written the new value, or setting the selection would be undone.
    requestAnimationFrame(() => {
      control.focus();
      control.setSelectionRange(cursor, cursor);
    });
  };

  return (
    <div className="space-y-4" ref={fields}>
      <TextField
        label="Subject"
        value={value.subject}
        readOnly={readOnly}
        maxLength={200}
        onFocus={remember}
        onChange={(event) => onChange({ ...value, subject: event.target.value })}
        error={errors.subject}
      />
      {/* Monospaced, so placeholders and spacing read as typed. */}
      <div className="[&_textarea]:font-mono">
        <TextAreaField
          label="Body"
          rows={10}
          value={value.body}
          readOnly={readOnly}
          onFocus={remember}
          onChange={(event) => onChange({ ...value, body: event.target.value })}
          error={errors.body}
          hint="Plain text: line breaks are kept, HTML is shown as typed."
        />
      </div>
      {readOnly ? null : (
        <div>
          <h3 className="text-sm font-medium text-slate-800" id="placeholders-heading">
            Available variables
          </h3>
          <p className="text-xs text-slate-500">Click one to insert it where the cursor is.</p>
          <ul aria-labelledby="placeholders-heading" className="mt-2 flex flex-wrap gap-1.5">
            {TEMPLATE_PLACEHOLDERS.map((name) => (
              <li key={name}>
                <button
                  type="button"
                  title={PLACEHOLDER_HINTS[name]}
                  aria-label={`Insert ${name}: ${PLACEHOLDER_HINTS[name]}`}
                  onClick={() => insert(name)}
                  className="rounded bg-slate-100 px-1.5 py-0.5 font-mono text-xs text-slate-700 hover:bg-indigo-50 hover:text-indigo-700 focus-visible:outline-2 focus-visible:outline-indigo-600"
                >
                  {`{{${name}}}`}
                </button>
              </li>
            ))}
          </ul>
        </div>
      )}
      {unknown.length > 0 ? (
        <p role="status" className="rounded-md bg-amber-50 px-3 py-2 text-xs text-amber-900">
          Flynn has no value for {unknown.map((name) => `{{${name}}}`).join(", ")}: it stays empty in emails.
        </p>
      ) : null}
    </div>
  );
}

/**
 * What an email says for each placeholder the text uses when the call gave no value for it
 * ("the caller" for a missing name). `value` is `declaredFallbacks` of the text, so the rows
 * follow the text as it is typed.
 */
export function FallbackValues({
  value,
  onChange,
  errors = {},
  readOnly = false,
}: {
  value: TemplateFallbacks;
  onChange: (name: TemplatePlaceholder, fallback: string) => void;
  errors?: Partial<Record<string, string>>;
  readOnly?: boolean;
}) {
  const names = Object.keys(value).filter(isTemplatePlaceholder);
  return (
    <section aria-labelledby="fallbacks-heading">
      <h3 id="fallbacks-heading" className="text-sm font-medium text-slate-800">
        Fallback values
      </h3>
      <p className="text-xs text-slate-500">
        Used when a call does not give the value, e.g. “the caller” for a missing name. Left empty, the variable is left
        out.
      </p>
      {names.length === 0 ? (
        <p className="mt-2 text-sm text-slate-500">This template uses none of Flynn's variables yet.</p>
      ) : (
        <div className="mt-2 overflow-x-auto">
          <table className="w-full text-sm">
            <thead>
              <tr className="text-left text-xs text-slate-500">
                <th scope="col" className="w-2/5 py-1 pr-2 font-medium">
                  Variable
                </th>
                <th scope="col" className="py-1 font-medium">
                  When the call has no value
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {names.map((name) => {
                const error = errors[name];
                return (
                  <tr key={name}>
                    <td className="py-1.5 pr-2 align-top">
                      <code className="break-all font-mono text-xs text-slate-800">{`{{${name}}}`}</code>
                      <span className="block text-xs text-slate-500">{PLACEHOLDER_HINTS[name]}</span>
                    </td>
                    <td className="py-1.5 align-top">
                      <input
                        className={controlClass}
                        aria-label={`Fallback for ${name}`}
                        value={value[name]}
                        readOnly={readOnly}
                        maxLength={MAX_TEMPLATE_FALLBACK_LENGTH}
                        placeholder={readOnly ? "None" : "Left out"}
                        aria-invalid={error ? true : undefined}
                        onChange={(event) => onChange(name, event.target.value)}
                      />
                      {error ? (
                        <p role="alert" className="mt-1 text-xs text-red-600">
                          {error}
                        </p>
                      ) : null}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

/** How long typing must pause before the preview is asked for. */
export const PREVIEW_DELAY_MS = 400;

/**
 * The draft travels in the query's URL (tRPC queries are GETs), and Node refuses request
 * heads over 16 KB: a longer draft is not previewed live.
 */
const MAX_DRAFT_URL_LENGTH = 12_000;

function fitsInUrl(draft: object): boolean {
  return encodeURIComponent(JSON.stringify(draft)).length <= MAX_DRAFT_URL_LENGTH;
}

/** The rendered template as a small email page; all of it escaped, as the sent email does. */
export function previewDocument(subject: string, body: string): string {
  const text = (value: string) => escapeHtml(value).replace(/\r?\n/g, "<br>");
  return (
    `<!DOCTYPE html><html><head><meta charset="utf-8"></head>` +
    `<body style="margin:0;padding:16px;font-family:-apple-system,BlinkMacSystemFont,'Segoe UI',Helvetica,Arial,sans-serif;color:#1f2937;">` +
    `<p style="margin:0 0 12px 0;padding-bottom:8px;border-bottom:1px solid #e5e7eb;font-size:14px;"><strong>Subject:</strong> ${text(subject)}</p>` +
    `<p style="margin:0;font-size:15px;line-height:22px;">${text(body)}</p></body></html>`
  );
}

/** A template's text and, when the editor has them, its fallbacks (`declaredFallbacks`). */
export interface PreviewedTemplate extends TemplateText {
  variables?: TemplateFallbacks;
}

/**
 * The template as an email would say it, with a sample call's data. `text` is the editor's
 * current (possibly unsaved) text and fallbacks; they are sent only once typing pauses, and
 * only when they differ from the stored template.
 */
export function TemplatePreview({
  templateId,
  stored,
  text,
}: {
  templateId: string;
  stored: PreviewedTemplate;
  text: PreviewedTemplate;
}) {
  // As text, so a new but equal map (one per render) does not restart the typing pause.
  const fallbacks = text.variables === undefined ? undefined : JSON.stringify(text.variables);
  const current = useMemo(
    () => ({ subject: text.subject, body: text.body, fallbacks }),
    [text.subject, text.body, fallbacks],
  );
  const settled = useDebouncedValue(current, PREVIEW_DELAY_MS);
  const variables: TemplateFallbacks | undefined =
    settled.fallbacks === undefined ? undefined : JSON.parse(settled.fallbacks);
  const edited =
    settled.subject !== stored.subject ||
    settled.body !== stored.body ||
    (variables !== undefined && !sameJson(variables, stored.variables ?? {}));
  const draft = {
    subjectTemplate: settled.subject,
    bodyTemplate: settled.body,
    ...(variables === undefined ? {} : { variables }),
  };
  const tooLong = edited && !fitsInUrl(draft);
  const preview = useQuery({
    ...trpc.templates.preview.queryOptions({ templateId, ...(edited && !tooLong ? { draft } : {}) }),
    // The last preview stays up while the next one renders: no flashing while typing.
    placeholderData: keepPreviousData,
    retry: false,
  });
  const typing = current !== settled;

  return (
    <section aria-labelledby="template-preview-heading" className="space-y-2">
      <div className="flex items-center justify-between gap-2">
        <h3 id="template-preview-heading" className="text-sm font-medium text-slate-800">
          Preview
        </h3>
        <span aria-live="polite" className="text-xs text-slate-500">
          {typing || preview.isFetching ? "Updating…" : "With a sample call"}
        </span>
      </div>
      {tooLong ? (
        <p role="status" className="rounded-md bg-amber-50 px-3 py-2 text-xs text-amber-900">
          This text is too long to preview as you type: the preview shows the saved template. Save to see your changes.
        </p>
      ) : null}
      {preview.data ? (
        <SandboxedHtml title="Email preview" html={previewDocument(preview.data.subject, preview.data.body)} />
      ) : preview.error ? (
        <ErrorState error={preview.error} onRetry={() => preview.refetch()} />
      ) : (
        <Skeleton className="h-96 w-full" />
      )}
      {preview.data && preview.error ? <ErrorState error={preview.error} /> : null}
      {preview.data && preview.data.missing.length > 0 ? (
        <p className="text-xs text-slate-500">
          No value in this sample for {preview.data.missing.map((name) => `{{${name}}}`).join(", ")}: the template's
          fallback (or nothing) is shown.
        </p>
      ) : null}
    </section>
  );
}
