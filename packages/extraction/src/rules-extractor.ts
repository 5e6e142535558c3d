/**
 * The offline extractor: deterministic rules over the transcript, milliseconds per call.
 * The default when no OpenAI key is configured, and the baseline the eval measures.
 */
import { EVENT_TYPES, type ExtractedEvent, type ExtractionInput, type ExtractionResult } from "@flynn/domain";
import { countryForTimezone, customerEmail, customerName, customerPhone } from "./contacts";
import { type LocalDate, localParts, minutesUntil } from "./datetime";
import { chooseEventType, eventsNamedBefore } from "./event-type";
import { type BookedEvent, bookedEvents } from "./events";
import type { Extractor } from "./extractor";
import { rememberingDuring } from "./memo";
import { wordsToDigits } from "./numbers";
import { businessPrices, priceForEvent, shareUnitPrices } from "./price";
import { summaryOf } from "./summary";
import { topicOf } from "./topic";
import { saidBy, splitTurns, type Turn } from "./turns";
import { urgencyOf } from "./urgency";

export { splitTurns } from "./turns";

const POSITIVE = /\b(thank|thanks|great|perfect|wonderful|awesome|appreciate|lovely|excellent)\b/gi;
const NEGATIVE = /\b(upset|angry|frustrat\w*|terrible|awful|worried|annoyed|unacceptable|disappointed|ridiculous)\b/gi;

function sentimentOf(callerText: string): ExtractionResult["sentiment"] {
  const pos = (callerText.match(POSITIVE) ?? []).length;
  const neg = (callerText.match(NEGATIVE) ?? []).length;
  const score = Math.max(-1, Math.min(1, (pos - neg) / Math.max(3, pos + neg)));
  return {
    label: score > 0.15 ? "positive" : score < -0.15 ? "negative" : "neutral",
    score: Math.round(score * 100) / 100,
  };
}

const STREET =
  /\b(\d{1,5}(?:\s\d{2})?\s(?:[NSEW]\.?\s|North\s|South\s|East\s|West\s)?(?:[A-Z][a-z]+\s){1,3}(?:Street|St|Road|Rd|Avenue|Ave|Boulevard|Blvd|Drive|Dr|Lane|Ln|Way|Court|Ct|Place|Pl|Terrace|Parkway|Highway|Circle)\b\.?|\d{1,5}\s(?:Calle|Avenida|Via)\s[A-Z][a-z]+)/;

function locationOf(turns: Turn[]): string | null {
  let found: string | null = null;
  for (const turn of turns) {
    const m = STREET.exec(wordsToDigits(turn.text).replace(/\b(\d{1,2}) (\d{2})\b/g, "$1$2"));
    if (m) found = (m[1] as string).replace(/\.$/, "");
  }
  return found;
}

const CURRENCY_BY_COUNTRY: Record<string, string> = { US: "USD", GB: "GBP", AU: "AUD", CA: "CAD", IE: "EUR" };

const FOLLOW_UP =
  /\b(i'?ll (?:send|email|call you back|check|get back|confirm|text)|we'?ll (?:send|email|call you back|confirm|get back)|get back to you|send (?:you|over) (?:the|a)|let you know|check with)\b/i;

const capitalised = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** What types a booking: what arranged it, and what the next booking says came after it. */
function typingText(booked: BookedEvent[], index: number): string {
  const next = booked[index + 1];
  return next
    ? `${(booked[index] as BookedEvent).about}\n${eventsNamedBefore(next.about)}`
    : (booked[index] as BookedEvent).about;
}

export function createRulesExtractor(): Extractor {
  return {
    async extract(input: ExtractionInput): Promise<ExtractionResult> {
      return extractWithRules(input);
    },
  };
}

export function extractWithRules(input: ExtractionInput): ExtractionResult {
  return rememberingDuring(() => extractFromTurns(input));
}

function extractFromTurns(input: ExtractionInput): ExtractionResult {
  const turns = splitTurns(input.transcript);
  const start = localParts(input.callStartedAt, input.timezone);
  const callDate: LocalDate = { year: start.year, month: start.month, day: start.day };
  const booked = bookedEvents(turns, callDate, start);
  const urgencyFor = (eventDatetimes: string[]) => urgencyOf({ ...input, turns, eventDatetimes });
  // When the business will call back is set by its office routine, not by the caller's need.
  const urgency = urgencyFor(booked.flatMap((b) => (b.callback ? [] : (b.datetime ?? []))));
  const allowed = input.allowedEventTypes ?? EVENT_TYPES;
  const topic = topicOf(turns);
  const callerName = customerName(turns, input.industry === "medical");
  const events: ExtractedEvent[] = [];
  if (booked.length > 0) {
    const country = countryForTimezone(input.timezone);
    const prices = businessPrices(turns, country);
    const phone = customerPhone(turns, country, input.callerNumber);
    const email = customerEmail(turns);
    const location = locationOf(turns);
    const followUp = turns.find((t) => t.speaker === "business" && FOLLOW_UP.test(t.text));
    for (const [index, booking] of booked.entries()) {
      const price = priceForEvent(prices, booked, index, turns);
      const eventType =
        booking.callback && allowed.includes("follow_up")
          ? "follow_up"
          : chooseEventType(typingText(booked, index), input.industry, allowed, {
              hoursAhead: booking.datetime ? minutesUntil(start, booking.datetime, "12:00") / 60 : undefined,
              dangerNow: urgency === "emergency",
            });
      events.push({
        event_type: eventType,
        title: `${capitalised(eventType.replace(/_/g, " "))}: ${topic}`.slice(0, 200),
        // The call's summary once all events are known (below).
        description: null,
        proposed_datetime: booking.datetime,
        duration_minutes: input.defaultDurationMinutes ?? null,
        location,
        location_type: location ? "address" : null,
        customer_name: callerName,
        customer_phone: phone,
        customer_email: email,
        price_estimate: price,
        currency: price === null ? null : (CURRENCY_BY_COUNTRY[country] ?? "USD"),
        urgency_level: urgencyFor(booking.datetime && !booking.callback ? [booking.datetime] : []),
        notes: booking.tentative ? "Proposed, not yet confirmed in the call." : null,
        ai_confidence: booking.tentative ? 0.4 : 0.6,
        follow_up_required: booking.tentative || followUp !== undefined,
        follow_up_reason: followUp ? followUp.text.slice(0, 200) : booking.tentative ? "Time not yet confirmed" : null,
      });
    }
    shareUnitPrices(events, prices, booked, turns);
  }
  const summary = summaryOf({ callerName, topic, events, tentative: booked.map((b) => b.tentative) });
  for (const event of events) event.description = summary;
  return {
    main_topic: topic,
    call_summary: summary,
    urgency_level: urgency,
    sentiment: sentimentOf(saidBy(turns, "caller")),
    events,
  };
}
