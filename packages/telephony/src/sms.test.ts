import { HttpResponse, http } from "msw";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createSmsSender, SmsSendError } from "./sms";

const ACCOUNT_SID = `AC${"c".repeat(32)}`;
const AUTH_TOKEN = "test-twilio-token-for-msw-only";
const MESSAGES = `https://api.twilio.com/2010-04-01/Accounts/${ACCOUNT_SID}/Messages.json`;
const CALLBACK = "https://api.flynn.example/webhooks/twilio/sms-status";
const SID = `SM${"d".repeat(32)}`;

const received: { authorization: string | null; form: Record<string, string> }[] = [];
const server = setupServer();

beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterEach(() => {
  server.resetHandlers();
  received.length = 0;
});
afterAll(() => server.close());

function twilioAnswers(respond: () => Response) {
  server.use(
    http.post(MESSAGES, async ({ request }) => {
      received.push({
        authorization: request.headers.get("authorization"),
        form: Object.fromEntries(new URLSearchParams(await request.text())),
      });
      return respond();
    }),
  );
}

const twilioError = (status: number, code: number, message: string) =>
  HttpResponse.json({ code, message, more_info: `https://www.twilio.com/docs/errors/${code}`, status }, { status });

const sender = () =>
  createSmsSender({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN, statusCallbackUrl: CALLBACK, timeoutMs: 2000 });
const sms = { to: "+15125550142", from: "+15125550100", body: "Joe's Plumbing: confirmed. Reply STOP to opt out." };

async function failure(promise: Promise<unknown>): Promise<SmsSendError> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(SmsSendError);
  return error as SmsSendError;
}

describe("SMS through Twilio's Messages API (real SDK, msw-mocked)", () => {
  it("posts To, From, Body and the status callback with Basic auth, and returns the message SID", async () => {
    twilioAnswers(() =>
      HttpResponse.json({ sid: SID, status: "queued", direction: "outbound-api", num_segments: "1" }, { status: 201 }),
    );
    expect(await sender().send(sms)).toEqual({ providerId: SID });
    expect(received).toHaveLength(1);
    expect(received[0]?.form).toEqual({ To: sms.to, From: sms.from, Body: sms.body, StatusCallback: CALLBACK });
    expect(received[0]?.authorization).toBe(`Basic ${Buffer.from(`${ACCOUNT_SID}:${AUTH_TOKEN}`).toString("base64")}`);
  });

  it("a refusal (400) was not sent and is final; 21610 names the unsubscribed recipient", async () => {
    twilioAnswers(() => twilioError(400, 21610, "Attempt to send to unsubscribed recipient"));
    const error = await failure(sender().send(sms));
    expect(error).toMatchObject({ outcome: "not-sent", transient: false, status: 400, code: 21610 });
    expect(error.message).toContain("21610");
    expect(received).toHaveLength(1);
  });

  it("429 was not sent and may be tried later; a 5xx may have gone out, so its outcome is unknown", async () => {
    twilioAnswers(() => twilioError(429, 20429, "Too Many Requests"));
    expect(await failure(sender().send(sms))).toMatchObject({ outcome: "not-sent", transient: true, status: 429 });
    server.resetHandlers();
    twilioAnswers(() => twilioError(503, 20500, "Internal Server Error"));
    expect(await failure(sender().send(sms))).toMatchObject({ outcome: "unknown", status: 503 });
  });

  it("a dropped connection leaves the outcome unknown (the request may have reached Twilio)", async () => {
    twilioAnswers(() => HttpResponse.error());
    expect(await failure(sender().send(sms))).toMatchObject({ outcome: "unknown", status: null });
    expect(received).toHaveLength(1);
  });

  it("without credentials the text stays in the outbox: no request", async () => {
    const outbox = createSmsSender(null);
    expect(outbox.mode).toBe("outbox");
    expect(await outbox.send(sms)).toEqual({ providerId: null });
    expect(received).toHaveLength(0);
  });
});
