import { randomUUID } from "node:crypto";
import { testKeyring } from "@flynn/crypto";
import { recordCallTranscription } from "@flynn/db/queries/call-webhooks";
import { updateIndustryConfig } from "@flynn/db/queries/industry";
import { AUTO_CONFIRM_MIN_CONFIDENCE, PROCESSING_FAILED_PREFIX } from "@flynn/db/queries/process-call";
import { auditLogs, calls, communicationLogs, events } from "@flynn/db/schema";
import { customerPhoneHash, openCustomerContacts } from "@flynn/db/sealed-contacts";
import { insertCall, insertUser, useTestDatabase } from "@flynn/db/testing";
import type { ExtractionResult } from "@flynn/domain";
import { createMailer } from "@flynn/email";
import {
  createOpenAIExtractor,
  createOpenAITranscriber,
  createRulesExtractor,
  createTwilioRecordingDownloader,
  type Extractor,
} from "@flynn/extraction";
import {
  type ChatAnswer,
  chatCompletion,
  extractionAnswer,
  failUnhandledRequest,
  OPENAI_API,
  openAIError,
  TEST_OPENAI_KEY,
} from "@flynn/extraction/testing";
import { createJobQueue, enqueueJob, type JobQueue, TWILIO_TRANSCRIPT_WAIT_MS } from "@flynn/jobs";
import { and, eq } from "drizzle-orm";
import { makeWorkerUtils, runOnce } from "graphile-worker";
import { HttpResponse, http } from "msw";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createExtractionDeps, type RecordingTranscription, type WorkerDeps } from "../deps";
import { parseEnv } from "../env";
import { createTaskList } from "../tasks";
import {
  EMPTY_TRANSCRIPTION_REASON,
  NO_TRANSCRIPT_REASON,
  NO_TWILIO_TRANSCRIPT_REASON,
  runProcessCall,
} from "./process-call";

const NOW = new Date("2026-11-30T18:00:00Z");
// Monday 2026-11-30, 11:55 in Chicago (CST, UTC-6).
const CALL_STARTED = new Date("2026-11-30T17:55:00Z");
const CALL_SECONDS = 60;

const TRANSCRIPT = `Business: Reliable Rooter Plumbing, this is Marco speaking.
Caller: Hi Marco, my name is Dana Whitfield. The water heater in our garage started leaking overnight and there's about an inch of water on the floor.
Business: What's the address?
Caller: 2418 Juniper Lane in Round Rock, near the middle school.
Business: I can have a technician there this Thursday, between eight and ten in the morning. Would that work?
Caller: Thursday at eight is perfect, I work from home that day.
Business: Great. The service call is eighty-nine dollars, and that gets credited toward the repair.
Caller: Can you text me before the tech heads over? This number is fine, it's my cell.
Business: Got it. You'll get a text about thirty minutes before we arrive.`;

const database = useTestDatabase();
const server = setupServer();
let queue: JobQueue;

beforeAll(async () => {
  server.listen({ onUnhandledRequest: failUnhandledRequest });
  queue = createJobQueue({ connectionString: database.current.url });
  await queue.migrate();
});
afterEach(() => server.resetHandlers());
afterAll(async () => {
  server.close();
  await queue?.close();
});

const outbox = createMailer({ resendApiKey: null, from: "Flynn <calls@flynn.example>" });
const deps = (
  extractor: Extractor = createRulesExtractor(),
  transcription?: RecordingTranscription,
  now = NOW,
): WorkerDeps => ({
  keyring: testKeyring(),
  db: database.current.db,
  mailer: outbox,
  extractor,
  ...(transcription ? { transcription } : {}),
  webUrl: "https://app.flynn.example",
  now: () => now,
});

async function seedCall(
  transcriptionText: string | null = TRANSCRIPT,
  recordingUrl: string | null = null,
  createdAt = CALL_STARTED,
) {
  const { db } = database.current;
  const user = await insertUser(db, { industryType: "plumbing", timezone: "America/Chicago" });
  const call = await insertCall(db, user.id, {
    callerNumber: "+15125550142",
    callStatus: "completed",
    transcriptionText,
    recordingUrl,
    callDuration: CALL_SECONDS,
    createdAt,
  });
  return { user, call };
}

