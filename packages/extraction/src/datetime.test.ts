import { describe, expect, it } from "vitest";
import { findMentions, formatDate, formatTime, minutesUntil } from "./datetime";

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

describe("rates and abbreviations", () => {
  const times = (text: string) =>
    findMentions(text, today).flatMap((m) => (m.kind === "time" ? [formatTime(m.time)] : []));

  it("does not read a rate ('900 a week') as a day a week away", () => {
    expect(days("It's nine hundred a week, bills included.")).toEqual([]);
    expect(days("We could start in a week.")).toEqual(["2026-01-21"]);
  });

  it("keeps 'a.m.' and 'p.m.' inside their sentence", () => {
    expect(times("How about Friday, 8 a.m.?")).toEqual(["08:00"]);
    expect(times("Shall we say 3 p.m. on Monday?")).toEqual(["15:00"]);
  });

  it("reads 'make it ten' as a time", () => {
    expect(times("Can we make it ten instead?")).toEqual(["10:00"]);
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
