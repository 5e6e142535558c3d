import { describe, expect, it } from "vitest";
import { SAMPLE_CALLS } from "./samples";
import { transcriptTurns } from "./transcript";

describe("transcriptTurns", () => {
  it("splits labelled lines into turns, joining lines that continue one", () => {
    expect(
      transcriptTurns(
        "Business: Rivera Plumbing.\r\ncaller: My heater leaks.\n  It is in the garage.\n\nAGENT: Tomorrow at 9?",
      ),
    ).toEqual([
      { speaker: "Business", side: "business", text: "Rivera Plumbing." },
      { speaker: "Caller", side: "caller", text: "My heater leaks. It is in the garage." },
      { speaker: "Agent", side: "business", text: "Tomorrow at 9?" },
    ]);
  });

  it("keeps a transcript without speakers as one turn, and a colon inside speech as speech", () => {
    expect(transcriptTurns("Hi, my sink is leaking.\nNote: it started today.")).toEqual([
      { speaker: null, side: null, text: "Hi, my sink is leaking. Note: it started today." },
    ]);
    expect(transcriptTurns("Caller: The time is 9:30, right?")[0]?.text).toBe("The time is 9:30, right?");
  });

  it("has nothing to show for a missing transcript", () => {
    expect(transcriptTurns(null)).toEqual([]);
    expect(transcriptTurns(" \n ")).toEqual([]);
  });

  it("reads every sample call as alternating caller and business turns", () => {
    for (const sample of SAMPLE_CALLS) {
      const turns = transcriptTurns(sample.transcript);
      expect(turns.length).toBeGreaterThanOrEqual(6);
      expect(new Set(turns.map((turn) => turn.side))).toEqual(new Set(["caller", "business"]));
    }
    expect(new Set(SAMPLE_CALLS.map((sample) => sample.industry)).size).toBe(SAMPLE_CALLS.length);
  });
});
