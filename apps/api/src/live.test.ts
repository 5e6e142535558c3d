/**
 * `live.changes` over real HTTP: the app on a real port, signed-in browsers' sessions, and the
 * client the dashboard uses (tRPC's httpSubscriptionLink over EventSource, here the
 * `eventsource` package, as Node has none), fed by the real Postgres listener.
 */
import type { AddressInfo } from "node:net";
import type { AppRouter } from "@flynn/api";
import { type ChangeListener, type ChangeSignal, createChangeListener } from "@flynn/db/changes";
import { calls } from "@flynn/db/schema";
import { insertCall, useTestDatabase } from "@flynn/db/testing";
import { type ServerType, serve } from "@hono/node-server";
import { createTRPCClient, httpSubscriptionLink } from "@trpc/client";
import { eq } from "drizzle-orm";
import { EventSource } from "eventsource";
import superjson from "superjson";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, randomIp, signUp } from "./testing";

const database = useTestDatabase();
let changes: ChangeListener;
let server: ServerType;
let baseUrl: string;
let app: ReturnType<typeof createTestApp>["app"];

beforeAll(async () => {
  changes = createChangeListener({ url: database.current.url, heartbeatMs: 0 });
  await changes.ready();
  app = createTestApp(database.current.db, { changes }).app;
  await new Promise<void>((resolve) => {
    server = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" }, () => resolve());
  });
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await changes.close();
  await new Promise((resolve) => {
    server.close(resolve);
    // fetch keeps its connections alive; without this, close waits for their timeout.
    if ("closeAllConnections" in server) server.closeAllConnections();
  });
});

/** Signs a new owner up; their id and session cookie. */
async function owner() {
  const { response, cookie } = await signUp(app, randomIp(), `owner-${crypto.randomUUID()}@example.test`);
  const { user } = (await response.json()) as { user: { id: string } };
  return { id: user.id, cookie };
}

/** A browser's subscription to `live.changes`: what it received, and how to leave. */
function subscribe(cookie: string) {
  const client = createTRPCClient<AppRouter>({
    links: [
      httpSubscriptionLink({
        url: `${baseUrl}/trpc`,
        transformer: superjson,
        EventSource,
        eventSourceOptions: {
          fetch: (url, init) => fetch(url, { ...init, headers: { ...init?.headers, cookie } }),
        },
      }),
    ],
  });
  const received: ChangeSignal[] = [];
  const errors: unknown[] = [];
  const subscription = client.live.changes.subscribe(undefined, {
    onData: (signal) => received.push(signal),
    onError: (error) => errors.push(error),
  });
  return { received, errors, unsubscribe: () => subscription.unsubscribe() };
}

describe("live.changes over HTTP (SSE)", () => {
  it("streams each signed-in owner's own changes, and stops listening when the browser leaves", async () => {
    const { db } = database.current;
    const [a, b] = [await owner(), await owner()];
    const browserA = subscribe(a.cookie);
    const browserB = subscribe(b.cookie);
    await expect.poll(() => changes.subscriberCount()).toBe(2);

    const call = await insertCall(db, a.id);
    await db.update(calls).set({ callSummary: "Leaking boiler" }).where(eq(calls.id, call.id));
    // Committed after A's changes: once B's browser has it, B has been sent everything.
    const bCall = await insertCall(db, b.id);

    await expect.poll(() => browserB.received).toEqual([{ table: "calls", id: bCall.id, op: "insert" }]);
    await expect.poll(() => browserA.received).toHaveLength(2);
    expect(browserA.received).toEqual([
      { table: "calls", id: call.id, op: "insert" },
      { table: "calls", id: call.id, op: "update" },
    ]);

    // Closing the EventSource closes the connection; the server drops the subscription.
    browserA.unsubscribe();
    await expect.poll(() => changes.subscriberCount()).toBe(1);
    browserB.unsubscribe();
    await expect.poll(() => changes.subscriberCount()).toBe(0);
    expect([...browserA.errors, ...browserB.errors]).toEqual([]);
  });

  it("answers 401 without a session, and 401 with a session that is not valid", async () => {
    for (const headers of [{}, { cookie: "flynn.session_token=forged.value" }] as Record<string, string>[]) {
      const response = await fetch(`${baseUrl}/trpc/live.changes`, {
        headers: { accept: "text/event-stream", ...headers },
      });
      expect(response.status).toBe(401);
      expect(await response.text()).toContain("Sign in to continue");
    }
    expect(changes.subscriberCount()).toBe(0);
  });

  it("sends the stream as text/event-stream, starting with tRPC's connected event (ping settings included)", async () => {
    const { cookie } = await owner();
    const abort = new AbortController();
    const response = await fetch(`${baseUrl}/trpc/live.changes`, { headers: { cookie }, signal: abort.signal });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/event-stream/);
    const reader = response.body?.getReader();
    const first = new TextDecoder().decode((await reader?.read())?.value);
    expect(first).toContain("event: connected");
    expect(first).toContain('"reconnectAfterInactivityMs":40000');
    await expect.poll(() => changes.subscriberCount()).toBe(1);
    abort.abort();
    await expect.poll(() => changes.subscriberCount()).toBe(0);
  });
});
