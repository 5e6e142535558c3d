// The call simulator against the real app: its requests pass the webhooks' signature check and
// leave the call in its final state with one job, as a real Twilio call would.
import { calls } from "@flynn/db/schema";
import { useTestDatabase } from "@flynn/db/testing";
import { createJobQueue, type JobQueue } from "@flynn/jobs";
import { DEV_TWILIO_AUTH_TOKEN, SIMULATED_CALLER, simulateCall } from "@flynn/telephony";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { browserHeaders, createTestApp, randomIp, signUp, TEST_PUBLIC_URL, trpcClient } from "./testing";

const database = useTestDatabase();
let queue: JobQueue;
let app: ReturnType<typeof createTestApp>["app"];

beforeAll(async () => {
  queue = createJobQueue({ connectionString: database.current.url });
  await queue.migrate();
  app = createTestApp(database.current.db).app;
});
afterAll(async () => {
  await queue?.close();
});

const TRANSCRIPT =
  "Caller: Hi, this is Dana Whitfield. Our water heater is leaking at 2418 Juniper Lane. Business: We can come Thursday at eight, the service call is eighty-nine dollars.";

/** A signed-in business with a simulated number bought through the dashboard's API. */
async function businessWithNumber(phoneNumber: string) {
  const ip = randomIp();
  const { cookie } = await signUp(app, ip, `owner-${crypto.randomUUID()}@example.com`);
  const client = trpcClient(app, browserHeaders(ip, cookie));
  const number = await client.phoneNumbers.buy.mutate({ phoneNumber });
  return { client, number };
}

async function callRow(callSid: string) {
  const [row] = await database.current.db.select().from(calls).where(eq(calls.twilioCallSid, callSid));
  return row;
}

async function jobsFor(callId: string) {
  return (await queue.queued()).filter((job) => (job.payload as { callId?: string }).callId === callId);
}

describe("simulateCall against the real webhooks", () => {
  it("the six requests are accepted and the call ends completed, recorded and transcribed, with one job", async () => {
    const { number } = await businessWithNumber("+15550121");
    const call = await simulateCall({
      baseUrl: "http://127.0.0.1:8787",
      publicUrl: TEST_PUBLIC_URL,
      authToken: DEV_TWILIO_AUTH_TOKEN,
      to: "+15550121",
      from: "+15125550188",
      transcript: TRANSCRIPT,
      fetch: async (url, init) => app.request(url, init),
    });
    expect(call.steps.map((step) => [step.step, step.status])).toEqual([
      ["voice", 200],
      ["status ringing", 204],
      ["status in-progress", 204],
      ["status completed", 204],
      ["recording completed", 204],
      ["transcription completed", 204],
    ]);
    expect(call.ok).toBe(true);
    const row = await callRow(call.callSid);
    expect(row).toMatchObject({
      phoneNumberId: number.id,
      callerNumber: "+15125550188",
      callDirection: "inbound",
      callStatus: "completed",
      callDuration: 4 + Math.round(TRANSCRIPT.split(/\s+/).length / 2.5),
      recordingSid: call.recordingSid,
      transcriptionText: TRANSCRIPT,
      statusSequence: 2,
    });
    const jobs = await jobsFor(row?.id as string);
    expect(jobs.map((job) => job.name)).toEqual(["process-call"]);
  });

  it("signed with another token, the first request is refused and nothing is stored", async () => {
    await businessWithNumber("+15550122");
    const call = await simulateCall({
      baseUrl: "http://127.0.0.1:8787",
      publicUrl: TEST_PUBLIC_URL,
      authToken: "not-the-servers-token",
      to: "+15550122",
      transcript: "Hello?",
      fetch: async (url, init) => app.request(url, init),
    });
    expect(call).toMatchObject({ ok: false, steps: [{ step: "voice", status: 403 }] });
    expect(await callRow(call.callSid)).toBeUndefined();
  });
});

describe("phoneNumbers.simulateCall over HTTP", () => {
  it("calls the user's number through the server's own webhooks", async () => {
    const { client, number } = await businessWithNumber("+15550123");
    const call = await client.phoneNumbers.simulateCall.mutate({ id: number.id, transcript: TRANSCRIPT });
    expect(call.ok).toBe(true);
    expect(call.steps.every((step) => step.url.startsWith(`${TEST_PUBLIC_URL}/webhooks/twilio/`))).toBe(true);
    expect(await callRow(call.callSid)).toMatchObject({
      phoneNumberId: number.id,
      callerNumber: SIMULATED_CALLER,
      callStatus: "completed",
      transcriptionText: TRANSCRIPT,
    });
  });

  it("is FORBIDDEN in production", async () => {
    const production = createTestApp(database.current.db, { production: true }).app;
    const ip = randomIp();
    const { cookie } = await signUp(production, ip, `owner-${crypto.randomUUID()}@example.com`);
    const client = trpcClient(production, browserHeaders(ip, cookie));
    const number = await client.phoneNumbers.buy.mutate({ phoneNumber: "+15550124" });
    const error = await client.phoneNumbers.simulateCall
      .mutate({ id: number.id, transcript: "Hello" })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ data: { code: "FORBIDDEN", httpStatus: 403 } });
  });
});
