/**
 * Dates and times said in a call, resolved against the call's start in the user's timezone.
 * Wall-clock arithmetic happens in a "floating" frame (UTC fields = local wall clock) so the
 * result never depends on the machine's own timezone.
 */
import { wallClock } from "@flynn/domain";
import * as chrono from "chrono-node";
import { wordsToDigits } from "./numbers";

export interface LocalDate {
  year: number;
  month: number;
  day: number;
}
export interface ClockTime {
  hour: number;
  minute: number;
}

/** The call start as wall-clock fields in `timezone`. */
export function localParts(iso: string, timezone: string): LocalDate & ClockTime & { weekday: number } {
  const { year, month, day, hour, minute, weekday } = wallClock(new Date(iso), timezone);
  return { year, month, day, hour, minute, weekday };
}

export function addDays(date: LocalDate, days: number): LocalDate {
  const d = new Date(Date.UTC(date.year, date.month - 1, date.day + days));
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

export function compareDates(a: LocalDate, b: LocalDate): number {
  return Date.UTC(a.year, a.month - 1, a.day) - Date.UTC(b.year, b.month - 1, b.day);
}

const pad = (n: number) => String(n).padStart(2, "0");
export const formatDate = (d: LocalDate) => `${d.year}-${pad(d.month)}-${pad(d.day)}`;
export const formatTime = (t: ClockTime) => `${pad(t.hour)}:${pad(t.minute)}`;

export interface DateMention {
  kind: "date";
  index: number;
  end: number;
  date: LocalDate;
}
export interface TimeMention {
  kind: "time";
  index: number;
  end: number;
  time: ClockTime;
}
export type Mention = DateMention | TimeMention;

const PM_WORDS = /\b(pm|p\.m\.|afternoon|evening|tonight|night)\b/i;
const AM_WORDS = /\b(am|a\.m\.|morning)\b/i;

/**
 * An hour said without am/pm: the day part said close by decides, else business hours
 * (1-6 -> afternoon, 7-11 -> morning).
 */
function resolveHour(hour: number, context: string): number {
  if (hour > 12) return hour;
  if (PM_WORDS.test(context)) return hour === 12 ? 12 : hour + 12;
  if (AM_WORDS.test(context)) return hour === 12 ? 0 : hour;
  if (hour === 12) return 12;
  return hour <= 6 ? hour + 12 : hour;
}

const TIME_PATTERNS: { re: RegExp; read: (m: RegExpExecArray, ctx: string) => ClockTime | null }[] = [
  {
    re: /\b(\d{1,2}):(\d{2})\s*(a\.?m\.?|p\.?m\.?)?(?![\d])/gi,
    read: (m, ctx) => {
      const hour = Number(m[1]);
      const minute = Number(m[2]);
      if (hour > 23 || minute > 59) return null;
      const suffix = m[3]?.toLowerCase().replace(/\./g, "");
      if (suffix) return { hour: resolveHour(hour, suffix), minute };
      return { hour: hour >= 13 || hour === 0 ? hour : resolveHour(hour, ctx), minute };
    },
  },
  {
    re: /\b(half past|quarter past|quarter to|quarter till|quarter of|(\d{1,2}) (?:minutes )?(?:past|after|to|till))\s+(\d{1,2}|noon|midnight)\b/gi,
    read: (m, ctx) => {
      const phrase = (m[1] as string).toLowerCase();
      const base = m[3]?.toLowerCase();
      const hour = base === "noon" ? 12 : base === "midnight" ? 0 : Number(base);
      if (hour > 12) return null;
      const offset = phrase.startsWith("half") ? 30 : phrase.startsWith("quarter") ? 15 : Number(m[2]);
      if (offset >= 60) return null;
      const before = /\b(to|till|of)$/.test(phrase);
      const h = base === "noon" || base === "midnight" ? hour : resolveHour(hour, ctx);
      const total = (h * 60 + (before ? -offset : offset) + 1440) % 1440;
      return { hour: Math.floor(total / 60), minute: total % 60 };
    },
  },
  {
    re: /\b(noon|midday|midnight)\b/gi,
    read: (m) => ({ hour: m[1]?.toLowerCase() === "midnight" ? 0 : 12, minute: 0 }),
  },
  {
    re: /\b(\d{1,2})(?:\s(\d{2}))?\s*(a\.?m\.?|p\.?m\.?|o'clock|in the (?:morning|afternoon|evening)|at night|tonight)/gi,
    read: (m, ctx) => {
      const hour = Number(m[1]);
      const minute = m[2] ? Number(m[2]) : 0;
      if (hour < 1 || hour > 12 || minute > 59) return null;
      return { hour: resolveHour(hour, `${m[3]} ${/o'clock/i.test(m[3] as string) ? ctx : ""}`), minute };
    },
  },
  {
    re: /\b(morning|afternoon|evening)\s(\d{1,2})(?:\s(\d{2}))?\b(?!\s*(?:minutes|hours|days|people))/gi,
    read: (m) => {
      const hour = Number(m[2]);
      const minute = m[3] ? Number(m[3]) : 0;
      if (hour < 1 || hour > 12 || minute > 59) return null;
      return { hour: resolveHour(hour, m[1] as string), minute };
    },
  },
  {
    // "at 6", "around 4 45", "for 10" — a bare clock number after a time preposition.
    re: /\b(?:at|around|about|by|for|say|maybe|like|from|between)\s(\d{1,2})(?:\s(\d{2}))?\b(?!\s*(?:minutes|mins|hours|days|nights?|weeks|months|years|times|people|persons?|guests|adults|kids|children|pets?|dogs?|cats?|(?:bed|bath)?rooms?|beds?|baths?|toilets?|sinks?|windows?|doors?|units?|floors?|stor(?:y|ies)|cars?|vehicles?|tickets?|seats?|tables?|items?|pieces?|of|percent|dollars|bucks|gallon|\d|th|st|nd|rd|%|,\s*\d))/gi,
    read: (m, ctx) => {
      const hour = Number(m[1]);
      const minute = m[2] ? Number(m[2]) : 0;
      if (hour < 1 || hour > 12 || minute > 59) return null;
      return { hour: resolveHour(hour, ctx), minute };
    },
  },
];

/** Time mentions of one sentence (already number-normalised), without overlaps. */
function timesIn(sentence: string, offset: number): TimeMention[] {
  const found: TimeMention[] = [];
  for (const { re, read } of TIME_PATTERNS) {
    re.lastIndex = 0;
    for (let m = re.exec(sentence); m; m = re.exec(sentence)) {
      const start = m.index;
      const end = start + m[0].length;
      if (found.some((f) => start < f.end - offset && end > f.index - offset)) continue;
      const context = sentence.slice(Math.max(0, start - 25), end + 30);
      const time = read(m, context);
      if (time) found.push({ kind: "time", index: offset + start, end: offset + end, time });
    }
  }
  return found;
}

/** Date mentions of one sentence. Days in the past are dropped: they describe what happened, not a booking. */
function datesIn(sentence: string, offset: number, today: LocalDate): DateMention[] {
  const found: DateMention[] = [];
  // chrono reads "the day after tomorrow" as tomorrow.
  const dayAfterTomorrow = /\b(?:the\s+)?day after tomorrow\b/gi;
  for (let m = dayAfterTomorrow.exec(sentence); m; m = dayAfterTomorrow.exec(sentence)) {
    const start = offset + m.index;
    found.push({ kind: "date", index: start, end: start + m[0].length, date: addDays(today, 2) });
  }
  const reference = { instant: new Date(Date.UTC(today.year, today.month - 1, today.day, 0)), timezone: 0 };
  for (const result of chrono.parse(sentence, reference, { forwardDate: true })) {
    const resultStart = offset + result.index;
    if (found.some((f) => resultStart < f.end && resultStart + result.text.length > f.index)) continue;
    const c = result.start;
    if (!(c.isCertain("day") || c.isCertain("weekday"))) continue;
    const text = result.text.toLowerCase();
    // "now" is the moment of speaking, and "anything else today?" is small talk, not a booking.
    if (/\bnow$/.test(text.trim())) continue;
    if (/^today$/.test(text.trim()) && /\b(else|anything|how are|help|for today)\b/i.test(sentence)) continue;
    if (/\blast\b/.test(sentence.slice(Math.max(0, result.index - 6), result.index + 5).toLowerCase())) continue;
    let date: LocalDate = {
      year: c.get("year") as number,
      month: c.get("month") as number,
      day: c.get("day") as number,
    };
    // "next Friday" said on a Friday means a week later, not today.
    if (/\bnext\s+\w+day\b/.test(text) && compareDates(date, today) === 0) date = addDays(date, 7);
    if (compareDates(date, today) < 0) continue;
    const start = offset + result.index;
    found.push({ kind: "date", index: start, end: start + result.text.length, date });
  }
  // Bare days of the month ("the 11th", "on the 3rd"): the next such day on or after today.
  const bare =
    /\b(?:the\s)(\d{1,2})(?:st|nd|rd|th)\b(?!\s*(?:of\s)?(?:january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec)\b)/gi;
  for (let m = bare.exec(sentence); m; m = bare.exec(sentence)) {
    const start = offset + m.index;
    if (found.some((f) => start < f.end && start + m[0].length > f.index)) continue;
    const day = Number(m[1]);
    if (day < 1 || day > 31) continue;
    // A day already past this month means next month's.
    const month = day < today.day ? addDays({ ...today, day: 1 }, 31) : today;
    const date: LocalDate = { year: month.year, month: month.month, day };
    found.push({ kind: "date", index: start, end: start + m[0].length, date });
  }
  return found;
}

/** Lower-level words that chrono does not read as days but people say. */
function normaliseForDates(text: string): string {
  return text
    .replace(/\blater today\b/gi, "today")
    .replace(/\b(tonight|this evening)\b/gi, "today $1")
    .replace(/\bthis coming\b/gi, "this");
}

/** All date and time mentions of a text, in order. */
export function findMentions(text: string, today: LocalDate): Mention[] {
  const normalised = normaliseForDates(wordsToDigits(text));
  const mentions: Mention[] = [];
  const sentenceRe = /[^.!?]+[.!?]*/g;
  for (let m = sentenceRe.exec(normalised); m; m = sentenceRe.exec(normalised)) {
    const sentence = m[0];
    mentions.push(...datesIn(sentence, m.index, today), ...timesIn(sentence, m.index));
  }
  return mentions.sort((a, b) => a.index - b.index);
}

export { normaliseForDates };
