/**
 * The dashboard in real Chromium on the real stack: the built SPA served by the built API on
 * one origin (as in production), the worker beside it (rules extractor, emails to the outbox),
 * a test Postgres. One owner's first day: sign up, set up the business and a Flynn number,
 * take a call, watch it arrive, confirm its event, read the overview email, change the
 * template, and see the next call's email use it. Every page visited is saved as a screenshot
 * in apps/e2e/artifacts/. Prints the initial JavaScript of the first page (how fast the
 * dashboard becomes interactive is measured apart, on a quiet machine: src/speed/).
 */
import { randomUUID } from "node:crypto";
import { events } from "@flynn/db/schema";
import { useTestDatabase } from "@flynn/db/testing";
import { stopProcesses } from "@flynn/processes/apps";
import type { Page } from "playwright-core";
import { afterEach, describe, expect, it, onTestFailed } from "vitest";
import { loaded, screenshot, screenshotWidths, useChromium } from "./browser";
import { figuresShown } from "./dashboard-timing";
import { TIMEZONE } from "./scenario";
import { startStack } from "./stack";
import { describeSizes, gzippedSizes, initialChunks, readManifest, totalSize } from "./web-build";

const database = useTestDatabase();
const chromium = useChromium();
afterEach(stopProcesses);

/** The narrowest and widest screens the dashboard must read well on. */
const WIDTHS = [375, 1440] as const;
/** Two calls through the whole pipeline and some twenty page visits: minutes on a loaded two-core machine. */
const FLOW_TIMEOUT_MS = 300_000;
/** How long the worker may take to process a call and email its overview on a loaded machine. */
const PROCESSED_WITHIN_MS = 60_000;

/** The budget for the first page's JavaScript, gzipped (routes split). */
const INITIAL_JS_BUDGET_BYTES = 200 * 1024;

const PASSWORD = "correct horse battery";
const CUSTOM_SUBJECT = "Elm job: {{customer_name}} on {{event_date}}";
const CUSTOM_BODY = "Custom overview for Elm Plumbing: {{customer_name}} at {{location}}.";

/**
 * An iCalendar text's content lines as name and value: folded lines joined (RFC 5545 3.1) and
 * TEXT escapes undone, parameters dropped (`DTSTART;TZID=...` is `DTSTART`).
 */
function icsEntries(ics: string): { name: string; value: string }[] {
  return ics
    .replace(/\r\n[ \t]/g, "")
    .split("\r\n")
    .filter(Boolean)
    .map((line) => {
      const colon = line.indexOf(":");
      const name = line.slice(0, colon).split(";")[0] ?? "";
      const value = line
        .slice(colon + 1)
        .replace(/\\([\\;,nN])/g, (_, c: string) => (c.toLowerCase() === "n" ? "\n" : c));
      return { name, value };
    });
}

/** Adds the page's uncaught exceptions to `errors` (the test fails on any, with its message). */
function collectPageErrors(page: Page, errors: string[]): void {
  page.on("pageerror", (error) => errors.push(error.message));
}

const nav = (page: Page, name: string) =>
  page.getByRole("navigation", { name: "Main" }).getByRole("link", { name, exact: true }).click();

/** "Simulate a call" (the app's menu): the industry's sample call to the owner's number. */
async function simulateCall(page: Page) {
  await page.getByRole("button", { name: "Simulate a call" }).first().click();
  const dialog = page.getByRole("dialog", { name: "Simulate a call" });
  await dialog.getByLabel("Transcript").waitFor();
  await screenshot(page, "simulate-call-dialog");
  await dialog.getByRole("button", { name: "Place the call" }).click();
  await page.getByRole("status").filter({ hasText: "Call placed" }).waitFor();
  await dialog.waitFor({ state: "hidden" });
}

/** Marks the document, so `sameDocument` tells whether the page was reloaded since. */
const markDocument = (page: Page) =>
  page.evaluate(() => {
    (window as unknown as { e2eDocument: boolean }).e2eDocument = true;
  });
