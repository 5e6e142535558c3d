// Far from the business's timezone, so a position computed in the machine's would be wrong.
process.env.TZ = "Pacific/Auckland";

import { fireEvent, screen, within } from "@testing-library/react";
import type { ReactNode } from "react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { renderWithApp, resetApp } from "../../testing/render";
import { Calendar, type CalendarItem } from "./calendar";
import { type EventRow, EventRows } from "./list";

afterEach(resetApp);

const NY = "America/New_York";

/** `ui` inside a router (for its links), once rendered. */
async function renderInRouter(ui: ReactNode) {
  renderWithApp(() => <div data-testid="rendered">{ui}</div>);
  await screen.findByTestId("rendered");
}

/** The week of Thursday, January 15, 2026 in New York, seen on the Wednesday before. */
const renderWeekOfJanuary15 = (events: CalendarItem[]) =>
  renderInRouter(
    <Calendar mode="week" anchor="2026-01-15" today="2026-01-14" timezone={NY} events={events} onShowWeek={() => {}} />,
  );

/** A day of the calendar, found by its heading as a screen reader finds it. */
const dayCell = (name: string) => screen.getByRole("heading", { name }).parentElement as HTMLElement;

let nextId = 0;
function item(at: string | null, overrides: Partial<CalendarItem> = {}): CalendarItem {
  nextId += 1;
  return {
    id: `00000000-0000-4000-8000-${String(nextId).padStart(12, "0")}`,
    title: `Event ${nextId}`,
    status: "confirmed",
    customerName: null,
    proposedDatetime: at ? new Date(at) : null,
    confirmedDatetime: null,
    durationMinutes: 60,
    ...overrides,
  };
}

describe("Calendar", () => {
  it("puts an event at 14:00 UTC at 9 AM on its New York day in the week view, linking to it", async () => {
    const event = item("2026-01-15T14:00:00Z", { title: "Fix water heater", durationMinutes: 90 });
    expect(new Date("2026-01-15T14:00:00Z").getDate()).toBe(16); // it is already Friday in Auckland
    await renderWeekOfJanuary15([event]);
    const thursday = dayCell("Thursday, January 15, 2026: 1 event");
    const link = within(thursday).getByRole("link", { name: /Fix water heater/ });
    expect(link.getAttribute("aria-label")).toBe("Fix water heater, Thu, Jan 15, 9:00 AM, Confirmed");
    expect(link.getAttribute("href")).toBe(`/events/${event.id}`);
    // 48 px an hour: 9 AM is 432 px down, an hour and a half is 72 px (less the 2 px gap).
    expect(link.style.top).toBe("432px");
    expect(link.style.height).toBe("70px");
    expect(within(dayCell("Friday, January 16, 2026: no events")).queryAllByRole("link")).toEqual([]);
    expect(screen.getByRole("heading", { name: "Wednesday, January 14, 2026 (today): no events" })).toBeTruthy();
  });

  it("shows three events a day in the month view and opens the day's week for the rest", async () => {
    const onShowWeek = vi.fn();
    const events = ["13:00", "14:00", "15:00", "16:00"].map((time) => item(`2026-01-20T${time}:00Z`));
    await renderInRouter(
      <Calendar
        mode="month"
        anchor="2026-01-05"
        today="2026-01-05"
        timezone={NY}
        events={events}
        onShowWeek={onShowWeek}
      />,
    );
    expect(screen.getAllByRole("heading")).toHaveLength(42);
    const day = dayCell("Tuesday, January 20, 2026: 4 events");
    expect(
      within(day)
        .getAllByRole("link")
        .map((link) => link.textContent),
    ).toEqual(["8:00 AM Event 2", "9:00 AM Event 3", "10:00 AM Event 4"]);
    fireEvent.click(within(day).getByRole("button", { name: "+1 more" }));
    expect(onShowWeek).toHaveBeenCalledWith("2026-01-20");
  });

  it("on a phone, lists the week's days one under the other, each with its events by time", async () => {
    vi.stubGlobal("matchMedia", (query: string) => ({
      matches: false,
      media: query,
      addEventListener: () => {},
      removeEventListener: () => {},
    }));
    try {
      const late = item("2026-01-15T20:00:00Z", { title: "Quote deck", customerName: "Ana Ruiz" });
      const early = item("2026-01-15T14:00:00Z", { title: "Fix water heater", status: "pending" });
      await renderWeekOfJanuary15([late, early]);
      const thursday = dayCell("Thursday, January 15, 2026: 2 events");
      expect(thursday.tagName).toBe("LI");
      expect(
        within(thursday)
          .getAllByRole("link")
          .map((link) => link.getAttribute("aria-label")),
      ).toEqual([
        "Fix water heater, Thu, Jan 15, 9:00 AM, Pending",
        "Quote deck, Thu, Jan 15, 3:00 PM, Confirmed, Ana Ruiz",
      ]);
      expect(thursday.textContent).toContain("Thu, Jan 15");
      expect(dayCell("Wednesday, January 14, 2026 (today): no events").textContent).toContain(
        "Wed, Jan 14 · TodayNothing scheduled",
      );
      // Seven days, and no hour grid.
      expect(screen.getAllByRole("heading", { level: 3 })).toHaveLength(7);
      expect(screen.queryByText("9 AM")).toBeNull();
    } finally {
      vi.unstubAllGlobals();
    }
  });
});

describe("EventRows", () => {
  const row = (overrides: Partial<EventRow>): EventRow => ({
    id: crypto.randomUUID(),
    callId: null,
    title: "Fix water heater",
    eventType: "service_call",
    status: "pending",
    proposedDatetime: new Date("2026-01-15T14:00:00Z"),
    confirmedDatetime: null,
    durationMinutes: 60,
    location: null,
    locationType: "tbd",
    customerName: "Sam Customer",
    customerPhone: "+15125550123",
    priceEstimate: "150.00",
    currency: "USD",
    urgencyLevel: "medium",
    followUpRequired: false,
    createdAt: new Date("2026-01-14T16:00:00Z"),
    ...overrides,
  });

  it("shows each event in the business's timezone, and lets only those that can be confirmed be ticked", async () => {
    const pending = row({ title: "Pending one" });
    const cancelled = row({ title: "Cancelled one", status: "cancelled" });
    const untimed = row({ title: "Untimed one", status: "extracted", proposedDatetime: null, customerPhone: null });
    const onSelect = vi.fn();
    await renderInRouter(
      <EventRows
        events={[pending, cancelled, untimed]}
        timezone={NY}
        selected={new Set()}
        onSelect={onSelect}
        dimmed={false}
      />,
    );
    expect((screen.getByLabelText("Select Cancelled one") as HTMLInputElement).disabled).toBe(true);
    expect(screen.getAllByText("Thu, Jan 15, 9:00 AM")).toHaveLength(2);
    expect(screen.getByText("When (EST)")).toBeTruthy();
    expect(screen.getByText("Not scheduled")).toBeTruthy();
    expect(screen.getAllByText("Sam Customer · +1 512 555 0123")).toHaveLength(2);
    expect(screen.getByText("Sam Customer")).toBeTruthy();
    expect(screen.getByRole("link", { name: "Pending one" }).getAttribute("href")).toBe(`/events/${pending.id}`);
    fireEvent.click(screen.getByLabelText("Select Untimed one"));
    expect(onSelect).toHaveBeenCalledWith([untimed.id], true);
  });
});
