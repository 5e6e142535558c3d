import { describe, expect, it } from "vitest";
import { findMentions, formatDate, formatTime, minutesUntil, resolveRelative } from "./datetime";

// Wednesday 2026-01-14.
const today = { year: 2026, month: 1, day: 14 };
const days = (text: string) =>
  findMentions(text, today).flatMap((m) => (m.kind === "date" ? [formatDate(m.date)] : []));
const times = (text: string) =>
  findMentions(text, today).flatMap((m) => (m.kind === "time" ? [formatTime(m.time)] : []));

describe("day mentions", () => {
  it("reads an ordinal after 'on' without 'the' as a street, unless 'of' the month follows", () => {
    expect(days("The depot is on Twelfth, past the lights.")).toEqual([]);
    expect(days("Could you come on 20th of this month?")).toEqual(["2026-01-20"]);
  });

  it("takes a part of today already over at the time of the call as past, not a day to book", () => {
    const afternoon = { hour: 15, minute: 0 };
    const dated = (text: string, now: { hour: number; minute: number }) =>
      findMentions(text, today, now).flatMap((m) => (m.kind === "date" ? [formatDate(m.date)] : []));
    expect(dated("I rang your office this morning about the boiler.", afternoon)).toEqual([]);
    expect(dated("Could someone come this morning?", { hour: 8, minute: 0 })).toEqual(["2026-01-14"]);
  });

  it("reads Australian 'this arvo' as today", () => {
    expect(days("Can I drop it off this arvo?")).toEqual(["2026-01-14"]);
  });

  it("takes 'that's a Tuesday' as naming the weekday of the day just said", () => {
    expect(days("We can come on the 27th, that's a Tuesday.")).toEqual(["2026-01-27"]);
  });

  it("does not read a spelled letter as a day", () => {
    expect(days("It's Bronwen with a W.")).toEqual([]);
  });

  it("reads British 'Friday week' like 'a week on Friday'", () => {
    expect(days("Friday week suits me.")).toEqual(["2026-01-23"]);
  });

  it("reads 'Friday fortnight' and 'a fortnight on Friday' as the coming Friday plus two weeks", () => {
    expect(days("Friday fortnight suits me.")).toEqual(["2026-01-30"]);
    expect(days("How about a fortnight on Friday?")).toEqual(["2026-01-30"]);
  });

  it("reads a weekday said after 'in the evening on'", () => {
    expect(days("At seven in the evening on Thursday?")).toEqual(["2026-01-15"]);
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

  it("takes 'for four' right after a time for the party, not the time", () => {
    expect(times("Friday at 8 for four, under Lee.")).toEqual(["08:00"]);
    expect(times("Can you book it for 10?")).toEqual(["10:00"]);
  });

  it("takes a number with a flat's letter for the flat, not a time", () => {
    expect(times("The lads will be at four D tomorrow.")).toEqual([]);
    expect(times("Be there at 4, I think.")).toEqual(["16:00"]);
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

describe("lengths, prices and lists", () => {
  it("takes 'two and a half hours' for a length and 'two fifty to three hundred' for prices", () => {
    expect(times("I'd start at ten and stay maybe three and a half hours.")).toEqual(["10:00"]);
    expect(times("A new panel is more like four fifty to six hundred.")).toEqual([]);
  });

  it("reads a list of days of the month as that many days", () => {
    expect(days("That gives us the third of March, the third of April and the fifth of May.")).toEqual([
      "2026-03-03",
      "2026-04-03",
      "2026-05-05",
    ]);
    expect(days("Tuesday the 20th, then.")).toEqual(["2026-01-20"]);
  });

  it("takes 'a Saturday' for any Saturday, not the coming one", () => {
    expect(days("We were hoping for a Saturday in June.")).toEqual([]);
  });
});

describe("windows and times said in short", () => {
  it("books a British window from half past the hour at its start", () => {
    expect(times("The fitter can come Friday between half eight and half ten.")).toEqual(["08:30"]);
    expect(times("Between half one and three, then.")).toEqual(["13:30"]);
  });

  it("keeps the window reading of 'ten to twelve' beside the minutes-before-the-hour one", () => {
    const [mention] = findMentions("Yes, ten to twelve.", today);
    expect(mention).toMatchObject({ time: { hour: 11, minute: 50 }, alternative: { hour: 10, minute: 0 } });
    const [past] = findMentions("It's twenty to four.", today);
    expect(past).not.toHaveProperty("alternative");
  });

  it("reads an hour asked on its own, or taken up with 'works', as a time", () => {
    expect(times("Eight?")).toEqual(["08:00"]);
    expect(times("Sure, four works.")).toEqual(["16:00"]);
    expect(times("Half past nine to four works.")).toEqual(["09:30"]);
  });

  it("counts an arrival 'minutes out' from the moment of the call, not a phone call before it", () => {
    const now = { hour: 23, minute: 45 };
    const arrival = (text: string) =>
      findMentions(text, today, now).flatMap((m) => (m.kind === "time" ? [formatTime(m.time)] : []));
    expect(arrival("The van's about forty minutes out.")).toEqual(["00:25"]);
    expect(arrival("We can be there in half an hour.")).toEqual(["00:15"]);
    expect(arrival("She'll text you ten minutes out.")).toEqual([]);
    expect(times("The van's about forty minutes out.")).toEqual([]);
  });
});

describe("a weekday that is today's", () => {
  it("marks a bare weekday said on that weekday, which the call around it resolves", () => {
    const [bare] = findMentions("Wednesday?", today);
    expect(bare).toMatchObject({ date: today, weekdayOfToday: true });
    const [thisOne] = findMentions("This Wednesday?", today);
    expect(thisOne).not.toHaveProperty("weekdayOfToday");
  });
});

describe("calls promised from now", () => {
  it("counts a call promised 'in ten minutes' from the moment of the call", () => {
    const now = { hour: 9, minute: 50 };
    const [call] = findMentions("Our lead will call you in about ten minutes.", today, now);
    expect(call).toMatchObject({ kind: "time", time: { hour: 10, minute: 0 }, fromNow: true });
  });
});

describe("lengths, ranges and recurring days", () => {
  it("takes a count of days or weeks for a length unless it is counted from now", () => {
    expect(days("You have thirty days to appeal.")).toEqual([]);
    expect(days("It's a ninety day warranty.")).toEqual([]);
    expect(days("We're running about three weeks behind.")).toEqual([]);
    expect(days("The tap has leaked for two weeks now.")).toEqual([]);
    expect(days("It's been a few days like this.")).toEqual([]);
    expect(days("Come back in ten days.")).toEqual(["2026-01-24"]);
  });

  it("takes the end or the start of a month for a span, not its last or first day", () => {
    expect(days("We're aiming for the end of March.")).toEqual([]);
    expect(days("Early April would suit.")).toEqual([]);
    expect(days("March thirty-first would suit.")).toEqual(["2026-03-31"]);
  });

  it("takes a span of weekdays or a weekday that recurs for no one day", () => {
    expect(days("The clinic runs Monday to Thursday after two.")).toEqual([]);
    expect(days("The market is on every Saturday.")).toEqual([]);
    expect(days("Fridays are quiet, and Sunday mornings are closed.")).toEqual([]);
    expect(days("Friday morning is free.")).toEqual(["2026-01-16"]);
  });
});

describe("numbers that are not times", () => {
  it("reads a number before a street name as an address", () => {
    expect(times("You'll find us at four fifteen Harbor Road.")).toEqual([]);
    expect(times("Friday at four, Harbor Road.")).toEqual(["16:00"]);
    expect(times("Can we say at nine Tuesday?")).toEqual(["09:00"]);
  });

  it("reads an hour and minutes said after 'this afternoon' as a time", () => {
    expect(times("She can ring you this afternoon, two fifty.")).toEqual(["14:50"]);
  });

  it("reads an hour and minutes offered with a practitioner as a time, not a price", () => {
    expect(times("Or eleven fifty with Dr. Amari?")).toEqual(["11:50"]);
    expect(times("Eleven fifty with delivery.")).toEqual([]);
  });

  it("reads 'the quote for eleven forty' as a sum, not a time", () => {
    expect(times("It's the invoice for nine fifty, the one we sent.")).toEqual([]);
    expect(times("Book me in for nine fifty.")).toEqual(["09:50"]);
  });

  it("books a window said after a day of the month at its start", () => {
    expect(times("Tuesday the twentieth, nine till one.")).toEqual(["09:00"]);
  });

  it("reads 'eight oh five' as 8:05 and a phone number read with 'oh' as no time", () => {
    expect(times("Could you be here at eight oh five?")).toEqual(["08:05"]);
    expect(times("Call me at three oh two, four four four, nine one nine one.")).toEqual([]);
  });

  it("takes the half of the day from the words of the same option only", () => {
    expect(times("We have Tuesday at half past two, or Thursday morning at ten.")).toEqual(["14:30", "10:00"]);
  });
});

describe("round 4: days and times said in general shapes", () => {
  it("takes a weekday with a day of the month that this month does not fit as the next month it fits", () => {
    // The 14th of January 2026 is a Wednesday; the next Sunday the 14th is in June.
    expect(days("Could we say Sunday the fourteenth?")).toEqual(["2026-06-14"]);
    // With its month said, the number stands.
    expect(days("Monday the fourteenth of June.")).toEqual(["2026-06-14"]);
    expect(days("Friday the sixteenth then.")).toEqual(["2026-01-16"]);
  });

  it("reads 'the first one' and 'half a month' as no day", () => {
    expect(days("Sorry, that's the first one we have.")).toEqual([]);
    expect(days("The deposit is half a month's rent.")).toEqual([]);
  });

  it("reads a number before 'point' as a decimal, not an hour", () => {
    expect(times("The offer came in at two point four five.")).toEqual([]);
  });

  it("reads an hour and minutes offered with 'has' or 'got' as a time", () => {
    expect(times("Dr. Lenz has eleven fifteen.")).toEqual(["11:15"]);
    expect(times("I've got two forty-five free.")).toEqual(["14:45"]);
  });

  it("books a window of two clock times with minutes at its start", () => {
    expect(times("His slot is eight fifteen to ten fifteen.")).toEqual(["08:15"]);
  });

  it("reads 'quarter after' like 'quarter past'", () => {
    expect(times("He'll be there around quarter after ten in the morning.")).toEqual(["10:15"]);
  });

  it("counts an arrival in an hour or 'see you in' minutes from the moment of the call", () => {
    const at = (text: string) =>
      findMentions(text, today, { hour: 20, minute: 5 }).flatMap((m) =>
        m.kind === "time" ? [formatTime(m.time)] : [],
      );
    expect(at("A van can be there in about an hour.")).toEqual(["21:05"]);
    expect(at("Okay, see you in twenty-five minutes.")).toEqual(["20:30"]);
    expect(at("He'll be with you in an hour and a half.")).toEqual(["21:35"]);
  });

  it("reads an hour asked after 'morning,' as that morning's", () => {
    expect(times("Would Thursday morning, ten?")).toEqual(["10:00"]);
    expect(times("This morning, 3 people called.")).toEqual([]);
  });
});
