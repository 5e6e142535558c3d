import { describe, expect, it } from "vitest";
import { acceptsProposal, confirmsReadBack, saidBy, sentencesOf, splitTurns } from "./turns";

describe("replies that say yes", () => {
  it("takes a yes as confirming a read-back and as accepting a proposal", () => {
    expect(confirmsReadBack("Um, yes, that's the one.")).toBe(true);
    expect(acceptsProposal("Um... yes, Tuesday works.")).toBe(true);
  });

  it("takes 'that suits' words as accepting a proposal but not as confirming a read-back", () => {
    expect(acceptsProposal("Okay, see you then.")).toBe(true);
    expect(confirmsReadBack("Okay, and my email is...")).toBe(false);
  });

  it("takes 'that's me' as confirming a read-back only", () => {
    expect(confirmsReadBack("That's me.")).toBe(true);
    expect(acceptsProposal("That's me.")).toBe(false);
  });
});

describe("saidBy", () => {
  it("joins one side's turns, or both sides' without a speaker", () => {
    const turns = splitTurns("Caller: Hello.\nBusiness: Hi there.\nCaller: Bye.");
    expect(saidBy(turns, "caller")).toBe("Hello.\nBye.");
    expect(saidBy(turns)).toBe("Hello.\nHi there.\nBye.");
  });
});

describe("sentencesOf", () => {
  it("splits after . ? and !, trimmed, but not after a title's abbreviation", () => {
    expect(sentencesOf("Is Dr. Okafor in on Friday?  Great. Mrs. Lane booked it!")).toEqual([
      "Is Dr. Okafor in on Friday?",
      "Great.",
      "Mrs. Lane booked it!",
    ]);
  });
});
