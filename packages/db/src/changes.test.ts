import { randomUUID } from "node:crypto";
import net from "node:net";
import { eq } from "drizzle-orm";
import { afterEach, describe, expect, it, vi } from "vitest";
import {
  CHANGES_APPLICATION_NAME,
  type ChangeListener,
  type ChangeSignal,
  changesOf,
  createChangeListener,
  RESYNC,
  reconnectDelayMs,
} from "./changes";
import { withUser } from "./client";
import { calls, events } from "./schema/index";
import { insertCall, insertUser, useTestDatabase } from "./testing";

const database = useTestDatabase();

const listeners: ChangeListener[] = [];
const cleanups: Array<() => void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) cleanup();
  await Promise.all(listeners.splice(0).map((listener) => listener.close()));
});

async function startListener(url = database.current.url, options: { heartbeatMs?: number } = {}) {
  const errors: Error[] = [];
  const listener = createChangeListener({
    url,
    reconnectDelay: { initialMs: 10, maxMs: 100 },
    heartbeatMs: options.heartbeatMs ?? 0,
    onError: (error) => errors.push(error),
  });
  listeners.push(listener);
  await listener.ready();
  return { listener, errors };
}

/** Everything `userId`'s subscriber is told, in order. */
function record(listener: ChangeListener, userId: string) {
  const signals: ChangeSignal[] = [];
  cleanups.push(listener.subscribe(userId, (signal) => signals.push(signal)));
  return signals;
}

const until = (check: () => void) => vi.waitFor(check, { timeout: 5_000, interval: 5 });

