import { randomUUID } from "node:crypto";
import { eq, inArray } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditLogs, calls } from "../schema/index";
import { insertPhoneNumber, insertUser, randomPhoneNumber, useTestDatabase } from "../testing";
import { type IncomingCall, recordIncomingCalls } from "./call-webhooks";

const database = useTestDatabase();

const incoming = (to: string, callSid = `CA${randomUUID().replaceAll("-", "")}`): IncomingCall => ({
  callSid,
  to,
  from: "+15550199999",
  callerName: null,
  status: "ringing",
});

describe("recordIncomingCalls", () => {
  it("records a batch in one statement: each call for its number's owner, a repeated CallSid once", async () => {
    const { db } = database.current;
    const plumber = await insertUser(db, { industryType: "plumbing", companyName: "Pipe Pros" });
    const lawyer = await insertUser(db, { industryType: "legal", timezone: "Europe/London" });
    const [plumberNumber, lawyerNumber, inactiveNumber] = [
      randomPhoneNumber(),
      randomPhoneNumber(),
      randomPhoneNumber(),
    ];
    await insertPhoneNumber(db, plumber.id, { twilioPhoneNumber: plumberNumber });
    await insertPhoneNumber(db, lawyer.id, { twilioPhoneNumber: lawyerNumber });
    await insertPhoneNumber(db, lawyer.id, { twilioPhoneNumber: inactiveNumber, isActive: false });

    const retried = incoming(plumberNumber);
    const batch = [incoming(lawyerNumber), retried, { ...retried }, incoming("+15550000000"), incoming(inactiveNumber)];
    const owners = await recordIncomingCalls(db, batch);

    expect(owners.map((o) => o && { userId: o.userId, industry: o.config?.industryType })).toEqual([
      { userId: lawyer.id, industry: "legal" },
      { userId: plumber.id, industry: "plumbing" },
      { userId: plumber.id, industry: "plumbing" },
      null,
      null,
    ]);
    expect(owners[1]?.companyName).toBe("Pipe Pros");
    const rows = await db
      .select()
      .from(calls)
      .where(
        inArray(
          calls.twilioCallSid,
          batch.map((c) => c.callSid),
        ),
      );
    expect(rows.map((r) => [r.twilioCallSid, r.userId]).sort()).toEqual(
      [
        [batch[0]?.callSid, lawyer.id],
        [retried.callSid, plumber.id],
      ].sort(),
    );
    expect(owners[1]?.callId).toBe(rows.find((r) => r.twilioCallSid === retried.callSid)?.id);
    // Audited once per call, on its owner's trail.
    const trail = await db
      .select()
      .from(auditLogs)
      .where(
        inArray(
          auditLogs.resourceId,
          rows.map((r) => r.id),
        ),
      );
    expect(trail.map((t) => [t.action, t.userId]).sort()).toEqual(
      [
        ["call.created", lawyer.id],
        ["call.created", plumber.id],
      ].sort(),
    );

    // Twilio retrying the voice request later leaves the row as the status callbacks left it.
    await db.update(calls).set({ callStatus: "completed" }).where(eq(calls.twilioCallSid, retried.callSid));
    const [again] = await recordIncomingCalls(db, [retried]);
    expect(again?.callId).toBe(owners[1]?.callId);
    const [row] = await db.select().from(calls).where(eq(calls.twilioCallSid, retried.callSid));
    expect(row?.callStatus).toBe("completed");
  });
});
