/**
 * A date and a time typed as the business's clocks show them, with the zone named (and its
 * abbreviation on that day, EST or EDT), so the owner never wonders whose 9 AM it is.
 */
import type { ReactNode } from "react";
import { TextField } from "../../components/field";
import { zoneName } from "../../lib/format";
import { readLocalDateTime } from "./event-form";

/** "America/New_York (EST)": the abbreviation in force at the time typed, else now. */
export function zoneLabel(date: string, time: string, timezone: string): string {
  const typed = readLocalDateTime(date, time || "12:00", timezone);
  const at = typed.ok && typed.at ? typed.at : new Date();
  return `${timezone.replace(/_/g, " ")} (${zoneName(at, timezone)})`;
}

export function DateTimeFields({
  date,
  time,
  timezone,
  onChange,
  errors = {},
  disabled,
  hint,
  required,
}: {
  date: string;
  time: string;
  timezone: string;
  onChange: (next: { date: string; time: string }) => void;
  errors?: { date?: string | undefined; time?: string | undefined };
  disabled?: boolean;
  hint?: ReactNode;
  required?: boolean;
}) {
  return (
    <div>
      <div className="grid grid-cols-2 gap-3">
        <TextField
          label="Date"
          type="date"
          name="date"
          value={date}
          required={required}
          disabled={disabled}
          error={errors.date}
          onChange={(e) => onChange({ date: e.target.value, time })}
        />
        <TextField
          label="Time"
          type="time"
          name="time"
          value={time}
          required={required}
          disabled={disabled}
          error={errors.time}
          onChange={(e) => onChange({ date, time: e.target.value })}
        />
      </div>
      <p className="mt-1 text-xs text-slate-500">
        Time zone: <span className="font-medium text-slate-700">{zoneLabel(date, time, timezone)}</span>
        {hint ? <> · {hint}</> : null}
      </p>
    </div>
  );
}
