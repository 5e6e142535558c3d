import { describe, expect, it } from "vitest";
import { calendarAnchor, calendarInput, eventListInput, isFiltered, stepAnchor, unscheduledInput } from "./filters";
import { validateEventsSearch } from "./search";

const NY = "America/New_York";

describe("the events URL", () => {
  it("keeps what it can read and drops the rest", () => {
    expect(
      validateEventsSearch({
        view: "calendar",
        status: ["pending", "confirmed", "pending", "DROP TABLE"],
        type: "quote",
        from: "2026-12-01",
        to: "2026-11-01",
        q: 555,
        sort: "sideways",
        mode: "month",
        date: "2026-02-30",
      }),
    ).toEqual({
      view: "calendar",
      status: "pending,confirmed",
      type: "quote",
      from: "2026-12-01",
      to: undefined,
      q: "555",
      sort: undefined,
      mode: "month",
      date: undefined,
    });
  });
});

describe("the list's input", () => {
  it("turns the URL's days into the instants they start and end in the business's timezone", () => {
    const input = eventListInput({ from: "2026-03-08", to: "2026-03-08", status: "pending,bogus", q: "smith" }, NY);
    expect(input).toEqual({
      status: ["pending"],
      search: "smith",
      // March 8 2026 is the spring-forward day in New York: it starts in EST and ends in EDT.
      from: new Date("2026-03-08T05:00:00Z"),
      to: new Date("2026-03-09T04:00:00Z"),
      sort: "recent",
      limit: 25,
    });
  });

  it("says whether anything narrows the list or the calendar", () => {
    expect(isFiltered({}, "list")).toBe(false);
    expect(isFiltered({ q: "smith" }, "list")).toBe(true);
    expect(isFiltered({ q: "smith", mode: "month" }, "calendar")).toBe(false);
    expect(isFiltered({ type: "quote" }, "calendar")).toBe(true);
  });
});

describe("the calendar's input", () => {
  it("asks for every timed event of the visible week, from its first midnight to the one after it", () => {
    expect(calendarInput({ type: "quote,demo" }, "week", "2026-12-09", NY)).toEqual({
      eventType: ["quote", "demo"],
      from: new Date("2026-12-06T05:00:00Z"),
      to: new Date("2026-12-13T05:00:00Z"),
      scheduled: true,
      sort: "upcoming",
      limit: 100,
    });
    expect(unscheduledInput({ status: "pending" })).toEqual({
      status: ["pending"],
      scheduled: false,
      sort: "recent",
      limit: 20,
    });
  });

  it("opens on today in the business's timezone unless the URL names a day", () => {
    // 02:00 UTC on Dec 10 is still Dec 9 in New York.
    const now = new Date("2026-12-10T02:00:00Z");
    expect(calendarAnchor({}, NY, now)).toBe("2026-12-09");
    expect(calendarAnchor({}, "Europe/Paris", now)).toBe("2026-12-10");
    expect(calendarAnchor({ date: "2027-01-05" }, NY, now)).toBe("2027-01-05");
  });

  it("steps by a week or a month", () => {
    expect(stepAnchor("week", "2026-12-30", 1)).toBe("2027-01-06");
    expect(stepAnchor("month", "2026-03-31", -1)).toBe("2026-02-28");
  });
});
