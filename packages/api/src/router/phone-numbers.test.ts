import { randomBytes } from "node:crypto";
import { insertUser, randomPhoneNumber, seedUserGraph, useTestDatabase } from "@flynn/db/testing";
import { describe, expect, it } from "vitest";
import { callerFor, invalidFields } from "../testing";

const database = useTestDatabase();

const randomSid = () => `PN${randomBytes(16).toString("hex")}`;

/** The fields a BAD_REQUEST names: the paths of its ZodError, which the error formatter reports. */
async function phoneRows(userId: string) {
  const { rows } = await database.current.db.$client.query(
    "SELECT id, twilio_phone_number, twilio_phone_sid, is_active FROM phone_numbers WHERE user_id = $1 ORDER BY created_at, id",
    [userId],
  );
  return rows;
}

describe("phoneNumbers router", () => {
  it("registers an existing Twilio number as active, and audits it", async () => {
    const { db } = database.current;
    const user = await insertUser(db);
    const number = randomPhoneNumber();
    const sid = randomSid();
    const registered = await callerFor(db, user).phoneNumbers.register({ phoneNumber: number, twilioPhoneSid: sid });
    expect(registered).toMatchObject({ twilioPhoneNumber: number, twilioPhoneSid: sid, isActive: true });
    expect(await phoneRows(user.id)).toEqual([
      { id: registered.id, twilio_phone_number: number, twilio_phone_sid: sid, is_active: true },
    ]);
    const { rows } = await db.$client.query("SELECT action FROM audit_logs WHERE resource_id = $1", [registered.id]);
    expect(rows).toEqual([{ action: "phone_number.created" }]);
  });

  it("lists only the user's own numbers, active first, then oldest first", async () => {
    const { db } = database.current;
    await seedUserGraph(db);
    const user = await insertUser(db);
    const caller = callerFor(db, user);
    const first = await caller.phoneNumbers.register({ phoneNumber: randomPhoneNumber(), twilioPhoneSid: randomSid() });
    const second = await caller.phoneNumbers.register({
      phoneNumber: randomPhoneNumber(),
      twilioPhoneSid: randomSid(),
    });
    const third = await caller.phoneNumbers.register({ phoneNumber: randomPhoneNumber(), twilioPhoneSid: randomSid() });
    await caller.phoneNumbers.deactivate({ id: first.id });
    const listed = await caller.phoneNumbers.list();
    expect(listed.map((row) => [row.id, row.isActive])).toEqual([
      [second.id, true],
      [third.id, true],
      [first.id, false],
    ]);
  });

  it("deactivates (idempotently) and reactivates a number", async () => {
    const { db } = database.current;
    const user = await insertUser(db);
    const caller = callerFor(db, user);
    const { id } = await caller.phoneNumbers.register({
      phoneNumber: randomPhoneNumber(),
      twilioPhoneSid: randomSid(),
    });
    expect(await caller.phoneNumbers.deactivate({ id })).toMatchObject({ id, isActive: false });
    expect(await caller.phoneNumbers.deactivate({ id })).toMatchObject({ id, isActive: false });
    expect((await phoneRows(user.id))[0]).toMatchObject({ is_active: false });
    const { rows } = await db.$client.query(
      "SELECT action, new_values FROM audit_logs WHERE resource_id = $1 AND action = 'phone_number.updated'",
      [id],
    );
    // The repeated deactivation changed nothing, so the trail holds one change.
    expect(rows).toEqual([{ action: "phone_number.updated", new_values: { is_active: false } }]);
    expect(await caller.phoneNumbers.activate({ id })).toMatchObject({ id, isActive: true });
  });

  it("refuses a number that is active already, for another business or for the same one, without saying whose", async () => {
    const { db } = database.current;
    const other = await seedUserGraph(db);
    const user = await insertUser(db);
    const caller = callerFor(db, user);
    const taken = await caller.phoneNumbers
      .register({ phoneNumber: other.phoneNumber.twilioPhoneNumber, twilioPhoneSid: randomSid() })
      .catch((e) => e);
    expect(taken).toMatchObject({ code: "CONFLICT", message: "This already exists" });
    expect(taken.message).not.toContain(other.user.email);

    const number = randomPhoneNumber();
    await caller.phoneNumbers.register({ phoneNumber: number, twilioPhoneSid: randomSid() });
    await expect(
      caller.phoneNumbers.register({ phoneNumber: number, twilioPhoneSid: randomSid() }),
    ).rejects.toMatchObject({ code: "CONFLICT" });
    expect(await phoneRows(user.id)).toHaveLength(1);
    expect(await phoneRows(other.user.id)).toHaveLength(1);
  });

  it("a deactivated number may be registered again, but not reactivated while another row has it", async () => {
    const { db } = database.current;
    const user = await insertUser(db);
    const caller = callerFor(db, user);
    const number = randomPhoneNumber();
    const old = await caller.phoneNumbers.register({ phoneNumber: number, twilioPhoneSid: randomSid() });
    await caller.phoneNumbers.deactivate({ id: old.id });
    await caller.phoneNumbers.register({ phoneNumber: number, twilioPhoneSid: randomSid() });
    await expect(caller.phoneNumbers.activate({ id: old.id })).rejects.toMatchObject({ code: "CONFLICT" });
    expect((await phoneRows(user.id)).map((row) => row.is_active)).toEqual([false, true]);
  });

  it("another user's number is NOT_FOUND for deactivate and activate, and stays unchanged", async () => {
    const { db } = database.current;
    const other = await seedUserGraph(db);
    const user = await insertUser(db);
    const caller = callerFor(db, user);
    const before = await phoneRows(other.user.id);
    await expect(caller.phoneNumbers.deactivate({ id: other.phoneNumber.id })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    await db.$client.query("UPDATE phone_numbers SET is_active = false WHERE id = $1", [other.phoneNumber.id]);
    await expect(caller.phoneNumbers.activate({ id: other.phoneNumber.id })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    expect(await phoneRows(other.user.id)).toEqual([{ ...before[0], is_active: false }]);
    expect(await caller.phoneNumbers.list()).toEqual([]);
  });

  it("rejects bad input naming the fields, and writes nothing", async () => {
    const { db } = database.current;
    const user = await insertUser(db);
    const caller = callerFor(db, user);
    const error = await caller.phoneNumbers
      .register({ phoneNumber: "(512) 555-0100", twilioPhoneSid: "PN-not-a-sid" })
      .catch((e) => e);
    expect(error.code).toBe("BAD_REQUEST");
    expect(invalidFields(error)).toEqual(["phoneNumber", "twilioPhoneSid"]);
    const badId = await caller.phoneNumbers.deactivate({ id: "not-a-uuid" }).catch((e) => e);
    expect(invalidFields(badId)).toEqual(["id"]);
    expect(await phoneRows(user.id)).toEqual([]);
  });

  it("refuses callers without a session", async () => {
    const anonymous = callerFor(database.current.db, null);
    const id = "0b6f3bb4-3f5e-4d0c-9a43-0a0e6f1e7d55";
    await expect(anonymous.phoneNumbers.list()).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    await expect(
      anonymous.phoneNumbers.register({ phoneNumber: randomPhoneNumber(), twilioPhoneSid: randomSid() }),
    ).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    await expect(anonymous.phoneNumbers.deactivate({ id })).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    await expect(anonymous.phoneNumbers.activate({ id })).rejects.toMatchObject({ code: "UNAUTHORIZED" });
  });
});
