/**
 * Prices the business states for its own work: "$1,200", "150 bucks", "a hundred and fifty
 * dollars", "runs about one sixty-five", "is forty-nine ninety-five".
 */
import { wordsToDigits } from "./numbers";
import { sentencesOf, type Turn } from "./turns";

/** Money that is not the business's price for its work. */
const NOT_OUR_PRICE =
  /\b(rents?|rental|(?:per|a) calendar month|pcm|apartments?|bed ?rooms?|hoa|commission|percent|competitor|listing price|asking(?: price)?|listed at|sold for|mortgage|budget|(?:electric|gas|water|phone|power) bill|salary|income|down payment|stamp duty|(?:property|council|land|transfer|sales|income) tax(?:es)?|parking)\b|%/i;
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
  "(?:(?:runs?|costs?|charges?|quotes?|quoted)(?: you| me| us| for)?|bill(?:s|ed)?(?: you| it| that| this)?(?: at)?|sets? (?:you|me|us) back|fees?|rates?|prices?|(?:minimum )?spend (?:is|of)|balance(?: is| of| due)?|comes? (?:in|out|to)(?: at)?|lands?(?: at)?|works? out(?: at| to)?)";
const STARTS_WITH_PRICE_VERB = new RegExp(`^${PRICE_VERB}`, "i");
/** Verbs that may put a price after them when the turn is about money. */
const PLAIN_VERB =
  "(?:is|are|'s|'re|be|that'?s|so|only|just|will be|would be|that'd be|starts?(?: at| from)?|looking at|say)";
const HEDGES = String.raw`(?:(?:about|around|roughly|approximately|usually|typically|normally|only|just|still|more like|closer to|between|from|of|a flat|a fixed(?: fee of)?)\s+)*`;
const AMOUNT = String.raw`(\d+(?:,\d{3})*(?:\.\d{1,2})?)(?:\s(\d{2})(?!\d))?`;
const CURRENCY = "(?:dollars?|bucks|pounds?|quid|euros?)";

const CURRENCY_MARKED = new RegExp(
  String.raw`\$\s?${AMOUNT}|\ba grand\b(?=\s*(?:[,.;:!?]|$|\s(?:flat|for|a|an|per|plus|each|all|total|and|so)\b))|\b${AMOUNT}\s?(?:${CURRENCY}|grand|k)\b|\b${AMOUNT}\s(?=(?:plus|\+|including|inc\.?|incl\.?|ex\.?|excluding)\s(?:gst|vat|tax))`,
  "gi",
);
const AFTER_VERB = new RegExp(String.raw`(?:\b${PRICE_VERB}|(?:\b|(?<=\w))${PLAIN_VERB}),?\s+${HEDGES}${AMOUNT}`, "gi");
/** What may follow a price: the end of a clause, a unit of sale, or the tax. */
const PRICE_FOLLOWER =
  /^(?:\s*(?:[,.;:!?]|$)|\s+(?:a|an|per|for|plus|each|including|incl|inc|excluding|ex|and|or|so|that|which|but|if|depending|with|up|flat|total|altogether|all|gst|vat|tax|upfront|without|installed|fitted|supplied|at the moment|right now|at present|these days|currently|even|before (?:any\w*|the|tax|gst|vat|incentives|rebates|discounts))\b|\s+to [a-z]|\s+(?:[a-z-]+\s+)?(?:fee|charge|deposit)\b)/i;
/** A follower that by itself says the number is a price ("for a standard section", "a seat"). */
const SALE_FOLLOWER =
  /^\s+(?:(?:for|per) (?:a|an|the|each|every|one)\b|(?:for|per) \d+ (?:people|persons|guests|adults|of you|of us)\b|an? (?:head|seat|person|month|quarter|year|day|night|week|hour|visit|session|lesson|class|treatment|desk|unit|piece)\b|per\b|each\b|plus\b)/i;
