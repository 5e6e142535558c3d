import { fireEvent, screen, waitFor } from "@testing-library/react";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { renderWithApp, resetApp, TrpcFailure, trpcApi } from "../../testing/render";
import { NeedsAttention } from "./attention";

const NY = "America/New_York";
const EVENT_ID = "7c1e2d3f-4a5b-4c6d-8e7f-901a2b3c4d5e";
const FAILED_CALL = "5b0f8f9e-2f1c-4c55-9d2a-0c1e6f1d8a01";

const waitingEvent = {
  id: EVENT_ID,
  callId: null,
  title: "Water heater repair",
  eventType: "service_call",
  status: "extracted",
  proposedDatetime: new Date("2026-01-15T14:00:00Z"),
  confirmedDatetime: null,
  durationMinutes: 90,
  location: null,
  locationType: "address",
  customerName: "Mark Ellison",
  customerPhone: null,
  priceEstimate: null,
  currency: "USD",
  urgencyLevel: "high",
  followUpRequired: false,
  createdAt: new Date("2026-01-14T19:30:00Z"),
};

const failedCall = {
  id: FAILED_CALL,
  callerNumber: "+15125550148",
  callerName: null,
  callStatus: "completed",
  callDirection: "inbound",
  callDuration: 40,
  aiProcessingStatus: "failed",
  mainTopic: null,
  callSummary: "Processing failed: no transcript after 10 minutes",
  urgencyLevel: null,
  createdAt: new Date("2026-01-14T19:30:00Z"),
  eventCount: 0,
};

/** What the server holds: the lists answer from it, a successful confirm changes it. */
let waiting = [waitingEvent];
/** The confirm's answer, given by the test once it has seen the page before it. */
let answerConfirm: (answer: () => unknown) => void = () => {};
/** While set, list requests wait for it: what the page shows then is its own doing. */
let listsGate: Promise<void> | null = null;
let openLists = () => {};

async function page<T>(items: T[]) {
  if (listsGate) await listsGate;
  return { items, nextCursor: null };
}

const server = setupServer(
  ...trpcApi({
    "calls.list": (input: { aiProcessingStatus?: string[] }) => page(input.aiProcessingStatus ? [failedCall] : []),
    "events.list": () => page(waiting),
    "events.confirm": () =>
      new Promise((resolve) => (answerConfirm = (answer) => resolve(Promise.resolve().then(answer)))),
  }),
);

beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterEach(() => {
  openLists();
  listsGate = null;
  resetApp();
  waiting = [waitingEvent];
});
afterAll(() => server.close());

const renderAttention = () => renderWithApp(() => <NeedsAttention today="2026-01-14" timezone={NY} />);
const confirmButton = () => screen.queryByRole("button", { name: "Confirm Water heater repair" });

describe("needs attention", () => {
  it("lists failed calls with the reason and a way to run them again, and hides empty kinds", async () => {
    renderAttention();
    const link = await screen.findByRole("link", { name: /Open to run again/ });
    expect(link.closest("section")?.getAttribute("aria-label")).toBe("Processing failed");
    expect(link.getAttribute("href")).toBe(`/calls/${FAILED_CALL}`);
    expect(link.textContent).toBe(
      "+1 512 555 0148 · Wed, Jan 14, 2:30 PMProcessing failed: no transcript after 10 minutesOpen to run again",
    );
    expect(screen.queryByRole("region", { name: /Urgent calls/ })).toBeNull();
  });

  it("takes a confirmed event off the list at once and keeps it off when the server agrees", async () => {
    renderAttention();
    fireEvent.click(await screen.findByRole("button", { name: "Confirm Water heater repair" }));
    await waitFor(() => expect(confirmButton()).toBeNull());

    waiting = [];
    answerConfirm(() => ({ ...waitingEvent, status: "confirmed" }));
    await screen.findByText("Confirmed: Water heater repair");
    expect(confirmButton()).toBeNull();
  });

  it("puts the event back, with the server's reason, when the confirm is refused", async () => {
    renderAttention();
    fireEvent.click(await screen.findByRole("button", { name: "Confirm Water heater repair" }));
    await waitFor(() => expect(confirmButton()).toBeNull());

    // The refetch after the failure hangs: the event can only come back from the rollback.
    listsGate = new Promise((resolve) => (openLists = resolve));
    answerConfirm(() => {
      throw new TrpcFailure("CONFLICT", "This event is already cancelled");
    });
    await waitFor(() => expect(confirmButton()).not.toBeNull());
    await screen.findByText("This event is already cancelled");
  });
});
