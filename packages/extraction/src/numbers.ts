/** Spoken numbers -> digits, so that later rules see "4 45", "1800" and "7 7 3" instead of words. */
import { remembered } from "./memo";

const UNITS: Record<string, number> = {
  zero: 0,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  thirteen: 13,
  fourteen: 14,
  fifteen: 15,
  sixteen: 16,
  seventeen: 17,
  eighteen: 18,
  nineteen: 19,
};
const TENS: Record<string, number> = {
  twenty: 20,
  thirty: 30,
  forty: 40,
  fifty: 50,
  sixty: 60,
  seventy: 70,
  eighty: 80,
  ninety: 90,
};
const ORDINALS: Record<string, number> = {
  first: 1,
  second: 2,
  third: 3,
  fourth: 4,
  fifth: 5,
  sixth: 6,
  seventh: 7,
  eighth: 8,
  ninth: 9,
  tenth: 10,
  eleventh: 11,
  twelfth: 12,
  thirteenth: 13,
  fourteenth: 14,
  fifteenth: 15,
  sixteenth: 16,
  seventeenth: 17,
  eighteenth: 18,
  nineteenth: 19,
  twentieth: 20,
  thirtieth: 30,
};

const UNIT_THEN_NUMBER = new RegExp(
  String.raw`\b(${Object.keys(UNITS).join("|")})-(?=(?:${[...Object.keys(UNITS), ...Object.keys(TENS)].join("|")})\b)`,
  "gi",
);

function ordinalSuffix(n: number): string {
  if (n % 100 >= 11 && n % 100 <= 13) return "th";
  return ["th", "st", "nd", "rd"][n % 10] ?? "th";
}

/** One number word or hyphenated compound ("forty-five", "twenty-first") -> value, else null. */
function wordValue(word: string): { value: number; ordinal: boolean } | null {
  const w = word.toLowerCase();
  if (Object.hasOwn(UNITS, w)) return { value: UNITS[w] as number, ordinal: false };
  if (Object.hasOwn(TENS, w)) return { value: TENS[w] as number, ordinal: false };
  if (Object.hasOwn(ORDINALS, w)) return { value: ORDINALS[w] as number, ordinal: true };
  const compound = /^([a-z]+)-([a-z]+)$/.exec(w);
  if (compound) {
    const tens = Object.hasOwn(TENS, compound[1] as string) ? TENS[compound[1] as string] : undefined;
    const rest = compound[2] as string;
    if (tens !== undefined && Object.hasOwn(UNITS, rest) && (UNITS[rest] as number) < 10)
      return { value: tens + (UNITS[rest] as number), ordinal: false };
    if (tens !== undefined && Object.hasOwn(ORDINALS, rest) && (ORDINALS[rest] as number) < 10)
      return { value: tens + (ORDINALS[rest] as number), ordinal: true };
  }
  return null;
}

const NUMBER_TOKEN = String.raw`(\d{1,2}|[A-Za-z]+(?:-[A-Za-z]+)?)`;
/** "eight to twelve thousand", "between 8 and 12 thousand", "two or three hundred": a range whose ends share one multiplier. */
const SHARED_MULTIPLIER = new RegExp(
  String.raw`(\bbetween\s+)?\b${NUMBER_TOKEN}(\s+(?:and|to|or)\s+|\s*-\s*)${NUMBER_TOKEN}\s+(hundred|thousand)\b`,
  "gi",
);

function smallNumber(token: string): number | null {
  if (/^\d+$/.test(token)) return Number(token);
  const word = wordValue(token);
  return word && !word.ordinal ? word.value : null;
}

/** Both ends of such a range at the size the multiplier gives them, in digits. */
function shareMultiplier(text: string): string {
  return text.replace(
    SHARED_MULTIPLIER,
    (said, between: string | undefined, low: string, joint: string, high: string, multiplier: string) => {
      const from = smallNumber(low);
      const to = smallNumber(high);
      // "two hundred and fifty" is one number; "and" joins a range only after "between".
      const isRange = from !== null && to !== null && from >= 1 && from < to && to < 100;
      if (!isRange || (/and/i.test(joint) && !between)) return said;
      const size = /hundred/i.test(multiplier) ? 100 : 1000;
      return `${between ?? ""}${from * size}${joint}${to * size}`;
    },
  );
}

