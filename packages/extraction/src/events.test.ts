import type { ExtractionInput } from "@flynn/domain";
import { describe, expect, it } from "vitest";
import { formatTime } from "./datetime";
import { chooseEventType, eventsNamedBefore } from "./event-type";
import { slotsOfTurn } from "./events";
import { extractWithRules } from "./rules-extractor";

// Wednesday 2026-01-14, 10:00 in New York.
const base = {
  callStartedAt: "2026-01-14T10:00:00-05:00",
  timezone: "America/New_York",
  industry: "plumbing" as const,
};

function extract(transcript: string, extra: Partial<ExtractionInput> = {}) {
  return extractWithRules({ ...base, ...extra, transcript });
}
const slots = (transcript: string, extra: Partial<ExtractionInput> = {}) =>
  extract(transcript, extra).events.map((e) => e.proposed_datetime);

describe("agreement", () => {
  it("books the alternative the caller takes, not the one offered with it", () => {
    expect(
      slots(
        "Business: I have Thursday at 9 or Friday at 2.\nCaller: Friday at two please.\nBusiness: Friday at two it is. I'll send the details today.",
      ),
    ).toEqual(["2026-01-16T14:00"]);
  });

  it("takes a yes as agreeing to the slot just proposed", () => {
    expect(
      slots("Caller: My sink is blocked.\nBusiness: Could a plumber come Monday at 11?\nCaller: Yes, perfect."),
    ).toEqual(["2026-01-19T11:00"]);
  });

  it("does not take an acknowledgement followed by intake questions for agreement", () => {
    const result = extract(
      "Caller: Can someone come about ten days from now?\nBusiness: Sure. What's the address?\nCaller: 12 Elm Road.\nBusiness: I have Tuesday the 20th at 8.\nCaller: Good.",
    );
    expect(result.events.map((e) => e.proposed_datetime)).toEqual(["2026-01-20T08:00"]);
  });

  it("keeps the booking when the caller moves it, with the time it had", () => {
    expect(
      slots(
        "Caller: I'm booked for Thursday at 10.\nBusiness: Yes, I see you Thursday at 10.\nCaller: I need to move it to Monday the 19th.\nBusiness: Monday the 19th works.",
      ),
    ).toEqual(["2026-01-19T10:00"]);
  });

  it("replaces a booking that could not be made", () => {
    expect(
      slots(
        "Caller: Book me for Friday at 3 pm.\nBusiness: Friday at 3 pm, correct?\nCaller: Yes.\nBusiness: Sorry, that slot could not be booked. Anything else?\nCaller: Then Saturday at 3 pm.\nBusiness: Saturday at 3 pm is confirmed.",
      ),
    ).toEqual(["2026-01-17T15:00"]);
  });

  it("labels an arrival window at its start", () => {
    expect(
      slots(
        "Caller: My drain is backed up.\nBusiness: We can be there tomorrow, 9 to 11 window.\nCaller: Tomorrow 9 to 11, fine.",
      ),
    ).toEqual(["2026-01-15T09:00"]);
  });

  it("keeps a day agreed without a time as a date", () => {
    expect(
      slots(
        "Caller: Can the estimator come next week?\nBusiness: He'll come Thursday, he'll call you that morning with a time.\nCaller: Thursday, okay.",
      ),
    ).toEqual(["2026-01-15"]);
  });

  it("does not take a vague time for a commitment", () => {
    expect(
      slots(
        "Caller: Can the nurse call me today?\nBusiness: She'll call you this afternoon, usually it's between 1 and 4.\nCaller: This afternoon, okay.",
        { industry: "medical" },
      ),
    ).toEqual(["2026-01-14"]);
  });

  it("reads a time said just after midnight in a late call as the next day", () => {
    expect(
      slots(
        "Caller: Water everywhere!\nBusiness: I can get someone out tonight, call it ten past twelve.\nCaller: Ten past twelve, okay.",
        {
          callStartedAt: "2026-01-14T23:30:00-05:00",
        },
      ),
    ).toEqual(["2026-01-15T00:10"]);
  });
});

describe("dates that are not bookings", () => {
  it("leaves out deadlines, opening hours, lengths and days for sending documents", () => {
    expect(
      slots(
        "Caller: I have to respond by Friday.\nBusiness: We open at 8 tomorrow. A consultation takes about 45 minutes. Monday at 10?\nCaller: Monday at ten works.\nBusiness: Great, I'll email the forms today.",
        { industry: "legal" },
      ),
    ).toEqual(["2026-01-19T10:00"]);
  });
});

describe("several bookings in one call", () => {
  it("keeps a second booking agreed after the first was closed", () => {
    const result = extract(
      "Caller: Two things. My toilet is running.\nBusiness: We can fix that tomorrow at 8.\nCaller: Good.\nBusiness: And the second thing?\nCaller: I'd like a price on a new water heater.\nBusiness: For the quote I can do Tuesday at 2.\nCaller: Tuesday at two is fine.",
    );
    expect(result.events.map((e) => [e.event_type, e.proposed_datetime])).toEqual([
      ["service_call", "2026-01-15T08:00"],
      ["quote", "2026-01-20T14:00"],
    ]);
  });

  it("adds a callback the caller acknowledges as a follow-up on its day", () => {
    const result = extract(
      "Business: The inspector can come Friday at 1.\nCaller: Friday at one, okay.\nBusiness: And I'll give you a ring Monday about the insurance claim.\nCaller: Monday, great.",
      { industry: "general_services" },
    );
    expect(result.events.map((e) => [e.event_type, e.proposed_datetime])).toEqual([
      ["inspection", "2026-01-16T13:00"],
      ["follow_up", "2026-01-19"],
    ]);
  });
});

