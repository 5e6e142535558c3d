import { randomUUID } from "node:crypto";
import { testKeyring } from "@flynn/crypto";
import { events } from "@flynn/db/schema";
import { customerEmailHash, customerPhoneHash, sealCustomerContacts } from "@flynn/db/sealed-contacts";
import { insertUser, seedUserGraph, useTestDatabase } from "@flynn/db/testing";
import {
  CONFIRM_NEEDS_TIME,
  checkTransition,
  EVENT_STATUSES,
  EVENT_TRANSITION_NAMES,
  EVENT_TRANSITIONS,
  type EventStatus,
} from "@flynn/domain";
import { describe, expect, it } from "vitest";
import { callerFor } from "../testing";

const database = useTestDatabase();

const PROPOSED = new Date("2026-12-01T15:00:00.000Z");
/** The keyring `callerFor` gives the API. */
const keyring = testKeyring();

async function newUser() {
  const user = await insertUser(database.current.db);
  return { user, caller: callerFor(database.current.db, user) };
}

/** Inserted as the database owner, as the worker would: the customer's contacts sealed. */
async function insertEvent(userId: string, values: Partial<typeof events.$inferInsert> = {}) {
  const { customerPhone, customerEmail, ...rest } = values;
  const [event] = await database.current.db
    .insert(events)
    .values({
      userId,
      title: "Fix water heater",
      proposedDatetime: PROPOSED,
      status: "pending",
      ...rest,
      ...sealCustomerContacts(keyring, { customerPhone, customerEmail }),
    })
    .returning();
  if (!event) throw new Error("no event inserted");
  return event;
}

/** The row as the owner of the database sees it, whatever row-level security says. */
async function readEvent(id: string) {
  const { rows } = await database.current.db.$client.query(
    `SELECT status, title, confirmed_datetime, completed_at, proposed_datetime, duration_minutes, location,
            location_type, customer_name, customer_phone, customer_email, price_estimate, currency,
            urgency_level, notes, follow_up_required, follow_up_reason, description, event_type
       FROM events WHERE id = $1`,
    [id],
  );
  return rows[0];
}

async function readStoredContacts(id: string) {
  const { rows } = await database.current.db.$client.query(
    "SELECT customer_phone, customer_email, customer_phone_hash, customer_email_hash FROM events WHERE id = $1",
    [id],
  );
  return rows[0];
}

async function allPages<T extends { id: string }>(
  load: (cursor: string | null) => Promise<{ items: T[]; nextCursor: string | null }>,
): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | null = null;
  for (let page = 0; page < 20; page++) {
    const result = await load(cursor);
    items.push(...result.items);
    if (!result.nextCursor) return items;
    cursor = result.nextCursor;
  }
  throw new Error("pagination did not end");
}