/**
 * Replaces number words by digits. "hundred"/"thousand" multiply ("eighteen hundred" ->
 * 1800, "two thousand five hundred" -> 2500, "eight and a half thousand" -> 8500); other
 * neighbouring numbers stay separate tokens ("four forty-five" -> "4 45"), because whether
 * that is a time, a price or digits of a phone number depends on context that only the
 * later rules know. A hyphen after a number under twenty joins two numbers said together
 * ("two-fifty", "four-thirty" -> "2 50", "4 30"), not tens and units.
 */
export const wordsToDigits = remembered(function wordsToDigits(text: string): string {
  const parts = shareMultiplier(text.replace(UNIT_THEN_NUMBER, "$1 ")).split(/(\b[A-Za-z]+(?:-[A-Za-z]+)?\b)/);
  const out: string[] = [];
  let i = 0;
  while (i < parts.length) {
    const part = parts[i] as string;
    const first = i % 2 === 1 ? wordValue(part) : null;
    const isA =
      i % 2 === 1 &&
      /^an?$/i.test(part) &&
      /^\s+$/.test(parts[i + 1] ?? "") &&
      /^(hundred|thousand)$/i.test(parts[i + 2] ?? "");
    // "hundred and forty for the valve": a hundred said without "a" before the rest of the number.
    const bareHundred =
      i % 2 === 1 &&
      /^hundred$/i.test(part) &&
      /^\s+$/.test(parts[i + 1] ?? "") &&
      /^and$/i.test(parts[i + 2] ?? "") &&
      /^\s+$/.test(parts[i + 3] ?? "") &&
      wordValue(parts[i + 4] ?? "") !== null;
    if (!first && !isA && !bareHundred) {
      out.push(part);
      i++;
      continue;
    }
    let total = 0;
    let current = bareHundred ? 100 : isA ? 1 : (first as { value: number }).value;
    let ordinal = first?.ordinal ?? false;
    let j = i + 2;
    // Extend across "hundred", "thousand", "and" and a tens+unit pair ("twenty five").
    while (j < parts.length && /^[\s]+$/.test(parts[j - 1] ?? "")) {
      const word = (parts[j] as string).toLowerCase();
      if (word === "hundred") current *= 100;
      else if (word === "thousand") {
        total += current * 1000;
        current = 0;
      } else if (
        word === "and" &&
        !ordinal &&
        current > 0 &&
        current < 100 &&
        /^a$/i.test(parts[j + 2] ?? "") &&
        /^half$/i.test(parts[j + 4] ?? "") &&
        /^(hundred|thousand)$/i.test(parts[j + 6] ?? "") &&
        [1, 3, 5].every((gap) => /^\s+$/.test(parts[j + gap] ?? ""))
      ) {
        // "eight and a half thousand"
        total += (current + 0.5) * (/^thousand$/i.test(parts[j + 6] as string) ? 1000 : 100);
        current = 0;
        j += 8;
        continue;
      } else if (
        word === "and" &&
        current >= 100 &&
        wordValue(parts[j + 2] ?? "") &&
        /^\s+$/.test(parts[j + 1] ?? "")
      ) {
        // "a hundred and fifty"
      } else {
        const next = wordValue(word);
        const lastIsTens = current % 100 !== 0 && current % 10 === 0 && current % 100 >= 20;
        const afterMultiplier = (current >= 100 && current % 100 === 0) || (current === 0 && total > 0);
        if (next && !ordinal && ((lastIsTens && next.value < 10) || (afterMultiplier && next.value < 100))) {
          current += next.value;
          ordinal = next.ordinal;
        } else break;
      }
      j += 2;
    }
    const value = total + current;
    out.push(ordinal ? `${value}${ordinalSuffix(value)}` : String(value));
    i = j - 1;
  }
  return out.join("");
});
