import { describe, expect, it } from "vitest";
import { dashboardCalendarSettingsUrl, dashboardEventUrl } from "./dashboard-links";

describe("dashboard links", () => {
  it("ignore a trailing slash on the dashboard's address", () => {
    expect(dashboardEventUrl("https://app.example/", "e1")).toBe("https://app.example/events/e1");
    expect(dashboardCalendarSettingsUrl("https://app.example//")).toBe("https://app.example/settings?tab=calendars");
  });

  it("carry the calendar settings' further parameters, encoded", () => {
    expect(dashboardCalendarSettingsUrl("https://app.example", { error: "access denied", provider: "google" })).toBe(
      "https://app.example/settings?tab=calendars&error=access+denied&provider=google",
    );
  });
});
