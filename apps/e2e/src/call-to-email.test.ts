import { useTestDatabase } from "@flynn/db/testing";
import { startApi, startWorker, stopProcesses } from "@flynn/processes/apps";
import { afterEach, describe, expect, it } from "vitest";
import { callBusiness, callEmails, callEvents, overviewSent, seedOwner, tomorrowAtTen } from "./scenario";

const database = useTestDatabase();
afterEach(stopProcesses);

describe("a call, end to end on the real API, worker and database", () => {
  it("ends completed with its topic and event, and one overview email in the outbox", async () => {
    const { db, url } = database.current;
    const owner = await seedOwner(db);
    startWorker({ databaseUrl: url, env: { WEB_URL: "https://app.flynn.example" } });
    const api = await startApi({ databaseUrl: url });

    const simulated = await callBusiness(api.baseUrl, owner.number);
    const call = await overviewSent(db, simulated.callSid);

    expect(call).toMatchObject({
      userId: owner.user.id,
      callStatus: "completed",
      aiProcessingStatus: "completed",
      mainTopic: expect.stringMatching(/water heater/i),
    });
    const createdAt = call.createdAt as Date;
    const events = await callEvents(db, call.id);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      userId: owner.user.id,
      eventType: "service_call",
      status: "extracted",
      proposedDatetime: tomorrowAtTen(createdAt),
      location: "14 Elm Street",
      // Sealed by the worker (AES-256-GCM), with its keyed hash beside it: never plaintext at rest.
      customerPhone: expect.stringMatching(/^v1\./),
      customerPhoneHash: expect.any(String),
    });
    expect(events[0]?.customerPhone).not.toContain("5550123");

    const emails = await callEmails(db, call.id);
    expect(emails).toHaveLength(1);
    const [email] = emails;
    expect(email).toMatchObject({
      communicationType: "email",
      recipient: owner.user.email,
      status: "sent",
      externalId: null,
      sentAt: call.emailSentAt,
    });
    expect(email?.content).toMatch(/^<!doctype html>/i);
    expect(email?.content).toContain("14 Elm Street");
    expect(email?.content).toContain(`https://app.flynn.example/events/${events[0]?.id}`);
  });
});
