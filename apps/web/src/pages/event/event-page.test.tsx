// The test machine's clock is set far from the business's: shown in the machine's timezone,
// 14:00 UTC would read 11 PM, not 9 AM. (Set before anything reads a date.)
process.env.TZ = "Asia/Tokyo";

import { useQuery } from "@tanstack/react-query";
import { act, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { http } from "msw";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { ValueBadge } from "../../components/badge";
import { useToasts } from "../../lib/toast";
import { queryClient, trpc } from "../../lib/trpc";
import { mutationInput, renderWithApp, resetApp, trpcError, trpcResult } from "../../testing/render";
import { EventWhen } from "../event";
import { EventEditForm } from "./edit-form";
import type { EventDetail } from "./event-form";
import { EVENT_ID, sampleEvent } from "./fixtures";
import { StatusActions } from "./status-actions";

const NY = "America/New_York";

/** What the server holds: queries for the event answer with it. */
let stored: EventDetail = sampleEvent();
const requests: { path: string; input: unknown }[] = [];

const server = setupServer(
  http.get("*/trpc/events.byId", () => trpcResult(stored)),
  http.get("*/trpc/*", () => trpcResult(null)),
);

beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterEach(() => {
  resetApp();
  server.resetHandlers();
  requests.length = 0;
  stored = sampleEvent();
});
afterAll(() => server.close());

/** Whether a toast showed: the form's server errors are shown in place instead. */
function ToastCount() {
  return <output data-testid="toast-count">{useToasts().length}</output>;
}

/** `ui` in the app's query client and a router, once the router has rendered it. */
async function renderWithQueries(ui: React.ReactNode) {
  renderWithApp(() => (
    <>
      {ui}
      <ToastCount />
    </>
  ));
  await screen.findByTestId("toast-count");
}

describe("times in the business's timezone", () => {
  it("shows an event at 14:00 UTC as 9:00 AM EST for America/New_York, whatever the machine's timezone", () => {
    const at = new Date("2026-01-15T14:00:00Z");
    expect(at.getHours()).toBe(23); // the machine really is in Tokyo
    render(<EventWhen at={at} timezone={NY} />);
    expect(screen.getByText("Thu, Jan 15, 9:00 AM EST")).toBeTruthy();
  });

  it("edits that time as 9:00 on the business's clock, naming the zone as it is on that date", async () => {
    await renderWithQueries(
      <EventEditForm event={sampleEvent()} timezone={NY} eventTypes={["service_call"]} terminology={null} />,
    );
    expect((screen.getByLabelText("Date") as HTMLInputElement).value).toBe("2026-01-15");
    expect((screen.getByLabelText("Time") as HTMLInputElement).value).toBe("09:00");
    expect(screen.getByText("America/New York (EST)")).toBeTruthy();
    fireEvent.change(screen.getByLabelText("Date"), { target: { value: "2026-07-15" } });
    expect(screen.getByText("America/New York (EDT)")).toBeTruthy();
  });
});

describe("EventEditForm", () => {
  const renderForm = (event = sampleEvent()) =>
    renderWithQueries(
      <EventEditForm
        event={event}
        timezone={NY}
        eventTypes={["service_call", "quote"]}
        terminology={{ service_call: "Job" }}
      />,
    );
  const field = (label: string) => screen.getByLabelText(label) as HTMLInputElement;
  const errorOf = (label: string) => {
    const id = field(label).getAttribute("aria-describedby");
    return id ? document.getElementById(id)?.textContent : null;
  };

  it("offers the industry's event types in its own words", async () => {
    await renderForm(sampleEvent({ eventType: "demo" }));
    const options = within(screen.getByLabelText("Type")).getAllByRole("option");
    expect(options.map((option) => option.textContent)).toEqual(["Job", "Quote", "Demo"]);
  });

  it("refuses an empty title and a blank duration under their fields, without asking the server", async () => {
    server.use(
      http.post("*/trpc/events.update", () => {
        requests.push({ path: "events.update", input: null });
        return trpcResult(stored);
      }),
    );
    await renderForm();
    fireEvent.change(field("Title"), { target: { value: "  " } });
    fireEvent.change(field("Duration (minutes)"), { target: { value: "" } });
    fireEvent.click(screen.getByText("Save changes"));
    expect(errorOf("Title")).toBe("title is required");
    expect(errorOf("Duration (minutes)")).toBe("Enter whole minutes, e.g. 60");
    expect(field("Title").getAttribute("aria-invalid")).toBe("true");
    expect(requests).toEqual([]);
  });

  it("sends only what changed: the phone in international form, the time as the instant New York means", async () => {
    server.use(
      http.post("*/trpc/events.update", async ({ request }) => {
        const input = await mutationInput(request);
        requests.push({ path: "events.update", input });
        stored = { ...stored, customerPhone: "+12125550199", proposedDatetime: new Date("2026-03-08T13:00:00Z") };
        return trpcResult(stored);
      }),
    );
    await renderForm();
    fireEvent.change(field("Customer phone"), { target: { value: "(212) 555-0199" } });
    // The day clocks spring forward: 9:00 that morning is already EDT (UTC-4).
    fireEvent.change(field("Date"), { target: { value: "2026-03-08" } });
    fireEvent.click(screen.getByText("Save changes"));
    await screen.findByText("Changes saved");
    expect(requests).toEqual([
      {
        path: "events.update",
        input: { id: EVENT_ID, customerPhone: "+12125550199", proposedDatetime: new Date("2026-03-08T13:00:00Z") },
      },
    ]);
  });

  it("shows the server's refusal under the field it names, with no toast", async () => {
    server.use(
      http.post("*/trpc/events.update", () =>
        trpcError("BAD_REQUEST", "Invalid input: customerEmail", { customerEmail: ["is not accepted by the server"] }),
      ),
    );
    await renderForm();
    fireEvent.change(field("Customer email"), { target: { value: "sam@example.test" } });
    fireEvent.click(screen.getByText("Save changes"));
    await waitFor(() => expect(errorOf("Customer email")).toBe("is not accepted by the server"));
    expect(screen.getByText("Not saved: check the fields marked in red.")).toBeTruthy();
    expect(screen.getByTestId("toast-count").textContent).toBe("0");
  });
});

/** The status badge as the page shows it, from the cached event, beside the actions. */
function EventStatus() {
  const { data } = useQuery(trpc.events.byId.queryOptions({ id: EVENT_ID }));
  if (!data) return null;
  return (
    <>
      <div data-testid="badge">
        <ValueBadge value={data.status} />
      </div>
      <div data-testid="when">
        <EventWhen at={data.confirmedDatetime ?? data.proposedDatetime} timezone={NY} />
      </div>
      <StatusActions event={data} timezone={NY} />
    </>
  );
}

describe("StatusActions", () => {
  const badge = () => screen.getByTestId("badge").textContent;

  async function renderActions(event: EventDetail) {
    stored = event;
    queryClient.setQueryData(trpc.events.byId.queryKey({ id: EVENT_ID }), event);
    await renderWithQueries(<EventStatus />);
  }

  it("shows a confirmation at once, and puts the status back with the server's message when it refuses", async () => {
    let answer: () => void = () => {};
    const answered = new Promise<void>((resolve) => {
      answer = resolve;
    });
    // The refetch after the failure is held back, so only the rollback can restore the badge.
    let refetched: () => void = () => {};
    const refetchAnswered = new Promise<void>((resolve) => {
      refetched = resolve;
    });
    server.use(
      http.post("*/trpc/events.confirm", async () => {
        await answered;
        return trpcError("CONFLICT", "This event changed meanwhile; reload it and try again");
      }),
      http.get("*/trpc/events.byId", async () => {
        await refetchAnswered;
        return trpcResult(stored);
      }),
    );
    await renderActions(sampleEvent());
    expect(badge()).toBe("Pending");
    fireEvent.click(screen.getByText("Confirm"));
    await waitFor(() => expect(badge()).toBe("Confirmed"));
    await act(async () => answer());
    await waitFor(() => expect(badge()).toBe("Pending"));
    expect(await screen.findByText("This event changed meanwhile; reload it and try again")).toBeTruthy();
    await act(async () => refetched());
  });

  it("reschedules to a time typed on the business's clock, showing it before the server answers", async () => {
    let answer: () => void = () => {};
    const answered = new Promise<void>((resolve) => {
      answer = resolve;
    });
    server.use(
      http.post("*/trpc/events.reschedule", async ({ request }) => {
        const input = (await mutationInput(request)) as { id: string; datetime: Date };
        requests.push({ path: "events.reschedule", input });
        await answered;
        stored = { ...stored, confirmedDatetime: input.datetime };
        return trpcResult(stored);
      }),
    );
    await renderActions(sampleEvent({ status: "confirmed", confirmedDatetime: new Date("2026-01-15T14:00:00Z") }));
    fireEvent.click(screen.getByText("Reschedule"));
    fireEvent.change(screen.getByLabelText("Date"), { target: { value: "2026-01-16" } });
    fireEvent.change(screen.getByLabelText("Time"), { target: { value: "13:30" } });
    fireEvent.click(screen.getByText("Move the event"));
    await waitFor(() => expect(screen.getByTestId("when").textContent).toBe("Fri, Jan 16, 1:30 PM EST"));
    expect(badge()).toBe("Confirmed");
    await act(async () => answer());
    expect(requests).toEqual([
      { path: "events.reschedule", input: { id: EVENT_ID, datetime: new Date("2026-01-16T18:30:00Z") } },
    ]);
    await waitFor(() => expect(screen.getByTestId("when").textContent).toBe("Fri, Jan 16, 1:30 PM EST"));
  });

  it("asks for a time before confirming an event that has none", async () => {
    server.use(
      http.post("*/trpc/events.confirm", async ({ request }) => {
        const input = (await mutationInput(request)) as { id: string; confirmedDatetime: Date };
        requests.push({ path: "events.confirm", input });
        stored = { ...stored, status: "confirmed", confirmedDatetime: input.confirmedDatetime };
        return trpcResult(stored);
      }),
    );
    await renderActions(sampleEvent({ proposedDatetime: null }));
    fireEvent.click(screen.getByText("Confirm", { selector: "button[type=button]" }));
    fireEvent.click(screen.getByText("Confirm", { selector: "button[type=submit]" }));
    expect(screen.getByText("Pick a date and a time")).toBeTruthy();
    fireEvent.change(screen.getByLabelText("Date"), { target: { value: "2026-01-20" } });
    fireEvent.change(screen.getByLabelText("Time"), { target: { value: "08:00" } });
    fireEvent.click(screen.getByText("Confirm", { selector: "button[type=submit]" }));
    await waitFor(() => expect(badge()).toBe("Confirmed"));
    expect(requests).toEqual([
      { path: "events.confirm", input: { id: EVENT_ID, confirmedDatetime: new Date("2026-01-20T13:00:00Z") } },
    ]);
  });
});
