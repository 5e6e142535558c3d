/**
 * How Flynn handles the business's calls, per industry: its words, event types, default
 * duration, business hours, pricing, location, auto-confirm and reminders. Every value
 * follows the industry's default until the user sets their own; each shows which it is, and
 * an own value can go back to the default one field at a time or all at once.
 */
import {
  type EffectiveIndustryConfig,
  EVENT_TYPE_LABELS,
  EVENT_TYPES,
  type EventType,
  type IndustryConfigField,
  type IndustryConfigUpdate,
  WEEKDAYS,
  type Weekday,
} from "@flynn/domain";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type ReactNode, useId, useMemo, useState } from "react";
import { Badge } from "../../components/badge";
import { BusinessHoursEditor } from "../../components/business-hours-editor";
import { Button } from "../../components/button";
import { Card } from "../../components/card";
import { Dialog } from "../../components/dialog";
import { ErrorState, SkeletonRows } from "../../components/feedback";
import { controlClass, TextField } from "../../components/field";
import { fieldErrors } from "../../lib/errors";
import { humanize } from "../../lib/format";
import { toast } from "../../lib/toast";
import { trpc } from "../../lib/trpc";
import {
  changedFields,
  draftOf,
  formErrorKey,
  type IndustryDraft,
  MAX_REMINDERS,
  nextReminderOffset,
  orderEventTypes,
  type ReminderChannel,
  type ReminderUnit,
  valuesOf,
} from "./industry-draft";
import { UnsavedChangesGuard } from "./unsaved-changes";

export function IndustryTab() {
  const config = useQuery(trpc.industry.effective.queryOptions());
  if (config.isPending) {
    return (
      <div className="space-y-4">
        <SkeletonRows rows={1} className="h-96" />
        <SkeletonRows rows={1} className="h-72" />
      </div>
    );
  }
  if (config.error) return <ErrorState error={config.error} onRetry={() => config.refetch()} />;
  // Another industry (changed in Profile) starts a fresh form.
  return <IndustryForm key={config.data.industryType} config={config.data} />;
}

type FieldErrors = Record<string, string>;

