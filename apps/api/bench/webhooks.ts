/**
 * pnpm --filter @flynn/api-server bench:webhooks
 *
 * Signed Twilio `voice` requests (a new CallSid each) with autocannon on loopback against the
 * built server and a real Postgres, next to /webhooks/twilio/bench-minimal on the same server:
 * signature check plus one upsert, the floor any correct webhook pays. Each route at a fixed
 * 1,000 requests per second, then at saturation. Prints p50/p99 latency, requests per second
 * and the CPU the server and Postgres spend per request. Figures, not assertions.
 *
 * autocannon's rate limit lets each connection send its share of a second back to back, so a
 * fixed-rate run with n connections opened together arrives in bursts n wide at the top of
 * every second, which measures queueing behind the load generator, not the server. Twilio's
 * calls arrive one by one; the fixed-rate runs therefore open their connections 1/n s apart,
 * spreading the load over each second. A connection sends its next request only after the
 * answer to the last, so by Little's law n must stay above rate x latency or the generator,
 * not the server, caps the rate: 20 connections (BENCH_RATE_CONNECTIONS) of 50 rps each
 * leave room up to 20 ms. Saturation uses 50 connections. Latency percentiles are over
 * every response of a run.
 *
 * BENCH_DATABASE_URL: a server to use instead of the embedded test Postgres.
 * BENCH_SECONDS (default 10 per run), BENCH_CONNECTIONS (default 50 at saturation).
 * BENCH_ONLY=voice (or bench-minimal): that route at the fixed rate only, for quick comparisons.
 */
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { benchDatabase, cpuSeconds, freePort, percentile, waitForReady } from "@flynn/processes/harness";
import { DEV_TWILIO_AUTH_TOKEN, signTwilioRequest } from "@flynn/telephony";
import autocannon from "autocannon";
import pg from "pg";

const here = path.dirname(fileURLToPath(import.meta.url));
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const RATE_CONNECTIONS = Number(process.env.BENCH_RATE_CONNECTIONS ?? 20);
const BENCH_NUMBER = "+15550100999";
// Twilio signs the public address; the server's PUBLIC_URL is the loopback one here.
let publicUrl = "";

/** A business whose number the voice requests call (idempotent). */
async function seed(url: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`
      WITH owner AS (
        INSERT INTO users (email, full_name, company_name, industry_type, timezone, phone_number)
        VALUES ('webhook-bench@example.test', 'Bench Owner', 'Bench Plumbing', 'plumbing', 'America/New_York', '+15550100001')
        ON CONFLICT (email) DO UPDATE SET full_name = EXCLUDED.full_name
        RETURNING id
      )
      INSERT INTO phone_numbers (user_id, twilio_phone_number, twilio_phone_sid)
      SELECT id, '${BENCH_NUMBER}', 'PNbench' FROM owner
      WHERE NOT EXISTS (SELECT 1 FROM phone_numbers WHERE twilio_phone_number = '${BENCH_NUMBER}' AND is_active)`);
  } finally {
    await client.end();
  }
}

let sequence = 0;
/** A signed inbound-call form body with a CallSid never used before. */
function signedCall(route: string): { body: string; headers: Record<string, string> } {
  sequence += 1;
  const params = {
    AccountSid: `AC${"a".repeat(32)}`,
    ApiVersion: "2010-04-01",
    CallSid: `CA${randomBytes(12).toString("hex")}${String(sequence).padStart(8, "0")}`,
    CallStatus: "ringing",
    Direction: "inbound",
    From: "+15550199999",
    FromCity: "",
    FromCountry: "US",
    To: BENCH_NUMBER,
    ToCountry: "US",
  };
  const signature = signTwilioRequest(DEV_TWILIO_AUTH_TOKEN, `${publicUrl}${route}`, params);
  return {
    body: new URLSearchParams(params).toString(),
    headers: { "content-type": "application/x-www-form-urlencoded", "x-twilio-signature": signature },
  };
}

/** CPU used by the API server, by every Postgres process on this machine (the bench's) and by this process (autocannon). */
async function cpuNow(apiPid: number) {
  const [api, postgres] = await Promise.all([
    cpuSeconds((pid) => pid === apiPid),
    cpuSeconds((_, command) => command === "postgres"),
  ]);
  const { user, system } = process.cpuUsage();
  return { api, postgres, autocannon: (user + system) / 1e6 };
}

/**
 * One autocannon instance; every response time goes into `latencies`. Returns the requests
 * it completed and its errors and non-2xx answers.
 */
async function load(
  options: autocannon.Options,
  nextCall: () => { body: string; headers: Record<string, string> },
  latencies: number[],
) {
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        ...options,
        method: "POST",
        requests: [{ method: "POST", setupRequest: (request) => ({ ...request, ...nextCall() }) }],
      },
      (error, done) => (error ? reject(error) : resolve(done)),
    );
    instance.on("response", (_client, _status, _bytes, responseTime) => latencies.push(responseTime));
  });
  return {
    total: result.requests.total,
    ok: result["2xx"],
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
  };
}

