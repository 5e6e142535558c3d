import { randomUUID } from "node:crypto";
import { updateIndustryConfig } from "@flynn/db/queries/industry";
import { AUTO_CONFIRM_MIN_CONFIDENCE, PROCESSING_FAILED_PREFIX } from "@flynn/db/queries/process-call";
import { calls, communicationLogs, events } from "@flynn/db/schema";
import { insertUser, useTestDatabase } from "@flynn/db/testing";
import type { ExtractedEvent, ExtractionResult } from "@flynn/domain";
import { createMailer } from "@flynn/email";
import { createRulesExtractor, type Extractor } from "@flynn/extraction";
import { createJobQueue, type JobQueue } from "@flynn/jobs";
import { eq } from "drizzle-orm";
import { runOnce } from "graphile-worker";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { WorkerDeps } from "../deps";
import { createTaskList } from "../tasks";
import { NO_TRANSCRIPT_REASON, runProcessCall } from "./process-call";

const NOW = new Date("2026-11-30T18:00:00Z");
// Monday 2026-11-30, 11:55 in Chicago (CST, UTC-6).
const CALL_STARTED = new Date("2026-11-30T17:55:00Z");

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
let queue: JobQueue;

beforeAll(async () => {
  queue = createJobQueue({ connectionString: database.current.url });
  await queue.migrate();
});
afterAll(async () => {
  await queue?.close();
});

const outbox = createMailer({ resendApiKey: null, from: "Flynn <calls@flynn.example>" });
const deps = (extractor: Extractor = createRulesExtractor()): WorkerDeps => ({
  db: database.current.db,
  mailer: outbox,
  extractor,
  webUrl: "https://app.flynn.example",
  now: () => NOW,
});

async function seedCall(transcriptionText: string | null = TRANSCRIPT) {
  const { db } = database.current;
  const user = await insertUser(db, { industryType: "plumbing", timezone: "America/Chicago" });
  const [call] = await db
    .insert(calls)
    .values({
      userId: user.id,
      twilioCallSid: `CA${randomUUID().replaceAll("-", "")}`,
      callerNumber: "+15125550142",
      callStatus: "completed",
      transcriptionText,
      createdAt: CALL_STARTED,
    })
    .returning();
  if (!call) throw new Error("no call");
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
      customerPhone: "+15125550142",
      priceEstimate: "89.00",
      currency: "USD",
      aiConfidence: "0.60",
    });
    expect(rows[0]?.location).toContain("2418 Juniper Lane");

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
    const event = (overrides: Partial<ExtractedEvent>): ExtractedEvent => ({
      event_type: "service_call",
      title: "Fix water heater",
      description: null,
      proposed_datetime: "2026-12-03T08:00",
      duration_minutes: 90,
      location: "2418 Juniper Lane",
      location_type: "address",
      customer_name: "Dana Whitfield",
      customer_phone: "+15125550142",
      customer_email: null,
      price_estimate: 89,
      currency: "USD",
      urgency_level: "high",
      notes: null,
      ai_confidence: AUTO_CONFIRM_MIN_CONFIDENCE,
      follow_up_required: false,
      follow_up_reason: null,
      ...overrides,
    });
    const result: ExtractionResult = {
      main_topic: "Leaking water heater",
      call_summary: "Water heater leaking into the garage.",
      urgency_level: "high",
      sentiment: { label: "negative", score: -0.4 },
      events: [
        event({}),
        event({
          title: "Quote for a new tank",
          event_type: "demo",
          proposed_datetime: "2026-12-07",
          notes: "Bring brochures",
        }),
        event({ title: "Unsure follow-up", proposed_datetime: "2026-12-08T10:00", ai_confidence: 0.79 }),
      ],
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
