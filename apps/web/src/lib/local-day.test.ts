import { describe, expect, it } from "vitest";
import { addDays, formatDay, isDay, localDay, startOfLocalDay } from "./local-day";

describe("business days", () => {
  it("reads the day in the business's timezone", () => {
    const instant = new Date("2026-01-15T03:00:00Z");
    expect(localDay(instant, "America/Los_Angeles")).toBe("2026-01-14");
    expect(localDay(instant, "Asia/Tokyo")).toBe("2026-01-15");
  });

  it("starts days at local midnight, across a DST change", () => {
    expect(startOfLocalDay("2026-03-08", "America/New_York").toISOString()).toBe("2026-03-08T05:00:00.000Z");
    expect(startOfLocalDay("2026-03-09", "America/New_York").toISOString()).toBe("2026-03-09T04:00:00.000Z");
  });

  it("moves by calendar days and checks them", () => {
    expect(addDays("2026-12-31", 1)).toBe("2027-01-01");
    expect(addDays("2024-03-01", -1)).toBe("2024-02-29");
    expect(isDay("2026-02-28")).toBe(true);
    expect(isDay("2026-02-30")).toBe(false);
    expect(isDay("2026-2-3")).toBe(false);
    expect(isDay(20260101)).toBe(false);
    expect(formatDay("2026-01-14")).toBe("Jan 14");
  });
});
