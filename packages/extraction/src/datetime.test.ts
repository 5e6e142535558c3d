import { describe, expect, it } from "vitest";
import { findMentions, formatDate, formatTime, minutesUntil, resolveRelative } from "./datetime";

// Wednesday 2026-01-14.
const today = { year: 2026, month: 1, day: 14 };
const days = (text: string) =>
  findMentions(text, today).flatMap((m) => (m.kind === "date" ? [formatDate(m.date)] : []));
const times = (text: string) =>
  findMentions(text, today).flatMap((m) => (m.kind === "time" ? [formatTime(m.time)] : []));

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

describe("halves of the day", () => {
  it("reads 'p.m.' followed by more words, and plural day parts", () => {
    expect(times("Friday, seven p.m., the upstairs room.")).toEqual(["19:00"]);
    expect(times("She coaches on Tuesday evenings, eight o'clock.")).toEqual(["20:00"]);
  });

  it("does not take the verb 'am' for the morning", () => {
    expect(times("I am around at four.")).toEqual(["16:00"]);
  });

  it("books a window said with 'between' at its start, its half of the day from either end", () => {
    expect(times("Between seven and eight in the morning?")).toEqual(["07:00"]);
    expect(times("Anywhere between eleven and one pm.")).toEqual(["11:00"]);
    expect(times("Between three and five works.")).toEqual(["15:00"]);
  });
});

describe("numbers that are not clock times", () => {
  it("takes 'one' before 'in' or 'that' for the pronoun", () => {
    expect(times("We're hunting for one in the old town.")).toEqual([]);
  });

  it("reads a time followed by a unit's label, not a count of units", () => {
    expect(times("Monday at two unit C, please.")).toEqual(["14:00"]);
    expect(times("We manage about 3 units there.")).toEqual([]);
  });
});

describe("days said with other words", () => {
  it("reads an hour after a date's comma as the time, not a short year", () => {
    expect(days("March ninth, eleven a.m.?")).toEqual(["2026-03-09"]);
    expect(days("Born the fourth of May, ninety-one.")).toEqual([]);
  });

  it("takes 'the 3rd is a Friday' and 'it's a Friday' as naming a weekday, not another day", () => {
    expect(days("February sixth is a Friday, right?")).toEqual(["2026-02-06"]);
    expect(days("It's a Friday, yes.")).toEqual([]);
  });

  it("takes an ordinal before a noun for a rank, not a day of the month", () => {
    expect(days("The second visit would be shorter.")).toEqual([]);
    expect(days("Could we do the second at nine?")).toEqual(["2026-02-02"]);
    expect(days("The twentieth works for us.")).toEqual(["2026-01-20"]);
  });

  it("takes a week or 'the day' for no day", () => {
    expect(days("I'll have the figures next week.")).toEqual([]);
    expect(days("Parking is eight dollars for the day.")).toEqual([]);
  });

  it("marks a day said relative to another, resolved from today until that one is known", () => {
    const [mention] = findMentions("And the Thursday after, same time?", today);
    expect(mention).toMatchObject({ kind: "date", relative: { weekday: 4, direction: 1 } });
    expect(resolveRelative({ year: 2026, month: 1, day: 20 }, { weekday: 4, direction: 1 })).toEqual({
      year: 2026,
      month: 1,
      day: 22,
    });
    expect(resolveRelative({ year: 2026, month: 1, day: 22 }, { weekday: 1, direction: -1 })).toEqual({
      year: 2026,
      month: 1,
      day: 19,
    });
    expect(resolveRelative({ year: 2026, month: 1, day: 22 }, { weekday: null, direction: -1 })).toEqual({
      year: 2026,
      month: 1,
      day: 21,
    });
  });
});
