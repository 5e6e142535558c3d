/**
 * Prices the business states for its own work: "$1,200", "150 bucks", "a hundred and fifty
 * dollars", "runs about one sixty-five", "is forty-nine ninety-five".
 */
import { wordsToDigits } from "./numbers";
import type { Turn } from "./turns";

/** Money that is not the business's price for its work. */
const NOT_OUR_PRICE =
  /\b(rents?|rental|apartments?|bed ?rooms?|hoa|commission|percent|competitor|listing price|asking(?: price)?|listed at|sold for|mortgage|budget|(?:electric|gas|water|phone|power) bill|salary|income|down payment|stamp duty|(?:property|council|land|transfer|sales|income) tax(?:es)?|parking)\b|%/i;
/** Words that make a bare number in the turn a price. */
const PRICE_CUE =
  /\b(how much|price|cost|costs|charge|fee|rate|quote|estimate|ballpark|pay|paid|parts|labou?r|on top|extra|diagnostic|call-?out|covers|billed|per|flat|retainer|all[- ]in|in total|altogether|dollars?|bucks|pounds?|quid|euros?|plus (?:tax|gst|vat)|including (?:tax|gst|vat)|includes|included|covered|waived|comes? off|knocks? off)\b|\$/i;
/** A caller's question that makes the business's next number a price: "what's that run?". */
const ASKS_PRICE =
  /\b(how much|what(?:'s| is| does| do| would| will)? (?:it|that|this|the \w+)? ?(?:run|cost|come to|set me back)|what do you charge|what'?s the damage|price|cost)\b/i;
/** Words that make a number in the same sentence a time of day rather than money. */
const TIME_CUE =
  /\b(at|by|from|until|till|o'?clock|a\.?m\.?|p\.?m\.?|morning|afternoon|evening|tonight|today|tomorrow|monday|tuesday|wednesday|thursday|friday|saturday|sunday|minutes?|hours?)\b/i;
/** Verbs that put a price after them by themselves. */
const PRICE_VERB =
  "(?:(?:runs?|costs?|charges?|quotes?|quoted)(?: you| me| us| for)?|sets? (?:you|me|us) back|fees?|rates?|prices?|comes? (?:in|out|to)(?: at)?|lands?(?: at)?|works? out(?: at| to)?)";
const STARTS_WITH_PRICE_VERB = new RegExp(`^${PRICE_VERB}`, "i");
/** Verbs that may put a price after them when the turn is about money. */
const PLAIN_VERB =
  "(?:is|are|'s|'re|be|that'?s|so|only|just|will be|would be|that'd be|starts?(?: at| from)?|looking at|say)";
const HEDGES = String.raw`(?:(?:about|around|roughly|approximately|usually|typically|normally|only|just|between|from|of|a flat|a fixed(?: fee of)?)\s+)*`;
const AMOUNT = String.raw`(\d+(?:,\d{3})*(?:\.\d{1,2})?)(?:\s(\d{2})(?!\d))?`;
const CURRENCY = "(?:dollars?|bucks|pounds?|quid|euros?)";

const CURRENCY_MARKED = new RegExp(
  String.raw`\$\s?${AMOUNT}|\ba grand\b(?=\s*(?:[,.;:!?]|$|\s(?:flat|for|a|an|per|plus|each|all|total|and|so)\b))|\b${AMOUNT}\s?(?:${CURRENCY}|grand|k)\b|\b${AMOUNT}\s(?=(?:plus|\+|including|inc\.?|incl\.?|ex\.?|excluding)\s(?:gst|vat|tax))`,
  "gi",
);
const AFTER_VERB = new RegExp(String.raw`(?:\b${PRICE_VERB}|(?:\b|(?<=\w))${PLAIN_VERB}),?\s+${HEDGES}${AMOUNT}`, "gi");
/** What may follow a price: the end of a clause, a unit of sale, or the tax. */
const PRICE_FOLLOWER =
  /^(?:\s*(?:[,.;:!?]|$)|\s+(?:a|an|per|for|plus|each|including|incl|inc|excluding|ex|and|or|so|that|which|but|if|depending|with|up|flat|total|altogether|all|gst|vat|tax|upfront|without|installed|fitted|supplied|at the moment|right now|at present|these days|currently|even|before (?:any|the|tax|gst|vat|incentives|rebates|discounts))\b|\s+to [a-z]|\s+(?:[a-z-]+\s+)?(?:fee|charge|deposit)\b)/i;
/** A follower that by itself says the number is a price ("for a standard section", "a seat"). */
const SALE_FOLLOWER =
  /^\s+(?:(?:for|per) (?:a|an|the|each|every|one)\b|(?:for|per) \d+ (?:people|persons|guests|adults|of you|of us)\b|an? (?:head|seat|person|month|quarter|year|day|night|week|hour|visit|session|lesson|class|treatment|desk|unit|piece)\b|per\b|each\b|plus\b)/i;
/** Words after an amount that only money takes: "three fifty flat", "twelve hundred all in". */
const MONEY_FOLLOWER = /^\s+(?:flat|all[- ]in|all up|in total|altogether|upfront|up front)\b/i;
const RENT_PERIOD = /^\s+(?:an? |per )(?:week|month|year)\b/i;
/** A unit of sale right after an amount ("two twenty-five an hour"), which no clock time has. */
const RATE_FOLLOWER =
  /^\s+(?:an? |per )(?:head|seat|person|month|quarter|year|day|night|week|hour|visit|session|lesson|class)\b/i;

/** An amount not after a time word ("at ten for an hour" is a time) nor the end of another ("at eleven fifty"). */
const BARE_AMOUNT = new RegExp(
  String.raw`(?<!\b(?:at|by|until|till|before|after|from|around)\s|\d\s)\b${AMOUNT}(?!\d|,\d)`,
  "gi",
);
/** Words that say a number in the sentence is a time of day (durations do not). */
const CLOCK_WORDS =
  /\b(at|by|until|till|o'?clock|a\.?m\.?|p\.?m\.?|morning|afternoon|evening|tonight|today|tomorrow|now|then|monday|tuesday|wednesday|thursday|friday|saturday|sunday|weekend|appointment|slot|time|earliest|latest|arriv\w*|be there|see you)\b/i;

/**
 * Words that put an amount on top of the price of the work, or on what follows the booked work
 * ("regular visits after that would be..."): a later amount after them is not the booking's price.
 */
const EXTRA =
  /\b(plus|extra|on top|parts?|materials?|surcharge|after that|afterwards|going forward|ongoing|from then on)\b/i;

/** A later amount said as the usual price the current one is measured against ("regular is ..."). */
const REFERENCE_PRICE = /\b(?:regular(?:ly)?|retails?|full price|list price|rrp|original(?:ly)?)\b/i;

export interface SaidPrice {
  /** Index of the business turn that states it. */
  turn: number;
  value: number;
}

/**
 * "two seventy-five" is 275, "eleven fifty" is 1150 and "forty-nine ninety-five" is 49.95: a
 * number under twenty before two digits is hundreds (as in years), a larger one is dollars and
 * cents.
 */
function amountValue(main: string, pair: string | undefined): number {
  const value = Number(main.replace(/,/g, ""));
  if (pair === undefined) return value;
  if (value < 20) return value * 100 + Number(pair);
  if (value < 100) return value + Number(pair) / 100;
  // "two hundred and forty-nine ninety-nine": whole hundreds would have taken the pair in.
  if (value % 100 !== 0 && value < 10000) return value + Number(pair) / 100;
  return value;
}

/**
 * Amounts said in three parts, a way of saying only money: "two forty-nine ninety-nine"
 * (249.99) and "twenty-four nine ninety-five" (24,995), written with "$" so the rules below
 * read them as money. Digits said before or after them make them part of a phone number.
 */
const THREE_PARTS =
  /(?<!\d[\s,]*)\b([1-9]) ([1-9]\d) (\d{2})\b(?!\s*\d)|(?<!\d[\s,]*)\b([1-9]\d?) (\d) ([1-9]\d)\b(?!\s*\d)/g;
const writeThreeParts = (text: string) =>
  text.replace(THREE_PARTS, (_, hundreds, dollars, cents, thousands, hundred, rest) =>
    hundreds
      ? `$${hundreds}${dollars}.${cents}`
      : `$${Number(thousands) * 1000 + Number(hundred) * 100 + Number(rest)}`,
  );

/** A caller's turn about clock times: "I finish at four", "could it be later?", "quarter to six". */
const TALKS_TIME =
  /\b(?:at|by|after|before|until|till|from) \d|\b\d{1,2}(?: \d{2})? ?(?:a\.?m\.?|p\.?m\.?|o'?clock)|\b(?:earlier|later|what time|quarter (?:to|past)|half past)\b/i;

/** Words that stand for something said before rather than name a piece of work. */
const PRONOUN = /^(?:it|that|this|there|which|what|he|she|they|one|who|mine|yours|ours|price|total)$/i;
/** The words before a verb name a piece of work ("the service call", "a full groom for a dog that size"). */
function namesWork(subject: string): boolean {
  const words = subject.trim().split(/\s+/);
  const last = (words.at(-1) ?? "").replace(/[^a-z'-]/gi, "");
  return words.length >= 2 && /^[a-z][a-z'-]*$/i.test(last) && !PRONOUN.test(last) && !/[,;:—–]$/.test(subject.trim());
}

/**
 * The price stated in one business turn: the last amount, so a total said after a unit price
 * wins. `timeTalk`: the caller just talked about times, so a clock-like amount answers that.
 * `recalled`: a caller's message repeating what the business quoted before.
 */
function priceInTurn(
  said: string,
  cue: boolean,
  askedPrice: boolean,
  timeTalk = false,
  recalled = false,
): number | null {
  const text = writeThreeParts(said);
  const found: { index: number; value: number }[] = [];
  for (const sentence of text.split(/(?<=[.?!])\s+/)) {
    const offset = text.indexOf(sentence);
    const before = found.length;
    for (const m of sentence.matchAll(CURRENCY_MARKED)) {
      const main = m[1] ?? m[3] ?? m[5] ?? "1";
      const pair = m[2] ?? m[4] ?? m[6];
      let value = amountValue(main, pair);
      if (/(grand|k)$/i.test(m[0])) {
        // "Thirty-eight thousand K" is kilometres: "k" multiplies only what is not thousands already.
        if (value >= 1000) continue;
        value *= 1000;
      }
      found.push({ index: offset + m.index, value });
    }
    // "Fifty-five a head", "seventy-nine a month per location": a unit of sale makes a price by itself.
    for (const m of sentence.matchAll(BARE_AMOUNT)) {
      const rest = sentence.slice(m.index + m[0].length);
      const value = amountValue(m[1] as string, m[2]);
      const clockLike = m[2] !== undefined && Number(m[1]) <= 12 && Number(m[2]) < 60;
      // Hundreds, or an amount in two parts, need no word of money around them to be a price per
      // unit of work; per week or month they may be rent.
      const moneyShaped =
        (m[2] !== undefined || value >= 100) && !(value >= 1900 && value < 2100) && !RENT_PERIOD.test(rest);
      const perUnit =
        (SALE_FOLLOWER.test(rest) && !clockLike && (cue || moneyShaped || /^\s+(?:a|per) head\b/i.test(rest))) ||
        (cue && RATE_FOLLOWER.test(rest));
      // "How much?" "One eighty.": an answer that starts with the amount.
      const answer = askedPrice && offset === 0 && m.index === 0 && PRICE_FOLLOWER.test(rest);
      // "The package you mentioned, eighteen hundred?": hundreds a caller recalls on a voicemail.
      const recalledHundreds =
        recalled && m[2] === undefined && value >= 100 && !(value >= 1900 && value < 2100) && PRICE_FOLLOWER.test(rest);
      if ((perUnit || answer || recalledHundreds || MONEY_FOLLOWER.test(rest)) && value >= 10)
        found.push({ index: offset + m.index, value });
    }
    for (const m of sentence.matchAll(AFTER_VERB)) {
      const [main, pair] = [m[1] as string, m[2]];
      const rest = sentence.slice(m.index + m[0].length);
      if (!PRICE_FOLLOWER.test(rest)) continue;
      const value = amountValue(main, pair);
      const strongVerb = STARTS_WITH_PRICE_VERB.test(m[0]);
      // Twelve and under with two digits under sixty may be a clock time ("it's four thirty").
      const clockLike = pair !== undefined && Number(main) <= 12 && Number(pair) < 60;
      const onTheClock = clockLike && /^(00|15|30|45)$/.test(pair as string);
      const centsForm = pair !== undefined && Number(main) > 12 && Number(main) < 100;
      // Money asked about or said in the same sentence, with no word of time, makes even "one
      // forty-five" a price.
      const moneySentence = (askedPrice || PRICE_CUE.test(sentence)) && !TIME_CUE.test(sentence);
      // Hundreds said as one number ("four hundred and sixty") are no clock time, count or year.
      const hundreds = pair === undefined && value >= 100 && !(value >= 1900 && value < 2100);
      // A clock time is said on the quarter hours or with a word of time; "that's two fifty" is not.
      const saidWith = sentence.slice(0, m.index + m[0].length) + (/^[^,;]*/.exec(rest)?.[0] ?? "");
      const offTheClock = clockLike && !onTheClock && !CLOCK_WORDS.test(saidWith) && (cue || !timeTalk);
      // "The service call is eighty-nine": what some piece of work is, said as an amount no clock has.
      const workIs =
        pair === undefined &&
        value >= 20 &&
        /^(?:is|'s|will be|would be)\s/i.test(m[0]) &&
        namesWork(sentence.slice(0, m.index)) &&
        !TIME_CUE.test(saidWith);
      if (
        workIs ||
        offTheClock ||
        strongVerb ||
        centsForm ||
        SALE_FOLLOWER.test(rest) ||
        (cue && (!onTheClock || moneySentence) && (clockLike || value >= 10)) ||
        (pair !== undefined && !clockLike) ||
        hundreds
      )
        found.push({ index: offset + m.index + m[0].length - main.length, value });
    }
    // "Outright it's eleven thousand, and we do lease options": someone else's money is named
    // up to the end of the amount's own clause, not anywhere in the sentence.
    const ours = found.splice(before).filter((amount) => {
      const clauseEnd = /[,;—–]|$/.exec(sentence.slice(amount.index - offset))?.index ?? 0;
      return !NOT_OUR_PRICE.test(sentence.slice(0, amount.index - offset + clauseEnd));
    });
    found.push(...ours);
  }
  // A later amount replaces an earlier one (a total after a unit price) unless it is said as an
  // extra on top of the work ("plus the call-out fee", "then parts").
  let price: { index: number; value: number } | undefined;
  for (const amount of found.sort((a, b) => a.index - b.index)) {
    const between = text.slice(price?.index ?? 0, amount.index);
    if (!price || !(EXTRA.test(between) || REFERENCE_PRICE.test(between))) price = amount;
  }
  return price && price.value > 0 ? price.value : null;
}

/** Does a question in `text` ("What's the rent?", "and the HOA, how much is that?") mention `re`? */
const askedAbout = (text: string, re: RegExp) =>
  text.split(/(?<=[.?!])\s+/).some((sentence) => sentence.trim().endsWith("?") && re.test(sentence));

/** A caller recalling what the business quoted: "you said", "your quote", "was it ...?". */
const RECALLS_QUOTE =
  /\byou(?:'d)? (?:said|quoted|mentioned|sent|told|gave|offered|talked about)\b|\byour (?:quote|price|rate|offer)\b|\bthe quote\b|\bwas it\b/i;

/**
 * Every price the business states, one per turn, in order. On a voicemail (the business says
 * only its greeting) the only prices are those the caller recalls the business quoting.
 */
export function businessPrices(turns: Turn[]): SaidPrice[] {
  const prices: SaidPrice[] = [];
  const voicemail =
    turns[0]?.speaker === "business" && turns.length > 1 && turns.slice(1).every((t) => t.speaker === "caller");
  if (voicemail)
    turns.forEach((turn, i) => {
      // Only what the caller recalls the business saying: what they pay elsewhere is not its price.
      const recalled = wordsToDigits(turn.text)
        .split(/(?<=[.?!])\s+/)
        .filter((sentence) => RECALLS_QUOTE.test(sentence))
        .join(" ");
      const value = i > 0 && recalled ? priceInTurn(recalled, PRICE_CUE.test(recalled), false, false, true) : null;
      if (value !== null) prices.push({ turn: i, value });
    });
  turns.forEach((turn, i) => {
    if (turn.speaker !== "business") return;
    const previous = turns[i - 1];
    // "What are the HOA fees?" makes the answer someone else's money; "a three bedroom" said of the job does not.
    if (previous?.speaker === "caller" && askedAbout(previous.text, NOT_OUR_PRICE)) return;
    const text = wordsToDigits(turn.text);
    const askedPrice = previous?.speaker === "caller" && ASKS_PRICE.test(previous.text);
    const timeTalk = previous?.speaker === "caller" && TALKS_TIME.test(wordsToDigits(previous.text));
    const value = priceInTurn(text, askedPrice || PRICE_CUE.test(text), askedPrice, timeTalk);
    if (value !== null) prices.push({ turn: i, value });
  });
  return prices;
}

/** The call's price: the first the business states. */
export function priceOf(turns: Turn[]): number | null {
  return businessPrices(turns)[0]?.value ?? null;
}

/** Where an event's arranging began: the turn its day was first said (the one before introduces it). */
export interface ArrangedIn {
  firstTurn: number;
}

/** A caller bringing up another matter: "second thing", "one more thing", "do you do spraying?". */
const NEW_MATTER =
  /\b(?:also|as well|another (?:thing|job|question|problem|issue)|(?:second|other|next) thing|one more thing|while i have you|do you (?:also )?(?:do|offer|handle|fix|service))\b/i;

/**
 * The turn where each event's discussion begins: the turn before its day was first said, or
 * earlier, where the caller brought up the matter after the previous event was proposed ("And
 * we've got ants too, do you do spraying?"), so a price quoted for that matter is its own.
 */
function discussionStarts(events: ArrangedIn[], turns: Turn[]): number[] {
  return events.map((event) => {
    const previous = Math.max(-1, ...events.map((e) => e.firstTurn).filter((t) => t < event.firstTurn));
    if (previous < 0) return event.firstTurn - 1;
    for (let t = previous + 1; t < event.firstTurn - 1; t++)
      if (turns[t]?.speaker === "caller" && NEW_MATTER.test(turns[t]?.text ?? "")) return t;
    return event.firstTurn - 1;
  });
}

/**
 * The price of the event at `index`: the first price said while that event was the one under
 * discussion, i.e. the latest event whose discussion had begun by then (the first event for a
 * price said before any), so in a call with a repair and a quote visit the repair's price
 * stays with the repair.
 */
export function priceForEvent(
  prices: SaidPrice[],
  events: ArrangedIn[],
  index: number,
  turns: Turn[] = [],
): number | null {
  const starts = discussionStarts(events, turns);
  const byStart = events.map((_, i) => ({ start: starts[i] as number, i })).sort((a, b) => a.start - b.start);
  const own = prices.find((price) => {
    const current = byStart.filter((event) => event.start <= price.turn).at(-1) ?? byStart[0];
    return current?.i === index;
  });
  return own?.value ?? null;
}
