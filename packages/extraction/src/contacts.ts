/** Phone numbers and email addresses as people say them on the phone. */
import { type CountryCode, parsePhoneNumberFromString } from "libphonenumber-js";
import { wordsToDigits } from "./numbers";
import { acceptsProposal, confirmsReadBack, sentencesOf, type Turn } from "./turns";

/** The country whose national numbers a caller in `timezone` most likely says. */
export function countryForTimezone(timezone: string): CountryCode {
  if (timezone.startsWith("Australia/")) return "AU";
  if (timezone === "Europe/London" || timezone === "Europe/Belfast") return "GB";
  if (timezone === "Europe/Dublin") return "IE";
  if (timezone.startsWith("America/Toronto") || timezone.startsWith("America/Vancouver")) return "CA";
  return "US";
}

/** A sentence that is nothing but a number: the business saying the caller's number back. */
function isEcho(sentence: string): boolean {
  const rest = wordsToDigits(sentence).replace(/\b(?:oh|zero|double|triple|plus)\b/gi, " ");
  return /^[\s\d,.+\-–—]*$/.test(rest) && (rest.match(/\d/g) ?? []).length >= 7;
}

/**
 * The sentences of a business turn that read the caller's details back to them ("is your
 * mobile still ...?", "I have you as ..."), as opposed to the business giving out its own.
 */
export function readBackSentences(text: string): string[] {
  return sentencesOf(text).filter(
    (sentence) =>
      /\?\s*$/.test(sentence) ||
      /\b(your|you're|you (?:left|gave|put down)|i have|we have|i've got|on file|got you)\b/i.test(sentence) ||
      isEcho(sentence),
  );
}

const DIGIT_WORDS: Record<string, string> = { oh: "0", o: "0", zero: "0", nought: "0" };
const REPEATS: Record<string, number> = { double: 2, triple: 3 };
/** Words a speaker drops into a number without ending it. */
const FILLERS = new Set([
  "um",
  "uh",
  "er",
  "erm",
  "ah",
  "hmm",
  "like",
  "so",
  "it's",
  "its",
  "is",
  "that's",
  "it",
  "make",
  "then",
]);
/** Words after which the digits that follow replace some of those said before. */
const CORRECTIONS = new Set(["no", "wait", "sorry", "actually", "mean", "scratch", "oops", "rather", "correction"]);

interface NumberRun {
  index: number;
  plus: boolean;
  /** Digit groups as spoken, split at pauses (commas, dashes, fillers). */
  groups: string[];
  /** Index into `groups` of the first group said after a correction word, if any. */
  correctedAt: number | null;
}

/**
 * Countries whose numbers callers of the other commonly give without saying so (a caller in
 * Dublin on a Northern Irish mobile), with the lengths their national numbers have when said
 * with the leading 0, which tell them apart where neither country's plan knows the range
 * (the fictional 07700 900xxx).
 */
const NEIGHBOURS: Partial<Record<CountryCode, CountryCode[]>> = { IE: ["GB"], GB: ["IE"] };
const NATIONAL_LENGTHS: Partial<Record<CountryCode, [number, number]>> = { IE: [9, 10], GB: [10, 11] };

/** The E.164 form of a national number in the caller's country or a neighbour's, preferring a valid one. */
function nationalE164(digits: string, country: CountryCode): string | null {
  const countries = [country, ...(NEIGHBOURS[country] ?? [])];
  const parsed = countries.map((c) => ({ c, number: parsePhoneNumberFromString(digits, c) }));
  const valid = parsed.find((p) => p.number?.isValid());
  if (valid) return valid.number?.number ?? null;
  if (digits.length < 10) return null;
  const fits = (c: CountryCode) => {
    const lengths = NATIONAL_LENGTHS[c];
    return !lengths || !digits.startsWith("0") || (digits.length >= lengths[0] && digits.length <= lengths[1]);
  };
  const possible = parsed.find((p) => p.number?.isPossible() && fits(p.c));
  return possible?.number?.number ?? null;
}

function acceptedE164(digits: string, plus: boolean, country: CountryCode): string | null {
  if (!plus) {
    const national = nationalE164(digits, country);
    if (national) return national;
  }
  // [number as dialled, whether a merely possible number will do]
  const attempts: [string, boolean][] = plus
    ? [[`+${digits}`, true]]
    : [
        // International prefixes said out loud: "oh oh four four ..." from Europe, "oh one one" from the US.
        ...(digits.startsWith("00") ? [[`+${digits.slice(2)}`, true] as [string, boolean]] : []),
        ...(digits.startsWith("011") ? [[`+${digits.slice(3)}`, true] as [string, boolean]] : []),
        // A country code said without "plus" is taken only when it gives a real number.
        [`+${digits}`, false],
      ];
  for (const [attempt, possibleWillDo] of attempts) {
    const parsed = parsePhoneNumberFromString(attempt, country);
    // Fictional ranges (555-01xx, the UK's 07700 900xxx) are "possible" but not "valid".
    if (parsed && (parsed.isValid() || (possibleWillDo && parsed.isPossible() && digits.length >= 10)))
      return parsed.number;
  }
  return null;
}

