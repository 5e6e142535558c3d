/**
 * How urgent a call is: an emergency said in it, how soon the booking is, words of hurry or
 * concern, and whether the caller rang outside the business's hours.
 */
import {
  type BusinessHours,
  type IndustryType,
  type UrgencyLevel,
  WEEKDAYS,
  type Weekday,
  wallClock,
} from "@flynn/domain";
import { minutesUntil } from "./datetime";
import { saidBy, sentencesOf, type Turn } from "./turns";

const weekdays = (days: Weekday[], start: string, end: string): BusinessHours =>
  Object.fromEntries(days.map((day) => [day, { start, end }]));
const MON_FRI = WEEKDAYS.slice(0, 5) as Weekday[];

/**
 * The industries' default opening hours, as the system defaults in the database hold them
 * (packages/db/migrations/0003_default-data.sql; a test keeps the two in step). Used when the
 * caller of the extractor passes no hours of its own, as the eval and the CLI do.
 */
export const DEFAULT_BUSINESS_HOURS: Record<IndustryType, BusinessHours> = {
  plumbing: { ...weekdays(MON_FRI, "08:00", "17:00"), saturday: { start: "09:00", end: "15:00" } },
  real_estate: { ...weekdays(MON_FRI, "09:00", "18:00"), sunday: { start: "12:00", end: "17:00" } },
  legal: weekdays(MON_FRI, "09:00", "17:00"),
  medical: weekdays(MON_FRI, "08:00", "17:00"),
  sales: weekdays(MON_FRI, "09:00", "17:00"),
  consulting: weekdays(MON_FRI, "09:00", "17:00"),
  general_services: { ...weekdays(MON_FRI, "08:00", "17:00"), saturday: { start: "09:00", end: "13:00" } },
  other: weekdays(MON_FRI, "09:00", "17:00"),
};

const SUNDAY_FIRST: Weekday[] = ["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"];

/** Open hours are [start, end): a call at the closing minute is after hours. */
export function isAfterHours(hours: BusinessHours, at: { weekday: number; hour: number; minute: number }): boolean {
  const today = hours[SUNDAY_FIRST[at.weekday] as Weekday];
  const time = `${String(at.hour).padStart(2, "0")}:${String(at.minute).padStart(2, "0")}`;
  return today === undefined || time < today.start || time >= today.end;
}

/** Danger the caller describes: someone has to act now. */
const EMERGENCY =
  /\b(pipe (?:has )?burst|burst pipe|water everywhere|flood(?:ing|ed)|gas leak|smell(?:s|ing)? (?:of )?gas|carbon monoxide|on fire|fire in|smoke (?:is )?coming|spark(?:ed|ing|s)|burning smell|smell(?:s|ing)? (?:of )?burning|chest pain|pain in (?:my|his|her) chest|pressure in (?:my|his|her) chest|chest pressure|heart attack|stroke|can'?t breathe|cannot breathe|not breathing|unconscious|passed out|seizure|bleeding (?:heavily|a lot|badly|won'?t stop)|overdose|poison(?:ed|ing)?|swallowed (?:one of )?(?:a|some|the|his|her|my|those)|sewage (?:is )?(?:everywhere|coming up|backing up)|(?:kid|child|baby|toddler|son|daughter|dog|cat) (?:is )?(?:locked|stuck|trapped) in)\b/i;
/** The business sends the caller to the emergency services or an emergency department. */
export const SEND_TO_EMERGENCY_SERVICES =
  /\b(?:hang up and call|(?:call|dial|ring) (?:9 ?1 ?1|nine one one|9 ?9 ?9|nine nine nine|0 ?0 ?0|triple zero|1 ?1 ?2)|(?:go|take (?:him|her|them|it|your \w+)|bring (?:him|her|them|it|your \w+)) (?:straight |right )?(?:to|into) (?:the |an )?(?:er|emergency(?: room| department| hospital| vets?| clinic)?|a ?& ?e|hospital))\b/i;
