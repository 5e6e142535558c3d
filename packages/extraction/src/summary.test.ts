import type { ExtractedEvent } from "@flynn/domain";
import { describe, expect, it } from "vitest";
import { extractWithRules } from "./rules-extractor";
import { spokenWhen, summaryOf } from "./summary";
import { extractionAnswer } from "./testing";

/** A booked event with nothing said but its type and time, unless the test says more. */
const event = (overrides: Partial<ExtractedEvent>): ExtractedEvent =>
  extractionAnswer([
    { proposed_datetime: "2026-11-27T09:00", location: null, price_estimate: null, currency: null, ...overrides },
  ]).events[0] as ExtractedEvent;

describe("the call's summary", () => {
  it("says who called, why, what was booked where and when, and the price", () => {
    const summary = summaryOf({
      callerName: "Mark Ellison",
      topic: "Our water heater is leaking from the bottom",
      events: [event({ location: "418 Birch Lane", price_estimate: 95, currency: "USD" })],
      tentative: [false],
    });
    expect(summary).toBe(
      "Mark Ellison called. Our water heater is leaking from the bottom. Service call booked for Fri, Nov 27 at 9:00 AM at 418 Birch Lane. Price mentioned: $95.00.",
    );
  });

  it("says when nothing was booked, a time is open, a booking is only proposed, or a call back is due", () => {
    expect(summaryOf({ callerName: null, topic: "Sorry, wrong number", events: [], tentative: [] })).toBe(
      "Sorry, wrong number. Nothing was booked.",
    );
    const open = summaryOf({
      callerName: null,
      topic: "Call",
      events: [
        event({ event_type: "quote", proposed_datetime: "2026-11-30" }),
        event({ event_type: "inspection", proposed_datetime: null }),
        event({ event_type: "follow_up", proposed_datetime: "2026-12-01T14:30" }),
      ],
      tentative: [true, false, false],
    });
    expect(open).toBe(
      "Quote proposed for Mon, Nov 30 (time to be agreed), not yet confirmed. Inspection booked for a time still to be agreed. A follow-up call is due on Tue, Dec 1 at 2:30 PM.",
    );
  });

  it("reads local times on a 12-hour clock", () => {
    expect(spokenWhen("2026-01-01T00:05")).toBe("Thu, Jan 1 at 12:05 AM");
    expect(spokenWhen("2026-01-01T12:00")).toBe("Thu, Jan 1 at 12:00 PM");
  });

  it("is the call's summary and each event's description in the rules extractor", () => {
    const result = extractWithRules({
      transcript:
        "Caller: Hi, this is Jo Park. My kitchen sink is leaking. Can someone come tomorrow at 2 pm?\nBusiness: Yes, tomorrow at 2 works. It's $120 for the visit.",
      callStartedAt: "2026-01-14T10:00:00-05:00",
      timezone: "America/New_York",
      industry: "plumbing",
    });
    expect(result.call_summary).toContain("booked for Thu, Jan 15 at 2:00 PM");
    expect(result.call_summary).toContain("Price mentioned: $120.00.");
    expect(result.events[0]?.description).toBe(result.call_summary);
  });
});
