import { describe, expect, it } from "vitest";
import { addMonths, isTime, localInputs, minuteOfDay, startOfMonth, startOfWeek } from "./zoned";

describe("calendar arithmetic on business days", () => {
  it("moves by months keeping the day, or the month's last day", () => {
    expect(addMonths("2026-01-31", 1)).toBe("2026-02-28");
    expect(addMonths("2028-01-31", 1)).toBe("2028-02-29");
    expect(addMonths("2026-03-15", -1)).toBe("2026-02-15");
    expect(addMonths("2026-12-09", 1)).toBe("2027-01-09");
    expect(addMonths("2026-01-09", -1)).toBe("2025-12-09");
  });

  it("starts weeks on Sunday and months on the first", () => {
    expect(startOfWeek("2026-12-09")).toBe("2026-12-06");
    expect(startOfWeek("2026-12-06")).toBe("2026-12-06");
    expect(startOfWeek("2027-01-01")).toBe("2026-12-27");
    expect(startOfMonth("2026-12-09")).toBe("2026-12-01");
  });

  it("accepts the times an input gives, 00:00 to 23:59 only", () => {
    expect(isTime("00:00")).toBe(true);
    expect(isTime("23:59")).toBe(true);
    expect(isTime("24:00")).toBe(false);
    expect(isTime("9:00")).toBe(false);
    expect(isTime("12:60")).toBe(false);
  });
});

describe("the business's clock", () => {
  // 03:30 UTC on Dec 9 is still Dec 8 in New York, and already Dec 9 in Tokyo.
  const instant = new Date("2026-12-09T03:30:00Z");

  it("reads the day and time an instant shows in the business's timezone", () => {
    expect(localInputs(instant, "America/New_York")).toEqual({ date: "2026-12-08", time: "22:30" });
    expect(localInputs(instant, "Asia/Tokyo")).toEqual({ date: "2026-12-09", time: "12:30" });
    expect(localInputs(null, "Asia/Tokyo")).toEqual({ date: "", time: "" });
    expect(minuteOfDay(instant, "America/New_York")).toBe(22 * 60 + 30);
  });

  it("follows daylight saving: the same UTC hour is an hour later on the clocks in summer", () => {
    expect(localInputs(new Date("2026-01-15T14:00:00Z"), "America/New_York").time).toBe("09:00");
    expect(localInputs(new Date("2026-07-15T14:00:00Z"), "America/New_York").time).toBe("10:00");
  });
});
