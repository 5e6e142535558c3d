import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { INDUSTRY_TYPES } from "@flynn/domain";
import { describe, expect, it } from "vitest";
import { splitTurns } from "./turns";
import { DEFAULT_BUSINESS_HOURS, isAfterHours, isEmergency, type UrgencyInput, urgencyOf } from "./urgency";

// Tuesday 2026-05-12, 11:00 in Denver (UTC-06:00): inside every industry's default hours.
const TUESDAY_MORNING = "2026-05-12T11:00:00-06:00";

function urgency(transcript: string, eventDatetimes: string[], extra: Partial<UrgencyInput> = {}) {
  return urgencyOf({
    turns: splitTurns(transcript),
    eventDatetimes,
    callStartedAt: TUESDAY_MORNING,
    timezone: "America/Denver",
    industry: "general_services",
    ...extra,
  });
}

describe("emergencies", () => {
  it("is an emergency when the caller describes danger", () => {
    expect(isEmergency(splitTurns("Caller: There's a gas leak in the kitchen, I can smell it."))).toBe(true);
    expect(isEmergency(splitTurns("Caller: My dad collapsed, he's unconscious."))).toBe(true);
  });

  it("is an emergency when the business sends the caller to 911 now", () => {
    expect(isEmergency(splitTurns("Business: Please hang up and call nine one one right now."))).toBe(true);
  });

  it("is an emergency when the business has to see the patient at once, or a child is locked in", () => {
    expect(
      isEmergency(
        splitTurns(
          "Caller: The cat chewed a lily leaf.\nBusiness: Lilies wreck cats' kidneys, we need to see her right away.",
        ),
      ),
    ).toBe(true);
    expect(isEmergency(splitTurns("Caller: My toddler is locked in the car and the keys are inside."))).toBe(true);
    expect(isEmergency(splitTurns("Business: We can see her right away if you like, we've had a cancellation."))).toBe(
      false,
    );
  });

  it("is no emergency for a question, a denial or conditional advice", () => {
    expect(
      isEmergency(
        splitTurns(
          "Business: Is he unconscious?\nCaller: No, he's not unconscious, he's talking.\nBusiness: If he gets worse, call nine one one.",
        ),
      ),
    ).toBe(false);
    expect(isEmergency(splitTurns("Caller: It's not flooding, just a slow drip under the sink."))).toBe(false);
  });
});