describe("calls without an agreed booking", () => {
  it("keeps the last slot the caller proposed while the business checks, flagged for follow-up", () => {
    const result = extract(
      "Caller: Could I view the flat Saturday at 10? Or actually Sunday at 1 would be better.\nBusiness: I need to check with the tenant, I'll call you back tomorrow to confirm.\nCaller: Thanks.",
      { industry: "real_estate" },
    );
    expect(result.events.map((e) => [e.event_type, e.proposed_datetime, e.follow_up_required])).toEqual([
      ["appointment", "2026-01-18T13:00", true],
    ]);
  });

  it("books nothing when the business sends the caller to emergency services", () => {
    expect(
      slots(
        "Caller: I'd like to be seen today, I have chest pain.\nBusiness: Please hang up and call nine one one right now.\nCaller: Okay.",
        { industry: "medical" },
      ),
    ).toEqual([]);
  });

  it("books nothing on a wrong number", () => {
    expect(
      slots(
        "Caller: Is this Dr. Lee's office? I want to confirm Monday at 9.\nBusiness: No, this is a plumber.\nCaller: Oh, sorry.",
      ),
    ).toEqual([]);
  });
});

describe("event type", () => {
  it("ignores negated and past mentions of a type", () => {
    expect(
      chooseEventType("It doesn't sound like an emergency. Bring her in Thursday.", "other", [
        "appointment",
        "emergency",
      ]),
    ).toBe("appointment");
    expect(
      chooseEventType("We did the demo last week. Let's set up a call with your CFO.", "sales", ["demo", "meeting"]),
    ).toBe("meeting");
  });

  it("reads the purpose of a visit from the industry's vocabulary", () => {
    const all = ["service_call", "quote", "emergency", "consultation", "follow_up", "meeting", "appointment"] as const;
    expect(chooseEventType("We'd come out and look and give you an exact quote.", "general_services", all)).toBe(
      "quote",
    );
    expect(chooseEventType("I'm locked out of my flat.", "general_services", all)).toBe("emergency");
    expect(chooseEventType("We'd like a free appraisal of our unit.", "real_estate", all)).toBe("consultation");
    expect(chooseEventType("I need my stitches out.", "medical", all)).toBe("follow_up");
    expect(chooseEventType("Let's book the kickoff workshop.", "consulting", all)).toBe("meeting");
  });
});

describe("times said without am or pm", () => {
  it("reads a time for today as the next such time on the clock, also late at night", () => {
    expect(
      slots("Business: Our tech can be there at twenty past three.\nCaller: Twenty past three, thanks.", {
        callStartedAt: "2026-01-14T01:50:00-05:00",
      }),
    ).toEqual(["2026-01-14T03:20"]);
    expect(
      slots("Business: Can you bring him in by eleven?\nCaller: Yes, on my way.", {
        callStartedAt: "2026-01-14T21:40:00-05:00",
        industry: "other",
      }),
    ).toEqual(["2026-01-14T23:00"]);
  });

  it("reads British 'half nine' as 9:30", () => {
    expect(
      slots("Business: Friday at half nine?\nCaller: Half nine Friday, lovely.", {
        callStartedAt: "2026-01-14T10:00:00+00:00",
        timezone: "Europe/London",
      }),
    ).toEqual(["2026-01-16T09:30"]);
  });

  it("reads an hour and minutes said as two numbers next to a day or asked, not a price", () => {
    expect(slots("Business: Does Monday, ten fifteen work?\nCaller: Yes.")).toEqual(["2026-01-19T10:15"]);
    expect(slots("Business: It's five forty all in. Monday at 9?\nCaller: Yes.")).toEqual(["2026-01-19T09:00"]);
  });

  it("books a window that ends at noon at its morning start", () => {
    expect(
      slots("Business: The crew comes Friday between nine and noon.\nCaller: Friday, nine to noon, fine."),
    ).toEqual(["2026-01-16T09:00"]);
  });
});

describe("days counted from a weekday", () => {
  it("reads 'a week on Friday' as the coming Friday plus a week", () => {
    expect(slots("Business: How about a week on Friday at 2?\nCaller: A week on Friday at two, great.")).toEqual([
      "2026-01-23T14:00",
    ]);
  });
});

describe("turning down and moving on", () => {
  it("takes a prior commitment said after a day as turning it down, with its time", () => {
    expect(
      slots(
        "Business: I could do Tuesday at 3, or Thursday.\nCaller: Tuesday I've got the school run. Thursday then.\nBusiness: Thursday, great, he'll ring first.",
      ),
    ).toEqual(["2026-01-15"]);
  });

  it("keeps a closed booking when a later proposal is turned down or the business moves on", () => {
    expect(
      slots(
        "Caller: My tap drips.\nBusiness: Tomorrow at 8?\nCaller: Tomorrow at 8. Fine. Do you fit boilers too?\nBusiness: Monday at 2 for a quote?\nCaller: No, no, Tuesday at 2 is better.\nBusiness: Tuesday at 2, done. And?\nCaller: That's all, the 27th for the gutters.\nBusiness: The 27th works.",
      ),
    ).toEqual(["2026-01-15T08:00", "2026-01-20T14:00", "2026-01-27"]);
  });
});

describe("times listed for several people", () => {
  it("books one event per person when each time is said with its own person", () => {
    expect(
      slots(
        "Business: Friday I have 2 and 3.\nCaller: Friday works. Book me at two and my son at three.\nBusiness: Done.",
        { industry: "medical" },
      ),
    ).toEqual(["2026-01-16T14:00", "2026-01-16T15:00"]);
  });

  it("books one event when times are offered as alternatives", () => {
    expect(
      slots("Business: Friday I have 2 pm and 3 pm.\nCaller: Friday is fine.", { industry: "medical" }),
    ).toHaveLength(1);
  });
});

describe("a promise to call back as the call's only event", () => {
  const followUps = (transcript: string) =>
    extract(transcript, { industry: "other" }).events.map((e) => [e.event_type, e.proposed_datetime]);

  it("keeps the day promised, or no day when it was hedged", () => {
    expect(followUps("Business: I'll call you back on Monday with the figures.\nCaller: Thanks.")).toEqual([
      ["follow_up", "2026-01-19"],
    ]);
    expect(
      followUps(
        "Business: The part isn't in stock. I'll order it and ring you when it arrives, probably Friday.\nCaller: Cheers.",
      ),
    ).toEqual([["follow_up", null]]);
  });

  it("keeps no call-back the caller turned down", () => {
    expect(followUps("Business: I'll ring you when it's in.\nCaller: No, I'll call you myself.")).toEqual([]);
  });
});

