import { describe, expect, it } from "vitest";
import { dateTimeFormat, numberFormat } from "./intl";

describe("shared Intl formatters", () => {
  it("builds one formatter per set of options, in American English", () => {
    const options: Intl.DateTimeFormatOptions = { timeZone: "America/New_York", month: "short", day: "numeric" };
    const first = dateTimeFormat(options);
    expect(dateTimeFormat({ ...options })).toBe(first);
    expect(dateTimeFormat({ ...options, year: "numeric" })).not.toBe(first);
    expect(first.format(new Date("2026-01-14T12:00:00Z"))).toBe("Jan 14");
    expect(numberFormat({ style: "currency", currency: "USD" }).format(1250)).toBe("$1,250.00");
    expect(numberFormat({ style: "currency", currency: "USD" })).toBe(
      numberFormat({ style: "currency", currency: "USD" }),
    );
  });

  it("refuses an unknown time zone every time, keeping nothing", () => {
    expect(() => dateTimeFormat({ timeZone: "Mars/Olympus_Mons" })).toThrow(RangeError);
    expect(() => dateTimeFormat({ timeZone: "Mars/Olympus_Mons" })).toThrow(RangeError);
  });
});
