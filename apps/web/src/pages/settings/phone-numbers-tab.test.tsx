import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { renderWithApp, resetApp, TrpcFailure, trpcApi } from "../../testing/render";
import { PhoneNumbersTab } from "./phone-numbers-tab";
import { polyfillDialogs, recorded } from "./testing";

const ADDED = new Date("2026-02-01T15:00:00Z");
const number = (id: string, phone: string, isActive: boolean) => ({
  id,
  twilioPhoneNumber: phone,
  twilioPhoneSid: `PN${id.padStart(32, "0")}`,
  isActive,
  createdAt: ADDED,
  updatedAt: ADDED,
});

let numbers: ReturnType<typeof number>[] = [];
const calls = { buy: [] as unknown[], deactivate: [] as unknown[], release: [] as unknown[] };
/** Lets a test look at the page while a request is still on its way. */
let answerDeactivate: Promise<void> = Promise.resolve();

const server = setupServer(
  ...trpcApi({
    "profile.get": () => ({ timezone: "America/Chicago" }),
    "phoneNumbers.list": () => numbers,
    "phoneNumbers.search": () => ({
      simulated: true,
      numbers: [
        { phoneNumber: "+15555550101", locality: "Austin" },
        { phoneNumber: "+15555550102", locality: null },
      ],
    }),
    "phoneNumbers.buy": recorded(calls.buy, ({ phoneNumber }: { phoneNumber: string }) => {
      const bought = number(String(numbers.length + 1), phoneNumber, true);
      numbers = [...numbers, bought];
      return bought;
    }),
    "phoneNumbers.deactivate": recorded(calls.deactivate, async () => {
      await answerDeactivate;
      throw new TrpcFailure("CONFLICT", "Calls to this number are being moved; try again in a minute");
    }),
    "phoneNumbers.release": recorded(calls.release, ({ id }: { id: string }) => {
      numbers = numbers.map((n) => (n.id === id ? { ...n, isActive: false } : n));
      return numbers.find((n) => n.id === id);
    }),
  }),
);

beforeAll(() => {
  server.listen({ onUnhandledRequest: "error" });
  polyfillDialogs();
});
afterEach(() => {
  resetApp();
  for (const list of Object.values(calls)) list.length = 0;
});
afterAll(() => server.close());

function renderTab() {
  renderWithApp(PhoneNumbersTab);
}

const row = (phone: string) => screen.getByText(phone).closest("li") as HTMLElement;

describe("PhoneNumbersTab", () => {
  it("without a number, says so and offers to buy one, which then appears as active", async () => {
    numbers = [];
    renderTab();
    await screen.findByText("No Flynn number yet");
    expect(await screen.findByText(/these are simulated numbers/)).toBeTruthy();
    const offer = screen.getByText("+1 555 555 0101").closest("li") as HTMLElement;
    fireEvent.click(within(offer).getByRole("button", { name: "Choose" }));
    await screen.findByText("+1 555 555 0101 is yours. Calls to it now reach Flynn.");
    expect(calls.buy).toEqual([{ phoneNumber: "+15555550101" }]);
    await waitFor(() => expect(within(row("+1 555 555 0101")).getByText("Active")).toBeTruthy());
    expect(screen.queryByText("No Flynn number yet")).toBeNull();
  });

  it("shows a deactivation at once and rolls it back, with the server's message, when it fails", async () => {
    numbers = [number("1", "+15125550100", true)];
    let letAnswer = () => {};
    answerDeactivate = new Promise((resolve) => {
      letAnswer = resolve;
    });
    renderTab();
    fireEvent.click(await screen.findByRole("button", { name: "Deactivate" }));
    await waitFor(() => expect(within(row("+1 512 555 0100")).getByText("Inactive")).toBeTruthy());
    letAnswer();
    await screen.findByText("Calls to this number are being moved; try again in a minute");
    await waitFor(() => expect(within(row("+1 512 555 0100")).getByText("Active")).toBeTruthy());
    expect(calls.deactivate).toEqual([{ id: "1" }]);
  });

  it("releases a number only after confirming", async () => {
    numbers = [number("1", "+15125550100", true)];
    renderTab();
    fireEvent.click(await screen.findByRole("button", { name: "Release" }));
    const dialog = await screen.findByRole("dialog");
    expect(dialog.textContent).toContain("+1 512 555 0100 goes back to Twilio");
    expect(calls.release).toEqual([]);
    fireEvent.click(within(dialog).getByRole("button", { name: "Release" }));
    await screen.findByText("+1 512 555 0100 was given back to Twilio");
    expect(calls.release).toEqual([{ id: "1" }]);
    await waitFor(() => expect(within(row("+1 512 555 0100")).getByText("Inactive")).toBeTruthy());
  });
});