function IndustryForm({ config }: { config: EffectiveIndustryConfig }) {
  const queryClient = useQueryClient();
  const [edits, setEdits] = useState<Partial<IndustryDraft>>({});
  const [confirmReset, setConfirmReset] = useState(false);
  // Memoised: reminder rows get their ids here, and must keep them across renders.
  const saved = useMemo(() => draftOf(config), [config]);
  const draft: IndustryDraft = { ...saved, ...edits };
  const { values, errors: draftErrors } = valuesOf(draft);
  const changed = changedFields(draft, saved);
  const industry = humanize(config.industryType).toLowerCase();
  const effectiveKey = trpc.industry.effective.queryKey();

  /** The server's answer is the configuration in force; `fields` no longer differ from it. */
  const applied = (saved: EffectiveIndustryConfig, fields: readonly IndustryConfigField[] | "all") => {
    queryClient.setQueryData(effectiveKey, saved);
    setEdits((current) => {
      if (fields === "all") return {};
      const rest = { ...current };
      for (const field of fields) delete rest[field];
      return rest;
    });
  };

  const save = useMutation(
    trpc.industry.update.mutationOptions({
      meta: { quiet: true },
      onSuccess: (saved, patch) => {
        applied(saved, Object.keys(patch) as IndustryConfigField[]);
        toast.success("Industry settings saved");
      },
    }),
  );
  const useDefault = useMutation(
    trpc.industry.update.mutationOptions({
      onSuccess: (saved, patch) => {
        applied(saved, Object.keys(patch) as IndustryConfigField[]);
        toast.success("Back to the industry default");
      },
    }),
  );
  const reset = useMutation(
    trpc.industry.reset.mutationOptions({
      onSuccess: (saved) => {
        applied(saved, "all");
        setConfirmReset(false);
        toast.success(`Every setting follows the ${industry} defaults again`);
      },
    }),
  );

  const serverErrors = Object.fromEntries(
    Object.entries(fieldErrors(save.error)).map(([path, messages]) => [formErrorKey(path), messages.join(", ")]),
  );
  const errors: FieldErrors = { ...serverErrors, ...draftErrors };
  const canSave = changed.length > 0 && Object.keys(draftErrors).length === 0;
  const edit = <F extends keyof IndustryDraft>(field: F, value: IndustryDraft[F]) => {
    save.reset();
    setEdits((current) => ({ ...current, [field]: value }));
  };
  const onSave = () => {
    const patch: IndustryConfigUpdate = {};
    for (const field of changed) Object.assign(patch, { [field]: values[field] });
    save.mutate(patch);
  };
  const source = (field: IndustryConfigField, resettable = true) => (
    <FieldSource
      customised={config.source[field] === "customised"}
      unsaved={changed.includes(field)}
      onUseDefault={
        resettable && !changed.includes(field)
          ? () => useDefault.mutate({ [field]: null } as IndustryConfigUpdate)
          : null
      }
      busy={useDefault.isPending && useDefault.variables && field in useDefault.variables}
    />
  );
  const anyCustomised = Object.values(config.source).includes("customised");

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <p className="max-w-2xl text-sm text-slate-600">
          Flynn starts from the defaults for <strong className="font-medium text-slate-900">{industry}</strong>{" "}
          businesses (your industry is set in Profile). Change anything below to make it your own.
        </p>
        <Button variant="secondary" size="sm" disabled={!anyCustomised} onClick={() => setConfirmReset(true)}>
          Reset to industry defaults
        </Button>
      </div>

      <Card title="Event types and your words" actions={source("eventTypes", false)}>
        <EventTypesTable
          draft={draft}
          configOrder={config.eventTypes}
          onEventTypes={(types) => edit("eventTypes", types)}
          onTerminology={(terminology) => edit("terminology", terminology)}
          errors={errors}
          terminologySource={source("terminology")}
        />
      </Card>

      <Card title="Default duration" actions={source("defaultDurationMinutes")}>
        <div className="max-w-xs">
          <TextField
            label="Minutes an event lasts when the call does not say"
            inputMode="numeric"
            value={draft.defaultDurationMinutes}
            onChange={(event) => edit("defaultDurationMinutes", event.target.value)}
            error={errors.defaultDurationMinutes}
            hint="From 5 to 480."
          />
        </div>
      </Card>

      <Card title="Business hours" actions={source("businessHours")}>
        <BusinessHoursEditor
          value={draft.businessHours}
          onChange={(hours) => edit("businessHours", hours)}
          errors={serverDayErrors(serverErrors)}
        />
      </Card>

      <Card title="Events">
        <ul className="divide-y divide-slate-100">
          <Toggle
            label="Prices"
            description="Flynn picks up prices quoted in calls and shows them on events."
            checked={draft.pricingEnabled}
            onChange={(checked) => edit("pricingEnabled", checked)}
            source={source("pricingEnabled")}
          />
          <Toggle
            label="Location required"
            description="An event without an address waits for you to add one."
            checked={draft.locationRequired}
            onChange={(checked) => edit("locationRequired", checked)}
            source={source("locationRequired")}
          />
          <Toggle
            label="Auto-confirm"
            description="Events Flynn is confident about are confirmed without waiting for you."
            checked={draft.autoConfirmEnabled}
            onChange={(checked) => edit("autoConfirmEnabled", checked)}
            source={source("autoConfirmEnabled")}
          />
        </ul>
      </Card>

      <Card title="Reminders" actions={source("reminderSettings")}>
        <RemindersEditor
          value={draft.reminderSettings}
          onChange={(reminders) => edit("reminderSettings", reminders)}
          errors={errors}
        />
      </Card>

      {changed.length > 0 ? (
        <section
          aria-label="Unsaved changes"
          className="sticky bottom-0 -mx-4 flex flex-wrap items-center gap-x-4 gap-y-2 border-t border-amber-200 bg-amber-50/95 px-4 py-3 backdrop-blur sm:mx-0 sm:rounded-lg sm:ring-1 sm:ring-amber-200"
        >
          <p aria-live="polite" className="text-sm text-slate-700">
            <strong className="font-semibold text-amber-900">Unsaved changes</strong>{" "}
            {Object.keys(draftErrors).length > 0
              ? "Fix the marked fields to save."
              : `${changed.length} ${changed.length === 1 ? "setting differs" : "settings differ"} from what Flynn uses.`}
          </p>
          <span className="flex gap-2">
            <Button onClick={onSave} busy={save.isPending} disabled={!canSave}>
              Save changes
            </Button>
            <Button
              variant="secondary"
              disabled={save.isPending}
              onClick={() => {
                setEdits({});
                save.reset();
              }}
            >
              Discard
            </Button>
          </span>
        </section>
      ) : null}
      <UnsavedChangesGuard dirty={changed.length > 0} what="your industry settings" />
      {save.error && Object.keys(serverErrors).length === 0 ? <ErrorState error={save.error} /> : null}

      <Dialog
        open={confirmReset}
        onClose={() => setConfirmReset(false)}
        title="Reset to industry defaults?"
        footer={
          <>
            <Button variant="secondary" onClick={() => setConfirmReset(false)}>
              Cancel
            </Button>
            <Button variant="danger" busy={reset.isPending} onClick={() => reset.mutate()}>
              Reset everything
            </Button>
          </>
        }
      >
        <p className="text-sm text-slate-700">
          Every setting on this page goes back to Flynn's defaults for {industry} businesses, and your own values are
          deleted.
        </p>
      </Dialog>
    </div>
  );
}

