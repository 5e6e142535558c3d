/**
 * The industry form's working copy: the configuration in force, as editable values (text for
 * numbers being typed, reminder offsets in the unit people think in), and back to the API's
 * shape with the reason each value cannot be saved yet. Errors are keyed like the server's
 * fieldErrors ("reminderSettings.offsets_minutes.1"), so both show in the same place.
 */
import {
  type BusinessHours,
  type EffectiveIndustryConfig,
  EVENT_TYPES,
  type EventType,
  type IndustryConfigField,
  type IndustryConfigUpdate,
  type REMINDER_CHANNELS,
  sameJson,
} from "@flynn/domain";
import { businessHoursErrors } from "../../components/business-hours-editor";

export type ReminderChannel = (typeof REMINDER_CHANNELS)[number];
export type ReminderUnit = "minutes" | "hours" | "days";

const UNIT_MINUTES: Record<ReminderUnit, number> = { minutes: 1, hours: 60, days: 1440 };
const MAX_OFFSET_MINUTES = 30 * 1440;
export const MAX_REMINDERS = 5;

export interface ReminderOffsetDraft {
  /** Identifies the row while rows are added and removed. */
  id: number;
  amount: string;
  unit: ReminderUnit;
}

export interface IndustryDraft {
  eventTypes: EventType[];
  /** Generic word -> the business's word; "" while a word is being cleared. */
  terminology: Record<string, string>;
  defaultDurationMinutes: string;
  businessHours: BusinessHours;
  pricingEnabled: boolean;
  locationRequired: boolean;
  autoConfirmEnabled: boolean;
  reminderSettings: { enabled: boolean; offsets: ReminderOffsetDraft[]; channels: ReminderChannel[] };
}

/** The API's values of every field (what `industry.update` accepts). */
export type IndustryValues = Required<{ [F in IndustryConfigField]: NonNullable<IndustryConfigUpdate[F]> }>;

let nextOffsetId = 1;

/** 1440 reads "24 hours", 4320 "3 days", 90 "90 minutes": the unit people would say. */
export function reminderOffset(minutes: number): ReminderOffsetDraft {
  const unit: ReminderUnit =
    minutes % 60 === 0 && minutes <= 2 * 1440 ? "hours" : minutes % 1440 === 0 ? "days" : "minutes";
  return { id: nextOffsetId++, amount: String(minutes / UNIT_MINUTES[unit]), unit };
}

/** A reminder time the list does not have yet, the usual ones first. */
export function nextReminderOffset(offsets: ReminderOffsetDraft[]): ReminderOffsetDraft {
  const taken = new Set(offsets.map(offsetMinutes));
  const minutes = [1440, 60, 120, 2880, 30, 10_080].find((m) => !taken.has(m)) ?? 60;
  return reminderOffset(minutes);
}

function offsetMinutes(offset: ReminderOffsetDraft): number {
  return /^\d+$/.test(offset.amount.trim()) ? Number(offset.amount) * UNIT_MINUTES[offset.unit] : Number.NaN;
}

export function draftOf(config: EffectiveIndustryConfig): IndustryDraft {
  const reminders = config.reminderSettings;
  return {
    eventTypes: [...config.eventTypes],
    terminology: { ...config.terminology },
    defaultDurationMinutes: config.defaultDurationMinutes === null ? "" : String(config.defaultDurationMinutes),
    businessHours: config.businessHours ?? {},
    pricingEnabled: config.pricingEnabled ?? false,
    locationRequired: config.locationRequired ?? false,
    autoConfirmEnabled: config.autoConfirmEnabled ?? false,
    reminderSettings: {
      enabled: reminders?.enabled ?? false,
      offsets: (reminders?.offsets_minutes ?? []).map(reminderOffset),
      channels: reminders?.channels ?? ["email"],
    },
  };
}

/**
 * Event types in a stable order: the configuration's own order first, so unticking and
 * ticking a type again gives back the list it had, then the rest in the usual order.
 */
export function orderEventTypes(types: EventType[], configOrder: readonly EventType[]): EventType[] {
  const rank = (type: EventType) => {
    const own = configOrder.indexOf(type);
    return own >= 0 ? own : configOrder.length + EVENT_TYPES.indexOf(type);
  };
  return [...new Set(types)].sort((a, b) => rank(a) - rank(b));
}

/** The draft in the API's shape, and why any part of it cannot be saved (empty: it can). */
export function valuesOf(draft: IndustryDraft): { values: IndustryValues; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  if (draft.eventTypes.length === 0) errors.eventTypes = "Choose at least one event type";

  const terminology: Record<string, string> = {};
  for (const [word, own] of Object.entries(draft.terminology)) {
    const trimmed = own.trim();
    if (!trimmed) continue;
    if (trimmed.length > 60) errors[`terminology.${word}`] = "At most 60 characters";
    terminology[word] = trimmed;
  }

  const duration = draft.defaultDurationMinutes.trim();
  const minutes = /^\d+$/.test(duration) ? Number(duration) : Number.NaN;
  if (!(minutes >= 5 && minutes <= 480)) errors.defaultDurationMinutes = "Enter whole minutes from 5 to 480";

  for (const [day, message] of Object.entries(businessHoursErrors(draft.businessHours))) {
    errors[`businessHours.${day}`] = message;
  }

  const reminders = draft.reminderSettings;
  const offsets = reminders.offsets.map(offsetMinutes);
  offsets.forEach((offset, index) => {
    const key = `reminderSettings.offsets_minutes.${index}`;
    if (!(offset > 0)) errors[key] = "Enter a whole number above 0";
    else if (offset > MAX_OFFSET_MINUTES) errors[key] = "At most 30 days before";
    else if (offsets.indexOf(offset) < index) errors[key] = "This reminder is already in the list";
  });
  if (offsets.length > MAX_REMINDERS) errors["reminderSettings.offsets_minutes"] = `At most ${MAX_REMINDERS} reminders`;
  if (reminders.channels.length === 0) errors["reminderSettings.channels"] = "Choose at least one way to remind";

  return {
    values: {
      eventTypes: draft.eventTypes,
      terminology,
      defaultDurationMinutes: minutes,
      businessHours: draft.businessHours,
      pricingEnabled: draft.pricingEnabled,
      locationRequired: draft.locationRequired,
      autoConfirmEnabled: draft.autoConfirmEnabled,
      reminderSettings: { enabled: reminders.enabled, offsets_minutes: offsets, channels: reminders.channels },
    },
    errors,
  };
}

/** The fields whose draft differs from the saved one (`draftOf` the configuration in force). */
export function changedFields(draft: IndustryDraft, saved: IndustryDraft): IndustryConfigField[] {
  const now = valuesOf(draft).values;
  const before = valuesOf(saved).values;
  return (Object.keys(now) as IndustryConfigField[]).filter((field) => !sameJson(now[field], before[field]));
}

/** A server error's field path as the form keys it (business hours per day, not per time). */
export function formErrorKey(path: string): string {
  return path.startsWith("businessHours.") ? path.split(".").slice(0, 2).join(".") : path;
}
