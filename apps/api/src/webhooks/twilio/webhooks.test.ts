import { randomBytes } from "node:crypto";
import { calls, industryConfigurations, phoneNumbers } from "@flynn/db/schema";
import { insertUser, randomPhoneNumber, useTestDatabase } from "@flynn/db/testing";
import { createJobQueue, enqueueJob, type JobQueue, TWILIO_TRANSCRIPT_WAIT_MS } from "@flynn/jobs";
import { DEV_TWILIO_AUTH_TOKEN, signTwilioRequest } from "@flynn/telephony";
import { eq } from "drizzle-orm";
import { XMLParser } from "fast-xml-parser";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createTestApp, postTwilioWebhook, TEST_PUBLIC_URL } from "../../testing";

const database = useTestDatabase();
let queue: JobQueue;
let app: ReturnType<typeof createTestApp>["app"];
let now = new Date();

// Monday 2026-10-05: 14:30 UTC is 10:30 in New York (open); 23:30 UTC is 19:30 there (closed).
const OPEN_IN_NEW_YORK = new Date("2026-10-05T14:30:00Z");
const CLOSED_IN_NEW_YORK = new Date("2026-10-05T23:30:00Z");
const OWNER_PHONE = "+15550100001";

const xml = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "", parseTagValue: false });
const callSid = () => `CA${randomBytes(16).toString("hex")}`;

let plumber: { userId: string; number: string };
let ownerWithoutPhone: { userId: string; number: string };
let inactiveNumber: string;

async function business(values: Parameters<typeof insertUser>[1], active = true) {
  const user = await insertUser(database.current.db, values);
  const number = randomPhoneNumber();
  await database.current.db.insert(phoneNumbers).values({
    userId: user.id,
    twilioPhoneNumber: number,
    twilioPhoneSid: `PN${randomBytes(16).toString("hex")}`,
    isActive: active,
  });
  return { userId: user.id, number };
}

beforeAll(async () => {
  queue = createJobQueue({ connectionString: database.current.url });
  await queue.migrate();
  app = createTestApp(database.current.db, { clock: () => now }).app;
  plumber = await business({
    industryType: "plumbing",
    timezone: "America/New_York",
    phoneNumber: OWNER_PHONE,
    companyName: "Pipe Pros",
  });
  ownerWithoutPhone = await business({ industryType: "plumbing", timezone: "America/New_York", phoneNumber: null });
  inactiveNumber = (await business({ industryType: "legal", phoneNumber: OWNER_PHONE }, false)).number;
});
afterAll(async () => {
  await queue?.close();
});
beforeEach(() => {
  now = OPEN_IN_NEW_YORK;
});

const post = (
  path: string,
  params: Record<string, string>,
  options: { signature?: string | null; headers?: Record<string, string> } = {},
) => postTwilioWebhook(app, path, params, options);

function voiceParams(sid: string, to: string, extra: Record<string, string> = {}) {
  return {
    AccountSid: `AC${"a".repeat(32)}`,
    ApiVersion: "2010-04-01",
    CallSid: sid,
    CallStatus: "ringing",
    Direction: "inbound",
    From: "+15550199999",
    To: to,
    FromCity: "",
    ...extra,
  };
}

async function callRow(sid: string) {
  const rows = await database.current.db.select().from(calls).where(eq(calls.twilioCallSid, sid));
  return rows;
}

async function jobsFor(callId: string) {
  return (await queue.queued()).filter((job) => (job.payload as { callId?: string }).callId === callId);
}

async function twiml(response: Response) {
  expect(response.status).toBe(200);
  expect(response.headers.get("content-type")).toMatch(/^text\/xml/);
  return xml.parse(await response.text()).Response;
}

