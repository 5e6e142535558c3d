import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { connectedCalendar, connection } from "../../testing/calendars";
import { renderWithApp, resetApp, trpcApi } from "../../testing/render";
import { type CalendarConnection, CalendarsTab, type ConnectArrival } from "./calendars-tab";
import { polyfillDialogs, recorded } from "./testing";

const NOW = new Date("2026-03-10T15:00:00Z");
const FEED = "http://api.flynn.test/calendar/first-token.ics";
const NEW_FEED = "http://api.flynn.test/calendar/second-token.ics";

const connectedGoogle = (overrides: Partial<CalendarConnection> = {}) =>
  connectedCalendar("google", { lastSyncAt: new Date(NOW.getTime() - 5 * 60_000), ...overrides });

let connections: CalendarConnection[] = [];
let feedUrl = FEED;
/** Google answers the calendars' listing with invalid_grant. */
let grantRevoked = false;
const calls = { rotate: [] as unknown[], choose: [] as unknown[], resync: [] as unknown[], sync: [] as unknown[] };

const server = setupServer(
  ...trpcApi({
    "profile.get": () => ({ timezone: "America/New_York" }),
    "calendars.list": () => connections,
    "calendarFeed.get": () => ({ url: feedUrl, webcalUrl: feedUrl.replace("http://", "webcal://") }),
    "calendarFeed.rotate": recorded(calls.rotate, () => {
      feedUrl = NEW_FEED;
      return { url: feedUrl, webcalUrl: feedUrl.replace("http://", "webcal://") };
    }),
    "calendars.choices": () => {
      if (grantRevoked) {
        // As the server does: the connection is marked while listing.
        connections = connections.map((c) =>
          c.provider === "google" ? { ...c, active: false, needsReconnect: true, lastError: "access revoked" } : c,
        );
        return { kind: "reconnect", reason: "access revoked" };
      }
      return {
        kind: "ok",
        calendars: [
          { id: "primary", name: "dana@rivera.example", primary: true },
          { id: "jobs", name: "Jobs", primary: false },
        ],
      };
    },
    "calendars.choose": recorded(calls.choose, ({ calendarId }: { calendarId: string }) => {
      connections = connections.map((c) =>
        c.provider === "google"
          ? { ...c, calendarId, calendarName: calendarId === "jobs" ? "Jobs" : c.calendarName }
          : c,
      );
      return { kind: "ok", status: connections.find((c) => c.provider === "google") };
    }),
    "calendars.setSyncEnabled": recorded(calls.sync, ({ enabled }: { enabled: boolean }) => {
      connections = connections.map((c) => (c.provider === "google" ? { ...c, syncEnabled: enabled } : c));
      return connections.find((c) => c.provider === "google");
    }),
    "calendars.resync": recorded(calls.resync, () => ({ queued: 3 })),
  }),
);

beforeAll(() => {
  server.listen({ onUnhandledRequest: "error" });
  polyfillDialogs();
});
afterEach(() => {
  resetApp();
  vi.useRealTimers();
  feedUrl = FEED;
  grantRevoked = false;
  for (const list of Object.values(calls)) list.length = 0;
});
afterAll(() => server.close());

function renderTab(arrival?: ConnectArrival, onArrivalShown?: () => void) {
  renderWithApp(() => <CalendarsTab arrival={arrival} onArrivalShown={onArrivalShown} />);
}

/** The card of one provider, by its title. */
const card = async (title: string) =>
  (await screen.findByRole("heading", { name: title, level: 2 })).closest("section") as HTMLElement;

