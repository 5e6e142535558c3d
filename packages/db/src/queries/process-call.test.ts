import { randomUUID } from "node:crypto";
import { testKeyring } from "@flynn/crypto";
import type { ExtractedEvent, ExtractionResult } from "@flynn/domain";
import { asc, eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { calls, events } from "../schema/index";
import { customerEmailHash, customerPhoneHash } from "../sealed-contacts";
import { insertCall, seedUserGraph, useTestDatabase } from "../testing";
import { loadProcessCallData, saveExtraction } from "./process-call";

const database = useTestDatabase();
const NOW = new Date("2026-11-25T15:00:00Z");
const keyring = testKeyring();

const event = (values: Partial<ExtractedEvent> = {}): ExtractedEvent => ({
  event_type: "service_call",
  title: "Fix water heater",
  description: null,
  proposed_datetime: "2026-11-26T10:00",
  duration_minutes: null,
  location: null,
  location_type: null,
  customer_name: null,
  customer_phone: null,
  customer_email: null,
  price_estimate: null,
  currency: null,
  urgency_level: "high",
  notes: null,
  ai_confidence: 0.9,
  follow_up_required: false,
  follow_up_reason: null,
  ...values,
});

const result = (events: ExtractedEvent[]): ExtractionResult => ({
  main_topic: "Leaking water heater",
  call_summary: "The caller's water heater leaks.",
  urgency_level: "high",
  sentiment: { label: "negative", score: -0.4 },
  events,
});

describe("saveExtraction", () => {
  it("stores the call and its events (unset columns at their defaults) with whenSaved, all or nothing, once", async () => {
    const { db } = database.current;
    const { user } = await seedUserGraph(db);
    const call = await insertCall(database.current.db, user.id);
    const params = {
      callId: call.id,
      userId: user.id,
      timezone: "America/New_York",
      autoConfirmEnabled: false,
      result: result([event(), event({ event_type: "quote", title: "Quote", price_estimate: 120, currency: "EUR" })]),
      keyring,
      now: NOW,
    };
    // Fails with a division by zero when evaluated.
    const failing = sql`SELECT 1 / (SELECT count(*)::int FROM ${events} WHERE false)`;
    // whenSaved is part of the save: when it fails, nothing is stored.
    await expect(saveExtraction(db, { ...params, whenSaved: failing })).rejects.toThrow();
    const [untouched] = await db.select().from(calls).where(eq(calls.id, call.id));
    expect(untouched?.aiProcessingStatus).not.toBe("completed");

    const saved = await saveExtraction(db, { ...params, whenSaved: sql`SELECT 1` });
    expect(saved).toMatchObject({ kind: "saved" });
    // A rerun does not evaluate whenSaved (it would fail) and stores nothing.
    expect(await saveExtraction(db, { ...params, whenSaved: failing })).toEqual({ kind: "already-completed" });
    expect(await saveExtraction(db, { ...params, callId: randomUUID(), whenSaved: failing })).toEqual({
      kind: "missing",
    });

    const rows = await db
      .select({
        id: events.id,
        title: events.title,
        durationMinutes: events.durationMinutes,
        locationType: events.locationType,
        currency: events.currency,
        priceEstimate: events.priceEstimate,
        proposedDatetime: events.proposedDatetime,
        userId: events.userId,
      })
      .from(events)
      .where(eq(events.callId, call.id))
      .orderBy(asc(events.createdAt));
    expect(saved.kind === "saved" && saved.eventIds).toEqual(rows.map((row) => row.id));
    expect(rows).toMatchObject([
      {
        title: "Fix water heater",
        durationMinutes: 60,
        locationType: "tbd",
        currency: "USD",
        priceEstimate: null,
        proposedDatetime: new Date("2026-11-26T15:00:00Z"),
        userId: user.id,
      },
      { title: "Quote", currency: "EUR", priceEstimate: "120.00" },
    ]);
    const [stored] = await db.select().from(calls).where(eq(calls.id, call.id));
    expect(stored).toMatchObject({
      aiProcessingStatus: "completed",
      mainTopic: "Leaking water heater",
      processedAt: NOW,
      sentimentAnalysis: { label: "negative", score: -0.4 },
    });
  });
});

describe("saveExtraction, customers' contacts", () => {
  it("stores them sealed, beside their keyed hashes: no plaintext in the row", async () => {
    const { db } = database.current;
    const { user } = await seedUserGraph(db);
    const call = await insertCall(db, user.id);
    const contacts = { customer_phone: "+15125550142", customer_email: "Dana.W@example.test" };
    const saved = await saveExtraction(db, {
      callId: call.id,
      userId: user.id,
      timezone: "America/New_York",
      autoConfirmEnabled: false,
      result: result([event(contacts), event({ title: "No contacts" })]),
      keyring,
      now: NOW,
    });
    expect(saved.kind).toBe("saved");
    const { rows } = await db.$client.query(
      `SELECT customer_phone, customer_email, customer_phone_hash, customer_email_hash FROM events
        WHERE call_id = $1 ORDER BY created_at`,
      [call.id],
    );
    const [withContacts, without] = rows;
    expect(JSON.stringify(rows)).not.toMatch(/5550142|Dana|example\.test/i);
    expect(withContacts).toEqual({
      customer_phone: expect.stringMatching(/^v1\./),
      customer_email: expect.stringMatching(/^v1\./),
      customer_phone_hash: customerPhoneHash(keyring, "+15125550142"),
      customer_email_hash: customerEmailHash(keyring, "dana.w@example.test"),
    });
    expect(keyring.open(withContacts.customer_phone, "events.customer_phone")).toBe("+15125550142");
    expect(keyring.open(withContacts.customer_email, "events.customer_email")).toBe("Dana.W@example.test");
    expect(without).toEqual({
      customer_phone: null,
      customer_email: null,
      customer_phone_hash: null,
      customer_email_hash: null,
    });
  });
});

describe("loadProcessCallData", () => {
  it("marks a call that has a transcript processing in the same statement, and no other call", async () => {
    const { db } = database.current;
    const { user } = await seedUserGraph(db);
    const insert = (values: Partial<typeof calls.$inferInsert>) => insertCall(database.current.db, user.id, values);
    const status = async (id: string) =>
      (await db.select({ status: calls.aiProcessingStatus }).from(calls).where(eq(calls.id, id)))[0]?.status;
    const spoken = await insert({ transcriptionText: "yes, tomorrow at ten." });
    const blank = await insert({ transcriptionText: " \n\t " });
    const none = await insert({ recordingUrl: "https://api.twilio.com/recording" });
    const done = await insert({ transcriptionText: "Done.", aiProcessingStatus: "completed" });

    expect(await loadProcessCallData(db, spoken.id)).toMatchObject({ marked: true });
    expect(await status(spoken.id)).toBe("processing");
    for (const call of [blank, none, done]) {
      expect(await loadProcessCallData(db, call.id)).toMatchObject({ marked: false });
      expect(await status(call.id)).toBe(call.aiProcessingStatus);
    }
  });
});
