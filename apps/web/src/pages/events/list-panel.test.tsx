import { fireEvent, screen, waitFor } from "@testing-library/react";
import { HttpResponse, http } from "msw";
import { setupServer } from "msw/node";
import superjson from "superjson";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { renderWithApp, resetApp, trpcResult } from "../../testing/render";
import { ListPanel } from "../events";
import type { EventRow } from "./list";
import type { EventsSearch } from "./search";

/** Queries by path; the client batches several into one GET (`/trpc/profile.get,events.list`). */
const QUERIES: Record<string, (input: Record<string, unknown>) => unknown> = {
  "profile.get": () => ({ timezone: "America/New_York" }),
  "events.list": (input) => {
    listInputs.push(input);
    // Two a page; the cursor is the index to go on from.
    const start = input.cursor ? Number(input.cursor) : 0;
    const items = events.slice(start, start + 2);
    return { items, nextCursor: start + 2 < events.length ? String(start + 2) : null };
  },
};

function row(n: number, status: EventRow["status"] = "pending"): EventRow {
  return {
    id: `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`,
    callId: null,
    title: `Job ${n}`,
    eventType: "service_call",
    status,
    proposedDatetime: new Date(`2026-01-${String(10 + n).padStart(2, "0")}T14:00:00Z`),
    confirmedDatetime: null,
    durationMinutes: 60,
    location: null,
    locationType: "tbd",
    customerName: null,
    customerPhone: null,
    priceEstimate: null,
    currency: "USD",
    urgencyLevel: "medium",
    followUpRequired: false,
    createdAt: new Date("2026-01-01T00:00:00Z"),
  };
}

/** The server's events, and what the page asked of it. */
let events: EventRow[] = [];
const listInputs: Record<string, unknown>[] = [];
const bulkInputs: unknown[] = [];

const server = setupServer(
  http.get("*/trpc/:paths", ({ request, params }) => {
    const batch = JSON.parse(new URL(request.url).searchParams.get("input") ?? "{}");
    return HttpResponse.json(
      String(params.paths)
        .split(",")
        .map((path, i) => {
          const input = (superjson.deserialize(batch[i]) ?? {}) as Record<string, unknown>;
          return { result: { data: superjson.serialize(QUERIES[path]?.(input)) } };
        }),
    );
  }),
  http.post("*/trpc/events.bulkConfirm", async ({ request }) => {
    const body = (await request.json()) as Record<string, { json: { ids: string[] } }>;
    const ids = body["0"]?.json.ids ?? [];
    bulkInputs.push(ids);
    events = events.map((event) => (ids.includes(event.id) ? { ...event, status: "confirmed" } : event));
    return trpcResult({ confirmed: ids, skipped: [] });
  }),
);

beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterEach(() => {
  resetApp();
  listInputs.length = 0;
  bulkInputs.length = 0;
});
afterAll(() => server.close());

async function renderPanel(search: EventsSearch) {
  renderWithApp(() => <ListPanel search={search} update={() => {}} />);
  await screen.findByRole("region", { name: "Events" });
}

describe("the events list", () => {
  it("loads page after page, and confirms the ticked events at once", async () => {
    events = [row(1), row(2), row(3), row(4, "cancelled")];
    await renderPanel({ status: "pending" });
    await screen.findByText("Job 1");
    expect(screen.queryByText("Job 3")).toBeNull();
    expect(listInputs[0]).toMatchObject({ status: ["pending"], sort: "recent", limit: 25 });

    fireEvent.click(screen.getByText("Load more"));
    await screen.findByText("Job 4");
    expect(screen.queryByText("Load more")).toBeNull();
    expect((screen.getByLabelText("Select Job 4") as HTMLInputElement).disabled).toBe(true);

    fireEvent.click(screen.getByLabelText("Select every event shown that can be confirmed"));
    expect(screen.getByText("3 events selected")).toBeTruthy();
    fireEvent.click(screen.getByLabelText("Select Job 2"));
    expect(screen.getByText("2 events selected")).toBeTruthy();
    fireEvent.click(screen.getByText("Confirm 2"));
    await screen.findByText("Confirmed 2 events");
    expect(bulkInputs).toEqual([[row(1).id, row(3).id]]);
    // The list is asked again, and shows what the server now holds.
    await waitFor(() => expect(screen.getAllByText("Confirmed")).toHaveLength(2));
    expect(screen.getByText("Tick events to confirm several at once.")).toBeTruthy();
  });

  it("says what to do when there are no events yet", async () => {
    events = [];
    await renderPanel({});
    expect(await screen.findByText("No events yet")).toBeTruthy();
    expect(screen.getByRole("link", { name: "Go to calls" }).getAttribute("href")).toBe("/calls");
  });
});
