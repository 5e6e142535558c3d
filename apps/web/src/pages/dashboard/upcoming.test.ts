import { describe, expect, it } from "vitest";
import { localDay } from "../../lib/local-day";
import { formatPercent } from "../dashboard";
import { dayHeading, groupByDay } from "./upcoming";

const timezone = "America/New_York";
const at = (iso: string) => new Date(iso);

describe("upcoming events", () => {
  it("groups events by the business's day, not UTC's", () => {
    const events = [
      // 8 PM in New York on the 14th is already the 15th in UTC.
      { id: "a", confirmedDatetime: at("2026-01-15T01:00:00Z"), proposedDatetime: null },
      { id: "b", confirmedDatetime: null, proposedDatetime: at("2026-01-15T14:00:00Z") },
      { id: "c", confirmedDatetime: at("2026-01-15T15:00:00Z"), proposedDatetime: at("2026-01-20T15:00:00Z") },
      { id: "no time", confirmedDatetime: null, proposedDatetime: null },
    ];
    expect(groupByDay(events, timezone).map((g) => [g.day, g.events.map((e) => e.id)])).toEqual([
      ["2026-01-14", ["a"]],
      ["2026-01-15", ["b", "c"]],
    ]);
  });

  it("names today and tomorrow, and the other days by weekday", () => {
    const today = localDay(at("2026-03-08T04:30:00Z"), timezone);
    expect(today).toBe("2026-03-07");
    expect(dayHeading("2026-03-07", today)).toBe("Today");
    expect(dayHeading("2026-03-08", today)).toBe("Tomorrow");
    expect(dayHeading("2026-03-09", today)).toBe("Mon, Mar 9");
  });

  it("shows the conversion rate as a short percentage", () => {
    expect(formatPercent(66.67)).toBe("66.7%");
    expect(formatPercent(100)).toBe("100%");
    expect(formatPercent(0)).toBe("0%");
  });
});
