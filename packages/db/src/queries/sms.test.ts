import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { communicationLogs } from "../schema/index";
import { seedUserGraph, useTestDatabase } from "../testing";
import { applyDeliveryStatus, maySendSms, recordSmsConsent } from "./sms";

const database = useTestDatabase();

describe("SMS consent", () => {
  it("STOP blocks texting a customer of that business only, START allows it again", async () => {
    const { db } = database.current;
    const a = await seedUserGraph(db);
    const b = await seedUserGraph(db);
    const customer = "+15557654321";
    expect(await maySendSms(db, { userId: a.user.id, phoneNumber: customer })).toBe(true);

    await recordSmsConsent(db, { userId: a.user.id, phoneNumber: customer, optedOut: true, keyword: "STOP" });
    await recordSmsConsent(db, { userId: a.user.id, phoneNumber: customer, optedOut: true, keyword: "STOP" });
    expect(await maySendSms(db, { userId: a.user.id, phoneNumber: customer })).toBe(false);
    expect(await maySendSms(db, { userId: b.user.id, phoneNumber: customer })).toBe(true);

    await recordSmsConsent(db, { userId: a.user.id, phoneNumber: customer, optedOut: false, keyword: "START" });
    expect(await maySendSms(db, { userId: a.user.id, phoneNumber: customer })).toBe(true);
    const { rows } = await db.$client.query("SELECT opted_out, last_keyword FROM sms_opt_outs WHERE user_id = $1", [
      a.user.id,
    ]);
    expect(rows).toEqual([{ opted_out: false, last_keyword: "START" }]);
  });
});

describe("SMS delivery reports", () => {
  async function message() {
    const { db } = database.current;
    const graph = await seedUserGraph(db);
    const externalId = `SM${randomUUID().replaceAll("-", "")}`;
    await db
      .update(communicationLogs)
      .set({ externalId, communicationType: "sms" })
      .where(eq(communicationLogs.id, graph.communication.id));
    const read = async () => {
      const [row] = await db
        .select({
          status: communicationLogs.status,
          sentAt: communicationLogs.sentAt,
          deliveredAt: communicationLogs.deliveredAt,
          errorMessage: communicationLogs.errorMessage,
        })
        .from(communicationLogs)
        .where(eq(communicationLogs.id, graph.communication.id));
      return row;
    };
    return { externalId, read };
  }

  it("moves forward only, whatever order the reports arrive in", async () => {
    const { db } = database.current;
    const { externalId, read } = await message();
    const sentAt = new Date("2026-11-25T10:00:00Z");
    const deliveredAt = new Date("2026-11-25T10:00:05Z");

    expect(await applyDeliveryStatus(db, { externalId, status: "delivered", at: deliveredAt })).toBe(true);
    // Late and duplicate reports change nothing.
    expect(await applyDeliveryStatus(db, { externalId, status: "sent", at: sentAt })).toBe(false);
    expect(await applyDeliveryStatus(db, { externalId, status: "delivered", at: deliveredAt })).toBe(false);
    expect(await applyDeliveryStatus(db, { externalId, status: "pending", at: sentAt })).toBe(false);
    expect(await read()).toEqual({ status: "delivered", sentAt: deliveredAt, deliveredAt, errorMessage: null });
  });

  it("records a failure with its error, and a failure is final", async () => {
    const { db } = database.current;
    const { externalId, read } = await message();
    const at = new Date("2026-11-25T11:00:00Z");
    await applyDeliveryStatus(db, { externalId, status: "sent", at });
    await applyDeliveryStatus(db, { externalId, status: "failed", errorMessage: "Twilio error 21610", at });
    await applyDeliveryStatus(db, { externalId, status: "delivered", at });
    expect(await read()).toMatchObject({
      status: "failed",
      errorMessage: "Twilio error 21610",
      sentAt: at,
      deliveredAt: null,
    });
  });

  it("ignores a report for a message it does not know", async () => {
    const { db } = database.current;
    expect(await applyDeliveryStatus(db, { externalId: "SMunknown", status: "delivered", at: new Date() })).toBe(false);
  });
});