/** The number a run of spoken digits stands for, trying restarts and corrections in order. */
function resolveRun(run: NumberRun, country: CountryCode): string | null {
  const { groups, correctedAt } = run;
  const candidates: string[] = [];
  if (correctedAt !== null && correctedAt > 0 && correctedAt < groups.length) {
    const before = groups.slice(0, correctedAt);
    const after = groups.slice(correctedAt).join("");
    const beforeDigits = before.join("");
    // "five seven oh, seven seven — no — five seven oh, nine seven seven": the correction starts again at a group said before.
    const restart = before.lastIndexOf(groups[correctedAt] as string);
    if (restart >= 0) candidates.push(before.slice(0, restart).join("") + after);
    candidates.push(
      after,
      before.slice(0, -1).join("") + after,
      beforeDigits.slice(0, Math.max(0, beforeDigits.length - after.length)) + after,
      beforeDigits + after,
    );
  } else {
    candidates.push(groups.join(""));
    // A restart: "oh one, um, oh one six three" says the group "01" twice.
    for (let i = 0; i + 1 < groups.length; i++) {
      const next = groups[i + 1] as string;
      if (next.length > (groups[i] as string).length && next.startsWith(groups[i] as string))
        candidates.push([...groups.slice(0, i), ...groups.slice(i + 1)].join(""));
    }
    // "Oh, it's seven seven three ...": an opening "oh" is an exclamation, not a zero.
    if (groups[0] === "0") candidates.push(groups.slice(1).join(""));
  }
  // Digits said after a complete number ("... oh one four two, so three of us") are not part of it.
  for (let end = groups.length - 1; end > 0; end--) candidates.push(groups.slice(0, end).join(""));
  for (const digits of candidates) {
    if (digits.length < 7) continue;
    const e164 = acceptedE164(digits, run.plus, country);
    if (e164) return e164;
  }
  return null;
}

