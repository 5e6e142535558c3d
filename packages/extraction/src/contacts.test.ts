import { describe, expect, it } from "vitest";
import { customerEmail, customerName, customerPhone, findEmails, findPhones } from "./contacts";
import { confirmsReadBack, splitTurns } from "./turns";

const phones = (text: string, country: "US" | "GB" | "AU" | "IE" = "US") =>
  findPhones(text, country).map((p) => p.e164);
const emails = (text: string) => findEmails(text).map((e) => e.email);

describe("findPhones", () => {
  it("reads digits said one by one, with oh for zero", () => {
    expect(phones("sure, it's four one five, five five five, oh two three nine")).toEqual(["+14155550239"]);
  });

  it("reads written numbers", () => {
    expect(phones("text me at (646) 555-0172 please")).toEqual(["+16465550172"]);
    expect(phones("it's 312.555.0110")).toEqual(["+13125550110"]);
  });

  it("reads double and triple", () => {
    expect(phones("two one two, triple five, oh one double eight")).toEqual(["+12125550188"]);
  });

  it("reads pairs and hundreds", () => {
    expect(phones("six one seven, five fifty-five, oh one sixty-two")).toEqual(["+16175550162"]);
    expect(phones("one eight hundred, five five five, oh one one two")).toEqual(["+18005550112"]);
  });

  it("reads national numbers of the caller's country", () => {
    expect(phones("oh seven nine double oh, nine double oh, one two three", "GB")).toEqual(["+447900900123"]);
    expect(phones("oh four one two, three four five, six seven eight", "AU")).toEqual(["+61412345678"]);
  });

  it("reads a national number of the neighbouring country when it does not fit the caller's", () => {
    expect(phones("it's oh seven seven double oh, nine double oh, six four two", "IE")).toEqual(["+447700900642"]);
    expect(phones("oh eight seven, one two three, four five six seven", "GB")).toEqual(["+353871234567"]);
    expect(phones("oh eight seven, one two three, four five six seven", "IE")).toEqual(["+353871234567"]);
  });

  it("reads international numbers with a country code", () => {
    expect(phones("my UK mobile is plus four four, seven nine double oh, nine double oh, one two three")).toEqual([
      "+447900900123",
    ]);
    expect(phones("oh oh four four seven nine double oh nine double oh one two three")).toEqual(["+447900900123"]);
  });

  it("drops the trunk zero said after a country code", () => {
    expect(phones("it's plus three five three, oh two one, four five five, oh one six two")).toEqual(["+353214550162"]);
    expect(phones("call me on +44 (0) 20 7946 0958")).toEqual(["+442079460958"]);
    expect(phones("plus six one, oh four one two, three four five, six seven eight", "GB")).toEqual(["+61412345678"]);
    expect(phones("it's +61 (0)4 1234 5678")).toEqual(["+61412345678"]);
  });

  it("reads a country code said without 'plus'", () => {
    expect(phones("the country code is three five three, then oh two one, four five five, oh one six two")).toEqual([
      "+353214550162",
    ]);
    expect(phones("it's an Irish number, three five three, oh two one, four five five, oh one six two")).toEqual([
      "+353214550162",
    ]);
    expect(phones("that's an Irish number: oh two one, four five five, oh one six two")).toEqual(["+353214550162"]);
  });

  it("takes the digits after a correction in place of those they replace", () => {
    expect(phones("five oh three, five five five, oh one seven — no wait, oh one seven one")).toEqual(["+15035550171"]);
    expect(phones("five oh three, five five five, oh one seven two, sorry, it's oh one seven three")).toEqual([
      "+15035550173",
    ]);
    expect(
      phones("five oh three, five five five — no, actually two one two, five five five, oh one four four"),
    ).toEqual(["+12125550144"]);
  });

  it("reads through 'then' between the groups of a number", () => {
    expect(phones("area code nine one seven, then five five five, then oh one three two")).toEqual(["+19175550132"]);
  });

  it("skips a group said twice when the caller restarts", () => {
    expect(phones("five oh three, five five five, oh two, uh — oh two six one. Sixty-one.")).toEqual(["+15035550261"]);
  });

  it("reads a number read out slowly across sentences", () => {
    expect(phones("Nine seven one. Five five five. Oh one eight eight.")).toEqual(["+19715550188"]);
  });

  it("ignores dates, addresses, spelled names and short numbers", () => {
    expect(phones("born on the fourth of May, ninety-two")).toEqual([]);
    expect(phones("it's twelve ten Pine Street, zip nine four one one oh")).toEqual([]);
    expect(phones("that's O-L-S-O-N, one five")).toEqual([]);
    expect(phones("Oh hi, ends in oh one nine nine")).toEqual([]);
    expect(phones("my policy number is four one five, five five five, oh two three nine")).toEqual([]);
  });
});