describe("calls that book nothing", () => {
  it("books nothing on a robocall", () => {
    expect(
      slots(
        "Business: Good morning, plumbing.\nCaller: This is an automated message about your account. Press one to book a call tomorrow at 10.\nBusiness: Hello?",
      ),
    ).toEqual([]);
  });

  it("books nothing when the caller leaves an offer open", () => {
    expect(
      slots("Business: There's an open house Sunday at 1 if you want to drop by.\nCaller: Maybe, I'll have to see.", {
        industry: "real_estate",
      }),
    ).toEqual([]);
  });
});

describe("event type from the industry's vocabulary", () => {
  const all = [
    "service_call",
    "quote",
    "emergency",
    "consultation",
    "follow_up",
    "meeting",
    "appointment",
    "inspection",
  ] as const;

  it("calls a plain meeting with a lawyer or consultant a consultation", () => {
    expect(chooseEventType("Our first meeting with a solicitor is an hour.", "legal", all)).toBe("consultation");
    expect(chooseEventType("Can we sit down this week?", "consulting", all)).toBe("consultation");
    expect(chooseEventType("Can we sit down this week?", "sales", all)).toBe("meeting");
  });

  it("reads the industry's own work as its usual booking", () => {
    expect(
      chooseEventType("Let's book the end-of-tenancy clean, the cleaners arrive at 8.", "general_services", all),
    ).toBe("service_call");
    expect(chooseEventType("You're due for a cleaning.", "medical", all)).toBe("appointment");
  });

  it("calls an emergency slot on a later day an ordinary booking", () => {
    expect(chooseEventType("I can give you an emergency slot tomorrow.", "medical", all, { hoursAhead: 20 })).toBe(
      "appointment",
    );
    expect(chooseEventType("Bring her to the emergency clinic now.", "other", all, { hoursAhead: 1 })).toBe(
      "emergency",
    );
  });

  it("names a diagnostic (the first part of a repair) the industry's usual booking, periodic tests inspections, and a price for a job a quote", () => {
    expect(
      chooseEventType("The diagnostic is 90 dollars, and it goes toward the repair if you go ahead.", "other", all),
    ).toBe("appointment");
    expect(chooseEventType("Monday for a diagnostic. I'll call you with the results.", "plumbing", all)).toBe(
      "service_call",
    );
    expect(chooseEventType("The annual safety test is due.", "plumbing", all)).toBe("inspection");
    expect(chooseEventType("The landlord wants a price to replace the boiler.", "plumbing", all)).toBe("quote");
  });

  it("does not take who comes (a technician) for what the visit is", () => {
    expect(chooseEventType("The tech will do the annual safety test on the boiler.", "plumbing", all)).toBe(
      "inspection",
    );
  });

  it("calls a visit to talk about selling a home a consultation", () => {
    expect(chooseEventType("We need to sell our house, could you come and talk pricing?", "real_estate", all)).toBe(
      "consultation",
    );
  });
});

describe("what a moved booking is", () => {
  it("keeps the kind the caller named with the old day when the booking moves to a new one", () => {
    const moved = extract(
      "Caller: Hi, it's Dana Lee, I have a case review with Mr. Ortiz on Friday at eleven.\nBusiness: Yes, I see you Friday at eleven.\nCaller: My son has surgery Friday, I need to move it.\nBusiness: Of course. Monday at two, or Tuesday at nine.\nCaller: Monday at two, please.\nBusiness: Monday at two. I'll cancel Friday.",
      { industry: "legal" },
    );
    expect(moved.events.map((e) => [e.event_type, e.proposed_datetime])).toEqual([["meeting", "2026-01-19T14:00"]]);
  });
});

describe("event type from the situation and the words around it", () => {
  const all = ["service_call", "quote", "emergency", "consultation", "follow_up", "meeting", "inspection"] as const;

  it("takes danger now met within hours as an emergency, whatever words name the visit", () => {
    expect(
      chooseEventType("I'll send someone over.", "general_services", all, { hoursAhead: 1, dangerNow: true }),
    ).toBe("emergency");
    expect(
      chooseEventType("I'll send someone over.", "general_services", all, { hoursAhead: 30, dangerNow: true }),
    ).toBe("service_call");
  });

  it("does not take an emergency device or place for an emergency", () => {
    expect(chooseEventType("Use the emergency release on the gate motor.", "general_services", all)).toBe(
      "service_call",
    );
  });

  it("takes 'the workshop' as a place and 'a workshop' as a meeting", () => {
    expect(chooseEventType("We'll meet at the workshop.", "consulting", all)).toBe("consultation");
    expect(chooseEventType("Let's book a planning workshop.", "consulting", all)).toBe("meeting");
  });

  it("takes a call-back, or a call promised for a named day, as a follow-up", () => {
    expect(chooseEventType("The nurse will do a call-back at noon.", "medical", ["appointment", "follow_up"])).toBe(
      "follow_up",
    );
    expect(chooseEventType("I'll give you a call on Friday to confirm the access.", "consulting", all)).toBe(
      "follow_up",
    );
  });

  it("leaves out what depends on a choice still open", () => {
    expect(
      chooseEventType("The nurse will do a call-back. She'll decide whether you need a visit.", "medical", [
        "appointment",
        "follow_up",
      ]),
    ).toBe("follow_up");
  });

  it("takes going over a proposal as a quote", () => {
    expect(chooseEventType("A call to go over the written proposal.", "sales", ["meeting", "quote"])).toBe("quote");
  });

  it("leaves a booking named only as the time reference of another to that other booking", () => {
    expect(chooseEventType("A call after the inspection to go over the proposal.", "consulting", all)).toBe("quote");
    expect(eventsNamedBefore("A call after the demo, then lunch.")).toBe("demo");
  });
});

