/**
 * Live changes of calls and events. Migration 0012 announces every committed insert, update
 * and delete of those tables on the Postgres channel `flynn_changes` with the row's owner;
 * `createChangeListener({ url })` holds ONE connection per process that LISTENs on it and
 * hands each change to the subscribers of that owner (the API's `live.changes`
 * subscription). Every API instance listens for itself, so instances scale out.
 *
 * The connection is replaced with exponential backoff when it drops, or when a heartbeat
 * goes unanswered (a silently dead TCP connection never reports an error). Changes committed
 * while it was down are gone, so once it listens again every subscriber gets
 * `{ resync: true }`: refetch. On Neon, pass the direct (unpooled) connection string:
 * LISTEN does not survive a transaction-mode pooler.
 */
import pg from "pg";
import { z } from "zod";

export const CHANGES_CHANNEL = "flynn_changes";

/** The `application_name` of the listening connection (pg_stat_activity shows it). */
export const CHANGES_APPLICATION_NAME = "flynn-changes";

const rowChangeSchema = z.object({
  table: z.enum(["calls", "events"]),
  op: z.enum(["insert", "update", "delete"]),
  id: z.uuid(),
  user_id: z.uuid(),
});

/** One row of the subscriber's that changed. */
export interface RowChange {
  table: "calls" | "events";
  id: string;
  op: "insert" | "update" | "delete";
}

/** What a subscriber is told: a row of theirs changed, or changes may have been missed. */
export type ChangeSignal = RowChange | { resync: true };

export const RESYNC: ChangeSignal = Object.freeze({ resync: true as const });

/** The changes of one user's rows, as the API consumes them. */
export interface ChangeFeed {
  /**
   * `onSignal` receives the changes of `userId`'s rows until the returned function is called;
   * `onEnd` is called once if the feed closes first (at once if it is already closed).
   */
  subscribe(userId: string, onSignal: (signal: ChangeSignal) => void, onEnd?: () => void): () => void;
}

export interface ChangeListener extends ChangeFeed {
  /** Resolves once LISTEN is active (again); rejects when the listener is closed. */
  ready(): Promise<void>;
  /** Subscriptions currently open (a leak shows here). */
  subscriberCount(): number;
  /** Ends every subscription (their `onEnd`), stops reconnecting and closes the connection. */
  close(): Promise<void>;
}

export interface ChangeListenerOptions {
  /** Any Postgres URL; on Neon the direct (unpooled) one. */
  url: string;
  /** Wait before reconnecting: `initialMs`, doubling per failed attempt up to `maxMs`. */
  reconnectDelay?: { initialMs: number; maxMs: number };
  /** How often the connection must answer a query to count as alive; 0 turns it off. */
  heartbeatMs?: number;
  /** A lost connection, a failed reconnect, an unreadable payload, a throwing subscriber. */
  onError?: (error: Error) => void;
  /** LISTEN is active: `reconnected` is false the first time. */
  onListening?: (info: { reconnected: boolean }) => void;
}

interface Subscriber {
  onSignal: (signal: ChangeSignal) => void;
  onEnd?: () => void;
}

/** A promise settled from outside (Node 20 has no Promise.withResolvers); never unhandled. */
function pendingPromise() {
  let resolve = () => {};
  let reject: (error: Error) => void = () => {};
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  promise.catch(() => {});
  return { promise, resolve, reject };
}

const asError = (error: unknown) => (error instanceof Error ? error : new Error(String(error)));

/** The wait before reconnect attempt `attempt` (0-based). */
export function reconnectDelayMs(attempt: number, { initialMs, maxMs }: { initialMs: number; maxMs: number }) {
  return Math.min(maxMs, initialMs * 2 ** Math.min(attempt, 30));
}