describe("findEmails", () => {
  it("joins spelled letters and words around dot", () => {
    expect(emails("it's k a t e dot lin at gmail dot com")).toEqual(["kate.lin@gmail.com"]);
    expect(emails("sure, n-g-u-y-e-n dot tam at yahoo dot com")).toEqual(["nguyen.tam@yahoo.com"]);
  });

  it("joins a domain said in several words", () => {
    expect(emails("it's orders at blue fern bakery dot co dot nz")).toEqual(["orders@bluefernbakery.co.nz"]);
    expect(emails("jo at g mail dot com")).toEqual(["jo@gmail.com"]);
    expect(emails("jo at hot mail dot co dot uk")).toEqual(["jo@hotmail.co.uk"]);
  });

  it("reads numbers, initials and separators in the local part", () => {
    expect(emails("um, d walsh seventy-seven at outlook dot com")).toEqual(["dwalsh77@outlook.com"]);
    expect(emails("it's tim underscore ross at icloud dot com")).toEqual(["tim_ross@icloud.com"]);
    expect(emails("my email's amy dash lee at proton mail dot com")).toEqual(["amy-lee@protonmail.com"]);
  });

  it("keeps a short word before a separator in the local part", () => {
    expect(emails("it's the underscore nguyens at hotmail dot com")).toEqual(["the_nguyens@hotmail.com"]);
    expect(emails("sure, mr dash fix at gmail dot com")).toEqual(["mr-fix@gmail.com"]);
    expect(emails("yeah it's j dot doe at gmail dot com")).toEqual(["j.doe@gmail.com"]);
    expect(emails("my email is the underscore nguyens at hotmail dot com")).toEqual(["the_nguyens@hotmail.com"]);
  });

  it("reads a dash or hyphen inside the domain", () => {
    expect(emails("p dot hargreaves at lumen dash studio dot co dot uk")).toEqual(["p.hargreaves@lumen-studio.co.uk"]);
    expect(emails("it's info at bright hyphen smiles dot com")).toEqual(["info@bright-smiles.com"]);
    expect(emails("it's info at acme dash dental dash care dot com dot au")).toEqual(["info@acme-dental-care.com.au"]);
  });

  it("joins letters said one at a time, with 'as in' words, into the word they spell", () => {
    expect(emails("it's ruth, R as in Robert, U, T, H, dot okafor at gmail dot com")).toEqual([
      "ruth.okafor@gmail.com",
    ]);
    expect(emails("sure, L, E, E, underscore chan at yahoo dot com")).toEqual(["lee_chan@yahoo.com"]);
    expect(emails("it's a, a bit long: jo at me dot com")).toEqual(["jo@me.com"]);
  });

  it("keeps a word and its spelling once", () => {
    expect(emails("it's nadia dot brook, B-R-O-O-K, at fastmail dot com")).toEqual(["nadia.brook@fastmail.com"]);
    expect(emails("yeah, p jensen, all one word, p-j-e-n-s-e-n, at gmail dot com")).toEqual(["pjensen@gmail.com"]);
  });

  it("keeps words an initial starts in the local part", () => {
    expect(emails("send them to t moreno builds at gmail dot com")).toEqual(["tmorenobuilds@gmail.com"]);
    expect(emails("it's Dana Moreno at gmail dot com")).toEqual(["danamoreno@gmail.com"]);
  });

  it("skips 'all one word', joins tens and units, and reads apostrophes, pauses and newer endings in the domain", () => {
    expect(emails("it's robmarsh, all one word, at fastmail dot com")).toEqual(["robmarsh@fastmail.com"]);
    expect(emails("it's t wu, all one word, t-w-u, at fastmail dot com")).toEqual(["twu@fastmail.com"]);
    expect(emails("it's kwan sixty four at gmail dot com")).toEqual(["kwan64@gmail.com"]);
    expect(emails("it's pat at pat's bakes dot com")).toEqual(["pat@patsbakes.com"]);
    expect(emails("it's rosa at outlook, dot com")).toEqual(["rosa@outlook.com"]);
    expect(emails("bookings at river yoga dot studio")).toEqual(["bookings@riveryoga.studio"]);
  });

  it("stops at the words that introduce the address", () => {
    expect(emails("I have omar dot haddad at gmail dot com")).toEqual(["omar.haddad@gmail.com"]);
    expect(emails("Thanks so much. It's lena at gmail dot com.")).toEqual(["lena@gmail.com"]);
    expect(emails("It's, um, lena dot k dot — no wait, use my work one. It's l-b-r-o-w-n at acme dot io.")).toEqual([
      "lbrown@acme.io",
    ]);
  });

  it("applies letter counts and spellings said with the address", () => {
    expect(emails("it's dave smith with two t's at gmail dot com")).toEqual(["davesmitth@gmail.com"]);
    expect(emails("it's phillip at gmail dot com, phillip with one l")).toEqual(["philip@gmail.com"]);
    expect(emails("it's sean at gmail dot com. That's S-H-A-W-N.")).toEqual(["shawn@gmail.com"]);
    expect(emails("it's marco at gmail dot com. Last name R-O-S-S-I.")).toEqual(["marco@gmail.com"]);
  });

  it("reads written addresses and ignores 'at' that is no address", () => {
    expect(emails("send it to Lee.Wong@Example.org thanks")).toEqual(["lee.wong@example.org"]);
    expect(emails("it's rick at gmail.com")).toEqual(["rick@gmail.com"]);
    expect(emails("see you at the office at noon. We're at the corner of Fifth and Main.")).toEqual([]);
  });
});

