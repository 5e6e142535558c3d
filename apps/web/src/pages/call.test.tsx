// The machine's clock is far from the business's: times must still read in New York's.
process.env.TZ = "Asia/Tokyo";

import { useQuery } from "@tanstack/react-query";
import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { HttpResponse, http } from "msw";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { trpc } from "../lib/trpc";
import { mutationInput, renderWithApp, resetApp, trpcError, trpcResult } from "../testing/render";
import { type CallDetail, CallView } from "./call";

const NY = "America/New_York";
const CALL_ID = "5b0f8f9e-2f1c-4c55-9d2a-0c1e6f1d8a01";
const TIMED_EVENT = "7c1e2d3f-4a5b-4c6d-8e7f-901a2b3c4d5e";
const UNTIMED_EVENT = "7c1e2d3f-4a5b-4c6d-8e7f-901a2b3c4d5f";

function sampleCall(overrides: Partial<CallDetail> = {}): CallDetail {
  return {
    id: CALL_ID,
    phoneNumberId: null,
    callerNumber: "+15125550148",
    callerName: "Mark Ellison",
    callStatus: "completed",
    callDirection: "inbound",
    callDuration: 95,
    recordingUrl: null,
    transcriptionText:
      "Business: Rivera Plumbing, this is Dana.\nCaller: My water heater is leaking.\nIt is in the garage.",
    transcriptionConfidence: 0.93,
    aiProcessingStatus: "completed",
    mainTopic: "Leaking water heater",
    callSummary: "The water heater leaks; a technician comes tomorrow at 9.",
    sentimentAnalysis: { label: "negative", score: -0.4 },
    urgencyLevel: "high",
    createdAt: new Date("2026-01-14T19:30:00Z"),
    updatedAt: new Date("2026-01-14T19:31:00Z"),
    processedAt: new Date("2026-01-14T19:31:00Z"),
    emailSentAt: null,
    events: [
      {
        id: TIMED_EVENT,
        title: "Water heater repair",
        eventType: "service_call",
        status: "extracted",
        proposedDatetime: new Date("2026-01-15T14:00:00Z"),
        confirmedDatetime: null,
        durationMinutes: 90,
        location: "418 Birch Lane",
        customerName: "Mark Ellison",
        urgencyLevel: "high",
        aiConfidence: 0.85,
      },
      {
        id: UNTIMED_EVENT,
        title: "Send the quote",
        eventType: "quote",
        status: "pending",
        proposedDatetime: null,
        confirmedDatetime: null,
        durationMinutes: null,
        location: null,
        customerName: null,
        urgencyLevel: "low",
        aiConfidence: 0.4,
      },
    ],
    ...overrides,
  };
}

let stored = sampleCall();
const server = setupServer(http.get("*/trpc/calls.byId", () => trpcResult(stored)));
beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterEach(() => {
  resetApp();
  server.resetHandlers();
  stored = sampleCall();
});
afterAll(() => server.close());

/** The call as the page shows it: read through `calls.byId`. */
function renderCall() {
  renderWithApp(() => {
    const call = useQuery(trpc.calls.byId.queryOptions({ id: CALL_ID }));
    return call.data ? <CallView call={call.data} timezone={NY} /> : null;
  });
}

const eventRow = (title: string) => screen.getByRole("link", { name: title }).closest("li") as HTMLElement;

