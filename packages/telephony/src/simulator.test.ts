import { Hono } from "hono";
import twilio from "twilio";
import { describe, expect, it } from "vitest";
import { SIMULATED_ACCOUNT_SID, simulateCall } from "./simulator";

const TOKEN = "simulator-test-token";
const PUBLIC_URL = "https://calls.flynn.example";

interface Received {
  path: string;
  url: string;
  params: Record<string, string>;
}

/**
 * A stand-in for the API's webhooks: checks every signature with the twilio SDK against the
 * public URL, and keeps what arrived in order.
 */
function fakeWebhooks(voiceTwiml: string) {
  const received: Received[] = [];
  const app = new Hono();
  app.post("/webhooks/twilio/:name", async (c) => {
    const requestUrl = new URL(c.req.url);
    const url = `${PUBLIC_URL}${requestUrl.pathname}${requestUrl.search}`;
    const params = Object.fromEntries(new URLSearchParams(await c.req.text()));
    if (c.req.header("content-type")?.startsWith("application/x-www-form-urlencoded") !== true) {
      return c.text("form body expected", 400);
    }
    if (!twilio.validateRequest(TOKEN, c.req.header("x-twilio-signature") ?? "", url, params)) {
      return c.text("bad signature", 403);
    }
    received.push({ path: requestUrl.pathname, url, params });
    if (c.req.param("name") === "voice") return c.body(voiceTwiml, 200, { "content-type": "text/xml" });
    return c.body(null, 204);
  });
  return { app, received };
}

const RECORD_TWIML = `<?xml version="1.0" encoding="UTF-8"?><Response><Say>Leave a message.</Say><Record maxLength="120" recordingStatusCallback="${PUBLIC_URL}/webhooks/twilio/recording?callId=42&amp;leg=1" transcribe="true" transcribeCallback="/webhooks/twilio/transcription"/></Response>`;

