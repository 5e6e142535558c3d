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

/**
 * Minutes from a wall-clock moment to a local `YYYY-MM-DD[THH:MM]`; a day said alone counts
 * from `dayAloneAt` (its start for "how many days away", its noon for "within hours").
 */
export function minutesUntil(from: LocalDate & ClockTime, datetime: string, dayAloneAt = "00:00"): number {
  const [year, month, day, hour, minute] = (datetime.length > 10 ? datetime : `${datetime}T${dayAloneAt}`)
    .split(/[-T:]/)
    .map(Number) as [number, number, number, number, number];
  const start = Date.UTC(from.year, from.month - 1, from.day, from.hour, from.minute);
  return (Date.UTC(year, month - 1, day, hour, minute) - start) / 60_000;
}

const WEEKDAYS = ["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"];

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

// "arvo" is Australian for afternoon.
const PM_WORDS = /\b(pm|p\.m\.|afternoon|arvo|evening|tonight|night)\b/i;
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

/** "4 45" said as a clock time, its half of the day from the words around it. */
function clockFromWords(hourText: string | undefined, minuteText: string | undefined, ctx: string): ClockTime | null {
  const hour = Number(hourText);
  const minute = minuteText ? Number(minuteText) : 0;
  if (hour < 1 || hour > 12 || minute > 59) return null;
  return { hour: resolveHour(hour, ctx), minute };
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
    // An arrival window ("Monday 7 to 9", "an 8 to 10 window") is booked at its start.
    re: /(?:\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|today|tomorrow|morning|afternoon|evening),?\s)(\d{1,2})(?:\s(\d{2}))?\s(?:to|till|-)\s(\d{1,2})\b(?!\s*(?:minutes|people|days|weeks))|\b(\d{1,2})(?:\s(\d{2}))?\s(?:to|till|-)\s(\d{1,2})(?=\s(?:window|slot)\b)/gi,
    read: (m, ctx) => {
      const hour = Number(m[1] ?? m[4]);
      const minute = Number(m[2] ?? m[5] ?? 0);
      const until = Number(m[3] ?? m[6]);
      const span = (until - hour + 12) % 12;
      if (hour < 1 || hour > 12 || minute > 59 || until > 12 || span < 1 || span > 4) return null;
      return { hour: resolveHour(hour, ctx), minute };
    },
  },
  {
    // A window that ends at noon ("between 8 and noon") starts in the morning.
    re: /\b(\d{1,2})(?:\s(\d{2}))?\s(?:and|to|till|until|-)\s(?:noon|midday)\b/gi,
    read: (m) => clockFromWords(m[1], m[2], "morning"),
  },
  {
    // A bare count of minutes before or after the hour is said in fives ("ten past", "twenty to");
    // "seven to nine" is a window, not 8:53.
    re: /\b(half past|quarter past|quarter to|quarter till|quarter of|(5|10|20|25|\d{1,2} minutes) (?:past|after|to|till))\s+(\d{1,2}|noon|midnight)\b/gi,
    read: (m, ctx) => {
      const phrase = (m[1] as string).toLowerCase();
      const base = m[3]?.toLowerCase();
      const hour = base === "noon" ? 12 : base === "midnight" ? 0 : Number(base);
      if (hour > 12) return null;
      const offset = phrase.startsWith("half")
        ? 30
        : phrase.startsWith("quarter")
          ? 15
          : Number.parseInt(m[2] as string, 10);
      if (offset >= 60) return null;
      const before = /\b(to|till|of)$/.test(phrase);
      // "quarter to 12 in the morning" is 11:45, not a quarter before midnight.
      const h = base === "noon" || base === "midnight" || (before && hour === 12) ? hour : resolveHour(hour, ctx);
      const total = (h * 60 + (before ? -offset : offset) + 1440) % 1440;
      return { hour: Math.floor(total / 60), minute: total % 60 };
    },
  },
  {
    re: /\b(noon|midday|midnight)\b/gi,
    read: (m) => ({ hour: m[1]?.toLowerCase() === "midnight" ? 0 : 12, minute: 0 }),
  },
  {
    re: /\b(\d{1,2})(?:\s(\d{2}))?\s*((?:a\.?m|p\.?m)(?![a-z])\.?|o'clock|in the (?:morning|afternoon|arvo|evening)|at night|tonight)/gi,
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
    // "at 6", "around 4 45", "for 10", "I can do 9 30", "make it 10" — a bare clock number after a
    // time preposition or a verb that sets the time.
    re: /\b(?:at|around|about|by|for|say|maybe|like|from|between|do|make it)\s(\d{1,2})(?:\s(\d{2}))?\b(?!\s*(?:minutes|mins|hours|days|nights?|weeks|months|years|times|people|persons?|guests|adults|kids|children|pets?|dogs?|cats?|(?:bed|bath)?rooms?|beds?|baths?|toilets?|sinks?|windows?|doors?|units?|floors?|stor(?:y|ies)|cars?|vehicles?|tickets?|seats?|tables?|items?|pieces?|of|percent|dollars|bucks|gallon|miles?|km|kilomet(?:er|re)s?|feet|foot|inches|metres?|meters?|yards?|pounds|lbs?|kilos?|kg|degrees|\d|th|st|nd|rd|%|,\s*\d))/gi,
    read: (m, ctx) => clockFromWords(m[1], m[2], ctx),
  },
  {
    // "half 9" is British for 9:30 ("half past"), unlike the German-style "half to 9".
    re: /\bhalf\s(\d{1,2})\b(?!\s*(?:an?\b|hours?|minutes|days|weeks|months|years|of|dozen|price|off|%|percent|\d))/gi,
    read: (m, ctx) => {
      const clock = clockFromWords(m[1], undefined, ctx);
      return clock && { ...clock, minute: 30 };
    },
  },
  {
    // An hour and minutes said as two numbers ("ten thirty") is a clock time where it sits next to
    // a day, is asked as a question, names a time zone or continues a list of such times; elsewhere
    // it is as likely a price ("five forty all in").
    re: /(?<=\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|today|tomorrow|tonight|\d{1,2}(?:st|nd|rd|th)),?\s(?:at\s)?|\b\d{1,2}\s[0-5][05],?\s(?:and|or)\s)(\d{1,2})\s([0-5][05])\b(?!\s*(?:minutes|mins|hours|days|weeks|dollars|bucks|pounds|euros?|a (?:month|week|year|quarter)|each|all in|per\b))|\b(\d{1,2})\s([0-5][05])(?=\s*\?|\s(?:pacific|eastern|central|mountain|time)\b)/gi,
    read: (m, ctx) => clockFromWords(m[1] ?? m[3], m[2] ?? m[4], ctx),
  },
  {
    // "9 30 Wednesday", "4 30 tomorrow": a clock time said right before its day.
    re: /(?<!\b(?:and|to|till|until|-)\s)\b(\d{1,2})(?:\s(\d{2}))?(?=,?\s(?:on\s)?(?:this\s|next\s)?(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|tomorrow|today)\b)/gi,
    read: (m, ctx) => clockFromWords(m[1], m[2], ctx),
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
  // "A week on Thursday", "a week from Tuesday" and British "Thursday week" are the coming such
  // day plus seven; chrono reads only the weekday.
  const weekOn =
    /\ba week (?:on|from) (?:this\s)?(monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b|\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday) week\b/gi;
  for (let m = weekOn.exec(sentence); m; m = weekOn.exec(sentence)) {
    const weekday = WEEKDAYS.indexOf((m[1] ?? m[2] ?? "").toLowerCase());
    const todayWeekday = new Date(Date.UTC(today.year, today.month - 1, today.day)).getUTCDay();
    const ahead = (weekday - todayWeekday + 7) % 7 || 7;
    const start = offset + m.index;
    found.push({ kind: "date", index: start, end: start + m[0].length, date: addDays(today, ahead + 7) });
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
    // A length ("about 45 minutes", "an hour", "a day rate", "24 hour") is not a day; a weekend is
    // not one day either; "Sun" or "Wed" in a transcript is a name, since speech is written out.
    if (/\b(minutes?|mins?|hours?|hrs?|an? day|weekends?)\b/.test(text)) continue;
    // "720 a week", "twice a month": a rate or a frequency; "in a week" is a day.
    if (/^an? (?:week|fortnight|month|year)$/.test(text.trim())) continue;
    if (/^(mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)\.?$/.test(text.trim())) continue;
    // A spelled letter ("with a W") is not a day, and "the 12th, that's a Tuesday" names the
    // weekday of the day just said, not another day.
    if (/^an?\s\w$/.test(text.trim())) continue;
    if (/\b(?:that'?s|that is|which is|which'?s)\s+an?\s$/i.test(sentence.slice(0, result.index))) continue;
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
    /\b(?:the\s|on\s)(\d{1,2})(?:st|nd|rd|th)\b(?!\s+(?:hour|time|floor|visit|step|thing|one|call|week|month|year|page|place|person|house|unit|quarter|half|round|option|available)s?\b)(?!\s*(?:of\s)?(?:january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec)\b)/gi;
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
  return mergeNamedDays(found, sentence, offset);
}

/** "Monday the 20th": a weekday with its day of the month is one day, the one the number names. */
function mergeNamedDays(found: DateMention[], sentence: string, offset: number): DateMention[] {
  const sorted = [...found].sort((a, b) => a.index - b.index);
  const merged: DateMention[] = [];
  for (const mention of sorted) {
    const previous = merged.at(-1);
    const gap = previous ? sentence.slice(previous.end - offset, mention.index - offset) : "";
    if (
      previous &&
      /^[\s,]*(?:the\s)?$/i.test(gap) &&
      /^(?:the\s)?\d/i.test(sentence.slice(previous.end - offset).replace(/^[\s,]*/, ""))
    )
      merged[merged.length - 1] = { ...mention, index: previous.index };
    else merged.push(mention);
  }
  return merged;
}

/** Lower-level words that chrono does not read as days but people say. */
function normaliseForDates(text: string): string {
  return text
    .replace(/\blater today\b/gi, "today")
    .replace(/\b(tonight|this (?:morning|afternoon|evening))\b/gi, "today $1")
    .replace(/\bthis coming\b/gi, "this");
}

/**
 * The text that mention indices point into: numbers as digits, day words chrono reads, and
 * "-ish" dropped ("twelve-ish", "noonish" are the time itself, vaguely).
 */
export function normaliseForMentions(text: string): string {
  return normaliseForDates(wordsToDigits(text.replace(/\b(\w+)-ish\b/gi, "$1").replace(/\bnoonish\b/gi, "noon")));
}

/**
 * One sentence of a transcript. The dots of "a.m." and "p.m." end no sentence: "9 a.m.?" is one
 * question with its time in it.
 */
export const SENTENCE = () => /(?:\b[ap]\.m\.|[^.!?])+[.!?]*/gi;

/** All date and time mentions of a text, in order. */
export function findMentions(text: string, today: LocalDate): Mention[] {
  const normalised = normaliseForMentions(text);
  const mentions: Mention[] = [];
  const sentenceRe = SENTENCE();
  for (let m = sentenceRe.exec(normalised); m; m = sentenceRe.exec(normalised)) {
    const sentence = m[0];
    mentions.push(...datesIn(sentence, m.index, today), ...timesIn(sentence, m.index));
  }
  return mentions.sort((a, b) => a.index - b.index);
}

export { normaliseForDates };