export function createChangeListener({
  url,
  reconnectDelay = { initialMs: 250, maxMs: 30_000 },
  heartbeatMs = 30_000,
  onError = () => {},
  onListening = () => {},
}: ChangeListenerOptions): ChangeListener {
  const subscribers = new Map<string, Set<Subscriber>>();
  let subscriberTotal = 0;
  let client: pg.Client | null = null;
  let closed = false;
  let attempt = 0;
  let listenedBefore = false;
  let reconnectTimer: NodeJS.Timeout | undefined;
  let heartbeatTimer: NodeJS.Timeout | undefined;

  // `ready()` hands out this promise; it is replaced by a pending one whenever LISTEN is lost.
  let listening = pendingPromise();
  let isListening = false;

  function report(error: unknown) {
    try {
      onError(asError(error));
    } catch {
      // A failing error handler must not stop the listener.
    }
  }

  function deliver(subscriber: Subscriber, signal: ChangeSignal) {
    try {
      subscriber.onSignal(signal);
    } catch (error) {
      report(error);
    }
  }

  function onNotification(message: pg.Notification) {
    if (message.channel !== CHANGES_CHANNEL || subscriberTotal === 0) return;
    let parsed: ReturnType<typeof rowChangeSchema.safeParse>;
    try {
      parsed = rowChangeSchema.safeParse(JSON.parse(message.payload ?? ""));
    } catch (error) {
      report(new Error(`unreadable payload on ${CHANGES_CHANNEL}`, { cause: error }));
      return;
    }
    if (!parsed.success) {
      report(new Error(`unexpected payload on ${CHANGES_CHANNEL}`, { cause: parsed.error }));
      return;
    }
    const { table, id, op, user_id: userId } = parsed.data;
    const owners = subscribers.get(userId);
    if (!owners) return;
    const change: RowChange = { table, id, op };
    for (const subscriber of owners) deliver(subscriber, change);
  }

  function lost(candidate: pg.Client, error: unknown) {
    if (client !== candidate) return;
    client = null;
    clearInterval(heartbeatTimer);
    if (isListening) {
      isListening = false;
      listening = pendingPromise();
    }
    // Errors of a connection we gave up on must not reach the process as unhandled.
    candidate.removeAllListeners("notification");
    candidate.on("error", () => {});
    candidate.end().catch(() => {});
    if (closed) return;
    const delay = reconnectDelayMs(attempt++, reconnectDelay);
    report(new Error(`${CHANGES_CHANNEL}: connection lost; reconnecting in ${delay} ms`, { cause: error }));
    reconnectTimer = setTimeout(connect, delay);
  }

  function startHeartbeat(candidate: pg.Client) {
    if (heartbeatMs <= 0) return;
    heartbeatTimer = setInterval(() => {
      const unanswered = setTimeout(
        () => lost(candidate, new Error(`no answer to the heartbeat within ${heartbeatMs} ms`)),
        heartbeatMs,
      );
      candidate
        .query("SELECT 1")
        .catch((error) => lost(candidate, error))
        .finally(() => clearTimeout(unanswered));
    }, heartbeatMs);
    heartbeatTimer.unref();
  }

  async function connect() {
    if (closed) return;
    const candidate = new pg.Client({
      connectionString: url,
      application_name: CHANGES_APPLICATION_NAME,
      keepAlive: true,
    });
    client = candidate;
    candidate.on("notification", onNotification);
    candidate.on("error", (error) => lost(candidate, error));
    candidate.on("end", () => lost(candidate, new Error("the connection ended")));
    try {
      await candidate.connect();
      await candidate.query(`LISTEN ${CHANGES_CHANNEL}`);
    } catch (error) {
      lost(candidate, error);
      return;
    }
    if (client !== candidate) return;
    attempt = 0;
    isListening = true;
    listening.resolve();
    startHeartbeat(candidate);
    onListening({ reconnected: listenedBefore });
    // Whoever was subscribed while nothing listened may have missed changes.
    if (listenedBefore) for (const owners of subscribers.values()) for (const s of owners) deliver(s, RESYNC);
    listenedBefore = true;
  }

  void connect();

  return {
    subscribe(userId, onSignal, onEnd) {
      if (closed) {
        onEnd?.();
        return () => {};
      }
      const subscriber: Subscriber = { onSignal, onEnd };
      const owners = subscribers.get(userId) ?? new Set<Subscriber>();
      subscribers.set(userId, owners);
      owners.add(subscriber);
      subscriberTotal++;
      return () => {
        if (!owners.delete(subscriber)) return;
        subscriberTotal--;
        if (owners.size === 0 && subscribers.get(userId) === owners) subscribers.delete(userId);
      };
    },
    ready() {
      if (closed) return Promise.reject(new Error("the change listener is closed"));
      return listening.promise;
    },
    subscriberCount: () => subscriberTotal,
    async close() {
      if (closed) return;
      closed = true;
      clearTimeout(reconnectTimer);
      clearInterval(heartbeatTimer);
      listening.reject(new Error("the change listener is closed"));
      const ending = [...subscribers.values()].flatMap((owners) => [...owners]);
      subscribers.clear();
      subscriberTotal = 0;
      for (const subscriber of ending) {
        try {
          subscriber.onEnd?.();
        } catch (error) {
          report(error);
        }
      }
      const current = client;
      client = null;
      if (current) {
        current.on("error", () => {});
        await current.end().catch(() => {});
      }
    },
  };
}

/**
 * The changes of `userId`'s rows as an async iterable, for a subscription: it subscribes
 * when first read and unsubscribes when the consumer stops, `signal` aborts or the feed
 * closes (then it returns). A consumer that falls more than `maxPending` signals behind gets
 * them replaced by one `{ resync: true }`, so a slow client cannot grow the server's memory.
 */
export async function* changesOf(
  feed: ChangeFeed,
  userId: string,
  { signal, maxPending = 100 }: { signal?: AbortSignal; maxPending?: number } = {},
): AsyncGenerator<ChangeSignal, void> {
  let pending: ChangeSignal[] = [];
  let ended = false;
  let wake: (() => void) | null = null;
  const wakeUp = () => {
    wake?.();
    wake = null;
  };
  const unsubscribe = feed.subscribe(
    userId,
    (change) => {
      if (pending.length >= maxPending) pending = [RESYNC];
      else pending.push(change);
      wakeUp();
    },
    () => {
      ended = true;
      wakeUp();
    },
  );
  signal?.addEventListener("abort", wakeUp, { once: true });
  try {
    while (!signal?.aborted) {
      const next = pending.shift();
      if (next) {
        yield next;
        continue;
      }
      if (ended) return;
      await new Promise<void>((resolve) => {
        wake = resolve;
      });
    }
  } finally {
    signal?.removeEventListener("abort", wakeUp);
    unsubscribe();
  }
}
