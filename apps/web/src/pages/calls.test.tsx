// The whole app (router, shell, lazy page) on the Calls page, msw answering as the API would.
import { act, configure, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { HttpResponse, http } from "msw";
import { setupServer } from "msw/node";
import superjson from "superjson";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { App } from "../app";
import { CALL_PLACED_MESSAGE } from "../components/simulate-call-dialog";
import { router } from "../router";
import { PROFILE, USER } from "../testing/owner";
import { resetApp, trpcApi } from "../testing/render";

// The whole app renders on each change; on a busy two-core machine that takes over a second.
configure({ asyncUtilTimeout: 5000 });

const NUMBER = { id: "1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d", twilioPhoneNumber: "+15550142", isActive: true };

function callRow(n: number, overrides: Record<string, unknown> = {}) {
  return {
    id: `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`,
    callerNumber: "+15125550148",
    callerName: `Caller ${n}`,
    callStatus: "completed",
    callDirection: "inbound",
    callDuration: 95,
    aiProcessingStatus: "completed",
    mainTopic: `Topic ${n}`,
    callSummary: null,
    urgencyLevel: "high",
    createdAt: new Date(Date.UTC(2026, 0, 14, 19, 30 - n)),
    eventCount: n % 3,
    ...overrides,
  };
}

/** The input of each `calls.list` request, as the page sent it. */
const listInputs: Record<string, unknown>[] = [];
let pages: Record<string, { items: unknown[]; nextCursor: string | null }> = {};
const simulated: unknown[] = [];

const server = setupServer(
  http.get("*/api/auth/get-session", () => HttpResponse.json({ user: USER })),
  ...trpcApi({
    "profile.get": () => PROFILE,
    "phoneNumbers.capabilities": () => ({ simulateCalls: true, buyNumbers: true }),
    "phoneNumbers.list": () => [NUMBER],
    // The shell's calendar banner: no connection to reconnect.
    "calendars.list": () => [],
    "calls.list": (input: Record<string, unknown>) => {
      listInputs.push(input);
      return pages[String(input.cursor ?? "first")] ?? { items: [], nextCursor: null };
    },
    "phoneNumbers.simulateCall": (input: unknown) => {
      simulated.push(input);
      return { callSid: "CA1", recordingSid: "RE1", transcriptionSid: "TR1", ok: true, steps: [] };
    },
  }),
);

/**
 * The browser's EventSource as the live-updates stream uses it: the test opens the connection
 * and sends what the API would send (`live.changes` signals, serialized with superjson).
 */
class FakeEventSource extends EventTarget {
  readonly CONNECTING = 0;
  readonly OPEN = 1;
  readonly CLOSED = 2;
  readyState = 0;
  constructor(readonly url: string) {
    super();
    streams.push(this);
  }
  close() {
    this.readyState = this.CLOSED;
  }
  open() {
    this.readyState = this.OPEN;
    this.dispatchEvent(new MessageEvent("connected", { data: "{}" }));
  }
  /** The connection drops; the browser reconnects by itself. */
  drop() {
    this.readyState = this.CONNECTING;
    this.dispatchEvent(new Event("error"));
  }
  send(signal: unknown) {
    this.dispatchEvent(new MessageEvent("message", { data: JSON.stringify(superjson.serialize(signal)) }));
  }
}
const streams: FakeEventSource[] = [];

beforeAll(() => {
  server.listen({ onUnhandledRequest: "error" });
  globalThis.EventSource = FakeEventSource as unknown as typeof EventSource;
  // jsdom has no modal dialogs: opening one shows it, closing hides it and says so.
  HTMLDialogElement.prototype.showModal = function showModal(this: HTMLDialogElement) {
    this.setAttribute("open", "");
  };
  HTMLDialogElement.prototype.close = function close(this: HTMLDialogElement) {
    this.removeAttribute("open");
    this.dispatchEvent(new Event("close"));
  };
});
afterEach(() => {
  resetApp();
  server.resetHandlers();
  listInputs.length = 0;
  simulated.length = 0;
  pages = {};
  streams.length = 0;
});
afterAll(() => server.close());

async function openCalls(href: string) {
  render(<App />);
  await act(() => router.navigate({ href }));
  return screen.findByRole("heading", { name: "Calls" });
}

describe("the Calls page", () => {
  it("sends the URL's filters to the API, lists the calls and loads more after the cursor", async () => {
    pages = {
      first: {
        items: [callRow(1), callRow(2, { callerName: null, mainTopic: null, aiProcessingStatus: "processing" })],
        nextCursor: "next-1",
      },
      "next-1": { items: [callRow(3)], nextCursor: null },
    };
    await openCalls("/calls?urgency=high,emergency,bogus&q=sink&from=2026-01-01&to=2026-01-31");
    const first = await screen.findByRole("link", { name: /Caller 1/ });
    expect(listInputs[0]).toEqual({
      direction: "forward",
      limit: 25,
      search: "sink",
      urgencyLevel: ["high", "emergency"],
      from: new Date("2026-01-01T05:00:00Z"),
      to: new Date("2026-02-01T05:00:00Z"),
    });
    expect(first.getAttribute("href")).toBe("/calls/00000000-0000-4000-8000-000000000001");
    expect(within(first).getByText("Wed, Jan 14, 2:29 PM")).toBeTruthy();
    expect(within(first).getByText("Topic 1")).toBeTruthy();
    expect(within(first).getByText("1 event")).toBeTruthy();
    // No name: the number stands in for it; not processed yet: says so where the topic goes.
    const second = screen.getByRole("link", { name: /^\+1 512 555 0148/ });
    expect(within(second).getByText("Being processed…")).toBeTruthy();
    expect(within(second).getByText("Processing")).toBeTruthy();

    fireEvent.click(screen.getByRole("button", { name: "Load more" }));
    expect(await screen.findByRole("link", { name: /Caller 3/ })).toBeTruthy();
    expect(listInputs.at(-1)).toMatchObject({ cursor: "next-1", search: "sink" });
    expect(screen.queryByRole("button", { name: "Load more" })).toBeNull();
    expect(screen.getByRole("button", { name: "High", pressed: true })).toBeTruthy();
  });

  it("puts a filter in the URL and asks again", async () => {
    await openCalls("/calls");
    await screen.findByText("No calls yet");
    const processing = within(screen.getByRole("group", { name: "Processing" }));
    fireEvent.click(processing.getByRole("button", { name: "Failed", pressed: false }));
    await waitFor(() => expect(router.state.location.search).toEqual({ processing: "failed" }));
    expect(await screen.findByText("No calls match these filters")).toBeTruthy();
    expect(listInputs.at(-1)).toEqual({ direction: "forward", limit: 25, aiProcessingStatus: ["failed"] });
    fireEvent.click(screen.getByRole("button", { name: "Clear filters" }));
    await waitFor(() => expect(router.state.location.search).toEqual({}));
  });

  it("with no calls yet, says what to do, and simulates one where the server can", async () => {
    await openCalls("/calls");
    expect(await screen.findByText(/Calls to your Flynn number appear here seconds after they end/)).toBeTruthy();
    const empty = screen.getByText("No calls yet").parentElement as HTMLElement;
    fireEvent.click(within(empty).getByRole("button", { name: "Simulate a call" }));
    const transcript = (await screen.findByLabelText("Transcript")) as HTMLTextAreaElement;
    // The business's own industry comes first.
    expect(transcript.value).toContain("Rivera Plumbing");
    fireEvent.change(screen.getByLabelText("Sample call"), { target: { value: "medical" } });
    expect(transcript.value).toContain("Maple Family Clinic");
    // Enabled once the owner's numbers have loaded.
    const place = screen.getByRole("button", { name: "Place the call" }) as HTMLButtonElement;
    await waitFor(() => expect(place.disabled).toBe(false));
    fireEvent.click(place);
    expect(await screen.findByText(CALL_PLACED_MESSAGE)).toBeTruthy();
    expect(simulated).toEqual([{ id: NUMBER.id, transcript: transcript.value }]);
  });

  it("shows a call the worker finishes without a reload, with its events, refetching once per burst", async () => {
    await openCalls("/calls");
    await screen.findByText("No calls yet");
    const stream = await waitFor(() => {
      const opened = streams.at(-1);
      if (!opened) throw new Error("not subscribed yet");
      return opened;
    });
    expect(stream.url).toContain("/trpc/live.changes");
    act(() => stream.open());
    const asked = listInputs.length;

    // The worker finishes the call: the call row changes several times and its events are stored.
    const finished = callRow(7, { eventCount: 2 });
    pages = { first: { items: [finished], nextCursor: null } };
    act(() => {
      for (const op of ["insert", "update", "update", "update", "update"]) {
        stream.send({ table: "calls", id: finished.id, op });
      }
      stream.send({ table: "events", id: "7c1e2d3f-4a5b-4c6d-8e7f-901a2b3c4d5e", op: "insert" });
      stream.send({ table: "events", id: "7c1e2d3f-4a5b-4c6d-8e7f-901a2b3c4d5f", op: "insert" });
    });
    const row = await screen.findByRole("link", { name: /Caller 7/ });
    expect(within(row).getByText("2 events")).toBeTruthy();
    expect(listInputs.length - asked).toBe(1);

    // Changes made while the connection was down are lost: reconnected, the page asks again.
    act(() => {
      stream.drop();
      stream.open();
    });
    await waitFor(() => expect(listInputs.length - asked).toBe(2));
  });
});
