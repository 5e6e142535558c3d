import type { EffectiveIndustryConfig, IndustryConfigUpdate } from "@flynn/domain";
import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { renderWithApp, resetApp, trpcApi } from "../../testing/render";
import { IndustryTab } from "./industry-tab";
import { polyfillDialogs, recorded } from "./testing";

const DEFAULTS: EffectiveIndustryConfig = {
  industryType: "plumbing",
  eventTypes: ["service_call", "quote", "emergency", "follow_up"],
  terminology: { appointment: "service call" },
  defaultDurationMinutes: 90,
  businessHours: { monday: { start: "08:00", end: "17:00" } },
  pricingEnabled: true,
  locationRequired: true,
  autoConfirmEnabled: false,
  reminderSettings: { enabled: true, offsets_minutes: [1440, 120], channels: ["email"] },
  source: {
    eventTypes: "default",
    terminology: "default",
    defaultDurationMinutes: "default",
    businessHours: "default",
    pricingEnabled: "default",
    locationRequired: "default",
    autoConfirmEnabled: "default",
    reminderSettings: "default",
  },
};

/** The user's configuration as the server holds it; update and reset change it as the API does. */
let stored: EffectiveIndustryConfig;
const updates: IndustryConfigUpdate[] = [];

function applyUpdate(patch: IndustryConfigUpdate): EffectiveIndustryConfig {
  const next = { ...stored, source: { ...stored.source } };
  for (const [field, value] of Object.entries(patch) as [keyof IndustryConfigUpdate, unknown][]) {
    Object.assign(next, { [field]: value ?? DEFAULTS[field] });
    next.source[field] = value === null ? "default" : "customised";
  }
  stored = next;
  return stored;
}

const server = setupServer(
  ...trpcApi({
    "industry.effective": () => stored,
    "industry.update": recorded(updates, applyUpdate),
    "industry.reset": () => {
      stored = DEFAULTS;
      return stored;
    },
  }),
);

beforeAll(() => {
  server.listen({ onUnhandledRequest: "error" });
  polyfillDialogs();
});
afterEach(() => {
  resetApp();
  updates.length = 0;
});
afterAll(() => server.close());

function renderTab(config: EffectiveIndustryConfig = DEFAULTS) {
  stored = config;
  renderWithApp(IndustryTab);
}

/** The card titled `title`. */
const card = (title: string) => screen.getByRole("heading", { name: title }).closest("section") as HTMLElement;
const saveButton = () => screen.getByRole("button", { name: "Save changes" }) as HTMLButtonElement;

describe("IndustryTab", () => {
  it("shows which values follow the industry default and which are the user's own", async () => {
    renderTab({
      ...DEFAULTS,
      defaultDurationMinutes: 45,
      source: { ...DEFAULTS.source, defaultDurationMinutes: "customised" },
    });
    await screen.findByText(/starts from the defaults for/);
    expect(within(card("Default duration")).getByText("Your setting")).toBeTruthy();
    expect(within(card("Business hours")).getByText("Industry default")).toBeTruthy();
    expect(within(card("Business hours")).queryByRole("button", { name: "Use default" })).toBeNull();
    expect((within(card("Default duration")).getByRole("textbox") as HTMLInputElement).value).toBe("45");
    // Nothing to save: no save bar.
    expect(screen.queryByRole("button", { name: "Save changes" })).toBeNull();
  });

  it("saves only the fields that changed, then shows them as the user's own", async () => {
    renderTab();
    await screen.findByText(/starts from the defaults for/);
    fireEvent.click(screen.getByLabelText("Prices"));
    fireEvent.change(screen.getByLabelText("Your word for demo"), { target: { value: "estimate" } });
    expect(within(card("Events")).getByText("Unsaved")).toBeTruthy();
    expect(screen.getByText("2 unsaved changes")).toBeTruthy();

    fireEvent.click(saveButton());
    await screen.findByText("Industry settings saved");
    expect(updates).toEqual([
      { terminology: { appointment: "service call", demo: "estimate" }, pricingEnabled: false },
    ]);
    await waitFor(() => expect(within(card("Events")).getAllByText("Your setting")).toHaveLength(1));
    expect(screen.queryByRole("button", { name: "Save changes" })).toBeNull();
  });

  it("blocks saving while business hours are invalid, and says why", async () => {
    renderTab();
    await screen.findByText(/starts from the defaults for/);
    fireEvent.change(screen.getByLabelText("Monday closes at"), { target: { value: "07:00" } });
    expect(within(card("Business hours")).getByRole("alert").textContent).toBe(
      "Closing time must be after opening time",
    );
    expect(screen.getByText("Fix the marked fields to save.")).toBeTruthy();
    expect(saveButton().disabled).toBe(true);
    expect(updates).toEqual([]);
  });

  it("adds and removes reminders, sent in minutes", async () => {
    renderTab();
    await screen.findByText(/starts from the defaults for/);
    expect((screen.getByLabelText("Reminder 1: how many") as HTMLInputElement).value).toBe("24");
    fireEvent.click(screen.getByRole("button", { name: "Remove reminder 2" }));
    fireEvent.click(screen.getByRole("button", { name: "Add reminder" }));
    expect((screen.getByLabelText("Reminder 2: how many") as HTMLInputElement).value).toBe("1");
    expect((screen.getByLabelText("Reminder 2: unit") as HTMLSelectElement).value).toBe("hours");
    fireEvent.click(saveButton());
    await screen.findByText("Industry settings saved");
    expect(updates).toEqual([
      { reminderSettings: { enabled: true, offsets_minutes: [1440, 60], channels: ["email"] } },
    ]);
  });

  it("puts one field back to the industry default, or every field after confirming", async () => {
    renderTab({
      ...DEFAULTS,
      pricingEnabled: false,
      autoConfirmEnabled: true,
      source: { ...DEFAULTS.source, pricingEnabled: "customised", autoConfirmEnabled: "customised" },
    });
    await screen.findByText(/starts from the defaults for/);
    const [pricingDefault] = within(card("Events")).getAllByRole("button", { name: "Use default" });
    fireEvent.click(pricingDefault as HTMLElement);
    await screen.findByText("Back to the industry default");
    expect(updates).toEqual([{ pricingEnabled: null }]);
    await waitFor(() => expect((screen.getByLabelText("Prices") as HTMLInputElement).checked).toBe(true));

    fireEvent.click(screen.getByRole("button", { name: "Reset to industry defaults" }));
    fireEvent.click(await screen.findByRole("button", { name: "Reset everything" }));
    await screen.findByText("Every setting follows the plumbing defaults again");
    await waitFor(() => expect((screen.getByLabelText("Auto-confirm") as HTMLInputElement).checked).toBe(false));
    expect((screen.getByRole("button", { name: "Reset to industry defaults" }) as HTMLButtonElement).disabled).toBe(
      true,
    );
  });
});
