/**
 * Reading list filters from the URL (`?status=sent&q=smith`). A hand-edited or stale link must
 * never break a page: what cannot be read is dropped, as if the filter were not set. The
 * router keeps these checks small (it is in the first download); a page narrows a value to
 * its enum list with `oneOf`, where that list is loaded anyway.
 */
import { isDay } from "./local-day";

/** Trimmed text, at most `max` characters; blank is unset. */
export function searchText(value: unknown, max = 200): string | undefined {
  if (typeof value !== "string" && typeof value !== "number") return undefined;
  const text = String(value).trim().slice(0, max);
  return text === "" ? undefined : text;
}

/** A calendar day, "YYYY-MM-DD". */
export function searchDay(value: unknown): string | undefined {
  return isDay(value) ? value : undefined;
}

/** One of `choices` (also numbers, which the router may have parsed from the URL). */
export function oneOf<T extends string | number>(value: unknown, choices: readonly T[]): T | undefined {
  return choices.find((choice) => choice === value || String(choice) === value);
}
