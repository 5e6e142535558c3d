import { describe, expect, it } from "vitest";
import { findMentions, formatDate, minutesUntil } from "./datetime";

// Wednesday 2026-01-14.
const today = { year: 2026, month: 1, day: 14 };
const days = (text: string) =>
  findMentions(text, today).flatMap((m) => (m.kind === "date" ? [formatDate(m.date)] : []));

describe("day mentions", () => {
  it("takes 'that's a Tuesday' as naming the weekday of the day just said", () => {
    expect(days("We can come on the 27th, that's a Tuesday.")).toEqual(["2026-01-27"]);
  });

  it("does not read a spelled letter as a day", () => {
    expect(days("It's Bronwen with a W.")).toEqual([]);
  });

  it("reads British 'Friday week' like 'a week on Friday'", () => {
    expect(days("Friday week suits me.")).toEqual(["2026-01-23"]);
  });
});

describe("minutesUntil", () => {
  it("counts wall-clock minutes to a time, or to the given hour of a day said alone", () => {
    const from = { ...today, hour: 22, minute: 30 };
    expect(minutesUntil(from, "2026-01-14T23:00")).toBe(30);
    expect(minutesUntil(from, "2026-01-15")).toBe(90);
    expect(minutesUntil(from, "2026-01-15", "12:00")).toBe(810);
  });
});
