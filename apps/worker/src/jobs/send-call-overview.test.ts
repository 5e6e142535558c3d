import { randomUUID } from "node:crypto";
import { EVENT_ICS_SIGNATURE } from "@flynn/calendar";
import { testKeyring } from "@flynn/crypto";
import { calls, communicationLogs, emailTemplates, events } from "@flynn/db/schema";
import { sealCustomerContacts } from "@flynn/db/sealed-contacts";
import { insertCall, insertUser, useTestDatabase } from "@flynn/db/testing";
import { createMailer, type Mailer } from "@flynn/email";
import { createRulesExtractor } from "@flynn/extraction";
import { createJobQueue, type JobQueue } from "@flynn/jobs";
import { eq } from "drizzle-orm";
import { runOnce } from "graphile-worker";
import { HttpResponse, http } from "msw";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { WorkerDeps } from "../deps";
import { createTaskList } from "../tasks";
import { sendCallOverview } from "./send-call-overview";

const RESEND = "https://api.resend.com/emails";
const WEB_URL = "https://app.flynn.example";
const API_URL = "https://api.flynn.example";
const NOW = new Date("2026-11-30T18:00:00Z");
const TEST_KEY = "re_test_key_for_msw_only";

interface ResendRequest {
  idempotencyKey: string | null;
  authorization: string | null;
  body: { from: string; to: string; subject: string; html: string; text: string };
}

const received: ResendRequest[] = [];
const server = setupServer();
const database = useTestDatabase();
let queue: JobQueue;

/** Answers each request with the next response; Resend's idempotency: a repeated key gets the first id. */
function resendAnswers(...statuses: number[]) {
  const ids = new Map<string, string>();
  server.use(
    http.post(RESEND, async ({ request }) => {
      const body = (await request.json()) as ResendRequest["body"];
      const idempotencyKey = request.headers.get("idempotency-key");
      received.push({ idempotencyKey, authorization: request.headers.get("authorization"), body });
      const status = statuses.shift() ?? 200;
      if (status === 429) {
        return HttpResponse.json(
          { statusCode: 429, message: "Too many requests", name: "rate_limit_exceeded" },
          { status, headers: { "retry-after": "1" } },
        );
      }
      if (status === 422) {
        return HttpResponse.json(
          { statusCode: 422, message: "Invalid `from` field.", name: "validation_error" },
          { status },
        );
      }
      if (status >= 500) return new HttpResponse("<html>Bad gateway</html>", { status });
      const key = idempotencyKey ?? randomUUID();
      const id = ids.get(key) ?? randomUUID();
      ids.set(key, id);
      return HttpResponse.json({ id });
    }),
  );
}

beforeAll(async () => {
  server.listen({ onUnhandledRequest: "error" });
  queue = createJobQueue({ connectionString: database.current.url });
  await queue.migrate();
});
afterEach(() => {
  server.resetHandlers();
  received.length = 0;
});
afterAll(async () => {
  server.close();
  await queue?.close();
});

const resendMailer = () => createMailer({ resendApiKey: TEST_KEY, from: "Flynn <calls@flynn.example>" });
const deps = (mailer: Mailer = resendMailer()): WorkerDeps => ({
  keyring: testKeyring(),
  db: database.current.db,
  mailer,
  extractor: createRulesExtractor(),
  webUrl: WEB_URL,
  apiUrl: API_URL,
  now: () => NOW,
});
const firstAttempt = { number: 1, max: 25 };

/** A plumber in Chicago and a call with two events, one with a hostile customer name. */
async function seedCall(options: { events?: boolean } = {}) {
  const { db } = database.current;
  const user = await insertUser(db, {
    industryType: "plumbing",
    timezone: "America/Chicago",
    companyName: "Joe's Plumbing & Sons",
  });
  const call = await insertCall(db, user.id, {
    callerNumber: "+15125550142",
    callStatus: "completed",
    mainTopic: "Leaking water heater",
    callSummary: "Water heater leaking into the garage.",
    createdAt: new Date("2026-11-30T17:55:00Z"),
  });
  const rows =
    options.events === false
      ? []
      : await db
          .insert(events)
          .values([
            {
              userId: user.id,
              callId: call.id,
              eventType: "service_call",
              title: "Fix water heater",
              proposedDatetime: new Date("2026-12-01T15:00:00Z"),
              location: "1420 Oak St",
              customerName: "<script>alert(1)</script>",
              // Stored sealed, as the worker's extraction stores them.
              ...sealCustomerContacts(testKeyring(), {
                customerPhone: "+15125550142",
                customerEmail: "dana@example.test",
              }),
              urgencyLevel: "high",
              createdAt: new Date("2026-11-30T17:59:00Z"),
            },
            {
              userId: user.id,
              callId: call.id,
              eventType: "demo",
              title: "Quote for a new tank",
              proposedDatetime: new Date("2026-12-03T22:30:00Z"),
              customerName: "Maria Lopez",
              urgencyLevel: "low",
              createdAt: new Date("2026-11-30T17:59:01Z"),
            },
          ])
          .returning();
  return { user, call, events: rows };
}

