// How a first visit loads: the whole app (router, shell, lazy pages), msw answering as the API
// would, each page's module held back as a slow download would hold it.
import { act, configure, render, screen, waitFor } from "@testing-library/react";
import { HttpResponse, http } from "msw";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { App } from "./app";
import { router } from "./router";
import { PROFILE, USER } from "./testing/owner";
import { QuietEventSource } from "./testing/quiet-event-source";
import { resetApp, trpcApi } from "./testing/render";

// The whole app renders on each change; on a busy two-core machine that takes over a second.
configure({ asyncUtilTimeout: 5000 });

/** A page's chunk "downloads" until the test lets it arrive. */
const chunks = vi.hoisted(() => {
  const gates = new Map<string, { arrived: Promise<void>; arrive: () => void }>();
  const gate = (name: string) => {
    let found = gates.get(name);
    if (!found) {
      let arrive = () => {};
      const arrived = new Promise<void>((resolve) => {
        arrive = resolve;
      });
      found = { arrived, arrive };
      gates.set(name, found);
    }
    return found;
  };
  return { gate };
});
vi.mock("./pages/dashboard", async (importOriginal) => {
  await chunks.gate("dashboard").arrived;
  return importOriginal();
});
vi.mock("./pages/calls", async (importOriginal) => {
  await chunks.gate("calls").arrived;
  return importOriginal();
});

const OVERVIEW = {
  timezone: PROFILE.timezone,
  totals: { totalEvents: 4, pendingEvents: 1, confirmedEvents: 2, completedEvents: 1, conversionRate: 75 },
  period: { firstDay: null, lastDay: null, calls: 0, events: 0 },
  daily: [],
};
const EMPTY_PAGE = { items: [], nextCursor: null };

/** What the app asked for, in order: "session", then each tRPC procedure with its input. */
const asked: string[] = [];
/** The session's answer waits for this while set. */
let sessionGate: Promise<void> | null = null;

const ask = (name: string) => (input: unknown) => {
  asked.push(input === undefined ? name : `${name} ${JSON.stringify(input)}`);
};
const server = setupServer(
  http.get("*/api/auth/get-session", async () => {
    asked.push("session");
    if (sessionGate) await sessionGate;
    return HttpResponse.json({ user: USER });
  }),
  ...trpcApi({
    "profile.get": (input: unknown) => {
      ask("profile.get")(input);
      return PROFILE;
    },
    "phoneNumbers.capabilities": () => ({ simulateCalls: false, buyNumbers: false }),
    // The shell's calendar banner: no connection to reconnect.
    "calendars.list": () => [],
    "stats.overview": (input: unknown) => {
      ask("stats.overview")(input);
      return OVERVIEW;
    },
    "calls.list": (input: unknown) => {
      ask("calls.list")(input);
      return EMPTY_PAGE;
    },
    "events.list": (input: unknown) => {
      ask("events.list")(input);
      return EMPTY_PAGE;
    },
  }),
);

beforeAll(() => {
  server.listen({ onUnhandledRequest: "error" });
  globalThis.EventSource = QuietEventSource as unknown as typeof EventSource;
});
afterEach(() => {
  resetApp();
  asked.length = 0;
  sessionGate = null;
});
afterAll(() => server.close());

const dataRequests = () => asked.filter((request) => /^(stats|calls|events)\./.test(request));

describe("a first visit", () => {
  it("asks for the session and the profile at once, and the dashboard's data while its chunk downloads", async () => {
    let releaseSession = () => {};
    sessionGate = new Promise((resolve) => {
      releaseSession = resolve;
    });
    render(<App />);
    // The profile is asked for while the session's answer is still on its way.
    await waitFor(() => expect(asked).toEqual(["session", "profile.get"]));
    releaseSession();

    // The page's chunk has not arrived, yet every query it starts with has been asked for.
    await waitFor(() => expect(dataRequests()).toHaveLength(6));
    expect(screen.queryByRole("heading", { name: "Dashboard" })).toBeNull();
    const prefetched = dataRequests();
    expect(prefetched).toEqual(
      expect.arrayContaining([
        'stats.overview {"days":30}',
        'calls.list {"limit":1}',
        'calls.list {"aiProcessingStatus":["failed"],"limit":5}',
        expect.stringMatching(/^calls\.list \{"urgencyLevel":\["high","emergency"\],"from":/),
        'events.list {"status":["extracted","pending"],"sort":"upcoming","limit":5}',
        expect.stringMatching(/^events\.list \{"status":\["confirmed"\],"sort":"upcoming","from":/),
      ]),
    );

    // The page arrives and finds them: the figures show, and nothing is asked for again.
    act(() => chunks.gate("dashboard").arrive());
    await screen.findByRole("heading", { name: "Dashboard" });
    expect(await screen.findByText("75%")).toBeTruthy();
    expect(await screen.findByText("No calls yet — forward your phone or simulate a call")).toBeTruthy();
    expect(dataRequests()).toEqual(prefetched);
  });

  it("asks for the Calls page's list, with the URL's filters, while the page's chunk downloads", async () => {
    render(<App />);
    // Not awaited: the navigation ends only once the page's chunk has arrived.
    act(() => {
      void router.navigate({ href: "/calls?urgency=high&q=sink" });
    });
    const input = '{"search":"sink","urgencyLevel":["high"],"limit":25,"direction":"forward"}';
    await waitFor(() => expect(dataRequests()).toContain(`calls.list ${input}`));
    expect(screen.queryByRole("heading", { name: "Calls" })).toBeNull();

    act(() => chunks.gate("calls").arrive());
    await screen.findByRole("heading", { name: "Calls" });
    expect(await screen.findByText("No calls match these filters")).toBeTruthy();
    // The dashboard asks for a call or two as well; the page's own list (25 a page) only once.
    expect(dataRequests().filter((request) => request.includes('"limit":25'))).toEqual([`calls.list ${input}`]);
  });
});
