/** The type of a booked event, from what the call says about it in the industry's vocabulary. */
import type { EventType, IndustryType } from "@flynn/domain";

/** What an industry books when the call names nothing more specific. */
const INDUSTRY_DEFAULT_TYPE: Record<IndustryType, EventType> = {
  plumbing: "service_call",
  real_estate: "appointment",
  legal: "consultation",
  medical: "appointment",
  // A sales call is a demo only when a demo is asked for; otherwise it is a meeting.
  sales: "meeting",
  consulting: "consultation",
  general_services: "service_call",
  other: "appointment",
};

const TYPE_WORDS: [EventType, RegExp][] = [
  // "Emergency" before a device or a place ("the emergency cord", "the emergency room") names that
  // thing, not this caller's situation.
  [
    "emergency",
    /\b(emergency(?! (?:cord|release|exit|brake|lights?|lighting|kit|fund|contacts?|numbers?|line|room|department|services?|rates?|fees?|prices?|charges?|surcharges?|call-?out fees?))|burst|flood(?:ing|ed)?|gas leak|water everywhere|no heat|sewage|locked out|lockout)\b/gi,
  ],
  // Measuring up before work is done is how the business prices it. A quote "from" someone is
  // another business's price the caller already has, not one this business comes to give; a
  // signed or accepted quote is done with, and the visit does the work.
  [
    "quote",
    /\b((?<!\b(?:signed|accepted|approved|agreed) )(?:quote|proposal)(?! from\b)|estimate|estimator|bid|ballpark|price on|(?:a|the|your) price (?:to|for|on)|written price|measur(?:e|ing)(?! of\b))\b/gi,
  ],
  // Looking into a structure or a line, an audit, or a periodic test, is an inspection, whatever is done afterwards.
  // A "diagnostic" is the fee of a repair visit (the tech fixes it then), not an inspection.
  [
    "inspection",
    /\b(inspection|inspect|inspector|(?:put|run|send|with) a camera|camera (?:inspection|survey|down|through|into|up)|(?:drain|sewer|pipe|line) camera|(?:pre-|mock )?audit|(?:annual|yearly|safety|compliance) (?:\w+ )?test(?:ing)?|testing)\b/gi,
  ],
  // Showing the product working, or letting the customer try it: a demo whatever it is called.
  [
    "demo",
    /\b(demos?|demonstrations?|walk ?through of the (?:software|platform|product)|test[- ](?:drive|ride|soak|run)s?|wet tests?|trial (?:install|run|period)|free trial|show you (?:on|how|the|it|what)\b|take (?:it|her|him|them|one|the \w+|that \w+) (?:out )?for a (?:drive|spin|ride|test)\b|screen ?share|see (?:it|them) in action\b)/gi,
  ],
  // An appraisal of a home for sale is the agent's consultation with the seller.
  [
    "consultation",
    /\b(consultation|consult|(?:initial|first) meeting|strategy session|discovery call|appraisals?|valuation|(?:market|home|property) (?:evaluation|appraisal|analysis|assessment)|value (?:our|my|the|your|their) (?:house|home|property|place|flat|apartment|condo)|second opinion|sell(?:ing)? (?:our|my|the|your|their) (?:house|home|property|place|flat|apartment|condo))\b/gi,
  ],
  // Checking on earlier work: its results or report, stitches out, or the business calling back.
  [
    "follow_up",
    /\b(follow[- ]?up|check[- ]?in|recheck|post-op|stitches|sutures|(?:results|report)(?:'s| is| are)? (?:in|back|ready)|(?:go (?:over|through)|discuss|review|explain) (?:the |your |his |her |their )?(?:results|report|findings)|what (?:i|we|he|she|they) found|call-?backs?(?! (?:number|no\b))|call you(?: back)?|give you a (?:ring|call)|ring you)\b/gi,
  ],
  // "A kickoff workshop" is something to attend; "the workshop", "our workshop" is a known place.
  ["meeting", /\b(case review|kick-?off|(?<!\b(?:the|our|your|my|this|that) )workshop)\b/gi],
  // Coming in to sign papers is an appointment, whatever the industry usually books.
  [
    "appointment",
    /\b(showing|viewing|reservation|table for|haircut|signings?|(?:come|be) in to sign|sign(?:ing)? (?:the|your|my|their|our) (?:wills?|contracts?|papers|documents|lease|deeds?|transfer))\b/gi,
  ],
  // Who comes ("the tech") says nothing of what the visit is for; sending someone does.
  // Sending someone "to measure" or "to test" is typed by what they are sent to do.
  [
    "service_call",
    /\b(service call|send (?:a|someone|somebody|a tech)(?! (?:\w+ )?(?:out |over |round )?to\b)|repair|fix|install|maintenance)\b/gi,
  ],
];

/**
 * A plain "meeting" or "sit down" is what the industry meets for: with a lawyer or a consultant
 * that is a consultation; elsewhere it is a meeting.
 */
const PLAIN_MEETING = /\b(meeting|meet with|sit down|call with)\b/gi;
/**
 * Where the usual booking is a consultation (a lawyer's, a consultant's), "an appointment" is the
 * everyday word for it; elsewhere it names an appointment. One named by what it is for ("a
 * cardiology appointment", "my hair appointment") is with another business.
 */
const APPOINTMENT =
  /(?<=\b(?:a|an|the|your|my|our|his|her|their|this|that|next|first|another|new|same) (?:(?:first|initial|next|new|follow-up) )?)appointments?\b/gi;
/** A "visit" is the industry's usual booking: a tradesperson's is a service call, a clinic's an appointment. */
const VISIT = /\bvisits?\b/gi;

/** Words for the work an industry does, which name its usual booking ("a dental cleaning", "an end-of-lease clean"). */
const INDUSTRY_WORDS: Partial<Record<IndustryType, [EventType, RegExp]>> = {
  medical: ["appointment", /\b(cleaning|check-?up|exam|scan)\b/gi],
  general_services: [
    "service_call",
    /\b(clean(?:ing|ers?)?|treatment|spraying|pest control|mow(?:ing)?|removals?|(?:the|a|our|my|your|their|house|office) move|moving (?:house|home|office|out|in)|lawn)\b/gi,
  ],
  // A seller's tasting shows the product to a buyer; elsewhere (a caterer's) it is a meeting.
  sales: ["demo", /\b(tastings?)\b/gi],
  other: ["meeting", /\b(tastings?)\b/gi],
};

/** Clauses that do not describe the booking: past events, and sending or confirming things. */
const PAST = /\b(last (?:week|month|time|year)|yesterday|ago|did (?:the|a)|we did)\b/i;
// Sending a person ("we'll send someone to measure up") is the booking itself, not routine.
const ROUTINE =
  /\b(send(?:ing)?(?! (?:someone|somebody|anyone|a (?:tech|technician|guy|bloke|crew|team|surveyor|estimator|plumber|fitter)|(?:him|her|them) (?:out|over|round)))|e-?mail (?:you|it|them|the)|text you|to confirm)\b/i;
// "Doesn't", "wont": not any word ending in "nt" ("basement", "appointment").
const NEGATION =
  /(?:\b(?:not|no|never)\b|n['’]t\b|\b(?:dont|cant|wont|isnt|arent|doesnt|didnt|wasnt|werent|havent|hasnt)\b)[^,]*$/i;
/**
 * Conditions ("if you do it here") and open choices ("decide whether she comes in") describe what
 * may follow, not the booking; "see if" asks a question.
 */
const CONDITION = /(?<!\b(?:see|ask|check|know|wonder|find out)\s)\b(if|unless|in case|whether)\b/i;
/** "If either one fails, he'll quote the repair": what follows a condition is conditional too. */
const OPENS_WITH_CONDITION = /^\W*(?:(?:and|but|so|oh|okay|ok|now)\W+)?(?:if|unless|in case)\b/i;
/** A promise to call back that names no day is a later step of this booking, not another event. */
const LATER_CALL = /\b(?:call|ring|get back to) you\b|\bgive you a (?:ring|call)\b/i;
const DAY_NAMED =
  /\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday|today|tomorrow|tonight|morning|afternoon|evening|next week|\d{1,2}(?:st|nd|rd|th))\b/i;

/** A yes-or-no question about the situation: "Any water on the floor?", "Is it a burst?". */
const CHECKS = /^\W*(?:(?:and|so|okay|ok|right)\W+)?(?:any|is|are|was|were|do|does|did|has|have)\b[^?]*\?\s*$/i;

/**
 * "After the demo", "before the inspection": a booking placed relative to another one names that
 * other one; "and then we'll quote you" names the step that follows the booking.
 */
const ANOTHER_EVENT =
  /\b(?:(?:after|before|following) (?:the|our|your) (?:\w+ )?|(?:and then|then (?:we|i|he|she|they)(?:['’]ll|['’]d| will| would| can)?)\b.*)$/i;

/** What `text` says happened or will happen before it: "a call after the demo" -> "demo". */
export function eventsNamedBefore(text: string): string {
  return [...text.matchAll(/\b(?:after|following) (?:the|our|your) ((?:\w+ )?\w+)/gi)].map((m) => m[1]).join("\n");
}

/**
 * A clinic sees the patient where it is: what it checks or fixes there ("a hearing aid fix", "a
 * check of the eye") is an appointment, not a tradesperson's visit or an inspection.
 */
const SEEN_IN_CLINIC: Partial<Record<IndustryType, EventType[]>> = { medical: ["service_call", "inspection"] };

/** Type words of the text, leaving out negated ones ("doesn't sound like an emergency"). */
export function typeScores(text: string, industry: IndustryType): Map<EventType, number> {
  const scores = new Map<EventType, number>();
  const plainMeeting: EventType = INDUSTRY_DEFAULT_TYPE[industry] === "consultation" ? "consultation" : "meeting";
  const industryWords = INDUSTRY_WORDS[industry];
  const words: [EventType, RegExp][] = [
    ...TYPE_WORDS,
    [plainMeeting, PLAIN_MEETING],
    [INDUSTRY_DEFAULT_TYPE[industry], VISIT],
    [INDUSTRY_DEFAULT_TYPE[industry] === "consultation" ? "consultation" : "appointment", APPOINTMENT],
    ...(industryWords ? [industryWords] : []),
  ];
  const clauses = text
    .split(/(?<=[.!?])\s+|\n/)
    .flatMap((sentence) =>
      sentence
        .split(/[,;.!?—–]+/)
        .map((clause) => ({ clause, checks: CHECKS.test(sentence), conditional: OPENS_WITH_CONDITION.test(sentence) })),
    );
  for (const { clause, checks, conditional } of clauses) {
    if (conditional) continue;
    const laterCall = LATER_CALL.test(clause);
    // A call promised for a named day is a booking of its own, even one made to confirm details.
    if (PAST.test(clause) || (ROUTINE.test(clause) && !(laterCall && DAY_NAMED.test(clause)))) continue;
    if (CONDITION.test(clause) || (laterCall && !DAY_NAMED.test(clause))) continue;
    for (const [type, re] of words) {
      // "Any sign of a burst?" checks for an emergency; it does not say there is one.
      if (checks && type === "emergency") continue;
      for (const m of clause.matchAll(re))
        if (
          !NEGATION.test(clause.slice(Math.max(0, m.index - 20), m.index)) &&
          !ANOTHER_EVENT.test(clause.slice(0, m.index))
        )
          scores.set(type, (scores.get(type) ?? 0) + 1);
    }
  }
  for (const type of SEEN_IN_CLINIC[industry] ?? []) {
    const usual = INDUSTRY_DEFAULT_TYPE[industry];
    scores.set(usual, (scores.get(usual) ?? 0) + (scores.get(type) ?? 0));
    scores.delete(type);
  }
  return scores;
}

const EMERGENCY_WITHIN_HOURS = 12;

/** The type named most often, the industry's usual booking winning ties; only allowed types. */
export function chooseEventType(
  text: string,
  industry: IndustryType,
  allowed: readonly EventType[],
  options: { hoursAhead?: number; dangerNow?: boolean } = {},
): EventType {
  const withinHours = options.hoursAhead === undefined || options.hoursAhead <= EMERGENCY_WITHIN_HOURS;
  // Danger now (see `isEmergency`) met by a visit within hours is an emergency, whatever words name it.
  if (options.dangerNow && withinHours && allowed.includes("emergency")) return "emergency";
  const scores = typeScores(text, industry);
  // An emergency is met within hours; an "emergency slot" on a later day is an ordinary booking.
  if (!withinHours) scores.delete("emergency");
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
