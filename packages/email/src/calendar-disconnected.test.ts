import { describe, expect, it } from "vitest";
import { renderCalendarDisconnected } from "./calendar-disconnected";

describe("renderCalendarDisconnected", () => {
  it("names the provider, says why (escaped) and links to the calendar settings", () => {
    const email = renderCalendarDisconnected({
      providerLabel: "Google Calendar",
      reason: `<b>invalid_grant</b>: Token has been expired or revoked.`,
      settingsUrl: "https://app.flynn.example/settings?tab=calendars&x=1",
      ownerName: "Joe",
    });
    expect(email.subject).toBe("Reconnect Google Calendar: Flynn can no longer add your events");
    expect(email.html).toMatch(/^<!DOCTYPE html>/);
    expect(email.html).not.toContain("<b>");
    expect(email.html).toContain('href="https://app.flynn.example/settings?tab=calendars&amp;x=1"');
    expect(email.text).toContain("Hi Joe,\nGoogle Calendar no longer accepts Flynn's access");
    expect(email.text).toContain("Google Calendar said: <b>invalid_grant</b>: Token has been expired or revoked.");
    expect(email.text).toContain("Reconnect Google Calendar: https://app.flynn.example/settings?tab=calendars&x=1");
    expect(email.text).toContain("You get this email once each time a calendar connection stops working.");
  });
});