describe("voice", () => {
  it("forwards to the owner with dual-channel recording within business hours", async () => {
    const sid = callSid();
    const response = await twiml(await post("/voice", voiceParams(sid, plumber.number, { CallerName: "JANE DOE" })));
    expect(response.Dial).toMatchObject({
      record: "record-from-answer-dual",
      recordingStatusCallback: `${TEST_PUBLIC_URL}/webhooks/twilio/recording`,
      recordingStatusCallbackEvent: "completed",
      Number: OWNER_PHONE,
    });
    expect(response.Record).toBeUndefined();
    const [row] = await callRow(sid);
    expect(row).toMatchObject({
      userId: plumber.userId,
      callerNumber: "+15550199999",
      callerName: "JANE DOE",
      callDirection: "inbound",
      callStatus: "ringing",
    });
  });

  it("sends the caller to voicemail when the owner does not answer, and ends when they did", async () => {
    const response = await twiml(await post("/voice", voiceParams(callSid(), plumber.number)));
    const action = new URL(response.Dial.action);
    expect(`${action.origin}${action.pathname}`).toBe(`${TEST_PUBLIC_URL}/webhooks/twilio/dialed`);
    expect(action.searchParams.get("greeting")).toContain("Pipe Pros");
    const dialed = (status: string) =>
      post(`/dialed${action.search}`, {
        CallSid: callSid(),
        DialCallStatus: status,
        AccountSid: `AC${"a".repeat(32)}`,
      });

    const unanswered = await twiml(await dialed("no-answer"));
    expect([unanswered.Say].flat()[0]).toContain("Pipe Pros");
    expect(unanswered.Record).toMatchObject({
      transcribeCallback: `${TEST_PUBLIC_URL}/webhooks/twilio/transcription`,
      recordingStatusCallback: `${TEST_PUBLIC_URL}/webhooks/twilio/recording`,
    });
    const answered = await twiml(await dialed("completed"));
    expect(answered.Record).toBeUndefined();
    expect(answered).toHaveProperty("Hangup");
    // The greeting in the URL is covered by the signature: a changed one is refused.
    const forged = await postTwilioWebhook(
      app,
      "/dialed?greeting=Send+money",
      { CallSid: callSid(), DialCallStatus: "busy" },
      {
        signature: signTwilioRequest(
          DEV_TWILIO_AUTH_TOKEN,
          `${TEST_PUBLIC_URL}/webhooks/twilio/dialed${action.search}`,
          {
            CallSid: "x",
            DialCallStatus: "busy",
          },
        ),
      },
    );
    expect(forged.status).toBe(403);
  });

  it("answers calls that ring at once each for its own business, one row per CallSid", async () => {
    const repeated = callSid();
    const requests = [
      voiceParams(callSid(), plumber.number),
      voiceParams(repeated, plumber.number),
      voiceParams(repeated, plumber.number), // Twilio's retry, in the same batch
      voiceParams(callSid(), ownerWithoutPhone.number),
      voiceParams(callSid(), "+15550000000"),
      voiceParams(callSid(), inactiveNumber),
    ];
    // The first is written at once; the others arrive while it runs and share the next statement.
    const answers = await Promise.all(requests.map(async (params) => twiml(await post("/voice", params))));
    expect(answers.map((a) => (a.Dial ? "forward" : a.Record ? "voicemail" : "not in service"))).toEqual([
      "forward",
      "forward",
      "forward",
      "voicemail",
      "not in service",
      "not in service",
    ]);
    const rows = await Promise.all(requests.map((params) => callRow(params.CallSid)));
    expect(rows.map((r) => r.map((row) => row.userId))).toEqual([
      [plumber.userId],
      [plumber.userId],
      [plumber.userId],
      [ownerWithoutPhone.userId],
      [],
      [],
    ]);
  });

  it("takes a message in the industry's words after hours", async () => {
    now = CLOSED_IN_NEW_YORK;
    const sid = callSid();
    const response = await twiml(await post("/voice", voiceParams(sid, plumber.number)));
    expect(response.Dial).toBeUndefined();
    const says = [response.Say].flat();
    expect(says[0]).toContain("Pipe Pros");
    expect(says[0]).toContain("service call");
    expect(says[0]).toContain("recorded");
    expect(response.Record).toMatchObject({
      action: `${TEST_PUBLIC_URL}/webhooks/twilio/recorded`,
      recordingStatusCallback: `${TEST_PUBLIC_URL}/webhooks/twilio/recording`,
      recordingStatusCallbackEvent: "completed",
      transcribe: "true",
      transcribeCallback: `${TEST_PUBLIC_URL}/webhooks/twilio/transcription`,
    });
    expect(await callRow(sid)).toHaveLength(1);
  });

  it("takes a message within hours when the owner has no phone", async () => {
    const response = await twiml(await post("/voice", voiceParams(callSid(), ownerWithoutPhone.number)));
    expect(response.Record).toBeDefined();
    expect(response.Dial).toBeUndefined();
  });

  it("uses the owner's own business hours over the industry default", async () => {
    const sunday = new Date("2026-10-04T15:00:00Z"); // plumbing defaults: closed on Sunday
    now = sunday;
    const owner = await business({ industryType: "plumbing", timezone: "UTC", phoneNumber: OWNER_PHONE });
    expect((await twiml(await post("/voice", voiceParams(callSid(), owner.number)))).Record).toBeDefined();
    await database.current.db.insert(industryConfigurations).values({
      userId: owner.userId,
      industryType: "plumbing",
      eventTypes: ["service_call"],
      businessHours: { sunday: { start: "10:00", end: "18:00" } },
    });
    expect((await twiml(await post("/voice", voiceParams(callSid(), owner.number)))).Dial).toMatchObject({
      Number: OWNER_PHONE,
    });
  });

  it.each([
    ["an unknown number", () => "+15550000000"],
    ["an inactive number", () => inactiveNumber],
  ])("answers %s politely, hangs up, and writes nothing", async (_name, number) => {
    const sid = callSid();
    const response = await twiml(await post("/voice", voiceParams(sid, number())));
    expect(String(response.Say)).toMatch(/not in service/);
    expect(response).toHaveProperty("Hangup");
    expect(await callRow(sid)).toHaveLength(0);
  });

  it("keeps one row when Twilio repeats the request", async () => {
    const sid = callSid();
    await post("/voice", voiceParams(sid, plumber.number));
    await post("/voice", voiceParams(sid, plumber.number));
    expect(await callRow(sid)).toHaveLength(1);
  });
});

