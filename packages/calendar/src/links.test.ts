import { testKeyring } from "@flynn/crypto";
import { zonedLocalToUtc } from "@flynn/domain";
import { describe, expect, it } from "vitest";
import type { CalendarEventSource } from "./ics";
import { calendarLinks, EVENT_ICS_SIGNATURE, feedUrls } from "./links";

const keyring = testKeyring();
const API = "https://api.flynn.example/";

const event: CalendarEventSource = {
  id: "0b9c6f6e-8a36-4c43-9d53-3f7c1c1f2a10",
  title: "Fix water heater",
  // 9:00 in New York, winter: 14:00Z.
  datetime: zonedLocalToUtc("2026-01-15T09:00", "America/New_York"),
  durationMinutes: 90,
  location: "1420 Oak St, Austin & Co",
  customerName: "Maria Lopez",
  customerPhone: "+15125550142",
  customerEmail: null,
  priceEstimate: null,
  currency: null,
  notes: "Gate code 4821",
};

describe("calendarLinks", () => {
  it("fills Google's template with UTC times that decode to the event's", () => {
    const links = calendarLinks(event, {
      audience: { kind: "owner", eventUrl: "https://app.flynn.example/events/1" },
      apiUrl: API,
      keyring,
    });
    const url = new URL(links.google);
    expect(`${url.origin}${url.pathname}`).toBe("https://calendar.google.com/calendar/render");
    expect(Object.fromEntries(url.searchParams)).toEqual({
      action: "TEMPLATE",
      text: "Fix water heater – Maria Lopez",
      dates: "20260115T140000Z/20260115T153000Z",
      details:
        "Customer: Maria Lopez\nPhone: +1 512 555 0142\nNotes: Gate code 4821\nOpen in Flynn: https://app.flynn.example/events/1",
      location: "1420 Oak St, Austin & Co",
    });
  });

  it("fills Outlook's compose page with ISO UTC times and %20 for spaces", () => {
    const { outlook } = calendarLinks(event, {
      audience: { kind: "customer", companyName: "Joe's Plumbing" },
      apiUrl: API,
      keyring,
    });
    expect(outlook).toMatch(
      /^https:\/\/outlook\.live\.com\/calendar\/0\/deeplink\/compose\?path=\/calendar\/action\/compose&rru=addevent&/,
    );
    expect(outlook).not.toContain("+");
    const params = new URL(outlook).searchParams;
    expect(new Date(params.get("startdt") ?? "").toISOString()).toBe("2026-01-15T14:00:00.000Z");
    expect(params.get("startdt")).toBe("2026-01-15T14:00:00Z");
    expect(params.get("enddt")).toBe("2026-01-15T15:30:00Z");
    expect(params.get("subject")).toBe("Fix water heater – Joe's Plumbing");
    // A customer's copy: no owner notes, no dashboard link.
    expect(params.get("body")).toBe("With Joe's Plumbing");
    expect(params.get("location")).toBe("1420 Oak St, Austin & Co");
  });

  it("signs the .ics link for the event id, and summer times are an hour earlier in UTC", () => {
    const summer = { ...event, datetime: zonedLocalToUtc("2026-07-15T09:00", "America/New_York"), location: null };
    const links = calendarLinks(summer, { audience: { kind: "owner", eventUrl: null }, apiUrl: API, keyring });
    expect(new URL(links.google).searchParams.get("dates")).toBe("20260715T130000Z/20260715T143000Z");
    expect(new URL(links.google).searchParams.has("location")).toBe(false);
    const ics = new URL(links.ics);
    expect(`${ics.origin}${ics.pathname}`).toBe(`https://api.flynn.example/calendar/events/${event.id}.ics`);
    const sig = ics.searchParams.get("sig") ?? "";
    expect(keyring.verify(event.id, sig, EVENT_ICS_SIGNATURE)).toBe(true);
    expect(keyring.verify("another-event", sig, EVENT_ICS_SIGNATURE)).toBe(false);
  });
});

describe("feedUrls", () => {
  it("gives the https address and its webcal:// twin", () => {
    expect(feedUrls("https://api.flynn.example/", "tok_-123")).toEqual({
      url: "https://api.flynn.example/calendar/tok_-123.ics",
      webcalUrl: "webcal://api.flynn.example/calendar/tok_-123.ics",
    });
    expect(feedUrls("http://localhost:8787", "t").webcalUrl).toBe("webcal://localhost:8787/calendar/t.ics");
  });
});