const callRow = async (callId: string) =>
  (await database.current.db.select().from(calls).where(eq(calls.id, callId)))[0];
const eventsOf = (callId: string) =>
  database.current.db.select().from(events).where(eq(events.callId, callId)).orderBy(events.createdAt);
const overviewJobs = async (callId: string) =>
  (await queue.queued()).filter((job) => job.key === `send-call-overview:${callId}`);

describe("process-call", () => {
  it("stores the overview and the agreed service call at the right instant, completes the call and queues one overview", async () => {
    const { user, call } = await seedCall();
    expect(await runProcessCall(deps(), { callId: call.id })).toBe("completed");

    const stored = await callRow(call.id);
    expect(stored).toMatchObject({ aiProcessingStatus: "completed", processedAt: NOW });
    expect(stored?.mainTopic).toBeTruthy();
    expect(stored?.callSummary).toContain("water heater");
    expect(stored?.sentimentAnalysis).toEqual({ label: expect.any(String), score: expect.any(Number) });

    const rows = await eventsOf(call.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      userId: user.id,
      eventType: "service_call",
      status: "extracted",
      // Thursday 2026-12-03 08:00 in Chicago is 14:00 UTC.
      proposedDatetime: new Date("2026-12-03T14:00:00Z"),
      confirmedDatetime: null,
      customerName: "Dana Whitfield",
      // Sealed, with its keyed hash beside it: no plaintext phone number in the database.
      customerPhone: expect.stringMatching(/^v1\./),
      customerPhoneHash: customerPhoneHash(testKeyring(), "+15125550142"),
      priceEstimate: "89.00",
      currency: "USD",
      aiConfidence: "0.60",
    });
    expect(rows[0]?.location).toContain("2418 Juniper Lane");
    expect(openCustomerContacts(testKeyring(), rows[0] ?? { customerPhone: null })).toMatchObject({
      customerPhone: "+15125550142",
    });
    const { rows: raw } = await database.current.db.$client.query(
      "SELECT customer_phone, customer_email FROM events WHERE call_id = $1",
      [call.id],
    );
    expect(JSON.stringify(raw)).not.toContain("5550142");

    const jobs = await overviewJobs(call.id);
    expect(jobs).toHaveLength(1);
    expect(jobs[0]).toMatchObject({ name: "send-call-overview", payload: { callId: call.id } });
  });

  it("a second run writes nothing: still one event and one queued overview", async () => {
    const { call } = await seedCall();
    expect(await runProcessCall(deps(), { callId: call.id })).toBe("completed");
    const [first] = await eventsOf(call.id);
    expect(await runProcessCall(deps(), { callId: call.id })).toBe("already-completed");
    const rows = await eventsOf(call.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]?.id).toBe(first?.id);
    expect(await overviewJobs(call.id)).toHaveLength(1);
  });

  it("two concurrent runs store the events once", async () => {
    const { call } = await seedCall();
    const results = await Promise.all([
      runProcessCall(deps(), { callId: call.id }),
      runProcessCall(deps(), { callId: call.id }),
    ]);
    expect(results.sort()).toEqual(["already-completed", "completed"]);
    expect(await eventsOf(call.id)).toHaveLength(1);
    expect(await overviewJobs(call.id)).toHaveLength(1);
  });

  it("with auto-confirm on, a sure event with a time is confirmed; a day without a time stays extracted, its day in the notes", async () => {
    const { user, call } = await seedCall();
    await database.current.db.transaction((tx) => updateIndustryConfig(tx, user.id, { autoConfirmEnabled: true }));
    const certain = { ai_confidence: AUTO_CONFIRM_MIN_CONFIDENCE, duration_minutes: 90, notes: null };
    const result: ExtractionResult = {
      ...extractionAnswer([
        { ...certain, title: "Fix water heater" },
        {
          ...certain,
          title: "Quote for a new tank",
          event_type: "quote",
          proposed_datetime: "2026-12-07",
          notes: "Bring brochures",
        },
        { ...certain, title: "Unsure follow-up", proposed_datetime: "2026-12-08T10:00", ai_confidence: 0.79 },
      ]),
      sentiment: { label: "negative", score: -0.4 },
    };
    const fixed: Extractor = { extract: async () => result };
    expect(await runProcessCall(deps(fixed), { callId: call.id })).toBe("completed");

    const [sure, dayOnly, unsure] = await eventsOf(call.id);
    expect(sure).toMatchObject({
      title: "Fix water heater",
      status: "confirmed",
      proposedDatetime: new Date("2026-12-03T14:00:00Z"),
      confirmedDatetime: new Date("2026-12-03T14:00:00Z"),
      durationMinutes: 90,
      urgencyLevel: "high",
    });
    expect(dayOnly).toMatchObject({
      title: "Quote for a new tank",
      status: "extracted",
      proposedDatetime: null,
      confirmedDatetime: null,
      notes: "Agreed day: 2026-12-07 (time to be agreed)\nBring brochures",
    });
    expect(unsure).toMatchObject({ status: "extracted", proposedDatetime: new Date("2026-12-08T16:00:00Z") });
    expect(await callRow(call.id)).toMatchObject({
      mainTopic: "Leaking water heater",
      urgencyLevel: "high",
      sentimentAnalysis: { label: "negative", score: -0.4 },
    });
  });

  it("a call without a transcript fails for good with the reason, no events and no overview", async () => {
    for (const transcript of [null, "   \n "]) {
      const { call } = await seedCall(transcript);
      expect(await runProcessCall(deps(), { callId: call.id })).toBe("failed");
      expect(await callRow(call.id)).toMatchObject({
        aiProcessingStatus: "failed",
        callSummary: `${PROCESSING_FAILED_PREFIX}${NO_TRANSCRIPT_REASON}`,
        mainTopic: null,
      });
      expect(await eventsOf(call.id)).toHaveLength(0);
      expect(await overviewJobs(call.id)).toHaveLength(0);
    }
  });

  it("an extractor error leaves the call processing with nothing written, and throws so the job is retried", async () => {
    const { call } = await seedCall();
    const broken: Extractor = {
      extract: async () => {
        throw new Error("model unavailable");
      },
    };
    await expect(runProcessCall(deps(broken), { callId: call.id })).rejects.toThrow("model unavailable");
    expect(await callRow(call.id)).toMatchObject({ aiProcessingStatus: "processing", mainTopic: null });
    expect(await eventsOf(call.id)).toHaveLength(0);
    expect(await overviewJobs(call.id)).toHaveLength(0);
    expect(await runProcessCall(deps(), { callId: call.id })).toBe("completed");
  });

  it("an unknown call does nothing", async () => {
    expect(await runProcessCall(deps(), { callId: randomUUID() })).toBe("missing");
  });

  it("through graphile-worker: the queued job processes the call and its overview lands in the outbox", async () => {
    const { call } = await seedCall();
    await queue.enqueue("process-call", { callId: call.id });
    await runOnce({ connectionString: database.current.url, taskList: createTaskList(deps()) });

    expect(await eventsOf(call.id)).toHaveLength(1);
    expect(await callRow(call.id)).toMatchObject({ aiProcessingStatus: "completed", emailSentAt: NOW });
    const logs = await database.current.db
      .select()
      .from(communicationLogs)
      .where(eq(communicationLogs.callId, call.id));
    expect(logs).toHaveLength(1);
    expect(logs[0]?.status).toBe("sent");
  });
});