const logsOf = (callId: string) =>
  database.current.db.select().from(communicationLogs).where(eq(communicationLogs.callId, callId));
const emailSentAt = async (callId: string) =>
  (await database.current.db.select({ at: calls.emailSentAt }).from(calls).where(eq(calls.id, callId)))[0]?.at;

describe("send-call-overview through graphile-worker", () => {
  it("sends one email listing both events, escaped, in the owner's timezone, with dashboard links; a rerun sends nothing", async () => {
    resendAnswers(200);
    const {
      user,
      call,
      events: [service, quote],
    } = await seedCall();
    const taskList = createTaskList(deps());
    await queue.enqueue("send-call-overview", { callId: call.id });
    await runOnce({ connectionString: database.current.url, taskList });

    expect(received).toHaveLength(1);
    const [request] = received;
    expect(request?.idempotencyKey).toBe(`call-overview/${call.id}`);
    expect(request?.authorization).toBe(`Bearer ${TEST_KEY}`);
    const { html, text, subject, to } = request?.body ?? ({} as ResendRequest["body"]);
    expect(to).toBe(user.email);
    // The default "Call Overview: Service Call" template, rendered with the first event.
    expect(subject).toBe("Service call request - <script>alert(1)</script> - Tue, Dec 1, 2026");
    expect(html).not.toContain("<script>");
    expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(html).toContain("Joe&#39;s Plumbing &amp; Sons");
    for (const part of [html, text]) {
      expect(part).toContain("Fix water heater");
      expect(part).toContain("Quote for a new tank");
      // 15:00Z and 22:30Z in Chicago (CST, UTC-6).
      expect(part).toContain("Tue, Dec 1, 2026, 9:00 AM");
      expect(part).toContain("Thu, Dec 3, 2026, 4:30 PM");
      expect(part).toContain(`${WEB_URL}/events/${service?.id}`);
      expect(part).toContain(`${WEB_URL}/events/${quote?.id}`);
    }
    // The type in the plumber's words: a "demo" is a "quote".
    expect(text).toContain("Type: service call");
    expect(text).toContain("Type: quote");
    // The customer's sealed phone and email, opened for the owner.
    expect(text).toContain("Customer: <script>alert(1)</script>, +1 512 555 0142, dana@example.test");
    expect(html).toContain("dana@example.test");
    expect(text).toContain("Urgency: high");
    expect(text).toContain("Where: 1420 Oak St");
    // Each event's "add to calendar" links: Google's and Outlook's at its UTC times, and its signed .ics file.
    const links = (label: string) =>
      [...text.matchAll(new RegExp(`${label}: (\\S+)`, "g"))].map((match) => new URL(match[1] ?? ""));
    expect(links("Google").map((url) => url.searchParams.get("dates"))).toEqual([
      "20261201T150000Z/20261201T160000Z",
      "20261203T223000Z/20261203T233000Z",
    ]);
    expect(links("Outlook").map((url) => url.searchParams.get("startdt"))).toEqual([
      "2026-12-01T15:00:00Z",
      "2026-12-03T22:30:00Z",
    ]);
    expect(links("Google")[0]?.searchParams.get("details")).toContain(
      `Open in Flynn: ${WEB_URL}/events/${service?.id}`,
    );
    const ics = links("Apple / other \\(\\.ics\\)");
    expect(ics.map((url) => url.pathname)).toEqual([
      `/calendar/events/${service?.id}.ics`,
      `/calendar/events/${quote?.id}.ics`,
    ]);
    expect(ics[0]?.origin).toBe(API_URL);
    expect(testKeyring().verify(service?.id ?? "", ics[0]?.searchParams.get("sig") ?? "", EVENT_ICS_SIGNATURE)).toBe(
      true,
    );

    const logs = await logsOf(call.id);
    expect(logs).toHaveLength(1);
    expect(logs[0]).toMatchObject({
      communicationType: "email",
      recipient: user.email,
      subject,
      content: html,
      status: "sent",
      errorMessage: null,
      eventId: null,
    });
    expect(logs[0]?.externalId).toMatch(/^[0-9a-f-]{36}$/);
    expect(await emailSentAt(call.id)).toEqual(NOW);

    // Queued again (a second process-call run), and run directly: nothing more is sent.
    await queue.enqueue("send-call-overview", { callId: call.id });
    await runOnce({ connectionString: database.current.url, taskList });
    expect(await sendCallOverview(deps(), { callId: call.id }, firstAttempt)).toBe("already-sent");
    expect(received).toHaveLength(1);
    expect(await logsOf(call.id)).toHaveLength(1);
  });

  it("a 5xx fails the job so graphile-worker retries it later, with the row still pending", async () => {
    resendAnswers(503);
    const { call } = await seedCall();
    await queue.enqueue("send-call-overview", { callId: call.id });
    await runOnce({ connectionString: database.current.url, taskList: createTaskList(deps()) });

    const [job] = (await queue.queued()).filter((queued) => queued.key === `send-call-overview:${call.id}`);
    expect(job).toMatchObject({ name: "send-call-overview", attempts: 1 });
    const [log] = await logsOf(call.id);
    expect(log).toMatchObject({ status: "pending", externalId: null });
    expect(log?.errorMessage).toContain("Resend 503 application_error");
    expect(await emailSentAt(call.id)).toBeNull();
  });
});

