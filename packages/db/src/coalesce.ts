/**
 * Coalesces single writes into batches without a timer: while `maxInFlight` batches are
 * running, new items wait, and the next free slot takes every waiting item (up to
 * `maxBatch`) as one batch. A lone item is sent at once, so a quiet server adds no latency;
 * under load each round trip carries many items, and the per-statement cost (network
 * wake-ups, parse, commit) is paid once for all of them.
 *
 * `run` returns one result per item, in order. When a batch fails, each of its items is
 * retried alone, so one bad item fails only its own caller.
 */
export function coalesce<In, Out>(
  run: (items: In[]) => Promise<Out[]>,
  options: { maxInFlight: number; maxBatch: number },
): (item: In) => Promise<Out> {
  type Waiting = { item: In; resolve: (out: Out) => void; reject: (error: unknown) => void };
  const queue: Waiting[] = [];
  let inFlight = 0;

  async function runBatch(batch: Waiting[]) {
    try {
      const results = await run(batch.map((w) => w.item));
      if (results.length !== batch.length) {
        throw new Error(`coalesce: ${results.length} results for ${batch.length} items`);
      }
      for (const [i, waiting] of batch.entries()) waiting.resolve(results[i] as Out);
    } catch (error) {
      if (batch.length === 1) {
        batch[0]?.reject(error);
        return;
      }
      await Promise.all(batch.map((w) => runBatch([w])));
    }
  }

  function pump() {
    while (inFlight < options.maxInFlight && queue.length > 0) {
      const batch = queue.splice(0, options.maxBatch);
      inFlight += 1;
      void runBatch(batch).finally(() => {
        inFlight -= 1;
        pump();
      });
    }
  }

  return (item) =>
    new Promise<Out>((resolve, reject) => {
      queue.push({ item, resolve, reject });
      pump();
    });
}