// The AI path: OpenAI and Twilio mocked at the network boundary, the real SDK code running.

const ACCOUNT_SID = "ACaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
const TWILIO_TOKEN = "twilio-test-token";
const RECORDING_URL = `https://api.twilio.com/2010-04-01/Accounts/${ACCOUNT_SID}/Recordings/REcccccccccccccccccccccccccccccccc`;
const TRANSCRIBED = "Hi, this is Dana Whitfield. My water heater is leaking. Thursday at eight works for me.";

type OpenAIAnswer = ChatAnswer | { status: number };

/** Chat completions at `base` answering in turn; returns the request bodies. */
function chatAnswers(base: string, ...answers: OpenAIAnswer[]) {
  const bodies: { model: string; messages: { role: string; content: string }[] }[] = [];
  server.use(
    http.post(`${base}/chat/completions`, async ({ request }) => {
      bodies.push((await request.json()) as (typeof bodies)[number]);
      const answer = answers.shift();
      if (!answer) throw new Error("no more answers");
      if ("status" in answer) return HttpResponse.json(openAIError("try again later"), { status: answer.status });
      return HttpResponse.json(chatCompletion(answer));
    }),
  );
  return bodies;
}

const answer = (events = extractionAnswer()): ChatAnswer => ({ content: JSON.stringify(events) });
const openAI = () => createOpenAIExtractor({ apiKey: TEST_OPENAI_KEY });

