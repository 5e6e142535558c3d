import { randomBytes } from "node:crypto";
import { communicationLogs, phoneNumbers } from "@flynn/db/schema";
import { insertUser, randomPhoneNumber, seedUserGraph, useTestDatabase } from "@flynn/db/testing";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { createTestApp, postTwilioWebhook } from "../../testing";

const database = useTestDatabase();
let app: ReturnType<typeof createTestApp>["app"];
let business: { userId: string; number: string };
const customer = "+15557001234";

beforeAll(async () => {
  app = createTestApp(database.current.db).app;
  const user = await insertUser(database.current.db, { companyName: "Pipe Pros" });
  const number = randomPhoneNumber();
  await database.current.db
    .insert(phoneNumbers)
    .values({ userId: user.id, twilioPhoneNumber: number, twilioPhoneSid: `PN${randomBytes(16).toString("hex")}` });
  business = { userId: user.id, number };
});

const inbound = (body: string, extra: Record<string, string> = {}) => ({
  MessageSid: `SM${randomBytes(16).toString("hex")}`,
  AccountSid: `AC${"a".repeat(32)}`,
  From: customer,
  To: business.number,
  Body: body,
  NumMedia: "0",
  ...extra,
});

async function consent() {
  const { rows } = await database.current.db.$client.query(
    "SELECT opted_out, last_keyword FROM sms_opt_outs WHERE user_id = $1 AND phone_number = $2",
    [business.userId, customer],
  );
  return rows;
}

describe("inbound SMS webhook", () => {
  it("records STOP and START for the business whose number was texted, replying nothing itself", async () => {
    const stop = await postTwilioWebhook(app, "/sms", inbound("Stop"));
    expect(stop.status).toBe(200);
    expect(await stop.text()).toMatch(/<Response\/>/);
    expect(await consent()).toEqual([{ opted_out: true, last_keyword: "STOP" }]);

    await postTwilioWebhook(app, "/sms", inbound("STOP")); // a duplicate changes nothing
    expect(await consent()).toEqual([{ opted_out: true, last_keyword: "STOP" }]);

    await postTwilioWebhook(app, "/sms", inbound("anything", { OptOutType: "START" }));
    expect(await consent()).toEqual([{ opted_out: false, last_keyword: "START" }]);
  });

  it("an ordinary message or a text to an unknown number records nothing", async () => {
    const before = await consent();
    expect((await postTwilioWebhook(app, "/sms", inbound("Can you stop by at 3 tomorrow?"))).status).toBe(200);
    expect((await postTwilioWebhook(app, "/sms", inbound("STOP", { To: "+15550000000" }))).status).toBe(200);
    expect(await consent()).toEqual(before);
  });

  it("refuses a forged request and a request without MessageSid, recording nothing", async () => {
    const before = await consent();
    expect((await postTwilioWebhook(app, "/sms", inbound("START"), { signature: "forged" })).status).toBe(403);
    const { MessageSid: _omitted, ...noSid } = inbound("START");
    expect((await postTwilioWebhook(app, "/sms", noSid)).status).toBe(400);
    expect(await consent()).toEqual(before);
  });
});

describe("SMS status webhook", () => {
  it("updates the matching message, never backwards, whatever the order", async () => {
    const { db } = database.current;
    const graph = await seedUserGraph(db);
    const sid = `SM${randomBytes(16).toString("hex")}`;
    await db
      .update(communicationLogs)
      .set({ externalId: sid, communicationType: "sms" })
      .where(eq(communicationLogs.id, graph.communication.id));
    const report = (status: string, extra: Record<string, string> = {}) =>
      postTwilioWebhook(app, "/sms-status", { MessageSid: sid, MessageStatus: status, To: customer, ...extra });

    expect((await report("delivered")).status).toBe(200);
    expect((await report("sent")).status).toBe(200);
    expect((await report("queued")).status).toBe(200);
    const [row] = await db
      .select({ status: communicationLogs.status, deliveredAt: communicationLogs.deliveredAt })
      .from(communicationLogs)
      .where(eq(communicationLogs.id, graph.communication.id));
    expect(row?.status).toBe("delivered");
    expect(row?.deliveredAt).toBeInstanceOf(Date);
  });

  it("records an undelivered message with Twilio's error code", async () => {
    const { db } = database.current;
    const graph = await seedUserGraph(db);
    const sid = `SM${randomBytes(16).toString("hex")}`;
    await db.update(communicationLogs).set({ externalId: sid }).where(eq(communicationLogs.id, graph.communication.id));
    await postTwilioWebhook(app, "/sms-status", { MessageSid: sid, MessageStatus: "undelivered", ErrorCode: "30003" });
    const [row] = await db
      .select({ status: communicationLogs.status, errorMessage: communicationLogs.errorMessage })
      .from(communicationLogs)
      .where(eq(communicationLogs.id, graph.communication.id));
    expect(row).toEqual({ status: "bounced", errorMessage: "Twilio error 30003" });
  });
});
