import { describe, expect, it } from "vitest";
import { endsAt, formValues, normalizePrice, readEventForm, readLocalDateTime, serverErrors } from "./event-form";
import { EVENT_ID, sampleEvent } from "./fixtures";

const NY = "America/New_York";
const original = formValues(sampleEvent(), NY);
const read = (changes: Partial<typeof original>, options: { timeEditable?: boolean } = {}) =>
  readEventForm({ ...original, ...changes }, original, { id: EVENT_ID, timezone: NY, timeEditable: true, ...options });

describe("the form's values", () => {
  it("shows the event's time as the business's clocks show it, whatever the machine's timezone", () => {
    expect(original).toMatchObject({
      date: "2026-01-15",
      time: "09:00",
      durationMinutes: "60",
      priceEstimate: "150.00",
    });
    expect(formValues(sampleEvent(), "Europe/London")).toMatchObject({ date: "2026-01-15", time: "14:00" });
    const confirmed = sampleEvent({ confirmedDatetime: new Date("2026-01-16T20:30:00Z") });
    expect(formValues(confirmed, NY)).toMatchObject({ date: "2026-01-16", time: "15:30" });
    expect(formValues(sampleEvent({ proposedDatetime: null }), NY)).toMatchObject({ date: "", time: "" });
  });
});

describe("readLocalDateTime", () => {
  it("turns a New York wall-clock time into the right instant on both sides of a DST change", () => {
    // Clocks spring forward on 2026-03-08 at 2:00 EST.
    expect(readLocalDateTime("2026-03-07", "09:00", NY)).toEqual({ ok: true, at: new Date("2026-03-07T14:00:00Z") });
    expect(readLocalDateTime("2026-03-08", "09:00", NY)).toEqual({ ok: true, at: new Date("2026-03-08T13:00:00Z") });
    // They fall back on 2026-11-01: 1:30 happens twice; the first (EDT) is meant.
    expect(readLocalDateTime("2026-11-01", "01:30", NY)).toEqual({ ok: true, at: new Date("2026-11-01T05:30:00Z") });
    expect(readLocalDateTime("2026-11-01", "03:00", NY)).toEqual({ ok: true, at: new Date("2026-11-01T08:00:00Z") });
  });

  it("refuses a time the clocks skip instead of moving it", () => {
    const gap = readLocalDateTime("2026-03-08", "02:30", NY);
    expect(gap).toMatchObject({ ok: false, field: "time" });
    expect(gap.ok ? "" : gap.message).toContain("does not exist on 2026-03-08 in America/New York");
  });

  it("takes the end of the day, refuses past it, and wants both halves or neither", () => {
    expect(readLocalDateTime("2026-12-31", "23:59", NY)).toEqual({ ok: true, at: new Date("2027-01-01T04:59:00Z") });
    expect(readLocalDateTime("2026-12-31", "24:00", NY)).toMatchObject({ ok: false, field: "time" });
    expect(readLocalDateTime("", "", NY)).toEqual({ ok: true, at: null });
    expect(readLocalDateTime("2026-12-31", "", NY)).toMatchObject({ ok: false, field: "time" });
    expect(readLocalDateTime("", "10:00", NY)).toMatchObject({ ok: false, field: "date" });
    expect(readLocalDateTime("2026-02-30", "10:00", NY)).toMatchObject({ ok: false, field: "date" });
  });
});

