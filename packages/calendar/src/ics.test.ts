import { wallClock, zonedLocalToUtc } from "@flynn/domain";
import { describe, expect, it } from "vitest";
import { foldLine, icsEvent, renderIcs } from "./ics";
import { framingProblem, parseIcs } from "./testing";

const UPDATED = new Date("2026-10-06T14:06:00Z");

type FeedEvent = Parameters<typeof icsEvent>[0];

function sourceEvent(values: Partial<FeedEvent> = {}): FeedEvent {
  return {
    id: "0b9c6f6e-8a36-4c43-9d53-3f7c1c1f2a10",
    title: "Fix water heater",
    status: "confirmed",
    datetime: new Date("2026-10-08T17:00:00Z"),
    durationMinutes: 90,
    location: "1420 Oak St, Austin",
    customerName: "Maria Lopez",
    customerPhone: "+15125550142",
    customerEmail: "maria@example.test",
    priceEstimate: "185.00",
    currency: "USD",
    notes: "Gate code 4821",
    calendarSequence: 0,
    updatedAt: UPDATED,
    ...values,
  };
}

const owner = { kind: "owner", eventUrl: "https://app.flynn.example/events/1" } as const;
const feed = (events: FeedEvent[], timezone = "America/New_York") =>
  renderIcs({ kind: "feed", name: "Joe's Plumbing, Inc.", timezone, events: events.map((e) => icsEvent(e, owner)) });

describe("renderIcs: the feed", () => {
  it("has the calendar's properties and no METHOD, and every event's fields", () => {
    const text = feed([sourceEvent()]);
    const { calendar, events } = parseIcs(text);
    expect(calendar).toMatchObject({
      version: "2.0",
      prodid: "-//Flynn//Flynn Calendar 1.0//EN",
      calscale: "GREGORIAN",
      // TEXT escaping (RFC 5545 §3.8.8.2: an X- property's default type is TEXT); ical.js
      // does not know NAME (RFC 7986) or the X- names, so it shows them unescaped.
      "x-wr-calname": "Joe's Plumbing\\, Inc.",
      name: "Joe's Plumbing\\, Inc.",
      "x-wr-timezone": "America/New_York",
      "refresh-interval": "PT1H",
      "x-published-ttl": "PT1H",
    });
    expect(calendar.method).toBeUndefined();
    expect(text).toContain("\r\nREFRESH-INTERVAL;VALUE=DURATION:PT1H\r\n");
    expect(events).toEqual([
      {
        uid: "0b9c6f6e-8a36-4c43-9d53-3f7c1c1f2a10@flynn",
        summary: "Fix water heater – Maria Lopez",
        description:
          "Customer: Maria Lopez\nPhone: +1 512 555 0142\nEmail: maria@example.test\nPrice estimate: $185.00\n" +
          "Notes: Gate code 4821\nOpen in Flynn: https://app.flynn.example/events/1",
        location: "1420 Oak St, Austin",
        status: "CONFIRMED",
        sequence: 0,
        start: new Date("2026-10-08T17:00:00Z"),
        end: new Date("2026-10-08T18:30:00Z"),
        // Without METHOD, DTSTAMP is when the event was last revised: the same rows, the same bytes.
        dtstamp: UPDATED,
        lastModified: UPDATED,
        organizer: null,
      },
    ]);
    expect(feed([sourceEvent()])).toBe(text);
  });

  it("maps statuses (completed stays confirmed; unconfirmed is tentative) and carries SEQUENCE", () => {
    const statuses = ["confirmed", "tentative", "cancelled", "completed", "pending", "extracted"] as const;
    const { events } = parseIcs(
      feed(statuses.map((status, index) => sourceEvent({ id: `id-${index}`, status, calendarSequence: index }))),
    );
    expect(events.map((event) => [event.uid, event.status, event.sequence])).toEqual([
      ["id-0@flynn", "CONFIRMED", 0],
      ["id-1@flynn", "TENTATIVE", 1],
      ["id-2@flynn", "CANCELLED", 2],
      ["id-3@flynn", "CONFIRMED", 3],
      ["id-4@flynn", "TENTATIVE", 4],
      ["id-5@flynn", "TENTATIVE", 5],
    ]);
  });

  it("puts 9:00 in New York at 14:00Z in winter and 13:00Z in summer", () => {
    const winter = zonedLocalToUtc("2026-01-15T09:00", "America/New_York");
    const summer = zonedLocalToUtc("2026-07-15T09:00", "America/New_York");
    const text = feed([
      sourceEvent({ id: "winter", datetime: winter }),
      sourceEvent({ id: "summer", datetime: summer }),
    ]);
    expect(text).toContain("DTSTART:20260115T140000Z\r\n");
    expect(text).toContain("DTSTART:20260715T130000Z\r\n");
    // UTC times need no VTIMEZONE; a TZID without one would be invalid.
    expect(text).not.toContain("TZID");
    const { events } = parseIcs(text);
    expect(events.map((event) => event.start.toISOString())).toEqual([
      "2026-01-15T14:00:00.000Z",
      "2026-07-15T13:00:00.000Z",
    ]);
    for (const event of events) expect(wallClock(event.start, "America/New_York")).toMatchObject({ hour: 9 });
  });

  it("escapes commas, semicolons, backslashes and line breaks, and drops control characters", () => {
    const notes = "Back door; ring twice, then wait\nLine two\r\nLine three\\end\u0007";
    const text = feed([sourceEvent({ notes, title: "Quote; roof, gutters", location: "Unit 4; 12 Elm St, Rear" })]);
    expect(text).toContain("SUMMARY:Quote\\; roof\\, gutters – Maria Lopez\r\n");
    expect(text).toContain("LOCATION:Unit 4\\; 12 Elm St\\, Rear\r\n");
    const [event] = parseIcs(text).events;
    expect(event?.summary).toBe("Quote; roof, gutters – Maria Lopez");
    expect(event?.location).toBe("Unit 4; 12 Elm St, Rear");
    expect(event?.description).toContain("Notes: Back door; ring twice, then wait\nLine two\nLine three\\end\n");
  });

  it("folds a long description with multibyte characters at 75 octets without splitting one", () => {
    const notes = `${"Señora Müller – 水道の修理 🚰🔧 ".repeat(12)}end`;
    const text = feed([sourceEvent({ notes })]);
    expect(framingProblem(text)).toBeNull();
    const physical = text.split("\r\n");
    expect(physical.some((line) => line.startsWith(" "))).toBe(true);
    for (const line of physical) {
      // A split inside a character would leave a lone surrogate or a replacement character.
      expect(line).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]|\ufffd/);
    }
    expect(parseIcs(text).events[0]?.description).toContain(`Notes: ${notes}\n`);
  });

  it("keeps the last line and the file CRLF-terminated", () => {
    const text = feed([]);
    expect(text.endsWith("END:VCALENDAR\r\n")).toBe(true);
    expect(text.replace(/\r\n/g, "")).not.toMatch(/[\r\n]/);
    expect(parseIcs(text).events).toEqual([]);
  });
});