describe("CalendarsTab: Google Calendar and Outlook", () => {
  it("explains what the server needs when a provider is not configured, and offers no Connect", async () => {
    connections = [connection("google", { configured: false }), connection("outlook", { configured: false })];
    renderTab();
    const google = await card("Google Calendar");
    expect(within(google).getByText("Not available")).toBeTruthy();
    expect(google.textContent).toContain("GOOGLE_CLIENT_ID and GOOGLE_CLIENT_SECRET");
    expect((await card("Outlook")).textContent).toContain("MICROSOFT_CLIENT_ID and MICROSOFT_CLIENT_SECRET");
    expect(screen.queryByRole("link", { name: /Connect/ })).toBeNull();
  });

  it("connects with a full page visit to the API, saying first that it stops the other provider's sync", async () => {
    connections = [
      connectedGoogle(),
      connection("outlook", {
        connectNotice: "Events sync to one calendar: connecting Outlook stops syncing to Google Calendar.",
      }),
    ];
    renderTab();
    const outlook = await card("Outlook");
    const connect = within(outlook).getByRole("link", { name: "Connect Outlook" });
    expect(connect.getAttribute("href")).toBe("/api/calendar/outlook/connect");
    expect(connect.getAttribute("aria-describedby")).toBeTruthy();
    const notice = document.getElementById(connect.getAttribute("aria-describedby") as string);
    expect(notice?.textContent).toBe(
      "Events sync to one calendar: connecting Outlook stops syncing to Google Calendar.",
    );
    expect(within(outlook).getByText("Not connected")).toBeTruthy();
  });

  it("shows a connection's calendar, last sync and error; choosing another calendar saves it and resyncs", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(NOW);
    connections = [connectedGoogle({ lastError: "Google refused the event: quota exceeded" }), connection("outlook")];
    renderTab();
    const google = await card("Google Calendar");
    expect(within(google).getByText("Syncing")).toBeTruthy();
    expect(google.textContent).toContain("Last synced 5 minutes ago");
    expect(within(google).getByRole("alert").textContent).toBe(
      "The last sync failed: Google refused the event: quota exceeded",
    );
    const select = within(google).getByLabelText("Calendar for your events") as HTMLSelectElement;
    await waitFor(() => expect(select.disabled).toBe(false));
    expect(
      within(select)
        .getAllByRole("option")
        .map((option) => option.textContent),
    ).toEqual(["dana@rivera.example (main)", "Jobs"]);
    expect(select.value).toBe("primary");

    fireEvent.change(select, { target: { value: "jobs" } });
    await screen.findByText(
      "Confirmed events now go to “Jobs”. 3 upcoming events are being moved there from “dana@rivera.example”.",
    );
    expect(calls.choose).toEqual([{ provider: "google", calendarId: "jobs" }]);
    expect(calls.resync).toHaveLength(1);
    expect(select.value).toBe("jobs");
  });

  it("the first calendar chosen: the upcoming events are copied there", async () => {
    connections = [connectedGoogle({ calendarId: null, calendarName: null }), connection("outlook")];
    renderTab();
    const google = await card("Google Calendar");
    const select = within(google).getByLabelText("Calendar for your events") as HTMLSelectElement;
    await waitFor(() => expect(select.disabled).toBe(false));
    fireEvent.change(select, { target: { value: "jobs" } });
    await screen.findByText(
      "Confirmed events now go to “Jobs”. 3 upcoming events are being copied to Google Calendar.",
    );
    expect(calls.choose).toEqual([{ provider: "google", calendarId: "jobs" }]);
  });

  it("turns sync off without queueing anything", async () => {
    connections = [connectedGoogle(), connection("outlook")];
    renderTab();
    const google = await card("Google Calendar");
    const toggle = within(google).getByLabelText("Copy confirmed events to Google Calendar") as HTMLInputElement;
    expect(toggle.checked).toBe(true);
    fireEvent.click(toggle);
    await screen.findByText(/Sync to Google Calendar is off/);
    expect(calls.sync).toEqual([{ provider: "google", enabled: false }]);
    expect(calls.resync).toEqual([]);
    expect(toggle.checked).toBe(false);
    expect(within(google).getByText("Sync off")).toBeTruthy();
  });

  it("says plainly when a connection must be reconnected, with the reason and a Reconnect link", async () => {
    connections = [
      connectedGoogle({ active: false, needsReconnect: true, lastError: "Google Calendar access was revoked" }),
      connection("outlook"),
    ];
    renderTab();
    const google = await card("Google Calendar");
    expect(within(google).getByText("Reconnect needed")).toBeTruthy();
    expect(within(google).getByRole("alert").textContent).toBe(
      "Google Calendar disconnected: confirmed events are not reaching your calendar.Google Calendar access was revoked",
    );
    expect(within(google).getByRole("link", { name: "Reconnect" }).getAttribute("href")).toBe(
      "/api/calendar/google/connect",
    );
    expect(within(google).queryByLabelText("Calendar for your events")).toBeNull();
  });
});

