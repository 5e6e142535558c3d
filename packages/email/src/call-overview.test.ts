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

  it("htmlToText decodes entities once", () => {
    expect(htmlToText("<p>a &amp;lt; b</p><p>c<br>d</p>")).toBe("a &lt; b\nc\nd");
  });
});
