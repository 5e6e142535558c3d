import { describe, expect, it } from "vitest";
import {
  eventTemplateValues,
  formatEventDate,
  formatEventDateTime,
  formatPrice,
  renderTemplate,
  renderTemplatePreview,
  sampleTemplateEvent,
  type TemplateEventData,
  templateCreateSchema,
  templateUpdateSchema,
  templateVariables,
} from "./templates";

describe("renderTemplate", () => {
  it("fills placeholders in subject and body, repeated ones every time, with or without spaces in the braces", () => {
    const rendered = renderTemplate(
      { subject: "{{customer_name}} - {{ event_date }}", body: "Hi {{customer_name}}, see you {{event_date}}." },
      { customer_name: "Maria", event_date: "Tue, Dec 1, 2026" },
    );
    expect(rendered).toEqual({
      subject: "Maria - Tue, Dec 1, 2026",
      body: "Hi Maria, see you Tue, Dec 1, 2026.",
      missing: [],
    });
  });

  it("uses the template's declared default for a placeholder without a value, else nothing, and reports both", () => {
    const rendered = renderTemplate(
      { subject: "Call from {{customer_name}}", body: "Where: {{location}}. {{unknown}}|{{customer_name}}" },
      { customer_name: null, location: "" },
      { customer_name: "the caller", location: "to be agreed", unknown: "" },
    );
    expect(rendered).toEqual({
      subject: "Call from the caller",
      body: "Where: to be agreed. |the caller",
      missing: ["customer_name", "location", "unknown"],
    });
  });

  it("renders numbers, and does not re-expand a value that looks like a placeholder", () => {
    const rendered = renderTemplate(
      { subject: "{{duration_minutes}} min", body: "{{notes}} / {{secret}}" },
      { duration_minutes: 90, notes: "{{secret}} and $& $1", secret: "s3cret" },
    );
    expect(rendered.subject).toBe("90 min");
    expect(rendered.body).toBe("{{secret}} and $& $1 / s3cret");
  });

  it("leaves malformed placeholders alone and never throws on odd text", () => {
    const text = "{{ }} {{a-b}} {{ open {{{name}}} }} {{constructor}} {{__proto__}} {{toString}}";
    const rendered = renderTemplate({ subject: text, body: "" }, { name: "X" }, { hasOwnProperty: "no" });
    expect(rendered.subject).toBe("{{ }} {{a-b}} {{ open {X} }}   ");
    expect(rendered.missing).toEqual(["constructor", "__proto__", "toString"]);
  });

  it("ignores defaults that are not text (the variables column is free JSON)", () => {
    const rendered = renderTemplate({ subject: "[{{a}}][{{b}}]", body: "" }, {}, { a: { nested: true }, b: 7 });
    expect(rendered.subject).toBe("[][7]");
  });
});

describe("templateVariables", () => {
  it("lists placeholder names in order of first appearance, without repeats", () => {
    expect(templateVariables("{{b}} {{ a }} {{b}}", "{{c}} {{a}} {{not-one}}")).toEqual(["b", "a", "c"]);
    expect(templateVariables("no placeholders")).toEqual([]);
  });
});

describe("date and price formatting", () => {
  const at = new Date("2026-12-01T20:00:00Z");

  it("formats in the business's time zone", () => {
    expect(formatEventDateTime(at, "America/New_York")).toBe("Tue, Dec 1, 2026, 3:00 PM");
    expect(formatEventDateTime(at, "Asia/Tokyo")).toBe("Wed, Dec 2, 2026, 5:00 AM");
    expect(formatEventDate(at, "America/New_York")).toBe("Tue, Dec 1, 2026");
  });

  it("falls back to UTC for a missing or unknown time zone", () => {
    expect(formatEventDateTime(at, null)).toBe("Tue, Dec 1, 2026, 8:00 PM");
    expect(formatEventDateTime(at, "Mars/Olympus")).toBe("Tue, Dec 1, 2026, 8:00 PM");
  });

  it("formats prices in their currency", () => {
    expect(formatPrice("185.00", "USD")).toBe("$185.00");
    expect(formatPrice("1250.5", "EUR")).toBe("€1,250.50");
    expect(formatPrice("40", null)).toBe("$40.00");
    expect(formatPrice("40", "NOT A CODE")).toBe("40.00 NOT A CODE");
  });
});

