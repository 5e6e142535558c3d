import { extractionResultSchema } from "@flynn/domain";
import { describe, expect, it } from "vitest";
import { findEmails, findPhones } from "./contacts";
import { extractWithRules } from "./rules-extractor";

// Wednesday 2026-01-14, 10:00 in New York.
const base = {
  callStartedAt: "2026-01-14T10:00:00-05:00",
  timezone: "America/New_York",
  industry: "plumbing" as const,
};

function extract(transcript: string, extra: Partial<typeof base> & { callerNumber?: string } = {}) {
  const result = extractWithRules({ ...base, ...extra, transcript });
  expect(extractionResultSchema.parse(result)).toEqual(result);
  return result;
}

describe("words that are names of JavaScript's object internals", () => {
  it("reads a call that says 'constructor' or 'toString' like any other", () => {
    const result = extract(
      "Caller: My constructor says the pipe under the sink burst, and he's no good at toString work. Can you come tomorrow at 10? My number is 512 555 0123, twenty-constructor.\nBusiness: Sure, tomorrow at 10.",
    );
    expect(result.events).toHaveLength(1);
    expect(result.events[0]?.customer_phone).toBe("+15125550123");
    expect(result.events[0]?.proposed_datetime).toBe("2026-01-15T10:00");
  });
});

describe("dates relative to the call start", () => {
  it("resolves tomorrow, weekdays and spoken times in the user's timezone", () => {
    const result = extract(
      "Caller: My kitchen sink is leaking, can someone come out?\nBusiness: Sure, tomorrow at half past two in the afternoon?\nCaller: Perfect.",
    );
    expect(result.events).toHaveLength(1);
    expect(result.events[0]?.proposed_datetime).toBe("2026-01-15T14:30");
  });

  it("reads the day after tomorrow as two days on, not as tomorrow", () => {
    const result = extract(
      "Caller: Could someone look at my water heater?\nBusiness: We can come the day after tomorrow at 11 am.\nCaller: Great, thanks.",
    );
    expect(result.events[0]?.proposed_datetime).toBe("2026-01-16T11:00");
  });

  it("does not take a count of things for a clock time", () => {
    const result = extract(
      "Caller: Can someone look at the tiles for two bathrooms?\nBusiness: Sure, Friday works. We will call you to set the time.",
    );
    expect(result.events[0]?.proposed_datetime).toBe("2026-01-16");
  });

  it("takes the call's local day, not the UTC one", () => {
    // 23:30 in Los Angeles is already the next day in UTC.
    const result = extract("Caller: Can you fix my heater on Friday?\nBusiness: Friday at 9 am works.", {
      callStartedAt: "2026-01-14T23:30:00-08:00",
      timezone: "America/Los_Angeles",
    });
    expect(result.events[0]?.proposed_datetime).toBe("2026-01-16T09:00");
  });

  it("rolls a time after midnight said late at night to the next day", () => {
    const result = extract("Caller: My pipe burst!\nBusiness: A tech can be there at twenty past midnight.", {
      callStartedAt: "2026-01-14T23:40:00-05:00",
    });
    expect(result.events[0]?.proposed_datetime).toBe("2026-01-15T00:20");
  });

  it("reads bare days of the month", () => {
    const result = extract("Caller: Could you come on the twentieth at 10 am?\nBusiness: Yes, booked.");
    expect(result.events[0]?.proposed_datetime).toBe("2026-01-20T10:00");
  });
});

describe("corrections", () => {
  it("drops a proposal that is turned down for the one agreed later", () => {
    const result = extract(
      "Business: I could do Thursday at 3 — no wait, Thursday is full. Monday at 11 am?\nCaller: Monday at eleven works.",
    );
    expect(result.events[0]?.proposed_datetime).toBe("2026-01-19T11:00");
  });

  it("lets the caller's change of mind win", () => {
    const result = extract(
      "Business: Shall I book Friday at 4 pm?\nCaller: Actually, make it Saturday at 10 am instead.\nBusiness: Saturday at 10 am, done.",
    );
    expect(result.events[0]?.proposed_datetime).toBe("2026-01-17T10:00");
  });
});

describe("contacts", () => {
  it("reads phone numbers spoken digit by digit", () => {
    expect(findPhones("it's two one two, five five five, oh one nine eight", "US").map((p) => p.e164)).toEqual([
      "+12125550198",
    ]);
    expect(findPhones("call me on (415) 555-0123.", "US").map((p) => p.e164)).toEqual(["+14155550123"]);
  });

  it("uses the caller ID when the caller says this number is fine", () => {
    const result = extract(
      "Caller: Fix my toilet tomorrow at 9 am?\nBusiness: Best number?\nCaller: This number is fine.",
      {
        callerNumber: "+12125550111",
      },
    );
    expect(result.events[0]?.customer_phone).toBe("+12125550111");
  });

  it("reads spelled-out emails, the last one given winning", () => {
    expect(findEmails("it's j o h n dot smith at gmail dot com").map((e) => e.email)).toEqual(["john.smith@gmail.com"]);
    const result = extract(
      "Caller: Quote for Monday at 10 am? My email is old at work dot com, no, use m-a-r-y underscore k at outlook dot com.",
    );
    expect(result.events[0]?.customer_email).toBe("mary_k@outlook.com");
  });
});

describe("urgency", () => {
  it("marks flooding as an emergency and same-day requests as high", () => {
    expect(
      extract("Caller: Water everywhere, a pipe burst!\nBusiness: Someone will be there at 11 am.").urgency_level,
    ).toBe("emergency");
    expect(extract("Caller: I need someone as soon as possible.\nBusiness: Today at 3 pm then.").urgency_level).toBe(
      "high",
    );
    expect(extract("Caller: Could you look at my sink in two weeks, the 28th at 10 am?").urgency_level).toBe("low");
  });
});

describe("call-backs", () => {
  it("types a day agreed for the business to call back as a follow-up whose nearness is no urgency", () => {
    const result = extract(
      "Caller: Can someone fit a new tap?\nBusiness: The office will call you tomorrow to set a time.\nCaller: Tomorrow, okay.",
      { callStartedAt: "2026-01-14T20:00:00-05:00" },
    );
    expect(result.events.map((e) => [e.event_type, e.proposed_datetime, e.urgency_level])).toEqual([
      ["follow_up", "2026-01-15", "low"],
    ]);
    expect(result.urgency_level).toBe("low");
  });
});

describe("calls without an event", () => {
  it("returns no events for a wrong number", () => {
    expect(extract("Caller: Is this Tony's Pizza?\nBusiness: Sorry, wrong number.").events).toEqual([]);
  });

  it("returns no events for a pure question", () => {
    expect(
      extract("Caller: Do you service tankless water heaters?\nBusiness: We do, yes.\nCaller: Thanks, bye.").events,
    ).toEqual([]);
  });
});