describe("urgencyOf", () => {
  it("returns emergency before anything else", () => {
    expect(urgency("Caller: A pipe burst, there's water everywhere!", ["2026-05-12T12:00"])).toBe("emergency");
  });

  it("is medium for a booking later the same day without hurry, high with it", () => {
    expect(urgency("Caller: Can you fit me in?\nBusiness: I have 4 pm today.", ["2026-05-12T16:00"])).toBe("medium");
    expect(urgency("Caller: My sink is clogged, can you fit me in?\nBusiness: 4 pm today.", ["2026-05-12T16:00"])).toBe(
      "medium",
    );
    expect(urgency("Caller: I need someone urgently.\nBusiness: I have 4 pm today.", ["2026-05-12T16:00"])).toBe(
      "high",
    );
  });

  it("is high for hurry about something booked by the next day, medium for hurry or concern days away", () => {
    expect(urgency("Caller: I need this looked at urgently, the deadline is Friday.", ["2026-05-13T10:00"])).toBe(
      "high",
    );
    expect(urgency("Caller: I need this looked at urgently, the deadline is Friday.", ["2026-05-14T10:00"])).toBe(
      "medium",
    );
    expect(urgency("Caller: We need it done this week.", ["2026-05-14T10:00"])).toBe("medium");
    expect(urgency("Caller: My dishwasher stopped working.", ["2026-05-14T10:00"])).toBe("medium");
  });

  it("counts days the business is closed: hurry met on its next open day is high", () => {
    // Saturday 10:00 in Denver; legal offices are closed at weekends, general services on Sundays.
    const saturday = { callStartedAt: "2026-05-16T10:00:00-06:00" };
    const hurry = "Caller: I need someone as soon as possible, please.";
    expect(urgency(hurry, ["2026-05-18T09:00"], { ...saturday, industry: "legal" })).toBe("high");
    expect(urgency(hurry, ["2026-05-18T09:00"], saturday)).toBe("high");
    expect(urgency(hurry, ["2026-05-19T09:00"], saturday)).toBe("medium");
  });

  it("takes heating gone as hurry, and a business calling the job a priority", () => {
    expect(urgency("Caller: Our boiler packed in overnight.", ["2026-05-13T09:00"])).toBe("high");
    expect(urgency("Caller: The heating's not working at all.", ["2026-05-13T09:00"])).toBe("high");
    expect(
      urgency("Caller: The boiler's making a noise.\nBusiness: We'll make it a priority.", ["2026-05-13T09:00"]),
    ).toBe("high");
  });

  it("takes air conditioning gone as hurry like heating, and an appliance that stops cooling as a problem", () => {
    expect(urgency("Caller: The A/C just quit and it's a heatwave.", ["2026-05-13T09:00"])).toBe("high");
    expect(urgency("Caller: The freezer stopped cooling overnight.", ["2026-05-13T09:00"])).toBe("medium");
    expect(urgency("Caller: The boiler keeps losing pressure.", ["2026-05-14T09:00"])).toBe("medium");
    expect(urgency("Caller: The freezer is cooling fine, I want a second one.", ["2026-05-14T09:00"])).toBe("low");
  });

  it("takes a fault that keeps coming back as a problem, and a weekend named as when the caller is free as none", () => {
    expect(urgency("Caller: The router keeps cutting out.", ["2026-05-14T09:00"])).toBe("medium");
    expect(urgency("Caller: Could you come out this weekend? I work all week.", ["2026-05-14T09:00"])).toBe("low");
  });

  it("takes a same-day need from the caller as hurry, but not a wish given up, nor 'not today'", () => {
    expect(urgency("Caller: We need someone out today, the boiler's dead.", ["2026-05-13T09:00"])).toBe("high");
    expect(urgency("Caller: Could you check the car today?\nBusiness: Thursday at nine.", ["2026-05-14T09:00"])).toBe(
      "low",
    );
    expect(urgency("Caller: Not today, I'm at work. Thursday?", ["2026-05-14T09:00"])).toBe("low");
  });

  it("does not take the name of a kind of slot or fee for hurry", () => {
    expect(
      urgency(
        "Caller: My tooth cracked, it is sore when I chew.\nBusiness: We keep emergency slots, tomorrow at ten?",
        ["2026-05-13T10:00"],
      ),
    ).toBe("medium");
  });

  it("is medium for a chance that may go: a home on the market the caller wants to view", () => {
    expect(
      urgency("Caller: Is the cottage on Elm still on the market? Could we view the house?", ["2026-05-15T10:00"]),
    ).toBe("medium");
    expect(
      urgency("Caller: We're thinking of selling.\nBusiness: I'll come value it Friday.", ["2026-05-15T10:00"]),
    ).toBe("low");
  });

  it("reads 'not an emergency' as concern, not as hurry", () => {
    expect(urgency("Business: It's not an emergency, but let's get it seen.", ["2026-05-14T09:00"])).toBe("medium");
    expect(urgency("Caller: Not this week, we're away.", ["2026-05-14T09:00"])).toBe("low");
  });

  it("is low for a routine booking, and a booking five or more days away outweighs concern", () => {
    expect(urgency("Caller: Can I book a tune-up?\nBusiness: Friday at ten.", ["2026-05-15T10:00"])).toBe("low");
    expect(urgency("Caller: The gate is broken and it's not working.", ["2026-05-20T10:00"])).toBe("low");
  });

  it("counts a call outside opening hours about a booking by the next day", () => {
    // Tuesday 19:30 in Denver, after general services close at 17:00.
    const evening = { callStartedAt: "2026-05-12T19:30:00-06:00" };
    expect(urgency("Caller: Can someone come tomorrow?", ["2026-05-13T10:00"], evening)).toBe("medium");
    expect(urgency("Caller: Can someone come Friday?", ["2026-05-15T10:00"], evening)).toBe("low");
    // A problem raised out of hours and booked for the next day is high.
    expect(urgency("Caller: I have a hearing on Monday.", ["2026-05-13T10:00"], evening)).toBe("high");
    // Just before opening is no out-of-hours call: general services open at 08:00.
    const early = { callStartedAt: "2026-05-12T07:40:00-06:00" };
    expect(urgency("Caller: Can someone come tomorrow?", ["2026-05-13T10:00"], early)).toBe("low");
    // The business's own hours win over the industry default.
    const lateShop = { ...evening, businessHours: { tuesday: { start: "08:00", end: "21:00" } } };
    expect(urgency("Caller: Can someone come tomorrow?", ["2026-05-13T10:00"], lateShop)).toBe("low");
  });

  it("keeps a matter with a deadline pressing however far off the booking is", () => {
    expect(
      urgency("Caller: The grant deadline is the end of the month.", ["2026-05-20T10:00"], { industry: "consulting" }),
    ).toBe("medium");
    expect(
      urgency("Caller: The landlord wants the lease signed by Friday.", ["2026-05-13T10:00"], { industry: "legal" }),
    ).toBe("medium");
    expect(urgency("Caller: I'd like to update my will.", ["2026-05-20T10:00"], { industry: "legal" })).toBe("low");
    expect(urgency("Caller: There's no deadline on it.", ["2026-05-20T10:00"], { industry: "legal" })).toBe("low");
  });

  it("counts a call on a closed day as out of hours only outside the hours the business keeps on open days", () => {
    // Sunday 2026-05-17 in Denver: general services are closed all day.
    const sundayMorning = { callStartedAt: "2026-05-17T10:30:00-06:00" };
    expect(urgency("Caller: Can someone come tomorrow?", ["2026-05-18T10:00"], sundayMorning)).toBe("low");
    expect(urgency("Caller: The tap is leaking.", ["2026-05-18T10:00"], sundayMorning)).toBe("medium");
    const sundayNight = { callStartedAt: "2026-05-17T21:15:00-06:00" };
    expect(urgency("Caller: Can someone come tomorrow?", ["2026-05-18T10:00"], sundayNight)).toBe("medium");
    expect(urgency("Caller: The tap is leaking.", ["2026-05-18T10:00"], sundayNight)).toBe("high");
  });

  it("takes hot water gone as a problem, not as the hurry of heating gone", () => {
    expect(urgency("Caller: We've had no hot water since Sunday night.", ["2026-05-12T15:00"])).toBe("medium");
    expect(urgency("Caller: The hot water has just died on us.", ["2026-05-13T09:00"])).toBe("medium");
  });

  it("takes a thing that won't close, a blocked drain or an overflow as a problem", () => {
    expect(urgency("Caller: The back gate won't close any more.", ["2026-05-14T09:00"])).toBe("medium");
    expect(urgency("Caller: The shower drain is blocked and the tray overflows.", ["2026-05-14T09:00"])).toBe("medium");
  });

  it("keeps trouble with another party or a blow to the caller's life pressing, however far off", () => {
    const inNineDays = ["2026-05-21T10:00"];
    expect(urgency("Caller: My boss dismissed me after I raised a complaint.", inNineDays, { industry: "legal" })).toBe(
      "medium",
    );
    expect(
      urgency("Caller: My wife and I are separating and we own the flat.", inNineDays, { industry: "legal" }),
    ).toBe("medium");
    expect(urgency("Caller: Grandpa had a fall, we'd like rails by the stairs.", ["2026-05-15T10:00"])).toBe("medium");
    expect(urgency("Caller: We'd like separate invoices for the two flats.", inNineDays)).toBe("low");
  });

  it("takes the caller pressing for an earlier day as a wish short of hurry, not an earlier hour", () => {
    expect(urgency("Caller: The sooner the better, to be honest.", ["2026-05-15T10:00"])).toBe("medium");
    expect(urgency("Caller: Is there nothing sooner? Fine, Friday.", ["2026-05-15T10:00"])).toBe("medium");
    expect(urgency("Caller: Ten's late for me, anything earlier?", ["2026-05-15T08:00"])).toBe("low");
    expect(urgency("Caller: The sooner the better.", ["2026-05-22T10:00"])).toBe("low");
  });

  it("does not take the business's advice for another case, or its exceptions, as this caller's hurry", () => {
    const laterToday = ["2026-05-12T15:00"];
    expect(
      urgency(
        "Caller: She has a bit of a cough.\nBusiness: Three o'clock then. If she struggles to breathe, take her to the ER right away.",
        laterToday,
        { industry: "medical" },
      ),
    ).toBe("medium");
    expect(
      urgency("Business: We don't go out on holidays unless it's an emergency, so Wednesday at ten.", [
        "2026-05-13T10:00",
      ]),
    ).toBe("low");
    expect(urgency("Business: Nothing urgent, the part can wait a day.", ["2026-05-13T10:00"])).toBe("low");
  });

  it("is low for a call that books nothing, unless the caller hurries", () => {
    expect(urgency("Caller: Final notice! Press one now to renew your listing.", [])).toBe("low");
    expect(urgency("Caller: I need someone as soon as possible.\nBusiness: Sorry, we're fully booked.", [])).toBe(
      "high",
    );
  });
});

