import { insertUser, seedUserGraph, useTestDatabase } from "@flynn/db/testing";
import { describe, expect, it } from "vitest";
import { callerFor, invalidFields } from "../testing";

const database = useTestDatabase();

const plumbingDefaults = {
  industryType: "plumbing",
  eventTypes: ["service_call", "quote", "emergency", "follow_up"],
  terminology: { appointment: "service call", meeting: "site visit", demo: "quote" },
  defaultDurationMinutes: 90,
  pricingEnabled: true,
  locationRequired: true,
  autoConfirmEnabled: false,
  reminderSettings: { enabled: true, offsets_minutes: [1440, 120], channels: ["email", "sms"] },
};

const allDefault = {
  eventTypes: "default",
  terminology: "default",
  defaultDurationMinutes: "default",
  businessHours: "default",
  pricingEnabled: "default",
  locationRequired: "default",
  autoConfirmEnabled: "default",
  reminderSettings: "default",
};

/** The fields a BAD_REQUEST names: the paths of its ZodError, which the error formatter reports. */
async function ownRows(userId: string) {
  const { rows } = await database.current.db.$client.query(
    `SELECT industry_type, event_types, terminology, default_duration_minutes, business_hours, pricing_enabled,
            location_required, auto_confirm_enabled, reminder_settings
       FROM industry_configurations WHERE user_id = $1 ORDER BY industry_type`,
    [userId],
  );
  return rows;
}

async function defaultRows() {
  const { rows } = await database.current.db.$client.query(
    "SELECT to_jsonb(c) - 'id' AS row FROM industry_configurations c WHERE user_id IS NULL ORDER BY industry_type",
  );
  return rows;
}

