import { fireEvent, screen, waitFor } from "@testing-library/react";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { SAMPLE_CALLS } from "../lib/samples";
import { queryClient, trpc } from "../lib/trpc";
import { renderWithApp, resetApp, TrpcFailure, trpcApi } from "../testing/render";
import { SimulateCallButton } from "./simulate-call-button";
import { SimulateCallForm } from "./simulate-call-dialog";

const ACTIVE = { id: "1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d", twilioPhoneNumber: "+15550142", isActive: true };
const SECOND = { id: "1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5e", twilioPhoneNumber: "+15550177", isActive: true };
const INACTIVE = { ...ACTIVE, id: "1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5f", isActive: false };

let simulateCalls = true;
let numbers = [INACTIVE, ACTIVE, SECOND];
const simulated: unknown[] = [];

const server = setupServer(
  ...trpcApi({
    "profile.get": () => ({ industryType: "legal", timezone: "America/New_York" }),
    "phoneNumbers.capabilities": () => ({ simulateCalls, buyNumbers: true }),
    "phoneNumbers.list": () => numbers,
    "phoneNumbers.simulateCall": (input: { transcript: string }) => {
      simulated.push(input);
      if (input.transcript === "Caller: hi") {
        throw new TrpcFailure("BAD_REQUEST", "Invalid input: from", { from: ["must be an E.164 phone number"] });
      }
      return { callSid: "CA1", recordingSid: "RE1", transcriptionSid: "TR1", ok: true, steps: [] };
    },
  }),
);
beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterEach(() => {
  resetApp();
  server.resetHandlers();
  simulateCalls = true;
  numbers = [INACTIVE, ACTIVE, SECOND];
  simulated.length = 0;
});
afterAll(() => server.close());

describe("Simulate a call", () => {
  it("is offered only where the server simulates calls", async () => {
    renderWithApp(() => <SimulateCallButton />);
    expect(await screen.findByRole("button", { name: "Simulate a call" })).toBeTruthy();
    resetApp();
    simulateCalls = false;
    renderWithApp(() => (
      <>
        <SimulateCallButton />
        <p>shown</p>
      </>
    ));
    await waitFor(() =>
      expect(queryClient.getQueryData(trpc.phoneNumbers.capabilities.queryKey())).toMatchObject({
        simulateCalls: false,
      }),
    );
    expect(screen.getByText("shown")).toBeTruthy();
    expect(screen.queryByRole("button", { name: "Simulate a call" })).toBeNull();
  });

  it("starts from the business's industry, calls the chosen active number, and the caller given", async () => {
    // The app loads the profile before any page.
    await queryClient.fetchQuery(trpc.profile.get.queryOptions());
    renderWithApp(() => <SimulateCallForm onDone={() => {}} />);
    const transcript = (await screen.findByLabelText("Transcript")) as HTMLTextAreaElement;
    expect(transcript.value).toBe(SAMPLE_CALLS.find((sample) => sample.industry === "legal")?.transcript);
    const number = screen.getByLabelText("Number called") as HTMLSelectElement;
    await screen.findByRole("option", { name: "+15550177" });
    expect([...number.options].map((option) => option.value)).toEqual([ACTIVE.id, SECOND.id]);
    fireEvent.change(number, { target: { value: SECOND.id } });
    fireEvent.change(screen.getByLabelText("Sample call"), { target: { value: "typed" } });
    expect(transcript.value).toBe("");
    fireEvent.change(transcript, { target: { value: "Caller: Can you fix a tap on Monday at 8?" } });
    fireEvent.change(screen.getByLabelText("Caller's number (optional)"), { target: { value: "(512) 555-0123" } });
    fireEvent.click(screen.getByRole("button", { name: "Place the call" }));
    expect(await screen.findByText("Call placed — it appears here in a few seconds")).toBeTruthy();
    expect(simulated).toEqual([
      { id: SECOND.id, transcript: "Caller: Can you fix a tap on Monday at 8?", from: "+15125550123" },
    ]);
  });

  it("shows the server's refusal under the field it names, and stays open", async () => {
    let closed = false;
    renderWithApp(() => (
      <SimulateCallForm
        onDone={() => {
          closed = true;
        }}
      />
    ));
    await screen.findByRole("option", { name: "+15550142" });
    fireEvent.change(screen.getByLabelText("Transcript"), { target: { value: "Caller: hi" } });
    fireEvent.change(screen.getByLabelText("Caller's number (optional)"), { target: { value: "12" } });
    fireEvent.click(screen.getByRole("button", { name: "Place the call" }));
    const field = screen.getByLabelText("Caller's number (optional)");
    await screen.findByText("must be an E.164 phone number");
    expect(field.getAttribute("aria-invalid")).toBe("true");
    expect(closed).toBe(false);
  });

  it("without an active number, says where to add one", async () => {
    numbers = [INACTIVE];
    renderWithApp(() => <SimulateCallForm onDone={() => {}} />);
    expect((await screen.findByRole("link", { name: "Add a number in Settings" })).getAttribute("href")).toBe(
      "/settings",
    );
  });
});
