import { describe, expect, it } from "vitest";
import { businessPrices, priceForEvent, priceOf, shareUnitPrices } from "./price";
import { splitTurns } from "./turns";

const price = (transcript: string) => priceOf(splitTurns(transcript));

describe("priceOf", () => {
  it("reads written and spoken amounts with a currency", () => {
    expect(price("Business: The full detail is $1,200.")).toBe(1200);
    expect(price("Business: A standard clean is 150 bucks.")).toBe(150);
    expect(price("Business: That'll be a hundred and fifty dollars.")).toBe(150);
    expect(price("Business: The survey is two hundred and thirty pounds.")).toBe(230);
    expect(price("Business: A full rewire is about three grand.")).toBe(3000);
    expect(price("Business: The assessment's $89.50, paid on the day.")).toBe(89.5);
  });

  it("reads hundreds said as two numbers after a price verb", () => {
    expect(price("Business: A drain clear usually runs about two fifty.")).toBe(250);
    expect(price("Business: The tune-up costs one eighty-five.")).toBe(185);
  });

  it("reads dollars and cents said as two numbers", () => {
    expect(price("Business: The oil change is thirty-four ninety-nine.")).toBe(34.99);
  });

  it("needs money talk before a bare number counts", () => {
    expect(price("Caller: How much is it?\nBusiness: It's one twenty, parts extra.")).toBe(120);
    expect(price("Business: The visit is two forty for the first hour.")).toBe(240);
    expect(price("Business: Great, it's four thirty then.")).toBeNull();
    expect(price("Business: The appointment is about forty-five minutes.")).toBeNull();
  });

  it("reads 'a grand', hundreds said as one number, and two numbers that cannot be a clock time", () => {
    expect(price("Business: The full audit? That's a grand, and it takes a day.")).toBe(1000);
    expect(price("Business: For a four-bed house it's three hundred and ten, windows included.")).toBe(310);
    expect(price("Business: The deep clean is three seventy.")).toBe(370);
    expect(price("Business: It's a grand opening on Friday.")).toBeNull();
    expect(price("Business: The roof was done in 2019.")).toBeNull();
  });

  it("reads a clock-like amount as a price when its sentence talks money and not time", () => {
    expect(price("Business: The callout is two thirty, and parts are extra.")).toBe(230);
    expect(price("Business: The callout is at two thirty, and parts are extra.")).toBeNull();
  });

  it("takes the answer to a question about the price, and a price per period", () => {
    expect(price("Caller: What would that run me?\nBusiness: It's usually about three forty-five.")).toBe(345);
    expect(price("Business: Lawn care is one fifteen a month.")).toBe(115);
    expect(price("Business: Gutter guard is two ten a quarter.")).toBe(210);
    expect(price("Business: Those boards are about ninety at the moment.")).toBeNull();
    expect(price("Business: Those boards are about nine hundred at the moment.")).toBe(900);
  });

  it("reads amounts followed by tax and thousands said with a half", () => {
    expect(price("Business: The package we discussed, nine thousand plus VAT.")).toBe(9000);
    expect(price("Business: For the whole team that comes to roughly six and a half thousand.")).toBe(6500);
  });

  it("takes the total said after a unit price", () => {
    expect(price("Business: It's twelve dollars a head, so for fifty people that'd be six hundred dollars.")).toBe(600);
  });

  it("ignores prices the caller says and money that is not the business's", () => {
    expect(price("Caller: My budget is about two thousand dollars.\nBusiness: Okay, let's talk Friday.")).toBeNull();
    expect(price("Caller: What's the rent?\nBusiness: It's nineteen hundred a month.")).toBeNull();
    expect(price("Business: The seller's asking price is 450,000 dollars.")).toBeNull();
    expect(price("Business: I found a two bedroom apartment for $2,400 per month.")).toBeNull();
    expect(price("Business: Our commission is three percent.")).toBeNull();
    expect(price("Business: Asking is six forty-nine.")).toBeNull();
  });

  it("reads 'a fee of', a starting price and a price per unit of sale said without a verb", () => {
    expect(price("Business: There's a call-out fee of eighty-five for the first hour.")).toBe(85);
    expect(price("Business: Our blinds start at two ninety-nine fitted.")).toBe(299);
    expect(price("Business: For groups we do a buffet, forty-two a head, soft drinks included.")).toBe(42);
    expect(price("Business: Yes, memberships, sixty-five a month per person, no contract.")).toBe(65);
    expect(price("Business: We've got one at ten for an hour.")).toBeNull();
  });

  it("reads an amount off the quarter hours said with no word of time as a price", () => {
    expect(price("Business: Swapping the unit is normally around three forty, depending on access.")).toBe(340);
    expect(price("Business: The portrait sitting is one ninety, about forty minutes.")).toBe(190);
    expect(price("Business: Great, it's three forty then.")).toBeNull();
    expect(price("Business: I can do Thursday, it's two fifty.")).toBeNull();
  });

  it("reads hundreds followed by cents", () => {
    expect(price("Business: The premium mattress is three hundred and nineteen ninety-five.")).toBe(319.95);
  });

  it("ignores taxes and parking, and judges other people's money only by what the caller asked", () => {
    expect(price("Business: The land transfer tax will be four thousand two hundred.")).toBeNull();
    expect(price("Business: Parking next door is eight dollars for the day.")).toBeNull();
    expect(price("Caller: It's a four bedroom place.\nBusiness: A full clean for that is two hundred and ten.")).toBe(
      210,
    );
    expect(price("Caller: And the bedroom, what's the rent on that?\nBusiness: It's nine fifty a month.")).toBeNull();
  });

  it("reads prices after 'run you', 'looking at', 'say' and 'we quote', and a bare answer to a price question", () => {
    expect(price("Business: A new downpipe will run you about three hundred.")).toBe(300);
    expect(price("Business: You're looking at roughly nine hundred for the pair.")).toBe(900);
    expect(price("Business: Let's say a hundred and sixty for both rooms.")).toBe(160);
    expect(price("Business: We quote two thousand for a kitchen that size.")).toBe(2000);
    expect(price("Caller: What's the damage?\nBusiness: One forty, cash or card.")).toBe(140);
    expect(price("Caller: When can you come?\nBusiness: One forty, if that suits.")).toBeNull();
  });

  it("reads a rate per hour said after the way of charging", () => {
    expect(price("Caller: What do you charge?\nBusiness: We bill by the hour, seventy an hour.")).toBe(70);
  });

  it("is null for free work", () => {
    expect(price("Business: The first consultation is free.")).toBeNull();
  });
});