describe("industry router", () => {
  it("gives the default configuration of the user's industry, every field marked default", async () => {
    const user = await insertUser(database.current.db, { industryType: "plumbing" });
    const effective = await callerFor(database.current.db, user).industry.effective();
    expect(effective).toMatchObject(plumbingDefaults);
    expect(effective.businessHours).toMatchObject({ saturday: { start: "09:00", end: "15:00" } });
    expect(effective.source).toEqual(allDefault);
  });

  it("uses the 'other' defaults for a user who has not chosen an industry", async () => {
    const user = await insertUser(database.current.db);
    const effective = await callerFor(database.current.db, user).industry.effective();
    expect(effective).toMatchObject({ industryType: "other", terminology: {}, pricingEnabled: false });
    expect(effective.eventTypes).toHaveLength(9);
  });

  it("update creates the own row with only the patch, the rest following the default, and audits it", async () => {
    const { db } = database.current;
    const user = await insertUser(db, { industryType: "plumbing" });
    const effective = await callerFor(db, user).industry.update({
      defaultDurationMinutes: 120,
      autoConfirmEnabled: true,
      businessHours: { monday: { start: "07:00", end: "19:00" } },
    });
    expect(effective).toMatchObject({
      ...plumbingDefaults,
      defaultDurationMinutes: 120,
      autoConfirmEnabled: true,
      businessHours: { monday: { start: "07:00", end: "19:00" } },
    });
    expect(effective.source).toEqual({
      ...allDefault,
      defaultDurationMinutes: "customised",
      autoConfirmEnabled: "customised",
      businessHours: "customised",
    });
    expect(await ownRows(user.id)).toEqual([
      {
        industry_type: "plumbing",
        event_types: plumbingDefaults.eventTypes,
        terminology: null,
        default_duration_minutes: 120,
        business_hours: { monday: { start: "07:00", end: "19:00" } },
        pricing_enabled: null,
        location_required: null,
        auto_confirm_enabled: true,
        reminder_settings: null,
      },
    ]);
    const { rows } = await db.$client.query(
      "SELECT action, user_agent FROM audit_logs WHERE user_id = $1 AND resource_type = 'industry_configuration'",
      [user.id],
    );
    expect(rows).toEqual([{ action: "industry_configuration.created", user_agent: "FlynnTest/1.0" }]);
  });

  it("a second update changes only the patched fields; null makes a field follow the default again", async () => {
    const { db } = database.current;
    const user = await insertUser(db, { industryType: "plumbing" });
    const caller = callerFor(db, user);
    await caller.industry.update({ defaultDurationMinutes: 120, terminology: { quote: "estimate" } });
    const effective = await caller.industry.update({
      terminology: null,
      eventTypes: ["emergency", "service_call"],
      reminderSettings: { enabled: false, offsets_minutes: [], channels: ["email"] },
    });
    expect(effective).toMatchObject({
      defaultDurationMinutes: 120,
      terminology: plumbingDefaults.terminology,
      eventTypes: ["emergency", "service_call"],
      reminderSettings: { enabled: false, offsets_minutes: [], channels: ["email"] },
    });
    expect(effective.source).toMatchObject({
      defaultDurationMinutes: "customised",
      terminology: "default",
      eventTypes: "customised",
      reminderSettings: "customised",
    });
    expect(await ownRows(user.id)).toHaveLength(1);
    expect(await caller.industry.effective()).toEqual(effective);
  });

  it("keeps one own row per industry: switching industry shows that industry's configuration", async () => {
    const { db } = database.current;
    const user = await insertUser(db, { industryType: "plumbing" });
    const caller = callerFor(db, user);
    await caller.industry.update({ defaultDurationMinutes: 100 });
    await caller.profile.update({ industryType: "legal" });
    expect(await caller.industry.effective()).toMatchObject({
      industryType: "legal",
      defaultDurationMinutes: 60,
      source: allDefault,
    });
    await caller.industry.update({ defaultDurationMinutes: 30 });
    expect((await ownRows(user.id)).map((row) => [row.industry_type, row.default_duration_minutes])).toEqual([
      ["legal", 30],
      ["plumbing", 100],
    ]);
  });

  it("reset deletes the own row of the current industry only", async () => {
    const { db } = database.current;
    const user = await insertUser(db, { industryType: "medical" });
    await db.$client.query(
      `INSERT INTO industry_configurations (user_id, industry_type, event_types) VALUES ($1, 'sales', '["demo"]')`,
      [user.id],
    );
    const caller = callerFor(db, user);
    await caller.industry.update({ pricingEnabled: true });
    const effective = await caller.industry.reset();
    expect(effective).toMatchObject({ industryType: "medical", pricingEnabled: false, source: allDefault });
    expect((await ownRows(user.id)).map((row) => row.industry_type)).toEqual(["sales"]);
  });

  it("changes neither another user's row nor the defaults", async () => {
    const { db } = database.current;
    const other = await seedUserGraph(db);
    const before = { other: await ownRows(other.user.id), defaults: await defaultRows() };
    const user = await insertUser(db, { industryType: "plumbing" });
    const caller = callerFor(db, user);
    await caller.industry.update({ eventTypes: ["quote"], defaultDurationMinutes: 15 });
    await caller.industry.reset();
    expect(await ownRows(other.user.id)).toEqual(before.other);
    expect(await defaultRows()).toEqual(before.defaults);
  });

  it("rejects bad input naming the fields, and writes nothing", async () => {
    const { db } = database.current;
    const user = await insertUser(db, { industryType: "plumbing" });
    const error = await callerFor(db, user)
      .industry.update({
        eventTypes: ["service_call", "party"],
        defaultDurationMinutes: 4,
        businessHours: { monday: { start: "17:00", end: "08:00" }, tuesday: { start: "9", end: "17:00" } },
        reminderSettings: { enabled: true, offsets_minutes: [60], channels: ["fax"] },
      } as never)
      .catch((e) => e);
    expect(error.code).toBe("BAD_REQUEST");
    expect(invalidFields(error)).toEqual(
      expect.arrayContaining([
        "eventTypes.1",
        "defaultDurationMinutes",
        "businessHours.monday.end",
        "businessHours.tuesday.start",
        "reminderSettings.channels.0",
      ]),
    );
    await expect(callerFor(db, user).industry.update({})).rejects.toMatchObject({ code: "BAD_REQUEST" });
    expect(await ownRows(user.id)).toEqual([]);
  });

  it("refuses callers without a session", async () => {
    const anonymous = callerFor(database.current.db, null);
    await expect(anonymous.industry.effective()).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    await expect(anonymous.industry.update({ pricingEnabled: true })).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    await expect(anonymous.industry.reset()).rejects.toMatchObject({ code: "UNAUTHORIZED" });
  });
});