describe("createChangeListener", () => {
  it("tells a user about their calls and events, and another user nothing of theirs", async () => {
    const { db } = database.current;
    const { listener, errors } = await startListener();
    const [a, b] = [await insertUser(db), await insertUser(db)];
    const seenByA = record(listener, a.id);
    const seenByB = record(listener, b.id);

    const call = await insertCall(db, a.id);
    await db.update(calls).set({ callSummary: "Water heater leaking" }).where(eq(calls.id, call.id));
    const [event] = await db
      .insert(events)
      .values({ userId: a.id, callId: call.id, eventType: "quote", title: "Quote for a new heater" })
      .returning({ id: events.id });
    const eventId = event?.id ?? "";
    // The dashboard's own writes (as flynn_app, under row-level security) are announced too.
    await withUser(db, { userId: a.id }, (tx) =>
      tx.update(events).set({ status: "confirmed" }).where(eq(events.id, eventId)),
    );
    await db.delete(events).where(eq(events.id, eventId));
    // Committed after A's changes, on the same connection: once B has it, B has seen everything.
    const bCall = await insertCall(db, b.id);

    await until(() => expect(seenByB).toHaveLength(1));
    expect(seenByB).toEqual([{ table: "calls", id: bCall.id, op: "insert" }]);
    expect(seenByA).toEqual([
      { table: "calls", id: call.id, op: "insert" },
      { table: "calls", id: call.id, op: "update" },
      { table: "events", id: eventId, op: "insert" },
      { table: "events", id: eventId, op: "update" },
      { table: "events", id: eventId, op: "delete" },
    ]);
    expect(errors).toEqual([]);
  });

  it("announces each row of a multi-row insert, and nothing of a rolled-back change", async () => {
    const { db } = database.current;
    const { listener } = await startListener();
    const user = await insertUser(db);
    const seen = record(listener, user.id);
    const call = await insertCall(db, user.id);
    await until(() => expect(seen).toHaveLength(1));

    await db
      .transaction(async (tx) => {
        await tx.update(calls).set({ callSummary: "never happened" }).where(eq(calls.id, call.id));
        tx.rollback();
      })
      .catch(() => {});
    const inserted = await db
      .insert(events)
      .values(
        [1, 2, 3].map((n) => ({ userId: user.id, callId: call.id, eventType: "quote" as const, title: `Quote ${n}` })),
      )
      .returning({ id: events.id });

    await until(() => expect(seen).toHaveLength(4));
    expect(seen.slice(1)).toEqual(inserted.map(({ id }) => ({ table: "events", id, op: "insert" })));
  });

  it("reconnects when its connection is killed, tells subscribers to resync, and delivers again", async () => {
    const { db } = database.current;
    const { listener, errors } = await startListener();
    const user = await insertUser(db);
    const seen = record(listener, user.id);

    const { rows } = await db.$client.query(
      "SELECT pg_terminate_backend(pid) AS killed FROM pg_stat_activity WHERE application_name = $1 AND datname = current_database()",
      [CHANGES_APPLICATION_NAME],
    );
    expect(rows).toEqual([{ killed: true }]);

    await until(() => expect(seen).toEqual([RESYNC]));
    expect(errors.map((e) => e.message)).toEqual([expect.stringMatching(/connection lost; reconnecting in 10 ms/)]);
    const call = await insertCall(db, user.id);
    await until(() => expect(seen).toEqual([RESYNC, { table: "calls", id: call.id, op: "insert" }]));
  });

  it("replaces a connection that silently stopped answering (heartbeat)", async () => {
    const { db } = database.current;
    const proxy = await freezableProxy(database.current.url);
    cleanups.push(proxy.close);
    const { listener, errors } = await startListener(proxy.url, { heartbeatMs: 50 });
    const user = await insertUser(db);
    const seen = record(listener, user.id);

    proxy.freeze();
    await until(() => expect(seen).toEqual([RESYNC]));
    expect(errors[0]?.cause).toEqual(new Error("no answer to the heartbeat within 50 ms"));
    const call = await insertCall(db, user.id);
    await until(() => expect(seen).toEqual([RESYNC, { table: "calls", id: call.id, op: "insert" }]));
  });

  it("keeps trying while the database is unreachable, and listens once it is", async () => {
    const proxy = await freezableProxy(database.current.url, { refuse: true });
    cleanups.push(proxy.close);
    const errors: Error[] = [];
    const listener = createChangeListener({
      url: proxy.url,
      reconnectDelay: { initialMs: 1, maxMs: 4 },
      heartbeatMs: 0,
      onError: (error) => errors.push(error),
    });
    listeners.push(listener);
    await until(() => expect(errors.length).toBeGreaterThanOrEqual(4));
    expect(errors.slice(0, 4).map((e) => e.message.match(/in (\d+) ms/)?.[1])).toEqual(["1", "2", "4", "4"]);
    proxy.accept();
    await listener.ready();
  });

  it("ends every subscription on close, and refuses new ones", async () => {
    const { listener } = await startListener();
    const ended: string[] = [];
    listener.subscribe(
      randomUUID(),
      () => {},
      () => ended.push("first"),
    );
    listener.subscribe(
      randomUUID(),
      () => {},
      () => ended.push("second"),
    );
    expect(listener.subscriberCount()).toBe(2);

    await listener.close();
    expect(ended).toEqual(["first", "second"]);
    expect(listener.subscriberCount()).toBe(0);
    listener.subscribe(
      randomUUID(),
      () => {},
      () => ended.push("late"),
    );
    expect(ended).toEqual(["first", "second", "late"]);
    await expect(listener.ready()).rejects.toThrow("closed");
  });

  it("keeps delivering when a subscriber throws", async () => {
    const { db } = database.current;
    const { listener, errors } = await startListener();
    const user = await insertUser(db);
    listener.subscribe(user.id, () => {
      throw new Error("subscriber bug");
    });
    const seen = record(listener, user.id);
    await insertCall(db, user.id);
    await until(() => expect(seen).toHaveLength(1));
    expect(errors.map((e) => e.message)).toEqual(["subscriber bug"]);
  });
});

