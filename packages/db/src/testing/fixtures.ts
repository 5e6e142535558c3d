/**
 * Rows for tests, inserted as the database owner (row-level security does not apply).
 * `seedUserGraph` gives a user one row in every user-owned table, linked as in real use.
 */
import { randomUUID } from "node:crypto";
import type { Db } from "../client";
import {
  auditLogs,
  calendarIntegrations,
  calls,
  communicationLogs,
  emailTemplates,
  events,
  industryConfigurations,
  phoneNumbers,
  users,
} from "../schema/index";

/** A random, valid North American number in the 555 range. */
export function randomPhoneNumber(): string {
  return `+1555${String(Math.floor(Math.random() * 10_000_000)).padStart(7, "0")}`;
}

export async function insertUser(db: Db, values: Partial<typeof users.$inferInsert> = {}) {
  const [user] = await db
    .insert(users)
    .values({ email: `user-${randomUUID()}@example.test`, fullName: "Test User", ...values })
    .returning();
  if (!user) throw new Error("insertUser: no row returned");
  return user;
}

/** An active number of `userId` (a random simulated one unless given): calls to it reach that user. */
export async function insertPhoneNumber(
  db: Db,
  userId: string,
  values: Partial<typeof phoneNumbers.$inferInsert> = {},
) {
  const [phoneNumber] = await db
    .insert(phoneNumbers)
    .values({
      userId,
      twilioPhoneNumber: randomPhoneNumber(),
      twilioPhoneSid: `PN${randomUUID().replaceAll("-", "")}`,
      ...values,
    })
    .returning();
  if (!phoneNumber) throw new Error("insertPhoneNumber: no row returned");
  return phoneNumber;
}

/** A call to `userId` from a fixed caller with a unique CallSid; `values` override any column. */
export async function insertCall(db: Db, userId: string, values: Partial<typeof calls.$inferInsert> = {}) {
  const [call] = await db
    .insert(calls)
    .values({ userId, twilioCallSid: `CA${randomUUID().replaceAll("-", "")}`, callerNumber: "+15550199999", ...values })
    .returning();
  if (!call) throw new Error("insertCall: no row returned");
  return call;
}

/** An event of `userId` (a service call on Dec 1, 2026, 15:00Z unless `values` say otherwise); contacts must come sealed. */
export async function insertEvent(db: Db, userId: string, values: Partial<typeof events.$inferInsert> = {}) {
  const [event] = await db
    .insert(events)
    .values({ userId, title: "Fix water heater", proposedDatetime: new Date("2026-12-01T15:00:00Z"), ...values })
    .returning();
  if (!event) throw new Error("insertEvent: no row returned");
  return event;
}

export interface UserGraph {
  user: typeof users.$inferSelect;
  phoneNumber: typeof phoneNumbers.$inferSelect;
  call: typeof calls.$inferSelect;
  event: typeof events.$inferSelect;
  integration: typeof calendarIntegrations.$inferSelect;
  template: typeof emailTemplates.$inferSelect;
  communication: typeof communicationLogs.$inferSelect;
  configuration: typeof industryConfigurations.$inferSelect;
  audit: typeof auditLogs.$inferSelect;
}

const one = <T>(rows: T[]): T => {
  const [row] = rows;
  if (!row) throw new Error("fixture insert returned no row");
  return row;
};

export async function seedUserGraph(db: Db, userValues: Partial<typeof users.$inferInsert> = {}): Promise<UserGraph> {
  const user = await insertUser(db, { industryType: "plumbing", ...userValues });
  const userId = user.id;
  const suffix = randomUUID().slice(0, 8);
  const phoneNumber = await insertPhoneNumber(db, userId);
  const call = one(
    await db
      .insert(calls)
      .values({
        userId,
        phoneNumberId: phoneNumber.id,
        twilioCallSid: `CA${suffix}${randomUUID().replaceAll("-", "")}`,
        callerNumber: "+15550199999",
        callStatus: "completed",
        callDirection: "inbound",
        mainTopic: "Leaking water heater",
      })
      .returning(),
  );
  const event = one(
    await db
      .insert(events)
      .values({
        userId,
        callId: call.id,
        eventType: "service_call",
        title: "Fix water heater",
        proposedDatetime: new Date("2026-12-01T15:00:00Z"),
      })
      .returning(),
  );
  const integration = one(
    await db
      .insert(calendarIntegrations)
      .values({ userId, integrationType: "google", calendarName: "Work" })
      .returning(),
  );
  const template = one(
    await db
      .insert(emailTemplates)
      .values({ userId, templateName: "My template", subjectTemplate: "Hi {{customer_name}}", bodyTemplate: "Body" })
      .returning(),
  );
  const communication = one(
    await db
      .insert(communicationLogs)
      .values({
        userId,
        eventId: event.id,
        callId: call.id,
        communicationType: "email",
        recipient: "owner@example.test",
      })
      .returning(),
  );
  const configuration = one(
    await db
      .insert(industryConfigurations)
      .values({ userId, industryType: "plumbing", eventTypes: ["service_call", "quote"] })
      .returning(),
  );
  const audit = one(
    await db
      .insert(auditLogs)
      .values({ userId, action: "event.updated", resourceType: "event", resourceId: event.id })
      .returning(),
  );
  return { user, phoneNumber, call, event, integration, template, communication, configuration, audit };
}