describe("extras after the price", () => {
  it("keeps the price of the work when a later amount is said as parts or an extra", () => {
    expect(price("Business: It's eighty dollars for the visit, then parts. A new hose is about fifteen dollars.")).toBe(
      80,
    );
    expect(price("Business: Labour is two hundred dollars, plus a forty dollar weekend fee.")).toBe(200);
  });

  it("still takes a total said after a unit price", () => {
    expect(price("Business: It's twenty dollars a chair, so four hundred dollars for twenty.")).toBe(400);
  });
});

describe("priceForEvent", () => {
  it("gives each price to the event under discussion when it is said", () => {
    const turns = splitTurns(
      [
        "Caller: The boiler's making noise, and I want a quote on a new bathroom.",
        "Business: The boiler service is ninety dollars. Can we come Monday at nine?",
        "Caller: Monday at nine is fine.",
        "Business: And for the bathroom quote, Thursday at two?",
        "Caller: Thursday at two works.",
      ].join("\n"),
    );
    const prices = businessPrices(turns);
    const events = [{ firstTurn: 1 }, { firstTurn: 3 }];
    expect(priceForEvent(prices, events, 0)).toBe(90);
    expect(priceForEvent(prices, events, 1)).toBeNull();
  });

  it("gives a price quoted for another matter the caller brings up to the event booked for it", () => {
    const turns = splitTurns(
      [
        "Business: Our inspector can come Friday at two.",
        "Caller: Friday at two, fine. Do you also clean gutters?",
        "Business: Sure, gutters are one fifty a visit.",
        "Caller: Great.",
        "Business: I can do the gutters Monday at nine.",
        "Caller: Monday, okay.",
      ].join("\n"),
    );
    const events = [{ firstTurn: 0 }, { firstTurn: 4 }];
    expect(priceForEvent(businessPrices(turns), events, 0, turns)).toBeNull();
    expect(priceForEvent(businessPrices(turns), events, 1, turns)).toBe(150);
  });

  it("keeps a price said after an event was agreed with that event, not the next one proposed", () => {
    const turns = splitTurns(
      [
        "Business: I can send a crew tomorrow at eight.",
        "Caller: Tomorrow at eight, good.",
        "Business: The tarp job is four hundred dollars.",
        "Caller: Fine.",
        "Business: And the inspector can come Thursday at one.",
        "Caller: Thursday at one, okay.",
      ].join("\n"),
    );
    const events = [{ firstTurn: 0 }, { firstTurn: 4 }];
    expect(priceForEvent(businessPrices(turns), events, 0)).toBe(400);
    expect(priceForEvent(businessPrices(turns), events, 1)).toBeNull();
  });
});