describe("CalendarsTab: a grant found dead", () => {
  it("shows Reconnect as soon as listing the calendars finds the access revoked", async () => {
    grantRevoked = true;
    connections = [connectedGoogle(), connection("outlook")];
    renderTab();
    const google = await card("Google Calendar");
    await within(google).findByRole("link", { name: "Reconnect" });
    expect(within(google).getByText("Reconnect needed")).toBeTruthy();
  });
});

describe("CalendarsTab: back from connecting", () => {
  it("says the provider is connected and where events go, then lets the page clean the URL", async () => {
    connections = [connectedGoogle(), connection("outlook")];
    const cleaned = vi.fn();
    renderTab({ connected: "google" }, cleaned);
    await screen.findByText("Google Calendar is connected: confirmed events go to “dana@rivera.example”.");
    expect(cleaned).toHaveBeenCalledTimes(1);
  });

  it("explains a refusal in words, naming the provider", async () => {
    connections = [connectedGoogle(), connection("outlook")];
    const cleaned = vi.fn();
    renderTab({ error: "missing_scope", provider: "outlook" }, cleaned);
    await screen.findByText(
      "Outlook is not connected: Flynn needs permission to manage your calendar's events. Connect again and leave that permission ticked.",
    );
    expect(cleaned).toHaveBeenCalledTimes(1);
  });
});

describe("CalendarsTab: the feed", () => {
  it("shows the feed's link and its webcal:// twin for Apple Calendar", async () => {
    connections = [connection("google"), connection("outlook")];
    renderTab();
    expect(((await screen.findByLabelText("Your calendar link")) as HTMLInputElement).value).toBe(FEED);
    expect(screen.getByRole("link", { name: "Open in Apple Calendar" }).getAttribute("href")).toBe(
      "webcal://api.flynn.test/calendar/first-token.ics",
    );
    expect(screen.getByText(/Google refreshes subscribed calendars only every few hours/)).toBeTruthy();
  });

  it("resets the link only after warning that the old one stops working, then shows the new one", async () => {
    connections = [connection("google"), connection("outlook")];
    renderTab();
    const field = (await screen.findByLabelText("Your calendar link")) as HTMLInputElement;
    fireEvent.click(screen.getByRole("button", { name: "Reset link" }));
    const dialog = await screen.findByRole("dialog");
    expect(dialog.textContent).toContain("The current link stops working at once");
    expect(calls.rotate).toEqual([]);
    fireEvent.click(within(dialog).getByRole("button", { name: "Reset link" }));
    await screen.findByText("New calendar link ready. Subscribe your calendar apps to it again.");
    expect(calls.rotate).toHaveLength(1);
    expect(field.value).toBe(NEW_FEED);
    expect(screen.getByRole("link", { name: "Open in Apple Calendar" }).getAttribute("href")).toBe(
      "webcal://api.flynn.test/calendar/second-token.ics",
    );
  });

  it("keeps the link when the owner changes their mind", async () => {
    connections = [connection("google"), connection("outlook")];
    renderTab();
    await screen.findByLabelText("Your calendar link");
    fireEvent.click(screen.getByRole("button", { name: "Reset link" }));
    fireEvent.click(within(await screen.findByRole("dialog")).getByRole("button", { name: "Keep this link" }));
    await waitFor(() => expect(screen.queryByRole("dialog")).toBeNull());
    expect(calls.rotate).toEqual([]);
    expect((screen.getByLabelText("Your calendar link") as HTMLInputElement).value).toBe(FEED);
  });
});
