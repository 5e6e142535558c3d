/**
 * Every editable field of an event. Only what the owner changed is sent, so a value the
 * extractor stored in an odd form (a phone number without its country code) never blocks
 * saving another field. The form checks with the API's schema first; what the server still
 * refuses shows under its field.
 */
import { LOCATION_TYPES, URGENCY_LEVELS } from "@flynn/domain/enums";
import { useMutation } from "@tanstack/react-query";
import { type FormEvent, useMemo, useState } from "react";
import { Button } from "../../components/button";
import { Card } from "../../components/card";
import { ErrorState } from "../../components/feedback";
import { SelectField, TextAreaField, TextField } from "../../components/field";
import { fieldErrors } from "../../lib/errors";
import { formatDateTime, humanize } from "../../lib/format";
import { toast } from "../../lib/toast";
import { queryClient, trpc } from "../../lib/trpc";
import { DateTimeFields } from "./date-time-fields";
import {
  type EventDetail,
  type EventFormValues,
  endsAt,
  type FormErrors,
  formValues,
  readEventForm,
  readLocalDateTime,
  serverErrors,
} from "./event-form";
import { refreshEventQueries } from "./status-actions";

const LOCATION_OPTIONS = LOCATION_TYPES.map((value) => ({
  value,
  label: value === "tbd" ? "To be decided" : humanize(value),
}));
const URGENCY_OPTIONS = URGENCY_LEVELS.map((value) => ({ value, label: humanize(value) }));

/** The industry's event types (in its own words), and the event's own type if it is not one of them. */
export function eventTypeOptions(
  allowed: readonly string[],
  current: string,
  terminology: Record<string, string> | null | undefined,
) {
  const types = allowed.includes(current) ? allowed : [...allowed, current];
  return types.map((value) => ({ value, label: terminology?.[value] ?? humanize(value) }));
}