describe("arranging several bookings", () => {
  it("types the first booking by the matter the call opened with and the next by what follows it", () => {
    const result = extract(
      "Caller: I'd like the inspection of the roof we talked about.\nBusiness: How about Thursday at 9?\nCaller: Thursday at 9 is good.\nBusiness: And a call after the inspection to go over the proposal, Monday at 2?\nCaller: Monday at 2, yes.",
      { industry: "consulting" },
    );
    expect(result.events.map((e) => [e.event_type, e.proposed_datetime])).toEqual([
      ["inspection", "2026-01-15T09:00"],
      ["quote", "2026-01-19T14:00"],
    ]);
  });

  it("takes 'make it' as moving the time, and the reason after it as no refusal", () => {
    expect(
      slots(
        "Business: Can we do Friday at 10?\nCaller: Friday at 10 — make it 11, I've got a delivery first.\nBusiness: 11 on Friday.\nCaller: Thanks.",
      ),
    ).toEqual(["2026-01-16T11:00"]);
  });

  it("books a time already past today for tomorrow", () => {
    expect(
      slots("Business: Nobody can come out tonight, but I can send someone at 8 a.m.\nCaller: Okay, thanks.", {
        callStartedAt: "2026-01-14T21:00:00-05:00",
      }),
    ).toEqual(["2026-01-15T08:00"]);
  });

  it("does not take a span or a rough interval as a day agreed with a bare okay", () => {
    expect(slots("Business: The carpenter will come some time over the next week or so.\nCaller: Okay.")).toEqual([]);
    expect(slots("Business: The next openings are in about three weeks.\nCaller: Okay, thanks.")).toEqual([]);
  });

  it("does not take the day a thing becomes available as a booking", () => {
    expect(
      slots(
        "Business: The flat is available from the 1st of March.\nCaller: Great. Can I see it Friday at 4?\nBusiness: Friday at 4 is fine.",
        { industry: "real_estate" },
      ),
    ).toEqual(["2026-01-16T16:00"]);
  });

  it("books nothing in a call to a wrong number or a sales call turned down", () => {
    expect(slots("Caller: Can I book Friday at 2?\nBusiness: Sorry, wrong number, this is a bakery.")).toEqual([]);
    expect(slots("Caller: Can we demo our software Friday at 2?\nBusiness: Not interested, thanks.")).toEqual([]);
  });
});

describe("days counted from the day under discussion", () => {
  it("counts 'the following Tuesday' and 'the Friday before' from the day just agreed", () => {
    expect(
      slots(
        "Business: The survey is Saturday at 9.\nCaller: Saturday at nine, good.\nBusiness: And the crew could start the following Tuesday at 8?\nCaller: Tuesday the 20th at eight, sure.",
      ),
    ).toEqual(["2026-01-17T09:00", "2026-01-20T08:00"]);
    expect(
      slots(
        "Business: Your hearing is on the 30th at 10.\nCaller: The 30th, okay.\nBusiness: We should prepare the Thursday before, at 3?\nCaller: The Thursday before at three works.",
        { industry: "legal" },
      ),
    ).toEqual(["2026-01-30T10:00", "2026-01-29T15:00"]);
  });

  it("pairs a time with the day inside its own words, not the next one said", () => {
    const said = slotsOfTurn(
      { speaker: "business", text: "So Monday 8 to 10 the boiler, Tuesday at 1 the radiators." },
      0,
      {
        year: 2026,
        month: 1,
        day: 14,
      },
    );
    expect(said.map((s) => [s.date?.day, s.time && formatTime(s.time)])).toEqual([
      [19, "08:00"],
      [20, "13:00"],
    ]);
  });
});

describe("what the caller says after agreeing", () => {
  it("takes a 'no' to a question that named no day as about that question, not the booking", () => {
    expect(
      slots(
        "Business: We have you Thursday at 2.\nCaller: Thursday at two. Okay.\nBusiness: Great.\nCaller: Do I need to bring the old part?\nBusiness: No, we carry them.\nCaller: Alright. And can you look at the garage tap the Friday after?\nBusiness: Friday at 11 then.\nCaller: Lovely.",
      ),
    ).toEqual(["2026-01-15T14:00", "2026-01-16T11:00"]);
  });

  it("books nothing when the caller calls off the booking and asks for no other", () => {
    expect(
      slots(
        "Business: We have you down for Monday at 10.\nCaller: Yes, about that, I need to cancel it, we've sold the house.\nBusiness: No problem, it's cancelled.",
      ),
    ).toEqual([]);
    expect(
      slots(
        "Caller: Hi, it's Ana, I have a cleaning Friday at 3 and I'm sorry but I have to cancel, I'm travelling tomorrow. I'll call when I'm back.",
        { industry: "medical" },
      ),
    ).toEqual([]);
  });
});

describe("promises to call back next to a booking", () => {
  it("keeps a call back on the booked day as an event of its own, without the visit's time", () => {
    expect(
      slots(
        "Business: The nurse can see him today at 3 40.\nCaller: Today at three forty, yes.\nBusiness: And the pharmacist will ring you this afternoon about the repeat.\nCaller: Great, thanks.",
        { industry: "medical" },
      ),
    ).toEqual(["2026-01-14T15:40", "2026-01-14"]);
  });

  it("takes a call at the booked day and time for that booking itself", () => {
    expect(
      slots(
        "Business: Ms Ortiz can do Friday at 4 by phone.\nCaller: Friday at four suits.\nBusiness: She'll call you Friday at four, then.\nCaller: Thanks.",
        { industry: "consulting" },
      ),
    ).toEqual(["2026-01-16T16:00"]);
  });
});

describe("calls that reached the wrong business", () => {
  it("books nothing when the business asks whom the caller meant to reach", () => {
    expect(
      slots(
        "Caller: I need to move my road test on Monday the 19th.\nBusiness: This is a bakery, were you trying to reach the RMV?\nCaller: Oh no. Sorry.",
      ),
    ).toEqual([]);
  });

  it("takes the business being open on a day for a remark, not a booking", () => {
    expect(slots("Caller: Oh, you're open on a Sunday, nice. What's a tune-up cost?\nBusiness: Ninety.")).toEqual([]);
    expect(
      slots(
        "Caller: What are your hours on Friday?\nBusiness: Eight till six on Fridays.\nCaller: Cheers, I'll drop in.",
      ),
    ).toEqual([]);
  });
});