describe("event values and previews", () => {
  const event: TemplateEventData = {
    title: "Fix water heater",
    eventType: "follow_up",
    datetime: new Date("2026-12-01T20:00:00Z"),
    durationMinutes: 45,
    location: null,
    customerName: "Sam Reed",
    customerPhone: "+15125550100",
    customerEmail: null,
    priceEstimate: "99.50",
    currency: "USD",
    urgencyLevel: "low",
    notes: null,
    mainTopic: "Dripping tap",
    callSummary: "Sam's tap drips.",
  };

  it("turns an event into placeholder values, leaving unknown facts empty", () => {
    expect(eventTemplateValues(event, { timezone: "America/New_York", companyName: "Pat's Pipes" })).toEqual({
      customer_name: "Sam Reed",
      customer_phone: "+1 512 555 0100",
      customer_email: null,
      company_name: "Pat's Pipes",
      event_title: "Fix water heater",
      event_type: "follow-up",
      event_date: "Tue, Dec 1, 2026",
      event_datetime: "Tue, Dec 1, 2026, 3:00 PM",
      duration_minutes: 45,
      location: null,
      main_topic: "Dripping tap",
      call_summary: "Sam's tap drips.",
      urgency_level: "low",
      price_estimate: "$99.50",
      notes: null,
      event_url: undefined,
    });
  });

  it("previews with the sample plumbing call scheduled the next day, on the hour", () => {
    const now = new Date("2026-03-10T14:20:00Z");
    expect(sampleTemplateEvent(now).datetime).toEqual(new Date("2026-03-11T15:00:00Z"));
    const rendered = renderTemplatePreview(
      {
        template: {
          subjectTemplate: "{{event_type}} for {{customer_name}}",
          bodyTemplate: "{{event_datetime}} at {{location}} ({{price_estimate}}). {{event_url}}",
          variables: { event_url: "https://flynn.example/events" },
        },
        business: { timezone: "America/Chicago", companyName: null },
        event: null,
      },
      now,
    );
    expect(rendered).toEqual({
      subject: "service call for Maria Lopez",
      body: "Wed, Mar 11, 2026, 10:00 AM at 1420 Oak Street, Austin, TX 78704 ($185.00). https://flynn.example/events",
      missing: ["event_url"],
    });
  });
});

describe("template inputs", () => {
  const valid = { templateName: "Reminder", subjectTemplate: "Hi {{customer_name}}", bodyTemplate: "See you." };

  it("accepts a template and trims its name and subject", () => {
    expect(templateCreateSchema.parse({ ...valid, templateName: "  Reminder ", eventType: null })).toEqual({
      ...valid,
      eventType: null,
    });
  });

  it("rejects blank or overlong texts and unknown types, naming each field", () => {
    const result = templateCreateSchema.safeParse({
      templateName: "x",
      subjectTemplate: "   ",
      bodyTemplate: `${"a".repeat(20_001)}`,
      eventType: "party",
      industryType: "space",
      variables: { "bad-name": "x" },
    });
    expect(result.error?.issues.map((issue) => issue.path.join("."))).toEqual([
      "subjectTemplate",
      "bodyTemplate",
      "eventType",
      "industryType",
      "variables.bad-name",
    ]);
    expect(templateCreateSchema.safeParse({ ...valid, bodyTemplate: "\n \n" }).error?.issues[0]?.message).toBe(
      "body is required",
    );
    expect(templateCreateSchema.safeParse({ ...valid, subjectTemplate: "s".repeat(201) }).success).toBe(false);
  });

  it("an update needs an id and at least one field", () => {
    const id = "0b6f3bb4-3f5e-4d0c-9a43-0a0e6f1e7d55";
    expect(templateUpdateSchema.safeParse({ id }).success).toBe(false);
    expect(templateUpdateSchema.parse({ id, isActive: false })).toEqual({ id, isActive: false });
  });
});