async function run(base: string, apiPid: number, route: string, mode: "1000 rps" | "saturation") {
  // Signed ahead of time: autocannon shares the machine's two cores with the server, so
  // every millisecond it spends signing is taken from the thing being measured.
  const signed = Array.from({ length: SECONDS * (mode === "saturation" ? 3000 : 1100) }, () => signedCall(route));
  const nextCall = () => signed.pop() ?? signedCall(route);
  const latencies: number[] = [];
  const before = await cpuNow(apiPid);
  const url = `${base}${route}`;
  const counts =
    mode === "saturation"
      ? [await load({ url, duration: SECONDS, connections: CONNECTIONS }, nextCall, latencies)]
      : // autocannon's rate limit lets a connection send its share of each second back to back
        // from the moment it connected; connections opened together would all burst at the
        // top of every second. Each connection is its own instance, opened 1/n s after the
        // previous one, so the requests are spread over the second as independent callers' are.
        await Promise.all(
          Array.from({ length: RATE_CONNECTIONS }, async (_, i) => {
            await new Promise((resolve) => setTimeout(resolve, (1000 * i) / RATE_CONNECTIONS));
            return load(
              { url, duration: SECONDS, connections: 1, overallRate: Math.round(1000 / RATE_CONNECTIONS) },
              nextCall,
              latencies,
            );
          }),
        );
  const after = await cpuNow(apiPid);
  const total = counts.reduce((sum, c) => sum + c.total, 0);
  const perRequest = (cpu: number) => Number(((1000 * cpu) / Math.max(1, total)).toFixed(2));
  latencies.sort((a, b) => a - b);
  return {
    route: route.replace("/webhooks/twilio/", ""),
    mode,
    "p50 ms": Number(percentile(latencies, 0.5).toFixed(1)),
    "p99 ms": Number(percentile(latencies, 0.99).toFixed(1)),
    "max ms": Number((latencies.at(-1) ?? 0).toFixed(1)),
    // Each instance runs SECONDS (the staggered ones end later): requests per instance-second.
    rps: Math.round(total / SECONDS),
    ok: counts.reduce((sum, c) => sum + c.ok, 0),
    "non-2xx": counts.reduce((sum, c) => sum + c.non2xx, 0),
    errors: counts.reduce((sum, c) => sum + c.errors, 0),
    "api cpu ms/req": perRequest(after.api - before.api),
    "pg cpu ms/req": perRequest(after.postgres - before.postgres),
    "autocannon cpu ms/req": perRequest(after.autocannon - before.autocannon),
  };
}

async function main() {
  // Every run inserts some 50,000 calls and their audit rows: a fresh database each time.
  const database = await benchDatabase("flynn_webhooks_bench");
  await seed(database.url);

  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  publicUrl = base;
  const api = spawn(
    "node",
    [
      ...(process.env.BENCH_CPU_PROFILE ? ["--cpu-prof", `--cpu-prof-dir=${process.env.BENCH_CPU_PROFILE}`] : []),
      "--enable-source-maps",
      path.join(here, "../dist/server.js"),
    ],
    {
      env: {
        ...process.env,
        // Development mode: the benchmark route and the development Twilio token are refused in production.
        NODE_ENV: "development",
        FLYNN_BENCH_ROUTES: "1",
        PORT: String(port),
        DATABASE_URL: database.url,
        PUBLIC_URL: base,
        LOG_LEVEL: "warn",
      },
      stdio: ["ignore", "inherit", "inherit"],
    },
  );
  try {
    await waitForReady(base, api);
    const only = process.env.BENCH_ONLY;
    const routes = ["/webhooks/twilio/voice", "/webhooks/twilio/bench-minimal"].filter(
      (r) => !only || r.endsWith(only),
    );
    for (const route of routes) await run(base, api.pid as number, route, "1000 rps"); // warm-up (JIT, pool, caches)
    const results = [];
    for (const mode of only ? (["1000 rps"] as const) : (["1000 rps", "saturation"] as const)) {
      for (const route of routes) results.push(await run(base, api.pid as number, route, mode));
    }
    console.log(`\n${SECONDS} s per run; saturation with ${CONNECTIONS} connections:`);
    console.table(results);
    const [voice, minimal] = results.filter((r) => r.mode === "saturation");
    if (voice && minimal) {
      console.log(`voice / minimal throughput at saturation: ${(voice.rps / minimal.rps).toFixed(2)}`);
    }
  } finally {
    api.kill("SIGTERM");
    await new Promise((resolve) => api.once("exit", resolve));
    await database.drop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
