import { describe, expect, it } from "vitest";
import {
  businessHoursSchema,
  effectiveIndustryConfig,
  type IndustryConfigValues,
  industryConfigUpdateSchema,
  industryEventTypesSchema,
  reminderSettingsSchema,
} from "./industry-config";

describe("industry configuration shapes", () => {
  it("accepts opening hours per weekday and treats missing days as closed", () => {
    const hours = { monday: { start: "08:00", end: "17:00" }, saturday: { start: "09:00", end: "13:00" } };
    expect(businessHoursSchema.parse(hours)).toEqual(hours);
  });

  it("rejects an unknown weekday, a malformed time and an end before the start, naming the field", () => {
    expect(businessHoursSchema.safeParse({ funday: { start: "08:00", end: "17:00" } }).success).toBe(false);
    const malformed = businessHoursSchema.safeParse({ monday: { start: "8am", end: "17:00" } });
    expect(malformed.error?.issues[0]?.path).toEqual(["monday", "start"]);
    const backwards = businessHoursSchema.safeParse({ monday: { start: "17:00", end: "08:00" } });
    expect(backwards.error?.issues[0]).toMatchObject({ path: ["monday", "end"], message: "end must be after start" });
  });

  it("requires known, distinct event types", () => {
    expect(industryEventTypesSchema.safeParse(["service_call", "quote"]).success).toBe(true);
    expect(industryEventTypesSchema.safeParse([]).success).toBe(false);
    expect(industryEventTypesSchema.safeParse(["quote", "quote"]).success).toBe(false);
    expect(industryEventTypesSchema.safeParse(["party"]).success).toBe(false);
  });

  it("validates reminder offsets and channels", () => {
    expect(
      reminderSettingsSchema.safeParse({ enabled: true, offsets_minutes: [1440, 60], channels: ["sms"] }).success,
    ).toBe(true);
    expect(reminderSettingsSchema.safeParse({ enabled: true, offsets_minutes: [-5], channels: ["sms"] }).success).toBe(
      false,
    );
    expect(reminderSettingsSchema.safeParse({ enabled: true, offsets_minutes: [60], channels: ["fax"] }).success).toBe(
      false,
    );
  });
});

describe("industry configuration update", () => {
  it("accepts a partial patch, with null meaning 'follow the default'", () => {
    expect(industryConfigUpdateSchema.parse({ defaultDurationMinutes: 45, terminology: null })).toEqual({
      defaultDurationMinutes: 45,
      terminology: null,
    });
  });

  it("rejects an empty patch, a duration outside 5..480 and a null event type list, naming the fields", () => {
    expect(industryConfigUpdateSchema.safeParse({}).success).toBe(false);
    const result = industryConfigUpdateSchema.safeParse({
      defaultDurationMinutes: 481,
      eventTypes: null,
      businessHours: { friday: { start: "18:00", end: "09:00" } },
    });
    expect(result.error?.issues.map((issue) => issue.path.join("."))).toEqual([
      "eventTypes",
      "defaultDurationMinutes",
      "businessHours.friday.end",
    ]);
    expect(industryConfigUpdateSchema.safeParse({ defaultDurationMinutes: 4 }).success).toBe(false);
  });
});

describe("effective industry configuration", () => {
  const defaults: IndustryConfigValues = {
    eventTypes: ["service_call", "quote"],
    terminology: { appointment: "service call", meeting: "site visit" },
    defaultDurationMinutes: 90,
    businessHours: { monday: { start: "08:00", end: "17:00" } },
    pricingEnabled: true,
    locationRequired: true,
    autoConfirmEnabled: false,
    reminderSettings: { enabled: true, offsets_minutes: [1440], channels: ["email"] },
  };
  const inheriting: IndustryConfigValues = {
    eventTypes: ["service_call", "quote"],
    terminology: null,
    defaultDurationMinutes: null,
    businessHours: null,
    pricingEnabled: null,
    locationRequired: null,
    autoConfirmEnabled: null,
    reminderSettings: null,
  };

  it("is the default, all fields from it, when the user has no row", () => {
    const effective = effectiveIndustryConfig("plumbing", defaults, null);
    expect(effective).toMatchObject({ industryType: "plumbing", ...defaults });
    expect(Object.values(effective.source)).toEqual(Array(8).fill("default"));
  });

  it("takes the user's non-null values, and marks as customised only those that differ from the default", () => {
    const effective = effectiveIndustryConfig("plumbing", defaults, {
      ...inheriting,
      defaultDurationMinutes: 60,
      autoConfirmEnabled: false,
      // Same content, other key order: jsonb does not keep the order.
      terminology: { meeting: "site visit", appointment: "service call" },
    });
    expect(effective).toMatchObject({ defaultDurationMinutes: 60, autoConfirmEnabled: false, pricingEnabled: true });
    expect(effective.source).toEqual({
      eventTypes: "default",
      terminology: "default",
      defaultDurationMinutes: "customised",
      businessHours: "default",
      pricingEnabled: "default",
      locationRequired: "default",
      autoConfirmEnabled: "default",
      reminderSettings: "default",
    });
  });

  it("overrides JSON fields as a whole", () => {
    const effective = effectiveIndustryConfig("plumbing", defaults, {
      ...inheriting,
      eventTypes: ["emergency"],
      businessHours: { saturday: { start: "10:00", end: "12:00" } },
    });
    expect(effective.eventTypes).toEqual(["emergency"]);
    expect(effective.businessHours).toEqual({ saturday: { start: "10:00", end: "12:00" } });
    expect(effective.source).toMatchObject({ eventTypes: "customised", businessHours: "customised" });
  });
});