describe("priceOf, more ways of saying the business's price", () => {
  it("takes what a price includes, covers or comes off as money talk", () => {
    expect(price("Business: The first lesson is forty, and that comes off the term fee.")).toBe(40);
    expect(price("Business: The check is free and the cleaning is sixty, that includes polishing.")).toBe(60);
  });

  it("reads an amount named as some fee ('a flat two fifty booking fee')", () => {
    expect(price("Business: For eight guests it's a flat one fifty hire fee.")).toBe(150);
  });

  it("reads 'lands around' as a price verb and 'before any rebates' as what may follow a price", () => {
    expect(price("Business: A roof that size usually lands around eighteen thousand before any rebates.")).toBe(18000);
  });

  it("keeps the booked job's price when a price for what comes after it follows", () => {
    expect(
      price("Business: The first deep clean is one ninety. Weekly visits after that would be eighty a visit."),
    ).toBe(190);
    expect(price("Business: It's fifty a head, so two thousand five hundred for fifty guests.")).toBe(2500);
  });
});

describe("priceOf, amounts said in parts", () => {
  it("reads a number under twenty before two digits as hundreds", () => {
    expect(price("Business: The full survey comes to thirteen seventy plus VAT.")).toBe(1370);
    expect(price("Business: The oil change is thirty-four ninety-nine.")).toBe(34.99);
  });

  it("reads hundreds, dollars and cents, and thousands, hundreds and the rest, as money by their shape", () => {
    expect(price("Business: The recliner is three twenty-nine ninety-five, delivered.")).toBe(329.95);
    expect(price("Business: Yep, still available. Thirty-two four fifty, low mileage.")).toBe(32450);
    expect(price("Business: It's on for nine four ninety-nine this week.")).toBe(9499);
  });

  it("does not read a phone number's digits or the second part of an amount as amounts", () => {
    expect(price("Business: Is it still five oh three, five five five, one oh forty-four?")).toBeNull();
    expect(price("Business: Our fee's fixed at twelve sixty plus VAT.")).toBe(1260);
  });

  it("reads 'K' after thousands as kilometres, not thousands again", () => {
    expect(price("Business: It's nine grand, twelve thousand K on it.")).toBe(9000);
  });
});

describe("priceOf, whose money and which amount", () => {
  it("judges someone else's money by the amount's own clause, not the rest of the sentence", () => {
    expect(
      price("Caller: Price?\nBusiness: Bought outright it's six thousand two hundred, or we do rental plans."),
    ).toBe(6200);
    expect(price("Business: The rent is two thousand a month, and our fee comes on top.")).toBeNull();
  });

  it("takes the lease of what the business supplies as its price, and rents as nobody's", () => {
    expect(price("Business: The lease on that printer is a hundred and twelve a month.")).toBe(112);
    expect(price("Business: The flat upstairs rents for fourteen hundred a month.")).toBeNull();
  });

  it("takes a total said with 'altogether'", () => {
    expect(price("Business: Six lessons at thirty each, so a hundred and eighty altogether.")).toBe(180);
  });
});

describe("priceOf, prices per unit", () => {
  it("reads a rate per hour or session said as money by its shape, or with money talk even like a clock time", () => {
    expect(price("Business: Our technician is one thirty-five an hour.")).toBe(135);
    expect(price("Business: Two sessions a month, four hundred a session.")).toBe(400);
    expect(price("Business: After hours we charge the higher rate, three fifteen an hour.")).toBe(315);
    expect(price("Business: The pool hire is sixty for four people.")).toBe(60);
  });

  it("does not take hundreds a week or a month said without money talk, which may be rent", () => {
    expect(price("Business: Number nine, unit two. Six hundred a week, free from June.")).toBeNull();
  });
});

describe("priceOf, what a piece of work is", () => {
  it("reads 'the <work> is <amount>' as a price when the amount cannot be a clock time", () => {
    expect(price("Business: The chimney sweep is seventy-five, and it takes about an hour.")).toBe(75);
    expect(price("Business: It's seventy-five.")).toBeNull();
    expect(price("Business: The chimney sweep is at eleven.")).toBeNull();
  });

  it("reads a clock-like amount as a time when it answers the caller's talk about times", () => {
    expect(price("Caller: I can't before five. Anything later?\nBusiness: Her last one's five forty.")).toBeNull();
    expect(price("Caller: And the repair?\nBusiness: That's three forty.")).toBe(340);
  });
});

