/**
 * Keeps open pages current: subscribes to the signed-in owner's call and event changes
 * (`live.changes`, SSE fed by Postgres LISTEN/NOTIFY) and refreshes the queries they affect,
 * the communications log included (a call's overview email is written as the call finishes).
 * Only ids arrive; the rows are refetched through the ordinary procedures. Changes come in
 * bursts (the worker updates a call several times and inserts its events within a second),
 * so they are gathered and the affected queries invalidated once per burst. Renders nothing.
 */
import { matchQuery, type QueryKey } from "@tanstack/react-query";
import { useSubscription } from "@trpc/tanstack-react-query";
import { useEffect, useMemo, useRef } from "react";
import { queryClient, trpc } from "../lib/trpc";

/** What `live.changes` says: a row of the owner's changed, or changes may have been missed. */
export type ChangeSignal = Parameters<
  NonNullable<NonNullable<Parameters<typeof trpc.live.changes.subscriptionOptions>[1]>["onData"]>
>[0];

/** After the last change of a burst, wait this long for more... */
export const QUIET_MS = 300;
/** ...but never longer than this after the first one, so a steady stream still shows. */
export const MAX_WAIT_MS = 2000;

/** The queries that may show what `signals` changed, each once. */
export function staleQueryKeys(signals: readonly ChangeSignal[]): QueryKey[] {
  const keys = new Map<string, QueryKey>();
  const add = (key: QueryKey) => keys.set(JSON.stringify(key), key);
  for (const signal of signals) {
    if ("resync" in signal) {
      // Changes may have been missed: everything built from calls and events.
      add(trpc.calls.pathKey());
      add(trpc.events.pathKey());
      add(trpc.communications.list.pathKey());
      // The app shell's calendar banner: a connection may have died meanwhile.
      add(trpc.calendars.list.pathKey());
    } else if (signal.table === "calls") {
      add(trpc.calls.list.pathKey());
      add(trpc.calls.byId.queryKey({ id: signal.id }));
      // The worker writes the call's overview email as it finishes the call.
      add(trpc.communications.list.pathKey());
    } else {
      add(trpc.events.pathKey());
      // The event's call page lists it, and call rows count their events; the change does
      // not say which call, and only the queries on screen refetch.
      add(trpc.calls.pathKey());
    }
    add(trpc.stats.pathKey());
  }
  return [...keys.values()];
}

export interface ChangeBatcher {
  push(signal: ChangeSignal): void;
  /** Drops what is gathered and stops the timer. */
  dispose(): void;
}

/**
 * Gathers signals and hands them to `flush` together, `quietMs` after the last one or
 * `maxWaitMs` after the first, whichever comes first.
 */
export function createChangeBatcher(
  flush: (signals: ChangeSignal[]) => void,
  { quietMs = QUIET_MS, maxWaitMs = MAX_WAIT_MS } = {},
): ChangeBatcher {
  let pending: ChangeSignal[] = [];
  let firstAt = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const run = () => {
    timer = undefined;
    const signals = pending;
    pending = [];
    flush(signals);
  };
  return {
    push(signal) {
      if (pending.length === 0) firstAt = Date.now();
      pending.push(signal);
      clearTimeout(timer);
      timer = setTimeout(run, Math.max(0, Math.min(quietMs, firstAt + maxWaitMs - Date.now())));
    },
    dispose() {
      clearTimeout(timer);
      timer = undefined;
      pending = [];
    },
  };
}

/**
 * Marks what `signals` changed as stale: what is on screen refetches, the rest when next
 * shown. One pass, so a query that several keys cover (the calls list is under `calls` and
 * `calls.list`) refetches once.
 */
export function invalidateChanged(signals: ChangeSignal[]) {
  const keys = staleQueryKeys(signals);
  void queryClient.invalidateQueries({
    predicate: (query) => keys.some((queryKey) => matchQuery({ queryKey }, query)),
  });
}

export function LiveUpdates() {
  const batcher = useMemo(() => createChangeBatcher(invalidateChanged), []);
  useEffect(() => () => batcher.dispose(), [batcher]);
  // The first connection follows the page's own fetches; every later one (after a dropped
  // connection or a server restart) may have missed changes.
  const connectedBefore = useRef(false);
  useSubscription(
    trpc.live.changes.subscriptionOptions(undefined, {
      onStarted: () => {
        if (connectedBefore.current) batcher.push({ resync: true });
        connectedBefore.current = true;
      },
      onData: (signal) => batcher.push(signal),
    }),
  );
  return null;
}