export function EventEditForm({
  event,
  timezone,
  eventTypes,
  terminology,
}: {
  event: EventDetail;
  timezone: string;
  eventTypes: readonly string[];
  terminology: Record<string, string> | null | undefined;
}) {
  const original = useMemo(() => formValues(event, timezone), [event, timezone]);
  const [edits, setEdits] = useState<Partial<EventFormValues>>({});
  const [checked, setChecked] = useState<FormErrors>({});
  // A confirmed time is when the event happens; it moves only by rescheduling.
  const timeEditable = !event.confirmedDatetime;
  const values: EventFormValues = {
    ...original,
    ...edits,
    ...(timeEditable ? {} : { date: original.date, time: original.time }),
  };
  const dirty = (Object.keys(edits) as (keyof EventFormValues)[]).some((key) => edits[key] !== original[key]);
  const key = trpc.events.byId.queryKey({ id: event.id });

  const save = useMutation(
    trpc.events.update.mutationOptions({
      meta: { quiet: true },
      onSuccess: (updated) => {
        // The update answers without the call summary; keep the one on screen.
        queryClient.setQueryData(key, (current) => (current ? { ...current, ...updated } : current));
        setEdits({});
        toast.success("Changes saved");
      },
      onSettled: () => refreshEventQueries(event.id),
    }),
  );
  const fromServer = serverErrors(fieldErrors(save.error), Object.keys(original));
  const errors: FormErrors = { ...fromServer, ...checked };

  const set = <K extends keyof EventFormValues>(field: K, value: EventFormValues[K]) =>
    setEdits((current) => ({ ...current, [field]: value }));
  /** A text input or select of the form: its name, value, change and error. */
  const bind = (field: Exclude<keyof EventFormValues, "followUpRequired">) => ({
    name: field,
    value: values[field],
    onChange: (e: { target: { value: string } }) => set(field, e.target.value),
    error: errors[field as keyof FormErrors],
  });

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const reading = readEventForm(values, original, { id: event.id, timezone, timeEditable });
    if (!reading.ok) {
      setChecked(reading.errors);
      return;
    }
    setChecked({});
    if (Object.keys(reading.patch).length === 0) {
      setEdits({});
      return;
    }
    save.mutate({ id: event.id, ...reading.patch });
  };

  const start = timeEditable
    ? (() => {
        const typed = readLocalDateTime(values.date, values.time, timezone);
        return typed.ok ? typed.at : null;
      })()
    : event.confirmedDatetime;
  const end = endsAt(start, Number(values.durationMinutes), timezone);
  const placedErrors = Object.keys(errors).length > 0;

  return (
    <Card title="Details">
      <form noValidate onSubmit={onSubmit} className="grid grid-cols-1 gap-4 sm:grid-cols-2">
        <div className="sm:col-span-2">
          <TextField label="Title" required maxLength={200} {...bind("title")} />
        </div>
        <SelectField
          label="Type"
          options={eventTypeOptions(eventTypes, original.eventType, terminology)}
          {...bind("eventType")}
        />
        <SelectField label="Urgency" options={URGENCY_OPTIONS} {...bind("urgencyLevel")} />
        <div className="sm:col-span-2">
          <DateTimeFields
            date={values.date}
            time={values.time}
            timezone={timezone}
            disabled={!timeEditable}
            errors={{ date: errors.date, time: errors.time ?? errors.proposedDatetime }}
            onChange={({ date, time }) => setEdits((current) => ({ ...current, date, time }))}
            hint={
              timeEditable
                ? "Leave both empty if no time is agreed yet."
                : `Confirmed for ${formatDateTime(event.confirmedDatetime, timezone)}; use Reschedule to move it.`
            }
          />
        </div>
        <TextField
          label="Duration (minutes)"
          type="number"
          inputMode="numeric"
          min={1}
          max={1440}
          step={1}
          hint={end ?? undefined}
          {...bind("durationMinutes")}
        />
        <SelectField label="Location type" options={LOCATION_OPTIONS} {...bind("locationType")} />
        <div className="sm:col-span-2">
          <TextField
            label="Location"
            maxLength={500}
            placeholder="Address, video link or phone number"
            {...bind("location")}
          />
        </div>
        <TextField label="Customer name" autoComplete="off" maxLength={200} {...bind("customerName")} />
        <TextField
          label="Customer phone"
          type="tel"
          autoComplete="off"
          hint="e.g. +1 512 555 0123; US numbers may leave out the +1"
          {...bind("customerPhone")}
        />
        <div className="sm:col-span-2">
          <TextField
            label="Customer email"
            type="email"
            autoComplete="off"
            maxLength={254}
            {...bind("customerEmail")}
          />
        </div>
        <TextField label="Price estimate" inputMode="decimal" placeholder="e.g. 250.00" {...bind("priceEstimate")} />
        <TextField
          label="Currency"
          maxLength={3}
          className="uppercase"
          hint="Three letters, e.g. USD"
          {...bind("currency")}
        />
        <div className="sm:col-span-2">
          <TextAreaField label="Description" rows={3} maxLength={5000} {...bind("description")} />
        </div>
        <div className="sm:col-span-2">
          <TextAreaField label="Notes" rows={3} maxLength={10_000} {...bind("notes")} />
        </div>
        <div className="space-y-3 sm:col-span-2">
          <label className="flex items-center gap-2 text-sm font-medium text-slate-800">
            <input
              type="checkbox"
              name="followUpRequired"
              className="size-4 rounded border-slate-300 text-indigo-600 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600"
              checked={values.followUpRequired}
              onChange={(e) => set("followUpRequired", e.target.checked)}
            />
            Follow-up needed
          </label>
          <TextField
            label="Follow-up reason"
            maxLength={1000}
            disabled={!values.followUpRequired && !values.followUpReason}
            {...bind("followUpReason")}
          />
        </div>
        <div className="flex flex-wrap items-center justify-end gap-2 sm:col-span-2">
          {placedErrors ? (
            <p role="alert" className="mr-auto text-sm text-red-700">
              Not saved: check the fields marked in red.
            </p>
          ) : save.error ? (
            <div className="mr-auto">
              <ErrorState error={save.error} />
            </div>
          ) : null}
          <Button
            variant="secondary"
            disabled={!dirty || save.isPending}
            onClick={() => {
              setEdits({});
              setChecked({});
              save.reset();
            }}
          >
            Discard changes
          </Button>
          <Button type="submit" busy={save.isPending} disabled={!dirty}>
            Save changes
          </Button>
        </div>
      </form>
    </Card>
  );
}
