/**
 * Real Chromium for the browser tests: Debian's `chromium` package (`.ci/run` installs it and
 * passes CHROMIUM_PATH), driven by playwright-core, which downloads no browser of its own.
 * Screenshots go to apps/e2e/artifacts/ (gitignored), one file per page and width, so a run
 * leaves pictures of every page it visited to look at.
 */
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import path from "node:path";
import { REPO_ROOT } from "@flynn/db/embedded";
import { type Browser, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll } from "vitest";

export const ARTIFACTS_DIR = path.join(REPO_ROOT, "apps/e2e/artifacts");

/** CHROMIUM_PATH, else the first of Debian's and other distributions' names on PATH. */
export function chromiumPath(): string {
  const configured = process.env.CHROMIUM_PATH;
  if (configured) {
    if (!path.isAbsolute(configured) || !existsSync(configured)) {
      throw new Error(`CHROMIUM_PATH=${configured}: not an absolute path to an existing file`);
    }
    return configured;
  }
  for (const name of ["chromium", "chromium-browser", "google-chrome"]) {
    try {
      const found = execFileSync("sh", ["-c", `command -v ${name}`], { encoding: "utf8" }).trim();
      if (found && path.isAbsolute(found)) return found;
    } catch {}
  }
  throw new Error(
    "No Chromium found for the browser test: install it (Debian: `apt-get install -y chromium`) or set CHROMIUM_PATH",
  );
}

/**
 * One Chromium for a test file: launched before its tests, closed after them. Read
 * `chromium.current` inside a test.
 */
export function useChromium(): { readonly current: Browser } {
  let browser: Browser | undefined;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });
  return {
    get current() {
      if (!browser) throw new Error("Chromium is not running: use chromium.current inside a test");
      return browser;
    },
  };
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath(),
    headless: true,
    // No sandbox: CI runs as root, where Chromium's sandbox refuses to start. The rest keeps the
    // browser off the network (no component updates, no sync) and its timings steady.
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

/** Waits until the page shows no loading state: no skeleton, no "Loading" status, nothing busy. */
export async function loaded(page: Page): Promise<void> {
  await page.waitForFunction(
    () =>
      !document.querySelector(
        'main .animate-pulse, main [role="status"][aria-label^="Loading"], main [aria-busy="true"]',
      ),
  );
}

/**
 * Saves the whole page as artifacts/<name>.png; returns the file's path. The viewport grows to
 * the page's height for the picture (Chromium's own full-page capture draws fixed elements,
 * such as the sidebar, only as tall as the window was), then goes back.
 */
export async function screenshot(page: Page, name: string): Promise<string> {
  await mkdir(ARTIFACTS_DIR, { recursive: true });
  const file = path.join(ARTIFACTS_DIR, `${name}.png`);
  const viewport = page.viewportSize();
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  const grow = viewport !== null && height > viewport.height;
  if (grow) await page.setViewportSize({ width: viewport.width, height });
  await page.screenshot({ path: file, animations: "disabled" });
  if (grow) await page.setViewportSize(viewport);
  return file;
}

/**
 * Screenshots the page at each width (px) it must be readable at, restoring the viewport
 * after. Returns the widths at which the page itself scrolls sideways (wider content must
 * wrap, stack, or scroll inside its own box).
 */
export async function screenshotWidths(page: Page, name: string, widths: readonly number[]): Promise<string[]> {
  const original = page.viewportSize();
  const overflowing: string[] = [];
  for (const width of widths) {
    await page.setViewportSize({ width, height: 900 });
    await loaded(page);
    const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
    const sticking = await widerThanWindow(page);
    if (scrollWidth > width || sticking.length > 0) {
      overflowing.push(`${name} at ${width} px is ${scrollWidth} px wide: ${sticking.join("; ")}`);
    }
    await screenshot(page, `${name}-${width}`);
  }
  if (original) await page.setViewportSize(original);
  return overflowing;
}

/**
 * The outermost elements reaching past the window's right edge (their parent does not), briefly.
 * Content cut off inside a box of its own (truncated text, a table or tab list that scrolls
 * sideways in its card) does not count: it is not drawn past the edge.
 */
function widerThanWindow(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const limit = document.documentElement.clientWidth + 1;
    const sticksOut = (element: Element | null) => element !== null && element.getBoundingClientRect().right > limit;
    const clipped = (element: Element) => {
      for (let box = element.parentElement; box && box !== document.body; box = box.parentElement) {
        if (getComputedStyle(box).overflowX !== "visible" && !sticksOut(box)) return true;
      }
      return false;
    };
    return [...document.body.querySelectorAll("*")]
      .filter((element) => sticksOut(element) && !sticksOut(element.parentElement) && !clipped(element))
      .slice(0, 5)
      .map((element) => {
        const text = (element.textContent ?? "").trim().replace(/\s+/g, " ").slice(0, 60);
        return `<${element.tagName.toLowerCase()}> "${text}" (${Math.round(element.getBoundingClientRect().width)} px)`;
      });
  });
}
