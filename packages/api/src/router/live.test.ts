import { type ChangeListener, createChangeListener } from "@flynn/db/changes";
import { calls } from "@flynn/db/schema";
import { insertCall, insertUser, useTestDatabase } from "@flynn/db/testing";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { callerFor } from "../testing";

// Through HTTP (SSE, a real session, disconnects): apps/api/src/live.test.ts.

const database = useTestDatabase();
let changes: ChangeListener;

beforeAll(async () => {
  changes = createChangeListener({ url: database.current.url, heartbeatMs: 0 });
  await changes.ready();
});
afterAll(() => changes.close());

describe("live.changes", () => {
  it("streams the signed-in user's changes only, holding no database connection", async () => {
    const { db } = database.current;
    const [user, other] = [await insertUser(db), await insertUser(db)];
    const stream = await callerFor(db, user, { changes }).live.changes();
    const iterator = stream[Symbol.asyncIterator]();
    const first = iterator.next();
    // The generator subscribes once read; it must be listening before the rows change.
    await expect.poll(() => changes.subscriberCount()).toBe(1);
    expect(db.$client.totalCount - db.$client.idleCount).toBe(0);

    await insertCall(db, other.id);
    const call = await insertCall(db, user.id);
    await db.update(calls).set({ callSummary: "Boiler service" }).where(eq(calls.id, call.id));

    expect(await first).toEqual({ done: false, value: { table: "calls", id: call.id, op: "insert" } });
    expect(await iterator.next()).toEqual({ done: false, value: { table: "calls", id: call.id, op: "update" } });
    // What the SSE adapter does when the client goes away (through HTTP: apps/api).
    await iterator.return?.();
    expect(changes.subscriberCount()).toBe(0);
  });

  it("requires a session", async () => {
    const { db } = database.current;
    await expect(callerFor(db, null, { changes }).live.changes()).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    const inactive = await insertUser(db, { isActive: false });
    await expect(callerFor(db, inactive, { changes }).live.changes()).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(changes.subscriberCount()).toBe(0);
  });

  it("ends with a retryable error when the feed closes (the server is shutting down)", async () => {
    const { db } = database.current;
    const user = await insertUser(db);
    const closing = createChangeListener({ url: database.current.url, heartbeatMs: 0 });
    await closing.ready();
    const stream = await callerFor(db, user, { changes: closing }).live.changes();
    const next = stream[Symbol.asyncIterator]().next();
    await expect.poll(() => closing.subscriberCount()).toBe(1);
    const ended = expect(next).rejects.toMatchObject({ code: "SERVICE_UNAVAILABLE" });
    await closing.close();
    await ended;
  });
});