describe("business hours", () => {
  it("treats opening hours as [start, end) and missing days as closed", () => {
    const hours = { monday: { start: "08:00", end: "17:00" } };
    expect(isAfterHours(hours, { weekday: 1, hour: 8, minute: 0 })).toBe(false);
    expect(isAfterHours(hours, { weekday: 1, hour: 17, minute: 0 })).toBe(true);
    expect(isAfterHours(hours, { weekday: 2, hour: 10, minute: 0 })).toBe(true);
  });

  it("keeps the fallback hours in step with the system defaults in the database", () => {
    const sql = readFileSync(
      fileURLToPath(new URL("../../db/migrations/0003_default-data.sql", import.meta.url)),
      "utf8",
    );
    for (const industry of INDUSTRY_TYPES) {
      const row = new RegExp(String.raw`\('${industry}',[^]*?'(\{"monday"[^']*)'`).exec(sql);
      expect(row, industry).not.toBeNull();
      expect(JSON.parse(row?.[1] as string), industry).toEqual(DEFAULT_BUSINESS_HOURS[industry]);
    }
  });
});

describe("what the situation says", () => {
  it("takes electrical sparking and a burning smell, or a swallowed object, as an emergency", () => {
    expect(isEmergency(splitTurns("Caller: The light switch sparked and there's a burning smell."))).toBe(true);
    expect(isEmergency(splitTurns("Caller: I think my son swallowed one of those magnets."))).toBe(true);
  });

  it("takes danger told before a question as an emergency, a question about danger as none", () => {
    expect(isEmergency(splitTurns("Caller: Um, there's smoke coming out of the fuse box, can you send someone?"))).toBe(
      true,
    );
    expect(isEmergency(splitTurns("Caller: Could it be carbon monoxide, do you think?"))).toBe(false);
  });

  it("takes the business sending a patient straight in or to an emergency hospital as an emergency", () => {
    expect(isEmergency(splitTurns("Business: Wrap the paw and bring her straight in."))).toBe(true);
    expect(isEmergency(splitTurns("Business: You should take him to the emergency hospital on Fifth now."))).toBe(true);
    expect(isEmergency(splitTurns("Business: Come straight in through the side door on Monday."))).toBe(false);
  });

  it("takes sending the caller to an emergency department now as an emergency, advice for later as none", () => {
    expect(isEmergency(splitTurns("Business: He needs to go to the emergency room now."))).toBe(true);
    expect(isEmergency(splitTurns("Business: If the fever climbs, go to the hospital."))).toBe(false);
  });

  it("lets the business's judgement that a problem can wait outweigh the symptom", () => {
    const tomorrow = ["2026-05-13T09:00"];
    expect(urgency("Caller: The tap in the bathroom is leaking.", tomorrow)).toBe("medium");
    expect(
      urgency(
        "Caller: The tap in the bathroom is leaking.\nBusiness: That's not urgent, a washer will do it.",
        tomorrow,
      ),
    ).toBe("low");
    expect(urgency("Caller: My gutter is cracked.\nBusiness: We'll look at it on the routine visit.", tomorrow)).toBe(
      "low",
    );
  });

  it("counts a symptom of the body as a problem only for a business that treats it", () => {
    const inThreeDays = ["2026-05-15T10:00"];
    expect(urgency("Caller: My knee is really sore.", inThreeDays, { industry: "medical" })).toBe("medium");
    expect(urgency("Caller: My knee is really sore, but I need the car looked at.", inThreeDays)).toBe("low");
  });

  it("counts wanting to view a place on the market as a chance that may go", () => {
    expect(
      urgency("Caller: Could I see it before the weekend?", ["2026-05-14T17:00"], { industry: "real_estate" }),
    ).toBe("medium");
  });

  it("counts a viewing only where homes are sold; elsewhere seeing it is the product", () => {
    const inTwoDays = ["2026-05-14T15:00"];
    expect(urgency("Caller: My partner wants to see it working too.", inTwoDays, { industry: "sales" })).toBe("low");
  });

  it("takes the caller asking for this week as pressing, the business offering this week's slots as not", () => {
    const inTwoDays = ["2026-05-14T10:00"];
    expect(urgency("Caller: Any chance of fitting me in this week?", inTwoDays)).toBe("medium");
    expect(urgency("Caller: I'd like the blinds measured, this week ideally.", inTwoDays)).toBe("medium");
    expect(urgency("Business: This week I have Thursday at ten.\nCaller: Thursday's fine.", inTwoDays)).toBe("low");
    expect(urgency("Caller: My new lease starts this week, so I'd like the gutters done.", inTwoDays)).toBe("low");
  });

  it("does not take a court that names a place as trouble with the law", () => {
    const inTwoDays = ["2026-05-14T10:00"];
    expect(urgency("Caller: We're in flat four, Bellview Court.", inTwoDays)).toBe("low");
    expect(urgency("Caller: Our stall is by the food court.", inTwoDays)).toBe("low");
    expect(urgency("Caller: I have to go to court over it.", inTwoDays, { industry: "legal" })).toBe("medium");
  });

  it("takes a visit outside opening hours, soon after a call outside them, as pressing", () => {
    // Saturday 22:30 in Denver: the business comes out at 23:15 the same night.
    const lateSaturday = { callStartedAt: "2026-05-16T22:30:00-06:00" };
    expect(urgency("Caller: The side gate lock jammed.", ["2026-05-16T23:15"], lateSaturday)).toBe("high");
    expect(urgency("Caller: Could someone look at the fence?", ["2026-05-18T10:00"], lateSaturday)).toBe("low");
  });

  it("counts a separation, a breach of the caller's accounts or an audit as trouble", () => {
    const inTwelveDays = ["2026-05-24T10:00"];
    expect(urgency("Caller: My partner and I separated last month.", inTwelveDays, { industry: "legal" })).toBe(
      "medium",
    );
    expect(urgency("Caller: Someone got into our office email.", inTwelveDays, { industry: "consulting" })).toBe(
      "medium",
    );
    expect(urgency("Caller: The tax office wants to audit my books.", inTwelveDays, { industry: "consulting" })).toBe(
      "medium",
    );
  });

  it("counts the end of a period or a closing date as a deadline", () => {
    const inTwelveDays = ["2026-05-24T10:00"];
    expect(urgency("Caller: It has to be lodged before the end of the month.", inTwelveDays)).toBe("medium");
    expect(urgency("Caller: Our closing is June fifth.", inTwelveDays, { industry: "legal" })).toBe("medium");
    expect(urgency("Caller: Whenever suits, no rush.", inTwelveDays)).toBe("low");
  });

  it("counts something that closes, falls due or expires on a date as a deadline", () => {
    const inTwelveDays = ["2026-05-24T10:00"];
    expect(
      urgency("Caller: The rebate scheme closes end of the month.", inTwelveDays, { industry: "consulting" }),
    ).toBe("medium");
    expect(urgency("Caller: My visa expires in August.", inTwelveDays, { industry: "legal" })).toBe("medium");
    expect(urgency("Caller: The returns are due, um, the twentieth.", inTwelveDays, { industry: "consulting" })).toBe(
      "medium",
    );
    expect(
      urgency("Caller: The clinic said she needs a scan within a week.", inTwelveDays, { industry: "medical" }),
    ).toBe("medium");
    expect(urgency("Business: The balance is due at the handover.", inTwelveDays)).toBe("low");
  });

  it("does not take the business's routing of urgent cases as this caller's hurry; takes time-sensitive as hurry", () => {
    const message =
      "Business: We're closed. For urgent problems please ring the on-call line.\nCaller: Hi, I need to cancel Friday.";
    expect(urgency(message, [])).toBe("low");
    expect(urgency("Caller: It's time-sensitive, the bank wants it today.", ["2026-05-12T16:00"])).toBe("high");
  });

  it("takes heating gone, or the systems a business works on down, as hurry", () => {
    const thisAfternoon = ["2026-05-12T15:00"];
    expect(urgency("Caller: Dad's heating's gone and he's ninety.", thisAfternoon)).toBe("high");
    expect(
      urgency("Caller: Our booking system is down and the shop is full.", thisAfternoon, { industry: "consulting" }),
    ).toBe("high");
    expect(urgency("Caller: The price has gone up since last year.", thisAfternoon)).toBe("medium");
  });

  it("counts an accident as trouble, and an appliance that won't do its job as a problem", () => {
    expect(
      urgency("Caller: I was hurt in a work accident in March.", ["2026-05-24T10:00"], { industry: "legal" }),
    ).toBe("medium");
    expect(urgency("Caller: The dishwasher won't drain.", ["2026-05-14T10:00"])).toBe("medium");
    expect(urgency("Caller: I won't be home until four.", ["2026-05-14T10:00"])).toBe("low");
  });

  it("takes the business wanting the case seen today as hurry", () => {
    const thisAfternoon = ["2026-05-12T15:30"];
    const text = "Caller: His wrist is swollen.\nBusiness: I want him seen today, we have half three.";
    expect(urgency(text, thisAfternoon, { industry: "medical" })).toBe("high");
  });
});