describe("times said back and counter-offers", () => {
  it("takes a time said back without am or pm as the half of the day first proposed", () => {
    expect(
      slots(
        "Business: Could you come to the showroom Monday at 7 pm?\nCaller: Is that the 19th?\nBusiness: Yes, the 19th.\nCaller: Okay, the 19th at seven, great.",
      ),
    ).toEqual(["2026-01-19T19:00"]);
  });

  it("takes a time things last until for no proposal, and 'could it be 4?' for a counter-offer", () => {
    expect(
      slots(
        "Business: Would Tuesday at 2 suit?\nCaller: Tuesday at two, hmm, I'm on a site visit until half three. Could it be four?\nBusiness: Four is fine.\nCaller: Brilliant.\nBusiness: And the drawings, could you drop them in Thursday at 11 then?\nCaller: Thursday at eleven, sure.",
        { industry: "consulting" },
      ),
    ).toEqual(["2026-01-20T16:00", "2026-01-15T11:00"]);
  });

  it("leaves out a deadline with words put in before its day", () => {
    expect(
      slots(
        "Caller: Can we book the room Friday at 7 pm?\nBusiness: Friday at seven, yes. Send me the final numbers by, say, Wednesday the 14th.\nCaller: Will do.",
        { industry: "other" },
      ),
    ).toEqual(["2026-01-16T19:00"]);
  });

  it("takes 'actually, yes' to 'anything else?' as a further matter, not a change", () => {
    expect(
      slots(
        "Business: We'll be there Monday at 8.\nCaller: That works.\nBusiness: Anything else?\nCaller: Actually, yes, the shower drips. Could you do that on Tuesday?\nBusiness: Tuesday at 3.\nCaller: Tuesday at three, fine.",
      ),
    ).toEqual(["2026-01-19T08:00", "2026-01-20T15:00"]);
  });

  it("does not book the day a document will be emailed over", () => {
    expect(
      slots("Business: Monday at 10 then.\nCaller: Lovely.\nBusiness: I'll email that over today.\nCaller: Thanks.", {
        industry: "legal",
      }),
    ).toEqual(["2026-01-19T10:00"]);
  });
});

describe("round 2: days and times that are not proposals", () => {
  it("takes a bare weekday said on that weekday for next week's when a later day is under discussion", () => {
    expect(
      slots(
        "Business: Our adviser has next Monday at 2.\nCaller: Mondays I'm on the road. Wednesday?\nBusiness: Wednesday the 21st at 11?\nCaller: Eleven on Wednesday, lovely.",
        { industry: "consulting" },
      ),
    ).toEqual(["2026-01-21T11:00"]);
  });

  it("leaves out a day inside an 'if' and a day there is nothing to do", () => {
    expect(
      slots(
        "Business: The engineer can come Friday at 9.\nCaller: Friday at nine, good.\nBusiness: If you smell gas tonight, ring us straight back. Don't worry about the bill today.\nCaller: Okay, thanks.",
      ),
    ).toEqual(["2026-01-16T09:00"]);
  });

  it("leaves out a time things began at or end by, and the caller's own plans at a time", () => {
    expect(
      slots(
        "Caller: I've been waiting since eight for the delivery window. Can someone look at the boiler Saturday?\nBusiness: Saturday at 10?\nCaller: Saturday at ten, yes. My son has a match at one.\nBusiness: The tech will be done by noon.\nCaller: Great.",
      ),
    ).toEqual(["2026-01-17T10:00"]);
  });

  it("takes a day the caller will be away for turned down", () => {
    expect(
      slots(
        "Caller: The advert says viewings Sunday, but I'll be away then. Anything on a weekday evening?\nBusiness: Sure. Thursday at six thirty?\nCaller: Thursday six thirty, great.",
        { industry: "real_estate" },
      ),
    ).toEqual(["2026-01-15T18:30"]);
  });
});

describe("round 2: agreement said late, back or together", () => {
  it("takes a slot said back after a detour as agreed, and the next one as a further booking", () => {
    expect(
      slots(
        "Business: I can send someone Friday between ten and twelve.\nCaller: Nothing sooner?\nBusiness: Tomorrow's full, sorry.\nCaller: Okay, Friday ten to twelve then. And the gutter, while I have you?\nBusiness: The gutter man is free the following Tuesday, at eight?\nCaller: Tuesday the 20th at eight, fine.",
      ),
    ).toEqual(["2026-01-16T10:00", "2026-01-20T08:00"]);
  });

  it("takes the day said back to a call-back promise for that call-back", () => {
    expect(
      slots(
        "Business: Mr Dube is in court today, he'll ring you back by ten tomorrow morning.\nCaller: Tomorrow. Right. Not this afternoon?\nBusiness: He'll try, but tomorrow by ten for certain.\nCaller: Fine, thank you.",
        { industry: "legal" },
      ),
    ).toEqual(["2026-01-15T10:00"]);
  });

  it("takes 'five to seven' said back to a window from five to seven as that window", () => {
    expect(
      slots(
        "Business: We could have someone there today between five and seven.\nCaller: Yes, five to seven.\nBusiness: Done.",
      ),
    ).toEqual(["2026-01-14T17:00"]);
  });

  it("books every day of a series or of a reply that counts them, with the time said for them", () => {
    expect(
      slots(
        "Business: Same slot every week then, at four? That's Tuesday the 20th, Tuesday the 27th and Tuesday the 3rd.\nCaller: Perfect.",
        { industry: "consulting" },
      ),
    ).toEqual(["2026-01-20T16:00", "2026-01-27T16:00", "2026-02-03T16:00"]);
    expect(
      slots(
        "Business: I can do Friday at eight, and hold the same time the Friday after.\nCaller: Two Fridays at eight, great.",
        { industry: "other" },
      ),
    ).toEqual(["2026-01-16T08:00", "2026-01-23T08:00"]);
    expect(
      slots("Business: I have Monday at 9, or Tuesday at 9, every week.\nCaller: Tuesday at nine.", {
        industry: "other",
      }),
    ).toEqual(["2026-01-20T09:00"]);
  });
});

