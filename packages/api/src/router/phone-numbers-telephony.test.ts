// Buying, releasing and calling numbers: the procedures that reach a telephony provider.
import { insertUser, randomPhoneNumber, seedUserGraph, useTestDatabase } from "@flynn/db/testing";
import { createTelephony, type SimulatedCall } from "@flynn/telephony";
import { HttpResponse, http } from "msw";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { Context } from "../context";
import { callerFor, invalidFields } from "../testing";

const database = useTestDatabase();

const ACCOUNT_SID = `AC${"d".repeat(32)}`;
const ACCOUNT = `https://api.twilio.com/2010-04-01/Accounts/${ACCOUNT_SID}`;
const PUBLIC_URL = "https://api.flynn.example";
const twilioTelephony = createTelephony({
  accountSid: ACCOUNT_SID,
  authToken: "msw-only-token",
  publicUrl: PUBLIC_URL,
});
const simulatedTelephony = createTelephony(null);

const received: { method: string; path: string; form: Record<string, string> }[] = [];
const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterEach(() => {
  server.resetHandlers();
  received.length = 0;
});
afterAll(() => server.close());

const sidFor = (n: number) => `PN${n.toString(16).padStart(32, "0")}`;

/** Twilio's IncomingPhoneNumbers endpoints: buying answers with `sid`, deleting with 204. */
function twilioSells(sid: string) {
  server.use(
    http.post(`${ACCOUNT}/IncomingPhoneNumbers.json`, async ({ request }) => {
      const form = Object.fromEntries(new URLSearchParams(await request.text()));
      received.push({ method: "POST", path: new URL(request.url).pathname, form });
      return HttpResponse.json({ sid, account_sid: ACCOUNT_SID, phone_number: form.PhoneNumber }, { status: 201 });
    }),
    http.delete(`${ACCOUNT}/IncomingPhoneNumbers/:sid.json`, ({ request }) => {
      received.push({ method: "DELETE", path: new URL(request.url).pathname, form: {} });
      return new HttpResponse(null, { status: 204 });
    }),
  );
}

async function phoneRows(userId: string) {
  const { rows } = await database.current.db.$client.query(
    "SELECT twilio_phone_number, twilio_phone_sid, is_active FROM phone_numbers WHERE user_id = $1 ORDER BY created_at, id",
    [userId],
  );
  return rows;
}

describe("phoneNumbers with the simulated provider (development without Twilio)", () => {
  it("search offers +1 555 01xx numbers; buy saves the number with a well-formed SID, audited", async () => {
    const { db } = database.current;
    const user = await insertUser(db);
    const caller = callerFor(db, user, { telephony: simulatedTelephony });
    const offer = await caller.phoneNumbers.search({ contains: "0142" });
    expect(offer).toEqual({
      simulated: true,
      numbers: [{ phoneNumber: "+15550142", friendlyName: "555-0142", locality: "Simulated", region: null }],
    });
    const bought = await caller.phoneNumbers.buy({ phoneNumber: "+15550142" });
    expect(bought).toMatchObject({ twilioPhoneNumber: "+15550142", isActive: true });
    expect(bought.twilioPhoneSid).toMatch(/^PN[0-9a-f]{32}$/);
    expect(await phoneRows(user.id)).toEqual([
      { twilio_phone_number: "+15550142", twilio_phone_sid: bought.twilioPhoneSid, is_active: true },
    ]);
    const { rows } = await db.$client.query("SELECT action FROM audit_logs WHERE resource_id = $1", [bought.id]);
    expect(rows).toEqual([{ action: "phone_number.created" }]);
  });

  it("buying a number outside the simulated range is refused, and nothing is written", async () => {
    const { db } = database.current;
    const user = await insertUser(db);
    const caller = callerFor(db, user, { telephony: simulatedTelephony });
    await expect(caller.phoneNumbers.buy({ phoneNumber: "+15125550100" })).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: expect.stringContaining("not a simulated number"),
    });
    expect(await phoneRows(user.id)).toEqual([]);
  });

  it("release marks the number inactive", async () => {
    const { db } = database.current;
    const user = await insertUser(db);
    const caller = callerFor(db, user, { telephony: simulatedTelephony });
    const bought = await caller.phoneNumbers.buy({ phoneNumber: "+15550177" });
    expect(await caller.phoneNumbers.release({ id: bought.id })).toMatchObject({ id: bought.id, isActive: false });
    expect((await phoneRows(user.id))[0]).toMatchObject({ is_active: false });
  });
});

