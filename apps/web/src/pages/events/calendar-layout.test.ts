import { describe, expect, it } from "vitest";
import { type CalendarEvent, placeEvents, rangeTitle, visibleDays } from "./calendar-layout";

const NY = "America/New_York";
let nextId = 0;
function event(at: string | null, durationMinutes: number | null = 60, confirmed: string | null = null): CalendarEvent {
  nextId += 1;
  return {
    id: `e${nextId}`,
    proposedDatetime: at ? new Date(at) : null,
    confirmedDatetime: confirmed ? new Date(confirmed) : null,
    durationMinutes,
  };
}
const lanes = (placed: { event: CalendarEvent; lane: number; lanes: number }[]) =>
  placed.map((p) => [p.event.id, p.lane, p.lanes]);

describe("placeEvents", () => {
  it("puts an event on the business's day and hour, not UTC's or the browser's", () => {
    const late = event("2026-12-09T03:30:00Z");
    const placed = placeEvents([late], NY);
    expect([...placed.keys()]).toEqual(["2026-12-08"]);
    expect(placed.get("2026-12-08")?.[0]).toMatchObject({ start: 22 * 60 + 30, end: 23 * 60 + 30 });
    expect([...placeEvents([late], "Asia/Tokyo").keys()]).toEqual(["2026-12-09"]);
  });

  it("uses the confirmed time over the proposed one, and leaves out events without a time", () => {
    const moved = event("2026-12-09T14:00:00Z", 60, "2026-12-10T15:00:00Z");
    const placed = placeEvents([moved, event(null)], NY);
    expect([...placed.keys()]).toEqual(["2026-12-10"]);
    expect(placed.get("2026-12-10")?.[0]?.start).toBe(10 * 60);
  });

  it("clips an event at the business's midnight, and gives a short one a clickable height", () => {
    const overnight = event("2026-12-10T04:30:00Z", 120); // 23:30 in New York
    const short = event("2026-12-09T15:00:00Z", 5);
    const placed = placeEvents([overnight, short], NY);
    expect(placed.get("2026-12-09")?.map((p) => [p.start, p.end])).toEqual([
      [10 * 60, 10 * 60 + 30],
      [23 * 60 + 30, 24 * 60],
    ]);
  });

  it("places a DST day's events by the clock: 9 AM is 9 AM on either side of the change", () => {
    const before = event("2026-03-07T14:00:00Z"); // 9:00 EST
    const after = event("2026-03-09T13:00:00Z"); // 9:00 EDT
    const placed = placeEvents([before, after], NY);
    expect(placed.get("2026-03-07")?.[0]?.start).toBe(9 * 60);
    expect(placed.get("2026-03-09")?.[0]?.start).toBe(9 * 60);
  });

  it("sets overlapping events side by side, with the same width within a chain of overlaps", () => {
    const a = event("2026-12-09T14:00:00Z", 120); // 9-11
    const b = event("2026-12-09T15:00:00Z", 60); // 10-11
    const c = event("2026-12-09T15:30:00Z", 60); // 10:30-11:30
    const d = event("2026-12-09T16:00:00Z", 30); // 11-11:30: a and b are over
    const e = event("2026-12-09T18:00:00Z", 60); // 13-14, alone
    const placed = placeEvents([e, d, c, b, a], NY).get("2026-12-09") ?? [];
    expect(lanes(placed)).toEqual([
      [a.id, 0, 3],
      [b.id, 1, 3],
      [c.id, 2, 3],
      [d.id, 0, 3],
      [e.id, 0, 1],
    ]);
  });
});

describe("the visible range", () => {
  it("shows a week from Sunday, or six weeks from the Sunday before the 1st", () => {
    expect(visibleDays("week", "2026-12-09")).toEqual([
      "2026-12-06",
      "2026-12-07",
      "2026-12-08",
      "2026-12-09",
      "2026-12-10",
      "2026-12-11",
      "2026-12-12",
    ]);
    const month = visibleDays("month", "2026-12-31");
    expect(month).toHaveLength(42);
    expect(month[0]).toBe("2026-11-29");
    expect(month.at(-1)).toBe("2027-01-09");
  });

  it("titles it by the week's days or the month", () => {
    expect(rangeTitle("week", "2026-12-09")).toBe("Dec 6 – 12, 2026");
    expect(rangeTitle("week", "2026-12-01")).toBe("Nov 29 – Dec 5, 2026");
    expect(rangeTitle("week", "2026-12-30")).toBe("Dec 27, 2026 – Jan 2, 2027");
    expect(rangeTitle("month", "2026-12-30")).toBe("December 2026");
  });
});
