/**
 * Intl formatters, built once per set of options and kept: building one costs far more than
 * using it (a new one for each day of a dashboard chart cost a first visit some 25 ms; the
 * worker renders dates in every email). Flynn writes American English everywhere.
 */

const LOCALE = "en-US";
/** More distinct option sets than any page or email uses; past it the cache starts over. */
const MAX_KEPT = 500;

function memoized<F, O>(build: (options: O) => F): (options: O) => F {
  const kept = new Map<string, F>();
  return (options) => {
    const key = JSON.stringify(options);
    let found = kept.get(key);
    if (!found) {
      // Throws (RangeError) for an unknown time zone or currency, and keeps nothing.
      found = build(options);
      if (kept.size >= MAX_KEPT) kept.clear();
      kept.set(key, found);
    }
    return found;
  };
}

/** `new Intl.DateTimeFormat("en-US", options)`, shared. */
export const dateTimeFormat = memoized(
  (options: Intl.DateTimeFormatOptions) => new Intl.DateTimeFormat(LOCALE, options),
);

/** `new Intl.NumberFormat("en-US", options)`, shared. */
export const numberFormat = memoized((options: Intl.NumberFormatOptions) => new Intl.NumberFormat(LOCALE, options));
