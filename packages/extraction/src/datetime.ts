/**
 * Dates and times said in a call, resolved against the call's start in the user's timezone.
 * Wall-clock arithmetic happens in a "floating" frame (UTC fields = local wall clock) so the
 * result never depends on the machine's own timezone.
 */
import { wallClock } from "@flynn/domain";
import * as chrono from "chrono-node";
import { remembered } from "./memo";
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

/** 0 for Sunday to 6 for Saturday. */
export const weekdayOf = (d: LocalDate) => new Date(Date.UTC(d.year, d.month - 1, d.day)).getUTCDay();

/** The day a relative mention names, counted from `from`. */
export function resolveRelative(from: LocalDate, relative: RelativeDay): LocalDate {
  if (relative.weekday === null) return addDays(from, relative.direction);
  const weekday = weekdayOf(from);
  const ahead = relative.direction * (relative.weekday - weekday);
  return addDays(from, relative.direction * (((ahead % 7) + 7) % 7 || 7));
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

/**
 * A day said relative to the day under discussion ("the following Monday", "the Saturday after",
 * "the day before"): `weekday` the first such weekday after (or, `direction` -1, before) it,
 * else `direction` days from it.
 */
export interface RelativeDay {
  weekday: number | null;
  direction: 1 | -1;
}
export interface DateMention {
  kind: "date";
  index: number;
  end: number;
  /** For a relative day, the day it names counted from today, until the day it leans on is known. */
  date: LocalDate;
  relative?: RelativeDay;
  /** A bare weekday that is today's ("Wednesday?" said on a Wednesday): today, or a week on. */
  weekdayOfToday?: true;
  /** A weekday said alone ("Thursday"), which may name the day under discussion rather than the coming one. */
  bareWeekday?: true;
}
export interface TimeMention {
  kind: "time";
  index: number;
  end: number;
  time: ClockTime;
  /** Counted from the moment of the call ("25 minutes out"), so its half of the day is known. */
  fromNow?: true;
  /** The other reading of words that say two times: "five to seven" is 6:55, or a window from 5. */
  alternative?: ClockTime;
}
export type Mention = DateMention | TimeMention;

// "arvo" is Australian for afternoon. A bare "am" is the verb ("I am free at 3") unless a number
// comes right before it; the dots of "p.m." end no word, so no word boundary may follow them.
const PM_WORDS = /\b(?:pm|p\.m\.?|afternoons?|arvo|evenings?|tonight|nights?)(?![a-z])/i;
const AM_WORDS = /\ba\.m\.?|(?:^|\d)\s*am(?![a-z])|\bmornings?\b/i;

/**
 * An hour said without am/pm: the day part said close by decides, else business hours
 * (1-6 -> afternoon, 7-11 -> morning).
 */
function resolveHour(hour: number, context: string): number {
  if (hour > 12) return hour;
  // Twelve "tonight" or "at night" is midnight.
  if (hour === 12 && /\b(?:tonight|nights?)\b/i.test(context)) return 0;
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

/**
 * "Between 8 and 9 in the morning", "between 11 and 1 pm": a window, booked at its start. The
 * start is the latest hour of that number that falls one to six hours before the window's end.
 */
function windowStart(m: RegExpExecArray, ctx: string): ClockTime | null {
  const [from, fromMinute, fromHalf, to, toMinute, toHalf] = m.slice(1);
  const start = clockFromWords(from, fromMinute, fromHalf ?? toHalf ?? ctx);
  const end = clockFromWords(to, toMinute, toHalf ?? fromHalf ?? ctx);
  if (!start || !end) return null;
  if (fromHalf) return start;
  const endAt = end.hour * 60 + end.minute;
  const fits = [start.hour % 12, (start.hour % 12) + 12].filter((h) => {
    const span = endAt - (h * 60 + start.minute);
    return span > 0 && span <= 360;
  });
  return fits.length > 0 ? { hour: Math.max(...fits), minute: start.minute } : start;
}

const HALF_OF_DAY = String.raw`\s*(a\.?m\b\.?|p\.?m\b\.?|in the (?:morning|afternoon|evening)|at night)?`;

const TIME_PATTERNS: {
  re: RegExp;
  read: (m: RegExpExecArray, ctx: string) => (ClockTime & { alternative?: ClockTime }) | null;
}[] = [
  {
    re: new RegExp(
      String.raw`\bbetween (\d{1,2})(?:[:\s](\d{2}))?${HALF_OF_DAY}\s(?:and|to|-)\s(\d{1,2})(?:[:\s](\d{2}))?${HALF_OF_DAY}(?!\s*(?:minutes|hours|days|weeks|people|dollars|bucks|percent))`,
      "gi",
    ),
    read: windowStart,
  },
  {
    // "The window's seven thirty to nine thirty": two clock times with their minutes make a window too.
    re: new RegExp(
      String.raw`\b(\d{1,2})\s([0-5]\d)${HALF_OF_DAY}\s(?:to|till|until|-)\s(\d{1,2})\s([0-5]\d)${HALF_OF_DAY}(?!\s*(?:minutes|dollars|bucks|pounds|euros?|a (?:month|week|year)|each|per\b))`,
      "gi",
    ),
    read: windowStart,
  },
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
    // An arrival window ("Monday 7 to 9", "the 15th, 8 till 12", "an 8 to 10 window") is booked at its start.
    re: /(?:\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|today|tomorrow|morning|afternoon|evening|\d{1,2}(?:st|nd|rd|th)),?\s)(\d{1,2})(?:\s(\d{2}))?\s(?:to|till|-)\s(\d{1,2})\b(?!\s*(?:minutes|people|days|weeks))|\b(\d{1,2})(?:\s(\d{2}))?\s(?:to|till|-)\s(\d{1,2})(?=\s(?:window|slot)\b)/gi,
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
    re: /\b(half past|quarter past|quarter after|quarter to|quarter till|quarter of|(5|10|20|25|\d{1,2} minutes) (?:past|after|to|till))\s+(\d{1,2}|noon|midnight)\b/gi,
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
      const clock = { hour: Math.floor(total / 60), minute: total % 60 };
      // "Five to seven" also names a window from five, an hour or more before the end.
      const span = (hour - offset + 12) % 12;
      const window = before && m[2] && /^\d+$/.test(m[2]) && offset <= 12 && span >= 1 && span <= 4;
      return window ? { ...clock, alternative: { hour: resolveHour(offset, ctx), minute: 0 } } : clock;
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
    // "Monday morning, nine?": after a comma, only an hour that ends what is said.
    re: /\b(morning|afternoon|evening)(?:\s|,\s(?=\d{1,2}(?:\s\d{2})?\s*(?:[?.!]|$)))(\d{1,2})(?:\s(\d{2}))?\b(?!\s*(?:minutes|hours|days|people))/gi,
    read: (m) => {
      const hour = Number(m[2]);
      const minute = m[3] ? Number(m[3]) : 0;
      if (hour < 1 || hour > 12 || minute > 59) return null;
      return { hour: resolveHour(hour, m[1] as string), minute };
    },
  },
  {
    // "at 6", "around 4 45", "for 10", "I can do 9 30", "could it be 3?" — a bare clock number after a
    // time preposition or a verb that sets the time. "One" before "in", "that" or "with" is the
    // pronoun ("looking for one in town"), and a count of units is no time, though a unit's label
    // after the time is ("Thursday at one unit B").
    re: /\b(?:at|around|about|by|for|say|maybe|like|from|between|any ?time after|do|make it|(?:could|can|would|should) (?:it|we) be)\s(\d{1,2})(?:\s(\d{2}))?\b(?!\s*(?:minutes|mins|hours|days|nights?|weeks|months|years|times|people|persons?|guests|adults|kids|children|pets?|dogs?|cats?|(?:bed|bath)?rooms?|beds?|baths?|toilets?|sinks?|windows?|doors?|units?\s(?![A-Za-z0-9]\b)|units?\b(?!\s)|[b-hj-z]\b(?![.'’])|floors?|stor(?:y|ies)|cars?|vehicles?|tickets?|seats?|tables?|items?|pieces?|of|percent|dollars|bucks|gallon|miles?|km|kilomet(?:er|re)s?|feet|foot|inches|metres?|meters?|yards?|pounds|lbs?|kilos?|kg|degrees|point\b|\d|(?:th|st|nd|rd)\b|%|,\s*\d|and a (?:half|quarter)\b|(?:to|-)\s\d{3,})|(?<=\b1)\s(?:in|that|with|which|where|near)\b)/gi,
    // "At 8 for four": "for" right after a time counts people, it does not set the time; "the quote
    // for 11 40" is a sum.
    read: (m, ctx) =>
      /^\s+units?\s+[a-z]/.test(m.input.slice(m.index + m[0].length)) ||
      (/^for\b/i.test(m[0]) &&
        /\d(?:\s?(?:[ap]\.?m\.?|o'clock))?\s*$|\b(?:quote|price|invoice|bill|total|estimate|deposit|fee)s?\s*$/i.test(
          m.input.slice(0, m.index),
        ))
        ? null
        : clockFromWords(m[1], m[2], ctx),
  },
  {
    // "Eleven?" asked on its own, or "yep, ten works" opening a sentence: an hour put forward or
    // taken up ("one to three works" is a window).
    re: /^\s*(\d{1,2})(?:\s(\d{2}))?(?=\s*\?\s*$)|^\s*(?:(?:yes|yeah|yep|ok(?:ay)?|sure|right|great)\W+)?(\d{1,2})(?:\s(\d{2}))?(?=\s(?:works|suits)\b)/gi,
    read: (m, ctx) => clockFromWords(m[1] ?? m[3], m[2] ?? m[4], ctx),
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
    // a day, is offered ("he has ten thirty", "I've got two fifteen"), is asked as a question, names a
    // time zone or continues a list of such times; elsewhere
    // it is as likely a price ("five forty all in"). Offered with a practitioner ("two fifty-five with
    // Dr. Hirsch"), it is a time too.
    re: /(?<=\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|today|tomorrow|tonight|morning|afternoon|evening|\d{1,2}(?:st|nd|rd|th)|has|have|got),?\s(?:at\s)?|\b\d{1,2}\s[0-5][05],?\s(?:and|or)\s)(\d{1,2})\s([0-5][05])\b(?!\s*(?:minutes|mins|hours|days|weeks|dollars|bucks|pounds|euros?|a (?:month|week|year|quarter)|each|all in|per\b))|\b(\d{1,2})\s([0-5][05])(?=\s*\?|\s(?:pacific|eastern|central|mountain|time)\b|\swith\s(?:dr|mr|mrs|ms|miss|nurse)\b)/gi,
    read: (m, ctx) => clockFromWords(m[1] ?? m[3], m[2] ?? m[4], ctx),
  },
  {
    // "9 30 Wednesday", "4 30 tomorrow": a clock time said right before its day.
    re: /(?<!\b(?:and|to|till|until|-)\s)\b(\d{1,2})(?:\s(\d{2}))?(?=,?\s(?:on\s)?(?:this\s|next\s)?(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|tomorrow|today)\b)/gi,
    read: (m, ctx) => clockFromWords(m[1], m[2], ctx),
  },
];

/**
 * "A tech about 25 minutes out", "we can be there in about an hour", "see you in twenty minutes",
 * "she'll call you in ten minutes": counted from the moment of the call. A call before an arrival
 * ("he'll ring you 20 minutes out") counts from the arrival instead, which this does not know.
 */
const MINUTES_OUT =
  /\b(?:(\d{1,3}) (?:minutes|mins) (?:out|away)|(?:there|here|with you|round|over|see you|(?:call|ring) you(?: back)?) in (?:about |around |roughly |like )?(?:(\d{1,3}) (?:minutes|mins)|(half an hour|an hour(?: and a half)?|[1-3] hours)))\b/gi;

/** Minutes in a span said in words ("half an hour", "an hour and a half", "2 hours"). */
function spanMinutes(span: string): number {
  if (/^half/i.test(span)) return 30;
  const hours = /^(\d)/.exec(span)?.[1];
  return (hours ? Number(hours) * 60 : 60) + (/and a half/i.test(span) ? 30 : 0);
}

function arrivalsFromNow(sentence: string, offset: number, now: ClockTime): TimeMention[] {
  const found: TimeMention[] = [];
  MINUTES_OUT.lastIndex = 0;
  for (let m = MINUTES_OUT.exec(sentence); m; m = MINUTES_OUT.exec(sentence)) {
    const clause =
      sentence
        .slice(0, m.index)
        .split(/[,;—–]/)
        .at(-1) ?? "";
    const minutes = m[3] ? spanMinutes(m[3]) : Number(m[1] ?? m[2]);
    const said = m[0].toLowerCase();
    if ((/\b(?:call|ring|text|phone)\b/i.test(clause) && !/\byou\b/.test(said)) || minutes < 5 || minutes > 180)
      continue;
    const total = (now.hour * 60 + now.minute + minutes) % 1440;
    const time = { hour: Math.floor(total / 60), minute: total % 60 };
    found.push({ kind: "time", index: offset + m.index, end: offset + m.index + m[0].length, time, fromNow: true });
  }
  return found;
}

/**
 * A street right after a number ("2 40 Broadway", "8 20 North Michigan", "2 26 Court Street"), or
 * any name after "at" a number ("at 2 12 Fenwick"), unlike a person's ("3 30 Maya and 3 50 Eli").
 */
const STREET_AFTER =
  /^\s(?:(?:North|South|East|West)\s[A-Z]|(?:[A-Z][a-z]+\s){0,2}(?:Street|St|Road|Rd|Avenue|Ave|Boulevard|Blvd|Drive|Lane|Way|Court|Place|Terrace|Parkway|Highway|Crescent|Close|Gardens|Square|Circle|Broadway)\b)/;
const NAME_AFTER = /^\s([A-Z][a-z]+)/;
const NOT_A_STREET =
  /^(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|today|tomorrow|tonight|january|february|march|april|may|june|july|august|september|october|november|december|noon|midday|midnight|eastern|pacific|central|mountain|atlantic|okay|sharp|works?|then|please|yes|yeah|sure|perfect|great|fine|with)$/i;
function addressAt(sentence: string, start: number, end: number): boolean {
  const rest = sentence.slice(end);
  if (STREET_AFTER.test(rest)) return true;
  const name = NAME_AFTER.exec(rest)?.[1];
  const lead = sentence.slice(0, start) + sentence.slice(start, end).replace(/\d[\s\S]*$/, "");
  return name !== undefined && !NOT_A_STREET.test(name) && /\b(?:at|on|to|from|in|is|'s)\s$/i.test(lead);
}

/**
 * The words around a time that may say its half of the day, up to another option: in "Monday at
 * quarter to four, or Wednesday morning at nine" the morning is Wednesday's.
 */
export function timeContext(text: string, start: number, end: number): string {
  const before =
    text
      .slice(Math.max(0, start - 25), start)
      .split(/\b(?:or|but)\b/i)
      .at(-1) ?? "";
  const after = text.slice(end, end + 30).split(/\b(?:or|but)\b/i)[0] ?? "";
  return before + text.slice(start, end) + after;
}

/** Time mentions of one sentence (already number-normalised), without overlaps. */
function timesIn(sentence: string, offset: number, now?: ClockTime): TimeMention[] {
  const found: TimeMention[] = now ? arrivalsFromNow(sentence, offset, now) : [];
  for (const { re, read } of TIME_PATTERNS) {
    re.lastIndex = 0;
    for (let m = re.exec(sentence); m; m = re.exec(sentence)) {
      const start = m.index;
      const end = start + m[0].length;
      if (found.some((f) => start < f.end - offset && end > f.index - offset)) continue;
      // "At 2 40 Broadway", "at 8 20 North Michigan": a number before a name is a street address.
      if (/\d$/.test(m[0]) && addressAt(sentence, start, end)) continue;
      const reading = read(m, timeContext(sentence, start, end));
      if (!reading) continue;
      const { alternative, ...time } = reading;
      found.push({
        kind: "time",
        index: offset + start,
        end: offset + end,
        time,
        ...(alternative ? { alternative } : {}),
      });
    }
  }
  return found;
}

/** Date mentions of one sentence. Days in the past are dropped: they describe what happened, not a booking. */
function datesIn(sentence: string, offset: number, today: LocalDate, now?: ClockTime): DateMention[] {
  const found: DateMention[] = [];
  // chrono reads "the day after tomorrow" as tomorrow.
  const dayAfterTomorrow = /\b(?:the\s+)?day after tomorrow\b/gi;
  for (let m = dayAfterTomorrow.exec(sentence); m; m = dayAfterTomorrow.exec(sentence)) {
    const start = offset + m.index;
    found.push({ kind: "date", index: start, end: start + m[0].length, date: addDays(today, 2) });
  }
  // "The following Monday", "the Saturday after", "the day before": counted from the day under
  // discussion, which only the call around this sentence knows; from today until then.
  const relativeDay =
    /\bthe (?:following|next) (day|monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b|\bthe (day|monday|tuesday|wednesday|thursday|friday|saturday|sunday) (after|before)\b(?!\s+(?:next|last|tomorrow|yesterday|this|the|my|your|our|his|her|their|\d))/gi;
  for (let m = relativeDay.exec(sentence); m; m = relativeDay.exec(sentence)) {
    const said = (m[1] ?? m[2] ?? "").toLowerCase();
    const relative: RelativeDay = {
      weekday: said === "day" ? null : WEEKDAYS.indexOf(said),
      direction: m[3]?.toLowerCase() === "before" ? -1 : 1,
    };
    const start = offset + m.index;
    const date = resolveRelative(today, { ...relative, direction: 1 });
    found.push({ kind: "date", index: start, end: start + m[0].length, date, relative });
  }
  // "A week on Thursday", "a week from Tuesday" and British "Thursday week" are the coming such
  // day plus seven, "Thursday fortnight" plus fourteen; chrono reads only the weekday.
  const weekOn =
    /\ba (week|fortnight) (?:on|from) (?:this\s)?(monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b|\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday) (week|fortnight)\b/gi;
  for (let m = weekOn.exec(sentence); m; m = weekOn.exec(sentence)) {
    const weekday = WEEKDAYS.indexOf((m[2] ?? m[3] ?? "").toLowerCase());
    const weeks = /fortnight/i.test(m[1] ?? m[4] ?? "") ? 2 : 1;
    const todayWeekday = weekdayOf(today);
    const ahead = (weekday - todayWeekday + 7) % 7 || 7;
    const start = offset + m.index;
    found.push({ kind: "date", index: start, end: start + m[0].length, date: addDays(today, ahead + 7 * weeks) });
  }
  const reference = { instant: new Date(Date.UTC(today.year, today.month - 1, today.day, 0)), timezone: 0 };
  // "January 5th, 10 a.m.": chrono reads an hour after the comma as the year (2010), while a year
  // said short is past twelve ("the 3rd of January, 24"). The semicolon keeps the text's length,
  // so indices still hold.
  // chrono also reads "evening on Thursday" as no day at all; a semicolon in place of the space
  // sets the weekday apart.
  const unyeared = sentence
    .replace(/,(?=\s*(?:[1-9]|1[0-2])(?![\d,]))/g, ";")
    .replace(/\b(morning|afternoon|evening|night|arvo)\s(?=on\s(?:mon|tues|wednes|thurs|fri|satur|sun)day\b)/gi, "$1;");
  for (const result of chrono.parse(unyeared, reference, { forwardDate: true })) {
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
    // A count of days or weeks ("720 a week", "the 14 days run from", "a 60 day grace period", "about
    // two weeks out") is a rate or a length; it names a day only said from now ("in a week", "3 days
    // from now").
    if (
      /^(?:for\s)?(?:(?:about|around|roughly)\s)?(?:an?|half an?|\d+|a couple(?: of)?|a few|several) (?:days?|weeks?|fortnights?|months?|years?)(?: out| now)?$/.test(
        text.trim(),
      )
    )
      continue;
    // "Tuesday to Saturday", "every Monday", "Tuesday evenings": days the business keeps, not one day.
    if (/^\w+day (?:to|through|till|until|-) \w+day$/.test(text.trim())) continue;
    if (
      /\b(?:every|each)\s+$/i.test(sentence.slice(0, result.index)) ||
      /^(?:\s(?:morning|afternoon|evening|night))?s\b/i.test(sentence.slice(result.index + result.text.length))
    )
      continue;
    // "End of February", "early March": a span of days, not one day.
    if (/^(?:(?:the\s)?(?:end|beginning|start|middle) of|early|mid|late)\s\w+$/.test(text.trim())) continue;
    // "Next week", "the week after", "end of next week" name a span of days, not one day.
    if (/^(?:(?:the\s)?end of\s)?(?:next|this|the) week(?: after)?$/.test(text.trim())) continue;
    // chrono reads "the day" ("twelve dollars for the day") as a day of its own.
    if (/^(?:the\s)?day$/.test(text.trim())) continue;
    if (/^(mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)\.?$/.test(text.trim())) continue;
    // A spelled letter ("with a W") is not a day, and "the 12th, that's a Tuesday" names the
    // weekday of the day just said, not another day.
    if (/^an?\s\w$/.test(text.trim())) continue;
    // "A Saturday in February", "on a Monday": any such day, not one.
    if (/^\w+day$/.test(text.trim()) && /\ba\s$/i.test(sentence.slice(0, result.index))) continue;
    // "That's a Tuesday", "January 5th is a Tuesday?", "it's a Tuesday" name the weekday of a day
    // just said, not another day.
    if (
      /(?:\b(?:that|it|which|this)(?:'s|\sis|\swas)|\d(?:st|nd|rd|th)?\s(?:is|was))\s+an?\s$/i.test(
        sentence.slice(0, result.index),
      )
    )
      continue;
    if (/^today$/.test(text.trim()) && /\b(else|anything|how are|help|for today)\b/i.test(sentence)) continue;
    if (/\blast\b/.test(sentence.slice(Math.max(0, result.index - 6), result.index + 5).toLowerCase())) continue;
    // A part of today already over when the call is made ("your message from this morning" in an
    // afternoon call) is what happened, not a booking.
    if (now && partOfDayOver(sentence.slice(result.index), now)) continue;
    let date: LocalDate = {
      year: c.get("year") as number,
      month: c.get("month") as number,
      day: c.get("day") as number,
    };
    // "next Friday" said on a Friday means a week later, not today.
    if (/\bnext\s+\w+day\b/.test(text) && compareDates(date, today) === 0) date = addDays(date, 7);
    if (compareDates(date, today) < 0) continue;
    const start = offset + result.index;
    // A bare "Friday" said on a Friday is today or a week on; only the call around it can tell.
    const bareWeekday = c.isCertain("weekday") && !c.isCertain("day") && !/\b(?:this|next)\b/.test(text);
    const weekdayOfToday = bareWeekday && compareDates(date, today) === 0;
    found.push({
      kind: "date",
      index: start,
      end: start + result.text.length,
      date,
      ...(weekdayOfToday ? { weekdayOfToday: true as const } : {}),
      ...(bareWeekday ? { bareWeekday: true as const } : {}),
    });
  }
  // Bare days of the month ("the 11th", "on the 3rd"): the next such day on or after today. An
  // ordinal followed straight by a word other than those that go on from a day is a rank, not a
  // day: "the first session", "the second opinion", "the third floor", and so is one before "one"
  // ("the first one", read as digits), unless a time follows.
  // "On Sixteenth" without "the" or "of the month" is a street's name.
  const bare =
    /\b(?:the\s|on\s(?=\d{1,2}(?:st|nd|rd|th)\s+of\b))(\d{1,2})(?:st|nd|rd|th)\b(?!\s+(?!(?:of|at|in|on|is|was|if|for|or|and|to|through|till|until|from|then|instead|would|will|works?|suits?|sounds?|please|i|we|you|he|she|they|it|it's|that|that's|which|morning|afternoon|evening|night|onwards?|again|maybe|perhaps|yes|yeah|ok|okay|fine|but|so|as|around|about|by|with|after|before|sharp|too|also|good|great|perfect|could|should|can|might|be|free|open|available|still|booked|full|taken|\d+)\b)[a-z])(?!\s+1\b(?!\s*(?:\d|:|[ap]\.?m\b|o'clock)))(?!\s*(?:of\s)?(?:january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec)\b)/gi;
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

const PART_OF_DAY_ENDS = { morning: 12, afternoon: 18 } as const;

/** Whether the text from a day's mention opens with a part of today that has ended by `now`. */
function partOfDayOver(from: string, now: ClockTime): boolean {
  const part = /^(?:today )?this (morning|afternoon)\b/i.exec(from)?.[1]?.toLowerCase() as
    | keyof typeof PART_OF_DAY_ENDS
    | undefined;
  return part !== undefined && now.hour >= PART_OF_DAY_ENDS[part];
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
      // "the 2nd of February, the 2nd of March" are two days; only a weekday takes a day of the month.
      /(?:mon|tues|wednes|thurs|fri|satur|sun)day$/i.test(
        sentence.slice(previous.index - offset, previous.end - offset),
      ) &&
      /^[\s,]*(?:the\s)?$/i.test(gap) &&
      /^(?:the\s)?\d/i.test(sentence.slice(previous.end - offset).replace(/^[\s,]*/, ""))
    ) {
      const weekday = WEEKDAYS.indexOf(
        (/(\w+day)$/i.exec(sentence.slice(previous.index - offset, previous.end - offset))?.[1] ?? "").toLowerCase(),
      );
      // A month said with the number ("Monday, March 20th") is kept as said.
      const monthSaid = MONTH.test(sentence.slice(mention.index - offset, mention.end - offset));
      const date = monthSaid ? mention.date : onWeekday(mention.date, weekday);
      merged[merged.length - 1] = { ...mention, index: previous.index, date };
    } else merged.push(mention);
  }
  return merged;
}

const MONTH = /\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b/i;

/**
 * "Friday the 9th" said when this month's 9th is a Wednesday names the next month whose 9th is a
 * Friday; a day that no month of the coming year fits stays as the number said it.
 */
function onWeekday(date: LocalDate, weekday: number): LocalDate {
  for (let ahead = 0; ahead < 12; ahead++) {
    const month = ((date.month - 1 + ahead) % 12) + 1;
    const candidate = { year: date.year + Math.floor((date.month - 1 + ahead) / 12), month, day: date.day };
    const real = addDays(candidate, 0);
    if (real.day === date.day && weekdayOf(real) === weekday) return real;
  }
  return date;
}

/** Lower-level words that chrono does not read as days but people say. */
function normaliseForDates(text: string): string {
  return text
    .replace(/\blater today\b/gi, "today")
    .replace(/\b(tonight|this (?:morning|afternoon|evening|arvo))\b/gi, "today $1")
    .replace(/\bthis coming\b/gi, "this");
}

/**
 * The text that mention indices point into: numbers as digits, day words chrono reads, and
 * "-ish" dropped ("twelve-ish", "noonish" are the time itself, vaguely).
 */
export const normaliseForMentions = remembered((text: string): string =>
  normaliseForDates(
    wordsToDigits(text.replace(/\b(\w+)-ish\b/gi, "$1").replace(/\bnoonish\b/gi, "noon"))
      // "Nine oh five" is 9:05; a phone number read out ("two oh one, five five five") keeps its digits apart.
      .replace(/\b(\d{1,2}) oh (\d)\b/gi, "$1 0$2")
      .replace(
        HALF_HOUR_WINDOW,
        (said, from: string, startHalf?: string, start?: string, to?: string, endHalf?: string, end?: string) =>
          startHalf || endHalf ? `${from} ${start}${startHalf ? ":30" : ""} ${to} ${end}${endHalf ? ":30" : ""}` : said,
      ),
  ),
);

/** British "between half seven and half nine": a window whose ends are half past their hours. */
const HALF_HOUR_WINDOW = /\b(between|from) (half )?(\d{1,2}) (and|to|till|until) (half )?(\d{1,2})\b/gi;

/**
 * One sentence of a transcript. The dots of "a.m." and "p.m." end no sentence: "9 a.m.?" is one
 * question with its time in it; nor does a title's ("then Mr. Varga at two").
 */
export const SENTENCE = () => /(?:\b[ap]\.m\.|\b(?:mr|mrs|ms|dr|prof)\.(?=\s+\w)|[^.!?])+[.!?]*/gi;

/** All date and time mentions of a text, in order. */
export function findMentions(text: string, today: LocalDate, now?: ClockTime): Mention[] {
  const normalised = normaliseForMentions(text);
  const mentions: Mention[] = [];
  const sentenceRe = SENTENCE();
  for (let m = sentenceRe.exec(normalised); m; m = sentenceRe.exec(normalised)) {
    const sentence = m[0];
    mentions.push(...datesIn(sentence, m.index, today, now), ...timesIn(sentence, m.index, now));
  }
  return mentions.sort((a, b) => a.index - b.index);
}

export { normaliseForDates };
