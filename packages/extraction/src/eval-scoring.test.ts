import type { ExtractedEvent } from "@flynn/domain";
import { describe, expect, it } from "vitest";
import type { ExtractionLine } from "./batch";
import { acceptedAlternatives, type Misses, scoreIndustry } from "./eval-scoring";

describe("acceptedAlternatives", () => {
  it("reads the dev set's forms: one event, several types, and a named event of several", () => {
    expect(acceptedAlternatives("Phone not said. Alt event_type: appointment. [Call: ...]", 1)).toEqual([
      new Set(["appointment"]),
    ]);
    expect(acceptedAlternatives("$49.95 inspection. Alt event_type: appointment or service_call.", 1)).toEqual([
      new Set(["appointment", "service_call"]),
    ]);
    expect(
      acceptedAlternatives(
        "Alt event_type for event 1: follow_up. Event 2: ... Alt event_type for event 2: appointment.",
        2,
      ),
    ).toEqual([new Set(["follow_up"]), new Set(["appointment"])]);
    expect(acceptedAlternatives("Three events. Alt event_type for (1): emergency.", 3)).toEqual([
      new Set(["emergency"]),
      new Set(),
      new Set(),
    ]);
  });

  it("accepts nothing else when the notes name no alternative", () => {
    expect(acceptedAlternatives("Urgency high rather than emergency. A follow_up call is routine.", 1)).toEqual([
      new Set(),
    ]);
  });
});

describe("scoreIndustry", () => {
  const event = (event_type: ExtractedEvent["event_type"]) =>
    ({
      event_type,
      proposed_datetime: "2026-03-06T16:45",
      customer_phone: null,
      customer_email: null,
      price_estimate: null,
    }) as ExtractedEvent;
  const line = (type: ExtractedEvent["event_type"]) =>
    ({ id: "x", urgency_level: "low", events: [event(type)] }) as unknown as ExtractionLine;
  const record = { id: "x", expected: { urgency_level: "low", events: [event("inspection")] } };

  it("counts a type the notes accept as right, and any other as a miss", () => {
    const misses: Misses = new Map();
    const noted = { ...record, notes: "Alt event_type: appointment or service_call." };
    const scores = scoreIndustry(
      [noted, noted, noted],
      [line("inspection"), line("service_call"), line("quote")],
      misses,
    );
    expect(scores.event_type).toEqual({ right: 2, total: 3 });
    expect(misses.get("event_type")).toEqual(["x: expected inspection/appointment/service_call, got quote"]);
  });
});