describe("round 2: arrivals, voicemails and wrong numbers", () => {
  it("books an arrival 'minutes out' from the call's start, past midnight on the next day", () => {
    expect(
      slots(
        "Business: Lockout line.\nCaller: I'm stuck outside, keys in the car.\nBusiness: I've got a driver maybe forty minutes out.\nCaller: Okay, thanks.",
        { callStartedAt: "2026-01-14T23:40:00-05:00", industry: "general_services" },
      ),
    ).toEqual(["2026-01-15T00:20"]);
  });

  it("does not take advice for what may happen ('if it gets worse, call 911') for sending the caller away", () => {
    expect(
      slots(
        "Caller: We're stuck on the shoulder with the kids.\nBusiness: The truck is about twenty minutes away, so around half ten. If anyone feels faint, call nine one one.\nCaller: Twenty minutes. Thank you.",
        { callStartedAt: "2026-01-14T22:10:00-05:00", industry: "other" },
      ),
    ).toEqual(["2026-01-14T22:30"]);
  });

  it("books the call back a voicemail asks for on its day, at the time said with it", () => {
    expect(
      slots(
        "Business: You've reached the studio, leave a message.\nCaller: Hi, it's Noor about the quote. Could someone call me back Friday? Any time after two.\nCaller: The number is 555 0142.",
        { industry: "consulting" },
      ),
    ).toEqual(["2026-01-16T14:00"]);
    expect(
      slots(
        "Business: Please leave a message.\nCaller: Hi, my hearing was moved to the 28th at ten. Can you ring me back tomorrow?",
        { industry: "legal" },
      ),
    ).toEqual(["2026-01-15"]);
  });

  it("books nothing when the business tells the caller they have reached another kind of business", () => {
    expect(
      slots(
        "Caller: I need a table for four at eight tonight.\nBusiness: Oh, no, sorry, you've got a dental surgery.\nCaller: Oh! Sorry.",
        { industry: "medical" },
      ),
    ).toEqual([]);
  });
});

describe("round 2: calls promised and days held to next to other bookings", () => {
  it("adds the business's promise to phone on a day of its own, not a call the day before to give a time", () => {
    expect(
      slots(
        "Business: The fitter can do Monday at 9.\nCaller: Monday at nine, great.\nBusiness: And I'll ring you Thursday about the tiles.\nCaller: Lovely.",
      ),
    ).toEqual(["2026-01-19T09:00", "2026-01-15"]);
    expect(
      slots(
        "Business: The fitter can do Monday the 26th.\nCaller: The 26th, great.\nBusiness: I'll call you the day before with a time.\nCaller: Do you need the gate code?",
      ),
    ).toEqual(["2026-01-26"]);
  });

  it("takes the business holding to a day it offered as agreeing it, with the time offered", () => {
    expect(
      slots(
        "Business: Tomorrow between nine and eleven?\nCaller: My tenant works from home, he'll let you in.\nBusiness: And the roof? I can look at it Monday at 3.\nCaller: Monday at three.\nBusiness: Good, see you then, and the lads will be there tomorrow.",
      ),
    ).toEqual(["2026-01-19T15:00", "2026-01-15T09:00"]);
  });
});

describe("round 2: a time to be there by", () => {
  it("takes 'by ten tomorrow' for a time on that day, not a deadline", () => {
    expect(
      slots(
        "Business: She's with a client today, she'll ring you back by ten tomorrow morning.\nCaller: Tomorrow, fine.",
        { industry: "legal" },
      ),
    ).toEqual(["2026-01-15T10:00"]);
  });
});

describe("round 2: an hour taken up and a call promised from now", () => {
  it("takes 'four's fine' as taking up the time at four just proposed", () => {
    expect(
      slots(
        "Business: The surveyor will phone you this afternoon, around four, with the figures.\nCaller: Four's fine.\nBusiness: And the visit, Friday at 9?\nCaller: Friday at nine.",
        { industry: "real_estate" },
      ),
    ).toEqual(["2026-01-14T16:00", "2026-01-16T09:00"]);
    expect(
      slots("Business: I can have someone there at 2, or a bigger crew at 4.\nCaller: Two. Okay. What will it cost?", {
        industry: "general_services",
      }),
    ).toEqual(["2026-01-14T14:00"]);
  });

  it("adds a call promised in some minutes next to a visit later that day", () => {
    expect(
      slots(
        "Caller: The server room is flooding!\nBusiness: Kofi will call you in about twenty minutes to talk you through it. Then I'm sending Ana over, she can be there by one.\nCaller: One o'clock, okay.",
        { industry: "consulting" },
      ),
    ).toEqual(["2026-01-14T13:00", "2026-01-14T10:20"]);
  });
});

describe("round 2: the caller putting the decision off", () => {
  it("books nothing when the caller answers a slot with 'okay, I'll have a think'", () => {
    expect(
      slots(
        "Caller: What does a descale cost?\nBusiness: Seventy. I could do Monday at 11.\nCaller: Okay, I'll have a think and let you know.",
      ),
    ).toEqual([]);
    expect(
      slots(
        "Caller: What does a descale cost?\nBusiness: Seventy. I could do Monday at 11.\nCaller: Monday at eleven, great. I'll let you know the gate code.",
      ),
    ).toEqual(["2026-01-19T11:00"]);
  });
});

