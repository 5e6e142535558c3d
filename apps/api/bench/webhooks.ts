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
 * fixed-rate run arrives in bursts as wide as its connection count. Twilio's calls arrive one
 * by one; by Little's law 1,000 rps at a few milliseconds each is a handful in flight, so the
 * fixed-rate runs use 10 connections (BENCH_RATE_CONNECTIONS) and saturation uses 50.
 *
 * BENCH_DATABASE_URL: a server to use instead of the embedded test Postgres.
 * BENCH_SECONDS (default 10 per run), BENCH_CONNECTIONS (default 50 at saturation).
 */
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { benchDatabase, cpuSeconds, freePort, waitForReady } from "@flynn/processes/harness";
import { DEV_TWILIO_AUTH_TOKEN, signTwilioRequest } from "@flynn/telephony";
import autocannon from "autocannon";
import pg from "pg";

const here = path.dirname(fileURLToPath(import.meta.url));
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const RATE_CONNECTIONS = Number(process.env.BENCH_RATE_CONNECTIONS ?? 10);
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

async function run(base: string, apiPid: number, route: string, mode: "1000 rps" | "saturation") {
  // Signed ahead of time: autocannon shares the machine's two cores with the server, so
  // every millisecond it spends signing is taken from the thing being measured.
  const signed = Array.from({ length: SECONDS * (mode === "saturation" ? 3000 : 1100) }, () => signedCall(route));
  const nextCall = () => signed.pop() ?? signedCall(route);
  const before = await cpuNow(apiPid);
  const result = await autocannon({
    url: `${base}${route}`,
    method: "POST",
    duration: SECONDS,
    connections: mode === "saturation" ? CONNECTIONS : RATE_CONNECTIONS,
    ...(mode === "1000 rps" ? { overallRate: 1000 } : {}),
    requests: [{ method: "POST", setupRequest: (request) => ({ ...request, ...nextCall() }) }],
  });
  const after = await cpuNow(apiPid);
  const perRequest = (seconds: number) => Number(((1000 * seconds) / Math.max(1, result.requests.total)).toFixed(2));
  return {
    route: route.replace("/webhooks/twilio/", ""),
    mode,
    "p50 ms": result.latency.p50,
    "p99 ms": result.latency.p99,
    "max ms": result.latency.max,
    rps: Math.round(result.requests.average),
    ok: result["2xx"],
    "non-2xx": result.non2xx,
    errors: result.errors + result.timeouts,
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
    const routes = ["/webhooks/twilio/voice", "/webhooks/twilio/bench-minimal"];
    for (const route of routes) await run(base, api.pid as number, route, "1000 rps"); // warm-up (JIT, pool, caches)
    const results = [];
    for (const mode of ["1000 rps", "saturation"] as const) {
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