describe("changesOf", () => {
  /** A feed whose changes the test sends by hand. */
  function manualFeed() {
    const subscribers = new Set<{ onSignal: (s: ChangeSignal) => void; onEnd?: () => void }>();
    return {
      subscribers,
      subscribe(_userId: string, onSignal: (s: ChangeSignal) => void, onEnd?: () => void) {
        const subscriber = { onSignal, onEnd };
        subscribers.add(subscriber);
        return () => subscribers.delete(subscriber);
      },
      send: (signal: ChangeSignal) => {
        for (const s of subscribers) s.onSignal(signal);
      },
      end: () => {
        for (const s of subscribers) s.onEnd?.();
      },
    };
  }
  const change = (n: number): ChangeSignal => ({ table: "calls", id: `id-${n}`, op: "update" });

  it("yields changes in order, subscribes only once read, and unsubscribes when aborted", async () => {
    const feed = manualFeed();
    const abort = new AbortController();
    const stream = changesOf(feed, "u", { signal: abort.signal });
    expect(feed.subscribers.size).toBe(0);
    const first = stream.next();
    feed.send(change(1));
    feed.send(change(2));
    expect(await first).toEqual({ done: false, value: change(1) });
    expect(await stream.next()).toEqual({ done: false, value: change(2) });
    const waiting = stream.next();
    abort.abort();
    expect(await waiting).toEqual({ done: true, value: undefined });
    expect(feed.subscribers.size).toBe(0);
  });

  it("unsubscribes when the consumer stops, and ends when the feed closes", async () => {
    const feed = manualFeed();
    const stopped = changesOf(feed, "u");
    const pending = stopped.next();
    feed.send(change(1));
    await pending;
    await stopped.return();
    expect(feed.subscribers.size).toBe(0);

    const closing = changesOf(feed, "u");
    const next = closing.next();
    feed.send(change(2));
    feed.end();
    expect(await next).toEqual({ done: false, value: change(2) });
    expect(await closing.next()).toEqual({ done: true, value: undefined });
    expect(feed.subscribers.size).toBe(0);
  });

  it("replaces a backlog beyond maxPending with one resync", async () => {
    const feed = manualFeed();
    const stream = changesOf(feed, "u", { maxPending: 3 });
    const first = stream.next();
    // Sent before the consumer reads: 1, 2 and 3 fill the backlog, 4 overflows it.
    for (let n = 1; n <= 4; n++) feed.send(change(n));
    expect(await first).toEqual({ done: false, value: RESYNC });
    for (let n = 5; n <= 7; n++) feed.send(change(n));
    for (let n = 5; n <= 7; n++) expect(await stream.next()).toEqual({ done: false, value: change(n) });
    await stream.return();
  });
});

describe("reconnectDelayMs", () => {
  it("doubles from the initial delay up to the maximum", () => {
    const delays = [0, 1, 2, 3, 4, 5, 100].map((attempt) => reconnectDelayMs(attempt, { initialMs: 250, maxMs: 3000 }));
    expect(delays).toEqual([250, 500, 1000, 2000, 3000, 3000, 3000]);
  });
});

/**
 * A TCP proxy in front of Postgres that can stop forwarding on the connections it holds
 * without closing them (what a dead network path looks like), or refuse new ones.
 */
async function freezableProxy(databaseUrl: string, { refuse = false } = {}) {
  const target = new URL(databaseUrl);
  const sockets = new Set<net.Socket>();
  let refusing = refuse;
  const server = net.createServer((incoming) => {
    if (refusing) {
      incoming.destroy();
      return;
    }
    const outgoing = net.connect(Number(target.port), target.hostname);
    for (const socket of [incoming, outgoing]) {
      sockets.add(socket);
      socket.on("error", () => {});
      socket.on("close", () => sockets.delete(socket));
    }
    incoming.pipe(outgoing).pipe(incoming);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as net.AddressInfo;
  const url = new URL(databaseUrl);
  url.hostname = "127.0.0.1";
  url.port = String(port);
  return {
    url: url.toString(),
    freeze() {
      for (const socket of sockets) {
        socket.unpipe();
        socket.pause();
      }
    },
    accept() {
      refusing = false;
    },
    close() {
      for (const socket of sockets) socket.destroy();
      server.close();
    },
  };
}
