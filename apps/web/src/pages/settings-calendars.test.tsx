// The whole app (router, shell, lazy page) on Settings -> Calendars, as the browser comes back
// from connecting a calendar, msw answering as the API would.
import { act, configure, render, screen, waitFor } from "@testing-library/react";
import { HttpResponse, http } from "msw";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { App } from "../app";
import { router } from "../router";
import { connectedCalendar, connection } from "../testing/calendars";
import { PROFILE, USER } from "../testing/owner";
import { QuietEventSource } from "../testing/quiet-event-source";
import { resetApp, trpcApi } from "../testing/render";
import type { CalendarConnection } from "./settings/calendars-tab";

// The whole app renders on each change; on a busy two-core machine that takes over a second.
configure({ asyncUtilTimeout: 5000 });

let connections: CalendarConnection[] = [];
const server = setupServer(
  http.get("*/api/auth/get-session", () => HttpResponse.json({ user: USER })),
  ...trpcApi({
    "profile.get": () => PROFILE,
    "phoneNumbers.capabilities": () => ({ simulateCalls: false, buyNumbers: false }),
    "calendars.list": () => connections,
    "calendars.choices": () => ({ kind: "ok", calendars: [{ id: "primary", name: "Dana", primary: true }] }),
    "calendarFeed.get": () => ({
      url: "http://api.flynn.test/calendar/token.ics",
      webcalUrl: "webcal://api.flynn.test/calendar/token.ics",
    }),
  }),
);

beforeAll(() => {
  server.listen({ onUnhandledRequest: "error" });
  globalThis.EventSource = QuietEventSource as unknown as typeof EventSource;
});
afterEach(resetApp);
afterAll(() => server.close());

async function open(href: string) {
  render(<App />);
  await act(() => router.navigate({ href }));
  await screen.findByRole("heading", { name: "Settings", level: 1 });
}

describe("Settings -> Calendars, back from the provider", () => {
  it("shows the outcome once and drops it from the URL, keeping the tab", async () => {
    connections = [connectedCalendar("google", { calendarName: "Dana" }), connection("outlook")];
    await open("/settings?tab=calendars&connected=google");
    await screen.findByText("Google Calendar is connected: confirmed events go to “Dana”.");
    await waitFor(() => expect(router.state.location.search).toEqual({ tab: "calendars" }));
    expect(screen.getByRole("tab", { name: "Calendars" }).getAttribute("aria-selected")).toBe("true");
  });

  it("leaves the reconnect banner to the other pages: the tab says it in place", async () => {
    connections = [
      connectedCalendar("google", { active: false, needsReconnect: true, lastError: "access revoked" }),
      connection("outlook"),
    ];
    await open("/settings?tab=calendars");
    await screen.findByRole("link", { name: "Reconnect" });
    const reconnectTargets = () =>
      screen.getAllByRole("link", { name: "Reconnect" }).map((link) => link.getAttribute("href"));
    expect(reconnectTargets()).toEqual(["/api/calendar/google/connect"]);

    await act(() => router.navigate({ href: "/settings?tab=profile" }));
    await waitFor(() => expect(reconnectTargets()).toEqual(["/settings?tab=calendars"]));
  });
});
