/** The Calls page's URL filters as the `calls.list` input, and back. */
import {
  AI_PROCESSING_STATUSES,
  type AiProcessingStatus,
  CALL_STATUSES,
  type CallStatus,
  URGENCY_LEVELS,
  type UrgencyLevel,
} from "@flynn/domain/enums";
import { addDays, startOfLocalDay } from "../../lib/local-day";
import { type CallsSearch, parseList } from "./search";

export interface CallListFilters {
  search?: string;
  callStatus?: CallStatus[];
  urgencyLevel?: UrgencyLevel[];
  aiProcessingStatus?: AiProcessingStatus[];
  from?: Date;
  to?: Date;
}

/** The values of `allowed` that the URL's list names; unknown ones are dropped. */
export function knownValues<T extends string>(value: string | undefined, allowed: readonly T[]): T[] {
  return parseList(value).filter((item): item is T => (allowed as readonly string[]).includes(item));
}

/**
 * The list's input for the URL's filters: days become the instants at which they start and
 * end in the business's timezone (`to` is the start of the day after the last one).
 */
export function callListFilters(search: CallsSearch, timezone: string): CallListFilters {
  const filters: CallListFilters = {};
  if (search.q) filters.search = search.q;
  const callStatus = knownValues(search.status, CALL_STATUSES);
  if (callStatus.length > 0) filters.callStatus = callStatus;
  const urgencyLevel = knownValues(search.urgency, URGENCY_LEVELS);
  if (urgencyLevel.length > 0) filters.urgencyLevel = urgencyLevel;
  const aiProcessingStatus = knownValues(search.processing, AI_PROCESSING_STATUSES);
  if (aiProcessingStatus.length > 0) filters.aiProcessingStatus = aiProcessingStatus;
  if (search.from) filters.from = startOfLocalDay(search.from, timezone);
  if (search.to) filters.to = startOfLocalDay(addDays(search.to, 1), timezone);
  return filters;
}

/** Whether the URL narrows the list at all (an empty list then means "no match", not "no calls"). */
export function isFiltered(search: CallsSearch): boolean {
  return Object.values(search).some((value) => value !== undefined && value !== "");
}

/** The list with `value` added, or removed when it is there: a toggle's new URL value. */
export function toggled(current: string | undefined, value: string): string | undefined {
  const values = parseList(current);
  const next = values.includes(value) ? values.filter((item) => item !== value) : [...values, value];
  return next.length > 0 ? next.join(",") : undefined;
}