/** The server's per-day business-hours messages, for the editor. */
function serverDayErrors(errors: FieldErrors): Partial<Record<Weekday, string>> {
  const days: Partial<Record<Weekday, string>> = {};
  for (const day of WEEKDAYS) {
    const message = errors[`businessHours.${day}`];
    if (message) days[day] = message;
  }
  return days;
}

/** Whose value a field shows: the industry's default, the user's own, or an unsaved edit. */
function FieldSource({
  customised,
  unsaved,
  onUseDefault,
  busy,
}: {
  customised: boolean;
  unsaved: boolean;
  onUseDefault: (() => void) | null;
  busy?: boolean;
}) {
  return (
    <span className="flex flex-wrap items-center justify-end gap-2">
      {unsaved ? (
        <Badge tone="amber">Unsaved</Badge>
      ) : customised ? (
        <Badge tone="blue">Your setting</Badge>
      ) : (
        <Badge>Industry default</Badge>
      )}
      {customised && onUseDefault ? (
        <Button variant="ghost" size="sm" busy={busy} onClick={onUseDefault}>
          Use default
        </Button>
      ) : null}
    </span>
  );
}

function EventTypesTable({
  draft,
  configOrder,
  onEventTypes,
  onTerminology,
  errors,
  terminologySource,
}: {
  draft: IndustryDraft;
  configOrder: EventType[];
  onEventTypes: (types: EventType[]) => void;
  onTerminology: (terminology: Record<string, string>) => void;
  errors: FieldErrors;
  terminologySource: ReactNode;
}) {
  const otherWords = Object.keys(draft.terminology).filter(
    (word) => !(EVENT_TYPES as readonly string[]).includes(word),
  );
  const toggle = (type: EventType, allowed: boolean) =>
    onEventTypes(
      orderEventTypes(allowed ? [...draft.eventTypes, type] : draft.eventTypes.filter((t) => t !== type), configOrder),
    );
  const wordInput = (word: string, label: string, placeholder: string) => (
    <>
      <input
        className={controlClass}
        aria-label={label}
        placeholder={placeholder}
        maxLength={60}
        value={draft.terminology[word] ?? ""}
        aria-invalid={errors[`terminology.${word}`] ? true : undefined}
        onChange={(event) => onTerminology({ ...draft.terminology, [word]: event.target.value })}
      />
      {errors[`terminology.${word}`] ? (
        <p role="alert" className="mt-1 text-xs text-red-600">
          {errors[`terminology.${word}`]}
        </p>
      ) : null}
    </>
  );
  return (
    <div className="space-y-3">
      <p className="text-sm text-slate-600">
        Flynn creates only the ticked event types from calls, and uses your words for them in emails and on the
        dashboard.
      </p>
      <div className="overflow-x-auto">
        <table className="w-full text-sm">
          <thead>
            <tr className="text-left text-xs text-slate-500">
              <th scope="col" className="w-16 py-1 pr-2 font-medium">
                Allowed
              </th>
              <th scope="col" className="w-1/3 py-1 pr-2 font-medium">
                Event type
              </th>
              <th scope="col" className="py-1 font-medium">
                <span className="flex items-center justify-between gap-2">What you call it {terminologySource}</span>
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {EVENT_TYPES.map((type) => (
              <tr key={type}>
                <td className="py-1.5 pr-2">
                  <input
                    type="checkbox"
                    className="size-4 rounded border-slate-300 focus-visible:outline-2 focus-visible:outline-indigo-600"
                    aria-label={`Allow ${EVENT_TYPE_LABELS[type]} events`}
                    checked={draft.eventTypes.includes(type)}
                    onChange={(event) => toggle(type, event.target.checked)}
                  />
                </td>
                <td className="py-1.5 pr-2 text-slate-800">{humanize(type)}</td>
                <td className="py-1.5">
                  {wordInput(type, `Your word for ${EVENT_TYPE_LABELS[type]}`, EVENT_TYPE_LABELS[type])}
                </td>
              </tr>
            ))}
            {otherWords.map((word) => (
              <tr key={word}>
                <td />
                <td className="py-1.5 pr-2 text-slate-800">{humanize(word)}</td>
                <td className="py-1.5">{wordInput(word, `Your word for ${word}`, word)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {errors.eventTypes ? (
        <p role="alert" className="text-xs text-red-600">
          {errors.eventTypes}
        </p>
      ) : null}
    </div>
  );
}

function Toggle({
  label,
  description,
  checked,
  onChange,
  source,
}: {
  label: string;
  description: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
  source: ReactNode;
}) {
  const id = useId();
  return (
    <li className="flex flex-wrap items-start justify-between gap-3 py-3 first:pt-0 last:pb-0">
      <div className="flex items-start gap-3">
        <input
          id={id}
          type="checkbox"
          className="mt-0.5 size-4 rounded border-slate-300 focus-visible:outline-2 focus-visible:outline-indigo-600"
          checked={checked}
          aria-describedby={`${id}-description`}
          onChange={(event) => onChange(event.target.checked)}
        />
        <div>
          <label htmlFor={id} className="text-sm font-medium text-slate-800">
            {label}
          </label>
          <p id={`${id}-description`} className="text-xs text-slate-500">
            {description}
          </p>
        </div>
      </div>
      {source}
    </li>
  );
}

const UNIT_OPTIONS: { value: ReminderUnit; label: string }[] = [
  { value: "minutes", label: "minutes" },
  { value: "hours", label: "hours" },
  { value: "days", label: "days" },
];
const CHANNELS: { value: ReminderChannel; label: string }[] = [
  { value: "email", label: "Email" },
  { value: "sms", label: "SMS" },
];

function RemindersEditor({
  value,
  onChange,
  errors,
}: {
  value: IndustryDraft["reminderSettings"];
  onChange: (next: IndustryDraft["reminderSettings"]) => void;
  errors: FieldErrors;
}) {
  const setOffset = (id: number, change: Partial<{ amount: string; unit: ReminderUnit }>) =>
    onChange({ ...value, offsets: value.offsets.map((o) => (o.id === id ? { ...o, ...change } : o)) });
  return (
    <div className="space-y-4">
      <label className="flex items-center gap-2 text-sm font-medium text-slate-800">
        <input
          type="checkbox"
          className="size-4 rounded border-slate-300 focus-visible:outline-2 focus-visible:outline-indigo-600"
          checked={value.enabled}
          onChange={(event) => onChange({ ...value, enabled: event.target.checked })}
        />
        Remind customers before confirmed events
      </label>
      <fieldset disabled={!value.enabled} className="space-y-4 disabled:opacity-60">
        <legend className="sr-only">Reminder times and channels</legend>
        <div>
          <h3 className="text-sm font-medium text-slate-800">When</h3>
          {value.offsets.length === 0 ? (
            <p className="mt-1 text-sm text-slate-500">No reminders yet. Add one, e.g. 24 hours before.</p>
          ) : (
            <ul className="mt-1 space-y-2">
              {value.offsets.map((offset, index) => {
                const error = errors[`reminderSettings.offsets_minutes.${index}`];
                return (
                  <li key={offset.id}>
                    <div className="flex flex-wrap items-center gap-2">
                      <span className="w-16">
                        <input
                          className={controlClass}
                          inputMode="numeric"
                          aria-label={`Reminder ${index + 1}: how many`}
                          aria-invalid={error ? true : undefined}
                          value={offset.amount}
                          onChange={(event) => setOffset(offset.id, { amount: event.target.value })}
                        />
                      </span>
                      <span className="w-24">
                        <select
                          className={controlClass}
                          aria-label={`Reminder ${index + 1}: unit`}
                          value={offset.unit}
                          onChange={(event) => setOffset(offset.id, { unit: event.target.value as ReminderUnit })}
                        >
                          {UNIT_OPTIONS.map((unit) => (
                            <option key={unit.value} value={unit.value}>
                              {unit.label}
                            </option>
                          ))}
                        </select>
                      </span>
                      <span className="text-sm text-slate-600">before</span>
                      <Button
                        variant="ghost"
                        size="sm"
                        aria-label={`Remove reminder ${index + 1}`}
                        onClick={() => onChange({ ...value, offsets: value.offsets.filter((o) => o.id !== offset.id) })}
                      >
                        Remove
                      </Button>
                    </div>
                    {error ? (
                      <p role="alert" className="mt-1 text-xs text-red-600">
                        {error}
                      </p>
                    ) : null}
                  </li>
                );
              })}
            </ul>
          )}
          <Button
            variant="secondary"
            size="sm"
            className="mt-2"
            disabled={value.offsets.length >= MAX_REMINDERS}
            onClick={() => onChange({ ...value, offsets: [...value.offsets, nextReminderOffset(value.offsets)] })}
          >
            Add reminder
          </Button>
          {value.offsets.length >= MAX_REMINDERS ? (
            <span className="ml-2 text-xs text-slate-500">At most {MAX_REMINDERS} reminders.</span>
          ) : null}
        </div>
        <div>
          <h3 className="text-sm font-medium text-slate-800">How</h3>
          <div className="mt-1 flex gap-4">
            {CHANNELS.map((channel) => (
              <label key={channel.value} className="flex items-center gap-2 text-sm text-slate-800">
                <input
                  type="checkbox"
                  className="size-4 rounded border-slate-300 focus-visible:outline-2 focus-visible:outline-indigo-600"
                  checked={value.channels.includes(channel.value)}
                  onChange={(event) =>
                    onChange({
                      ...value,
                      channels: event.target.checked
                        ? CHANNELS.map((c) => c.value).filter((c) => c === channel.value || value.channels.includes(c))
                        : value.channels.filter((c) => c !== channel.value),
                    })
                  }
                />
                {channel.label}
              </label>
            ))}
          </div>
          {errors["reminderSettings.channels"] ? (
            <p role="alert" className="mt-1 text-xs text-red-600">
              {errors["reminderSettings.channels"]}
            </p>
          ) : null}
        </div>
      </fieldset>
    </div>
  );
}