/** Twilio's recording (statuses in turn, 200 = the MP3) and OpenAI's transcription; counts both. */
function recordingAndTranscription(recordingStatuses: number[], text = TRANSCRIBED) {
  const seen = { recordings: [] as (string | null)[], transcriptions: 0 };
  server.use(
    http.get(`${RECORDING_URL}.mp3`, ({ request }) => {
      seen.recordings.push(request.headers.get("authorization"));
      const status = recordingStatuses.shift() ?? 200;
      if (status !== 200) return HttpResponse.json({ code: 20404, status }, { status });
      return HttpResponse.arrayBuffer(new Uint8Array([0xff, 0xfb, 0x90, 0x64]).buffer, {
        headers: { "content-type": "audio/mpeg" },
      });
    }),
    http.post(`${OPENAI_API}/audio/transcriptions`, () => {
      seen.transcriptions++;
      return HttpResponse.json({ text, usage: { type: "duration", seconds: 9 } });
    }),
  );
  return seen;
}

const pauses: number[] = [];
const transcription = (): RecordingTranscription => ({
  recordings: createTwilioRecordingDownloader({
    accountSid: ACCOUNT_SID,
    authToken: TWILIO_TOKEN,
    sleep: async (ms) => {
      pauses.push(ms);
    },
  }),
  transcriber: createOpenAITranscriber({ apiKey: TEST_OPENAI_KEY }),
});

async function expectFailedWithNothingWritten(callId: string, reason: string) {
  expect(await callRow(callId)).toMatchObject({
    aiProcessingStatus: "failed",
    callSummary: `${PROCESSING_FAILED_PREFIX}${reason}`,
    mainTopic: null,
  });
  expect(await eventsOf(callId)).toHaveLength(0);
  expect(await overviewJobs(callId)).toHaveLength(0);
}

/** Makes a job that failed runnable now (instead of after its backoff). */
/** Makes this call's failed process-call job due now (other tests' jobs stay where they are). */
async function runFailedJobsNow(callId: string) {
  await database.current.db.$client.query(
    "UPDATE graphile_worker._private_jobs SET run_at = now() WHERE payload->>'callId' = $1",
    [callId],
  );
}