describe("events.list", () => {
  it("returns only the caller's events, with the fields the dashboard list needs", async () => {
    const { user, caller } = await newUser();
    const other = await seedUserGraph(database.current.db);
    const mine = await insertEvent(user.id, { priceEstimate: "150.00", customerPhone: "+14155550123" });
    const page = await caller.events.list({});
    expect(page).toEqual({
      items: [
        {
          id: mine.id,
          callId: null,
          title: "Fix water heater",
          eventType: "meeting",
          status: "pending",
          proposedDatetime: PROPOSED,
          confirmedDatetime: null,
          durationMinutes: 60,
          location: null,
          locationType: "tbd",
          customerName: null,
          customerPhone: "+14155550123",
          priceEstimate: "150.00",
          currency: "USD",
          urgencyLevel: "medium",
          followUpRequired: false,
          createdAt: mine.createdAt,
        },
      ],
      nextCursor: null,
    });
    expect(page.items.map((e) => e.id)).not.toContain(other.event.id);
  });

  it("filters by status, type, urgency and a date range over the confirmed, else proposed, time", async () => {
    const { user, caller } = await newUser();
    const at = (iso: string) => new Date(iso);
    const early = await insertEvent(user.id, { proposedDatetime: at("2026-03-01T09:00:00Z"), urgencyLevel: "high" });
    const movedIn = await insertEvent(user.id, {
      status: "confirmed",
      eventType: "quote",
      proposedDatetime: at("2026-01-01T09:00:00Z"),
      confirmedDatetime: at("2026-03-15T09:00:00Z"),
    });
    const movedOut = await insertEvent(user.id, {
      status: "confirmed",
      proposedDatetime: at("2026-03-10T09:00:00Z"),
      confirmedDatetime: at("2026-05-01T09:00:00Z"),
    });
    const untimed = await insertEvent(user.id, { proposedDatetime: null, status: "extracted", urgencyLevel: "high" });
    const ids = async (input: Parameters<typeof caller.events.list>[0]) =>
      (await caller.events.list(input)).items.map((e) => e.id).sort();

    expect(await ids({ status: ["confirmed"] })).toEqual([movedIn.id, movedOut.id].sort());
    expect(await ids({ status: ["extracted", "pending"] })).toEqual([early.id, untimed.id].sort());
    expect(await ids({ eventType: ["quote"] })).toEqual([movedIn.id]);
    expect(await ids({ urgencyLevel: ["high", "emergency"] })).toEqual([early.id, untimed.id].sort());
    expect(await ids({ status: [] })).toHaveLength(4);
    // from is inclusive, to exclusive.
    expect(await ids({ from: at("2026-03-01T09:00:00Z"), to: at("2026-04-01T00:00:00Z") })).toEqual(
      [early.id, movedIn.id].sort(),
    );
    expect(await ids({ from: at("2026-04-01T00:00:00Z") })).toEqual([movedOut.id]);
    expect(await ids({ to: at("2026-03-01T09:00:00Z") })).toEqual([]);
    expect(await ids({ status: ["confirmed"], to: at("2026-04-01T00:00:00Z") })).toEqual([movedIn.id]);
  });

  it("pages newest first without skipping or repeating rows that share a time down to the microsecond", async () => {
    const { user, caller } = await newUser();
    const createdAt = [
      "2026-01-01T10:00:00.123456Z",
      "2026-01-01T10:00:00.123789Z",
      "2026-01-01T10:00:00.123Z",
      "2026-01-01T10:00:00.123Z",
      "2026-01-02T08:00:00Z",
      "2025-12-31T23:59:59.999999Z",
    ];
    for (const at of createdAt) {
      const event = await insertEvent(user.id);
      await database.current.db.$client.query("UPDATE events SET created_at = $2 WHERE id = $1", [event.id, at]);
    }
    const noCreatedAt = await insertEvent(user.id, { createdAt: null });
    const { rows } = await database.current.db.$client.query(
      `SELECT id FROM events WHERE user_id = $1
        ORDER BY created_at DESC, id DESC`,
      [user.id],
    );
    const listed = await allPages((cursor) => caller.events.list({ limit: 2, cursor }));
    expect(listed.map((e) => e.id)).toEqual(rows.map((r) => r.id));
    expect(listed).toHaveLength(7);
    // Postgres's order for a descending key: a row without a time comes first.
    expect(listed[0]?.id).toBe(noCreatedAt.id);
  });

  it("pages upcoming events by their time, earliest first, untimed last", async () => {
    const { user, caller } = await newUser();
    const at = (iso: string) => new Date(iso);
    const second = await insertEvent(user.id, { proposedDatetime: at("2026-02-01T09:00:00Z") });
    const tiedA = await insertEvent(user.id, {
      proposedDatetime: at("2026-01-01T00:00:00Z"),
      confirmedDatetime: at("2026-03-01T09:00:00Z"),
    });
    const tiedB = await insertEvent(user.id, { proposedDatetime: at("2026-03-01T09:00:00Z") });
    const first = await insertEvent(user.id, { proposedDatetime: at("2026-01-15T09:00:00Z") });
    const untimed = [
      await insertEvent(user.id, { proposedDatetime: null }),
      await insertEvent(user.id, { proposedDatetime: null }),
    ];
    const tied = [tiedA.id, tiedB.id].sort();
    const listed = await allPages((cursor) => caller.events.list({ sort: "upcoming", limit: 2, cursor }));
    expect(listed.map((e) => e.id)).toEqual([first.id, second.id, ...tied, ...untimed.map((e) => e.id).sort()]);
    // The last page starts from a row without a time: its cursor holds at = null.
    const byFive = await allPages((cursor) => caller.events.list({ sort: "upcoming", limit: 5, cursor }));
    expect(byFive).toEqual(listed);
  });

  it("searches title, customer name and location by part, any case, with LIKE characters taken literally", async () => {
    const { user, caller } = await newUser();
    const other = await newUser();
    const byTitle = await insertEvent(user.id, { title: "Replace Water Heater" });
    const byName = await insertEvent(user.id, { title: "Visit", customerName: "Dana HEATHER" });
    await insertEvent(user.id, { title: "Quote", customerEmail: "pat@heat-co.test" });
    const byLocation = await insertEvent(user.id, { title: "Inspect", location: "100% Heat Lane" });
    await insertEvent(other.user.id, { title: "Heater for someone else" });
    const ids = async (search: string) => (await caller.events.list({ search })).items.map((e) => e.id).sort();

    // The email is sealed: a part of it finds nothing.
    expect(await ids("heat")).toEqual([byTitle.id, byName.id, byLocation.id].sort());
    expect(await ids("100%")).toEqual([byLocation.id]);
    expect(await ids("0%")).toEqual([byLocation.id]);
    expect(await ids("_eat")).toEqual([]);
    expect(await ids("   ")).toHaveLength(4);
  });

  it("finds a customer's sealed phone by its hash however it is written, and an email whole in any case", async () => {
    const { user, caller } = await newUser();
    const other = await newUser();
    const byPhone = await insertEvent(user.id, { title: "Call back", customerPhone: "+14155550123" });
    const byEmail = await insertEvent(user.id, { title: "Quote", customerEmail: "pat@heat-co.test" });
    await insertEvent(user.id, { title: "Someone else", customerPhone: "+14155550124" });
    await insertEvent(other.user.id, { title: "Their customer", customerPhone: "+14155550123" });
    const ids = async (search: string) => (await caller.events.list({ search })).items.map((e) => e.id);

    for (const written of ["+14155550123", "+1 (415) 555-0123", "415-555-0123", "(415) 555 0123", "1 415 555 0123"]) {
      expect(await ids(written), written).toEqual([byPhone.id]);
    }
    expect(await ids("PAT@Heat-Co.test")).toEqual([byEmail.id]);
    // Whole values only: the stored ciphertext holds no digits to match a part against.
    expect(await ids("5550123")).toEqual([]);
    expect(await ids("pat@heat")).toEqual([]);
    const [listed] = (await caller.events.list({ search: "415 555 0123" })).items;
    expect(listed).toMatchObject({ customerPhone: "+14155550123" });
  });

  it("lists only events with a time, or only those without one", async () => {
    const { user, caller } = await newUser();
    const proposed = await insertEvent(user.id);
    const confirmedOnly = await insertEvent(user.id, {
      proposedDatetime: null,
      confirmedDatetime: PROPOSED,
      status: "confirmed",
    });
    const untimed = await insertEvent(user.id, { proposedDatetime: null });
    const ids = async (scheduled: boolean) => (await caller.events.list({ scheduled })).items.map((e) => e.id).sort();
    expect(await ids(true)).toEqual([proposed.id, confirmedOnly.id].sort());
    expect(await ids(false)).toEqual([untimed.id]);
  });

  it("rejects a range that ends before it starts, naming the field", async () => {
    const { caller } = await newUser();
    const error = await caller.events
      .list({ from: new Date("2026-02-01"), to: new Date("2026-01-01") })
      .catch((e) => e);
    expect(error.code).toBe("BAD_REQUEST");
    expect(error.message).toContain("to");
  });
});