describe("priceOf, quotes, rates and reference prices", () => {
  it("reads 'the quote for' and a price verb paused over before the amount", () => {
    expect(price("Business: Just checking it's the quote for twelve twenty, fitted.")).toBe(1220);
    expect(price("Business: I charge my standard rate, one ninety.")).toBe(190);
  });

  it("keeps the current price when a regular or list price follows it", () => {
    expect(
      price("Business: This week the sofa is six forty-nine ninety-nine. Regular is eight forty-nine ninety-nine."),
    ).toBe(649.99);
  });
});

describe("priceOf, voicemails", () => {
  it("takes the price a caller recalls the business quoting, not what they pay elsewhere", () => {
    const greeting = "Business: You've reached Harbor Tutors, leave a message after the tone.";
    expect(
      price(
        `${greeting}\nCaller: Hi, it's Pat. About the summer course you said was nine hundred, we'd like to enrol.`,
      ),
    ).toBe(900);
    expect(price(`${greeting}\nCaller: Hi, it's Pat. We pay about sixty dollars a week now, call me back.`)).toBeNull();
  });
});

describe("priceOf, what may follow a price", () => {
  it("reads a price followed by what it is for ('to come out') or by 'even'", () => {
    expect(price("Business: We charge seventy to come out and look.")).toBe(70);
    expect(price("Business: It'll be three hundred even.")).toBe(300);
    expect(price("Business: The visit is ten to twelve.")).toBeNull();
  });
});

describe("priceOf, round 4: hedges, verbs and followers", () => {
  it("reads 'still', 'more like' and 'bill at' before an amount, and 'installed' or 'before anything' after it", () => {
    expect(price("Business: The assessment fee's still three hundred, nothing extra.")).toBe(300);
    expect(price("Business: A bigger unit is more like sixty-four hundred.")).toBe(6400);
    expect(price("Business: Bookkeeping I bill at one twenty-five an hour.")).toBe(125);
    expect(price("Business: So the cedar gate, nine forty installed, with the latch.")).toBe(940);
    expect(price("Business: A night visit is three sixty before anything gets done.")).toBe(360);
  });

  it("reads 'pounds' as weight in North America and as money elsewhere", () => {
    const turns = splitTurns("Business: That safe is three hundred pounds, so two movers. The move is ninety dollars.");
    expect(businessPrices(turns, "US").map((p) => p.value)).toEqual([90]);
    const uk = splitTurns("Business: The survey is three hundred pounds.");
    expect(businessPrices(uk, "GB").map((p) => p.value)).toEqual([300]);
  });

  it("does not read a street number followed by a unit as a price", () => {
    expect(price("Business: The loft is forty-one twelve, unit six.")).toBeNull();
  });
});

describe("priceOf, round 4: which of several amounts", () => {
  it("takes a total said after an extra", () => {
    expect(price("Business: The tune-up is eighty, plus thirty for the filter, so a hundred and ten total.")).toBe(110);
  });

  it("keeps the first amount when a later one is another option", () => {
    expect(
      price("Business: The full audit is a flat nine hundred. If you only want a review, it's sixty an hour."),
    ).toBe(900);
    expect(price("Business: The kiln is twenty-one hundred dollars, or you can rent one from forty a week.")).toBe(
      2100,
    );
  });

  it("takes the amount the caller says back", () => {
    expect(
      price(
        "Business: The basic plan is two forty a month, the premium plan is three ninety a month.\nCaller: Two forty. Let's do that.",
      ),
    ).toBe(240);
  });

  it("takes an amount the caller asks about when the business confirms it, but not a time", () => {
    const turns = splitTurns(
      [
        "Business: The pump is three eighty-eight, and labour is sixty-five on top.",
        "Caller: So four fifty-three all up?",
        "Business: Four fifty-three, yes.",
        "Caller: Okay.",
      ].join("\n"),
    );
    expect(priceForEvent(businessPrices(turns), [{ firstTurn: 1 }], 0)).toBe(453);
    const time = splitTurns(
      "Business: The call-out is ninety dollars.\nCaller: Could he come at four fifteen?\nBusiness: Four fifteen, yes.",
    );
    expect(businessPrices(time).map((p) => p.value)).toEqual([90]);
  });

  it("reads a price a caller recalls on a voicemail, said in two parts", () => {
    const greeting = "Business: You've reached Acme Glass, leave a message.";
    expect(
      price(`${greeting}\nCaller: Hi, the price she quoted, the three seventy-nine for the mirror, is fine.`),
    ).toBe(379);
  });
});