describe("send-call-overview retries and crashes", () => {
  it("429 and 5xx throw and keep the row pending; the retry resends the identical message under the same key", async () => {
    resendAnswers(429, 500, 200);
    const { call } = await seedCall();
    await expect(sendCallOverview(deps(), { callId: call.id }, firstAttempt)).rejects.toMatchObject({
      name: "EmailSendError",
      status: 429,
      transient: true,
    });
    expect((await logsOf(call.id))[0]).toMatchObject({ status: "pending" });
    expect((await logsOf(call.id))[0]?.errorMessage).toContain("rate_limit_exceeded");

    await expect(sendCallOverview(deps(), { callId: call.id }, { number: 2, max: 25 })).rejects.toMatchObject({
      status: 500,
      transient: true,
    });
    // The owner confirms an event meanwhile: the overview stays the snapshot first rendered.
    await database.current.db.update(events).set({ title: "Changed title" }).where(eq(events.callId, call.id));
    expect(await sendCallOverview(deps(), { callId: call.id }, { number: 3, max: 25 })).toBe("sent");

    expect(received).toHaveLength(3);
    expect(new Set(received.map((r) => r.idempotencyKey))).toEqual(new Set([`call-overview/${call.id}`]));
    expect(new Set(received.map((r) => JSON.stringify(r.body))).size).toBe(1);
    const logs = await logsOf(call.id);
    expect(logs).toHaveLength(1);
    expect(logs[0]).toMatchObject({ status: "sent", errorMessage: null });
  });

  it("after a crash between the send and the mark, the rerun repeats the key and Resend sends nothing new", async () => {
    resendAnswers(200, 200);
    const { call } = await seedCall();
    const real = resendMailer();
    const crashing: Mailer = {
      mode: "resend",
      async send(email) {
        await real.send(email);
        throw new Error("worker killed after the send");
      },
    };
    await expect(sendCallOverview(deps(crashing), { callId: call.id }, firstAttempt)).rejects.toThrow("killed");
    expect((await logsOf(call.id))[0]).toMatchObject({ status: "pending" });

    expect(await sendCallOverview(deps(), { callId: call.id }, { number: 2, max: 25 })).toBe("sent");
    expect(received).toHaveLength(2);
    expect(received[1]).toEqual(received[0]);
    const [log] = await logsOf(call.id);
    expect(log?.status).toBe("sent");
    expect(await emailSentAt(call.id)).toEqual(NOW);
  });

  it("a refusal that will not change (422) marks the row failed without a retry, and nothing is sent again", async () => {
    resendAnswers(422);
    const { call } = await seedCall();
    expect(await sendCallOverview(deps(), { callId: call.id }, firstAttempt)).toBe("failed");
    expect(await sendCallOverview(deps(), { callId: call.id }, firstAttempt)).toBe("failed");
    expect(received).toHaveLength(1);
    const [log] = await logsOf(call.id);
    expect(log).toMatchObject({ status: "failed" });
    expect(log?.errorMessage).toContain("validation_error");
    expect(await emailSentAt(call.id)).toBeNull();
  });

  it("a transient error on the last attempt marks the row failed", async () => {
    resendAnswers(502);
    const { call } = await seedCall();
    expect(await sendCallOverview(deps(), { callId: call.id }, { number: 25, max: 25 })).toBe("failed");
    expect((await logsOf(call.id))[0]).toMatchObject({ status: "failed" });
  });
});