describe("phoneNumbers with Twilio (msw-mocked REST API, real SDK)", () => {
  it("search passes the filters to Twilio", async () => {
    const { db } = database.current;
    const user = await insertUser(db);
    let query: URLSearchParams | undefined;
    server.use(
      http.get(`${ACCOUNT}/AvailablePhoneNumbers/CA/Local.json`, ({ request }) => {
        query = new URL(request.url).searchParams;
        return HttpResponse.json({
          available_phone_numbers: [
            { phone_number: "+16045550123", friendly_name: "(604) 555-0123", locality: "Vancouver", region: "BC" },
          ],
        });
      }),
    );
    const offer = await callerFor(db, user, { telephony: twilioTelephony }).phoneNumbers.search({
      country: "ca",
      areaCode: 604,
      contains: "555",
    });
    expect(offer).toEqual({
      simulated: false,
      numbers: [{ phoneNumber: "+16045550123", friendlyName: "(604) 555-0123", locality: "Vancouver", region: "BC" }],
    });
    expect([query?.get("AreaCode"), query?.get("Contains")]).toEqual(["604", "555"]);
  });

  it("buy creates the IncomingPhoneNumber with the webhooks on PUBLIC_URL and saves Twilio's SID", async () => {
    const { db } = database.current;
    const user = await insertUser(db);
    const number = randomPhoneNumber();
    twilioSells(sidFor(1));
    const bought = await callerFor(db, user, { telephony: twilioTelephony }).phoneNumbers.buy({ phoneNumber: number });
    expect(bought).toMatchObject({ twilioPhoneNumber: number, twilioPhoneSid: sidFor(1), isActive: true });
    expect(received).toEqual([
      {
        method: "POST",
        path: `/2010-04-01/Accounts/${ACCOUNT_SID}/IncomingPhoneNumbers.json`,
        form: {
          PhoneNumber: number,
          VoiceUrl: `${PUBLIC_URL}/webhooks/twilio/voice`,
          VoiceMethod: "POST",
          StatusCallback: `${PUBLIC_URL}/webhooks/twilio/status`,
          StatusCallbackMethod: "POST",
          SmsUrl: `${PUBLIC_URL}/webhooks/twilio/sms`,
          SmsMethod: "POST",
        },
      },
    ]);
    expect(await phoneRows(user.id)).toEqual([
      { twilio_phone_number: number, twilio_phone_sid: sidFor(1), is_active: true },
    ]);
  });

  it("a bought number that cannot be saved (active for another business) is released at once", async () => {
    const { db } = database.current;
    const other = await seedUserGraph(db);
    const user = await insertUser(db);
    twilioSells(sidFor(2));
    await expect(
      callerFor(db, user, { telephony: twilioTelephony }).phoneNumbers.buy({
        phoneNumber: other.phoneNumber.twilioPhoneNumber,
      }),
    ).rejects.toMatchObject({ code: "CONFLICT" });
    expect(received.map((r) => [r.method, r.path])).toEqual([
      ["POST", `/2010-04-01/Accounts/${ACCOUNT_SID}/IncomingPhoneNumbers.json`],
      ["DELETE", `/2010-04-01/Accounts/${ACCOUNT_SID}/IncomingPhoneNumbers/${sidFor(2)}.json`],
    ]);
    expect(await phoneRows(user.id)).toEqual([]);
  });

  it("Twilio's refusal is BAD_REQUEST with Twilio's reason; its failure is BAD_GATEWAY; nothing is written", async () => {
    const { db } = database.current;
    const user = await insertUser(db);
    const caller = callerFor(db, user, { telephony: twilioTelephony });
    server.use(
      http.post(`${ACCOUNT}/IncomingPhoneNumbers.json`, async ({ request }) => {
        const form = new URLSearchParams(await request.text());
        return form.get("PhoneNumber") === "+15125550100"
          ? HttpResponse.json(
              { code: 21422, message: "PhoneNumber requested is not available", status: 400 },
              { status: 400 },
            )
          : HttpResponse.json({ code: 20500, message: "Internal Server Error", status: 500 }, { status: 500 });
      }),
    );
    await expect(caller.phoneNumbers.buy({ phoneNumber: "+15125550100" })).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: "Twilio could not buy +15125550100: PhoneNumber requested is not available (error 21422)",
    });
    await expect(caller.phoneNumbers.buy({ phoneNumber: "+15125550101" })).rejects.toMatchObject({
      code: "BAD_GATEWAY",
    });
    expect(await phoneRows(user.id)).toEqual([]);
  });

  it("release deletes the number at Twilio, then marks it inactive; a Twilio failure leaves it active", async () => {
    const { db } = database.current;
    const user = await insertUser(db);
    const caller = callerFor(db, user, { telephony: twilioTelephony });
    const registered = await caller.phoneNumbers.register({
      phoneNumber: randomPhoneNumber(),
      twilioPhoneSid: sidFor(3),
    });

    server.use(
      http.delete(`${ACCOUNT}/IncomingPhoneNumbers/:sid.json`, () =>
        HttpResponse.json({ code: 20500, message: "Internal Server Error", status: 500 }, { status: 500 }),
      ),
    );
    await expect(caller.phoneNumbers.release({ id: registered.id })).rejects.toMatchObject({ code: "BAD_GATEWAY" });
    expect((await phoneRows(user.id))[0]).toMatchObject({ is_active: true });

    server.resetHandlers();
    twilioSells(sidFor(3));
    expect(await caller.phoneNumbers.release({ id: registered.id })).toMatchObject({ isActive: false });
    expect(received.map((r) => [r.method, r.path])).toEqual([
      ["DELETE", `/2010-04-01/Accounts/${ACCOUNT_SID}/IncomingPhoneNumbers/${sidFor(3)}.json`],
    ]);
    expect((await phoneRows(user.id))[0]).toMatchObject({ is_active: false });
  });

  it("another user's number is NOT_FOUND for release, and Twilio is not asked", async () => {
    const { db } = database.current;
    const other = await seedUserGraph(db);
    const user = await insertUser(db);
    await expect(
      callerFor(db, user, { telephony: twilioTelephony }).phoneNumbers.release({ id: other.phoneNumber.id }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(received).toEqual([]);
    expect((await phoneRows(other.user.id))[0]).toMatchObject({ is_active: true });
  });
});