describe("confirmsReadBack", () => {
  it("accepts a confirmation and rejects a correction", () => {
    expect(confirmsReadBack("Yep, that's me.")).toBe(true);
    expect(confirmsReadBack("Uh, yeah, that's right.")).toBe(true);
    expect(confirmsReadBack("That's it.")).toBe(true);
    expect(confirmsReadBack("No, it's oh one four three.")).toBe(false);
    expect(confirmsReadBack("Great, thanks, bye.")).toBe(false);
  });
});

describe("customerPhone", () => {
  const caller = "+15035550100";
  const phoneOf = (transcript: string) => customerPhone(splitTurns(transcript), "US", caller);

  it("takes the last number the caller says", () => {
    expect(
      phoneOf(
        "Business: Best number?\nCaller: Five oh three, five five five, oh one two three. Actually, use my work line, five oh three, five five five, oh one nine nine.",
      ),
    ).toBe("+15035550199");
  });

  it("takes a number the business reads back and the caller confirms", () => {
    expect(
      phoneOf("Business: Still on nine seven one, five five five, oh one three three?\nCaller: Yep, that's me."),
    ).toBe("+19715550133");
  });

  it("ignores a number the business gives out", () => {
    expect(
      phoneOf(
        "Business: If anything changes call us on five oh three, five five five, oh one one one.\nCaller: Will do.",
      ),
    ).toBeNull();
  });

  it("patches the end of a read-back the caller corrects", () => {
    expect(
      phoneOf(
        "Caller: Five oh three, five five five, oh one two three.\nBusiness: Five oh three, five five five, oh one two two?\nCaller: No, oh one two three.",
      ),
    ).toBe("+15035550123");
    expect(
      phoneOf(
        "Caller: It's five oh three, five five five, oh one two two.\nBusiness: Got it.\nCaller: No wait, the end is two three.",
      ),
    ).toBe("+15035550123");
  });

  it("takes the caller ID when the caller points at it", () => {
    expect(phoneOf("Business: And a good number?\nCaller: The one I'm calling from is fine.")).toBe(caller);
    expect(phoneOf("Business: What number can we reach you on?\nCaller: Just use this one.")).toBe(caller);
    expect(phoneOf("Business: Is the number you're calling on the best one?\nCaller: Yes.")).toBe(caller);
    expect(phoneOf("Business: We'll text you on the number ending in oh one hundred?\nCaller: Yeah.")).toBe(caller);
  });

  it("takes the caller ID for 'this line', 'this mobile' and 'the one I'm on'", () => {
    expect(phoneOf("Business: Best number for you?\nCaller: This line's fine, it's the shop.")).toBe(caller);
    expect(phoneOf("Business: And a phone?\nCaller: This mobile, the one I'm on.")).toBe(caller);
    expect(phoneOf("Business: And a phone?\nCaller: Ring the one I'm on.")).toBe(caller);
    expect(phoneOf("Business: Which bus are you on?\nCaller: The one I'm on is late.")).toBeNull();
  });

  it("takes the caller ID when the caller asks to be texted on it, or takes up the business's offer to use it", () => {
    expect(phoneOf("Business: I'll message you the times.\nCaller: Great, text them to this number.")).toBe(caller);
    expect(phoneOf("Business: Our manager will ring you on this number at noon.\nCaller: Lovely.")).toBe(caller);
    expect(
      phoneOf("Business: Our manager will ring you on this number at noon.\nCaller: Hmm, no, my work phone."),
    ).toBeNull();
  });

  it("takes the caller ID named as the number that came up, the one called from, or 'here'", () => {
    expect(phoneOf("Business: Number for the driver?\nCaller: The number that popped up is fine.")).toBe(caller);
    expect(phoneOf("Business: Number for the driver?\nCaller: Whichever one shows up on your screen.")).toBe(caller);
    expect(phoneOf("Business: Number for the driver?\nCaller: The one I rang in on.")).toBe(caller);
    expect(phoneOf("Business: Number for the driver?\nCaller: Same one I'm ringing from.")).toBe(caller);
    expect(phoneOf("Business: Number for the driver?\nCaller: Yep, this mobile.")).toBe(caller);
  });

  it("takes the caller ID the business offers unless the caller turns it down", () => {
    expect(phoneOf("Business: Can the driver use the number you phoned from?\nCaller: Please.")).toBe(caller);
    expect(phoneOf("Business: Is this the best number for the driver?\nCaller: It is.")).toBe(caller);
    expect(
      phoneOf("Business: Is this the best number for the driver?\nCaller: Actually, my work phone is better."),
    ).toBeNull();
  });

  it("is null when no number is said or pointed at", () => {
    expect(phoneOf("Caller: Can you come Monday?\nBusiness: Monday at ten, see you then.")).toBeNull();
  });
});

