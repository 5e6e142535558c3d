/**
 * An audit row's record: its kind (a link to its page while it exists), its name when the row
 * says it, and a link to its whole history. Each on its own line, and spaced in the text, so
 * neither the eye nor a screen reader runs them together ("Event History", not "EventHistory").
 */
import { formatPhoneNumber } from "@flynn/domain/phone-format";
import { Link } from "@tanstack/react-router";
import { humanize } from "../../lib/format";

export interface AuditRecord {
  action: string;
  resourceType: string | null;
  resourceId: string | null;
  oldValues: Record<string, unknown> | null;
  newValues: Record<string, unknown> | null;
}

const linkClass =
  "font-medium text-indigo-700 hover:underline focus-visible:outline-2 focus-visible:outline-indigo-600";

/** A name for the record, when the row says it ("Boiler check", a caller's number). */
export function recordName(entry: AuditRecord): string | null {
  const values = { ...entry.oldValues, ...entry.newValues };
  const name = values.title ?? values.caller_name ?? values.caller_number ?? values.company_name ?? values.name;
  // A call is named by its caller's number: grouped as the rest of the dashboard shows it.
  return typeof name === "string" && name ? formatPhoneNumber(name) : null;
}

export function AuditRecordLink({ entry }: { entry: AuditRecord }) {
  const label = humanize(entry.resourceType);
  const name = recordName(entry);
  const id = entry.resourceId;
  // A deleted record has no page any more; its history still has its rows.
  const gone = entry.action.endsWith(".deleted");
  return (
    <span className="flex min-w-0 flex-col items-start gap-0.5 text-sm">
      {id && !gone && entry.resourceType === "call" ? (
        <Link to="/calls/$callId" params={{ callId: id }} className={linkClass}>
          {label}
        </Link>
      ) : id && !gone && entry.resourceType === "event" ? (
        <Link to="/events/$eventId" params={{ eventId: id }} className={linkClass}>
          {label}
        </Link>
      ) : (
        <span className="font-medium text-slate-800">{label}</span>
      )}{" "}
      {name ? <span className="block max-w-full truncate text-xs text-slate-600">{name}</span> : null}{" "}
      {id ? (
        <Link to="/audit" search={{ resourceId: id }} className={`text-xs ${linkClass}`}>
          History <span className="sr-only">of this {label.toLowerCase()}</span>
        </Link>
      ) : null}
    </span>
  );
}