describe("readEventForm", () => {
  it("sends only what changed", () => {
    expect(read({})).toEqual({ ok: true, patch: {} });
    expect(read({ title: "Replace water heater", notes: "  " })).toEqual({
      ok: true,
      patch: { title: "Replace water heater" },
    });
    // Trailing spaces change nothing the server would store.
    expect(read({ location: "12 Elm St  " })).toEqual({ ok: true, patch: {} });
  });

  it("refuses empty required fields, naming them", () => {
    const result = read({ title: "   ", durationMinutes: "" });
    expect(result).toEqual({
      ok: false,
      errors: { title: "title is required", durationMinutes: "Enter whole minutes, e.g. 60" },
    });
  });

  it("checks with the API's schema: a day at most, a real email, two decimals", () => {
    const result = read({ durationMinutes: "1441", customerEmail: "sam@", priceEstimate: "10.005" });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(Object.keys(result.errors).sort()).toEqual(["customerEmail", "durationMinutes", "priceEstimate"]);
    expect(result.errors.durationMinutes).toBe("must be at most 1440 minutes (a day)");
    expect(result.errors.customerEmail).toBe("must be an email address");
  });

  it("normalises a phone number as people type it, and clears it when emptied", () => {
    expect(read({ customerPhone: "(212) 555-0199" })).toEqual({ ok: true, patch: { customerPhone: "+12125550199" } });
    expect(read({ customerPhone: "0044 20 7946 0958" })).toEqual({
      ok: true,
      patch: { customerPhone: "+442079460958" },
    });
    expect(read({ customerPhone: "" })).toEqual({ ok: true, patch: { customerPhone: null } });
    expect(read({ customerPhone: "555-01" })).toMatchObject({
      ok: false,
      errors: { customerPhone: expect.any(String) },
    });
    // The same number typed another way is no change.
    expect(read({ customerPhone: "512 555 0123" })).toEqual({ ok: true, patch: {} });
  });

  it("reads prices as people type them", () => {
    expect(normalizePrice("$1,250.5")).toBe("1250.50");
    expect(normalizePrice("80")).toBe("80.00");
    expect(normalizePrice("10.005")).toBe("10.005");
    expect(read({ priceEstimate: "$1,250.50" })).toEqual({ ok: true, patch: { priceEstimate: "1250.50" } });
    expect(read({ priceEstimate: "150" })).toEqual({ ok: true, patch: {} });
    expect(read({ priceEstimate: "" })).toEqual({ ok: true, patch: { priceEstimate: null } });
  });

  it("sends a new time as the instant the business's clocks mean, and no time as null", () => {
    expect(read({ date: "2026-07-01", time: "09:00" })).toEqual({
      ok: true,
      patch: { proposedDatetime: new Date("2026-07-01T13:00:00Z") },
    });
    expect(read({ date: "", time: "" })).toEqual({ ok: true, patch: { proposedDatetime: null } });
    expect(read({ date: "2026-03-08", time: "02:15" })).toMatchObject({
      ok: false,
      errors: { time: expect.any(String) },
    });
  });

  it("leaves a confirmed time alone: it moves by rescheduling", () => {
    expect(read({ date: "2026-07-01", time: "09:00", title: "New" }, { timeEditable: false })).toEqual({
      ok: true,
      patch: { title: "New" },
    });
  });
});

describe("serverErrors", () => {
  it("puts the server's messages under the inputs, the time's under the time input", () => {
    const fields = {
      customerEmail: ["must be an email address"],
      proposedDatetime: ["must be a date and time"],
      "(input)": ["nothing to update"],
    };
    expect(serverErrors(fields, Object.keys(original))).toEqual({
      customerEmail: "must be an email address",
      time: "must be a date and time",
    });
  });
});

describe("endsAt", () => {
  it("gives the end time, with the day when the event runs past the business's midnight", () => {
    const nine = new Date("2026-01-15T14:00:00Z");
    expect(endsAt(nine, 90, NY)).toBe("Ends at 10:30 AM");
    const lateEvening = new Date("2026-01-16T04:30:00Z"); // 11:30 PM on Jan 15
    expect(endsAt(lateEvening, 60, NY)).toBe("Ends Fri, Jan 16, 12:30 AM (the next day)");
    expect(endsAt(new Date("2026-01-16T04:59:00Z"), 1, NY)).toBe("Ends Fri, Jan 16, 12:00 AM (the next day)");
    expect(endsAt(null, 60, NY)).toBeNull();
    expect(endsAt(nine, Number.NaN, NY)).toBeNull();
  });
});