describe("caller ID named as a line", () => {
  it("takes 'this is the office line' as pointing at the caller ID", () => {
    expect(
      customerPhone(
        splitTurns("Business: Is this number best to reach you?\nCaller: This is the office line, yes, that's fine."),
        "US",
        "+15035550100",
      ),
    ).toBe("+15035550100");
  });
});

describe("caller ID and who is calling", () => {
  const phoneOf = (transcript: string) => customerPhone(splitTurns(transcript), "US", "+15035550100");

  it("does not take 'calling from' a company or 'calling on behalf of' someone as pointing at the line", () => {
    const asked = "\nBusiness: Sure, what day suits?\nCaller: Tuesday morning.";
    expect(phoneOf(`Caller: Hi, I'm calling on behalf of my manager about a booking.${asked}`)).toBeNull();
    expect(phoneOf(`Caller: Hi, I'm calling from Northgate Dental about a booking.${asked}`)).toBeNull();
    expect(phoneOf("Business: Best number?\nCaller: I'm calling from my cell, so use this.")).toBe("+15035550100");
  });
});

describe("findEmails, addresses said in shorthand", () => {
  it("reads a top-level domain said letter by letter", () => {
    expect(emails("It's ruth at maple signs dot c a.")).toEqual(["ruth@maplesigns.ca"]);
    expect(emails("It's tom at harbour tiles dot co dot u k.")).toEqual(["tom@harbourtiles.co.uk"]);
  });

  it("completes an address at a mail service that needs no country ('at gmail')", () => {
    expect(emails("Same one as before, priya dot nair at gmail?")).toEqual(["priya.nair@gmail.com"]);
    expect(emails("I'm at the office dot building.")).toEqual([]);
  });

  it("reads a first name, a surname and a number said on their own as one address", () => {
    expect(emails("Sure. It's lena park forty-two at yahoo dot com.")).toEqual(["lenapark42@yahoo.com"]);
    expect(emails("Thanks Lena, write to park at yahoo dot com.")).toEqual(["park@yahoo.com"]);
  });
});

