import { EVENT_TYPES } from "@flynn/domain";
import { describe, expect, it } from "vitest";
import { chooseEventType } from "./event-type";

const all = EVENT_TYPES;

describe("chooseEventType", () => {
  it("takes a visit as the industry's usual booking", () => {
    expect(chooseEventType("The first visit checks the wiring, then we'll see.", "general_services", all)).toBe(
      "service_call",
    );
    expect(chooseEventType("A home visit from the nurse on Monday.", "medical", all)).toBe("appointment");
  });

  it("does not take an emergency the business checks for, or its emergency rate, as an emergency", () => {
    const text = "Is anything flooding? No. Out of hours is the emergency rate, so we'll fix the valve tomorrow.";
    expect(chooseEventType(text, "plumbing", all)).toBe("service_call");
    expect(chooseEventType("The basement is flooding, we need someone tonight.", "plumbing", all)).toBe("emergency");
  });

  it("reads test drives as demos, maintenance as service calls and measuring up as a quote", () => {
    expect(chooseEventType("Can I test-drive the blue hatchback on Friday?", "sales", all)).toBe("demo");
    expect(chooseEventType("The maintenance crew can come Tuesday.", "real_estate", all)).toBe("service_call");
    expect(chooseEventType("Our fitter will measure up the stairs and leave a written price.", "other", all)).toBe(
      "quote",
    );
  });

  it("takes only real negations as negating a type word, not words ending in 'nt'", () => {
    expect(chooseEventType("The basement is flooding.", "plumbing", all)).toBe("emergency");
    expect(chooseEventType("The tenant wants a quote for the fence.", "general_services", all)).toBe("quote");
    expect(chooseEventType("It isn't an emergency, the drip is slow.", "plumbing", all)).toBe("service_call");
  });

  it("reads valuing a home and second opinions as consultations, and signing papers as an appointment", () => {
    expect(chooseEventType("Could you value our house before we list?", "real_estate", all)).toBe("consultation");
    expect(chooseEventType("I'd like a second opinion on the surgery.", "medical", all)).toBe("consultation");
    expect(chooseEventType("Come in on Friday for signing the transfer.", "legal", all)).toBe("appointment");
  });
});

describe("chooseEventType, words that name another business's work or several things", () => {
  it("reads demos in the plural as a demo", () => {
    expect(chooseEventType("Someone told me you run demos of the label printers.", "sales", all)).toBe("demo");
  });

  it("does not take a quote the caller already got from someone else as a quote visit", () => {
    const text =
      "We had a quote from another dealer last month. Can we see the two models side by side? Demos are free.";
    expect(chooseEventType(text, "sales", all)).toBe("demo");
    expect(chooseEventType("Can your estimator give me a quote for the deck?", "general_services", all)).toBe("quote");
  });

  it("does not take an assessment as an inspection: a clinic's or a tutor's assessment is its usual booking", () => {
    expect(chooseEventType("The first session includes a short assessment.", "medical", all)).toBe("appointment");
    expect(chooseEventType("We begin with an assessment of your processes.", "consulting", all)).toBe("consultation");
  });

  it("reads a call with an adviser as the industry's meeting: a consultation with a consultant", () => {
    expect(chooseEventType("Let's set up a call with our partner Jo.", "consulting", all)).toBe("consultation");
    expect(chooseEventType("Let's set up a call with our regional manager.", "sales", all)).toBe("meeting");
  });

  it("reads a diagnostic fee as the repair visit's, and a camera or an inspector as an inspection", () => {
    expect(chooseEventType("The diagnostic is seventy-five and the tech fixes it then.", "general_services", all)).toBe(
      "service_call",
    );
    expect(chooseEventType("We'd put a camera down the drain first.", "plumbing", all)).toBe("inspection");
  });

  it("reads a seller's tasting as a demo and a caterer's as a meeting", () => {
    expect(chooseEventType("We can bring the new blends for a tasting on Friday.", "sales", all)).toBe("demo");
    expect(chooseEventType("Come to a menu tasting at our kitchen.", "other", all)).toBe("meeting");
  });
});

