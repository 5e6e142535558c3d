import { describe, expect, it } from "vitest";
import { topicOf } from "./topic";
import { splitTurns } from "./turns";

const topic = (transcript: string) => topicOf(splitTurns(transcript));

describe("topicOf", () => {
  it("skips the greeting and the introduction for the sentence that says what the caller needs", () => {
    expect(
      topic(
        "Business: Pipe Pros, this is Marco.\nCaller: Hi Marco, my name is Jo Bell. Um, so the dishwasher's leaking under the sink, like, a lot.",
      ),
    ).toBe("The dishwasher's leaking under the sink, a lot");
  });

  it("drops lead-ins that only announce the request; 'like' goes only as a filler", () => {
    expect(topic("Caller: Hello. I'm calling because my boiler stopped working last night.")).toBe(
      "My boiler stopped working last night",
    );
    expect(topic("Caller: Good morning! Yeah, I'd like to book a cleaning for my son.")).toBe(
      "Book a cleaning for my son",
    );
    expect(topic("Caller: Hi. We would like a quote for a new roof, it's like twenty years old.")).toBe(
      "We would like a quote for a new roof, it's twenty years old",
    );
  });

  it("does not split a title from its name, and shortens long sentences at a word", () => {
    expect(
      topic("Caller: Is this Dr. Reyes's office? I need to move my appointment with Dr. Reyes to next week."),
    ).toBe("Move my appointment with Dr. Reyes to next week");
    const long = topic(`Caller: My fence blew down in the storm and ${"the posts are all rotten ".repeat(8)}`);
    expect(long.length).toBeLessThanOrEqual(90);
    expect(long.endsWith("…")).toBe(true);
  });

  it("falls back to the caller's first sentence, or 'Call' when nothing usable was said", () => {
    expect(topic("Caller: Just checking your opening hours on Saturday.")).toBe(
      "Just checking your opening hours on Saturday",
    );
    expect(topic("Business: Hello?\nCaller: Hi.")).toBe("Call");
  });
});