describe("customerEmail", () => {
  it("takes the caller's last address, or one the business reads back that the caller confirms", () => {
    const turns = splitTurns(
      "Caller: Copy my partner, it's ben at acme dot com.\nBusiness: And yours?\nCaller: Mine is ana dot ruiz at acme dot com.",
    );
    expect(customerEmail(turns)).toBe("ana.ruiz@acme.com");
    expect(
      customerEmail(splitTurns("Business: I have you as tk at outlook dot com, right?\nCaller: Yes, that's right.")),
    ).toBe("tk@outlook.com");
  });

  it("takes the business's rendering of an address it could not read from the caller, when the caller lets it stand", () => {
    const said =
      "Caller: It's lena at, um, tree, like T-R-E-E, and, house, dot net.\nBusiness: lena at treeandhouse dot net.";
    expect(customerEmail(splitTurns(`${said}\nCaller: Yep, perfect.`))).toBe("lena@treeandhouse.net");
    expect(customerEmail(splitTurns(`${said}\nCaller: No, it's tree house, no and.`))).toBeNull();
  });

  it("ignores the business's own address", () => {
    const turns = splitTurns(
      "Caller: Where do I send the forms?\nBusiness: To office at bright smiles dot com. And your phone?\nCaller: Five oh three, five five five, oh one two three.",
    );
    expect(customerEmail(turns)).toBeNull();
  });
});

describe("findEmails, local parts said as several words", () => {
  it("joins the words and initials said before 'at', back to the words that introduce the address", () => {
    expect(emails("Sure, it's marta k lowe at fastmail dot com.")).toEqual(["martaklowe@fastmail.com"]);
    expect(emails("Send it to hers: rosie quinlan at outlook dot com.")).toEqual(["rosiequinlan@outlook.com"]);
    expect(emails("Email's t vance at hey dot com.")).toEqual(["tvance@hey.com"]);
  });

  it("keeps a spelling the address already holds instead of replacing the part around it", () => {
    expect(emails("It's b okoro at sunline dot com. O-K-O-R-O.")).toEqual(["bokoro@sunline.com"]);
    expect(emails("It's dara at dara's deli dot ie. D-A-R-A-S deli.")).toEqual(["dara@darasdeli.ie"]);
  });

  it("keeps a word once when its spelling follows it", () => {
    expect(emails("It's, um, ravi r-a-v-i at hey dot com.")).toEqual(["ravi@hey.com"]);
  });

  it("reads a spelling set off between commas after the words it spells", () => {
    expect(emails("Mine's ana m, A-N-A-M, nine four at gmail dot com.")).toEqual(["anam94@gmail.com"]);
  });
});

describe("customerEmail, several addresses in one turn", () => {
  it("takes the last one not said to be someone else's", () => {
    const turns = splitTurns(
      "Business: Emails for the invite?\nCaller: Mine's olu at brightcraft dot com, and my partner's is sam at brightcraft dot com.",
    );
    expect(customerEmail(turns)).toBe("olu@brightcraft.com");
  });
});