describe("round 3: general kinds", () => {
  it("puts a time said back without a day on the day it was offered with", () => {
    expect(
      slots(
        "Business: The first free slots are Monday at twenty past eight in the morning, or Tuesday after lunch.\nCaller: Twenty past eight. That's early, but fine.",
      ),
    ).toEqual(["2026-01-19T08:20"]);
  });

  it("puts an hour said without its half in the half of the day the day was asked for", () => {
    expect(
      slots(
        "Caller: Could you fit me in Friday evening?\nBusiness: Friday at six?\nCaller: Could we say eight? I work late.\nBusiness: Eight's fine.",
        { industry: "general_services" },
      ),
    ).toEqual(["2026-01-16T20:00"]);
    expect(
      slots(
        "Caller: Is the seventeenth free? It's a Saturday. Evening?\nBusiness: Let me look. Yes, I could do seven.\nCaller: Seven, great.",
        { industry: "general_services" },
      ),
    ).toEqual(["2026-01-17T19:00"]);
  });

  it("books every day the business offers joined by 'and', one of those joined by 'or'", () => {
    const transcript = (joint: string) =>
      `Caller: She needs two sessions before her exam.\nBusiness: Monday at five ${joint} Wednesday at five?\nCaller: Lovely.`;
    expect(slots(transcript("and"), { industry: "other" })).toEqual(["2026-01-19T17:00", "2026-01-21T17:00"]);
    expect(slots(transcript("or"), { industry: "other" })).toEqual(["2026-01-21T17:00"]);
  });

  it("books a time agreed before any day was named, then said back with its day, once", () => {
    const result = extract(
      "Caller: The basement is filling with water!\nBusiness: Shut the main valve. I can be there by eleven.\nCaller: Eleven tonight? Thank you.\nBusiness: It's a two hundred dollar call-out.\nCaller: Yes, fine.\nBusiness: See you about eleven.",
      { callStartedAt: "2026-01-14T20:30:00-05:00" },
    );
    expect(result.events.map((e) => e.proposed_datetime)).toEqual(["2026-01-14T23:00"]);
  });

  it("books nothing when the business reads back the booking the caller is cancelling", () => {
    expect(
      slots(
        "Caller: I'm booked for Thursday at two and I have to cancel.\nBusiness: Right, Thursday the fifteenth at two p.m. Want another day?\nCaller: Not yet, thanks.\nBusiness: Okay, that's cancelled.",
      ),
    ).toEqual([]);
  });

  it("leaves the day open when a message offers days as alternatives and nobody picks one", () => {
    const result = extract(
      "Business: You've reached Dana's Tutoring, leave a message.\nCaller: Hi, it's Sam, I'd like to book a maths session for my son. We could do Thursday after school, or Saturday morning. Call me back on five five five, oh one two three.",
      { industry: "other" },
    );
    expect(result.events.map((e) => e.proposed_datetime)).toEqual([null]);
  });

  it("takes a weekday said back alone for the day just named that falls on it", () => {
    expect(
      slots("Business: The painter can start Monday the twenty-sixth.\nCaller: Monday. Great, that works.", {
        industry: "general_services",
      }),
    ).toEqual(["2026-01-26"]);
    expect(
      slots(
        "Caller: We leave on the twenty-fourth, the Saturday, so could you take the cat from that morning?\nBusiness: Yes, Saturday drop-off is from nine.\nCaller: Nine, perfect.",
        { industry: "other" },
      ),
    ).toEqual(["2026-01-24T09:00"]);
  });

  it("takes a reply that says the hour back with where or with whom as agreeing to it", () => {
    const reply = (text: string) =>
      extract(`Business: For the site visit, Tuesday the twentieth I could do ten.\nCaller: ${text}`, {
        industry: "consulting",
      }).events.map((e) => [e.proposed_datetime, e.notes]);
    expect(reply("Ten at the warehouse, fine.")).toEqual([["2026-01-20T10:00", null]]);
    expect(reply("Ten at the warehouse is too early.")).toEqual([
      ["2026-01-20T10:00", "Proposed, not yet confirmed in the call."],
    ]);
  });

  it("books no day said in answer to 'and if...?'", () => {
    expect(
      slots(
        "Business: The garden party cleanup is Saturday at ten.\nCaller: Saturday at ten, good. And if the party runs late?\nBusiness: Then we'd come Sunday instead, same time.\nCaller: Great, thanks.",
        { industry: "general_services" },
      ),
    ).toEqual(["2026-01-17T10:00"]);
  });

  it("keeps a booking when the turn agreeing to a second one goes on with 'actually'", () => {
    expect(
      slots(
        "Business: I can send someone today at three for the leak.\nCaller: Three's great. Also, can I get a price for a new boiler?\nBusiness: Our surveyor can come Friday at nine.\nCaller: Friday at nine is fine. Actually, could the guy today look at it too?\nBusiness: He can have a quick look.",
      ),
    ).toEqual(["2026-01-14T15:00", "2026-01-16T09:00"]);
  });

  it("takes 'Okay. When?' as asking for a day, not agreeing to the one just mentioned", () => {
    expect(
      slots(
        "Business: The hearing is set for the twelfth of February. Ms. Ruiz wants to prepare with you before it.\nCaller: Okay. When?\nBusiness: Friday at eight?\nCaller: Friday at eight works.",
        { industry: "legal" },
      ),
    ).toEqual(["2026-01-16T08:00"]);
  });

  it("reads the office address given after the booking as no time", () => {
    expect(
      slots(
        "Business: Ms. Okafor can see you Friday at eleven.\nCaller: Friday at eleven, good.\nBusiness: Great, we're at three fifteen Delancey, second floor.",
        { industry: "legal" },
      ),
    ).toEqual(["2026-01-16T11:00"]);
  });
});