describe("phoneNumbers errors and access", () => {
  it("without a provider (production without Twilio credentials) search, buy and release are PRECONDITION_FAILED", async () => {
    const { db } = database.current;
    const user = await insertUser(db);
    const caller = callerFor(db, user);
    await expect(caller.phoneNumbers.search({})).rejects.toMatchObject({ code: "PRECONDITION_FAILED" });
    await expect(caller.phoneNumbers.buy({ phoneNumber: "+15550100" })).rejects.toMatchObject({
      code: "PRECONDITION_FAILED",
    });
    expect(await phoneRows(user.id)).toEqual([]);
  });

  it("rejects bad input naming the fields", async () => {
    const { db } = database.current;
    const user = await insertUser(db);
    const caller = callerFor(db, user, { telephony: simulatedTelephony });
    const search = await caller.phoneNumbers.search({ country: "USA", areaCode: 12, contains: "5!" }).catch((e) => e);
    expect(invalidFields(search)).toEqual(["areaCode", "contains", "country"]);
    const buy = await caller.phoneNumbers.buy({ phoneNumber: "555-0100" }).catch((e) => e);
    expect(invalidFields(buy)).toEqual(["phoneNumber"]);
    const simulate = await caller.phoneNumbers
      .simulateCall({ id: "nope", from: "anonymous", transcript: " " })
      .catch((e) => e);
    expect(invalidFields(simulate)).toEqual(["from", "id", "transcript"]);
    expect(await phoneRows(user.id)).toEqual([]);
  });

  it("refuses callers without a session", async () => {
    const anonymous = callerFor(database.current.db, null, { telephony: simulatedTelephony });
    await expect(anonymous.phoneNumbers.search({})).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    await expect(anonymous.phoneNumbers.buy({ phoneNumber: "+15550100" })).rejects.toMatchObject({
      code: "UNAUTHORIZED",
    });
    await expect(anonymous.phoneNumbers.release({ id: "0b6f3bb4-3f5e-4d0c-9a43-0a0e6f1e7d55" })).rejects.toMatchObject({
      code: "UNAUTHORIZED",
    });
  });
});

