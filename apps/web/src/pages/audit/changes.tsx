/**
 * What an audit row changed, field by field: "Status extracted → confirmed". The trigger
 * stores only the changed columns of an update, and the whole row of a creation or deletion;
 * a few fields show inline, the rest behind "Show all".
 */
import { formatPhoneNumber } from "@flynn/domain/phone-format";
import { useId, useState } from "react";
import { formatDateTime, humanize } from "../../lib/format";

export interface FieldChange {
  field: string;
  /** undefined: the field did not exist before (a creation) or after (a deletion). */
  before?: unknown;
  after?: unknown;
  /** Changed, but the trigger keeps its values out of the log (a call's transcript). */
  hidden?: true;
}

/** Columns every row has, which say nothing about a creation or deletion. */
const ROW_IDENTITY = new Set(["id", "user_id", "created_at"]);

/**
 * The database's own bookkeeping, never a change anyone made: keyed hashes that sit beside
 * sealed values (a customer's phone, a feed token) and the calendar's change counter, which
 * moves with every other change. The sealed value's own entry says that it changed.
 */
const isBookkeeping = (field: string) => field === "calendar_sequence" || field.endsWith("_hash");

/** What the audit trigger stores instead of a hidden column's value, before and after alike. */
const HIDDEN = "[hidden]";

/** Columns whose name says less than the word the dashboard uses for them. */
const FIELD_LABELS: Record<string, string> = { transcription_text: "Transcript" };

export function fieldLabel(field: string): string {
  return FIELD_LABELS[field] ?? humanize(field);
}

export function auditChanges(
  oldValues: Record<string, unknown> | null,
  newValues: Record<string, unknown> | null,
): FieldChange[] {
  if (oldValues && newValues) {
    const fields = [...new Set([...Object.keys(oldValues), ...Object.keys(newValues)])].filter(
      (field) => !isBookkeeping(field),
    );
    return fields.flatMap((field): FieldChange[] => {
      const [before, after] = [oldValues[field], newValues[field]];
      // An update stores only the columns it changed, so a hidden one here did change.
      if (before === HIDDEN && after === HIDDEN) return [{ field, hidden: true }];
      if (JSON.stringify(before) === JSON.stringify(after)) return [];
      return [{ field, before: before ?? null, after: after ?? null }];
    });
  }
  const row = newValues ?? oldValues ?? {};
  const side = newValues ? "after" : "before";
  return Object.entries(row)
    .filter(([field, value]) => value !== null && !ROW_IDENTITY.has(field) && !isBookkeeping(field))
    .map(([field, value]) => ({ field, [side]: value }));
}

const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}(:?\d{2})?)$/;

/** A stored value as text: times in the business's timezone, phone numbers grouped, nothing as "empty". */
export function formatAuditValue(value: unknown, timezone: string): string {
  if (value === null || value === undefined || value === "") return "empty";
  if (value === HIDDEN) return "hidden";
  if (typeof value === "boolean") return value ? "yes" : "no";
  if (typeof value === "string") {
    if (TIMESTAMP.test(value)) return formatDateTime(value, timezone);
    // A stored phone number (E.164) reads as it does everywhere else in the dashboard; other text is unchanged.
    return formatPhoneNumber(value);
  }
  if (typeof value === "number") return String(value);
  return JSON.stringify(value);
}

/** How many changes show before "Show all". */
export const INLINE_CHANGES = 3;

export function AuditChanges({
  oldValues,
  newValues,
  timezone,
}: {
  oldValues: Record<string, unknown> | null;
  newValues: Record<string, unknown> | null;
  timezone: string;
}) {
  const id = useId();
  const [expanded, setExpanded] = useState(false);
  const changes = auditChanges(oldValues, newValues);
  if (changes.length === 0) return <span className="text-xs text-slate-400">No field changes</span>;
  const shown = expanded ? changes : changes.slice(0, INLINE_CHANGES);
  const hidden = changes.length - shown.length;

  return (
    <div>
      <dl id={id} className="space-y-0.5 text-xs">
        {shown.map((change) => (
          <div key={change.field} className={`flex gap-1.5 ${expanded ? "" : "min-w-0"}`}>
            <dt className="shrink-0 font-medium text-slate-600">{fieldLabel(change.field)}</dt>
            <dd className={`min-w-0 text-slate-800 ${expanded ? "break-words" : "truncate"}`}>
              <ChangeText change={change} timezone={timezone} />
            </dd>
          </div>
        ))}
      </dl>
      {changes.length > INLINE_CHANGES ? (
        <button
          type="button"
          aria-expanded={expanded}
          aria-controls={id}
          onClick={() => setExpanded((open) => !open)}
          className="mt-1 rounded text-xs font-medium text-indigo-700 hover:underline focus-visible:outline-2 focus-visible:outline-indigo-600"
        >
          {expanded ? "Show less" : `Show all ${changes.length} fields (${hidden} more)`}
        </button>
      ) : null}
    </div>
  );
}

function ChangeText({ change, timezone }: { change: FieldChange; timezone: string }) {
  if (change.hidden) return <>updated</>;
  const before = "before" in change ? formatAuditValue(change.before, timezone) : null;
  const after = "after" in change ? formatAuditValue(change.after, timezone) : null;
  if (before !== null && after !== null) {
    return (
      <>
        <del className="text-slate-500 no-underline">{before}</del>
        <span aria-hidden className="mx-1 text-slate-400">
          →
        </span>
        <span className="sr-only"> changed to </span>
        <ins className="no-underline">{after}</ins>
      </>
    );
  }
  return <>{after ?? before}</>;
}