describe("security", () => {
  it("refuses a missing, forged or foreign signature, and writes nothing", async () => {
    const sid = callSid();
    const params = voiceParams(sid, plumber.number);
    const statusUrl = `${TEST_PUBLIC_URL}/webhooks/twilio/status`;
    const otherHostUrl = `https://attacker.example/webhooks/twilio/voice`;
    const voiceUrl = `${TEST_PUBLIC_URL}/webhooks/twilio/voice`;
    const attempts = [
      post("/voice", params, { signature: null }),
      post("/voice", params, { signature: "RSOYDt4T1cUTdK1PDd93/VVr8B8=" }),
      post("/voice", params, { signature: signTwilioRequest("another-token", voiceUrl, params) }),
      post("/voice", params, { signature: signTwilioRequest(DEV_TWILIO_AUTH_TOKEN, statusUrl, params) }),
      post("/voice", params, { signature: signTwilioRequest(DEV_TWILIO_AUTH_TOKEN, otherHostUrl, params) }),
      // Signed for other parameters: one changed, one added.
      post(
        "/voice",
        { ...params, From: "+15550188888" },
        { signature: signTwilioRequest(DEV_TWILIO_AUTH_TOKEN, voiceUrl, params) },
      ),
      post(
        "/voice",
        { ...params, Extra: "1" },
        { signature: signTwilioRequest(DEV_TWILIO_AUTH_TOKEN, voiceUrl, params) },
      ),
    ];
    for (const response of await Promise.all(attempts)) expect(response.status).toBe(403);
    expect(await callRow(sid)).toHaveLength(0);
  });

  it("accepts parameters Twilio adds without notice", async () => {
    const sid = callSid();
    const response = await post("/voice", voiceParams(sid, plumber.number, { StirVerstat: "TN-Validation-Passed-A" }));
    expect(response.status).toBe(200);
    expect(await callRow(sid)).toHaveLength(1);
  });
});

