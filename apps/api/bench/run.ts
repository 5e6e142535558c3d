/**
 * pnpm --filter @flynn/api-server bench
 *
 * Seeds 100 users x 10,000 calls and events (once; the bench database is kept), starts the
 * built API server as its own process, and measures requests through the full path
 * (HTTP + session + tRPC + withUser/RLS + Postgres) next to a trivial route on the same server.
 * Prints p50/p95/p99 latency and requests per second. Figures, not assertions.
 *
 * BENCH_DATABASE_URL: a server to use instead of the embedded test Postgres.
 * BENCH_REQUESTS (default 2000 per scenario), BENCH_CONCURRENCY (default 4).
 */
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { ensureDatabase, startEmbeddedPostgres, TEST_POSTGRES } from "@flynn/db/embedded";
import { runMigrations } from "@flynn/db/migrate";
import { freePort, percentile, waitForReady } from "@flynn/processes/harness";
import pg from "pg";
import superjson from "superjson";

const here = path.dirname(fileURLToPath(import.meta.url));
const USERS = 100;
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 2000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 4);
const PASSWORD = "bench password 1";

async function sessionFor(base: string, index: number): Promise<string> {
  const email = `bench-${index}@example.test`;
  const headers = {
    "content-type": "application/json",
    origin: base,
    "x-forwarded-for": `10.99.${Math.floor(index / 250)}.${(index % 250) + 1}`,
  };
  let response = await fetch(`${base}/api/auth/sign-in/email`, {
    method: "POST",
    headers,
    body: JSON.stringify({ email, password: PASSWORD }),
  });
  if (response.status === 401) {
    response = await fetch(`${base}/api/auth/sign-up/email`, {
      method: "POST",
      headers,
      body: JSON.stringify({ email, password: PASSWORD, name: `Bench ${index}` }),
    });
  }
  if (!response.ok) throw new Error(`session for ${email}: ${response.status} ${await response.text()}`);
  return response.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
}

interface Scenario {
  name: string;
  /** A path, or a tRPC query procedure and its input. */
  path?: string;
  procedure?: string;
  input?: unknown;
}

function urlOf(base: string, scenario: Scenario): string {
  if (scenario.path) return `${base}${scenario.path}`;
  const input = encodeURIComponent(JSON.stringify(superjson.serialize(scenario.input ?? {})));
  return `${base}/trpc/${scenario.procedure}?input=${input}`;
}

async function measure(base: string, cookies: string[], scenario: Scenario) {
  const url = urlOf(base, scenario);
  const latencies: number[] = [];
  let next = 0;
  let failures = 0;
  const worker = async () => {
    while (next < REQUESTS) {
      const i = next++;
      const started = performance.now();
      const response = await fetch(url, { headers: { cookie: cookies[i % cookies.length] as string } });
      await response.arrayBuffer();
      latencies.push(performance.now() - started);
      if (!response.ok) failures++;
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    scenario: scenario.name,
    requests: latencies.length,
    failures,
    p50_ms: +percentile(latencies, 0.5).toFixed(2),
    p95_ms: +percentile(latencies, 0.95).toFixed(2),
    p99_ms: +percentile(latencies, 0.99).toFixed(2),
    rps: Math.round(latencies.length / seconds),
  };
}

async function main() {
  let adminUrl = process.env.BENCH_DATABASE_URL;
  const server = adminUrl ? undefined : await startEmbeddedPostgres(TEST_POSTGRES);
  adminUrl ??= (server as NonNullable<typeof server>).adminUrl;
  const benchUrl = new URL(adminUrl);
  benchUrl.pathname = "/flynn_bench";
  await ensureDatabase(adminUrl, "flynn_bench");
  await runMigrations(benchUrl.toString());

  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const api = spawn("node", ["--enable-source-maps", path.join(here, "../dist/server.js")], {
    env: {
      ...process.env,
      NODE_ENV: "production",
      PORT: String(port),
      DATABASE_URL: benchUrl.toString(),
      PUBLIC_URL: base,
      WEB_ORIGIN: base,
      BETTER_AUTH_SECRET: "bench-secret-bench-secret-bench-secret-01",
      TRUST_PROXY: "true",
      LOG_LEVEL: "warn",
    },
    stdio: ["ignore", "inherit", "inherit"],
  });
  try {
    await waitForReady(base, api);
    const cookies: string[] = [];
    for (let i = 0; i < USERS; i++) cookies.push(await sessionFor(base, i));

    const client = new pg.Client({ connectionString: benchUrl.toString() });
    await client.connect();
    const seedStarted = performance.now();
    await client.query(readFileSync(path.join(here, "seed.sql"), "utf8"));
    const { rows } = await client.query(
      `SELECT (SELECT count(*) FROM calls)::int AS calls, (SELECT count(*) FROM events)::int AS events`,
    );
    await client.end();
    console.log(
      `data: ${USERS} users, ${rows[0].calls} calls, ${rows[0].events} events (seeding took ${Math.round((performance.now() - seedStarted) / 1000)} s)`,
    );

    const scenarios: Scenario[] = JSON.parse(readFileSync(path.join(here, "scenarios.json"), "utf8"));
    for (const scenario of scenarios) await measure(base, cookies, { ...scenario, name: "warm-up" });
    const results = [];
    for (const scenario of scenarios) results.push(await measure(base, cookies, scenario));
    console.log(`\n${REQUESTS} requests per scenario, ${CONCURRENCY} concurrent, random user of ${USERS}:`);
    console.table(results);
  } finally {
    api.kill("SIGTERM");
    await new Promise((resolve) => api.once("exit", resolve));
    await server?.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
