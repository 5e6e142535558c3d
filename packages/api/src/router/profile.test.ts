import { insertUser, useTestDatabase } from "@flynn/db/testing";
import { describe, expect, it } from "vitest";
import { callerFor } from "../testing";

const database = useTestDatabase();

describe("profile router", () => {
  it("reads the signed-in user's profile", async () => {
    const user = await insertUser(database.current.db, { fullName: "Pat Plumber", companyName: "Pat's Pipes" });
    const profile = await callerFor(database.current.db, user).profile.get();
    expect(profile).toMatchObject({
      id: user.id,
      email: user.email,
      fullName: "Pat Plumber",
      companyName: "Pat's Pipes",
      subscriptionTier: "basic",
      isActive: true,
      timezone: "UTC",
    });
  });

  it("updates editable fields and audits the change with IP and user agent", async () => {
    const { db } = database.current;
    const user = await insertUser(db);
    const caller = callerFor(db, user);
    const updated = await caller.profile.update({ timezone: "America/Chicago", phoneNumber: "+13125550100" });
    expect(updated).toMatchObject({ timezone: "America/Chicago", phoneNumber: "+13125550100" });
    const { rows } = await db.$client.query(
      "SELECT action, old_values, new_values, host(ip_address) AS ip, user_agent FROM audit_logs WHERE resource_id = $1 AND action = 'user.updated'",
      [user.id],
    );
    expect(rows).toEqual([
      {
        action: "user.updated",
        old_values: { timezone: "UTC", phone_number: null },
        new_values: { timezone: "America/Chicago", phone_number: "+13125550100" },
        ip: "198.51.100.23",
        user_agent: "FlynnTest/1.0",
      },
    ]);
  });

  it("onboarding sets company, industry, time zone and the owner's phone", async () => {
    const user = await insertUser(database.current.db);
    const profile = await callerFor(database.current.db, user).profile.onboarding({
      companyName: "Riverside Clinic",
      industryType: "medical",
      timezone: "Europe/London",
      phoneNumber: "+442071234567",
    });
    expect(profile).toMatchObject({
      companyName: "Riverside Clinic",
      industryType: "medical",
      timezone: "Europe/London",
    });
  });

  it("rejects bad input naming the fields, and writes nothing", async () => {
    const { db } = database.current;
    const user = await insertUser(db);
    const error = await callerFor(db, user)
      .profile.update({ timezone: "Mars/Olympus", phoneNumber: "555-0100" })
      .catch((e) => e);
    expect(error.code).toBe("BAD_REQUEST");
    expect(error.message).toContain("timezone");
    expect(error.message).toContain("phoneNumber");
    const { rows } = await db.$client.query("SELECT timezone, phone_number FROM users WHERE id = $1", [user.id]);
    expect(rows[0]).toEqual({ timezone: "UTC", phone_number: null });
  });

  it("cannot change subscription tier or activation", async () => {
    const user = await insertUser(database.current.db);
    const caller = callerFor(database.current.db, user);
    // Unknown keys are not part of the input schema: they are stripped, nothing changes.
    // biome-ignore lint/suspicious/noExplicitAny: deliberately sending fields the schema does not have
    await caller.profile.update({ fullName: "Me", subscriptionTier: "enterprise", isActive: false } as any);
    expect(await caller.profile.get()).toMatchObject({ fullName: "Me", subscriptionTier: "basic", isActive: true });
  });

  it("refuses callers without a session, and deactivated users", async () => {
    const user = await insertUser(database.current.db, { isActive: false });
    await expect(callerFor(database.current.db, null).profile.get()).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    await expect(callerFor(database.current.db, user).profile.get()).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});
