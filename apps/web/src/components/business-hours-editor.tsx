/**
 * Opening hours per weekday, in the shape the API stores (`businessHoursSchema`): a closed
 * day is absent, an open one is `{ start: "HH:MM", end: "HH:MM" }`. Controlled: the value
 * comes in, every edit goes out through onChange, invalid days included, so the parent
 * decides when it may save (`businessHoursErrors` is empty).
 */
import { type BusinessHours, WEEKDAYS, type Weekday } from "@flynn/domain";
import { useId, useRef } from "react";
import { Button } from "./button";
import { controlClass } from "./field";

type DayHours = NonNullable<BusinessHours[Weekday]>;

const DAY_NAMES: Record<Weekday, string> = {
  monday: "Monday",
  tuesday: "Tuesday",
  wednesday: "Wednesday",
  thursday: "Thursday",
  friday: "Friday",
  saturday: "Saturday",
  sunday: "Sunday",
};

const WORKDAYS_AFTER_MONDAY: readonly Weekday[] = ["tuesday", "wednesday", "thursday", "friday"];

/** What a day opens with when it had no hours before. */
const FIRST_OPENING: DayHours = { start: "09:00", end: "17:00" };

/** Why each open day's hours cannot be saved; empty when all can. */
export function businessHoursErrors(hours: BusinessHours): Partial<Record<Weekday, string>> {
  const errors: Partial<Record<Weekday, string>> = {};
  for (const day of WEEKDAYS) {
    const open = hours[day];
    if (!open) continue;
    // <input type="time"> yields "" while a time is incomplete.
    if (!open.start || !open.end) errors[day] = "Enter both an opening and a closing time";
    // Zero-padded 24-hour times sort as strings do.
    else if (open.end <= open.start) errors[day] = "Closing time must be after opening time";
  }
  return errors;
}

/** The hours in WEEKDAYS order (jsonb does not keep key order), so equal hours compare equal. */
function ordered(hours: BusinessHours): BusinessHours {
  const next: BusinessHours = {};
  for (const day of WEEKDAYS) {
    const open = hours[day];
    if (open) next[day] = open;
  }
  return next;
}

export function BusinessHoursEditor({
  value,
  onChange,
  errors: serverErrors = {},
  disabled = false,
}: {
  value: BusinessHours;
  onChange: (next: BusinessHours) => void;
  /** Messages the server gave per day, shown where the editor itself finds nothing wrong. */
  errors?: Partial<Record<Weekday, string>>;
  disabled?: boolean;
}) {
  const id = useId();
  // A day closed by mistake and opened again gets its hours back.
  const closedHours = useRef<Partial<Record<Weekday, DayHours>>>({});
  const errors = { ...serverErrors, ...businessHoursErrors(value) };
  const set = (day: Weekday, hours: DayHours | undefined) => {
    const next: BusinessHours = { ...value };
    if (hours) next[day] = hours;
    else delete next[day];
    onChange(ordered(next));
  };
  const toggle = (day: Weekday, open: boolean) => {
    const current = value[day];
    if (!open && current) closedHours.current[day] = current;
    set(day, open ? (closedHours.current[day] ?? FIRST_OPENING) : undefined);
  };
  const copyMonday = () => {
    const next: BusinessHours = { ...value };
    for (const day of WORKDAYS_AFTER_MONDAY) {
      if (value.monday) next[day] = { ...value.monday };
      else delete next[day];
    }
    onChange(ordered(next));
  };

  return (
    <fieldset className="space-y-2" disabled={disabled}>
      <legend className="sr-only">Business hours</legend>
      <ul className="divide-y divide-slate-100 rounded-md ring-1 ring-slate-200">
        {WEEKDAYS.map((day) => {
          const open = value[day];
          const error = errors[day];
          const errorId = `${id}-${day}-error`;
          return (
            <li key={day} className="flex flex-wrap items-center gap-x-4 gap-y-2 px-3 py-2">
              <label className="flex w-36 items-center gap-2 text-sm font-medium text-slate-800">
                <input
                  type="checkbox"
                  className="size-4 rounded border-slate-300 text-indigo-600 focus-visible:outline-2 focus-visible:outline-indigo-600"
                  checked={Boolean(open)}
                  onChange={(event) => toggle(day, event.target.checked)}
                  aria-label={`Open on ${DAY_NAMES[day]}`}
                />
                {DAY_NAMES[day]}
              </label>
              {open ? (
                <div className="flex items-center gap-2">
                  <span className="w-32">
                    <input
                      type="time"
                      className={controlClass}
                      value={open.start}
                      aria-label={`${DAY_NAMES[day]} opens at`}
                      aria-invalid={error ? true : undefined}
                      aria-describedby={error ? errorId : undefined}
                      onChange={(event) => set(day, { ...open, start: event.target.value })}
                    />
                  </span>
                  <span aria-hidden className="text-sm text-slate-500">
                    to
                  </span>
                  <span className="w-32">
                    <input
                      type="time"
                      className={controlClass}
                      value={open.end}
                      aria-label={`${DAY_NAMES[day]} closes at`}
                      aria-invalid={error ? true : undefined}
                      aria-describedby={error ? errorId : undefined}
                      onChange={(event) => set(day, { ...open, end: event.target.value })}
                    />
                  </span>
                </div>
              ) : (
                <span className="text-sm text-slate-500">Closed</span>
              )}
              {error ? (
                <p id={errorId} role="alert" className="w-full text-xs text-red-600">
                  {error}
                </p>
              ) : null}
            </li>
          );
        })}
      </ul>
      <Button variant="secondary" size="sm" onClick={copyMonday} disabled={disabled || Boolean(errors.monday)}>
        Copy Monday to Tuesday–Friday
      </Button>
    </fieldset>
  );
}