describe("phoneNumbers.simulateCall", () => {
  const okCall: SimulatedCall = {
    callSid: `CA${"1".repeat(32)}`,
    recordingSid: `RE${"1".repeat(32)}`,
    transcriptionSid: `TR${"1".repeat(32)}`,
    ok: true,
    steps: [],
  };

  function recordingSimulator(result = okCall) {
    const calls: Parameters<NonNullable<Context["simulateCall"]>>[0][] = [];
    const simulateCall: Context["simulateCall"] = async (call) => {
      calls.push(call);
      return result;
    };
    return { calls, simulateCall };
  }

  it("calls the user's active number with the transcript", async () => {
    const { db } = database.current;
    const user = await insertUser(db);
    const { calls, simulateCall } = recordingSimulator();
    const caller = callerFor(db, user, { telephony: simulatedTelephony, simulateCall });
    const number = await caller.phoneNumbers.buy({ phoneNumber: "+15550105" });
    expect(await caller.phoneNumbers.simulateCall({ id: number.id, transcript: " Fix my sink Friday " })).toEqual(
      okCall,
    );
    await caller.phoneNumbers.simulateCall({ id: number.id, transcript: "Again", from: "+15125550123" });
    expect(calls).toEqual([
      { to: "+15550105", transcript: "Fix my sink Friday" },
      { to: "+15550105", transcript: "Again", from: "+15125550123" },
    ]);
  });

  it("is FORBIDDEN where the server offers no simulator (production)", async () => {
    const { db } = database.current;
    const user = await insertUser(db);
    const caller = callerFor(db, user, { telephony: simulatedTelephony });
    const number = await caller.phoneNumbers.buy({ phoneNumber: "+15550106" });
    await expect(caller.phoneNumbers.simulateCall({ id: number.id, transcript: "Hello" })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
  });

  it("another user's number is NOT_FOUND, an inactive one BAD_REQUEST, and nothing is called", async () => {
    const { db } = database.current;
    const other = await seedUserGraph(db);
    const user = await insertUser(db);
    const { calls, simulateCall } = recordingSimulator();
    const caller = callerFor(db, user, { telephony: simulatedTelephony, simulateCall });
    await expect(
      caller.phoneNumbers.simulateCall({ id: other.phoneNumber.id, transcript: "Hello" }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    const number = await caller.phoneNumbers.buy({ phoneNumber: "+15550107" });
    await caller.phoneNumbers.deactivate({ id: number.id });
    await expect(caller.phoneNumbers.simulateCall({ id: number.id, transcript: "Hello" })).rejects.toMatchObject({
      code: "BAD_REQUEST",
    });
    expect(calls).toEqual([]);
  });

  it("a webhook that refuses the call is reported with the step and status", async () => {
    const { db } = database.current;
    const user = await insertUser(db);
    const { simulateCall } = recordingSimulator({
      ...okCall,
      ok: false,
      steps: [{ step: "voice", url: "https://x/webhooks/twilio/voice", status: 403 }],
    });
    const caller = callerFor(db, user, { telephony: simulatedTelephony, simulateCall });
    const number = await caller.phoneNumbers.buy({ phoneNumber: "+15550108" });
    await expect(caller.phoneNumbers.simulateCall({ id: number.id, transcript: "Hello" })).rejects.toMatchObject({
      code: "INTERNAL_SERVER_ERROR",
      message: "The simulated call failed: voice answered 403",
    });
  });
});

describe("phoneNumbers.capabilities", () => {
  const simulateCall: Context["simulateCall"] = async () => {
    throw new Error("capabilities must not place a call");
  };

  it("offers simulated calls and buying only where the server has them", async () => {
    const { db } = database.current;
    const user = await insertUser(db);
    expect(
      await callerFor(db, user, { telephony: simulatedTelephony, simulateCall }).phoneNumbers.capabilities(),
    ).toEqual({ simulateCalls: true, buyNumbers: true });
    // Production with Twilio: numbers are bought, calls are never simulated.
    expect(await callerFor(db, user, { telephony: twilioTelephony }).phoneNumbers.capabilities()).toEqual({
      simulateCalls: false,
      buyNumbers: true,
    });
    expect(await callerFor(db, user).phoneNumbers.capabilities()).toEqual({ simulateCalls: false, buyNumbers: false });
  });

  it("requires a session", async () => {
    const { db } = database.current;
    await expect(callerFor(db, null, { simulateCall }).phoneNumbers.capabilities()).rejects.toMatchObject({
      code: "UNAUTHORIZED",
    });
  });
});