/** Words after an amount that only money takes: "three fifty flat", "twelve hundred all in". */
const MONEY_FOLLOWER =
  /^\s+(?:flat|all[- ]in|all up|in total|altogether|upfront|up front|installed|fitted|supplied)\b/i;
const RENT_PERIOD = /^\s+(?:an? |per )(?:week|month|year)\b/i;
/** A unit of sale right after an amount ("two twenty-five an hour"), which no clock time has. */
const RATE_FOLLOWER =
  /^\s+(?:an? |per |for the )(?:head|seat|person|month|quarter|year|day|night|week|hour|visit|session|lesson|class)\b/i;

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
  /** The caller took this amount up: said it back, or had it confirmed. */
  settled?: boolean;
  /** Said per booking of a kind ("ninety-five each", "three hundred a session"). */
  perUnit?: boolean;
  /** Said as the sum of what came before ("so seventy-nine ninety-five all up"). */
  total?: boolean;
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
/** "One oh nine": a zero said as "oh" inside an amount, as in "1 09"; not inside a run of digits. */
const OH_INSIDE = /(?<!\d[\s,]*)\b([1-9]) oh ([1-9])\b(?![\s,]*\d)/gi;
const writeThreeParts = (text: string) =>
  text
    .replace(OH_INSIDE, "$1 0$2")
    .replace(THREE_PARTS, (_, hundreds, dollars, cents, thousands, hundred, rest) =>
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

/** What the talk around one turn says about the amounts in it. */
interface TurnContext {
  /** The turn or the caller's question before it is about money. */
  cue: boolean;
  /** The caller just asked what something costs. */
  askedPrice: boolean;
  /** The caller just talked about times, so a clock-like amount answers that. */
  timeTalk?: boolean;
  /** A caller's message repeating what the business quoted before. */
  recalled?: boolean;
  /** "Pounds" weigh rather than pay (North America). */
  weightPounds?: boolean;
  /** Amounts the caller says back in the next turn. */
  echoed?: number[];
  /** Amounts the caller just asked about ("So three twenty-four?"). */
  askedAmounts?: number[];
  /** The business stated a price just before the caller's question. */
  moneyTalk?: boolean;
}

/** An amount a speaker says, whatever it is: "3 10", "1200", "$24.99". */
const ANY_AMOUNT = new RegExp(String.raw`\b${AMOUNT}(?!\d|,\d)`, "g");
const amountsIn = (text: string) =>
  [...writeThreeParts(wordsToDigits(text)).replace(/\$/g, "").matchAll(ANY_AMOUNT)].map((m) =>
    amountValue(m[1] as string, m[2]),
  );

/** Words after an amount that make it the sum of what was said before: "so one sixty-five total". */
const TOTAL_AFTER = /^\s*(?:total|in total|altogether|all together|all in|all up)\b/i;
const TOTAL_BEFORE = /\b(?:total|altogether|comes? to|in all)\b[^.?!]*$/i;
/** Another amount offered instead ("or you can lease from ...", "if you just want a review, ..."). */
const ALTERNATIVE = /\b(?:or|if|otherwise|alternatively)\b/i;
/** What a number of a place follows: "suite three hundred", "unit 12", "number 41". */
const PLACE_NUMBER = /\b(?:suite|unit|apartment|apt|flat|floor|room|number|no\.?|#)\s*$/i;
/** What follows a street number rather than money: "twenty-nine fourteen, unit three". */
const ADDRESS_FOLLOWER = /^,?\s+(?:unit|apartment|apt|suite|floor|building|flat \d)\b/i;
/** Words a reply may open with before repeating the amount asked about. */
const REPLY_OPENERS = /^\W*(?:(?:yes|yeah|yep|yup|right|correct|exactly|so|still|that's|it's|it is)\W+)*$/i;

/** What follows an amount said per booking: "each", "a session", "per exam". */
const PER_BOOKING =
  /^\s*(?:dollars?|bucks|pounds?|euros?)?\s*(?:each|apiece|(?:an?|per) (?:person|head|session|lesson|class|visit|exam|appointment|treatment|child|kid|patient))\b/i;

/** A price in one turn, and whether the other side took it up (said it back, or asked it and had it confirmed). */
interface TurnPrice {
  value: number;
  settled: boolean;
  perUnit: boolean;
  total: boolean;
}

/**
 * The price stated in one business turn: the last amount, so a total said after a unit price
 * wins, unless the caller says an earlier one back, which is the one they took.
 */
function priceInTurn(said: string, context: TurnContext): TurnPrice | null {
  const { cue, askedPrice, timeTalk = false, recalled = false, echoed = [], askedAmounts = [] } = context;
  const text = writeThreeParts(said);
  // heardBack: found only because the caller said it back, which does not put it before the
  // prices said in other turns.
  const found: { index: number; value: number; end: number; settled?: boolean; heardBack?: boolean }[] = [];
  for (const sentence of sentencesOf(text)) {
    const offset = text.indexOf(sentence);
    const before = found.length;
    for (const m of sentence.matchAll(CURRENCY_MARKED)) {
      if (context.weightPounds && /pounds?$/i.test(m[0])) continue;
      const main = m[1] ?? m[3] ?? m[5] ?? "1";
      const pair = m[2] ?? m[4] ?? m[6];
      let value = amountValue(main, pair);
      if (/(grand|k)$/i.test(m[0])) {
        // "Thirty-eight thousand K" is kilometres: "k" multiplies only what is not thousands already.
        if (value >= 1000) continue;
        value *= 1000;
      }
      found.push({ index: offset + m.index, value, end: offset + m.index + m[0].length });
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
      // "The package you mentioned, eighteen hundred?", "you said two twenty-five for the disposal":
      // hundreds or two parts a caller recalls on a voicemail, with no word of time.
      const recalledAmount =
        recalled &&
        (m[2] === undefined ? value >= 100 && !(value >= 1900 && value < 2100) : !TIME_CUE.test(sentence)) &&
        PRICE_FOLLOWER.test(rest);
      // "So, three twenty-four?" "Three twenty-four, yep.": the business confirming the amount asked,
      // when money is the talk; a time said back is on a five-minute mark, a street is named after it.
      const fiveMinuteMark = clockLike && Number(m[2]) % 5 === 0;
      const confirmsAsked =
        askedAmounts.includes(value) &&
        (cue || context.moneyTalk === true) &&
        !fiveMinuteMark &&
        !/^\s+\p{Lu}/u.test(rest) &&
        offset === 0 &&
        REPLY_OPENERS.test(sentence.slice(0, m.index));
      // "A flat-fee package, fourteen ninety-five." "Fourteen ninety-five, okay.": an amount no clock
      // or year has, which the caller says back, is what they were quoted; a street is named after it.
      // Not a choice between offers ("or"), which the caller may repeat only to weigh it.
      const takenUp =
        echoed.includes(value) &&
        (m[2] === undefined ? value >= 100 && !(value >= 1900 && value < 2100) : !clockLike) &&
        !/^,?\s+\p{Lu}/u.test(rest) &&
        !PLACE_NUMBER.test(sentence.slice(0, m.index)) &&
        !/\bor\b/i.test(text);
      if ((perUnit || answer || recalledAmount || confirmsAsked || takenUp || MONEY_FOLLOWER.test(rest)) && value >= 10)
        found.push({
          index: offset + m.index,
          value,
          end: offset + m.index + m[0].length,
          settled: confirmsAsked,
          heardBack: takenUp && !(perUnit || answer || recalledAmount || confirmsAsked),
        });
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
      // A clock time is said on the quarter hours or with a word of time; "that's two fifty" is not.
      const saidWith = sentence.slice(0, m.index + m[0].length) + (/^[^,;]*/.exec(rest)?.[0] ?? "");
      // Money asked about or said in the same sentence, with no word of time said with the amount
      // (another clause may be about time), makes even "one forty-five" a price.
      const moneySentence = (askedPrice || PRICE_CUE.test(sentence)) && !TIME_CUE.test(saidWith);
      // Hundreds said as one number ("four hundred and sixty") are no clock time, count or year.
      const hundreds = pair === undefined && value >= 100 && !(value >= 1900 && value < 2100);
      const offTheClock = clockLike && !onTheClock && !CLOCK_WORDS.test(saidWith) && (cue || !timeTalk);
      // "The service call is eighty-nine": what some piece of work is, said as an amount no clock has.
      // "The pump-out is three twenty-five" too, off the quarter hours and with no word of the clock.
      const workIs =
        (pair === undefined ? value >= 20 && !TIME_CUE.test(saidWith) : !onTheClock && !CLOCK_WORDS.test(saidWith)) &&
        /^(?:is|'s|will be|would be)\s/i.test(m[0]) &&
        namesWork(sentence.slice(0, m.index));
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
        found.push({ index: offset + m.index + m[0].length - main.length, value, end: offset + m.index + m[0].length });
    }
    // "Outright it's eleven thousand, and we do lease options": someone else's money is named
    // up to the end of the amount's own clause, not anywhere in the sentence.
    const ours = found.splice(before).filter((amount) => {
      const clauseEnd = /[,;—–]|$/.exec(sentence.slice(amount.index - offset))?.index ?? 0;
      return (
        !NOT_OUR_PRICE.test(sentence.slice(0, amount.index - offset + clauseEnd)) &&
        !ADDRESS_FOLLOWER.test(text.slice(amount.end))
      );
    });
    found.push(...ours);
  }
  const sorted = found.filter((amount) => amount.value > 0).sort((a, b) => a.index - b.index);
  // The amount the caller says back is the one they took ("Twelve hundred. Okay.").
  const perUnit = (amount: (typeof sorted)[number]) => PER_BOOKING.test(text.slice(amount.end));
  const isTotal = (amount: (typeof sorted)[number]) =>
    TOTAL_AFTER.test(text.slice(amount.end)) || TOTAL_BEFORE.test(text.slice(0, amount.index));
  const taken = sorted.filter((amount) => echoed.includes(amount.value)).at(-1);
  if (taken)
    return { value: taken.value, settled: taken.heardBack !== true, perUnit: perUnit(taken), total: isTotal(taken) };
  // A later amount replaces an earlier one (a total after a unit price) unless it is said as an
  // extra on top of the work ("plus the call-out fee", "then parts"), as the usual price, or as
  // another option; a total of what came before replaces it anyway.
  let price: (typeof sorted)[number] | undefined;
  for (const amount of sorted) {
    const between = text.slice(price?.index ?? 0, amount.index);
    if (
      !price ||
      isTotal(amount) ||
      !(EXTRA.test(between) || REFERENCE_PRICE.test(between) || ALTERNATIVE.test(between))
    )
      price = amount;
  }
  return price
    ? { value: price.value, settled: price.settled === true, perUnit: perUnit(price), total: isTotal(price) }
    : null;
}

/** Does a question in `text` ("What's the rent?", "and the HOA, how much is that?") mention `re`? */
const askedAbout = (text: string, re: RegExp) =>
  sentencesOf(text).some((sentence) => sentence.endsWith("?") && re.test(sentence));

/** A caller recalling what the business quoted: "you said", "your quote", "was it ...?". */
const RECALLS_QUOTE =
  /\b(?:you|he|she|they)(?:'d)? (?:said|quoted|mentioned|sent|told|gave|offered|talked about)\b|\byour (?:quote|price|rate|offer)\b|\bthe (?:quote|price)\b|\bwas it\b/i;

/**
 * Every price the business states, one per turn, in order (`country`: the caller's, which says
 * what "pounds" are). On a voicemail (the business says
 * only its greeting) the only prices are those the caller recalls the business quoting.
 */
export function businessPrices(turns: Turn[], country?: string): SaidPrice[] {
  const prices: SaidPrice[] = [];
  // Where pounds are what a door or a dog weighs, not money.
  const weightPounds = country === "US" || country === "CA";
  const voicemail =
    turns[0]?.speaker === "business" && turns.length > 1 && turns.slice(1).every((t) => t.speaker === "caller");
  if (voicemail)
    turns.forEach((turn, i) => {
      // Only what the caller recalls the business saying: what they pay elsewhere is not its price.
      const recalled = sentencesOf(wordsToDigits(turn.text))
        .filter((sentence) => RECALLS_QUOTE.test(sentence))
        .join(" ");
      const price =
        i > 0 && recalled
          ? priceInTurn(recalled, { cue: PRICE_CUE.test(recalled), askedPrice: false, recalled: true, weightPounds })
          : null;
      if (price !== null) prices.push({ turn: i, value: price.value });
    });
  // The amounts said in each turn before `i`, by whom, read once per call.
  const amounts: { business: boolean; values: number[] }[] = [];
  const saidAmounts = (i: number) => {
    for (let t = amounts.length; t < i; t++)
      amounts.push({ business: turns[t]?.speaker === "business", values: amountsIn(turns[t]?.text ?? "") });
    return amounts.slice(0, i);
  };
  turns.forEach((turn, i) => {
    if (turn.speaker !== "business") return;
    const previous = turns[i - 1];
    // "What are the HOA fees?" makes the answer someone else's money; "a three bedroom" said of the job does not.
    if (previous?.speaker === "caller" && askedAbout(previous.text, NOT_OUR_PRICE)) return;
    const text = wordsToDigits(turn.text);
    const fromCaller = previous?.speaker === "caller";
    const askedPrice = fromCaller && ASKS_PRICE.test(previous.text);
    const timeTalk = fromCaller && TALKS_TIME.test(wordsToDigits(previous.text));
    const reply = turns[i + 1];
    const price = priceInTurn(text, {
      cue: askedPrice || PRICE_CUE.test(weightPounds ? text.replace(/\bpounds?\b/gi, "") : text),
      askedPrice,
      timeTalk,
      weightPounds,
      echoed: reply?.speaker === "caller" ? amountsIn(reply.text) : [],
      askedAmounts: fromCaller && /\?\s*$/.test(previous.text) ? amountsIn(previous.text) : [],
      moneyTalk: fromCaller && (PRICE_CUE.test(previous.text) || prices.at(-1)?.turn === i - 2),
    });
    if (price !== null)
      prices.push({ turn: i, ...price, total: price.total || sumsUp(price.value, saidAmounts(i), prices) });
  });
  return prices;
}

/**
 * "Thirty-nine a head ... so for fourteen that's five forty-six": an amount that is an earlier
 * price times a count said in the call, or two amounts the business said before added up, is
 * the total of them.
 */
function sumsUp(value: number, before: { business: boolean; values: number[] }[], prices: SaidPrice[]): boolean {
  const counts = before.flatMap((turn) => turn.values).filter((n) => Number.isInteger(n) && n >= 2 && n <= 100);
  const cents = (n: number) => Math.round(n * 100);
  if (
    prices.some((price) => price.value < value && counts.some((count) => cents(price.value * count) === cents(value)))
  )
    return true;
  const business = before.filter((turn) => turn.business).flatMap((turn) => turn.values.filter((n) => n >= 10));
  return business.some((a, i) => business.some((b, j) => i < j && cents(a + b) === cents(value)));
}

/** The call's price: the first the business states. */
export function priceOf(turns: Turn[]): number | null {
  return businessPrices(turns)[0]?.value ?? null;
}

/** Where an event's arranging began: the turn its day was first said (the one before introduces it). */
export interface ArrangedIn {
  firstTurn: number;
  /** Local `YYYY-MM-DD...` of the booking, when a day was agreed. */
  datetime?: string | null;
}

/** A caller bringing up another matter: "second thing", "one more thing", "do you do spraying?". */
const NEW_MATTER =
  /\b(?:also|as well|another (?:thing|job|question|problem|issue)|(?:second|other|next) thing|one more thing|while i have you|do you (?:also )?(?:do|offer|handle|fix|service))\b/i;

/** Work said to cost nothing. */
const FREE = /\b(?:free|no charge|complimentary|no cost|(?:is|are) covered)\b/i;

const WEEKDAYS = ["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"];

/**
 * "Boarding is sixty-two a night ... Drop-off on the twenty-third is ...": the one event whose
 * day (its date or its weekday) a turn names, so a price said with it is that event's; null when
 * the turn names no event's day or several.
 */
function eventNamedIn(events: ArrangedIn[], text: string): number | null {
  if (events.length < 2) return null;
  const said = wordsToDigits(text).toLowerCase();
  const named = events.flatMap((event, i) => {
    const day = /^(\d{4})-(\d{2})-(\d{2})/.exec(event.datetime ?? "");
    if (!day) return [];
    const date = new Date(Date.UTC(Number(day[1]), Number(day[2]) - 1, Number(day[3])));
    const dayOfMonth = new RegExp(String.raw`\b(?:the )?${date.getUTCDate()}(?:st|nd|rd|th)\b`);
    return dayOfMonth.test(said) || new RegExp(`\\b${WEEKDAYS[date.getUTCDay()]}\\b`).test(said) ? [i] : [];
  });
  // Two events on the same day cannot be told apart by it.
  return named.length === 1 ? (named[0] as number) : null;
}

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
 * stays with the repair; one the caller took up comes first.
 */
export function priceForEvent(
  prices: SaidPrice[],
  events: ArrangedIn[],
  index: number,
  turns: Turn[] = [],
): number | null {
  return ownPrice(prices, events, index, turns)?.value ?? null;
}

function ownPrice(prices: SaidPrice[], events: ArrangedIn[], index: number, turns: Turn[]): SaidPrice | undefined {
  const starts = discussionStarts(events, turns);
  const byStart = events.map((_, i) => ({ start: starts[i] as number, i })).sort((a, b) => a.start - b.start);
  const own = prices.filter((price) => {
    const said = turns[price.turn]?.text ?? "";
    const named = eventNamedIn(events, said);
    if (named !== null) return named === index;
    const at = Math.max(
      0,
      byStart.findLastIndex((event) => event.start <= price.turn),
    );
    // "The first call is free, and then the workshop is twenty-two hundred": the work called free
    // is the booking under discussion, the priced one is the next.
    const next = FREE.test(said) && at + 1 < byStart.length ? at + 1 : at;
    return byStart[next]?.i === index;
  });
  // An amount the caller took up (a total they asked to have confirmed) beats one said before it,
  // and a total the business sums up to in a later turn beats the parts it adds up.
  return own.find((price) => price.settled) ?? own.findLast((price) => price.total) ?? own[0];
}

interface PricedEvent {
  event_type: string;
  price_estimate: number | null;
  currency: string | null;
}

/**
 * "Exams are ninety-five each": a price said per booking goes to every booking of the same kind
 * in the call that has no price of its own (the events are changed in place).
 */
export function shareUnitPrices(events: PricedEvent[], prices: SaidPrice[], arranged: ArrangedIn[], turns: Turn[]) {
  const units = events.map((_, i) => {
    const own = ownPrice(prices, arranged, i, turns);
    return own?.perUnit ? own : undefined;
  });
  for (const [i, event] of events.entries()) {
    if (event.price_estimate !== null) continue;
    const source = events.findIndex((other, j) => j !== i && other.event_type === event.event_type && units[j]);
    if (source < 0) continue;
    event.price_estimate = units[source]?.value ?? null;
    event.currency = events[source]?.currency ?? null;
  }
}
