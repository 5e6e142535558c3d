/**
 * A stored message as its recipient got it: an email's HTML in a fully sandboxed frame
 * (whatever the stored HTML holds, it cannot reach the dashboard), or the plain text sent
 * with it, derived from the HTML by the same function the worker uses.
 */
import { htmlToText } from "@flynn/email/html";
import { useState } from "react";
import { SandboxedHtml } from "../../components/sandboxed-html";
import { Tabs } from "../../components/tabs";

type View = "html" | "text";
const VIEWS = [
  { value: "html", label: "As sent" },
  { value: "text", label: "Plain text" },
] as const;

export function EmailBody({ html, subject }: { html: string; subject: string }) {
  const [view, setView] = useState<View>("html");
  return (
    <div>
      <Tabs label="Show the email" tabs={VIEWS} selected={view} onSelect={setView} />
      <div role="tabpanel" aria-label={VIEWS.find((v) => v.value === view)?.label} className="mt-3">
        {view === "html" ? (
          <SandboxedHtml html={html} title={`Email: ${subject}`} className="h-[70vh] min-h-96" />
        ) : (
          <PlainText text={htmlToText(html)} />
        )}
      </div>
    </div>
  );
}

export function PlainText({ text }: { text: string }) {
  return (
    <pre className="max-h-[70vh] min-h-24 overflow-auto whitespace-pre-wrap break-words rounded-md bg-slate-50 p-4 font-sans text-sm text-slate-800 ring-1 ring-slate-200">
      {text}
    </pre>
  );
}