describe("findEmails, number words said to be digits", () => {
  it("writes a number word as digits when the caller says so", () => {
    expect(emails("It's hello at seven seas dive dot com. The seven is the number.")).toEqual(["hello@7seasdive.com"]);
    expect(emails("jo at team four dot io, four as a digit.")).toEqual(["jo@team4.io"]);
    expect(emails("It's hello at seven seas dive dot com.")).toEqual(["hello@sevenseasdive.com"]);
  });
});

describe("customerPhone, caller ID offered and numbers corrected", () => {
  const caller = "+15035550100";
  const phoneOf = (transcript: string) => customerPhone(splitTurns(transcript), "US", caller);

  it("takes the caller ID when the business asks whether the line the caller is on is their number", () => {
    expect(phoneOf("Business: Is this your cell, for the reminder?\nCaller: Yes.")).toBe(caller);
    expect(phoneOf("Business: Same number as last time?\nCaller: Yep.")).toBe(caller);
    expect(phoneOf("Business: And the best phone is this one?\nCaller: Uh-huh.")).toBe(caller);
    expect(phoneOf("Business: Is this your cell, for the reminder?\nCaller: No, use my wife's.")).toBeNull();
  });

  it("takes the caller ID for more ways of pointing at it", () => {
    expect(phoneOf("Business: Best number?\nCaller: You've got my number, haven't you?")).toBe(caller);
    expect(phoneOf("Business: Best number?\nCaller: Text me back on this.")).toBe(caller);
    expect(phoneOf("Business: Number?\nCaller: Whatever's come up on your end.")).toBe(caller);
    expect(phoneOf("Business: Can I message this mobile with the details?\nCaller: Sure.")).toBe(caller);
  });

  it("starts a corrected number again at the group the correction repeats", () => {
    expect(
      phoneOf(
        "Business: Number?\nCaller: Five oh three, five five five, oh two — sorry — five five five, oh one four four.",
      ),
    ).toBe("+15035550144");
  });

  it("takes a number the business says back on its own when the caller confirms it", () => {
    expect(
      phoneOf(
        "Caller: It's five oh three, five, five five, um.\nBusiness: Five oh three, five five five, oh one six six.\nCaller: That's right.",
      ),
    ).toBe("+15035550166");
  });

  it("takes the caller ID when the caller corrects a number to the line they are on, not when they rule it out", () => {
    expect(
      phoneOf(
        "Business: Phone?\nCaller: Five oh three, five five five, oh one two two. Actually no, just use the one I'm calling from.",
      ),
    ).toBe(caller);
    expect(
      phoneOf("Business: Phone?\nCaller: Five oh three, five five five, oh one two two, not the one I'm calling from."),
    ).toBe("+15035550122");
  });

  it("keeps a number read back as the caller's unless the caller turns it down", () => {
    expect(
      phoneOf(
        "Business: I've got you down as five oh three, five five five, oh one seven seven, okay?\nCaller: That's the house phone, yes, fine.",
      ),
    ).toBe("+15035550177");
    expect(
      phoneOf(
        "Business: I'm ringing the number you left, five oh three, five five five, oh one seven seven. Any allergies?\nCaller: None at all.",
      ),
    ).toBe("+15035550177");
    expect(
      phoneOf(
        "Business: I've got you down as five oh three, five five five, oh one seven seven?\nCaller: No, that's my old one.",
      ),
    ).toBeNull();
  });

  it("takes the caller ID when the business asks whether the cell it rang is the best one", () => {
    expect(phoneOf("Business: Is this mobile the best way to get you, Ray?\nCaller: Yeah, it is.")).toBe(caller);
    expect(phoneOf("Business: And the line I dialled is your office?\nCaller: Yep, the office.")).toBe(caller);
  });
});

