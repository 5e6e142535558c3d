import { useTestDatabase } from "@flynn/db/testing";
import { extractionAnswer } from "@flynn/extraction/testing";
import { startApi, startWorker, stopProcesses } from "@flynn/processes/apps";
import { afterEach, describe, expect, it } from "vitest";
import { startFakeOpenAI } from "./fake-openai";
import { startFakeResend } from "./fake-resend";
import type { FakeServer } from "./fake-server";
import { callBusiness, callEmails, callEvents, overviewSent, seedOwner, tomorrow, tomorrowAtTen } from "./scenario";

const database = useTestDatabase();
const fakes: FakeServer[] = [];
afterEach(async () => {
  await stopProcesses();
  for (const fake of fakes.splice(0)) await fake.close();
});

async function callBySid(callSid: string) {
  const call = await database.current.db.query.calls.findFirst({
    where: (calls, { eq }) => eq(calls.twilioCallSid, callSid),
  });
  if (!call) throw new Error(`call ${callSid} was not stored`);
  return call;
}

describe("a worker killed (SIGKILL) and restarted", () => {
  it("after the extraction commit, before the email's answer: the email goes out exactly once", async () => {
    const { db, url } = database.current;
    const resend = await startFakeResend();
    fakes.push(resend);
    resend.hang();
    const env = {
      RESEND_API_KEY: "re_test_e2e_only",
      RESEND_BASE_URL: resend.baseUrl,
      EMAIL_FROM: "Flynn <calls@flynn.example>",
    };
    const owner = await seedOwner(db);
    const first = startWorker({ databaseUrl: url, env });
    const api = await startApi({ databaseUrl: url });

    const arrived = resend.nextRequest();
    const simulated = await callBusiness(api.baseUrl, owner.number);
    await arrived;
    await first.stop("SIGKILL");

    const killed = await callBySid(simulated.callSid);
    // Killed in between: the events are committed, the email claimed but not known to be sent.
    expect(killed).toMatchObject({ aiProcessingStatus: "completed", emailSentAt: null });
    expect(await callEmails(db, killed.id)).toMatchObject([{ status: "pending" }]);

    resend.answer();
    startWorker({ databaseUrl: url, env });
    const call = await overviewSent(db, simulated.callSid);

    // The restarted worker resent the stored message under the same key; Resend kept one email.
    expect(resend.requests.map((request) => request.headers["idempotency-key"])).toEqual([
      `call-overview/${call.id}`,
      `call-overview/${call.id}`,
    ]);
    expect(resend.requests[1]?.body).toBe(resend.requests[0]?.body);
    expect(resend.accepted).toHaveLength(1);
    const emails = await callEmails(db, call.id);
    expect(emails).toHaveLength(1);
    expect(emails[0]).toMatchObject({ status: "sent", externalId: resend.accepted[0]?.id, sentAt: call.emailSentAt });
    expect(await callEvents(db, call.id)).toHaveLength(1);
  });

  it("mid-extraction (the model's answer pending): after a restart, one set of events and one email", async () => {
    const { db, url } = database.current;
    const now = new Date();
    const openai = await startFakeOpenAI(
      extractionAnswer([
        { proposed_datetime: `${tomorrow(now)}T10:00` },
        { event_type: "quote", title: "Replacement quote" },
      ]),
    );
    fakes.push(openai);
    openai.hang();
    const env = { OPENAI_API_KEY: "sk-test", OPENAI_BASE_URL: `${openai.baseUrl}/v1` };
    const owner = await seedOwner(db);
    const api = await startApi({ databaseUrl: url });
    // The whole call first: the worker then finds Twilio's transcript and never needs the recording.
    const simulated = await callBusiness(api.baseUrl, owner.number);

    const arrived = openai.nextRequest();
    const first = startWorker({ databaseUrl: url, env });
    await arrived;
    await first.stop("SIGKILL");

    const killed = await callBySid(simulated.callSid);
    expect(killed).toMatchObject({ aiProcessingStatus: "processing", mainTopic: null, emailSentAt: null });
    expect(await callEvents(db, killed.id)).toEqual([]);

    openai.answer();
    startWorker({ databaseUrl: url, env });
    const call = await overviewSent(db, simulated.callSid);

    expect(openai.requests).toHaveLength(2);
    expect(call).toMatchObject({ aiProcessingStatus: "completed", mainTopic: "Leaking water heater" });
    const events = await callEvents(db, call.id);
    expect(events.map((event) => event.eventType).sort()).toEqual(["quote", "service_call"]);
    expect(events.find((event) => event.eventType === "service_call")?.proposedDatetime).toEqual(tomorrowAtTen(now));
    expect(await callEmails(db, call.id)).toMatchObject([{ status: "sent", externalId: null }]);
  });
});
