/**
 * HTML that is not the dashboard's own (an email, a template preview) in an iframe with
 * every sandbox restriction on (`sandbox=""`): no scripts, no forms, no navigation of the
 * dashboard, and a unique origin, so nothing in it can read the session or call the API.
 */
export function SandboxedHtml({
  html,
  title,
  className = "h-96",
}: {
  html: string;
  title: string;
  className?: string;
}) {
  return (
    <iframe
      title={title}
      sandbox=""
      referrerPolicy="no-referrer"
      srcDoc={html}
      className={`block w-full rounded-md bg-white ring-1 ring-slate-200 ${className}`}
    />
  );
}