describe("foldLine", () => {
  it("leaves 75 octets alone and folds from 76, continuation lines holding 74 after their space", () => {
    expect(foldLine("a".repeat(75))).toBe("a".repeat(75));
    expect(foldLine("a".repeat(76))).toBe(`${"a".repeat(75)}\r\n a`);
    expect(foldLine("a".repeat(75 + 74 + 1))).toBe(`${"a".repeat(75)}\r\n ${"a".repeat(74)}\r\n a`);
  });

  it("splits between characters: 3-octet euros 25 to the first line, 4-octet emoji 18", () => {
    const [first, second] = foldLine("€".repeat(40)).split("\r\n ");
    expect(first).toBe("€".repeat(25));
    expect(second).toBe("€".repeat(15));
    const [emojiFirst] = foldLine("🔧".repeat(30)).split("\r\n ");
    expect(emojiFirst).toBe("🔧".repeat(18));
  });
});

describe("renderIcs: the one-event file", () => {
  it("is METHOD:PUBLISH with an ORGANIZER, stamped when made, with the feed's UID", () => {
    const stamp = new Date("2026-10-07T08:00:00Z");
    const event = sourceEvent({ calendarSequence: 3 });
    const text = renderIcs({
      kind: "file",
      organizer: { name: "Joe's Plumbing, Inc.", email: "joe@example.test" },
      stamp,
      events: [icsEvent(event, { kind: "customer", companyName: "Joe's Plumbing, Inc." })],
    });
    expect(text).toContain('ORGANIZER;CN="Joe\'s Plumbing, Inc.":mailto:joe@example.test\r\n');
    const { calendar, events } = parseIcs(text);
    expect(calendar.method).toBe("PUBLISH");
    // A file imported once is not a calendar to name or refresh.
    expect(calendar["x-wr-calname"]).toBeUndefined();
    expect(calendar["refresh-interval"]).toBeUndefined();
    expect(events).toEqual([
      {
        uid: parseIcs(feed([event])).events[0]?.uid,
        summary: "Fix water heater – Joe's Plumbing, Inc.",
        // Nothing the owner keeps to themselves: no notes, no dashboard, not the customer's own details.
        description: "With Joe's Plumbing, Inc.\nPrice estimate: $185.00",
        location: "1420 Oak St, Austin",
        status: "CONFIRMED",
        sequence: 3,
        start: new Date("2026-10-08T17:00:00Z"),
        end: new Date("2026-10-08T18:30:00Z"),
        dtstamp: stamp,
        lastModified: UPDATED,
        organizer: "mailto:joe@example.test",
      },
    ]);
  });
});
