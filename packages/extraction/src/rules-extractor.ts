/**
 * The offline extractor: deterministic rules over the transcript, milliseconds per call.
 * The default when no OpenAI key is configured, and the baseline the eval measures.
 */
import {
  EVENT_TYPES,
  type EventType,
  type ExtractedEvent,
  type ExtractionInput,
  type ExtractionResult,
  type IndustryType,
  type UrgencyLevel,
} from "@flynn/domain";
import { countryForTimezone, findEmails, findPhones } from "./contacts";
import {
  addDays,
  type ClockTime,
  compareDates,
  findMentions,
  formatDate,
  formatTime,
  type LocalDate,
  localParts,
  type Mention,
} from "./datetime";
import type { Extractor } from "./extractor";
import { wordsToDigits } from "./numbers";

interface Turn {
  speaker: "caller" | "business";
  text: string;
}

export function splitTurns(transcript: string): Turn[] {
  const turns: Turn[] = [];
  for (const line of transcript.split(/\r?\n/)) {
    const m = /^\s*(caller|customer|business|agent|receptionist)\s*:\s*(.*)$/i.exec(line);
    if (m)
      turns.push({
        speaker: /^(caller|customer)$/i.test(m[1] as string) ? "caller" : "business",
        text: m[2] as string,
      });
    else if (line.trim() && turns.length > 0) (turns.at(-1) as Turn).text += ` ${line.trim()}`;
    else if (line.trim()) turns.push({ speaker: "caller", text: line.trim() });
  }
  return turns;
}

/** What an industry calls its work, strongest words first; the first type is the industry's usual booking. */
const INDUSTRY_DEFAULT_TYPE: Record<IndustryType, EventType> = {
  plumbing: "service_call",
  real_estate: "appointment",
  legal: "consultation",
  medical: "appointment",
  sales: "demo",
  consulting: "consultation",
  general_services: "service_call",
  other: "appointment",
};

const TYPE_WORDS: [EventType, RegExp][] = [
  ["emergency", /\b(emergency|burst|flood(?:ing|ed)?|gas leak|water everywhere|no heat|sewage)\b/gi],
  ["quote", /\b(quote|estimate|estimator|bid|ballpark)\b/gi],
  ["inspection", /\b(inspection|inspect|inspector|assessment|camera)\b/gi],
  ["demo", /\b(demo|demonstration|walk ?through of the (?:software|platform|product))\b/gi],
  ["consultation", /\b(consultation|consult|initial meeting|strategy session|discovery call)\b/gi],
  ["follow_up", /\b(follow[- ]?up|check[- ]?in|recheck|post-op|results)\b/gi],
  ["meeting", /\b(meeting|meet with|sit down|lunch)\b/gi],
  [
    "appointment",
    /\b(appointment|showing|viewing|visit|reservation|table for|book|booking|check-?up|cleaning|haircut)\b/gi,
  ],
  [
    "service_call",
    /\b(service call|send (?:a|someone|somebody|a tech)|come out|repair|fix|install|tech(?:nician)?)\b/gi,
  ],
];

function chooseEventType(text: string, industry: IndustryType, allowed: readonly EventType[]): EventType {
  const scores = new Map<EventType, number>();
  for (const [type, re] of TYPE_WORDS) scores.set(type, (text.match(re) ?? []).length);
  const fallback = allowed.includes(INDUSTRY_DEFAULT_TYPE[industry])
    ? INDUSTRY_DEFAULT_TYPE[industry]
    : (allowed[0] as EventType);
  let best = fallback;
  let bestScore = (scores.get(fallback) ?? 0) + 0.5;
  for (const type of allowed) {
    const score = scores.get(type) ?? 0;
    if (score > bestScore) {
      best = type;
      bestScore = score;
    }
  }
  return best;
}