describe("chooseEventType, what the booking is for rather than how it is arranged", () => {
  it("reads showing the product working, or letting the customer try it, as a demo", () => {
    expect(chooseEventType("I'll drop by and show you how the scanner works.", "sales", all)).toBe("demo");
    expect(chooseEventType("Bring towels for the wet test of the spa.", "sales", all)).toBe("demo");
    expect(chooseEventType("Keep the coffee machine on a free trial for a week.", "sales", all)).toBe("demo");
  });

  it("does not take the verb 'book' as naming an appointment", () => {
    expect(chooseEventType("Let me book you in for the strategy session.", "consulting", all)).toBe("consultation");
    expect(chooseEventType("Can I book the tiling repair?", "general_services", all)).toBe("service_call");
  });

  it("types a visit by what the person sent is to do, not by the sending", () => {
    expect(chooseEventType("We'll send someone to measure the hallway.", "other", all)).toBe("quote");
    expect(chooseEventType("We'll send someone out Friday.", "plumbing", all)).toBe("service_call");
  });

  it("does not type a booking by the step that follows it", () => {
    expect(
      chooseEventType("First a planning session, and then we'll quote you for the build.", "consulting", all),
    ).toBe("consultation");
    expect(chooseEventType("A roof inspection, and then we'll repair what we find.", "general_services", all)).toBe(
      "inspection",
    );
  });

  it("reads an audit as an inspection, and a signed quote as done with", () => {
    expect(chooseEventType("Book the mock audit before the certification.", "consulting", all)).toBe("inspection");
    expect(chooseEventType("Your signed quote came back, so let's get the install in.", "plumbing", all)).toBe(
      "service_call",
    );
  });

  it("reads moving house as removals work, not any 'move'", () => {
    expect(chooseEventType("We need a van for the move on Saturday.", "general_services", all)).toBe("service_call");
    expect(chooseEventType("The wasps move to the eaves, so we'll inspect first.", "general_services", all)).toBe(
      "inspection",
    );
  });

  it("does not take a callback number as a follow-up", () => {
    expect(chooseEventType("The van can be with you by nine. What's a callback number?", "plumbing", all)).toBe(
      "service_call",
    );
  });

  it("takes trying the product, in any words, as a demo", () => {
    expect(chooseEventType("Want to take the hatchback out for a spin on Friday?", "sales", all)).toBe("demo");
    expect(chooseEventType("A quick screen share so you can see the scheduler.", "sales", all)).toBe("demo");
  });

  it("takes coming in to sign as an appointment", () => {
    expect(chooseEventType("Then you'd come in to sign before the settlement.", "legal", all)).toBe("appointment");
    expect(chooseEventType("We do care-home signings most weeks.", "legal", all)).toBe("appointment");
  });

  it("takes what a clinic checks or fixes as an appointment", () => {
    expect(chooseEventType("The brace might be a quick fix, come in Tuesday.", "medical", all)).toBe("appointment");
    expect(chooseEventType("We'll inspect the retainer when you're in.", "medical", all)).toBe("appointment");
  });

  it("takes results or a report to go over as a follow-up, not one the visit delivers", () => {
    expect(chooseEventType("That covers the survey, and the report comes by email.", "general_services", all)).toBe(
      "service_call",
    );
    expect(chooseEventType("Pop in Friday so we can go over your results.", "medical", all)).toBe("follow_up");
    expect(chooseEventType("A video call to walk through what I found.", "consulting", all)).toBe("follow_up");
  });

  it("leaves out what follows a condition", () => {
    const text = "Testing is forty a device. If one fails, he'll quote you a repair on the spot.";
    expect(chooseEventType(text, "plumbing", all)).toBe("inspection");
  });

  it("takes an appointment with a lawyer or a consultant as their consultation, not one named for another service", () => {
    expect(chooseEventType("The next step is an appointment with our partner.", "legal", all)).toBe("consultation");
    expect(chooseEventType("I'll set you an appointment with the tax adviser.", "consulting", all)).toBe(
      "consultation",
    );
    expect(chooseEventType("Your appointment is with the hygienist.", "medical", all)).toBe("appointment");
    const text = "Come in to sign the deeds on Friday. Not Thursday, I have a physio appointment.";
    expect(chooseEventType(text, "legal", all)).toBe("appointment");
  });

  it("takes a market evaluation of a home as a consultation, and measuring in any words as a quote", () => {
    expect(chooseEventType("I'll pop by and do a home evaluation for you.", "real_estate", all)).toBe("consultation");
    expect(
      chooseEventType("She'll come out, look at the yard and measure, then price it.", "general_services", all),
    ).toBe("quote");
  });
});
