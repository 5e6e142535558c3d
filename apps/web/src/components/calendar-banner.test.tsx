import { useQuery } from "@tanstack/react-query";
import { screen } from "@testing-library/react";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { trpc } from "../lib/trpc";
import type { CalendarConnection } from "../pages/settings/calendars-tab";
import { connectedCalendar, connection } from "../testing/calendars";
import { renderWithApp, resetApp, trpcApi } from "../testing/render";
import { CalendarReconnectBanner } from "./calendar-banner";

let connections: CalendarConnection[] = [];
const server = setupServer(...trpcApi({ "calendars.list": () => connections }));

beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterEach(resetApp);
afterAll(() => server.close());

/** Says when the connections have arrived: the banner renders with the same answer. */
function Arrived() {
  const { data } = useQuery(trpc.calendars.list.queryOptions());
  return data ? <p>{data.length} connections</p> : null;
}

function renderBanner() {
  renderWithApp(() => (
    <>
      <CalendarReconnectBanner />
      <Arrived />
    </>
  ));
}

describe("CalendarReconnectBanner", () => {
  it("asks the owner to reconnect a connection that died, linking to the calendar settings", async () => {
    connections = [
      connectedCalendar("google", { active: false, needsReconnect: true, lastError: "access revoked" }),
      connection("outlook"),
    ];
    renderBanner();
    const banner = await screen.findByRole("alert");
    expect(banner.textContent).toBe(
      "Google Calendar disconnected: confirmed events are not reaching your calendar.Reconnect",
    );
    expect(screen.getByRole("link", { name: "Reconnect" }).getAttribute("href")).toBe("/settings?tab=calendars");
  });

  it("stays away while every connection works, or was only switched off for the other provider", async () => {
    connections = [connectedCalendar("google"), connectedCalendar("outlook", { active: false })];
    renderBanner();
    await screen.findByText("2 connections");
    expect(screen.queryByRole("alert")).toBeNull();
  });
});