describe("the call page", () => {
  it("shows the transcript as speaker turns, the analysis and the events with their confidence", async () => {
    renderCall();
    expect(await screen.findByRole("heading", { name: "Mark Ellison: Leaking water heater" })).toBeTruthy();
    expect(screen.getByText("Wed, Jan 14, 2:30 PM EST · 1 min 35 s")).toBeTruthy();
    const turns = within(screen.getByRole("list", { name: "Transcript" })).getAllByRole("listitem");
    expect(turns.map((turn) => turn.textContent)).toEqual([
      "BusinessRivera Plumbing, this is Dana.",
      "CallerMy water heater is leaking. It is in the garage.",
    ]);
    expect(screen.getByText("Negative")).toBeTruthy();
    expect(screen.getByText("(-0.4)")).toBeTruthy();
    expect(within(eventRow("Water heater repair")).getByText("85% confidence")).toBeTruthy();
    expect(
      within(eventRow("Water heater repair")).getByText("Service call · Thu, Jan 15, 9:00 AM EST · 90 min"),
    ).toBeTruthy();
    expect(screen.getByRole("link", { name: "Water heater repair" }).getAttribute("href")).toBe(
      `/events/${TIMED_EVENT}`,
    );
    // Confirming needs a time, which this event lacks: its page sets one.
    const untimed = within(eventRow("Send the quote"));
    expect(untimed.queryByRole("button", { name: "Confirm" })).toBeNull();
    expect(untimed.getByRole("link", { name: "Set a time" }).getAttribute("href")).toBe(`/events/${UNTIMED_EVENT}`);
    expect(untimed.getByText("Quote · No time yet")).toBeTruthy();
    expect(screen.getByText("No recording for this call.")).toBeTruthy();
    expect(screen.queryByLabelText("Call recording")).toBeNull();
  });

  it("shows an event confirmed at once, and puts it back with the server's reason when refused", async () => {
    let release = () => {};
    const answered = new Promise<void>((resolve) => {
      release = resolve;
    });
    let confirmInput: unknown;
    server.use(
      http.post("*/trpc/events.confirm", async ({ request }) => {
        confirmInput = await mutationInput(request);
        await answered;
        return trpcError("CONFLICT", "A cancelled event cannot be confirmed");
      }),
    );
    renderCall();
    await screen.findByRole("link", { name: "Water heater repair" });
    // From now on the call's refetch hangs: what shows after the refusal is the page's own rollback.
    let refetched = () => {};
    const refetchAnswered = new Promise<void>((resolve) => {
      refetched = resolve;
    });
    server.use(
      http.get("*/trpc/calls.byId", async () => {
        await refetchAnswered;
        return trpcResult(stored);
      }),
    );
    const row = () => within(eventRow("Water heater repair"));
    fireEvent.click(row().getByRole("button", { name: "Confirm" }));
    expect(await row().findByText("Confirmed")).toBeTruthy();
    expect(row().queryByText("Extracted")).toBeNull();
    release();
    expect(await screen.findByText("A cancelled event cannot be confirmed")).toBeTruthy();
    await waitFor(() => expect(row().getByText("Extracted")).toBeTruthy());
    expect(row().queryByText("Confirmed")).toBeNull();
    expect(confirmInput).toEqual({ id: TIMED_EVENT });
    refetched();
  });

  it("keeps the confirmation the server accepted", async () => {
    server.use(
      http.post("*/trpc/events.confirm", () => {
        const [event] = stored.events;
        stored = sampleCall({ events: stored.events.map((e) => (e === event ? { ...e, status: "confirmed" } : e)) });
        return trpcResult({ ...event, status: "confirmed" });
      }),
    );
    renderCall();
    await screen.findByRole("link", { name: "Water heater repair" });
    fireEvent.click(within(eventRow("Water heater repair")).getByRole("button", { name: "Confirm" }));
    expect(await screen.findByText("Confirmed “Water heater repair”")).toBeTruthy();
    await waitFor(() => expect(within(eventRow("Water heater repair")).queryByRole("button")).toBeNull());
    expect(within(eventRow("Water heater repair")).getByText("Confirmed")).toBeTruthy();
  });

  it("says why processing failed and runs the call again", async () => {
    stored = sampleCall({
      aiProcessingStatus: "failed",
      callSummary: "Processing failed: Twilio sent no transcript of the recording",
      mainTopic: null,
      events: [],
      recordingUrl: "https://api.twilio.com/2010-04-01/Accounts/AC1/Recordings/RE1",
    });
    let reprocessInput: unknown;
    server.use(
      http.post("*/trpc/calls.reprocess", async ({ request }) => {
        reprocessInput = await mutationInput(request);
        stored = { ...stored, aiProcessingStatus: "pending", callSummary: null };
        return trpcResult({ id: CALL_ID, aiProcessingStatus: "pending", callSummary: null });
      }),
    );
    renderCall();
    const alert = await screen.findByRole("alert");
    expect(alert.textContent).toContain("Twilio sent no transcript of the recording");
    expect(alert.textContent).not.toContain("Processing failed:");
    expect(screen.getByText("No summary: processing failed.")).toBeTruthy();
    fireEvent.click(within(alert).getByRole("button", { name: "Run again" }));
    expect(await screen.findByText("Waiting to be processed")).toBeTruthy();
    expect(reprocessInput).toEqual({ id: CALL_ID });
  });
});

describe("the call's recording", () => {
  const RECORDING_URL = "https://api.twilio.com/2010-04-01/Accounts/AC1/Recordings/RE1";

  /** The page's player, once the call has loaded. */
  async function player() {
    stored = sampleCall({ recordingUrl: RECORDING_URL });
    renderCall();
    return (await screen.findByLabelText("Call recording")) as HTMLAudioElement;
  }

  it("plays through the API (never Twilio's address), loading nothing until asked", async () => {
    const audio = await player();
    expect(audio.tagName).toBe("AUDIO");
    expect(audio.getAttribute("src")).toBe(`/api/calls/${CALL_ID}/recording`);
    expect(audio.getAttribute("preload")).toBe("none");
    expect(audio.hasAttribute("controls")).toBe(true);
    expect(document.body.innerHTML).not.toContain("api.twilio.com");
    expect(screen.getByText("1 min 35 s · kept in your Twilio account")).toBeTruthy();
  });

  it("when the player cannot load it, says why in the API's words", async () => {
    let asked: { path: string; range: string | null } | undefined;
    server.use(
      http.get("*/api/calls/:id/recording", ({ request }) => {
        asked = { path: new URL(request.url).pathname, range: request.headers.get("range") };
        return HttpResponse.json(
          { error: "Recordings of simulated calls cannot be played: no audio was recorded" },
          { status: 404 },
        );
      }),
    );
    fireEvent.error(await player());
    expect((await screen.findByRole("status")).textContent).toBe(
      "Recordings of simulated calls cannot be played: no audio was recorded.",
    );
    expect(screen.queryByLabelText("Call recording")).toBeNull();
    expect(asked).toEqual({ path: `/api/calls/${CALL_ID}/recording`, range: "bytes=0-0" });
  });

  it("falls back to a general message when the API gives no reason", async () => {
    server.use(http.get("*/api/calls/:id/recording", () => HttpResponse.error()));
    fireEvent.error(await player());
    expect((await screen.findByRole("status")).textContent).toBe("The recording could not be loaded. Try again later.");
  });
});
