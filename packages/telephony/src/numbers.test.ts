import { HttpResponse, http } from "msw";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createTelephony, SIMULATED_NUMBERS, TelephonyError } from "./numbers";

const ACCOUNT_SID = `AC${"a".repeat(32)}`;
const AUTH_TOKEN = "test-twilio-token-for-msw-only";
const PUBLIC_URL = "https://api.flynn.example";
const ACCOUNT = `https://api.twilio.com/2010-04-01/Accounts/${ACCOUNT_SID}`;
const PN_SID = `PN${"b".repeat(32)}`;

interface Received {
  method: string;
  url: URL;
  authorization: string | null;
  form: Record<string, string>;
}

const received: Received[] = [];
const server = setupServer();

async function record(request: Request) {
  const text = request.method === "POST" ? await request.text() : "";
  received.push({
    method: request.method,
    url: new URL(request.url),
    authorization: request.headers.get("authorization"),
    form: Object.fromEntries(new URLSearchParams(text)),
  });
}

/** Twilio's error document, as its REST API answers a refused request. */
function twilioError(status: number, code: number, message: string) {
  return HttpResponse.json(
    { code, message, more_info: `https://www.twilio.com/docs/errors/${code}`, status },
    { status },
  );
}

beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterEach(() => {
  server.resetHandlers();
  received.length = 0;
});
afterAll(() => server.close());

const telephony = () => createTelephony({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN, publicUrl: PUBLIC_URL });

describe("Twilio telephony (real SDK against msw-mocked REST API)", () => {
  it("searches local numbers by area code and digits", async () => {
    server.use(
      http.get(`${ACCOUNT}/AvailablePhoneNumbers/US/Local.json`, async ({ request }) => {
        await record(request);
        return HttpResponse.json({
          uri: "/2010-04-01/Accounts/AC/AvailablePhoneNumbers/US/Local.json",
          available_phone_numbers: [
            {
              friendly_name: "(512) 555-0142",
              phone_number: "+15125550142",
              locality: "Austin",
              region: "TX",
              iso_country: "US",
              capabilities: { voice: true, SMS: true, MMS: true },
            },
            {
              friendly_name: "(512) 555-0199",
              phone_number: "+15125550199",
              locality: "",
              region: "TX",
              iso_country: "US",
              capabilities: { voice: true, SMS: true, MMS: false },
            },
          ],
        });
      }),
    );
    const numbers = await telephony().searchAvailable({ country: "us", areaCode: 512, contains: "55501" });
    expect(numbers).toEqual([
      { phoneNumber: "+15125550142", friendlyName: "(512) 555-0142", locality: "Austin", region: "TX" },
      { phoneNumber: "+15125550199", friendlyName: "(512) 555-0199", locality: null, region: "TX" },
    ]);
    expect(received).toHaveLength(1);
    const [request] = received;
    expect(request?.url.searchParams.get("AreaCode")).toBe("512");
    expect(request?.url.searchParams.get("Contains")).toBe("55501");
    expect(request?.url.searchParams.get("VoiceEnabled")).toBe("true");
    expect(request?.authorization).toBe(`Basic ${Buffer.from(`${ACCOUNT_SID}:${AUTH_TOKEN}`).toString("base64")}`);
  });

  it("buys a number with its voice, status and SMS webhooks pointing at the public URL", async () => {
    server.use(
      http.post(`${ACCOUNT}/IncomingPhoneNumbers.json`, async ({ request }) => {
        await record(request);
        return HttpResponse.json(
          {
            sid: PN_SID,
            account_sid: ACCOUNT_SID,
            phone_number: "+15125550142",
            friendly_name: "(512) 555-0142",
            voice_url: `${PUBLIC_URL}/webhooks/twilio/voice`,
          },
          { status: 201 },
        );
      }),
    );
    expect(await telephony().buy("+15125550142")).toEqual({ phoneNumber: "+15125550142", sid: PN_SID });
    expect(received.map((r) => [r.method, r.url.pathname])).toEqual([
      ["POST", `/2010-04-01/Accounts/${ACCOUNT_SID}/IncomingPhoneNumbers.json`],
    ]);
    expect(received[0]?.form).toEqual({
      PhoneNumber: "+15125550142",
      VoiceUrl: "https://api.flynn.example/webhooks/twilio/voice",
      VoiceMethod: "POST",
      StatusCallback: "https://api.flynn.example/webhooks/twilio/status",
      StatusCallbackMethod: "POST",
      SmsUrl: "https://api.flynn.example/webhooks/twilio/sms",
      SmsMethod: "POST",
    });
  });

  it("a trailing slash in the public URL does not double in the webhook URLs", async () => {
    server.use(
      http.post(`${ACCOUNT}/IncomingPhoneNumbers.json`, async ({ request }) => {
        await record(request);
        return HttpResponse.json({ sid: PN_SID, phone_number: "+15125550142" }, { status: 201 });
      }),
    );
    await createTelephony({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN, publicUrl: `${PUBLIC_URL}/` }).buy(
      "+15125550142",
    );
    expect(received[0]?.form.VoiceUrl).toBe("https://api.flynn.example/webhooks/twilio/voice");
  });

  it("a number Twilio refuses to sell is a TelephonyError carrying Twilio's status, code and message", async () => {
    server.use(
      http.post(`${ACCOUNT}/IncomingPhoneNumbers.json`, () =>
        twilioError(400, 21422, "PhoneNumber requested is not available"),
      ),
    );
    const error = await telephony()
      .buy("+15125550142")
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TelephonyError);
    expect(error).toMatchObject({
      status: 400,
      code: 21422,
      message: "Twilio could not buy +15125550142: PhoneNumber requested is not available (error 21422)",
    });
  });

  it("a rejected credential is a TelephonyError too", async () => {
    server.use(
      http.get(`${ACCOUNT}/AvailablePhoneNumbers/US/Local.json`, () => twilioError(401, 20003, "Authenticate")),
    );
    await expect(telephony().searchAvailable({ country: "US" })).rejects.toMatchObject({
      name: "TelephonyError",
      status: 401,
      code: 20003,
    });
  });

  it("releases a number by deleting the IncomingPhoneNumber", async () => {
    server.use(
      http.delete(`${ACCOUNT}/IncomingPhoneNumbers/:sid.json`, async ({ request }) => {
        await record(request);
        return new HttpResponse(null, { status: 204 });
      }),
    );
    await telephony().release(PN_SID);
    expect(received.map((r) => [r.method, r.url.pathname])).toEqual([
      ["DELETE", `/2010-04-01/Accounts/${ACCOUNT_SID}/IncomingPhoneNumbers/${PN_SID}.json`],
    ]);
  });

  it("releasing a number Twilio no longer has succeeds; other failures do not", async () => {
    server.use(
      http.delete(`${ACCOUNT}/IncomingPhoneNumbers/:sid.json`, ({ params }) =>
        params.sid === PN_SID
          ? twilioError(404, 20404, "The requested resource was not found")
          : twilioError(500, 20500, "Internal Server Error"),
      ),
    );
    await expect(telephony().release(PN_SID)).resolves.toBeUndefined();
    await expect(telephony().release(`PN${"c".repeat(32)}`)).rejects.toMatchObject({
      name: "TelephonyError",
      status: 500,
    });
  });
});

