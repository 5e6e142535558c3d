import { describe, expect, it } from "vitest";
import { EVENT_STATUSES, type EventStatus } from "./enums";
import {
  allowedTransitions,
  checkTransition,
  EVENT_TRANSITION_NAMES,
  type EventTransition,
  eventBulkConfirmSchema,
  eventListSchema,
  eventUpdateSchema,
} from "./events";

const id = "7c9e6679-7425-40de-944b-e07fc1f90ae7";

/** Written out by hand (not derived from EVENT_TRANSITIONS) so a wrong rule there fails here. */
const ALLOWED: Record<EventTransition, Record<EventStatus, EventStatus | null>> = {
  confirm: {
    extracted: "confirmed",
    pending: "confirmed",
    tentative: "confirmed",
    confirmed: null,
    completed: null,
    cancelled: null,
  },
  markTentative: {
    extracted: "tentative",
    pending: "tentative",
    confirmed: "tentative",
    tentative: null,
    completed: null,
    cancelled: null,
  },
  cancel: {
    extracted: "cancelled",
    pending: "cancelled",
    tentative: "cancelled",
    confirmed: "cancelled",
    completed: null,
    cancelled: null,
  },
  complete: {
    confirmed: "completed",
    extracted: null,
    pending: null,
    tentative: null,
    completed: null,
    cancelled: null,
  },
  reopen: {
    completed: "pending",
    cancelled: "pending",
    extracted: null,
    pending: null,
    tentative: null,
    confirmed: null,
  },
};

const pairs = EVENT_TRANSITION_NAMES.flatMap((transition) =>
  EVENT_STATUSES.map((from) => ({ transition, from, to: ALLOWED[transition][from] })),
);

describe("event state machine", () => {
  it("covers every transition and status", () => {
    expect([...EVENT_TRANSITION_NAMES].sort()).toEqual(Object.keys(ALLOWED).sort());
    expect(pairs).toHaveLength(30);
  });

  it.each(pairs.filter((p) => p.to !== null))("allows $transition from $from (-> $to)", ({ transition, from, to }) => {
    expect(checkTransition(from, transition)).toEqual({ ok: true, to });
  });

  it.each(pairs.filter((p) => p.to === null))("refuses $transition from $from, saying why", ({ transition, from }) => {
    const check = checkTransition(from, transition);
    expect(check.ok).toBe(false);
    if (!check.ok) expect(check.reason).toMatch(/^(A|An|This) /);
  });

  it("says what to do instead", () => {
    const reason = (from: EventStatus, transition: EventTransition) => {
      const check = checkTransition(from, transition);
      return check.ok ? null : check.reason;
    };
    expect(reason("cancelled", "complete")).toBe("A cancelled event cannot be completed; reopen it first");
    expect(reason("completed", "markTentative")).toBe("A completed event cannot be marked tentative; reopen it first");
    expect(reason("pending", "complete")).toBe("A pending event cannot be completed; confirm it first");
    expect(reason("extracted", "complete")).toBe("An extracted event cannot be completed; confirm it first");
    expect(reason("confirmed", "confirm")).toBe("This event is already confirmed");
    expect(reason("pending", "reopen")).toBe(
      "A pending event is still open; only completed or cancelled events can be reopened",
    );
  });

  it("treats a NULL status as the column default, extracted", () => {
    expect(checkTransition(null, "confirm")).toEqual({ ok: true, to: "confirmed" });
    expect(allowedTransitions(null)).toEqual(allowedTransitions("extracted"));
  });

  it("lists the enabled transitions of a status", () => {
    expect(allowedTransitions("confirmed")).toEqual(["markTentative", "cancel", "complete"]);
    expect(allowedTransitions("cancelled")).toEqual(["reopen"]);
    expect(allowedTransitions("pending")).toEqual(["confirm", "markTentative", "cancel"]);
  });
});

describe("event update input", () => {
  const fieldsOf = (input: unknown) =>
    eventUpdateSchema.safeParse(input).error?.issues.map((issue) => issue.path.join(".")) ?? [];

  it("normalizes values for the database", () => {
    expect(
      eventUpdateSchema.parse({
        id,
        priceEstimate: 120.5,
        currency: " eur ",
        description: "  ",
        customerPhone: " +14155550123 ",
        status: "completed",
      }),
    ).toEqual({ id, priceEstimate: "120.50", currency: "EUR", description: null, customerPhone: "+14155550123" });
    expect(eventUpdateSchema.parse({ id, priceEstimate: "99999999.99" }).priceEstimate).toBe("99999999.99");
    expect(eventUpdateSchema.parse({ id, priceEstimate: null }).priceEstimate).toBeNull();
  });

  it("rejects an empty patch, and a patch of only fields it does not allow", () => {
    expect(eventUpdateSchema.safeParse({ id }).success).toBe(false);
    expect(eventUpdateSchema.safeParse({ id, title: undefined }).success).toBe(false);
    expect(eventUpdateSchema.safeParse({ id, status: "confirmed", confirmedDatetime: new Date() }).success).toBe(false);
  });

  it("names each bad field", () => {
    expect(
      fieldsOf({
        id: "nope",
        title: " ",
        durationMinutes: 1441,
        customerPhone: "555-0100",
        customerEmail: "pat@",
        priceEstimate: -1,
        currency: "XYZ",
        proposedDatetime: "tomorrow",
        urgencyLevel: "whenever",
      }).sort(),
    ).toEqual(
      [
        "id",
        "title",
        "durationMinutes",
        "customerPhone",
        "customerEmail",
        "priceEstimate",
        "currency",
        "proposedDatetime",
        "urgencyLevel",
      ].sort(),
    );
    for (const priceEstimate of [100_000_000, 1.234, "12.345", "1e3"]) {
      expect(fieldsOf({ id, priceEstimate }), String(priceEstimate)).toEqual(["priceEstimate"]);
    }
    for (const durationMinutes of [0, 1.5]) expect(fieldsOf({ id, durationMinutes })).toEqual(["durationMinutes"]);
    expect(fieldsOf({ id, currency: "US" })).toEqual(["currency"]);
  });
});

describe("event list and bulk input", () => {
  it("defaults to the newest 50", () => {
    expect(eventListSchema.parse({})).toEqual({ limit: 50, sort: "recent" });
  });

  it("requires the range to end after it starts", () => {
    const result = eventListSchema.safeParse({ from: new Date("2026-02-01"), to: new Date("2026-01-01") });
    expect(result.error?.issues[0]?.path).toEqual(["to"]);
  });

  it("takes 1 to 100 distinct ids", () => {
    expect(eventBulkConfirmSchema.safeParse({ ids: [] }).success).toBe(false);
    expect(eventBulkConfirmSchema.safeParse({ ids: [id, id] }).success).toBe(false);
    const many = Array.from({ length: 101 }, (_, n) => `7c9e6679-7425-40de-944b-${String(n).padStart(12, "0")}`);
    expect(eventBulkConfirmSchema.safeParse({ ids: many }).success).toBe(false);
    expect(eventBulkConfirmSchema.safeParse({ ids: many.slice(0, 100) }).success).toBe(true);
  });
});