describe("process-call with OpenAI", () => {
  it("stores the model's events in the user's timezone with the industry's duration, and sends it the industry's words and hours", async () => {
    const { call } = await seedCall();
    const requests = chatAnswers(OPENAI_API, answer());
    expect(await runProcessCall(deps(openAI()), { callId: call.id })).toBe("completed");

    const [event] = await eventsOf(call.id);
    expect(event).toMatchObject({
      eventType: "service_call",
      status: "extracted",
      proposedDatetime: new Date("2026-12-03T14:00:00Z"),
      // Not said: plumbing's default configuration.
      durationMinutes: 90,
      customerName: "Dana Whitfield",
      priceEstimate: "89.00",
      aiConfidence: "0.90",
    });
    expect(await callRow(call.id)).toMatchObject({
      aiProcessingStatus: "completed",
      mainTopic: "Leaking water heater",
    });
    expect(await overviewJobs(call.id)).toHaveLength(1);

    const [system, user] = requests[0]?.messages ?? [];
    expect(system?.content).toContain("event_type: one of service_call, quote, emergency, follow_up.");
    expect(system?.content).toContain('"site visit" (for meeting)');
    expect(system?.content).toContain("monday 08:00-17:00");
    expect(user?.content).toContain("Call started: Monday 2026-11-30 11:55 (America/Chicago)");
    expect(user?.content).toContain("Dana Whitfield");
  });

  it("OPENAI_BASE_URL and OPENAI_MODEL point the worker at any compatible server", async () => {
    const base = "http://llm.internal:8000/v1";
    const env = parseEnv({ OPENAI_API_KEY: TEST_OPENAI_KEY, OPENAI_BASE_URL: base, OPENAI_MODEL: "llama-3.1-8b" });
    const { extractor, transcription: configured } = createExtractionDeps(env);
    expect(configured).toBeDefined();
    const { call } = await seedCall();
    const requests = chatAnswers(base, answer(extractionAnswer([])));
    expect(await runProcessCall(deps(extractor), { callId: call.id })).toBe("completed");
    expect(requests[0]?.model).toBe("llama-3.1-8b");
    expect(await eventsOf(call.id)).toHaveLength(0);
  });

  it("without OPENAI_API_KEY the rules extractor runs and nothing can be transcribed", () => {
    const { extractor, transcription: none } = createExtractionDeps(parseEnv({}));
    expect(none).toBeUndefined();
    expect(extractor).toBeDefined();
  });

  it("a refusal fails the call for good with the reason: no events, no email, and the job ends without error", async () => {
    const { call } = await seedCall();
    chatAnswers(OPENAI_API, { content: null, refusal: "I can't help with that." });
    await queue.enqueue("process-call", { callId: call.id });
    await runOnce({ connectionString: database.current.url, taskList: createTaskList(deps(openAI())) });

    await expectFailedWithNothingWritten(call.id, "the model refused to extract the call: I can't help with that.");
    expect(await queue.queued()).toEqual([]);
  });

  it("a truncated answer is asked again with more tokens, and a second truncation fails the call", async () => {
    const { call } = await seedCall();
    const cut: ChatAnswer = { content: '{"main_topic":"Leaking wat', finishReason: "length" };
    const requests = chatAnswers(OPENAI_API, cut, cut);
    expect(await runProcessCall(deps(openAI()), { callId: call.id })).toBe("failed");
    expect(requests).toHaveLength(2);
    await expectFailedWithNothingWritten(call.id, "the answer was cut off at 8000 tokens after 2 tries");
  });

  it("any extractor's output is validated before it is stored: an event type the industry does not allow fails the call", async () => {
    const { call } = await seedCall();
    const result = extractionAnswer([{ event_type: "demo" }]);
    const invalid: Extractor = { extract: async () => result };
    expect(await runProcessCall(deps(invalid), { callId: call.id })).toBe("failed");
    const row = await callRow(call.id);
    expect(row?.callSummary).toMatch(/^Processing failed: the extraction is invalid: events\.0\.event_type: /);
    expect(await eventsOf(call.id)).toHaveLength(0);
  });

  it("a 429 throws with nothing written; the job's next attempt completes the call", async () => {
    const { call } = await seedCall();
    chatAnswers(OPENAI_API, { status: 429 }, answer());
    await expect(runProcessCall(deps(openAI()), { callId: call.id })).rejects.toThrow("429");
    expect(await callRow(call.id)).toMatchObject({ aiProcessingStatus: "processing", mainTopic: null });
    expect(await eventsOf(call.id)).toHaveLength(0);
    expect(await overviewJobs(call.id)).toHaveLength(0);

    expect(await runProcessCall(deps(openAI()), { callId: call.id })).toBe("completed");
    expect(await eventsOf(call.id)).toHaveLength(1);
  });

  it("through graphile-worker: a 503 fails the attempt (retried later), the next attempt completes and the overview goes out", async () => {
    const { call } = await seedCall();
    const requests = chatAnswers(OPENAI_API, { status: 503 }, answer());
    const taskList = createTaskList(deps(openAI()));
    await queue.enqueue("process-call", { callId: call.id });
    await runOnce({ connectionString: database.current.url, taskList });

    const [waiting] = (await queue.queued()).filter((job) => job.name === "process-call");
    expect(waiting?.attempts).toBe(1);
    expect(await callRow(call.id)).toMatchObject({ aiProcessingStatus: "processing" });

    await runFailedJobsNow(call.id);
    await runOnce({ connectionString: database.current.url, taskList });
    expect(requests).toHaveLength(2);
    expect(await callRow(call.id)).toMatchObject({ aiProcessingStatus: "completed", emailSentAt: NOW });
    expect(await eventsOf(call.id)).toHaveLength(1);
  });

  it("through graphile-worker: on the job's last attempt a transient error fails the call with the reason", async () => {
    const { call } = await seedCall();
    chatAnswers(OPENAI_API, { status: 500 }, { status: 500 });
    const utils = await makeWorkerUtils({ connectionString: database.current.url });
    try {
      await utils.addJob("process-call", { callId: call.id }, { maxAttempts: 2 });
    } finally {
      await utils.release();
    }
    const taskList = createTaskList(deps(openAI()));
    await runOnce({ connectionString: database.current.url, taskList });
    expect(await callRow(call.id)).toMatchObject({ aiProcessingStatus: "processing" });

    await runFailedJobsNow(call.id);
    await runOnce({ connectionString: database.current.url, taskList });
    const row = await callRow(call.id);
    expect(row?.aiProcessingStatus).toBe("failed");
    expect(row?.callSummary).toMatch(
      /^Processing failed: gave up after repeated failures: OpenAI extraction failed: 500 /,
    );
    expect(await eventsOf(call.id)).toHaveLength(0);
    expect(await overviewJobs(call.id)).toHaveLength(0);
  });
});