describe("simulated telephony (no credentials)", () => {
  const simulated = createTelephony(null);

  it("offers +1 555 01xx numbers, filtered by digits and limited", async () => {
    expect(simulated.simulated).toBe(true);
    const all = await simulated.searchAvailable({ country: "US", limit: 100 });
    expect(all.map((n) => n.phoneNumber)).toEqual(SIMULATED_NUMBERS);
    expect(all[0]).toEqual({ phoneNumber: "+15550100", friendlyName: "555-0100", locality: "Simulated", region: null });
    expect(SIMULATED_NUMBERS.at(-1)).toBe("+15550199");
    expect(await simulated.searchAvailable({ country: "US" })).toHaveLength(20);
    const matching = await simulated.searchAvailable({ country: "US", contains: "017" });
    expect(matching.map((n) => n.phoneNumber)).toEqual(Array.from({ length: 10 }, (_, i) => `+1555017${i}`));
    expect(await simulated.searchAvailable({ country: "GB" })).toEqual([]);
  });

  it("buys a simulated number with a well-formed SID, and refuses any other number", async () => {
    const bought = await simulated.buy("+15550142");
    expect(bought.phoneNumber).toBe("+15550142");
    expect(bought.sid).toMatch(/^PN[0-9a-f]{32}$/);
    expect((await simulated.buy("+15550142")).sid).not.toBe(bought.sid);
    await expect(simulated.buy("+15125550142")).rejects.toMatchObject({ name: "TelephonyError", status: 400 });
    await expect(simulated.release(bought.sid)).resolves.toBeUndefined();
  });
});
