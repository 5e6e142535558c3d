import { randomUUID } from "node:crypto";
import { PROCESSING_FAILED_PREFIX } from "@flynn/db/queries/process-call";
import { insertCall, insertUser, useTestDatabase } from "@flynn/db/testing";
import { REPROCESS_STALLED_AFTER_MS } from "@flynn/domain";
import { jobKey, TWILIO_TRANSCRIPT_WAIT_MS } from "@flynn/jobs";
import { useJobQueue } from "@flynn/jobs/testing";
import { describe, expect, it } from "vitest";
import { callerFor, invalidFields } from "../testing";

const database = useTestDatabase();
const queue = useJobQueue(database);

const jobsOf = async (callId: string) =>
  (await queue.current.queued()).filter((job) => job.key === jobKey("process-call", { callId }));

const callRow = async (id: string) =>
  (
    await database.current.db.$client.query(
      "SELECT ai_processing_status, call_summary, processed_at FROM calls WHERE id = $1",
      [id],
    )
  ).rows[0];

async function failedCall(userId: string) {
  return insertCall(database.current.db, userId, {
    callStatus: "completed",
    aiProcessingStatus: "failed",
    callSummary: `${PROCESSING_FAILED_PREFIX}Twilio sent no transcript of the recording`,
    processedAt: new Date(),
    transcriptionText: "Caller: Could someone come tomorrow at ten?",
  });
}

describe("calls.reprocess", () => {
  it("sets a failed call back to pending without its failure reason and queues one job to run now", async () => {
    const { db } = database.current;
    const owner = await insertUser(db);
    const call = await failedCall(owner.id);
    const caller = callerFor(db, owner);

    const started = Date.now();
    const result = await caller.calls.reprocess({ id: call.id });
    expect(result).toEqual({ id: call.id, aiProcessingStatus: "pending", callSummary: null });
    expect(await callRow(call.id)).toEqual({ ai_processing_status: "pending", call_summary: null, processed_at: null });
    const jobs = await jobsOf(call.id);
    expect(jobs).toHaveLength(1);
    expect(jobs[0]).toMatchObject({ name: "process-call", payload: { callId: call.id } });
    expect(jobs[0]?.runAt.getTime()).toBeLessThanOrEqual(Date.now());
    expect(jobs[0]?.runAt.getTime()).toBeGreaterThan(started - 60_000);

    // The change is the user's, in the audit trail like any other.
    const { rows: audit } = await db.$client.query(
      "SELECT action, metadata->>'actor_id' AS actor, new_values->>'ai_processing_status' AS status FROM audit_logs WHERE resource_id = $1 AND action LIKE '%.updated'",
      [call.id],
    );
    expect(audit).toEqual([{ action: "call.updated", actor: owner.id, status: "pending" }]);

    // Now pending and just changed: a second click is refused and queues nothing more.
    await expect(caller.calls.reprocess({ id: call.id })).rejects.toMatchObject({ code: "CONFLICT" });
    expect(await jobsOf(call.id)).toHaveLength(1);
  });

  it("brings a waiting job forward instead of adding a second one", async () => {
    const { db } = database.current;
    const owner = await insertUser(db);
    const call = await failedCall(owner.id);
    await queue.current.enqueue(
      "process-call",
      { callId: call.id },
      { runAt: new Date(Date.now() + TWILIO_TRANSCRIPT_WAIT_MS) },
    );
    await callerFor(db, owner).calls.reprocess({ id: call.id });
    const jobs = await jobsOf(call.id);
    expect(jobs).toHaveLength(1);
    expect(jobs[0]?.runAt.getTime()).toBeLessThanOrEqual(Date.now());
  });

  it("runs a call stalled in pending or processing, keeping a real summary; a recent one is refused", async () => {
    const { db } = database.current;
    const owner = await insertUser(db);
    const caller = callerFor(db, owner);
    const longAgo = new Date(Date.now() - REPROCESS_STALLED_AFTER_MS - 60_000);
    const stalled = await insertCall(db, owner.id, {
      callStatus: "completed",
      aiProcessingStatus: "processing",
      callSummary: "Leaking water heater",
      updatedAt: longAgo,
    });
    const recent = await insertCall(db, owner.id, { callStatus: "completed", aiProcessingStatus: "pending" });
    const ongoing = await insertCall(db, owner.id, {
      callStatus: "in_progress",
      aiProcessingStatus: "pending",
      updatedAt: longAgo,
    });

    expect(await caller.calls.reprocess({ id: stalled.id })).toEqual({
      id: stalled.id,
      aiProcessingStatus: "pending",
      callSummary: "Leaking water heater",
    });
    expect(await jobsOf(stalled.id)).toHaveLength(1);
    await expect(caller.calls.reprocess({ id: recent.id })).rejects.toMatchObject({
      code: "CONFLICT",
      message: expect.stringContaining("still being processed"),
    });
    await expect(caller.calls.reprocess({ id: ongoing.id })).rejects.toMatchObject({
      code: "CONFLICT",
      message: expect.stringContaining("not ended"),
    });
    expect(await jobsOf(recent.id)).toEqual([]);
    expect(await jobsOf(ongoing.id)).toEqual([]);
    // A call waiting its full time for Twilio's transcript is never "stalled".
    expect(REPROCESS_STALLED_AFTER_MS).toBeGreaterThan(TWILIO_TRANSCRIPT_WAIT_MS);
  });

  it("refuses a completed call: its events exist and would be stored twice", async () => {
    const { db } = database.current;
    const owner = await insertUser(db);
    const call = await insertCall(db, owner.id, {
      callStatus: "completed",
      aiProcessingStatus: "completed",
      callSummary: "Booked a quote visit",
    });
    await expect(callerFor(db, owner).calls.reprocess({ id: call.id })).rejects.toMatchObject({
      code: "CONFLICT",
      message: "This call was processed already; running it again would duplicate its events",
    });
    expect(await callRow(call.id)).toMatchObject({
      ai_processing_status: "completed",
      call_summary: "Booked a quote visit",
    });
    expect(await jobsOf(call.id)).toEqual([]);
  });

  it("answers NOT_FOUND for another user's call and a missing one, changing and queueing nothing", async () => {
    const { db } = database.current;
    const owner = await insertUser(db);
    const stranger = await insertUser(db);
    const call = await failedCall(owner.id);
    const before = await callRow(call.id);
    const caller = callerFor(db, stranger);
    await expect(caller.calls.reprocess({ id: call.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(caller.calls.reprocess({ id: randomUUID() })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await callRow(call.id)).toEqual(before);
    expect(await jobsOf(call.id)).toEqual([]);
  });

  it("refuses nobody signed in and bad input, naming the field", async () => {
    const { db } = database.current;
    const owner = await insertUser(db);
    const call = await failedCall(owner.id);
    await expect(callerFor(db, null).calls.reprocess({ id: call.id })).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    const error = await callerFor(db, owner)
      .calls.reprocess({ id: "not-a-uuid" })
      .catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: "BAD_REQUEST" });
    expect(invalidFields(error as { cause?: unknown })).toEqual(["id"]);
    expect(await jobsOf(call.id)).toEqual([]);
  });
});