describe("process-call transcribing the recording", () => {
  it("downloads the recording with Twilio credentials (a first 404 asked again), transcribes it, stores the transcript and extracts from it", async () => {
    pauses.length = 0;
    const { call } = await seedCall(null, RECORDING_URL);
    const seen = recordingAndTranscription([404, 200]);
    const requests = chatAnswers(OPENAI_API, answer());
    expect(await runProcessCall(deps(openAI(), transcription()), { callId: call.id })).toBe("completed");

    const basic = `Basic ${Buffer.from(`${ACCOUNT_SID}:${TWILIO_TOKEN}`).toString("base64")}`;
    expect(seen.recordings).toEqual([basic, basic]);
    expect(pauses).toEqual([1_000]);
    expect(seen.transcriptions).toBe(1);
    expect(requests[0]?.messages[1]?.content).toContain(TRANSCRIBED);
    expect(await callRow(call.id)).toMatchObject({ transcriptionText: TRANSCRIBED, aiProcessingStatus: "completed" });
    expect(await eventsOf(call.id)).toHaveLength(1);
    expect(await overviewJobs(call.id)).toHaveLength(1);
  });

  it("the stored transcript is reused: a rerun after a failed extraction does not transcribe again", async () => {
    const { call } = await seedCall(null, RECORDING_URL);
    const seen = recordingAndTranscription([200]);
    chatAnswers(OPENAI_API, { status: 502 }, answer());
    await expect(runProcessCall(deps(openAI(), transcription()), { callId: call.id })).rejects.toThrow("502");
    expect(await callRow(call.id)).toMatchObject({ transcriptionText: TRANSCRIBED, aiProcessingStatus: "processing" });

    expect(await runProcessCall(deps(openAI(), transcription()), { callId: call.id })).toBe("completed");
    expect(seen).toEqual({ recordings: [expect.any(String)], transcriptions: 1 });
  });

  it("the rules extractor reads the transcription too", async () => {
    const { call } = await seedCall(null, RECORDING_URL);
    recordingAndTranscription([200], TRANSCRIPT);
    expect(await runProcessCall(deps(createRulesExtractor(), transcription()), { callId: call.id })).toBe("completed");
    expect((await eventsOf(call.id))[0]).toMatchObject({ customerName: "Dana Whitfield", eventType: "service_call" });
  });

  it("a recording still missing at Twilio fails the call for good", async () => {
    const { call } = await seedCall(null, RECORDING_URL);
    recordingAndTranscription([404, 404, 404, 404]);
    expect(await runProcessCall(deps(openAI(), transcription()), { callId: call.id })).toBe("failed");
    await expectFailedWithNothingWritten(call.id, "the recording is not at Twilio (404 after 4 tries)");
  });

  it("a silent recording, or no OpenAI key to transcribe with, fails the call for good with the reason", async () => {
    const silent = await seedCall(null, RECORDING_URL);
    recordingAndTranscription([200], "   ");
    expect(await runProcessCall(deps(openAI(), transcription()), { callId: silent.call.id })).toBe("failed");
    await expectFailedWithNothingWritten(silent.call.id, EMPTY_TRANSCRIPTION_REASON);
    expect((await callRow(silent.call.id))?.transcriptionText).toBeNull();

    // No key, and no transcript from Twilio (a forwarded call's recording, a failed transcription).
    const keyless = await seedCall(null, RECORDING_URL);
    expect(await runProcessCall(deps(), { callId: keyless.call.id })).toBe("failed");
    await expectFailedWithNothingWritten(keyless.call.id, NO_TWILIO_TRANSCRIPT_REASON);
  });
});

