/**
 * Which bookings a call agreed on. A day or time said in a call is a proposal; it becomes a
 * booking when the other side takes it up (says it back, or answers yes right after it). A
 * booking is replaced only when someone turns it down or asks to change it; a proposal agreed
 * after an earlier booking closed, without such a change, is a further booking of the call.
 */
import {
  addDays,
  type ClockTime,
  compareDates,
  findMentions,
  formatDate,
  formatTime,
  type LocalDate,
  type Mention,
  normaliseForMentions,
  type RelativeDay,
  resolveRelative,
  SENTENCE,
  timeContext,
  weekdayOf,
} from "./datetime";
import { acceptsProposal, type Turn } from "./turns";
import { SEND_TO_EMERGENCY_SERVICES } from "./urgency";

/** A day and/or time proposed in one turn: the day with the time said next to it. */
interface Slot {
  turn: number;
  sentence: number;
  date: LocalDate | null;
  time: (ClockTime & { ambiguous: boolean }) | null;
  start: number;
  end: number;
  rejected: boolean;
  /** Said in a promise to call the customer back, which is not a proposal for the booking itself. */
  callback: boolean;
  estimated: boolean;
  /** A day said relative to the one under discussion, and where it was said (one mention, one day). */
  relative?: { day: RelativeDay; at: number };
  /** A bare weekday that is today's: a week on when the call is already about a later day. */
  weekdayOfToday?: true;
  /** A weekday said alone: the day under discussion when that falls on it. */
  bareWeekday?: true;
  /** The time's other reading ("five to seven": a window from five). */
  alternative?: ClockTime;
  /** Taken up turns after it was proposed: it agrees that offer and moves no other booking. */
  late?: true;
  /** Counted from the moment of the call ("she'll call you in ten minutes"). */
  fromNow?: true;
}

export interface BookedEvent {
  /** Local `YYYY-MM-DDTHH:MM`, `YYYY-MM-DD` when a day was agreed without a time, null when no day was. */
  datetime: string | null;
  /** The turn where this booking's day was first said, and the turn that agreed it. */
  firstTurn: number;
  agreedTurn: number;
  /** Proposed but never taken up (e.g. the business has to check first). */
  tentative: boolean;
  /** The business's promise to call the customer back (on a day agreed, or the call's only event). */
  callback?: true;
  /** What the call says about this booking: the sentences that arranged it, without those about other days. */
  about: string;
}

