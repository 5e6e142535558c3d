import { describe, expect, it } from "vitest";
import { businessHoursSchema, industryEventTypesSchema, reminderSettingsSchema } from "./industry-config";

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
