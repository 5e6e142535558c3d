import type { BusinessHours } from "@flynn/domain";
import { describe, expect, it } from "vitest";
import { chooseCallRoute, isWithinBusinessHours, mapTwilioCallStatus, voicemailGreeting } from "./call-routing";

const weekdays: BusinessHours = {
  monday: { start: "08:00", end: "17:00" },
  tuesday: { start: "08:00", end: "17:00" },
  saturday: { start: "09:00", end: "15:00" },
};

describe("mapTwilioCallStatus", () => {
  it("maps every Twilio status onto the spec's values", () => {
    expect(
      ["queued", "initiated", "ringing", "in-progress", "completed", "busy", "failed", "no-answer", "canceled"].map(
        mapTwilioCallStatus,
      ),
    ).toEqual([
      "ringing",
      "ringing",
      "ringing",
      "in_progress",
      "completed",
      "busy",
      "failed",
      "no_answer",
      "cancelled",
    ]);
  });

  it("rejects undocumented values, including inherited object keys", () => {
    expect(mapTwilioCallStatus("answered")).toBeNull();
    expect(mapTwilioCallStatus("toString")).toBeNull();
  });
});

describe("isWithinBusinessHours", () => {
  // Monday 2026-10-05 14:30 UTC = 10:30 in New York (EDT), 23:30 in Tokyo.
  const mondayAfternoonUtc = new Date("2026-10-05T14:30:00Z");

  it("reads the hours in the business's timezone", () => {
    expect(isWithinBusinessHours(weekdays, "America/New_York", mondayAfternoonUtc)).toBe(true);
    expect(isWithinBusinessHours(weekdays, "Asia/Tokyo", mondayAfternoonUtc)).toBe(false);
  });

  it("treats opening as inside and closing as outside", () => {
    expect(isWithinBusinessHours(weekdays, "UTC", new Date("2026-10-05T08:00:00Z"))).toBe(true);
    expect(isWithinBusinessHours(weekdays, "UTC", new Date("2026-10-05T07:59:00Z"))).toBe(false);
    expect(isWithinBusinessHours(weekdays, "UTC", new Date("2026-10-05T17:00:00Z"))).toBe(false);
  });

  it("is closed on a day without hours, and the weekday is the local one", () => {
    // Sunday 2026-10-04 23:30 UTC is already Monday 08:30 in Tokyo.
    const sundayNightUtc = new Date("2026-10-04T23:30:00Z");
    expect(isWithinBusinessHours(weekdays, "UTC", sundayNightUtc)).toBe(false);
    expect(isWithinBusinessHours(weekdays, "Asia/Tokyo", sundayNightUtc)).toBe(true);
  });

  it("counts an unknown timezone as UTC and no hours as closed", () => {
    expect(isWithinBusinessHours(weekdays, "Mars/Olympus", new Date("2026-10-05T09:00:00Z"))).toBe(true);
    expect(isWithinBusinessHours(null, "UTC", new Date("2026-10-05T09:00:00Z"))).toBe(false);
  });
});

describe("chooseCallRoute", () => {
  const open = new Date("2026-10-05T10:00:00Z");
  const closed = new Date("2026-10-05T20:00:00Z");

  it("forwards within business hours when the owner has a phone", () => {
    expect(
      chooseCallRoute({ businessHours: weekdays, timezone: "UTC", ownerPhone: "+15550100001", now: open }),
    ).toEqual({ kind: "forward", to: "+15550100001" });
  });

  it("takes a message after hours or when the owner has no phone", () => {
    expect(
      chooseCallRoute({ businessHours: weekdays, timezone: "UTC", ownerPhone: "+15550100001", now: closed }),
    ).toEqual({ kind: "voicemail" });
    expect(chooseCallRoute({ businessHours: weekdays, timezone: "UTC", ownerPhone: null, now: open })).toEqual({
      kind: "voicemail",
    });
  });
});

describe("voicemailGreeting", () => {
  it("uses the industry's word for a booking", () => {
    expect(voicemailGreeting("Pipe Pros", { appointment: "service call" })).toContain("book a service call");
    expect(voicemailGreeting(null, {})).toMatch(/^Thank you for calling us\..*book an appointment.*recorded/);
  });
});
