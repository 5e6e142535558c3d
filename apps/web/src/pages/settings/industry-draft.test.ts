import { type EffectiveIndustryConfig, industryConfigUpdateSchema } from "@flynn/domain";
import { describe, expect, it } from "vitest";
import {
  changedFields,
  draftOf,
  formErrorKey,
  type IndustryDraft,
  nextReminderOffset,
  orderEventTypes,
  reminderOffset,
  valuesOf,
} from "./industry-draft";

const PLUMBING: EffectiveIndustryConfig = {
  industryType: "plumbing",
  eventTypes: ["service_call", "quote", "emergency", "follow_up"],
  terminology: { appointment: "service call", meeting: "site visit" },
  defaultDurationMinutes: 90,
  // jsonb's key order, not the week's.
  businessHours: { friday: { start: "08:00", end: "17:00" }, monday: { start: "08:00", end: "17:00" } },
  pricingEnabled: true,
  locationRequired: true,
  autoConfirmEnabled: false,
  reminderSettings: { enabled: true, offsets_minutes: [1440, 120], channels: ["email", "sms"] },
  source: {
    eventTypes: "default",
    terminology: "default",
    defaultDurationMinutes: "customised",
    businessHours: "default",
    pricingEnabled: "default",
    locationRequired: "default",
    autoConfirmEnabled: "default",
    reminderSettings: "default",
  },
};

const edit = (change: Partial<IndustryDraft>): IndustryDraft => ({ ...draftOf(PLUMBING), ...change });

describe("industry draft", () => {
  it("reads the configuration back unchanged: nothing to save, and the API accepts every value", () => {
    const saved = draftOf(PLUMBING);
    expect(changedFields(saved, draftOf(PLUMBING))).toEqual([]);
    const { values, errors } = valuesOf(saved);
    expect(errors).toEqual({});
    expect(industryConfigUpdateSchema.parse(values)).toEqual(values);
    expect(values.reminderSettings.offsets_minutes).toEqual([1440, 120]);
  });

  it("shows reminder offsets in the unit people say, and converts them back to minutes", () => {
    expect(reminderOffset(1440)).toMatchObject({ amount: "24", unit: "hours" });
    expect(reminderOffset(60)).toMatchObject({ amount: "1", unit: "hours" });
    expect(reminderOffset(4320)).toMatchObject({ amount: "3", unit: "days" });
    expect(reminderOffset(90)).toMatchObject({ amount: "90", unit: "minutes" });
    const reminders = draftOf(PLUMBING).reminderSettings;
    const offsets = [{ id: 1, amount: "2", unit: "days" as const }, nextReminderOffset(reminders.offsets)];
    expect(offsets[1]).toMatchObject({ amount: "1", unit: "hours" });
    const { values } = valuesOf(edit({ reminderSettings: { ...reminders, offsets } }));
    expect(values.reminderSettings.offsets_minutes).toEqual([2880, 60]);
  });

  it("names what cannot be saved, keyed like the server's field errors", () => {
    const reminders = draftOf(PLUMBING).reminderSettings;
    const { errors } = valuesOf(
      edit({
        eventTypes: [],
        terminology: { appointment: "x".repeat(61), meeting: "" },
        defaultDurationMinutes: "4",
        businessHours: { monday: { start: "10:00", end: "09:00" } },
        reminderSettings: {
          enabled: true,
          offsets: [
            { id: 1, amount: "24", unit: "hours" },
            { id: 2, amount: "1", unit: "days" },
            { id: 3, amount: "0", unit: "hours" },
            { id: 4, amount: "31", unit: "days" },
            { id: 5, amount: "1.5", unit: "hours" },
            { id: 6, amount: "2", unit: "hours" },
          ],
          channels: [],
        },
      }),
    );
    expect(errors).toEqual({
      eventTypes: "Choose at least one event type",
      "terminology.appointment": "At most 60 characters",
      defaultDurationMinutes: "Enter whole minutes from 5 to 480",
      "businessHours.monday": "Closing time must be after opening time",
      "reminderSettings.offsets_minutes.1": "This reminder is already in the list",
      "reminderSettings.offsets_minutes.2": "Enter a whole number above 0",
      "reminderSettings.offsets_minutes.3": "At most 30 days before",
      "reminderSettings.offsets_minutes.4": "Enter a whole number above 0",
      "reminderSettings.offsets_minutes": "At most 5 reminders",
      "reminderSettings.channels": "Choose at least one way to remind",
    });
    expect(reminders.channels).toEqual(["email", "sms"]);
  });

  it("finds the changed fields only, whatever the key order of business hours", () => {
    const saved = draftOf(PLUMBING);
    expect(
      changedFields(
        edit({
          businessHours: { monday: { start: "08:00", end: "17:00" }, friday: { start: "08:00", end: "17:00" } },
        }),
        saved,
      ),
    ).toEqual([]);
    const changed = edit({
      terminology: { appointment: "service call", meeting: "site visit", demo: " estimate " },
      pricingEnabled: false,
      defaultDurationMinutes: "90",
    });
    expect(changedFields(changed, saved)).toEqual(["terminology", "pricingEnabled"]);
    expect(valuesOf(changed).values.terminology).toEqual({
      appointment: "service call",
      meeting: "site visit",
      demo: "estimate",
    });
    // A word cleared is a word removed, not an empty one.
    expect(valuesOf(edit({ terminology: { appointment: "", meeting: "site visit" } })).values.terminology).toEqual({
      meeting: "site visit",
    });
  });

  it("keeps the configuration's order of event types when one is ticked again", () => {
    const order = PLUMBING.eventTypes;
    expect(orderEventTypes(["service_call", "emergency", "follow_up", "quote"], order)).toEqual(order);
    expect(orderEventTypes(["meeting", "service_call", "demo"], order)).toEqual(["service_call", "meeting", "demo"]);
  });

  it("reads a server error's path as the form's key", () => {
    expect(formErrorKey("businessHours.monday.end")).toBe("businessHours.monday");
    expect(formErrorKey("reminderSettings.offsets_minutes.0")).toBe("reminderSettings.offsets_minutes.0");
  });
});