describe("round 4: agreement in general shapes", () => {
  it("does not take 'am' ending a name as the half of the day", () => {
    // Said at 05:10, "half six" with no half of the day is the coming 06:30, not the evening.
    expect(
      slots("Caller: The tank burst!\nBusiness: Sam can be there by half six.\nCaller: Yes please.", {
        callStartedAt: "2026-01-14T05:10:00-05:00",
      }),
    ).toEqual(["2026-01-14T06:30"]);
  });

  it("books 'Friday the 13th' in the month whose 13th is a Friday", () => {
    expect(slots("Business: I can do Friday the thirteenth at ten.\nCaller: Friday the thirteenth, fine.")).toEqual([
      "2026-02-13T10:00",
    ]);
  });

  it("keeps a day said after 'the move on' as proposed, not called off", () => {
    expect(
      slots(
        "Caller: We'd like the move on Saturday the seventeenth.\nBusiness: The seventeenth we can do, crew at eight.\nCaller: Great.",
        { industry: "general_services" },
      ),
    ).toEqual(["2026-01-17T08:00"]);
  });

  it("does not take the caller's own commitment said without an article as a proposal", () => {
    expect(
      slots(
        "Caller: My boiler is out. I have physio at eight tomorrow, can someone come tomorrow?\nBusiness: Yes, someone can come tomorrow.\nCaller: Great.",
      ),
    ).toEqual(["2026-01-15"]);
    // Telling which booking is being called off is not a commitment that excludes it.
    expect(
      slots("Caller: I have Friday at nine with you, can we keep it?\nBusiness: Yes, Friday at nine stays.", {
        industry: "medical",
      }),
    ).toEqual(["2026-01-16T09:00"]);
  });

  it("takes 'come by Friday' as a visit on Friday, not a deadline", () => {
    expect(
      slots("Caller: Could you come by Friday at ten to look at it?\nBusiness: Friday at ten works.", {
        industry: "general_services",
      }),
    ).toEqual(["2026-01-16T10:00"]);
  });

  it("binds a time said back much later to the day it was agreed for, not the last day named", () => {
    expect(
      slots(
        "Business: Can you come in Thursday at nine fifteen?\nCaller: Thursday at nine fifteen, yes.\nBusiness: And the survey is Monday at two.\nCaller: Monday at two works. Do I bring anything?\nBusiness: Just your ID.\nCaller: Thanks.\nBusiness: See you at nine fifteen.",
      ),
    ).toEqual(["2026-01-15T09:15", "2026-01-19T14:00"]);
  });

  it("books nothing for checking with someone else or telling people on a day", () => {
    expect(
      slots(
        "Business: The inspection is Tuesday at ten.\nCaller: Tuesday at ten, okay.\nBusiness: I'll confirm it with the owner tonight. Can you let them know today?\nCaller: Yes.",
      ),
    ).toEqual(["2026-01-20T10:00"]);
  });

  it("takes 'I've only got' after a day as turning it down", () => {
    expect(
      slots(
        "Caller: Can anyone come today?\nBusiness: Today I've only got one van and it's out. Tomorrow, the window's eight thirty to ten thirty.\nCaller: Eight thirty — fine.",
      ),
    ).toEqual(["2026-01-15T08:30"]);
  });

  it("books times of one day paired with their own people, even with 'and then' or a title between", () => {
    expect(
      slots(
        "Business: I'll see Ms. Ortiz on Friday at nine, and then Mr. Bell on Friday at eleven.\nCaller: Friday, fine.",
        { industry: "consulting" },
      ),
    ).toEqual(["2026-01-16T09:00", "2026-01-16T11:00"]);
  });

  it("keeps a list of times when one of them is said again later", () => {
    expect(
      slots(
        "Business: Saturday I have slots from nine.\nCaller: Great. Mia at nine, Noah at nine thirty, and me at ten.\nBusiness: Done. See you all Saturday at nine.",
      ),
    ).toEqual(["2026-01-17T09:00", "2026-01-17T09:30", "2026-01-17T10:00"]);
  });
});

describe("calls that book nothing", () => {
  it("books nothing when the caller asked 'is that' another business and was told no", () => {
    expect(
      slots(
        "Business: Hollis Joinery, Dara speaking.\nCaller: Hi, is that Greenline Buses? I need a coach for ten tomorrow.\nBusiness: No, this is a joinery.\nCaller: Oh, apologies.",
      ),
    ).toEqual([]);
  });

  it("takes a day something closes or ends on as a deadline, not a booking", () => {
    expect(
      slots(
        "Caller: I want to enter the spring show.\nBusiness: Entries close on the 28th.\nCaller: Great, I'd like help with the form.\nBusiness: Sure, Monday at ten?\nCaller: Monday at ten, yes.",
        { industry: "consulting" },
      ),
    ).toEqual(["2026-01-19T10:00"]);
  });

  it("books nothing when the only proposal got a flat no", () => {
    expect(
      slots(
        "Caller: This is Jo from Ad Boost, could I show you our package Friday at three?\nBusiness: No, we're fine for marketing, thanks.\nCaller: Okay, thanks anyway.",
        { industry: "consulting" },
      ),
    ).toEqual([]);
  });

  it("does not book a time said with no day and off the quarter hour, which nobody took up", () => {
    expect(
      slots(
        "Business: Fitting is ninety.\nCaller: The hardware shop has taps for like two-forty.\nBusiness: You can bring your own then.\nCaller: Right, I'll call back.",
      ),
    ).toEqual([]);
  });

  it("takes a day said in answer to when something happened as past", () => {
    expect(
      slots(
        "Business: When did you find the damp patch?\nCaller: Only today, behind the sofa.\nBusiness: Okay. We'd start with a survey, that's ninety.\nCaller: Right, yep. When can you come?\nBusiness: Friday, eight o'clock.\nCaller: Friday eight's good.",
      ),
    ).toEqual(["2026-01-16T08:00"]);
  });

  it("does not take 'no worries' after a time as turning it down", () => {
    const said = slotsOfTurn({ speaker: "business", text: "Three o'clock, no worries. Bring the keys." }, 0, {
      year: 2026,
      month: 1,
      day: 14,
    });
    expect(said.map((s) => s.rejected)).toEqual([false]);
  });
});

describe("half of the day asked for the matter", () => {
  it("puts an hour said without am or pm in the half the call asked for", () => {
    expect(
      slots(
        "Caller: I'm at work all day, so it'd have to be evenings.\nBusiness: Tuesday at eight?\nCaller: Tuesday at eight is good.",
      ),
    ).toEqual(["2026-01-20T20:00"]);
    expect(
      slots(
        "Caller: Could you come before we open, during breakfast prep?\nBusiness: Sure, Monday at six?\nCaller: Six on Monday, fine.",
      ),
    ).toEqual(["2026-01-19T06:00"]);
  });

  it("does not carry a half asked for from a greeting", () => {
    expect(
      slots(
        "Business: Good evening, Pipeworks.\nCaller: Can someone come Monday at eight?\nBusiness: Monday at eight, yes.",
      ),
    ).toEqual(["2026-01-19T08:00"]);
  });
});
