/**
 * How long the dashboard takes to become interactive, read from the browser's own performance
 * timeline: a mark is set, in the page, the moment the figures render (numbers, no skeletons).
 * Used by the browser test (one first visit, printed) and by `pnpm --filter @flynn/e2e bench`
 * (many, with their spread).
 */
import { loadavg } from "node:os";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { describeSizes, gzippedSizes } from "./web-build";

/** The dashboard's figures, by label, once they have loaded. */
export async function figuresShown(page: Page): Promise<Record<string, string>> {
  await page.waitForFunction(dashboardFiguresShown);
  return page.evaluate(() =>
    Object.fromEntries(
      [...document.querySelectorAll("main dl dt")].map((term) => [
        term.textContent?.trim() ?? "",
        term.nextElementSibling?.firstElementChild?.textContent?.trim() ?? "",
      ]),
    ),
  );
}

/**
 * Whether the dashboard's figures show numbers (no skeletons left). Runs in the page: both
 * as the condition the test waits for and, in an init script, as the moment that marks the
 * dashboard interactive.
 */
function dashboardFiguresShown(): boolean {
  const conversion = [...document.querySelectorAll("main dl dt")].find(
    (term) => term.textContent?.trim() === "Conversion",
  );
  return /\d%/.test(conversion?.nextElementSibling?.textContent ?? "");
}

export interface DashboardTiming {
  /** From navigation start to the figures on screen: first visit (empty cache), then a reload. */
  coldMs: number;
  warmMs: number;
  domContentLoadedMs: number;
  /** The scripts the first visit loaded before the figures showed, with their gzipped sizes. */
  scripts: Map<string, number>;
  figures: Record<string, string>;
  /** What the first visit fetched, when (ms after navigation start). */
  requests: { path: string; startMs: number; endMs: number }[];
  /** CPU time (ms) each process group used from the first visit's start to its figures, when asked for (`cpuSeconds`). */
  cpuMs?: Record<string, number>;
}

export interface MeasureOptions {
  browser: Browser;
  /** A signed-in owner's cookies. */
  storageState: Awaited<ReturnType<BrowserContext["storageState"]>>;
  origin: string;
  timezoneId: string;
  /** The built dashboard, for the scripts' gzipped sizes. */
  webDist?: string;
  /**
   * How long the new tab rests before the address is opened. A user's browser is running before
   * they type the address or click the link, with a renderer process started ahead for the next
   * page. Navigating the instant a fresh profile opens instead makes the visit share the machine
   * with Chromium setting that profile up and starting a renderer: on two cores, ~400 ms more
   * main-thread CPU and ~300 ms more to the figures. The cache is just as empty either way.
   */
  settleMs?: number;
  /** Writes a Chrome trace of the first visit here (open it in DevTools' Performance panel). */
  tracePath?: string;
  /** CPU seconds used so far, by process group (e.g. Chromium, the API): read before and after the first visit. */
  cpuSeconds?: () => Promise<Record<string, number>>;
}

/**
 * Opens the dashboard in a fresh context (signed in, nothing cached), then reloads it, and
 * reads both times from the page's performance timeline.
 */
export async function measureDashboard(options: MeasureOptions): Promise<DashboardTiming> {
  const { browser } = options;
  const context = await browser.newContext({
    baseURL: options.origin,
    storageState: options.storageState,
    viewport: { width: 1440, height: 900 },
    timezoneId: options.timezoneId,
  });
  await context.addInitScript(
    `(() => {
      const shown = ${dashboardFiguresShown.toString()};
      const observer = new MutationObserver(() => {
        if (!shown()) return;
        observer.disconnect();
        performance.mark("dashboard-interactive");
      });
      observer.observe(document, { childList: true, subtree: true, characterData: true });
    })()`,
  );
  const page = await context.newPage();
  // No listener for the page's requests: each would cost the driver and the browser work
  // during the visit. What was fetched is read from the page's resource timing afterwards.
  if (options.settleMs) await new Promise((resolve) => setTimeout(resolve, options.settleMs));
  // Waits in the page for the mark without polling it: a check on every animation frame would
  // compete for the main thread with the page being measured.
  const markAt = () =>
    page.evaluate(
      () =>
        new Promise<number>((resolve) => {
          const observer = new PerformanceObserver((entries) => {
            const mark = entries.getEntriesByName("dashboard-interactive")[0];
            if (!mark) return;
            observer.disconnect();
            resolve(mark.startTime);
          });
          observer.observe({ type: "mark", buffered: true });
        }),
    );
  if (options.tracePath) {
    await browser.startTracing(page, {
      path: options.tracePath,
      categories: [
        "devtools.timeline",
        "disabled-by-default-devtools.timeline",
        "blink.user_timing",
        "loading",
        "v8.execute",
        "disabled-by-default-v8.cpu_profiler",
      ],
    });
  }
  const cpuBefore = await options.cpuSeconds?.();
  await page.goto("/", { waitUntil: "commit" });
  const coldMs = await markAt();
  const cpuAfter = await options.cpuSeconds?.();
  const cpuMs =
    cpuBefore && cpuAfter
      ? Object.fromEntries(
          Object.entries(cpuAfter).map(([group, seconds]) => [
            group,
            Math.round((seconds - (cpuBefore[group] ?? 0)) * 1000),
          ]),
        )
      : undefined;
  if (options.tracePath) await browser.stopTracing();
  const requests = await page.evaluate(() =>
    (performance.getEntriesByType("resource") as PerformanceResourceTiming[]).map((entry) => ({
      path: new URL(entry.name).pathname,
      startMs: entry.startTime,
      endMs: entry.responseEnd,
    })),
  );
  const scripts = await gzippedSizes(
    requests.filter(({ path, startMs }) => path.endsWith(".js") && startMs < coldMs).map(({ path }) => path.slice(1)),
    options.webDist,
  );
  const domContentLoadedMs = await page.evaluate(
    () => (performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming).domContentLoadedEventEnd,
  );
  const figures = await figuresShown(page);
  await page.reload({ waitUntil: "commit" });
  const warmMs = await markAt();
  await context.close();
  return { coldMs, warmMs, domContentLoadedMs, scripts, figures, requests, cpuMs };
}

export function describeDashboardTiming(timing: DashboardTiming): string {
  return [
    `dashboard interactive (navigation start -> figures rendered): ${Math.round(timing.coldMs)} ms on a first visit, ` +
      `${Math.round(timing.warmMs)} ms on a reload (DOMContentLoaded at ${Math.round(timing.domContentLoadedMs)} ms)`,
    describeSizes("JavaScript the first visit loaded before that, gzipped", timing.scripts),
    `its requests (ms after navigation start; load average ${loadavg()
      .map((load) => load.toFixed(1))
      .join(" ")}):`,
    ...timing.requests.map(
      ({ path, startMs, endMs }) => `  ${`${Math.round(startMs)}-${Math.round(endMs)}`.padStart(11)}  ${path}`,
    ),
  ].join("\n");
}
