import { describe, expect, it } from "vitest";
import { coalesce } from "./coalesce";

/** A batch function whose calls stay open until released, so a test decides what overlaps. */
function controlledRun(fail: (item: number) => boolean = () => false) {
  const batches: number[][] = [];
  const pending: (() => void)[] = [];
  const run = (items: number[]) =>
    new Promise<string[]>((resolve, reject) => {
      batches.push(items);
      pending.push(() =>
        items.some(fail) ? reject(new Error(`bad item in ${items}`)) : resolve(items.map((i) => `done ${i}`)),
      );
    });
  const releaseAll = async () => {
    while (pending.length > 0) {
      pending.shift()?.();
      await new Promise((resolve) => setImmediate(resolve));
    }
  };
  return { run, batches, releaseAll };
}

describe("coalesce", () => {
  it("sends a lone item at once and gathers what arrives meanwhile into the next batch", async () => {
    const { run, batches, releaseAll } = controlledRun();
    const record = coalesce(run, { maxInFlight: 1, maxBatch: 10 });
    const results = Promise.all([1, 2, 3, 4].map(record));
    expect(batches).toEqual([[1]]);
    await releaseAll();
    expect(await results).toEqual(["done 1", "done 2", "done 3", "done 4"]);
    expect(batches).toEqual([[1], [2, 3, 4]]);
  });

  it("keeps up to maxInFlight batches running and splits at maxBatch", async () => {
    const { run, batches, releaseAll } = controlledRun();
    const record = coalesce(run, { maxInFlight: 2, maxBatch: 2 });
    const results = Promise.all([1, 2, 3, 4, 5, 6].map(record));
    expect(batches).toEqual([[1], [2]]);
    await releaseAll();
    await results;
    expect(batches).toEqual([[1], [2], [3, 4], [5, 6]]);
  });

  it("retries a failed batch item by item, so only the bad item's caller sees the error", async () => {
    const { run, batches, releaseAll } = controlledRun((item) => item === 3);
    const record = coalesce(run, { maxInFlight: 1, maxBatch: 10 });
    const results = Promise.allSettled([1, 2, 3, 4].map(record));
    await releaseAll();
    expect((await results).map((r) => (r.status === "fulfilled" ? r.value : (r.reason as Error).message))).toEqual([
      "done 1",
      "done 2",
      "bad item in 3",
      "done 4",
    ]);
    expect(batches).toEqual([[1], [2, 3, 4], [2], [3], [4]]);
  });
});