describe("simulateCall", () => {
  it("sends voice, three status callbacks, the recording and the transcription, signed for the public URL", async () => {
    const { app, received } = fakeWebhooks(RECORD_TWIML);
    const transcript =
      "Hi, this is Dana Whitfield. Could someone fix a leaking water heater at 14 Elm Street on Thursday at ten?";
    const now = new Date("2026-10-06T14:03:07Z");
    const call = await simulateCall({
      baseUrl: "http://127.0.0.1:8787",
      publicUrl: PUBLIC_URL,
      authToken: TOKEN,
      to: "+15550100",
      from: "+14155552671",
      transcript,
      now,
      fetch: async (url, init) => app.request(url, init),
    });

    expect(call.ok).toBe(true);
    expect(call.callSid).toMatch(/^CA[0-9a-f]{32}$/);
    expect(call.recordingSid).toMatch(/^RE[0-9a-f]{32}$/);
    expect(call.transcriptionSid).toMatch(/^TR[0-9a-f]{32}$/);
    expect(call.steps).toEqual([
      { step: "voice", url: `${PUBLIC_URL}/webhooks/twilio/voice`, status: 200 },
      { step: "status ringing", url: `${PUBLIC_URL}/webhooks/twilio/status`, status: 204 },
      { step: "status in-progress", url: `${PUBLIC_URL}/webhooks/twilio/status`, status: 204 },
      { step: "status completed", url: `${PUBLIC_URL}/webhooks/twilio/status`, status: 204 },
      // The callback URLs the TwiML asked for, query string included; a relative one resolved.
      { step: "recording completed", url: `${PUBLIC_URL}/webhooks/twilio/recording?callId=42&leg=1`, status: 204 },
      { step: "transcription completed", url: `${PUBLIC_URL}/webhooks/twilio/transcription`, status: 204 },
    ]);

    const [voice, ringing, inProgress, completed, recording, transcription] = received.map((r) => r.params);
    expect(new Set(received.map((r) => r.params.CallSid))).toEqual(new Set([call.callSid]));
    expect(voice).toMatchObject({
      AccountSid: SIMULATED_ACCOUNT_SID,
      ApiVersion: "2010-04-01",
      CallStatus: "ringing",
      Direction: "inbound",
      From: "+14155552671",
      Caller: "+14155552671",
      To: "+15550100",
      Called: "+15550100",
      ToCity: "",
    });
    expect(voice).not.toHaveProperty("SequenceNumber");
    expect([ringing, inProgress, completed].map((p) => [p?.CallStatus, p?.SequenceNumber, p?.CallDuration])).toEqual([
      ["ringing", "0", undefined],
      ["in-progress", "1", undefined],
      ["completed", "2", "12"],
    ]);
    expect(ringing?.Timestamp).toBe("Tue, 06 Oct 2026 14:03:07 +0000");
    expect(completed?.Timestamp).toBe("Tue, 06 Oct 2026 14:03:19 +0000");
    expect(completed?.CallbackSource).toBe("call-progress-events");
    expect(recording).toEqual({
      AccountSid: SIMULATED_ACCOUNT_SID,
      CallSid: call.callSid,
      RecordingSid: call.recordingSid,
      RecordingUrl: `https://api.twilio.com/2010-04-01/Accounts/${SIMULATED_ACCOUNT_SID}/Recordings/${call.recordingSid}`,
      RecordingStatus: "completed",
      RecordingDuration: "8",
      RecordingChannels: "1",
      RecordingStartTime: "Tue, 06 Oct 2026 14:03:11 +0000",
      RecordingSource: "RecordVerb",
      RecordingTrack: "both",
      ErrorCode: "0",
    });
    expect(transcription).toMatchObject({
      TranscriptionText: transcript,
      TranscriptionStatus: "completed",
      TranscriptionSid: call.transcriptionSid,
      RecordingSid: call.recordingSid,
      CallStatus: "completed",
    });
  });

  it("a forwarded call's recording is a dual-channel Dial recording; without callback URLs the default paths are used", async () => {
    const { app, received } = fakeWebhooks(
      `<Response><Dial record="record-from-answer-dual"><Number>+15125550123</Number></Dial></Response>`,
    );
    const call = await simulateCall({
      baseUrl: "http://localhost:8787/",
      publicUrl: `${PUBLIC_URL}/`,
      authToken: TOKEN,
      to: "+15550100",
      from: "+14155552671",
      transcript: "Short one.",
      fetch: async (url, init) => app.request(url, init),
    });
    expect(call.ok).toBe(true);
    expect(received.map((r) => r.path)).toEqual([
      "/webhooks/twilio/voice",
      "/webhooks/twilio/status",
      "/webhooks/twilio/status",
      "/webhooks/twilio/status",
      "/webhooks/twilio/recording",
      "/webhooks/twilio/transcription",
    ]);
    expect(received[4]?.params).toMatchObject({ RecordingSource: "DialVerb", RecordingChannels: "2" });
  });

  it("a callback URL off the public URL is not followed", async () => {
    const { app, received } = fakeWebhooks(
      `<Response><Record recordingStatusCallback="https://elsewhere.example/hook" transcribeCallback="https://elsewhere.example/t"/></Response>`,
    );
    await simulateCall({
      baseUrl: "http://localhost:8787",
      publicUrl: PUBLIC_URL,
      authToken: TOKEN,
      to: "+15550100",
      from: "+14155552671",
      transcript: "Hello.",
      fetch: async (url, init) => app.request(url, init),
    });
    expect(received.slice(4).map((r) => r.url)).toEqual([
      `${PUBLIC_URL}/webhooks/twilio/recording`,
      `${PUBLIC_URL}/webhooks/twilio/transcription`,
    ]);
  });

  it("stops at the first request that is refused (here: signed with the wrong token)", async () => {
    const { app, received } = fakeWebhooks(RECORD_TWIML);
    const call = await simulateCall({
      baseUrl: "http://localhost:8787",
      publicUrl: PUBLIC_URL,
      authToken: "not-the-token",
      to: "+15550100",
      from: "+14155552671",
      transcript: "Hello.",
      fetch: async (url, init) => app.request(url, init),
    });
    expect(call.ok).toBe(false);
    expect(call.steps).toEqual([{ step: "voice", url: `${PUBLIC_URL}/webhooks/twilio/voice`, status: 403 }]);
    expect(received).toEqual([]);
  });
});
