import { screen, waitFor, within } from "@testing-library/react";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { connectedCalendar, connection } from "../../testing/calendars";
import { renderWithApp, resetApp, trpcApi } from "../../testing/render";
import type { CalendarConnection } from "../settings/calendars-tab";
import { CalendarCard, CustomerMessagesCard } from "./calendar-status";
import type { EventDetail } from "./event-form";
import { EVENT_ID, sampleEvent } from "./fixtures";

const NY = "America/New_York";
const NOW = new Date("2026-03-10T15:00:00Z");
const LINKS = {
  google: "https://calendar.google.com/calendar/render?action=TEMPLATE&text=Fix%20water%20heater",
  outlook: "https://outlook.live.com/calendar/0/deeplink/compose?subject=Fix%20water%20heater",
  ics: `http://api.flynn.test/calendar/events/${EVENT_ID}.ics?sig=abc`,
};

let connections: CalendarConnection[] = [];
const linksAsked: unknown[] = [];

const server = setupServer(
  ...trpcApi({
    "calendars.list": () => connections,
    "calendarFeed.eventLinks": (input: unknown) => {
      linksAsked.push(input);
      return LINKS;
    },
  }),
);

beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterEach(() => {
  resetApp();
  vi.useRealTimers();
  linksAsked.length = 0;
});
afterAll(() => server.close());

function renderCard(event: EventDetail) {
  renderWithApp(() => <CalendarCard event={event} timezone={NY} />);
}

/** The "Calendar sync" part of the card, once the connections have loaded. */
async function syncStatus() {
  const heading = await screen.findByRole("heading", { name: "Calendar sync" });
  return heading.parentElement as HTMLElement;
}

describe("Add to calendar", () => {
  it("offers Google, Outlook and the .ics file for an event with a time", async () => {
    connections = [];
    renderCard(sampleEvent());
    const google = await screen.findByRole("link", { name: "Google Calendar" });
    expect(google.getAttribute("href")).toBe(LINKS.google);
    expect(google.getAttribute("target")).toBe("_blank");
    expect(screen.getByRole("link", { name: "Outlook" }).getAttribute("href")).toBe(LINKS.outlook);
    expect(screen.getByRole("link", { name: "Download .ics" }).getAttribute("href")).toBe(LINKS.ics);
    expect(linksAsked).toEqual([{ id: EVENT_ID }]);
  });

  it("offers no links, and asks for none, while the event has no time", async () => {
    connections = [];
    renderCard(sampleEvent({ proposedDatetime: null, confirmedDatetime: null }));
    await screen.findByText("Give the event a time to add it to a calendar.");
    await syncStatus();
    expect(screen.queryByRole("link", { name: "Download .ics" })).toBeNull();
    expect(linksAsked).toEqual([]);
  });
});

describe("Calendar sync", () => {
  it("names the calendar a synced event is in, with the last sync", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(NOW);
    connections = [
      connectedCalendar("google", { lastSyncAt: new Date("2026-03-10T14:55:00Z") }),
      connection("outlook"),
    ];
    renderCard(sampleEvent({ status: "confirmed", calendarSynced: true, calendarEventId: "flynn7c9e" }));
    const status = await syncStatus();
    await waitFor(() => expect(within(status).getByText("In Google Calendar")).toBeTruthy());
    expect(status.textContent).toContain("Last sync 5 minutes ago");
  });

  it("says a confirmed event is not synced when no calendar is connected, linking to the settings", async () => {
    connections = [connection("google"), connection("outlook")];
    renderCard(sampleEvent({ status: "confirmed" }));
    const status = await syncStatus();
    expect(within(status).getByText("Not synced")).toBeTruthy();
    expect(within(status).getByRole("link", { name: "Connect Google Calendar or Outlook" }).getAttribute("href")).toBe(
      "/settings?tab=calendars",
    );
  });

  it("says a confirmed event's copy is on its way, or why it failed last time", async () => {
    connections = [
      connectedCalendar("outlook", { lastError: "Outlook refused the event: the calendar is read-only" }),
      connection("google"),
    ];
    renderCard(sampleEvent({ status: "confirmed" }));
    const status = await syncStatus();
    expect(within(status).getByText("Not synced yet")).toBeTruthy();
    expect(status.textContent).toContain("The last sync failed: Outlook refused the event: the calendar is read-only");
  });
});

describe("CustomerMessagesCard", () => {
  const render = (event: EventDetail) => renderWithApp(() => <CustomerMessagesCard event={event} timezone={NY} />);
  const answer = async (term: string) =>
    (await screen.findByText(term, { selector: "dt" })).nextElementSibling?.textContent;

  it("shows when the confirmation and the reminder were sent, in the business's timezone", async () => {
    render(
      sampleEvent({
        status: "confirmed",
        confirmationSentAt: new Date("2026-01-14T16:05:00Z"),
        reminderSentAt: new Date("2026-01-14T14:00:00Z"),
      }),
    );
    expect(await answer("Confirmation")).toBe("Sent Wed, Jan 14, 11:05 AM EST");
    expect(await answer("Reminder")).toBe("Sent Wed, Jan 14, 9:00 AM EST");
  });

  it("says why nothing was sent: not confirmed yet, or no way to reach the customer", async () => {
    render(sampleEvent({ status: "pending" }));
    expect(await answer("Confirmation")).toBe("Sent when you confirm the event");
    resetApp();
    render(sampleEvent({ status: "confirmed", customerPhone: null, customerEmail: null }));
    expect(await answer("Confirmation")).toBe("Not sent: no email or phone for the customer");
  });
});
