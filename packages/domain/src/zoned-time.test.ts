import { describe, expect, it } from "vitest";
import { zonedLocalToUtc } from "./zoned-time";

const utc = (local: string, timezone: string) => zonedLocalToUtc(local, timezone).toISOString();

describe("zonedLocalToUtc", () => {
  it("converts with the offset in force on that day, winter and summer", () => {
    expect(utc("2026-12-01T15:00", "America/New_York")).toBe("2026-12-01T20:00:00.000Z");
    expect(utc("2026-07-01T15:00", "America/New_York")).toBe("2026-07-01T19:00:00.000Z");
    expect(utc("2026-07-01T09:30", "Europe/London")).toBe("2026-07-01T08:30:00.000Z");
    expect(utc("2026-12-01T09:30", "Asia/Kolkata")).toBe("2026-12-01T04:00:00.000Z");
    expect(utc("2026-12-01T09:30", "UTC")).toBe("2026-12-01T09:30:00.000Z");
    expect(utc("2026-12-31T23:30", "Australia/Sydney")).toBe("2026-12-31T12:30:00.000Z");
  });

  it("uses the right offset on both sides of a DST change", () => {
    // New York moves to EDT at 2026-03-08 02:00 and back to EST at 2026-11-01 02:00.
    expect(utc("2026-03-08T01:59", "America/New_York")).toBe("2026-03-08T06:59:00.000Z");
    expect(utc("2026-03-08T03:00", "America/New_York")).toBe("2026-03-08T07:00:00.000Z");
    expect(utc("2026-11-01T00:30", "America/New_York")).toBe("2026-11-01T04:30:00.000Z");
    expect(utc("2026-11-01T02:00", "America/New_York")).toBe("2026-11-01T07:00:00.000Z");
  });

  it("takes the first of a repeated hour and moves a skipped time forward by the gap", () => {
    expect(utc("2026-11-01T01:30", "America/New_York")).toBe("2026-11-01T05:30:00.000Z");
    expect(utc("2026-03-08T02:30", "America/New_York")).toBe("2026-03-08T07:30:00.000Z");
    expect(utc("2026-03-29T02:30", "Europe/Berlin")).toBe("2026-03-29T01:30:00.000Z");
  });

  it("refuses malformed times, impossible dates and unknown zones", () => {
    expect(() => zonedLocalToUtc("2026-12-01", "UTC")).toThrow(RangeError);
    expect(() => zonedLocalToUtc("2026-02-30T10:00", "UTC")).toThrow(RangeError);
    expect(() => zonedLocalToUtc("2026-12-01T24:00", "UTC")).toThrow(RangeError);
    expect(() => zonedLocalToUtc("2026-12-01T10:00", "Mars/Olympus")).toThrow(RangeError);
  });
});