/** The business says it has to see the caller (or patient) at once: the business judges it an emergency. */
const SEE_AT_ONCE =
  /\b(?:need|have|got) to see (?:him|her|them|you|it) (?:now|right (?:now|away)|immediately|straight away|tonight)\b|\b(?:come|bring (?:him|her|them|it)) (?:in |over |down )?(?:right now|immediately|straight away)\b|\bbring (?:him|her|them|it) straight (?:in|over|down)\b/i;
/**
 * Hurry, or a situation that cannot wait (heating or cooling gone is weather the caller cannot
 * wait out; hot water gone is a problem, see CONCERN; the systems a business runs on down stop its
 * work), or the business wanting the case seen today. "Emergency" and "urgent" naming a kind of slot or fee
 * ("our emergency exam", "an urgent slot") describe the product, not this caller's hurry.
 */
const HURRY =
  /\b(urgent(?:ly)?(?! (?:slots?|appointments?|exams?|care|line|fees?|rates?|call-?outs?))|emergency(?! (?:slots?|appointments?|exams?|line|fees?|rates?|call-?outs?|vets?|services?|number))|asap|as soon as (?:possible|you can)|time[- ]sensitive|right away|immediately|quickly|locked out|(?:want|need|needs|have|has|got) to (?:see|get|have) (?:(?:him|her|them|you|it|this|that|(?:your|the) \w+(?: of your \w+)?) )?(?:seen |looked at |checked |in )?today|(?:want|need|needs) (?:him|her|them|you|it|this|that) (?:seen|looked at|checked) today|(?:a|top|high) priority|prioriti[sz]e|no heat(?:ing)?|(?:heat|heating|furnace|boiler|air conditioning|air ?con|a\/?c)(?:'s| has| is| just)* (?:quit|died|is out|went out|gone(?! up| down)|stopped(?: working)?|not working|packed (?:in|up)|broke(?:n)?(?: down)?)|(?:server|system|network|internet|till|tills|registers?|phones|phone lines?|email)(?:'s| has| have| is| are| just)* (?:down|gone down|crashed|offline)|water (?:is |was |keeps )?(?:dripping|leaking|pouring|coming) (?:in|through|into|from the ceiling))\b/i;
/**
 * A same-day need from the caller: "I need to see someone today", "we have to get in tonight".
 * A wish ("I was hoping for today", "can you do today?") that the caller then gives up is no hurry.
 */
const SAME_DAY_NEED =
  /\b(?:need|needs|have to|has to|got to|gotta|must)\b[^.?!]*\b(?:today|tonight|this (?:morning|afternoon|evening))\b/i;
/**
 * The caller presses for an earlier day than offered, short of hurry ("the sooner the better",
 * "how soon could you come?", "is there nothing sooner?"). Asking when the first free slot is
 * ("when's the soonest?") or for an earlier hour of the day is how any booking starts.
 */
