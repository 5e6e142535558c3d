/**
 * pnpm --filter @flynn/worker bench
 *
 * Calls end to end on real processes: the built API and ONE built worker (rules extractor,
 * overviews to the outbox) on a fresh database of the embedded test Postgres, each call the
 * simulator's signed webhooks over HTTP. What is measured is the "recording callback
 * to overview in the outbox": every call is first rung, answered and hung up (voice and three
 * status callbacks, not measured); then the finished calls reach Flynn at a steady rate (one
 * every 1/BENCH_RATE s, whatever the others are doing), each as its recording callback and
 * Twilio's transcription callback. A call's latency runs from the answer to its last webhook
 * to its `calls.email_sent_at` (both clocks are this machine's). Prints the offered rate, the
 * throughput achieved (calls over the time from the first recording callback to the last
 * overview), p50 / p95 / max latency and the CPU time per call of each process over the
 * measured part. Figures, not assertions.
 *
 * BENCH_CALLS (default 500), BENCH_RATE (calls offered per second, default 50: the target; above what the machine sustains, latency measures the backlog),
 * WORKER_CONCURRENCY (jobs the worker runs at once; the worker's default otherwise),
 * BENCH_DATABASE_URL: a server to use instead of the embedded test Postgres.
 * BENCH_CPU_PROFILE: a folder for the worker's V8 CPU profile (open it in Chrome DevTools).
 */
import http from "node:http";
import { buildApps, cpuSeconds, startApi, startWorker, stopProcesses } from "@flynn/processes/apps";
import { benchDatabase, percentile } from "@flynn/processes/harness";
import { DEV_TWILIO_AUTH_TOKEN, simulateCall } from "@flynn/telephony";
import pg from "pg";

const CALLS = Number(process.env.BENCH_CALLS ?? 500);
const RATE = Number(process.env.BENCH_RATE ?? 50);
const WARM_UP_CALLS = 20;
const NUMBER = "+15550100777";
const TRANSCRIPT =
  "My water heater is leaking all over the basement. This is Dana Whitfield. Could someone come tomorrow " +
  "at 10 am to fix it? The address is 14 Elm Street. You can reach me at 512 555 0123.";

async function seed(client: pg.Client) {
  await client.query(
    `WITH owner AS (
       INSERT INTO users (email, full_name, company_name, industry_type, timezone)
       VALUES ('worker-bench@example.test', 'Bench Owner', 'Bench Plumbing', 'plumbing', 'America/New_York')
       RETURNING id
     )
     INSERT INTO phone_numbers (user_id, twilio_phone_number, twilio_phone_sid) SELECT id, $1, 'PNworkerbench' FROM owner`,
    [NUMBER],
  );
}

/**
 * Twilio's side of the webhooks, on this machine. Node's fetch costs about twice the CPU of a
 * plain keep-alive request, and the driver shares the two cores with what it measures.
 */
// An idle connection is closed here after 4 s, before the server's keep-alive timeout (5 s)
// closes it: a request sent on a connection the server is closing at that moment fails with
// ECONNRESET (seen once, after the warm-up's pause).
const agent = new http.Agent({ keepAlive: true, maxSockets: 64, timeout: 4_000 });
function lightFetch(url: string, init: RequestInit): Promise<Response> {
  return new Promise((resolve, reject) => {
    const request = http.request(
      url,
      { method: init.method, headers: init.headers as Record<string, string>, agent },
      (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("end", () => {
          const status = response.statusCode ?? 0;
          const text = Buffer.concat(chunks).toString();
          resolve({ status, ok: status >= 200 && status < 300, text: async () => text } as Response);
        });
        response.on("error", reject);
      },
    );
    request.on("error", reject);
    request.end(init.body as string);
  });
}

/**
 * Places `calls` simulated calls. Their first part (voice, three status callbacks) runs
 * first, a few at a time, and is not measured; then `measure` is called, and each call's
 * recording and transcription callbacks start one every 1/RATE s, as finished calls reach
 * Flynn. Returns each call's last-webhook time by CallSid, and when the measured part began.
 */
async function placeCalls(baseUrl: string, calls: number, measure: () => Promise<void> = async () => {}) {
  const answeredAt = new Map<string, number>();
  const setupSlots = new Semaphore(16);
  let ended = 0;
  let allEnded: () => void = () => {};
  const callsEnded = new Promise<void>((resolve) => {
    allEnded = resolve;
  });
  let go: (measuredFrom: number) => void = () => {};
  const measuredFrom = new Promise<number>((resolve) => {
    go = resolve;
  });
  const call = async (index: number) => {
    const slot = await setupSlots.take();
    const result = await simulateCall({
      baseUrl,
      publicUrl: baseUrl,
      authToken: DEV_TWILIO_AUTH_TOKEN,
      to: NUMBER,
      transcript: TRANSCRIPT,
      fetch: lightFetch,
      beforeRecording: async () => {
        slot.release();
        ended += 1;
        if (ended === calls) allEnded();
        const due = (await measuredFrom) + (index * 1000) / RATE;
        await new Promise((resolve) => setTimeout(resolve, Math.max(0, due - performance.now())));
      },
    });
    if (!result.ok) throw new Error(`a webhook was refused: ${JSON.stringify(result.steps.at(-1))}`);
    answeredAt.set(result.callSid, Date.now());
  };
  const placed = Promise.all(Array.from({ length: calls }, (_, index) => call(index)));
  await Promise.race([callsEnded, placed]);
  await measure();
  const startedAt = Date.now();
  go(performance.now());
  await placed;
  return { answeredAt, startedAt, placedIn: Date.now() - startedAt };
}