describe("send-call-overview templates and outbox", () => {
  it("without a Resend key the overview stays in the outbox: no request, the full HTML in communication_logs", async () => {
    const {
      call,
      events: [service],
    } = await seedCall();
    const outbox = createMailer({ resendApiKey: undefined, from: "Flynn <calls@flynn.example>" });
    expect(await sendCallOverview(deps(outbox), { callId: call.id }, firstAttempt)).toBe("outbox");
    expect(await sendCallOverview(deps(outbox), { callId: call.id }, firstAttempt)).toBe("already-sent");
    expect(received).toHaveLength(0);
    const logs = await logsOf(call.id);
    expect(logs).toHaveLength(1);
    expect(logs[0]).toMatchObject({ status: "sent", externalId: null, sentAt: NOW });
    expect(logs[0]?.content).toMatch(/^<!DOCTYPE html>/);
    expect(logs[0]?.content).toContain("Quote for a new tank");
    expect(logs[0]?.content).toContain(`${WEB_URL}/events/${service?.id}`);
    expect(await emailSentAt(call.id)).toEqual(NOW);
  });

  it("concurrent runs in outbox mode store one overview, whichever wins", async () => {
    const { call } = await seedCall();
    const outbox = createMailer({ resendApiKey: null, from: "x <x@example.com>" });
    const results = await Promise.all(
      Array.from({ length: 6 }, () => sendCallOverview(deps(outbox), { callId: call.id }, firstAttempt)),
    );
    expect(results.filter((result) => result === "outbox")).toHaveLength(1);
    expect(results.filter((result) => result !== "outbox")).toEqual(Array(5).fill("already-sent"));
    expect(await logsOf(call.id)).toMatchObject([{ status: "sent" }]);
    expect(await emailSentAt(call.id)).toEqual(NOW);
  });

  it("concurrent runs through Resend store one overview row; any resend repeats its key and body", async () => {
    const { call } = await seedCall();
    resendAnswers();
    const results = await Promise.all(
      Array.from({ length: 6 }, () => sendCallOverview(deps(resendMailer()), { callId: call.id }, firstAttempt)),
    );
    // A run that finds the claim still pending resends it (it cannot tell a crash from a
    // send in flight); Resend's idempotency key makes that one email.
    expect(results.every((result) => result === "sent" || result === "already-sent")).toBe(true);
    expect(new Set(received.map((request) => request.idempotencyKey))).toEqual(new Set([`call-overview/${call.id}`]));
    expect(new Set(received.map((request) => JSON.stringify(request.body))).size).toBe(1);
    expect(await logsOf(call.id)).toMatchObject([{ status: "sent" }]);
  });

  it("uses the owner's own template for their industry and the first event's type", async () => {
    const { user, call } = await seedCall();
    await database.current.db.insert(emailTemplates).values({
      userId: user.id,
      templateName: "Mine",
      industryType: "plumbing",
      eventType: "service_call",
      subjectTemplate: "Job for {{customer_name}} on {{event_date}}",
      bodyTemplate: "Heads up: {{event_title}} at {{location}}.",
    });
    const outbox = createMailer({ resendApiKey: null, from: "x <x@example.com>" });
    await sendCallOverview(deps(outbox), { callId: call.id }, firstAttempt);
    const [log] = await logsOf(call.id);
    expect(log?.subject).toBe("Job for <script>alert(1)</script> on Tue, Dec 1, 2026");
    expect(log?.content).toContain("Heads up: Fix water heater at 1420 Oak St.");
  });

  it("a call without events gets the main topic as subject", async () => {
    const { call } = await seedCall({ events: false });
    const outbox = createMailer({ resendApiKey: null, from: "x <x@example.com>" });
    await sendCallOverview(deps(outbox), { callId: call.id }, firstAttempt);
    const [log] = await logsOf(call.id);
    expect(log?.subject).toBe("Leaking water heater");
    expect(log?.content).toContain("No events were found in this call.");
  });

  it("an unknown call sends nothing", async () => {
    expect(await sendCallOverview(deps(), { callId: randomUUID() }, firstAttempt)).toBe("missing");
  });
});