const sameDocument = (page: Page) =>
  page.evaluate(() => (window as unknown as { e2eDocument?: boolean }).e2eDocument === true);

/** Waits until the open email (the sandboxed frame of its page) shows `text`. */
const emailShows = (page: Page, text: string) =>
  page
    .getByTitle(/^Email: /)
    .contentFrame()
    .getByText(text)
    .first()
    .waitFor();

describe("the dashboard in Chromium", () => {
  it(
    "sign up, onboarding, a call arrives live, its event confirmed, its email, a new template used",
    async () => {
      const { db, url } = database.current;
      const stack = await startStack(url);
      const context = await chromium.current.newContext({
        baseURL: stack.origin,
        viewport: { width: 1280, height: 900 },
        timezoneId: TIMEZONE,
        locale: "en-US",
      });
      context.setDefaultTimeout(20_000);
      const page = await context.newPage();
      const pageErrors: string[] = [];
      collectPageErrors(page, pageErrors);
      const overflowing: string[] = [];
      onTestFailed(async () => {
        await screenshot(page, "failure");
        console.error(`API output:\n${stack.api.output()}\nworker output:\n${stack.worker.output()}`);
      });

      // Sign up.
      const email = `owner-${randomUUID()}@example.test`;
      await page.goto("/sign-up");
      await page.getByLabel("Your name").fill("Dana Owner");
      await page.getByLabel("Email").fill(email);
      await page.getByLabel("Password").fill(PASSWORD);
      await screenshot(page, "01-sign-up");
      await page.getByRole("button", { name: "Create account" }).click();

      // Onboarding: the business, then a simulated number.
      await page.waitForURL("**/onboarding");
      await page.getByLabel("Business name").fill("Elm Plumbing");
      await page.getByLabel("Industry").selectOption("plumbing");
      await page.getByLabel("Your phone number").fill("+1 512 555 0100");
      await screenshot(page, "02-onboarding-business");
      await page.getByRole("button", { name: "Continue" }).click();
      await page.getByRole("heading", { name: "The number your customers call" }).waitFor();
      const choose = page.getByRole("button", { name: "Choose" }).first();
      await choose.waitFor();
      await screenshot(page, "03-onboarding-number");
      await choose.click();
      await page.waitForURL((address) => address.pathname === "/");
      await page.getByRole("heading", { name: "Dashboard", level: 1 }).waitFor();
      expect(await figuresShown(page)).toMatchObject({ Events: "0", Conversion: "0%" });
      await page.getByText("No calls yet").waitFor();
      overflowing.push(...(await screenshotWidths(page, "04-dashboard-empty", WIDTHS)));

      // The Calls page is open when the call comes in, placed from another tab: only the live
      // updates can bring it, processed, to this one, without a reload.
      await nav(page, "Calls");
      await page.getByRole("heading", { name: "Calls", level: 1 }).waitFor();
      await page.getByText("No calls yet").waitFor();
      await screenshot(page, "05-calls-empty");
      await markDocument(page);
      const otherTab = await context.newPage();
      collectPageErrors(otherTab, pageErrors);
      await otherTab.goto("/");
      await simulateCall(otherTab);
      await otherTab.close();
      const callRow = page.getByRole("main").getByRole("link", { name: /water heater/i });
      await callRow.waitFor({ timeout: PROCESSED_WITHIN_MS });
      await expect.poll(() => callRow.textContent(), { timeout: PROCESSED_WITHIN_MS }).toMatch(/1 event/);
      expect(await sameDocument(page)).toBe(true);
      overflowing.push(...(await screenshotWidths(page, "06-calls", WIDTHS)));

      // The call's page lists its event; confirm it there.
      await callRow.click();
      await page.getByRole("heading", { name: /water heater/i, level: 1 }).waitFor();
      await page.getByRole("heading", { name: "Events (1)" }).waitFor();
      await expect.poll(() => page.getByRole("main").textContent()).toMatch(/Service call/);
      await screenshot(page, "07-call");
      await page.getByRole("button", { name: "Confirm", exact: true }).click();
      await page.getByRole("status").filter({ hasText: "Confirmed" }).waitFor();
      await page.getByRole("button", { name: "Confirm", exact: true }).waitFor({ state: "detached" });
      const [event] = await db.select().from(events);
      expect(event?.status).toBe("confirmed");
      await screenshot(page, "08-call-confirmed");
      await page
        .getByRole("main")
        .getByRole("link", { name: /^Service call: .*water heater/i })
        .click();
      await page.getByRole("heading", { name: /^Service call: .*water heater/i, level: 1 }).waitFor();
      await screenshot(page, "08-event");

      // The overview email is in the outbox.
      await nav(page, "Communications");
      await page.getByRole("heading", { name: "Communications", level: 1 }).waitFor();
      const firstEmail = page.getByRole("main").getByRole("link", { name: /^Service call request - Mark Ellison/ });
      await firstEmail.waitFor();
      overflowing.push(...(await screenshotWidths(page, "09-communications", WIDTHS)));
      await firstEmail.click();
      await emailShows(page, "418 Birch Lane");
      await screenshot(page, "10-communication");

      // The dashboard, with the call's figures: the ones cached by the first visit show at once,
      // marked stale by the live updates, and are replaced as soon as the refetch answers.
      await nav(page, "Dashboard");
      await page.getByRole("heading", { name: "Dashboard", level: 1 }).waitFor();
      await expect
        .poll(() => figuresShown(page), { timeout: 10_000 })
        .toMatchObject({ Events: "1", Confirmed: "1", Conversion: "100%" });
      overflowing.push(...(await screenshotWidths(page, "11-dashboard", WIDTHS)));
      for (const [name, heading] of [
        ["events", "Events"],
        ["audit", "Audit log"],
      ] as const) {
        await nav(page, heading);
        await page.getByRole("heading", { name: heading, level: 1 }).waitFor();
        await loaded(page);
        overflowing.push(...(await screenshotWidths(page, `12-${name}`, WIDTHS)));
      }
      // On a phone the week is a list of its days; the month scrolls inside its card.
      await nav(page, "Events");
      await page.getByRole("tab", { name: "Calendar" }).click();
      await page
        .getByRole("status")
        .filter({ hasText: /this week/ })
        .waitFor();
      overflowing.push(...(await screenshotWidths(page, "12-events-week", WIDTHS)));
      await page.getByRole("button", { name: "Month", exact: true }).click();
      await page
        .getByRole("status")
        .filter({ hasText: /this month/ })
        .waitFor();
      overflowing.push(...(await screenshotWidths(page, "12-events-month", WIDTHS)));

      // Settings -> Calendars: the private feed, read from the page and fetched as a calendar
      // app would, carries the confirmed event; after a reset the old link is dead.
      await nav(page, "Settings");
      await page.getByRole("heading", { name: "Settings", level: 1 }).waitFor();
      await page.getByRole("tab", { name: "Calendars" }).click();
      const feedField = page.getByLabel("Your calendar link");
      await expect.poll(() => feedField.inputValue()).toMatch(/\.ics$/);
      const feedUrl = await feedField.inputValue();
      expect(feedUrl.startsWith(`${stack.origin}/calendar/`)).toBe(true);
      expect(await page.getByRole("link", { name: "Open in Apple Calendar" }).getAttribute("href")).toBe(
        feedUrl.replace(/^http:/, "webcal:"),
      );
      const feed = await fetch(feedUrl);
      expect(feed.status).toBe(200);
      expect(feed.headers.get("content-type")).toMatch(/^text\/calendar/);
      const entries = icsEntries(await feed.text());
      expect(entries[0]).toEqual({ name: "BEGIN", value: "VCALENDAR" });
      expect(entries).toContainEqual({ name: "UID", value: `${event?.id}@flynn` });
      const summary = entries.find((entry) => entry.name === "SUMMARY")?.value;
      expect(summary).toBe(event?.customerName ? `${event.title} – ${event.customerName}` : event?.title);
      overflowing.push(...(await screenshotWidths(page, "13-settings-calendars", WIDTHS)));
      await page.getByRole("button", { name: "Reset link" }).click();
      const resetDialog = page.getByRole("dialog", { name: "Reset your calendar link?" });
      await resetDialog.getByText("The current link stops working at once").waitFor();
      await screenshot(page, "13-settings-calendars-reset");
      await resetDialog.getByRole("button", { name: "Reset link" }).click();
      await page.getByRole("status").filter({ hasText: "New calendar link ready" }).waitFor();
      await expect.poll(() => feedField.inputValue()).not.toBe(feedUrl);
      expect((await fetch(feedUrl)).status).toBe(404);
      expect((await fetch(await feedField.inputValue())).status).toBe(200);

      // A template of the owner's own for service calls.
      await page.getByRole("tab", { name: /templates/i }).click();
      await page
        .getByRole("navigation", { name: "Templates" })
        .getByRole("button", { name: /^Call Overview: Service Call/ })
        .click();
      await page.getByRole("button", { name: "Customize" }).click();
      await page.getByRole("status").filter({ hasText: "ready to edit" }).waitFor();
      await page.getByLabel("Subject", { exact: true }).fill(CUSTOM_SUBJECT);
      await page.getByLabel("Body", { exact: true }).fill(CUSTOM_BODY);
      // The live preview renders the draft with a sample call.
      await page.getByTitle("Email preview").contentFrame().getByText("Custom overview for Elm Plumbing").waitFor();
      overflowing.push(...(await screenshotWidths(page, "13-settings-templates", WIDTHS)));
      await page.getByRole("button", { name: "Save template" }).click();
      await page.getByRole("status").filter({ hasText: "saved" }).waitFor();

      // The next call's overview uses it.
      await nav(page, "Calls");
      await simulateCall(page);
      const rows = page.getByRole("main").getByRole("link", { name: /water heater/i });
      await expect.poll(() => rows.count(), { timeout: PROCESSED_WITHIN_MS }).toBe(2);
      await rows.first().click();
      await page.getByRole("heading", { name: "Events (1)" }).waitFor({ timeout: PROCESSED_WITHIN_MS });
      await expect
        .poll(() => page.getByRole("main").textContent(), { timeout: PROCESSED_WITHIN_MS })
        .not.toMatch(/Not sent/);
      await screenshot(page, "14-second-call");
      // Not reloaded: the list cached by the first visit was marked stale by the live updates as
      // the worker finished the call (its overview email is written then).
      await nav(page, "Communications");
      const customEmail = page.getByRole("main").getByRole("link", { name: /^Elm job: Mark Ellison/ });
      await customEmail.click();
      await emailShows(page, "Custom overview for Elm Plumbing: Mark Ellison at 418 Birch Lane.");
      await screenshot(page, "15-communication-custom-template");

      // Signed out, and back in.
      await page.getByRole("button", { name: "Sign out" }).click();
      await page.waitForURL("**/sign-in");
      await page.getByLabel("Email").fill(email);
      await page.getByLabel("Password").fill(PASSWORD);
      await screenshot(page, "16-sign-in");
      await page.getByRole("button", { name: "Sign in" }).click();
      await page.getByRole("heading", { name: "Dashboard", level: 1 }).waitFor();

      expect(overflowing).toEqual([]);
      expect(pageErrors).toEqual([]);
      await context.close();
    },
    FLOW_TIMEOUT_MS,
  );

  it("keeps the initial JavaScript of the first page within its budget, and prints it", async () => {
    const sizes = await gzippedSizes(initialChunks(await readManifest(), ["src/start.tsx", "src/pages/dashboard.tsx"]));
    console.log(describeSizes("initial JavaScript of the dashboard (/, from the build's manifest), gzipped", sizes));
    expect(totalSize(sizes)).toBeLessThanOrEqual(INITIAL_JS_BUDGET_BYTES);
  });
});