describe("process-call and Twilio's transcript", () => {
  const processCallJobs = async (callId: string) =>
    (await queue.queued()).filter((job) => job.key === `process-call:${callId}`);

  it("without a transcriber, a call that failed for want of a transcript is processed when one comes after all", async () => {
    const { call } = await seedCall(null, RECORDING_URL);
    expect(await runProcessCall(deps(), { callId: call.id })).toBe("failed");
    await expectFailedWithNothingWritten(call.id, NO_TWILIO_TRANSCRIPT_REASON);

    // The transcription callback stores the text and queues the job again.
    await recordCallTranscription(database.current.db, {
      callSid: call.twilioCallSid,
      text: TRANSCRIPT,
      confidence: null,
    });
    expect(await runProcessCall(deps(), { callId: call.id })).toBe("completed");
    expect(await callRow(call.id)).toMatchObject({ aiProcessingStatus: "completed", mainTopic: expect.any(String) });
    expect(await eventsOf(call.id)).toHaveLength(1);
  });

  it("with a transcriber it does not wait: the recording is transcribed at once", async () => {
    const { call } = await seedCall(null, RECORDING_URL);
    const seen = recordingAndTranscription([200], TRANSCRIPT);
    expect(await runProcessCall(deps(createRulesExtractor(), transcription()), { callId: call.id })).toBe("completed");
    expect(seen.transcriptions).toBe(1);
  });

  it("through graphile-worker: recording, then transcription: processed once, never failed, one email", async () => {
    // The worker's clock (the overview's sent time below shows it was used).
    const started = new Date("2099-03-02T15:00:00Z");
    const now = new Date(started.getTime() + 2 * 60_000);
    const { call } = await seedCall(null, RECORDING_URL, started);
    let extractions = 0;
    const rules = createRulesExtractor();
    const counting: Extractor = {
      extract: (input) => {
        extractions++;
        return rules.extract(input);
      },
    };
    const taskList = createTaskList(deps(counting, undefined, now));
    const { db, url } = database.current;

    // The recording callback of a voicemail queued the job for when the wait for Twilio's
    // transcript ends: nothing runs before the transcript exists.
    await enqueueJob(
      db,
      "process-call",
      { callId: call.id },
      { runAt: new Date(Date.now() + TWILIO_TRANSCRIPT_WAIT_MS) },
    );
    await runOnce({ connectionString: url, taskList });
    expect(extractions).toBe(0);
    expect(await callRow(call.id)).toMatchObject({ aiProcessingStatus: "pending", processedAt: null });
    const [waiting] = await processCallJobs(call.id);

    // The transcription callback, as the webhook writes it: the waiting job becomes due now.
    await db.transaction(async (tx) => {
      await recordCallTranscription(tx, { callSid: call.twilioCallSid, text: TRANSCRIPT, confidence: 0.9 });
      await enqueueJob(tx, "process-call", { callId: call.id }, { keyMode: "replace" });
    });
    const [due] = await processCallJobs(call.id);
    expect(due?.id).toBe(waiting?.id);
    expect(due?.runAt.getTime()).toBeLessThanOrEqual(Date.now() + 1_000);

    await runOnce({ connectionString: url, taskList });
    expect(extractions).toBe(1);
    expect(await callRow(call.id)).toMatchObject({ aiProcessingStatus: "completed", emailSentAt: now });
    expect(await eventsOf(call.id)).toHaveLength(1);
    const emails = await db.select().from(communicationLogs).where(eq(communicationLogs.callId, call.id));
    expect(emails).toMatchObject([{ status: "sent" }]);
    expect((await queue.queued()).filter((job) => (job.payload as { callId?: string }).callId === call.id)).toEqual([]);
    // Every change of the call is audited: none ever set it failed (or processing before the transcript).
    const changes = await db
      .select({ newValues: auditLogs.newValues })
      .from(auditLogs)
      .where(and(eq(auditLogs.resourceId, call.id), eq(auditLogs.action, "call.updated")))
      .orderBy(auditLogs.createdAt);
    const statuses = changes.map((change) => change.newValues?.ai_processing_status).filter(Boolean);
    expect(statuses).toEqual(["processing", "completed"]);
  });
});