/** "The country code is", "country code's": the digits that follow are a calling code. */
const COUNTRY_CODE = /\b(?:the\s+)?country\s+code(?:'s|\s+is)?(?=\s*,?\s*\+?\d)/gi;
/** Words between a calling code and the rest of the number ("three five three, then oh two one"). */
const LINKS = new Set(["then", "and"]);
/** "An Irish number", "my UK mobile": the country whose national numbers the caller reads out. */
const NAMED_COUNTRY =
  /\b(irish|ireland|uk|british|english|scottish|welsh|australian|aussie|australia|new zealand|kiwi|canadian|american)\s+(?:mobile|number|landline|phone|cell|line)\b/i;
const COUNTRY_NAMES: Record<string, CountryCode> = {
  irish: "IE",
  ireland: "IE",
  uk: "GB",
  british: "GB",
  english: "GB",
  scottish: "GB",
  welsh: "GB",
  australian: "AU",
  aussie: "AU",
  australia: "AU",
  "new zealand": "NZ",
  kiwi: "NZ",
  canadian: "CA",
  american: "US",
};

function countryNamed(text: string): CountryCode | null {
  const name = NAMED_COUNTRY.exec(text)?.[1]?.toLowerCase().replace(/\s+/g, " ");
  return name ? (COUNTRY_NAMES[name] ?? null) : null;
}

/** Long numbers that are not phone numbers: "my policy number is ...". */
const OTHER_NUMBER =
  /\b(?:account|policy|claim|order|case|reference|ref|confirmation|member|membership|invoice|serial|tracking|licen[cs]e|vin|booking|card)\s+(?:number|no\.?|#|id)?[^.?!]{0,12}$/i;

/** People whose details a caller may give besides their own. */
const OTHER_PEOPLE =
  "wife|husband|partner|son|daughter|boss|mom|mum|mother|dad|father|tenant|landlord|neighbou?r|manager";

const TOKEN = /\+?\d+|[A-Za-z]+(?:'[A-Za-z]+)?|[.?!;:]+(?=\s|$)|[,—–()/\-.]|\S/g;

/**
 * Every phone number in a text, E.164, in order. Digits may be spoken one by one ("seven
 * seven three, five five five, oh one four two"), in pairs ("forty-two"), with "double" and
 * "triple", with a country code ("plus four four ..."), with restarts and corrections
 * ("oh one four — no wait, oh one four two"), or written ("(773) 555-0142").
 */
export function findPhones(text: string, defaultCountry: CountryCode): { index: number; e164: string }[] {
  const country = countryNamed(text) ?? defaultCountry;
  // "The country code is three five three, ..." says what "plus" says.
  const normalised = wordsToDigits(text).replace(COUNTRY_CODE, (m) => "plus".padEnd(m.length, " "));
  const tokens = [...normalised.matchAll(TOKEN)];
  const phones: { index: number; e164: string }[] = [];
  let run: NumberRun | null = null;
  let group = "";
  let repeat = 1;
  let fillers = 0;
  const endGroup = () => {
    if (run && group) run.groups.push(group);
    group = "";
  };
  const flush = () => {
    endGroup();
    if (run && !OTHER_NUMBER.test(normalised.slice(Math.max(0, run.index - 40), run.index))) {
      const e164 = resolveRun(run, country);
      if (e164) phones.push({ index: run.index, e164 });
    }
    run = null;
    repeat = 1;
    fillers = 0;
  };
  tokens.forEach((match, i) => {
    const token = match[0];
    const lower = token.toLowerCase();
    const saidSoFar = run ? [...run.groups, ...(group ? [group] : [])] : [];
    const afterCountryCode = run?.plus === true && saidSoFar.length === 1 && (saidSoFar[0] as string).length <= 3;
    const next = (tokens[i + 1]?.[0] ?? "").toLowerCase();
    const nextIsDigit = /^\+?\d/.test(next) || Object.hasOwn(DIGIT_WORDS, next) || Object.hasOwn(REPEATS, next);
    // A lone "o" is a digit only between digits; elsewhere it is a spelled letter.
    const isDigitWord = Object.hasOwn(DIGIT_WORDS, lower) && (lower !== "o" || run !== null || nextIsDigit);
    if (/^\+?\d+$/.test(token) || isDigitWord) {
      if (!run) run = { index: match.index, plus: token.startsWith("+"), groups: [], correctedAt: null };
      const value = DIGIT_WORDS[lower] ?? token.replace(/\D/g, "");
      group += value.repeat(repeat);
      repeat = 1;
      fillers = 0;
    } else if (lower === "plus" && nextIsDigit && !run) {
      run = { index: match.index, plus: true, groups: [], correctedAt: null };
    } else if (Object.hasOwn(REPEATS, lower) && (nextIsDigit || run)) {
      repeat = REPEATS[lower] as number;
    } else if (!run) {
      // Outside a number nothing matters.
    } else if (/^[,—–\-()/]$/.test(token) || token === "...") {
      endGroup();
    } else if (/^[.?!;:]+$/.test(token)) {
      // A sentence may end inside a number read slowly, but not after a complete one.
      const complete = resolveRun({ ...run, groups: [...run.groups, ...(group ? [group] : [])] }, country) !== null;
      if (complete || !nextIsDigit) flush();
      else endGroup();
    } else if (CORRECTIONS.has(lower) && fillers < 4) {
      endGroup();
      run.correctedAt = run.groups.length;
      fillers++;
    } else if ((FILLERS.has(lower) || lower === "i" || (afterCountryCode && LINKS.has(lower))) && fillers < 4) {
      endGroup();
      fillers++;
    } else flush();
  });
  flush();
  return phones;
}

/** The caller is pointing at the number they are calling from. */
const LINE = "(?:one|number|line|phone|cell|cellphone|mobile)";
/**
 * The caller is pointing at the line they are on: "this one's fine", "this line's fine",
 * "the one I'm calling on", "this cell, the one I'm on", "use this number", "this is the shop line".
 * "I'm calling from Acme", "calling on behalf of my boss" name who calls, not the line.
 */
const CALLER_ID_BY_CALLER = new RegExp(
  String.raw`\b(?:this ${LINE}(?:'s| is)? (?:fine|good|ok|okay|best|works|great)|(?:the )?${LINE} i'?m (?:(?:calling|ringing|phoning) )?(?:from|on)|i'?m (?:calling|ringing|phoning) (?:you )?(?:from|on)(?=\s*(?:[,.;:!?]|$)|\s+(?:it|this|here|my|the ${LINE})\b)|(?:${LINE}|i) (?:called|rang|phoned) (?:you )?(?:in )?(?:from|on)|${LINE} (?:that )?(?:came|comes|popped|pops|shows?|showed|is showing) up|(?:on )?your (?:screen|display|caller id)|(?:call|ring|text|reach) me (?:back )?(?:here|on this|at this)|you(?:'ve| have)?(?: got)? my (?:number|mobile|cell)|what(?:ever)?(?:'s| has| is)? (?:come|came|coming|showing|popped) up|(?:one|number) you(?:'re| are) seeing|(?:it'?s|use|try|on|to|just) this ${LINE}|same number|this is (?:my|the|our) (?:\w+ )?${LINE}|number you (?:have|'ve got|see)|calling from is (?:fine|good|best))\b|^\W*(?:(?:um|uh|oh|just|yeah|yes|yep|sure),?\s+)?this ${LINE}\b`,
  "i",
);
/** The business offers the caller ID (or asks whether the number it has is still right). */
const CALLER_ID_BY_BUSINESS =
  /\b(?:(?:this|that|the) (?:number|one) (?:you'?re|you are) (?:calling|ringing|on)|number you'?re (?:calling|ringing) (?:from|on)|number you'?re on|number you (?:called|rang|phoned) (?:in )?(?:from|on)|(?:call|ring|text|reach|message)(?: you)?(?: back)? (?:on |at )?this (?:number|line|mobile|cell|phone)|is this (?:(?:the |a )?(?:best |right |good )?(?:number|cell|mobile|phone|line))|(?:this|the) (?:number|line|phone|mobile|cell) (?:i|we)(?:'ve| have)? (?:called|rang|dialled|dialed|reached)|(?:the )?same number|number (?:we have )?on file|end(?:s|ing)? in|is (?:this|that) (?:your|the|a) (?:\w+ )?(?:number|mobile|cell|phone|line)|(?:number|mobile|cell|phone|line)(?:'s| is) (?:this|that) one)\b/i;
/** Words before a number that make it someone else's line: "her landline's", "my wife's cell is". */
const OTHERS_LINE = new RegExp(
  String.raw`(?:\b(?:[Hh]is|[Hh]er|[Tt]heir)|\b(?:\p{Lu}\p{Ll}+|${OTHER_PEOPLE})'s) (?:\w+ )?(?:number|phone|cell|cellphone|mobile|landline|line)(?:'s| is)?\s*[:,]?\s*[^.?!;]{0,12}$`,
  "u",
);
/** A reply that turns down what the business offered: "No, use my cell", "Actually, the office is better". */
const DECLINES = /^\W*(?:(?:um|uh|oh|well),?\s+)*(?:no|nope|not|actually|rather|better|use|try|hmm)\b/i;
const ASKS_FOR_PHONE = /\b(number|phone|cell|mobile|reach you|call you|contact)\b/i;

/**
 * The customer's phone number: the last one the caller says, or one the business reads back
 * and the caller confirms, or the caller ID when the caller points at it ("this number is
 * fine", "it's this one"). A number said by the business and not confirmed (its own line,
 * say) is not the customer's.
 */
export function customerPhone(turns: Turn[], country: CountryCode, callerNumber?: string | null): string | null {
  let found: string | null = null;
  const othersNumbers = new Set<string>();
  turns.forEach((turn, i) => {
    const previous = turns[i - 1];
    const reply = turns[i + 1];
    if (turn.speaker === "caller") {
      const digits = wordsToDigits(turn.text);
      // "Her landline's ...", "my husband's cell is ...": once the caller has given their own
      // number, one they give for someone else is that person's.
      const said = findPhones(turn.text, country).filter((phone) => {
        const others = found !== null && OTHERS_LINE.test(digits.slice(Math.max(0, phone.index - 40), phone.index));
        if (others) othersNumbers.add(phone.e164);
        return !others;
      });
      const last = said.at(-1);
      if (last) {
        // "... extension two. Actually, no, just use the one I'm calling from": a correction to the line they are on.
        const correction = /\b(?:actually|no|instead|rather|scratch that)\b(.*)$/is.exec(digits.slice(last.index));
        const pointsAfter = callerNumber && correction && CALLER_ID_BY_CALLER.test(correction[1] as string);
        found = pointsAfter ? callerNumber : last.e164;
      } else if (found && previous?.speaker === "business" && !confirmsReadBack(turn.text)) {
        // "No, oh one four three": the caller corrects the end of a number read back.
        const tail = /^\W*(?:no|nope|not quite|actually)\b[^0-9]*((?:\d\s?){2,6})\b/i.exec(wordsToDigits(turn.text));
        const digits = tail?.[1]?.replace(/\s/g, "");
        if (digits) {
          const patched = acceptedE164(found.slice(1, found.length - digits.length) + digits, true, country);
          if (patched) found = patched;
        }
      } else if (
        callerNumber &&
        CALLER_ID_BY_CALLER.test(turn.text) &&
        (ASKS_FOR_PHONE.test(previous?.text ?? "") || /\b(number|calling)\b/i.test(turn.text))
      )
        found = callerNumber;
      return;
    }
    if (reply?.speaker !== "caller") return;
    const read = readBackSentences(turn.text).flatMap((sentence) => findPhones(sentence, country));
    if (read.length > 0) {
      // A number read back as the caller's stands unless they turn it down; one they say instead
      // is taken from their own turn.
      const last = (read.at(-1) as { e164: string }).e164;
      if (!DECLINES.test(reply.text) && !othersNumbers.has(last)) found = last;
    } else if (callerNumber && CALLER_ID_BY_BUSINESS.test(turn.text) && !DECLINES.test(reply.text))
      // "He'll call you on this number." "Lovely.": the caller takes up using the line they are on
      // (a number said instead is taken from the caller's turn).
      found = callerNumber;
  });
  return found;
}

const TLDS = new Set(
  "com net org edu gov mil int io co uk au ca us biz info me nz ie de fr es it nl be ch at se no dk fi pl pt br mx in jp cn za sg hk ai app dev tech online store shop site email cloud design studio agency law legal health dental clinic media digital consulting group xyz pro club life live blog page".split(
    " ",
  ),
);
/** Mail services whose address is the same in every country, so "at gmail" is complete. */
const BARE_PROVIDERS = new Set(["gmail", "icloud"]);
const SEPARATORS: Record<string, string> = {
  dot: ".",
  period: ".",
  point: ".",
  underscore: "_",
  dash: "-",
  hyphen: "-",
};
/** Words that end the local part when walking back from "at": they introduce the address. */
const INTRO = new Set(
  "it's its is it email e-mail email's address my me mine yours his hers at and or the that's use try yes yeah yep sure um uh ok okay so oh well actually no wait sorry just i i'm have has got send to reach be you as was would should please then write copy cc theirs ours still also now same again".split(
    " ",
  ),
);
/** Words that introduce an address elsewhere but start one when a separator follows ("the underscore nguyens"). */
const LOCAL_WORDS = new Set(["the", "my", "me", "his", "her"]);
/** "Mine's", "email's": a word with "'s" introduces as the word itself does. */
const introduces = (lower: string) => INTRO.has(lower) || INTRO.has(lower.replace(/'s$/, ""));
/** More whole words than a local part is said in: the speaker was still talking before it. */
const MAX_PLAIN_WORDS = 3;

const SPELLED = /^[a-z](?:-[a-z])+$/i;
const EMAIL_TOKEN = /[A-Za-z0-9]+(?:['-][A-Za-z0-9]+)*|\.(?=[A-Za-z0-9])|[.?!;:]+|[,—–]/g;

interface Word {
  text: string;
  index: number;
}

const letters = (word: string) => word.replace(/-/g, "").toLowerCase();
const isLetter = (word: string) => /^[a-z]$/i.test(word);

/**
 * The index before the words ending at `last` whose letters join into `spelling` ("lauren p"
 * for L-A-U-R-E-N-P), or null when the words before a spelling are not the ones it spells.
 */
function wordsSpelling(words: Word[], last: number, spelling: string): number | null {
  const target = letters(spelling);
  let joined = "";
  let j = last;
  for (; j >= 0 && joined.length < target.length && /^[a-z]+$/i.test((words[j] as Word).text); j--)
    joined = (words[j] as Word).text.toLowerCase() + joined;
  return joined === target && j < last ? j : null;
}

/**
 * The plain words ending at `last` (back to the words that introduce the address), one of
 * which `spelling` spells, with that word written as spelled; null when none is spelled.
 */
function wordSpelledAmong(words: Word[], last: number, spelling: string): { words: string[]; before: number } | null {
  const plain: string[] = [];
  let j = last;
  for (; j >= 0 && plain.length < MAX_PLAIN_WORDS; j--) {
    const lower = (words[j] as Word).text.toLowerCase();
    if (!/^[a-z]+$/.test(lower) || introduces(lower)) break;
    plain.unshift(lower);
  }
  // Speech recognition may have written the word as it heard it: the spelling is how it is written.
  const spelled = plain.findIndex(
    (word) => editDistance(word, spelling) <= Math.floor(spelling.length * 0.4) && word[0] === spelling[0],
  );
  if (plain.length < 2 || spelled < 0) return null;
  plain[spelled] = spelling;
  return { words: plain, before: j };
}

/** Local part, walking back from the "at" at `at`; null when there is none. */
function localPartBefore(words: Word[], at: number): string | null {
  const parts: string[] = [];
  let plainWords = 0;
  /** Whether the first part so far was spelled letter by letter. */
  let spelledHead = false;
  let k = at - 1;
  while (k >= 0 && words[k]?.text === ",") k--;
  while (k >= 0) {
    const w = (words[k] as Word).text;
    const lower = w.toLowerCase();
    if (Object.hasOwn(SEPARATORS, lower)) {
      if (parts.length === 0 || /^[._-]/.test(parts[0] as string)) break;
      parts.unshift(SEPARATORS[lower] as string);
      plainWords = 0;
    } else if (w === ",") {
      // "grace dot pruitt, P-R-U-I-T-T, at": a spelling that repeats the word before it.
      const before = words[k - 1]?.text ?? "";
      if (parts.length > 0 && letters(before) === parts[0]) {
        k -= 2;
        continue;
      }
      // "lauren p, L-A-U-R-E-N-P, eight two at": a spelling set off after the words it spells.
      const spelledWords =
        SPELLED.test(before) && words[k - 2]?.text === "," ? wordsSpelling(words, k - 3, before) : null;
      if (spelledWords !== null) {
        parts.unshift(letters(before));
        k = spelledWords;
        continue;
      }
      // "dee callaghan, D-E-E, at": a spelling of one of the words said before it, which all stay.
      const spelledOne = spelledHead && parts.length === 1 ? wordSpelledAmong(words, k - 1, parts[0] as string) : null;
      if (spelledOne !== null) {
        parts.splice(0, 1, ...spelledOne.words);
        k = spelledOne.before;
        plainWords = spelledOne.words.length;
        spelledHead = false;
        continue;
      }
      // "trev mac, T-R-E-V, M-A-C, at": the words spelled a piece at a time.
      const piecesSpell =
        SPELLED.test(before) && spelledHead && words[k - 2]?.text === ","
          ? wordsSpelling(words, k - 3, letters(before) + parts[0])
          : null;
      if (piecesSpell !== null) {
        parts[0] = letters(before) + parts[0];
        k = piecesSpell;
        continue;
      }
      // "dot nolan, ninety-two, at": a pause after a part joined on by a separator.
      if (parts.length > 0 && /^[a-z0-9]+$/i.test(before) && (words[k - 2]?.text.toLowerCase() ?? "") in SEPARATORS) {
        k--;
        continue;
      }
      // "margo, M-A-R-G-O, dot pennington": a spelling paused over before the next part.
      if (SPELLED.test(before) && /^[._-]/.test(parts[0] ?? "")) {
        k--;
        continue;
      }
      break;
    } else if (SPELLED.test(w) || isLetter(w)) {
      parts.unshift(letters(w));
      spelledHead = SPELLED.test(w);
      k--;
      continue;
    } else if (/^\d+$/.test(w) || /^\d+$/.test(wordsToDigits(lower))) {
      const digits = /^\d+$/.test(w) ? w : wordsToDigits(lower);
      // "eighty eight": tens said before a unit are one number.
      const unit = parts[0] ?? "";
      if (/^[2-9]0$/.test(digits) && /^[1-9]$/.test(unit) && !/^\d+$/.test(w)) parts[0] = digits.slice(0, 1) + unit;
      else parts.unshift(digits);
    } else if (
      /^[a-z][a-z0-9'-]*$/i.test(w) &&
      (!introduces(lower) || (LOCAL_WORDS.has(lower) && /^[._-]/.test(parts[0] ?? ""))) &&
      plainWords < MAX_PLAIN_WORDS
    ) {
      // Words said without "dot" between them are one local part ("naomi f cruz", "debbie
      // birnbaum"), back to the words that introduce the address; a word its spelling follows
      // ("mike m-i-k-e") is said once.
      const word = lower.replace(/'/g, "");
      if (word !== parts[0]) parts.unshift(word);
      plainWords++;
    } else break;
    spelledHead = false;
    k--;
  }
  while (parts[0] && /^[._-]$/.test(parts[0])) parts.shift();
  const local = parts.join("");
  return local.length > 0 ? local : null;
}

/** Domain, walking on from the "at" at `at`: words up to "dot" join into one label ("proton mail"). */
function domainAfter(words: Word[], at: number): { domain: string; end: number } | null {
  const labels: string[] = [];
  let label = "";
  let labelWords = 0;
  let afterDash = false;
  let j = at + 1;
  if (/^(sign|symbol)$/i.test(words[j]?.text ?? "")) j++;
  for (; j < words.length; j++) {
    // "mike's garage dot com": an apostrophe cannot be in a domain.
    const w = (words[j] as Word).text.replace(/'/g, "");
    const lower = w.toLowerCase();
    const writtenDot = w === "." && words[j + 1]?.index === (words[j] as Word).index + 1;
    // "at gmail, dot com": a pause before the dot.
    if (w === "," && label && /^dot$/i.test(words[j + 1]?.text ?? "")) continue;
    if (lower === "dot" || writtenDot) {
      if (!label) return null;
      labels.push(label);
      label = "";
      labelWords = 0;
      continue;
    }
    if (!/^[a-z0-9][a-z0-9-]*$/i.test(w)) break;
    // "lumen dash studio": a hyphen inside a label, between two words of it.
    if (
      /^(dash|hyphen)$/.test(lower) &&
      label &&
      /^[a-z0-9]+$/i.test(words[j + 1]?.text ?? "") &&
      !/^(dot|dash|hyphen)$/i.test(words[j + 1]?.text ?? "")
    ) {
      label += "-";
      afterDash = true;
      continue;
    }
    // "dot c a": a top-level domain said letter by letter.
    const next = words[j + 1]?.text ?? "";
    if (labels.length > 0 && !label && isLetter(w) && isLetter(next) && TLDS.has(letters(w + next))) {
      label = letters(w + next);
      labelWords = 1;
      j++;
      continue;
    }
    // After the first label every label is one word ("dot co dot uk").
    if (!afterDash && labelWords > 0 && (labels.length > 0 || labelWords >= 4)) break;
    afterDash = false;
    label += SPELLED.test(w) ? letters(w) : lower;
    labelWords++;
  }
  if (label) labels.push(label);
  // "at gmail?": the mail services that have one address everywhere need no "dot com".
  if (labels.length === 1 && BARE_PROVIDERS.has(labels[0] as string)) labels.push("com");
  // The last label must be a top-level domain; a trailing word after it is not part of it.
  while (labels.length > 1 && !TLDS.has(labels.at(-1) as string)) labels.pop();
  if (labels.length < 2) return null;
  return { domain: labels.join("."), end: j };
}

/** "All one word, salthousecafe": the word said after the remark is how one part is written. */
const ONE_WORD_SPELLING = /\b(?:all )?(?:one|1) word,?\s+([a-z0-9]{4,})\b/i;

/** A part of the address that holds the word said as one, written as that word alone. */
function applyOneWord(email: string, text: string): string {
  const word = ONE_WORD_SPELLING.exec(text)?.[1]?.toLowerCase();
  if (!word) return email;
  return email
    .split(/([@.])/)
    .map((part) => (part !== word && part.includes(word) ? word : part))
    .join("");
}

/** "All one word", "no spaces": a remark inside an address, not part of it; a pause like a comma. */
const ONE_WORD = /,?\s*\b(?:(?:all )?(?:one|1) word|no spaces?|all together|all lower ?case)\b,?/gi;

const LETTER_COUNT = /\b([a-z]+) with (two|double|one|a single|a|an) ([a-z])(?:'?s)?\b/gi;

/** "smith with two t's", "Philip with one l": the word with that letter doubled or single. */
function withLetterCount(word: string, count: string, letter: string): string {
  const lower = word.toLowerCase();
  const l = letter.toLowerCase();
  const hasDouble = lower.includes(l + l);
  if (/^(two|double)$/i.test(count)) return !hasDouble && lower.split(l).length === 2 ? lower.replace(l, l + l) : lower;
  return hasDouble ? lower.replace(l + l, l) : lower;
}

/** Letter counts said after an address ("Calloway with two Ls") applied to the address. */
function applyLetterCounts(email: string, text: string): string {
  let fixed = email;
  for (const m of text.matchAll(LETTER_COUNT)) {
    const word = (m[1] as string).toLowerCase();
    if (fixed.includes(word)) fixed = fixed.replace(word, withLetterCount(word, m[2] as string, m[3] as string));
  }
  return fixed;
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0] as number;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j] as number;
      row[j] = Math.min(above + 1, (row[j - 1] as number) + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return row[b.length] as number;
}

/**
 * "sean at gmail dot com, that's S-H-A-W-N": a spelling said after the address replaces the
 * part of it that sounds alike (speech recognition writes names as it hears them).
 */
function applySpellings(email: string, text: string): string {
  let fixed = email;
  for (const m of text.matchAll(/\b[a-z](?:-[a-z]){2,}\b/gi)) {
    const spelled = letters(m[0]);
    // "p desrochers at ... D-E-S-R-O-C-H-E-R-S": a spelling the address already holds confirms it.
    if (fixed.includes(spelled)) continue;
    const parts = fixed.split(/([@._-])/);
    const closest = parts
      .map((part, i) => ({ i, distance: /^[a-z]{3,}$/.test(part) ? editDistance(part, spelled) : 99 }))
      .sort((a, b) => a.distance - b.distance)[0];
    if (closest && closest.distance > 0 && closest.distance <= Math.max(1, Math.floor(spelled.length * 0.4))) {
      parts[closest.i] = spelled;
      fixed = parts.join("");
    }
  }
  return fixed;
}

/** "The nine is the number", "four as a digit", "the number two": a number word written in digits. */
const DIGIT_WORD =
  /\bthe ([a-z-]+) is (?:a|the) (?:number|digit|numeral)\b|\b([a-z-]+) as (?:a|the) (?:number|digit|numeral)\b|\bthe (?:number|digit|numeral) ([a-z-]+)\b/gi;

/** Number words in an address that a clarification says are written as digits ("cloud nine tea" -> cloud9tea). */
function applyDigitWords(email: string, text: string): string {
  let fixed = email;
  for (const m of text.matchAll(DIGIT_WORD)) {
    const word = (m[1] ?? m[2] ?? m[3] ?? "").toLowerCase();
    const digits = wordsToDigits(word);
    if (/^\d+$/.test(digits) && fixed.includes(word)) fixed = fixed.replace(word, digits);
  }
  return fixed;
}

/** "M as in Mary", "B for Bravo": a letter said with a word that starts with it. */
const LETTER_AS_IN = /\b([A-Za-z]) [Aa]s in [A-Za-z]+\b|\b([A-Z]) for [A-Z][a-z]+\b/g;
/** Three or more letters said one at a time ("M, A, R, G, O", "j o h n"): one spelled word. */
const LETTER_RUN = /(?<![\w'’])[a-z](?:(?:\s*,\s*|\s+)[a-z](?![\w'’])){2,}/gi;

/** Letters said one at a time joined into the hyphenated form of a spelling, keeping offsets. */
function joinSpelledLetters(text: string): string {
  return text
    .replace(LETTER_AS_IN, (m, asIn?: string, forWord?: string) => (asIn ?? forWord ?? "").padEnd(m.length, " "))
    .replace(LETTER_RUN, (m) => (m.match(/[a-z]/gi) as string[]).join("-").padEnd(m.length, " "));
}

/**
 * Every email address in a text, in order: written ones and spoken ones such as
 * "j o h n dot smith at gmail dot com", "s-h-a-h dot priya at g mail dot com" or
 * "m bennett sixty-two at proton mail dot com". A spelling or a letter count said right
 * after the address ("that's R-M-A-L-H-O-T-R-A", "with two Ls") corrects it.
 */
export function findEmails(text: string): { index: number; email: string }[] {
  const emails: { index: number; email: string }[] = [];
  const written = /\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b/g;
  for (const m of text.matchAll(written)) emails.push({ index: m.index, email: m[0].toLowerCase() });
  // Sentences stop a spoken address; "." between letters is a written dot ("gmail.com").
  // Letter counts inside an address ("smith with two t's at ...") are applied in place.
  const spoken = joinSpelledLetters(
    text.replace(written, (m) => " ".repeat(m.length)).replace(ONE_WORD, (m) => ",".padEnd(m.length, " ")),
  ).replace(LETTER_COUNT, (m, word: string, count: string, letter: string) =>
    withLetterCount(word, count, letter).padEnd(m.length, " "),
  );
  const words: Word[] = [...spoken.matchAll(EMAIL_TOKEN)].map((m) => ({
    text: m[0],
    index: m.index,
  }));
  words.forEach((word, i) => {
    if (word.text.toLowerCase() !== "at") return;
    const domain = domainAfter(words, i);
    if (!domain) return;
    const local = localPartBefore(words, i);
    if (!local) return;
    // Clarifications run to the end of the next sentence at most.
    const rest = text.slice(words[domain.end]?.index ?? text.length);
    const clarification = /^[\s\S]*?[.?!](?:\s[^.?!]*[.?!]?)?/.exec(rest)?.[0] ?? rest;
    const email = applyOneWord(
      applyDigitWords(
        applySpellings(applyLetterCounts(`${local}@${domain.domain}`, clarification), clarification),
        clarification,
      ),
      clarification,
    );
    emails.push({ index: word.index, email });
  });
  return emails.sort((a, b) => a.index - b.index);
}

/** "Donna's is ...", "her email's ...": the words before an address (and its local part) that make it someone else's. */
const OTHERS_ADDRESS = new RegExp(
  String.raw`(?:\b(?:\p{Lu}\p{Ll}+|${OTHER_PEOPLE})'s (?:e-?mail|is)|\b(?:his|her|their) (?:e-?mail|address))(?:'s| is)?\s*[:,]?\s[^.?!,;]{0,40}$`,
  "u",
);

/** Of the addresses said in one turn, the last that is not said to be someone else's. */
function ownAddress(text: string, emails: { index: number; email: string }[]): string {
  const own = emails.filter((e, i) => !OTHERS_ADDRESS.test(text.slice(emails[i - 1]?.index ?? 0, e.index)));
  return ((own.length > 0 ? own : emails).at(-1) as { email: string }).email;
}

/** A turn that gives an address, read or not: "... at something dot com". */
const SAYS_ADDRESS = /@|\bat\b.*\bdot\b/i;

/**
 * The customer's email: the last one the caller says, or one the business reads back and the
 * caller confirms. An address the business gives out (its own front desk, say) is not the
 * customer's.
 */
export function customerEmail(turns: Turn[]): string | null {
  let found: string | null = null;
  let unread = false;
  turns.forEach((turn, i) => {
    const reply = turns[i + 1];
    const confirmed = reply?.speaker === "caller" && confirmsReadBack(reply.text);
    // An address the caller said in a way we could not read, which the business then says back
    // and the caller lets stand ("Sounds good"), is the business's rendering of it.
    const echoed = unread && reply?.speaker === "caller" && (confirmed || acceptsProposal(reply.text));
    const emails =
      turn.speaker === "caller"
        ? findEmails(turn.text)
        : confirmed
          ? readBackSentences(turn.text).flatMap((sentence) => findEmails(sentence))
          : [];
    if (emails.length === 0 && echoed) emails.push(...findEmails(turn.text));
    if (emails.length > 0) found = ownAddress(turn.text, emails);
    unread = turn.speaker === "caller" && emails.length === 0 && SAYS_ADDRESS.test(turn.text);
  });
  return found;
}

/** One word of a name: "Siobhán", "McAteer", "O'Halloran", "Pike-Mandeville". */
const NAME_WORD = String.raw`(?:Mc|Mac|O['’]|D['’])?\p{Lu}\p{Ll}[\p{L}'’]*(?:-\p{Lu}\p{Ll}[\p{L}'’]*)?`;
/** A name: up to three words, a particle ("Niamh Ní Bhriain") or a title ("Mrs. Greenbaum"). */
const FULL_NAME = String.raw`(?:(?:Mr|Mrs|Ms|Miss|Dr)\.?\s+)?${NAME_WORD}(?:\s+(?:(?:Ní|Nic|de|van|von|da|del|di|le|la)\s+)?${NAME_WORD}){0,2}`;
/** Capitalised words that start sentences or name days, months and places rather than people. */
const NOT_NAME =
  /^(?:Yeah|Yes|Yep|Hi|Hello|Hey|Okay|Ok|Sure|No|Um|Uh|Er|Em|Oh|Ah|Calling|Just|So|Well|Thanks|Thank|Good|Great|Also|Sorry|Perfect|Lovely|Right|Actually|And|But|The|It|This|That|We|Our|My|Not|Morning|Afternoon|Evening|Cheers|Brilliant|Fine|Sounds|Same|Both|Maybe|Probably|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|May|June|July|August|September|October|November|December|Today|Tomorrow|Tonight|In|On|At|For|With|From|To|Put|Me|Flat|Unit|Suite|Next|Last|New|North|South|East|West)\b/u;
/** Last words of places rather than people: "Wattle Crescent", "Pelican Cove". */
const PLACE_WORD =
  /\b(?:Street|St|Road|Rd|Avenue|Ave|Lane|Court|Crescent|Parade|Rise|Grove|Way|Drive|Place|Boulevard|Terrace|Close|Park|Cove|Point|Beach|Bay|Hill|Heights|Square|Gardens|Valley|Creek|City|Centre|Center|Mall|Station|Day)$/u;
/** The caller saying who they are: "I'm Ana Ruiz", "my name's ...", "this is ...", "I'm her son, Colm". */
const SAYS_OWN_NAME = new RegExp(
  String.raw`(?:\b[Mm]y name(?:'s| is)|(?<!(?:\b(?:[Hh]is|[Hh]er|[Tt]heir|[Yy]our|[Tt]he)|'s) )\b[Nn]ame(?:'s| is)|\b[Tt]his is|\b[Ii]t's|\bI'm|\bI am)\s+(?:(?:his|her|their|the) \p{Ll}+,?\s+)?(${FULL_NAME})`,
  "gu",
);
/** A sentence that is nothing but a name: "Sarah Henderson.", "Yeah. Leo Marchetti." */
const NAME_ALONE = new RegExp(String.raw`(?:^|[.?!]\s+)(${FULL_NAME})(?=\s*(?:[.?!,]|$))`, "gu");
const ASKS_NAME = /\bname|who am i speaking|who'?s calling|who is this\b/i;
/** The business naming who it called: "Is that Dimitri Kostas?", "calling for Mr. Abernathy". */
const NAMES_CALLED = new RegExp(
  String.raw`\b(?:[Ii]s (?:this|that)|calling for|speak to|speak with)\s+(${FULL_NAME})`,
  "gu",
);

const firstName = (text: string, pattern: RegExp, minWords = 1): string | null => {
  for (const m of text.matchAll(pattern)) {
    const name = m[1] as string;
    const isName = !NOT_NAME.test(name) && !PLACE_WORD.test(name) && !/\d/.test(wordsToDigits(name));
    if (isName && name.split(/\s+/).length >= minWords) return name;
  }
  return null;
};

/**
 * The customer's name: the caller's own ("I'm Joanne, his mother"), in a medical call the
 * patient's (the first name given when the business asks, or said on its own), else the name
 * the business greets on a call it made. A first name said alone takes the surname it is said
 * with elsewhere in the call.
 */
export function customerName(turns: Turn[], medical = false): string | null {
  const own: string[] = [];
  /** Names said when asked, and (two words or more) on their own, in order. */
  const given: { name: string; asked: boolean }[] = [];
  const called: string[] = [];
  turns.forEach((turn, i) => {
    if (turn.speaker === "business") {
      const name = firstName(turn.text, NAMES_CALLED);
      if (name) called.push(name);
      return;
    }
    const name = firstName(turn.text, SAYS_OWN_NAME);
    if (name) own.push(name);
    const asked = turns[i - 1]?.speaker === "business" && ASKS_NAME.test(turns[i - 1]?.text ?? "");
    const said = firstName(turn.text, NAME_ALONE, asked ? 1 : 2);
    if (said) given.push({ name: said, asked });
  });
  const answered = given.filter((g) => g.asked).map((g) => g.name);
  const alone = given.filter((g) => !g.asked).map((g) => g.name);
  const ranked = medical
    ? [...given.map((g) => g.name), ...own, ...called]
    : [...own, ...answered, ...called, ...alone];
  const name = ranked[0] ?? null;
  if (!name || /\s/.test(name)) return name;
  const fuller = new RegExp(String.raw`\b${name}\s+(${NAME_WORD})`, "u");
  for (const turn of turns) {
    const surname = fuller.exec(turn.text)?.[1];
    if (surname && !NOT_NAME.test(surname)) return `${name} ${surname}`;
  }
  return name;
}
