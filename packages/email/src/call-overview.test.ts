import { describe, expect, it } from "vitest";
import { renderCallOverview } from "./call-overview";
import { htmlToText } from "./html";

const HOSTILE = `<img src=x onerror="alert('x')">&`;

describe("renderCallOverview", () => {
  it("escapes every value and template text in the HTML; the text part lists each event", () => {
    const email = renderCallOverview({
      call: {
        callerNumber: "+15125550142",
        callerName: HOSTILE,
        mainTopic: HOSTILE,
        callSummary: HOSTILE,
        startedAt: new Date("2026-11-30T17:55:00Z"),
      },
      business: { timezone: "Europe/Berlin", companyName: HOSTILE, terminology: { appointment: "visit" } },
      events: [
        {
          id: "e1",
          title: HOSTILE,
          eventType: "appointment",
          datetime: new Date("2026-12-01T15:00:00Z"),
          durationMinutes: 30,
          location: HOSTILE,
          customerName: HOSTILE,
          customerPhone: HOSTILE,
          customerEmail: HOSTILE,
          priceEstimate: null,
          currency: null,
          urgencyLevel: "high",
          notes: HOSTILE,
          mainTopic: HOSTILE,
          callSummary: HOSTILE,
        },
      ],
      template: {
        subjectTemplate: "{{customer_name}}",
        bodyTemplate: "<b>{{location}}</b> {{event_type}}",
        variables: null,
      },
      webUrl: "https://app.example/",
    });
    expect(email.html).not.toMatch(/<img|<b>/);
    expect(email.html).toContain("&lt;img src=x onerror=&quot;alert(&#39;x&#39;)&quot;&gt;&amp;");
    expect(email.subject).toBe(HOSTILE);
    expect(email.text).toContain(`<b>${HOSTILE}</b> visit`);
    expect(email.text).toContain("When: Tue, Dec 1, 2026, 4:00 PM");
    expect(email.text).toContain("Confirm in Flynn: https://app.example/events/e1");
  });

  it("shows the caller's number readably, grouped for North American numbers", () => {
    const call = { callerName: null, mainTopic: null, callSummary: null, startedAt: null };
    const overview = (callerNumber: string, callerName: string | null = null) =>
      renderCallOverview({
        call: { ...call, callerNumber, callerName },
        business: { timezone: "America/Los_Angeles", companyName: "Elm Plumbing", terminology: null },
        events: [],
        template: null,
        webUrl: "https://app.example",
      });
    const email = overview("+14155552671");
    expect(email.subject).toBe("New call from +1 415 555 2671");
    expect(email.text).toContain("Call from +1 415 555 2671.");
    expect(overview("+14155552671", "Mark Ellison").text).toContain("Call from Mark Ellison (+1 415 555 2671).");
    expect(overview("+442079460958").text).toContain("Call from +442079460958.");
  });

  it("gives each event with a time its add-to-calendar links, and shows the customer's phone readably", () => {
    const base = {
      eventType: "service_call",
      durationMinutes: 60,
      location: null,
      customerName: "Maria Lopez",
      customerPhone: "+15125550142",
      customerEmail: null,
      priceEstimate: null,
      currency: null,
      urgencyLevel: null,
      notes: null,
      mainTopic: null,
      callSummary: null,
    } as const;
    const links = {
      google: "https://calendar.google.com/calendar/render?action=TEMPLATE&text=A%20%26%20B",
      outlook: "https://outlook.live.com/calendar/0/deeplink/compose?subject=x",
      ics: "https://api.example/calendar/events/e1.ics?sig=abc",
    };
    const email = renderCallOverview({
      call: { callerNumber: "+15125550142", callerName: null, mainTopic: null, callSummary: null, startedAt: null },
      business: { timezone: "America/Chicago", companyName: null, terminology: null },
      events: [
        { ...base, id: "e1", title: "Timed", datetime: new Date("2026-12-01T15:00:00Z"), calendarLinks: links },
        // No time yet: nothing to put in a calendar, whatever links were passed.
        { ...base, id: "e2", title: "Untimed", datetime: null, calendarLinks: links },
        { ...base, id: "e3", title: "Without links", datetime: new Date("2026-12-02T15:00:00Z") },
      ],
      template: null,
      webUrl: "https://app.example",
    });
    expect(email.html).toContain(
      'href="https://calendar.google.com/calendar/render?action=TEMPLATE&amp;text=A%20%26%20B"',
    );
    expect(email.text.match(/Add to calendar: /g)).toHaveLength(1);
    expect(email.text).toContain(`Google: ${links.google}`);
    expect(email.text).toContain(`Outlook: ${links.outlook}`);
    expect(email.text).toContain(`Apple / other (.ics): ${links.ics}`);
    expect(email.text).toContain("Customer: Maria Lopez, +1 512 555 0142");
    expect(email.html).not.toContain("+15125550142");
  });

  it("htmlToText decodes entities once", () => {
    expect(htmlToText("<p>a &amp;lt; b</p><p>c<br>d</p>")).toBe("a &lt; b\nc\nd");
  });
});
