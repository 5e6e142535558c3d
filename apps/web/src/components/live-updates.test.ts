import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { queryClient, trpc } from "../lib/trpc";
import {
  type ChangeSignal,
  createChangeBatcher,
  invalidateChanged,
  MAX_WAIT_MS,
  QUIET_MS,
  staleQueryKeys,
} from "./live-updates";

const CALL = "5b0f8f9e-2f1c-4c55-9d2a-0c1e6f1d8a01";
const OTHER_CALL = "5b0f8f9e-2f1c-4c55-9d2a-0c1e6f1d8a02";
const EVENT = "7c1e2d3f-4a5b-4c6d-8e7f-901a2b3c4d5e";

const callUpdated: ChangeSignal = { table: "calls", id: CALL, op: "update" };

describe("createChangeBatcher", () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it("hands a burst (a call's updates within a second) over once, after it goes quiet", () => {
    const flushes: ChangeSignal[][] = [];
    const batcher = createChangeBatcher((signals) => flushes.push(signals));
    for (let i = 0; i < 5; i++) {
      batcher.push(callUpdated);
      vi.advanceTimersByTime(200);
    }
    batcher.push({ table: "events", id: EVENT, op: "insert" });
    vi.advanceTimersByTime(QUIET_MS - 1);
    expect(flushes).toHaveLength(0);
    vi.advanceTimersByTime(1);
    expect(flushes).toHaveLength(1);
    expect(flushes[0]).toHaveLength(6);
    vi.advanceTimersByTime(10_000);
    expect(flushes).toHaveLength(1);
  });

  it("does not wait forever on a steady stream of changes", () => {
    const flushes: ChangeSignal[][] = [];
    const batcher = createChangeBatcher((signals) => flushes.push(signals));
    for (let elapsed = 0; elapsed < MAX_WAIT_MS; elapsed += 100) {
      batcher.push(callUpdated);
      vi.advanceTimersByTime(100);
    }
    expect(flushes.map((signals) => signals.length)).toEqual([MAX_WAIT_MS / 100]);
  });

  it("drops what is pending once disposed (the page was left)", () => {
    const flush = vi.fn();
    const batcher = createChangeBatcher(flush);
    batcher.push(callUpdated);
    batcher.dispose();
    vi.advanceTimersByTime(MAX_WAIT_MS);
    expect(flush).not.toHaveBeenCalled();
  });
});

describe("what a change makes stale", () => {
  afterEach(() => queryClient.clear());

  it("a call's change: the call lists, that call's page, the communications log and the figures, each once", () => {
    expect(staleQueryKeys([callUpdated, callUpdated])).toEqual([
      trpc.calls.list.pathKey(),
      trpc.calls.byId.queryKey({ id: CALL }),
      trpc.communications.list.pathKey(),
      trpc.stats.pathKey(),
    ]);
  });

  it("an event's change: events, calls (which list their events) and figures; a resync: those, the log and the calendar connections", () => {
    const expected = [trpc.events.pathKey(), trpc.calls.pathKey(), trpc.stats.pathKey()];
    expect(staleQueryKeys([{ table: "events", id: EVENT, op: "delete" }])).toEqual(expected);
    expect(new Set(staleQueryKeys([{ resync: true }]))).toEqual(
      new Set([...expected, trpc.communications.list.pathKey(), trpc.calendars.list.pathKey()]),
    );
  });

  it("marks the cached queries it names as stale and leaves the others alone", async () => {
    const seed = (queryKey: readonly unknown[]) => queryClient.setQueryData(queryKey, { seeded: true });
    const listKey = trpc.calls.list.infiniteQueryKey({ limit: 25 });
    const thisCall = trpc.calls.byId.queryKey({ id: CALL });
    const otherCall = trpc.calls.byId.queryKey({ id: OTHER_CALL });
    const messages = trpc.communications.list.infiniteQueryKey({ limit: 25 });
    const profile = trpc.profile.get.queryKey();
    for (const key of [listKey, thisCall, otherCall, messages, profile]) seed(key);
    invalidateChanged([callUpdated]);
    const stale = (queryKey: readonly unknown[]) => queryClient.getQueryState(queryKey)?.isInvalidated;
    expect([stale(listKey), stale(thisCall), stale(otherCall), stale(messages), stale(profile)]).toEqual([
      true,
      true,
      false,
      true,
      false,
    ]);
  });
});