/** At most `size` holders at once. */
class Semaphore {
  private waiting: (() => void)[] = [];
  constructor(private free: number) {}
  async take(): Promise<{ release: () => void }> {
    if (this.free > 0) this.free -= 1;
    else await new Promise<void>((resolve) => this.waiting.push(resolve));
    let released = false;
    return {
      release: () => {
        if (released) return;
        released = true;
        const next = this.waiting.shift();
        if (next) next();
        else this.free += 1;
      },
    };
  }
}

/** Each call's `email_sent_at` (ms), once all of them have one; fails after two minutes. */
async function overviewsSent(client: pg.Client, callSids: string[]): Promise<Map<string, number>> {
  const deadline = Date.now() + 120_000;
  for (;;) {
    const { rows } = await client.query<{ sid: string; sent: Date }>(
      `SELECT twilio_call_sid AS sid, email_sent_at AS sent FROM calls
       WHERE twilio_call_sid = ANY($1) AND email_sent_at IS NOT NULL`,
      [callSids],
    );
    if (rows.length === callSids.length) return new Map(rows.map((row) => [row.sid, row.sent.getTime()]));
    if (Date.now() > deadline) throw new Error(`only ${rows.length} of ${callSids.length} overviews sent after 2 min`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function main() {
  const [database] = await Promise.all([benchDatabase("flynn_worker_bench"), buildApps()]);
  const databaseUrl = database.url;
  const client = new pg.Client({ connectionString: databaseUrl });
  try {
    await client.connect();
    await seed(client);
    const workerEnv: Record<string, string> = {};
    const profile = process.env.BENCH_CPU_PROFILE
      ? ["--cpu-prof", `--cpu-prof-dir=${process.env.BENCH_CPU_PROFILE}`]
      : [];
    if (process.env.WORKER_CONCURRENCY) workerEnv.WORKER_CONCURRENCY = process.env.WORKER_CONCURRENCY;
    const [api, worker] = [
      await startApi({ databaseUrl }),
      startWorker({ databaseUrl, env: workerEnv, nodeArgs: profile }),
    ];
    // Warm-up (JIT, pools, prepared plans), not measured; done once the worker is up and sending.
    await overviewsSent(client, [...(await placeCalls(api.baseUrl, WARM_UP_CALLS)).answeredAt.keys()]);

    const cpu = async () => {
      const [apiCpu, workerCpu, postgres] = await Promise.all([
        cpuSeconds((pid) => pid === api.child.pid),
        cpuSeconds((pid) => pid === worker.child.pid),
        cpuSeconds((_, command) => command === "postgres"),
      ]);
      const driver = process.cpuUsage();
      return { api: apiCpu, worker: workerCpu, postgres, driver: (driver.user + driver.system) / 1e6 };
    };
    let cpuBefore = await cpu();
    const {
      answeredAt,
      startedAt: started,
      placedIn,
    } = await placeCalls(api.baseUrl, CALLS, async () => {
      cpuBefore = await cpu();
    });
    const sentAt = await overviewsSent(client, [...answeredAt.keys()]);
    const cpuAfter = await cpu();
    const cpuMsPerCall = (process: keyof typeof cpuBefore) =>
      Number(((1000 * (cpuAfter[process] - cpuBefore[process])) / CALLS).toFixed(1));
    const latencies = [...answeredAt].map(([sid, at]) => (sentAt.get(sid) ?? NaN) - at).sort((a, b) => a - b);
    const lastSent = Math.max(...sentAt.values());
    const { rows } = await client.query<{ failed: number }>(
      `SELECT count(*)::int AS failed FROM calls WHERE twilio_call_sid = ANY($1) AND ai_processing_status <> 'completed'`,
      [[...answeredAt.keys()]],
    );

    console.log(
      `\n${CALLS} calls offered at ${RATE} per second, one worker (${process.env.WORKER_CONCURRENCY ?? "default"} jobs at once)`,
    );
    console.table({
      "calls offered per second": RATE,
      "calls per second achieved (first recording callback to last overview)": Number(
        ((1000 * CALLS) / (lastSent - started)).toFixed(1),
      ),
      "calls per second placed (webhooks only)": Number(((1000 * CALLS) / placedIn).toFixed(1)),
      "p50 ms (last webhook to email_sent_at)": percentile(latencies, 0.5),
      "p90 ms": percentile(latencies, 0.9),
      "p95 ms": percentile(latencies, 0.95),
      "p99 ms": percentile(latencies, 0.99),
      "max ms": latencies.at(-1),
      "calls not completed": rows[0]?.failed,
      "worker cpu ms per call": cpuMsPerCall("worker"),
      "api cpu ms per call": cpuMsPerCall("api"),
      "postgres cpu ms per call (every postgres process here)": cpuMsPerCall("postgres"),
      "bench driver cpu ms per call (signing, HTTP)": cpuMsPerCall("driver"),
      "cpu ms per call, all of these": Number(
        (["worker", "api", "postgres", "driver"] as const).reduce((sum, key) => sum + cpuMsPerCall(key), 0).toFixed(1),
      ),
    });
    // Stopped gracefully, so a CPU profile is written.
    await worker.stop("SIGTERM");
  } finally {
    await stopProcesses();
    await client.end().catch(() => {});
    await database.drop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