const SOONEST =
  /\b(?:(?:the )?(?:sooner|earlier)(?:'s| is)? (?:the )?better|how soon (?:can|could|would|will)|(?:nothing|anything) sooner)\b/i;
/**
 * The caller asking or needing it this week ("Can we do it this week?", "this week if possible",
 * "we need it done this week") presses; the business offering this week's slots, or the caller
 * telling when something else happens, does not.
 */
const WANTS =
  /\?\s*$|\b(?:if (?:at all )?possible|if you can|ideally|preferably|need|needs|have to|has to|got to|must)\b/i;
const asksThisWeek = (callerText: string) =>
  sentencesOf(callerText).some((sentence) => /\bthis week\b/i.test(sentence) && WANTS.test(sentence));
/**
 * A symptom of the body: a problem for a business that treats people or animals; to a garage or a
 * plumber it is a remark about the caller, not about the work.
 */
const SYMPTOM = /\b(swollen|swelling|fever|in pain|pain|sore|hurts|limping|bleeding|infect(?:ed|ion))\b/i;
const TREATS_BODIES: IndustryType[] = ["medical"];
/**
 * Time pressure, damage or trouble with the law: a problem that should be seen soon.
 */
const CONCERN =
  /\b(deadline|(?:a )?(?:bit|little|kind of|pretty|really|very|quite) tight|time limit|respond by|due by|before (?:the )?(?:close|closing|deadline|it gets worse)|getting worse|can'?t wait|cracked|broke(?:n)?|leak(?:ing|s)?|backing up|backed up|overflow(?:s|ing|ed)?|blocked|jammed|water on the floor|grinding|rust(?:ing|ed)?|termites?|rodents?|mice|rats|mou?ld|not working|stopped working|(?:quit|stopped|not|isn'?t|won'?t) (?:cooling|draining|flushing)|won'?t (?:close|open|lock|shut|turn (?:on|off)|come (?:on|back on)|work|drain|flush|cool|heat|start|stay (?:on|lit)|light|charge|boot|load|print|connect|spin|latch)|losing pressure|no hot water|hot water(?:'s| has| is| just)* (?:quit|died|gone|stopped|not working|out)|won'?t start|keeps? (?:dropping|crashing|failing|tripping|freezing|cutting out|going (?:off|out|down)|breaking)|clogged|arrest(?:ed)?|court|hearing|summons|served (?:papers|with)|stuffed|not an emergency|(?:doesn'?t|does not) (?:sound|seem|look) like an emergency|isn'?t an emergency)\b/i;
/**
 * A date the caller's matter must be settled by: it keeps the call pressing however far off the
 * booking is ("the deadline's the end of the month", "they want it signed by Friday").
 */
const DEADLINE =
  /\b(deadlines?|(?:closes|due|expires|expiring|runs out|lapses)(?:,? (?:you know|like|um|uh),?)? (?:on |in |by )?(?:the )?(?:end of|(?:this|next) (?:week|month|year)|\d|\w+(?:st|nd|rd|th)\b|january|february|march|april|may|june|july|august|september|october|november|december)|(?:need|needs|has|have|should|must)\b[^.?!]{0,40}\bwithin (?:a|one|two|three|the next) (?:week|days|fortnight)|due by|respond by|(?:back|done|signed|filed|returned|exchanged|submitted|finished|lodged) by (?:this |next |the )?(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|tomorrow|end|\d)|(?:by|before) (?:the )?end of (?:the |this |next )?(?:week|month|year|quarter|term|tax year|financial year)|before (?:the )?(?:year|month|quarter) ends|(?:closing|completion|settlement|exchange|move-?out|handover)(?: date)?(?:'s| is) (?:on )?(?:the |this |next )?(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|tomorrow|\d|january|february|march|april|may|june|july|august|september|october|november|december))\b/i;
/**
 * A caller after something on the market that someone else may take first: a home to view,
 * "is it still available?".
 */
const OPPORTUNITY =
  /\b(still (?:available|active|on the market|for sale|for rent)|pre-?approved|open house|listing)\b/i;
/** Seeing "it" is viewing a home only where homes are sold; elsewhere "it" is the product or the work. */
const VIEWING = /\b(?:see|view|tour|walk through) (?:the (?:house|home|place|property|unit|flat|apartment)|it)\b/i;
/**
 * Trouble with another party, or a blow to the caller's livelihood, family or health: a dispute,
 * a complaint, a dismissal or layoffs, a separation, a fall, a break-in to the caller's accounts, an audit. It presses however far off the first
 * meeting is, as a deadline does.
 */
const TROUBLE =
  /\b(disputes?|disputing|complaints?|grievance|tribunal|lawsuit|sued|suing|deposition|mediation|opposing counsel|(?:unfair(?:ly)? )?dismiss(?:ed|al)|(?:got|been|was|were|just) fired|fired (?:me|him|her)|laid off|layoffs?|lose (?:my|his|her|their|our) (?:job|home|house)|separating|separation|separated from|(?:getting|got|(?:we|i|they)(?:'ve| have| are|'re| just| recently)?) separated|divorc(?:e|ing)|custody|evict(?:ed|ion|ing)?|harass(?:ed|ment)|discriminat(?:ed|ion)|refus(?:es|ed|ing) to pay|(?:hasn'?t|haven'?t|never) paid|had a fall|(?:car|road|traffic|work|workplace|bike|an) accident|hacked|scammed|defrauded|phishing|(?:data |security )?breach(?:ed)?|compromised|(?:got|get|gotten|broke) into (?:my|our|his|her|their|the) (?:\w+ )?(?:email|account|system|network)s?|(?:wants?|going|plans?|planning) to audit|(?:being|been|getting|got) audited|out of control)\b/i;
/** The business judges that the matter can wait or is routine: its word outweighs the symptoms described. */
/** "Ashfield Court", "the food court": a court that names a place is no trouble with the law. */
const PLACE_NAMED_COURT = /\b(?:[A-Z][a-z]+|food) [Cc]ourt\b/g;
const CAN_WAIT = /\b(?:not urgent|nothing urgent|no (?:rush|hurry)|can wait|routine)\b/i;
const NEGATED = /(?:\bnot|\bno|\bnever|\bnothing|n't)\s+(?:\w+\s+){0,3}$/i;

/** Does `re` match somewhere in `text` other than right after a negation ("not this week")? */
function saysUnnegated(re: RegExp, text: string): boolean {
  const global = new RegExp(re.source, "gi");
  for (const m of text.matchAll(global)) {
    const before = text.slice(Math.max(0, m.index - 24), m.index);
    // "Not an emergency" is itself a CONCERN phrase; only negations before the match count.
    if (/\bnot an emergency|like an emergency|isn'?t an emergency/i.test(m[0]) || !NEGATED.test(before)) return true;
  }
  return false;
}

/** A condition or an exception: "if he gets worse", "unless it's an emergency". */
const CONDITIONAL = /\b(?:if|unless|otherwise|in case)\b/i;

/** "For urgent problems call 111", "in an emergency press 9": where the business sends other callers. */
const ROUTES_OTHER_CASES =
  /\b(?:for|in) (?:an? )?(?:urgent|emergency|emergencies|out[- ]of[- ]hours)\b[^.?!]*\b(?:call|ring|dial|contact|press|go to)\b/i;

/**
 * The business's safety-netting ("if he gets floppy, take him to the ER right away") and its
 * exceptions ("we don't do Sundays unless it's an emergency") and its routing ("for urgent problems
 * call 111") say what to do in another case, not how pressing this caller's case is.
 */
const OTHER_CASE = (sentence: string) =>
  (CONDITIONAL.test(sentence) && (/\bunless\b/i.test(sentence) || SEND_TO_EMERGENCY_SERVICES.test(sentence))) ||
  ROUTES_OTHER_CASES.test(sentence);

/** What the call says about this case: the business's sentences about other cases left out. */
function saidOfThisCase(turns: Turn[]): string {
  return turns
    .map((turn) =>
      turn.speaker === "caller"
        ? turn.text
        : sentencesOf(turn.text)
            .filter((sentence) => !OTHER_CASE(sentence))
            .join(" "),
    )
    .join("\n");
}

/** A sentence that asks rather than tells: "Is it a gas leak?", "Could it be carbon monoxide, do you think?". */
const ASKS =
  /^\W*(?:(?:and|so|but|okay|ok|um|uh|oh)\W+)*(?:is|are|was|were|do|does|did|could|can|should|would|might|will|what|how|why|any)\b/i;

/**
 * The caller tells of danger: a statement, or a clause that tells before a question
 * ("there's a strong smell of gas, can someone come today?").
 */
const tellsOfDanger = (sentence: string) =>
  !ASKS.test(sentence) &&
  sentence.split(/[,;—–]+/).some((clause) => !clause.trim().endsWith("?") && saysUnnegated(EMERGENCY, clause));

/** The caller describes an emergency, or the business sends them to the emergency services or in at once. */
export function isEmergency(turns: Turn[]): boolean {
  return turns.some((turn) =>
    sentencesOf(turn.text).some((sentence) =>
      turn.speaker === "caller"
        ? tellsOfDanger(sentence)
        : // "If it gets worse, ring 999" is advice, not a referral now.
          !CONDITIONAL.test(sentence) && (SEND_TO_EMERGENCY_SERVICES.test(sentence) || SEE_AT_ONCE.test(sentence)),
    ),
  );
}

export interface UrgencyInput {
  turns: Turn[];
  /** The local date-times (`YYYY-MM-DDTHH:MM`, or a day alone) of the call's events. */
  eventDatetimes: string[];
  callStartedAt: string;
  timezone: string;
  industry: IndustryType;
  /** The business's opening hours; the industry's default hours when absent. */
  businessHours?: BusinessHours | null;
}

/**
 * A call that shows hurry by its hour: after closing, or well before opening. Ringing just before
 * the doors open is a way to be first in the queue, not a sign of need; and on a closed day a
 * call at the hours the business keeps on its open days is answered as on any working day (a
 * Saturday-morning viewing or test drive), so only evenings and nights count.
 */
function rangOutOfHours(hours: BusinessHours, at: { weekday: number; hour: number; minute: number }): boolean {
  if (!isAfterHours(hours, at)) return false;
  const time = at.hour * 60 + at.minute;
  const opening = hours[SUNDAY_FIRST[at.weekday] as Weekday]?.start;
  if (!opening) {
    const open = Object.values(hours).filter((day) => day !== undefined);
    const earliest = Math.min(...open.map((day) => minutesOfDay(day.start)));
    const latest = Math.max(...open.map((day) => minutesOfDay(day.end)));
    return !(time >= earliest && time < latest);
  }
  const minutesBeforeOpening = minutesOfDay(opening) - time;
  return !(minutesBeforeOpening > 0 && minutesBeforeOpening <= 60);
}

/** The weekday and time of a local `YYYY-MM-DDTHH:MM`. */
const clockOf = (localDateTime: string) => {
  const at = new Date(`${localDateTime}:00Z`);
  return { weekday: at.getUTCDay(), hour: at.getUTCHours(), minute: at.getUTCMinutes() };
};

const minutesOfDay = (clock: string) => {
  const [h, m] = clock.split(":").map(Number) as [number, number];
  return h * 60 + m;
};

/**
 * The call's urgency, from what is at stake and how soon it is booked:
 * - emergency: danger now (see `isEmergency`);
 * - high: the caller hurries (urgent, as soon as possible, a same-day need, locked out, water
 *   coming in, no heating) about something booked by the next day the business is open, or
 *   hurries and nothing could be booked;
 *   or a problem (concern) raised outside opening hours about a booking by the next day;
 *   or a call outside opening hours answered by a visit, also outside them, within twelve hours;
 * - medium: a problem, time pressure, a caller pressing for an earlier day or a chance that may
 *   go (a home to view) with a booking within four days; hurry with a later booking; a deadline
 *   or trouble (a dispute, a dismissal, a separation) however far off the booking; a booking
 *   later the same day; a call outside opening hours about a booking by the next day;
 * - low: everything else, so routine bookings and anything five or more days away.
 */
export function urgencyOf(input: UrgencyInput): UrgencyLevel {
  const signals = urgencySignals(input);
  if (signals.emergency) return "emergency";
  const { hurry, concern, opportunity, outOfHours } = signals;
  const deadline = signals.deadline || signals.trouble;
  if (signals.daysAway === null) return hurry ? "high" : "low";
  const byNextDay = signals.daysAway <= 1;
  // A business that goes out of its hours within hours of an out-of-hours call treats it as pressing.
  const outOfHoursCallOut = outOfHours && signals.timedWithinHalfDay && signals.soonestOutOfHours;
  if ((hurry && signals.byNextOpenDay) || (byNextDay && concern && outOfHours) || outOfHoursCallOut) return "high";
  if (signals.daysAway >= 5 && !deadline) return "low";
  if (hurry || signals.soonest || concern || opportunity || deadline) return "medium";
  if (signals.timedWithinHalfDay || (byNextDay && outOfHours)) return "medium";
  return "low";
}

/** What the call says that bears on its urgency, and how soon its soonest booking is. */
export interface UrgencySignals {
  emergency: boolean;
  hurry: boolean;
  /** The caller asks for the soonest time, short of hurry. */
  soonest: boolean;
  concern: boolean;
  opportunity: boolean;
  deadline: boolean;
  trouble: boolean;
  outOfHours: boolean;
  /** Calendar days from the call to the soonest booking; null when nothing was booked. */
  daysAway: number | null;
  /** The soonest booking falls by the next day the business is open. */
  byNextOpenDay: boolean;
  /** The soonest booking has a time within twelve hours of the call. */
  timedWithinHalfDay: boolean;
  /** The soonest booking has a time outside the business's opening hours. */
  soonestOutOfHours: boolean;
}

export function urgencySignals(input: UrgencyInput): UrgencySignals {
  const { turns } = input;
  const callerText = saidBy(turns, "caller");
  const text = saidBy(turns);
  const call = wallClock(new Date(input.callStartedAt), input.timezone);
  const hours = input.businessHours ?? DEFAULT_BUSINESS_HOURS[input.industry];
  const signals: UrgencySignals = {
    emergency: isEmergency(turns),
    hurry: saysUnnegated(HURRY, saidOfThisCase(turns)) || saysUnnegated(SAME_DAY_NEED, callerText),
    soonest: SOONEST.test(callerText) || asksThisWeek(callerText),
    concern:
      (saysUnnegated(CONCERN, text.replace(PLACE_NAMED_COURT, "")) ||
        (TREATS_BODIES.includes(input.industry) && saysUnnegated(SYMPTOM, text))) &&
      !CAN_WAIT.test(saidBy(turns, "business")),
    opportunity: OPPORTUNITY.test(callerText) || (input.industry === "real_estate" && VIEWING.test(callerText)),
    deadline: saysUnnegated(DEADLINE, text),
    trouble: saysUnnegated(TROUBLE, text),
    outOfHours: rangOutOfHours(hours, call),
    daysAway: null,
    byNextOpenDay: false,
    timedWithinHalfDay: false,
    soonestOutOfHours: false,
  };
  if (input.eventDatetimes.length === 0) return signals;
  const soonest = Math.min(...input.eventDatetimes.map((dt) => minutesUntil(call, dt)));
  const soonestTimed = input.eventDatetimes.find((dt) => dt.includes("T") && minutesUntil(call, dt) === soonest);
  const daysAway = Math.floor((soonest + call.hour * 60 + call.minute) / 1440);
  // Days the business is closed cannot be booked: a hurry on Saturday met first thing Monday is met at once.
  const closedBetween = Array.from({ length: Math.max(0, daysAway - 1) }, (_, i) => (call.weekday + 1 + i) % 7).filter(
    (weekday) => hours[SUNDAY_FIRST[weekday] as Weekday] === undefined,
  ).length;
  return {
    ...signals,
    daysAway,
    byNextOpenDay: daysAway - closedBetween <= 1,
    timedWithinHalfDay: soonestTimed !== undefined && soonest <= 12 * 60,
    soonestOutOfHours: soonestTimed !== undefined && isAfterHours(hours, clockOf(soonestTimed)),
  };
}