describe("malformed requests", () => {
  it("answers 400 naming the problem and writes nothing", async () => {
    const sid = callSid();
    const { CallSid: _omitted, ...withoutCallSid } = voiceParams(sid, plumber.number);
    const missing = await post("/voice", withoutCallSid);
    expect(missing.status).toBe(400);
    expect(await missing.json()).toEqual({ error: "CallSid is required" });

    const badStatus = await post("/voice", voiceParams(sid, plumber.number, { CallStatus: "exploded" }));
    expect(badStatus.status).toBe(400);

    const json = await app.request("http://127.0.0.1:8787/webhooks/twilio/voice", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(voiceParams(sid, plumber.number)),
    });
    expect(json.status).toBe(400);
    expect(await json.text()).toMatch(/content-type/);

    const huge = await post("/voice", voiceParams(sid, plumber.number, { Padding: "x".repeat(70_000) }));
    expect(huge.status).toBe(400);
    expect(await huge.text()).toMatch(/larger than/);

    // Twilio sends Content-Length: an announced size over the limit is refused before reading.
    const announced = await post("/voice", voiceParams(sid, plumber.number), {
      headers: { "content-length": "70000" },
    });
    expect(announced.status).toBe(400);
    expect(await announced.text()).toMatch(/larger than/);
    const garbled = await post("/voice", voiceParams(sid, plumber.number), { headers: { "content-length": "12abc" } });
    expect(garbled.status).toBe(400);
    expect(await garbled.text()).toMatch(/content-length/);

    expect(await callRow(sid)).toHaveLength(0);
  });
});