describe("events.byId", () => {
  it("returns the whole event and a summary of its call", async () => {
    const { user, call, event } = await seedUserGraph(database.current.db);
    const result = await callerFor(database.current.db, user).events.byId({ id: event.id });
    expect(result).toMatchObject({
      id: event.id,
      userId: user.id,
      title: "Fix water heater",
      eventType: "service_call",
      status: "extracted",
      proposedDatetime: PROPOSED,
      completedAt: null,
      calendarSynced: false,
      call: {
        id: call.id,
        callerNumber: "+15550199999",
        callerName: null,
        mainTopic: "Leaking water heater",
        createdAt: call.createdAt,
      },
    });
  });

  it("returns call null for an event entered without a call", async () => {
    const { user, caller } = await newUser();
    const event = await insertEvent(user.id);
    expect(await caller.events.byId({ id: event.id })).toMatchObject({ id: event.id, call: null });
  });

  it("answers NOT_FOUND for another user's event, and for one that does not exist", async () => {
    const { caller } = await newUser();
    const other = await seedUserGraph(database.current.db);
    await expect(caller.events.byId({ id: other.event.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(caller.events.byId({ id: randomUUID() })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});

describe("events.update", () => {
  it("updates every editable field, and only those", async () => {
    const { user, caller } = await newUser();
    const event = await insertEvent(user.id, { status: "confirmed", confirmedDatetime: PROPOSED });
    const moved = new Date("2026-12-02T16:30:00.000Z");
    const updated = await caller.events.update({
      id: event.id,
      title: " Replace water heater ",
      description: "50 gallon tank",
      eventType: "service_call",
      proposedDatetime: moved,
      durationMinutes: 120,
      location: "12 Elm St",
      locationType: "address",
      customerName: "Sam Customer",
      customerPhone: "+14155550123",
      customerEmail: "sam@example.test",
      priceEstimate: 1249.5,
      currency: "cad",
      urgencyLevel: "high",
      notes: "Bring the big wrench",
      followUpRequired: true,
      followUpReason: "Send a quote for the pipes",
    });
    const { customer_phone: phone, customer_email: email, ...stored } = await readEvent(event.id);
    expect(stored).toEqual({
      title: "Replace water heater",
      description: "50 gallon tank",
      event_type: "service_call",
      proposed_datetime: moved,
      duration_minutes: 120,
      location: "12 Elm St",
      location_type: "address",
      customer_name: "Sam Customer",
      price_estimate: "1249.50",
      currency: "CAD",
      urgency_level: "high",
      notes: "Bring the big wrench",
      follow_up_required: true,
      follow_up_reason: "Send a quote for the pipes",
      // Not editable here: the transitions own them.
      status: "confirmed",
      confirmed_datetime: PROPOSED,
      completed_at: null,
    });
    // The customer's contacts are stored sealed; the owner gets them back in plaintext.
    expect(keyring.open(phone, "events.customer_phone")).toBe("+14155550123");
    expect(keyring.open(email, "events.customer_email")).toBe("sam@example.test");
    expect(updated).toMatchObject({
      id: event.id,
      title: "Replace water heater",
      priceEstimate: "1249.50",
      customerPhone: "+14155550123",
      customerEmail: "sam@example.test",
    });
  });

  it("stores the customer's phone and email sealed beside their hashes, and returns them to the owner in plaintext", async () => {
    const { user, caller } = await newUser();
    const event = await insertEvent(user.id);
    await caller.events.update({ id: event.id, customerPhone: "+14155550123", customerEmail: "Sam@Example.test" });
    const { rows } = await database.current.db.$client.query(
      "SELECT customer_phone, customer_email, customer_phone_hash, customer_email_hash FROM events WHERE id = $1",
      [event.id],
    );
    expect(JSON.stringify(rows)).not.toMatch(/5550123|sam@/i);
    expect(rows[0]).toMatchObject({
      customer_phone_hash: customerPhoneHash(keyring, "+14155550123"),
      customer_email_hash: customerEmailHash(keyring, "sam@example.test"),
    });
    const shown = await caller.events.byId({ id: event.id });
    expect(shown).toMatchObject({ customerPhone: "+14155550123", customerEmail: "Sam@Example.test" });
    expect(shown).not.toHaveProperty("customerPhoneHash");
    expect(shown).not.toHaveProperty("customerEmailHash");

    await caller.events.update({ id: event.id, customerEmail: null });
    expect(await readStoredContacts(event.id)).toMatchObject({ customer_email: null, customer_email_hash: null });
  });

  it("keeps the stored ciphertext when the same contact is saved again, so the audit trail records no change", async () => {
    const { user, caller } = await newUser();
    const event = await insertEvent(user.id, { customerPhone: "+14155550123" });
    const before = await readStoredContacts(event.id);
    await caller.events.update({ id: event.id, customerPhone: "+14155550123", notes: "Gate code 4411" });
    expect(await readStoredContacts(event.id)).toEqual(before);
    const { rows } = await database.current.db.$client.query(
      "SELECT new_values FROM audit_logs WHERE resource_id = $1 AND action = 'event.updated'",
      [event.id],
    );
    expect(rows.map((row) => Object.keys(row.new_values).sort())).toEqual([["calendar_sequence", "notes"]]);
  });

  it("leaves no plaintext contact in what the audit trail keeps, and no value the keyring could open", async () => {
    const { user, caller } = await newUser();
    const event = await insertEvent(user.id, { customerPhone: "+14155550188", customerEmail: "kim@example.test" });
    await caller.events.update({ id: event.id, customerPhone: "+14155550199", customerEmail: "lee@example.test" });
    await caller.events.confirm({ id: event.id });
    const { rows } = await database.current.db.$client.query(
      "SELECT action, old_values, new_values FROM audit_logs WHERE resource_id = $1 ORDER BY created_at",
      [event.id],
    );
    expect(rows.map((row) => row.action)).toEqual(["event.created", "event.updated", "event.updated"]);
    expect(JSON.stringify(rows)).not.toMatch(/55501|kim@|lee@|example\.test|v1\./);
    expect(rows[1].new_values).toEqual({
      customer_phone: "[hidden]",
      customer_email: "[hidden]",
      customer_phone_hash: "[hidden]",
      customer_email_hash: "[hidden]",
      calendar_sequence: 1,
    });
  });

  it("clears optional fields with null or an empty string, leaving the others alone", async () => {
    const { user, caller } = await newUser();
    const event = await insertEvent(user.id, {
      location: "12 Elm St",
      notes: "gate code 1234",
      priceEstimate: "10.00",
    });
    await caller.events.update({ id: event.id, location: "", priceEstimate: null, proposedDatetime: null });
    expect(await readEvent(event.id)).toMatchObject({
      location: null,
      price_estimate: null,
      proposed_datetime: null,
      notes: "gate code 1234",
    });
  });

  it("ignores status and confirmed time: only transitions change them", async () => {
    const { user, caller } = await newUser();
    const event = await insertEvent(user.id);
    // biome-ignore lint/suspicious/noExplicitAny: deliberately sending fields the schema does not have
    const sneaky = { id: event.id, notes: "hi", status: "completed", confirmedDatetime: new Date() } as any;
    await caller.events.update(sneaky);
    expect(await readEvent(event.id)).toMatchObject({ notes: "hi", status: "pending", confirmed_datetime: null });
  });

  it("rejects bad input naming the fields, and an empty patch, writing nothing", async () => {
    const { user, caller } = await newUser();
    const event = await insertEvent(user.id);
    const before = await readEvent(event.id);
    const error = await caller.events
      .update({
        id: event.id,
        title: "New title",
        durationMinutes: 0,
        customerPhone: "555-0100",
        priceEstimate: 100_000_000,
        currency: "dollars",
      })
      .catch((e) => e);
    expect(error.code).toBe("BAD_REQUEST");
    for (const field of ["durationMinutes", "customerPhone", "priceEstimate", "currency"]) {
      expect(error.message).toContain(field);
    }
    await expect(caller.events.update({ id: event.id })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    expect(await readEvent(event.id)).toEqual(before);
  });

  it("answers NOT_FOUND for another user's event and leaves it unchanged", async () => {
    const { caller } = await newUser();
    const other = await seedUserGraph(database.current.db);
    const before = await readEvent(other.event.id);
    await expect(caller.events.update({ id: other.event.id, title: "Mine now" })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    expect(await readEvent(other.event.id)).toEqual(before);
  });
});

describe("event transitions", () => {
  const cases = EVENT_TRANSITION_NAMES.flatMap((transition) =>
    EVENT_STATUSES.map((from) => ({
      transition,
      from,
      allowed: (EVENT_TRANSITIONS[transition].from as readonly EventStatus[]).includes(from),
    })),
  );

  /** An event that could be in `status`: completed ones have a completion time, confirmed ones a confirmed time. */
  const inStatus = (userId: string, status: EventStatus) =>
    insertEvent(userId, {
      status,
      confirmedDatetime: ["confirmed", "completed"].includes(status) ? PROPOSED : null,
      completedAt: status === "completed" ? new Date("2026-12-01T17:00:00Z") : null,
    });

  it.each(cases.filter((c) => c.allowed))("$transition moves a $from event on", async ({ transition, from }) => {
    const { user, caller } = await newUser();
    const event = await inStatus(user.id, from);
    const to = EVENT_TRANSITIONS[transition].to;
    const result = await caller.events[transition]({ id: event.id });
    expect(result).toMatchObject({ id: event.id, status: to });
    expect(await readEvent(event.id)).toMatchObject({ status: to });
  });

  it.each(cases.filter((c) => !c.allowed))(
    "$transition is refused for a $from event, saying why",
    async ({ transition, from }) => {
      const { user, caller } = await newUser();
      const event = await inStatus(user.id, from);
      const before = await readEvent(event.id);
      const check = checkTransition(from, transition);
      const error = await caller.events[transition]({ id: event.id }).catch((e) => e);
      expect(error).toMatchObject({ code: "CONFLICT", message: check.ok ? "(allowed?)" : check.reason });
      expect(await readEvent(event.id)).toEqual(before);
    },
  );

  it("confirm sets the confirmed time: the proposed one by default, or the one given", async () => {
    const { user, caller } = await newUser();
    const byDefault = await insertEvent(user.id);
    const given = await insertEvent(user.id, { proposedDatetime: null });
    const at = new Date("2026-12-03T08:00:00.000Z");
    expect(await caller.events.confirm({ id: byDefault.id })).toMatchObject({ confirmedDatetime: PROPOSED });
    expect(await caller.events.confirm({ id: given.id, confirmedDatetime: at })).toMatchObject({
      confirmedDatetime: at,
    });
    expect(await readEvent(byDefault.id)).toMatchObject({ status: "confirmed", confirmed_datetime: PROPOSED });
    expect(await readEvent(given.id)).toMatchObject({ status: "confirmed", confirmed_datetime: at });
  });

  it("re-confirming a tentative event keeps the time it was confirmed at", async () => {
    const { user, caller } = await newUser();
    const agreed = new Date("2026-12-01T16:00:00.000Z");
    const event = await insertEvent(user.id);
    await caller.events.confirm({ id: event.id, confirmedDatetime: agreed });
    await caller.events.markTentative({ id: event.id });
    expect(await caller.events.confirm({ id: event.id })).toMatchObject({ confirmedDatetime: agreed });
  });

  it("confirm refuses an event without any time, with BAD_REQUEST, and changes nothing", async () => {
    const { user, caller } = await newUser();
    const event = await insertEvent(user.id, { proposedDatetime: null });
    await expect(caller.events.confirm({ id: event.id })).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: CONFIRM_NEEDS_TIME,
    });
    expect(CONFIRM_NEEDS_TIME).toContain("needs a date and time");
    expect(await readEvent(event.id)).toMatchObject({ status: "pending", confirmed_datetime: null });
  });

  it("complete stamps completed_at; reopen clears it and makes the event pending", async () => {
    const { user, caller } = await newUser();
    const event = await insertEvent(user.id, { status: "confirmed", confirmedDatetime: PROPOSED });
    const before = Date.now();
    const completed = await caller.events.complete({ id: event.id });
    expect(completed.completedAt?.getTime()).toBeGreaterThanOrEqual(before - 5_000);
    expect((await readEvent(event.id)).completed_at).toEqual(completed.completedAt);
    const reopened = await caller.events.reopen({ id: event.id });
    expect(reopened).toMatchObject({ status: "pending", completedAt: null });
    expect(await readEvent(event.id)).toMatchObject({ status: "pending", completed_at: null });
  });

  it("treats an event whose status is NULL as extracted", async () => {
    const { user, caller } = await newUser();
    const event = await insertEvent(user.id, { status: null });
    expect((await caller.events.byId({ id: event.id })).status).toBe("extracted");
    expect(await caller.events.cancel({ id: event.id })).toMatchObject({ status: "cancelled" });
  });

  it("is audited once, with the old and new status, IP and user agent", async () => {
    const { user, caller } = await newUser();
    const event = await insertEvent(user.id);
    await caller.events.confirm({ id: event.id });
    const { rows } = await database.current.db.$client.query(
      `SELECT user_id, old_values, new_values, host(ip_address) AS ip, user_agent FROM audit_logs
        WHERE resource_id = $1 AND action = 'event.updated'`,
      [event.id],
    );
    expect(rows).toEqual([
      {
        user_id: user.id,
        old_values: { status: "pending", confirmed_datetime: null, calendar_sequence: 0 },
        new_values: { status: "confirmed", confirmed_datetime: "2026-12-01T15:00:00+00:00", calendar_sequence: 1 },
        ip: "198.51.100.23",
        user_agent: "FlynnTest/1.0",
      },
    ]);
  });

  it.each(EVENT_TRANSITION_NAMES)(
    "%s answers NOT_FOUND for another user's event and leaves it unchanged",
    async (transition) => {
      const { caller } = await newUser();
      const other = await newUser();
      // A status the transition may start from, so only ownership stops it.
      const event = await inStatus(other.user.id, EVENT_TRANSITIONS[transition].from[0]);
      const before = await readEvent(event.id);
      await expect(caller.events[transition]({ id: event.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
      await expect(caller.events[transition]({ id: randomUUID() })).rejects.toMatchObject({ code: "NOT_FOUND" });
      expect(await readEvent(event.id)).toEqual(before);
    },
  );
});

describe("events.reschedule", () => {
  const moved = new Date("2026-12-09T14:30:00.000Z");

  it("moves the proposed time of an event that has no confirmed time, keeping its status", async () => {
    const { user, caller } = await newUser();
    const event = await insertEvent(user.id, { status: "tentative" });
    const result = await caller.events.reschedule({ id: event.id, datetime: moved });
    expect(result).toMatchObject({
      id: event.id,
      status: "tentative",
      proposedDatetime: moved,
      confirmedDatetime: null,
    });
    expect(await readEvent(event.id)).toMatchObject({
      status: "tentative",
      proposed_datetime: moved,
      confirmed_datetime: null,
    });
  });

  it("moves the confirmed time of a confirmed event, which stays confirmed; the proposal is kept", async () => {
    const { user, caller } = await newUser();
    const event = await insertEvent(user.id, { status: "confirmed", confirmedDatetime: PROPOSED });
    await caller.events.reschedule({ id: event.id, datetime: moved });
    expect(await readEvent(event.id)).toMatchObject({
      status: "confirmed",
      confirmed_datetime: moved,
      proposed_datetime: PROPOSED,
    });
  });

  it("gives an unscheduled event its time", async () => {
    const { user, caller } = await newUser();
    const event = await insertEvent(user.id, { proposedDatetime: null });
    await caller.events.reschedule({ id: event.id, datetime: moved });
    expect(await readEvent(event.id)).toMatchObject({ proposed_datetime: moved, status: "pending" });
  });

  it.each(["completed", "cancelled"] as const)("refuses a %s event with CONFLICT, saying why", async (status) => {
    const { user, caller } = await newUser();
    const event = await insertEvent(user.id, { status });
    const before = await readEvent(event.id);
    await expect(caller.events.reschedule({ id: event.id, datetime: moved })).rejects.toMatchObject({
      code: "CONFLICT",
      message: `A ${status} event cannot be rescheduled; reopen it first`,
    });
    expect(await readEvent(event.id)).toEqual(before);
  });

  it("answers NOT_FOUND for another user's event, and rejects a missing time naming it", async () => {
    const { user, caller } = await newUser();
    const other = await newUser();
    const theirs = await insertEvent(other.user.id);
    const before = await readEvent(theirs.id);
    await expect(caller.events.reschedule({ id: theirs.id, datetime: moved })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    expect(await readEvent(theirs.id)).toEqual(before);
    const mine = await insertEvent(user.id);
    // biome-ignore lint/suspicious/noExplicitAny: deliberately sending what the schema refuses
    const error = await caller.events.reschedule({ id: mine.id, datetime: "tomorrow" } as any).catch((e) => e);
    expect(error.code).toBe("BAD_REQUEST");
    expect(error.message).toContain("datetime");
  });
});

describe("events.bulkConfirm", () => {
  it("confirms what may be confirmed at its own time, and says why it skipped the rest", async () => {
    const { user, caller } = await newUser();
    const other = await newUser();
    const pending = await insertEvent(user.id);
    const tentative = await insertEvent(user.id, {
      status: "tentative",
      proposedDatetime: new Date("2026-12-05T10:00:00.000Z"),
    });
    const cancelled = await insertEvent(user.id, { status: "cancelled" });
    const untimed = await insertEvent(user.id, { proposedDatetime: null });
    const theirs = await insertEvent(other.user.id);
    const missing = randomUUID();
    const theirsBefore = await readEvent(theirs.id);

    const result = await caller.events.bulkConfirm({
      ids: [cancelled.id, pending.id, theirs.id, untimed.id, tentative.id, missing],
    });

    expect(result).toEqual({
      confirmed: [pending.id, tentative.id],
      skipped: [
        { id: cancelled.id, reason: "A cancelled event cannot be confirmed; reopen it first" },
        { id: theirs.id, reason: "Not found" },
        { id: untimed.id, reason: CONFIRM_NEEDS_TIME },
        { id: missing, reason: "Not found" },
      ],
    });
    expect(await readEvent(pending.id)).toMatchObject({ status: "confirmed", confirmed_datetime: PROPOSED });
    expect(await readEvent(tentative.id)).toMatchObject({
      status: "confirmed",
      confirmed_datetime: new Date("2026-12-05T10:00:00.000Z"),
    });
    expect(await readEvent(cancelled.id)).toMatchObject({ status: "cancelled", confirmed_datetime: null });
    expect(await readEvent(untimed.id)).toMatchObject({ status: "pending", confirmed_datetime: null });
    expect(await readEvent(theirs.id)).toEqual(theirsBefore);
  });

  it("rejects an empty, oversized or repeating list naming ids, and changes nothing", async () => {
    const { user, caller } = await newUser();
    const event = await insertEvent(user.id);
    for (const ids of [[], [event.id, event.id], Array.from({ length: 101 }, () => randomUUID())]) {
      const error = await caller.events.bulkConfirm({ ids }).catch((e) => e);
      expect(error.code).toBe("BAD_REQUEST");
      expect(error.message).toContain("ids");
    }
    expect(await readEvent(event.id)).toMatchObject({ status: "pending" });
  });
});

describe("events without a session", () => {
  it("answer UNAUTHORIZED to every procedure", async () => {
    const caller = callerFor(database.current.db, null);
    const id = randomUUID();
    const calls = [
      caller.events.list({}),
      caller.events.byId({ id }),
      caller.events.update({ id, title: "x" }),
      ...EVENT_TRANSITION_NAMES.map((transition) => caller.events[transition]({ id })),
      caller.events.reschedule({ id, datetime: new Date() }),
      caller.events.bulkConfirm({ ids: [id] }),
    ];
    for (const call of calls) await expect(call).rejects.toMatchObject({ code: "UNAUTHORIZED" });
  });
});
