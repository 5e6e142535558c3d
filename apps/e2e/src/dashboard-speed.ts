/**
 * The dashboard's speed on a realistic account: the stack as production runs it (the built API
 * serving the built SPA on one origin, the worker beside it) with the development demo account,
 * whose sample calls the real pipeline made, signed in. Rounds of first visits, each in a new
 * browser context (nothing cached), then a reload. Used by the speed test (src/speed/, run once
 * every other test has finished, so nothing else competes for the machine) and by
 * `pnpm --filter @flynn/e2e bench` (more rounds, comparisons of two builds).
 */

import { type AppProcess, startApi, startWorker } from "@flynn/processes/apps";
import { percentile } from "@flynn/processes/harness";
import pg from "pg";
import type { Browser } from "playwright-core";
import { type DashboardTiming, measureDashboard } from "./dashboard-timing";
import { WEB_DIST } from "./web-build";

const DEMO = { email: "demo@flynn.dev", password: "flynn-demo" };
/** Seeding runs every sample call through the webhooks and the worker: a minute on a loaded machine. */
const DEMO_WITHIN_MS = 180_000;
/** The rest before each first visit (see `settleMs`): a first visit comes to an idle browser and machine. */
const SETTLE_MS = 1_500;

export interface DemoStack {
  api: AppProcess & { baseUrl: string };
  worker: AppProcess;
  /** The demo owner's timezone, and what the account holds. */
  demo: { timezone: string; calls: number; events: number };
}

/** Waits until the API has printed its banner: the demo account's calls are all processed. */
async function demoReady(api: AppProcess) {
  const deadline = Date.now() + DEMO_WITHIN_MS;
  while (!api.output().includes("Flynn is running at")) {
    if (api.child.exitCode !== null) throw new Error(`the API stopped:\n${api.output()}`);
    if (Date.now() > deadline) throw new Error(`the demo account was not ready in time:\n${api.output()}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

export async function startDemoStack(databaseUrl: string, options: { nodeArgs?: string[] } = {}): Promise<DemoStack> {
  const api = await startApi({
    databaseUrl,
    env: { FLYNN_WEB_DIST: WEB_DIST, FLYNN_DEMO: "true" },
    nodeArgs: options.nodeArgs,
  });
  const worker = startWorker({ databaseUrl, env: { WEB_URL: api.baseUrl } });
  await demoReady(api);
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<DemoStack["demo"]>(
      `SELECT u.timezone, (SELECT count(*)::int FROM calls WHERE user_id = u.id) AS calls,
              (SELECT count(*)::int FROM events WHERE user_id = u.id) AS events
       FROM users u WHERE u.email = $1`,
      [DEMO.email],
    );
    if (!rows[0]) throw new Error("the API made no demo account");
    return { api, worker, demo: rows[0] };
  } finally {
    await client.end();
  }
}

/** The demo owner's cookies, signed in through the API. */
export async function signInDemo(browser: Browser, origin: string) {
  const context = await browser.newContext({ baseURL: origin });
  try {
    const response = await context.request.post("/api/auth/sign-in/email", { data: DEMO, headers: { Origin: origin } });
    if (!response.ok()) throw new Error(`signing in failed: ${response.status()} ${await response.text()}`);
    return await context.storageState();
  } finally {
    await context.close();
  }
}

/** A build of the dashboard and the API serving it. */
export interface Served {
  origin: string;
  /** Where the build is, for the scripts' sizes. */
  dist: string;
}

export interface RoundsOptions {
  browser: Browser;
  storageState: Awaited<ReturnType<typeof signInDemo>>;
  timezoneId: string;
  /** One build, or two to compare: they take turns going first. */
  builds: Served[];
  rounds: number;
  /** A Chrome trace of the last round's first visit (of the first build). */
  tracePath?: string;
  /** The new tab's rest before each first visit (default 1.5 s; see `settleMs` of measureDashboard). */
  settleMs?: number;
  /** CPU seconds used so far by process group, read around each first visit. */
  cpuSeconds?: () => Promise<Record<string, number>>;
  onRound?: (round: number, build: number, timing: DashboardTiming) => void;
}

/** Each build's timings, round by round, after one unmeasured round that warms the server. */
export async function measureRounds(options: RoundsOptions): Promise<DashboardTiming[][]> {
  const { builds, rounds } = options;
  const measure = (build: Served, tracePath?: string) =>
    measureDashboard({
      browser: options.browser,
      storageState: options.storageState,
      origin: build.origin,
      webDist: build.dist,
      timezoneId: options.timezoneId,
      tracePath,
      cpuSeconds: options.cpuSeconds,
      settleMs: options.settleMs ?? SETTLE_MS,
    });
  // Not counted: the first request of each kind fills the server's and the database's caches.
  for (const build of builds) await measure(build);
  const timings = builds.map(() => [] as DashboardTiming[]);
  for (let round = 1; round <= rounds; round += 1) {
    const order = builds.map((_, index) => index);
    // Neither build always meets a machine the other just left.
    if (round % 2 === 0) order.reverse();
    for (const index of order) {
      const timing = await measure(
        builds[index] as Served,
        round === rounds && index === 0 ? options.tracePath : undefined,
      );
      timings[index]?.push(timing);
      options.onRound?.(round, index, timing);
    }
  }
  return timings;
}

/** "first visit: min 612 ms, median 705 ms, p90 840 ms, max 901 ms" */
export function spread(label: string, values: number[]): string {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) => Math.round(percentile(sorted, q));
  return `${label}: min ${at(0)} ms, median ${at(0.5)} ms, p90 ${at(0.9)} ms, max ${at(1)} ms`;
}