describe("call lifecycle", () => {
  function status(sid: string, callStatus: string, extra: Record<string, string> = {}) {
    return post("/status", { CallSid: sid, CallStatus: callStatus, CallbackSource: "call-progress-events", ...extra });
  }
  function recording(sid: string, extra: Record<string, string> = {}) {
    return post("/recording", {
      CallSid: sid,
      RecordingSid: "RE0123456789abcdef0123456789abcdef",
      RecordingUrl: "https://api.twilio.com/2010-04-01/Accounts/ACx/Recordings/RE0123456789abcdef0123456789abcdef",
      RecordingStatus: "completed",
      RecordingDuration: "37",
      ...extra,
    });
  }
  function transcription(sid: string, text = "Hi, my kitchen sink is leaking, can someone come Thursday at ten?") {
    return post("/transcription", {
      CallSid: sid,
      TranscriptionSid: "TR0123456789abcdef0123456789abcdef",
      TranscriptionStatus: "completed",
      TranscriptionText: text,
    });
  }

  it("ends in the final state with one row and one job, whatever the order and repeats", async () => {
    now = CLOSED_IN_NEW_YORK;
    const sid = callSid();
    const responses = [
      await post("/voice", voiceParams(sid, plumber.number)),
      await status(sid, "completed", { SequenceNumber: "2", CallDuration: "42" }),
      await transcription(sid),
      await status(sid, "in-progress", { SequenceNumber: "1" }),
      await recording(sid),
      await status(sid, "completed", { SequenceNumber: "2", CallDuration: "42" }),
      await status(sid, "ringing", { SequenceNumber: "0" }),
      await recording(sid),
      await transcription(sid),
      await post("/voice", voiceParams(sid, plumber.number)),
    ];
    expect(responses.map((r) => r.status)).toEqual([200, 204, 204, 204, 204, 204, 204, 204, 204, 200]);
    const rows = await callRow(sid);
    expect(rows).toHaveLength(1);
    const [row] = rows;
    expect(row).toMatchObject({
      callStatus: "completed",
      callDuration: 42,
      statusSequence: 2,
      recordingSid: "RE0123456789abcdef0123456789abcdef",
      transcriptionText: "Hi, my kitchen sink is leaking, can someone come Thursday at ten?",
    });
    const jobs = await jobsFor(row?.id as string);
    expect(jobs).toHaveLength(1);
    expect(jobs[0]).toMatchObject({ name: "process-call", payload: { callId: row?.id } });
  });

  it("schedules a voicemail Twilio will transcribe for when waiting for the text ends; a Dial recording, or a failed transcription, runs now", async () => {
    const voicemail = callSid();
    await post("/voice", voiceParams(voicemail, plumber.number));
    await recording(voicemail, { RecordingSource: "RecordVerb", RecordingDuration: "37" });
    const [voicemailRow] = await callRow(voicemail);
    expect(await jobsFor(voicemailRow?.id as string)).toMatchObject([
      { runAt: new Date(now.getTime() + TWILIO_TRANSCRIPT_WAIT_MS) },
    ]);
    const before = Date.now();
    const failed = await post("/transcription", {
      CallSid: voicemail,
      TranscriptionStatus: "failed",
      TranscriptionText: "",
    });
    expect(failed.status).toBe(204);
    const [job] = await jobsFor(voicemailRow?.id as string);
    expect(Math.abs((job?.runAt.getTime() ?? 0) - before)).toBeLessThan(1_000);

    // Twilio transcribes neither Dial recordings nor <Record>ings of 120 s or more.
    for (const extra of [
      { RecordingSource: "DialVerb", RecordingDuration: "37" },
      { RecordingSource: "RecordVerb", RecordingDuration: "130" },
    ]) {
      const sid = callSid();
      await post("/voice", voiceParams(sid, plumber.number));
      const queuedAt = Date.now();
      await recording(sid, extra);
      const [row] = await callRow(sid);
      const [dialJob] = await jobsFor(row?.id as string);
      expect(Math.abs((dialJob?.runAt.getTime() ?? 0) - queuedAt)).toBeLessThan(1_000);
    }
  });

  it("the transcription makes a job waiting for it run now; a repeated recording does not move it", async () => {
    const sid = callSid();
    await post("/voice", voiceParams(sid, plumber.number));
    await recording(sid);
    const [row] = await callRow(sid);
    const callId = row?.id as string;
    // As the worker leaves it when it finds no transcript yet: the same job, due later.
    const later = new Date(Date.now() + 10 * 60_000);
    await enqueueJob(database.current.db, "process-call", { callId }, { runAt: later, keyMode: "replace" });
    expect(await jobsFor(callId)).toMatchObject([{ runAt: later }]);

    await recording(sid);
    expect(await jobsFor(callId)).toMatchObject([{ runAt: later }]);

    const before = Date.now();
    expect((await transcription(sid)).status).toBe(204);
    const jobs = await jobsFor(callId);
    expect(jobs).toHaveLength(1);
    // Database clock against ours: allow a second either way.
    expect(Math.abs((jobs[0]?.runAt.getTime() ?? 0) - before)).toBeLessThan(1_000);
  });

  it("moves forward without SequenceNumber, never back", async () => {
    const sid = callSid();
    await post("/voice", voiceParams(sid, plumber.number));
    await status(sid, "in-progress");
    await status(sid, "ringing");
    expect((await callRow(sid))[0]?.callStatus).toBe("in_progress");
    await status(sid, "no-answer", { CallDuration: "0" });
    await status(sid, "completed", { CallDuration: "30" });
    await status(sid, "in-progress");
    expect((await callRow(sid))[0]).toMatchObject({ callStatus: "no_answer", callDuration: 0 });
  });

  it("applies racing callbacks for one call without moving it back", async () => {
    const sid = callSid();
    await post("/voice", voiceParams(sid, plumber.number));
    const sequence = ["ringing", "in-progress", "completed", "in-progress", "ringing", "completed"];
    const answers = await Promise.all(
      sequence.map((s, i) => status(sid, s, { SequenceNumber: String([0, 1, 2, 1, 0, 2][i]), CallDuration: "9" })),
    );
    expect(answers.every((a) => a.status === 204)).toBe(true);
    expect((await callRow(sid))[0]).toMatchObject({ callStatus: "completed", statusSequence: 2 });
  });

  it("queues nothing for a recording that is not finished or a failed transcription", async () => {
    const sid = callSid();
    await post("/voice", voiceParams(sid, plumber.number));
    expect((await recording(sid, { RecordingStatus: "absent" })).status).toBe(204);
    const failed = await post("/transcription", { CallSid: sid, TranscriptionStatus: "failed", TranscriptionText: "" });
    expect(failed.status).toBe(204);
    const [row] = await callRow(sid);
    expect(row).toMatchObject({ recordingSid: null, transcriptionText: null });
    expect(await jobsFor(row?.id as string)).toHaveLength(0);
  });

  it("answers 204 for an unknown CallSid and writes nothing", async () => {
    const sid = callSid();
    const before = (await queue.queued()).length;
    for (const response of [await status(sid, "completed"), await recording(sid), await transcription(sid)]) {
      expect(response.status).toBe(204);
    }
    expect(await callRow(sid)).toHaveLength(0);
    expect((await queue.queued()).length).toBe(before);
  });
});