describe("shareUnitPrices", () => {
  it("gives a price said per booking to every booking of that kind without its own", () => {
    const turns = splitTurns(
      [
        "Business: I can take both kids Monday, Theo at three and Ada at three twenty.",
        "Caller: Great.",
        "Business: Check-ups are seventy each, and I'll call you Friday about the forms.",
        "Caller: Fine.",
      ].join("\n"),
    );
    const events = [
      { event_type: "appointment", price_estimate: null, currency: null },
      { event_type: "appointment", price_estimate: 70, currency: "USD" },
      { event_type: "follow_up", price_estimate: null, currency: null },
    ];
    shareUnitPrices(events, businessPrices(turns), [{ firstTurn: 0 }, { firstTurn: 1 }, { firstTurn: 4 }], turns);
    expect(events.map((e) => e.price_estimate)).toEqual([70, 70, null]);
    expect(events[0]?.currency).toBe("USD");
  });
});

describe("priceOf, round 5: amounts the caller takes up and work priced in two parts", () => {
  it("reads a zero said as 'oh' inside an amount", () => {
    expect(price("Caller: What do you charge?\nBusiness: The standard tune-up is two oh five, parts extra.")).toBe(205);
  });

  it("reads an amount said of a piece of work off the quarter hours, whatever the caller said of times", () => {
    expect(
      price(
        "Caller: I leave at seven.\nBusiness: Fine. Descaling a boiler that size is three twenty-five.\nCaller: Okay.",
      ),
    ).toBe(325);
    expect(price("Caller: I leave at seven.\nBusiness: Fine. The earliest slot is two fifty.")).toBeNull();
  });

  it("lets a word of time in another clause leave the amount's own clause money", () => {
    expect(
      price(
        "Business: For a deep clean of a flat that size it's one fifteen, and the oven is a surcharge, twenty a half hour.",
      ),
    ).toBe(115);
  });

  it("reads an amount no clock has that the caller says back", () => {
    expect(
      price(
        "Business: Our bundle, seventeen eighty, covers the survey and the plans.\nCaller: Seventeen eighty. Fine by me.",
      ),
    ).toBe(1780);
    // A place's number said back is no price, nor is one of two offers the caller weighs.
    expect(price("Business: We're in suite four hundred.\nCaller: Suite four hundred, got it.")).toBeNull();
  });
});

describe("priceForEvent, round 5: totals and the day a price is said with", () => {
  it("takes a later amount that adds up the earlier ones as the price", () => {
    const turns = splitTurns(
      [
        "Caller: It's for twelve of us.",
        "Business: The tasting menu is forty-five pounds a head.",
        "Caller: Lovely.",
        "Business: So for twelve that's five hundred and forty.",
        "Caller: Fine.",
      ].join("\n"),
    );
    expect(priceForEvent(businessPrices(turns), [{ firstTurn: 1 }], 0, turns)).toBe(540);
  });

  it("gives a price to the one booking whose day its turn names", () => {
    const turns = splitTurns(
      [
        "Caller: Can I come for the fitting on the ninth?",
        "Business: The fitting on the ninth is free.",
        "Caller: Good.",
        "Business: Alterations are fifty an item, so three items is one fifty, ready for collection on the sixteenth.",
        "Caller: One fifty, fine. I'll collect on the sixteenth then.",
      ].join("\n"),
    );
    const events = [
      { firstTurn: 0, datetime: "2026-05-09T10:00" },
      { firstTurn: 5, datetime: "2026-05-16T10:00" },
    ];
    const prices = businessPrices(turns);
    expect(priceForEvent(prices, events, 0, turns)).toBeNull();
    expect(priceForEvent(prices, events, 1, turns)).toBe(150);
  });
});

describe("priceForEvent, round 5: free work and rates for the hour", () => {
  it("gives the price to the next booking when the turn calls the one under discussion free", () => {
    const turns = splitTurns(
      [
        "Caller: I'd like to get started.",
        "Business: The intro chat on the phone is free, and the full site review after it is nine hundred.",
        "Caller: Fine. The chat on Monday at ten, the review on Thursday the twelfth at nine.",
        "Business: Booked.",
      ].join("\n"),
    );
    const events = [{ firstTurn: 2 }, { firstTurn: 4 }];
    const prices = businessPrices(turns);
    expect(priceForEvent(prices, events, 0, turns)).toBeNull();
    expect(priceForEvent(prices, events, 1, turns)).toBe(900);
  });

  it("takes an amount per calendar month for rent, not the business's price", () => {
    expect(price("Business: The studio flat is nine seventy-five per calendar month, bills extra.")).toBeNull();
  });

  it("reads an amount for the hour as a rate when the turn is about money", () => {
    expect(price("Business: Sure, the fee's the same as a lesson, two twenty-five for the hour.")).toBe(225);
  });
});
