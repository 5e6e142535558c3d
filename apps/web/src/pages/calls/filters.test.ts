import { describe, expect, it } from "vitest";
import { callListFilters, isFiltered, knownValues, toggled } from "./filters";
import { validateCallsSearch } from "./search";

const NY = "America/New_York";

describe("the Calls page's URL", () => {
  it("keeps well-formed filters, in one canonical form", () => {
    expect(
      validateCallsSearch({
        q: "  leaking sink ",
        urgency: "high, emergency,high",
        processing: ["failed"],
        status: "completed",
        from: "2026-03-01",
        to: "2026-03-08",
      }),
    ).toEqual({
      q: "leaking sink",
      urgency: "high,emergency",
      processing: "failed",
      status: "completed",
      from: "2026-03-01",
      to: "2026-03-08",
    });
  });

  it("drops what a hand-edited link gets wrong instead of failing the page", () => {
    expect(
      validateCallsSearch({ q: "   ", urgency: "<script>,", from: "2026-02-30", to: "yesterday", status: 42 }),
    ).toEqual({
      q: undefined,
      urgency: undefined,
      processing: undefined,
      status: undefined,
      from: undefined,
      to: undefined,
    });
  });

  it("reads a searched number the router parsed as a number, and caps the search's length", () => {
    expect(validateCallsSearch({ q: 5550148 }).q).toBe("5550148");
    expect(validateCallsSearch({ q: "x".repeat(150) }).q).toHaveLength(100);
  });

  it("keeps the start of a range that ends before it starts", () => {
    expect(validateCallsSearch({ from: "2026-03-08", to: "2026-03-01" })).toMatchObject({
      from: "2026-03-08",
      to: undefined,
    });
  });
});

describe("callListFilters", () => {
  it("sends only known values to the API", () => {
    expect(callListFilters({ urgency: "high,urgent", processing: "failed", status: "no_answer,hung_up" }, NY)).toEqual({
      urgencyLevel: ["high"],
      aiProcessingStatus: ["failed"],
      callStatus: ["no_answer"],
    });
    expect(callListFilters({ urgency: "urgent" }, NY)).toEqual({});
  });

  it("turns days into the business's midnights, the last day included, across a DST change", () => {
    // 8 March 2026: New York moves from EST (-5) to EDT (-4).
    expect(callListFilters({ q: "sink", from: "2026-03-08", to: "2026-03-08" }, NY)).toEqual({
      search: "sink",
      from: new Date("2026-03-08T05:00:00Z"),
      to: new Date("2026-03-09T04:00:00Z"),
    });
    expect(callListFilters({ to: "2026-12-31" }, "Asia/Tokyo")).toEqual({ to: new Date("2026-12-31T15:00:00Z") });
  });

  it("tells a filtered list from an unfiltered one", () => {
    expect(isFiltered(validateCallsSearch({}))).toBe(false);
    expect(isFiltered(validateCallsSearch({ urgency: "high" }))).toBe(true);
  });

  it("toggles a value in and out of a URL list", () => {
    expect(toggled(undefined, "high")).toBe("high");
    expect(toggled("high", "emergency")).toBe("high,emergency");
    expect(toggled("high,emergency", "high")).toBe("emergency");
    expect(toggled("high", "high")).toBeUndefined();
    expect(knownValues("high,nope", ["low", "high"] as const)).toEqual(["high"]);
  });
});
