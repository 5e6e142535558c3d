import type { EffectiveIndustryConfig, IndustryConfigUpdate } from "@flynn/domain";
import { Link, useRouter, useRouterState } from "@tanstack/react-router";
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

/** The tab with a link to another page, a switch to another settings tab, and where the app is. */
function TabWithNavigation() {
  const { history } = useRouter();
  const href = useRouterState({ select: (state) => state.location.href });
  return (
    <>
      <IndustryTab />
      <Link to="/calls">Calls</Link>
      {/* As the settings page switches tabs: the same page, another search. */}
      <button type="button" onClick={() => history.replace("/?tab=templates")}>
        Templates tab
      </button>
      <output data-testid="location">{href}</output>
    </>
  );
}

function renderTabWithNavigation() {
  stored = DEFAULTS;
  renderWithApp(TabWithNavigation);
}

const location = () => screen.getByTestId("location").textContent;
const leaveDialogTitle = "Leave without saving?";

async function leavesWithoutAsking() {
  fireEvent.click(screen.getByRole("link", { name: "Calls" }));
  await waitFor(() => expect(location()).toBe("/calls"));
  expect(screen.queryByRole("heading", { name: leaveDialogTitle })).toBeNull();
}

/** Whether the browser would ask before closing the tab (a listener cancelled `beforeunload`). */
function closingTabAsks(): boolean {
  const event = new Event("beforeunload", { cancelable: true });
  window.dispatchEvent(event);
  return event.defaultPrevented;
}

/** The card titled `title`. */
const card = (title: string) => screen.getByRole("heading", { name: title }).closest("section") as HTMLElement;
const saveButton = () => screen.getByRole("button", { name: "Save changes" }) as HTMLButtonElement;
const unsavedBar = () => screen.getByRole("region", { name: "Unsaved changes" });

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
    expect(unsavedBar().textContent).toContain("Unsaved changes 2 settings differ from what Flynn uses.");

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

  it("asks before leaving for another page with unsaved changes: staying keeps them, leaving drops them", async () => {
    renderTabWithNavigation();
    await screen.findByText(/starts from the defaults for/);
    fireEvent.click(screen.getByLabelText("Prices"));
    fireEvent.click(screen.getByRole("button", { name: "Templates tab" }));
    await screen.findByRole("heading", { name: leaveDialogTitle });
    fireEvent.click(screen.getByRole("button", { name: "Stay and keep editing" }));
    await waitFor(() => expect(screen.queryByRole("heading", { name: leaveDialogTitle })).toBeNull());
    expect(location()).toBe("/");

    fireEvent.click(screen.getByRole("link", { name: "Calls" }));
    await screen.findByRole("heading", { name: leaveDialogTitle });
    expect(location()).toBe("/");

    fireEvent.click(screen.getByRole("button", { name: "Stay and keep editing" }));
    await waitFor(() => expect(screen.queryByRole("heading", { name: leaveDialogTitle })).toBeNull());
    expect(location()).toBe("/");
    expect((screen.getByLabelText("Prices") as HTMLInputElement).checked).toBe(false);
    expect(unsavedBar().textContent).toContain("1 setting differs");

    fireEvent.click(screen.getByRole("link", { name: "Calls" }));
    fireEvent.click(await screen.findByRole("button", { name: "Discard and leave" }));
    await waitFor(() => expect(location()).toBe("/calls"));
    expect(updates).toEqual([]);
  });

  it("leaves without asking once the changes are saved", async () => {
    renderTabWithNavigation();
    await screen.findByText(/starts from the defaults for/);
    fireEvent.click(screen.getByLabelText("Prices"));
    fireEvent.click(saveButton());
    await waitFor(() => expect(screen.queryByRole("region", { name: "Unsaved changes" })).toBeNull());
    await leavesWithoutAsking();
  });

  it("leaves without asking once the changes are discarded", async () => {
    renderTabWithNavigation();
    await screen.findByText(/starts from the defaults for/);
    fireEvent.change(screen.getByLabelText("Your word for demo"), { target: { value: "estimate" } });
    fireEvent.click(within(unsavedBar()).getByRole("button", { name: "Discard" }));
    expect(screen.queryByRole("region", { name: "Unsaved changes" })).toBeNull();
    expect((screen.getByLabelText("Your word for demo") as HTMLInputElement).value).toBe("");
    await leavesWithoutAsking();
  });

  it("has the browser ask before closing the tab only while changes are unsaved", async () => {
    renderTab();
    await screen.findByText(/starts from the defaults for/);
    expect(closingTabAsks()).toBe(false);

    fireEvent.change(within(card("Default duration")).getByRole("textbox"), { target: { value: "60" } });
    expect(closingTabAsks()).toBe(true);
    fireEvent.click(saveButton());
    await waitFor(() => expect(screen.queryByRole("region", { name: "Unsaved changes" })).toBeNull());
    expect(updates).toEqual([{ defaultDurationMinutes: 60 }]);
    expect(closingTabAsks()).toBe(false);

    fireEvent.click(screen.getByLabelText("Auto-confirm"));
    expect(closingTabAsks()).toBe(true);
    fireEvent.click(within(unsavedBar()).getByRole("button", { name: "Discard" }));
    expect(closingTabAsks()).toBe(false);
  });
});
