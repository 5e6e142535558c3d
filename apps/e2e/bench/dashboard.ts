/**
 * pnpm --filter @flynn/e2e bench
 *
 * The dashboard's first visit, many times, in real Chromium, on the demo account (see
 * src/dashboard-speed.ts), on a fresh database of the embedded test Postgres. What is measured
 * is the issue's "dashboard interactive": navigation start until the figures render, from the
 * page's own performance timeline; each round is a first visit (new browser context) and a
 * reload. Prints every round, then min / median / p90 / max, and the CPU each process used.
 * Figures, not assertions.
 *
 * BENCH_ROUNDS (default 15);
 * BENCH_COMPARE_DIST: another build of apps/web (e.g. `vite build --outDir /tmp/before` on the
 *   previous commit), served by a second API; both are measured, taking turns. On a machine
 *   whose speed drifts from minute to minute, only such a comparison shows a change's effect;
 * BENCH_SETTLE_MS: how long each new tab rests before the address is opened (default 1500; 0
 *   navigates while Chromium is still setting up the fresh profile, which the page then competes with);
 * BENCH_DATABASE_URL: a server to use instead of the embedded test Postgres;
 * BENCH_TRACE: a file for a Chrome trace of the last first visit (DevTools' Performance panel);
 * BENCH_CPU_PROFILE: a folder for the API's V8 CPU profile;
 * CHROMIUM_PATH (see src/browser.ts).
 */
import { readdir, readFile } from "node:fs/promises";
import { buildApps, cpuSeconds, startApi, stopProcesses } from "@flynn/processes/apps";
import { benchDatabase, statCpuSeconds } from "@flynn/processes/harness";
import { launchChromium } from "../src/browser";
import { measureRounds, type Served, signInDemo, spread, startDemoStack } from "../src/dashboard-speed";
import { type DashboardTiming, describeDashboardTiming } from "../src/dashboard-timing";
import { buildWeb, WEB_DIST } from "../src/web-build";

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 15);

/**
 * CPU seconds of Chromium's renderers' main threads (where the page's JavaScript, style, layout
 * and paint run): the thread a first visit waits for. Read from /proc (Linux).
 */
async function rendererMainThreadSeconds(): Promise<number> {
  let total = 0;
  for (const entry of await readdir("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    const commandLine = await readFile(`/proc/${entry}/cmdline`, "utf8").catch(() => "");
    if (!commandLine.includes("--type=renderer")) continue;
    const stat = await readFile(`/proc/${entry}/task/${entry}/stat`, "utf8").catch(() => "");
    if (stat) total += statCpuSeconds(stat, { exitedChildren: false });
  }
  return total;
}

async function main() {
  const [database] = await Promise.all([benchDatabase("flynn_dashboard_bench"), buildApps(), buildWeb()]);
  const browser = await launchChromium();
  try {
    const profile = process.env.BENCH_CPU_PROFILE;
    const { api, worker, demo } = await startDemoStack(database.url, {
      nodeArgs: profile ? ["--cpu-prof", `--cpu-prof-dir=${profile}`] : [],
    });
    // The session cookie serves both APIs: cookies ignore the port.
    const compareDist = process.env.BENCH_COMPARE_DIST;
    const compareApi = compareDist
      ? await startApi({ databaseUrl: database.url, env: { FLYNN_WEB_DIST: compareDist, FLYNN_DEMO: "false" } })
      : undefined;
    const builds: (Served & { name: string })[] = [
      { name: `this build (${WEB_DIST})`, origin: api.baseUrl, dist: WEB_DIST },
      ...(compareApi && compareDist
        ? [{ name: `the compared build (${compareDist})`, origin: compareApi.baseUrl, dist: compareDist }]
        : []),
    ];
    const isApi = (pid: number) => pid === api.child.pid || pid === compareApi?.child.pid;
    const isChromium = (command: string) => command.startsWith("chromium") || command.startsWith("chrome");
    // Chromium's own processes only: a renderer of an earlier round, reaped meanwhile, would bring all its CPU.
    const cpu = async () => ({
      "the page's main thread": await rendererMainThreadSeconds(),
      Chromium: await cpuSeconds((_, command) => isChromium(command), { exitedChildren: false }),
      API: await cpuSeconds(isApi),
      worker: await cpuSeconds((pid) => pid === worker.child.pid),
      Postgres: await cpuSeconds((_, command) => command === "postgres"),
    });
    const storageState = await signInDemo(browser, api.baseUrl);
    const before = await cpu();
    const timings = await measureRounds({
      browser,
      storageState,
      timezoneId: demo.timezone,
      builds,
      rounds: ROUNDS,
      tracePath: process.env.BENCH_TRACE,
      settleMs: process.env.BENCH_SETTLE_MS === undefined ? undefined : Number(process.env.BENCH_SETTLE_MS),
      cpuSeconds: cpu,
      onRound: (round, build, timing) =>
        console.log(
          `round ${round}${builds.length > 1 ? `, ${build === 0 ? "this" : "compared"} build` : ""}: ` +
            `first visit ${Math.round(timing.coldMs)} ms, reload ${Math.round(timing.warmMs)} ms; ` +
            `CPU during the first visit: ${Object.entries(timing.cpuMs ?? {})
              .map(([group, ms]) => `${group} ${ms} ms`)
              .join(", ")}`,
        ),
    });
    const after = await cpu();
    const perRound = (group: keyof typeof after) =>
      Math.round(((after[group] - before[group]) * 1000) / (ROUNDS * builds.length));
    const cpuOfFirstVisits = (index: number, group: string) =>
      spread(
        `  CPU of ${group} during the first visit`,
        (timings[index] ?? []).map((t) => t.cpuMs?.[group] ?? 0),
      );
    console.log(
      [
        "",
        `demo account: ${demo.calls} calls, ${demo.events} events, ${demo.timezone}; ${ROUNDS} rounds`,
        ...builds.flatMap((build, index) => [
          `${build.name}:`,
          spread(
            "  first visit (new context, nothing cached)",
            (timings[index] ?? []).map((t) => t.coldMs),
          ),
          spread(
            "  reload",
            (timings[index] ?? []).map((t) => t.warmMs),
          ),
          cpuOfFirstVisits(index, "the page's main thread"),
          cpuOfFirstVisits(index, "Chromium"),
          cpuOfFirstVisits(index, "API"),
        ]),
        `CPU per round (a first visit, its reload, the browser context opened and closed): Chromium ${perRound("Chromium")} ms, ` +
          `API ${perRound("API")} ms, worker ${perRound("worker")} ms, Postgres ${perRound("Postgres")} ms`,
        "",
        "this build's last round:",
        describeDashboardTiming(timings[0]?.at(-1) as DashboardTiming),
      ].join("\n"),
    );
    // Stopped gently, so the CPU profile (BENCH_CPU_PROFILE) is written.
    await api.stop("SIGTERM");
  } finally {
    await browser.close();
    await stopProcesses();
    await database.drop();
  }
}

await main();
