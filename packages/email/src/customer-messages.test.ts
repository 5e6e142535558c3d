import { describe, expect, it } from "vitest";
import {
  type CustomerMessageSource,
  renderCustomerEmail,
  renderCustomerSms,
  SMS_MAX_LENGTH,
  SMS_OPT_OUT,
} from "./customer-messages";

const HOSTILE = `<img src=x onerror="alert('x')">&`;

function source(overrides: Partial<CustomerMessageSource> = {}): CustomerMessageSource {
  return {
    kind: "confirmation",
    business: {
      name: "Joe's Plumbing",
      timezone: "America/Chicago",
      phone: "+15125550100",
      terminology: { appointment: "service call", demo: "quote" },
    },
    event: {
      title: "Fix water heater",
      eventType: "appointment",
      // 15:00Z is 9:00 AM in Chicago (CST).
      datetime: new Date("2026-12-01T15:00:00Z"),
      durationMinutes: 90,
      location: "1420 Oak St, Austin",
      customerName: "Maria Lopez",
      customerPhone: "+15125550142",
      customerEmail: "maria@example.com",
      priceEstimate: "185.00",
      currency: "USD",
      urgencyLevel: "high",
      notes: "Gate code 4821",
      mainTopic: "Leaking water heater",
      callSummary: null,
    },
    calendarLinks: {
      google: "https://calendar.google.com/calendar/render?action=TEMPLATE&text=a&b",
      outlook: "https://outlook.live.com/calendar/0/deeplink/compose?subject=a",
      ics: "https://api.flynn.example/calendar/events/e1.ics?sig=abc",
    },
    ...overrides,
  };
}

describe("renderCustomerEmail", () => {
  it("says what, when (in the business's zone), where, the estimate and whom to call, in the business's words", () => {
    const email = renderCustomerEmail(source());
    expect(email.subject).toBe("Your service call is confirmed: Tue, Dec 1, 2026, 9:00 AM - Joe's Plumbing");
    expect(email.text).toContain(
      "Hi Maria Lopez,\nYour service call with Joe's Plumbing is confirmed for Tue, Dec 1, 2026, 9:00 AM.",
    );
    expect(email.text).toContain("What Fix water heater");
    expect(email.text).toContain("When Tue, Dec 1, 2026, 9:00 AM (90 min)");
    expect(email.text).toContain("Where 1420 Oak St, Austin");
    expect(email.text).toContain("Price $185.00 (estimate)");
    expect(email.text).toContain("Questions or changes? Call Joe's Plumbing at +1 512 555 0100: tel:+15125550100");
    expect(email.text).toContain("Times are in America/Chicago.");
    // The owner's notes are theirs alone.
    expect(email.html).not.toContain("4821");
  });

  it("links the event into Google, Outlook and any .ics client (escaped), except for a cancellation", () => {
    const email = renderCustomerEmail(source());
    expect(email.html).toContain('href="https://calendar.google.com/calendar/render?action=TEMPLATE&amp;text=a&amp;b"');
    expect(email.text).toContain("Outlook: https://outlook.live.com/calendar/0/deeplink/compose?subject=a");
    expect(email.text).toContain("Apple / other (.ics): https://api.flynn.example/calendar/events/e1.ics?sig=abc");
    const cancelled = renderCustomerEmail(source({ kind: "cancellation" }));
    expect(cancelled.subject).toBe("Your service call is cancelled - Joe's Plumbing");
    expect(cancelled.text).toContain(
      "Your service call with Joe's Plumbing on Tue, Dec 1, 2026, 9:00 AM has been cancelled.",
    );
    expect(cancelled.html).not.toContain("calendar.google.com");
  });

  it("a move and a reminder say so", () => {
    expect(renderCustomerEmail(source({ kind: "moved" })).text).toContain(
      "Your service call with Joe's Plumbing has moved to Tue, Dec 1, 2026, 9:00 AM.",
    );
    const reminder = renderCustomerEmail(source({ kind: "reminder" }));
    expect(reminder.subject).toBe(
      "Reminder: your service call is coming up: Tue, Dec 1, 2026, 9:00 AM - Joe's Plumbing",
    );
  });

  it("a confirmation uses the industry's customer template, with the type in the business's words", () => {
    const email = renderCustomerEmail(
      source({
        template: {
          subjectTemplate: "Service Call Request - {{customer_name}} - {{event_date}}",
          bodyTemplate: "I have scheduled a {{event_type}} for {{event_datetime}} at {{location}}. {{main_topic}}",
          variables: null,
        },
      }),
    );
    expect(email.subject).toBe("Service Call Request - Maria Lopez - Tue, Dec 1, 2026");
    expect(email.text).toContain(
      "I have scheduled a service call for Tue, Dec 1, 2026, 9:00 AM at 1420 Oak St, Austin. Leaking water heater",
    );
    // Other kinds keep Flynn's words: the template speaks of scheduling.
    expect(
      renderCustomerEmail(
        source({ kind: "moved", template: { subjectTemplate: "x", bodyTemplate: "y", variables: null } }),
      ).subject,
    ).toContain("has a new time");
  });

  it("escapes every value from the event and the business", () => {
    const email = renderCustomerEmail(
      source({
        business: { name: HOSTILE, timezone: "Europe/Berlin", phone: HOSTILE, terminology: null },
        event: { ...source().event, title: HOSTILE, location: HOSTILE, customerName: HOSTILE },
      }),
    );
    expect(email.html).not.toContain("<img");
    expect(email.html).toContain("&lt;img src=x onerror=&quot;alert(&#39;x&#39;)&quot;&gt;&amp;");
  });
});

describe("renderCustomerSms", () => {
  it("fits the essentials and ends with the opt-out line", () => {
    const text = renderCustomerSms(source());
    expect(text).toBe(
      `Joe's Plumbing: your service call "Fix water heater" is confirmed for Tue, Dec 1, 2026, 9:00 AM at 1420 Oak St, Austin. ` +
        `Estimate $185.00. Questions or changes: call +1 512 555 0100. ${SMS_OPT_OUT}`,
    );
    expect(renderCustomerSms(source({ kind: "reminder" }))).toMatch(
      /^Reminder from Joe's Plumbing: your service call "Fix water heater" is coming up on Tue, Dec 1, 2026, 9:00 AM at /,
    );
    expect(renderCustomerSms(source({ kind: "cancellation" }))).toBe(
      `Joe's Plumbing: your service call "Fix water heater" on Tue, Dec 1, 2026, 9:00 AM has been cancelled. ` +
        `Questions: call +1 512 555 0100. ${SMS_OPT_OUT}`,
    );
  });

  it("shortens long titles and places to stay within 320 characters", () => {
    const long = "x".repeat(400);
    const text = renderCustomerSms(
      source({
        business: { ...source().business, name: long },
        event: { ...source().event, title: long, location: long },
      }),
    );
    expect(text.length).toBeLessThanOrEqual(SMS_MAX_LENGTH);
    expect(text.endsWith(SMS_OPT_OUT)).toBe(true);
    expect(text).toContain("Tue, Dec 1, 2026, 9:00 AM");
    expect(text).toContain("+1 512 555 0100");
  });
});