const NO_EVENT =
  /\b(wrong number|not interested|remove (?:me|my number)|stop calling|do not call|extended warranty|you've won|robocall)\b/i;
const REJECTION =
  /^[\s,—–-]*(?:\?\s*)?(?:no\b|nope|actually|wait|sorry|hmm)|\b(full|booked|taken|doesn'?t work|does not work|won'?t work|can'?t|cannot|not available|unavailable|no good|isn'?t going to work|is out|not free|have the|has the|he has|she has|busy)\b/i;
const CALLER_REJECTS = /^\s*(no\b|nope|that doesn'?t|that won'?t|i can'?t|can'?t do|hmm,? no)/i;

type Located = Mention & { turn: number; rejected: boolean };

/** Every date/time mention of the call with whether it was turned down right after. */
function locateMentions(turns: Turn[], today: LocalDate): Located[] {
  const all: Located[] = [];
  turns.forEach((turn, index) => {
    const normalised = wordsToDigits(turn.text);
    for (const mention of findMentions(turn.text, today)) {
      const after = normalised.slice(mention.end, mention.end + 28);
      const clause = after.split(/[.?!]/)[0] ?? "";
      const rejectedInTurn = REJECTION.test(clause) && !/\b(works?|fine|good|great|perfect)\b/i.test(clause);
      const next = turns[index + 1];
      const rejectedByOther = next !== undefined && next.speaker !== turn.speaker && CALLER_REJECTS.test(next.text);
      all.push({ ...mention, turn: index, rejected: rejectedInTurn || rejectedByOther });
    }
  });
  return all;
}

/** The slot finally agreed: the last day and the last time still standing, later ones winning. */
function agreedSlot(mentions: Located[], callDate: LocalDate, callTime: ClockTime): string | null {
  const standing = mentions.filter((m) => !m.rejected);
  const lastOf = <K extends Mention["kind"]>(kind: K, pool: Located[]) =>
    [...pool].reverse().find((m) => m.kind === kind) as Extract<Located, { kind: K }> | undefined;
  const date = lastOf("date", standing) ?? lastOf("date", mentions);
  const time = lastOf("time", standing) ?? lastOf("time", mentions);
  if (!date && !time) return null;
  let day = date?.date ?? callDate;
  if (!date && time && time.time.hour * 60 + time.time.minute < callTime.hour * 60 + callTime.minute)
    day = addDays(day, 1);
  return time ? `${formatDate(day)}T${formatTime(time.time)}` : formatDate(day);
}

function urgencyOf(text: string, slot: string | null, callDate: LocalDate): UrgencyLevel {
  if (
    /\b(911|burst|water everywhere|flooding|gas leak|smell gas|chest pain|can'?t breathe|unconscious|on fire)\b/i.test(
      text,
    )
  )
    return "emergency";
  if (
    /\b(emergency|urgent(?:ly)?|asap|as soon as possible|right away|immediately|tonight|after[- ]hours)\b/i.test(text)
  )
    return "high";
  if (slot) {
    const [y, m, d] = slot.slice(0, 10).split("-").map(Number) as [number, number, number];
    const days = compareDates({ year: y, month: m, day: d }, callDate) / 86_400_000;
    if (days <= 0) return "high";
    if (days <= 3) return "medium";
  }
  return "low";
}

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

const SAME_NUMBER =
  /\b(this number|the number (?:i'?m|you'?re|i am|you are) calling from|number i'?m calling (?:from|on)|this is my cell|same number|number you have)\b/i;

function customerPhone(turns: Turn[], input: ExtractionInput): string | null {
  const country = countryForTimezone(input.timezone);
  const callerPhones = turns.flatMap((t) => (t.speaker === "caller" ? findPhones(t.text, country) : []));
  if (callerPhones.length > 0) return (callerPhones.at(-1) as { e164: string }).e164;
  const callerText = turns
    .filter((t) => t.speaker === "caller")
    .map((t) => t.text)
    .join("\n");
  if (input.callerNumber && SAME_NUMBER.test(callerText)) return input.callerNumber;
  return null;
}

function customerName(turns: Turn[]): string | null {
  const NAME = "([A-Z][a-z'’]+(?:[ -][A-Z][a-z'’]+){0,2})";
  for (let i = 0; i < turns.length; i++) {
    const turn = turns[i] as Turn;
    if (turn.speaker !== "caller") continue;
    const said = new RegExp(`\\b(?:my name is|my name's|name is|this is|it's|i'm)\\s+${NAME}`).exec(turn.text);
    const asked =
      i > 0 && /\bname\b/i.test(turns[i - 1]?.text ?? "")
        ? new RegExp(`^(?:\\W*(?:uh|um|yeah|sure|it's|its)\\W*)*${NAME}`).exec(turn.text)
        : null;
    const m = asked ?? said;
    if (
      m &&
      !/^(Yeah|Yes|Hi|Hello|Okay|Sure|No|Um|Uh|Calling|Just|So|Well|Thanks|Thank|Good|Great)\b/.test(m[1] as string)
    )
      return m[1] as string;
  }
  return null;
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

const PRICE =
  /(?:\$\s?(\d[\d,]*(?:\.\d{1,2})?)|\b(\d[\d,]*(?:\.\d{1,2})?)(?:\s(\d{2}))?\s?(?:dollars|bucks|pounds|quid)\b|\b(?:is|runs?|costs?|be|about|around|fee of|charge)\s(?:about\s|around\s|roughly\s|usually\s)?(\d{2,5})(?:\s(\d{2}))?\b(?!\s*(?:minutes|hours|days|am|pm|percent|%)))/gi;
const NOT_OUR_PRICE =
  /\b(rent|commission|percent|%|deposit for the landlord|competitor|listing price|asking price|sold for|mortgage|budget)\b/i;
const PRICE_CONTEXT =
  /\b(\$|dollars|bucks|fee|cost|costs|charge|price|runs|call-?out|quote|ballpark|flat rate|rate)\b/i;

function priceOf(turns: Turn[]): number | null {
  let price: number | null = null;
  for (const turn of turns) {
    const text = wordsToDigits(turn.text);
    for (const sentence of text.split(/(?<=[.?!])\s/)) {
      if (NOT_OUR_PRICE.test(sentence) || !PRICE_CONTEXT.test(sentence)) continue;
      PRICE.lastIndex = 0;
      const m = PRICE.exec(sentence);
      if (!m) continue;
      const main = m[1] ?? m[2] ?? m[4];
      const cents = m[3] ?? m[5];
      let value = Number((main as string).replace(/,/g, ""));
      if (cents && value < 100) value = value * 100 + Number(cents);
      if (value > 0) {
        price = value;
        break;
      }
    }
    if (price !== null && turn.speaker === "business") break;
  }
  return price;
}

const CURRENCY_BY_COUNTRY: Record<string, string> = { US: "USD", GB: "GBP", AU: "AUD", CA: "CAD", IE: "EUR" };

const FOLLOW_UP =
  /\b(i'?ll (?:send|email|call you back|check|get back|confirm|text)|we'?ll (?:send|email|call you back|confirm|get back)|get back to you|send (?:you|over) (?:the|a)|let you know|check with)\b/i;

function summarise(turns: Turn[]): string {
  const caller = turns.find((t) => t.speaker === "caller" && t.text.split(" ").length > 4);
  return (caller?.text ?? turns[0]?.text ?? "").slice(0, 240);
}

export function createRulesExtractor(): Extractor {
  return {
    async extract(input: ExtractionInput): Promise<ExtractionResult> {
      return extractWithRules(input);
    },
  };
}

export function extractWithRules(input: ExtractionInput): ExtractionResult {
  const turns = splitTurns(input.transcript);
  const text = turns.map((t) => t.text).join("\n");
  const start = localParts(input.callStartedAt, input.timezone);
  const callDate: LocalDate = { year: start.year, month: start.month, day: start.day };
  const mentions = locateMentions(turns, callDate);
  const slot = NO_EVENT.test(text) ? null : agreedSlot(mentions, callDate, start);
  const urgency = urgencyOf(text, slot, callDate);
  const allowed = input.allowedEventTypes ?? EVENT_TYPES;
  const eventType = chooseEventType(text, input.industry, allowed);
  const summary = summarise(turns);
  const topic = summary.split(/[.?!]/)[0]?.slice(0, 120) || "Call";
  const events: ExtractedEvent[] = [];
  if (slot) {
    const price = priceOf(turns);
    const emails = findEmails(text);
    const location = locationOf(turns);
    const followUp = turns.find((t) => t.speaker === "business" && FOLLOW_UP.test(t.text));
    events.push({
      event_type: eventType,
      title: `${eventType.replace(/_/g, " ")}: ${topic}`.slice(0, 200),
      description: summary || null,
      proposed_datetime: slot,
      duration_minutes: input.defaultDurationMinutes ?? null,
      location,
      location_type: location ? "address" : null,
      customer_name: customerName(turns),
      customer_phone: customerPhone(turns, input),
      customer_email: emails.at(-1)?.email ?? null,
      price_estimate: price,
      currency: price === null ? null : (CURRENCY_BY_COUNTRY[countryForTimezone(input.timezone)] ?? "USD"),
      urgency_level: urgency,
      notes: null,
      ai_confidence: 0.6,
      follow_up_required: followUp !== undefined,
      follow_up_reason: followUp ? followUp.text.slice(0, 200) : null,
    });
  }
  return {
    main_topic: topic,
    call_summary: summary,
    urgency_level: urgency,
    sentiment: sentimentOf(
      turns
        .filter((t) => t.speaker === "caller")
        .map((t) => t.text)
        .join(" "),
    ),
    events,
  };
}