/** Opening hours ("we open at 7 tomorrow") describe the business, not a booking. */
const HOURS =
  /\b((?:we|you)(?:'re| are) (?:open|here|closed)|are (?:you|they) (?:open|closed)|(?:your|opening|business) hours|we open|we close|(?:open|here) (?:till|until)|opens? at|closes? at)\b/i;
/**
 * Sending a document or a confirmation on a day is not a meeting on that day, nor is checking the
 * booking with someone else ("I'll confirm it with the agent tonight") or telling others ("let them
 * know today"); sending a person is.
 */
const ASIDE =
  /\b(send(?:ing)?\b(?! (?:someone|somebody|(?:a|an|the|our|my) (?:tech\w*|plumber|engineer|electrician|crew|team|guy|man|lad)))|e-?mail (?:you|it|them|the|that|this|those|these)\b|text you|mail (?:you|it))\b|\b(?:call|ring|text|get back to) you\b.*\bto confirm\b|\bconfirm (?:(?:it|that|this|them|both|all|everything) )?with (?:the|my|our|his|her|their)\b|\blet (?:them|him|her|me|us|everyone|people) know\b/i;
/** A vague time ("usually between 1 and 4") is no commitment to a time. */
const CALLBACK = /\b(?:call|ring|text|get back to) (?:you|me)\b|\bgive (?:you|me) a (?:ring|call)\b/i;
const HEDGE = /\b(usually|typically|normally|sometime|can'?t say exactly)\b/i;
/**
 * A day estimated ("probably end of next week", "hopefully Friday") or a span rather than a day
 * ("some time over the next week or two", "in about two weeks") is agreed only if said back.
 */
const ESTIMATE =
  /\b(probably|hopefully|with any luck|can'?t promise|no promises|some ?time|(?:over|within|in) the (?:next|coming)|in (?:about|around|roughly) \d)/i;
/**
 * A deadline, a limit or a starting point: "respond by Friday", "in town till Sunday", "since
 * Monday", "available from the 1st" (when a thing can be had, not when anyone meets). "Come by
 * Friday", "stop by Tuesday" visit on that day.
 */
const LIMIT_BEFORE =
  /\b((?<!\b(?:come|coming|stop|drop|swing|pop)\s)by|before|until|till|since|due|deadline(?: is)?|expires?|clos(?:e|es|ing)|ends|was|were|(?:available|vacant) from)(?:,?\s+(?:let'?s say|say|um|uh|like),)?\s+(?:this\s|next\s|the\s|on\s)?$/i;
const TIME_LIMIT_BEFORE = /\b(?:till|until|since|was|were|(?:done|finished|over) by)\s+(?:around\s|about\s)?$/i;
/**
 * A day inside an "if" ("if she can call today", "if you see water tonight") is a contingency, not
 * a plan; "if you can do Monday" or "if Monday works" still proposes it, and "if I got this right"
 * reads one back.
 */
const CONDITION =
  /\bif (?:you\b(?!\s+(?:can|could)\b)|(?:she|he|they|it|anyone|anybody|anything|there|the|your|his|her|their)\b)(?![^,;]*\b(?:works?|suits?|(?:is|'s) (?:ok|okay|fine|good|better))\b)/i;
/** "Don't worry about it tonight": nothing is planned for that day. */
const NOT_A_PLAN = /\b(?:don'?t|do not|no need to) (?:worry|bother|stress|panic)\b/i;
/**
 * The caller's own plans at a time ("she has a game at two", "I have dialysis at six") are why not
 * then, not a proposal.
 */
const NOT_A_COMMITMENT = String.raw`(?!(?:slot|opening|spot|space|gap|time|window|appointment|booking|availability|anything|nothing|something|free|until|till)\b)`;
const OWN_COMMITMENT = new RegExp(
  String.raw`\b(?:i|we|he|she|they|(?:my|our) \w+)(?:(?:'ve| have| has|'s)(?: got)? (?:a|an|my|his|her|our|their) ${NOT_A_COMMITMENT}|(?:'ve got| have| has) (?!(?:a|an|the|my|his|her|our|their|it|that|this|one|\d+)\b)${NOT_A_COMMITMENT}(?!\w+day\b))(?:\w+ ){1,3}(?:(?:at|on)\s+)?$`,
  "i",
);
// "The move on Saturday" is the moving day itself: after an article, "move" is the noun.
const NEGATED_BEFORE =
  /\b(not|never|cancel(?:ling)?|(?<!\b(?:the|a|my|our|your|his|her|their)\s)move|moving)\s+(?:on\s|this\s|the\s)?$/i;
// "am" closing a name ("Liam", "Pam") says no half of the day: only after a digit or on its own.
const DAY_PART = /(noon|midday|midnight|(?<![a-z])[ap]\.?m\b|morning|afternoon|arvo|evening|night)/i;
/** Said right after a slot, these turn it down: a refusal, or a prior commitment ("I've got the kids"). */
const REJECTION =
  /^[\s,—–-]*(?:\?\s*)?(?:no\b(?!\s+(?:worries|problem|trouble))|nope|actually|wait|sorry|hmm)|\b(full|booked|taken|doesn'?t work|does not work|won'?t work|can'?t|cannot|not available|unavailable|no good|isn'?t going to work|is out|not free|have the|has the|he has|she has|busy|(?:i|we)'?ve (?:only )?got|(?:i|we) have got|but (?:i|we)(?:'ll| will) be (?:in|away|out|at|on)|(?:i'?m|we'?re) (?:out|away))\b/i;
/** Between two slots of one turn, these drop the first for the second ("Tuesday — no, Wednesday"). */
const SELF_CORRECTION = /^[\s,.?!—–-]*(?:or,?\s*)?(?:no\b|nope|actually|wait|sorry|scratch that|i mean|make it)/i;
/**
 * A slot offered in place of another ("make it 9:30", "how about Friday"): what follows gives the
 * reason for the change ("I've got the morning huddle"), it does not turn the new slot down.
 */
const COUNTER_OFFER = /\b(?:make it|how about|what about|(?:can|could) (?:we|you) do)\s[^,;.!?—–]*$/i;
const REPLY_REJECTS =
  /^\W*(?:(?:oh|um|uh|well|hmm)\W+)*(no\b(?!\s+(?:problem|worries))|nope|negative|that'?s wrong|that doesn'?t|that won'?t|i can'?t|can'?t do|hmm,? no|(?:that|it)(?:'s| is) not (?:ok(?:ay)?|right|correct))/i;
/**
 * Asking to change what was agreed, or the booking failing, reopens it; "actually, yes" answers
 * "anything else?" with a further matter.
 */
const CHANGE =
  /\b(move (?:it|that|the)|reschedule|change (?:it|that|the)|changed my mind|scratch that|instead|rather|switch|cancel|push it|bring it forward|(?:could ?n[o']t|unable to|(?:was|were)(?: not|n'?t) able to) (?:be )?(?:book|make|schedule|reserve)\w*|failed|(?:no longer|not) available)\b|(?:^|[,.!?—–]\s*)actually\b(?!,?\s*(?:yes|yeah|yep)\b)/i;
/** A booking is closed once the caller says yes to it or the business says it is booked. */
const CALLER_CONFIRMS =
  /\b(yes|yeah|yep|yup|fine|good|great|perfect|lovely|brilliant|excellent|wonderful|works|ok(?:ay)?|sure|correct|do it)\b/i;
const BOOKED =
  /\b(?:has been|have been|is now|you'?re all) (?:booked|scheduled|reserved|confirmed|set)\b|\ball set\b|\bsee you\b/i;
/** Moving on to the next matter ("And?", "Anything else?") closes the one just agreed. */
const NEXT_MATTER = /\b(?:and|anything else|what else|what'?s next)\s*\?\s*$/i;

/** The caller calling off a booking ("we need to cancel", "let's just cancel"), not a hypothetical one. */
const CALLER_CANCELS =
  /\b(?:need|want|have|had|got|would like|'d like|going|calling|ringing|wanted) to cancel\b|\blet'?s (?:just )?cancel\b|\bplease cancel\b|\bcancel(?:ling)? (?:it|that|this|my|our)\b/i;
/** Asking for another slot in its place makes a cancellation a move. */
const REBOOK =
  /\b(?:move (?:me|it|us|that)|reschedule (?:for|to|it for)|rebook (?:for|me)|switch (?:it|me) to|change it to|instead)\b/i;

/**
 * The turn where the caller calls off a booking and asks for no other slot in its place, and the
 * days named there (the booking called off, or why: "I'm flying out tomorrow"), or null.
 */
function cancellation(turns: Turn[], slots: Slot[][]): { turn: number; days: LocalDate[] } | null {
  const turn = turns.findLastIndex((t) => t.speaker === "caller" && CALLER_CANCELS.test(t.text));
  if (turn < 0 || turns.slice(turn).some((t) => t.speaker === "caller" && REBOOK.test(t.text))) return null;
  return { turn, days: (slots[turn] ?? []).flatMap((s) => (s.date ? [s.date] : [])) };
}

/** The business turns the caller down, or sends them to the emergency services instead. */
const REFUSAL = /\bno,? thank you\b/i;

/** Only a recording tells the business which key to press: the "caller" is a robocall. */
const ROBOCALL =
  /\b(press (?:1|one|2|two|9|nine)\b|(?:this is an?|an?) (?:automated|pre-?recorded) (?:message|call)|courtesy call (?:regarding|about)|extended warranty|you'?ve won)/i;
/** Either side brushing off a sales call: nothing gets booked in it. */
const UNSOLICITED = /\b(not interested|remove (?:me|my number)|take us off|stop calling|do not call|robocall)\b/i;
/** An answer that neither takes nor turns down a proposal leaves nothing booked. */
const NONCOMMITTAL =
  /^\W*(?:(?:um|uh|oh|well|hmm)\W+)*(?:maybe|perhaps|possibly|not sure|we'?ll see|i'?ll (?:have to |need to )?(?:see|think)|let me (?:think|check|see|talk))/i;
/**
 * The caller putting the decision off ("Okay, I'll have a think and let you know", "I'll call back
 * when I've checked with my wife") in the first sentence of a reply takes up nothing, whatever
 * "okay" opens it; the business checking first still holds the caller's slot.
 */
const DEFERS =
  /\b(?:i'?ll|i will|let me|i need to|i have to|i'?d better) (?:have a think|think (?:about )?it(?: over)?|get back to you|call (?:you )?back|ring (?:you )?back|let you know|check with|talk to|ask)\b/i;
const defers = (reply: string) => DEFERS.test(reply.match(SENTENCE())?.[0] ?? "");

/** A recorded or unsolicited sales call, which books nothing. */
export function isSalesCall(turns: Turn[]): boolean {
  return turns.some(
    (turn) =>
      UNSOLICITED.test(turn.text) || (turn.speaker === "caller" && ROBOCALL.test(normaliseForMentions(turn.text))),
  );
}

/** The caller asked for someone else ("is this Dr. Patel's office?") and was told no. */
export function isWrongNumber(turns: Turn[]): boolean {
  return turns.some(
    (turn, i) =>
      /\bwrong number\b/i.test(turn.text) ||
      // "Ah, no, sorry, you've got a print shop."
      (turn.speaker === "business" &&
        /^\W*(?:(?:ah|oh|um|uh|er)\W+)*no\W+(?:(?:sorry|love|mate|sir|ma'?am)\W+)*you'?ve (?:got|reached|called|rung|dialled|dialed) (?:a|an)\b/i.test(
          turn.text,
        )) ||
      // "This is a law office. Were you trying to reach the DMV?"
      (turn.speaker === "business" &&
        /\b(?:[Ww]ere|[Aa]re) you trying to (?:reach|call|get) (?:the |a |an )?[A-Z]/.test(turn.text)) ||
      (turn.speaker === "caller" &&
        /\b[Ii]s (?:this|that) (?:the\s)?[A-Z]/.test(turn.text) &&
        turns[i + 1]?.speaker === "business" &&
        /^\W*no\b/i.test(turns[i + 1]?.text ?? "")),
  );
}

const clauseOf = (sentence: string, at: number) => {
  const before =
    sentence
      .slice(0, at)
      .split(/[,;—–]/)
      .at(-1) ?? "";
  const after = sentence.slice(at).split(/[,;—–]/)[0] ?? "";
  return before + after;
};

/** The slots of one turn, in order, with mentions that are not proposals left out. */
export function slotsOfTurn(turn: Turn, index: number, today: LocalDate, now?: ClockTime): Slot[] {
  const text = normaliseForMentions(turn.text);
  const mentions = findMentions(turn.text, today, now);
  const slots: Slot[] = [];
  const sentenceRe = SENTENCE();
  let sentenceNo = 0;
  for (let s = sentenceRe.exec(text); s; s = sentenceRe.exec(text), sentenceNo++) {
    const from = s.index;
    const sentence = s[0];
    const inSentence = mentions.filter((m) => m.index >= from && m.index < from + sentence.length);
    const kept = inSentence.filter((m) => {
      const clause = clauseOf(sentence, m.index - from);
      if (HOURS.test(clause) || ASIDE.test(clause)) return false;
      const before = sentence.slice(0, m.index - from);
      if (CONDITION.test(clauseOf(before, before.length)) || NOT_A_PLAN.test(clause)) return false;
      if (turn.speaker === "caller" && OWN_COMMITMENT.test(clauseOf(before, before.length))) return false;
      // "I'm in a meeting till half two", "up since seven": a time things last until or began at is no proposal.
      if (m.kind === "time") return !HEDGE.test(clause) && !TIME_LIMIT_BEFORE.test(before);
      // "By ten tomorrow": the "by" bounds the time said with the day, as a time to be there by.
      const limit = LIMIT_BEFORE.exec(before)?.[1]?.toLowerCase();
      return !limit || (limit === "by" && /^\d/.test(text.slice(m.index, m.end)));
    });
    const dates: Extract<Mention, { kind: "date" }>[] = [];
    for (const m of kept)
      if (m.kind === "date") {
        const last = dates.at(-1);
        // "Monday the 27th": one day said twice.
        // "This Saturday, and ... the Saturday after" are two days, whatever today's reading of the second,
        // and "Thursday at ten, and then Thursday at two" two slots of one day.
        const timeBetween = last && kept.some((t) => t.kind === "time" && t.index >= last.index && t.end <= m.index);
        if (last && compareDates(last.date, m.date) === 0 && !m.relative && !timeBetween)
          dates[dates.length - 1] = { ...last, end: m.end };
        else dates.push(m);
      }
    const timed = new Set<number>();
    for (const m of kept) {
      if (m.kind !== "time") continue;
      const nearest = dates.reduce<(typeof dates)[number] | undefined>((best, d) => {
        // A day inside the time's own words ("Wednesday 10 to 12") is no distance from it.
        const gap = (x: typeof d) => Math.max(0, x.index - m.end, m.index - x.end);
        return best === undefined || gap(d) < gap(best) ? d : best;
      }, undefined);
      if (nearest) timed.add(nearest.index);
      const said = text.slice(m.index, m.end);
      slots.push({
        turn: index,
        sentence: sentenceNo,
        callback: CALLBACK.test(clauseOf(sentence, m.index - from)),
        estimated: !m.fromNow && ESTIMATE.test(clauseOf(sentence, m.index - from)),
        date: m.fromNow ? today : (nearest?.date ?? null),
        time: {
          ...m.time,
          // Whether the half of the day was left unsaid, here or in the words around the time.
          ambiguous:
            !m.fromNow &&
            !DAY_PART.test(timeContext(text, m.index, m.end)) &&
            !/\b(?:0\d|1[3-9]|2[0-3]):\d{2}/.test(said),
        },
        start: Math.min(m.index, nearest?.index ?? m.index),
        end: Math.max(m.end, nearest?.end ?? m.end),
        rejected: false,
        ...(nearest?.relative ? { relative: { day: nearest.relative, at: nearest.index } } : {}),
        ...(nearest?.weekdayOfToday ? { weekdayOfToday: true as const } : {}),
        ...(nearest?.bareWeekday ? { bareWeekday: true as const } : {}),
        ...(m.alternative ? { alternative: m.alternative } : {}),
        ...(m.fromNow ? { fromNow: true as const } : {}),
      });
    }
    for (const d of dates)
      if (!timed.has(d.index))
        slots.push({
          turn: index,
          sentence: sentenceNo,
          callback: CALLBACK.test(clauseOf(sentence, d.index - from)),
          estimated: ESTIMATE.test(clauseOf(sentence, d.index - from)),
          date: d.date,
          time: null,
          start: d.index,
          end: d.end,
          rejected: false,
          ...(d.relative ? { relative: { day: d.relative, at: d.index } } : {}),
          ...(d.weekdayOfToday ? { weekdayOfToday: true as const } : {}),
          ...(d.bareWeekday ? { bareWeekday: true as const } : {}),
        });
  }
  slots.sort((a, b) => a.start - b.start);
  slots.forEach((slot, i) => {
    const after = text.slice(slot.end, slot.end + 28).split(/[.?!]/)[0] ?? "";
    const rejectedAfter =
      REJECTION.test(after) &&
      !/\b(works?|fine|good|great|perfect)\b/i.test(after) &&
      !COUNTER_OFFER.test(text.slice(0, slot.end));
    const next = slots[i + 1];
    const corrected = next !== undefined && SELF_CORRECTION.test(text.slice(slot.end, next.start));
    slot.rejected = rejectedAfter || corrected || NEGATED_BEFORE.test(text.slice(0, slot.start));
  });
  return slots;
}

const sameDay = (a: LocalDate | null, b: LocalDate | null) => a !== null && b !== null && compareDates(a, b) === 0;
const sameClock = (a: ClockTime | null, b: ClockTime | null) =>
  a !== null && b !== null && a.hour % 12 === b.hour % 12 && a.minute === b.minute;

/**
 * "Three's fine", the hour alone ("Ten. Okay.") or with where or whom ("Eleven at the venue,
 * okay"): a reply that takes up a time by its hour.
 */
const HOUR_TAKEN_UP =
  /^\W*(?:(?:yes|yeah|yep|ok(?:ay)?|sure)\W+)?(\d{1,2})(?:\s(\d{2}))?(?:(?:'s|\sis)\s(?:fine|good|great|perfect|ok(?:ay)?)\b|\s*[.!,—–](?!\d)|\s*$|\s(?:at|with)\s(?![^.?!]*\b(?:too|can'?t|not|no)\b))/i;

const ASKS_WHEN = /^\W*(?:\w+\W+){0,2}(?:so\s+)?(?:when|what (?:time|day)|which day)\b[^.!]*\?/i;

/** Slots of turn `i` that the next turn, by the other side, takes up. */
export function takenUp(turns: Turn[], slots: Slot[][], i: number): Slot[] {
  const reply = turns[i + 1];
  const proposed = (slots[i] ?? []).filter((s) => !s.rejected);
  if (!reply || reply.speaker === turns[i]?.speaker || proposed.length === 0) return [];
  if (REPLY_REJECTS.test(reply.text) || (reply.speaker === "caller" && defers(reply.text))) return [];
  const answers = (slots[i + 1] ?? []).filter((s) => !s.rejected);
  // Said back with a time, a day takes up only the slots at that time.
  const echoed = proposed.filter((p) =>
    answers.some((a) =>
      p.date ? sameDay(p.date, a.date) && (!a.time || !p.time || sameClock(p.time, a.time)) : sameClock(p.time, a.time),
    ),
  );
  if (echoed.length > 0) return echoed;
  // The hour of a time just proposed, said back alone.
  const hour = HOUR_TAKEN_UP.exec(normaliseForMentions(reply.text));
  const named = proposed.filter(
    (p) => hour && p.time && p.time.hour % 12 === Number(hour[1]) % 12 && p.time.minute === Number(hour[2] ?? 0),
  );
  if (named.length > 0) return named;
  // The business's "Sure. What's your name?" acknowledges a request and moves on to intake;
  // it agrees to no slot. "Okay. When?" asks for the day: the one said was for something else.
  if (!acceptsProposal(reply.text) || (reply.speaker === "business" && reply.text.trim().endsWith("?"))) return [];
  if (ASKS_WHEN.test(reply.text)) return [];
  // A yes answers the last thing asked: the slots of the turn's last sentence that has any,
  // unless a question without a slot (e.g. "and your name?") comes after it.
  const lastSentence = (proposed.at(-1) as Slot).sentence;
  const sentences = normaliseForMentions(turns[i]?.text ?? "").match(SENTENCE()) ?? [];
  const askedLater = sentences.slice(lastSentence + 1).some((s) => s.trim().endsWith("?"));
  return askedLater ? [] : proposed.filter((p) => p.sentence === lastSentence && !p.estimated);
}

/** The business holding to a day it offered: "the guys will be there tomorrow", "see you Friday". */
const HOLDS_TO = /\b(?:see you|(?:will|'ll) be (?:there|at|with you|round|over|out))\b/i;

/**
 * Proposals from before the last turn that turn `k` takes up late: the other side says one back,
 * day and time ("Okay, tomorrow twelve to two" after a detour about today), or the business holds
 * to the day it offered.
 */
function saidBackLater(turns: Turn[], slots: Slot[][], k: number): Slot[] {
  const speaker = turns[k]?.speaker;
  const said = (slots[k] ?? []).filter((s) => !s.rejected && s.date);
  if (said.length === 0) return [];
  const holds = speaker === "business" && HOLDS_TO.test(turns[k]?.text ?? "");
  const earlier = slots
    .slice(0, Math.max(0, k - 1))
    .flat()
    .filter((p) => !p.rejected && p.date && (turns[p.turn]?.speaker !== speaker || holds));
  return said.flatMap((s) => {
    // A day alone said again ("call them today") is as likely a new matter as agreement.
    const proposal = earlier.findLast(
      (p) => sameDay(p.date, s.date) && (sameClock(p.time, s.time) || (holds && s.time === null)),
    );
    return proposal ? [{ ...proposal, late: true as const }] : [];
  });
}

interface Draft {
  date: LocalDate | null;
  /** Days this booking had before it was moved: their time stays unless a new one is said. */
  movedFrom: (LocalDate | null)[];
  firstTurn: number;
  agreedTurn: number;
  /** Agreed as a day for the business to call the customer back. */
  callback: boolean;
  /** Agreed with other days at once: the one time said for them all, when the day has none. */
  sharedTime?: ClockTime;
}

/** Words that take up several days at once: "two Saturdays", "both", "all three". */
const SEVERAL_DAYS =
  /\b(?:both|all (?:of them|three|four|those)|(?:two|three|four|2|3|4) (?:\w+ )?(?:\w+days|sessions|lessons|visits|appointments|classes))\b/i;
/** Days offered as a series: "the first Monday of each month". */
const SERIES =
  /\b(?:each|every) (?:other )?(?:week|month|fortnight|monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b/i;

/**
 * The days of turn `i`'s last sentence naming any, when the reply takes them up as several
 * bookings ("two Saturdays at nine, great"); else none.
 */
function agreedTogether(turns: Turn[], slots: Slot[][], i: number): Slot[] {
  const offer = turns[i]?.text ?? "";
  const reply = turns[i + 1]?.text ?? "";
  // Saying back one of the days offered picks it, unless the reply itself counts several.
  const picked = (slots[i + 1] ?? []).filter((s) => s.date).length === 1;
  const turnedDown = (slots[i + 1] ?? []).filter((s) => s.rejected);
  const offered = (slots[i] ?? []).filter(
    (s) => !s.rejected && !s.estimated && !s.callback && s.date && !turnedDown.some((t) => sameDay(t.date, s.date)),
  );
  const lastSentence = offered.at(-1)?.sentence;
  const days = offered.filter(
    (s, n) => s.sentence === lastSentence && offered.findIndex((o) => sameDay(o.date, s.date)) === n,
  );
  // The business asking "Tuesday at four and Thursday at four?" offers both days; "Tuesday or
  // Thursday?" offers one of them.
  const text = normaliseForMentions(offer);
  const asked = (text.match(SENTENCE()) ?? [])[lastSentence ?? -1]?.trim().endsWith("?");
  const joined =
    turns[i]?.speaker === "business" &&
    asked &&
    days.length > 1 &&
    days.every((s, n) => n === 0 || /^[^.?!]*\band\b/i.test(text.slice((days[n - 1] as Slot).end, s.start))) &&
    !/\bor\b/i.test(text.slice((days[0] as Slot).start, (days.at(-1) as Slot).end));
  if (!SEVERAL_DAYS.test(reply) && (picked || !(joined || SEVERAL_DAYS.test(offer) || SERIES.test(offer)))) return [];
  return days.length > 1 ? days : [];
}

/** The one time a turn gives, if it gives exactly one. */
function sharedTime(turnSlots: Slot[]): ClockTime | undefined {
  const times = turnSlots.flatMap((s) => (s.time && !s.rejected ? [s.time] : []));
  const [first] = times;
  return first && times.every((t) => formatTime(t) === formatTime(first)) ? first : undefined;
}

/**
 * Taking up one of the times offered for a day turns down the others ("2, or a crew at 4?" - "Two"),
 * unless they were a list of bookings.
 */
function turnDownOtherTimes(turns: Turn[], offered: Slot[], taken: Slot[]): void {
  // Times each paired with its own person ("Mia at nine, Noah at nine thirty") are all booked.
  const listed = (slot: Slot) =>
    isListOfBookings(
      turns,
      offered.filter((s) => s.time && s.sentence === slot.sentence),
    );
  for (const other of offered)
    if (
      other.time &&
      !listed(other) &&
      !other.callback &&
      !taken.includes(other) &&
      taken.some(
        (t) =>
          t.turn === other.turn &&
          t.time &&
          !t.callback &&
          (t.date === other.date || sameDay(t.date, other.date)) &&
          !sameClock(t.time, other.time),
      )
    )
      other.rejected = true;
}

/**
 * "Monday. Okay." said back to "she'll call you by 8:30 Monday" is about that call, and so is
 * what the next turn says back to it.
 */
function markCallBackEchoes(turns: Turn[], slots: Slot[][]): void {
  slots.forEach((turnSlots, i) => {
    const before = slots[i - 1] ?? [];
    if (i === 0 || turns[i - 1]?.speaker === turns[i]?.speaker) return;
    for (const slot of turnSlots) {
      const echoed = before.filter(
        (p) => !p.rejected && sameDay(p.date, slot.date) && (!slot.time || !p.time || sameClock(p.time, slot.time)),
      );
      if (echoed.length > 0 && echoed.every((p) => p.callback)) slot.callback = true;
    }
  });
}

/**
 * The half of the day each day was asked for in: "tomorrow evening", "morning on Friday", or "May
 * ninth? Evening?" (the half asked on its own right after the day).
 */
function halvesOfDays(turns: Turn[], slots: Slot[][]): Map<string, "am" | "pm"> {
  const halves = new Map<string, "am" | "pm">();
  slots.flat().forEach((slot) => {
    if (!slot.date || slot.time || slot.rejected) return;
    const text = normaliseForMentions(turns[slot.turn]?.text ?? "");
    const after = text.slice(slot.end);
    const said =
      /^,?\s*(morning|afternoon|evening|arvo)\b/i.exec(after)?.[1] ??
      /\b(morning|afternoon|evening|arvo)\b/i.exec(text.slice(slot.start, slot.end))?.[1] ??
      /\b(morning|afternoon|evening|arvo)\s+(?:on\s+)?$/i.exec(text.slice(0, slot.start))?.[1] ??
      /^[^.?!]*[.?!]+(?:\s*[^.?!]*[.?!]+)?\s*(?:in the\s)?(morning|afternoon|evening)s?\s*\?/i.exec(after)?.[1];
    if (said) halves.set(formatDate(slot.date), /morning/i.test(said) ? "am" : "pm");
  });
  return halves;
}

/**
 * Words that ask for a half of the day for the whole matter, not for one day ("evenings", "after
 * work", "during breakfast"); a greeting's "good evening" asks for nothing, and "this morning" is
 * as often when the trouble began.
 */
const HALF_ASKED = /\b(?<!good )(evenings|after work|from work|breakfast|early mornings?)\b/gi;

/** How many turns before a slot a half of the day asked for still holds: one matter's worth. */
const HALF_ASKED_TURNS = 4;

/** The half of the day last asked for in the call shortly before a slot. */
function halfAskedBefore(turns: Turn[], slot: Slot): "am" | "pm" | undefined {
  const before = [
    ...turns.slice(Math.max(0, slot.turn - HALF_ASKED_TURNS), slot.turn).map((t) => t.text),
    normaliseForMentions(turns[slot.turn]?.text ?? "").slice(0, slot.start),
  ].join("\n");
  const said = [...before.matchAll(HALF_ASKED)].at(-1)?.[1]?.toLowerCase();
  if (!said) return undefined;
  return /breakfast|morning/.test(said) ? "am" : "pm";
}

/**
 * "Thursday at quarter past seven, or Friday lunchtime?" - "Quarter past seven.": a time said back
 * without a day is the one just offered at that time, not the last day named; said when no day was
 * named in this turn or the one before ("see you at 8:15" after other matters), it is the one day
 * it was said with before.
 */
function dayOfTimeSaidBack(slots: Slot[][], slot: Slot, focusStale: boolean): LocalDate | null {
  const withTime = (turnSlots: Slot[]) =>
    turnSlots.filter((s) => s.date && !s.rejected && s.time && sameClock(s.time, slot.time));
  const offered = withTime(slots[slot.turn - 1] ?? []);
  if (offered.length > 0 || !focusStale) return offered.length === 1 ? (offered[0] as Slot).date : null;
  const earlier = withTime(slots.slice(0, slot.turn).flat());
  const [first] = earlier;
  return first && earlier.every((s) => sameDay(s.date, first.date)) ? first.date : null;
}

/** The last question the other side asked in the turn before turn `i`, and whether it ended that turn. */
function questionAnswered(turns: Turn[], i: number): { question: string; closing: boolean } | undefined {
  if (turns[i - 1]?.speaker === turns[i]?.speaker) return undefined;
  const asked = normaliseForMentions(turns[i - 1]?.text ?? "").match(SENTENCE()) ?? [];
  const question = asked.findLast((s) => s.trim().endsWith("?"));
  return question === undefined ? undefined : { question, closing: question === asked.at(-1) };
}

/** "And if it rains?" - "We'd move to Sunday": days said for what may happen plan nothing yet. */
function answersContingency(turns: Turn[], i: number): boolean {
  const asked = questionAnswered(turns, i);
  return asked?.closing === true && /^\W*(?:(?:and|but|so)\s+)?(?:what\s+)?if\b/i.test(asked.question);
}

/** "When did you find them?" - "Just this arvo": a day said in answer to when something happened is past. */
function answersWhenItHappened(turns: Turn[], i: number): boolean {
  const question = questionAnswered(turns, i)?.question ?? "";
  return /\b(?:when|what time|what day)\s+(?:did|was|were|had|has|have)\b|\bhow long ago\b/i.test(question);
}

/** The bookings of a call, in the order they were agreed. */
export function bookedEvents(turns: Turn[], today: LocalDate, now: ClockTime): BookedEvent[] {
  if (isWrongNumber(turns) || isSalesCall(turns)) return [];
  const slots = turns.map((turn, i) =>
    answersContingency(turns, i) || answersWhenItHappened(turns, i) ? [] : slotsOfTurn(turn, i, today, now),
  );
  // A time said without a day belongs to the day last under discussion, and "the following Monday"
  // counts from the last day named outright (so that saying it back names the same day).
  let focus: LocalDate | null = null;
  let focusTurn = 0;
  let anchor: LocalDate | null = null;
  const relativeDays = new Map<string, LocalDate>();
  for (const slot of slots.flat()) {
    // "Wednesday?" said on a Wednesday while later days are under discussion is next week's.
    if (slot.weekdayOfToday && focus && compareDates(focus, today) > 0) slot.date = addDays(today, 7);
    // "Thursday." said back to "Thursday the 13th", or "the 22nd, the Saturday": the day just discussed.
    if (
      slot.bareWeekday &&
      slot.date &&
      focus &&
      slot.turn - focusTurn <= 2 &&
      compareDates(focus, slot.date) > 0 &&
      weekdayOf(focus) === weekdayOf(slot.date)
    )
      slot.date = focus;
    if (slot.relative && anchor) {
      const key = `${slot.turn}:${slot.relative.at}`;
      slot.date = relativeDays.get(key) ?? resolveRelative(anchor, slot.relative.day);
      relativeDays.set(key, slot.date);
    } else if (slot.date && !slot.rejected) anchor = slot.date;
    if (slot.date && !slot.rejected) {
      focus = slot.date;
      focusTurn = slot.turn;
    } else if (!slot.date) slot.date = dayOfTimeSaidBack(slots, slot, slot.turn - focusTurn > 1) ?? focus;
  }
  // "We both work, so evenings" ... "Thursday at seven": an hour said without its half of the day,
  // after the call asked for one half, is in that half.
  for (const slot of slots.flat()) {
    const time = slot.time;
    if (!time?.ambiguous) continue;
    const half = halfAskedBefore(turns, slot);
    const hour = time.hour % 12;
    if (half === "pm" && hour >= 7 && hour <= 9) Object.assign(time, { hour: hour + 12, ambiguous: false });
    if (half === "am" && hour >= 5 && hour <= 6) Object.assign(time, { hour, ambiguous: false });
  }
  // A time said back without its half of the day ("the 25th at seven") is the one proposed for that
  // day with it ("seven p.m.").
  const all = slots.flat();
  all.forEach((slot, i) => {
    const time = slot.time;
    if (!time?.ambiguous) return;
    const said = all
      .slice(0, i)
      .findLast((s) => s.time && !s.time.ambiguous && sameDay(s.date, slot.date) && sameClock(s.time, time));
    if (said?.time) Object.assign(time, { hour: said.time.hour, ambiguous: false });
  });
  // "Tomorrow evening?" ... "Make it seven": an hour said without its half of the day for a day
  // asked for in one half is in that half.
  const halves = halvesOfDays(turns, slots);
  for (const slot of all) {
    const half = slot.time?.ambiguous && slot.date ? halves.get(formatDate(slot.date)) : undefined;
    if (!slot.time || !half) continue;
    const hour = slot.time.hour % 12;
    if (half === "pm" && hour > 0) slot.time.hour = hour + 12;
    if (half === "am" && hour >= 5) slot.time.hour = hour;
    slot.time.ambiguous = false;
  }
  // "Five to seven" said back to "between five and seven" is that window, not 6:55.
  all.forEach((slot, i) => {
    const { time, alternative } = slot;
    if (!time || !alternative) return;
    const earlier = all.slice(0, i).filter((s) => s.time && sameDay(s.date, slot.date));
    const window = earlier.findLast((s) => sameClock(s.time, alternative));
    if (window?.time && !earlier.some((s) => sameClock(s.time, time)))
      Object.assign(time, { hour: window.time.hour, minute: window.time.minute, ambiguous: window.time.ambiguous });
  });
  // Nobody books a time already past: said for today, it is the next day's ("seven a.m." at 23:30
  // is 07:00 tomorrow, "ten past twelve" at 23:30 is 00:10 the next day).
  for (const slot of slots.flat()) {
    const time = slot.time;
    if (!time || (slot.date && !sameDay(slot.date, today))) continue;
    const past = (t: ClockTime) => t.hour * 60 + t.minute < now.hour * 60 + now.minute;
    if (time.ambiguous) {
      // Said for today without am or pm, a time is the next such time on the clock: "quarter past
      // four" at 02:40 is 04:15, "by eleven" at 22:35 is 23:00, "ten past twelve" at 23:30 is 00:10.
      const morning = { hour: time.hour % 12, minute: time.minute };
      const evening = { hour: morning.hour + 12, minute: time.minute };
      const next = [morning, evening].find((t) => !past(t));
      time.hour = (next ?? morning).hour;
      if (!next) slot.date = addDays(today, 1);
    } else if (past(time)) slot.date = addDays(today, 1);
  }

  markCallBackEchoes(turns, slots);
  const drafts: Draft[] = [];
  const firstTurnOf = (date: LocalDate | null) =>
    slots.flat().find((s) => (date ? sameDay(s.date, date) : s.date === null))?.turn ?? 0;
  for (let i = 0; i + 1 < turns.length; i++) {
    const taken = [...takenUp(turns, slots, i), ...saidBackLater(turns, slots, i + 1)];
    const together = taken.length > 0 ? agreedTogether(turns, slots, i) : [];
    turnDownOtherTimes(turns, slots[i] ?? [], taken);
    for (const slot of together.length > 0 ? together : taken) {
      const agreedTurn = i + 1;
      // A promise to call back on some day is an event of its own: it neither merges with nor moves
      // a visit. One with a time on a booked day reads back that booking (a call at a set time is
      // the appointment itself).
      const same = drafts.find(
        (d) =>
          (d.callback === slot.callback || slot.time !== null) &&
          (slot.date ? sameDay(d.date, slot.date) : d.date === null),
      );
      const night = drafts.find((d) => d.date && sameNight(d.date, slot));
      const last = drafts.at(-1);
      if (same) continue;
      if (night) {
        night.date = slot.date;
        night.agreedTurn = agreedTurn;
      } else if (
        last &&
        !(together.length > 0 && last.agreedTurn === agreedTurn) &&
        !slot.late &&
        last.callback === slot.callback &&
        (last.date === null || !closedBefore(turns, last, slot.turn) || changedSince(turns, slots, last, agreedTurn))
      ) {
        last.movedFrom.push(last.date);
        last.date = slot.date;
        last.agreedTurn = agreedTurn;
        last.callback = slot.callback;
        last.firstTurn = firstTurnOf(slot.date);
      } else
        drafts.push({
          date: slot.date,
          movedFrom: [],
          firstTurn: firstTurnOf(slot.date),
          agreedTurn,
          callback: slot.callback,
          ...(together.length > 0 ? { sharedTime: sharedTime(slots[i] ?? []) } : {}),
        });
    }
  }
  if (drafts.length > 0) drafts.push(...promisedCalls(turns, slots, drafts));
  const standing = slots.flat().filter((s) => !s.rejected);
  const cancelled = cancellation(turns, slots);
  if (cancelled) {
    // What was agreed before the caller called it off is off; a day named with the cancellation
    // ("flying out tomorrow"), or read back after it ("I see you Monday the 9th"), books nothing either.
    const kept = drafts.filter((d) =>
      cancelled.days.length > 0 ? !cancelled.days.some((day) => sameDay(day, d.date)) : d.agreedTurn > cancelled.turn,
    );
    if (kept.length === 0) return [];
    drafts.splice(0, drafts.length, ...kept);
  }
  if (drafts.length === 0) {
    const callText = turns.map((t) => normaliseForMentions(t.text)).join("\n");
    const last = standing.filter((s) => !s.callback && !s.estimated).at(-1);
    const answer =
      last && turns[last.turn + 1]?.speaker !== turns[last.turn]?.speaker ? turns[last.turn + 1] : undefined;
    // "If it gets too hot, call 911" is advice for what may happen, not sending the caller elsewhere.
    const sentAway = (callText.match(SENTENCE()) ?? []).some(
      (s) => !/\bif\b/i.test(s) && SEND_TO_EMERGENCY_SERVICES.test(s),
    );
    if (REFUSAL.test(callText) || sentAway) return [];
    const requested = callbackRequest(turns, slots);
    if (requested) return [requested];
    if (!last) return callbackPromise(turns, slots);
    // A proposal left open ("Maybe, I'll have to see") was not even tentatively booked.
    if (
      answer &&
      (NONCOMMITTAL.test(answer.text) ||
        // A flat "no" turns the proposal down; "no, actually at Celia's" changes another detail of it.
        (REPLY_REJECTS.test(answer.text) && !CHANGE.test(answer.text)) ||
        (answer.speaker === "caller" && defers(answer.text)))
    )
      return [];
    // A time said with no day anywhere in the call ("about twenty to ten", "from three-twenty") and
    // taken up by nobody is as likely a price, an age or a past moment as an offer.
    if (last.date === null && last.time?.ambiguous && last.time.minute % 15 !== 0) return [];
    // Days offered as alternatives ("tomorrow after two, or any time Monday") that nobody picked
    // leave the day open.
    if (leftOpen(turns, standing, last))
      return [
        withAbout(
          turns,
          { datetime: null, firstTurn: last.turn, agreedTurn: last.turn, tentative: true },
          0,
          turns.length - 1,
          today,
        ),
      ];
    const draft = { date: last.date, movedFrom: [], firstTurn: last.turn, agreedTurn: last.turn, callback: false };
    return [withAbout(turns, toEvent(draft, standing, today, now, true), 0, turns.length - 1, today)];
  }
  // "By ten" agreed before any day was named and "ten tonight" said back are one booking, as said last.
  const at = (d: Draft) => `${toEvent(d, standing, today, now, false).datetime}${d.callback ? " call" : ""}`;
  const unique = drafts.filter((d, n) => drafts.findLastIndex((o) => at(o) === at(d)) === n);
  return unique.flatMap((d, n) => {
    const event = toEvent(d, standing, today, now, false);
    // One booking is about the whole call; of several, each is about the turns that arranged it,
    // the first also about the matter the call opened with.
    const about =
      unique.length === 1
        ? withAbout(turns, event, 0, turns.length - 1, today, false, d.movedFrom)
        : withAbout(turns, event, n === 0 ? 0 : Math.max(0, d.firstTurn - 1), d.agreedTurn, today, true, d.movedFrom);
    const times = listedTimes(turns, standing, d);
    if (times.length === 0) return [about];
    return times.map((time) => ({
      ...about,
      datetime: `${event.datetime.slice(0, 10)}T${formatTime(time)}`,
    }));
  });
}

/** Whether the sentence of the last proposal offers other days too, as alternatives ("or"). */
function leftOpen(turns: Turn[], standing: Slot[], last: Slot): boolean {
  const offered = standing.filter((s) => s.turn === last.turn && s.sentence === last.sentence && s.date);
  const text = normaliseForMentions(turns[last.turn]?.text ?? "");
  return offered.some(
    (s, n) =>
      n > 0 &&
      !sameDay(s.date, (offered[n - 1] as Slot).date) &&
      /\bor\b/i.test(text.slice((offered[n - 1] as Slot).end, s.start)),
  );
}

/**
 * Words between two times that make them alternatives or the ends of a span, not a list; "and
 * then" goes on to the next item of one, and a hyphen inside words ("eleven-oh-nine") joins no span.
 */
const NOT_A_LIST =
  /\b(or|to|till|until|through|between|instead|actually|no|not|rather|(?<!\band )then)\b|(?<![a-z])[-–—](?![a-z])/i;

/**
 * "Sofia at 3:40, you at 4:10": times said for the booked day in the last sentence that lists
 * them, each paired with its own person or job, are that many bookings; saying one of them again
 * later ("see you all at nine") keeps the list, a time not in it or several together replace it. A bare list ("2 pm
 * and 4 pm") offers alternatives: one booking, at the time `toEvent` chose (an empty list here).
 */
function listedTimes(turns: Turn[], standing: Slot[], draft: Draft): ClockTime[] {
  const onDay = standing.filter((s) => s.time && draft.date && sameDay(s.date, draft.date));
  for (let end = onDay.length; end > 0; ) {
    const last = onDay[end - 1] as Slot;
    const listed = onDay.filter((s) => s.turn === last.turn && s.sentence === last.sentence);
    const times = listed.map((s) => s.time as ClockTime);
    if (isListOfBookings(turns, listed) && new Set(times.map(formatTime)).size === times.length) {
      const saidAfter = onDay.slice(end);
      const oneEach = saidAfter.every(
        (s) => !saidAfter.some((o) => o !== s && o.turn === s.turn && o.sentence === s.sentence),
      );
      return oneEach && saidAfter.every((s) => times.some((t) => sameClock(t, s.time))) ? times : [];
    }
    end = onDay.indexOf(listed[0] as Slot);
  }
  return [];
}

function isListOfBookings(turns: Turn[], listed: Slot[]): boolean {
  const text = normaliseForMentions(turns[(listed[0] as Slot).turn]?.text ?? "");
  return (
    listed.length >= 2 &&
    listed.every((s, i) => {
      if (i === 0) return true;
      const gap = text.slice((listed[i - 1] as Slot).end, s.start);
      return !NOT_A_LIST.test(gap) && /\w/.test(gap.replace(/\b(and|also|at)\b/gi, ""));
    })
  );
}

/**
 * The sentences of turns `from`..`to` that name no day, or name the event's own day or a day it
 * was moved from: what a moved booking was ("my case review on Thursday") is what it still is.
 */
function withAbout(
  turns: Turn[],
  event: Omit<BookedEvent, "about">,
  from: number,
  to: number,
  today: LocalDate,
  endAtAgreement = false,
  movedFrom: (LocalDate | null)[] = [],
): BookedEvent {
  const day = event.datetime?.slice(0, 10);
  const earlierDays = new Set(movedFrom.flatMap((d) => (d ? [formatDate(d)] : [])));
  const sentences = turns.slice(from, to + 1).flatMap((turn, i) => {
    const text = normaliseForMentions(turn.text);
    const days = findMentions(turn.text, today).filter((m) => m.kind === "date");
    const kept: string[] = [];
    let lastNamingDay = -1;
    const sentenceRe = SENTENCE();
    for (let s = sentenceRe.exec(text); s; s = sentenceRe.exec(text)) {
      const start = s.index;
      const named = days.filter((m) => m.index >= start && m.index < start + (s as RegExpExecArray)[0].length);
      if (named.some((m) => formatDate(m.date) === day)) lastNamingDay = kept.length;
      if (named.length === 0 || named.some((m) => formatDate(m.date) === day || earlierDays.has(formatDate(m.date))))
        kept.push(s[0]);
    }
    // Of several bookings, what the agreeing turn says after agreeing ("Thursday at one. Fine. And
    // we've got ants too") moves on to the next one.
    const agreeing = i === to - from && endAtAgreement && lastNamingDay >= 0;
    return agreeing ? kept.slice(0, lastNamingDay + 2) : kept;
  });
  return { ...event, about: sentences.join("\n") };
}

/** A promise to phone the customer ("I'll chase it and ring you when it's in"), not to text or email. */
const PROMISED_CALL =
  /\b(?:i|we|he|she|they)(?:'ll| will) (?:\w+ ){0,4}(?:call|ring|phone|get back to) you\b|\bgive you a (?:ring|call)\b/i;

/**
 * With nothing booked, the business's promise to call back, if the caller did not turn it down,
 * is the call's one event: on the day promised, or with no day when none was (only estimated).
 */
function callbackPromise(turns: Turn[], slots: Slot[][]): BookedEvent[] {
  const i = turns.findLastIndex((t) => t.speaker === "business" && PROMISED_CALL.test(t.text) && !ASIDE.test(t.text));
  const promise = turns[i];
  if (!promise || REPLY_REJECTS.test(turns[i + 1]?.text ?? "")) return [];
  const day = (slots[i] ?? []).find((s) => s.date && !s.rejected && !s.estimated);
  const datetime = day?.date ? formatDate(day.date) + (day.time ? `T${formatTime(day.time)}` : "") : null;
  return [{ datetime, firstTurn: i, agreedTurn: i, tentative: false, callback: true, about: promise.text }];
}

/** The caller asking to be phoned back ("can somebody call me back Monday?"). */
const REQUESTED_CALL = /\b(?:call|ring|phone) me(?: back)?\b|\bgive me a (?:call|ring)\b|\bget back to me\b/i;

/**
 * With nothing agreed, the caller's request to be called back on a day (a voicemail's "call me
 * back tomorrow morning"), unless the business turned it down: the call's one event, on that day,
 * at the time said with it or right after it ("Monday? Anytime after ten.").
 */
function callbackRequest(turns: Turn[], slots: Slot[][]): BookedEvent | null {
  const text = (i: number) => normaliseForMentions(turns[i]?.text ?? "");
  const i = turns.findLastIndex(
    (t, n) =>
      t.speaker === "caller" &&
      (slots[n] ?? []).some((s) => s.date && s.callback && !s.rejected && !s.estimated && REQUESTED_CALL.test(text(n))),
  );
  if (i < 0 || REPLY_REJECTS.test(turns[i + 1]?.text ?? "")) return null;
  const day = (slots[i] ?? []).find((s) => s.date && s.callback && !s.rejected && !s.estimated) as Slot;
  const time =
    day.time ??
    (slots[i] ?? []).find((s) => s.time && !s.rejected && s.start > day.start && sameDay(s.date, day.date))?.time;
  const datetime = formatDate(day.date as LocalDate) + (time ? `T${formatTime(time)}` : "");
  return { datetime, firstTurn: i, agreedTurn: i, tentative: false, callback: true, about: turns[i]?.text ?? "" };
}

/** Anyone's promise to phone ("Renée will call you in ten minutes"), to be timed by a day said with it. */
const CALL_PROMISED_AT =
  /(?:'ll|\bwill) (?:\w+ ){0,4}(?:call|ring|phone|get back to) you\b|\bgive you a (?:ring|call)\b/i;

/**
 * Next to other bookings, the business's promise to phone the customer on a day of its own ("she'll
 * ring you this afternoon") is one more event, unless the caller turned it down.
 */
function promisedCalls(turns: Turn[], slots: Slot[][], drafts: Draft[]): Draft[] {
  const calls: Draft[] = [];
  turns.forEach((turn, i) => {
    if (turn.speaker !== "business" || !CALL_PROMISED_AT.test(turn.text)) return;
    if (REPLY_REJECTS.test(turns[i + 1]?.text ?? "")) return;
    // "I'm sending Tomasz on site" beside the promise does not make the call a document sent.
    const sentences = normaliseForMentions(turn.text).match(SENTENCE()) ?? [];
    const promised = (s: Slot) => !ASIDE.test(sentences[s.sentence] ?? "");
    // A call "the day before" a booking, to give its time, arranges that booking.
    const call = (slots[i] ?? []).find(
      (s) => s.callback && !s.rejected && !s.estimated && s.date && !s.relative && promised(s),
    );
    // On a booked day, only a call timed from now ("in ten minutes") is surely not that booking's.
    if (!call || [...drafts, ...calls].some((d) => sameDay(d.date, call.date) && (d.callback || !call.fromNow))) return;
    calls.push({ date: call.date, movedFrom: [], firstTurn: i, agreedTurn: i, callback: true });
  });
  return calls;
}

/** "Tonight" runs into the small hours of the next day. */
function sameNight(evening: LocalDate, slot: Slot): boolean {
  return slot.time !== null && slot.time.hour < 6 && sameDay(slot.date, addDays(evening, 1));
}

/** Whether the booking was closed before `turn`; until then a new day is a counter-proposal for it. */
function closedBefore(turns: Turn[], draft: Draft, turn: number): boolean {
  return turns
    .slice(draft.agreedTurn, turn)
    .some((t) =>
      t.speaker === "caller"
        ? CALLER_CONFIRMS.test(beforeFirstQuestion(t.text)) && !REPLY_REJECTS.test(t.text)
        : BOOKED.test(t.text) || NEXT_MATTER.test(t.text),
    );
}

/** A caller's "Thursday at one. Fine. And do you also...?" confirms before asking the next thing. */
function beforeFirstQuestion(text: string): string {
  const sentences = text.match(SENTENCE()) ?? [];
  const end = sentences.findIndex((s) => s.trim().endsWith("?"));
  return sentences.slice(0, end < 0 ? sentences.length : end).join(" ");
}

/**
 * Asking to change a closed booking reopens it, and so does a "no" to the booking read back; a
 * "no" to a proposal of another day turns down only that proposal.
 */
function changedSince(turns: Turn[], slots: Slot[][], draft: Draft, to: number): boolean {
  for (let i = draft.agreedTurn + 1; i <= to; i++) {
    const text = turns[i]?.text ?? "";
    // What the agreeing turn says after the slot it takes up ("Thursday at ten. Actually, can the
    // plumber look at it today?") is about another matter.
    const firstSlot = i === to ? (slots[i] ?? [])[0] : undefined;
    const said = firstSlot ? normaliseForMentions(text).slice(0, firstSlot.end) : text;
    if (CHANGE.test(said)) return true;
    // A "no" to a question that named no day or time ("Will he be there too?") is about that question.
    const answered = slots[i - 1] ?? [];
    if (
      REPLY_REJECTS.test(text) &&
      answered.length > 0 &&
      !answered.some((s) => s.date && !sameDay(s.date, draft.date))
    )
      return true;
  }
  return false;
}

/**
 * The booking's day with the last time said for that day that nobody turned down; a time
 * said before any day was named ("at 7:15 pm ... on the 12th") or for the day the booking
 * was moved from serves when the day has none.
 */
function toEvent(
  draft: Draft,
  standing: Slot[],
  today: LocalDate,
  now: ClockTime,
  tentative: boolean,
): Omit<BookedEvent, "about"> & { datetime: string } {
  // A call back gets only a time said for the call, not the visit's on the same day.
  const timed = standing.filter((s) => s.time && (!draft.callback || s.callback));
  const timeOn = (day: LocalDate | null) =>
    timed.filter((s) => (day ? sameDay(s.date, day) : s.date === null)).at(-1)?.time;
  const time =
    [draft.date, ...[...draft.movedFrom].reverse(), null].map(timeOn).find((t) => t !== undefined) ?? draft.sharedTime;
  let day = draft.date ?? today;
  if (!draft.date && time && time.hour * 60 + time.minute < now.hour * 60 + now.minute) day = addDays(day, 1);
  return {
    datetime: time ? `${formatDate(day)}T${formatTime(time)}` : formatDate(day),
    firstTurn: draft.firstTurn,
    agreedTurn: draft.agreedTurn,
    tentative,
    ...(draft.callback ? { callback: true as const } : {}),
  };
}