describe("customerName", () => {
  const nameOf = (transcript: string, medical = false) => customerName(splitTurns(transcript), medical);

  it("takes the name the caller gives as their own, whatever the case of the words before it", () => {
    expect(nameOf("Caller: Hi, I'm Tadhg Ó Briain.\nBusiness: Hi Tadhg.")).toBe("Tadhg");
    expect(nameOf("Caller: This is Rosalind McIver, from the bakery.")).toBe("Rosalind McIver");
    expect(nameOf("Business: Name?\nCaller: It's Mrs. Odhiambo.")).toBe("Mrs. Odhiambo");
    expect(nameOf("Caller: Hiya, it's Zoë O'Keeffe-Lang calling.")).toBe("Zoë O'Keeffe-Lang");
  });

  it("prefers the caller's own name to the name of the person the booking is for, except for a patient", () => {
    const call = "Business: And the student's name?\nCaller: Priya Varma. I'm her dad, Anil.";
    expect(nameOf(call)).toBe("Anil");
    expect(nameOf("Business: Who's the patient?\nCaller: Eli Brandt, my son. My name's Ruth.", true)).toBe(
      "Eli Brandt",
    );
    expect(nameOf("Caller: His name's Biscuit, he's a beagle. I'm Ivo Kerr.")).toBe("Ivo Kerr");
  });

  it("takes a name said on its own, or the one the business calls for on a call it makes", () => {
    expect(nameOf("Business: Is that your mobile?\nCaller: Yes. Harriet Vale.")).toBe("Harriet Vale");
    expect(nameOf("Business: Hi, is that Omar Reyes? It's the clinic.\nCaller: Speaking.")).toBe("Omar Reyes");
    expect(nameOf("Business: Address?\nCaller: Sixteen Wattle Crescent.")).toBeNull();
  });

  it("completes a first name with the surname it is said with elsewhere in the call", () => {
    expect(nameOf("Caller: Hi, it's Bea.\nBusiness: Full name?\nCaller: Bea Lindqvist, L-I-N-D-Q-V-I-S-T.")).toBe(
      "Bea Lindqvist",
    );
  });
});

describe("findEmails, words before and spellings after an address", () => {
  it("leaves adverbs said before the address out of it", () => {
    expect(emails("I'll send it to, still rob at pinecone dot com?")).toEqual(["rob@pinecone.com"]);
  });

  it("reads a spelling said in pieces after the words it spells", () => {
    expect(emails("Lu dmitri, L-U, D-M-I-T-R-I, at fastmail dot com.")).toEqual(["ludmitri@fastmail.com"]);
  });

  it("writes a part as the word said after 'all one word'", () => {
    expect(emails("ben at the copper kettle dot ie. All one word, copperkettle.")).toEqual(["ben@copperkettle.ie"]);
  });
});

describe("findEmails, spellings and pauses inside the local part", () => {
  it("keeps every word when a spelling set off by commas spells one of them", () => {
    expect(emails("Sure, it's bex hollander, B-E-X, at outlook dot com.")).toEqual(["bexhollander@outlook.com"]);
    expect(emails("It's kit marlowe, K-Y-T, at yahoo dot com.")).toEqual(["kytmarlowe@yahoo.com"]);
  });

  it("reads through a pause after a part joined on by a separator", () => {
    expect(emails("It's rory, R-O-R-Y, underscore finch, seventeen, at gmail dot com.")).toEqual([
      "rory_finch17@gmail.com",
    ]);
  });
});

describe("customerPhone, someone else's number", () => {
  const phoneOf = (transcript: string) => customerPhone(splitTurns(transcript), "US", "+15035550100");

  it("keeps the caller's own number when they go on to give another person's", () => {
    expect(
      phoneOf(
        "Business: Best number for you?\nCaller: Five oh three, five five five, oh one four four.\nBusiness: And on the day?\nCaller: Ring my son first. His cell is five oh three, five five five, oh one seven seven.\nBusiness: Five oh three, five five five, oh one seven seven?\nCaller: Yes.",
      ),
    ).toBe("+15035550144");
  });

  it("takes another person's number when the caller gives no number of their own", () => {
    expect(
      phoneOf(
        "Business: A contact number?\nCaller: My wife's mobile is five oh three, five five five, oh one seven seven.",
      ),
    ).toBe("+15035550177");
  });
});
