/** Phone numbers and email addresses as people say them on the phone. */
import { type CountryCode, parsePhoneNumberFromString } from "libphonenumber-js";
import { wordsToDigits } from "./numbers";

/** The country whose national numbers a caller in `timezone` most likely says. */
export function countryForTimezone(timezone: string): CountryCode {
  if (timezone.startsWith("Australia/")) return "AU";
  if (timezone === "Europe/London" || timezone === "Europe/Belfast") return "GB";
  if (timezone === "Europe/Dublin") return "IE";
  if (timezone.startsWith("America/Toronto") || timezone.startsWith("America/Vancouver")) return "CA";
  return "US";
}

const DIGIT_WORDS: Record<string, string> = { oh: "0", o: "0", zero: "0", nought: "0" };

/**
 * Every phone number in a text, E.164, in order. Digits may be spoken one by one ("seven
 * seven three, five five five, oh one four two"), in pairs ("forty-two"), with "double"
 * ("double five") or written ("(773) 555-0142").
 */
export function findPhones(text: string, country: CountryCode): { index: number; e164: string }[] {
  const normalised = wordsToDigits(text);
  const tokens = normalised.split(/([\s,.\-()/]+)/);
  const phones: { index: number; e164: string }[] = [];
  let digits = "";
  let startIndex = 0;
  let position = 0;
  let pendingDouble = false;
  const flush = () => {
    if (digits.length >= 7) {
      const candidates = [digits, `+${digits}`];
      for (const candidate of candidates) {
        const parsed = parsePhoneNumberFromString(candidate, country);
        if (parsed?.isValid() || (parsed?.isPossible() && digits.length >= 10)) {
          phones.push({ index: startIndex, e164: parsed.number });
          break;
        }
      }
    }
    digits = "";
    pendingDouble = false;
  };
  for (const token of tokens) {
    const lower = token.toLowerCase();
    if (/^[\s,.\-()/]+$/.test(token) || token === "") {
      if (/[.]\s/.test(token) || /\.$/.test(token)) flush();
    } else if (
      /^\d+$/.test(token) ||
      lower in DIGIT_WORDS ||
      lower === "plus" ||
      lower === "+" ||
      /^\+\d+$/.test(token)
    ) {
      if (digits === "") startIndex = position;
      const value = DIGIT_WORDS[lower] ?? token.replace(/\D/g, "");
      digits += pendingDouble ? value + value : lower === "triple" ? "" : value;
      pendingDouble = false;
    } else if (lower === "double" && digits !== "") pendingDouble = true;
    else flush();
    position += token.length;
  }
  flush();
  return phones;
}

const SPELLED = /^[a-z](?:-[a-z])+$/i;
const TLDS = /^(com|net|org|edu|gov|io|co|uk|au|ca|us|biz|info|me|nz|ie|de)$/i;

function joinSpelled(word: string): string {
  return SPELLED.test(word) ? word.replace(/-/g, "") : word;
}

/**
 * Every email address in a text, in order: written ones and spoken ones such as
 * "j o h n dot smith at gmail dot com" or "s-h-a-h dot priya at gmail dot com".
 */
export function findEmails(text: string): { index: number; email: string }[] {
  const emails: { index: number; email: string }[] = [];
  for (const m of text.matchAll(/\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b/g))
    emails.push({ index: m.index, email: m[0].toLowerCase() });
  const words = [...text.matchAll(/[A-Za-z0-9](?:[A-Za-z0-9'-]*[A-Za-z0-9])?|[,—;:]/g)];
  for (let i = 0; i < words.length; i++) {
    if ((words[i]?.[0] ?? "").toLowerCase() !== "at") continue;
    // Domain: word (dot word)+ with a known last label.
    const domain: string[] = [];
    let j = i + 1;
    while (j < words.length) {
      const w = words[j]?.[0] ?? "";
      if (!/^[a-z0-9-]+$/i.test(w)) break;
      domain.push(joinSpelled(w).toLowerCase());
      if ((words[j + 1]?.[0] ?? "").toLowerCase() !== "dot") break;
      j += 2;
    }
    if (domain.length < 2 || !TLDS.test(domain.at(-1) as string)) continue;
    // Local part, walking back: spelled letters and digits join; "dot"/"underscore" link words.
    const local: string[] = [];
    let k = i - 1;
    while (k >= 0 && (words[k]?.[0] ?? "") === ",") k--;
    let linked = true;
    while (k >= 0) {
      const w = words[k]?.[0] ?? "";
      const lower = w.toLowerCase();
      if (lower === "dot" || lower === "underscore" || lower === "dash" || lower === "hyphen") {
        local.unshift(lower === "dot" ? "." : lower === "underscore" ? "_" : "-");
        linked = true;
      } else if (/^[a-z]$/i.test(w) || SPELLED.test(w) || /^\d+$/.test(w)) {
        local.unshift(joinSpelled(w).toLowerCase());
        linked = false;
      } else if (linked && /^[a-z0-9]+$/i.test(w) && !/^(is|it's|its|at|email|address|my|and|the|it)$/i.test(w)) {
        local.unshift(lower);
        linked = false;
      } else break;
      k--;
    }
    while (local[0] && /^[._-]$/.test(local[0])) local.shift();
    if (local.length === 0) continue;
    emails.push({ index: words[i]?.index ?? 0, email: `${local.join("")}@${domain.join(".")}` });
  }
  return emails.sort((a, b) => a.index - b.index);
}
